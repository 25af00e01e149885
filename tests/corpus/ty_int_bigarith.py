# Corpus: big-number arithmetic: multiplication, division, gcd-style loops, factorials, signs and mixed ops.
a = 2**200 + 12345
b = 3**120 - 7
print(a + b, a - b, b - a)
print(a * b)
print(a // b, a % b, b // 12345, b % 12345)
print(divmod(-a, b), divmod(a, -b), divmod(-a, -b))
print((a * b) // a == b, (a * b) % b, -a // 7, -a % 7, a // -7, a % -7)
print(a ** 3 // b ** 2, (a ** 5).bit_length(), len(str(a ** 5)))

def fact(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r
f100 = fact(100)
print(f100)
print(sum(int(c) for c in str(f100)), len(str(fact(500))), str(fact(300))[:20], fact(50) // fact(48))
def gcd(x, y):
    while y:
        x, y = y, x % y
    return abs(x)
print(gcd(fact(30), 2**40 * 3**5), gcd(10**40 + 1, 10**20 + 1), gcd(-(2**90), 6**30))

# Fibonacci with big ints
x, y = 0, 1
for _ in range(300):
    x, y = y, x + y
print(x, x.bit_length())

# Integer square root by Newton
def isqrt(n):
    if n < 2:
        return n
    r = n
    s = (r + n // r) // 2
    while s < r:
        r = s
        s = (r + n // r) // 2
    return r
n = 10**100 + 12345
r = isqrt(n)
print(r, r * r <= n < (r + 1) ** 2, isqrt(2 * 10**60))

# Mixed big int / float
print(a / b, float(a) / float(b), a / 2**200, (2**1000 + 1) / 2**999, 10**300 * 1.5, 1.5 * 10**300)
print(10**22 + 0.0, 2**53 + 1.0, float(10**22) == 10**22, 2**64 - 0.5)
print(a > 1e60, a < 1e61, -a < -1e60, a == float(a), 2**100 == 2.0**100)

# Negative numbers and bitwise on big ints
m = -(2**130) + 5
print(m & 0xFFFF, m | 0xF, m ^ (2**129), ~m, m >> 64, m << 3, m >> 200)
print(abs(m), -m, +m, m.bit_length(), hex(m), m.to_bytes(20, "big", signed=True).hex())

# Chained operations and precedence
print(-2**2, (-2)**2, 2**3**2, -2**-1, 10 - 2 - 3, 2 * 3 % 4, 7 // 2 * 2, 2**-2 * 4)
# Sum of large series
print(sum(range(10**6)), sum(i * i for i in range(1000)), sum([10**30] * 1000))
# Repeated squaring and modular
print(pow(7, 10**5, 10**9 + 9), pow(123456789, 987654321, 2**61 - 1), 7**1000 % 1000)
# Exponent results
print(len(str(2**10000)), str(2**10000)[:15], str(2**10000)[-15:])
print(int(str(7**500)) == 7**500, str(-(7**200))[:10])
# Integer true division precision
print(10**50 / 3, (10**50 + 1) / 10**50, 1 / 10**400 if False else "skip", 2**1100 // 2**1000)
try:
    2**1100 / 3
except OverflowError as e:
    print(type(e).__name__, e)
print((2**1100) / (2**1000))
