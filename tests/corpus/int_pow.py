# Corpus: exponentiation: integer powers, negative exponents, modular pow and roots.
for b in [-3, -2, 0, 1, 2, 3, 10]:
    print(b, [b ** e for e in range(6)])
print(2 ** -1, 2 ** -2, 10 ** -3, (-2) ** -3)
print(0 ** 0, 1 ** 1000, (-1) ** 999, (-1) ** 1000)
print(4 ** 0.5, 27 ** (1 / 3), 2 ** 0.5, 2.0 ** 10)
print(pow(2, 10), pow(2, 10, 1000), pow(-2, 3), pow(2.5, 2))
print(pow(3, -1, 7), pow(5, -2, 13))

def mod_exp(base, exp, mod):
    result = 1
    base %= mod
    while exp > 0:
        if exp & 1:
            result = result * base % mod
        base = base * base % mod
        exp >>= 1
    return result

for (b, e, m) in [(2, 100, 97), (3, 1000, 1009), (7, 12345, 100003), (123456789, 987654321, 10 ** 9 + 7)]:
    print(b, e, m, mod_exp(b, e, m), pow(b, e, m), mod_exp(b, e, m) == pow(b, e, m))

def isqrt(n):
    if n < 2:
        return n
    x = n
    y = (x + 1) // 2
    while y < x:
        x = y
        y = (x + n // x) // 2
    return x

for n in [0, 1, 15, 16, 17, 10 ** 10, 2 ** 101, 99999999999999999999]:
    r = isqrt(n)
    print(n, r, r * r <= n < (r + 1) * (r + 1))

print(sum(2 ** i for i in range(64)) == 2 ** 64 - 1)
x = 3
x **= 4
print(x)
print(2 ** 3 ** 2, (2 ** 3) ** 2, -3 ** 2)
print(10 ** 18 + 1, 10 ** 19 + 1, 10 ** 30 // 10 ** 29)
print(round(1.5 ** 20, 4), 1.1 ** 2, 0.5 ** 10)
