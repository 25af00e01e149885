# gc.freeze() hides the objects tracked now from later collections until gc.unfreeze(); gc.DEBUG_SAVEALL keeps the
# garbage in gc.garbage instead of freeing it.
import gc, weakref

class Node:
    pass

gc.collect()
a = Node(); a.me = a
ra = weakref.ref(a)
del a
gc.freeze()
print("frozen objects:", gc.get_freeze_count() > 0)
gc.collect()
print("frozen cycle survives a collection:", ra() is not None)
gc.unfreeze()
print("after unfreeze:", gc.get_freeze_count())
gc.collect()
print("collected after unfreeze:", ra() is None)

# Objects made after freeze() are collected as usual.
gc.freeze()
b = Node(); b.me = b
rb = weakref.ref(b)
del b
gc.collect()
print("new cycle collected while frozen:", rb() is None)
gc.unfreeze()

gc.collect()
del gc.garbage[:]
old = gc.get_debug()
gc.set_debug(old | gc.DEBUG_SAVEALL)
l = []
l.append(l)
lid = id(l)
del l
gc.collect()
found = [o for o in gc.garbage if id(o) == lid]
print("saved in gc.garbage:", len(found) == 1, type(found[0]).__name__ if found else None)
gc.set_debug(old)
found[0].clear()
del found
del gc.garbage[:]
c = Node(); c.me = c
rc = weakref.ref(c)
del c
gc.collect()
print("freed again without SAVEALL:", rc() is None, gc.garbage)
