# __del__ (once per object, resurrection), exceptions in finalizers and sys.unraisablehook.
import sys

log = []

class Tracked:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        log.append(self.name)

t = Tracked("a")
del t
print(log)

def scope():
    x = Tracked("local")
scope()
print(log)

lst = [Tracked("in-list-1"), Tracked("in-list-2")]
lst = None
print(log)

saved = []
class Phoenix:
    count = 0
    def __del__(self):
        Phoenix.count += 1
        saved.append(self)

p = Phoenix()
del p
print(Phoenix.count, len(saved))
saved.clear()  # dies again: __del__ is not called a second time
print(Phoenix.count)

class Sub(Tracked):
    pass
s = Sub("sub")
del s
print(log[-1])

def hook(u):
    print("hook:", u.exc_type.__name__, u.exc_value, u.err_msg, u.object.__qualname__)
sys.unraisablehook = hook

class Bad:
    def __del__(self):
        raise RuntimeError("finalizer failed")
b = Bad()
del b

try:
    raise KeyError("current")
except KeyError:
    b = Bad()
    del b
    print("still handling:", sys.exception())

sys.unraisablehook = sys.__unraisablehook__
print(sys.unraisablehook is sys.__unraisablehook__)
print("end")
