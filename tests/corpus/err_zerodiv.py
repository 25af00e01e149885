# Corpus: ends with an uncaught ZeroDivisionError after printing partial results.
def average(values):
    return sum(values) / len(values)

datasets = [[1, 2, 3], [10, 20], [5], [7, 8, 9, 10]]
for d in datasets:
    print(d, "average", average(d))

def ratios(pairs):
    out = []
    for a, b in pairs:
        try:
            out.append(a / b)
        except ZeroDivisionError:
            out.append(None)
    return out

print(ratios([(1, 2), (3, 0), (9, 3)]))
print(10 % 3, 10 // 3, -10 // 3)
try:
    print(5 % 0)
except ZeroDivisionError as e:
    print("caught:", e)
try:
    print(5.0 / 0.0)
except ZeroDivisionError as e:
    print("caught:", e)
try:
    print(divmod(1, 0))
except ZeroDivisionError as e:
    print("caught:", e)
total = 0
for i in range(5, -1, -1):
    total += i
    print("i =", i, "total =", total)
print("about to fail")
print(average([]))
print("never reached")
