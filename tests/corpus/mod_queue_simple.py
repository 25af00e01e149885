import _queue, queue, threading, weakref, gc
q=_queue.SimpleQueue()
for args in [(False,-1),(True,-1),(True,'x'),(True,float('nan')),(True,1e300),(True,10**20),(True,0),(True,0.001)]:
    try: q.get(*args)
    except Exception as e: print(args, type(e).__name__, e, e.args)
try: _queue.SimpleQueue(1)
except Exception as e: print(type(e).__name__, e)
try: _queue.SimpleQueue(a=1)
except Exception as e: print(type(e).__name__, e)
class S(_queue.SimpleQueue):
    def __init__(self, *a): self.a = a
s = S(1,2); print(s.qsize(), s.a, isinstance(s, _queue.SimpleQueue))
class T(_queue.SimpleQueue): pass
try: T(1)
except Exception as e: print(type(e).__name__, e)
print(_queue.Empty.__mro__, _queue.Empty.__module__)
print(_queue.SimpleQueue[int], q.put(1, False, 3), q.put(item=2), q.put_nowait(item=3), q.get(block=True, timeout=1), q.get(False), q.get_nowait())
for bad in [lambda: q.get(1,2,3), lambda: q.put(), lambda: q.put(1,2,3,4), lambda: q.put_nowait(1, 2), lambda: q.get_nowait(1), lambda: q.qsize(1)]:
    try: bad()
    except Exception as e: print(type(e).__name__, e)
import pickle, copy
for f in (pickle.dumps, copy.copy):
    try: f(q)
    except Exception as e: print(type(e).__name__, e)
print(type(q).__module__, q == q, gc.is_tracked(q), weakref.ref(q)() is q)
print(queue.SimpleQueue is _queue.SimpleQueue, queue.Empty is _queue.Empty)
# a cycle through the queue is collected
class C: pass
c = C(); c.q = _queue.SimpleQueue(); c.q.put(c); r = weakref.ref(c); del c; gc.collect(); print("cycle collected:", r() is None)
# threads
q = _queue.SimpleQueue(); out = []
def cons():
    while (v := q.get()) is not None: out.append(v)
ts = [threading.Thread(target=cons) for _ in range(4)]
for t in ts: t.start()
for i in range(20000): q.put(i)
for t in ts: q.put(None)
for t in ts: t.join()
print(len(out), sorted(out) == list(range(20000)), q.empty(), q.qsize())
# timeout wait is woken by a put from another thread
q = _queue.SimpleQueue()
threading.Timer(0.05, q.put, ("late",)).start()
print(q.get(timeout=10))
# signal handler interrupting get on the main thread
import signal
def h(*a): raise KeyboardInterrupt("handled")
import os
signal.signal(signal.SIGUSR1, h); threading.Timer(0.1, os.kill, (os.getpid(), signal.SIGUSR1)).start()
try: q.get()
except KeyboardInterrupt as e: print("interrupted:", e)
# argument-count messages name the type by its qualified name
import collections, io
for f in [lambda: [].append(), lambda: threading.Lock().locked(1), lambda: _queue.SimpleQueue().qsize(1),
          lambda: collections.deque().clear(1), lambda: io.BytesIO().getvalue(1), lambda: dict.fromkeys(),
          lambda: (1).bit_length(2), lambda: _queue.SimpleQueue.qsize(_queue.SimpleQueue(), 1)]:
    try: f()
    except TypeError as e: print(e)
class L(list): pass
try: L().append()
except TypeError as e: print(e)
# the default reduction refuses objects with C-level state it cannot see, and only those
class P: pass
class Q:
    __slots__ = ('a', 'b')
    def __init__(self): self.a = 1; self.b = 2
class R(int): pass
class D(dict): pass
class LL(list): pass
class SQ(_queue.SimpleQueue): pass
import datetime, fractions
for o in [P(), Q(), R(5), D(a=1), LL([1]), collections.deque([1]), fractions.Fraction(1, 3), datetime.date(2020, 1, 1),
          threading.Lock(), threading.RLock(), _queue.SimpleQueue(), SQ(), io.BytesIO(b"x"), range(3), frozenset([1]),
          bytearray(b"x"), object()]:
    for fn in (pickle.dumps, copy.copy, copy.deepcopy):
        try:
            fn(o)
            print(type(o).__name__, "ok")
        except Exception as e:
            print(type(o).__name__, type(e).__name__, e)
# sets and bound methods reduce as CPython's do
class S(set): pass
s = S([1]); s.x = 1
print(set([1, 2]).__reduce__(), frozenset([3]).__reduce__(), s.__reduce__())
print(copy.deepcopy(frozenset([1, 2])), copy.deepcopy(s), copy.deepcopy(s).x)
class M:
    def m(self): return 42
r = M().m.__reduce__()
print(r[0], r[1][1], pickle.loads(pickle.dumps(M().m))())
