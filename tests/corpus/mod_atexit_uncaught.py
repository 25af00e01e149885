import atexit

atexit.register(print, "atexit runs after the traceback")


def f():
    raise KeyError("x")


f()
