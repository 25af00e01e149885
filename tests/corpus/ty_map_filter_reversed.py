# Corpus: map (multiple iterables), filter (None and predicates), reversed on sequences/__reversed__.
print(list(map(abs, [-1, 2, -3])), list(map(pow, [2, 3, 4], [3, 2])), list(map(lambda *a: sum(a), [1, 2], [10, 20], [100, 200, 300])))
print(list(map(str.upper, "abc")), list(map(int, ["1", " 2 ", "-3"])), list(map(len, [(), "ab", [1, 2, 3]])), list(map(divmod, [7, 8], [2, 3])))
m = map(str, range(3))
print(type(m).__name__, iter(m) is m, next(m), list(m), list(m))
try:
    map(abs)
except TypeError as e:
    print(type(e).__name__, e)
try:
    map()
except TypeError as e:
    print(type(e).__name__, e)
try:
    list(map(5, [1]))
except TypeError as e:
    print(type(e).__name__, e)
try:
    map(abs, 5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    list(map(int, ["1", "x"]))
except ValueError as e:
    print(type(e).__name__, e)
try:
    list(map(lambda a, b: a, [1], [2], [3]))
except TypeError as e:
    print(type(e).__name__, e)
print(list(map(lambda x, y: (x, y), "ab", [1, 2], strict=False)) if False else list(map(lambda x, y: (x, y), "abc", [1, 2])))
# Lazy evaluation
log = []
def trace(x):
    log.append(x)
    return x * 2
lazy = map(trace, [1, 2, 3])
print(log, next(lazy), log, list(lazy), log)

# filter
print(list(filter(None, [0, 1, "", "a", None, [], [0], 0.0, True, False])), list(filter(lambda x: x % 2, range(10))))
print(list(filter(str.isdigit, "a1b2c3")), list(filter(None, ())), list(filter(bool, {0: 1, 2: 3})), list(filter(lambda s: s, ["", "x"])))
f = filter(None, [1, 0, 2])
print(type(f).__name__, next(f), next(f), next(f, "end"))
try:
    filter(None)
except TypeError as e:
    print(type(e).__name__, e)
try:
    list(filter(5, [1]))
except TypeError as e:
    print(type(e).__name__, e)
try:
    filter(None, 3)
except TypeError as e:
    print(type(e).__name__, e)
class Truthy:
    def __init__(self, v):
        self.v = v
    def __bool__(self):
        return self.v > 1
    def __repr__(self):
        return f"T{self.v}"
print(list(filter(None, [Truthy(i) for i in range(4)])))
class BadBool:
    def __bool__(self):
        return "yes"
try:
    list(filter(None, [BadBool()]))
except TypeError as e:
    print(type(e).__name__, e)

# reversed
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed((1,))), list(reversed(range(5))), list(reversed([])))
class Custom:
    def __reversed__(self):
        return iter("custom-reversed")
    def __len__(self):
        return 0
print("".join(reversed(Custom())))
r = reversed([1, 2, 3])
print(type(r).__name__, next(r), list(r), list(r))
lst = [1, 2, 3]
rl = reversed(lst)
lst.append(4)
print(list(rl))
lst2 = [1, 2, 3, 4]
rl2 = reversed(lst2)
next(rl2)
del lst2[:3]
print(list(rl2))
for bad in (iter([1]), 5, {1, 2}, (x for x in [1])):
    try:
        reversed(bad)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    reversed()
except TypeError as e:
    print(type(e).__name__, e)
try:
    reversed([1], [2])
except TypeError as e:
    print(type(e).__name__, e)
# Combinations
print(list(map(lambda p: p[0] * p[1], filter(lambda p: p[0] < p[1], zip(reversed(range(5)), range(5))))))
print(sorted(map(lambda s: s[::-1], filter(None, "x  yz ab".split(" ")))), sum(map(len, filter(None, ["a", "", "bc"]))))
