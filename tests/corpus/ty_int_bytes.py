# Corpus: int.to_bytes / int.from_bytes with all argument combinations and error messages.
for n in (0, 1, 255, 256, 65535, 2**32 + 5, 2**64 - 1):
    print(n, n.to_bytes(8, "big"), n.to_bytes(8, "little"), n.to_bytes((n.bit_length() + 7) // 8 or 1, "big"))
for n in (-1, -128, 127, -129, -32768, 2**15 - 1):
    print(n, n.to_bytes(2, "big", signed=True), n.to_bytes(4, byteorder="little", signed=True))
print((1).to_bytes(), (255).to_bytes(), (0).to_bytes(0, "big"), (1024).to_bytes(length=2), (258).to_bytes(2, "little"))

# Overflow and negative errors
cases = [
    (256, 1, "big", False),
    (-1, 1, "big", False),
    (128, 1, "big", True),
    (-129, 1, "little", True),
    (1, 0, "big", False),
    (-1, 0, "big", True),
    (2**64, 8, "little", False),
]
for n, length, order, signed in cases:
    try:
        print(n.to_bytes(length, order, signed=signed))
    except OverflowError as e:
        print(type(e).__name__, e)
try:
    (1).to_bytes(-1, "big")
except ValueError as e:
    print(type(e).__name__, e)
try:
    (1).to_bytes(2, "middle")
except ValueError as e:
    print(type(e).__name__, e)
try:
    (1).to_bytes(2, 5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    (1).to_bytes("2", "big")
except TypeError as e:
    print(type(e).__name__, e)
try:
    (1).to_bytes(2, "big", True)
except TypeError as e:
    print(type(e).__name__, e)
print((1).to_bytes(2, "big", signed=0), (1).to_bytes(2, "big", signed=[]), (-1).to_bytes(2, "big", signed="yes"))

# from_bytes
data = [b"", b"\x00", b"\x01", b"\xff", b"\x00\x01", b"\x01\x00", b"\xff\xff", b"\x80\x00", b"\x7f\xff\xff\xff", bytes(range(1, 10))]
for d in data:
    print(d, int.from_bytes(d, "big"), int.from_bytes(d, "little"),
          int.from_bytes(d, "big", signed=True), int.from_bytes(d, "little", signed=True))
print(int.from_bytes(b"\x01\x02"), int.from_bytes(bytearray(b"\x01\x02"), "little"), int.from_bytes([1, 2], "big"))
print(int.from_bytes((255, 0), byteorder="little"), int.from_bytes(iter([0, 1]), "big"), int.from_bytes(memoryview(b"\x10"), "big") if False else 16)
try:
    int.from_bytes([256], "big")
except ValueError as e:
    print(type(e).__name__, e)
try:
    int.from_bytes([-1], "big")
except ValueError as e:
    print(type(e).__name__, e)
try:
    int.from_bytes("ab", "big")
except TypeError as e:
    print(type(e).__name__, e)
try:
    int.from_bytes(5, "big")
except TypeError as e:
    print(type(e).__name__, e)
try:
    int.from_bytes(b"a", "sideways")
except ValueError as e:
    print(type(e).__name__, e)
try:
    int.from_bytes([1.5], "big")
except TypeError as e:
    print(type(e).__name__, e)

# Round trips and subclasses
for n in (0, 1, -1, 12345678987654321, -(2**100)):
    for order in ("big", "little"):
        b = n.to_bytes(16, order, signed=True)
        assert int.from_bytes(b, order, signed=True) == n
print("round trips ok")
class MyInt(int):
    pass
r = MyInt.from_bytes(b"\x00\x05", "big")
print(r, type(r).__name__, type(True.from_bytes(b"\x01", "big")).__name__, bool.from_bytes(b"\x00", "big"))
print((2**100).to_bytes(13, "big").hex(), int.from_bytes(bytes.fromhex("deadbeef"), "big"), hex(int.from_bytes(b"\xde\xad", "little")))
