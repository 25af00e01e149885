# Corpus: print(): sep/end/file=None/flush keywords, __str__ dispatch, custom file objects, and errors.
print()
print("a", "b", "c")
print("a", "b", "c", sep="")
print("a", "b", "c", sep=", ", end=".\n")
print("no newline", end="")
print(" <- continued", end="|\n")
print(1, 2.5, None, True, [1, "x"], (2,), {"k": 3}, sep=" / ")
print("sep None", "uses space", sep=None, end=None)
print("file None goes to stdout", file=None)
print("flushed", flush=True)
print(*range(5), sep="-")
print(*[], sep="never shown")
print("", "", sep="X")
print("multi\nline", "tab\there", sep="\n")


class Shown:
    def __str__(self):
        return "str() of Shown"

    def __repr__(self):
        return "repr() of Shown"


print(Shown(), [Shown()], repr(Shown()))


class Collector:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)
        return len(s)


col = Collector()
print("to", "collector", sep="+", end="!", file=col)
print(file=col)
print(42, file=col, flush=False)
print(col.parts)


class FlushCounting(Collector):
    flushes = 0

    def flush(self):
        FlushCounting.flushes += 1


fc = FlushCounting()
print("x", file=fc, flush=True)
print("y", file=fc)
print(fc.parts, FlushCounting.flushes)
for kwargs in [{"sep": 5}, {"end": 1}, {"sep": b"-"}, {"file": 5}, {"bogus": 1}]:
    try:
        print("a", "b", **kwargs)
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)


class NoWrite:
    pass


try:
    print("x", file=NoWrite())
except AttributeError as e:
    print(type(e).__name__, e)


class BadStr:
    def __str__(self):
        return 123


try:
    print(BadStr())
except TypeError as e:
    print(type(e).__name__, e)


class RaisingStr:
    def __str__(self):
        raise ValueError("str failed")


col2 = Collector()
try:
    print("before", RaisingStr(), "after", file=col2)
except ValueError as e:
    print(type(e).__name__, e, col2.parts)


class WriteFails:
    def write(self, s):
        raise OSError("disk full")


try:
    print("data", file=WriteFails())
except OSError as e:
    print(type(e).__name__, e)


class StrSub(str):
    def __str__(self):
        return "overridden"


print(StrSub("original"), str(StrSub("original")), "%s" % StrSub("original"))
print("unicode: é ü 中文 😀", "\u00e9", sep=" | ")
print(b"bytes print as repr", bytearray(b"ba"), 1e100, -0.0, 2**100)
print(print.__name__, print("inner returns None") is None)
