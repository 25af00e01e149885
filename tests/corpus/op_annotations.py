# Corpus: annotations: module/class __annotations__, annotated assignment without value, evaluation order.
log = []


def note(label, value):
    log.append(label)
    return value


count: int = 3
name: str
total: note("module annotation evaluated", float) = 2.5
print(sorted(__annotations__.items(), key=lambda kv: kv[0]) == sorted(__annotations__.items()))
print({k: getattr(v, "__name__", v) for k, v in __annotations__.items()})
print(log)
print("name" in globals(), count, total)
try:
    name
except NameError as e:
    print(type(e).__name__, e)


class Point:
    x: int
    y: int = 0
    label: "str" = "pt"
    z: list[int]
    print("inside body:", list(__annotations__))


print(Point.__annotations__)
print(hasattr(Point, "x"), Point.y, Point.label, "x" in vars(Point))


class Empty:
    pass


class Child(Point):
    extra: bytes


print(Child.__annotations__, "x" in Child.__annotations__)
print(Empty.__annotations__, "__annotations__" in vars(Empty))


def func(a: int, b: "str" = "d", *args: float, kw: bool = True, **rest: dict) -> None:
    local: int = 5
    unused: str
    return local


print(func.__annotations__)
print(func(1), func.__code__.co_varnames[:5])
func.__annotations__ = {"replaced": 1}
print(func.__annotations__)
try:
    func.__annotations__ = 5
except TypeError as e:
    print(type(e).__name__, e)


def no_annotations():
    pass


print(no_annotations.__annotations__)


class Targets:
    items: dict = {}
    items["key"]: int = 1
    attr_target = Empty()
    attr_target.field: str = "set"
    (parenthesized): int = 7


print(Targets.items, Targets.attr_target.field, Targets.parenthesized)
print(sorted(Targets.__annotations__))
log.clear()


class Lazy:
    first: note("first", int)
    second: note("second", str) = note("second value", "v")
    third: note("third", bytes)


print(log, Lazy.__annotations__["second"].__name__)


def inner_class_in_function():
    class Local:
        a: int
        b: "Local"
    return Local.__annotations__


print(inner_class_in_function())
x: int = 1
x: str = "now str"
print(__annotations__["x"].__name__, x)
for i in range(2):
    loop_var: int = i
print(loop_var, "loop_var" in __annotations__)
lam = lambda: 0
print(lam.__annotations__)
