# The standard library's threading layer on free threads: Thread, Lock/RLock/Condition/Event/Semaphore/Barrier,
# threading.local, excepthook, queue.Queue and concurrent.futures.ThreadPoolExecutor, all unmodified.
import threading
import queue
from concurrent.futures import ThreadPoolExecutor

# Producer/consumer through a queue.
q = queue.Queue(maxsize=64)
totals = []
def producer(base):
    for i in range(2000):
        q.put(base + i)
def consumer():
    s = 0
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            break
        s += item
        q.task_done()
    totals.append(s)
producers = [threading.Thread(target=producer, args=(k * 100000,)) for k in range(4)]
consumers = [threading.Thread(target=consumer) for _ in range(3)]
for t in producers + consumers:
    t.start()
for t in producers:
    t.join()
for _ in consumers:
    q.put(None)
q.join()
for t in consumers:
    t.join()
print("queue total:", sum(totals) == sum(k * 100000 * 2000 + 1999 * 2000 // 2 for k in range(4)))

# Condition + counter, Event, Semaphore, Barrier.
cond = threading.Condition()
count = 0
def bump():
    global count
    for _ in range(1000):
        with cond:
            count += 1
            cond.notify_all()
ts = [threading.Thread(target=bump) for _ in range(6)]
for t in ts:
    t.start()
with cond:
    cond.wait_for(lambda: count == 6000, timeout=60)
for t in ts:
    t.join()
print("condition count:", count)

ev = threading.Event()
seen = []
def waiter(i):
    ev.wait()
    seen.append(i)
ws = [threading.Thread(target=waiter, args=(i,)) for i in range(5)]
for w in ws:
    w.start()
ev.set()
for w in ws:
    w.join()
print("event woke:", sorted(seen))

sem = threading.BoundedSemaphore(2)
inside = 0
peak = 0
lock = threading.Lock()
def limited():
    global inside, peak
    with sem:
        with lock:
            inside += 1
            peak = max(peak, inside)
        for _ in range(2000):
            pass
        with lock:
            inside -= 1
ts = [threading.Thread(target=limited) for _ in range(8)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("semaphore peak <= 2:", peak <= 2)

barrier = threading.Barrier(4)
order = []
def at_barrier(i):
    order.append(("before", i))
    barrier.wait()
    order.append(("after", i))
ts = [threading.Thread(target=at_barrier, args=(i,)) for i in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("barrier:", all(o[0] == "before" for o in order[:4]) and all(o[0] == "after" for o in order[4:]))

# threading.local and RLock
local = threading.local()
results = {}
rl = threading.RLock()
def use_local(i):
    local.value = i
    with rl:
        with rl:
            results[i] = local.value
ts = [threading.Thread(target=use_local, args=(i,)) for i in range(8)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("locals:", results == {i: i for i in range(8)}, hasattr(local, "value"))

# excepthook: named threads, reports in a fixed order
def boom(n):
    raise ValueError(f"thread {n} failed")
for n in range(2):
    t = threading.Thread(target=boom, args=(n,), name=f"worker-{n}")
    t.start()
    t.join()

# ThreadPoolExecutor
def square(x):
    return x * x
with ThreadPoolExecutor(max_workers=4) as ex:
    print("pool:", sum(ex.map(square, range(1000))))
    fut = ex.submit(boom, 9)
    print("future exception:", repr(fut.exception()))
print("threads left:", threading.active_count())
