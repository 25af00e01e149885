# Corpus: bytearray mutation methods, slice assignment (incl. extended slices) and their errors.
ba = bytearray(b"hello")
ba.append(33)
ba.extend(b" world")
ba.extend([65, 66])
ba.extend(x for x in b"CD")
ba.insert(0, 62)
ba.insert(-1, 95)
ba.insert(100, 126)
print(ba, len(ba))
print(ba.pop(), ba.pop(0), ba.pop(-2), ba)
ba.remove(ord("o"))
print(ba)
ba.reverse()
print(ba)
ba.reverse()
ba2 = ba.copy()
ba.clear()
print(ba, ba2, ba2 is not ba)
for op in (lambda: bytearray().pop(), lambda: bytearray(b"a").remove(98), lambda: bytearray(b"a").append(256),
           lambda: bytearray(b"a").append(-1), lambda: bytearray(b"a").append("a"), lambda: bytearray(b"a").insert(0, 300),
           lambda: bytearray(b"a").extend(5), lambda: bytearray(b"a").extend("str"), lambda: bytearray(b"a").extend([1, 999]),
           lambda: bytearray(b"a").pop(5)):
    try:
        op()
    except (IndexError, ValueError, TypeError) as e:
        print(type(e).__name__, e)

# Item and slice assignment
b = bytearray(range(10))
b[0] = 255
b[-1] = 0x7f
print(b)
b[2:5] = b"XY"
print(b)
b[1:1] = [1, 2, 3]
print(b)
b[::2] = bytes(len(b[::2]))
print(b)
b[:] = b"reset"
print(b)
b[5:] = range(65, 70)
print(b)
del b[0]
del b[::3]
del b[-2:]
print(b)
b[1:3] = bytearray(b"__")
b[0:0] = memoryview(b"<<")
print(b)
b[len(b):] = b">>"
print(b, b[::-1])
b[::-1] = b[:]
print(b)
errors = [
    lambda: b.__setitem__(0, 256), lambda: b.__setitem__(0, b"a"), lambda: b.__setitem__(100, 1),
    lambda: b.__setitem__(slice(None, None, 2), b"x"), lambda: b.__setitem__(slice(0, 2), 5),
    lambda: b.__setitem__(slice(0, 2), "ab"), lambda: b.__setitem__(slice(0, 2), [1, 300]), lambda: b.__delitem__(50),
    lambda: b.__setitem__("a", 1),
]
for op in errors:
    try:
        op()
    except (IndexError, ValueError, TypeError) as e:
        print(type(e).__name__, e)
# In-place operators
c = bytearray(b"ab")
c += b"cd"
c *= 2
print(c, c * 0, 2 * c[:2])
c[0:2] = c
print(c)
# Self-referential extend / slice
d = bytearray(b"xyz")
d.extend(d)
d[1:2] = d
print(d)
# Methods returning new bytearrays
e = bytearray(b"  Mixed Case  ")
print(e.strip(), e.upper(), e.lower(), e.replace(b" ", b""), e.split(), type(e.strip()).__name__, e)
print(bytearray(5), bytearray([1, 2]), bytearray("ab", "ascii"), bytearray(b"x") == b"x", bytearray(b"a") + b"b", b"b" + bytearray(b"a"))
print(type(b"b" + bytearray(b"a")).__name__, type(bytearray(b"a") + b"b").__name__)
try:
    hash(bytearray(b"a"))
except TypeError as e:
    print(type(e).__name__, e)
f = bytearray(b"abc")
it = iter(f)
next(it)
f[1] = 66
print(list(it), f.find(66), f.index(b"c"), f.count(b"B"), f.isupper(), f.hex(), f.decode())
print(bytearray(b"abc").__alloc__() >= 3, len(bytearray(100)), bytearray(b"x") * 3)
