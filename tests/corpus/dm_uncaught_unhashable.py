# Corpus: class with __eq__ but no __hash__ used as a dict key; ends with an uncaught TypeError.
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __eq__(self, other):
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)
    def __repr__(self):
        return f"Point({self.x}, {self.y})"

class HashablePoint(Point):
    def __hash__(self):
        return hash((self.x, self.y))

pts = [HashablePoint(1, 2), HashablePoint(3, 4), HashablePoint(1, 2)]
seen = {}
for p in pts:
    seen[p] = seen.get(p, 0) + 1
print(seen)
print(Point(1, 2) == HashablePoint(1, 2), HashablePoint(1, 2) == Point(1, 2), Point(0, 0) != Point(0, 1))
print(Point(1, 2) in pts, pts.index(Point(3, 4)), pts.count(Point(1, 2)))
print(Point.__hash__, HashablePoint.__hash__ is not None)
print([p for p in pts if p == Point(1, 2)])

# Equality-based lookups work without hashing
grid = [Point(x, y) for x in range(3) for y in range(2)]
print(len(grid), Point(2, 1) in grid, Point(5, 5) in grid, grid.index(Point(1, 0)))
uniq = []
for p in grid + grid[:3]:
    if p not in uniq:
        uniq.append(p)
print(len(uniq), uniq[:3])

# Frozen snapshots via tuples are hashable
keys = {(p.x, p.y): i for i, p in enumerate(grid)}
print(sorted(keys.items())[:4], keys[(2, 1)])
print(hash((1, 2)) == hash((1, 2)), frozenset((p.x, p.y) for p in grid) == frozenset(keys))

# A subclass restoring hashing explicitly
class IdPoint(Point):
    __hash__ = object.__hash__
ip = IdPoint(9, 9)
d = {ip: "by identity"}
print(d[ip], IdPoint(9, 9) in d, ip == IdPoint(9, 9))

# Checking hashability without raising
def is_hashable(obj):
    try:
        hash(obj)
        return True
    except TypeError:
        return False
print([is_hashable(o) for o in (Point(0, 0), HashablePoint(0, 0), ip, (1, [2]), (1, (2,)), "s", [])])
print("building index")
index = {Point(0, 0): "origin"}
print("unreachable", index)
