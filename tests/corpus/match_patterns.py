# Corpus: structural pattern matching: literals, captures, sequences, mappings, classes, guards, or-patterns.
class Point:
    __match_args__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


class Circle:
    def __init__(self, center, r):
        self.center = center
        self.r = r


def describe(v):
    match v:
        case 0 | 0.0:
            return "zero"
        case True:
            return "true"
        case None:
            return "none"
        case int(n) if n < 0:
            return f"negative int {n}"
        case int() | float() as num:
            return f"number {num}"
        case str() as s if len(s) > 3:
            return f"long string {s!r}"
        case str(s):
            return f"short string {s!r}"
        case []:
            return "empty sequence"
        case [x]:
            return f"one item {x}"
        case [x, y]:
            return f"pair {x}, {y}"
        case [first, *rest]:
            return f"first {first}, rest {rest}"
        case {"kind": "circle", "r": r}:
            return f"circle dict r={r}"
        case {"kind": k, **others}:
            return f"kind {k} with {sorted(others)}"
        case {}:
            return "some mapping"
        case Point(0, 0):
            return "origin"
        case Point(x, 0) | Point(0, x):
            return f"on an axis at {x}"
        case Point(x=px, y=py) if px == py:
            return f"diagonal {px}"
        case Point(px, py):
            return f"point {px},{py}"
        case Circle(center=Point(x, y), r=r):
            return f"circle at {x},{y} r={r}"
        case _:
            return "something else"


values = [0, 0.0, True, None, -4, 7, 2.5, "hi", "hello", [], [1], (1, 2), [1, 2, 3, 4], range(3),
          {"kind": "circle", "r": 2}, {"kind": "box", "w": 1, "h": 2}, {"a": 1}, {},
          Point(0, 0), Point(3, 0), Point(0, 5), Point(2, 2), Point(1, 9), Circle(Point(1, 2), 3), object(),
          b"bytes", bytearray(b"ab")]
for v in values:
    print(describe(v))


def command(cmd):
    match cmd.split():
        case ["go", ("north" | "south" | "east" | "west") as direction]:
            return "going " + direction
        case ["take", *items] if items:
            return "taking " + ", ".join(items)
        case ["quit" | "exit"]:
            return "bye"
        case [verb, *_]:
            return "unknown verb " + verb
        case _:
            return "nothing"


for c in ["go north", "go up", "take lamp key", "take", "quit", "exit", "dance wildly", ""]:
    print(repr(c), "->", command(c))

try:
    match Point(1, 2):
        case Point(1, 2, 3):
            pass
except TypeError as e:
    print("TypeError:", e)
