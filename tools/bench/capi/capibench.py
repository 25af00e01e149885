# The Python side of tools/bench/capi/run; the same code runs on pyvm and on CPython 3.13.
#   capibench.py call CALLS REPEAT       per-call time (ns) of benchext's functions: the fastest of REPEAT loops of
#                                        CALLS calls each; one line "name ns" per function
#   capibench.py loop CASE CALLS         runs the loop of one call-cost case once (for instruction counts)
#   capibench.py par MODULE THREADS CALLS ROUNDS
#                                        MODULE.work(seed, ROUNDS) CALLS times in each of THREADS threads at once;
#                                        prints "seconds cpu_seconds wrong": wall and process CPU time of the threaded
#                                        part, and in how many threads the sum of the results differs from a serial
#                                        run's
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


def timed(loop, n, fn, repeat):
    """The best of `repeat` timings of n calls, in ns per call (short loops, and the fastest of them, are the least
    disturbed by other processes on a busy machine)."""
    loop(n // 10, fn)  # warm up
    best = None
    for _ in range(repeat):
        start = time.perf_counter()
        loop(n, fn)
        t = time.perf_counter() - start
        best = t if best is None or t < best else best
    return best / n * 1e9


def call_cases():
    import benchext
    if benchext.add(40, 2) != 42:
        raise SystemExit("benchext.add(40, 2) != 42")
    return [("loop", loop_empty, None), ("add(1,2)", loop_add, benchext.add), ("f()", loop_f0, benchext.f),
            ("f(1,2,3)", loop_f3, benchext.f), ("o(1)", loop_o, benchext.o), ("n()", loop_n, benchext.n)]


def call_cost(calls, repeat):
    for name, loop, fn in call_cases():
        print(name, f"{timed(loop, calls, fn, repeat):.2f}")


def one_loop(case, calls):
    """Runs one case's loop once, untimed (the runner counts its instructions under callgrind)."""
    for name, loop, fn in call_cases():
        if name == case:
            loop(calls, fn)
            return
    raise SystemExit(f"capibench.py: unknown case {case!r}")


SEEDS = 16  # work() cycles through seeds 0..15; their results, computed once serially, check every call's


def par_body(t, work, rounds, calls, sync, totals):
    """Thread t: sums work((i + t) % 16, rounds) over i < calls. Besides the function itself it shares no object with
    the other threads (its own int for `rounds`, its own running total), so the loop measures the extension call."""
    r = int(str(rounds))
    count_lock, ready, go, started, nthreads = sync
    with count_lock:
        started[0] += 1
        if started[0] == nthreads:
            ready.release()
    go.acquire()  # wait for the start signal, then pass it on
    go.release()
    total = 0
    for i in range(calls):
        total += work((i + t) & 15, r)
    totals[t] = total


def parallel(modname, threads, calls, rounds):
    work = __import__(modname).work
    expected = [work(s, rounds) for s in range(SEEDS)]
    totals = [None] * threads
    ready = _thread.allocate_lock()
    ready.acquire()
    go = _thread.allocate_lock()
    go.acquire()
    sync = (_thread.allocate_lock(), ready, go, [0], threads)
    handles = [_thread.start_joinable_thread(lambda t=t: par_body(t, work, rounds, calls, sync, totals))
               for t in range(threads)]
    ready.acquire()  # every thread is up and waiting on `go`
    cpu = time.process_time()
    start = time.perf_counter()
    go.release()
    for h in handles:
        h.join()
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu
    wrong = sum(totals[t] != sum(expected[(i + t) & 15] for i in range(calls)) for t in range(threads))
    print(f"{elapsed:.6f} {cpu:.6f} {wrong}")


def main(argv):
    if argv[1] == "call":
        call_cost(int(argv[2]), int(argv[3]))
    elif argv[1] == "loop":
        one_loop(argv[2], int(argv[3]))
    elif argv[1] == "par":
        parallel(argv[2], int(argv[3]), int(argv[4]), int(argv[5]))
    else:
        raise SystemExit(f"capibench.py: unknown mode {argv[1]!r}")


main(sys.argv)
