# Corpus: chained comparisons: short-circuiting, single evaluation of middle operands, mixed operators.
calls = []


def v(label, value):
    calls.append(label)
    return value


def run(label, fn):
    calls.clear()
    print(label, fn(), calls)


run("1<2<3", lambda: v("a", 1) < v("b", 2) < v("c", 3))
run("1<3<2", lambda: v("a", 1) < v("b", 3) < v("c", 2))
run("3<1<2", lambda: v("a", 3) < v("b", 1) < v("c", 2))
run("eq chain", lambda: v("a", 2) == v("b", 2) == v("c", 2.0) == v("d", 2 + 0j))
run("mixed ops", lambda: v("a", 1) <= v("b", 1) != v("c", 2) > v("d", 0))
run("in/not in", lambda: v("a", 1) in v("b", [1, 2]) not in v("c", [[3]]))
run("is chain", lambda: v("a", None) is v("b", None) is not v("c", 0))
run("long", lambda: 0 < v("a", 1) < v("b", 2) < v("c", 3) < v("d", 4) < v("e", 5))


class Loud:
    def __init__(self, n):
        self.n = n

    def __lt__(self, other):
        calls.append(f"{self.n}<{other.n}")
        return Truthy(self.n < other.n)


class Truthy:
    def __init__(self, b):
        self.b = b

    def __bool__(self):
        calls.append(f"bool({self.b})")
        return self.b

    def __repr__(self):
        return f"Truthy({self.b})"


run("rich result last", lambda: Loud(1) < Loud(2) < Loud(3))
run("rich short", lambda: Loud(2) < Loud(1) < Loud(3))
run("single rich", lambda: Loud(1) < Loud(2))
x = 5
print(1 < x < 10, 10 > x > 1, not 1 < x < 3, (1 < x) < 3, 1 < (x < 3))
print(0 <= x <= 5 == 5.0, "a" < "b" < "c" < "bb")
try:
    print(1 < "a" < 2)
except TypeError as e:
    print(type(e).__name__, e)
try:
    print(3 < 1 < "never compared")
    print("short circuit avoided the TypeError")
except TypeError as e:
    print(type(e).__name__, e)
print([i for i in range(10) if 2 < i <= 6])
print(sorted([(a, b) for a in range(3) for b in range(3) if a < b < 2]))


class CmpLog:
    def __init__(self, name):
        self.name = name

    def __eq__(self, other):
        calls.append(f"{self.name}=={other.name}")
        return True

    def __ne__(self, other):
        calls.append(f"{self.name}!={other.name}")
        return False

    __hash__ = None


calls.clear()
p, q, r = CmpLog("p"), CmpLog("q"), CmpLog("r")
print(p == q == r, p != q, p == q != r, calls)
print([1, 2] < [1, 3] < [2], (1, "a") < (1, "b") <= (1, "b"))
print(float("nan") < 1 or float("nan") >= 1, 1 < float("inf") > 10**400)
print(-1 < 0 > -1 < 0, 5 > 4 > 3 > 2 > 1 > 0 > -1)
