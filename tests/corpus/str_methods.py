# Corpus: common str methods: case, split/join, strip, replace, find, startswith, etc.
s = "  The Quick Brown Fox  "
print("[" + s.strip() + "]", "[" + s.lstrip() + "]", "[" + s.rstrip() + "]")
t = s.strip()
print(t.upper(), t.lower(), t.swapcase(), t.title(), "hello world".capitalize())
print(t.split(), t.split(" "), "a,b,,c".split(","), "a b c d".split(" ", 2))
print("one\ntwo\nthree".splitlines(), "x--y--z".split("--"), "a,b,c".rsplit(",", 1))
print("-".join(["a", "b", "c"]), "".join(["x", "y"]), ", ".join(str(i) for i in range(5)))
print(t.replace("Quick", "Slow"), "aaaa".replace("a", "b", 2), "banana".replace("na", "NA"))
print(t.find("Quick"), t.find("quick"), t.index("Fox"), "banana".rfind("an"), "banana".find("a", 2))
print(t.startswith("The"), t.endswith("Fox"), t.startswith("Quick", 4), "file.py".endswith((".py", ".txt")))
print("banana".count("a"), "banana".count("an"), "aaa".count("aa"))
print("abc".isalpha(), "abc1".isalpha(), "123".isdigit(), "12a".isdigit(), "   ".isspace(), "Abc".isupper(), "abc".islower())
print("42".zfill(5), "-42".zfill(5), "ab".center(6, "*"), "ab".ljust(5, ".") + "|", "ab".rjust(5) + "|")
print("  x  ".strip() == "x", "xxhixx".strip("x"), "www.site.com".lstrip("w."), "data.txt".rstrip(".txt"))
print("Hello {}!".format("world"), "{0}+{0}={1}".format(2, 4), "{name} is {age}".format(name="Ann", age=3))
print("{:>6}|{:<6}|{:^6}|".format("r", "l", "c"), "{:05d} {:x} {:b} {:o}".format(42, 255, 5, 8))
print("a-b-c".partition("-"), "a-b-c".rpartition("-"), "abc".partition("x"))
print("Mississippi".upper().lower().replace("ss", "SS").split("i"))
print("hello world".title().swapcase())
csv = "name,age,city\nann,31,oslo\nbob,42,rome"
rows = [line.split(",") for line in csv.split("\n")]
header = rows[0]
for row in rows[1:]:
    print(dict(zip(header, row)) == {"name": row[0], "age": row[1], "city": row[2]}, row)
words = "the cat sat on the mat with the hat".split()
print(sorted(set(words)), len(words), words.count("the"))
print(" ".join(w[::-1] for w in words))
print(" ".join(w.capitalize() for w in words))
print("tab\tsep".expandtabs(4), "x".join("abc"), "ABC".lower().upper())
print("prefix_name".removeprefix("prefix_"), "name.bak".removesuffix(".bak"))
