# Benchmark: method calls on a small class hierarchy: bound methods, super(), properties via methods.
class Shape:
    def __init__(self, name):
        self.name = name
        self.calls = 0

    def area(self):
        return 0

    def perimeter(self):
        return 0

    def describe(self):
        self.calls += 1
        return self.area() + self.perimeter()

class Rect(Shape):
    def __init__(self, w, h):
        super().__init__("rect")
        self.w = w
        self.h = h

    def area(self):
        return self.w * self.h

    def perimeter(self):
        return 2 * (self.w + self.h)

class Square(Rect):
    def __init__(self, s):
        super().__init__(s, s)
        self.name = "square"

    def describe(self):
        return super().describe() + 1

class Circle(Shape):
    def __init__(self, r):
        super().__init__("circle")
        self.r = r

    def area(self):
        return 3 * self.r * self.r

    def perimeter(self):
        return 6 * self.r

def main():
    shapes = []
    for i in range(300):
        shapes.append(Rect(i % 7 + 1, i % 5 + 1))
        shapes.append(Square(i % 9 + 1))
        shapes.append(Circle(i % 4 + 1))
    total = 0
    for _ in range(1000):
        for s in shapes:
            total += s.describe()
    calls = sum(s.calls for s in shapes)
    print(total, calls, shapes[-2].name)

main()
