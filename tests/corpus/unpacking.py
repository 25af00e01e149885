# Corpus: tuple/list unpacking, starred assignment, nested targets and swaps.
a, b = 1, 2
print(a, b)
a, b = b, a
print(a, b)
x, y, z = "xyz"
print(x, y, z)
(p, q), r = (1, 2), 3
print(p, q, r)
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = range(5)
print(init, last)
head, *mid, tail = "abcdef"
print(head, mid, tail)
one, *none = [1]
print(one, none)
a, *b, c = 1, 2
print(a, b, c)
[m, n] = [10, 20]
print(m, n)
for idx, (k, v) in enumerate({"a": 1, "b": 2}.items()):
    print(idx, k, v)
for a, *rest in [(1, 2, 3), (4,), (5, 6)]:
    print(a, rest)
data = [("ann", (31, "oslo")), ("bob", (42, "rome"))]
for name, (age, city) in data:
    print(name, age, city)
i = j = k = 0
print(i, j, k)
lst = [0, 0, 0]
i, lst[i] = 1, 5
print(i, lst)
def stats(nums):
    return min(nums), max(nums), sum(nums) / len(nums)
lo, hi, avg = stats([4, 8, 15, 16, 23, 42])
print(lo, hi, avg)
print(*[1, 2, 3])
print(*"abc", sep="-")
print([*range(3), *"ab", *(9,)])
print((*[1, 2], 3))
print({*[1, 2], *[2, 3]} == {1, 2, 3})
print({**{"a": 1}, "b": 2})
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)
try:
    a, b, c = [1, 2]
except ValueError as e:
    print("ValueError:", e)
try:
    a, *b, c = [1]
except ValueError as e:
    print("ValueError:", e)
fib = [0, 1]
for _ in range(10):
    *_, x2, x1 = fib
    fib.append(x1 + x2)
print(fib)
