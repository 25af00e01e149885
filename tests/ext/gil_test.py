# A module without Py_mod_gil: it loads with a RuntimeWarning naming it, and its functions run under the module's
# own lock, so enter() never sees two threads at once even when called from several threads.
import threading, warnings
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    import gilmod
for x in w:
    print(x.category.__name__, "gilmod" in str(x.message), "GIL" in str(x.message))
def work():
    for _ in range(300):
        gilmod.enter()
ts = [threading.Thread(target=work) for _ in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("overlapped:", gilmod.overlapped())
