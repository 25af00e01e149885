# Corpus: ends with an uncaught TypeError from mixing incompatible operand types.
def describe(x):
    return "value " + str(x)

for v in [1, "s", 2.5, None, [1]]:
    print(describe(v))
nothing = None
checks = [
    lambda: 1 + "a",
    lambda: "a" * "b",
    lambda: len(5),
    lambda: [1] + (2,),
    lambda: nothing(),
    lambda: {}[[]],
    lambda: sorted([1, "a"]),
    lambda: "x" < 1,
]
for i, fn in enumerate(checks):
    try:
        fn()
        print(i, "no error")
    except TypeError as e:
        print(i, "TypeError:", e)
print("a" * 3, [0] * 2, 2 * (1,))
def add_all(items):
    total = 0
    for it in items:
        total = total + it
        print("running total", total)
    return total
print(add_all([1, 2, 3]))
print(add_all([1, 2, "3", 4]))
