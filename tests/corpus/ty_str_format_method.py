# Corpus: str.format and str.format_map: field names, indexing, attributes, conversions, nesting and errors.
print("{} {} {}".format(1, "a", [2]), "{0} {1} {0}".format("x", "y"), "{a}-{b}".format(a=1, b=2), "{0}{a}".format(9, a=8))
print("{{}} {{{}}} {{".format(5) if False else "{{}} {{{}}}".format(5), "}}{{".format(), "no fields".format(1, 2, x=3))
data = {"name": "Ann", "langs": ["py", "c"], "meta": {"age": 30, 5: "five"}}
print("{0[name]} {0[langs][1]} {0[meta][age]} {0[meta][5]}".format(data), "{d[langs][0]}".format(d=data))
class P:
    x = 3
    y = [10, 20]
    def __repr__(self):
        return "P()"
    def __str__(self):
        return "p-str"
print("{0.x} {0.y[1]} {p.x} {0!r} {0!s} {0!a} {0}".format(P(), p=P()))
print("{!r:>10}|{!s:<6}|{!a:^8}".format("q", "w", "\xe9"), "{0:>{1}}|{0:^{width}}".format("c", 5, width=7))
print("{:,} {:_} {:.3} {:x} {:%}".format(10**6, 10**6, "truncate", 255, 0.5))
print("{0[0]}{0[1]}{0[-1]}".format("abc") if False else "{0[0]}{0[1]}".format("abc"), "{0[2]}".format({2: "int key"}), "{0[x]}".format({"x": 1}))

# format_map uses the mapping directly (no copy), works with __missing__
class Default(dict):
    def __missing__(self, k):
        return "?" + k + "?"
print("{a} {b} {c.real}".format_map(Default(a=1, c=2j)), "{x}".format_map({"x": "plain"}))
try:
    "{a}".format_map({})
except KeyError as e:
    print(type(e).__name__, e)
try:
    "{a}".format_map([])
except TypeError as e:
    print(type(e).__name__, e)
try:
    "{0}".format_map({0: 1})
except (TypeError, ValueError) as e:
    print(type(e).__name__, e)

# Errors
cases = [
    ("{", ()), ("}", ()), ("{0", ()), ("{0!}", (1,)), ("{0!x}", (1,)), ("{0!rr}", (1,)), ("{}", ()), ("{1}", (1,)),
    ("{} {0}", (1, 2)), ("{0} {}", (1, 2)), ("{name}", ()), ("{0.missing}", (1,)), ("{0[5]}", ([1],)),
    ("{0[x]}", ({},)), ("{0:{1}}", (1,)), ("{0:{1:{2}}}", (1, 2, 3)), ("{0[}", (1,)), ("{0]}", (1,)), ("{0.}", (1,)),
    ("{0:d}", ("s",)), ("{0[0]", ([1],)), ("{!r}", ()), ("{0.__class__.__name__}", (1,)), ("{-1}", ([1],)),
    ("{0[-1]}", ([1, 2],)), ("{0:{}}", (1, 2)),
]
for fmt, args in cases:
    try:
        print(repr(fmt), repr(fmt.format(*args)))
    except (ValueError, IndexError, KeyError, AttributeError, TypeError) as e:
        print(repr(fmt), type(e).__name__, e)

# Objects with __format__ and nested format spec with conversion
class Temp:
    def __init__(self, c):
        self.c = c
    def __format__(self, spec):
        if spec.endswith("F"):
            return format(self.c * 9 / 5 + 32, spec[:-1] + "f") + "F"
        return format(self.c, spec) + "C"
t = Temp(21.5)
print("{:.1F} {:.0f} {}".format(t, t, t), f"{t:.2F}", "{0:{1}}".format(t, ".3F"))

# Auto-numbering with attribute access and positional/keyword mixing
print("{.real}|{[1]}|{k}".format(3 + 4j, (7, 8), k="kw"), "{0}{0}{0}".format("ab"), "{:^3}".format(""))
# Large field widths and nested replacement fields
print("[{:>{w}.{p}}]".format("abcdefgh", w=10, p=3), "{:{fill}{align}{width}}".format(42, fill="#", align="^", width=9))
# format with unused args is fine; with too few is IndexError
print("{} {}".format(*"ab"), "{x}{y}".format(**{"x": 1, "y": 2, "z": 3}))
# str.format on a str subclass returns plain str
class S(str):
    pass
print(type(S("{}").format(1)).__name__, S("{0}-{0}").format(S("q")))
