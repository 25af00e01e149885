# Corpus: or-patterns, as-patterns and guards: binding rules, evaluation order and fall-through.
trace = []


def check(label, result):
    trace.append(label)
    return result


def f(v):
    match v:
        case (0 | 1 | 2) as small if check("g1", small != 1):
            return f"small {small}"
        case [x, 0] | [0, x] if check("g2", x > 0):
            return f"axis {x}"
        case {"a": x} | {"b": x} as whole:
            return f"a-or-b {x} from {sorted(whole)}"
        case str() | bytes() as text if check("g3", len(text) > 2):
            return f"long text {text!r}"
        case (int() | float()) as num if check("g4", num < 0):
            return f"negative {num}"
        case [int() as a, str() as b] | [str() as b, int() as a]:
            return f"mixed a={a} b={b}"
        case [[1, 2] | [3, 4] as inner, *rest]:
            return f"inner {inner} rest {rest}"
        case _ if check("g5", True):
            return "fallback"


for v in [0, 1, 2, [5, 0], [0, 6], [0, -1], {"a": 1}, {"b": 2, "c": 3}, "abcd", b"xy", -3.5, 9,
          [1, "s"], ["s", 1], [[3, 4], 5, 6], [[1, 9]]]:
    trace.clear()
    print(repr(v), "->", f(v), trace)


def guard_sees_bindings(v):
    match v:
        case [a, b] if a + b == 10:
            return "sum ten"
        case [a, b]:
            return f"leftover a={a} b={b}"


print(guard_sees_bindings([3, 7]), guard_sees_bindings([1, 2]))


def binding_after_failed_guard(v):
    y = "before"
    match v:
        case y if False:
            pass
        case _:
            pass
    return y


print(binding_after_failed_guard("value"))


def guard_side_effects():
    counter = [0]

    def bump():
        counter[0] += 1
        return counter[0] >= 3

    for _ in range(4):
        match "x":
            case "x" if bump():
                return f"matched after {counter[0]} guard calls"
    return "never"


print(guard_side_effects())


def nested_or(v):
    match v:
        case ((1 | 2) | (3 | 4)) as n:
            return f"1-4: {n}"
        case (("a" | "b") as letter, (10 | 20) as num):
            return f"{letter}{num}"
        case [*_, ("end" | "stop") as last]:
            return f"ended with {last}"
    return "none"


for v in [1, 4, 5, ("a", 20), ("b", 30), [1, 2, "stop"], ["end"], []]:
    print(repr(v), "->", nested_or(v))


def as_on_class(v):
    match v:
        case int() as i if i > 5 or i < -5:
            return f"big magnitude {i}"
        case (int() | bool()) as i:
            return f"int-ish {i!r}"
    return "other"


print(as_on_class(10), as_on_class(-7), as_on_class(3), as_on_class(True), as_on_class("z"))
