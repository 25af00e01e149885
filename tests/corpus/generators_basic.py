# Corpus: generator functions: yield, lazy evaluation, return, StopIteration.
def count_up(n):
    print("start")
    i = 0
    while i < n:
        yield i
        i += 1
    print("end")

for v in count_up(3):
    print("got", v)

g = count_up(2)
print(next(g))
print(next(g))
try:
    next(g)
except StopIteration:
    print("StopIteration")

def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

out = []
for x in fib():
    if x > 500:
        break
    out.append(x)
print(out)

def take(n, it):
    res = []
    for x in it:
        if len(res) >= n:
            break
        res.append(x)
    return res

def squares(it):
    for x in it:
        yield x * x

def evens(it):
    for x in it:
        if x % 2 == 0:
            yield x

print(take(6, squares(evens(fib()))))

def with_return():
    yield 1
    yield 2
    return "done"

gen = with_return()
print(next(gen), next(gen))
try:
    next(gen)
except StopIteration as e:
    print("returned", e.value)

def windows(seq, size):
    for i in range(len(seq) - size + 1):
        yield seq[i:i + size]

print(list(windows([1, 2, 3, 4, 5], 3)), list(windows("abcd", 2)))

def gen_finally():
    try:
        yield "a"
        yield "b"
    finally:
        print("cleanup")

for v in gen_finally():
    print(v)
print(list(count_up(0)), sum(count_up(5)))
