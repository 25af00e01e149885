# Corpus: BaseExceptionGroup vs ExceptionGroup construction rules, auto-selection of class, messages, str/repr.
def attempt(label, fn):
    try:
        r = fn()
        print(label, "->", type(r).__name__, repr(r))
    except Exception as e:
        print(label, "->", type(e).__name__, e)


attempt("EG of Exceptions", lambda: ExceptionGroup("m", [ValueError(1)]))
attempt("BEG of Exceptions", lambda: BaseExceptionGroup("m", [ValueError(1), TypeError(2)]))
attempt("BEG of base", lambda: BaseExceptionGroup("m", [KeyboardInterrupt()]))
attempt("BEG mixed", lambda: BaseExceptionGroup("m", [ValueError(), SystemExit(2)]))
attempt("EG of base", lambda: ExceptionGroup("m", [KeyboardInterrupt()]))
attempt("EG of nested EG", lambda: ExceptionGroup("m", [ExceptionGroup("n", [ValueError()])]))
attempt("EG of nested BEG", lambda: ExceptionGroup("m", [BaseExceptionGroup("n", [GeneratorExit()])]))
attempt("BEG of nested EG", lambda: BaseExceptionGroup("m", [ExceptionGroup("n", [ValueError()])]))
attempt("empty list", lambda: ExceptionGroup("m", []))
attempt("empty tuple", lambda: BaseExceptionGroup("m", ()))
attempt("not a sequence", lambda: ExceptionGroup("m", ValueError()))
attempt("set of excs", lambda: ExceptionGroup("m", {ValueError()}))
attempt("generator", lambda: ExceptionGroup("m", (e for e in [ValueError()])))
attempt("non-exception item", lambda: ExceptionGroup("m", [ValueError(), 5]))
attempt("exception class item", lambda: ExceptionGroup("m", [ValueError]))
attempt("message not str", lambda: ExceptionGroup(5, [ValueError()]))
attempt("message bytes", lambda: ExceptionGroup(b"m", [ValueError()]))
attempt("one arg", lambda: ExceptionGroup("m"))
attempt("no args", lambda: ExceptionGroup())
attempt("three args", lambda: ExceptionGroup("m", [ValueError()], 3))
attempt("keyword", lambda: ExceptionGroup(message="m", exceptions=[ValueError()]))
attempt("tuple exceptions", lambda: ExceptionGroup("m", (ValueError(1), ValueError(2))))


class MyEG(ExceptionGroup):
    pass


class MyBEG(BaseExceptionGroup):
    pass


attempt("MyEG", lambda: MyEG("m", [ValueError()]))
attempt("MyEG base", lambda: MyEG("m", [KeyboardInterrupt()]))
attempt("MyBEG exceptions", lambda: MyBEG("m", [ValueError()]))
attempt("MyBEG base", lambda: MyBEG("m", [KeyboardInterrupt()]))


class WithInit(ExceptionGroup):
    def __new__(cls, errors):
        self = super().__new__(cls, "fixed message", errors)
        self.count = len(errors)
        return self

    def __init__(self, errors):
        super().__init__("fixed message", errors)


w = WithInit([ValueError(1), ValueError(2)])
print(type(w).__name__, w.message, w.count, str(w), repr(w))
eg = ExceptionGroup("many", [ValueError(i) for i in range(3)])
print(str(eg), "|", repr(eg), "|", eg.args, "|", eg.exceptions)
print(str(ExceptionGroup("one", [KeyError("k")])), str(BaseExceptionGroup("", [SystemExit()])))
original = [ValueError("a")]
g = ExceptionGroup("copy", original)
original.append(TypeError("b"))
print(len(g.exceptions), type(g.exceptions).__name__)
try:
    g.exceptions = ()
except AttributeError as e:
    print(type(e).__name__, e)
try:
    g.message = "new"
except AttributeError as e:
    print(type(e).__name__, e)
print(isinstance(g, Exception), isinstance(BaseExceptionGroup("x", [KeyboardInterrupt()]), Exception))
print(ExceptionGroup.__mro__[1].__name__, BaseExceptionGroup.__new__ is ExceptionGroup.__new__)
