import _stat

for n in sorted(dir(_stat)):
    v = getattr(_stat, n)
    if isinstance(v, int):
        print(n, v)
modes = [0o100644, 0o40755, 0o41777, 0o104755, 0o102711, 0o120777, 0o140600, 0o10600, 0o60660, 0o20620, 0, 0o7777, 0o101000]
for m in modes:
    print(oct(m), _stat.filemode(m), oct(_stat.S_IMODE(m)), oct(_stat.S_IFMT(m)),
          [f for f in ("S_ISDIR", "S_ISCHR", "S_ISBLK", "S_ISREG", "S_ISFIFO", "S_ISLNK", "S_ISSOCK", "S_ISDOOR",
                       "S_ISPORT", "S_ISWHT") if getattr(_stat, f)(m)])


def check(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


check(lambda: _stat.S_ISDIR("x"))
check(lambda: _stat.S_IMODE(-1))
check(lambda: _stat.S_IFMT(2**40))
check(lambda: _stat.S_ISDIR(2**70))
check(lambda: _stat.filemode(1.5))
check(lambda: _stat.S_ISREG(True))
