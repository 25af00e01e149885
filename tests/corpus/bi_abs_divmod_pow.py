# Corpus: abs(), divmod() and pow() including 3-argument pow, negative exponents, custom dunders, errors.
print(abs(-5), abs(5), abs(-0), abs(-2.5), abs(0.0), abs(-0.0), abs(3 + 4j), abs(-10**30), abs(True), abs(False))
print(abs(float("-inf")), abs(float("nan")) != abs(float("nan")))


class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __abs__(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5

    def __divmod__(self, other):
        return ("divmod", self.x // other, self.x % other)

    def __rdivmod__(self, other):
        return ("rdivmod", other)

    def __pow__(self, exp, mod=None):
        return ("pow", exp, mod)

    def __rpow__(self, base, mod=None):
        return ("rpow", base, mod)


print(abs(Vec(3, 4)), divmod(Vec(7, 0), 2), divmod(5, Vec(0, 0)), pow(Vec(1, 1), 3), pow(2, Vec(0, 0)))
print(pow(Vec(1, 1), 2, 5), Vec(1, 1) ** 4)
for a, b in [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 5), (7.5, 2), (-7.5, 2), (7, 0.5), (10**20, 7), (True, 2)]:
    print(a, b, divmod(a, b), (a // b, a % b) == divmod(a, b))
for a, b in [(1, 0), (1.0, 0), (1, 0.0), ("a", 1), (1, "a"), (1j, 1)]:
    try:
        divmod(a, b)
    except (ZeroDivisionError, TypeError) as e:
        print(type(e).__name__, e)
print(pow(2, 10), pow(2, -2), pow(-2, 3), pow(2.0, 0.5), pow(0, 0), pow(0.0, 0), pow(-8, 1 / 3).real > 0)
print(pow(3, 4, 5), pow(2, 100, 1000007), pow(-3, 3, 7), pow(3, -1, 7), pow(5, -2, 13), pow(10**30, 10**5, 97))
print(pow(7, 0, 1), pow(7, 3, -5), pow(-7, 3, -5), pow(2, 0, 3), pow(base=2, exp=5), pow(2, 5, mod=7))
for args in [(2, 3, 0), (2, -1, 4), (2.0, 3, 5), (2, 3.0, 5), (2, 3, 5.0), ("2", 3), (0, -1), (0.0, -1),
             (2, "3"), (1, 2, 3, 4), ()]:
    try:
        print(args, pow(*args))
    except (ValueError, TypeError, ZeroDivisionError) as e:
        print(args, type(e).__name__, e)
print(pow(-1, 0.5), pow(-8.0, 2), pow(2, 0.5) ** 2 != 2)
print((-2) ** 2, -2 ** 2, 2 ** -1, 2 ** 3 ** 2, 10 ** -3, (-1) ** 10**6)
try:
    abs("x")
except TypeError as e:
    print(type(e).__name__, e)
try:
    abs()
except TypeError as e:
    print(type(e).__name__, e)
try:
    abs(1, 2)
except TypeError as e:
    print(type(e).__name__, e)
try:
    divmod(1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    pow(2, 3, 4, 5)
except TypeError as e:
    print(type(e).__name__, e)
print(abs(-7) == (-7).__abs__(), divmod(-17, 5), divmod(17, -5), divmod(-17.0, 5))
print(divmod(1e308, 1e-308)[1] >= 0, divmod(-0.0, 1), divmod(0.0, -1))
