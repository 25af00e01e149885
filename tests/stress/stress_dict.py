# Many threads hammer one shared dict and one shared set: setitem, delitem, pop, get, iteration, update.
import _thread

THREADS = 8
ROUNDS = 20000
d = {}
s = set()
errors = []
done = []

def worker(t):
    try:
        for i in range(ROUNDS):
            k = (t, i)
            d[k] = i
            s.add(k)
            if i % 2 == 0:
                del d[k]
                s.discard(k)
            if i % 5 == 0:
                d.get((t, i - 1))
                d.pop((t, i - 3), None)
                s.discard((t, i - 3))
            if i % 499 == 0:
                # Iterating a dict that other threads resize must either work or raise RuntimeError.
                try:
                    for key in d:
                        pass
                except RuntimeError:
                    pass
                try:
                    len(list(s))
                except RuntimeError:
                    pass
                d.update({("u", t): t})
                d.setdefault(("sd", t), i)
        done.append(t)
    except Exception as e:
        errors.append(repr(e))

handles = [_thread.start_joinable_thread(lambda t=t: worker(t)) for t in range(THREADS)]
for h in handles:
    h.join()
print("errors:", errors)
print("done:", sorted(done))
expected = set()
for t in range(THREADS):
    for i in range(ROUNDS):
        if i % 2 == 1 and not ((i + 3) % 5 == 0 and (i + 3) < ROUNDS):
            expected.add((t, i))
keys = {k for k in d if len(k) == 2 and isinstance(k[1], int) and k[0] not in ("u", "sd")}
print("dict keys as expected:", keys == expected, len(keys))
print("set as expected:", s == expected, len(s))
print("update/setdefault keys:", sorted(k for k in d if k[0] in ("u", "sd")) == sorted([("u", t) for t in range(THREADS)] + [("sd", t) for t in range(THREADS)]))
print("values match keys:", all(d[k] == k[1] for k in keys))
