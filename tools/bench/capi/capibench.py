# The Python side of tools/bench/capi/run; the same code runs on pyvm and on CPython 3.13.
#   capibench.py call CALLS              per-call time (ns) of benchext's functions, the best of 5 loops of CALLS
#                                        calls each; one line "name ns" per function
#   capibench.py par MODULE THREADS CALLS ROUNDS
#                                        MODULE.work(seed, ROUNDS) CALLS times in each of THREADS threads at once;
#                                        prints "seconds cpu_seconds wrong": wall and process CPU time of the threaded
#                                        part, and how many results differ from a serial run's
# The folder holding the built extensions comes first on sys.path (the runner passes it in PYTHONPATH).
import _thread
import sys
import time


def loop_empty(n, fn):
    for _ in range(n):
        pass


def loop_add(n, fn):
    for _ in range(n):
        fn(1, 2)


def loop_f0(n, fn):
    for _ in range(n):
        fn()


def loop_f3(n, fn):
    for _ in range(n):
        fn(1, 2, 3)


def loop_o(n, fn):
    for _ in range(n):
        fn(1)


def loop_n(n, fn):
    for _ in range(n):
        fn()


def timed(loop, n, fn, repeat=5):
    """The best of `repeat` timings of n calls, in ns per call (the best one is the least disturbed by preemption)."""
    loop(n // 10, fn)  # warm up
    best = None
    for _ in range(repeat):
        start = time.perf_counter()
        loop(n, fn)
        t = time.perf_counter() - start
        best = t if best is None or t < best else best
    return best / n * 1e9


def call_cost(calls):
    import benchext
    if benchext.add(40, 2) != 42:
        raise SystemExit("benchext.add(40, 2) != 42")
    cases = [("loop", loop_empty, None), ("add(1,2)", loop_add, benchext.add), ("f()", loop_f0, benchext.f),
             ("f(1,2,3)", loop_f3, benchext.f), ("o(1)", loop_o, benchext.o), ("n()", loop_n, benchext.n)]
    for name, loop, fn in cases:
        print(name, f"{timed(loop, calls, fn):.2f}")


SEEDS = 16


def parallel(modname, threads, calls, rounds):
    mod = __import__(modname)
    work = mod.work
    expected = [work(s, rounds) for s in range(SEEDS)]
    wrong = [0] * threads
    ready = _thread.allocate_lock()
    ready.acquire()
    started = [0]
    count_lock = _thread.allocate_lock()
    go = _thread.allocate_lock()
    go.acquire()

    def body(t):
        bad = 0
        with count_lock:
            started[0] += 1
            if started[0] == threads:
                ready.release()
        go.acquire()
        go.release()
        for i in range(calls):
            s = (i + t) % SEEDS
            if work(s, rounds) != expected[s]:
                bad += 1
        wrong[t] = bad

    handles = [_thread.start_joinable_thread(lambda t=t: body(t)) for t in range(threads)]
    ready.acquire()  # every thread is up and waiting on `go`
    cpu = time.process_time()
    start = time.perf_counter()
    go.release()
    for h in handles:
        h.join()
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu
    print(f"{elapsed:.6f} {cpu:.6f} {sum(wrong)}")


def main(argv):
    if argv[1] == "call":
        call_cost(int(argv[2]))
    elif argv[1] == "par":
        parallel(argv[2], int(argv[3]), int(argv[4]), int(argv[5]))
    else:
        raise SystemExit(f"capibench.py: unknown mode {argv[1]!r}")


main(sys.argv)
