# Corpus: floor division and modulo sign rules for ints/floats, shifts and their errors.
pairs = [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 3), (0, -3), (1, 10**20), (-1, 10**20), (10**20, -3), (6, 3), (-6, 3)]
for a, b in pairs:
    print(a, b, a // b, a % b, divmod(a, b), (a // b) * b + a % b == a)
fpairs = [(7.5, 2), (-7.5, 2), (7.5, -2), (-7.5, -2), (0.0, -1), (-0.0, 1), (1e300, 1e-300), (5, 0.1), (-5, 0.1)]
for a, b in fpairs:
    print(a, b, a // b, a % b, divmod(a, b))
print(1e16 % 3, -1e16 % 3, 3.0 % float("inf"), -3.0 % float("inf"), float("inf") // 1 if False else "")
print(5 % float("-inf"), -5 % float("-inf"), 0.0 % 5, -0.0 % 5, 0.0 % -5)
try:
    float("inf") // 1
    print("inf // 1 ok")
except (ValueError, OverflowError) as e:
    print(type(e).__name__, e)
print(float("inf") % 1 if False else "", float("nan") // 1, 7 // float("inf"), -7 // float("inf"))

# Shifts
for n in (1, -1, 5, -5, 2**64, -(2**64), 0):
    print(n, n << 0, n << 1, n << 65, n >> 1, n >> 63, n >> 1000)
for bad in (-1, -(2**100)):
    try:
        1 << bad
    except ValueError as e:
        print(type(e).__name__, e)
    try:
        1 >> bad
    except ValueError as e:
        print(type(e).__name__, e)
try:
    1 << 2**100
except (OverflowError, MemoryError) as e:
    print(type(e).__name__, e)
print(0 << 2**100 if False else 0, 5 >> 2**100, -5 >> 2**100)
for bad in (1.0, "1"):
    try:
        1 << bad
    except TypeError as e:
        print(type(e).__name__, e)
try:
    1.0 << 1
except TypeError as e:
    print(type(e).__name__, e)
print(True << 3, 1 << True, False >> 1, type(True << 1).__name__)

# Modulo with strings is formatting, with bools is arithmetic
print(True % 2, 7 % True, -7 // True, 3 // False if False else "")
try:
    7 // False
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    7.0 // 0
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    7.0 % 0.0
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    divmod(0.0, 0.0)
except ZeroDivisionError as e:
    print(type(e).__name__, e)
# Augmented versions
x = 100
x //= -7
print(x)
x %= -4
print(x)
x <<= 70
print(x)
x >>= 69
print(x)
# Large floor division consistency
big = 10**40 + 7
print(big // 3, big % 3, -big // 3, -big % 3, big // -(10**20), big % -(10**20))
print([i // 3 for i in range(-6, 7)], [i % 3 for i in range(-6, 7)], [i % -3 for i in range(-6, 7)])
