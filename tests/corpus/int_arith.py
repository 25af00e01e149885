# Corpus: basic integer arithmetic including negatives, floor division and modulo.
a, b = 17, 5
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** 2)
for x in [7, -7]:
    for y in [3, -3]:
        print(x, y, "//", x // y, "%", x % y, "divmod", divmod(x, y))
print(-0, -(-5), +3, -(3 - 10))
print(0 // 5, 0 % 5, 5 // 1, -5 // 1)
print(1 - 2 - 3, 2 * 3 + 4, 2 + 3 * 4, (2 + 3) * 4, 2 ** 3 ** 2, -2 ** 2, (-2) ** 2)
print(100 // 7 * 7 + 100 % 7)
print(10 / 4, 9 / 3, -9 / 2, 1 / 3)
x = 10
x += 5
print(x)
x -= 3
print(x)
x *= 4
print(x)
x //= 5
print(x)
x %= 5
print(x)
x **= 10
print(x)
print(abs(-42), abs(42), abs(0))
print(max(3, -7, 11), min(3, -7, 11))
print(int("123") + int("-77"), int("  42 "), int("0"))
print(int(3.99), int(-3.99), int(True))
print(round(2.5), round(3.5), round(-2.5), round(7), round(1234, -2))
print(pow(3, 4), pow(2, -1), pow(3, 4, 5), pow(7, 0))
s = 0
for i in range(1, 101):
    s += i * i
print("sum of squares", s, s == 100 * 101 * 201 // 6)
print(1_000_000 + 1, 0x1F, 0o17, 0b1011)
print(7 == 7.0, 7 < 7.5, -1 < 0 < 1)
print(True + True, True * 10, False - 1)
