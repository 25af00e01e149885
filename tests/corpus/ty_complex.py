# Corpus: complex numbers: construction, arithmetic, repr, abs, conjugate, comparisons and errors.
z = complex(3, 4)
w = 1 - 2j
print(z, w, repr(z), str(w), z.real, z.imag, type(z.real).__name__, z.conjugate(), abs(z), abs(-5j))
print(z + w, z - w, z * w, z / w, -z, +z, z ** 2, w ** 0, z ** -1, 2 ** z == 2 ** z)
print(z + 1, 1 + z, z * 2.5, 2.5 * z, z / 2, 2 / z, z - True, 1j * 1j, 1j ** 2, (1 + 1j) ** 2)
print(z == complex(3, 4), z == 3 + 4j, z != w, 1 + 0j == 1, 1 + 0j == 1.0, 1j == 1, complex(2) == 2.0)

# repr forms
for c in (0j, -0j, complex(0, -0.0), complex(-0.0, 0), complex(-0.0, -0.0), 1j, -1j, 1 + 0j, complex(1, -0.0),
          1.5 + 2.25j, 1e20 + 1e-20j, complex(float("inf"), 1), complex(1, float("nan")), complex(-1e300, 1e300) * 10,
          0.1 + 0.2j, complex(1e16, 1), 123456789j):
    print(repr(c), str(c))

# Constructor from strings
for s in ("1+2j", "1-2j", "  3j ", "-1.5e3+0.5j", "(1+2j)", "j", "-j", "+1J", "1e-3j", "inf+nanj", "2", "-0", "1_0+2_0j", "( 4-5j )"):
    print(repr(s), complex(s))
for s in ("1+2", "1 + 2j", "j1", "1+2jj", "", "()", "(1+2j", "1+2j)", "nanj+1", "1e+j"):
    try:
        complex(s)
    except ValueError as e:
        print(repr(s), type(e).__name__, e)
for args in (("1", "2"), (1, "2"), ([],), (None,), (1, None), ({},)):
    try:
        complex(*args)
    except TypeError as e:
        print(type(e).__name__, e)
print(complex(real=1, imag=2), complex(imag=3), complex(1j, 2), complex(1 + 1j, 1j), complex(2, 1j))

# Unsupported operations
for f in (lambda: z // 2, lambda: z % 2, lambda: divmod(z, 1), lambda: int(z), lambda: float(z), lambda: z < w,
          lambda: round(z), lambda: z & 1, lambda: hex(z) if False else z >> 1):
    try:
        f()
    except TypeError as e:
        print(type(e).__name__, e)
for f in (lambda: z / 0, lambda: z / 0j, lambda: 1 / 0j, lambda: 0j ** -1, lambda: 0j ** 1j):
    try:
        print(f())
    except ZeroDivisionError as e:
        print(type(e).__name__, e)
print(0j ** 0, 0j ** 2, 0j ** 0j)

# Attributes are read-only
try:
    z.real = 1
except AttributeError as e:
    print(type(e).__name__, e)
try:
    (1j).foo
except AttributeError as e:
    print(type(e).__name__, e)

# Hash consistency and formatting
print(hash(1 + 0j) == hash(1), hash(complex(0, 0)) == hash(0), hash(2j) == hash(2j))
print(format(z, ""), format(z, ".2f"), format(w, "+.1e"), format(1j, "g"), format(z, "^20"), f"{z:10.3}", f"{-w!r}")
print(format(complex(1.5, -2), "e"), format(complex(-1, 0.5), "+.3g"), format(complex(1, 2), "*>14.2f"))
try:
    format(complex(1, 2), "08.2f")
except ValueError as e:
    print(type(e).__name__, e)
try:
    format(z, "d")
except ValueError as e:
    print(type(e).__name__, e)
try:
    format(z, "010")
except ValueError as e:
    print(type(e).__name__, e)

# Subclass
class C(complex):
    def __repr__(self):
        return "C" + super().__repr__()
c = C(1, 2)
print(c, repr(c), c + 1, type(c + 1).__name__, c.conjugate(), type(c.conjugate()).__name__)
print(complex.__new__(C, 3) if False else C("5j"), sum([1j, 2, 3.5]), sum([1j] * 3, 1j))
