# Corpus: except* re-raising, raising new exceptions inside clauses, nesting, and the resulting group shapes.
def show(eg):
    if isinstance(eg, BaseExceptionGroup):
        return f"{type(eg).__name__}({eg.message!r}, [{', '.join(show(e) for e in eg.exceptions)}])"
    return repr(eg)


def attempt(fn):
    try:
        fn()
        print(fn.__name__, "-> no exception")
    except BaseException as e:
        print(fn.__name__, "->", show(e))
        ctx = e.__context__
        if ctx is not None:
            print("   context:", show(ctx))
        if e.__cause__ is not None:
            print("   cause:", show(e.__cause__))
        return e


def bare_reraise():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise


def reraise_both():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2), KeyError(3)])
    except* ValueError:
        raise
    except* TypeError:
        raise


def raise_new():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise RuntimeError("replacement")


def raise_new_and_unhandled():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2), OSError(3)])
    except* ValueError:
        raise RuntimeError("new one")
    except* TypeError:
        pass


def raise_from():
    try:
        raise ExceptionGroup("eg", [ValueError(1)])
    except* ValueError as eg:
        raise LookupError("chained") from eg


def raise_caught_member():
    try:
        raise ExceptionGroup("eg", [ValueError("member"), TypeError(2)])
    except* ValueError as eg:
        raise eg.exceptions[0]


def nested_handlers():
    try:
        try:
            raise ExceptionGroup("outer", [ValueError(1), ExceptionGroup("mid", [TypeError(2), KeyError(3)])])
        except* TypeError:
            print("   inner handler took TypeError")
    except* KeyError as eg:
        print("   outer handler got", show(eg))
        raise


def naked_reraise():
    try:
        raise ValueError("naked")
    except* ValueError:
        raise


def naked_new():
    try:
        raise ValueError("naked")
    except* ValueError:
        raise TypeError("instead")


def loop_with_except_star():
    out = []
    for i in range(3):
        try:
            raise ExceptionGroup("g", [ValueError(i)])
        except* ValueError:
            out.append(i)
    return out


def raise_inside_try_inside_clause():
    try:
        raise ExceptionGroup("eg", [ValueError(1)])
    except* ValueError:
        try:
            raise KeyError("inner")
        except KeyError:
            pass
        print("   handled inner KeyError inside except*")


for fn in [bare_reraise, reraise_both, raise_new, raise_new_and_unhandled, raise_from, raise_caught_member,
           nested_handlers, naked_reraise, naked_new, raise_inside_try_inside_clause]:
    attempt(fn)
print(loop_with_except_star())
e = attempt(reraise_both)
print(e.exceptions[0].__traceback__ is not None, e.__traceback__ is not None)
