# Corpus: exception attributes: OSError's errno subclasses and fields, NameError/AttributeError/ImportError names, SyntaxError fields.
import sys
e = OSError(2, "No such file or directory", "x.txt")
print(type(e).__name__, e.errno, e.strerror, e.filename, e.args, str(e))
print(repr(OSError(13, "denied")), type(OSError(13, "denied")).__name__, str(OSError(13, "denied")))
print(str(OSError("just a message")), OSError("m").errno)
print(str(OSError(1, "a", "f1", None, "f2")))
print(type(OSError(17, "exists")).__name__, type(OSError(999, "odd")).__name__, isinstance(FileNotFoundError(), OSError))
print(FileNotFoundError(2, "nf").errno, str(FileNotFoundError("plain")))
print(EnvironmentError is OSError, IOError is OSError)
try:
    raise NameError("nope", name="zz")
except NameError as ex:
    print(ex.name)
try:
    undefined_thing
except NameError as ex:
    print(ex.name, ex.args)
try:
    object().attr_missing
except AttributeError as ex:
    print(ex.name, type(ex.obj).__name__)
s = SyntaxError("bad", ("f.py", 3, 4, "x = ", 3, 5))
print(s.msg, s.filename, s.lineno, s.offset, s.text, s.end_lineno, s.end_offset, str(s))
print(str(SyntaxError("m")), SyntaxError("m").lineno)
ie = ImportError("no", name="mod", path="/p")
print(ie.name, ie.path, ie.msg, str(ie))
print(repr(KeyError("k")), str(KeyError("k")), str(KeyError()), str(KeyError(1, 2)))
