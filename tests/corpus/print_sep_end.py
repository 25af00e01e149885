# Corpus: print() with sep=, end=, multiple args, empty calls and None values.
print("a", "b", "c")
print("a", "b", "c", sep="")
print("a", "b", "c", sep=", ")
print("a", "b", "c", sep="\n")
print("no newline", end="")
print(" <- continued")
print("x", end="|")
print("y", end="|")
print()
print()
print("multi", "args", 1, 2.5, None, True, [1], sep=" / ", end=" END\n")
print(sep="-")
print(end="")
print("", end="\n")
for i in range(5):
    print(i, end=" " if i < 4 else "\n")
for row in range(3):
    for col in range(4):
        print(row * col, end="\t")
    print()
print(*range(5), sep=",")
print(*["only"], sep="XXX")
print(1, 2, sep=None, end=None)
print("tab", "sep", sep="\t")
print("", "leading", sep="#")
parts = ["2024", "01", "15"]
print(*parts, sep="-")
print("progress:", end=" ")
for p in range(0, 101, 25):
    print(str(p) + "%", end=" ")
print("done")
print("a" * 3, "b" * 0, "c", sep="[", end="]\n")
print("unicode \u00e9\u00e8", "\u03b1\u03b2\u03b3", sep=" ~ ")
