# A small shipped example for pyvm: classes, generators, closures and f-strings.
class Shape:
    def __init__(self, name):
        self.name = name

    def area(self):
        raise NotImplementedError


class Rect(Shape):
    def __init__(self, w, h):
        super().__init__("rect")
        self.w, self.h = w, h

    def area(self):
        return self.w * self.h


def squares(n):
    for i in range(n):
        yield i * i


def counter():
    count = 0

    def bump():
        nonlocal count
        count += 1
        return count

    return bump


r = Rect(3, 4)
print(f"hello from pyvm: {r.name} area={r.area()}")
print("squares:", list(squares(6)), "sum:", sum(squares(100)))
bump = counter()
print([bump() for _ in range(3)], 2 ** 100)
