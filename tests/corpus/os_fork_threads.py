# os.fork while other threads run: the child keeps only the forking thread, and can use threading, locks, queues,
# allocation and the collector; handles of the lost threads are done; the multi-threaded fork warning.
import gc
import os
import queue
import re
import signal
import sys
import threading
import warnings

stop = threading.Event()
shared = [0] * 64
held = threading.Lock()
holding = threading.Event()
cond = threading.Condition()


def churn(k):
    # Allocation and reference-count traffic on objects the other threads also touch.
    i = 0
    while not stop.is_set():
        shared[(i + k) % 64] = [k, i, {"x": (i, k)}]
        i += 1


def hold_lock():
    with held:
        holding.set()
        stop.wait()


def wait_cond():
    with cond:
        cond.wait_for(stop.is_set)


workers = [threading.Thread(target=churn, args=(k,), name="churn-%d" % k) for k in range(3)]
workers.append(threading.Thread(target=hold_lock, name="holder"))
workers.append(threading.Thread(target=wait_cond, name="waiter"))
for t in workers:
    t.start()
holding.wait()


def wait_exit(pid):
    got, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def child_body(tag):
    me = threading.current_thread()
    print(tag, "active:", threading.active_count(), "main is current:", threading.main_thread() is me)
    print(tag, "current name:", me.name)
    print(tag, "lost threads alive:", [t.is_alive() for t in workers])
    for t in workers:
        t.join()  # done: returns at once
    print(tag, "joined the lost threads")
    print(tag, "lock held by a lost thread still locked:", held.locked())
    # Threads in the child, with locks, a queue and allocation.
    q = queue.Queue()
    lock = threading.Lock()
    total = [0]

    def work(n):
        local = [{"n": n, "i": i} for i in range(2000)]
        with lock:
            total[0] += sum(d["i"] for d in local)
        q.put(n)

    ts = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    print(tag, "child threads:", sorted(q.get() for _ in range(4)), total[0])
    print(tag, "gc ok:", gc.collect() >= 0)
    # The forking thread is the child's main thread, so it may install signal handlers.
    signal.signal(signal.SIGUSR1, lambda *a: print(tag, "got SIGUSR1"))
    os.kill(os.getpid(), signal.SIGUSR1)
    for _ in range(3):
        pass
    print(tag, "shared list length:", len(shared))
    sys.stdout.flush()


with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        child_body("[main-forked child]")
        os._exit(0)
print("child exit:", wait_exit(pid))
for w in caught:
    print(w.category.__name__, re.sub(r"pid=\d+", "pid=N", str(w.message)))

# A fork from a thread other than the main one.
result = []


def fork_from_thread():
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        child_body("[thread-forked child]")
        os._exit(3)
    result.append(wait_exit(pid))


with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    t = threading.Thread(target=fork_from_thread, name="forker")
    t.start()
    t.join()
print("thread-forked child exit:", result)

stop.set()
with cond:
    cond.notify_all()
for t in workers:
    t.join()
print("parent threads joined; lock free again:", not held.locked())
