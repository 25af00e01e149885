# contextvars (_contextvars): ContextVar get/set/reset, Token, Context mapping and run() nesting, copy_context,
# per-thread contexts, and the error messages.
import contextvars
import re
import threading
from contextvars import Context, ContextVar, Token, copy_context


def clean(s):
    return re.sub(r"0x[0-9a-f]+", "0xADDR", s)


def attempt(f, *a, **k):
    try:
        r = f(*a, **k)
        print("ok", clean(repr(r)))
    except Exception as e:
        print(type(e).__name__, clean(str(e)))


print(contextvars.__all__ if hasattr(contextvars, "__all__") else None)
import _contextvars
print(_contextvars.__doc__, sorted(n for n in dir(_contextvars) if not n.startswith("__")))
print(ContextVar.__module__, Context.__qualname__, Token.__name__)

a = ContextVar("a")
b = ContextVar("b", default=10)
print(clean(repr(a)), clean(repr(b)), a.name, b.name)
attempt(a.get)
print(a.get(5), b.get(), b.get(7))
ta = a.set(1)
print(clean(repr(ta)), ta.var is a, ta.old_value is Token.MISSING, repr(Token.MISSING))
print(a.get(), a.get(5))
ta2 = a.set(2)
print(ta2.old_value, a.get())
a.reset(ta2)
print(a.get(), clean(repr(ta2)))
attempt(a.reset, ta2)
attempt(b.reset, ta)
attempt(a.reset, 5)
a.reset(ta)
print(a.get("unset"))

# Context as a mapping, snapshots and equality
a.set("x")
b.set("y")
ctx = copy_context()
print(len(ctx), a in ctx, ctx[a], ctx.get(b), ctx.get(ContextVar("z")), ctx.get(ContextVar("z"), 0))
print(sorted(v.name for v in ctx), sorted(ctx.values()), sorted((k.name, v) for k, v in ctx.items()))
k = ctx.keys()
print(type(k).__name__, len(k), iter(k) is k, len(list(k)), len(list(k)), len(k))
attempt(ctx.__getitem__, ContextVar("q"))
attempt(ctx.__getitem__, 1)
attempt(ctx.__contains__, "a")
attempt(ctx.get)
print(ctx == copy_context(), ctx != copy_context(), Context() == Context(), ctx == 1, ctx.__eq__(1))
a.set("changed")
print(ctx[a], a.get(), ctx == copy_context())
attempt(hash, ctx)
print(hash(a) == hash(a), hash(a) != hash("a"))

# Context.run: isolation, nesting, return values, exceptions
def show(tag):
    print(tag, a.get("-"), b.get())

empty = Context()
empty.run(show, "empty")
def inner():
    a.set("inner")
    show("inner")
    return "ret"
def outer():
    show("outer-start")
    a.set("outer")
    print(empty.run(inner))
    show("outer-after")
    attempt(ctx.run, show, "again")
    c2 = copy_context()
    c2.run(show, "copy")
    return c2
c2 = ctx.run(outer)
show("top")
print(ctx[a], c2[a], len(c2))
attempt(ctx.run)
attempt(ctx.run, lambda *x, **y: (x, y), 1, 2, k=3)
def boom():
    a.set("boom")
    1 / 0
attempt(Context().run, boom)
print(a.get())

# a token from another context
tok = empty.run(a.set, "e")
attempt(a.reset, tok)
print(empty[a])

# constructor errors
attempt(ContextVar)
attempt(ContextVar, 1)
attempt(ContextVar, "n", 1)
attempt(ContextVar, "n", default=1, extra=2)
attempt(ContextVar, "n", extra=2)
attempt(Context, 1)
attempt(Context, a=1)
attempt(Token)
attempt(type(Token.MISSING))
attempt(copy_context, 1)
attempt(a.get, 1, 2)
for t in (ContextVar, Context, Token):
    try:
        class Sub(t):
            pass
    except TypeError as e:
        print(t.__name__, e)
print(ContextVar[int], Token[str])
nd = ContextVar("nd", default=[])
nd.get().append(nd)
print(clean(repr(nd)))

# threads: each new thread starts with an empty context
results = {}
def worker(i):
    results[i] = [a.get("fresh")]
    a.set(i)
    results[i].append(a.get())
    c = copy_context()
    results[i].append(c[a])
ths = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
for t in ths:
    t.start()
for t in ths:
    t.join()
print(sorted(results.items()), a.get())

# a context captured in one thread and run in another
cap = copy_context()
out = []
t = threading.Thread(target=lambda: out.append(cap.run(lambda: (a.get(), b.get()))))
t.start()
t.join()
print(out)

# entering a context that another thread is inside
ev_in = threading.Event()
ev_go = threading.Event()
shared = Context()
def hold():
    ev_in.set()
    ev_go.wait()
t = threading.Thread(target=lambda: shared.run(hold))
t.start()
ev_in.wait()
attempt(shared.run, print, "never")
ev_go.set()
t.join()
shared.run(print, "entered after release")

# many variables
vs = [ContextVar(f"v{i}", default=-1) for i in range(50)]
def fill():
    for i, v in enumerate(vs):
        v.set(i * i)
    return sum(v.get() for v in vs)
c3 = Context()
print(c3.run(fill), len(c3), sum(c3.values()), vs[7].get())
