# Corpus: rich comparison dispatch: reflected order, subclass priority, == identity fallback.
log = []

class R:
    def __init__(self, name):
        self.name = name
    def __repr__(self):
        return self.name
    def __eq__(self, other):
        log.append(f"{self.name}.__eq__({other!r})")
        return NotImplemented
    def __lt__(self, other):
        log.append(f"{self.name}.__lt__({other!r})")
        return NotImplemented
    def __gt__(self, other):
        log.append(f"{self.name}.__gt__({other!r})")
        return NotImplemented
    def __le__(self, other):
        log.append(f"{self.name}.__le__({other!r})")
        return NotImplemented
    def __ge__(self, other):
        log.append(f"{self.name}.__ge__({other!r})")
        return NotImplemented

class S(R):
    pass

def run(label, f):
    log.clear()
    try:
        r = f()
    except TypeError as e:
        r = f"{type(e).__name__}: {e}"
    print(label, r, log)

x, y = R("x"), R("y")
run("x==y", lambda: x == y)
run("x==x", lambda: x == x)
run("x!=y", lambda: x != y)
run("x<y", lambda: x < y)
run("x<=y", lambda: x <= y)
run("x>y", lambda: x > y)
run("x>=y", lambda: x >= y)
s = S("s")
run("x<s", lambda: x < s)   # subclass reflected first
run("s<x", lambda: s < x)
run("x==s", lambda: x == s)
run("x==1", lambda: x == 1)
run("1==x", lambda: 1 == x)
run("1<x", lambda: 1 < x)

class Ordered:
    def __init__(self, v):
        self.v = v
    def __repr__(self):
        return f"O{self.v}"
    def __lt__(self, other):
        log.append(f"{self!r}<{other!r}")
        if isinstance(other, Ordered):
            return self.v < other.v
        return NotImplemented
    def __eq__(self, other):
        log.append(f"{self!r}=={other!r}")
        return isinstance(other, Ordered) and self.v == other.v

a, b = Ordered(1), Ordered(2)
run("a<b", lambda: a < b)
run("a>b", lambda: a > b)   # uses b.__lt__(a)
run("a<=b", lambda: a <= b)
run("a!=b", lambda: a != b)  # __ne__ inverts __eq__
run("b!=b", lambda: b != b)

# __ne__ default delegates to __eq__ and inverts unless NotImplemented
class OnlyEq:
    def __eq__(self, other):
        return "truthy-string"
run("OnlyEq!=", lambda: OnlyEq() != 1)
class NeOnly:
    def __ne__(self, other):
        return "ne-called"
run("NeOnly==", lambda: NeOnly() == NeOnly())
run("NeOnly!=", lambda: NeOnly() != 1)

# Comparisons returning non-bool values
class Vec:
    def __init__(self, *c):
        self.c = c
    def __lt__(self, other):
        return [p < q for p, q in zip(self.c, other.c)]
    def __eq__(self, other):
        return tuple(p == q for p, q in zip(self.c, other.c))
print(Vec(1, 5) < Vec(2, 3), Vec(1, 2) == Vec(1, 3), Vec(1, 2) > Vec(0, 9))

# Chained comparisons evaluate each once
def val(n):
    log.append(n)
    return n
log.clear()
print(val(1) < val(2) < val(3), log)
log.clear()
print(val(3) < val(2) < val(5), log)

# Identity shortcut in containers: 'in' and list == use identity before __eq__
class NeverEqual:
    def __eq__(self, other):
        log.append("eq")
        return False
ne = NeverEqual()
log.clear()
print(ne in [ne], [ne] == [ne], ne == ne, log)
nan = float("nan")
print(nan in [nan], [nan] == [nan], nan == nan, (nan,) == (nan,))
print({1: 2} == {1: 2.0}, [1, 2] < [1, 2, 0], (1, "a") < (1, "b"), [] == (), "a" != b"a")
