# Corpus: dir(), vars() and locals() on instances, classes, functions and the module.
class A:
    cls_attr = 1
    def method(self): pass
class B(A):
    def __init__(self):
        self.x = 1
        self._y = 2
b = B()
print([n for n in dir(b) if not n.startswith("__")])
print(vars(b), sorted(k for k in vars(B) if not k.startswith("__")))
def f(a, b=2):
    c = a + b
    def g():
        return c
    print(sorted(locals()))
    return g
f(1)
print("__name__" in dir(), sorted(n for n in dir(A) if not n.startswith("__")))
try:
    vars(1)
except TypeError as e:
    print(e)
print(len(dir(1)) > 50, "bit_length" in dir(1), dir([]) == sorted(dir([])))
x = 5
print("x" in locals(), locals() is globals())
