# Corpus: MRO errors: inconsistent orders, duplicate bases, final types, invalid bases.
class X: pass
class Y: pass
class A(X, Y): pass
class B(Y, X): pass

try:
    class C(A, B): pass
except TypeError as e:
    print(type(e).__name__, e)

try:
    class D(X, A): pass
except TypeError as e:
    print(type(e).__name__, e)

class E(A, X): pass
print([c.__name__ for c in E.__mro__])

try:
    class F(X, X): pass
except TypeError as e:
    print(type(e).__name__, e)

try:
    type("G", (Y, Y), {})
except TypeError as e:
    print(type(e).__name__, e)

# Final built-in types
for base in (bool, type(None), type(NotImplemented), type(Ellipsis), range, slice, memoryview):
    try:
        type("Sub", (base,), {})
        print("subclassed", base.__name__)
    except TypeError as e:
        print(type(e).__name__, e)

# Bases that are not classes
for bases in ((1,), ("str",), (None,)):
    try:
        type("H", bases, {})
    except TypeError as e:
        print(type(e).__name__, e)

try:
    class I(5): pass
except TypeError as e:
    print(type(e).__name__, e)

# Layout conflicts of builtins
for pair in ((int, str), (list, dict), (int, float)):
    try:
        type("Mix", pair, {})
    except TypeError as e:
        print(type(e).__name__, e)

# Metaclass conflict
class M1(type): pass
class M2(type): pass
class UsesM1(metaclass=M1): pass
class UsesM2(metaclass=M2): pass
try:
    class Both(UsesM1, UsesM2): pass
except TypeError as e:
    print(type(e).__name__, e)

# Compatible metaclasses pick the most derived
class M3(M1): pass
class UsesM3(metaclass=M3): pass
class Ok(UsesM1, UsesM3): pass
print(type(Ok).__name__)

# Deeper inconsistent hierarchy
class O: pass
class P(O): pass
class Q(O): pass
class R(P, Q): pass
class S(Q, P): pass
try:
    class T(R, S): pass
except TypeError as e:
    print(type(e).__name__, e)
try:
    class U(O, P): pass
except TypeError as e:
    print(type(e).__name__, e)

# Base consistent with object explicitly at the end
class V(P, O): pass
print([c.__name__ for c in V.__mro__])

# type() argument errors
for args in ((), ("A", ()), ("A", [], {}), ("A", (), []), (1, (), {})):
    try:
        type(*args)
    except TypeError as e:
        print(type(e).__name__, e)
print(type(5).__name__, type("A", (), {}).__name__)
