# Corpus: C-level recursion (repr of a deeply nested list, a __repr__ that recurses) raises RecursionError.
x = []
for i in range(200000):
    x = [x]
try:
    print(len(repr(x)))
except RecursionError as e:
    print("caught", e)
class A:
    def __repr__(self):
        return repr(self)
try:
    repr(A())
except RecursionError as e:
    print("caught2", e)
