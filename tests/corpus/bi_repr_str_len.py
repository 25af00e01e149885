# Corpus: repr(), str(), len(), list(), tuple(): protocol dispatch, recursion, encodings, errors and limits.
vals = [1, -2.5, 1e-7, 3j, "q'uote", 'd"q', "both'\"", "\n\t\\", b"by'te", None, True, ..., (1,), [], {},
        {1: [2, (3,)]}, range(2), slice(1), frozenset([1]), int, str.upper, NotImplemented]
print([repr(v) for v in vals])
print([str(v) for v in vals[:12]])
print(str(), str(b"abc"), str(b"abc", "ascii"), str(b"caf\xc3\xa9", "utf-8"), str(b"\xff", "latin-1"))
print(str(b"a\xffb", "utf-8", "replace"), str(b"a\xffb", errors="ignore"), str(object=5), repr(str(123)))
try:
    str(b"\xff", "utf-8")
except UnicodeDecodeError as e:
    print(type(e).__name__, e)
try:
    str("x", "utf-8")
except TypeError as e:
    print(type(e).__name__, e)
try:
    str(b"x", "no-such-codec")
except LookupError as e:
    print(type(e).__name__, e)
rec = [1]
rec.append(rec)
d = {"self": None}
d["self"] = d
print(repr(rec), str(d), repr((rec,)))


class OnlyRepr:
    def __repr__(self):
        return "OnlyRepr()"


class OnlyStr:
    def __str__(self):
        return "only str"


print(str(OnlyRepr()), repr(OnlyRepr()), str(OnlyStr()), f"{OnlyRepr()!s}", "%r" % (OnlyRepr(),))


class BadRepr:
    def __repr__(self):
        return None


class RaisingRepr:
    def __repr__(self):
        raise ArithmeticError("repr exploded")


for obj in [BadRepr(), RaisingRepr()]:
    for fn in (repr, str):
        try:
            fn(obj)
        except (TypeError, ArithmeticError) as e:
            print(fn.__name__, type(e).__name__, e)
try:
    repr([RaisingRepr()])
except ArithmeticError as e:
    print("nested:", e)
print(len("héllo"), len(b"\x00\x01"), len([1, 2]), len((1,)), len({1: 2}), len({1, 2, 2}), len(range(0, 10, 3)))
print(len(""), len("😀"), len(bytearray(3)), len(frozenset()), len({}.keys()), len(memo := [0] * 5), memo)


class Sized:
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n


print(len(Sized(7)), len(Sized(True)))
for obj in [5, None, iter([1]), Sized(-1), Sized("3"), Sized(2**70), Sized(1.5), object()]:
    try:
        len(obj)
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)
try:
    len()
except TypeError as e:
    print(type(e).__name__, e)
print(list(), list("ab"), list((1, 2)), list({3: 4}), list(range(3)), list(x for x in "xy"), tuple(), tuple("ab"))
t = (1, 2)
print(tuple(t) is t, tuple([1, [2]]), list(list([1])), tuple(map(str, range(3))))
for ctor in (list, tuple):
    for bad in [5, None]:
        try:
            ctor(bad)
        except TypeError as e:
            print(ctor.__name__, type(e).__name__, e)
    try:
        ctor(1, 2)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    list(iterable=[1])
except TypeError as e:
    print(type(e).__name__, e)
print(repr("\x00\x7f\x80\u0100\U00010000"), str(-0.0), repr(1e16), repr(2.0**63), str(10**20 * 1.0))
