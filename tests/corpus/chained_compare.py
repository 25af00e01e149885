# Corpus: chained comparisons, short-circuit evaluation and mixed types.
x = 5
print(1 < x < 10, 1 < x > 3, 10 > x >= 5, 5 == x == 5.0, 1 < 2 < 3 < 4 < 5, 1 < 3 < 2)
print(0 <= x <= 4, x < 10 > 20, 1 == 1 != 2, 1 != 1 == 1)
calls = []
def val(label, v):
    calls.append(label)
    return v
print(val("a", 1) < val("b", 2) < val("c", 3), calls)
calls.clear()
print(val("a", 5) < val("b", 2) < val("c", 3), calls)
calls.clear()
print(val("a", 1) < val("b", 2) > val("c", 0) == val("d", 0), calls)
def in_range(v, lo=0, hi=100):
    return lo <= v < hi
print([in_range(v) for v in [-1, 0, 50, 99, 100]])
print("a" < "b" < "c", "abc" < "abd" <= "abd", [1] < [1, 2] < [2])
print((1, 2) < (1, 3) < (2, 0), 1 < 1.5 < 2, -1 < 0 < True < 2)
one = 1
print(one is one is not None, None is None is None)
lst = [1, 2, 3]
print(2 in lst in [lst], 5 not in lst, 1 in lst == True)
def is_sorted(seq):
    for i in range(len(seq) - 1):
        if not seq[i] <= seq[i + 1]:
            return False
    return True
print(is_sorted([1, 2, 2, 5]), is_sorted([3, 1]), is_sorted([]))
def triangle_kind(a, b, c):
    a, b, c = sorted([a, b, c])
    if not 0 < a <= b <= c < a + b:
        return "invalid"
    if a == b == c:
        return "equilateral"
    if a == b or b == c:
        return "isosceles"
    return "scalene"
for sides in [(3, 3, 3), (3, 4, 5), (2, 2, 3), (1, 2, 3), (0, 1, 1), (5, 5, 8)]:
    print(sides, triangle_kind(*sides))
print(1 < 2 == 2 < 3, 3 > 2 > 1 > 0 > -1, 2 >= 2 >= 2)
