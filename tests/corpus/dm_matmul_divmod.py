# Corpus: __matmul__/__rmatmul__/__imatmul__ on a matrix class, __divmod__/__rdivmod__, __pow__ with modulus.
class Mat:
    def __init__(self, rows):
        self.rows = [list(r) for r in rows]
    def __repr__(self):
        return "Mat(" + repr(self.rows) + ")"
    def __matmul__(self, other):
        if isinstance(other, Mat):
            cols = list(zip(*other.rows))
            if len(self.rows[0]) != len(other.rows):
                raise ValueError(f"shape mismatch: {len(self.rows[0])} vs {len(other.rows)}")
            return Mat([[sum(a * b for a, b in zip(r, c)) for c in cols] for r in self.rows])
        if isinstance(other, list):
            return [sum(a * b for a, b in zip(r, other)) for r in self.rows]
        return NotImplemented
    def __rmatmul__(self, other):
        if isinstance(other, list):
            cols = list(zip(*self.rows))
            return [sum(a * b for a, b in zip(other, c)) for c in cols]
        return NotImplemented
    def __imatmul__(self, other):
        self.rows = (self @ other).rows
        return self
    def __pow__(self, n, mod=None):
        result = Mat([[int(i == j) for j in range(len(self.rows))] for i in range(len(self.rows))])
        base = self
        while n:
            if n & 1:
                result = result @ base
            base = base @ base
            n >>= 1
        if mod is not None:
            result = Mat([[x % mod for x in r] for r in result.rows])
        return result

A = Mat([[1, 2], [3, 4]])
B = Mat([[0, 1], [1, 0]])
print(A @ B, B @ A, A @ [1, 1], [1, 1] @ A)
fib = Mat([[1, 1], [1, 0]])
print(fib ** 10, pow(fib, 90, 1000), (fib ** 50).rows[0][1])
C = A
C @= B
print(C is A, A)
try:
    A @ Mat([[1, 2, 3]])
except ValueError as e:
    print(type(e).__name__, e)
try:
    A @ 5
except TypeError as e:
    print(type(e).__name__, e)
try:
    5 @ A
except TypeError as e:
    print(type(e).__name__, e)
try:
    x = 5
    x @= A
except TypeError as e:
    print(type(e).__name__, e)

class Money:
    def __init__(self, cents):
        self.cents = cents
    def __repr__(self):
        return f"M{self.cents}"
    def __divmod__(self, other):
        if isinstance(other, int):
            q, r = divmod(self.cents, other)
            return Money(q), Money(r)
        if isinstance(other, Money):
            return divmod(self.cents, other.cents)
        return NotImplemented
    def __rdivmod__(self, other):
        if isinstance(other, int):
            return ("rdivmod", divmod(other, self.cents))
        return NotImplemented
    def __floordiv__(self, other):
        return divmod(self, other)[0]
    def __mod__(self, other):
        return divmod(self, other)[1]

m = Money(1000)
print(divmod(m, 3), divmod(m, Money(300)), divmod(7000, m), m // 7, m % 7)
try:
    divmod(m, 1.5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    divmod("a", m)
except TypeError as e:
    print(type(e).__name__, e)

# divmod identities for builtin numbers with all sign combinations
for a in (7, -7):
    for b in (2, -2):
        q, r = divmod(a, b)
        print(a, b, (q, r), q * b + r == a, a // b, a % b, divmod(float(a), b))
print(divmod(10**20 + 3, 7), divmod(-10**20, 7), divmod(5.5, 0.5), divmod(-0.0, 1), divmod(1, 0.3))
for a, b in ((1, 0), (1.0, 0), (0, 0.0)):
    try:
        divmod(a, b)
    except ZeroDivisionError as e:
        print(type(e).__name__, e)
try:
    divmod(1j, 1)
except TypeError as e:
    print(type(e).__name__, e)
print(pow(3, 4, 5), pow(-3, 3, 7), pow(3, -1, 7), pow(2, 100, 10**9 + 7), (2).__pow__(10, 1000), (2).__rpow__(3))
