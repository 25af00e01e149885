# Corpus: __len__, __getitem__, __iter__, __contains__, __setitem__ on user classes.
class Range3:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
    def __getitem__(self, i):
        if i < 0:
            i += self.n
        if i < 0 or i >= self.n:
            raise IndexError("Range3 index out of range")
        return i * 3

r = Range3(5)
print(len(r), r[0], r[4], r[-1], bool(r), bool(Range3(0)))
print(list(r), [x for x in r], sum(r), 6 in r, 7 in r)
try:
    r[5]
except IndexError as e:
    print("IndexError:", e)

class Bag:
    def __init__(self):
        self.data = {}
    def __setitem__(self, key, value):
        self.data[key] = value
    def __getitem__(self, key):
        return self.data.get(key, 0)
    def __delitem__(self, key):
        del self.data[key]
    def __contains__(self, key):
        return key in self.data
    def __len__(self):
        return len(self.data)
    def __iter__(self):
        return iter(sorted(self.data))

b = Bag()
b["x"] = 1
b["y"] = 2
b["x"] += 10
print(b["x"], b["y"], b["missing"], "x" in b, "z" in b, len(b), list(b))
del b["y"]
print(len(b), list(b))

class Countdown:
    def __init__(self, start):
        self.start = start
    def __iter__(self):
        self.cur = self.start
        return self
    def __next__(self):
        if self.cur <= 0:
            raise StopIteration
        self.cur -= 1
        return self.cur + 1

print(list(Countdown(5)))
for v in Countdown(3):
    print("count", v)
it = iter(Countdown(2))
print(next(it), next(it), next(it, "done"))

class Sentence:
    def __init__(self, text):
        self.words = text.split()
    def __iter__(self):
        for w in self.words:
            yield w.upper()
    def __len__(self):
        return len(self.words)

s = Sentence("we like short programs")
print(list(s), len(s), sorted(s), "LIKE" in s, ",".join(s))
print(list(zip(Countdown(3), s)), max(Countdown(4)), list(enumerate(Sentence("a b"))))
