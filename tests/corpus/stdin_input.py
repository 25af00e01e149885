# sys.stdin / sys.__stdin__ (a TextIOWrapper over fd 0; the corpus runs with stdin from /dev/null) and input()
# reading through sys.stdin, including a replaced sys.stdin.
import io
import sys

s = sys.stdin
print(s is sys.__stdin__, type(s).__name__, type(s.buffer).__name__, type(s.buffer.raw).__name__)
print(repr(s), repr(s.buffer), repr(s.buffer.raw))
print(s.name, s.mode, s.encoding, s.newlines, s.line_buffering, s.write_through, s.buffer.raw.closefd)
print(s.fileno(), s.readable(), s.writable(), s.closed, s.isatty())
print(repr(s.read()), repr(s.readline()))
try:
    input("prompt> ")
except EOFError as e:
    print("\nEOFError", e)

sys.stdin = io.StringIO("first line\nsecond\r\nno newline")
print(repr(input()), repr(input("> ")), repr(input()))
try:
    input()
except EOFError as e:
    print("EOFError", e)


class Lines:
    def __init__(self):
        self.calls = 0

    def readline(self):
        self.calls += 1
        return "custom %d\n" % self.calls


sys.stdin = Lines()
print(input(), input(), sys.stdin.calls)


class Bad:
    def readline(self):
        return b"bytes\n"


class NotText:
    def readline(self):
        return 42


sys.stdin = Bad()
print(repr(input()))
sys.stdin = NotText()
try:
    input()
except TypeError as e:
    print("TypeError", e)
sys.stdin = None
try:
    input()
except RuntimeError as e:
    print("RuntimeError", e)
del sys.stdin
try:
    input()
except RuntimeError as e:
    print("RuntimeError", e)
sys.stdin = sys.__stdin__
print(sys.stdin.read(), "done")
