# Corpus: dict insertion order, iteration, views and building dicts in loops.
order = {}
for name in ["zeta", "alpha", "mid", "beta"]:
    order[name] = len(name)
print(list(order), order)
order["alpha"] = 99
print(list(order))
del order["zeta"]
order["zeta"] = 0
print(list(order))
keys = order.keys()
vals = order.values()
items = order.items()
print(len(keys), "mid" in keys, 3 in vals, ("beta", 4) in items)
order["omega"] = 5
print(list(keys), list(vals))
for k, v in order.items():
    print(k.ljust(6), v)
for i, k in enumerate(order):
    print(i, k)
squares = {n: n * n for n in range(8)}
print(squares)
evens = {k: v for k, v in squares.items() if k % 2 == 0}
print(evens)
print(sum(squares.values()), max(squares), sorted(squares, reverse=True)[:3])
word_lens = {}
for w in "the quick brown fox jumps over the lazy dog".split():
    word_lens.setdefault(len(w), []).append(w)
for length in sorted(word_lens):
    print(length, word_lens[length])
matrix = {(r, c): r * 3 + c for r in range(3) for c in range(3)}
print(matrix[(2, 1)], len(matrix))
for r in range(3):
    print([matrix[(r, c)] for c in range(3)])
scores = {"ann": [90, 85], "bob": [70, 95, 80], "cy": [60]}
for name, vals in sorted(scores.items()):
    print(name, sum(vals) / len(vals), max(vals))
best = max(scores.items(), key=lambda kv: sum(kv[1]) / len(kv[1]))
print("best", best)
copy = dict(order)
for k in list(copy):
    if copy[k] % 2:
        del copy[k]
print(copy, order == copy)
print(list(reversed(order)), list(reversed(order.values())))
