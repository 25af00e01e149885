# Corpus: None, NotImplemented, Ellipsis: reprs, types, constructors, truthiness, hashing, errors.
NoneType = type(None)
NIType = type(NotImplemented)
EllipsisType = type(...)
print(repr(None), str(None), repr(NotImplemented), repr(...), repr(Ellipsis), str(...), ... is Ellipsis)
print(NoneType.__name__, NIType.__name__, EllipsisType.__name__, NoneType, NIType, EllipsisType)
print(NoneType() is None, NIType() is NotImplemented, EllipsisType() is ...)
for t in (NoneType, NIType, EllipsisType):
    try:
        t(1)
    except TypeError as e:
        print(type(e).__name__, e)
    try:
        t(x=1)
    except TypeError as e:
        print(type(e).__name__, e)
    try:
        type("Sub", (t,), {})
    except TypeError as e:
        print(type(e).__name__, e)
print(bool(None), bool(...), not None, None is None, None == None, None != 0, None == False, ... == ...)
print(hash(None) == hash(None), hash(...) == hash(Ellipsis), {None: 1, ...: 2}, [None, ..., NotImplemented])
print(isinstance(None, NoneType), isinstance(None, object), NoneType.__mro__, EllipsisType.__mro__)

# Operations on None
nothing = None
for op in (lambda: None + 1, lambda: None < None, lambda: nothing(), lambda: nothing[0], lambda: len(None), lambda: iter(None),
           lambda: -None, lambda: None.attr, lambda: [x for x in None], lambda: None.__setattr__("a", 1)):
    try:
        op()
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)
try:
    None.x = 1
except AttributeError as e:
    print(type(e).__name__, e)
try:
    del None.__class__
except (AttributeError, TypeError) as e:
    print(type(e).__name__, e)
print(None.__class__, None.__bool__(), None.__repr__(), None.__eq__(None), None.__eq__(0), None.__hash__() == hash(None))

# Ellipsis usage
print(type(...).__name__, Ellipsis.__reduce__(), Ellipsis.__class__.__name__)
class Grid:
    def __getitem__(self, key):
        return key
print(Grid()[...], Grid()[..., 1], Grid()[1:..., ...])
try:
    ... + 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    ... < ...
except TypeError as e:
    print(type(e).__name__, e)
def stub():
    ...
print(stub(), stub.__code__.co_consts[:1] if False else "stub ok")

# NotImplemented
print(NotImplemented.__reduce__(), type(NotImplemented)() is NotImplemented, NotImplemented == NotImplemented, NotImplemented is not None)
print(int.__eq__(1, "x"), (1).__lt__(1.5), "a".__eq__(1), [].__eq__(()), float.__add__(1.0, "x"), complex.__eq__(1j, "j"))
try:
    NotImplemented + 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    NotImplemented()
except TypeError as e:
    print(type(e).__name__, e)
# Returning NotImplemented from __eq__ of both sides gives identity comparison
class X:
    def __eq__(self, other):
        return NotImplemented
x = X()
print(x == x, x == X(), x != x, x != X())
# None as default sentinel patterns
def f(a=None, *, b=...):
    return ("a-default" if a is None else a, "b-default" if b is ... else b)
print(f(), f(0), f(b=None), f(None, b=0))
print(sorted([3, 1], key=None), max([1, 2], default=None), min([], default=None), {}.get("k"), [].sort())
print(type(print()).__name__, print.__call__("call") if False else "", str(None).upper(), repr(...).lower())
