# Corpus: real program: Conway's game of life on a small torus with a glider and blinker.
W, H = 12, 8

def make(cells):
    return {(x % W, y % H) for x, y in cells}

def step(live):
    counts = {}
    for x, y in live:
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                if dx or dy:
                    key = ((x + dx) % W, (y + dy) % H)
                    counts[key] = counts.get(key, 0) + 1
    return {c for c, n in counts.items() if n == 3 or (n == 2 and c in live)}

def show(live):
    for y in range(H):
        print("".join("#" if (x, y) in live else "." for x in range(W)))

glider = [(1, 0), (2, 1), (0, 2), (1, 2), (2, 2)]
blinker = [(8, 5), (9, 5), (10, 5)]
world = make(glider + blinker)
show(world)
for gen in range(1, 9):
    world = step(world)
    print("gen", gen, "population", len(world), "bbox",
          min(x for x, _ in world), min(y for _, y in world),
          max(x for x, _ in world), max(y for _, y in world))
print()
show(world)
history = []
w = make(glider)
for gen in range(97):
    history.append(sorted(w))
    w = step(w)
print("glider period on torus:", next(i for i in range(1, len(history)) if history[i] == history[0]))
