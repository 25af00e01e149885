# Corpus: the legacy __getitem__ iteration protocol, its use by `in`, and __contains__ priority.
class Seq:
    def __init__(self, n):
        self.n = n
        self.calls = []
    def __getitem__(self, i):
        self.calls.append(i)
        if i >= self.n:
            raise IndexError("seq index out of range")
        return i * i

s = Seq(4)
print(list(s), s.calls)
s.calls.clear()
print(9 in s, s.calls)
s.calls.clear()
print(10 in s, s.calls)
print(sorted(Seq(3), reverse=True), sum(Seq(5)), tuple(Seq(0)))
it = iter(Seq(2))
print(type(it).__name__, next(it), next(it), next(it, "end"))
a, b, c = Seq(3)
print(a, b, c)
try:
    x, y = Seq(3)
except ValueError as e:
    print(type(e).__name__, e)
try:
    x, y, z = Seq(2)
except ValueError as e:
    print(type(e).__name__, e)

# StopIteration also terminates the old protocol
class StopSeq:
    def __getitem__(self, i):
        if i == 2:
            raise StopIteration
        return i
print(list(StopSeq()))

# Other exceptions propagate
class KeySeq:
    def __getitem__(self, i):
        if i == 1:
            raise KeyError(i)
        return i
try:
    list(KeySeq())
except KeyError as e:
    print(type(e).__name__, e)
try:
    1 in KeySeq()
except KeyError as e:
    print("in:", type(e).__name__, e)
print(0 in KeySeq())

# __contains__ takes priority; result coerced to bool
class Contains(Seq):
    def __contains__(self, item):
        self.calls.append(("contains", item))
        return item == "magic" and "truthy"
c = Contains(3)
print("magic" in c, 1 in c, "magic" not in c, c.calls)
class BadContains:
    def __contains__(self, item):
        raise RuntimeError("no membership")
try:
    1 in BadContains()
except RuntimeError as e:
    print(type(e).__name__, e)

# __iter__ takes priority over __getitem__ for iteration and `in`
class Both:
    def __iter__(self):
        return iter("xyz")
    def __getitem__(self, i):
        return "never"
print(list(Both()), "y" in Both(), "never" in Both())

# Membership for objects with none of the protocols
class Nothing:
    pass
for container in (Nothing(), 5, None):
    try:
        1 in container
    except TypeError as e:
        print(type(e).__name__, e)

# __getitem__ with a dict-like class (non-int keys) breaks iteration with KeyError
class Mapping:
    def __getitem__(self, k):
        return {"a": 1}[k]
try:
    list(Mapping())
except KeyError as e:
    print(type(e).__name__, e)

# enumerate / zip / reversed over old-style sequences
print(list(enumerate(Seq(3), 1)), list(zip(Seq(3), "ab")))
class RevSeq:
    def __len__(self):
        return 3
    def __getitem__(self, i):
        return "abc"[i]
print(list(reversed(RevSeq())), "".join(RevSeq()), max(RevSeq()))
try:
    reversed(Seq(3))
except TypeError as e:
    print(type(e).__name__, e)

# Builtin `in` semantics
print("ab" in "cabd", "" in "x", b"a" in b"bab", 97 in b"a", 3 in range(0, 10, 3), 4 in range(0, 10, 3))
print(1 in {1: 2}, 2 in {1: 2}, 2 in {1: 2}.values(), (1, 2) in {1: 2}.items(), 1.0 in [1])
try:
    1 in "abc"
except TypeError as e:
    print(type(e).__name__, e)
try:
    "a" in b"abc"
except TypeError as e:
    print(type(e).__name__, e)
try:
    256 in b"abc"
except ValueError as e:
    print(type(e).__name__, e)
