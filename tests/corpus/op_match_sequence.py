# Corpus: match sequence patterns: fixed length, star captures, nesting, which types count as sequences.
def seq(v):
    match v:
        case []:
            return "empty"
        case [x]:
            return f"one {x!r}"
        case [x, y] if x == y:
            return f"pair of equal {x!r}"
        case (x, y):
            return f"pair {x!r} {y!r}"
        case [first, *middle, last] if len(middle) > 2:
            return f"long first={first!r} middle={middle} last={last!r}"
        case [*init, "end"]:
            return f"ends with end, init={init}"
        case ["start", *_]:
            return "starts with start"
        case [a, b, *rest]:
            return f"a={a!r} b={b!r} rest={rest!r}"


values = [[], (), [1], (2,), [3, 3], (4, 5), [1, 2, 3, 4, 5], ["x", "end"], ["a", "b", "end"],
          ["start", 1, 2], [7, 8, 9], range(2), range(6), "ab", b"ab", bytearray(b"ab"),
          {1: 2}, {1, 2}, iter([1, 2]), memoryview(b"xyz")]
for v in values:
    r = seq(v)
    print(type(v).__name__, "->", r)


def nested(v):
    match v:
        case [[x, y], [z, *w]]:
            return f"x={x} y={y} z={z} w={w}"
        case [(1 | 2) as n, [*inner]]:
            return f"n={n} inner={inner}"
        case [[*_], *_, [*last]]:
            return f"last sublist {last}"
        case _:
            return "other"


for v in [[[1, 2], [3]], [[1, 2], [3, 4, 5]], [2, (9, 8)], [[0], 1, 2, [5, 6]], [[1], 2]]:
    print(v, "->", nested(v))


def star_types(v):
    match v:
        case [*all_items]:
            return type(all_items).__name__, all_items


print(star_types((1, 2, 3)), star_types(range(3)), star_types([]))


class MySeq:
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        if i < 0:
            i += self.n
        if not 0 <= i < self.n:
            raise IndexError(i)
        return i * 100


def custom(v):
    match v:
        case [a, b]:
            return ("two", a, b)
        case _:
            return "not a sequence match"


print(custom(MySeq(2)))


class RegisteredLike(list):
    pass


print(custom(RegisteredLike([1, 2])), custom(tuple("xy")))


def deep(v):
    match v:
        case [1, [2, [3, [4, *rest]]]]:
            return f"deep rest {rest}"
        case [_, _, _] | [_, _]:
            return "two or three"
    return "no"


print(deep([1, [2, [3, [4, 5, 6]]]]), deep([1, 2]), deep([1, 2, 3]), deep([1]))
print(seq([1, 2, 3]), seq(["p", "q", "r", "s", "t"]))
