# Corpus: exception args/str/repr for various arities, custom __init__/__str__, with_traceback, attributes.
for args in [(), ("one",), ("a", "b"), (1,), (None,), ((1, 2),), ([],), ("x", 2, 3.5)]:
    e = Exception(*args)
    print(repr(e.args), "| str:", repr(str(e)), "| repr:", repr(e))
print(repr(ValueError()), repr(KeyError("k")), str(KeyError("k")), str(KeyError()), str(KeyError(1, 2)))
print(repr(BaseException("b")), repr(SystemExit(0)), repr(StopIteration(5)), repr(ExceptionGroup("g", [ValueError()])))
e = ValueError("orig")
e.args = ("changed", 2)
print(e, repr(e), e.args)
e.args = "xy"
print(e.args)
try:
    e.args = 5
except TypeError as err:
    print(type(err).__name__, err)


class WithInit(Exception):
    def __init__(self, code, msg):
        super().__init__(f"[{code}] {msg}")
        self.code = code


class NoSuperInit(Exception):
    def __init__(self, a, b):
        self.a = a


class CustomStr(Exception):
    def __str__(self):
        return f"custom str with args {self.args}"


w = WithInit(404, "not found")
print(w, repr(w), w.args, w.code)
n = NoSuperInit(1, 2)
print(repr(n), n.args, str(n))
print(CustomStr(1, 2), repr(CustomStr(1, 2)))
e = Exception("attrs")
e.custom = "any attribute"
print(e.custom, sorted(vars(e)), e.__dict__)
print(e.__traceback__, e.__cause__, e.__context__, e.__suppress_context__)
e.__cause__ = ValueError("c")
print(e.__suppress_context__ is False, repr(e.__cause__))
for bad_cause in [5, "s"]:
    try:
        e.__cause__ = bad_cause
    except TypeError as err:
        print(type(err).__name__, err)
try:
    e.__context__ = 5
except TypeError as err:
    print(type(err).__name__, err)
e.__cause__ = None
e.__suppress_context__ = True
print(e.__suppress_context__, e.__cause__)


def make_tb():
    try:
        raise KeyError("for traceback")
    except KeyError as k:
        return k.__traceback__


tb = make_tb()
fresh = RuntimeError("fresh")
print(fresh.with_traceback(tb) is fresh, fresh.__traceback__ is tb, fresh.__traceback__.tb_lineno)
print(fresh.with_traceback(None).__traceback__)
try:
    fresh.with_traceback(5)
except TypeError as err:
    print(type(err).__name__, err)
try:
    fresh.__traceback__ = "x"
except TypeError as err:
    print(type(err).__name__, err)
print(Exception("x") == Exception("x"), Exception.__new__(Exception).args, Exception.__new__(Exception, 1, 2).args)
try:
    Exception(x=1)
except TypeError as err:
    print(type(err).__name__, err)


class Kw(Exception):
    def __init__(self, *, kw):
        super().__init__(kw)


print(repr(Kw(kw="keyword ok")))
print(str(UnicodeError("u")), repr(AttributeError("a", name="n", obj=None)), AttributeError("a", name="n").name)
print(NameError("n", name="var").name, ImportError("i", name="mod", path="/p").path, ImportError("i").name)
try:
    ImportError("i", bogus=1)
except TypeError as err:
    print(type(err).__name__, err)
print(StopIteration().value, StopIteration(1, 2).value, SystemExit().code, SystemExit(1, 2).code)
