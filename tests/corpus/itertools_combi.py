# itertools: groupby/_grouper, tee (shared data, copies, tee of a tee) and the combinatoric iterators.
import itertools as it

print([(k, list(g)) for k, g in it.groupby('AAAABBBCCDAABBB')])
print([k for k, g in it.groupby('AAAABBBCCD')], list(it.groupby([])))
print([(k, list(g)) for k, g in it.groupby([1, 2, 3, 4, 5, 6, 7], key=lambda x: x // 3)])
print([(k, list(g)) for k, g in it.groupby(iterable=['a', 'B', 'b', 'C'], key=str.lower)])
print([(k, list(g)) for k, g in it.groupby([1, 1, 2], None)])
gb = it.groupby('aabbbc')
k1, g1 = next(gb)
k2, g2 = next(gb)
print(k1, list(g1), k2, next(g2), list(g2), list(g2))
gb = it.groupby('aabbbc')
_, g1 = next(gb)
print(next(g1))
_, g2 = next(gb)
print(list(g1), list(g2), [k for k, g in gb])
print(type(g2).__name__, type(g2).__module__)
gb = it.groupby('xxyy')
k, g = next(gb)
print(it._grouper(gb, 'x') is not None)
# A group is invalid once groupby moves on, even if the key comes back.
gb = it.groupby('aab')
_, ga = next(gb)
next(gb)
print(list(ga))

a, b = it.tee([1, 2, 3])
print(list(a), list(b))
a, b, c = it.tee(iter(range(5)), 3)
print(next(a), next(a), next(b), list(c), list(a), list(b))
print(it.tee([1], 0), len(it.tee('ab', 1)), type(it.tee('ab')[0]).__name__)
a, b = it.tee(range(200))
print(sum(a), sum(b))
a, b = it.tee(range(130))
for _ in range(100):
    next(a)
print(next(a), next(b), len(list(a)), len(list(b)))
a, b = it.tee('abc')
c = a.__copy__()
print(next(a), next(a), next(c), list(a), list(b), list(c))
a, b = it.tee('xyz')
next(a)
c, d = it.tee(a)
print(c is a, list(c), list(d), list(b))
t = it._tee([4, 5, 6])
print(type(t).__name__, next(t), list(it._tee(t)), list(t))
u = it._tee(iter('pq'))
print(it._tee(u) is u, list(u))
class Copyable:
    def __init__(self):
        self.n = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.n += 1
        if self.n > 2:
            raise StopIteration
        return self.n
    def __copy__(self):
        return iter([10, 20])
x, y = it.tee(Copyable())
print(type(x).__name__, list(x), list(y))
def gen():
    yield 1
    yield next(t2)
t1, t2 = it.tee(gen())
print(next(t1))
try:
    next(t1)
except RuntimeError as e:
    print('RuntimeError', e)
d = it._tee_dataobject([], [1, 2], None)
print(type(d).__name__)

print(list(it.product('ab', range(2))), list(it.product()), list(it.product('ab', [])))
print(list(it.product(range(2), repeat=3)))
print(list(it.product('ab', 'c', repeat=2)), list(it.product(repeat=2)), list(it.product('ab', repeat=0)))
print(len(list(it.product(range(3), range(4), range(5)))))

print(list(it.permutations('ABC', 2)))
print(list(it.permutations(range(3))), list(it.permutations([])), list(it.permutations('ab', 3)))
print(list(it.permutations('ab', 0)), list(it.permutations('abc', r=None)), list(it.permutations(iterable='xy')))
print(len(list(it.permutations(range(6)))), len(list(it.permutations(range(7), 3))), list(it.permutations('a', True)))

print(list(it.combinations('ABCD', 2)), list(it.combinations(range(4), 3)))
print(list(it.combinations('ab', 0)), list(it.combinations('ab', 3)), list(it.combinations([], 0)))
print(list(it.combinations(r=2, iterable=[1, 2, 3])), len(list(it.combinations(range(10), 4))))
print(list(it.combinations_with_replacement('ABC', 2)), list(it.combinations_with_replacement([], 0)))
print(list(it.combinations_with_replacement([], 2)), list(it.combinations_with_replacement('ab', 0)))
print(list(it.combinations_with_replacement(range(2), 3)), len(list(it.combinations_with_replacement(range(5), 3))))
