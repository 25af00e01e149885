# Corpus: __hash__/__eq__ interplay: __eq__ without __hash__ makes instances unhashable.
class Plain:
    pass

class EqOnly:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        return isinstance(other, EqOnly) and self.v == other.v

class EqHash(EqOnly):
    def __hash__(self):
        return hash(self.v)

class InheritsEq(EqOnly):
    pass

class RestoresHash(EqOnly):
    __hash__ = object.__hash__

print(Plain.__hash__ is object.__hash__, EqOnly.__hash__, InheritsEq.__hash__, "__hash__" in EqOnly.__dict__)
print(hash(Plain()) == hash(Plain()) or True)
for cls in (EqOnly, InheritsEq):
    try:
        hash(cls(1))
    except TypeError as e:
        print(type(e).__name__, e)
    try:
        {cls(1)}
    except TypeError as e:
        print(type(e).__name__, e)
    try:
        {cls(1): 1}
    except TypeError as e:
        print(type(e).__name__, e)
print(hash(EqHash(5)), hash(EqHash("x")) == hash("x"), EqHash(1) in {EqHash(1)}, len({EqHash(1), EqHash(1), EqHash(2)}))
r = RestoresHash(3)
print(isinstance(hash(r), int), r == RestoresHash(3))

class NoHash:
    __hash__ = None
try:
    hash(NoHash())
except TypeError as e:
    print(type(e).__name__, e)
print(isinstance(NoHash(), object))

# Unhashable builtins
for v in ([], {}, set(), bytearray(), [1, (2,)], (1, [2]), slice(1, 2) if False else {1: 2}.keys()):
    try:
        hash(v)
        print("hashable", type(v).__name__)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    {[1]: 2}
except TypeError as e:
    print(type(e).__name__, e)
try:
    {1, 2, [3]}
except TypeError as e:
    print(type(e).__name__, e)
try:
    frozenset([{}])
except TypeError as e:
    print(type(e).__name__, e)
try:
    d = {}
    d[{1}] = 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    [] in {1: 2}
except TypeError as e:
    print(type(e).__name__, e)
try:
    {}.get([])
except TypeError as e:
    print(type(e).__name__, e)

# __hash__ return value rules
class BigHash:
    def __hash__(self):
        return 2**100
class FloatHash:
    def __hash__(self):
        return 1.5
class NegOne:
    def __hash__(self):
        return -1
class BoolHash:
    def __hash__(self):
        return True
print(hash(BigHash()) == hash(2**100), hash(NegOne()), hash(BoolHash()))
try:
    hash(FloatHash())
except TypeError as e:
    print(type(e).__name__, e)

# Hash of numbers: equal numbers hash equal
print(hash(1) == hash(1.0) == hash(True), hash(2**61 - 1), hash(2**61), hash(-1), hash(-2), hash(0.5))
print(hash(1 + 0j) == hash(1), hash(10**20) == hash(10.0**20), hash(float("inf")), hash(-float("inf")))
print(hash(()) == hash(()), hash((1, 2)) == hash((1, 2)), hash(frozenset([1, 2])) == hash(frozenset([2, 1])))
print(hash(None) == hash(None), hash(...) == hash(Ellipsis))

# Dict lookup uses hash then eq
calls = []
class Key:
    def __init__(self, k, h):
        self.k, self.h = k, h
    def __hash__(self):
        calls.append(("hash", self.k))
        return self.h
    def __eq__(self, other):
        calls.append(("eq", self.k, other.k))
        return self.k == other.k
d = {Key("a", 1): "A"}
d[Key("b", 1)] = "B"
print(d[Key("a", 1)], d[Key("b", 1)], len(d))
print(calls)

# Subclasses of builtins with __eq__ override
class CaseStr(str):
    def __eq__(self, other):
        return self.lower() == other.lower()
    __hash__ = str.__hash__
print(CaseStr("AbC") == "abc", CaseStr("x") in {"x": 1}, hash(CaseStr("q")) == hash("q"))
class ListWithHash(list):
    def __hash__(self):
        return len(self)
print(hash(ListWithHash([1, 2, 3])), ListWithHash([1]) in {ListWithHash([1]): 0})
