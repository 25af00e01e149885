# Corpus: float repr/str shortest round-trip formatting and format specs.
vals = [0.1, 0.2, 0.3, 1 / 3, 2 / 3, 1.0, 10.0, 100.0, 1e15, 1e16, 1e17, 123.456,
        -0.0, 1e-4, 1e-5, 3.141592653589793, 2.718281828459045, 1.1, 2.2, 3.3,
        1e300, 1.5e-10, 9007199254740993.0, 0.1 * 3, 1.0 / 7]
for v in vals:
    print(v, repr(v), str(v))
for v in [3.14159, -2.5, 1234.5678, 0.000123, 1e10]:
    print(f"{v:.2f} {v:.3e} {v:g} {v:10.3f}|")
    print("{:.1f} {:8.2f} {:<8.2f}| {:+.3f} {:e}".format(v, v, v, v, v))
print(f"{2.5:.0f} {3.5:.0f} {0.125:.2f} {0.375:.2f}")
print(f"{1 / 3:.10f} {2 / 3:.15f}")
print(f"{12345.6789:,.2f} {0.5:%} {0.125:.1%}")
print(f"{1e-7:g} {1e16:g} {123456789.0:g} {0.0001:g}")
print(str(1.0e0), str(5e-324), str(float(2 ** 53)))
print([0.1 * i for i in range(8)])
print([round(0.1 * i, 2) for i in range(8)])
print(1.0 + 2 ** -52, 1.0 + 2 ** -53)
print(float("1.10"), float("0.0000001"), float("1e+20"), float("1.5E3"))
print(100.0 / 3.0, 1e23, 8.41e21, 5.0e-1)
print(-1.5, -0.1, -1e-10, -123456789012345.6)
