# Lock-free list reads under structural change: reader threads index and iterate one shared list while writer
# threads grow, shrink, shift, slice-assign, sort, reverse and clear it. Every item is a fresh one-element list
# that the writers drop, so a read that took a reference too late would touch freed memory (ASan/TSan builds).
import _thread

WRITERS = 4
READERS = 4
ROUNDS = 20000
shared = [[i] for i in range(64)]
errors = []
reads = []
done = []


def check(x):
    if type(x) is not list or len(x) != 1 or type(x[0]) is not int:
        errors.append("bad item: " + repr(x))


def writer(t):
    try:
        for i in range(ROUNDS):
            k = t * ROUNDS + i
            op = i % 11
            if op == 0:
                shared.append([k])
            elif op == 1:
                try:
                    shared.pop()
                except IndexError:
                    pass
            elif op == 2:
                shared.insert(0, [k])
            elif op == 3:
                try:
                    del shared[0]
                except IndexError:
                    pass
            elif op == 4:
                shared[1:3] = [[k], [k + 1], [k + 2]]
            elif op == 5:
                del shared[::3]
            elif op == 6:
                shared.extend([[k], [k], [k], [k]] * 4)
            elif op == 7:
                try:
                    shared[len(shared) // 2] = [k]
                except IndexError:
                    pass
            elif op == 8:
                if i % 77 == 8:
                    try:
                        shared.sort(key=lambda x: x[0])
                    except ValueError as e:
                        # Free threading: the sorter's lock on the list is suspended while it waits (a
                        # stop-the-world for the cycle collector, say), so another writer may get in, as on 3.13t.
                        if str(e) != "list modified during sort":
                            raise
                else:
                    shared.reverse()
            elif op == 9:
                try:
                    shared.pop(len(shared) // 3)
                except IndexError:
                    pass
            elif op == 10 and i % 400 == 10:
                shared.clear()
                shared.extend([[k]] * 8)
    except Exception as e:
        errors.append(repr(e))
    done.append(t)


def reader(t):
    n = 0
    try:
        while len(done) < WRITERS or n < 2000:
            size = len(shared)
            for j in (0, 1, size // 2, size - 1, -1, -2):
                try:
                    check(shared[j])
                    n += 1
                except IndexError:
                    pass
            for x in shared:
                check(x)
                n += 1
    except Exception as e:
        errors.append(repr(e))
    reads.append(n)


handles = [_thread.start_joinable_thread(lambda t=t: writer(t)) for t in range(WRITERS)]
handles += [_thread.start_joinable_thread(lambda t=t: reader(t)) for t in range(READERS)]
for h in handles:
    h.join()
print("errors:", errors[:5])
print("writers finished:", len(done))
print("readers finished:", len(reads), "all read something:", all(r > 0 for r in reads))
print("all items one-element lists:", all(type(x) is list and len(x) == 1 for x in shared))
