# Corpus: __neg__/__pos__/__abs__/__invert__ and __complex__/__int__/__float__/__index__ conversions.
class V:
    def __init__(self, x):
        self.x = x
    def __neg__(self):
        return V(-self.x)
    def __pos__(self):
        return V(+self.x * 10)
    def __abs__(self):
        return abs(self.x)
    def __invert__(self):
        return V(~self.x)
    def __repr__(self):
        return f"V({self.x})"

v = V(5)
print(-v, +v, abs(V(-3)), ~v, -(-v), ~~v, -+-v)

class Empty:
    pass
for op, f in (("-", lambda o: -o), ("+", lambda o: +o), ("~", lambda o: ~o), ("abs", abs)):
    try:
        f(Empty())
    except TypeError as e:
        print(type(e).__name__, e)
for val in ("s", [1], None, 1.5):
    try:
        ~val
    except TypeError as e:
        print(type(e).__name__, e)
try:
    -"s"
except TypeError as e:
    print(type(e).__name__, e)
try:
    abs("s")
except TypeError as e:
    print(type(e).__name__, e)
print(-True, +True, ~True, ~False, abs(-2**100), abs(-0.0), abs(3 + 4j), -0, -0.0, +(-0.0))

# Conversions
class Num:
    def __int__(self):
        return 42
    def __float__(self):
        return 2.5
    def __complex__(self):
        return 1 + 2j
    def __index__(self):
        return 7
n = Num()
print(int(n), float(n), complex(n), bin(n), [0] * 0 + list(range(n))[:2])

class OnlyIndex:
    def __index__(self):
        return 3
print(int(OnlyIndex()), float(OnlyIndex()), complex(OnlyIndex()))
class OnlyFloat:
    def __float__(self):
        return 1.25
print(float(OnlyFloat()), complex(OnlyFloat()))
try:
    int(OnlyFloat())
except TypeError as e:
    print(type(e).__name__, e)

class Bad:
    def __int__(self):
        return "x"
    def __float__(self):
        return 1
    def __complex__(self):
        return 2.0
for f in (int, float, complex):
    try:
        print(f(Bad()))
    except TypeError as e:
        print(type(e).__name__, e)

class FloatSub(float):
    pass
r = float(FloatSub(1.5))
print(r, type(r).__name__, type(FloatSub(2.5) + 1).__name__, type(-FloatSub(1.0)).__name__)

# complex() constructor forms
print(complex(), complex(1), complex(1, 2), complex(1.5, -0.0), complex("3-4j"), complex(" 2j "), complex(1j, 1j))
for args in (("x",), ("1", 2), (None,), ([],)):
    try:
        complex(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

# int/float constructor errors
for val in (None, [], "1.5", "abc", "", " ", b"12"):
    try:
        print(repr(int(val)))
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
for val in (None, [], "abc", "", "1e", "nan", " -inf ", "1_000.5", b"2.5"):
    try:
        print(repr(float(val)))
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

# Dunder methods on builtins
print((5).__neg__(), (5).__invert__(), (-5).__abs__(), (2.5).__neg__(), (1j).__neg__(), (True).__neg__())
print((3).__int__(), (3).__float__(), (3.7).__int__(), (3).__index__(), hasattr(3.0, "__index__"), hasattr(1j, "__int__"))
print((1 + 2j).__abs__(), (3).__complex__() if hasattr(3, "__complex__") else "no int.__complex__", (2.5).__complex__() if hasattr(2.5, "__complex__") else "no float.__complex__")
