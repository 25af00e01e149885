# Corpus: real program: permutations, combinations and power sets built recursively.
def permutations(items):
    if not items:
        return [[]]
    out = []
    for i, x in enumerate(items):
        for rest in permutations(items[:i] + items[i + 1:]):
            out.append([x] + rest)
    return out

def combinations(items, k):
    if k == 0:
        return [[]]
    if len(items) < k:
        return []
    first = items[0]
    with_first = [[first] + c for c in combinations(items[1:], k - 1)]
    return with_first + combinations(items[1:], k)

def power_set(items):
    result = [[]]
    for x in items:
        result = result + [s + [x] for s in result]
    return result

perms = permutations([1, 2, 3])
print(len(perms), perms)
print(len(permutations(list(range(6)))))
print(["".join(p) for p in permutations(list("abc"))])
for k in range(5):
    cs = combinations([1, 2, 3, 4], k)
    print(k, len(cs), cs)
ps = power_set(["x", "y", "z"])
print(len(ps), sorted(ps, key=lambda s: (len(s), s)))

def next_permutation(seq):
    a = list(seq)
    i = len(a) - 2
    while i >= 0 and a[i] >= a[i + 1]:
        i -= 1
    if i < 0:
        return None
    j = len(a) - 1
    while a[j] <= a[i]:
        j -= 1
    a[i], a[j] = a[j], a[i]
    a[i + 1:] = a[i + 1:][::-1]
    return a

p = [1, 2, 3, 4]
count = 0
seen = []
while p is not None:
    count += 1
    if count <= 5 or count > 22:
        seen.append("".join(str(v) for v in p))
    p = next_permutation(p)
print(count, seen)

def subset_sums(nums, target):
    return [s for s in power_set(nums) if sum(s) == target]

print(subset_sums([3, 34, 4, 12, 5, 2], 9))
print(sum(1 for p in permutations(list(range(5))) if all(p[i] != i for i in range(5))))
