# Corpus: a frozen record class built with __slots__ and __setattr__; ends with an uncaught AttributeError.
class Record:
    __slots__ = ("name", "qty")
    def __init__(self, name, qty):
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "qty", qty)
    def __setattr__(self, key, value):
        raise AttributeError(f"{type(self).__name__} is frozen; cannot set {key!r}")
    def __repr__(self):
        return f"Record({self.name!r}, {self.qty})"
    def __eq__(self, other):
        if not isinstance(other, Record):
            return NotImplemented
        return (self.name, self.qty) == (other.name, other.qty)
    def __hash__(self):
        return hash((self.name, self.qty))
    def replace(self, **changes):
        fields = {"name": self.name, "qty": self.qty}
        for k, v in changes.items():
            if k not in fields:
                raise TypeError(f"unexpected field {k!r}")
            fields[k] = v
        return Record(**fields)

items = [Record("apple", 3), Record("pear", 0), Record("apple", 3)]
print(items, items[0] == items[2], items[0] is items[2], len(set(items)))
r2 = items[1].replace(qty=7)
print(r2, items[1], r2 == items[1])
try:
    items[0].replace(color="red")
except TypeError as e:
    print(type(e).__name__, e)
try:
    items[0].qty += 1
except AttributeError as e:
    print(type(e).__name__, e)
try:
    items[0].extra = 1
except AttributeError as e:
    print(type(e).__name__, e)
print(sorted(items, key=lambda r: (r.name, r.qty)))
print({r: r.qty for r in items})
totals = {}
for r in items:
    totals[r.name] = totals.get(r.name, 0) + r.qty
print(sorted(totals.items()))
print(Record.__slots__, hasattr(items[0], "__dict__"), Record.name.__name__)
print("about to mutate")
items[1].name = "plum"
print("unreachable")
