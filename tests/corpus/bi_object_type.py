# Corpus: object() and type(): one- and three-argument type, attributes of type objects, object slots, errors.
o = object()
print(type(o).__name__, type(o) is object, isinstance(o, object), object.__name__, object.__bases__, object.__mro__)
try:
    o.attr = 1
except AttributeError as e:
    print(type(e).__name__, e)
try:
    object(1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    object(x=1)
except TypeError as e:
    print(type(e).__name__, e)
print(o == o, o != object(), o.__eq__(1), object.__eq__(o, o), o.__ne__(o), o.__lt__(o))
print(type(o.__hash__()).__name__, o.__str__() == o.__repr__(), o.__format__("") == str(o), o.__sizeof__() > 0)
print([type(v).__name__ for v in [1, 1.0, 1j, "s", b"b", [], (), {}, set(), None, ..., NotImplemented, type, len]])
print(type(int), type(type), type(object), type(lambda: 0).__name__, type(type(None)).__name__)
print(int.__name__, int.__qualname__, int.__module__, bool.__bases__, bool.__mro__, int.__base__, object.__base__)


class Plain:
    pass


class Child(Plain):
    "doc of Child"
    attr = 5


print(Child.__name__, Child.__qualname__, Child.__module__, Child.__doc__, Plain.__doc__, Child.__bases__)
print([c.__name__ for c in Child.__mro__], [c.__name__ for c in Child.mro()], Child.__base__.__name__)
print(Plain.__subclasses__() == [Child], type(Child.__dict__).__name__, "attr" in Child.__dict__)
Dyn = type("Dyn", (Child,), {"x": 1, "double": lambda self: self.x * 2, "__doc__": "made by type()"})
d = Dyn()
print(Dyn.__name__, Dyn.__qualname__, Dyn.__doc__, d.double(), d.attr, type(d).__name__, Dyn.__module__)
print(type("E", (), {}).__bases__, type("E", (object,), {}).__mro__[-1] is object)
Dyn.__name__ = "Renamed"
Dyn.__qualname__ = "Outer.Renamed"
print(Dyn.__name__, Dyn.__qualname__, type(Dyn()).__name__)
for bad in [("x", (), {}, 1), (1, (), {}), ("x", [], {}), ("x", (), []), ("x", (1,), {}), ()]:
    try:
        type(*bad)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    Dyn.__name__ = 5
except TypeError as e:
    print(type(e).__name__, e)
try:
    int.__name__ = "integer"
except TypeError as e:
    print(type(e).__name__, e)
try:
    type("x", (bool,), {})
except TypeError as e:
    print(type(e).__name__, e)
try:
    type("x", (int, str), {})
except TypeError as e:
    print(type(e).__name__, e)


class WithSlots:
    __slots__ = ("a",)


ws = WithSlots()
print(hasattr(ws, "__dict__"), WithSlots.__slots__, type(WithSlots.a).__name__)
try:
    ws.a
except AttributeError as e:
    print(type(e).__name__, e)


class Swap1:
    pass


class Swap2:
    def who(self):
        return "now Swap2"


s = Swap1()
s.__class__ = Swap2
print(s.who(), type(s).__name__)
try:
    s.__class__ = int
except TypeError as e:
    print(type(e).__name__, e)
try:
    (1).__class__ = bool
except TypeError as e:
    print(type(e).__name__, e)
print(object.__new__(Plain).__class__.__name__, type.__call__(Plain).__class__.__name__)
try:
    object.__new__(int)
except TypeError as e:
    print(type(e).__name__, e)
print(isinstance(type, object), isinstance(object, type), type.__mro__, len(object.__subclasses__()) > 50)
print(type.__name__, type(1).__add__(1, 2), type("").join("ab", "xy"), type([]).__len__([1, 2]))
