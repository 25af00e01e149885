# Seed for the marshal fuzzer: one constant of every marshal type a .pyc holds.
ints = (0, 1, -1, 256, -6, 2**31, -(2**31) - 1, 2**64, -(2**100), 10**40)
floats = (0.0, -0.0, 1.5, 1e300, 5e-324, float("inf"))
cplx = (1j, -2.5 + 3j)
strs = ("", "a", "é", "\u1234", "\U0001f600", "\ud800", "x" * 300, "shared", "shared")
raw = (b"", b"\x00\xff", b"bytes" * 60)
flags = (None, True, False, ..., 1 in {1, 2, 3}, "s" in frozenset({"s", "t"}))
