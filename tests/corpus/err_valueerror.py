# Corpus: ends with an uncaught ValueError from int() on bad input.
def parse_record(line):
    name, qty, price = line.split(",")
    return name.strip(), int(qty), float(price)

lines = ["apple, 3, 0.5", "pear,10,1.25", "  fig ,1,3"]
total = 0.0
for line in lines:
    name, qty, price = parse_record(line)
    total += qty * price
    print(f"{name:>6} {qty:3d} {price:6.2f}")
print("total", total)
for bad in ["x,1", "a,b,c", "a,1,2,3"]:
    try:
        parse_record(bad)
    except ValueError as e:
        print("bad record", repr(bad), "->", e)
print([int(s) for s in "1 2 3".split()])
print(list("1 2 3".split()).index("2"))
try:
    [1, 2].index(5)
except ValueError as e:
    print("ValueError:", e)
print(parse_record("plum, 2, 0.75"))
print(parse_record("kiwi, two, 0.10"))
