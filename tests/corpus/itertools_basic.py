# itertools: infinite iterators, the terminating iterators and their reprs.
import itertools as it

import sys

print(list(it.islice(it.count(), 5)))
print(list(it.islice(it.count(10), 3)), list(it.islice(it.count(5, -2), 4)))
print(list(it.islice(it.count(1.5, 0.5), 3)), list(it.islice(it.count(start=2, step=3), 3)))
c = it.count(sys.maxsize - 1)
print(next(c), next(c), next(c), next(c))
print(repr(it.count()), repr(it.count(5)), repr(it.count(5, 2)), repr(it.count(1.5)), repr(it.count(1, 1.0)))
print(repr(it.count(-3)), repr(it.count(2**70)), repr(it.count(1, 2j)), repr(it.count(True)))
c = it.count(3)
next(c)
print(repr(c))
c = it.count(1, 0.5)
next(c)
print(repr(c))
class MyCount(it.count):
    pass
print(repr(MyCount(7)), type(MyCount(7)).__name__)

print(list(it.islice(it.cycle('abc'), 8)))
print(list(it.cycle([])))
cy = it.cycle(iter([1, 2]))
print([next(cy) for _ in range(5)])

print(list(it.repeat('a', 3)), list(it.repeat(None, 0)), list(it.repeat(1, -2)))
print(repr(it.repeat('a')), repr(it.repeat('a', 3)), repr(it.repeat([1], -5)), repr(it.repeat(object=2, times=4)))
r = it.repeat('x', 3)
print(r.__length_hint__(), next(r), r.__length_hint__(), list(r), r.__length_hint__())
print(r.__reduce__()[1], it.repeat(5).__reduce__()[1])
print(len(list(it.repeat(0, 7))))
print(list(it.islice(it.repeat(9), 4)))

print(list(it.accumulate([1, 2, 3, 4, 5])))
print(list(it.accumulate([1, 2, 3, 4, 5], lambda a, b: a * b)))
print(list(it.accumulate([1, 2, 3], initial=100)), list(it.accumulate([], initial=7)), list(it.accumulate([])))
print(list(it.accumulate([3, 1, 4, 1, 5], max)), list(it.accumulate('abc')))
print(list(it.accumulate(iterable=[1, 2], func=lambda a, b: a - b, initial=None)))

print(list(it.batched('ABCDEFG', 3)), list(it.batched([], 2)), list(it.batched(range(4), n=2)))
print(list(it.batched(range(6), 3, strict=True)))
b = it.batched(range(5), 2, strict=True)
print(next(b), next(b))
try:
    next(b)
except ValueError as e:
    print('ValueError', e)
print(list(b))

print(list(it.chain('ab', [1, 2], (), iter([3]))), list(it.chain()))
print(list(it.chain.from_iterable(['ab', 'cd', []])), list(it.chain.from_iterable(x for x in ['x', 'yz'])))
print(it.chain[int], type(it.chain.from_iterable([])).__name__)
class MyChain(it.chain):
    pass
print(type(MyChain.from_iterable([[1]])).__name__, list(MyChain([1], [2])))

print(list(it.compress('ABCDEF', [1, 0, 1, 0, 1, 1])), list(it.compress(data=range(5), selectors=[0, 1, 1])))
print(list(it.dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(it.dropwhile(bool, [])))
print(list(it.takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(it.takewhile(bool, [0, 1])))
print(list(it.filterfalse(lambda x: x % 2, range(10))), list(it.filterfalse(None, [0, 1, '', 'a', None, []])))
print(list(it.filterfalse(bool, [0, 2, 0.0])))
print(list(it.starmap(pow, [(2, 5), (3, 2), (10, 3)])), list(it.starmap(lambda a, b: a + b, [[1, 2], 'ab'])))

print(list(it.islice('ABCDEFG', 2)), list(it.islice('ABCDEFG', 2, 4)), list(it.islice('ABCDEFG', 2, None)))
print(list(it.islice('ABCDEFG', 0, None, 2)), list(it.islice(range(10), 1, 9, 3)), list(it.islice(range(3), None)))
print(list(it.islice(range(10), None, None, None)), list(it.islice(range(10), 3, 3)), list(it.islice(range(10), 5, 2)))
print(list(it.islice(range(10), 8, sys.maxsize, 5)), list(it.islice(it.count(), 2, 12, sys.maxsize)))
src = iter(range(10))
print(list(it.islice(src, 2, 4)), next(src))
src = iter(range(10))
print(list(it.islice(src, 3, 3)), next(src))
class Idx:
    def __index__(self):
        return 2
print(list(it.islice(range(10), Idx(), None, Idx())))

print(list(it.pairwise('ABCDE')), list(it.pairwise('A')), list(it.pairwise([])))
print(list(it.zip_longest('ABCD', 'xy', fillvalue='-')), list(it.zip_longest()), list(it.zip_longest([1, 2])))
print(list(it.zip_longest('a', 'bcd', [], fillvalue=0)))
print(list(it.zip_longest(range(2), range(3))))

for name in ['count', 'cycle', 'repeat', 'accumulate', 'batched', 'chain', 'compress', 'dropwhile', 'filterfalse',
             'groupby', 'islice', 'pairwise', 'starmap', 'takewhile', 'zip_longest', 'product', 'permutations',
             'combinations', 'combinations_with_replacement', '_tee', '_tee_dataobject', '_grouper']:
    t = getattr(it, name)
    print(name, t.__name__, t.__module__, t.__qualname__, isinstance(t, type), '__iter__' in dir(t))
print(it.tee.__module__, it.__name__, 'count' in dir(it))
print(iter(it.count()) is not None, hasattr(it.count(), '__next__'))
