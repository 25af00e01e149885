# Benchmark: string processing: split/join, replace, find, case changes, slicing, formatting and building.
WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet"]

def make_text(n):
    parts = []
    for i in range(n):
        w = WORDS[(i * 7) % len(WORDS)]
        if i % 5 == 0:
            w = w.upper()
        parts.append(w)
    return " ".join(parts)

def process(text):
    words = text.split()
    lowered = [w.lower() for w in words]
    caps = sum(1 for w in words if w.isupper())
    joined = ",".join(lowered)
    replaced = joined.replace("a", "4").replace("e", "3")
    pos = 0
    hits = 0
    while True:
        pos = replaced.find("3ch", pos)
        if pos < 0:
            break
        hits += 1
        pos += 3
    rev = [w[::-1] for w in lowered]
    starts = sum(1 for w in lowered if w.startswith(("d", "g")))
    padded = [f"{w:>10}|{i:05d}" for i, w in enumerate(lowered[:2000])]
    built = ""
    for w in lowered[:3000]:
        built += w[:2]
    stripped = sum(len(("  " + w + "  ").strip()) for w in lowered)
    return len(replaced), hits, caps, starts, rev[5], padded[-1], len(built), stripped

def main():
    text = make_text(30000)
    result = None
    for _ in range(20):
        result = process(text)
    print(result)

main()
