# Corpus: every binary operator dunder and its reflected variant, recorded in call order.
calls = []

class Num:
    def __init__(self, v):
        self.v = v
    def __repr__(self):
        return f"Num({self.v})"

ops = {
    "add": lambda a, b: a + b, "sub": lambda a, b: a - b, "mul": lambda a, b: a * b,
    "matmul": lambda a, b: a @ b, "truediv": lambda a, b: a / b, "floordiv": lambda a, b: a // b,
    "mod": lambda a, b: a % b, "divmod": lambda a, b: divmod(a, b), "pow": lambda a, b: a ** b,
    "lshift": lambda a, b: a << b, "rshift": lambda a, b: a >> b, "and": lambda a, b: a & b,
    "xor": lambda a, b: a ^ b, "or": lambda a, b: a | b,
}
impl = {
    "add": lambda x, y: x + y, "sub": lambda x, y: x - y, "mul": lambda x, y: x * y,
    "matmul": lambda x, y: x * 100 + y, "truediv": lambda x, y: x / y, "floordiv": lambda x, y: x // y,
    "mod": lambda x, y: x % y, "divmod": lambda x, y: divmod(x, y), "pow": lambda x, y: x ** y,
    "lshift": lambda x, y: x << y, "rshift": lambda x, y: x >> y, "and": lambda x, y: x & y,
    "xor": lambda x, y: x ^ y, "or": lambda x, y: x | y,
}

def make(name, fn):
    def fwd(self, other):
        calls.append("__" + name + "__")
        o = other.v if isinstance(other, Num) else other
        return Num(fn(self.v, o))
    def rev(self, other):
        calls.append("__r" + name + "__")
        return Num(fn(other, self.v))
    return fwd, rev

for name, fn in impl.items():
    fwd, rev = make(name, fn)
    setattr(Num, "__" + name + "__", fwd)
    setattr(Num, "__r" + name + "__", rev)

a, b = Num(13), Num(4)
for name, op in ops.items():
    calls.clear()
    r1 = op(a, b)
    r2 = op(a, 3)
    r3 = op(29, b)
    print(name, r1, r2, r3, calls)

# pow with three arguments uses __pow__(self, other, mod)
class ModPow:
    def __pow__(self, other, mod=None):
        return ("pow", other, mod)
    def __rpow__(self, other, mod=None):
        return ("rpow", other, mod)
print(pow(ModPow(), 2), pow(ModPow(), 2, 7), 2 ** ModPow())
try:
    print(pow(2, ModPow(), 7))
except TypeError as e:
    print(type(e).__name__, e)

# Missing operators
class Empty:
    pass
for name, op in ops.items():
    try:
        op(Empty(), 1)
    except TypeError as e:
        print(type(e).__name__, e)
for name in ("add", "pow", "matmul", "divmod"):
    try:
        ops[name](1, Empty())
    except TypeError as e:
        print(type(e).__name__, e)
try:
    pow(Empty(), 1, 2)
except TypeError as e:
    print(type(e).__name__, e)

# Builtin type mismatches
for x, y in ((1, "a"), ("a", 1.5), ([1], (1,)), ({1}, [1]), (None, None), (b"x", "x")):
    try:
        x + y
    except TypeError as e:
        print(type(e).__name__, e)
for x, y in (("a", "b"), ([1], 2.0), ("a", -1)):
    try:
        print(repr(x * y))
    except TypeError as e:
        print(type(e).__name__, e)
try:
    [] @ []
except TypeError as e:
    print(type(e).__name__, e)
try:
    "%d" % "x"
except TypeError as e:
    print(type(e).__name__, e)
try:
    1 << -1
except ValueError as e:
    print(type(e).__name__, e)
try:
    {1} - [1]
except TypeError as e:
    print(type(e).__name__, e)
