# Corpus: string literals, concatenation, repetition, indexing, comparison and `in`.
s = "Hello"
t = "World"
print(s + ", " + t + "!")
print(s * 3, "-" * 20, 0 * "x" + "|")
print(len(s), len(""), len("multi\nline"))
print(s[0], s[-1], s[1], s[-2])
print("ell" in s, "xyz" in s, "" in s, "H" not in s)
print(s == "Hello", s != "hello", s < t, "apple" < "banana", "Z" < "a", "abc" < "abd", "ab" < "abc")
print(repr(s), repr("it's"), repr('say "hi"'), repr("tab\there"), repr("back\\slash"), repr("nl\n"))
print("tab\there", "a\\b")
print('single' + "double" + """triple""")
print("unicode: caf\u00e9", len("caf\u00e9"), "\u00e9" in "caf\u00e9")
print(str(42) + str(3.5) + str(True) + str(None) + str([1, 2]))
multi = """line one
line two
line three"""
print(multi)
print(multi.count("line"), len(multi.split("\n")))
acc = ""
for i in range(10):
    acc += str(i)
print(acc, len(acc))
chars = []
for ch in "stressed":
    chars.insert(0, ch)
print("".join(chars))
print(ord("A"), ord("a"), ord("0"), chr(65), chr(97) + chr(98), chr(0x263A) == "\u263a")
print([ch for ch in "abc"], list("xyz"), tuple("hi"))
print(max("hello"), min("hello"), sorted("banana"))
print("a" "b" "c", ("con" "cat"))
word = "racecar"
print(word, "palindrome?", word == word[::-1])
word = "python"
print(word, "palindrome?", word == word[::-1])
print(str(), bool(""), bool(" "), "abc" * 0 == "")
x = "abc"
y = "ab" + "c"
print(x == y, hash(1) == 1, len(x + y))
