# Corpus: all(), any(), bool() and callable(): truth protocols, short-circuiting, custom __bool__/__len__.
print(all([]), any([]), all([1, 2, 3]), all([1, 0, 3]), any([0, "", None, 5]), any([0, "", None]))
print(all("abc"), any(""), all(x > 0 for x in range(1, 5)), any(x > 3 for x in range(3)))
print(all({0: 1}), any({0: 1, 2: 3}), all(iter([[], [1]])), any((set(), frozenset([0]))))
seen = []


def tracked(v):
    seen.append(v)
    return v


print(all(tracked(v) for v in [1, 2, 0, 3, 4]), seen)
seen.clear()
print(any(tracked(v) for v in [0, 0, 7, 0, 9]), seen)
it = iter([1, 0, 5, 6])
print(all(it), list(it))


class Truth:
    def __init__(self, v):
        self.v = v

    def __bool__(self):
        return self.v


class Sized:
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n


class Neither:
    pass


values = [0, 1, -1, 0.0, 0.1, -0.0, 0j, 1j, "", "0", b"", b"\0", [], [0], (), ((),), {}, {0: 0}, set(),
          frozenset(), range(0), range(1), None, ..., Truth(True), Truth(False), Sized(0), Sized(3), Neither(),
          float("nan"), 2]
print([bool(v) for v in values])
print(bool(), bool(bool), type(bool(1)).__name__, bool(1) is True, int(True) + True)


class BadBool:
    def __bool__(self):
        return 1


class BadLen:
    def __len__(self):
        return -1


class HugeLen:
    def __len__(self):
        return 10**100


class RaisingBool:
    def __bool__(self):
        raise ZeroDivisionError("no truth")


for obj in [BadBool(), BadLen(), HugeLen(), RaisingBool()]:
    try:
        print(bool(obj))
    except (TypeError, ValueError, OverflowError, ZeroDivisionError) as e:
        print(type(e).__name__, e)
try:
    all([RaisingBool()])
except ZeroDivisionError as e:
    print("all propagated:", e)
for bad in [5, None]:
    try:
        any(bad)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    bool(1, 2)
except TypeError as e:
    print(type(e).__name__, e)
try:
    bool(x=1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    class SubBool(bool):
        pass
except TypeError as e:
    print(type(e).__name__, e)


class WithCall:
    def __call__(self):
        return "called"


class CallAttrOnInstance:
    pass


inst = CallAttrOnInstance()
inst.__call__ = lambda: "instance attr"
print([callable(x) for x in [len, print, WithCall, WithCall(), inst, 5, "s", lambda: 0, int, type,
                              [].append, str.upper, None, Neither, classmethod(len), staticmethod(len)]])
try:
    callable()
except TypeError as e:
    print(type(e).__name__, e)
print(not Truth(False), Truth(True) and "yes", Sized(0) or "empty")
