# Corpus: iteration builtins: iter, next, enumerate, zip, reversed, range.
it = iter([10, 20, 30])
print(next(it), next(it), next(it), next(it, "exhausted"))
try:
    next(it)
except StopIteration:
    print("StopIteration raised")
print(list(enumerate("abc")), list(enumerate("abc", start=10)))
for i, (a, b) in enumerate(zip("xyz", range(3)), 1):
    print(i, a, b)
print(list(zip([1, 2, 3], "ab")), list(zip()), list(zip(range(3), range(3, 6), range(6, 9))))
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed(range(5))), "".join(reversed("stressed")))
r = range(10)
print(len(r), r[3], r[-1], 5 in r, 10 in r, list(r[2:5]), r.index(4), r.count(3))
print(list(range(0)), list(range(-3)), list(range(-3, 3)), list(range(10, 0, -2)), list(range(0, 10, 3)))
print(len(range(0, 100, 7)), sum(range(101)), max(range(-5, 5)), min(range(3, 9, 2)))
keys = ["a", "b", "c"]
vals = [1, 2, 3]
print(dict(zip(keys, vals)))
pairs = list(zip(keys, vals))
k2, v2 = zip(*pairs)
print(k2, v2)
s = iter("hey")
print(list(s), list(s))
def iterate(obj):
    out = []
    i = iter(obj)
    while True:
        try:
            out.append(next(i))
        except StopIteration:
            break
    return out
print(iterate((1, 2)), iterate({5: "a", 6: "b"}), iterate(range(3)), iterate(""))
e = enumerate(["p", "q"])
print(next(e), next(e), next(e, None))
z = zip([1, 2], [3, 4])
print(next(z), list(z))
rev = reversed([1, 2, 3])
print(next(rev), list(rev))
matrix = [[1, 2, 3], [4, 5, 6]]
print(list(zip(*matrix)), [list(col) for col in zip(*matrix)])
print(list(map(sum, zip([1, 2], [10, 20], [100, 200]))))
print(list(enumerate(reversed(range(3)))))
total = 0
for n in iter(range(1, 6)):
    total += n
print(total, sorted(zip("cab", [3, 1, 2])))
