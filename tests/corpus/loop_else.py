# Corpus: else clauses on for/while loops combined with break and continue.
def search(items, target):
    for idx, item in enumerate(items):
        if item == target:
            print("found", target, "at", idx)
            break
    else:
        print(target, "not found")

search([4, 8, 15, 16, 23, 42], 15)
search([4, 8, 15, 16, 23, 42], 7)
search([], 1)

for i in range(3):
    continue
else:
    print("for-else runs after continue-only loop, i =", i)

n = 0
while n < 10:
    n += 1
    if n == 100:
        break
else:
    print("while-else ran, n =", n)

n = 0
while n < 10:
    n += 1
    if n == 4:
        break
else:
    print("not printed")
print("broke at", n)

primes = []
for cand in range(2, 50):
    for p in primes:
        if p * p > cand:
            primes.append(cand)
            break
        if cand % p == 0:
            break
    else:
        primes.append(cand)
print(primes)

for outer in range(4):
    for inner in range(4):
        if inner > outer:
            break
        if (outer + inner) % 2:
            continue
        print(outer, inner, end="; ")
    else:
        print("(inner completed for", outer, ")", end="")
    print()

def first_negative(rows):
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if v < 0:
                return (r, c)
    return None

print(first_negative([[1, 2], [3, -4], [-5]]))
print(first_negative([[1], [2]]))
