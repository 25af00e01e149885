# Corpus: exception groups: construction rules, split/subgroup/derive, except*, and an uncaught group's report.
eg = ExceptionGroup("msg", [ValueError(1), TypeError(2), ExceptionGroup("inner", [ValueError(3)])])
print(str(eg), repr(eg), eg.message, eg.exceptions)
m, r = eg.split(ValueError)
print(repr(m), repr(r))
print(repr(eg.subgroup(lambda e: isinstance(e, TypeError))))
print(repr(eg.derive([KeyError(0)])))
print(type(BaseExceptionGroup("x", [ValueError()])).__name__)
for args in [("x",), ("x", []), ("x", [1]), (1, [ValueError()]), ("x", ValueError())]:
    try:
        ExceptionGroup(*args)
    except Exception as e:
        print(type(e).__name__, e)
try:
    ExceptionGroup("x", [KeyboardInterrupt()])
except Exception as e:
    print(type(e).__name__, e)
def f():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2), OSError(3)])
    except* ValueError as e:
        print("caught V", repr(e))
    except* TypeError as e:
        print("caught T", repr(e))
        raise
try:
    f()
except ExceptionGroup as e:
    print("outer", repr(e))
try:
    try:
        raise KeyError("k")
    except* KeyError as e:
        print("naked", repr(e))
        raise RuntimeError("new")
except Exception as e:
    print(type(e).__name__, repr(e), repr(e.__context__))
try:
    try:
        raise ValueError(1)
    except* ExceptionGroup:
        pass
except TypeError as e:
    print("TypeError", e)
def report():
    raise ExceptionGroup("many", [ValueError(1), TypeError("t"), ExceptionGroup("inner", [KeyError("k")])])


report()
