# Corpus: classmethod and staticmethod: binding, __func__, __wrapped__, inheritance, wrapping callables, errors.
class Base:
    count = 0

    @classmethod
    def make(cls, *args):
        cls.count += 1
        return f"{cls.__name__}.make{args} count={cls.count}"

    @staticmethod
    def helper(x, y=2):
        return x * y

    def regular(self):
        return "regular"


class Child(Base):
    pass


print(Base.make(1), Child.make(), Child().make(2, 3), Base.count, Child.count)
print(Base.helper(3), Base().helper(4, 5), Child.helper(x=6))
cm = Base.__dict__["make"]
sm = Base.__dict__["helper"]
print(type(cm).__name__, type(sm).__name__, cm.__func__.__name__, sm.__func__ is sm.__wrapped__)
print(cm.__wrapped__ is cm.__func__, Base.make.__func__ is cm.__func__, Base.make.__self__ is Base)
print(Child().make.__self__ is Child, type(Base.make).__name__, type(Base.helper).__name__)
print(cm.__get__(None, Child)(), cm.__get__(Child())(), sm.__get__(None, Base)(10))
print(sm(7), callable(cm), callable(sm), cm.__isabstractmethod__, sm.__name__, sm.__qualname__)
print(cm.__name__, cm.__qualname__, cm.__doc__, sm.__doc__)


def documented(cls_or_x):
    "the doc"
    return cls_or_x


wrapped = classmethod(documented)
print(wrapped.__doc__, wrapped.__name__, staticmethod(documented).__doc__)


class Dynamic:
    pass


Dynamic.cm = classmethod(lambda cls, v: (cls.__name__, v))
Dynamic.sm = staticmethod(len)
print(Dynamic.cm(1), Dynamic().cm(2), Dynamic.sm("abc"), Dynamic().sm([1, 2]))


class Meta(type):
    @classmethod
    def meta_cm(mcls):
        return mcls.__name__


class WithMeta(metaclass=Meta):
    pass


print(WithMeta.meta_cm(), Meta.meta_cm())


class Chained:
    @classmethod
    @property
    def prop(cls):
        return f"class property of {cls.__name__}"


try:
    print(Chained.prop)
except TypeError as e:
    print(type(e).__name__, e)
for bad in [5, "s", None]:
    try:
        c = classmethod(bad)
        print("classmethod accepted", type(c.__func__).__name__)
        c.__get__(None, Base)()
    except TypeError as e:
        print(type(e).__name__, e)
    try:
        staticmethod(bad)()
    except TypeError as e:
        print(type(e).__name__, e)
for ctor in (classmethod, staticmethod):
    try:
        ctor()
    except TypeError as e:
        print(type(e).__name__, e)
    try:
        ctor(len, len)
    except TypeError as e:
        print(type(e).__name__, e)
sm2 = staticmethod(len)
print(sm2("four"), sm2.__func__ is len)
try:
    Base.regular()
except TypeError as e:
    print(type(e).__name__, e)
cm_obj = classmethod(len)
cm_obj.extra = "attr on classmethod"
print(cm_obj.extra, sorted(vars(cm_obj)))


class Override(Base):
    @classmethod
    def make(cls, *args):
        return "override+" + super().make(*args)

    @staticmethod
    def helper(x, y=3):
        return Base.helper(x, y) + 1


print(Override.make(9), Override.helper(2), Override().helper(2, 2))
