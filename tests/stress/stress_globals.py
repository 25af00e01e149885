# LOAD_GLOBAL's cache under contention (vm/global_cache.h): readers load module globals and builtins through cached
# entries while writers replace values with fresh objects, add and delete names (the globals' key set changes, the
# table grows and is compacted), shadow a builtin with a global, and replace the builtin itself.
import _thread
import builtins

THREADS = 4
ROUNDS = 30000
WRITES = 6000
VALUE = [0]
errors = []
seen = []
writer_done = []


def mylen(x):
    return -1


def reader(t):
    bad = 0
    shadowed = 0
    absent = 0
    try:
        i = 0
        while i < ROUNDS or not writer_done:  # at least ROUNDS, and for as long as the writer runs
            i += 1
            v = VALUE  # replaced by the writer with a new list each time; the old one is freed
            if type(v) is not list or v.__len__() != 1:  # (not len(): the writer shadows it)
                bad += 1
            try:
                SOMETIMES  # added and deleted by the writer
            except NameError:
                absent += 1
            f = len  # a global `len` shadows the builtin now and then
            if f is mylen:
                shadowed += 1
            elif f is not builtins.len:
                bad += 1
            a = abs  # replaced in builtins by the writer
            if a is not ABS_SAVED and a is not myabs:
                bad += 1
        seen.append((t, bad))
    except Exception as e:
        errors.append(repr(e))


def myabs(x):
    return x


ABS_SAVED = abs


def writer():
    g = globals()
    try:
        for i in range(WRITES):
            g["VALUE"] = [i]
            g["SOMETIMES"] = i
            if i % 3 == 0:
                del g["SOMETIMES"]
            g["len"] = mylen
            del g["len"]
            g["pad%d" % (i % 40)] = i
            if i % 40 == 39:
                for j in range(40):
                    del g["pad%d" % j]
            builtins.abs = myabs if i % 2 else ABS_SAVED
        builtins.abs = ABS_SAVED
    except Exception as e:
        errors.append(repr(e))
    writer_done.append(True)


handles = [_thread.start_joinable_thread(lambda t=t: reader(t)) for t in range(THREADS)]
handles.append(_thread.start_joinable_thread(writer))
for h in handles:
    h.join()
print("errors:", errors)
print("readers:", sorted(seen))
print("abs restored:", abs is ABS_SAVED, abs(-3))
print("len:", len([1, 2]))
