# Corpus: filter() and map(): None predicate, multiple iterables, laziness, strict map, errors.
print(list(filter(None, [0, 1, "", "a", None, [], [0], False, 2.5])))
print(list(filter(lambda x: x % 3 == 0, range(10))), list(filter(str.isupper, "aBcDeF")))
print(list(filter(bool, ())), list(filter(len, ["", "x", "", "yz"])))
f = filter(None, iter([1, 0, 2]))
print(type(f).__name__, iter(f) is f, next(f), next(f))
try:
    next(f)
except StopIteration:
    print("filter exhausted")
print(list(map(abs, [-1, 2, -3])), list(map(pow, [2, 3], [5, 2])), list(map(pow, [2, 3, 4], [2, 2, 2], [3, 5, 7])))
print(list(map(lambda a, b: a + b, "abc", "xy")), list(map(str.upper, ["q", "r"])))
print(list(map(len, [])), list(map(lambda *a: a, "ab", range(5), [None] * 9)))
print(list(map(int, ["1", "2"])), list(map(float, ("1.5",))))
try:
    list(map(lambda a, b: a, "abc", "ab", strict=True))
    print("map accepted strict")
except (TypeError, ValueError) as e:
    print(type(e).__name__, e)
m = map(str, range(3))
print(type(m).__name__, next(m), list(m), list(m))
calls = []


def tracked(x):
    calls.append(x)
    return x * 10


lazy = map(tracked, range(5))
print(calls)
print(next(lazy), next(lazy), calls)
lazy_filter = filter(lambda v: calls.append(("f", v)) or v > 1, range(4))
print(calls[-1])
print(list(lazy_filter), calls[-4:])
for bad in [(None, 5), (len,), (1, [1])]:
    try:
        list(map(*bad))
    except TypeError as e:
        print("map", type(e).__name__, e)
for bad in [(None,), (None, 5), (1, [1]), (len, [1, 2], [3])]:
    try:
        list(filter(*bad))
    except TypeError as e:
        print("filter", type(e).__name__, e)
try:
    map()
except TypeError as e:
    print(type(e).__name__, e)
try:
    filter(None, [], key=1)
except TypeError as e:
    print(type(e).__name__, e)


def boom(x):
    if x == 2:
        raise ValueError(f"bad item {x}")
    return x


try:
    list(map(boom, range(5)))
except ValueError as e:
    print(type(e).__name__, e)
try:
    list(filter(boom, range(5)))
except ValueError as e:
    print(type(e).__name__, e)


class Truthiness:
    def __init__(self, v):
        self.v = v

    def __bool__(self):
        return self.v > 0

    def __repr__(self):
        return f"T({self.v})"


print(list(filter(None, map(Truthiness, [-1, 3, 0, 5]))))
nested = map(lambda row: list(filter(None, row)), [[0, 1], [None, 2, 3], []])
print(list(nested))
print(sum(map(int, "12345")), max(map(len, ["a", "abc", "ab"])), "".join(map(chr, [72, 105])))
print(list(map(dict.get, [{"a": 1}, {"b": 2}], ["a", "a"])), list(map(divmod, [7, 9], [2, 4])))
it = iter([1, 2, 3, 4])
print(list(map(lambda a, b: (a, b), it, it)))
print(sorted(filter(lambda kv: kv[1] > 1, {"x": 1, "y": 2, "z": 3}.items())))
