import atexit


def hello(*args, **kwargs):
    print("hello", args, sorted(kwargs.items()))


def bye():
    print("bye")


def never():
    print("never runs")


print(atexit.register(hello, 1, 2, x=3) is hello)
atexit.register(bye)
atexit.register(never)
atexit.register(never)
print(atexit._ncallbacks())
atexit.unregister(never)
print(atexit._ncallbacks())
atexit.unregister(never)  # not registered: no error


@atexit.register
def decorated():
    print("decorated runs first")


try:
    atexit.register(5)
except TypeError as e:
    print("TypeError", e)
try:
    atexit.register()
except TypeError as e:
    print("TypeError", e)

# _run_exitfuncs runs and empties the registry, last registered first.
atexit.register(lambda: print("manual 1"))
atexit.register(lambda: print("manual 2"))
saved = atexit._ncallbacks()
print(saved)
atexit._run_exitfuncs()
print(atexit._ncallbacks())
atexit.register(never)
atexit._clear()
print(atexit._ncallbacks())

atexit.register(hello, "at", "exit", k="v")
atexit.register(bye)
print("end of main")
raise SystemExit(3)
