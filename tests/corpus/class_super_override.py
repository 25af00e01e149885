# Corpus: super() calls from overriding methods and from __init__ chains with attribute overrides.
class Store:
    def __init__(self):
        self.items = []

    def add(self, item):
        self.items.append(item)

class LoggedStore(Store):
    def add(self, item):
        print("adding", item)
        super().add(item)

st = LoggedStore()
st.add(1)
st.add(2)
print(st.items, len(st.items))

class Shape:
    def __init__(self, kind):
        self.kind = kind

    def area(self):
        return 0

    def __repr__(self):
        return self.kind + "(area=" + str(self.area()) + ")"

class Rect(Shape):
    def __init__(self, w, h):
        super().__init__("Rect")
        self.w = w
        self.h = h

    def area(self):
        return self.w * self.h

class Square(Rect):
    def __init__(self, side):
        super().__init__(side, side)
        self.kind = "Square"

print([Shape("blob"), Rect(2, 3), Square(4)])
