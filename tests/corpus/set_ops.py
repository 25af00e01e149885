# Corpus: set operations on ints: add/remove/discard, union/intersection/difference.
a = {1, 2, 3, 4, 5}
b = {4, 5, 6, 7}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(b - a), sorted(a ^ b))
print(sorted(a.union(b)), sorted(a.intersection(b)), sorted(a.difference(b)), sorted(a.symmetric_difference(b)))
print(sorted(a.union([10, 11], (12,))), sorted(a.intersection(range(3, 10))))
s = set()
for n in [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]:
    s.add(n)
print(sorted(s), len(s), 4 in s, 7 in s)
s.discard(100)
s.discard(9)
s.remove(1)
print(sorted(s))
try:
    s.remove(42)
except KeyError as e:
    print("KeyError", e)
print({1, 2} <= {1, 2, 3}, {1, 2} < {1, 2}, {1, 2, 3} >= {3}, {1}.issubset({1, 2}), {1, 2}.issuperset({2}))
print({1, 2}.isdisjoint({3, 4}), {1, 2}.isdisjoint({2, 3}))
print(set([1, 1, 2]), set(range(5)), set(), len(set("aabbcc")))
c = {1, 2, 3}
c |= {4}
c &= {2, 3, 4, 5}
c -= {3}
print(sorted(c))
c.update([7, 8], {9})
print(sorted(c))
d = c.copy()
d.clear()
print(sorted(c), d, len(d))
p = {10, 20, 30}
x = p.pop()
print(x in {10, 20, 30}, len(p))
print({1, 2, 3} == {3, 2, 1}, {1, 2} != {1, 2, 3})
words = ["apple", "banana", "apple", "cherry", "banana", "apple"]
uniq = set(words)
print(sorted(uniq), len(uniq), "cherry" in uniq)
seen = set()
out = []
for w in words:
    if w not in seen:
        seen.add(w)
        out.append(w)
print(out)
print(sorted({x % 7 for x in range(50)}), sorted({(x, x * x) for x in range(3)}))
print(set([1, 2]) == {1, 2}, sorted(set([3, 1]) | {2}))
primes = set(range(2, 60))
for i in range(2, 8):
    primes -= set(range(i * i, 60, i))
print(sorted(primes))
print(sum(a), max(b), min(a | b), sorted(a, reverse=True))
