import gc

print(sorted(n for n in dir(gc) if not n.startswith("__")))
print(gc.DEBUG_STATS, gc.DEBUG_COLLECTABLE, gc.DEBUG_UNCOLLECTABLE, gc.DEBUG_SAVEALL, gc.DEBUG_LEAK)
print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())
print(type(gc.collect()).__name__, type(gc.collect(0)).__name__, type(gc.collect(generation=2)).__name__)
print(gc.get_threshold())
gc.set_threshold(500, 5)
print(gc.get_threshold())
gc.set_threshold(2000, 10, 10)
c = gc.get_count()
print(type(c).__name__, len(c))
print(gc.get_debug())
gc.set_debug(gc.DEBUG_STATS)
print(gc.get_debug())
gc.set_debug(0)
print(gc.get_freeze_count())
gc.freeze()
gc.unfreeze()
print(gc.get_freeze_count())
print(gc.callbacks, gc.garbage, type(gc.get_objects()).__name__)
print(len(gc.get_stats()), sorted(gc.get_stats()[0]))
print(gc.is_tracked(1), gc.is_tracked("a"), gc.is_tracked([]), gc.is_tracked({}), gc.is_tracked({1: []}))
print(gc.is_tracked(object()), gc.is_tracked(gc))


class C:
    pass


print(gc.is_tracked(C()), gc.is_finalized(C()))
print(sorted(gc.get_referents([1, "a"]), key=repr), gc.get_referents(1))


def check(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


check(lambda: gc.collect(3))
check(lambda: gc.set_threshold())
check(lambda: gc.set_threshold(1, 2, 3, 4))
check(lambda: gc.set_debug("x"))
