# Corpus: isinstance()/issubclass() with tuples, unions (int | str), nested tuples, ABC-free hooks, errors.
class A:
    pass


class B(A):
    pass


class C:
    pass


b = B()
print(isinstance(b, B), isinstance(b, A), isinstance(b, object), isinstance(b, C), isinstance(b, (C, A)))
print(isinstance(1, int), isinstance(True, int), isinstance(1, bool), isinstance(1.0, int), isinstance(None, type(None)))
print(isinstance(1, (str, (float, (int,)))), isinstance("s", ()), isinstance(int, type), isinstance(type, type))
print(isinstance(1, int | str), isinstance("x", int | str), isinstance(1.5, int | str), isinstance(None, int | None))
print(isinstance(b, A | C), isinstance(3, (bytes, int | float)), isinstance([], list | dict | None))
print(issubclass(B, A), issubclass(A, B), issubclass(B, B), issubclass(bool, int), issubclass(bool, (str, int)))
print(issubclass(B, A | C), issubclass(int, int | str), issubclass(float, int | str), issubclass(type(None), None | int))
print(issubclass(object, object), issubclass(type, object), issubclass(object, type), issubclass(B, ()))
for args in [(1, 1), (1, "int"), (1, (int, 1)), (1, [int])]:
    try:
        print(isinstance(*args))
    except TypeError as e:
        print(type(e).__name__, e)
for args in [(1, int), (b, A), (B, 1), (B, (A, 1)), (int, list[int])]:
    try:
        print(issubclass(*args))
    except TypeError as e:
        print(type(e).__name__, e)
try:
    isinstance(1, list[int])
except TypeError as e:
    print(type(e).__name__, e)
try:
    isinstance(1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    issubclass(int, int, int)
except TypeError as e:
    print(type(e).__name__, e)


class Meta(type):
    def __instancecheck__(cls, obj):
        return obj == "magic"

    def __subclasscheck__(cls, sub):
        return sub is int


class Magic(metaclass=Meta):
    pass


print(isinstance("magic", Magic), isinstance(Magic(), Magic), isinstance(5, Magic))
print(issubclass(int, Magic), issubclass(Magic, Magic), issubclass(str, (Magic, str)))
print(isinstance("magic", (int, Magic)), isinstance("magic", int | Magic))


class FakeClass:
    @property
    def __class__(self):
        return int


fc = FakeClass()
print(isinstance(fc, int), isinstance(fc, FakeClass), type(fc).__name__)


class BasesHook:
    __bases__ = (A,)


class NoBases:
    pass


try:
    print(issubclass(BasesHook(), A), issubclass(BasesHook(), NoBases))
    print(issubclass(NoBases(), A))
except TypeError as e:
    print(type(e).__name__, e)
print(isinstance(True, bool | None), isinstance(b"", bytes | bytearray), issubclass(bytearray, bytes))
print(isinstance(A, type), isinstance(A(), type), isinstance(Meta, type), isinstance(Magic, Meta))
print(issubclass(KeyError, LookupError), issubclass(KeyError, (ValueError, Exception)), isinstance(KeyError(), LookupError))


class Deep(B):
    pass


print([issubclass(Deep, t) for t in (A, B, C, object, Deep)], isinstance(Deep(), (C, (C, (C, B)))))
nested = (int,)
for _ in range(50):
    nested = (nested,)
print(isinstance(1, nested))
print(int | str == str | int, (int | str).__args__, type(int | str) is type(str | None), int | int)
