# Corpus: BaseException's own methods and attribute setters: errors name BaseException, __reduce__/__setstate__,
# __dict__, __traceback__/__cause__/__context__/__suppress_context__ validation, keyword arguments.
def attempt(label, fn):
    try:
        print(label, "->", repr(fn()))
    except Exception as e:
        print(label, "->", type(e).__name__, e)


e = ValueError("v", 2)
attempt("with_traceback(5)", lambda: e.with_traceback(5))
attempt("with_traceback()", lambda: e.with_traceback())
attempt("__traceback__ = 'x'", lambda: setattr(e, "__traceback__", "x"))
attempt("del __traceback__", lambda: delattr(e, "__traceback__"))
attempt("del __context__", lambda: delattr(e, "__context__"))
attempt("__cause__ = 5", lambda: setattr(e, "__cause__", 5))
attempt("__cause__ = class", lambda: setattr(e, "__cause__", KeyError))
attempt("__context__ = 5", lambda: setattr(e, "__context__", 5))
attempt("__suppress_context__ = 1", lambda: setattr(e, "__suppress_context__", 1))
attempt("del __suppress_context__", lambda: delattr(e, "__suppress_context__"))
e.__cause__ = KeyError("k")
print("cause sets suppress:", e.__suppress_context__, repr(e.__cause__))
e.__suppress_context__ = False
print("suppress reset:", e.__suppress_context__)
attempt("args = 5", lambda: setattr(e, "args", 5))
e.args = [1, 2]
print("args from list:", e.args, str(e))
attempt("del args", lambda: delattr(e, "args"))
attempt("__reduce__ plain", lambda: ValueError("x").__reduce__())
attempt("__reduce__(1)", lambda: e.__reduce__(1))
attempt("__setstate__()", lambda: e.__setstate__())
attempt("__setstate__(5)", lambda: e.__setstate__(5))
attempt("__setstate__(None)", lambda: e.__setstate__(None))
attempt("__setstate__ dict", lambda: (e.__setstate__({"extra": 7}), e.extra)[1])
attempt("__setstate__ bad key", lambda: e.__setstate__({1: 2}))
attempt("__reduce__ with dict", lambda: e.__reduce__())
attempt("__dict__ = 5", lambda: setattr(e, "__dict__", 5))
attempt("del __dict__", lambda: delattr(e, "__dict__"))
e.__dict__ = {"q": 1}
print("new __dict__:", e.q, e.__dict__)
attempt("descriptor on int", lambda: BaseException.with_traceback(5, None))
attempt("add_note on int", lambda: BaseException.add_note(5, "n"))
attempt("add_note kw", lambda: e.add_note(note="n"))
attempt("BaseException(x=1)", lambda: BaseException(x=1))
attempt("__init__ kw", lambda: BaseException.__init__(e, x=1))


class PassesKw(Exception):
    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)


class NewOnly(Exception):
    def __new__(cls, *args, **kw):
        return super().__new__(cls, *args)


attempt("subclass passes kw", lambda: PassesKw(1, k=2))
attempt("subclass __new__ only", lambda: NewOnly(1, k=2))
attempt("StopIteration kw", lambda: StopIteration(1, k=2))
for cls in (ValueError, KeyError, OSError, StopIteration, ExceptionGroup, UnicodeDecodeError):
    print(cls.__name__, "own add_note:", "add_note" in cls.__dict__, "own args:", "args" in cls.__dict__)
print(BaseException.add_note.__qualname__, ValueError.with_traceback.__qualname__, KeyError("").__str__())
err = KeyError("missing")
err.__cause__ = ValueError("why")
raise err
