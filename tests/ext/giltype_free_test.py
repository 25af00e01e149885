# giltype's twin declares Py_MOD_GIL_NOT_USED: no warning, and the same entry points, hammered from 4 threads,
# overlap (nothing serialises them), which is what makes giltype_test's exact count meaningful.
import threading, time, warnings
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    import giltype_free as m
print("warnings:", len(w))

stop = time.monotonic() + 20
def work():
    c = m.Counter()
    s = m.StaticCounter()
    while not m.overlapped() and time.monotonic() < stop:
        for _ in range(50):
            c.bump()
            c()
            s.bump()

ts = [threading.Thread(target=work) for _ in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("overlapped:", m.overlapped())
