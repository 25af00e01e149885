# Benchmark: dict-heavy workload: counting, grouping, get/setdefault, updates, deletes and lookups.
def make_keys(n):
    keys = []
    x = 12345
    for _ in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        keys.append("k" + str(x % 5000))
    return keys

def run(keys):
    counts = {}
    for k in keys:
        counts[k] = counts.get(k, 0) + 1
    groups = {}
    for k, c in counts.items():
        groups.setdefault(c, []).append(k)
    index = {}
    for i, k in enumerate(keys):
        if k not in index:
            index[k] = i
    inverse = {v: k for k, v in index.items()}
    merged = dict(counts)
    merged.update(index)
    removed = 0
    for k in list(merged):
        if merged[k] % 3 == 0:
            del merged[k]
            removed += 1
    hits = 0
    for k in keys:
        if k in merged:
            hits += 1
    ints = {}
    for i in range(len(keys)):
        ints[i] = i * i
    total = 0
    for i in range(0, len(keys), 3):
        total += ints[i] % 97
    return len(counts), len(groups), max(groups), len(inverse), removed, hits, total

def main():
    keys = make_keys(60000)
    result = None
    for _ in range(10):
        result = run(keys)
    print(result)

main()
