# dis on pyvm: dis.dis, get_instructions, Bytecode, code_info and stack_effect over a few small functions
# (importing dis needs _opcode and code._varname_from_oparg).
import builtins
import dis
import io
import opcode
import re


def print(*args, file=None, **kw):
    # Code object reprs carry addresses; everything printed goes through here without them.
    buf = io.StringIO()
    builtins.print(*args, file=buf, **kw)
    (file or __import__("sys").stdout).write(re.sub(r" at 0x[0-9a-f]+", " at 0x...", buf.getvalue()))


def simple(a, b=2, *args, **kw):
    x = a + b
    if x > 10:
        return x * len(args)
    while x:
        x -= 1
    return kw.get("k", x)


def with_try(path):
    try:
        f = open(path)
    except OSError as e:
        raise ValueError("no") from e
    finally:
        print("done")


def closure(n):
    total = 0

    def inner(k):
        nonlocal total
        total += k
        return total

    return inner


def calls(obj):
    obj.method(1, key=2)
    del obj.attr
    global G
    G = obj[1:2]
    return f"{obj!r:>10} {G}"


for f in (simple, with_try, closure, calls):
    print("===", f.__name__)
    out = io.StringIO()
    dis.dis(f, file=out)
    print(out.getvalue(), end="")
    out = io.StringIO()
    dis.dis(f, file=out, show_caches=True)
    print(len(out.getvalue().splitlines()), "lines with caches")
    for ins in dis.get_instructions(f):
        print(ins.opname, ins.opcode, ins.arg, repr(ins.argval), repr(ins.argrepr), ins.offset, ins.start_offset,
              ins.starts_line, ins.line_number, ins.label, ins.is_jump_target, tuple(ins.positions))

print(dis.code_info(simple))
out = io.StringIO()
dis.show_code(closure, file=out)
print(out.getvalue(), end="")
bc = dis.Bytecode(simple)
print(bc.info() == dis.code_info(simple))
for ins in bc:
    print(ins.opname, end=" ")
print()
print([dis.stack_effect(dis.opmap[n], 3) for n in ("BUILD_LIST", "CALL", "UNPACK_SEQUENCE", "BUILD_MAP")])
print(dis.stack_effect(dis.opmap["POP_TOP"]), opcode.opname[dis.opmap["LOAD_CONST"]])
print(dis.findlinestarts(simple.__code__) is not None, list(dis.findlabels(simple.__code__.co_code)))
print(len(dis.opname), dis.HAVE_ARGUMENT, dis.EXTENDED_ARG, sorted(dis.COMPILER_FLAG_NAMES.items()))
