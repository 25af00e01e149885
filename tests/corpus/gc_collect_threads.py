# gc.collect() frees an object whose last reference was dropped by a thread other than its creator while the
# creator is blocked (pyvm: the dropped count waits in the creator's merge queue; collect() merges every queue).
import gc
import queue
import threading
import weakref


class Obj:
    pass


requests, results = queue.Queue(), queue.Queue()
released = threading.Event()  # the worker no longer holds the list it put (its call to put() has returned)


def worker():
    while True:
        n = requests.get()
        if n is None:
            return
        results.put([Obj() for _ in range(n)])
        released.set()


t = threading.Thread(target=worker)
t.start()
for n in (1, 5, 50):
    requests.put(n)
    objs = results.get()
    released.wait()
    released.clear()
    refs = [weakref.ref(o) for o in objs]
    del objs
    gc.collect()
    print(n, "alive after collect:", sum(r() is not None for r in refs))
# Objects that die while their creator is blocked can still have finalizers that run Python code.
class Fin:
    def __del__(self):
        print("finalized")


requests.put(0)
results.get()
released.wait()
box = []
def make():
    box.append(Fin())
    requests.get()
t2 = threading.Thread(target=make)
t2.start()
while not box:
    pass
box.clear()
gc.collect()
requests.put(None)  # one for each thread waiting on the queue
requests.put(None)
t2.join()
t.join()
print("done")
