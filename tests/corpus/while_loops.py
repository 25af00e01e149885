# Corpus: while loops with counters, break, continue and else clauses.
i = 0
while i < 5:
    print("i =", i)
    i += 1

n = 27
steps = 0
path = [n]
while n != 1:
    if n % 2 == 0:
        n //= 2
    else:
        n = 3 * n + 1
    steps += 1
    path.append(n)
print("collatz steps", steps, "max", max(path))
print(path[:12])

x = 0
while True:
    x += 7
    if x % 5 == 0:
        break
print("first multiple of 7 and 5:", x)

k = 0
odds = []
while k < 20:
    k += 1
    if k % 2 == 0:
        continue
    odds.append(k)
print(odds)

def find_divisor(m):
    d = 2
    while d * d <= m:
        if m % d == 0:
            print(m, "has divisor", d)
            break
        d += 1
    else:
        print(m, "is prime")

for m in [2, 9, 17, 91, 97, 1001]:
    find_divisor(m)

a, b = 1071, 462
while b:
    a, b = b, a % b
print("gcd", a)

digits = []
v = 987654321
while v > 0:
    digits.append(v % 10)
    v //= 10
print(digits, sum(digits))

count = 3
while count:
    print("countdown", count)
    count -= 1
else:
    print("liftoff")
