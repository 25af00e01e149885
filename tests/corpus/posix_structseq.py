# Struct sequences through posix's result types: construction from sequences (and the hidden-field dict), the
# checks and messages, tuple behaviour, attributes, repr, __reduce__, __replace__, __match_args__ and the class
# attributes; stat_result's float times filled from the integer ones.
import posix


def attempt(label, f):
    try:
        print(label, "ok", repr(f()))
    except (TypeError, ValueError, AttributeError, IndexError) as e:
        print(label, type(e).__name__, e)


SR = posix.stat_result
TS = posix.terminal_size
UR = posix.uname_result
TR = posix.times_result

for T in (SR, TS, UR, TR):
    print(T, T.__name__, T.__qualname__, T.__module__, T.__base__.__name__, T.n_sequence_fields, T.n_fields,
          T.n_unnamed_fields, T.__match_args__, issubclass(T, tuple))

# terminal_size: every field visible.
ts = TS((80, 24))
print(ts, ts.columns, ts.lines, ts[0], ts[-1], len(ts), tuple(ts), list(ts))
print(ts == (80, 24), ts != (80, 25), ts < (80, 25), hash(ts) == hash((80, 24)), ts[0:1], ts[::-1], ts + (1,))
print(type(ts[0:1]).__name__, type(ts + ()).__name__, ts * 2, 80 in ts, ts.count(24), ts.index(24))
print(TS([1, 2]), TS(range(3, 5)), TS("ab"), TS(x for x in (7, 8)), TS(sequence=(5, 6)), TS((5, 6), {}))
print(TS.__new__(TS, [9, 10]), TS((1, 2)).__reduce__(), TS((1, 2)).__replace__(lines=3))
print(TS((1, 2)).__replace__(), TS((1, 2)).__replace__() is ts)
attempt("too short", lambda: TS((1,)))
attempt("too long", lambda: TS((1, 2, 3)))
attempt("not a sequence", lambda: TS(5))
attempt("dict not dict", lambda: TS([1, 2], 5))
attempt("dict None", lambda: TS([1, 2], None))
attempt("dict with names", lambda: TS([1, 2], {"columns": 5}))
attempt("dict with junk", lambda: TS([1, 2], {1: 2}))
attempt("no args", lambda: TS())
attempt("three args", lambda: TS([1, 2], {}, 3))
attempt("bad keyword", lambda: TS([1, 2], x=3))
attempt("three keywords", lambda: TS(sequence=[1, 2], dict={}, x=3))
attempt("replace bogus", lambda: ts.__replace__(bogus=1))
attempt("replace two bogus", lambda: ts.__replace__(bogus=1, other=2))
attempt("replace positional", lambda: ts.__replace__(1))
attempt("set field", lambda: setattr(ts, "columns", 1))
attempt("del field", lambda: delattr(ts, "lines"))
attempt("new attribute", lambda: setattr(ts, "foo", 1))
attempt("index", lambda: ts[2])
attempt("subclass", lambda: type("Sub", (TS,), {}))
attempt("reduce on tuple", lambda: TS.__reduce__((1, 2)))
attempt("new on other type", lambda: SR.__new__(TS, (1, 2)))


class Seq:
    def __len__(self):
        return 2

    def __getitem__(self, i):
        if i < 2:
            return i * 10
        raise IndexError(i)


def gen():
    yield 1
    raise ValueError("boom")


print(TS(Seq()), TS({"a": 1, "b": 2}))
attempt("failing iterable", lambda: TS(gen()))

# stat_result: unnamed integer times in the tuple; floats and the rest as attributes only.
s = SR(range(10))
print(s)
print(len(s), s[7], s.st_atime, s.st_mtime, s.st_ctime, s.st_atime_ns, s.st_blksize, s.st_rdev)
print(s.__reduce__())
s19 = SR(range(19))
print(s19, len(s19), s19.st_atime, s19.st_atime_ns, s19.st_blksize, s19.st_blocks, s19.st_rdev)
print(s19.__reduce__())
print(SR(range(10), {"st_atime": 1.5, "st_rdev": 3}).st_atime, SR(range(10), {"st_rdev": 3}).st_rdev)
print(SR(range(12)).st_mtime, SR(range(12)).st_ctime)
print(SR(range(10), {"st_mtime_ns": 4}).st_mtime_ns, SR(list(range(10)), {}).st_atime)
attempt("stat short", lambda: SR((1, 2, 3)))
attempt("stat long", lambda: SR(range(20)))
attempt("stat dup field", lambda: SR(range(12), {"st_mtime": 99}))
attempt("stat unknown field", lambda: SR(range(10), {"st_flags": 99}))
attempt("stat replace", lambda: s.__replace__(st_mode=1))
attempt("stat replace positional", lambda: s.__replace__(1))
print(s == tuple(range(10)), s[2:5], hash(s) == hash(tuple(range(10))))
real = posix.stat("/")
print(type(real) is SR, len(real), real.st_mode == real[0], type(real.st_mtime).__name__, type(real[8]).__name__)
print(SR(real) == real, SR(real).st_mtime == real[8], SR(tuple(real), real.__reduce__()[1][1]).st_mtime == real.st_mtime)

# uname_result and times_result.
u = UR(("Linux", "host", "6.0", "#1", "x86_64"))
print(u, u.machine, u.__reduce__(), u.__replace__(nodename="other"))
t = TR((1.0, 2.0, 3.0, 4.0, 5.0))
print(t, t.elapsed, t.children_user, sum(t))
attempt("times short", lambda: TR((1, 2)))
match TS((3, 4)):
    case TS(columns=c, lines=l):
        print("match keywords", c, l)
match TS((3, 4)):
    case TS(a, b):
        print("match positional", a, b)
match u:
    case UR(sysname, nodename):
        print("match uname", sysname, nodename)
print(SR.st_mode, SR.st_atime.__doc__ is not None, TS.columns.__doc__ is not None, type(SR.__dict__["st_ino"]).__name__)
print(type(SR.__replace__).__name__, type(SR.__reduce__).__name__, "__new__" in SR.__dict__)
