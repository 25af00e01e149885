# Corpus: ends with an uncaught AssertionError with a message from a failed invariant.
def running_max(values):
    out = []
    best = None
    for v in values:
        if best is None or v > best:
            best = v
        out.append(best)
    return out

def check_monotonic(seq):
    for a, b in zip(seq, seq[1:]):
        assert a <= b, f"sequence not monotonic: {a} > {b}"
    return True

data = [3, 1, 4, 1, 5, 9, 2, 6]
rm = running_max(data)
print(rm, check_monotonic(rm))
print(check_monotonic(sorted(data)))
try:
    check_monotonic([1, 3, 2])
except AssertionError as e:
    print("caught:", e)
for seq in [[1, 2, 2, 3], [0], [], [5, 6, 7, 1]]:
    print(seq, "->", check_monotonic(seq))
print("unreachable")
