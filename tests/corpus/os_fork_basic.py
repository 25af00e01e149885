# os.fork, os.waitpid, os.register_at_fork: hook order, errors, exit statuses, nested forks.
import gc
import os
import signal
import sys

events = []


class Hook:
    def __init__(self, name, fail=False):
        self.name = name
        self.fail = fail

    def __call__(self):
        events.append(self.name)
        if self.fail:
            raise ValueError("hook " + self.name + " failed")

    def __repr__(self):
        return "<Hook " + self.name + ">"


for kwargs in ({}, {"before": 1}, {"after_in_child": None}, {"after_in_parent": "x"}):
    try:
        os.register_at_fork(**kwargs)
    except TypeError as e:
        print("TypeError:", e)
try:
    os.register_at_fork(Hook("positional"))
except TypeError as e:
    print("TypeError:", e)

os.register_at_fork(before=Hook("before1"), after_in_child=Hook("child1"), after_in_parent=Hook("parent1"))
os.register_at_fork(before=Hook("before2"), after_in_child=Hook("child2"), after_in_parent=Hook("parent2"))
os.register_at_fork(after_in_child=Hook("child3"))


def wait_exit(pid):
    got, status = os.waitpid(pid, 0)
    assert got == pid
    if os.WIFEXITED(status):
        return "exited %d" % os.WEXITSTATUS(status)
    if os.WIFSIGNALED(status):
        return "killed by signal %d" % os.WTERMSIG(status)
    return "status %d" % status


shared = {"value": 1, "items": list(range(5))}
sys.stdout.flush()
pid = os.fork()
if pid == 0:
    shared["value"] = 2
    shared["items"].append(99)
    print("child events:", events)
    print("child sees", shared)
    junk = [{"k": i, "v": [i] * 3} for i in range(20000)]
    print("child allocated", len(junk), sum(d["k"] for d in junk))
    print("child gc", gc.collect() >= 0)
    sys.stdout.flush()
    os._exit(7)
print("child:", wait_exit(pid))
print("parent events:", events)
print("parent sees", shared)

# sys.exit in the child ends it normally (its own finally blocks run); an uncaught exception exits with 1.
for how in ("sys.exit", "raise", "kill", "return"):
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        try:
            if how == "sys.exit":
                sys.exit(3)
            elif how == "raise":
                os.dup2(os.open(os.devnull, os.O_WRONLY), 2)  # keep its traceback out of the output
                raise RuntimeError("child failed")
            elif how == "kill":
                os.kill(os.getpid(), signal.SIGKILL)
        finally:
            if how == "sys.exit":
                print("child finally ran")
                sys.stdout.flush()
        os._exit(0)
    print(how, "->", wait_exit(pid))

# A grandchild.
sys.stdout.flush()
pid = os.fork()
if pid == 0:
    sys.stdout.flush()
    pid2 = os.fork()
    if pid2 == 0:
        print("grandchild, parent is child:", os.getppid() != 0)
        sys.stdout.flush()
        os._exit(4)
    print("grandchild:", wait_exit(pid2))
    sys.stdout.flush()
    os._exit(5)
print("child:", wait_exit(pid))
print("pids differ:", pid != os.getpid())

# forkpty gives the child a terminal.
sys.stdout.flush()
pid, fd = os.forkpty()
if pid == 0:
    os.write(1, b"isatty=%d\n" % os.isatty(0))
    os._exit(0)
data = b""
while True:
    try:
        chunk = os.read(fd, 100)
    except OSError:
        break
    if not chunk:
        break
    data += chunk
os.close(fd)
print("forkpty child said", data.replace(b"\r", b"").decode().split())
print("forkpty child:", wait_exit(pid))

# A hook that raises is reported as unraisable (stderr) and the fork goes on.
events.clear()
os.register_at_fork(before=Hook("bad-before", fail=True), after_in_child=Hook("bad-child", fail=True))
sys.stdout.flush()
pid = os.fork()
if pid == 0:
    print("child events:", events)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
print("child:", wait_exit(pid))
print("parent events:", events)

