# Corpus: super() in __init__ and methods, cooperative multi-level calls.
class Base:
    def __init__(self, name):
        self.name = name
        self.log = ["Base.__init__"]

    def describe(self):
        return "Base(" + self.name + ")"

    def total(self):
        return 1

class Middle(Base):
    def __init__(self, name, level):
        super().__init__(name)
        self.level = level
        self.log.append("Middle.__init__")

    def describe(self):
        return "Middle[" + super().describe() + "]"

    def total(self):
        return super().total() + 10

class Leaf(Middle):
    def __init__(self, name):
        super().__init__(name, 2)
        self.log.append("Leaf.__init__")

    def describe(self):
        return "Leaf{" + super().describe() + "}"

    def total(self):
        return super().total() + 100

leaf = Leaf("x")
print(leaf.log)
print(leaf.describe(), leaf.total(), leaf.level, leaf.name)
m = Middle("m", 1)
print(m.describe(), m.total())

class A:
    def go(self):
        return ["A"]

class B(A):
    def go(self):
        return ["B"] + super().go()

class C(A):
    def go(self):
        return ["C"] + super().go()

class D(B, C):
    def go(self):
        return ["D"] + super().go()

print(D().go())
print(B().go(), C().go())
