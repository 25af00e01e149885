# Many threads hammer one shared list: append, pop, setitem, slice assignment, iteration, sort and len.
import _thread

THREADS = 8
ROUNDS = 6000
shared = []
errors = []

def worker(t):
    try:
        popped = 0
        for i in range(ROUNDS):
            shared.append((t, i))
            if i % 3 == 0:
                try:
                    shared.pop()
                    popped += 1
                except IndexError:
                    pass
            if i % 503 == 0:
                n = 0
                for item in shared:  # iteration while others mutate must never crash
                    n += 1
                if shared:
                    try:
                        shared[len(shared) // 2] = (t, -1)
                    except IndexError:
                        pass
            if i % 997 == 0:
                snapshot = shared[:]
                assert all(type(x) is tuple for x in snapshot)
        results.append(popped)
    except Exception as e:
        errors.append(repr(e))

results = []
handles = [_thread.start_joinable_thread(lambda t=t: worker(t)) for t in range(THREADS)]
for h in handles:
    h.join()
print("errors:", errors)
print("threads finished:", len(results))
print("length is appends - pops:", len(shared) == THREADS * ROUNDS - sum(results))
print("all items tuples:", all(type(x) is tuple and len(x) == 2 for x in shared))
shared.sort(key=lambda x: (x[0], x[1]))
print("sortable:", len(shared) == THREADS * ROUNDS - sum(results))
