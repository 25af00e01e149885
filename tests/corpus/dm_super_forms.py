# Corpus: super() in every form: zero-arg, two-arg, unbound, in classmethods/staticmethods/properties, errors.
class Base:
    def __init__(self, v):
        self.v = v
    def describe(self):
        return f"Base({self.v})"
    @classmethod
    def create(cls, v):
        return ("Base.create", cls.__name__, v)
    @property
    def kind(self):
        return "base-kind"
    @staticmethod
    def helper(x):
        return x + 1
    name = "base-name"

class Mid(Base):
    def __init__(self, v):
        super().__init__(v * 2)
    def describe(self):
        return "Mid>" + super().describe()
    @classmethod
    def create(cls, v):
        return ("Mid.create",) + super().create(v)
    @property
    def kind(self):
        return "mid+" + super().kind
    def help2(self):
        return super().helper(10), super(Mid, self).name

class Leaf(Mid):
    def describe(self):
        return "Leaf>" + super(Leaf, self).describe()
    def skip(self):
        return super(Mid, self).describe()

l = Leaf(3)
print(l.v, l.describe(), l.skip())
print(Leaf.create(1), Mid.create(2))
print(l.kind, l.help2())

# Two-arg with a class as the second argument (classmethod-like)
print(super(Mid, Leaf).create(5))
print(super(Leaf, Leaf).describe(l))

# Unbound super
u = super(Mid)
print(type(u).__name__)
print(u.__get__(l).describe())

# super attributes
s = super(Leaf, l)
print(s.__thisclass__.__name__, s.__self__ is l, s.__self_class__.__name__)
s2 = super(Mid, Leaf)
print(s2.__thisclass__.__name__, s2.__self__ is Leaf, s2.__self_class__.__name__)

# Errors
try:
    super(Leaf, 5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    super(int, Leaf)
except TypeError as e:
    print(type(e).__name__, e)
try:
    super(1, l)
except TypeError as e:
    print(type(e).__name__, e)
try:
    super(Leaf, l).nonexistent
except AttributeError as e:
    print(type(e).__name__, e)

def outside():
    return super()
try:
    outside()
except RuntimeError as e:
    print(type(e).__name__, e)

class NoArgs:
    def m():
        return super()
try:
    NoArgs.m()
except RuntimeError as e:
    print(type(e).__name__, e)

# super() in a nested function fails (no __class__ cell arguments)
class Nested:
    def m(self):
        def inner():
            return super().__repr__
        return inner()
try:
    Nested().m()
except RuntimeError as e:
    print(type(e).__name__, e)

# __class__ cell
class HasCell:
    def get(self):
        return __class__
class SubCell(HasCell):
    pass
print(SubCell().get().__name__)

# super with __setattr__ on super object fails
try:
    super(Leaf, l).v = 5
except AttributeError as e:
    print(type(e).__name__, e)

# super in __new__ and with builtins
class UpperStr(str):
    def __new__(cls, s):
        return super().__new__(cls, s.upper())
    def __len__(self):
        return super().__len__() * 10
us = UpperStr("abc")
print(us, len(us), type(us).__name__, isinstance(us, str))

class CountingList(list):
    def append(self, x):
        super().append(x)
        super().append(x)
cl = CountingList()
cl.append(1)
print(cl)
print(super(CountingList, cl).__len__())
