# Corpus: f-strings with expressions, conversions and format specs.
name = "Ada"
age = 36
pi = 3.14159265
print(f"{name} is {age}")
print(f"{name!r} {name!s} {age!r}")
print(f"[{name:>8}] [{name:<8}] [{name:^8}] [{name:*^9}]")
print(f"[{age:5}] [{age:<5}] [{age:05}] [{age:+}] [{-age:6}]")
print(f"{pi:.3f} {pi:.0f} {pi:10.2f}| {pi:<10.4f}| {pi:e} {pi:.2e}")
print(f"{255:x} {255:X} {255:#x} {5:b} {5:08b} {8:o} {1234567:,} {1234567:_}")
print(f"{age * 2} {age > 30} {name.upper()} {name[::-1]} {len(name)}")
print(f"{'nested quotes'} {[1, 2, 3]} {(1, 'a')} {{braces}}")
items = {"apple": 1.5, "kiwi": 0.25, "watermelon": 3.0}
for k, v in items.items():
    print(f"{k:<12}{v:>6.2f}")
width = 10
prec = 3
print(f"[{pi:{width}.{prec}f}] [{name:>{width}}]")
x = 7
print(f"{x=}", f"{x * 2 = }", f"{name=!s}")
print(f"{'a' if x > 5 else 'b'} {x:>{x}}")
vals = [1, 22, 333]
print(f"{vals[0]}-{vals[-1]} total={sum(vals)}")
print(f"{0.5:.0%} {0.125:.1%} {1/3:.4}")
print(f"{3.0} {1e20} {1.5e-7} {2**0.5}")
print(f"{True} {None} {-0.0} {10**20}")
def fmt_row(cells, w):
    return "|".join(f"{c:^{w}}" for c in cells)
print(fmt_row(["a", "bb", "ccc"], 5))
print(fmt_row([1, 22, 333], 6))
class P:
    def __init__(self, v):
        self.v = v
    def __repr__(self):
        return f"P({self.v!r})"
    def __str__(self):
        return f"<{self.v}>"
p = P("z")
print(f"{p} {p!r} {p!s} {[p]}")
print(f"{'left':<6}|{'right':>7}|{12.5:^9.1f}|")
total = 0
for i in range(1, 4):
    total += i
    print(f"step {i:2d}: total={total:3d} avg={total / i:6.3f}")
print(f"{-42:>6} {-42:<6}| {-42:06} {-3.5:08.2f}")
print(f"{'':>3}|{'':3}|")
