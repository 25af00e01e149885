# Corpus: keyword arguments in calls, ordering and **dict unpacking at call sites.
def describe(name, age, city="nowhere"):
    return name + " is " + str(age) + " and lives in " + city

print(describe("Ann", 31))
print(describe(age=40, name="Bob"))
print(describe("Cy", city="Oslo", age=22))
print(describe(*["Dee", 19]))
print(describe(**{"name": "Eve", "age": 55, "city": "Rome"}))
print(describe("Fay", **{"age": 7}))

def box(width, height, depth=1):
    print("box", width, height, depth, "volume", width * height * depth)

box(2, 3)
box(height=4, width=5)
box(1, 2, depth=9)
args = (3, 3)
kw = {"depth": 3}
box(*args, **kw)

def apply(fn, *args, **kwargs):
    return fn(*args, **kwargs)

print(apply(describe, "Gil", 60))
print(apply(describe, name="Hal", age=1, city="Lima"))
print(apply(max, 3, 9, 2))

def tag(text, bold=False, italic=False):
    out = text
    if bold:
        out = "<b>" + out + "</b>"
    if italic:
        out = "<i>" + out + "</i>"
    return out

print(tag("plain"))
print(tag("strong", bold=True))
print(tag("em", italic=True))
print(tag("both", italic=True, bold=True))
for flags in [{}, {"bold": True}, {"italic": True, "bold": False}]:
    print(tag("x", **flags))
