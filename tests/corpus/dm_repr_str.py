# Corpus: __repr__/__str__ fallbacks, containers using repr, errors for non-str results.
class OnlyRepr:
    def __repr__(self):
        return "OnlyRepr()"
class OnlyStr:
    def __str__(self):
        return "only-str"
class Both:
    def __repr__(self):
        return "Both-repr"
    def __str__(self):
        return "Both-str"

r, b = OnlyRepr(), Both()
print(r, str(r), repr(r), [r], (r,), {"k": r}, {1: b}, [b], b, str(b))
print(f"{r} {b} {b!r} {b!s} {r!a}", "%s %r" % (b, b), "{} {!r}".format(b, b))
print(str(OnlyStr()), repr(OnlyStr()).startswith("<__main__.OnlyStr object at"))
print(repr(OnlyStr).startswith("<class"), str(OnlyStr), repr(OnlyRepr))

class BadRepr:
    def __repr__(self):
        return 42
class BadStr:
    def __str__(self):
        return None
    def __repr__(self):
        return "BadStr()"
for f in (repr, str):
    try:
        f(BadRepr())
    except TypeError as e:
        print(type(e).__name__, e)
try:
    str(BadStr())
except TypeError as e:
    print(type(e).__name__, e)
print(repr(BadStr()), [BadStr()])
try:
    print(BadStr())
except TypeError as e:
    print(type(e).__name__, e)
try:
    f"{BadStr()}"
except TypeError as e:
    print(type(e).__name__, e)

# Returning str subclasses is allowed
class MyStr(str):
    pass
class SubRepr:
    def __repr__(self):
        return MyStr("sub-repr")
print(repr(SubRepr()), type(repr(SubRepr())).__name__)

# Exceptions inside __repr__ propagate
class Raising:
    def __repr__(self):
        raise ValueError("repr exploded")
try:
    repr([1, Raising()])
except ValueError as e:
    print(type(e).__name__, e)

# Recursive containers
lst = [1]
lst.append(lst)
d = {"self": None}
d["self"] = d
print(lst, d, repr(lst))
class Rec:
    def __init__(self):
        self.children = []
    def __repr__(self):
        return f"Rec({self.children!r})"
rc = Rec()
rc.children.append(Rec())
print(rc)

# repr of builtin values
print(repr("it's"), repr('say "hi"'), repr("both ' and \""), repr("\n\t\\"), repr("\x00\x7f\xe9"))
print(repr(b"\x00a'\""), repr(bytearray(b"x")), repr(1.0), repr(-0.0), repr(1e100), repr(1e-7), repr(2**64))
print(repr(None), repr(True), repr(...), repr(NotImplemented), repr(()), repr((1,)), repr(set()), repr(frozenset()))
print(repr({}), repr([]), repr(range(0)), repr(range(1, 10, 2)), repr(slice(1, None)), repr(1j), repr(-1-0j))
print(repr(int), repr(type), repr(object), repr(type(None)), repr(ValueError("x", 1)), repr(KeyError()))
print(str(ValueError("msg")), str(KeyError("k")), str(ValueError()), str(ValueError(1, 2)), str(OSError(2, "No such")))

# str() / repr() of subclasses of builtins
class MyInt(int):
    pass
class MyList(list):
    def __repr__(self):
        return "MyList" + super().__repr__()
print(MyInt(5), repr(MyInt(5)), MyList([1, 2]), str(MyList([3])))

# ascii()
print(ascii("caf\xe9"), ascii([1, "\xff"]), ascii(b), ascii("plain"))

# str with encoding arguments on bytes
print(str(b"abc", "ascii"), str(b"a\xffb", "latin-1"), str(b"a\xffb", "ascii", "replace"))
try:
    str(b"\xff", "ascii")
except UnicodeDecodeError as e:
    print(type(e).__name__, e)
try:
    str("x", "ascii")
except TypeError as e:
    print(type(e).__name__, e)
