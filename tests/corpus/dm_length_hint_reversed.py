# Corpus: __reversed__, reversed() fallback to __len__/__getitem__, __length_hint__ semantics.
class Deck:
    def __init__(self, cards):
        self.cards = cards
    def __reversed__(self):
        print("custom __reversed__")
        return iter(self.cards[::-1])
    def __iter__(self):
        return iter(self.cards)

d = Deck(["A", "K", "Q"])
print(list(reversed(d)), list(d))

class SeqOnly:
    def __len__(self):
        return 4
    def __getitem__(self, i):
        if not 0 <= i < 4:
            raise IndexError(i)
        return i * 10
r = reversed(SeqOnly())
print(type(r).__name__, list(r), r.__length_hint__() if hasattr(r, "__length_hint__") else "")
r2 = reversed(SeqOnly())
print(r2.__length_hint__(), next(r2), r2.__length_hint__())

class NoRev:
    def __iter__(self):
        return iter([1])
for obj in (NoRev(), 5, {1: 2}.items() if False else {1, 2}, iter([1])):
    try:
        reversed(obj)
    except TypeError as e:
        print(type(e).__name__, e)

class RevNone:
    __reversed__ = None
    def __len__(self):
        return 1
    def __getitem__(self, i):
        return i
try:
    reversed(RevNone())
except TypeError as e:
    print(type(e).__name__, e)

class BadRev:
    def __reversed__(self):
        return 42
print(reversed(BadRev()))

# reversed on builtins
print(list(reversed([1, 2, 3])), list(reversed((1, 2))), list(reversed("abc")), list(reversed(range(0, 10, 3))))
print(list(reversed({"a": 1, "b": 2})), list(reversed({"a": 1, "b": 2}.values())), list(reversed({"a": 1}.items())))
print(list(reversed(b"xyz")), list(reversed(bytearray(b"ab"))), type(reversed([])).__name__, type(reversed(range(3))).__name__)
print(type(reversed("ab")).__name__, type(reversed({}.keys())).__name__)
rl = reversed([1, 2, 3])
print(rl.__length_hint__(), next(rl), rl.__length_hint__())

# __length_hint__ is used by list() for preallocation; results must be sane
class Hinted:
    def __init__(self, n, hint):
        self.n, self.hint = n, hint
    def __iter__(self):
        return self
    def __next__(self):
        if self.n == 0:
            raise StopIteration
        self.n -= 1
        return self.n
    def __length_hint__(self):
        return self.hint
print(list(Hinted(3, 100)), list(Hinted(3, 0)), list(Hinted(2, NotImplemented)))
for bad in (-1, "x", 1.5):
    try:
        list(Hinted(2, bad))
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
class HintRaises(Hinted):
    def __length_hint__(self):
        raise TypeError("hint failed")
try:
    print(list(HintRaises(2, 0)))
except TypeError as e:
    print(type(e).__name__, e)
class HintLookup(Hinted):
    def __length_hint__(self):
        raise KeyError("hint failed")
try:
    print(list(HintLookup(2, 0)))
except KeyError as e:
    print(type(e).__name__, e)

# length hints of builtin iterators
it = iter([1, 2, 3, 4])
next(it)
print(it.__length_hint__(), iter(range(10)).__length_hint__(), iter("abc").__length_hint__(), iter((1,)).__length_hint__())
di = iter({1: 1, 2: 2})
print(di.__length_hint__(), iter({5}).__length_hint__())
m = map(abs, [1, 2])
print(hasattr(m, "__length_hint__"), hasattr(zip(), "__length_hint__"))
# __len__ used by len() but __length_hint__ not
try:
    len(Hinted(2, 2))
except TypeError as e:
    print(type(e).__name__, e)
