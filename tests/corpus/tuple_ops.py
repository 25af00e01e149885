# Corpus: tuples: packing, indexing, slicing, comparison, count/index, nesting.
t = (1, 2, 3)
print(t, len(t), t[0], t[-1], t[1:], t[::-1])
single = (42,)
empty = ()
print(single, len(single), empty, len(empty), (1))
packed = 1, "two", 3.0
print(packed)
a, b, c = packed
print(a, b, c)
print(t + (4, 5), t * 2, (0,) * 3)
print(t == (1, 2, 3), t < (1, 2, 4), (1, 2) < (1, 2, 3), (2,) > (1, 9, 9))
print(t.count(2), (1, 1, 2, 1).count(1), t.index(3))
print(3 in t, 9 in t, 9 not in t)
nested = ((1, 2), (3, (4, 5)))
print(nested[1][1][0], nested[0], len(nested))
print(tuple([1, 2]), tuple("ab"), tuple(range(4)), tuple())
points = [(3, 4), (1, 1), (0, 5), (2, 2)]
print(sorted(points), max(points), min(points))
dist = [(x * x + y * y, (x, y)) for x, y in points]
print(sorted(dist))
def minmax(seq):
    return min(seq), max(seq)
lo, hi = minmax([7, 2, 9, 4])
print(lo, hi, minmax("hello"))
d = {(0, 0): "origin", (1, 0): "east", (0, 1): "north"}
print(d[(0, 0)], d[1, 0], (0, 1) in d)
print(hash((1, 2)) == hash((1, 2)), (1, 2) == (1.0, 2.0))
swap = (1, 2)
x, y = swap
x, y = y, x
print(x, y)
acc = ()
for i in range(4):
    acc += (i,)
print(acc)
print(list(zip((1, 2, 3), ("a", "b", "c"))))
print(sum((1, 2, 3)), any(()), all(()), sorted((3, 1, 2)))
for i, (name, score) in enumerate((("a", 1), ("b", 2))):
    print(i, name, score)
