# Corpus: dict mutation errors during iteration, popitem LIFO order, ordering guarantees, del behaviour.
d = {i: i * i for i in range(6)}
try:
    for k in d:
        if k == 2:
            d[99] = 0
except RuntimeError as e:
    print(type(e).__name__, e)
print(d)
try:
    for k in d:
        del d[k]
except RuntimeError as e:
    print(type(e).__name__, e)
print(d)
# Changing values (not size) during iteration is fine
for k in d:
    d[k] = -d[k]
print(d)
# Delete + add keeping size the same: RuntimeError "dictionary keys changed during iteration"
e = {1: 1, 2: 2, 3: 3}
try:
    for k in e:
        del e[k]
        e[k + 10] = 0
except RuntimeError as ex:
    print(type(ex).__name__, ex)
print(e)
# Safe pattern: iterate over a copy
f = {i: i for i in range(6)}
for k in list(f):
    if k % 2:
        del f[k]
print(f)

# popitem is LIFO
g = {}
for ch in (3, 1, 4, 1, 5, 9, 2, 6):
    g[ch] = ch * 10
out = []
while g:
    out.append(g.popitem())
print(out)
h = {"a": 1, "b": 2, "c": 3}
h["a"] = 100
print(h.popitem(), h)
del h["a"]
h["a"] = 0
print(h.popitem(), h)

# Ordering after deletions/reinsertions
o = dict.fromkeys(range(8))
for k in (0, 3, 6):
    del o[k]
o[3] = "back"
o[20] = "new"
print(list(o), o)
print(list(o.items())[-2:], next(reversed(o)), list(reversed(o.items()))[:2])

# Iteration over dict while modifying via other method names
p = {1: "a", 2: "b"}
for name, action in (("pop", lambda: p.pop(1)), ("clear", p.clear), ("update", lambda: p.update({9: 9})), ("setdefault", lambda: p.setdefault(7, 7))):
    p.clear()
    p.update({1: "a", 2: "b"})
    try:
        for k in p:
            action()
        print(name, "no error", p)
    except RuntimeError as ex:
        print(name, type(ex).__name__, ex)
# setdefault on existing key doesn't change size -> no error
q = {1: 1}
for k in q:
    q.setdefault(1, 5)
print(q)

# Iterating items/values while resizing
r = {i: i for i in range(3)}
try:
    for k, v in r.items():
        r[v + 10] = v
except RuntimeError as ex:
    print(type(ex).__name__, ex)
try:
    for v in r.values():
        r.popitem()
except RuntimeError as ex:
    print(type(ex).__name__, ex)
print(len(r))
# Iterator created before mutation
s = {1: 1, 2: 2}
itr = iter(s)
s[3] = 3
try:
    next(itr)
except RuntimeError as ex:
    print(type(ex).__name__, ex)
t = {1: 1}
itr = iter(t)
print(next(itr), next(itr, "done"))
t[2] = 2
print(next(itr, "still done"))
# del statements on dict
u = {"k": 1, "j": 2}
del u["k"]
try:
    del u["k"]
except KeyError as ex:
    print(type(ex).__name__, ex)
print(u, u.pop("j"), u)
# Large insertion/deletion churn keeps order
v = {}
for i in range(200):
    v[i] = i
    if i % 3 == 0:
        del v[i // 2]
print(len(v), list(v)[:10], list(v)[-5:], sum(v))
