# Corpus: code object attributes: co_name, co_argcount, co_varnames, co_flags, co_firstlineno, co_consts, etc.
def sample(a, b, /, c, d=1, *args, e, f=2, **kw):
    "docstring"
    local1 = a + b
    local2 = [c, d]
    return local1, local2, args, e, f, kw

co = sample.__code__
print(co.co_name, co.co_qualname, co.co_argcount, co.co_posonlyargcount, co.co_kwonlyargcount, co.co_nlocals)
print(co.co_varnames, co.co_cellvars, co.co_freevars, co.co_filename, co.co_firstlineno)
print(co.co_flags & 0x04 != 0, co.co_flags & 0x08 != 0, co.co_flags & 0x20 != 0, co.co_flags & 0x80 != 0, co.co_flags & 0x01 != 0, co.co_flags & 0x02 != 0)
print(co.co_consts[0], "docstring" in co.co_consts, type(co).__name__, type(co.co_code).__name__, len(co.co_code) > 0, co.co_stacksize > 0)

def gen():
    yield 1
async def coro():
    pass
async def agen():
    yield 1
def closure_maker():
    x = 1
    y = 2
    def inner(z):
        return x + z
    def inner2():
        nonlocal y
        y += 1
        return y
    return inner, inner2
inner, inner2 = closure_maker()
flags = {"OPTIMIZED": 0x1, "NEWLOCALS": 0x2, "VARARGS": 0x4, "VARKEYWORDS": 0x8, "NESTED": 0x10, "GENERATOR": 0x20,
         "NOFREE": 0x40, "COROUTINE": 0x80, "ITERABLE_COROUTINE": 0x100, "ASYNC_GENERATOR": 0x200}
for fn in (sample, gen, coro, agen, closure_maker, inner, inner2, lambda: 0):
    c = fn.__code__
    print(c.co_name, [name for name, bit in flags.items() if c.co_flags & bit])
cm = closure_maker.__code__
print(cm.co_cellvars, cm.co_freevars, cm.co_varnames, inner.__code__.co_freevars, inner2.__code__.co_freevars, inner.__code__.co_varnames)
print(inner.__code__.co_qualname, inner.__code__.co_argcount, inner2.__code__.co_nlocals, (lambda x, y=1: 0).__code__.co_varnames)

# co_consts contains nested code objects and constants
def consts_demo():
    a = 12345
    b = "text"
    c = (1, 2, 3)
    d = None
    def nested():
        pass
    return a, b, c, d, nested
cc = consts_demo.__code__.co_consts
print([c for c in cc if isinstance(c, (int, str, tuple)) and not isinstance(c, bool)], any(type(c).__name__ == "code" for c in cc))
print([c.co_name for c in cc if type(c).__name__ == "code"], consts_demo.__code__.co_names, gen.__code__.co_names)
uses_globals = lambda: len(print.__name__) + abs(-1)
print(uses_globals.__code__.co_names, uses_globals.__code__.co_varnames, uses_globals.__code__.co_name)

# firstlineno of various definitions
class K:
    def m(self):
        pass
    @staticmethod
    def s():
        pass
print(K.m.__code__.co_firstlineno, K.s.__code__.co_firstlineno, gen.__code__.co_firstlineno, sample.__code__.co_firstlineno)
# Line table
lines = [l for _, _, l in sample.__code__.co_lines() if l is not None]
print(min(lines), max(lines), sorted(set(lines)))

# code.replace and equality
c2 = co.replace(co_name="renamed")
print(c2.co_name, c2.co_argcount, c2 == co, co == sample.__code__, hash(co) == hash(sample.__code__))
def twin1(x):
    return x + 1
def twin2(x):
    return x + 1
print(twin1.__code__ == twin2.__code__, twin1.__code__.co_name, twin2.__code__.co_name)
# Swapping __code__
def f1():
    return "f1 body"
def f2():
    return "f2 body"
f1.__code__ = f2.__code__
print(f1(), f1.__name__, f1.__code__.co_name)
try:
    f1.__code__ = 5
except TypeError as e:
    print(type(e).__name__, e)
def needs_free():
    return inner
try:
    f2.__code__ = inner.__code__
except ValueError as e:
    print(type(e).__name__, e)
try:
    co.co_name = "x"
except AttributeError as e:
    print(type(e).__name__, e)
print(sample.__code__.co_kwonlyargcount, sample.__code__.co_varnames[:sample.__code__.co_argcount + sample.__code__.co_kwonlyargcount])
