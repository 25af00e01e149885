# Corpus: C3 method resolution order for diamonds and complex hierarchies; mro() and __mro__.
def names(cls):
    return [c.__name__ for c in cls.__mro__]

class O: pass
class A(O): pass
class B(O): pass
class C(O): pass
class D(O): pass
class E(O): pass
class K1(A, B, C): pass
class K2(D, B, E): pass
class K3(D, A): pass
class Z(K1, K2, K3): pass
print(names(Z))
print(names(K1), names(K2), names(K3))

class Top:
    def who(self):
        return "Top"
class Left(Top):
    def who(self):
        return "Left>" + super().who()
class Right(Top):
    def who(self):
        return "Right>" + super().who()
class Bottom(Left, Right):
    def who(self):
        return "Bottom>" + super().who()
print(names(Bottom), Bottom().who())
class Bottom2(Right, Left):
    pass
print(names(Bottom2), Bottom2().who())

print(Bottom.mro() == list(Bottom.__mro__), type(Bottom.__mro__).__name__, type(Bottom.mro()).__name__)
print(object.__mro__, int.__mro__, bool.__mro__)
print([c.__name__ for c in type.__mro__], [c.__name__ for c in type.mro(type)])

# Attribute lookup follows the MRO
class P1:
    x = "P1"
class P2:
    x = "P2"
    y = "P2"
class Q(P1, P2):
    pass
print(Q.x, Q.y, Q().x)

# Builtin bases in the MRO
class MyDict(dict): pass
class MyList(list): pass
print(names(MyDict), names(MyList))
try:
    class Multi(MyList, Exception): pass
except TypeError as e:
    print(type(e).__name__, e)
class Err(ValueError, KeyError): pass
print(names(Err))

# Custom mro via metaclass
class ReverseMeta(type):
    def mro(cls):
        default = super().mro()
        return [default[0]] + list(reversed(default[1:-1])) + [object]
class R1: v = 1
class R2: v = 2
class RR(R1, R2, metaclass=ReverseMeta): pass
print(names(RR), RR.v)

# Deep chain
chain = [object]
for i in range(6):
    chain.append(type(f"L{i}", (chain[-1],), {}))
print(names(chain[-1]))

# __bases__ and __base__
print([c.__name__ for c in Bottom.__bases__], Bottom.__base__.__name__, object.__bases__, object.__base__)
print(Z.__bases__[1].__name__, bool.__base__, int.__base__)

# Changing __bases__ updates __mro__
class N1: tag = "N1"
class N2: tag = "N2"
class Swap(N1): pass
print(Swap.tag, names(Swap))
Swap.__bases__ = (N2,)
print(Swap.tag, names(Swap))
try:
    Swap.__bases__ = ()
except TypeError as e:
    print(type(e).__name__, e)

# isinstance / issubclass follow mro
print(issubclass(Z, O), issubclass(Z, E), isinstance(Z(), K3), issubclass(K1, K2))
