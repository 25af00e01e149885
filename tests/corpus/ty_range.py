# Corpus: range: len, indexing, slicing, count/index, containment, equality, hashing, repr and errors.
r = range(3, 20, 4)
print(r, list(r), len(r), r[0], r[-1], r[2], r.start, r.stop, r.step, 7 in r, 8 in r, r.index(15), r.count(11), r.count(12))
print(r[1:3], r[::-1], r[::2], r[10:], r[-2:], list(r[::-2]), r[1:-1:2])
print(range(5), range(0), range(2, 5), range(10, 0, -3), list(range(10, 0, -3)), range(-5, -1), list(range(0, -10, -4)))
for rr in (range(0), range(5, 5), range(5, 0), range(0, 5, -1), range(-3, 3), range(10**20, 10**20 + 7, 3)):
    print(rr, len(rr), list(rr)[:4], bool(rr))
for bad_idx in (4, -6, 100):
    try:
        range(0, 10, 2)[bad_idx + 1]
    except IndexError as e:
        print(type(e).__name__, e)
try:
    r.index(8)
except ValueError as e:
    print(type(e).__name__, e)
try:
    r.index("x")
except ValueError as e:
    print(type(e).__name__, e)
for args in ((), (1, 2, 0), (1.5,), ("1",), (1, 2, 3, 4)):
    try:
        range(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    r[1.5]
except TypeError as e:
    print(type(e).__name__, e)
try:
    r[::0]
except ValueError as e:
    print(type(e).__name__, e)

# Huge ranges
big = range(0, 10**30, 7)
print(len(range(10**18)), big[10**20], big[-1], 10**29 in big, (10**29 + 1) in big, big.index(7 * 10**25), big.count(14))
try:
    len(range(2**64))
except OverflowError as e:
    print(type(e).__name__, e)
print(range(2**64)[2**63], range(2**64).__len__ if False else len(range(2**62)), range(-2**100, 0)[-1])
print(big[::10**27], big[10**28:10**28 + 100:30])

# Equality compares sequences, not parameters
print(range(0) == range(5, 5), range(0, 3) == range(0, 3, 1), range(0, 4, 2) == range(0, 3, 2), range(1, 2, 5) == range(1, 0, -9) , range(3) == [0, 1, 2])
print(hash(range(0)) == hash(range(3, 3)), hash(range(0, 4, 2)) == hash(range(0, 3, 2)), {range(3): "r"}[range(0, 3)])
try:
    range(3) < range(4)
except TypeError as e:
    print(type(e).__name__, e)

# Containment with non-ints uses equality scan
print(2.0 in range(5), 2.5 in range(5), True in range(2), "a" in range(3), 3 in range(0, 10, 3), -3 in range(0, -10, -3))
class Int(int):
    pass
print(Int(3) in range(5), range(5).count(Int(3)), range(5).count(3.0), range(5).index(True))

# Iteration protocol, reversed, index with __index__
class Idx:
    def __index__(self):
        return 4
print(list(range(Idx())), range(10)[Idx()], list(reversed(range(1, 10, 3))), type(iter(range(3))).__name__, type(reversed(range(3))).__name__)
it = iter(range(3))
print(next(it), list(it), list(it))
print(sum(range(101)), max(range(-5, 5)), min(range(3, 9, 2)), sorted(range(5), reverse=True), list(enumerate(range(3, 6))))
try:
    range(3).start = 1
except AttributeError as e:
    print(type(e).__name__, e)
print(repr(range(1, 2, 1)), str(range(-1, 5, 2)), range(0, 10, 3)[2:], range(0, 10, 3)[-1:0:-1])
