# multiprocessing's Process exit codes, Queue, Pipe and the SemLock-based Lock, RLock, Semaphore, Event and
# Condition, under the fork start method, and a few of them under spawn. (Value and Array need _ctypes, which pyvm
# lacks.)
import multiprocessing as mp
import os
import sys
import time


def exit_with(code):
    sys.exit(code)


def raise_error():
    sys.stderr = open(os.devnull, "w")  # keep the child's traceback out of the output
    raise RuntimeError("child failed")


def sleep_long():
    time.sleep(60)


def producer(q, n):
    for i in range(n):
        q.put((i, "item-%d" % i, [i] * 3))
    q.put(None)


def locked_append(lock, q, tag):
    for i in range(3):
        with lock:
            q.put((tag, i))


def rlock_twice(rlock, q):
    with rlock:
        with rlock:
            q.put("rlock nested ok")


def sem_worker(sem, q, tag):
    with sem:
        q.put(tag)


def event_waiter(ev, q):
    q.put(("waited", ev.wait(30)))


def cond_waiter(cond, q):
    with cond:
        q.put("ready")
        ok = cond.wait(30)
        q.put(("notified", ok))


def pipe_echo(conn):
    while True:
        msg = conn.recv()
        if msg is None:
            break
        conn.send(msg * 2)
    conn.close()


def run(method, full):
    ctx = mp.get_context(method)
    print("==", method)
    # Exit codes.
    for target, args in ((exit_with, (0,)), (exit_with, (5,)), (raise_error, ()))[: 3 if full else 2]:
        p = ctx.Process(target=target, args=args)
        p.start()
        p.join(30)
        print(" exitcode of", target.__name__, args, "->", p.exitcode)
    p = ctx.Process(target=sleep_long)
    p.start()
    p.terminate()
    p.join(30)
    print(" terminated ->", p.exitcode, "alive:", p.is_alive())

    # Queue.
    q = ctx.Queue()
    p = ctx.Process(target=producer, args=(q, 50))
    p.start()
    items = []
    while (item := q.get(timeout=30)) is not None:
        items.append(item)
    p.join(30)
    print(" queue got", len(items), items[0], items[-1])

    # Lock: two processes each put three tagged items.
    lock = ctx.Lock()
    q = ctx.Queue()
    ps = [ctx.Process(target=locked_append, args=(lock, q, t)) for t in "ab"]
    for p in ps:
        p.start()
    got = sorted(q.get(timeout=30) for _ in range(6))
    for p in ps:
        p.join(30)
    print(" lock:", got)
    if not full:
        return

    rlock = ctx.RLock()
    q = ctx.Queue()
    p = ctx.Process(target=rlock_twice, args=(rlock, q))
    p.start()
    print(" ", q.get(timeout=30))
    p.join(30)

    sem = ctx.Semaphore(2)
    q = ctx.Queue()
    ps = [ctx.Process(target=sem_worker, args=(sem, q, i)) for i in range(4)]
    for p in ps:
        p.start()
    print(" semaphore:", sorted(q.get(timeout=30) for _ in range(4)))
    for p in ps:
        p.join(30)
    print(" semaphore value back to", sem.get_value())

    ev = ctx.Event()
    q = ctx.Queue()
    p = ctx.Process(target=event_waiter, args=(ev, q))
    p.start()
    ev.set()
    print(" event:", q.get(timeout=30))
    p.join(30)

    cond = ctx.Condition()
    q = ctx.Queue()
    p = ctx.Process(target=cond_waiter, args=(cond, q))
    p.start()
    print(" condition:", q.get(timeout=30))
    with cond:
        cond.notify()
    print(" condition:", q.get(timeout=30))
    p.join(30)

    parent, child = ctx.Pipe()
    p = ctx.Process(target=pipe_echo, args=(child,))
    p.start()
    for msg in ("ab", [1, 2], 21):
        parent.send(msg)
        print(" pipe:", parent.recv())
    parent.send(None)
    p.join(30)
    print(" pipe child exit:", p.exitcode)


if __name__ == "__main__":
    # The parent's own SemLock semantics.
    lock = mp.Lock()
    print("acquire:", lock.acquire(), "again (no wait):", lock.acquire(False), "timeout:", lock.acquire(timeout=0.01))
    lock.release()
    try:
        mp.RLock().release()
    except AssertionError as e:
        print("AssertionError:", e)
    sem = mp.BoundedSemaphore(1)
    try:
        sem.release()
    except ValueError as e:
        print("ValueError:", e)
    run("fork", True)
    run("spawn", False)
