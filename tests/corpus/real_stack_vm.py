# Corpus: real program: a tiny stack-based VM with an assembler, jumps and calls.
def assemble(src):
    code = []
    labels = {}
    for text in src.strip().split("\n"):
        for line in text.split(";")[0].split("/"):
            line = line.strip()
            if not line:
                continue
            if line.endswith(":"):
                labels[line[:-1]] = len(code)
                continue
            parts = line.split()
            code.append((parts[0], parts[1] if len(parts) > 1 else None))
    return [(op, labels[arg] if arg in labels else (int(arg) if arg is not None and arg.lstrip("-").isdigit() else arg)) for op, arg in code]

class VMError(Exception):
    pass
def run(code, trace=False):
    stack = []
    calls = []
    env = {}
    pc = 0
    out = []
    steps = 0
    while pc < len(code):
        op, arg = code[pc]
        pc += 1
        steps += 1
        if trace:
            print(str(pc - 1).rjust(3), op.ljust(6), "" if arg is None else arg, stack)
        if op == "push":
            stack.append(arg)
        elif op == "load":
            stack.append(env[arg])
        elif op == "store":
            env[arg] = stack.pop()
        elif op in ("add", "sub", "mul", "mod", "lt"):
            b = stack.pop()
            a = stack.pop()
            stack.append({"add": a + b, "sub": a - b, "mul": a * b, "mod": a % b if b else 0, "lt": int(a < b)}[op])
        elif op == "jz":
            if stack.pop() == 0:
                pc = arg
        elif op == "jmp":
            pc = arg
        elif op == "call":
            calls.append(pc)
            pc = arg
        elif op == "ret":
            pc = calls.pop()
        elif op == "print":
            out.append(stack.pop())
        elif op == "halt":
            break
        else:
            raise VMError("bad op " + op)
    return out, steps
factorial = """
    push 1 / store acc / push 10 / store n
loop:
    push 0 / load n / lt / jz done
    load acc / load n / mul / store acc
    load n / push 1 / sub / store n / jmp loop
done:
    load acc / print
    push 7 / call square / print / halt
square:       ; squares the top of the stack via a temp
    store t / load t / load t / mul / ret
"""
code = assemble(factorial)
print(len(code), code[:5])
out, steps = run(code)
print("output", out, "steps", steps)
small = assemble("push 2\npush 3\nadd\nprint\nhalt")
print(run(small, trace=True))
try:
    run([("bogus", None)])
except VMError as e:
    print("VMError:", e)
