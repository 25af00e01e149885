# Corpus: float arithmetic, mixed int/float, comparisons and conversions.
a = 3.5
b = 1.25
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** 2)
print(0.1 + 0.2, 0.1 + 0.2 == 0.3, abs(0.1 + 0.2 - 0.3) < 1e-9)
print(1 / 3, 2 / 3, 10 / 3, 1e-5, 1e16, 1e15, 123456789.123)
print(1.0, -1.0, 0.0, -0.0, 100.0, 1e100, 2.5e-300)
print(3 * 1.5, 7 / 2, 7 // 2.0, -7 // 2.0, 7 % 2.5, -7 % 2.5)
print(float("3.25"), float("-1e3"), float(7), float("  2.5 "), float("inf"), float("-inf"))
print(int(2.999), int(-2.999), round(2.675, 2), round(3.14159, 3), round(-0.5), round(1.5))
print(abs(-2.5), max(1.5, 2, -3.0), min(1.5, 2, -3.0), sum([0.5, 0.25, 0.125]))
print(2.0 == 2, 2.5 > 2, 1e300 * 10, -1e300 * 10)
inf = float("inf")
nan = float("nan")
print(inf, -inf, inf > 1e308, nan == nan, nan != nan, inf - 1)
x = 1.0
for i in range(10):
    x = x * 1.5 - 0.25
print("iterated", x)
total = 0.0
for i in range(1, 1001):
    total += 1.0 / (i * i)
print("basel partial", total, (total * 6) ** 0.5)
print(9.0 ** 0.5, 2 ** 0.5, 10.0 ** -2, (-8.0) ** 2)
print(5e-324, 1.7976931348623157e308, 2.2250738585072014e-308)
print(1.5 == int(1.5), 2.0 == int(2.0), 0.5 * 2 == 1)
values = [3.7, -1.2, 0.0, 9.99, -8.5]
print(sorted(values), sorted(values, reverse=True))
print(divmod(10.5, 3), 10.5 // 3, 10.5 % 3)
print(1e22, 1e21, 1e-4, 0.0001, 0.00001, 12345678901234567890.0)
print(float(10 ** 20), 3.0 * 10 ** 20, 2 ** 0.5 * 2 ** 0.5)
print(7.0 // 0.5, 1 - 1e-16, 1 + 1e-16)
