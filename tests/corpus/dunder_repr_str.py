# Corpus: __repr__ and __str__ used by print, str(), repr(), f-strings and containers.
class Money:
    def __init__(self, cents):
        self.cents = cents

    def __repr__(self):
        return "Money(" + str(self.cents) + ")"

    def __str__(self):
        sign = "-" if self.cents < 0 else ""
        c = abs(self.cents)
        return sign + "$" + str(c // 100) + "." + str(c % 100).zfill(2)

m = Money(12345)
n = Money(-7)
print(m, n)
print(str(m), repr(m), [m, n], (m,), {"k": m})
print(f"{m} {m!r} {n!s}")
print("value: " + str(m), "repr: " + repr(n))

class OnlyRepr:
    def __init__(self, v):
        self.v = v

    def __repr__(self):
        return "OnlyRepr<" + repr(self.v) + ">"

o = OnlyRepr("text")
print(o, str(o), [o], f"{o}")

class OnlyStr:
    def __str__(self):
        return "only-str"

s = OnlyStr()
print(s, str(s), f"{s}")

class Node:
    def __init__(self, val, children=None):
        self.val = val
        self.children = children or []

    def __repr__(self):
        if not self.children:
            return "Node(" + repr(self.val) + ")"
        return "Node(" + repr(self.val) + ", " + repr(self.children) + ")"

tree = Node(1, [Node(2), Node(3, [Node("four")])])
print(tree)
print(repr([Node(None), Node(1.5)]))

class Matrix:
    def __init__(self, rows):
        self.rows = rows

    def __str__(self):
        width = max(len(str(v)) for row in self.rows for v in row)
        lines = []
        for row in self.rows:
            lines.append("[" + " ".join(str(v).rjust(width) for v in row) + "]")
        return "\n".join(lines)

print(Matrix([[1, 20, 3], [400, 5, 6], [7, 8, 9000]]))
print(repr("str"), repr(1), repr(1.5), repr(None), repr(True), repr([1, "a"]), repr((1,)), repr({"a": [1]}))
print(str("str"), str(1), str([1, "a"]), str(("x", 2.0)))
