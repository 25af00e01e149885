# Benchmark: closures and higher-order functions: counters with nonlocal, composed lambdas, map/filter.
def make_counter():
    count = 0
    def inc(step):
        nonlocal count
        count += step
        return count
    return inc

def compose(f, g):
    return lambda x: f(g(x))

def make_adders(n):
    return [lambda x, k=k: x + k for k in range(n)]

def main():
    counter = make_counter()
    for i in range(900000):
        counter(i & 7)
    total = counter(0)
    f = compose(lambda x: x * 3, lambda x: x + 1)
    g = compose(f, lambda x: x - 2)
    s = 0
    for i in range(450000):
        s += g(i)
    adders = make_adders(50)
    t = 0
    for _ in range(3000):
        for add in adders:
            t = add(t) % 1000003
    m = sum(map(lambda v: v * v, filter(lambda v: v % 3 == 0, range(600000))))
    print(total, s, t, m)

main()
