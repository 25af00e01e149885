# Broken extension modules: each import fails with the exception CPython raises, never a crash.
import sys
for name in ("noinit", "nullinit", "raiseinit", "wrongabi", "notelf"):
    try:
        __import__(name)
        print(name, "imported?!")
    except Exception as e:
        msg = str(e)
        if name == "notelf":  # dlerror's text: "<path>: <reason>"
            msg = msg.rsplit(": ", 1)[-1]
        elif name == "wrongabi":
            msg = "free-threaded" in msg and "default (GIL)" in msg
        print(name, type(e).__name__, msg, getattr(e, "name", None))
    print(name in sys.modules)
