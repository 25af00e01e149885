# Corpus: __index__ used by slicing, range, bin/hex/oct, sequence indexing, repetition and int().
class Idx:
    def __init__(self, n):
        self.n = n
    def __index__(self):
        return self.n
    def __repr__(self):
        return f"Idx({self.n})"

data = list(range(10))
s = "abcdefghij"
print(data[Idx(3)], s[Idx(-1)], (1, 2, 3)[Idx(1)], b"xyz"[Idx(2)], range(100)[Idx(50)])
print(data[Idx(2):Idx(8):Idx(2)], s[Idx(1):], s[:Idx(3)], s[::Idx(-3)])
print(list(range(Idx(3))), list(range(Idx(1), Idx(10), Idx(4))), range(Idx(5)))
print(bin(Idx(10)), hex(Idx(255)), oct(Idx(8)), bin(Idx(-5)))
print("ab" * Idx(3), [0] * Idx(2), Idx(2) * (1,), b"-" * Idx(4))
print(int(Idx(7)) if hasattr(int, "__index__") else "", operator_index := Idx(9).__index__())
data[Idx(0)] = "first"
del data[Idx(9)]
data[Idx(1):Idx(3)] = ["X"]
print(data)
ba = bytearray(b"hello")
ba[Idx(0)] = Idx(72)
print(ba, bytes([Idx(65), Idx(66)]), bytearray(Idx(3)))
print(slice(Idx(1), Idx(5), Idx(2)).indices(Idx(4)))
print(round(2.567, Idx(2)), (255).to_bytes(Idx(2), "big"), "x".center(Idx(5), "*"))
print(chr(Idx(97)), hex(Idx(2**70)), [1, 2, 3].pop(Idx(0)), "abcabc".index("c", Idx(3)))
print(divmod(Idx(7).__index__(), 2), complex(1, 0).real if False else "", pow(Idx(3).__index__(), 2))

# __index__ must return int
class BadIdx:
    def __index__(self):
        return "5"
class FloatIdx:
    def __index__(self):
        return 5.0
for o in (BadIdx(), FloatIdx()):
    try:
        [1, 2, 3][o]
    except TypeError as e:
        print(type(e).__name__, e)
    try:
        bin(o)
    except TypeError as e:
        print(type(e).__name__, e)

# Objects without __index__
for o in (1.5, "3", None, [1]):
    try:
        [1, 2, 3][o]
    except TypeError as e:
        print(type(e).__name__, e)
for o in (1.5, "3"):
    try:
        range(o)
    except TypeError as e:
        print(type(e).__name__, e)
    try:
        hex(o)
    except TypeError as e:
        print(type(e).__name__, e)
    try:
        "ab" * o
    except TypeError as e:
        print(type(e).__name__, e)
try:
    "abc"[1.0:2]
except TypeError as e:
    print(type(e).__name__, e)
try:
    key = "a"
    (1, 2)[key]
except TypeError as e:
    print(type(e).__name__, e)
try:
    key = None
    b"ab"[key]
except TypeError as e:
    print(type(e).__name__, e)

# Out of range via __index__
try:
    data[Idx(100)]
except IndexError as e:
    print(type(e).__name__, e)
try:
    s[Idx(2**100)]
except IndexError as e:
    print(type(e).__name__, e)
print(s[Idx(-2**100):Idx(2**100)])

# __index__ with __int__ interplay: int() prefers __int__, then __index__
class Both:
    def __int__(self):
        return 1
    def __index__(self):
        return 2
print(int(Both()), [0, 10, 20][Both()], range(Both()))
class OnlyIndex:
    def __index__(self):
        return 6
print(int(OnlyIndex()), float(OnlyIndex()), complex(OnlyIndex()))
# int subclass with __index__ overridden: index uses int value directly for exact ints only
class IntSub(int):
    def __index__(self):
        return 99
print([0, 1, 2, 3][IntSub(1)], bin(IntSub(1)))
