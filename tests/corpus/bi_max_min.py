# Corpus: max()/min(): iterables vs positional args, key, default, ties, mixed types, and error messages.
print(max([3, 1, 4, 1, 5]), min([3, 1, 4, 1, 5]), max(3, 9, 2), min(3, 9, 2), max("hello"), min("hello"))
print(max([], default="empty"), min((), default=None), max([7], default=0), min(iter([2, 1]), default=9))
words = ["banana", "Apple", "cherry", "date", "fig"]
print(max(words), min(words), max(words, key=len), min(words, key=len), min(words, key=str.lower))
print(max(words, key=lambda w: w[-1]), min("b", "a", "C", key=str.upper), max(1, 2.5, True, -3))
pairs = [(1, "b"), (1, "a"), (0, "z"), (1, "c")]
print(max(pairs), min(pairs), max(pairs, key=lambda p: p[0]), min(pairs, key=lambda p: p[0]))
print(max([-1, 1], key=abs), min([-1, 1], key=abs), max([2, -2, 1], key=abs), min([0.0, -0.0]))
print(max({5: "a", 9: "b"}), min({3, 1, 2}), max(range(10**6)), min(range(5, 10, 2)), max(b"azq"))
print(max([[1, 2], [1, 3], [0, 9]]), min("zz", "za", "zza"), max(float("-inf"), -10**400))
print(max([1, float("nan")]), max([float("nan"), 1]), min(2, 1))
for args, kwargs in [(([],), {}), ((), {}), ((5,), {}), ((1, 2), {"default": 0}), (([1, "a"],), {}),
                     ((1, "a"), {}), (([1, 2],), {"key": 5}), (([1],), {"bogus": 1}), ((None, None), {}),
                     (([3, 4],), {"key": None}), ((iter([]),), {})]:
    for fn in (max, min):
        try:
            print(fn.__name__, fn(*args, **kwargs))
        except (ValueError, TypeError) as e:
            print(fn.__name__, type(e).__name__, e)


class Score:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        return self.v < other.v

    def __repr__(self):
        return f"Score({self.v})"


print(max([Score(2), Score(7), Score(3)]), min(Score(2), Score(7)))


class OnlyGt:
    def __init__(self, v):
        self.v = v

    def __gt__(self, other):
        return self.v > other.v

    def __repr__(self):
        return f"OnlyGt({self.v})"


print(max([OnlyGt(1), OnlyGt(4)]), min([OnlyGt(1), OnlyGt(4)]))
calls = []


def key(v):
    calls.append(v)
    return -v


print(max([1, 2, 3], key=key), calls)


def gen():
    yield 4
    yield 8
    raise RuntimeError("generator broke")


try:
    max(gen())
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    max([1, 2], key=lambda v: 1 / (v - 2))
except ZeroDivisionError as e:
    print(type(e).__name__, e)
print(max("a", "b", key=None), min([3, 1, 2], default=0, key=lambda v: v % 3))
print(max(x * x for x in range(-5, 3)), min((len(w), w) for w in words))
