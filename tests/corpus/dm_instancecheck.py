# Corpus: __instancecheck__/__subclasscheck__ on metaclasses; isinstance/issubclass with tuples and errors.
log = []

class Meta(type):
    def __instancecheck__(cls, inst):
        log.append(("instancecheck", cls.__name__, type(inst).__name__))
        return hasattr(inst, "quack")
    def __subclasscheck__(cls, sub):
        log.append(("subclasscheck", cls.__name__, sub.__name__))
        return hasattr(sub, "quack")

class Duck(metaclass=Meta):
    pass

class Mallard:
    def quack(self):
        return "quack"

class Dog:
    pass

print(isinstance(Mallard(), Duck), isinstance(Dog(), Duck), issubclass(Mallard, Duck), issubclass(Dog, Duck))
print(log)
log.clear()
# Exact type match short-circuits __instancecheck__
print(isinstance(Duck(), Duck), log)
log.clear()
# Tuple of classes: checked left to right, stops at first True
print(isinstance(Mallard(), (int, Duck, str)), log)
log.clear()
print(isinstance(5, (int, Duck)), log)
log.clear()
print(issubclass(Mallard, (Duck, object)), log)
log.clear()
# Nested tuples
print(isinstance(5, (str, (float, (int,)))), issubclass(bool, ((str,), int)))

# Return values are converted to bool
class Weird(type):
    def __instancecheck__(cls, inst):
        return "non-empty"
    def __subclasscheck__(cls, sub):
        return 0
class W(metaclass=Weird):
    pass
print(isinstance(1, W), issubclass(int, W))

# Exceptions propagate
class Angry(type):
    def __instancecheck__(cls, inst):
        raise RuntimeError("no instance checks")
class A(metaclass=Angry):
    pass
try:
    isinstance(1, A)
except RuntimeError as e:
    print(type(e).__name__, e)

# Errors for invalid second arguments
for arg in (5, "int", [int], (int, 5), None):
    try:
        isinstance(1, arg)
    except TypeError as e:
        print(type(e).__name__, e)
for first, second in ((5, int), (int, 5), ("x", (int,))):
    try:
        issubclass(first, second)
    except TypeError as e:
        print(type(e).__name__, e)

# Objects providing __bases__ / __class__ are honoured
class FakeClass:
    __bases__ = ()
class Pretender:
    @property
    def __class__(self):
        return int
p = Pretender()
print(isinstance(p, int), isinstance(p, Pretender), type(p).__name__, p.__class__.__name__)
print(issubclass(FakeClass, FakeClass) if False else "skip")

# Subclass hooks via metaclass with registry (ABC-like)
class Registry(type):
    def __init__(cls, name, bases, ns):
        super().__init__(name, bases, ns)
        cls._registered = set()
    def register(cls, sub):
        cls._registered.add(sub)
        return sub
    def __subclasscheck__(cls, sub):
        return sub in cls._registered or type.__subclasscheck__(cls, sub)
    def __instancecheck__(cls, inst):
        return cls.__subclasscheck__(type(inst))
class Interface(metaclass=Registry):
    pass
@Interface.register
class Impl:
    pass
class Child(Interface):
    pass
print(isinstance(Impl(), Interface), issubclass(Impl, Interface), isinstance(Child(), Interface), isinstance(3, Interface))
Interface.register(int)
print(isinstance(3, Interface), issubclass(bool, Interface), issubclass(str, Interface))

# Builtin checks
print(isinstance(True, int), isinstance(1, bool), isinstance(None, type(None)), isinstance(int, type), isinstance(type, object))
print(issubclass(bool, int), issubclass(int, object), issubclass(type, object), issubclass(object, type))
print(isinstance(ValueError(), Exception), issubclass(KeyError, LookupError), issubclass(KeyError, (ValueError, IndexError)))
# type.__instancecheck__ direct calls
print(type.__instancecheck__(int, 1), type.__subclasscheck__(int, bool), int.__subclasscheck__(bool))
