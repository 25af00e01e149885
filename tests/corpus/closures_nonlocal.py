# Corpus: nonlocal rebinding, counters and accumulators built from closures.
def counter(start=0):
    count = start
    def step(by=1):
        nonlocal count
        count += by
        return count
    return step

c1 = counter()
c2 = counter(100)
print(c1(), c1(), c1(5))
print(c2(), c2(-50))
print(c1())

def accumulator():
    total = 0
    history = []
    def add(x):
        nonlocal total
        total += x
        history.append(total)
        return total
    def get_history():
        return list(history)
    return add, get_history

add, hist = accumulator()
for v in [3, 4, 5, -2]:
    add(v)
print("history", hist())

def outer():
    x = "outer"
    def middle():
        nonlocal x
        x = "middle"
        def inner():
            nonlocal x
            x = x + "+inner"
            return x
        return inner()
    r = middle()
    return r, x

print(outer())

def fib_gen():
    a, b = 0, 1
    def nxt():
        nonlocal a, b
        r = a
        a, b = b, a + b
        return r
    return nxt

f = fib_gen()
print([f() for _ in range(15)])

def make_toggle():
    state = False
    def toggle():
        nonlocal state
        state = not state
        return state
    return toggle

t = make_toggle()
print(t(), t(), t(), t())
