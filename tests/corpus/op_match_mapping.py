# Corpus: match mapping patterns: key lookup via get, **rest, value keys, custom mappings, non-mappings.
KEY = "dyn"


class K:
    A = "a"


def m(v):
    match v:
        case {}  if not v:
            return "empty mapping"
        case {"type": "point", "x": x, "y": y}:
            return f"point {x},{y}"
        case {"type": "user", "name": str(name), **rest}:
            return f"user {name} extra={sorted(rest.items())}"
        case {K.A: 1, 2: two}:
            return f"value key a, two={two}"
        case {None: n, True: t}:
            return f"none={n} true={t}"
        case {"nested": {"inner": [*items]}}:
            return f"nested items {items}"
        case {"type": _, **rest} if len(rest) > 1:
            return f"other type, {len(rest)} more keys"
        case {**everything}:
            return f"any mapping, keys={sorted(map(str, everything))}"
        case _:
            return "not a mapping"


values = [{}, {"type": "point", "x": 1, "y": 2, "z": 3}, {"type": "user", "name": "ann", "age": 5, "id": 9},
          {"type": "user", "name": 5}, {"a": 1, 2: "b"}, {"a": 2, 2: "b"}, {None: 0, 1: "one"},
          {"nested": {"inner": (1, 2)}}, {"nested": {"inner": "str"}}, {"type": 0, "p": 1, "q": 2},
          {"type": 0}, [("type", "point")], "mapping?", 5]
for v in values:
    print(v, "->", m(v))


class Lookup(dict):
    def __missing__(self, key):
        return f"missing {key}"


print(m(Lookup(type="point", x=0)))


class Counting(dict):
    calls = []

    def get(self, key, default=None):
        Counting.calls.append(key)
        return super().get(key, default)

    def __getitem__(self, key):
        Counting.calls.append(("getitem", key))
        return super().__getitem__(key)


def uses_get(v):
    match v:
        case {"a": 1, "b": b}:
            return b
    return None


print(uses_get(Counting(a=1, b=2)), Counting.calls)


class ItemsView:
    """A Mapping-like object that is not a dict subclass is not matched (no collections.abc here)."""

    def keys(self):
        return ["a"]

    def __getitem__(self, k):
        return 1


print(uses_get(ItemsView()))


def rest_is_copy(v):
    match v:
        case {"k": _, **rest}:
            rest["added"] = True
            return rest


orig = {"k": 1, "other": 2}
print(rest_is_copy(orig), orig)

mp = type(type.__dict__)
print(m(mp({"type": "point", "x": "mx", "y": "my"})))


def dyn(v):
    match v:
        case {"dyn": value}:
            return value
    return "no dyn"


print(dyn({KEY: "found"}), dyn({}))
