# Benchmark: generator pipelines: yield, yield from, generator expressions and send().
def numbers(n):
    i = 0
    while i < n:
        yield i
        i += 1

def squares(it):
    for x in it:
        yield x * x

def evens(it):
    for x in it:
        if x % 2 == 0:
            yield x

def chunked(it, size):
    chunk = []
    for x in it:
        chunk.append(x)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk

def tree(depth):
    if depth == 0:
        yield 1
        return
    yield depth
    yield from tree(depth - 1)
    yield from tree(depth - 1)

def running_total():
    total = 0
    while True:
        x = yield total
        total += x

def main():
    a = sum(squares(evens(numbers(900000))))
    b = sum(sum(c) for c in chunked(numbers(600000), 7))
    c = sum(tree(17))
    acc = running_total()
    next(acc)
    last = 0
    for i in range(600000):
        last = acc.send(i % 13)
    d = sum(x for x in range(900000) if x % 3 == 1)
    print(a, b, c, last, d)

main()
