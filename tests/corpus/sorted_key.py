# Corpus: sorted()/min()/max() with key functions on records, multi-key and stability.
records = [
    {"name": "ann", "dept": "eng", "salary": 120, "age": 31},
    {"name": "bob", "dept": "ops", "salary": 90, "age": 45},
    {"name": "cy", "dept": "eng", "salary": 150, "age": 28},
    {"name": "dee", "dept": "hr", "salary": 90, "age": 39},
    {"name": "eve", "dept": "ops", "salary": 110, "age": 31},
]
def names(rs):
    return [r["name"] for r in rs]
print(names(sorted(records, key=lambda r: r["salary"])))
print(names(sorted(records, key=lambda r: r["salary"], reverse=True)))
print(names(sorted(records, key=lambda r: (r["dept"], -r["salary"]))))
print(names(sorted(records, key=lambda r: (r["age"], r["name"]))))
print(max(records, key=lambda r: r["age"])["name"], min(records, key=lambda r: r["salary"])["name"])
by_dept = {}
for r in records:
    by_dept.setdefault(r["dept"], []).append(r)
for dept in sorted(by_dept, key=lambda d: -len(by_dept[d])):
    total = sum(r["salary"] for r in by_dept[dept])
    print(dept, len(by_dept[dept]), total)
stable = sorted(records, key=lambda r: r["name"])
stable = sorted(stable, key=lambda r: r["salary"])
print(names(stable))
words = "Banana apple Cherry date elderberry Fig grape".split()
print(sorted(words))
print(sorted(words, key=str.lower))
print(sorted(words, key=lambda w: (-len(w), w.lower())))
print(sorted(words, key=lambda w: w[-1]))
print(sorted(range(-5, 6), key=lambda x: (x * x, x)))
print(sorted("The Quick Brown Fox".split(), key=len, reverse=True))
nums = [15, 3, 22, 8, 41, 7]
print(sorted(nums, key=lambda n: n % 10), sorted(nums, key=str))
print(sorted([(1, "b"), (1, "a"), (0, "z")], key=lambda t: t[0]))
class Emp:
    def __init__(self, n, s):
        self.n = n
        self.s = s
    def __repr__(self):
        return self.n + ":" + str(self.s)
emps = [Emp("x", 3), Emp("y", 1), Emp("z", 2)]
print(sorted(emps, key=lambda e: e.s), max(emps, key=lambda e: e.n))
emps.sort(key=lambda e: -e.s)
print(emps)
