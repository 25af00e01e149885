# The cycle collector against running threads: workers build cycles (instances, dicts, lists, thread-locals, ones
# with __del__ and weak-reference callbacks) and mutate shared containers, while another thread calls gc.collect()
# over and over. Every cycle must be freed exactly once, finalizers run once, and the shared data stays intact.
import gc
import threading
import time
import weakref

WORKERS = 4
ROUNDS = 300

shared = {"list": [], "dict": {}}
lock = threading.Lock()
finalized = []
callbacks = []
stop = threading.Event()


class Node:
    def __init__(self, tag):
        self.tag = tag
        self.peer = None


class Fin(Node):
    def __del__(self):
        finalized.append(self.tag)


def worker(t):
    local = threading.local()
    refs = []
    for i in range(ROUNDS):
        a = Fin((t, i)) if i % 10 == 0 else Node((t, i))
        b = Node((t, i))
        a.peer, b.peer = b, a
        a.d = {"a": a, "l": [b, (a,)]}
        if i % 7 == 0:
            local.keep = a  # replaced next time: the old one becomes garbage
        refs.append(weakref.ref(b, lambda r, tag=(t, i): callbacks.append(tag)))
        with lock:
            shared["list"].append((t, i))
            shared["dict"][(t, i)] = [t, i]
            if len(shared["list"]) > 50:
                k = shared["list"].pop(0)
                del shared["dict"][k]
        del a, b
    del local
    return refs


results = [None] * WORKERS


def run(t):
    results[t] = worker(t)


def collector():
    n = 0
    while not stop.is_set():
        gc.collect()
        n += 1
        time.sleep(0.0005)  # let the workers run between collections (each one stops them all)
    collector.runs = n


c = threading.Thread(target=collector)
c.start()
ts = [threading.Thread(target=run, args=(t,)) for t in range(WORKERS)]
for t in ts:
    t.start()
for t in ts:
    t.join()
stop.set()
c.join()
gc.collect()
gc.collect()
alive = sum(1 for refs in results for r in refs if r() is not None)
print("collector ran:", collector.runs > 0)
print("cycles left alive:", alive)
print("finalizers:", len(finalized), len(set(finalized)) == len(finalized))
print("callbacks:", len(callbacks), len(set(callbacks)) == len(callbacks))
print("shared intact:", len(shared["list"]) == len(shared["dict"]) and all(shared["dict"][k] == list(k) for k in shared["list"]))
