# Corpus: real program: backtracking sudoku solver on a fixed puzzle.
puzzle = [
    "530070000",
    "600195000",
    "098000060",
    "800060003",
    "400803001",
    "700020006",
    "060000280",
    "000419005",
    "000080079",
]
grid = [[int(ch) for ch in row] for row in puzzle]

def candidates(g, r, c):
    used = set(g[r])
    used |= {g[i][c] for i in range(9)}
    br, bc = 3 * (r // 3), 3 * (c // 3)
    for i in range(br, br + 3):
        for j in range(bc, bc + 3):
            used.add(g[i][j])
    return [d for d in range(1, 10) if d not in used]

steps = [0]

def solve(g):
    best = None
    for r in range(9):
        for c in range(9):
            if g[r][c] == 0:
                cands = candidates(g, r, c)
                if best is None or len(cands) < len(best[2]):
                    best = (r, c, cands)
    if best is None:
        return True
    r, c, cands = best
    for d in cands:
        steps[0] += 1
        g[r][c] = d
        if solve(g):
            return True
    g[r][c] = 0
    return False

def show(g):
    for i, row in enumerate(g):
        if i and i % 3 == 0:
            print("------+-------+------")
        cells = [str(v) if v else "." for v in row]
        print(" ".join(cells[0:3]), "|", " ".join(cells[3:6]), "|", " ".join(cells[6:9]))

show(grid)
print()
print("solved:", solve(grid))
show(grid)

def valid(g):
    for i in range(9):
        if sorted(g[i]) != list(range(1, 10)):
            return False
        if sorted(g[r][i] for r in range(9)) != list(range(1, 10)):
            return False
    for br in range(0, 9, 3):
        for bc in range(0, 9, 3):
            box = [g[r][c] for r in range(br, br + 3) for c in range(bc, bc + 3)]
            if sorted(box) != list(range(1, 10)):
                return False
    return True

print("valid:", valid(grid), "steps:", steps[0])
