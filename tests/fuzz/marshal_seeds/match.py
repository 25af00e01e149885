# Seed for the marshal fuzzer: pattern matching, with-statements, globals and deletes.
import sys


def classify(obj):
    match obj:
        case {"kind": "point", "x": x, "y": y}:
            return ("point", x, y)
        case [first, *rest] if rest:
            return ("seq", first, len(rest))
        case int() | float() as n:
            return ("num", n)
        case _:
            return None


def io(path):
    global counter
    with open(path) as f, open(path + ".bak", "w") as g:
        g.write(f.read())
    counter = 1
    del counter
    return sys.argv[1:]
