# Corpus: round(): ints, floats, banker's rounding, negative ndigits, None ndigits, __round__, errors.
for v in [0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 0.49999999999999994, 2.675, 1.005, 1e16 + 1]:
    print(v, round(v), type(round(v)).__name__, round(v, 0), type(round(v, 0)).__name__)
for v, n in [(3.14159, 2), (3.14159, 4), (2.675, 2), (1.0005, 3), (123.456, -1), (123.456, -2),
             (155.0, -1), (165.0, -1), (-155.0, -1), (0.125, 2), (0.375, 2), (1e300, -300), (5e-324, 400),
             (1.5, None), (2.5, None), (12.5, -1), (1234.5678, 10)]:
    print(v, n, round(v, n))
for v, n in [(1234, -2), (1250, -2), (1350, -2), (-1250, -2), (15, -1), (25, -1), (5, -1), (7, 2), (7, 0),
             (10**20 + 5 * 10**18, -19), (-35, -1), (12345678901234567890, -5), (999, -3), (500, -3), (1500, -3)]:
    r = round(v, n)
    print(v, n, r, type(r).__name__)
print(round(True), round(False, 2), type(round(True)).__name__, round(7, None))
print(round(-0.0), round(-0.0, 1), round(-0.4), round(-0.6), round(0.0, -5))
for bad in [float("inf"), float("-inf"), float("nan")]:
    try:
        round(bad)
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
print(round(float("inf"), 2), round(float("nan"), 1) != round(float("nan"), 1))


class Money:
    def __init__(self, v):
        self.v = v

    def __round__(self, ndigits=None):
        return ("rounded", self.v, ndigits)


print(round(Money(1.23)), round(Money(1.23), 1), round(Money(9), ndigits=-1))


class NoRound:
    pass


for args in [(NoRound(),), ("1.5",), (1.5, "2"), (1.5, 2.0), (), (1, 2, 3), (2.5, 10**100)]:
    try:
        print(args, round(*args))
    except (TypeError, OverflowError) as e:
        print(type(e).__name__, e)
try:
    round(number=1.5, ndigits=0)
    print("keywords accepted:", round(number=2.55, ndigits=1))
except TypeError as e:
    print(type(e).__name__, e)
print([round(x / 2) for x in range(-6, 7)])
print([round(x / 8, 2) for x in range(0, 9)])
print(round(10**400 // 3, -398), round(2**70, -20))
