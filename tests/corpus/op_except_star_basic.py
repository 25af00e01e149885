# Corpus: except* basics: splitting a group across clauses, naked exceptions, unmatched remainder, order.
def show(eg):
    if isinstance(eg, BaseExceptionGroup):
        return f"{type(eg).__name__}({eg.message!r}, [{', '.join(show(e) for e in eg.exceptions)}])"
    return repr(eg)


def run(exc):
    try:
        try:
            raise exc
        except* ValueError as eg:
            print("  ValueError clause:", show(eg))
        except* (TypeError, KeyError) as eg:
            print("  Type/Key clause:", show(eg))
        except* ArithmeticError:
            print("  arithmetic clause (no name)")
        else:
            print("  else clause")
        finally:
            print("  finally clause")
    except BaseException as outer:
        print("  escaped:", show(outer))


cases = [
    ExceptionGroup("all", [ValueError(1), TypeError(2), KeyError(3), ZeroDivisionError(4), OSError(5)]),
    ExceptionGroup("nested", [ValueError("a"), ExceptionGroup("inner", [ValueError("b"), IndexError("c")])]),
    ValueError("naked"),
    OSError("naked unmatched"),
    ExceptionGroup("only arith", [OverflowError("o"), ZeroDivisionError("z")]),
    BaseExceptionGroup("base", [KeyboardInterrupt(), ValueError("v")]),
]
for c in cases:
    print("case", show(c))
    run(c)

print("no exception:")
try:
    pass
except* ValueError:
    print("unreachable")
else:
    print("  else ran")


def naked_wrapped():
    try:
        raise KeyError("k")
    except* KeyError as eg:
        got = type(eg).__name__, eg.message, repr(eg.exceptions)
    return got


print(naked_wrapped())


def identity_of_matched():
    inner = ValueError("same object")
    try:
        raise ExceptionGroup("g", [inner])
    except* ValueError as eg:
        got = eg.exceptions[0] is inner, eg.__traceback__ is not None
    return got


print(identity_of_matched())


def each_clause_once():
    hits = []
    try:
        raise ExceptionGroup("g", [ValueError(1), ValueError(2), TypeError(3)])
    except* ValueError as eg:
        hits.append(("V", len(eg.exceptions)))
    except* Exception as eg:
        hits.append(("E", [repr(e) for e in eg.exceptions]))
    return hits


print(each_clause_once())

for bad in [ExceptionGroup, BaseExceptionGroup, (ValueError, ExceptionGroup)]:
    try:
        try:
            raise ValueError("x")
        except* bad:
            pass
    except TypeError as e:
        print(type(e).__name__, e)

try:
    try:
        raise ValueError("x")
    except* 42:
        pass
except TypeError as e:
    print(type(e).__name__, e)
