import atexit


class Thing:
    def __repr__(self):
        return "<Thing>"

    def __call__(self):
        raise ValueError("boom in exit function")


def after():
    print("runs after the failing one")


atexit.register(after)
atexit.register(Thing())
print("main done")
