# Corpus: list, dict and set comprehensions with filters and nesting.
print([x * x for x in range(10)])
print([x for x in range(30) if x % 3 == 0 if x % 2 == 0])
print([(x, y) for x in range(3) for y in range(3) if x != y])
print([[r * c for c in range(4)] for r in range(4)])
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([row[i] for row in matrix for i in range(len(row)) if i == 1])
print([[row[i] for row in matrix] for i in range(3)])
print([v for row in matrix for v in row])
print({w: len(w) for w in ["one", "three", "five"]})
print({k: v for k, v in zip("abc", [1, 2, 3]) if v != 2})
print(sorted({n % 5 for n in range(100)}))
print(sorted({c.upper() for c in "hello world" if c.isalpha()}))
words = "The rain in Spain stays mainly in the plain".split()
print([w.lower() for w in words if "ain" in w])
print({w.lower(): i for i, w in enumerate(words)})
print([x if x % 2 else -x for x in range(8)])
print([len(w) for w in words], sum(len(w) for w in words))
x = "outer"
print([x for x in "abc"], x)
def make(n):
    return [[i + j for j in range(n)] for i in range(n)]
print(make(3))
pyth = [(a, b, c) for c in range(1, 30) for b in range(1, c) for a in range(1, b) if a * a + b * b == c * c]
print(pyth)
primes = [n for n in range(2, 60) if all(n % d for d in range(2, n))]
print(primes)
print([[1 if i == j else 0 for j in range(4)] for i in range(4)])
flat = [item for sub in [[1], [2, 3], [], [4, 5, 6]] for item in sub]
print(flat)
nested = {i: {j: i * j for j in range(3)} for i in range(3)}
print(nested)
print([s[::-1] for s in ["abc", "de", ""]])
factor = 3
print([factor * n for n in range(5)], (lambda k: [k * n for n in range(3)])(7))
print([(i, c) for i, c in enumerate("xyz") if i != 1])
print(len([0 for _ in range(1000)]), [i for i in []])
