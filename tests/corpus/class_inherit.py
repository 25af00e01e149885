# Corpus: single and multi-level inheritance, method overriding and isinstance.
class Animal:
    def __init__(self, name):
        self.name = name

    def speak(self):
        return "..."

    def intro(self):
        return self.name + " says " + self.speak()

class Dog(Animal):
    def speak(self):
        return "woof"

class Puppy(Dog):
    def speak(self):
        return "yip"

    def play(self):
        return self.name + " plays"

class Cat(Animal):
    def __init__(self, name, indoor):
        Animal.__init__(self, name)
        self.indoor = indoor

    def speak(self):
        return "meow" if self.indoor else "hiss"

zoo = [Animal("generic"), Dog("rex"), Puppy("bit"), Cat("tom", True), Cat("ali", False)]
for a in zoo:
    print(a.intro())
print(zoo[2].play())
for a in zoo:
    print(a.name, isinstance(a, Animal), isinstance(a, Dog), isinstance(a, Puppy), isinstance(a, Cat))
print(issubclass(Puppy, Animal), issubclass(Cat, Dog), issubclass(Dog, Dog))
print(isinstance(3, int), isinstance(True, int), isinstance("s", (int, str)), isinstance(3.0, int))

class A:
    def who(self):
        return "A"
    def hello(self):
        return "hello from " + self.who()

class B(A):
    def who(self):
        return "B"

class C(A):
    def who(self):
        return "C"
    def extra(self):
        return "C.extra"

class D(B, C):
    pass

d = D()
print(d.who(), d.hello(), d.extra())
print(isinstance(d, B), isinstance(d, C), isinstance(d, A), issubclass(D, C))

class Base:
    count = 0
    def __init__(self):
        Base.count += 1
        self.id = Base.count

class Derived(Base):
    pass

objs = [Base(), Derived(), Derived()]
print([o.id for o in objs], Base.count, Derived.count)
