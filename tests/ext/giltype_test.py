# A module without Py_mod_gil whose types (a heap type from PyType_FromModuleAndSpec and a static type readied by
# PyType_Ready in its Py_mod_exec) run under the module's lock: slots (tp_new, tp_init, tp_call, nb_add, tp_repr,
# sq_length, tp_dealloc), methods and a getset all increment one plain C counter non-atomically, from 4 threads at
# once, and the count comes out exact with no overlap. A Python subclass inherits the locked slots. A method that
# releases the thread (Py_BEGIN_ALLOW_THREADS) lets another thread into the module meanwhile.
import threading, time, warnings
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    import giltype as m
for x in w:
    print(x.category.__name__, "giltype" in str(x.message), "GIL" in str(x.message))

N, R = 4, 500
barrier = threading.Barrier(N)

def work():
    barrier.wait()
    c = m.Counter()            # tp_new: 1
    s = m.StaticCounter()      # tp_init: 1
    for _ in range(R):         # 8 a round
        c.bump()
        c()
        c + 1
        repr(c)
        len(c)
        c.tick
        s.bump()
        m.Counter()            # tp_new, then tp_dealloc
    del c, s

ts = [threading.Thread(target=work) for _ in range(N)]
for t in ts:
    t.start()
for t in ts:
    t.join()
expected = N * (2 + 8 * R)
print("count exact:", m.count() == expected, m.count())
print("deallocs:", m.deallocs() == N * (R + 2))
print("overlapped:", m.overlapped())

class Sub(m.Counter):
    pass
before = m.count()
sub = Sub()
sub.bump()
sub()
print("subclass:", m.count() - before, repr(sub))

# Py_BEGIN_ALLOW_THREADS inside a method releases the module's lock: another thread's ping() gets in meanwhile.
c = m.Counter()
done = threading.Event()
def pinger():
    while not done.is_set():
        c.ping()
        time.sleep(0.001)
p = threading.Thread(target=pinger)
p.start()
print("ping while released:", c.wait_for_ping(10.0))
done.set()
p.join()
