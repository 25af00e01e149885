# The _pickle accelerator: the bytes dumps() writes at every protocol, round trips, the Pickler and Unpickler
# classes' hooks (persistent ids, dispatch tables, reducer_override, out-of-band buffers, memo proxies), framing
# and the errors for unpicklable objects and corrupt input.
import _pickle
import collections
import copyreg
import io
import pickle
import re


def clean(msg):
    return re.sub(r"0x[0-9a-f]+", "0x?", str(msg))


def show_error(e):
    print("  ", type(e).__name__, clean(e))


print(pickle.Pickler is _pickle.Pickler, pickle.Unpickler is _pickle.Unpickler)
print(pickle.PicklingError is _pickle.PicklingError, pickle.PickleBuffer is _pickle.PickleBuffer)
print(_pickle.PickleError.__mro__[1].__name__, _pickle.PicklingError.__module__, _pickle.UnpicklingError.__bases__)


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __eq__(self, other):
        return type(other) is Point and (self.x, self.y) == (other.x, other.y)

    def __repr__(self):
        return f"Point({self.x}, {self.y})"


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self):
        self.a = 1
        self.b = "two"

    def __getstate__(self):
        return (None, {"a": self.a, "b": self.b})

    def __eq__(self, other):
        return type(other) is Slotted and (self.a, self.b) == (other.a, other.b)

    def __repr__(self):
        return f"Slotted({self.a}, {self.b!r})"


class WithNewArgs:
    def __new__(cls, a, *, k=0):
        self = super().__new__(cls)
        self.a, self.k = a, k
        return self

    def __getnewargs_ex__(self):
        return ((self.a,), {"k": self.k})

    def __eq__(self, other):
        return type(other) is WithNewArgs and (self.a, self.k) == (other.a, other.k)

    def __repr__(self):
        return f"WithNewArgs({self.a}, k={self.k})"


class Outer:
    class Inner:
        pass


class MyList(list):
    pass


class MyDict(dict):
    pass


class Setter:
    def __init__(self):
        self.v = 0

    def __reduce__(self):
        return (Setter, (), {"v": 5}, None, None, set_v)

    def __eq__(self, other):
        return type(other) is Setter and self.v == other.v

    def __repr__(self):
        return f"Setter(v={self.v})"


def set_v(obj, state):
    obj.v = state["v"] * 2


shared = [1, 2]
values = [
    None, True, False, 0, 1, -1, 255, 256, 65535, 65536, 2**31 - 1, 2**31, -2**31, -2**31 - 1, 2**64, -2**64, -128,
    -129, -256, 2**100, -(2**100), 10**300, 1.5, -0.0, float("inf"), 1e-310, "", "abc", "é€😀", "a\\b\n\r\x00\x1a",
    "\udc80", b"", b"abc", b"\x00\xff", bytearray(b"xy"), bytearray(), (), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4), [],
    [1, "a"], {}, {"a": 1, 2: [3]}, set(), {1, 2, 3}, frozenset(), frozenset({"x"}), [shared, shared, (shared,)],
    Point(1, 2), Slotted(), WithNewArgs(3, k=4), Outer.Inner, Point, MyList([1, 2]), MyDict(a=1), Setter(),
    collections.OrderedDict(a=1, b=2), collections.deque([1, 2]), complex(1, 2), range(3), slice(1, 2, 3),
    type(None), type(...), type(NotImplemented), Ellipsis, NotImplemented, list(range(1001)), {i: i for i in range(1000)},
    set(range(1000)), frozenset(range(5)),
]

for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    print("protocol", proto)
    for v in values:
        data = _pickle.dumps(v, proto)
        back = _pickle.loads(data)
        same = back == v or (v != v) or back is v
        text = repr(data) if len(data) < 120 else f"{len(data)} bytes {data[:40]!r}...{data[-20:]!r}"
        print(" ", repr(v)[:50], same, text)

print("recursive structures")
for proto in range(6):
    lst = [1]
    lst.append(lst)
    d = {}
    d["self"] = d
    t = ([],)
    t[0].append(t)
    back = _pickle.loads(_pickle.dumps((lst, d, t), proto))
    print(" ", proto, back[0][1] is back[0], back[1]["self"] is back[1], back[2][0][0] is back[2])

print("big data and framing")


class Writes:
    def __init__(self):
        self.sizes = []

    def write(self, b):
        self.sizes.append(len(b))


big = ["x" * 70000, b"y" * 70000, list(range(20000)), {"k": "z" * 100000}]
for proto in range(6):
    w = Writes()
    _pickle.Pickler(w, proto).dump(big)
    data = _pickle.dumps(big, proto)
    print(" ", proto, w.sizes, len(data), _pickle.loads(data) == big)
    f = io.BytesIO()
    _pickle.dump(big, f, proto)
    f.seek(0)
    print("  load from file", _pickle.load(f) == big, f.tell() == len(data))

print("several pickles in one file")
f = io.BytesIO()
for proto in range(6):
    _pickle.dump([proto, "x" * proto], f, proto)
f.seek(0)
u = _pickle.Unpickler(f)
print(" ", [u.load() for _ in range(6)])
try:
    u.load()
except EOFError as e:
    show_error(e)

print("Pickler options")
f = io.BytesIO()
p = _pickle.Pickler(f, 2)
print(" ", p.bin, p.fast)
p.dump(shared)
p.dump(shared)
print(" ", f.getvalue())
print(" ", sorted(v[0] for v in p.memo.copy().values()))
p.clear_memo()
print(" ", len(p.memo.copy()))
p.fast = 1
p.dump([shared, shared])
print(" ", f.getvalue()[-20:])
print(" ", _pickle.dumps(1, protocol=-1)[:2], _pickle.dumps(1, None)[:2])
print(" ", _pickle.dumps(b"ab", 2, fix_imports=False), _pickle.dumps(b"ab", 2))

print("persistent ids")


class PersPickler(_pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, Point):
            return ("point", obj.x)
        return None


class PersUnpickler(_pickle.Unpickler):
    def persistent_load(self, pid):
        return f"loaded {pid!r}"


for proto in range(6):
    f = io.BytesIO()
    PersPickler(f, proto).dump([Point(7, 8), 1])
    print(" ", proto, f.getvalue())
    f.seek(0)
    print("   ", PersUnpickler(f).load())
try:
    _pickle.loads(b"P1\n.")
except _pickle.UnpicklingError as e:
    show_error(e)

print("dispatch tables and reducer_override")
f = io.BytesIO()
p = _pickle.Pickler(f, 2)
p.dispatch_table = {Point: lambda pt: (complex, (pt.x, pt.y))}
p.dump(Point(3, 4))
print(" ", _pickle.loads(f.getvalue()))


class Overrider(_pickle.Pickler):
    def reducer_override(self, obj):
        if obj is Point:
            return (str, ("Point class",))
        if isinstance(obj, Point):
            return (tuple, ((obj.x, obj.y),))
        return NotImplemented


for proto in (0, 4):
    f = io.BytesIO()
    Overrider(f, proto).dump([Point, Point(5, 6), 7])
    print(" ", _pickle.loads(f.getvalue()))

print("copyreg extensions")
copyreg.add_extension(__name__, "Point", 240)
try:
    for proto in (1, 2, 4):
        data = _pickle.dumps(Point, proto)
        print(" ", proto, data, _pickle.loads(data) is Point)
finally:
    copyreg.remove_extension(__name__, "Point", 240)

print("out-of-band buffers")
for proto in (4, 5):
    buf = _pickle.PickleBuffer(bytearray(b"abcdef"))
    try:
        print(" ", _pickle.dumps(buf, proto))
    except _pickle.PicklingError as e:
        show_error(e)
buffers = []
data = _pickle.dumps([_pickle.PickleBuffer(b"ro"), _pickle.PickleBuffer(bytearray(b"rw"))], 5,
                     buffer_callback=buffers.append)
print(" ", data, len(buffers))
back = _pickle.loads(data, buffers=buffers)
print(" ", [bytes(b) for b in back], [type(b).__name__ for b in back], memoryview(back[0]).readonly)
try:
    _pickle.loads(data)
except _pickle.UnpicklingError as e:
    show_error(e)
try:
    _pickle.loads(data, buffers=[])
except _pickle.UnpicklingError as e:
    show_error(e)
pb = _pickle.PickleBuffer(b"hello")
with pb.raw() as m:
    print(" ", m.format, m.shape, m.tobytes(), m.readonly)
print(" ", bytes(memoryview(pb)))
pb.release()
try:
    pb.raw()
except ValueError as e:
    show_error(e)
try:
    _pickle.PickleBuffer(memoryview(b"abcdef")[::2]).raw()
except BufferError as e:
    show_error(e)

print("memo proxies")
u = _pickle.Unpickler(io.BytesIO(_pickle.dumps(["a", "b"], 2)))
u.load()
print(" ", u.memo.copy())
u2 = _pickle.Unpickler(io.BytesIO())
u2.memo = u.memo
print(" ", u2.memo.copy() == u.memo.copy())
u.memo.clear()
print(" ", u.memo.copy())
for bad in (1, {-1: 2}, {"x": 1}):
    try:
        u.memo = bad
    except (TypeError, ValueError) as e:
        show_error(e)

print("pickling errors")


class BadReduce:
    def __init__(self, rv):
        self.rv = rv

    def __reduce__(self):
        return self.rv


def local_function():
    def inner():
        pass
    return inner


errors = [
    lambda: _pickle.dumps(BadReduce(1)),
    lambda: _pickle.dumps(BadReduce((1,))),
    lambda: _pickle.dumps(BadReduce((1, ()))),
    lambda: _pickle.dumps(BadReduce((list, [1]))),
    lambda: _pickle.dumps(BadReduce((list, (), None, 5))),
    lambda: _pickle.dumps(BadReduce((list, (), None, None, 5))),
    lambda: _pickle.dumps(BadReduce((list, (), None, None, None, 5))),
    lambda: _pickle.dumps(BadReduce((copyreg.__newobj__, ())), 2),
    lambda: _pickle.dumps(BadReduce((copyreg.__newobj__, (1,))), 2),
    lambda: _pickle.dumps(BadReduce((copyreg.__newobj__, (int,))), 2),
    lambda: _pickle.dumps(BadReduce((copyreg.__newobj_ex__, (int, ()))), 4),
    lambda: _pickle.dumps(BadReduce((copyreg.__newobj_ex__, (int, [], {}))), 4),
    lambda: _pickle.dumps(BadReduce("no_such_global")),
    lambda: _pickle.dumps(lambda: 0),
    lambda: _pickle.dumps(local_function()),
    lambda: _pickle.dumps(_pickle.PickleBuffer(b"x"), 4),
    lambda: _pickle.dumps(1, 6),
    lambda: _pickle.dumps(1, 4, buffer_callback=print),
    lambda: _pickle.Pickler(42),
    lambda: _pickle.Unpickler(42),
    lambda: _pickle.Pickler.__new__(_pickle.Pickler).dump(1),
    lambda: _pickle.Unpickler.__new__(_pickle.Unpickler).load(),
    lambda: _pickle.loads("text"),
    lambda: _pickle.dumps(Outer.Inner, 2, fix_imports=True),
]
for fn in errors:
    try:
        print(" ok", fn())
    except Exception as e:
        show_error(e)

print("corrupt input")
corrupt = [b"", b"\x00", b"\xff", b"z", b"\x80", b"\x80\x06", b"(", b"(.", b".", b"0", b"a", b"K", b"I12", b"I12\n",
           b"\x80\x05\x95", b"\x95\x01\x00\x00\x00\x00\x00\x00\x00", b"S'abc\n.", b"h\x01", b"g5\n.", b"N(t.", b"](a.",
           b"Nt.", b"(N1.", b"}(N.", b"c\n\n.", b"cbuiltins\nfoo\n.", b"K\x01K\x02\x93.", b"N\x94h\x00.", b"\x82\x00.",
           b"\x8a\x05\x01", b"\x8b\xff\xff\xff\xff", b"F1.5x\n.", b"Fx\n.", b"L12L\n.", b"I0x1f\n.", b"I01\n.", b"\x97.",
           b"N\x98.", b"p-1\nN.", b"Np-1\n.", b"\x8c\x08builtins\x8c\x03def\x93.", b"}K\x01u.", b"(K\x01d.", b"]K\x01e.",
           b"N)\x81.", b"cbuiltins\nint\nN\x81.", b"cbuiltins\nint\n)}\x92.", b"\x8e\xff\xff\xff\xff\xff\xff\xff\xff",
           b"T\xff\xff\xff\xff", b"X\x05\x00\x00\x00ab", b"\x84\x00\x00\x00\x80.", b"\x83\xff\xff.", b"Na.", b"N(Ns.",
           b"\x8c\x01a\x8c\x01b(\x90."]
for data in corrupt:
    try:
        print(" ", data, "->", repr(_pickle.loads(data))[:60])
    except Exception as e:
        print(" ", data, end=" ")
        show_error(e)
