# _string.formatter_parser / formatter_field_name_split, and the string module built on them.
import _string
import string

for f in ["", "abc", "a{}b{x!r:>5}{{c}}d{0[1].x:{w}}", "{!r}", "x{:}", "{a[}]x}", "{0.name!s}", "{:{}}",
          "{{}}", "a{{", "}}b", "\u00e9{\u00e9}\U0001f600{0:\u00e9^9}"]:
    print(repr(f), list(_string.formatter_parser(f)))

for f in ["}", "{", "{0", "{!", "{!r", "{!rx}", "{a{", "{:{", "a}b", "{[}", "ok{0}{"]:
    it = _string.formatter_parser(f)
    try:
        print(list(it))
    except ValueError as e:
        print(repr(f), "ValueError:", e)

it = _string.formatter_parser("a{0}b")
print(iter(it) is it, next(it), next(it))
try:
    next(it)
except StopIteration:
    print("stop")

for f in ["a.0[1][x].y", "", "12", "[0]", "0.real", "x[00][-1]", "\u00e9.\u00e9[\u00e9]"]:
    first, rest = _string.formatter_field_name_split(f)
    print(repr(f), repr(first), list(rest))

for f in ["a.", "a[", "a[0]x", "a..b", "a[]"]:
    try:
        print(list(_string.formatter_field_name_split(f)[1]))
    except ValueError as e:
        print(repr(f), "ValueError:", e)

for bad in ["9" * 30, "a[" + "9" * 30 + "]"]:
    try:
        list(_string.formatter_field_name_split(bad)[1])
    except ValueError as e:
        print("ValueError:", e)

for a in [1, b"x", None]:
    for fn in [_string.formatter_parser, _string.formatter_field_name_split]:
        try:
            fn(a)
        except TypeError as e:
            print("TypeError:", e)


class S(str):
    pass


print(list(_string.formatter_parser(S("a{b}"))))
print(_string.formatter_field_name_split(S("3.x"))[0])

fmt = string.Formatter()
print(fmt.format("{0} {name!r:>8} {1[2]} {obj.real:{w}}", "zero", [1, 2, 3], name="n", obj=5, w=4))
print(fmt.format("{} {} {{literal}}", 1, 2.5))
print(list(fmt.parse("a{b:c}d")))
print(fmt.vformat("{x}-{y}", (), {"x": 1, "y": 2}))
try:
    fmt.format("{0}{}", 1, 2)
except ValueError as e:
    print("ValueError:", e)


class Upper(string.Formatter):
    def format_field(self, value, spec):
        return str(value).upper()


print(Upper().format("{0} and {k}", "abc", k="def"))

t = string.Template("$who likes ${what}; $$5")
print(t.substitute(who="tim", what="kung pao"))
print(t.safe_substitute(who="tim"))
try:
    t.substitute(who="x")
except KeyError as e:
    print("KeyError:", e)
print(string.Template("$a $b").get_identifiers(), string.Template("$a").is_valid())
print(string.capwords("hello  world foo"), string.ascii_letters, string.digits, string.punctuation)
