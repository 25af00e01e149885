# Corpus: __traceback__ objects: tb_lineno, tb_next chain length, frame names, re-raise and with_traceback.
def tb_summary(tb):
    out = []
    while tb is not None:
        out.append((tb.tb_frame.f_code.co_name, tb.tb_lineno - FIRST_LINE))
        tb = tb.tb_next
    return out


FIRST_LINE = tb_summary.__code__.co_firstlineno - 1


def level3(x):
    return 10 // x


def level2(x):
    y = x - 1
    return level3(y)


def level1(x):
    return level2(x) + 1


try:
    level1(1)
except ZeroDivisionError as e:
    print(tb_summary(e.__traceback__), len(tb_summary(e.__traceback__)))
    print(type(e.__traceback__).__name__, e.__traceback__.tb_lasti >= 0, e.__traceback__.tb_frame.f_code.co_name)


def reraiser():
    try:
        level2(1)
    except ZeroDivisionError:
        raise


try:
    reraiser()
except ZeroDivisionError as e:
    print("bare raise keeps chain:", tb_summary(e.__traceback__))


def raise_again_explicit():
    try:
        level3(0)
    except ZeroDivisionError as err:
        raise err


try:
    raise_again_explicit()
except ZeroDivisionError as e:
    print("raise err appends:", tb_summary(e.__traceback__))


def new_exception_from_handler():
    try:
        level3(0)
    except ZeroDivisionError as err:
        raise ValueError("wrapped") from err


try:
    new_exception_from_handler()
except ValueError as e:
    print("outer:", tb_summary(e.__traceback__))
    print("cause:", tb_summary(e.__cause__.__traceback__))


def caught_inside():
    try:
        level1(1)
    except ZeroDivisionError as err:
        return err


err = caught_inside()
print("returned exception keeps tb:", tb_summary(err.__traceback__))
stripped = err.with_traceback(None)
print("with_traceback(None):", stripped.__traceback__)


def reraise_with_traceback(e):
    raise e.with_traceback(None)


try:
    reraise_with_traceback(KeyError("k"))
except KeyError as e:
    print("fresh tb:", tb_summary(e.__traceback__))


def gen():
    yield 1
    level3(0)


try:
    list(gen())
except ZeroDivisionError as e:
    print("through generator:", tb_summary(e.__traceback__))


class Explodes:
    @property
    def value(self):
        return level3(0)


try:
    Explodes().value
except ZeroDivisionError as e:
    print("through property:", tb_summary(e.__traceback__))
try:
    sorted([3, 1], key=lambda v: level3(0))
except ZeroDivisionError as e:
    print("through builtin callback:", tb_summary(e.__traceback__))


def deep(n):
    if n == 0:
        raise IndexError("bottom")
    deep(n - 1)


try:
    deep(25)
except IndexError as e:
    chain = tb_summary(e.__traceback__)
    print("deep chain length:", len(chain), chain[:2], chain[-1])
try:
    try:
        level3(0)
    finally:
        print("finally ran before propagation")
except ZeroDivisionError as e:
    print("through finally:", tb_summary(e.__traceback__))
