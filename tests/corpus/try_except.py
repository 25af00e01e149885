# Corpus: try/except with multiple handlers, tuples of types, else, and re-raise.
def divide(a, b):
    try:
        result = a / b
    except ZeroDivisionError:
        print("cannot divide", a, "by zero")
        return None
    else:
        print("divided ok")
        return result

print(divide(10, 4))
print(divide(1, 0))

def parse(text):
    try:
        return int(text)
    except ValueError as e:
        print("bad int:", e)
        return -1

print(parse("12"), parse("x1"), parse("3.5"))

def lookup(d, key):
    try:
        return d[key]
    except (KeyError, IndexError) as e:
        print("lookup failed:", repr(e))
        return "missing"

print(lookup({"a": 1}, "a"), lookup({"a": 1}, "b"), lookup([1, 2], 5))

for val in [0, "s", None, [1], 3]:
    try:
        print(10 // val)
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)
    except TypeError as e:
        print("TypeError:", e)

def reraise():
    try:
        [][1]
    except IndexError:
        print("logging and re-raising")
        raise

try:
    reraise()
except IndexError as e:
    print("caught again:", e)

try:
    try:
        {}["k"]
    except KeyError:
        raise ValueError("converted")
except ValueError as e:
    print("outer got", e)

try:
    raise RuntimeError("bare runtime", 42)
except Exception as e:
    print(e.args, len(e.args), str(e))

e = "still a name"
try:
    1 / 0
except ZeroDivisionError as e:
    pass
try:
    print(e)
except NameError as err:
    print("NameError:", err)
