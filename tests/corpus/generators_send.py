# Corpus: generator send(), priming with next(), running averages and coroutines.
def averager():
    total = 0
    count = 0
    avg = None
    while True:
        value = yield avg
        total += value
        count += 1
        avg = total / count

a = averager()
print(next(a))
for v in [10, 20, 30, 5]:
    print("avg after", v, "=", a.send(v))

def echo():
    received = []
    while True:
        x = yield len(received)
        if x is None:
            break
        received.append(x)
    yield received

e = echo()
print(next(e))
print(e.send("a"), e.send("b"), e.send("c"))
print(e.send(None))

def accumulate():
    total = 0
    while True:
        cmd = yield total
        if cmd == "reset":
            total = 0
        elif isinstance(cmd, int):
            total += cmd

acc = accumulate()
next(acc)
for cmd in [1, 2, 3, "reset", 10, "noop", 5]:
    print(cmd, "->", acc.send(cmd))

def delegator():
    result = yield from averager_limited(3)
    yield "final " + str(result)

def averager_limited(n):
    total = 0
    for i in range(n):
        v = yield "need " + str(n - i)
        total += v
    return total / n

d = delegator()
print(next(d))
print(d.send(3))
print(d.send(4))
print(d.send(8))

def gen_started():
    x = yield 1
    print("got", x)

g = gen_started()
try:
    g.send(5)
except TypeError as err:
    print("TypeError:", err)
print(g.send(None))
try:
    g.send("late")
except StopIteration:
    print("finished")
