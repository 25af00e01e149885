# Corpus: __class__ cell / __classcell__: zero-arg super and __class__ in classes built by metaclasses.
class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        print(f"Meta.__new__ {name}: __classcell__ in ns = {'__classcell__' in ns}")
        return super().__new__(mcls, name, bases, ns)


class Base(metaclass=Meta):
    def hello(self):
        return f"Base.hello({type(self).__name__})"

    @classmethod
    def create(cls):
        return f"Base.create for {cls.__name__}"


class Child(Base):
    def hello(self):
        return "Child+" + super().hello()

    @classmethod
    def create(cls):
        return "Child+" + super().create()

    def which_class(self):
        return __class__.__name__

    @staticmethod
    def static_sees_class():
        return __class__.__name__


class GrandChild(Child):
    def hello(self):
        return "Grand+" + super().hello()


g = GrandChild()
print(g.hello())
print(GrandChild.create())
print(g.which_class(), GrandChild.static_sees_class())


class Recording(type):
    def __new__(mcls, name, bases, ns):
        cell = ns.get("__classcell__")
        cls = super().__new__(mcls, name, bases, ns)
        print(f"  {name}: has cell={cell is not None}, __classcell__ left in dict={'__classcell__' in cls.__dict__}")
        return cls


class UsesSuper(metaclass=Recording):
    def m(self):
        return super().__repr__ is not None


class NoSuper(metaclass=Recording):
    def m(self):
        return 1


print(UsesSuper().m(), NoSuper().m())


class DropsCell(type):
    def __new__(mcls, name, bases, ns):
        ns.pop("__classcell__", None)
        return super().__new__(mcls, name, bases, ns)


try:
    class Broken(metaclass=DropsCell):
        def m(self):
            return __class__
    print("Broken created")
    Broken().m()
except (RuntimeError, NameError, TypeError) as e:
    print(type(e).__name__, e)


class ReplacesClass(type):
    def __new__(mcls, name, bases, ns):
        return super().__new__(mcls, name, bases, dict(ns))


class Kept(metaclass=ReplacesClass):
    def who(self):
        return __class__ is Kept


print(Kept().who())


class WrongCell(type):
    def __new__(mcls, name, bases, ns):
        other = type("Other", (), {})
        cell = ns["__classcell__"]
        cell.cell_contents = other
        return super().__new__(mcls, name, bases, ns)


try:
    class Mismatch(metaclass=WrongCell):
        def f(self):
            return __class__
    print("Mismatch cell now holds", Mismatch().f().__name__)
except TypeError as e:
    print(type(e).__name__, e)


class Outer:
    def method(self):
        class Inner:
            def get(self):
                return __class__.__name__
        return Inner().get(), __class__.__name__


print(Outer().method())


def decorate(cls):
    def extra(self):
        try:
            return super().hello()
        except RuntimeError as e:
            return f"{type(e).__name__}: {e}"
    cls.extra = extra
    return cls


@decorate
class Decorated(Base):
    def hello(self):
        return "Decorated"


print(Decorated().extra())
print(Decorated().hello(), super(Decorated, Decorated()).hello())
