# Corpus: match with literal, capture, wildcard, value (dotted name) and group patterns.
class Color:
    RED = "red"
    GREEN = "green"
    BLUE = 3


class Limits:
    class Nested:
        LOW = -1
        HIGH = 10**20


def lit(v):
    match v:
        case 0:
            return "int zero"
        case 1.5:
            return "float 1.5"
        case -2:
            return "minus two"
        case 1 + 2j:
            return "complex"
        case -3 - 4j:
            return "negative complex"
        case "text":
            return "string text"
        case b"raw":
            return "bytes raw"
        case True:
            return "True"
        case False:
            return "False"
        case None:
            return "None"
        case "con" "cat":
            return "concatenated"
        case _:
            return f"no literal for {v!r}"


for v in [0, 0.0, False, 1, True, 1.0, 1.5, -2, -2.0, 1 + 2j, -3 - 4j, "text", b"raw", "raw",
          None, "concat", 2, [], 0j]:
    print(repr(v), "->", lit(v))


def value(v):
    match v:
        case Color.RED:
            return "Color.RED"
        case Color.GREEN | Color.BLUE:
            return "green or blue"
        case Limits.Nested.LOW:
            return "low"
        case Limits.Nested.HIGH:
            return "high"
        case (other):
            return f"captured {other!r}"


for v in ["red", "green", 3, 3.0, -1, 10**20, "blue"]:
    print(repr(v), "->", value(v))


def capture_scope(v):
    match v:
        case x if x > 100:
            where = "big"
        case x:
            where = "small"
    return where, x


print(capture_scope(5), capture_scope(500))


def wildcard(v):
    match v:
        case (1 | 2) as small:
            return f"group small {small}"
        case ((3)):
            return "nested group 3"
        case _:
            return "wildcard"


print([wildcard(i) for i in range(5)])


class EqAlways:
    def __eq__(self, other):
        return True


class EqNever:
    def __eq__(self, other):
        return False


def eq_semantics(v):
    match v:
        case 42:
            return "equals 42"
        case None:
            return "is None"
        case _:
            return "neither"


print(eq_semantics(EqAlways()), eq_semantics(EqNever()), eq_semantics(42.0))


class Holder:
    value = EqAlways()


def by_value(v):
    match v:
        case Holder.value:
            return "value pattern uses =="
    return "miss"


print(by_value(1), by_value("x"))

x = "unchanged"
match 7:
    case 8:
        x = "eight"
print("no case matched:", x)
match [1, 2]:
    case y:
        print("irrefutable capture", y)
