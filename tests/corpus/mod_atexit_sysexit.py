import atexit
import sys

atexit.register(print, "runs last")
atexit.register(sys.exit, 5)


class Inner:
    def __repr__(self):
        return "<Inner>"

    def __call__(self):
        raise SystemExit("from python")


atexit.register(Inner())
print("main done")
