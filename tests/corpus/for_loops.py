# Corpus: for loops over ranges, lists, strings, dicts and nested loops.
for i in range(3):
    print("range", i)
for i in range(10, 0, -3):
    print("down", i)
for i in range(2, 2):
    print("never")

words = ["alpha", "beta", "gamma"]
for w in words:
    print(w, len(w))

for ch in "hey!":
    print(repr(ch), ord(ch))

d = {"x": 1, "y": 2, "z": 3}
for k in d:
    print("key", k, d[k])
for k, v in d.items():
    print(k + "=" + str(v))

table = []
for r in range(1, 5):
    row = []
    for c in range(1, 5):
        row.append(r * c)
    table.append(row)
for row in table:
    print(" ".join(str(v).rjust(3) for v in row))

total = 0
for i, w in enumerate(words, 1):
    total += i * len(w)
    print(i, w)
print("total", total)

for a, b in zip([1, 2, 3], "abc"):
    print(a, b)

pairs = [(1, "one"), (2, "two"), (3, "three")]
for num, name in pairs:
    print(num, "->", name)

for (a, b), c in [((1, 2), 3), ((4, 5), 6)]:
    print(a + b + c)

nested = [[1, 2], [3], [], [4, 5, 6]]
flat = []
for sub in nested:
    for item in sub:
        flat.append(item)
print(flat)

for i in range(3):
    pass
print("after loop i =", i)
