# Corpus: NotImplemented handling for binary ops: reflected fallback, subclass priority, errors.
log = []

class A:
    def __init__(self, n):
        self.n = n
    def __add__(self, other):
        log.append("A.__add__")
        if isinstance(other, A):
            return A(self.n + other.n)
        return NotImplemented
    def __radd__(self, other):
        log.append("A.__radd__")
        if isinstance(other, int):
            return A(self.n + other)
        return NotImplemented
    def __repr__(self):
        return f"{type(self).__name__}({self.n})"

class B(A):
    def __add__(self, other):
        log.append("B.__add__")
        return NotImplemented
    def __radd__(self, other):
        log.append("B.__radd__")
        return B(self.n * 100)

class C:
    def __radd__(self, other):
        log.append("C.__radd__")
        return "C wins"

def run(label, f):
    log.clear()
    try:
        r = f()
    except TypeError as e:
        r = f"{type(e).__name__}: {e}"
    print(label, r, log)

run("A+A", lambda: A(1) + A(2))
run("A+int", lambda: A(1) + 5)
run("int+A", lambda: 5 + A(1))
run("A+B", lambda: A(1) + B(2))     # subclass reflected first
run("B+A", lambda: B(1) + A(2))
run("A+C", lambda: A(1) + C())
run("A+str", lambda: A(1) + "s")
run("str+A", lambda: "s" + A(1))
run("B+B", lambda: B(1) + B(2))

# Subclass priority only if the subclass overrides the reflected method
class A2(A):
    pass
run("A+A2", lambda: A(1) + A2(2))

# Reflected not tried for same type
class Same:
    def __add__(self, other):
        log.append("Same.__add__")
        return NotImplemented
    def __radd__(self, other):
        log.append("Same.__radd__")
        return "never"
run("Same+Same", lambda: Same() + Same())

# NotImplemented from both sides -> TypeError with operator symbol
class NI:
    def __sub__(self, o): return NotImplemented
    def __rsub__(self, o): return NotImplemented
    def __mul__(self, o): return NotImplemented
    def __lshift__(self, o): return NotImplemented
    def __and__(self, o): return NotImplemented
    def __mod__(self, o): return NotImplemented
    def __truediv__(self, o): return NotImplemented
    def __floordiv__(self, o): return NotImplemented
for sym, f in (("-", lambda: NI() - 1), ("r-", lambda: 1 - NI()), ("*", lambda: NI() * 2),
               ("<<", lambda: NI() << 1), ("&", lambda: NI() & 1), ("%", lambda: NI() % 1),
               ("/", lambda: NI() / 1), ("//", lambda: NI() // 1)):
    run(sym, f)

# Builtins return NotImplemented from dunders directly
print(int.__add__(1, 1.5), (1).__add__("x"), float.__radd__(1.5, 2), "a".__add__(1) if False else "")
print((3).__rsub__(10), (2.0).__rpow__(3), (1.5).__add__("x"), complex.__mul__(1j, "x"))
try:
    "a".__mul__(1.5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    [1].__add__((2,))
except TypeError as e:
    print(type(e).__name__, e)
print(list.__mul__([1, 2], 2), str.__rmod__("x", 5), hasattr(str, "__rmod__"))

# NotImplemented truthiness is an error in 3.14 but deprecated in 3.13: avoid; show repr and identity
print(repr(NotImplemented), type(NotImplemented).__name__, NotImplemented is NotImplemented)

# Mixed int/float/complex dispatch
print(1 + 2.5, 2.5 + 1, 1 + 2j, 1.5 * 2j, True + 1, True + 1.0, 3 // 2.0, 7 % -3.0)
class MyInt(int):
    def __radd__(self, other):
        return "MyInt.__radd__"
    def __add__(self, other):
        return "MyInt.__add__"
print(1 + MyInt(2), MyInt(2) + 1, 1.0 + MyInt(2))
class MyFloat(float):
    def __rmul__(self, other):
        return "MyFloat.__rmul__"
print(2 * MyFloat(1.5), 2.0 * MyFloat(1.5), MyFloat(1.5) * 2)
