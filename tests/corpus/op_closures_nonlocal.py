# Corpus: closures, nonlocal and global edge cases: late binding, cell sharing, deletion, nested scopes.
def counter():
    n = 0

    def inc(by=1):
        nonlocal n
        n += by
        return n

    def get():
        return n
    return inc, get


inc, get = counter()
inc()
inc(5)
print(get(), inc.__code__.co_freevars, counter.__code__.co_cellvars, [c.cell_contents for c in inc.__closure__])

fns = [lambda: i for i in range(3)]
print([f() for f in fns])
fns = [lambda i=i: i for i in range(3)]
print([f() for f in fns])


def late_binding():
    funcs = []
    for j in range(3):
        def f():
            return j
        funcs.append(f)
    j = "changed"
    return [f() for f in funcs]


print(late_binding())


def deep():
    a = 1

    def level1():
        b = 2

        def level2():
            nonlocal a, b
            a += 10
            b += 20

            def level3():
                return a + b
            return level3()
        return level2(), b
    return level1(), a


print(deep())


def unbound_cell():
    def read():
        return val
    try:
        read()
    except NameError as e:
        print(type(e).__name__, e)
    val = 1
    print(read())
    del val
    try:
        read()
    except NameError as e:
        print(type(e).__name__, e)


unbound_cell()
gcount = 0


def bump_global():
    global gcount
    gcount += 1

    def inner():
        global gcount
        gcount += 100
    inner()
    return gcount


print(bump_global(), gcount)


def global_created_inside():
    global brand_new
    brand_new = "created"


global_created_inside()
print(brand_new)


def local_before_assignment():
    try:
        print(gcount)
        gcount = 5
    except UnboundLocalError as e:
        print(type(e).__name__, e)


local_before_assignment()


def shared_cell():
    box = []

    def add(x):
        box.append(x)

    def replace():
        nonlocal box
        box = ["replaced"]
    add(1)
    replace()
    add(2)
    return box


print(shared_cell())


def closure_over_loop_var_in_comprehension():
    return [(lambda: k)() for k in range(3)], [f() for f in [lambda: k for k in "ab"]]


print(closure_over_loop_var_in_comprehension())


def param_is_cell(p):
    def show():
        return p
    p = p * 2
    return show()


print(param_is_cell(21), param_is_cell.__code__.co_cellvars)


print({k: f(5) for k, f in {n: (lambda x, n=n: x + n) for n in (1, 10)}.items()})
print(counter.__closure__, type(inc.__closure__[0]).__name__)
