# Corpus: __reduce__, __setstate__ and __length_hint__ of the built-in iterators; pickling and copying them.
import builtins
import collections
import copy
import operator
import pickle


def show(x):
    # A __reduce__ value without addresses: callables and iterators by name, everything else by repr.
    if isinstance(x, tuple):
        return "(" + ", ".join(show(i) for i in x) + ("," if len(x) == 1 else "") + ")"
    if isinstance(x, list):
        return "[" + ", ".join(show(i) for i in x) + "]"
    if isinstance(x, type):
        return "type:" + x.__qualname__
    name = type(x).__name__
    if name == "builtin_function_or_method":
        return "builtin:" + x.__name__
    if name == "function":
        return "function:" + x.__name__
    if name.endswith("iterator") or isinstance(x, (enumerate, zip, map, filter, reversed)):
        return "<" + name + ">"
    return repr(x)


def attempt(f):
    try:
        return f()
    except Exception as e:
        return "%s: %s" % (type(e).__name__, e)


class Seq:
    # Only __getitem__: iter() gives the generic "iterator".
    def __getitem__(self, i):
        if i < 4:
            return i * 10
        raise IndexError(i)

    def __repr__(self):
        return "Seq()"


class Sized:
    # __len__ and __getitem__: reversed() gives the generic "reversed".
    def __init__(self, n=4):
        self.n = n

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        if 0 <= i < self.n:
            return chr(ord("a") + i)
        raise IndexError(i)

    def __repr__(self):
        return "Sized(%d)" % self.n


class Counter:
    # A picklable callable for iter(callable, sentinel): pickled copies count on their own, copy.copy shares it.
    def __init__(self):
        self.n = 0

    def __call__(self):
        self.n += 1
        return min(self.n, 5)

    def __repr__(self):
        return "Counter(%d)" % self.n


def roundtrip(label, make, advance=1, picklable=True):
    it = make()
    for _ in range(advance):
        next(it)
    print(label, type(it).__name__, show(attempt(it.__reduce__)), "hint", operator.length_hint(it, -7))
    if picklable:
        results = set()
        for proto in range(pickle.HIGHEST_PROTOCOL + 1):
            it2 = pickle.loads(pickle.dumps(it, proto))
            results.add((type(it2).__name__, repr(list(it2))))
        print("  pickled", sorted(results))
    it3 = copy.copy(it)
    print("  copied", type(it3).__name__, list(it3))
    print("  original", list(it))
    print("  exhausted", show(it.__reduce__()), "hint", operator.length_hint(it, -7))
    for proto in (0, 2, 5) if picklable else ():
        it4 = pickle.loads(pickle.dumps(it, proto))
        print("  exhausted pickled", proto, type(it4).__name__, list(it4))


print("== sequences ==")
roundtrip("list", lambda: iter([1, 2, 3, 4]))
roundtrip("list0", lambda: iter([1, 2, 3, 4]), 0)
roundtrip("list-reversed", lambda: reversed([1, 2, 3, 4]))
roundtrip("tuple", lambda: iter((1, 2, 3, 4)), 2)
roundtrip("seq-iterator", lambda: iter(Seq()))
roundtrip("str-ascii", lambda: iter("abcd"))
roundtrip("str", lambda: iter("aé€😀"))
roundtrip("bytes", lambda: iter(b"abcd"))
roundtrip("bytearray", lambda: iter(bytearray(b"abcd")), 3)
roundtrip("reversed", lambda: reversed(Sized()))
roundtrip("range", lambda: iter(range(1, 20, 3)))
roundtrip("range-neg", lambda: iter(range(10, -10, -4)), 2)
roundtrip("range-reversed", lambda: reversed(range(5)))
roundtrip("longrange", lambda: iter(range(2**70, 2**70 + 10, 3)))
roundtrip("longrange-reversed", lambda: reversed(range(-(2**65), -(2**65) + 5)), 2)
roundtrip("set", lambda: iter({1, 2, 3, 4}))
roundtrip("frozenset", lambda: iter(frozenset({5, 6, 7})))
d = {1: "a", 2: "b", 3: "c", 4: "d"}
roundtrip("dict", lambda: iter(d))
roundtrip("dict-keys", lambda: iter(d.keys()), 2)
roundtrip("dict-values", lambda: iter(d.values()))
roundtrip("dict-items", lambda: iter(d.items()))
roundtrip("dict-reversed", lambda: reversed(d))
roundtrip("dict-reversed-values", lambda: reversed(d.values()))
roundtrip("dict-reversed-items", lambda: reversed(d.items()), 3)
dq = collections.deque([1, 2, 3, 4])
roundtrip("deque", lambda: iter(dq))
# CPython cannot pickle this one: its class is not reachable as collections._deque_reverse_iterator.
roundtrip("deque-reversed", lambda: reversed(dq), 2, picklable=False)
roundtrip("callable", lambda: iter(Counter(), 5))
roundtrip("callable-method", lambda: iter(collections.deque([1, 2, 0, 3, 0]).popleft, 0), picklable=False)
m = collections.deque([1, 2, 3]).popleft
print(show(m.__reduce__()), [pickle.loads(pickle.dumps(m, p))() for p in range(6)])

print("== iterator builtins ==")
roundtrip("enumerate", lambda: enumerate([5, 6, 7], 10))
roundtrip("enumerate-long", lambda: enumerate("xyz", 2**64))
roundtrip("zip", lambda: zip([1, 2, 3], "abc"))
roundtrip("map", lambda: map(str, [1, 2, 3]))
roundtrip("map2", lambda: map(operator.add, [1, 2, 3], [10, 20, 30]))
roundtrip("filter", lambda: filter(None, [0, 1, 0, 2, 3]))
roundtrip("filter-func", lambda: filter(str.isupper, "aBcDE"))

print("== zip strict ==")
z = zip([1, 2], [3], strict=True)
print(show(z.__reduce__()))
z2 = pickle.loads(pickle.dumps(z))
print(next(z2), attempt(lambda: next(z2)))
z3 = zip([1, 2], [3])
z3.__setstate__(True)
print(show(z3.__reduce__()), next(z3), attempt(lambda: next(z3)))
z4 = zip([1, 2], [3], strict=True)
z4.__setstate__(0)
print(show(z4.__reduce__()), list(z4))

print("== exhausted ==")
for label, make in [("list", lambda: iter([1, 2])), ("list-reversed", lambda: reversed([1, 2])),
                    ("tuple", lambda: iter((1, 2))), ("seq-iterator", lambda: iter(Seq())),
                    ("str", lambda: iter("ab")), ("bytes", lambda: iter(b"ab")),
                    ("bytearray", lambda: iter(bytearray(b"ab"))), ("reversed", lambda: reversed(Sized(2))),
                    ("range", lambda: iter(range(2))), ("longrange", lambda: iter(range(2**64, 2**64 + 2))),
                    ("set", lambda: iter({1, 2})), ("dict", lambda: iter({1: 2})),
                    ("dict-items", lambda: iter({1: 2}.items())), ("callable", lambda: iter([1, 2, 0].pop, 1)),
                    ("generic-alias", lambda: iter(tuple[int]))]:
    it = make()
    list(it)
    print(label, show(it.__reduce__()), operator.length_hint(it, -7))

# Consumed to the end, but next() not yet told so: tuple, str and bytes still report their sequence.
for make in (lambda: iter((1, 2)), lambda: iter("ab"), lambda: iter(b"ab"), lambda: iter([1, 2]),
             lambda: reversed([1, 2]), lambda: reversed(Sized(2)), lambda: iter(Seq())):
    it = make()
    next(it)
    next(it)
    print(type(it).__name__, show(it.__reduce__()))
print(show(iter({}).__reduce__()), show(iter(()).__reduce__()), show(iter("").__reduce__()))

print("== __setstate__ ==")
makers = [("list", lambda: iter([1, 2, 3])), ("list-reversed", lambda: reversed([1, 2, 3])),
          ("tuple", lambda: iter((1, 2, 3))), ("seq-iterator", lambda: iter(Seq())),
          ("str", lambda: iter("abc")), ("str-wide", lambda: iter("aé€")), ("bytes", lambda: iter(b"abc")),
          ("bytearray", lambda: iter(bytearray(b"abc"))), ("reversed", lambda: reversed(Sized(3))),
          ("range", lambda: iter(range(3))), ("range-step", lambda: iter(range(10, 0, -3))),
          ("longrange", lambda: iter(range(2**64, 2**64 + 3)))]
for label, make in makers:
    rows = []
    for state in (-5, -2, -1, 0, 1, 2, 3, 4, 99, True):
        it = make()
        next(it)
        it.__setstate__(state)
        before = show(it.__reduce__())
        hint = operator.length_hint(it, -7)
        rest = list(it)
        rows.append("%r: %s %s %s" % (state, before, hint, rest))
    print(label)
    for row in rows:
        print("  " + row)
    it = make()
    list(it)
    it.__setstate__(1)
    print("  exhausted then 1:", show(it.__reduce__()), list(it))
    it = make()
    it.__setstate__(-1)
    it.__setstate__(1)
    print("  -1 then 1:", show(it.__reduce__()), list(it))
    it = make()
    it.__setstate__(-1)
    list(it)
    it.__setstate__(1)
    print("  -1, drained, then 1:", show(it.__reduce__()), list(it))
    for bad in ("x", 2.0, 2**70, -(2**70)):
        it = make()
        print("  %r ->" % (bad,), attempt(lambda: (it.__setstate__(bad), show(it.__reduce__()), list(it))))

print("== list iterator and a changing list ==")
lst = [1, 2, 3]
it = iter(lst)
next(it)
lst.clear()
print(show(it.__reduce__()), operator.length_hint(it))
print(list(it), show(it.__reduce__()))
lst.extend([7, 8, 9])
print(list(it))
lst = [1, 2, 3]
it = reversed(lst)
lst.pop()
print(show(it.__reduce__()), operator.length_hint(it))
print(list(it), show(it.__reduce__()))
lst.extend([7, 8, 9])
it.__setstate__(1)
print(show(it.__reduce__()), list(it))

print("== set and dict changed during iteration ==")
s = {1, 2, 3}
it = iter(s)
next(it)
s.add(10)
print(attempt(it.__reduce__))
print(attempt(lambda: next(it)))
dd = {1: 1, 2: 2}
it = iter(dd)
next(it)
dd[5] = 5
print(attempt(it.__reduce__))
dd = {1: 1, 2: 2}
it = iter(dd.items())
print(show(it.__reduce__()), show(it.__reduce__()), next(it))

print("== __reduce__ looks builtins up first ==")
# A builtins key that compares equal to "iter" and drains the iterator while the lookup runs (CPython gh-101765).
orig = {"iter": iter, "reversed": reversed}


def run(name, it):
    class Key:
        def __hash__(self):
            return hash(name)

        def __eq__(self, other):
            list(it)
            return other == name

    del builtins.__dict__[name]
    builtins.__dict__[Key()] = orig[name]
    try:
        return it.__reduce__()
    finally:
        del builtins.__dict__[name]
        builtins.__dict__[name] = orig[name]


print(show(run("iter", iter("xyz"))))
print(show(run("iter", iter([1, 2, 3]))))
print(show(run("reversed", reversed(list(range(8))))))
for case in (iter(Seq()), iter(b"ab"), iter(bytearray(b"ab")), iter((1, 2)), iter([0, 1].pop, 0), iter(tuple[int])):
    print(type(case).__name__, show(run("iter", case)))
print(iter is orig["iter"], reversed is orig["reversed"])

print("== reduced values rebuild equal iterators ==")
for it in (iter([1, 2, 3]), iter((4, 5, 6)), iter("xyz"), iter(range(3, 9)), reversed([1, 2, 3]), reversed(Sized(3))):
    next(it)
    f, args, *state = it.__reduce__()
    new = f(*args)
    if state and state[0] is not None:
        new.__setstate__(state[0])
    print(type(new).__name__, list(new), list(it))

print("== methods present ==")
for it in (iter([]), reversed([]), iter(()), iter(Seq()), iter(int, 1), iter(""), iter("é"), iter(b""),
           iter(bytearray()), iter(range(1)), iter(range(2**64)), iter(set()), iter({}), iter({}.values()),
           iter({}.items()), reversed({}), reversed({}.values()), reversed({}.items()), reversed(Sized()),
           enumerate([]), zip(), map(len, []), filter(None, []), iter(collections.deque()),
           reversed(collections.deque()), iter(tuple[int])):
    names = [m for m in ("__length_hint__", "__reduce__", "__setstate__") if m in type(it).__dict__]
    print(type(it).__name__, names)
