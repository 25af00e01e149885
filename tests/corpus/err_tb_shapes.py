# More traceback shapes: attributes, assertions, decorators, class bodies, generators, f-strings, multi-line args.
class Thing:
    pass


def attr_chain():
    t = Thing()
    return t.missing.deeper


def attr_statement():
    t = Thing()
    t.nothing


def assertion():
    values = [1, 2, 3]
    assert len(values) == 4, f"expected 4, got {len(values)}"


def decorated_inner():
    def deco(f):
        return f(0)
    @deco
    def body(x):
        return 1 / x
    return body


def class_body():
    class Inner:
        value = {}["nope"]
    return Inner


def gen():
    yield 1
    yield [][0]


def generator_use():
    return list(gen())


def fstring():
    n = None
    return f"value: {n + 1:>10}"


def walrus():
    if (k := {}.get("x")) is None:
        return k.real.imag()


def subscript_multiline():
    table = [[1, 2], [3, 4]]
    return table[
        1
    ][
        7
    ]


def call_many_lines():
    return dict(
        a=1,
        **{"b": 2},
        **None,
    )


def slicing():
    return "abc"[::0]


def compare_chain():
    return 1 < "a" < 3


def unary():
    return -"x"


def nested_call():
    return str(int(float("nan")))


def run(fs):
    if not fs:
        return
    try:
        fs[0]()
    except Exception:
        run(fs[1:])
        raise


run([attr_chain, attr_statement, assertion, decorated_inner, class_body, generator_use, fstring, walrus,
     subscript_multiline, call_many_lines, slicing, compare_chain, unary, nested_call])
