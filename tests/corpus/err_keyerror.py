# Corpus: ends with an uncaught KeyError from a dict lookup inside a function.
inventory = {"apples": 3, "pears": 0, "plums": 12}

def take(item, n):
    have = inventory[item]
    if have < n:
        print("not enough", item, "have", have, "want", n)
        return 0
    inventory[item] = have - n
    return n

print(take("apples", 2), inventory)
print(take("pears", 1), inventory)
print(take("plums", 5), inventory)
try:
    take("kiwis", 1)
except KeyError as e:
    print("handled KeyError", e, repr(e), e.args)
print(inventory.get("kiwis"), inventory.pop("kiwis", "none"))
d = {(1, 2): "tuple key", 3: "int key"}
print(d[(1, 2)], d[3])
try:
    print(d[(2, 1)])
except KeyError as e:
    print("missing", e)
orders = [("apples", 1), ("plums", 3), ("cherries", 2)]
for item, n in orders:
    print("ordering", item, n)
    got = take(item, n)
    print("got", got)
print("unreachable")
