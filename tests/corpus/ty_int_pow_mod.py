# Corpus: pow() with modulus, negative exponents (modular inverse), and error cases.
for base, exp, mod in [(2, 10, 1000), (3, 200, 13), (-2, 5, 7), (2, 5, -7), (-2, 5, -7), (0, 0, 5),
                       (5, 0, 1), (5, 0, -1), (10**30, 10**20, 97), (7, 3, 10**40), (2, 0, 3)]:
    print(base, exp, mod, pow(base, exp, mod))

# Modular inverse via negative exponent (3.8+)
for base, mod in [(3, 7), (2, 11), (10, 17), (-3, 7), (3, -7), (123456789, 10**9 + 7), (7, 1)]:
    inv = pow(base, -1, mod)
    print(base, mod, inv, (base * inv) % mod if mod != 1 else 0)
print(pow(3, -2, 7), pow(5, -3, 13), pow(2, -5, 9))
for base, mod in [(2, 4), (6, 9), (0, 5), (10, 10)]:
    try:
        pow(base, -1, mod)
    except ValueError as e:
        print(type(e).__name__, e)

# Errors
try:
    pow(2, 3, 0)
except ValueError as e:
    print(type(e).__name__, e)
try:
    pow(2.0, 3, 5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    pow(2, 3.0, 5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    pow(2, 3, 5.0)
except TypeError as e:
    print(type(e).__name__, e)
try:
    pow("2", 3)
except TypeError as e:
    print(type(e).__name__, e)
try:
    pow(2, 3, 5, 7)
except TypeError as e:
    print(type(e).__name__, e)
try:
    pow()
except TypeError as e:
    print(type(e).__name__, e)

# Two-argument pow with negatives / floats / zero
print(pow(2, -1), pow(-2, -2), pow(2, 0), pow(0, 0), pow(-1, 3), pow(4, 0.5), pow(-8, 1 / 3) == (-8) ** (1 / 3))
print(type(pow(2, -1)).__name__, type(pow(2, 2)).__name__, pow(2.0, 3), pow(-2.0, 2), pow(2, 3.0))
r = pow(-8, 0.5)
print(type(r).__name__, round(r.real, 10), round(r.imag, 10))
try:
    pow(0, -1)
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    pow(0.0, -1)
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    pow(10.0, 400)
except OverflowError as e:
    print(type(e).__name__, e)
print(pow(10.0, -400), pow(1.0, float("inf")), pow(float("nan"), 0), pow(-1.0, float("inf")), pow(0.5, float("-inf")))
print(pow(True, 2), pow(2, True), pow(2, 3, True) if False else pow(2, 3, 2), pow(base=2, exp=5), pow(base=3, exp=3, mod=5))

# Keyword form and big results
print(pow(2, 256, 2**255 + 19), pow(3, 2**100, 1000003))
# Fermat test using pow with modulus
def probably_prime(n):
    if n < 2:
        return False
    for a in (2, 3, 5, 7, 11):
        if n % a == 0:
            return n == a
        if pow(a, n - 1, n) != 1:
            return False
    return True
print([n for n in range(2, 80) if probably_prime(n)])
print(probably_prime(2**61 - 1), probably_prime(2**61 + 1), probably_prime(10**18 + 9))
# Complex pow
print(pow(1j, 2), pow(2, 1j).real.__round__(6), (1 + 1j) ** 8, 0j ** 0)
try:
    pow(1j, 2, 3)
except ValueError as e:
    print(type(e).__name__, e)
try:
    0j ** -1
except ZeroDivisionError as e:
    print(type(e).__name__, e)
