# Corpus: generator expressions consumed by sum/min/max/any/all/list/next.
print(sum(x * x for x in range(10)))
print(max(len(w) for w in ["a", "abc", "ab"]), min(x % 7 for x in range(10, 20)))
print(any(x > 8 for x in range(10)), all(x < 8 for x in range(10)))
print(list(x for x in "abc"), tuple(i * 2 for i in range(4)), sorted(-i for i in range(5)))
g = (n * 10 for n in range(4))
print(next(g), next(g))
print(list(g))
print(list(g))
print(next((x for x in range(100) if x * x > 50), None), next((x for x in [] if x), "none"))
print(", ".join(str(i) for i in range(5)))
print(dict((k, k * k) for k in range(4)), set(c for c in "aabbc" if c != "c") == {"a", "b"})
evens = (x for x in range(20) if x % 2 == 0)
squares = (x * x for x in evens)
small = (x for x in squares if x < 150)
print(list(small))
lines = ["alpha 1", "beta 22", "gamma 333", "# comment", "delta 4444"]
fields = (line.split() for line in lines if not line.startswith("#"))
nums = (int(f[1]) for f in fields)
print(sum(nums))
def counter(n):
    return sum(1 for _ in range(n))
print(counter(0), counter(1234))
gen = (i for i in range(3))
for v in gen:
    print("iterating", v)
for v in gen:
    print("never printed")
print(sum(1.0 / (2 ** k) for k in range(20)))
total = 0
data = [[1, 2], [3, 4], [5]]
total = sum(sum(row) for row in data)
print(total, max(sum(r) for r in data), list(len(r) for r in data))
pairs = ((a, b) for a in range(3) for b in range(a))
print(list(pairs))
x = 10
print(list(x + i for i in range(3)))
print(sorted((w for w in "delta alpha charlie bravo".split()), key=len))
print(list(zip((i for i in range(3)), (c for c in "abcdef"))))
print(list(enumerate(c.upper() for c in "hey")))
print(list(map(lambda t: t[0] * t[1], ((i, i + 1) for i in range(5)))))
