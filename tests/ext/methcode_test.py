# methcode: PyCMethod_Type, instancemethod and code objects built from C (tests/ext/methcode.c).
import re
import threading
import types

import methcode
from exttest import err, section
from methcode import Thing


def noaddr(s):
    return re.sub(r"0x[0-9a-fA-F]+", "0x...", s)


# ---- METH_METHOD functions are PyCMethod_Type objects ----
section("PyCMethod_Type")
t = Thing()
bound = t.who
print(type(bound).__name__, type(bound).__mro__[1].__name__, type(bound).__module__)
print(isinstance(bound, types.BuiltinFunctionType), type(bound) is types.BuiltinMethodType)
print("kinds bound who:", methcode.kinds(bound))
print("kinds plain:", methcode.kinds(t.plain), type(t.plain).__name__)
print("kinds len:", methcode.kinds(len), "kinds a lambda:", methcode.kinds(lambda: 0))
print(bound())
print(bound(1, 2, k=3))
print(t.who(*range(3)), Thing.who(t, x=1))
print(bound.__name__, bound.__qualname__, bound.__self__ is t, bound.__doc__, bound.__text_signature__)
print(noaddr(repr(bound)))
f = methcode.cmethod("SELF")
print(type(f).__name__, "kinds:", methcode.kinds(f), f.__module__, f.__self__)
print(f(), f(1, a=2))
print(err(f, *range(2), **{"z": 0}))
print("errors:", methcode.bad_cmethods())
print(err(type(bound)), err(type(bound), 1))


class Sub(Thing):
    pass


print(Sub().who(), methcode.kinds(Sub().who))
# Called many times from a loop (the interpreter's CALL path for C functions) and through a bound-method lookup.
print([Thing().who(i)[-25:] for i in range(3)])
w = Thing().who
print(sum(len(w(i)) for i in range(1000)))
print(err(lambda: type("X", (type(bound),), {})))

# ---- instancemethod ----
section("instancemethod")


def pyfunc(self, x=1):
    "pyfunc's doc"
    return ("pyfunc", type(self).__name__, x)


pyfunc.attr = "an attribute"
im = methcode.im_new(pyfunc)
IM = type(im)
print(IM.__name__, IM.__module__, IM.__qualname__, IM.__doc__, [c.__name__ for c in IM.__mro__])
print(sorted(set(dir(IM)) - set(dir(object))))
print(noaddr(repr(im)), noaddr(repr(methcode.im_new(len))), noaddr(repr(methcode.im_new(Thing()))))
print(methcode.im_check(im), methcode.im_check(pyfunc), methcode.im_check(None))
print(methcode.im_function(im) is pyfunc, methcode.im_get_function(im) is pyfunc, im.__func__ is pyfunc)
r = err(methcode.im_function, pyfunc)
print(r.split(":")[0] if "bad argument to internal function" in r else r)
print(im.__doc__, im.__name__, im.attr, im.__module__, im.__class__.__name__)
print(err(getattr, im, "missing"))
print(err(setattr, im, "attr", 2), err(setattr, im, "__func__", 2))
print(im(Thing(), 5))


class Host:
    m = im
    d = methcode.im_new(methcode.describe)
    c = methcode.im_new(len)


h = Host()
print(Host.m is pyfunc, Host.__dict__["m"] is im)
print(h.m(), h.m(x=7), noaddr(repr(h.m)), h.m.__self__ is h, h.m.__func__ is pyfunc)
print(h.d(1, 2)[:18], Host.d is methcode.describe, Host.d(1, 2))
print(err(h.c), Host.c("abc"))
print(im.__get__(None, Host) is pyfunc, noaddr(repr(im.__get__(5))), noaddr(repr(im.__get__(5, int))))
print(err(im.__get__, None, None))
print(im == methcode.im_new(pyfunc), im != methcode.im_new(pyfunc), im == pyfunc, im != methcode.im_new(len))
print(err(lambda: im < im), err(hash, im), IM.__hash__)


class Eq:
    def __call__(self):
        return "called"

    def __eq__(self, other):
        print("  Eq.__eq__")
        return True

    __hash__ = None


a, b = Eq(), Eq()
print(methcode.im_new(a) == methcode.im_new(b), methcode.im_new(a) == methcode.im_new(a))
print(err(IM, 1), err(IM), err(IM, pyfunc, x=1), err(IM, pyfunc, pyfunc))
print(noaddr(repr(IM(pyfunc))), IM(pyfunc).__func__ is pyfunc)
print(err(lambda: type("S", (IM,), {})))
nc = methcode.im_new(3)
print(noaddr(repr(nc)), err(nc), nc.__func__)


class BadName:
    @property
    def __name__(self):
        raise ValueError("no name")


print(err(repr, methcode.im_new(BadName())))

# ---- code objects from C ----
section("code objects")


def add(a, b, /, c=1, *, d=2):
    total = a + b + c + d

    def inner():
        return total

    return inner()


c = add.__code__
parts = (c.co_argcount, c.co_posonlyargcount, c.co_kwonlyargcount, c.co_nlocals, c.co_stacksize, c.co_flags,
         c.co_code, c.co_consts, c.co_names, c.co_varnames, c.co_freevars, c.co_cellvars, c.co_filename, "add2",
         "X.add2", c.co_firstlineno, c.co_linetable, c.co_exceptiontable)
c2 = methcode.code_new(*parts)
print(type(c2).__name__, c2.co_name, c2.co_qualname, c2.co_varnames, c2.co_cellvars, c2.co_freevars)
print(c2.co_argcount, c2.co_posonlyargcount, c2.co_kwonlyargcount, c2.co_nlocals, c2.co_flags == c.co_flags)
print(c2.co_code == c.co_code, c2.co_consts == c.co_consts, c2.co_linetable == c.co_linetable, c2 == c)
f2 = types.FunctionType(c2, globals(), "add2", (10,), None)
f2.__kwdefaults__ = {"d": 100}
print(f2(1, 2), f2(1, 2, 3, d=4), err(f2, 1, b=2))
print(list(c2.co_lines()) == list(c.co_lines()))
print("code_parts:", methcode.code_parts(c2)[1:], methcode.code_parts(c2)[0] == c.co_code)
print("code_parts of add:", methcode.code_parts(c)[1:])
inner_code = [k for k in c.co_consts if isinstance(k, types.CodeType)][0]
print("code_parts of inner:", methcode.code_parts(inner_code)[1:])
old_parts = parts[:1] + parts[2:]
c3 = methcode.code_new_old(*old_parts[:12], "add3", "add3", *old_parts[14:])
print(c3.co_name, c3.co_posonlyargcount, c3.co_argcount)
# Without code: what Cython makes for its functions' __code__.
e = methcode.code_new(2, 0, 0, 3, 0, 0, b"", (), (), ("x", "y", "z"), ("fv",), ("z", "cv"), "e.pyx", "e", "m.e", 9,
                      b"", b"")
print(e.co_code, e.co_stacksize, e.co_varnames, e.co_cellvars, e.co_freevars, e.co_filename, e.co_qualname,
      e.co_firstlineno, e.co_nlocals)
print("code_parts:", methcode.code_parts(e), methcode.addr2line(e, 0), methcode.addr2line(e, -1))
# The argument checks, in CPython's order. CPython's SystemError names its own source line, so only the type shows.
base = [0, 0, 0, 0, 0, 0, b"", (), (), (), (), (), "f.py", "n", "q", 1, b"", b""]


def attempt(**changes):
    keys = ["argcount", "posonly", "kwonly", "nlocals", "stacksize", "flags", "code", "consts", "names", "varnames",
            "freevars", "cellvars", "filename", "name", "qualname", "firstlineno", "linetable", "exceptiontable"]
    args = list(base)
    for k, v in changes.items():
        args[keys.index(k)] = v
    r = err(methcode.code_new, *args)
    return r.split(":")[0] if r.startswith("SystemError") and "bad argument" in r else r


for changes in [dict(code="x"), dict(consts=[]), dict(argcount=-1), dict(posonly=1), dict(stacksize=-1),
                dict(flags=-1), dict(filename=b"f"), dict(qualname=1), dict(linetable="x"), dict(varnames=["a"]),
                dict(code=b"abc"), dict(nlocals=1), dict(argcount=1), dict(kwonly=1), dict(flags=4),
                dict(code=b"abc", nlocals=5), dict(nlocals=1, argcount=2, varnames=("a",)),
                dict(varnames=("a", 1), nlocals=1), dict(names=(1,)), dict(cellvars=(1,)), dict(freevars=(b"",))]:
    print(" ", changes, "->", attempt(**changes))
print(attempt(stacksize=5).split(" at ")[0], methcode.code_new(*base[:4], 5, *base[5:]).co_stacksize)

# PyCode_NewEmpty: code that raises AssertionError, on one line.
ce = methcode.code_empty("empty.py", "emptyfunc", 42)
print(noaddr(repr(ce)), ce.co_code, ce.co_linetable, ce.co_stacksize, ce.co_consts, ce.co_names, ce.co_flags)
print(list(ce.co_lines()), list(ce.co_positions()))
print(err(exec, ce), err(types.FunctionType(ce, {})))
print([methcode.addr2line(ce, a) for a in (-1, 0, 2, 4, 6)], methcode.addr2location(ce, 0))

# PyCode_Addr2Line / Addr2Location against co_positions.
pos = list(c.co_positions())
lines = [methcode.addr2line(c, 2 * i) for i in range(len(pos))]
print(lines == [p[0] if p[0] is not None else -1 for p in pos], methcode.addr2line(c, -1) == c.co_firstlineno)
locs = [methcode.addr2location(c, 2 * i) for i in range(len(pos))]
print(all(l[0] == 1 for l in locs),
      [l[1:] for l in locs] == [(p[0], p[2], p[1], p[3]) if p[0] is not None else (-1, -1, -1, -1) for p in pos])
print(methcode.addr2location(c, -1)[1:] == (c.co_firstlineno, 0, c.co_firstlineno, 0))

# ---- extra data ----
section("extra data")
iobj = methcode.extra_index(1)
iint = methcode.extra_index(0)
icnt = methcode.extra_index(2)
print(iint == iobj + 1, icnt == iint + 1)
code = methcode.code_empty("x.py", "holder", 1)
print(methcode.extra_get_obj(code, iobj), methcode.extra_get_int(code, iint), methcode.extra_get_int(code, 250),
      methcode.extra_get_int(code, -1))


class Tracked:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("  freed", self.name)


methcode.extra_set_obj(code, iobj, Tracked("first"))
print(methcode.extra_get_obj(code, iobj).name)
methcode.extra_set_obj(code, iobj, Tracked("second"))
print(methcode.extra_get_obj(code, iobj).name)
methcode.extra_set_int(code, iint, 12345)
methcode.extra_set_int(code, icnt, 7)
print(methcode.extra_get_int(code, iint), methcode.extra_get_int(code, icnt), methcode.counted_frees())
methcode.extra_set_int(code, icnt, 8)
methcode.extra_set_int(code, icnt, 8)
print(methcode.extra_get_int(code, icnt), methcode.counted_frees())
methcode.extra_set_int(code, icnt, 0)
print(methcode.extra_get_int(code, icnt), methcode.counted_frees())
methcode.extra_set_int(code, icnt, 9)
# Extra data on a function's code object, and on another code object: kept apart.
methcode.extra_set_int(add.__code__, iint, 1)
print(methcode.extra_get_int(add.__code__, iint), methcode.extra_get_int(code, iint),
      methcode.extra_get_obj(add.__code__, iobj))
print("deleting the code object")
del code
print("counted frees:", methcode.counted_frees())
for args in [(add.__code__, 200, 1), (add.__code__, -1, 1), (add, iint, 1), (None, iint, 1)]:
    r = err(methcode.extra_set_int, *args)
    print(r.split(":")[0] if "bad argument" in r else r)
r = err(methcode.extra_get_int, add, iint)
print(r.split(":")[0] if "bad argument" in r else r)

# Threads, each with an index of its own on one code object, whose extra block grows while they run.
shared = methcode.code_empty("shared.py", "shared", 1)
indices = [methcode.extra_index(0) for _ in range(8)]
results = [None] * 8


def churn(n):
    results[n] = methcode.extra_churn(shared, indices[n], indices[(n + 1) % 8], n + 1, 20000)


threads = [threading.Thread(target=churn, args=(n,)) for n in range(8)]
for th in threads:
    th.start()
for th in threads:
    th.join()
print("mismatches per thread:", results)
print("last values:", [methcode.extra_get_int(shared, i) for i in indices])

# PyFunction_New / NewWithQualName and the setters.
def scale(x, k=2, *, off=0):
    return x * k + off


fg = {"__name__": "fmod", "base": 100}
nf = methcode.func_new(scale.__code__, fg)
print(nf.__name__, nf.__qualname__, nf.__module__, nf.__globals__ is fg, nf.__defaults__, nf(3, 1, off=0))
nq = methcode.func_new(scale.__code__, fg, "Outer.scale")
print(nq.__qualname__)
print(methcode.func_set("defaults", nq, (5,)), nq(1, off=1), nq.__defaults__)
print(methcode.func_set("kwdefaults", nq, {"off": 7}), nq(1), nq.__kwdefaults__)
print(methcode.func_set("defaults", nq, None), nq.__defaults__)
print(methcode.func_set("annotations", nq, {"x": int}), nq.__annotations__)
print(methcode.func_set("annotations", nq, None), nq.__annotations__)
for which, v in [("defaults", [1]), ("kwdefaults", (1,)), ("annotations", 3), ("closure", 5)]:
    print(which, err(methcode.func_set, which, nq, v))
print(err(methcode.func_new, scale.__code__, 5).split(":")[0])


def outer():
    y = 10

    def inner():
        return y

    return inner


inner = outer()
cell = inner.__closure__[0]
ni = methcode.func_new(inner.__code__, globals())
print(methcode.func_set("closure", ni, (cell,)), ni())
print("done")
