# Benchmark: count all N-queens solutions with recursive backtracking over sets and lists.
def solve(n):
    count = 0
    cols = [False] * n
    d1 = [False] * (2 * n)
    d2 = [False] * (2 * n)

    def place(row):
        nonlocal count
        if row == n:
            count += 1
            return
        for c in range(n):
            a = row + c
            b = row - c + n
            if cols[c] or d1[a] or d2[b]:
                continue
            cols[c] = d1[a] = d2[b] = True
            place(row + 1)
            cols[c] = d1[a] = d2[b] = False

    place(0)
    return count

def solve_perm(n):
    # permutation-based variant: generate permutations, keep those with distinct diagonals
    def perms(prefix, remaining, used_d1, used_d2):
        row = len(prefix)
        if not remaining:
            yield prefix
            return
        for c in remaining:
            if (row + c) in used_d1 or (row - c) in used_d2:
                continue
            yield from perms(prefix + [c], remaining - {c}, used_d1 | {row + c}, used_d2 | {row - c})
    return sum(1 for _ in perms([], set(range(n)), set(), set()))

def main():
    results = [solve(n) for n in range(4, 12)]
    results += [solve(n) for n in range(4, 12)]
    print(results)
    print(solve_perm(9), solve_perm(10))

main()
