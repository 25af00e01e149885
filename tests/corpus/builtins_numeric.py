# Corpus: numeric builtins: abs, divmod, round, pow, min, max, sum with variants.
print(abs(-5), abs(5), abs(-2.5), abs(0), abs(-10 ** 20), abs(True))
print(divmod(17, 5), divmod(-17, 5), divmod(17, -5), divmod(17.5, 5), divmod(0, 3))
print(round(3.14159), round(3.14159, 2), round(2.5), round(3.5), round(-1.5), round(0.5))
print(round(1234.5678, -2), round(1250, -2), round(1350, -2), round(-1250, -2), round(15, -1), round(25, -1))
print(round(2.675, 2), round(1.005, 2), round(0.125, 2), round(0.375, 2), round(7.0), round(7, 0))
print(pow(2, 8), pow(2, -2), pow(2, 8, 10), pow(-3, 3), pow(9, 0.5))
print(min(3, 1, 2), max(3, 1, 2), min([4, 5, 0]), max("apple", "pear"), min("zoo"))
print(min([], default="empty"), max([], default=0), min([3, 1], default=9))
print(max([1, -5, 3], key=abs), min(["bb", "a", "ccc"], key=len), max({1: "a", 3: "b", 2: "c"}))
print(sum([1, 2, 3]), sum([1, 2, 3], 10), sum([]), sum([0.1] * 10), sum(range(100)), sum([[1], [2]], []))
print(sum(x / 2 for x in range(5)), sum([True, True, False]))
try:
    min([])
except ValueError as e:
    print("ValueError:", e)
values = [3, -7, 12, 0, -1, 8]
print(sorted(values, key=abs), max(values, key=lambda v: -v), min(values, key=lambda v: (v % 3, v)))
mean = sum(values) / len(values)
var = sum((v - mean) ** 2 for v in values) / len(values)
print(round(mean, 4), round(var, 4), round(var ** 0.5, 4))
print(hash(0), hash(1), hash(-1), hash(42), hash(True), hash(10 ** 3))
print(int(7.9), int(-7.9), int("0x1f", 16), int("0b101", 2), int("777", 8), int("Z", 36))
print(float(1), float("1.5e2"), float(-3))
def mean_round(nums, nd):
    return round(sum(nums) / len(nums), nd)
print(mean_round([1, 2, 2], 3), mean_round([10, 20, 31], 1), mean_round([5], 0))
print(max(1, 2.5), min(-1, -1.0), max(0, False), max(2, 3, key=lambda v: -v))
