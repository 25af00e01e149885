# _csv (vm/modules/csv_module.cc) through csv: the reader's state machine, the writer's quoting and escaping, the
# Dialect type's validation and messages, the dialect registry, field_size_limit, and readers and writers shared
# by threads.
import _csv, csv, gc, io, threading, weakref


def show(f, *args, **kwargs):
    try:
        print("ok", repr(f(*args, **kwargs)))
    except Exception as e:
        print(type(e).__name__, e)


def read(lines, **kw):
    r = csv.reader(lines, **kw)
    out = []
    try:
        for row in r:
            out.append(row)
    except Exception as e:
        out.append(f"{type(e).__name__}: {e}")
    return out, r.line_num


def write(rows, **kw):
    s = io.StringIO()
    w = csv.writer(s, **kw)
    results = []
    for row in rows:
        try:
            results.append(w.writerow(row))
        except Exception as e:
            results.append(f"{type(e).__name__}: {e}")
    return results, s.getvalue()


print("-- module")
print(sorted(n for n in vars(_csv) if not n.startswith("__")))
print([(n, getattr(_csv, n)) for n in sorted(vars(_csv)) if n.startswith("QUOTE_")])
print(_csv.Error.__mro__, _csv.Error.__module__, _csv.reader.__module__)
print(_csv.Reader, _csv.Writer, _csv.Dialect, _csv.Reader.__name__, _csv.Dialect.__module__)
print(csv.Error is _csv.Error, csv.field_size_limit is _csv.field_size_limit, sorted(_csv._dialects))
show(_csv.Reader)
show(_csv.Writer)

print("-- reading")
print(read(["a,b,c", "1,2,3\r\n", "", "x"]))
print(read(['a,"b,c",d', '"multi', 'line",end', '"a""b"', '"a" "b"', 'a"b"c', '"ab"c']))
print(read(['"open']), read(['"open'], strict=True), read(['a,"'], strict=True))
print(read(['"ab"c'], strict=True), read(['"ab"c'], doublequote=False))
print(read(["a,b\rc"]), read(["a,b\nc"]), read(["a,b\r\n", "c\r", "d\n"]))
print(read(["a\\,b,c\\", "d"], escapechar="\\"), read(["^"], escapechar="^"), read(["^"], escapechar="^", strict=True))
print(read(['"a\\"b",c'], escapechar="\\", doublequote=False))
print(read(["a\0b,\0"]), read(["a\0b\0c"], delimiter="\0"), read(["1,\0,3,\0,5"], quotechar="\0"))
print(read(["a;b;'c;d'"], delimiter=";", quotechar="'"), read(["aΛbΛ'cΛd'"], delimiter="Λ", quotechar="'"))
print(read([" a,  b, \"c\""], skipinitialspace=True), read(["a   b", "  a  "], delimiter=" ", skipinitialspace=True))
print(read(['1,",3,",5'], quotechar=None), read(['1,",3,",5'], quoting=csv.QUOTE_NONE, escapechar="\\"))
print(read([',3,"5",7.3, 9'], quoting=csv.QUOTE_NONNUMERIC), read(["abc,3"], quoting=csv.QUOTE_NONNUMERIC))
print(read([',3,"5",7.3, 9,""'], quoting=csv.QUOTE_STRINGS), read([',3,"5",,""'], quoting=csv.QUOTE_NOTNULL))
print(read([b"bytes"]), read([1]), read(["😀,é\x85,x"]))
print(read(["a,b\\\r\nc"], escapechar="\\"), read(["a\\\n", "b"], escapechar="\\"))
limit = csv.field_size_limit()
print(limit, csv.field_size_limit(4), csv.field_size_limit())
print(read(["abcd,efgh"]), read(["abcde"]), read(['"abcd""e"']))
print(csv.field_size_limit(limit), csv.field_size_limit())
show(csv.field_size_limit, None)
show(csv.field_size_limit, 1, 2)
show(csv.field_size_limit, True)
show(csv.field_size_limit, 2**80)
r = csv.reader(["x"])
print(r is iter(r), r.line_num, next(r), r.line_num, next(r, "done"), r.line_num)
show(setattr, r, "line_num", 5)
show(setattr, r, "dialect", None)
show(csv.reader)
show(csv.reader, [], "excel", "extra")
show(csv.reader, None)
show(csv.reader, [], bad_attr=0)
show(csv.reader, [], "excel", dialect="unix")

print("-- writing")
print(write([["a", 1, "p,q", None, 2.5, True], [], [""], [None], ["", ""], [None, None]]))
print(write([["a\nb", "c\rd", 'e"f', "g h"]]))
for q in range(6):
    print(q, write([["a", "", None, 1, 1.5, "x,y", 'q"']], quoting=q))
print(write([["a", "p,q", 'x"y', "\\"]], quoting=csv.QUOTE_NONE, escapechar="\\"))
print(write([["p,q"], ['x"y'], ["\\"], ['"']], escapechar="\\", doublequote=False))
print(write([["p,q"]], quoting=csv.QUOTE_NONE), write([['x"y']], doublequote=False))
print(write([["a!b", "c@", "#", "x"]], lineterminator="!@#"), write([["a", "b"], [1, 2]], lineterminator="\n"))
print(write([["", ""], [None, None], [""]], delimiter=" ", skipinitialspace=True))
print(write([["", ""], [None]], delimiter=" ", skipinitialspace=True, quoting=csv.QUOTE_NONE))
print(write([[None, "a"]], delimiter=" ", skipinitialspace=True, quoting=csv.QUOTE_NOTNULL))
print(write([[""]], quoting=csv.QUOTE_NONE), write([[None]], quoting=csv.QUOTE_STRINGS))
print(write([iter(["a", 1]), (x for x in "xy"), "str", {"k": 1}]))
print(write([None, 5]))
s = io.StringIO()
w = csv.writer(s)
print(w.writerows([["a", "b"], ["c"]]), repr(s.getvalue()))
show(w.writerows, None)
show(w.writerows, [None])
show(w.writerow)


class BadItem:
    def __str__(self):
        raise OSError("no str")


show(w.writerow, [1, BadItem()])


class BadWrite:
    def write(self, line):
        raise OSError("disk full")


show(csv.writer(BadWrite()).writerow, ["a"])
show(csv.writer, 1)
show(csv.writer, io.StringIO(), "excel", "extra")


class NotCallable:
    write = 5


show(csv.writer, NotCallable())
rows = [["\na", "b\nc"], ["\r\ne", "f\r\rg"], ["h\\", ' "i" ']]
for lt in ("\r\n", "\n", "\r"):
    for kw in ({}, {"quoting": csv.QUOTE_NONE, "escapechar": "\\"}):
        text = write(rows, lineterminator=lt, **kw)[1]
        print(repr(lt), kw, read(io.StringIO(text, newline=""), **kw)[0] == rows)

print("-- dialects")
d = _csv.Dialect()
print(d.delimiter, d.quotechar, d.escapechar, repr(d.lineterminator), d.quoting, d.doublequote,
      d.skipinitialspace, d.strict)
print(_csv.Dialect(d) is d, _csv.Dialect(d, strict=1).strict, csv.get_dialect("excel") is csv.get_dialect("excel"))
print(csv.reader([], "excel").dialect is csv.get_dialect("excel"), csv.reader([], quotechar=None).dialect.quoting)
for bad in [dict(delimiter=""), dict(delimiter="^^"), dict(delimiter=None), dict(delimiter=1), dict(escapechar=""),
            dict(escapechar=1), dict(quotechar="ab"), dict(quotechar=b"x"), dict(lineterminator=None),
            dict(lineterminator=1), dict(quoting=None), dict(quoting=1.0), dict(quoting=True), dict(quoting=42),
            dict(quoting=2**40), dict(quoting=csv.QUOTE_ALL, quotechar=None), dict(delimiter="\n"),
            dict(escapechar="\r"), dict(quotechar=" ", skipinitialspace=True), dict(delimiter="^", escapechar="^"),
            dict(delimiter="^", quotechar="^"), dict(escapechar="^", quotechar="^"),
            dict(delimiter="\x85", lineterminator="\x85"), dict(foo=1), dict(delimiter=";", bar=2)]:
    print(bad, end=" ")
    show(_csv.Dialect, **bad)
show(_csv.Dialect, "nonesuch")
show(_csv.Dialect, "excel", ",", dialect="unix")
show(_csv.Dialect, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
print(_csv.Dialect(None).delimiter, _csv.Dialect(5).quotechar, _csv.Dialect(lineterminator="").lineterminator == "")
show(setattr, d, "delimiter", ";")
show(setattr, d, "strict", True)
show(delattr, d, "quoting")
show(setattr, d, "other", 1)
show(d.__reduce__)
show(d.__reduce_ex__, 2)


class Sub(_csv.Dialect):
    pass


sd = Sub(delimiter=";")
print(type(sd).__name__, sd.delimiter, type(csv.reader([], sd).dialect).__name__)
show(sd.__reduce_ex__, 4)


class Partial:
    delimiter = ";"

    @property
    def quotechar(self):
        raise ZeroDivisionError


print(read(["a;'b;c'"], dialect=Partial(), quotechar="'"), csv.reader([], Partial()).dialect.quotechar)


class Truthy:
    def __bool__(self):
        raise ValueError("no truth")


show(csv.reader, [], strict=Truthy())


class MyDialect(csv.Dialect):
    delimiter = ";"
    escapechar = "\\"
    doublequote = False
    skipinitialspace = True
    lineterminator = "\r\n"
    quoting = csv.QUOTE_NONE


print(MyDialect().delimiter)
for attr, value in [("quoting", 42), ("quotechar", ""), ("quotechar", 4), ("delimiter", b","), ("delimiter", ":::"),
                    ("escapechar", b"*"), ("lineterminator", 4)]:
    old = getattr(MyDialect, attr)
    setattr(MyDialect, attr, value)
    show(MyDialect)
    setattr(MyDialect, attr, old)

print("-- registry")
print(sorted(csv.list_dialects()))
csv.register_dialect("semi", delimiter=";", quoting=csv.QUOTE_ALL)
csv.register_dialect("tabs", csv.excel_tab)
print(sorted(csv.list_dialects()), csv.get_dialect("semi").delimiter, csv.get_dialect("tabs").delimiter)
print(read(["x;'y;z'"], dialect="semi", quotechar="'"), write([["a", 1]], dialect="semi"))
csv.unregister_dialect("semi")
csv.unregister_dialect("tabs")
print(sorted(csv.list_dialects()), sorted(_csv._dialects))
for args, kw in [((), {}), ((None,), {}), (("nonesuch",), {}), (([],), {})]:
    show(csv.get_dialect, *args, **kw)
    show(csv.unregister_dialect, *args, **kw)
print(csv.get_dialect(name="unix").lineterminator == "\n")
show(csv.list_dialects, None)
show(csv.register_dialect)
show(csv.register_dialect, None)
show(csv.register_dialect, "x", 0, 0)
show(csv.register_dialect, "x", badargument=None)
show(csv.register_dialect, "x", quoting=None)
show(csv.register_dialect, [])
print("x" in csv.list_dialects())

print("-- DictReader and DictWriter")
s = io.StringIO()
dw = csv.DictWriter(s, ["f1", "f2", "f3"])
print(dw.writeheader(), dw.writerow({"f1": 10, "f3": "a,b"}))
print(repr(s.getvalue()), list(csv.DictReader(io.StringIO(s.getvalue()))))

print("-- threads and the collector")
lines = [f'{i},"q{i}",x\r\n' for i in range(4000)]
shared = csv.reader(lines)
counts = []


def reader_thread():
    n = 0
    for row in shared:
        assert len(row) == 3 and row[1] == "q" + row[0], row
        n += 1
    counts.append(n)


threads = [threading.Thread(target=reader_thread) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sum(counts), shared.line_num)
out = []


class Sink:
    def write(self, line):
        out.append(line)


sw = csv.writer(Sink())


def writer_thread(k):
    for i in range(500):
        sw.writerow([k, i, "a,b", None])
    name = f"d{k}"
    csv.register_dialect(name, delimiter=";")
    assert csv.get_dialect(name).delimiter == ";"
    csv.unregister_dialect(name)


threads = [threading.Thread(target=writer_thread, args=(k,)) for k in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(out), all(line.endswith(',"a,b",\r\n') for line in out), sorted(csv.list_dialects()))


class Holder:
    pass


h = Holder()
h.write = lambda line: None
h.reader = csv.reader(iter([h]))
h.writer = csv.writer(h)
ref = weakref.ref(h)
del h
gc.collect()
print("cycle collected:", ref() is None)
