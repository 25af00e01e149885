# Corpus: arbitrary-precision integers: factorials, powers, division and conversions.
def fact(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r

for n in [10, 20, 25, 30, 50]:
    print(n, fact(n))

big = 2 ** 200
print(big)
print(big + 1, big - 1)
print(-big)
print(big // 3, big % 3)
print(big // -7, big % -7)
print((-big) // 7, (-big) % 7)
print(big * big)
print(len(str(fact(100))), str(fact(100))[:20])
print(fact(30) // fact(28), fact(40) % 1000003)
x = 12345678901234567890123456789
y = 98765432109876543210
print(x * y)
print(x // y, x % y, divmod(x, y))
print(x - y * (x // y) == x % y)
print(2 ** 64 - 1, 2 ** 63, -(2 ** 63), -(2 ** 63) - 1)
print((2 ** 64) // (2 ** 32), (2 ** 64) >> 10, 1 << 100)
print(pow(3, 200, 10 ** 9 + 7), pow(2, 1000) % 1000007)
print(abs(-(10 ** 30)), hex(2 ** 70), bin(2 ** 40 + 1))
print(int("123456789012345678901234567890") + 1)
print(2 ** 100 == 1267650600228229401496703205376)
print(10 ** 20 > 10 ** 19, -(10 ** 20) < 5, 10 ** 20 == 10 ** 20)

a, b = 0, 1
for _ in range(300):
    a, b = b, a + b
print("fib(300) =", a)
print(sum(range(10 ** 6)) * 10 ** 12)
print(max([3 ** 50, 2 ** 80, 5 ** 34]), min([3 ** 50, 2 ** 80, 5 ** 34]))
print(float(2 ** 60), int(float(2 ** 60)) == 2 ** 60)
print((10 ** 25) / (10 ** 5))
print(-(7 ** 40) // 3, -(7 ** 40) % 3)
print(sorted([10 ** 20, -(10 ** 21), 5, 2 ** 70]))
