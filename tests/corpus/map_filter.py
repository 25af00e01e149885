# Corpus: map() and filter() with functions, lambdas, multiple iterables and None.
print(list(map(str, [1, 2, 3])), list(map(int, ["4", "5"])), list(map(len, ["a", "bb", ""])))
print(list(map(lambda x, y: x * y, [1, 2, 3], [4, 5, 6, 7])))
print(list(map(pow, [2, 3, 4], [3, 2, 1])))
print(list(filter(None, [0, 1, "", "a", None, [], [0], False, True])))
print(list(filter(lambda s: s.startswith("b"), ["apple", "banana", "blueberry", "cherry"])))
print(list(filter(str.isdigit, ["12", "x3", "456", ""])), list(map(str.upper, "abc")))
def is_prime(n):
    if n < 2:
        return False
    d = 2
    while d * d <= n:
        if n % d == 0:
            return False
        d += 1
    return True
print(list(filter(is_prime, range(60))))
print(sum(map(lambda n: n * n, filter(lambda n: n % 2, range(10)))))
m = map(lambda x: x + 1, [1, 2, 3])
print(next(m), list(m), list(m))
f = filter(lambda x: x > 2, [1, 5, 2, 8])
print(next(f), next(f), next(f, "end"))
words = ["Hello", "World", "map", "FILTER"]
print(list(map(lambda w: w.lower(), filter(lambda w: len(w) > 3, words))))
print(dict(map(lambda kv: (kv[1], kv[0]), {"a": 1, "b": 2}.items())))
print(sorted(map(abs, [-3, 1, -2])), max(map(len, words)), "-".join(map(str, range(5))))
class Temp:
    def __init__(self, c):
        self.c = c
    def to_f(self):
        return self.c * 9 / 5 + 32
temps = list(map(Temp, [0, 37, 100, -40]))
print(list(map(Temp.to_f, temps)), list(map(lambda t: t.c, filter(lambda t: t.c > 0, temps))))
pipeline = [lambda x: x + 1, lambda x: x * 2, lambda x: x - 3]
vals = list(range(5))
for fn in pipeline:
    vals = list(map(fn, vals))
    print(vals)
print(list(map(lambda *a: sum(a), [1, 2], [3, 4], [5, 6])), list(map(tuple, ["ab", "cd"])))
print(list(filter(lambda p: p[0] < p[1], zip([1, 5, 3], [2, 4, 6]))))
