# Corpus: lambda expressions as values, arguments, defaults and closures.
sq = lambda x: x * x
add = lambda a, b=10: a + b
print(sq(7), add(1), add(1, 2), (lambda: "no args")())
ops = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: a / b,
    "max": lambda *a: max(a),
}
for op in ["+", "-", "*", "/"]:
    print(op, ops[op](12, 4))
print(ops["max"](3, 9, 2))
print(sorted([-5, 3, -1, 4], key=lambda v: abs(v)))
print(list(map(lambda s: s[::-1], ["abc", "xy"])))
print(list(filter(lambda n: n % 3 == 0, range(20))))
make_pow = lambda e: lambda b: b ** e
cube = make_pow(3)
print(cube(3), make_pow(2)(12))
fs = [lambda x, i=i: x + i for i in range(4)]
print([f(100) for f in fs])
compose = lambda *fns: lambda x: x if not fns else fns[0](compose(*fns[1:])(x))
print(compose(lambda x: x + 1, lambda x: x * 2)(5))
fact = lambda n: 1 if n <= 1 else n * fact(n - 1)
print(fact(10), fact(20))
kw = lambda *, sep="-": sep.join(["a", "b"])
print(kw(), kw(sep="+"))
va = lambda *args, **kwargs: (args, sorted(kwargs.items()))
print(va(1, 2, z=3, a=4))
pairs = [(1, "one"), (3, "three"), (2, "two")]
pairs.sort(key=lambda p: p[1])
print(pairs)
print(max(pairs, key=lambda p: len(p[1])))
counter = [0]
inc = lambda: counter.append(counter.pop() + 1)
for _ in range(5):
    inc()
print(counter)
table = [(lambda x: x + 1), (lambda x: x * 3), abs]
v = -4
for f in table:
    v = f(v)
    print(v)
print((lambda a, b: (b, a))(1, 2), (lambda x: x if x > 0 else -x)(-9))
