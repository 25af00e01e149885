# Corpus: StopIteration.value in all its sources, and KeyError's str() of different key types.
def gen_return(v):
    yield "x"
    return v


for v in [None, 0, "done", (1, 2), [3], StopIteration("nested")]:
    g = gen_return(v)
    next(g)
    try:
        next(g)
    except StopIteration as e:
        print(repr(e.value), e.args, repr(e))
for args in [(), (1,), (1, 2), (None,)]:
    s = StopIteration(*args)
    print(args, repr(s.value), str(s))
s = StopIteration("v")
s.value = "changed"
print(s.value, s.args)
it = iter([])
try:
    next(it)
except StopIteration as e:
    print("builtin iterator:", e.value, e.args)


class CustomIter:
    def __iter__(self):
        return self

    def __next__(self):
        raise StopIteration("custom payload")


def delegate():
    result = yield from CustomIter()
    return f"delegate saw {result!r}"


g = delegate()
try:
    next(g)
except StopIteration as e:
    print(e.value)


def leaking():
    yield 1
    next(iter([]))


try:
    list(leaking())
except RuntimeError as e:
    print(type(e).__name__, e, type(e.__cause__).__name__, e.__suppress_context__)
print(list(x for x in CustomIter()), list(zip(CustomIter(), "ab")))
for key in ["k", "", 1, 0, None, (1, 2), (), ("single",), 1.5, frozenset(), "multi word", "quote'd"]:
    e = KeyError(key)
    print(repr(key), "-> str:", str(e), "| repr:", repr(e))
print(str(KeyError()), repr(KeyError()), str(KeyError("a", "b")), repr(KeyError("a", "b")))
try:
    {}[(1, 2)]
except KeyError as e:
    print("tuple key:", e, e.args)
try:
    {"a": 1}["b"]
except KeyError as e:
    print("str key:", e, e.args[0])
try:
    set().remove(frozenset([1]))
except KeyError as e:
    print("set remove:", e)
try:
    {}.pop("p")
except KeyError as e:
    print("pop:", e)
try:
    {}.popitem()
except KeyError as e:
    print("popitem:", e, e.args)


class DictSub(dict):
    def __missing__(self, key):
        raise KeyError(f"custom missing {key}")


try:
    DictSub()["x"]
except KeyError as e:
    print("missing:", e)


class OddKey:
    def __repr__(self):
        return "OddKey<>"

    def __hash__(self):
        return 1


try:
    {}[OddKey()]
except KeyError as e:
    print("object key:", e)
print(str(IndexError("i")), str(LookupError(("t",))), str(KeyError(KeyError("inner"))))
