# The _ast module as CPython 3.13 shows it: classes, fields, docs, constructors, parse/dump, compile of trees.
import ast, _ast, warnings

names = sorted(n for n in dir(_ast) if isinstance(getattr(_ast, n), type) and issubclass(getattr(_ast, n), _ast.AST))
print(len(names))
for n in names:
    c = getattr(_ast, n)
    d = c.__dict__
    print(n, [b.__name__ for b in c.__mro__], c._fields, getattr(c, "_attributes", None), c.__match_args__,
          c.__module__)
    print("  doc:", c.__doc__)
    if "_field_types" in d:
        print("  types:", {k: repr(v) for k, v in d["_field_types"].items()}, d["__annotations__"] is d["_field_types"])
    print("  defaults:", sorted(k for k, v in d.items() if v is None and not k.startswith("__")))
print([n for n in dir(_ast) if not isinstance(getattr(_ast, n), type) and not n.startswith("__")])
print(_ast.PyCF_ONLY_AST, _ast.PyCF_TYPE_COMMENTS, _ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, _ast.PyCF_OPTIMIZED_AST)

# Constructors: positional, keywords, defaults and the 3.13 deprecation warnings.
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    b = ast.BinOp()
    print(sorted(b.__dict__), sorted(str(x.message) for x in w))
    w.clear()
    b = ast.BinOp(left=1, foo=2, lineno=3)
    print(sorted(b.__dict__.items()), sorted(str(x.message) for x in w))
    w.clear()
    print(ast.Name().__dict__.keys(), ast.Return().__dict__, ast.ImportFrom().__dict__, ast.Constant().__dict__)
    print(ast.Name("x").ctx is ast.Load(), type(ast.Name("x").ctx).__name__, ast.Name("x").ctx is ast.Name("y").ctx)
    print(sorted(str(x.message) for x in w))
for args, kw in [((1, 2, 3, 4), {}), ((1,), {"left": 2})]:
    try:
        ast.BinOp(*args, **kw)
    except TypeError as e:
        print("TypeError:", e)
class C(ast.AST):
    _fields = ("a", "b")
print(C(1).__dict__, C(1, b=2).__dict__)
a = ast.AST(); a.x = 1
print(a.__dict__, a.__reduce__())
print(ast.Constant(1).__reduce__()[1:], ast.Pass().__reduce__()[1:], ast.Name("x").__reduce__()[1])

# Parsing: every mode, positions, dump options.
src = '''
import os, sys as s
from . import x
@dec
async def f(a, /, b: int = 1, *args, c, d=2, **kw) -> None:
    """doc"""
    global g
    x: int = 1
    async for i in y: pass
    async with a as (b, c): pass
    try:
        pass
    except* ValueError as e:
        raise X from e
    finally:
        del a[1:2, ::3]
    return [i async for i in z if i], {k: v for k, v in d}, {*a}, (yield), f"{x!r:>{w}}"
class K[T: int, *Ts, **P](B, metaclass=M):
    type A[X] = list[X]
    def m(self): return lambda x, *, y=1: (x := y)
match p:
    case [1, *rest] | {"k": 2, **kw}: pass
    case Point(x=0, y=_) if x: pass
    case None | True | -1 | 1+2j | a.b as c: pass
while not a < b <= c is not d: break
else: continue
assert x, "m"
'''
t = ast.parse(src)
print(ast.dump(t, include_attributes=True))
print(ast.dump(ast.parse("1+2", mode="eval"), indent=2))
print(ast.dump(ast.parse("x = 1", mode="single")))
print(ast.dump(ast.parse("x", "<s>", "exec"), annotate_fields=False))
print(ast.unparse(t))
for node in ast.walk(ast.parse("a.b(c)[d]")):
    print(type(node).__name__, getattr(node, "lineno", None), getattr(node, "end_col_offset", None))
print(ast.get_docstring(t.body[3]))
print(ast.get_source_segment("x = [1,\n 2]", ast.parse("x = [1,\n 2]").body[0].value))
print(ast.literal_eval("{'a': (1, -2.5, 3j, b'x', None, {1, 2}, set())}"))
try:
    ast.literal_eval("f(x)")
except ValueError as e:
    print("ValueError:", str(e).split(" at 0x")[0])
for bad in ["x = (", "def f(:\n  pass", "  x", "a +* b"]:
    try:
        ast.parse(bad)
    except SyntaxError as e:
        print(type(e).__name__, e.msg, e.lineno, e.offset)

# Compiling trees.
tree = ast.parse("total = 0\nfor i in range(5):\n    total += i\nprint('total', total)\n")
exec(compile(tree, "<tree>", "exec"))
print(compile(tree, "<tree>", "exec", ast.PyCF_ONLY_AST) is tree)
e = ast.Expression(ast.BinOp(ast.Constant(6), ast.Mult(), ast.Constant(7)))
print(eval(compile(ast.fix_missing_locations(e), "<e>", "eval")))
e = ast.Expression(ast.Constant((1, frozenset({2}), 3+4j)))
print(eval(compile(ast.fix_missing_locations(e), "<e>", "eval")))
e = ast.Expression(ast.Constant(2**100))
print(eval(compile(ast.fix_missing_locations(e), "<e>", "eval")))
class T(ast.NodeTransformer):
    def visit_Constant(self, node):
        return ast.copy_location(ast.Constant(node.value * 10), node) if isinstance(node.value, int) else node
tree = T().visit(ast.parse("print(1 + 2, 'a')"))
exec(compile(tree, "<t>", "exec"))
i = ast.Interactive([ast.Expr(ast.BinOp(ast.Constant(1), ast.Add(), ast.Constant(1)))])
exec(compile(ast.fix_missing_locations(i), "<i>", "single"))

def err(tree, mode="exec"):
    try:
        compile(tree, "<bad>", mode)
        print("compiled")
    except (TypeError, ValueError, SyntaxError, RecursionError) as e:
        print(type(e).__name__ + ":", e)

L = dict(lineno=1, col_offset=0)
err(ast.Expression(ast.Constant(1)))
err(ast.Module([ast.Pass()], []))
err(ast.Module([ast.Expr(ast.Name("x", ast.Store(), **L), **L)], []))
err(ast.Module([ast.Assign([ast.Name("x", ast.Load(), **L)], ast.Constant(1, **L), **L)], []))
err(ast.Module([ast.Assign([], ast.Constant(1, **L), **L)], []))
err(ast.Module([ast.FunctionDef("f", ast.arguments([], [], None, [], [], None, []), [], [], **L)], []))
err(ast.Module([ast.Expr(ast.Name("None", ast.Load(), **L), **L)], []))
err(ast.Module([ast.Expr(ast.Constant([1], **L), **L)], []))
err(ast.Module([ast.Expr(ast.BoolOp(ast.And(), [ast.Constant(1, **L)], **L), **L)], []))
err(ast.Module([ast.Expr(ast.Compare(ast.Constant(1, **L), [ast.Lt()], [], **L), **L)], []))
err(ast.Module([ast.Expr(ast.Dict([None], [], **L), **L)], []))
err(ast.Module([ast.Raise(None, ast.Constant(1, **L), **L)], []))
err(ast.Module([ast.Try([ast.Pass(**L)], [], [], [], **L)], []))
err(ast.Module([ast.ImportFrom("m", [ast.alias("x")], -1, **L)], []))
err(ast.Module([ast.Expr(ast.Constant(1, **L), **L)], None))
err(ast.Module([ast.Expr(ast.Constant(1, **L), **L)], ()))
err(ast.Module(body=(), type_ignores=[]))
err(ast.Module([ast.Expr(ast.Constant(1, **L))], []))
err(ast.Module([ast.Expr(ast.BinOp(ast.Constant(1, **L), ast.Add(), None, **L), **L)], []))
err(ast.Module([ast.Expr(ast.Name(1, ast.Load(), **L), **L)], []))
err(ast.Module([ast.Expr(ast.Name("x", 1, **L), **L)], []))
err(ast.Module([1], []))
err(ast.Module([ast.Expr(ast.Constant(1, **L), lineno="1", col_offset=0)], []))
err(ast.Module([ast.Expr(ast.NamedExpr(ast.Constant(1, **L), ast.Constant(1, **L), **L), **L)], []))
err(ast.Module([ast.Match(ast.Name("x", ast.Load(), **L), [ast.match_case(ast.MatchSingleton(1, **L), None, [ast.Pass(**L)])], **L)], []))
err(ast.Module([ast.Match(ast.Name("x", ast.Load(), **L), [ast.match_case(ast.MatchAs(None, "_", **L), None, [ast.Pass(**L)])], **L)], []))
err(ast.Module([ast.Match(ast.Name("x", ast.Load(), **L), [ast.match_case(ast.MatchOr([], **L), None, [ast.Pass(**L)])], **L)], []))
err(ast.Module([ast.Expr(ast.ListComp(ast.Constant(1, **L), [], **L), **L)], []))
err(ast.Module([ast.Expr(ast.Constant(1, **L), **L)], []), "eval")
err(ast.Module([ast.Global([], **L)], []))
deep = ast.Constant(1, **L)
for _ in range(100000):
    deep = ast.UnaryOp(ast.USub(), deep, **L)
err(ast.Expression(deep), "eval")
print("done")
