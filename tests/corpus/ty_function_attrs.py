# Corpus: function object attributes: __name__, __qualname__, __doc__, __defaults__, __kwdefaults__, __dict__, etc.
def plain(a, b=2, *args, c, d=4, **kw):
    "Plain docstring."
    return a, b, args, c, d, kw

print(plain.__name__, plain.__qualname__, plain.__doc__, plain.__module__, plain.__defaults__, plain.__kwdefaults__)
print(plain.__annotations__, plain.__dict__, type(plain).__name__, callable(plain), plain.__globals__ is globals())
print(plain(1, c=3), plain(1, 5, 6, 7, c=8, d=9, z=10))

def annotated(x: int, y: "str" = "s", *rest: float, flag: bool = False, **opts: dict) -> list:
    return [x]
print(annotated.__annotations__, annotated.__defaults__, annotated.__kwdefaults__)
def no_doc():
    pass
print(no_doc.__doc__, no_doc.__defaults__, no_doc.__kwdefaults__, no_doc(), no_doc.__annotations__)

class Outer:
    def method(self):
        def inner():
            return 1
        return inner
    class Nested:
        @staticmethod
        def sm():
            pass
print(Outer.method.__qualname__, Outer().method().__qualname__, Outer.Nested.sm.__qualname__, (lambda: 0).__qualname__, (lambda: 0).__name__)

# Mutating attributes
def target(a, b=1, *, k=2):
    return a, b, k
target.__defaults__ = (100,)
target.__kwdefaults__ = {"k": 200}
print(target(0), target.__defaults__, target.__kwdefaults__)
target.__defaults__ = None
try:
    target(0)
except TypeError as e:
    print(type(e).__name__, e)
target.__kwdefaults__ = None
try:
    target(0, 1)
except TypeError as e:
    print(type(e).__name__, e)
target.__name__ = "renamed"
target.__qualname__ = "Some.renamed"
target.__doc__ = "new doc"
target.__module__ = "fake"
target.custom = [1]
print(target.__name__, target.__qualname__, target.__doc__, target.__module__, target.custom, target.__dict__)
try:
    target(0, 1)
except TypeError as e:
    print(type(e).__name__, e)
for attr, val in (("__name__", 5), ("__qualname__", None), ("__defaults__", [1]), ("__kwdefaults__", [1]), ("__dict__", 5), ("__annotations__", 5)):
    try:
        setattr(target, attr, val)
    except TypeError as e:
        print(attr, type(e).__name__, e)
try:
    del target.__name__
except (TypeError, AttributeError) as e:
    print(type(e).__name__, e)
del target.__doc__
print(target.__doc__)
del target.custom
print(target.__dict__, hasattr(target, "custom"))
try:
    target.__globals__ = {}
except AttributeError as e:
    print(type(e).__name__, e)
try:
    target.__closure__ = ()
except AttributeError as e:
    print(type(e).__name__, e)
target.__annotations__ = {"a": int}
print(target.__annotations__)
del target.__annotations__
print(target.__annotations__)

# Defaults evaluated once
def accumulate(x, bucket=[]):
    bucket.append(x)
    return bucket
accumulate(1)
print(accumulate(2), accumulate.__defaults__, accumulate.__defaults__[0] is accumulate(3))

# Argument errors
def sig(a, b, /, c, *, d):
    return a, b, c, d
cases = [((1,), {}), ((1, 2), {}), ((1, 2, 3), {}), ((1, 2, 3, 4), {"d": 4}), ((1, 2), {"c": 3, "d": 4, "e": 5}),
         ((1,), {"b": 2, "c": 3, "d": 4}), ((1, 2, 3), {"c": 3, "d": 4})]
for args, kw in cases:
    try:
        print(sig(*args, **kw))
    except TypeError as e:
        print(type(e).__name__, e)
print(sig(1, 2, 3, d=4), sig(1, 2, c=3, d=4))
def noargs():
    pass
try:
    noargs(1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    noargs(x=1)
except TypeError as e:
    print(type(e).__name__, e)
def two_kwonly(*, a, b):
    pass
try:
    two_kwonly()
except TypeError as e:
    print(type(e).__name__, e)
def three(a, b, c):
    pass
try:
    three()
except TypeError as e:
    print(type(e).__name__, e)
try:
    three(1, **{"a": 1})
except TypeError as e:
    print(type(e).__name__, e)
