# Corpus: global declarations, module-level state mutated from functions.
counter = 0
names = []

def increment(by=1):
    global counter
    counter += by
    return counter

def record(name):
    names.append(name)
    return len(names)

print(increment(), increment(), increment(10), counter)
print(record("a"), record("b"), names)

def reset():
    global counter, names
    counter = 0
    names = []

reset()
print(counter, names)

def make_global():
    global created
    created = "made inside function"

make_global()
print(created)

def shadow():
    counter = 999
    return counter

print(shadow(), counter)

def unbound():
    try:
        print(counter)
        counter = 5
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)

try:
    unbound()
except NameError as e:
    print("NameError subclass caught:", e)

cache = {}
def memo_square(n):
    global hits
    if n in cache:
        hits += 1
        return cache[n]
    cache[n] = n * n
    return cache[n]

hits = 0
for n in [1, 2, 3, 2, 1, 4, 1]:
    memo_square(n)
print(hits, sorted(cache.items()))

def outer():
    global x
    x = 1
    def inner():
        global x
        x += 10
    inner()
    inner()
    return x

print(outer(), x)
try:
    print(undefined_name)
except NameError as e:
    print("NameError:", e)
