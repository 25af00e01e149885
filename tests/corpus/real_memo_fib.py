# Corpus: real program: memoized recursion with dicts (fibonacci, partitions, grid paths).
memo = {0: 0, 1: 1}
calls = 0

def fib(n):
    global calls
    calls += 1
    if n in memo:
        return memo[n]
    memo[n] = fib(n - 1) + fib(n - 2)
    return memo[n]

for n in [10, 20, 50, 100, 200]:
    print(n, fib(n))
print("calls", calls, "memo size", len(memo))

def naive_fib(n):
    return n if n < 2 else naive_fib(n - 1) + naive_fib(n - 2)

print([naive_fib(i) for i in range(15)])

part_cache = {}

def memoize(fn, cache):
    def wrapper(*args):
        if args not in cache:
            cache[args] = fn(*args)
        return cache[args]
    return wrapper

def partitions(n, k):
    if n == 0:
        return 1
    if n < 0 or k == 0:
        return 0
    return partitions(n - k, k) + partitions(n, k - 1)

partitions = memoize(partitions, part_cache)
print([partitions(n, n) for n in range(1, 21)])
print(partitions(100, 100), len(part_cache))

def grid_paths(r, c, cache={}):
    if r == 0 or c == 0:
        return 1
    key = (r, c)
    if key not in cache:
        cache[key] = grid_paths(r - 1, c) + grid_paths(r, c - 1)
    return cache[key]

print(grid_paths(2, 2), grid_paths(10, 10), grid_paths(16, 16))

def coin_change(coins, amount):
    ways = [1] + [0] * amount
    for coin in coins:
        for v in range(coin, amount + 1):
            ways[v] += ways[v - coin]
    return ways[amount]

print(coin_change([1, 2, 5], 11), coin_change([1, 5, 10, 25, 50], 100), coin_change([2], 3))

def lcs(a, b):
    table = {}
    def go(i, j):
        if i == len(a) or j == len(b):
            return ""
        if (i, j) in table:
            return table[(i, j)]
        if a[i] == b[j]:
            res = a[i] + go(i + 1, j + 1)
        else:
            x, y = go(i + 1, j), go(i, j + 1)
            res = x if len(x) >= len(y) else y
        table[(i, j)] = res
        return res
    return go(0, 0)

print(lcs("AGGTAB", "GXTXAYB"), lcs("abcdefghij", "ecdgi"), repr(lcs("abc", "xyz")))
