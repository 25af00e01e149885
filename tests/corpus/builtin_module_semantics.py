# Module objects and builtins as CPython 3.13 has them: module(name, doc) and re-initialisation, uninitialised
# modules, lazily created __annotations__, module reprs through __loader__/__spec__ (importlib's _module_repr),
# bool(NotImplemented)'s DeprecationWarning, None.__ne__, bytearray.join's buffer export, dir() of tracebacks and
# of mapping locals, globals/builtins that are dict subclasses or other mappings, input() without a stdout flush,
# PYTHONBREAKPOINT names that cannot be imported, relative-import warnings, and type() details (__firstlineno__,
# __type_params__, a docstring with a lone surrogate).
import importlib.machinery
import io
import os
import sys
import types
import warnings

ModuleType = type(sys)


def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


# ---- module() ----
show("no name", lambda: ModuleType())
show("int name", lambda: ModuleType(1))
show("three args", lambda: ModuleType("a", "b", "c"))
show("name twice", lambda: ModuleType("a", name="b"))
show("bad keyword", lambda: ModuleType("a", spam=1))
m = ModuleType(name="foo", doc="foodoc")
print(sorted(m.__dict__.items()))
m.bar = 42
d = m.__dict__
m.__init__("foo", "other")
print(m.__doc__, m.bar, m.__dict__ is d, sorted(m.__dict__))
m.__loader__ = 1
m.__init__("foo")
print(m.__loader__, m.__doc__)

# ---- uninitialised modules ----
u = ModuleType.__new__(ModuleType)
print(u.__dict__, dir(u), repr(u), u.__doc__ == ModuleType.__doc__, bool(ModuleType.__doc__))
show("u.__name__", lambda: u.__name__)
show("u.missing", lambda: u.missing)
show("m.missing", lambda: m.missing)
del m.__name__
show("nameless", lambda: m.missing)
m.__name__ = 5
show("int __name__", lambda: m.missing)

# ---- __annotations__ ----
a = ModuleType("ann")
print("__annotations__" in a.__dict__, a.__annotations__, "__annotations__" in a.__dict__)
a.__annotations__ = {"x": int}
print(a.__dict__["__annotations__"])
del a.__annotations__
show("double delete", lambda: delattr(a, "__annotations__"))


class BadDict(ModuleType):
    __dict__ = 8


show("dir bad __dict__", lambda: dir(BadDict("b")))
show("annotations bad __dict__", lambda: BadDict("b").__annotations__)


# ---- repr ----
class Loader:
    pass


def rep(**attrs):
    r = ModuleType("foo")
    for k, v in attrs.items():
        if v is del_:
            delattr(r, k)
        else:
            setattr(r, k, v)
    return repr(r).replace(__name__, "MAIN")


del_ = object()
print(rep())
print(rep(__name__=del_))
print(rep(__file__="/tmp/foo.py"))
print(rep(__name__=del_, __file__="/tmp/foo.py"))
print(rep(__loader__=Loader))
print(rep(__name__=del_, __loader__=Loader))
print(rep(__loader__=Loader, __file__="/tmp/foo.py"))
ns_loader = importlib.machinery.NamespaceLoader("foo", ["bar"], "baz")
print(rep(__loader__=ns_loader, __spec__=importlib.machinery.ModuleSpec("foo", ns_loader)))
spec = importlib.machinery.ModuleSpec("foo", None, origin="/somewhere/foo.py")
spec.has_location = True
print(rep(__spec__=spec))
print(repr(sys), repr(types).startswith("<module 'types' from '"))

# ---- NotImplemented in a boolean context, None.__ne__ ----
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    print(bool(NotImplemented), "yes" if NotImplemented else "no")
print([(x.category.__name__, str(x.message)) for x in w])
with warnings.catch_warnings():
    warnings.simplefilter("error")
    show("as error", lambda: bool(NotImplemented))
print(None.__ne__(None), None.__ne__(0), None.__eq__(None))

# ---- bytearray.join ----
arr = bytearray(b",")


def clearing():
    arr.clear()
    yield b"A"


show("join resize", lambda: arr.join(clearing()))
print(bytearray(b"-").join(x for x in [b"a", b"b"]))

# ---- dir ----
try:
    raise ValueError
except ValueError as e:
    print(dir(e.__traceback__))


class Locals:
    def __getitem__(self, key):
        if key == "a":
            return 12
        raise KeyError(key)

    def keys(self):
        return ["z", "x", "y"]


g = {"__builtins__": __builtins__}
print(eval("a", g, Locals()), eval("dir()", g, Locals()))
show("missing name", lambda: eval("b", g, Locals()))


class BadKeys(Locals):
    def keys(self):
        return 1


show("dir bad keys", lambda: eval("dir()", g, BadKeys()))


# ---- globals and builtins that are not plain dicts ----
class Refusing(Exception):
    pass


class RefusingDict(dict):
    def __getitem__(self, key):
        raise Refusing(key)


class Upper(dict):
    def __getitem__(self, key):
        return key.upper()


show("name in subclass globals", lambda: exec("x = globalname", RefusingDict(globalname=1)))
show("global in subclass globals", lambda: exec("def f(): return gname\nf()", RefusingDict(gname=1)))
show("subclass builtins", lambda: exec("superglobal", {"__builtins__": RefusingDict(superglobal=1)}))
ns = {"__builtins__": Upper()}
exec("def f(): return hello\nr = f()", ns)
print(ns["r"])
code = compile("import foo.bar", "test", "exec")
show("no __import__", lambda: exec(code, {"__builtins__": types.MappingProxyType({})}))
ns = {"__builtins__": types.MappingProxyType({"__import__": lambda *args: args})}
exec(code, ns)
print(ns["foo"][0], ns["foo"][1] is ns, ns["foo"][2] is ns, ns["foo"][3:])


# ---- input() with a stdout that cannot flush ----
class NoFlush:
    def write(self, s):
        pass


saved = sys.stdin, sys.stdout
try:
    sys.stdin = io.StringIO("first line\nsecond\n")
    sys.stdout = NoFlush()
    got = input("prompt"), input()
finally:
    sys.stdin, sys.stdout = saved
print(got)

# ---- breakpoint() with an unimportable PYTHONBREAKPOINT ----
saved_env = os.environ.get("PYTHONBREAKPOINT")
try:
    for envar in (".", ".int", "int.", "..foo.bar", "nosuchbuiltin", "nosuchmodule.nosuchcallable", "os.nope"):
        os.environ["PYTHONBREAKPOINT"] = envar
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            r = breakpoint()
        print(repr(envar), r, [(x.category.__name__, str(x.message)) for x in w])
finally:
    if saved_env is None:
        os.environ.pop("PYTHONBREAKPOINT", None)
    else:
        os.environ["PYTHONBREAKPOINT"] = saved_env

# ---- relative imports without a package ----
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    show("no package", lambda: __import__("", {"__package__": None, "__spec__": None, "__name__": "__main__"},
                                          {}, ("foo",), 1))
    spec = importlib.machinery.ModuleSpec("a.b", None)
    show("package vs spec", lambda: __import__("", {"__package__": "nosuchpkg", "__spec__": spec, "__name__": "q"},
                                               {}, ("foo",), 1))
print([(x.category.__name__, str(x.message)) for x in w])

# ---- type() ----
A = type("A", (), {"__firstlineno__": 42})
print(A.__dict__["__firstlineno__"], A.__module__)
A.__module__ = "elsewhere"
print("__firstlineno__" in A.__dict__, A.__module__)
A.__firstlineno__ = 43
print(A.__dict__["__firstlineno__"])


class P[T]:
    pass


P.__type_params__ = "whatever"
print(P.__type_params__)
show("del __type_params__", lambda: delattr(P, "__type_params__"))
show("int.__type_params__", lambda: setattr(int, "__type_params__", ()))
for doc in "x", "\xc4", "x\x00y", b"x", 42, None:
    print(repr(type("D", (), {"__doc__": doc}).__doc__))
show("surrogate doc", lambda: type("D", (), {"__doc__": "x\udcdcy"}))
D = type("D", (), {})
D.__doc__ = "x\udcdcy"
print(ascii(D.__doc__))
