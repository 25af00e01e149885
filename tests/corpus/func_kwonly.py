# Corpus: keyword-only parameters, with and without defaults, and TypeError on misuse.
def connect(host, *, port=80, secure=False):
    scheme = "https" if secure else "http"
    return scheme + "://" + host + ":" + str(port)

print(connect("example.org"))
print(connect("example.org", port=8080))
print(connect("example.org", secure=True, port=443))

try:
    connect("example.org", 8080)
except TypeError as e:
    print("TypeError:", e)

def need(*, a, b):
    return a - b

print(need(a=10, b=3))
print(need(b=10, a=3))
try:
    need(a=1)
except TypeError as e:
    print("TypeError:", e)

def scale(*values, factor=2):
    return [v * factor for v in values]

print(scale(1, 2, 3))
print(scale(1, 2, 3, factor=10))

def opts(x, /, y, *, z):
    return (x, y, z)

print(opts(1, 2, z=3))
print(opts(1, y=2, z=3))

def tally(*, start=0, step=1, count=5):
    out = []
    v = start
    for _ in range(count):
        out.append(v)
        v += step
    return out

print(tally())
print(tally(start=10))
print(tally(step=-3, count=4))
print(tally(count=0))
print(connect(host="h", port=1))
