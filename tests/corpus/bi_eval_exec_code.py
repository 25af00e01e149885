# Corpus: eval()/exec() of code objects taken from function.__code__, with globals/locals mappings; errors.
def uses_globals():
    return X * 2 + len(NAME)


def side_effect():
    global RESULT
    RESULT = "set by exec"
    print("  side_effect body ran, X =", X)


def no_free():
    return "plain return value"


code = uses_globals.__code__
print(type(code).__name__, code.co_name, code.co_names, code.co_argcount)
print(eval(code, {"X": 10, "NAME": "abc"}))
print(eval(code, {"X": 0.5, "NAME": [1, 2], "__builtins__": {"len": len}}))
g = {"X": 3}
print(exec(side_effect.__code__, g), g["RESULT"], "__builtins__" in g)
print(eval(no_free.__code__), exec(no_free.__code__))
X = "module X"
NAME = "module NAME"
print(eval(code, globals()) if isinstance(X, int) else "module X is a str:", end=" ")
try:
    eval(code)
except TypeError as e:
    print(type(e).__name__, e)
try:
    eval(code, {"NAME": ""})
except NameError as e:
    print(type(e).__name__, e)
try:
    eval(code, {"X": 1, "NAME": "", "__builtins__": {}})
except NameError as e:
    print(type(e).__name__, e)


def with_args(a, b):
    return a + b


try:
    eval(with_args.__code__, {})
except TypeError as e:
    print(type(e).__name__, e)


def outer():
    v = "captured"

    def inner():
        return v
    return inner


closure_code = outer().__code__
try:
    eval(closure_code, {})
except TypeError as e:
    print(type(e).__name__, e)


def outer_print():
    v = "captured"

    def inner():
        print("  closure sees", v)
    return inner


fn = outer_print()
exec(fn.__code__, {}, closure=fn.__closure__)
for bad_closure in [(), None, 5]:
    try:
        exec(fn.__code__, {}, closure=bad_closure)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    exec(no_free.__code__, {}, closure=fn.__closure__)
except TypeError as e:
    print(type(e).__name__, e)


def module_like():
    counter = 0
    for i in range(4):
        counter += i
    return counter


print(eval(module_like.__code__, {}), exec(module_like.__code__, {}))
for bad_globals in [5, [], None]:
    try:
        eval(code, bad_globals)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    exec(code, {"X": 1, "NAME": ""}, 5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    eval()
except TypeError as e:
    print(type(e).__name__, e)
try:
    exec(42)
except TypeError as e:
    print(type(e).__name__, e)


def raises():
    raise LookupError("raised inside exec'd code")


try:
    exec(raises.__code__, {})
except LookupError as e:
    print(type(e).__name__, e)


def reads_builtin():
    return abs(-5), __name__


print(eval(reads_builtin.__code__, {"__name__": "fake"}))
gen_code = (lambda: (yield 1)).__code__
print(type(eval(gen_code, {})).__name__)
ns = {}
exec(side_effect.__code__, {"X": "from ns"}, ns)
print(sorted(ns), sorted(k for k in globals() if k == "RESULT"))
