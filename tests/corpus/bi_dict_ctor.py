# Corpus: dict() construction: mappings, pair iterables, keywords, keys()-protocol objects, fromkeys, errors.
print(dict(), dict(a=1, b=2), dict([("x", 1), ("y", 2)]), dict({"k": "v"}, extra=3))
print(dict([(1, 2), (1, 3)]), dict(zip("abc", range(3))), dict([["l", "ist"], "xy", b"pq"]))
print(dict({"a": 1}, a=2), dict(((i, i * i) for i in range(4))), dict(dict(a=1)))


class KeysOnly:
    def keys(self):
        return iter(["k1", "k2"])

    def __getitem__(self, key):
        return key * 2


print(dict(KeysOnly()), dict(KeysOnly(), k1="override"))


class OrderedPairs:
    def __iter__(self):
        yield ("first", 1)
        yield ("second", 2)


print(dict(OrderedPairs()))
for bad in [[1, 2], [(1, 2, 3)], [(1,)], 5, "ab", [["a"]], None, [{1, 2, 3}]]:
    try:
        dict(bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    dict({}, {})
except TypeError as e:
    print(type(e).__name__, e)
try:
    dict([([], 1)])
except TypeError as e:
    print(type(e).__name__, e)
try:
    dict(**{1: 2})
except TypeError as e:
    print(type(e).__name__, e)
print(dict.fromkeys("abc"), dict.fromkeys([1, 2], 0), dict.fromkeys(range(3), []))
shared = dict.fromkeys(["p", "q"], [])
shared["p"].append(1)
print(shared)


class MyDict(dict):
    def __missing__(self, key):
        return f"missing:{key}"


md = MyDict.fromkeys(["z"], 9)
print(type(md).__name__, md, md["nope"], md.get("nope"), "nope" in md)
d = dict(a=1)
d2 = dict(d)
d2["b"] = 2
print(d, d2, d == dict(a=1), d is not d2, dict(a=1) == {"a": 1.0})
print(dict(a=1) | dict(b=2), dict(a=1) | dict(a=3), {**dict(x=1), **dict(y=2)})
d3 = dict(a=1)
d3 |= [("c", 3)]
print(d3)
try:
    dict(a=1) | [("c", 3)]
except TypeError as e:
    print(type(e).__name__, e)
try:
    {}[[1]]
except TypeError as e:
    print(type(e).__name__, e)
try:
    {}["absent"]
except KeyError as e:
    print(type(e).__name__, e)
print(len(dict.fromkeys(range(1000))), list(dict.fromkeys([3, 1, 3, 2, 1])))
print(dict(sorted({"b": 2, "a": 1}.items())), sorted(dict(c=3, a=1, b=2)))
big = {i: str(i) for i in range(20)}
for i in range(0, 20, 3):
    del big[i]
big[0] = "re-added"
print(list(big)[:5], list(big)[-2:], len(big))
print(dict(zip(range(3), "xyz")).items(), dict(x=1).keys(), dict(x=1).values())
print(repr(dict(nested={"a": [1, {"b": ()}]})), dict({1: "int", 1.0: "float", True: "bool"}))


class BadHash:
    def __hash__(self):
        raise RuntimeError("unhashable by choice")


try:
    dict([(BadHash(), 1)])
except RuntimeError as e:
    print(type(e).__name__, e)
print(dict.__name__, type(dict.fromkeys).__name__, isinstance(MyDict(), dict))
