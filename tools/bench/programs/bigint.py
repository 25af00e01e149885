# Benchmark: big-integer arithmetic: pi digits via a spigot algorithm and factorial digit sums.
def pi_digits(n):
    digits = []
    q, r, t, k, m, x = 1, 0, 1, 1, 3, 3
    while len(digits) < n:
        if 4 * q + r - t < m * t:
            digits.append(m)
            q, r, m = 10 * q, 10 * (r - m * t), (10 * (3 * q + r)) // t - 10 * m
        else:
            q, r, t, k, m, x = q * k, (2 * q + r) * x, t * x, k + 1, (q * (7 * k + 2) + r * x) // (t * x), x + 2
    return digits

def main():
    d = pi_digits(2500)
    print("".join(str(v) for v in d[:30]), sum(d))
    f = 1
    for i in range(2, 1500):
        f *= i
    print(sum(int(c) for c in str(f)), len(str(f)))

main()
