# Corpus: OSError details (characters_written, __reduce__, errno subclass choice through __new__ vs __init__,
# filename None), UnicodeError attribute setters and odd constructions, SyntaxError detail checks, ImportError and
# AttributeError pickling state, keyword-only arguments of NameError/AttributeError/ImportError.
def attempt(label, fn):
    try:
        print(label, "->", repr(fn()))
    except Exception as e:
        print(label, "->", type(e).__name__, e)


b = BlockingIOError(11, "would block", 5)
b.characters_written = 7
print(b.characters_written, b.args, str(b))
del b.characters_written
attempt("del again", lambda: b.__delattr__("characters_written"))
attempt("set str", lambda: setattr(b, "characters_written", "x"))
attempt("float count", lambda: BlockingIOError(11, "x", 2.5))
attempt("str count is filename", lambda: str(BlockingIOError(11, "x", "name")))
attempt("via OSError", lambda: OSError(11, "x", 3).characters_written)


class SubBlocking(BlockingIOError):
    pass


attempt("subclass keeps filename", lambda: str(SubBlocking(11, "x", 5)))
attempt("reduce 3", lambda: OSError(2, "x", "f").__reduce__())
attempt("reduce 5", lambda: OSError(2, "x", "f", None, "g").__reduce__())
e = OSError(1)
e.extra = 1
attempt("reduce dict", lambda: e.__reduce__())
attempt("kw", lambda: OSError(2, "x", k=1))
e = OSError(2, "x")
e.filename = None
attempt("filename None set later", lambda: str(e))
attempt("filename None given", lambda: (str(OSError(2, "x", None, None, "f2")), OSError(2, "x", None, None, "f2").filename2))
attempt("bool errno", lambda: type(OSError(True, "x")).__name__)
attempt("six args", lambda: OSError(2, "x", "f", 5, "g", 6).args)
attempt("winerror", lambda: hasattr(OSError(), "winerror"))


class InitOnly(OSError):
    def __init__(self, *a, **k):
        pass


class NewOnly(OSError):
    def __new__(cls, *a):
        return super().__new__(cls, *a)


o = InitOnly(2, "x", "f", k=1)
print("init only:", type(o).__name__, o.args, o.errno, repr(str(o)))
n = NewOnly(2, "x", "f")
print("new only:", type(n).__name__, n.args, n.errno, n.filename)
attempt("OSError.__new__", lambda: type(OSError.__new__(OSError, 2, "x")).__name__)

d = UnicodeDecodeError("c", b"abc", 1, 2, "r")
for v in ["x", 1.5, True, 2**70]:
    attempt(f"start = {v!r}", lambda: (setattr(d, "start", v), d.start)[1])
attempt("del start", lambda: d.__delattr__("start"))
del d.reason
attempt("str after failed sets", lambda: str(d))
d = UnicodeDecodeError("c", b"abc", 1, 2, "r")
d.encoding = 5
d.reason = 6
d.end = 3
attempt("non-str encoding/reason", lambda: str(d))
attempt("bytearray object", lambda: (UnicodeDecodeError("c", bytearray(b"ab"), 0, 1, "r").object))
attempt("kw", lambda: UnicodeDecodeError("c", b"x", 0, 1, "r", x=1))
attempt("no args", lambda: UnicodeEncodeError())
u = UnicodeEncodeError.__new__(UnicodeEncodeError)
attempt("uninitialised", lambda: (str(u), u.start, u.end, u.object, u.encoding))
attempt("translate 3 args", lambda: UnicodeTranslateError("a", 0, 1))
attempt("wide chars", lambda: (str(UnicodeTranslateError("\U0001f600", 0, 1, "r")), str(UnicodeEncodeError("e", "\u1234", 0, 1, "r"))))
attempt("big start", lambda: UnicodeEncodeError("e", "x", 2**70, 1, "r"))
attempt("syntax 5 details", lambda: SyntaxError("m", ("f", 1, 2, "t", 3)))
attempt("syntax 6 details", lambda: SyntaxError("m", ("f", 1, 2, "t", 3, None)).end_offset)
attempt("syntax kw", lambda: SyntaxError("m", x=1))
attempt("syntax big line", lambda: str(SyntaxError("m", ("/a/b/f.py", 2**70, 2, "t"))))
attempt("syntax str details", lambda: SyntaxError("m", "abcd").text)
attempt("NameError kw", lambda: UnboundLocalError("a", x=1))
attempt("ImportError kw", lambda: ModuleNotFoundError("a", x=1))
attempt("AttributeError kw", lambda: AttributeError("a", obj=1, bad=2))
attempt("ImportError reduce", lambda: ImportError("a", name=1, path=2).__reduce__())
attempt("ImportError reduce plain", lambda: ImportError("a").__reduce__())
attempt("AttributeError reduce", lambda: AttributeError("a", name="n", obj=2).__reduce__())
attempt("AttributeError getstate", lambda: AttributeError("a").__getstate__())
attempt("NameError name", lambda: NameError("a", name="nm").name)
raise FileNotFoundError(2, "No such file or directory", "missing.txt", None, "other.txt")
