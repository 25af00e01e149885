# Attribute writes on one shared object (instance dict) and on a shared class, from many threads at once.
import _thread

THREADS = 8
ROUNDS = 20000

class Shared:
    pass

obj = Shared()
obj.common = 0
errors = []
counts = []

def worker(t):
    try:
        mine = f"attr_{t}"
        setattr(obj, mine, 0)
        for i in range(ROUNDS):
            setattr(obj, mine, getattr(obj, mine) + 1)
            obj.common = i
            if i % 100 == 0:
                setattr(obj, f"tmp_{t}_{i}", i)
                delattr(obj, f"tmp_{t}_{i}")
                Shared.cls_attr = t
                _ = obj.__dict__.copy()
        counts.append(getattr(obj, mine))
    except Exception as e:
        errors.append(repr(e))

handles = [_thread.start_joinable_thread(lambda t=t: worker(t)) for t in range(THREADS)]
for h in handles:
    h.join()
print("errors:", errors)
print("per-thread counters:", counts == [ROUNDS] * THREADS)
print("common is a last value:", obj.common == ROUNDS - 1)
print("no temporaries left:", [k for k in vars(obj) if k.startswith("tmp_")])
print("class attr from some thread:", Shared.cls_attr in range(THREADS))
print("attributes:", sorted(vars(obj)))
