# Corpus: a numeric class defining all operator dunders in its body, mixed with ints and floats.
class Frac:
    def __init__(self, n, d=1):
        if d == 0:
            raise ZeroDivisionError("Frac denominator is zero")
        if d < 0:
            n, d = -n, -d
        a, b = abs(n), d
        while b:
            a, b = b, a % b
        g = a or 1
        self.n, self.d = n // g, d // g

    @staticmethod
    def coerce(x):
        if isinstance(x, Frac):
            return x
        if isinstance(x, int):
            return Frac(x)
        return NotImplemented

    def __repr__(self):
        return f"{self.n}/{self.d}" if self.d != 1 else f"{self.n}"

    def __add__(self, o):
        o = Frac.coerce(o)
        if o is NotImplemented:
            return o
        return Frac(self.n * o.d + o.n * self.d, self.d * o.d)
    __radd__ = __add__

    def __sub__(self, o):
        o = Frac.coerce(o)
        if o is NotImplemented:
            return o
        return Frac(self.n * o.d - o.n * self.d, self.d * o.d)
    def __rsub__(self, o):
        return Frac.coerce(o) - self

    def __mul__(self, o):
        o = Frac.coerce(o)
        if o is NotImplemented:
            return o
        return Frac(self.n * o.n, self.d * o.d)
    __rmul__ = __mul__

    def __truediv__(self, o):
        o = Frac.coerce(o)
        if o is NotImplemented:
            return o
        return Frac(self.n * o.d, self.d * o.n)
    def __rtruediv__(self, o):
        return Frac.coerce(o) / self

    def __floordiv__(self, o):
        q = self / o
        return q.n // q.d
    def __mod__(self, o):
        return self - Frac.coerce(o) * (self // o)
    def __divmod__(self, o):
        return (self // o, self % o)
    def __rdivmod__(self, o):
        return divmod(Frac.coerce(o), self)
    def __pow__(self, e, mod=None):
        if mod is not None:
            return NotImplemented
        if e < 0:
            return Frac(self.d ** -e, self.n ** -e)
        return Frac(self.n ** e, self.d ** e)
    def __neg__(self):
        return Frac(-self.n, self.d)
    def __pos__(self):
        return self
    def __abs__(self):
        return Frac(abs(self.n), self.d)
    def __eq__(self, o):
        o = Frac.coerce(o)
        if o is NotImplemented:
            return o
        return self.n == o.n and self.d == o.d
    def __lt__(self, o):
        o = Frac.coerce(o)
        if o is NotImplemented:
            return o
        return self.n * o.d < o.n * self.d
    def __le__(self, o):
        return self == o or self < o
    def __hash__(self):
        return hash((self.n, self.d))
    def __float__(self):
        return self.n / self.d
    def __int__(self):
        return int(self.n / self.d)
    def __bool__(self):
        return self.n != 0
    def __round__(self, nd=None):
        return round(float(self), nd)

a, b = Frac(1, 2), Frac(3, 4)
print(a + b, a - b, a * b, a / b, b // a, b % a, divmod(b, a), divmod(7, Frac(2)))
print(a + 1, 1 + a, 2 - a, a * 3, 3 * a, 1 / a, a ** 3, a ** -2, -a, +a, abs(Frac(-5, 3)))
print(a == Frac(2, 4), a != b, a < b, b > a, a <= Frac(1, 2), b >= a, a == 0.5, a == "x")
print(sorted([Frac(2, 3), Frac(1, 3), Frac(5, 6), Frac(0)]), max(a, b), min(a, b, Frac(-1)))
print(float(b), int(Frac(7, 2)), int(Frac(-7, 2)), bool(Frac(0)), bool(a), round(Frac(22, 7), 3), round(Frac(7, 2)))
print(sum([Frac(1, n) for n in range(1, 7)]), sum([Frac(1, 2)] * 4, Frac(0)))
print({Frac(1, 2): "half"}[Frac(2, 4)], len({Frac(1, 2), Frac(3, 6), Frac(1, 3)}))
x = Frac(1)
x += Frac(1, 3)
x *= 3
x -= 1
x /= 2
print(x)
try:
    a + 0.5
except TypeError as e:
    print(type(e).__name__, e)
try:
    a < "x"
except TypeError as e:
    print(type(e).__name__, e)
try:
    pow(a, 2, 5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    Frac(1, 0)
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    a / 0
except ZeroDivisionError as e:
    print(type(e).__name__, e)
