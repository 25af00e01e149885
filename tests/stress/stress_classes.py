# Classes and methods created while other threads call methods; methods replaced on a shared class meanwhile.
import _thread

THREADS = 6
ROUNDS = 3000
errors = []
made = []

class Base:
    def value(self):
        return 1

def caller(t):
    try:
        b = Base()
        total = 0
        for i in range(ROUNDS * 3):
            v = b.value()
            if v not in (1, 2):
                errors.append(("bad value", v))
            total += 1
        made.append(("caller", total))
    except Exception as e:
        errors.append(repr(e))

def creator(t):
    try:
        n = 0
        for i in range(ROUNDS):
            class Dyn(Base):
                def value(self, i=i):
                    return i
                def __repr__(self):
                    return "Dyn"
            D2 = type(f"T{t}_{i}", (Dyn,), {"extra": lambda self: self.value() + 1})
            if D2().extra() != i + 1:
                errors.append(("bad extra", i))
            n += 1
            if i % 50 == 0:
                Base.value = (lambda self: 2) if i % 100 == 0 else (lambda self: 1)
        made.append(("creator", n))
    except Exception as e:
        errors.append(repr(e))

handles = []
for t in range(THREADS):
    fn = caller if t % 2 == 0 else creator
    handles.append(_thread.start_joinable_thread(lambda t=t, fn=fn: fn(t)))
for h in handles:
    h.join()
print("errors:", errors[:5])
print(sorted(made))
