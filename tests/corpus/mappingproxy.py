# Corpus: cls.__dict__ is a live read-only mappingproxy; classes always have __doc__.
class A:
    x = 1
d = A.__dict__
print(type(d).__name__, d['x'], 'x' in d, len(d) > 0, sorted(k for k in d if not k.startswith('__')))
try:
    d['y'] = 2
except TypeError as e:
    print(e)
print(d.get('zz', 5), type(d.copy()).__name__, sorted(list(d.keys()))[:2])
A.y = 5
print('y' in d, d['y'], vars(A) == A.__dict__)
