# Corpus: ExceptionGroup.split/subgroup/derive: types, predicates, nesting, metadata copying, identity.
def show(e):
    if isinstance(e, BaseExceptionGroup):
        return f"{type(e).__name__}({e.message!r}, [{', '.join(show(x) for x in e.exceptions)}])"
    return repr(e)


tree = ExceptionGroup("root", [
    ValueError("v1"),
    TypeError("t1"),
    ExceptionGroup("mid", [ValueError("v2"), KeyError("k1"), ExceptionGroup("leaf", [TypeError("t2")])]),
    OSError("o1"),
])
print(show(tree))
for cond in [ValueError, TypeError, (ValueError, KeyError), LookupError, Exception, OSError, ZeroDivisionError,
             ExceptionGroup, BaseExceptionGroup]:
    m, r = tree.split(cond)
    name = cond.__name__ if isinstance(cond, type) else "tuple"
    print(f"split({name}): match={show(m) if m else None} rest={show(r) if r else None}")
print("subgroup(TypeError):", show(tree.subgroup(TypeError)))
print("subgroup(RuntimeError):", tree.subgroup(RuntimeError))
print("subgroup(root itself):", tree.subgroup(lambda e: e is tree) is tree)
print("subgroup(Exception) is tree:", tree.subgroup(Exception) is tree)
m, r = tree.split(lambda e: "1" in str(e) and not isinstance(e, BaseExceptionGroup))
print("predicate split:", show(m), "|", show(r))
m, r = tree.split(lambda e: isinstance(e, ExceptionGroup) and e.message == "leaf")
print("predicate on group:", show(m), "|", show(r))
leaf_v2 = tree.exceptions[2].exceptions[0]
m, _ = tree.split(ValueError)
print("leaves are shared:", m.exceptions[1].exceptions[0] is leaf_v2, "groups are new:", m is not tree)
tree.add_note("root note")
try:
    raise tree
except ExceptionGroup as caught:
    tb = caught.__traceback__
tree.__cause__ = KeyError("cause")
tree.__context__ = IndexError("ctx")
m, r = tree.split(KeyError)
print(m.__notes__, m.__traceback__ is tb, repr(m.__cause__), repr(m.__context__), r.__notes__)
d = tree.derive([ZeroDivisionError("z")])
print(show(d), hasattr(d, "__notes__"), d.__traceback__, d.__cause__, d.__context__)


class MyGroup(ExceptionGroup):
    def derive(self, excs):
        derived = MyGroup(self.message + "+derived", excs)
        derived.extra = getattr(self, "extra", 0) + 1
        return derived


mg = MyGroup("mine", [ValueError(1), TypeError(2), MyGroup("inner", [ValueError(3), TypeError(4)])])
m, r = mg.split(ValueError)
print(show(m), m.extra, show(r), type(r.exceptions[1]).__name__)


class NoDerive(ExceptionGroup):
    pass


nd = NoDerive("nd", [ValueError(1), TypeError(2)])
m, r = nd.split(ValueError)
print(type(nd).__name__, type(m).__name__, type(r).__name__)
for bad in [5, "ValueError", (ValueError, 5), None]:
    try:
        tree.split(bad)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    tree.subgroup()
except TypeError as e:
    print(type(e).__name__, e)
beg = BaseExceptionGroup("base", [KeyboardInterrupt(), ValueError("v")])
m, r = beg.split(Exception)
print(show(m), show(r), type(m).__name__, type(r).__name__)
m, r = beg.split(KeyboardInterrupt)
print(show(m), show(r))
print(show(beg.derive([ValueError()])), show(beg.derive([SystemExit()])))
try:
    ExceptionGroup("x", [ValueError()]).derive([KeyboardInterrupt()])
except TypeError as e:
    print(type(e).__name__, e)
print(len(tree.exceptions), type(tree.exceptions).__name__, tree.message, str(tree), repr(ExceptionGroup("r", (ValueError(),))))
