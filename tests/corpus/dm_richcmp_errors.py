# Corpus: ordering TypeErrors, equality fallback, comparisons across builtin types.
class A: pass
class B: pass

a, b = A(), B()
for op, f in (("<", lambda: a < b), ("<=", lambda: a <= b), (">", lambda: a > b), (">=", lambda: a >= b),
              ("<", lambda: a < 1), (">", lambda: 1 > a), ("<", lambda: a < a)):
    try:
        f()
    except TypeError as e:
        print(op, type(e).__name__, e)
print(a == b, a != b, a == a, a != a, a == 1, None == a)

pairs = [(1, "1"), ("a", b"a"), ([1], (1,)), (None, 0), ({1}, [1]), (1j, 1), (2j, 1j), ({}, {}),
         (1.5, "x"), (range(3), range(4)), (type, object), (b"a", bytearray(b"b"))]
for x, y in pairs:
    try:
        print(repr(x), "<", repr(y), "=", x < y)
    except TypeError as e:
        print(type(e).__name__, e)

# Nested sequence comparison errors name the first incomparable elements
for x, y in (([1, "a"], [1, 2]), ((1, None), (1, 2)), ([[1]], [["x"]])):
    try:
        x < y
    except TypeError as e:
        print(type(e).__name__, e)
print([1, "a"] == [1, 2], [1, "a"] < [2, "b"])

# Set comparisons are subset tests, not total order
print({1} < {1, 2}, {1, 2} < {1, 3}, {1, 2} > {1, 3}, {1} <= {1}, frozenset({1}) < {1, 2})
try:
    {1} < [1, 2]
except TypeError as e:
    print(type(e).__name__, e)

# dict ordering
try:
    {1: 2} < {1: 3}
except TypeError as e:
    print(type(e).__name__, e)

# sorted / min / max with incomparable elements
for seq in ([3, "a", 1], [None, 1], [A(), A()]):
    try:
        sorted(seq)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    max(1, "2")
except TypeError as e:
    print(type(e).__name__, e)
try:
    min([[], ()])
except TypeError as e:
    print(type(e).__name__, e)

# Custom class names, including subclasses of builtins
class MyList(list): pass
class MyStr(str): pass
try:
    MyList() < MyStr()
except TypeError as e:
    print(type(e).__name__, e)
print(MyList([1]) < [2], MyStr("a") < "b", MyStr("b") == "b")

# Comparing functions / methods / types
def f(): pass
print(f == f, f != (lambda: None), int == int, int != float)
try:
    f < f
except TypeError as e:
    print(type(e).__name__, e)
try:
    int < float
except TypeError as e:
    print(type(e).__name__, e)

# Mixed numeric comparisons are exact
print(1 == 1.0, 2**53 + 1 == 2.0**53 + 1, 2**53 + 1 > 2.0**53, 10**400 > 1e308, -10**400 < -1e308)
print(True == 1, False < 1, 1.0 == 1 + 0j, 0.1 + 0.2 == 0.3, float("inf") > 10**1000)
try:
    1j < 2j
except TypeError as e:
    print(type(e).__name__, e)
try:
    None < None
except TypeError as e:
    print(type(e).__name__, e)
