# Traceback source lines and carets for many kinds of expression, chained through __context__.
class Box:
    def __init__(self):
        self.items = {"a": [1, 2]}
        self.name = None

    def method(self, x):
        return x / 0


def binop_simple():
    a, b = 1, 0
    return a // b


def binop_nested():
    x = [1]
    y = (x[0] + 2) * 3 / (x[0] - 1)
    return y


def binop_multiline():
    total = (1 +
             2 +
             None)
    return total


def subscript_key():
    d = {"k": 1}
    value = d["missing"] + 1
    return value


def subscript_nested():
    b = Box()
    return b.items["a"][5]


def call_method():
    b = Box()
    result = b.method(  3  )
    return result


def call_attr_none():
    b = Box()
    b.name.upper()


def call_plain():
    return int("x")


def assign_call():
    v = int("y")
    return v


def aug_assign():
    n = 5
    n += "s"


def multiline_call():
    return max(
        1,
        "two",
    )


def comprehension():
    return [10 // v for v in (1, 0)]


def lambda_call():
    f = lambda q: q["z"]  # noqa
    return f({})


def unicode_line():
    s = "héllo"; t = s + 1  # é is two bytes
    return t


def power_op():
    return 2 ** "x"


def comment_between():
    r = (1  # first
         - "x")
    return r


def deep(n):
    if n == 0:
        raise ValueError("bottom")
    return deep(n - 1)


def recurse():
    deep(20)


def run(fs):
    if not fs:
        return
    try:
        fs[0]()
    except Exception:
        run(fs[1:])
        raise


run([binop_simple, binop_nested, binop_multiline, subscript_key, subscript_nested, call_method,
     call_attr_none, call_plain, assign_call, aug_assign, multiline_call, comprehension, lambda_call,
     unicode_line, power_op, comment_between, recurse])
