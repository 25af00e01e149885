# Corpus: real program: small matrix class with multiply, transpose, power and determinant.
def identity(n):
    return Matrix([[1 if i == j else 0 for j in range(n)] for i in range(n)])

class Matrix:
    def __init__(self, rows):
        self.rows = [list(r) for r in rows]
        self.n = len(rows)
        self.m = len(rows[0]) if rows else 0

    def __mul__(self, other):
        cols = list(zip(*other.rows))
        return Matrix([[sum(a * b for a, b in zip(row, col)) for col in cols] for row in self.rows])

    def __add__(self, other):
        return Matrix([[a + b for a, b in zip(r1, r2)] for r1, r2 in zip(self.rows, other.rows)])

    def __eq__(self, other):
        return self.rows == other.rows

    def transpose(self):
        return Matrix([list(c) for c in zip(*self.rows)])

    def __pow__(self, k):
        result = identity(self.n)
        base = self
        while k:
            if k & 1:
                result = result * base
            base = base * base
            k >>= 1
        return result

    def det(self):
        if self.n == 1:
            return self.rows[0][0]
        total = 0
        for j in range(self.n):
            minor = Matrix([row[:j] + row[j + 1:] for row in self.rows[1:]])
            total += (-1) ** j * self.rows[0][j] * minor.det()
        return total

    def __repr__(self):
        w = max(len(str(v)) for r in self.rows for v in r)
        return "\n".join("[" + " ".join(str(v).rjust(w) for v in r) + "]" for r in self.rows)

a = Matrix([[1, 2], [3, 4]])
b = Matrix([[0, 1], [1, 0]])
print(a * b)
print(b * a)
print(a + b)
print(a.transpose())
print(a.det(), (a * b).det(), identity(3).det())
fibm = Matrix([[1, 1], [1, 0]])
print(fibm ** 10)
print((fibm ** 90).rows[0][1])
c = Matrix([[2, -1, 0, 3], [1, 4, -2, 0], [0, 5, 1, -1], [3, 0, 2, 1]])
print(c)
print("det", c.det(), "det(T)", c.transpose().det(), "det(c*c)", (c * c).det())
print(a * identity(2) == a, a ** 0 == identity(2), a ** 3 == a * a * a)
rect = Matrix([[1, 2, 3], [4, 5, 6]])
print(rect * rect.transpose())
print(rect.transpose() * rect)
