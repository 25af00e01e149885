# Corpus: real program: prime sieve, factorization, totient and perfect numbers.
def sieve(limit):
    is_p = [True] * (limit + 1)
    is_p[0] = is_p[1] = False
    i = 2
    while i * i <= limit:
        if is_p[i]:
            for j in range(i * i, limit + 1, i):
                is_p[j] = False
        i += 1
    return [n for n in range(limit + 1) if is_p[n]]

primes = sieve(1000)
print(len(primes), primes[:20], primes[-5:])

def factorize(n):
    factors = {}
    d = 2
    while d * d <= n:
        while n % d == 0:
            factors[d] = factors.get(d, 0) + 1
            n //= d
        d += 1 if d == 2 else 2
    if n > 1:
        factors[n] = factors.get(n, 0) + 1
    return factors

def fmt(factors):
    return " * ".join(str(p) if e == 1 else f"{p}^{e}" for p, e in sorted(factors.items()))

for n in [2, 12, 360, 97, 1001, 65536, 999999, 600851475143, 2 ** 31 - 1]:
    print(n, "=", fmt(factorize(n)))

def totient(n):
    result = n
    for p in factorize(n):
        result = result // p * (p - 1)
    return result

print([totient(n) for n in range(1, 21)])

def divisor_sum(n):
    total = 1
    for p, e in factorize(n).items():
        total *= (p ** (e + 1) - 1) // (p - 1)
    return total - n

print([n for n in range(2, 10000) if divisor_sum(n) == n])
twins = [(p, p + 2) for p in primes if p + 2 in set(primes)]
print(len(twins), twins[:6], twins[-1])
gaps = [b - a for a, b in zip(primes, primes[1:])]
print("max gap", max(gaps), "at", primes[gaps.index(max(gaps))])
goldbach = {}
pset = set(primes)
for even in range(4, 101, 2):
    for p in primes:
        if even - p in pset:
            goldbach[even] = (p, even - p)
            break
print([goldbach[n] for n in (4, 28, 64, 98, 100)])
print(sum(primes) % 1000, sum(p * p for p in primes[:100]))
