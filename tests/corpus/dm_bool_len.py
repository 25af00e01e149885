# Corpus: truth testing via __bool__ and __len__, and errors for bad return values.
class B:
    def __init__(self, v):
        self.v = v
    def __bool__(self):
        print("bool called")
        return self.v

class L:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n

class Both:
    def __bool__(self):
        return False
    def __len__(self):
        return 5

class Neither:
    pass

print(bool(B(True)), bool(B(False)), bool(L(0)), bool(L(3)), bool(Both()), len(Both()), bool(Neither()))
print("yes" if L(2) else "no", not L(0), L(1) and "and-value", L(0) or "or-value")
print([x for x in (L(0), L(1), L(2)) if x].__len__())

for bad in (1, 0, "x", None, 1.0):
    try:
        bool(B(bad))
    except TypeError as e:
        print(type(e).__name__, e)
try:
    if B(2):
        pass
except TypeError as e:
    print(type(e).__name__, e)

for bad in (-1, 2**63, "3", 1.5, None, -2**100):
    try:
        print(len(L(bad)))
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)
    try:
        print(bool(L(bad)))
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)

# __len__ returning bool or int subclass
class MyInt(int):
    pass
print(len(L(True)), len(L(MyInt(4))), type(len(L(MyInt(4)))).__name__)

# __bool__ = None makes truth testing an error
class NoBool:
    __bool__ = None
try:
    bool(NoBool())
except TypeError as e:
    print(type(e).__name__, e)
class NoLen:
    __len__ = None
try:
    len(NoLen())
except TypeError as e:
    print(type(e).__name__, e)
print(bool(NoLen()) if False else "skip")

# Builtin truthiness
vals = [0, 0.0, 0j, -0.0, "", b"", (), [], {}, set(), frozenset(), range(0), None, False,
        1, -1, 0.1, 1j, " ", b"\x00", (0,), [[]], {0: 0}, {0}, range(1), True, ..., NotImplemented.__class__]
print([bool(v) for v in vals])
print(bool(float("nan")), bool(range(5, 5)), bool(range(5, 4, -1)), bool(memoryview(b"")) if False else "")

# len() errors for objects without __len__
for obj in (5, 1.5, None, iter([]), (x for x in ()), Neither()):
    try:
        len(obj)
    except TypeError as e:
        print(type(e).__name__, e)

# __len__ inherited and via subclass of builtins
class MyList(list):
    def __len__(self):
        return 42
ml = MyList([1, 2])
print(len(ml), bool(MyList()), list.__len__(ml))
class Falsy(int):
    def __bool__(self):
        return True
print(bool(Falsy(0)), Falsy(0) == 0)

# Short-circuit uses __bool__ once per operand
log = []
class T:
    def __init__(self, name, v):
        self.name, self.v = name, v
    def __bool__(self):
        log.append(self.name)
        return self.v
    def __repr__(self):
        return self.name
r = T("a", False) or T("b", True) or T("c", True)
print(r, log)
log.clear()
r = T("a", True) and T("b", False) and T("c", True)
print(r, log)
log.clear()
print(all([T("x", True), T("y", False), T("z", True)]), any([T("p", False), T("q", True)]), log)
