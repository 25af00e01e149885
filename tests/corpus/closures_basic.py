# Corpus: closures capturing variables from enclosing scopes.
def make_adder(n):
    def add(x):
        return x + n
    return add

add5 = make_adder(5)
add10 = make_adder(10)
print(add5(1), add10(1), add5(add10(100)))

def make_multipliers():
    result = []
    for i in range(4):
        def mul(x, i=i):
            return x * i
        result.append(mul)
    return result

print([m(10) for m in make_multipliers()])

def late_binding():
    fns = []
    for i in range(4):
        fns.append(lambda x: x * i)
    return fns

print([f(10) for f in late_binding()])

def outer(a):
    def middle(b):
        def inner(c):
            return a + b + c
        return inner
    return middle

print(outer(1)(20)(300))

def compose(f, g):
    return lambda x: f(g(x))

inc = lambda x: x + 1
dbl = lambda x: x * 2
print(compose(inc, dbl)(5), compose(dbl, inc)(5))

def make_greeting(prefix):
    words = []
    def greet(name):
        words.append(name)
        return prefix + " " + name + " (#" + str(len(words)) + ")"
    return greet

hello = make_greeting("hello")
print(hello("ann"))
print(hello("bob"))
hi = make_greeting("hi")
print(hi("cy"))
print(hello("dee"))

def pipeline(*fns):
    def run(x):
        for f in fns:
            x = f(x)
        return x
    return run

print(pipeline(inc, dbl, inc, dbl)(3))
print(pipeline()(42))
