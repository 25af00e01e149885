# Corpus: yield from delegation: send/throw/close forwarding, iterator sub-objects, return values, errors.
class Echo:
    def __init__(self):
        self.log = []
        self.n = 0

    def __iter__(self):
        return self

    def __next__(self):
        return self.send(None)

    def send(self, v):
        self.log.append(("send", v))
        self.n += 1
        if self.n > 3:
            raise StopIteration(f"echo finished after {self.log[-2:]}")
        return f"echo{self.n}:{v}"

    def throw(self, exc):
        self.log.append(("throw", type(exc).__name__))
        if isinstance(exc, KeyError):
            return "echo swallowed KeyError"
        raise exc

    def close(self):
        self.log.append(("close",))


def delegator(sub):
    result = yield from sub
    yield f"delegator got {result!r}"
    return "delegator done"


e = Echo()
d = delegator(e)
print(next(d))
print(d.send("hello"))
print(d.throw(KeyError("k")))
print(d.send("last"))
print(next(d))
try:
    next(d)
except StopIteration as stop:
    print("final", stop.value)
print(e.log)

e = Echo()
d = delegator(e)
next(d)
d.close()
print("close forwarded:", e.log)

e = Echo()
d = delegator(e)
next(d)
try:
    d.throw(ValueError("not swallowed"))
except ValueError as exc:
    print("throw propagated:", exc, e.log)


class PlainIter:
    def __init__(self):
        self.items = [1, 2]

    def __iter__(self):
        return self

    def __next__(self):
        if not self.items:
            raise StopIteration
        return self.items.pop(0)


d = delegator(PlainIter())
print(next(d))
try:
    d.send("x")
except AttributeError as exc:
    print(type(exc).__name__, exc)

d = delegator(PlainIter())
next(d)
d.close()
print("close on iterator without close():", d.gi_frame)


def chain(*its):
    total = 0
    for it in its:
        total += (yield from it) or 0
    return total


def counts(n):
    yield from range(n)
    return n


print(list(chain(counts(2), [10, 11], "ab", counts(3))))


def total_of():
    t = yield from chain(counts(2), counts(4))
    yield t


print(list(total_of()))


def bad_target():
    yield from 5


try:
    next(bad_target())
except TypeError as exc:
    print(type(exc).__name__, exc)


def self_delegation():
    yield from me


me = self_delegation()
try:
    next(me)
except ValueError as exc:
    print(type(exc).__name__, exc)


def depth(n):
    if n == 0:
        yield "bottom"
        return 0
    r = yield from depth(n - 1)
    return r + 1


def top():
    r = yield from depth(50)
    yield r


print(list(top()))
