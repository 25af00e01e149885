# Corpus: bound method (__self__/__func__/__name__), cell objects (cell_contents), __closure__, __globals__.
class Counter:
    "Counter doc"
    def __init__(self):
        self.n = 0
    def incr(self, by=1):
        "Increment."
        self.n += by
        return self.n
    @classmethod
    def make(cls):
        return cls()

c = Counter()
m = c.incr
print(m.__self__ is c, m.__func__ is Counter.incr, m.__name__, m.__qualname__, m.__doc__, m.__module__, type(m).__name__)
print(m(), m(5), m.__func__(c, 10), Counter.incr(c), c.n)
print(m == c.incr, m is c.incr, c.incr == Counter().incr, hash(m) == hash(c.incr), m.__defaults__, m.__code__.co_name)
cm = Counter.make
print(cm.__self__ is Counter, cm.__func__.__name__, type(cm).__name__, type(cm()).__name__)
try:
    m.__self__ = None
except AttributeError as e:
    print(type(e).__name__, e)
try:
    m.new_attr = 1
except AttributeError as e:
    print(type(e).__name__, e)
m.__func__.tag = "on-func"
print(m.tag, c.incr.tag)
# builtin methods
bm = [1, 2].append
print(bm.__self__, bm.__name__, bm.__qualname__, type(bm).__name__, len.__self__.__name__ if hasattr(len.__self__, "__name__") else len.__self__)
print("abc".upper.__self__, "abc".upper.__name__, type("abc".upper).__name__, dict.fromkeys.__self__ is dict, int.__add__.__name__)
print(type(int.__add__).__name__, type((1).__add__).__name__, type(object.__init__).__name__, type(str.join).__name__)

# Closures and cells
def make_counter():
    count = 0
    label = "ctr"
    def step():
        nonlocal count
        count += 1
        return label, count
    return step
step = make_counter()
print(step(), step(), len(step.__closure__), [type(cell).__name__ for cell in step.__closure__])
print(sorted(zip(step.__code__.co_freevars, [cell.cell_contents for cell in step.__closure__])))
step.__closure__[0].cell_contents = 100
print(step(), sorted(cell.cell_contents for cell in step.__closure__ if isinstance(cell.cell_contents, int)))
print(make_counter.__closure__, (lambda: 0).__closure__)

def unbound_cell():
    def get():
        return value
    try:
        print(get.__closure__[0].cell_contents)
    except ValueError as e:
        print(type(e).__name__, e)
    try:
        get()
    except NameError as e:
        print(type(e).__name__, e)
    value = "now bound"
    print(get.__closure__[0].cell_contents, get())
    del value
    try:
        get()
    except NameError as e:
        print(type(e).__name__, e)
unbound_cell()

# Late binding in closures created in loops
funcs = [lambda: i for i in range(3)]
print([f() for f in funcs], [f.__closure__[0].cell_contents for f in funcs])
funcs2 = [lambda i=i: i for i in range(3)]
print([f() for f in funcs2], [f.__defaults__ for f in funcs2])
shared = []
for j in range(3):
    def g():
        return j
    shared.append(g)
print([f() for f in shared], shared[0].__closure__)

# __globals__ identity and access
G = "global value"
def read_global():
    return G
print(read_global.__globals__ is globals(), read_global.__globals__["G"], "read_global" in read_global.__globals__)
read_global.__globals__["G"] = "changed via __globals__"
print(read_global(), G)
print(step.__globals__ is globals(), Counter.incr.__globals__ is globals(), (lambda: 0).__globals__ is globals())
print(type(globals()).__name__, globals()["__name__"], "__builtins__" in globals(), callable(read_global.__builtins__["len"]) if hasattr(read_global, "__builtins__") else "no __builtins__ attr")
# Methods of nested classes and __self__ of functions
print(hasattr(read_global, "__self__"), Counter.__doc__, Counter.incr.__doc__, Counter.__init__.__qualname__)
