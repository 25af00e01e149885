# Corpus: conditional (ternary) expressions, nested and inside other expressions.
for n in range(-2, 4):
    print(n, "pos" if n > 0 else "zero" if n == 0 else "neg")
def sign(x):
    return 1 if x > 0 else (-1 if x < 0 else 0)
print([sign(v) for v in [-5, 0, 7, -0.5, 2.5]])
def describe(n):
    kind = "even" if n % 2 == 0 else "odd"
    size = "big" if n > 100 else "small"
    return f"{n}: {kind}, {size}"
for n in [3, 200, 42, 101]:
    print(describe(n))
print(max(3, 7) if True else None, (1 if False else 2) * 10)
vals = [x if x % 3 else "fizz" for x in range(1, 10)]
print(vals)
def safe_div(a, b):
    return a / b if b != 0 else float("inf")
print(safe_div(1, 4), safe_div(1, 0))
side_effects = []
def noisy(label, val):
    side_effects.append(label)
    return val
r = noisy("then", 1) if noisy("cond", False) else noisy("else", 2)
print(r, side_effects)
label = "many" if len([1, 2, 3]) > 2 else "few"
print(label)
abs_list = [(-x if x < 0 else x) for x in [-3, 4, -5]]
print(abs_list)
print("yes" if "" else "no", "yes" if [0] else "no", "yes" if None else "no")
f = (lambda x: "big") if 10 > 5 else (lambda x: "small")
print(f(0))
def clamp(x, lo, hi):
    return lo if x < lo else hi if x > hi else x
print([clamp(v, 0, 10) for v in [-5, 0, 5, 10, 15]])
grade = lambda s: "A" if s >= 90 else "B" if s >= 80 else "C" if s >= 70 else "F"
print([grade(s) for s in [95, 85, 75, 65]])
x = 5
y = x * 2 if x > 3 else x / 2
print(y, f"{'odd' if x % 2 else 'even'}")
print(sum(v if v > 0 else 0 for v in [3, -1, 4, -1, 5]))
