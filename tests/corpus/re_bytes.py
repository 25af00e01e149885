import re

# bytes patterns over bytes, bytearray, memoryview and other buffers; str/bytes mixing errors.
p = re.compile(rb"(\w+)=(\d+)")
for subject in [b"a=1 bb=22", bytearray(b"a=1 bb=22"), memoryview(b"xa=1 bb=22")[1:]]:
    m = p.search(subject)
    print(type(subject).__name__, m, m.groups(), type(m.group()).__name__, m.string is subject)
    print("  ", p.findall(subject), p.sub(rb"\2=\1", subject), p.split(subject), [m.span() for m in p.finditer(subject)])
print(re.findall(rb"[\x80-\xff]+", b"a\x80\xffb\xc3\xa9"), re.findall(rb"\xe9", "é".encode("latin-1")))
print(re.findall(rb"(?i)[a-z]+", b"ABC\xc9\xe9 def"), re.findall(rb"\s+", b"a\x1c\x0b\x85\xa0b"))
print(re.match(rb"\d+", b"123\xb2"), re.findall(rb"\W", b"a\xe9_"), re.findall(rb"(?i)\xe9", b"\xc9\xe9"))
print(re.sub(rb"\b", b"|", b"ab cd"), re.split(rb"\x00", b"a\x00b"), re.escape(b"a.b\x00"))
print(re.fullmatch(rb".*", b"a\nb"), re.fullmatch(rb"(?s).*", b"a\nb"), re.search(rb"\Z", b"ab").span())

# A bytearray that changes after the match: the match keeps its offsets, slices are clamped.
ba = bytearray(b"hello world")
m = re.search(rb"(w\w+)", ba)
print(m.group(1), m.span(1))
ba[:] = b"hi"
print(m.group(1), m.group(0), m.span(1), m.string)

mv = memoryview(bytearray(b"abc 123 def 456"))
print(re.findall(rb"\d+", mv), re.search(rb"d\w+", mv).group(), re.search(rb"d\w+", mv[8:]))

# Kind mismatches and wrong types.
checks = [
    lambda: re.search("a", b"a"),
    lambda: re.search(b"a", "a"),
    lambda: re.search("a", 5),
    lambda: re.search(b"a", [1]),
    lambda: re.compile("a").match(None),
    lambda: re.sub("a", "b", b"a"),
    lambda: re.split(b"a", "a"),
    lambda: re.findall("a", bytearray(b"a")),
    lambda: re.compile(b"a").fullmatch(memoryview(b"a")),
    lambda: re.compile(5),
    lambda: re.compile(b"a", re.U),
    lambda: re.search(b"a", memoryview(b"xya")[::2]),
    lambda: re.compile("(a)").match("a", "x"),
    lambda: re.compile("(a)").match("a", 2 ** 70),
    lambda: re.compile("(a)").sub("b"),
    lambda: re.compile("(a)").match("a", pos=1, endpos=2, flags=3),
]
for c in checks:
    try:
        print(c())
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)
