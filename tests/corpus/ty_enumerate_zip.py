# Corpus: enumerate (start) and zip (incl. strict=True and its ValueError messages).
print(list(enumerate("abc")), list(enumerate("abc", 1)), list(enumerate("ab", -5)), list(enumerate([], 3)))
print(list(enumerate("xy", start=10)), list(enumerate(range(3), 2**70)), list(enumerate(iter([1, 2]), True)))
e = enumerate("hey")
print(type(e).__name__, next(e), next(e), list(e), list(e), iter(e) is e)
for args in ((5,), ("a", "b"), ("a", 1.5)):
    try:
        enumerate(*args)
    except TypeError as ex:
        print(type(ex).__name__, ex)
try:
    enumerate()
except TypeError as ex:
    print(type(ex).__name__, ex)
try:
    enumerate("a", start="1")
except TypeError as ex:
    print(type(ex).__name__, ex)
class I:
    def __index__(self):
        return 7
print(list(enumerate("ab", I())))
for i, (a, b) in enumerate(zip("pq", "rs"), 1):
    print(i, a, b)

# zip
print(list(zip()), list(zip([1, 2, 3])), list(zip("ab", [1, 2, 3])), list(zip(range(3), "xyz", (True, False, None))))
print(dict(zip("abc", range(3))), list(zip(*[(1, "a"), (2, "b")])), list(zip(*zip("ab", "cd"))))
z = zip([1], [2])
print(type(z).__name__, iter(z) is z, next(z), next(z, "done"))
try:
    zip(1)
except TypeError as ex:
    print(type(ex).__name__, ex)
try:
    zip([1], None)
except TypeError as ex:
    print(type(ex).__name__, ex)

# strict=True
print(list(zip("ab", "cd", strict=True)), list(zip(strict=True)), list(zip([], [], strict=True)))
cases = [
    (("ab", "abc"), "argument 2 is longer than argument 1"),
    (("abc", "ab"), "argument 2 is shorter"),
    (("ab", "ab", "a"), "3 shorter"),
    (("a", "ab", "ab"), "2,3 longer"),
    (("abc", "abc", "abcd"), "3 longer"),
    (([1, 2], [1, 2], [1, 2], [1]), "4 shorter"),
]
for args, _ in cases:
    out = []
    try:
        for t in zip(*args, strict=True):
            out.append(t)
    except ValueError as ex:
        print(type(ex).__name__, ex, out)
# strict with lazy consumption: error only surfaces when exhausted
zz = zip([1, 2], [3], strict=True)
print(next(zz))
try:
    next(zz)
except ValueError as ex:
    print(type(ex).__name__, ex)
try:
    zip("a", strict=1, extra=2)
except TypeError as ex:
    print(type(ex).__name__, ex)
print(list(zip("ab", "xy", strict=False)), list(zip("abc", "x", strict=0)))

# zip stops at shortest and does not over-consume the first iterator beyond one item
it1 = iter(range(10))
it2 = iter("ab")
print(list(zip(it1, it2)), next(it1))
it3 = iter(range(10))
print(list(zip("ab", it3)), next(it3))
# Iterator exception propagates through zip / enumerate
def boom():
    yield 1
    raise KeyError("from generator")
try:
    list(zip(boom(), boom()))
except KeyError as ex:
    print(type(ex).__name__, ex)
try:
    list(enumerate(boom()))
except KeyError as ex:
    print(type(ex).__name__, ex)
# Unzip idiom and transposition
matrix = [[1, 2, 3], [4, 5, 6]]
print([list(col) for col in zip(*matrix)], list(map(list, zip(*zip(*matrix)))))
pairs = list(enumerate("cab"))
print(sorted(pairs, key=lambda p: p[1]), max(enumerate([3, 9, 2]), key=lambda p: p[1]))
