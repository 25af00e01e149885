# Corpus: __init_subclass__ with keyword arguments and __set_name__ on descriptors during class creation.
registry = {}


class Plugin:
    def __init_subclass__(cls, /, name=None, priority=0, **kwargs):
        print(f"Plugin.__init_subclass__({cls.__name__}, name={name!r}, priority={priority}, rest={kwargs})")
        super().__init_subclass__(**kwargs)
        cls.plugin_name = name or cls.__name__.lower()
        cls.priority = priority
        registry[cls.plugin_name] = cls


class Alpha(Plugin, name="alpha-plugin", priority=5):
    pass


class Beta(Plugin):
    pass


class Gamma(Beta, priority=1):
    pass


print(sorted((k, v.__name__, v.priority) for k, v in registry.items()))
try:
    class Delta(Plugin, unknown=1):
        pass
except TypeError as e:
    print(type(e).__name__, e)


class Mixin:
    def __init_subclass__(cls, **kwargs):
        print(f"Mixin.__init_subclass__({cls.__name__}, {kwargs})")
        super().__init_subclass__(**kwargs)


class Both(Mixin, Plugin, name="both"):
    pass


print(Both.plugin_name, [c.__name__ for c in Both.__mro__])


class Field:
    def __init__(self, default):
        self.default = default
        self.owner = None
        self.name = None

    def __set_name__(self, owner, name):
        print(f"__set_name__ owner={owner.__name__} name={name}")
        self.owner = owner.__name__
        self.name = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return obj.__dict__.get(self.name, self.default)

    def __set__(self, obj, value):
        obj.__dict__[self.name] = value


class Model:
    def __init_subclass__(cls, **kw):
        fields = [k for k, v in vars(cls).items() if isinstance(v, Field)]
        print(f"Model.__init_subclass__ sees fields {fields} already named {[getattr(cls, f).name for f in fields]}")


class User(Model):
    first = Field("anon")
    age = Field(0)
    shared = first


u = User()
u.age = 30
print(u.first, u.age, User.first.name, User.age.owner, User.shared is User.first)


class Late:
    pass


f = Field(1)
Late.attr = f
print("assigned later, name:", f.name)


class BadSetName:
    def __set_name__(self, owner, name):
        raise ValueError(f"refusing {name}")


try:
    class Holder:
        x = BadSetName()
except ValueError as e:
    print(type(e).__name__, e, "| notes:", getattr(e, "__notes__", None))


class NotCallable:
    __set_name__ = 5


try:
    class Holder2:
        y = NotCallable()
except TypeError as e:
    print(type(e).__name__, e)


class Implicit:
    def __init_subclass__(cls):
        cls.marked = True


print(type(Implicit.__dict__["__init_subclass__"]).__name__)


class Sub(Implicit):
    pass


print(Sub.marked, hasattr(Implicit, "marked"))
print(object.__init_subclass__() is None)
try:
    object.__init_subclass__(x=1)
except TypeError as e:
    print(type(e).__name__, e)
