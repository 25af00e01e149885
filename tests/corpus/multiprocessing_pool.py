# multiprocessing.Pool with the fork, spawn and forkserver start methods.
import multiprocessing as mp
import sys


def square(x):
    return x * x


def add(a, b):
    return a + b


def fail(x):
    if x == 3:
        raise ValueError("bad value %d" % x)
    return x


def whoami(_):
    return mp.current_process().name.startswith(("ForkPoolWorker", "SpawnPoolWorker", "ForkServerPoolWorker"))


if __name__ == "__main__":
    for method in ("fork", "spawn", "forkserver"):
        ctx = mp.get_context(method)
        print(method, ctx.get_start_method())
        with ctx.Pool(2) as pool:
            print(" map:", pool.map(square, range(10)))
            print(" imap:", list(pool.imap(square, range(5))))
            print(" unordered:", sorted(pool.imap_unordered(square, range(5))))
            print(" starmap:", pool.starmap(add, [(1, 2), (3, 4), (5, 6)]))
            print(" apply_async:", pool.apply_async(add, (10, 20)).get(timeout=30))
            print(" worker names:", set(pool.map(whoami, range(4))))
            try:
                pool.map(fail, range(5))
            except ValueError as e:
                print(" error:", type(e).__name__, e)
        sys.stdout.flush()
    # maxtasksperchild: the pool replaces its workers (from its handler thread, while other threads run).
    with mp.get_context("fork").Pool(2, maxtasksperchild=2) as pool:
        print("replaced workers:", pool.map(square, range(12), chunksize=1))
