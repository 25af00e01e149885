# Corpus: list slicing with steps, negative steps, slice assignment and deletion.
a = list(range(20))
print(a[::3], a[1::3], a[::-1], a[::-4], a[18:2:-5])
print(a[5:15:2], a[-1:-10:-2], a[15:5:2], a[100:0:-7])
print(a[-3:], a[:3], a[3:-3:3])
b = list(range(10))
b[2:5] = ["x"]
print(b)
b[1:1] = [100, 200]
print(b)
b[:] = b[::-1]
print(b)
c = list(range(10))
c[::2] = ["e"] * 5
print(c)
c[1::2] = [i * 11 for i in range(5)]
print(c)
try:
    c[::2] = [1, 2]
except ValueError as e:
    print("ValueError:", e)
d = list(range(12))
del d[::3]
print(d)
del d[-2:]
print(d)
del d[:1]
print(d)
t = tuple(range(10))
print(t[::2], t[::-3], t[2:8:2])
s = "0123456789"
print(s[::2], s[::-2], s[1:9:3], s[-2::-3])
m = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([row[::-1] for row in m], m[::-1], [row[1] for row in m[::2]])
def every_nth(seq, n, offset=0):
    return seq[offset::n]
print(every_nth("abcdefghij", 3), every_nth(list(range(10)), 4, 1), every_nth((1, 2, 3), 5))
r = range(0, 30, 3)
print(list(r[::2]), list(r[::-1]), r[2], r[-1], len(r), list(r[2:6]))
half = len(a) // 2
print(a[:half][::-1] + a[half:][::-1])
e = [0] * 6
e[1:5:2] = "ab"
print(e)
print([1, 2, 3][-100:100], [1, 2, 3][3:], [][::-1])
