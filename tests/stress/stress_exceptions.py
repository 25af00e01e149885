# Exceptions raised in threads: caught inside the thread, escaping to the thread's top (reported as unraisable),
# SystemExit (silent), and exceptions carrying objects created by the thread.
import _thread

class Job:
    def __init__(self, n, kind):
        self.n = n
        self.kind = kind
    def __call__(self):
        if self.kind == "exit":
            raise SystemExit(self.n)
        if self.kind == "uncaught":
            raise ValueError(f"job {self.n} failed")
        try:
            raise KeyError([self.n] * 4)
        except KeyError as e:
            caught.append(e.args[0])
    def __repr__(self):
        return f"<Job {self.n}>"

caught = []
for kind in ("caught", "exit"):
    hs = [_thread.start_joinable_thread(Job(n, kind)) for n in range(4)]
    for h in hs:
        h.join()
for n in range(4):  # one at a time, so that the reports on stderr come in a fixed order
    _thread.start_joinable_thread(Job(n, "uncaught")).join()
print(sorted(map(tuple, caught)))
errs = []
def deep(n):
    if n == 0:
        raise RuntimeError("bottom")
    return deep(n - 1)
def thrower(i):
    for _ in range(200):
        try:
            deep(30)
        except RuntimeError as e:
            errs.append(str(e))
hs = [_thread.start_joinable_thread(lambda i=i: thrower(i)) for i in range(6)]
for h in hs:
    h.join()
print(len(errs), set(errs))
