# Seed for the marshal fuzzer: functions with every kind of argument, closures and cells.
def f(a, b=2, /, c=3, *args, d, e=5, **kw):
    return a + b + c + d + e + len(args) + len(kw)


def outer(x):
    y = x * 2

    def inner(z):
        nonlocal y
        y += z
        return x + y

    return inner


g = lambda *a: [i * i for i in a if i % 2]
h = {k: v for k, v in zip("abc", range(3))}
