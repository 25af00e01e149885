# _opcode (and the opcode module built on it): every opcode number's flags and stack effects, as CPython 3.13
# reports them, plus the descriptor lists and the error cases.
import _opcode
import opcode

FLAGS = ("is_valid", "has_arg", "has_const", "has_name", "has_jump", "has_free", "has_local", "has_exc")
OPARGS = (None, 0, 1, 2, 3, 4, 7, 8, 16, 255, 256, 258, 0x1FF, 0x10203)


def effect(op, oparg, jump):
    try:
        if oparg is None:
            return _opcode.stack_effect(op, jump=jump)
        return _opcode.stack_effect(op, oparg, jump=jump)
    except ValueError as e:
        return "VE"


for op in range(-3, 300):
    flags = "".join(str(int(getattr(_opcode, f)(op))) for f in FLAGS)
    effects = [effect(op, a, j) for a in OPARGS for j in (None, True, False)]
    # Collapse the common cases to keep the output readable.
    if all(e == "VE" for e in effects):
        shown = "invalid"
    elif len(set(effects)) == 1:
        shown = str(effects[0])
    else:
        shown = " ".join(map(str, effects))
    print(op, opcode.opname[op] if 0 <= op < len(opcode.opname) else "-", flags, shown)

print(_opcode.get_intrinsic1_descs())
print(_opcode.get_intrinsic2_descs())
print(_opcode.get_nb_ops())
print(_opcode.get_specialization_stats())
print(opcode.hasarg, opcode.hasconst, opcode.hasname, opcode.hasjump, opcode.hasfree, opcode.haslocal, opcode.hasexc)
print(opcode.stack_effect is _opcode.stack_effect, _opcode.is_valid(opcode=83), _opcode.has_arg(True))

def show(f, *args, **kw):
    try:
        print(f.__name__, args, kw, "->", f(*args, **kw))
    except Exception as e:
        print(f.__name__, args, kw, "->", type(e).__name__, e)

show(_opcode.stack_effect, 47, -1)
show(_opcode.stack_effect, 47, 2**31)
show(_opcode.stack_effect, 47, 2**64)
show(_opcode.stack_effect, 47, "x")
show(_opcode.stack_effect, 47, 1.5)
show(_opcode.stack_effect, 47, 1, jump=1)
show(_opcode.stack_effect, 47, 1, jump="x")
show(_opcode.stack_effect, 2**40)
show(_opcode.is_valid, 2**70)
show(_opcode.has_arg, 1.0)
show(_opcode.has_name, "x")
show(_opcode.get_executor, 1, 2)
try:
    _opcode.get_executor(show.__code__, 0)
except RuntimeError as e:
    print("get_executor:", e)
