# Corpus: super() attribute access (LOAD_SUPER_ATTR): methods, attributes, classmethods, nested scopes, errors.
class A:
    greeting = "A.greeting"

    def who(self):
        return "A.who"

    @classmethod
    def make(cls):
        return f"A.make({cls.__name__})"

    @property
    def prop(self):
        return "A.prop"

    def __repr__(self):
        return "A-repr"


class B(A):
    greeting = "B.greeting"

    def who(self):
        return "B.who>" + super().who()

    def attr(self):
        return super().greeting

    @classmethod
    def make(cls):
        return "B.make>" + super().make()

    @property
    def prop(self):
        return "B.prop>" + super().prop

    def __repr__(self):
        return "B>" + super().__repr__()

    def in_lambda(self):
        f = lambda: super(B, self).who()
        return f()

    def in_comprehension(self):
        return [super().who() for _ in range(2)]

    def in_nested_def(self):
        def helper():
            return super().who()
        try:
            return helper()
        except RuntimeError as e:
            return f"{type(e).__name__}: {e}"

    def in_genexpr(self):
        try:
            return list(super().who() + str(i) for i in range(2))
        except TypeError as e:
            return f"{type(e).__name__}: {e}"

    def two_arg(self):
        return super(B, self).who(), super(A, self).__repr__ is not None

    def method_ref(self):
        m = super().who
        return m()


class C(B):
    def who(self):
        return "C.who>" + super().who()


b, c = B(), C()
print(b.who(), c.who(), sep="\n")
print(b.attr(), c.attr())
print(B.make(), C.make())
print(b.prop, repr(b), repr(c))
print(b.in_lambda(), b.in_comprehension(), b.in_nested_def(), b.in_genexpr())
print(b.two_arg(), b.method_ref())


def outside():
    return super().x


try:
    outside()
except RuntimeError as e:
    print(type(e).__name__, e)


class D(A):
    def missing(self):
        return super().no_such_attr

    def shadowed_self():
        return super().who()

    def reassigns_self(self):
        self = 5
        return super().who()

    @staticmethod
    def static():
        return super().who()


for meth in [lambda: D().missing(), D.shadowed_self, lambda: D().reassigns_self(), D.static]:
    try:
        print(meth())
    except (RuntimeError, AttributeError, TypeError) as e:
        print(type(e).__name__, e)


class E(A):
    def set_via_super(self):
        try:
            super().greeting = "x"
        except AttributeError as e:
            return f"{type(e).__name__}: {e}"


print(E().set_via_super())
s = super(B, b)
print(type(s).__name__, s.who(), s.__thisclass__.__name__, s.__self_class__.__name__)
print(super(B, B).make(), super(C, C).who(c))
try:
    super(B, 5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    super(5, b)
except TypeError as e:
    print(type(e).__name__, e)
