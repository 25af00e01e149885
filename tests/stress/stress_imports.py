# Concurrent imports of the same modules: every thread must see the same, fully initialised module objects.
import _thread
import sys

NAMES = ["collections", "heapq", "bisect", "copy", "enum", "abc", "types", "operator"]
seen = []
errors = []

def importer(t):
    try:
        mods = []
        for name in NAMES[t % len(NAMES):] + NAMES[:t % len(NAMES)]:
            m = __import__(name)
            mods.append((name, id(m)))
        seen.append(sorted(mods))
    except Exception as e:
        errors.append(repr(e))

hs = [_thread.start_joinable_thread(lambda t=t: importer(t)) for t in range(8)]
for h in hs:
    h.join()
print("errors:", errors)
print("all threads saw the same modules:", all(s == seen[0] for s in seen), len(seen))
print("same as sys.modules:", all(id(sys.modules[n]) == i for n, i in seen[0]))
import collections
print(collections.OrderedDict(a=1), collections.deque([1, 2]), collections.Counter("aab").most_common(1))
