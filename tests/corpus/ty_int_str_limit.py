# Corpus: the 4300-digit limit on int<->str conversion (default sys.int_info.default_max_str_digits).
big = 10**4299
s = str(big)
print(len(s), s[:5], s[-5:])
print(len(str(-(10**4299))), len(repr(10**4299 - 1)))
try:
    str(10**4300)
except ValueError as e:
    print(type(e).__name__, e)
try:
    repr(-(10**5000))
except ValueError as e:
    print(type(e).__name__, e)
try:
    f"{10**4300}"
except ValueError as e:
    print(type(e).__name__, e)
try:
    "%d" % (10**4300)
except ValueError as e:
    print(type(e).__name__, e)
try:
    print(10**4300)
except ValueError as e:
    print(type(e).__name__, e)

# Parsing limit
digits = "1" * 4300
print(int(digits) % 1000, len(digits))
try:
    int("1" * 4301)
except ValueError as e:
    print(type(e).__name__, e)
try:
    int("-" + "9" * 5000)
except ValueError as e:
    print(type(e).__name__, e)
print(int("1_" * 2200 + "1") % 1000)
try:
    int("1_" * 4300 + "1")
except ValueError as e:
    print(type(e).__name__, e)

# Power-of-two bases are not limited
h = hex(10**5000)
print(len(h), h[:10], int(h, 16) == 10**5000)
b = bin(2**20000)
print(len(b), int(b, 2) == 2**20000, len(oct(7**9000)) > 0)
print(int("f" * 6000, 16).bit_length(), int("1" * 9000, 2).bit_count())
# Non-power-of-two bases are limited
try:
    int("7" * 4301, 8)
    print("base 8 ok")
except ValueError as e:
    print(type(e).__name__, e)
try:
    int("z" * 4301, 36)
except ValueError as e:
    print(type(e).__name__, e)

# Arithmetic on huge values is fine; only decimal conversion is limited
x = 10**10000 + 12345
print(x % 100000, x.bit_length(), (x // 10**9990) % 10**6, len(str(x // 10**6000)))
y = 3**20000
print(y % 10**20, y.bit_length(), len(hex(y)))
# float -> str of huge float is unaffected
print(str(1e308), float(10**300) == 1e300)
# Format with underscores / commas over the limit
try:
    format(10**4300, ",")
except ValueError as e:
    print(type(e).__name__, e)
print(format(10**4299, ",")[:8], len(format(10**4299, "_")))
# Decimal digit counting without str()
def ndigits(n):
    count = 0
    while n:
        n //= 10**100
        count += 100
    return count
print(ndigits(10**4500) >= 4500)
