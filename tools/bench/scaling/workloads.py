# Thread-scaling workloads (issue 6): every one of N threads runs the same pure-Python CPU-bound loop.
# Usage: workloads.py WORKLOAD NTHREADS ITERATIONS  -> prints the wall time of the threaded part in seconds.
import _thread
import sys
import time


def shared_function(a, b):
    return a + b


class Shared:
    def __init__(self):
        self.a = 1
        self.b = 2

    def inc(self):
        self.a += 1
        return self.a


SHARED_DICT = {i: i for i in range(128)}
SHARED_LIST = list(range(128))
SHARED_OBJ = Shared()


def loop_arith(n):
    x = 0
    for i in range(n):
        x += i * i % 7
    return x


def alloc_small(n):
    keep = None
    for i in range(n):
        keep = (i, [i], {"k": i})
    return keep


def call_shared(n):
    s = 0
    f = shared_function
    for i in range(n):
        s = shared_function(s, 1)
    return s


def read_shared(n):
    s = 0
    d = SHARED_DICT
    lst = SHARED_LIST
    for i in range(n):
        j = i & 127
        s += d[j] + lst[j]
    return s


def attr_reads(n):
    s = 0
    o = SHARED_OBJ
    for i in range(n):
        s += o.a + o.b
    return s


def method_calls(n):
    c = Shared()
    for i in range(n):
        c.inc()
    return c.a


def string_build(n):
    parts = []
    for i in range(n):
        parts.append(str(i) + "-")
        if len(parts) == 1000:
            "".join(parts)
            parts = []
    return "".join(parts)


WORKLOADS = {
    "loop_arith": (loop_arith, 1.0),
    "alloc_small": (alloc_small, 0.5),
    "call_shared": (call_shared, 0.7),
    "read_shared": (read_shared, 0.7),
    "attr_reads": (attr_reads, 0.8),
    "method_calls": (method_calls, 0.5),
    "string_build": (string_build, 0.5),
}


def main():
    name, nthreads, iterations = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    fn, scale = WORKLOADS[name]
    n = int(iterations * scale)
    fn(1000)  # warm up
    t0 = time.perf_counter()
    handles = [_thread.start_joinable_thread(lambda: fn(n)) for _ in range(nthreads)]
    for h in handles:
        h.join()
    print(f"{time.perf_counter() - t0:.6f}")


main()
