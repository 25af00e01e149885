# Corpus: `with` and exception suppression: __exit__ return values, exception info, re-raise, tracebacks.
class Suppress:
    def __init__(self, *types, result=True):
        self.types = types
        self.result = result
        self.seen = None

    def __enter__(self):
        return self

    def __exit__(self, et, ev, tb):
        self.seen = (et.__name__ if et else None, str(ev) if ev else None, tb is not None)
        if et is not None and issubclass(et, self.types):
            return self.result
        return False


s = Suppress(ValueError)
with s:
    raise ValueError("quiet")
print("after suppressed ValueError", s.seen)

s = Suppress(ValueError)
try:
    with s:
        raise TypeError("loud")
except TypeError as e:
    print("TypeError escaped:", e, s.seen)

for truthy in [1, "yes", [0], 0, "", None, []]:
    s = Suppress(Exception, result=truthy)
    try:
        with s:
            raise KeyError("k")
        print(repr(truthy), "suppressed")
    except KeyError:
        print(repr(truthy), "not suppressed")


class BadBool:
    def __bool__(self):
        raise ZeroDivisionError("bool failed")


try:
    with Suppress(Exception, result=BadBool()):
        raise KeyError("k")
except ZeroDivisionError as e:
    print("truthiness error:", type(e).__name__, e, "| ctx:", repr(e.__context__))


def suppressed_in_function():
    with Suppress(ArithmeticError):
        x = 1 / 0
        return "not here"
    return "fell through after suppression"


print(suppressed_in_function())


def suppress_return_value():
    for i in range(3):
        with Suppress(IndexError):
            [][i]
    return i


print(suppress_return_value())


class Reraiser:
    def __enter__(self):
        return self

    def __exit__(self, et, ev, tb):
        if ev is not None:
            raise ev
        return False


try:
    with Reraiser():
        raise OSError(2, "reraised")
except OSError as e:
    print("reraised:", type(e).__name__, e, e.__context__ is None)


class Translator:
    def __enter__(self):
        return self

    def __exit__(self, et, ev, tb):
        if et is KeyError:
            raise LookupError("translated") from ev


try:
    with Translator():
        {}["missing"]
except LookupError as e:
    print("translated:", e, "| cause:", repr(e.__cause__), "| ctx is cause:", e.__context__ is e.__cause__)

try:
    with Suppress(ValueError):
        with Suppress(TypeError):
            raise ValueError("inner passes, outer suppresses")
    print("nested suppression done")
except ValueError:
    print("unexpected")


class SawGenExit:
    def __enter__(self):
        return self

    def __exit__(self, et, ev, tb):
        print("  exit saw", et.__name__ if et else None)
        return False


def gen():
    with SawGenExit():
        yield 1
        yield 2


g = gen()
print(next(g))
g.close()
print("generator closed")
with Suppress(StopIteration) as s:
    next(iter([]))
print("StopIteration suppressed:", s.seen)
