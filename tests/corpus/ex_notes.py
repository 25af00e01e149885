# Corpus: add_note()/__notes__: accumulation, errors for bad notes, manual __notes__, notes on groups and chains.
e = ValueError("base")
print(hasattr(e, "__notes__"))
e.add_note("first note")
e.add_note("second note")
print(e.__notes__, str(e), repr(e), e.args)
for bad in [5, None, b"bytes", ["list"]]:
    try:
        e.add_note(bad)
    except TypeError as err:
        print(type(err).__name__, err)
try:
    e.add_note()
except TypeError as err:
    print(type(err).__name__, err)
try:
    e.add_note("a", "b")
except TypeError as err:
    print(type(err).__name__, err)


class StrSub(str):
    pass


e.add_note(StrSub("subclass note"))
print(e.__notes__, type(e.__notes__[-1]).__name__)
e2 = KeyError("k")
e2.__notes__ = ("a tuple",)
try:
    e2.add_note("more")
except TypeError as err:
    print(type(err).__name__, err)
e3 = KeyError("k")
e3.__notes__ = ["preset"]
e3.add_note("appended")
print(e3.__notes__)
e4 = OSError("o")
e4.__notes__ = 42
try:
    e4.add_note("x")
except TypeError as err:
    print(type(err).__name__, err)
del e3.__notes__
print(hasattr(e3, "__notes__"))
e3.add_note("fresh list")
print(e3.__notes__)


def annotate(step):
    try:
        raise RuntimeError(f"failed at {step}")
    except RuntimeError as err:
        err.add_note(f"while processing step {step}")
        err.add_note("notes survive re-raise")
        raise


try:
    annotate(3)
except RuntimeError as err:
    print(err, err.__notes__)


def annotate_in_layers():
    try:
        try:
            {}["missing"]
        except KeyError as err:
            err.add_note("inner layer")
            raise
    except KeyError as err:
        err.add_note("outer layer")
        raise ValueError("translated") from err


try:
    annotate_in_layers()
except ValueError as err:
    print(hasattr(err, "__notes__"), err.__cause__.__notes__)
eg = ExceptionGroup("group", [ValueError(1), TypeError(2)])
eg.add_note("group note")
eg.exceptions[0].add_note("member note")
match, rest = eg.split(ValueError)
print(match.__notes__, rest.__notes__, match.exceptions[0].__notes__, eg.derive([KeyError()]).__dict__.get("__notes__"))
sub = eg.subgroup(TypeError)
print(sub.__notes__, sub.__notes__ is eg.__notes__)


class NoNotesAttr(Exception):
    __slots__ = ()


n = NoNotesAttr()
n.add_note("works through __dict__ of BaseException")
print(n.__notes__, vars(n))
print(BaseException.add_note.__name__, type(BaseException.__dict__["add_note"]).__name__)
e5 = Exception()
e5.add_note("")
e5.add_note("multi\nline\nnote")
print(e5.__notes__, len(e5.__notes__))
