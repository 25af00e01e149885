# Corpus: in-place operator dunders (__iadd__ ...) and fallback to binary / reflected operators.
calls = []

class Acc:
    def __init__(self, v):
        self.v = v
    def __repr__(self):
        return f"Acc({self.v})"

names = ["add", "sub", "mul", "matmul", "truediv", "floordiv", "mod", "pow",
         "lshift", "rshift", "and", "xor", "or"]

def make_inplace(name):
    def f(self, other):
        calls.append("__i" + name + "__")
        self.v = (self.v, name, other)
        return self
    return f

for n in names:
    setattr(Acc, "__i" + n + "__", make_inplace(n))

x = orig = Acc(0)
x += 1; x -= 2; x *= 3; x @= 4; x /= 5; x //= 6; x %= 7; x **= 8
x <<= 9; x >>= 10; x &= 11; x ^= 12; x |= 13
print(x is orig, calls)
v, depth = x.v, 0
while isinstance(v, tuple):
    depth += 1
    v = v[0]
print(depth, v)

# Fallback to __add__ when __iadd__ is absent (new object)
class Plain:
    def __init__(self, v):
        self.v = v
    def __add__(self, other):
        calls.append("__add__")
        return Plain(self.v + other)
    def __radd__(self, other):
        calls.append("__radd__")
        return Plain(other + self.v)
calls.clear()
p = Plain(1)
q = p
p += 5
print(p is q, p.v, q.v, calls)
n = 10
n += Plain(2)
print(type(n).__name__, n.v, calls)

# __iadd__ returning NotImplemented falls back to __add__, then __radd__
class Tricky:
    def __init__(self, v):
        self.v = v
    def __iadd__(self, other):
        calls.append("Tricky.__iadd__")
        return NotImplemented
    def __add__(self, other):
        calls.append("Tricky.__add__")
        return NotImplemented
class Other:
    def __radd__(self, other):
        calls.append("Other.__radd__")
        return "radd-result"
calls.clear()
t = Tricky(1)
t += Other()
print(t, calls)
calls.clear()
t2 = Tricky(1)
try:
    t2 += 5
except TypeError as e:
    print(type(e).__name__, e, calls)

# __iadd__ returning something else rebinds the name
class Weird:
    def __iadd__(self, other):
        return "replaced"
w = Weird()
w += 1
print(w)

# Builtin in-place semantics: list += extends in place, tuple += creates new
lst = [1]
alias = lst
lst += (2, 3)
print(lst is alias, alias)
tup = (1,)
talias = tup
tup += (2,)
print(tup is talias, talias, tup)
s = {1, 2}
salias = s
s |= {3}
s &= {1, 3, 4}
s -= {4}
s ^= {9}
print(s is salias, sorted(s))
d = {"a": 1}
dalias = d
d |= {"b": 2}
print(d is dalias, d)
ba = bytearray(b"ab")
baalias = ba
ba += b"cd"
ba *= 2
print(ba is baalias, ba)
try:
    lst += 5
except TypeError as e:
    print(type(e).__name__, e)
try:
    tup += [1]
except TypeError as e:
    print(type(e).__name__, e)
try:
    d |= [1]
except (TypeError, ValueError) as e:
    print(type(e).__name__, e)
d |= [("c", 3)]
print(d)

# In-place on attributes and subscripts evaluates target once
class Box:
    def __init__(self):
        self.items = {"k": 1}
        self.gets = 0
    def __getitem__(self, k):
        self.gets += 1
        return self.items[k]
    def __setitem__(self, k, v):
        self.items[k] = v
b = Box()
b["k"] += 10
b["k"] *= 2
print(b.items, b.gets)
class Missing:
    pass
m = Missing()
try:
    m.count += 1
except AttributeError as e:
    print(type(e).__name__, e)
try:
    x = None
    x -= 1
except TypeError as e:
    print(type(e).__name__, e)
