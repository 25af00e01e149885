# Corpus: hash() of small ints/bools/tuples of ints and dict/set keys built from them.
for v in [0, 1, 2, 100, -1, -2, 12345, True, False]:
    print(v, hash(v))
print(hash(1) == hash(1.0) == hash(True), hash(0) == hash(0.0) == hash(False))
print(hash((1, 2)) == hash((1, 2)), hash(()) == hash(()))
d = {}
for i in range(10):
    d[i * i % 7] = d.get(i * i % 7, 0) + 1
print(d, sorted(d))
s = set()
for i in range(20):
    s.add(i % 6)
print(s, len(s))
print({1: "a", 1.0: "b", True: "c"})
pairs = {(i, j): i * j for i in range(3) for j in range(3)}
print(pairs[(2, 2)], (1, 1) in pairs, (3, 3) in pairs, len(pairs))
print({0, 1, 2, 3} == set(range(4)), {x: x for x in range(5)})
seen = set()
dups = []
for v in [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]:
    if v in seen:
        dups.append(v)
    seen.add(v)
print(dups, sorted(seen))
counts = {}
for v in [7, 7, 8, 9, 9, 9]:
    counts[v] = counts.get(v, 0) + 1
print(counts)
print(sorted({-3, -1, -2, 0}), len({0, False, 0.0}))
