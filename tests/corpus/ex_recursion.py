# Corpus: unbounded recursion raises RecursionError, which can be caught and recovered from repeatedly.
depth = 0


def recurse():
    global depth
    depth += 1
    recurse()


try:
    recurse()
except RecursionError as e:
    print(type(e).__name__, "|", e, "|", isinstance(e, RuntimeError), depth > 200)
depth = 0
try:
    recurse()
except RuntimeError as e:
    print("second time, caught as RuntimeError:", type(e).__name__, depth > 200)


def mutual_a(n):
    return mutual_b(n + 1)


def mutual_b(n):
    return mutual_a(n + 1)


try:
    mutual_a(0)
except RecursionError as e:
    print("mutual:", e)


class Node:
    def __init__(self):
        self.child = self

    def __repr__(self):
        return f"Node({self.child!r})"


try:
    repr(Node())
except RecursionError as e:
    print("repr recursion:", type(e).__name__)


class Attr:
    def __getattr__(self, name):
        return getattr(self, name + "x")


try:
    Attr().a
except RecursionError as e:
    print("getattr recursion:", type(e).__name__)


def recurse_with_cleanup(n, log):
    try:
        return recurse_with_cleanup(n + 1, log)
    finally:
        if n % 100 == 0 and n <= 300:
            log.append(n)


log = []
try:
    recurse_with_cleanup(0, log)
except RecursionError:
    print("finally blocks ran during unwinding:", log)


def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)


print("moderate recursion still fine:", fact(300) % 1000007, len(str(fact(400))))


def recover_then_continue():
    results = []
    for _ in range(3):
        try:
            recurse()
        except RecursionError:
            results.append("recovered")
    return results


print(recover_then_continue())


def gen_recursion(n):
    yield from gen_recursion(n + 1)


try:
    list(gen_recursion(0))
except RecursionError as e:
    print("generator recursion:", type(e).__name__)
nested = []
for _ in range(100000):
    nested = [nested]
try:
    s = repr(nested)
    print("deep repr ok", len(s))
except RecursionError as e:
    print("deep repr:", type(e).__name__)
try:
    eq = nested == nested
    print("deep equality (identity shortcut):", eq)
except RecursionError as e:
    print("deep equality:", type(e).__name__)
d = {}
d["self"] = d
print(repr(d), str([d]))
print(type(RecursionError("custom")).__name__, RecursionError("custom").args)
