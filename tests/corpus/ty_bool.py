# Corpus: bool: arithmetic, repr, identity, constructor, operators and that bool cannot be subclassed.
t, f = True, False
print(t + t, t - f, t * 10, t / 2, t // 2, t % 2, t ** 5, -t, +t, ~int(t), abs(-t))
print(t & t, t & f, t | f, f | f, t ^ t, t ^ f, type(t & f).__name__, type(t & 1).__name__, type(t + t).__name__)
print(t << 3, t >> 1, 5 * t, 2.5 + t, 1j * t, divmod(t, 2), t == 1, f == 0, t == 1.0, t is True, hash(t), hash(f))
print(repr(t), str(f), f"{t}", f"{t:d}", f"{t:>6}", format(f, "^7"), "%s %d %r" % (t, t, f), t.real, t.imag, t.numerator)
print(bool(), bool(0), bool(1), bool(-1), bool(""), bool("False"), bool([]), bool([0]), bool(None), bool(0.0), bool(0j))
print(bool(x=1) if False else bool(1), type(bool(5)).__name__, bool(True) is True, bool(2) is True)
try:
    bool(1, 2)
except TypeError as e:
    print(type(e).__name__, e)
try:
    bool(x=1)
except TypeError as e:
    print(type(e).__name__, e)

try:
    class MyBool(bool):
        pass
except TypeError as e:
    print(type(e).__name__, e)
try:
    type("B2", (bool,), {})
except TypeError as e:
    print(type(e).__name__, e)
print(bool.__bases__, bool.__mro__, isinstance(t, int), issubclass(bool, int), bool.__name__)
try:
    bool.__new__(bool, 1, 2)
except TypeError as e:
    print(type(e).__name__, e)
print(bool.__new__(bool, []), bool.__new__(bool, "x"))
try:
    int.__new__(bool, 1)
except TypeError as e:
    print(type(e).__name__, e)

# Logical operators return operands
print(0 or "default", "x" or "y", [] and 1, [1] and 2, not 0, not [1], None or 0 or "" or "last")
print(t and "yes", f and "never", t or "never", f or "else", not t, not not "s")
print(sorted([True, False, True, 0, 1]), max(False, True), sum([True] * 7), [True, False].index(0), {1: "a", True: "b"})
print({True, 1, 1.0}, {False: "x", 0: "y"}, [1, 2, 3][True], "abc"[False], (t, f) < (t, t))
print(True + 0.5, True * "ab", [0] * True, t.__class__.__name__, t.bit_length(), f.bit_length(), t.as_integer_ratio())
print(int(t), float(f), complex(t), str(t).lower(), repr(t).upper(), t.conjugate(), type(t.conjugate()).__name__)
print(True.__and__(1), True.__and__(True), True.__or__(2), True.__xor__(True), True.__rand__(0), int.__invert__(True))
# Comparisons of bools
print(True > False, False < 0.5, True >= 1, True == 1 == 1.0, f != 0, True in [1], 1 in [True], False in [0.0])
# all/any
print(all([]), any([]), all([1, True, "x"]), any([0, False, ""]), all(x > 0 for x in [1, 2]), any(x > 1 for x in [1, 2]))
# bool of custom and numbers
print([bool(x) for x in (0, 0.0, -0.0, 0j, 1e-300, float("nan"), 10**100, -1)])
# True/False are singletons
print(bool(1) is bool(2), (1 == 1) is True, (1 > 2) is False, isinstance(1 == 1, bool))
try:
    True.real = 2
except AttributeError as e:
    print(type(e).__name__, e)
try:
    None + True
except TypeError as e:
    print(type(e).__name__, e)
try:
    "x" + True
except TypeError as e:
    print(type(e).__name__, e)
