# Corpus: any() and all() with lists, generators, empty inputs and short-circuiting.
print(any([]), all([]), any([0, 0]), all([1, 1]), any([0, 1]), all([1, 0]))
print(any("abc"), all(["a", ""]), any([None, False, 0.0, ""]), all([[1], (2,), {3: 4}]))
nums = [2, 4, 6, 8, 11]
print(all(n % 2 == 0 for n in nums), any(n % 2 for n in nums), all(n > 0 for n in nums))
checked = []
def check(n):
    checked.append(n)
    return n > 3
print(any(check(n) for n in [1, 2, 5, 7, 9]), checked)
checked.clear()
print(all(check(n) for n in [5, 7, 1, 9]), checked)
grid = [[1, 2, 3], [4, 0, 6], [7, 8, 9]]
print(any(0 in row for row in grid), all(all(v > 0 for v in row) for row in grid))
print([all(v < 5 for v in row) for row in grid], [any(v > 7 for v in row) for row in grid])
def valid_sudoku_row(row):
    digits = [d for d in row if d != 0]
    return all(1 <= d <= 9 for d in digits) and len(digits) == len(set(digits))
print(valid_sudoku_row([5, 3, 0, 0, 7, 0, 0, 0, 0]), valid_sudoku_row([5, 3, 5, 0, 0, 0, 0, 0, 0]))
words = ["apple", "avocado", "almond"]
print(all(w.startswith("a") for w in words), any(w.endswith("o") for w in words), any(len(w) > 10 for w in words))
def is_prime(n):
    return n > 1 and all(n % d for d in range(2, int(n ** 0.5) + 1))
print([n for n in range(40) if is_prime(n)])
print(all(map(is_prime, [2, 3, 5, 7])), any(map(is_prime, [4, 6, 8])))
pwd = "Secr3t!x"
rules = [
    ("length", len(pwd) >= 8),
    ("upper", any(c.isupper() for c in pwd)),
    ("lower", any(c.islower() for c in pwd)),
    ("digit", any(c.isdigit() for c in pwd)),
    ("space", not any(c == " " for c in pwd)),
]
for name, ok in rules:
    print(name, ok)
print("password ok:", all(ok for _, ok in rules))
print(any(x for x in range(0)), all(x for x in range(0)), any(iter([0, 0, 3])))
