# Corpus: bitwise operators, shifts, masks and bin/hex/oct formatting.
a, b = 0b1100, 0b1010
print(a & b, a | b, a ^ b, ~a, a << 2, a >> 1)
print(bin(a & b), bin(a | b), bin(a ^ b), bin(~a))
print(-1 & 0xFF, -256 >> 4, -1 >> 10, ~0, ~-1)
print(1 << 0, 1 << 1, 1 << 31, 1 << 63, 1 << 64)
print(hex(255), hex(-255), oct(8), oct(-8), bin(0), bin(-5))

def popcount(n):
    c = 0
    while n:
        n &= n - 1
        c += 1
    return c

for n in [0, 1, 7, 255, 1023, 2 ** 40 - 1, 12345]:
    print(n, popcount(n), bin(n).count("1"))

def reverse_bits(n, width=8):
    r = 0
    for i in range(width):
        if n & (1 << i):
            r |= 1 << (width - 1 - i)
    return r

print([reverse_bits(i) for i in [1, 2, 3, 128, 170]])

flags = 0
READ, WRITE, EXEC = 1, 2, 4
flags |= READ
flags |= EXEC
print("flags", flags, bool(flags & WRITE), bool(flags & EXEC))
flags ^= EXEC
flags |= WRITE
print("flags", flags, bin(flags))

x = 0xDEADBEEF
print(hex(x >> 16), hex(x & 0xFFFF), hex((x >> 8) & 0xFF))
print(len(bin(x)) - 2, len(bin(-x)) - 3)

gray = [i ^ (i >> 1) for i in range(16)]
print(gray)
print([bin(g)[2:].rjust(4, "0") for g in gray[:8]])

big = (1 << 100) | (1 << 50) | 1
print(big, big & (1 << 50), big >> 99, big ^ big)
print(-(1 << 70) >> 3, (-(1 << 70)) & 0xFFFF, ~(1 << 70))
h = 0
for ch in "checksum":
    h = ((h << 5) ^ (h >> 27) ^ ord(ch)) & 0xFFFFFFFF
print("hash-like", h)
