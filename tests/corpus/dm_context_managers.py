# Corpus: __enter__/__exit__ protocol: exception info, suppression, nesting and errors.
log = []

class CM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        log.append(("enter", self.name))
        return self.name.upper()
    def __exit__(self, exc_type, exc, tb):
        log.append(("exit", self.name, exc_type.__name__ if exc_type else None, str(exc) if exc else None, tb is not None))
        return self.suppress

with CM("a") as v:
    log.append(("body", v))
print(log)
log.clear()

with CM("s", suppress=True):
    raise ValueError("swallowed")
print("after suppressed", log)
log.clear()

try:
    with CM("p"):
        raise KeyError("propagates")
except KeyError as e:
    print("caught", type(e).__name__, e, log)
log.clear()

# Nested managers exit in reverse order
with CM("outer") as o, CM("inner") as i:
    log.append(("body", o, i))
print(log)
log.clear()
try:
    with CM("o1", suppress=False), CM("i1", suppress=True):
        raise RuntimeError("inner only")
    log.append("after with")
except RuntimeError:
    log.append("not reached")
print(log)
log.clear()

# Truthy non-bool return from __exit__ suppresses
class Truthy:
    def __enter__(self):
        return self
    def __exit__(self, *a):
        return "yes"
with Truthy():
    1 / 0
print("suppressed by truthy string")

# Exception in __enter__ skips __exit__
class BadEnter:
    def __enter__(self):
        raise OSError("enter failed")
    def __exit__(self, *a):
        print("exit should not run")
try:
    with BadEnter():
        print("body should not run")
except OSError as e:
    print(type(e).__name__, e)

# Exception in __exit__ replaces body exception, with context
class BadExit:
    def __enter__(self):
        return self
    def __exit__(self, *a):
        raise TypeError("exit failed")
try:
    with BadExit():
        raise ValueError("body")
except TypeError as e:
    print(type(e).__name__, e, type(e.__context__).__name__, e.__context__)

# Missing protocol methods
class NoExit:
    def __enter__(self):
        return 1
class NoEnter:
    def __exit__(self, *a):
        return False
for obj in (NoExit(), NoEnter(), 5):
    try:
        with obj:
            pass
    except TypeError as e:
        print(type(e).__name__, e)

# return / break / continue inside with still call __exit__
def early():
    with CM("ret"):
        return "returned"
print(early(), log)
log.clear()
for n in range(3):
    with CM(f"loop{n}"):
        if n == 0:
            continue
        if n == 1:
            break
print(log)
log.clear()

# __exit__ receives exception instance; with targets can be unpacked
class Pair:
    def __enter__(self):
        return (1, [2, 3])
    def __exit__(self, t, v, tb):
        print("exit got", t, v)
        return False
with Pair() as (a, [b, c]):
    print(a, b, c)

# Suppressed StopIteration in generator context
class Suppress:
    def __init__(self, *types):
        self.types = types
    def __enter__(self):
        return None
    def __exit__(self, t, v, tb):
        return t is not None and issubclass(t, self.types)
with Suppress(ZeroDivisionError, KeyError):
    {}["missing"]
with Suppress(ZeroDivisionError):
    print("no exception")
try:
    with Suppress(KeyError):
        [][1]
except IndexError as e:
    print(type(e).__name__, e)
# Exception raised while handling inside with: __context__ set
try:
    with CM("ctx"):
        try:
            raise ValueError("first")
        except ValueError:
            raise RuntimeError("second")
except RuntimeError as e:
    print(type(e).__name__, e, repr(e.__context__), log)
