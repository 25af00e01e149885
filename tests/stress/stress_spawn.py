# Threads created and joined in a loop: 10,000 threads over the run, 8 at a time, each returning through a list.
import _thread

TOTAL = 10000
BATCH = 8
results = []
lock = _thread.allocate_lock()

def job(n):
    x = [n] * 3
    with lock:
        results.append(sum(x))

started = 0
while started < TOTAL:
    hs = [_thread.start_joinable_thread(lambda n=n: job(n)) for n in range(started, min(started + BATCH, TOTAL))]
    started += len(hs)
    for h in hs:
        h.join()
        assert h.is_done()
print("threads:", started)
print("results:", len(results), sum(results) == 3 * TOTAL * (TOTAL - 1) // 2)
print("running now:", _thread._count())
