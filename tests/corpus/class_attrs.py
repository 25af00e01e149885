# Corpus: class attributes vs instance attributes, shared state and shadowing.
class Counter:
    instances = 0
    step = 1

    def __init__(self, name):
        self.name = name
        self.value = 0
        Counter.instances += 1

    def tick(self):
        self.value += self.step
        return self.value

a = Counter("a")
b = Counter("b")
print(Counter.instances, a.instances, b.instances)
a.tick()
a.tick()
b.step = 10
b.tick()
print(a.value, b.value, a.step, b.step, Counter.step)
Counter.step = 5
print(a.tick(), b.tick())
del b.step
print(b.tick(), b.step)

class Config:
    defaults = {"color": "red", "size": 3}
    tags = []

    def __init__(self, **overrides):
        self.settings = dict(self.defaults)
        self.settings.update(overrides)

    def add_tag(self, t):
        self.tags.append(t)

c1 = Config(size=5)
c2 = Config(color="blue")
c1.add_tag("x")
c2.add_tag("y")
print(c1.settings, c2.settings, Config.defaults)
print(c1.tags, c2.tags, c1.tags is c2.tags)

class Shape:
    sides = 0
    name = "shape"

    def describe(self):
        return self.name + " with " + str(self.sides) + " sides"

class Triangle(Shape):
    sides = 3
    name = "triangle"

class Square(Shape):
    sides = 4

print(Shape().describe(), Triangle().describe(), Square().describe())
sq = Square()
sq.name = "my square"
print(sq.describe(), Square.name)

class Registry:
    items = {}

    def register(self, key, value):
        Registry.items[key] = value

    def lookup(self, key):
        return self.items.get(key, "?")

r1 = Registry()
r2 = Registry()
r1.register("k1", 1)
r2.register("k2", 2)
print(r1.lookup("k2"), r2.lookup("k1"), r1.lookup("k3"), sorted(Registry.items))
a.value = 123
print(a.value, a.name, Counter.instances)
