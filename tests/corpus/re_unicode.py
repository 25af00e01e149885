import re

# str subjects of every kind (Latin-1, UCS-2, UCS-4) and the Unicode classes \w \d \s \b on non-ASCII text.

texts = [
    "café naïve Ærøskøbing",                 # Latin-1
    "Привет, мир! Ελληνικά 123",              # UCS-2
    "日本語のテキスト ２０２４年",             # UCS-2, fullwidth digits
    "emoji 😀 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟙𝟚𝟛",              # UCS-4
    "tabs\tand\u2003em\u3000spaces\u00a0nbsp\u2028ls\x1cfs",
    "٠١٢ ३४५ ๖๗๘ ½ ² Ⅻ",                     # digits of other scripts and numerics
    "under_score x_1 _ ͅ ̈a",
]
for t in texts:
    print(repr(t))
    print("  w", re.findall(r"\w+", t))
    print("  W", re.findall(r"\W+", t))
    print("  d", re.findall(r"\d+", t), re.findall(r"\D+", t)[:3])
    print("  s", re.findall(r"\s", t), len(re.findall(r"\S", t)))
    print("  b", [m.start() for m in re.finditer(r"\b", t)])
    print("  B", len(re.findall(r"\B", t)))
    print("  a", re.findall(r"(?a)\w+", t), re.findall(r"(?a)\s", t))
    print("  .", len(re.findall(".", t)), re.split(r"\s+", t))

# Sets and ranges beyond Latin-1 (they compile to BIGCHARSET or ranges).
print(re.findall(r"[а-яё]+", "Ёлка ёлка Ель"), re.findall(r"(?i)[а-яё]+", "Ёлка ёлка Ель"))
print(re.findall(r"[\u3040-\u309f]+", "ひらがなカタカナ"), re.findall(r"[^\u3040-\u309f]+", "ひらがなカタカナ"))
print(re.findall(r"[😀-😏]", "a😀b😎c😐"), re.findall(r"[^a-z😀]", "a😀b😎"))
print(re.findall(r"[αβγδεa-c\u0400-\u04ff]+", "abcαβxyzЖж"), re.findall(r"[\w-]+", "a-b"))
cls = "".join(chr(c) for c in range(0x100, 0x3000, 7))
print(len(re.findall("[" + cls + "]", "".join(chr(c) for c in range(0x100, 0x3000)))))
print(re.findall(r"(?i)[ǅ-ǆ]+", "ǄǅǆDžx"), re.findall("(?i)ﬀ", "ﬀ FF ff"))
print(re.search(r"\w+", "\U0001d400\U0001d401").span(), re.search(r"[\U0001d400-\U0001d7ff]+", "x𝐀𝐁").span())
print(re.sub(r"(\w)(\w*)", lambda m: m.group(1).upper() + m.group(2), "élan vital über"))
print(re.match(r"(.)\1", "ää"), re.match(r"(?i)(.)\1", "äÄ"), re.match(r"(?i)(σ)\1\1", "σΣς"))
print(re.fullmatch(r"\w+", "ǅemal"), re.fullmatch(r"[^\W\d_]+", "Ωmega9"), re.search(r"\d", "x\u0660"))
print(re.findall(r"(?u)\b\w+\b", "αβγ δεζ"), re.findall("[\u00e0-\u00ff]", "àÀÿŸ"))
print(re.escape("α.β*😀"), re.findall(re.escape("a+b") + "+", "a+bbb"))
print([re.match(".", chr(c)) is not None for c in (0, 10, 13, 0x85, 0x2028, 0x10FFFF)])
