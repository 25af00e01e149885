# Corpus: SystemExit codes caught and inspected, finally/with cleanup on exit; ends with exit status 42.
for args in [(), (0,), (1,), (42,), ("message",), (None,), (1, 2), (True,), (-1,), (3.5,)]:
    e = SystemExit(*args)
    print(repr(args), "-> code:", repr(e.code), "| str:", repr(str(e)), "| args:", e.args)
print(issubclass(SystemExit, Exception), issubclass(SystemExit, BaseException))


def leave(code):
    raise SystemExit(code)


for code in [0, 7, "bye", None]:
    try:
        leave(code)
    except SystemExit as e:
        print("caught SystemExit with code", repr(e.code))
try:
    try:
        leave(3)
    except Exception:
        print("not reached: SystemExit is not an Exception")
except BaseException as e:
    print("BaseException handler got", type(e).__name__, e.code)
try:
    raise SystemExit
except SystemExit as e:
    print("raised as a class:", repr(e.code), e.args)
e = SystemExit(1)
e.code = 9
print("code is writable:", e.code, e.args)


class Resource:
    def __enter__(self):
        print("acquire")
        return self

    def __exit__(self, et, ev, tb):
        print("release on", et.__name__ if et else None, getattr(ev, "code", None))
        return False


def shutdown():
    with Resource():
        try:
            print("shutting down")
            raise SystemExit(42)
        finally:
            print("finally runs before exit")


shutdown()
print("unreachable")
