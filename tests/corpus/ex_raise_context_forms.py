# Corpus: raise statement forms and implicit chaining: bad exceptions and causes (classes whose __new__ returns
# something else), a raise replacing an exception's earlier __context__, context cycles cut, pre-existing cycles.
def attempt(fn):
    try:
        fn()
    except Exception as e:
        print(fn.__name__, "->", type(e).__name__, e, "| cause:", repr(e.__cause__), e.__suppress_context__)


class NotAnException:
    pass


class ReturnsInt(Exception):
    def __new__(cls):
        return 5


def raise_int(): raise 5
def raise_plain_class(): raise NotAnException
def cause_int(): raise ValueError from 5
def cause_class(): raise ValueError from KeyError
def cause_plain_class(): raise ValueError from NotAnException
def cause_none(): raise ValueError("v") from None
def returns_int(): raise ReturnsInt
def cause_returns_int(): raise KeyError from ReturnsInt


for f in (raise_int, raise_plain_class, cause_int, cause_class, cause_plain_class, cause_none, returns_int,
          cause_returns_int):
    attempt(f)

e = ValueError("e")
e.__context__ = KeyError("old")
try:
    try:
        raise TypeError("t")
    except TypeError:
        raise e
except ValueError as x:
    print("replaced:", repr(x.__context__))
try:
    raise e
except ValueError as x:
    print("kept without a handled exception:", repr(x.__context__))

a = ValueError("a")
b = KeyError("b")
a.__context__ = b
b.__context__ = a
try:
    raise a
except ValueError:
    try:
        raise TypeError("t")
    except TypeError as t:
        print("pre-existing cycle:", repr(t.__context__), repr(t.__context__.__context__))
outer = RuntimeError("outer")
try:
    raise outer
except RuntimeError:
    try:
        raise ValueError("inner")
    except ValueError as inner:
        try:
            raise outer
        except RuntimeError as again:
            print("cycle cut:", repr(again.__context__), repr(inner.__context__))


def gen():
    yield 1
    raise ValueError("from generator")


try:
    raise KeyError("handled by caller")
except KeyError:
    it = gen()
    next(it)
    try:
        next(it)
    except ValueError as v:
        print("generator raise:", repr(v.__context__))
err = ValueError("final")
err.__context__ = KeyError("stale")
try:
    raise OSError("while handling")
except OSError:
    raise err
