# Corpus: class patterns: __match_args__, keyword sub-patterns, builtin self-matching classes, inheritance.
class Point:
    __match_args__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


class Point3(Point):
    __match_args__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z


class Named:
    def __init__(self, name):
        self.name = name


class Prop:
    __match_args__ = ("double",)

    def __init__(self, v):
        self.v = v

    @property
    def double(self):
        return self.v * 2


def classify(o):
    match o:
        case Point3(0, 0, 0):
            return "3d origin"
        case Point3(x, y, z=0):
            return f"3d flat {x},{y}"
        case Point(0, y=0):
            return "origin"
        case Point(x, y) if x == y:
            return f"diagonal {x}"
        case Point(x=1, y=yy):
            return f"x is one, y={yy}"
        case Point():
            return "some point"
        case Named(name="bob" | "bo" as n):
            return f"bob-ish {n}"
        case Named(name=str() as n):
            return f"named {n}"
        case Prop(8):
            return "prop computed 8"
        case Prop(double=d):
            return f"prop double {d}"
        case _:
            return "unknown"


objs = [Point3(0, 0, 0), Point3(1, 2, 0), Point3(1, 2, 3), Point(0, 0), Point(4, 4), Point(1, 7), Point(5, 6),
        Named("bob"), Named("bo"), Named("al"), Named(3), Prop(4), Prop(5), 42]
for o in objs:
    print(classify(o))


def builtin(v):
    match v:
        case bool(b):
            return f"bool {b}"
        case int(0) | float(0.0):
            return "zero number"
        case int(i):
            return f"int {i}"
        case float(f) if f != f:
            return "nan"
        case float(f):
            return f"float {f}"
        case str("") | bytes(b""):
            return "empty text"
        case str(s):
            return f"str {s}"
        case list([x, *_]):
            return f"list starting {x}"
        case tuple((a, b)):
            return f"2-tuple {a} {b}"
        case dict({"k": k}):
            return f"dict k={k}"
        case frozenset() | set():
            return f"set of {len(v)}"
        case bytearray(x) | bytes(x):
            return f"binary {x!r}"
        case _:
            return "other"


for v in [True, False, 0, 0.0, 12, float("nan"), 2.5, "", b"", "hi", [9, 8], (1, 2), (1, 2, 3), {"k": 3},
          frozenset([1]), {1, 2}, bytearray(b"ba"), b"by", None, []]:
    print(repr(v), "->", builtin(v))


class MyInt(int):
    pass


class MyStr(str):
    __match_args__ = ("upper_form",)

    @property
    def upper_form(self):
        return self.upper()


match MyInt(7):
    case int(n):
        print("subclass of int matches int(n):", n, type(n).__name__)
match MyStr("abc"):
    case MyStr("ABC"):
        print("MyStr uses its own __match_args__")
match Point(1, 2):
    case object(x=1):
        print("object() with keyword pattern")
match Named("z"):
    case Named(missing=1):
        print("not reached")
    case Named():
        print("missing attribute just fails the case")
