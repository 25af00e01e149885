# Corpus: real program: word frequencies, line wrapping and simple text statistics.
text = """It was the best of times, it was the worst of times, it was the age of
wisdom, it was the age of foolishness, it was the epoch of belief, it was the
epoch of incredulity, it was the season of Light, it was the season of Darkness,
it was the spring of hope, it was the winter of despair."""

def normalize(word):
    return "".join(ch for ch in word.lower() if ch.isalpha())

words = [normalize(w) for w in text.split()]
words = [w for w in words if w]
print("words:", len(words), "unique:", len(set(words)))
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
top = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:8]
for w, n in top:
    print(f"{w:<12}{n:>3} {'#' * n}")

def wrap(text, width):
    lines = []
    current = ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = word if not current else current + " " + word
    if current:
        lines.append(current)
    return lines

for line in wrap(text, 36):
    print("|" + line.ljust(36) + "|")

sentences = [s.strip() for s in text.replace("\n", " ").split(",") if s.strip()]
print(len(sentences), "clauses; longest:", max(sentences, key=len))
lengths = {}
for w in words:
    lengths.setdefault(len(w), set()).add(w)
for n in sorted(lengths):
    print(n, sorted(lengths[n]))

def title_case(s):
    small = {"of", "the", "a", "an", "and"}
    out = []
    for i, w in enumerate(s.split()):
        out.append(w if i and w in small else w.capitalize())
    return " ".join(out)

print(title_case("the age of wisdom and the epoch of belief"))
vowels = sum(1 for ch in text.lower() if ch in "aeiou")
consonants = sum(1 for ch in text.lower() if ch.isalpha() and ch not in "aeiou")
print("vowels", vowels, "consonants", consonants, "ratio", round(vowels / consonants, 3))
acronym = "".join(w[0].upper() for w in "portable network graphics".split())
print(acronym, text.count("it was"), text.find("wisdom"), text.lower().rfind("it was"))
