# Corpus: list.sort and sorted: stability, key/reverse, mixed types error, modification during sort.
people = [("ann", 30), ("bob", 25), ("cid", 30), ("dee", 25), ("eve", 35), ("fay", 30)]
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: p[1], reverse=True))
print(sorted(people, key=lambda p: -p[1]))
print(sorted(sorted(people, key=lambda p: p[0], reverse=True), key=lambda p: p[1]))
words = ["banana", "Apple", "cherry", "apple", "Banana", "date", "Cherry"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len), sorted(words, key=len, reverse=True))
nums = [5, -3, 2, -8, 0, 7, -1]
print(sorted(nums), sorted(nums, key=abs), sorted(nums, reverse=True), sorted(nums, key=lambda n: (n % 2, n)))
l = nums[:]
r = l.sort()
print(r, l)
l.sort(key=None, reverse=True)
print(l)
print(sorted([]), sorted([1]), sorted("hello"), sorted({3: 0, 1: 0}), sorted((2, 1)), sorted([2.5, 1, True, -0.5]))
print(sorted([[2, 1], [1, 2], [1], []]), sorted([(1, "b"), (1, "a")]), sorted([3, 1, 2], key=lambda x: 0))

# Stability with equal keys across reverse
data = [(1, "a"), (0, "b"), (1, "c"), (0, "d"), (1, "e")]
print(sorted(data, key=lambda x: x[0], reverse=True), sorted(data, key=lambda x: x[0]))

# Errors
for seq in ([1, "a"], [None, 1], [1, 2j], [[1], (1,)], [{1}, {2}, {1, 2}, {3}] if False else [{}, {}]):
    try:
        sorted(seq)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    [3, 1, 2].sort(lambda x: x)
except TypeError as e:
    print(type(e).__name__, e)
try:
    sorted([1, 2], key=5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    sorted([1, 2], cmp=None)
except TypeError as e:
    print(type(e).__name__, e)
try:
    sorted()
except TypeError as e:
    print(type(e).__name__, e)
try:
    sorted([1, "x"], key=lambda v: v)
except TypeError as e:
    print(type(e).__name__, e)

# Key function raising propagates
def bad_key(v):
    if v == 3:
        raise ValueError("bad key for 3")
    return v
lst = [5, 3, 1]
try:
    lst.sort(key=bad_key)
except ValueError as e:
    print(type(e).__name__, e, lst)

# Modification during sort
victim = [3, 1, 2, 5, 4]
def mutating_key(v):
    victim.append(v)
    return v
try:
    victim.sort(key=mutating_key)
except ValueError as e:
    print(type(e).__name__, e)
print(sorted(victim))
class Meddler:
    def __init__(self, v, target):
        self.v, self.target = v, target
    def __lt__(self, other):
        self.target.clear() if False else self.target.append(0)
        return self.v < other.v
box = []
box.extend(Meddler(v, box) for v in (2, 1, 3))
try:
    box.sort()
except ValueError as e:
    print(type(e).__name__, e)
# sort during sort visible as empty list
seen = []
def peek(v):
    seen.append(len(big))
    return v
big = [2, 1]
big.sort(key=peek)
print(seen, big)

# Custom __lt__ only is enough; sorted uses < only
class Rev:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        return self.v > other.v
    def __repr__(self):
        return f"R{self.v}"
print(sorted([Rev(1), Rev(3), Rev(2)]), max([Rev(1), Rev(3)], key=lambda r: r.v), min(Rev(5), Rev(4)))
class GtOnly:
    def __init__(self, v):
        self.v = v
    def __gt__(self, other):
        return self.v > other.v
    def __repr__(self):
        return f"G{self.v}"
print(sorted([GtOnly(2), GtOnly(1), GtOnly(3)]))
# Large sort and sorted with reverse & key together preserve stability
big = [(i % 7, i) for i in range(50)]
s = sorted(big, key=lambda t: t[0], reverse=True)
print(s[:8], all(s[i][1] < s[i + 1][1] for i in range(len(s) - 1) if s[i][0] == s[i + 1][0]))
