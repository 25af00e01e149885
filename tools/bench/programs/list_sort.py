# Benchmark: list building and sorting: sort(), sorted with key/reverse, slicing, a hand-written merge sort.
def lcg(seed, n):
    out = []
    x = seed
    for _ in range(n):
        x = (x * 69069 + 1) % 4294967296
        out.append(x % 100000)
    return out

def merge_sort(a):
    if len(a) <= 16:
        # insertion sort for small runs
        a = a[:]
        for i in range(1, len(a)):
            v = a[i]
            j = i - 1
            while j >= 0 and a[j] > v:
                a[j + 1] = a[j]
                j -= 1
            a[j + 1] = v
        return a
    mid = len(a) // 2
    left = merge_sort(a[:mid])
    right = merge_sort(a[mid:])
    out = []
    i = j = 0
    nl = len(left)
    nr = len(right)
    while i < nl and j < nr:
        if left[i] <= right[j]:
            out.append(left[i])
            i += 1
        else:
            out.append(right[j])
            j += 1
    out.extend(left[i:])
    out.extend(right[j:])
    return out

def main():
    data = lcg(42, 40000)
    checks = []
    for rnd in range(3):
        a = data[:]
        a.sort()
        b = sorted(data, reverse=True)
        c = sorted(data, key=lambda v: (v % 1000, v))
        d = merge_sort(data)
        pairs = sorted(zip(data[:5000], range(5000)), key=lambda p: -p[0])
        checks.append((a == d, b[0], c[0], c[-1], pairs[0], sum(a[::1000])))
    print(checks[-1], all(c == checks[0] for c in checks))

main()
