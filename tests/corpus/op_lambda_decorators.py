# Corpus: lambda defaults and closures, decorators with arguments, stacked decorators, functools-free wraps.
f = lambda x, y=10, *args, z=5, **kw: (x, y, args, z, sorted(kw))
print(f(1), f(1, 2, 3, z=0, w=9), f.__name__, f.__defaults__, f.__kwdefaults__)
counter = 0


def next_id():
    global counter
    counter += 1
    return counter


g = lambda n=next_id(): n
print(g(), g(), counter)
adders = [lambda v, step=s: v + step for s in range(3)]
print([a(100) for a in adders])
print((lambda: (yield 1))().__class__.__name__, list((lambda: (yield from "ab"))()))
print((lambda *, k: k)(k="kw-only"), (lambda a, /, b: a - b)(5, b=3))
calls = []


def logged(prefix, *, upper=False):
    def decorator(func):
        def wrapper(*args, **kwargs):
            result = func(*args, **kwargs)
            text = f"{prefix}{func.__name__}{args}->{result}"
            calls.append(text.upper() if upper else text)
            return result
        wrapper.__name__ = func.__name__
        wrapper.__wrapped__ = func
        return wrapper
    return decorator


def repeat(times):
    def decorator(func):
        def wrapper(*args):
            return [func(*args) for _ in range(times)]
        wrapper.__name__ = f"repeat{times}_{func.__name__}"
        return wrapper
    return decorator


@logged("log:")
def add(a, b):
    return a + b


@repeat(3)
@logged("inner:", upper=True)
def square(x):
    return x * x


print(add(2, 3), square(4), square.__name__)
print(calls)
print(add.__wrapped__(10, 20), len(calls))


def counting(func):
    func.calls = 0

    def wrapper(*a):
        wrapper.calls += 1
        return func(*a)
    wrapper.calls = 0
    return wrapper


@counting
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(10), fib.calls)


class Registry:
    def __init__(self):
        self.handlers = {}

    def on(self, event):
        def decorator(func):
            self.handlers.setdefault(event, []).append(func.__name__)
            return func
        return decorator


bus = Registry()


@bus.on("start")
@bus.on("stop")
def handler():
    pass


@bus.on("start")
def other():
    pass


print(bus.handlers)


def with_default_from_decorator(default):
    def deco(func):
        def wrapper(x=default):
            return func(x)
        return wrapper
    return deco


@with_default_from_decorator("dflt")
def echo(x):
    return f"echo {x}"


print(echo(), echo("given"))
try:
    echo(1, 2)
except TypeError as e:
    print(type(e).__name__, e)
try:
    f()
except TypeError as e:
    print(type(e).__name__, e)
try:
    (lambda a: a)(1, b=2)
except TypeError as e:
    print(type(e).__name__, e)
deco_expr = [logged("expr:")]


@deco_expr[0]
def via_subscript(v):
    return v


via_subscript(7)
print(calls[-1], (lambda: 0).__qualname__, [lambda: 0][0].__qualname__)
