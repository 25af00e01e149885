# Corpus: bin(), hex(), oct() for ints/bools/big ints/__index__ objects, round trips via int(), and errors.
for v in [0, 1, -1, 5, -5, 255, -256, 2**31, 2**64 - 1, -(2**100), True, False, 10**30]:
    print(v, bin(v), oct(v), hex(v))
print(int(bin(-12345), 0), int(oct(987654321), 0), int(hex(-(2**70)), 16), int(bin(2**200), 2) == 2**200)


class Idx:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v


class IntSub(int):
    def __index__(self):
        return 999


print(bin(Idx(10)), oct(Idx(-8)), hex(Idx(4096)), hex(IntSub(5)))
for bad in [1.5, "10", None, [1], 1j, Idx("x")]:
    for fn in (bin, oct, hex):
        try:
            fn(bad)
        except TypeError as e:
            print(fn.__name__, type(e).__name__, e)
for fn in (bin, oct, hex):
    try:
        fn()
    except TypeError as e:
        print(type(e).__name__, e)
    try:
        fn(1, 2)
    except TypeError as e:
        print(type(e).__name__, e)
print(format(255, "b"), format(255, "#b"), format(-255, "o"), format(255, "#X"), f"{10:#010b}")
print((255).bit_length(), bin(255).count("1"), (255).bit_count(), (-1).bit_length())
print(hex(0xDEADBEEF), oct(0o777), bin(0b1010), 0x_ff, 0o_17, 0b_1_0)
print(float.hex(1.0), float.hex(-0.5), float.hex(0.1), float.fromhex("0x1.8p1"), (3.5).hex())
print([hex(b) for b in b"\x00\x0f\xff"], bytes.fromhex("de ad be ef").hex(), b"\x01\xab".hex(":"))
print(hex(-0), bin(-0), oct(2**63), hex(2**63 - 1), bin(-(2**63)))
print(len(bin(10**100)) - 2, len(hex(10**100)) - 2, hex(10**100)[-8:])
