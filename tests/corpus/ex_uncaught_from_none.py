# Corpus: ends with an uncaught exception raised `from None`, suppressing the context in the report.
class LookupFailed(Exception):
    pass


registry = {"alpha": 1, "beta": 2}


def find(name):
    try:
        return registry[name]
    except KeyError:
        raise LookupFailed(f"no entry named {name!r}") from None


def find_verbose(name):
    try:
        return registry[name]
    except KeyError:
        raise LookupFailed(f"verbose miss {name!r}")


print(find("alpha"), find("beta"))
try:
    find("gamma")
except LookupFailed as e:
    print(e, "| cause:", e.__cause__, "| context:", repr(e.__context__), "| suppress:", e.__suppress_context__)
try:
    find_verbose("delta")
except LookupFailed as e:
    print(e, "| cause:", e.__cause__, "| context:", repr(e.__context__), "| suppress:", e.__suppress_context__)
e = LookupFailed("manual")
e.__suppress_context__ = True
print(e.__suppress_context__, e.__cause__)
try:
    try:
        raise ValueError("inner")
    except ValueError:
        raise TypeError("outer") from None
except TypeError as err:
    err.__suppress_context__ = False
    print("context still recorded:", repr(err.__context__))


def reraise_keeps_suppression():
    try:
        find("epsilon")
    except LookupFailed:
        raise


try:
    reraise_keeps_suppression()
except LookupFailed as err:
    print("after bare raise:", err.__suppress_context__, err.__cause__)
print("now failing for real")
find("omega")
print("unreachable")
