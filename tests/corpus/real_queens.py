# Corpus: real program: N-queens solver with backtracking, counting and printing a board.
def solve(n):
    cols = set()
    diag1 = set()
    diag2 = set()
    placement = []
    solutions = []

    def place(row):
        if row == n:
            solutions.append(list(placement))
            return
        for c in range(n):
            if c in cols or (row - c) in diag1 or (row + c) in diag2:
                continue
            cols.add(c)
            diag1.add(row - c)
            diag2.add(row + c)
            placement.append(c)
            place(row + 1)
            placement.pop()
            cols.remove(c)
            diag1.remove(row - c)
            diag2.remove(row + c)

    place(0)
    return solutions

for n in range(1, 9):
    sols = solve(n)
    print("n =", n, "solutions =", len(sols))

sols = solve(8)
print("first:", sols[0])
print("last:", sols[-1])
for c in sols[0]:
    print(" ".join("Q" if i == c else "." for i in range(8)))

def is_valid(sol):
    n = len(sol)
    for r1 in range(n):
        for r2 in range(r1 + 1, n):
            if sol[r1] == sol[r2] or abs(sol[r1] - sol[r2]) == r2 - r1:
                return False
    return True

print(all(is_valid(s) for s in sols))
mirrored = [[7 - c for c in s] for s in sols]
print(all(m in sols for m in mirrored))
print(sum(s[0] for s in sols), sorted(set(s[0] for s in sols)))
