# The _json accelerator used directly: scanstring, the Scanner and Encoder types, encode_basestring(_ascii), with
# their error messages and positions; then json.dumps/loads through it.
import _json
import collections
import decimal
import json
from json.decoder import JSONDecoder


def show(f, *args, **kwargs):
    try:
        r = f(*args, **kwargs)
    except BaseException as e:
        extra = ""
        if isinstance(e, json.JSONDecodeError):
            extra = f" msg={e.msg!r} pos={e.pos} lineno={e.lineno} colno={e.colno}"
        elif isinstance(e, StopIteration):
            extra = f" value={e.value!r}"
        print(f"  {type(e).__name__}: {e}{extra}")
    else:
        print("  ->", repr(r))


print("module:", sorted(n for n in dir(_json) if not n.startswith("__")))
for name in ("scanstring", "encode_basestring", "encode_basestring_ascii"):
    f = getattr(_json, name)
    print(name, f.__module__, f.__name__, type(f).__name__)
print(_json.make_scanner.__module__, _json.make_scanner.__name__, _json.make_encoder.__name__)
print(_json.make_encoder.__doc__)

print("== scanstring")
for s, end, *strict in [
    ('abc"', 0), ('abc"', 4), ('abc"', 5), ('abc"', -1), ('a\x01"', 0), ('a\x01"', 0, False), ('a\x1f"', 0, 0),
    ('\\u00e9\\n\\t\\/\\b\\f\\r\\"\\\\"', 0), ('\\uD834\\uDD20"', 0), ('\\uD834x"', 0), ('\\uDD20\\uD834"', 0),
    ('\\uD834\\u0041"', 0), ('\\uD834\\"', 0), ('\\uD834\\u00"', 0), ('\\q"', 0), ('\\', 0), ('\\u00x1"', 0),
    ('\\u0X12"', 0), ('\\u+123"', 0), ('\\u 123"', 0), ('\\u12', 0), ('\\u1234', 0), ('\\u123"', 0),
    ('xx"\\uABCDef"', 3), ('\\uD800\\uDBFF"', 0), ('\u20ac\U0001f600"', 0), ('\\ud83d\\ude00"', 0),
    ('"', 0), ('x', 0), ('', 0), ('ab', 2), ('\\', 1), ('a\\"b"', 0), ('a\nb"', 0, True), ('\\U0041"', 0),
]:
    print(repr(s), end, strict)
    show(_json.scanstring, s, end, *strict)
show(_json.scanstring, b'abc"', 0)
show(_json.scanstring, 'a"', "0")
show(_json.scanstring, 'a"', 2**80)
show(_json.scanstring, 'a"', 0, [])
show(_json.scanstring, 'a"', 0, strict=True)
show(_json.scanstring, 'a"')

print("== encode_basestring")
for s in ['', 'abc', 'a\u1234\U0001f600\x00\x1f\x7f"\\\n\r\t\b\f/', '\ud800', '\udfff x', 'é' * 3, '\x80\xff']:
    show(_json.encode_basestring_ascii, s)
    show(_json.encode_basestring, s)
show(_json.encode_basestring, 1)
show(_json.encode_basestring_ascii, b'x')


class S(str):
    pass


show(_json.encode_basestring_ascii, S('sub"'))

print("== scanner")
dec = JSONDecoder()
sc = _json.make_scanner(dec)
print(type(sc).__name__, type(sc).__module__, sc.strict, sc.object_hook, sc.object_pairs_hook, sc.parse_float,
      sc.parse_int)
for s in ['[1,', '[1,]', '{"a":1,}', '{"a"', '{"a":', '{', '[', '', ' ', '-', '-x', '1.', '1.e5', '1e', '1e+',
          '01', '-0', '-0.0', '-Infinity', '-Inf', 'NaN', 'Infinity', 'nul', 'null', 'true', 'false', 'tru',
          '"abc', '"a\\', '"\\u12"', '"\\uD800\\u"', '"\x01"', '[1 2]', '{"a" 1}', '{"a":1 "b"}', '{1:2}',
          '{"a":1,2}', '{"a":1,', '[,]', '[1,,2]', '1.5e3x', '  1', '12345678901234567890', '1E400', '-1e-400',
          '0.1', '1.0e+2', '[ 1 , 2 ]', '{ "a" : [ ] , "b" : { } }', '{"a":1,"a":2}', '[ ]', '{ }', '[1]x',
          '{"a": {"b": [true, false, null, "s"]}}', '{"x"  :  1  ,  "y":2}', '[\n1,\n\t2\r]', '{"a":1 ,}',
          '[1 ,]', '[1, ]', '["a", "b\\n"]', '[-]', '[1.]', '["\x01"]']:
    print(repr(s))
    show(sc, s, 0)
show(sc, "xx12", 2)
show(sc, "1", -1)
show(sc, "1", 5)
show(sc, b"1", 0)
show(sc, "1")
show(sc, string="[2]", idx=0)
show(sc, "1", 0, 1)
show(sc, "1", 1.0)
show(sc, "1", 2**70)
show(_json.make_scanner)
show(_json.make_scanner, 1)
print(type(_json.make_scanner(context=dec)).__name__)

log = []


def pf(s):
    log.append(("float", s))
    return decimal.Decimal(s)


def pi(s):
    log.append(("int", s))
    return int(s) * 10


def pc(s):
    log.append(("const", s))
    return s.lower()


def oh(d):
    log.append(("object", sorted(d)))
    return ("obj", d)


def oph(pairs):
    log.append(("pairs", pairs))
    return collections.OrderedDict(pairs)


d2 = JSONDecoder(parse_float=pf, parse_int=pi, parse_constant=pc, object_hook=oh)
sc2 = _json.make_scanner(d2)
show(sc2, '[1.5, 2, -3e2, NaN, Infinity, -Infinity, {"k": {}}, {}]', 0)
print(log)
log.clear()
d3 = JSONDecoder(object_hook=oh, object_pairs_hook=oph, strict=False)
sc3 = _json.make_scanner(d3)
show(sc3, '{"b": 1, "a": {"c": "\x01"}, "d": {}}', 0)
print(log)
show(sc, '"\x01"', 0)
show(sc3, '"\x01"', 0)

# Keys are memoised per call: equal keys in one document are the same object.
r = sc('[{"key": 1}, {"key": 2}]', 0)[0]
print("memo:", list(r[0])[0] is list(r[1])[0])


def bad_hook(*a):
    raise KeyError("hook")


show(_json.make_scanner(JSONDecoder(object_hook=bad_hook)), '[{}]', 0)
show(_json.make_scanner(JSONDecoder(parse_int=bad_hook)), '[1]', 0)
show(_json.make_scanner(JSONDecoder(parse_float=bad_hook)), '[1.0]', 0)


class Ctx:
    strict = 0
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = str


show(_json.make_scanner(Ctx()), '["\t", NaN, 7]', 0)
del Ctx.parse_constant
show(_json.make_scanner, Ctx())

print("== encoder")
E = _json.make_encoder
print(type(E).__name__, E.__name__, E.__module__)
enc = E({}, repr, _json.encode_basestring_ascii, None, ':', ',', False, False, True)
print(sorted(a for a in dir(enc) if not a.startswith('__')))
print(enc.markers, enc.default, enc.encoder, enc.indent, enc.key_separator, enc.item_separator, enc.sort_keys,
      enc.skipkeys)
show(enc, [1, 2.5, "x", None, True, False, {"a": [1]}, (2, 3), "\u20ac"], 0)
show(enc, "s", 0)
show(enc, 1, 0)
show(enc, [1])
show(enc, [1], 0, 1)
show(enc, obj=[1], _current_indent_level=0)
show(enc, [1], "x")
show(enc, float('nan'), 0)
show(enc, [float('inf'), -float('inf'), 1e400, 1e16, 0.1, -0.0, 10**20, -5], 0)
strict_enc = E(None, None, _json.encode_basestring_ascii, None, ':', ',', False, False, False)
show(strict_enc, [float('nan')], 0)
show(strict_enc, {float('inf'): 1}, 0)
show(strict_enc, {1.5: 1, True: 2, False: 3, None: 4, 7: 5, "s": 6}, 0)
show(strict_enc, object(), 0)
a = []
a.append(a)
show(enc, a, 0)
d = {}
d['x'] = d
show(enc, d, 0)
show(enc, [[], [[]], {}, {"a": {}}], 0)
shared = []
show(enc, [shared, shared, {"k": shared}], 0)
show(strict_enc, {(1,): 2}, 0)
skip_enc = E(None, None, _json.encode_basestring_ascii, None, ':', ',', False, True, False)
show(skip_enc, {(1,): 2, "a": 1, b"x": 3}, 0)
ind = E(None, None, _json.encode_basestring_ascii, '  ', ': ', ',', True, True, False)
show(ind, {"b": [1, {"c": []}, {}], "a": (1,)}, 0)
show(ind, {"b": [1]}, 2)
show(ind, [], 3)
show(ind, {"b": 1, 2: 1}, 0)
show(E(None, None, _json.encode_basestring, '\t', ' : ', ' , ', False, False, False), [1, {"a": [2, 3]}], 1)


class F(float):
    def __repr__(self):
        return 'F!'


class I(int):
    def __repr__(self):
        return 'I!'


show(ind, [F(1.5), I(3), S("q"), True], 0)
show(ind, {F(1.5): 1, I(3): 2, S("s"): 3}, 0)
show(E, 1, None, None, None, ': ', ', ', False, False, False)
show(E, None, None, None, None, 1, ', ', False, False, False)
show(E, None, None, None, None, ': ', 1, False, False, False)
show(E, None, None, None, None, ': ', ', ', False, False)
show(E, markers=None)
show(E(None, None, _json.encode_basestring_ascii, 5, ': ', ', ', False, False, False), [1, 2], 0)
show(E(None, None, _json.encode_basestring_ascii, 5, ': ', ', ', False, False, False), [], 0)
bad = E(None, None, lambda s: 5, None, ':', ',', False, False, False)
show(bad, "x", 0)
show(bad, ["x"], 0)
show(bad, {"k": 1}, 0)
show(E(None, None, lambda s: S("zz"), None, ':', ',', False, False, False), ["x"], 0)
show(E(None, None, lambda s: 1 / 0, None, ':', ',', False, False, False), {"x": 1}, 0)
show(E({}, lambda o: o, _json.encode_basestring, None, ':', ',', False, False, False), object(), 0)
show(E({}, lambda o: [o], _json.encode_basestring, None, ':', ',', False, False, False), object(), 0)
show(E({}, lambda o: str(o), _json.encode_basestring, None, ':', ',', False, False, False),
     [decimal.Decimal("1.5"), 2j], 0)
show(enc, collections.OrderedDict([("z", 1), ("a", 2)]), 0)


class D(dict):
    def items(self):
        return [("fake", 1)]


show(enc, D(a=1), 0)
show(E(None, None, _json.encode_basestring, None, ':', ',', True, False, False), D(b=1, a=2), 0)


class L(list):
    def __iter__(self):
        return iter([9])


show(enc, L([1, 2]), 0)
show(enc, range(3), 0)

items = [object()] * 6


def shrink(o):
    del items[-1]


show(E(None, shrink, _json.encode_basestring, None, ':', ',', False, False, False), items, 0)

print("== json")
for obj in [{"a": [1, 2.5, None], "b": {"c": "\u20ac"}}, [1e100, -0.0, 2**64], "plain", {3: 4, 1.5: 2}]:
    for kw in [{}, {"indent": 2}, {"ensure_ascii": False}, {"sort_keys": True, "separators": (",", ":")},
               {"indent": "--"}]:
        text = json.dumps(obj, **kw)
        print(repr(text))
        print("  back:", json.loads(text) if "--" not in text else None)
show(json.loads, '{"a": 1,}')
show(json.loads, '[1, 2')
show(json.loads, '{"a" 1}')
show(json.loads, '"abc')
show(json.loads, '[1] x')
show(json.loads, '')
show(json.loads, '\ufeff[1]')
show(json.loads, '[' * 100000)
show(json.loads, '{"a":' * 100000 + '1' + '}' * 100000)
nested = []
for _ in range(100000):
    nested = [nested]
show(json.dumps, nested)
print(json.loads('[1.5, 2, {"k": [true]}]', parse_float=decimal.Decimal, object_pairs_hook=list))
print(json.dumps({"k": float("nan")}), json.dumps([1, 2], indent=0))
show(json.dumps, [float("inf")], allow_nan=False)
