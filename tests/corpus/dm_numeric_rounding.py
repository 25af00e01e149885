# Corpus: __round__/__trunc__/__floor__/__ceil__, round() semantics, int() via __trunc__ removal.
class Val:
    def __init__(self, v):
        self.v = v
    def __round__(self, ndigits=None):
        return ("round", self.v, ndigits)
    def __trunc__(self):
        return ("trunc", self.v)
    def __floor__(self):
        return ("floor", self.v)
    def __ceil__(self):
        return ("ceil", self.v)

v = Val(2.5)
print(round(v), round(v, 1), round(v, None), round(v, -2))
print(v.__trunc__(), v.__floor__(), v.__ceil__())

class NoRound:
    pass
try:
    round(NoRound())
except TypeError as e:
    print(type(e).__name__, e)
try:
    round(NoRound(), 2)
except TypeError as e:
    print(type(e).__name__, e)

# Banker's rounding for ints and floats
print([round(x) for x in (0.5, 1.5, 2.5, -0.5, -1.5, 3.5, 2.675)])
print(round(2.675, 2), round(1.005, 2), round(0.125, 2), round(0.375, 2), round(-2.5), round(2.5, 0))
print(round(1234.5678, -2), round(1250, -2), round(1350, -2), round(-1250, -2), round(15, -1), round(25, -1))
print(round(5, 2), round(5, -5), round(123456789, -3), type(round(5.5)).__name__, type(round(5.5, 0)).__name__)
print(round(1e300, -300), round(1.5e-10, 12), round(float("inf"), 2), round(-0.0), round(-0.4))
for bad in (float("inf"), float("nan")):
    try:
        round(bad)
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
try:
    round(1.5, 1.5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    round("1.5")
except TypeError as e:
    print(type(e).__name__, e)
print(round(True), round(True, 2), round(10**30 + 5, -1) == 10**30, round(2**70 + 0.0, -20))

# Builtins that implement the dunders
print((7).__round__(), (7).__round__(-1), (7.5).__round__(), (7.45).__round__(1), (7).__trunc__(), (-7.5).__trunc__())
print((-7.5).__floor__(), (-7.5).__ceil__(), (7).__floor__(), (7).__ceil__(), (True).__ceil__())
print(int(3.99), int(-3.99), int(1e20), int(True), int(-0.0))
try:
    int(float("inf"))
except OverflowError as e:
    print(type(e).__name__, e)
try:
    int(float("nan"))
except ValueError as e:
    print(type(e).__name__, e)

# __trunc__ is not used by int() in 3.12+? It still is, with DeprecationWarning: so only __int__/__index__.
class IntLike:
    def __int__(self):
        return 7
class BadInt:
    def __int__(self):
        return 7.5
print(int(IntLike()))
try:
    int(BadInt())
except TypeError as e:
    print(type(e).__name__, e)

# Rounding subclasses and __round__ returning non-numbers
class Price(float):
    def __round__(self, nd=None):
        return "rounded:" + str(float(self))
print(round(Price(2.345)), round(Price(2.345), 2))
class MyInt(int):
    pass
r = round(MyInt(15), -1)
print(r, type(r).__name__, type(round(MyInt(3))).__name__)
# float floor division and modulo related rounding
print(7.0 // 2, -7.0 // 2, 7.5 % 2, -7.5 % 2, divmod(-7.5, 2), divmod(7, -2.0))
