# Corpus: f-strings: nested format specs, conversions, `=` self-documenting expressions, __format__ hooks.
width, prec, fill = 10, 3, "*"
pi = 3.14159265
name = "pyvm"
print(f"[{pi:{width}.{prec}f}]")
print(f"[{pi:{fill}^{width}.{prec}}]")
print(f"[{name:{fill}>{width}}] [{name:{'<'}{width - 2}}] [{name!r:^{width}}]")
print(f"[{12345:{','}}] [{12345.678:{'_'}.{2}f}] [{255:{'#'}{'x'}}] [{255:#0{width}b}]")
for w in range(3, 7):
    print(f"{w:>{w}}|{'x' * w:<{w + 1}}|")
print(f"{pi=}", f"{pi = :.2f}", f"{name=!s}", f"{name = }", f"{width*2=}")
print(f"{ name = }", f"{1 + 1 = }", f"{[x for x in range(3)]=}")
print(f"{'nested ' + f'{name:>6}'!r}")
print(f"{f'{f'{name}'}'}")
print(f"{{literal braces}} {{{name}}} {{{{double}}}}")
items = {"a": 1, "b": [1, 2]}
print(f"{items['a']} {items['b'][1]} {items.get('z', 'dflt')}")
print(f"{'quoted'!a} {'ünï'!a} {'ünï'!r} {3!s:>4}")
print(f"{-7:+05d} {7:+05d} {7: d} {-0.0:+.1f} {1e20:.3e} {0.000123:g} {1234.5:g}")
print(f"{255:x} {255:X} {255:o} {255:b} {255:#o} {-255:#x} {65:c}")
print(f"{1234567.891:,.2f} {0.5:.0%} {0.12345:.2%} {3:03} {3.0:06.2f}")
print(f"{'left':<8}|{'right':>8}|{'mid':^9}|{'pad':=>7}")
print(f"{-42:=8} {-42:<8}| {-42:>8} {-42:^8}|")


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __format__(self, spec):
        if spec == "":
            return f"${self.cents / 100:.2f}"
        if spec == "cents":
            return f"{self.cents}c"
        return f"${self.cents / 100:{spec}}"

    def __repr__(self):
        return f"Money({self.cents})"

    def __str__(self):
        return "money-str"


m = Money(12345)
print(f"{m} {m:cents} {m:>12.1f} {m!r} {m!s} {m=} {m=:cents}")
spec = "cents"
print(f"{m:{spec}}", format(m, "cents"), format(m))


class BadFormat:
    def __format__(self, spec):
        return 42


for bad in [lambda: f"{BadFormat()}", lambda: f"{3:q}", lambda: f"{'s':d}", lambda: f"{1.5:x}",
            lambda: f"{object():spec}", lambda: f"{3:,,}", lambda: f"{'abc':=10}"]:
    try:
        print(bad())
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
x = 5
print(f"{x if x > 3 else 'small'}", f"{(lambda: 'lam')()}", f"{x!r:>{x}}")
print(f"{'multi'}" f"{'part'}" "plain" f"{x}")
print(f"""{
    x
    +
    1
}""", f"{x:#>{x + 1}}")
print(f"{3.0:.{x}g} {2 ** 0.5:.{prec + 2}f} {10**15:.{2}e}")
date = (2024, 5, 7)
print(f"{date[0]:04d}-{date[1]:02d}-{date[2]:02d}", f"{date!s}", f"{date=}")
print(f"{True:d} {True!s} {None!r} {b'by'!s}")
