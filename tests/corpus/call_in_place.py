# CALL and CALL_KW run Python functions in place (no C recursion): tracebacks, frames, binding errors, recursion
# limits, deep recursion, tracing switched on and off inside in-place frames, generators and coroutines around them.
import sys, traceback
def a(x): return b(x) + 1
def b(x): return c(x) * 2
def c(x):
    if x == 0: raise ValueError("boom")
    return sys._getframe(1).f_code.co_name, sys._getframe(2).f_lineno
try: a(0)
except ValueError: traceback.print_exc(file=sys.stdout)
def d(x): return c(x)
print(d(1))
def rec(n): return rec(n+1)
try: rec(0)
except RecursionError as e: print("RecursionError", e)
sys.setrecursionlimit(100000)
def deep(n): return 0 if n == 0 else 1 + deep(n-1)
print(deep(50000))
def g():
    yield h(1)
def h(x): return x + 1
print(list(g()))
def k(x):
    try:
        return c(0)
    except ValueError as e:
        return "caught " + str(e)
print(k(1))
class A:
    def m(self, y): return self.n(y) + 1
    def n(self, y): return y * 3
print(A().m(4))
def tr(frame, event, arg):
    if event in ('call', 'return'): print(event, frame.f_code.co_name)
    return tr
def p(x): return q(x)
def q(x): return x
sys.settrace(tr); p(1); sys.settrace(None)
def z(a, b=2): return a + b
print(z(1))
import gc
def f_del():
    class D:
        def __del__(self): print("del", sys._getframe(1).f_code.co_name)
    x = D()
    return 5
print(f_del())
def kw(a, b=2, *, c=3, **k): return (a, b, c, sorted(k.items()))
print(kw(1, c=5, z=1), kw(a=0), kw(1, 2))
def va(*a, **k): return a, k
print(va(1, 2, x=3))
try: kw()
except TypeError as e: print(e)
try: kw(1, 2, 3)
except TypeError as e: print(e)
try: kw(1, b=2, a=3)
except TypeError as e: print(e)
class C:
    def m(self, x, y=1): return x + y
    @staticmethod
    def s(x): return x
    @classmethod
    def c(cls, x): return cls.__name__, x
o = C()
print(o.m(1), o.m(1, y=5), C.m(o, 2), o.s(3), o.c(4), C.c(x=5))
f = o.m
print(f(10), f(x=3, y=3))
def outer():
    v = 1
    def inner(a): return a + v
    return inner(2)
print(outer())
import functools
print(functools.reduce(lambda a, b: a + b, range(10)))
def many(*args): return len(args)
print(many(*range(300)))
def big(a0,a1,a2,a3,a4,a5,a6,a7,a8,a9,a10,a11,a12,a13,a14,a15,a16,a17,a18,a19): return a19
print(big(*range(20)), big(0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19))
exec("def huge(" + ",".join(f"p{i}" for i in range(300)) + "): return p299\nprint(huge(" + ",".join(str(i) for i in range(300)) + "))")
def gen(): yield from (kw(i) for i in range(2))
print(list(gen()))
import asyncio
async def co(x): return await asyncio.sleep(0, x)
async def main(): return [await co(i) for i in range(3)]
print(asyncio.run(main()))
def exc_in_finally():
    try:
        return kw()
    finally:
        print("finally", sys.exc_info()[0])
try: exc_in_finally()
except TypeError as e: print("TE", e)
def lim(n): return lim(n + 1) if n < 10**6 else n
sys.setrecursionlimit(2000)
try: lim(0)
except RecursionError as e: print(e)
def tracer(frame, event, arg):
    if event != 'line': print(event, frame.f_code.co_name, arg if event == 'return' else '')
    return tracer
def inner_sets():
    sys.settrace(tracer)
    return 1
def middle(): return inner_sets() + 1
def top():
    x = middle() + 1
    return leaf(x)
def leaf(x): return x * 2
print(top()); sys.settrace(None)
def inner_unsets():
    sys.settrace(None)
    return 1
def m2(): return inner_unsets() + leaf(1)
sys.settrace(tracer); print(m2())
