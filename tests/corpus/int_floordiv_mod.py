# Corpus: floor division and modulo semantics for all sign combinations.
nums = [17, -17, 5, -5, 0, 1, -1, 100]
dens = [3, -3, 7, -7, 1, -1]
for n in nums:
    row = []
    for d in dens:
        q = n // d
        r = n % d
        assert q * d + r == n
        row.append(str(q) + "r" + str(r))
    print(str(n).rjust(4), " ".join(row))

for n in [7.5, -7.5]:
    for d in [2, -2, 0.5]:
        print(n, d, n // d, n % d)

print(divmod(-7, 2), divmod(7, -2), divmod(-7, -2))
print(divmod(7.0, 2), divmod(-7.0, 2))

def to_base(n, base):
    if n == 0:
        return "0"
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    neg = n < 0
    n = abs(n)
    out = ""
    while n:
        n, r = divmod(n, base)
        out = digits[r] + out
    return "-" + out if neg else out

for v in [0, 5, 255, -255, 1000, 36 ** 3]:
    print(v, to_base(v, 2), to_base(v, 7), to_base(v, 16), to_base(v, 36))

print(int(to_base(123456, 36), 36), int("ff", 16), int("-101", 2), int("z", 36))
days = 1000
weeks, rem = divmod(days, 7)
print("weeks", weeks, "days", rem)
secs = 98765
h, rest = divmod(secs, 3600)
m, s = divmod(rest, 60)
print(str(h) + ":" + str(m).zfill(2) + ":" + str(s).zfill(2))
print([i % 4 for i in range(-6, 7)])
print([i // 4 for i in range(-6, 7)])
