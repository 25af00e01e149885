# _random: the Mersenne Twister streams random.py builds on must match CPython's for the same seeds.
import random
import _random

random.seed(42)
print(random.random(), random.randint(1, 100), random.choice('abcdef'))
items = list(range(20))
random.shuffle(items)
print(items)
print(random.gauss(0, 1), random.getrandbits(100), random.uniform(1, 2))
print(random.sample(range(1000), 5), random.randrange(0, 10**30, 7))
print(random.choices('xyz', weights=[1, 2, 3], k=6), random.triangular(), random.betavariate(2, 3))
print(random.expovariate(1.5), random.normalvariate(), random.lognormvariate(0, 1), random.vonmisesvariate(1, 2))
print(random.gammavariate(2.5, 1), random.paretovariate(3), random.weibullvariate(1, 2), random.binomialvariate(10, 0.3))
print(random.randbytes(8))

for seed in [0, 1, -1, 2**32, 2**32 - 1, -(2**100) + 12345, 10**40, 3.5, -2.25, True, b'bytes' if False else 7]:
    random.seed(seed)
    print(repr(seed), random.random(), random.getrandbits(33))

random.seed('text', version=1)
print(random.random())

r = random.Random(7)
state = r.getstate()
a = [r.random() for _ in range(3)]
r.setstate(state)
print(a == [r.random() for _ in range(3)], state[0], len(state[1]), state[1][-1], state[2])
print([random.Random(n).getrandbits(k) for n, k in [(1, 0), (1, 1), (2, 31), (3, 32), (4, 33), (5, 64), (6, 65)]])

g = _random.Random(123)
print(type(g).__module__, type(g).__name__, g.random(), len(g.getstate()), g.getstate()[-1])
g.seed(5)
print(g.random(), g.getrandbits(10))
g.seed()
print(0.0 <= g.random() < 1.0)


class Sub(_random.Random):
    def __init__(self, a, b):
        self.extra = a + b


s = Sub(1, 2)
print(s.extra, s.random(), s.getstate()[-1])


class Sub2(random.Random):
    pass


print(Sub2(5).random() == random.Random(5).random())


def err(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


err(lambda: _random.Random(1, 2))
err(lambda: _random.Random(x=1))
err(lambda: g.seed(1, 2))
err(lambda: g.seed([1]))
err(lambda: g.getrandbits(-1))
err(lambda: g.getrandbits(2**40))
err(lambda: g.getrandbits(1.5))
err(lambda: g.setstate([1]))
err(lambda: g.setstate((1,)))
err(lambda: g.setstate((1.0,) * 625))
err(lambda: g.setstate((-1,) * 625))
err(lambda: g.setstate((2**64,) * 625))
err(lambda: g.setstate((1,) * 624 + (625,)))
err(lambda: g.setstate((1,) * 624 + (2**70,)))
g.setstate((2**32 + 5,) * 624 + (624,))
print(g.getstate()[:2], g.random())
err(lambda: random.seed([1, 2]))
