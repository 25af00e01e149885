# Producers and consumers share _queue.SimpleQueue objects: blocking get, get with a timeout, get_nowait, qsize and
# empty race with put from many threads; finalizers put reentrantly while the collector runs in other threads.
import _queue
import gc
import threading

PRODUCERS = 4
CONSUMERS = 4
ITEMS = 5000  # per producer
STOP = object()

q = _queue.SimpleQueue()
errors = []
got = [[] for _ in range(CONSUMERS)]


def produce(p):
    try:
        for i in range(ITEMS):
            q.put((p, i))
            if i % 1000 == 0:
                q.qsize()
                q.empty()
    except Exception as e:
        errors.append(repr(e))


def consume(c):
    try:
        mine = got[c]
        n = 0
        while True:
            n += 1
            if n % 3 == 0:
                try:
                    item = q.get_nowait()
                except _queue.Empty:
                    continue
            elif n % 3 == 1:
                try:
                    item = q.get(timeout=0.001)
                except _queue.Empty:
                    continue
            else:
                item = q.get()
            if item is STOP:
                return
            mine.append(item)
    except Exception as e:
        errors.append(repr(e))


producers = [threading.Thread(target=produce, args=(p,)) for p in range(PRODUCERS)]
consumers = [threading.Thread(target=consume, args=(c,)) for c in range(CONSUMERS)]
for t in producers + consumers:
    t.start()
for t in producers:
    t.join()
for _ in consumers:
    q.put(STOP)
for t in consumers:
    t.join()

print("errors:", errors)
allitems = [x for g in got for x in g]
print("items:", len(allitems), "distinct:", len(set(allitems)))
# each consumer saw each producer's items in order (FIFO)
ordered = all([i for (p, i) in g if p == prod] == sorted(i for (p, i) in g if p == prod)
              for g in got for prod in range(PRODUCERS))
print("per-producer order kept:", ordered)
print("empty after:", q.empty(), q.qsize())

# Finalizers that put while other threads put, get and collect.
q2 = _queue.SimpleQueue()


class Cycle:
    def __init__(self, n):
        self.me = self
        self.n = n

    def __del__(self):
        q2.put(("del", self.n))


def churn(t):
    try:
        for i in range(2000):
            Cycle(t * 100000 + i)
            q2.put(("put", t, i))
            if i % 250 == 0:
                gc.collect()
    except Exception as e:
        errors.append(repr(e))


threads = [threading.Thread(target=churn, args=(t,)) for t in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
gc.collect()
puts = dels = 0
while True:
    try:
        kind = q2.get_nowait()[0]
    except _queue.Empty:
        break
    if kind == "put":
        puts += 1
    else:
        dels += 1
print("errors:", errors)
print("puts:", puts, "finalizers:", dels)
