# LOAD_ATTR / STORE_ATTR inline caches (vm/attr_cache.h) under contention: threads read and write attributes of
# shared objects of several classes through the same code (so the same cache sites), while another thread keeps
# replacing a method, adding and removing a property and a class attribute on those classes, and deleting and
# re-adding instance attributes. Every value a thread reads must be one that was legitimately there.
import threading

THREADS = 4
ROUNDS = 30000


def m1(self):
    return 1


def m2(self):
    return 2


class A:
    m = m1
    k = "A"


class B:
    m = m1
    k = "B"


class C(A):
    pass


objs = []
for i in range(12):
    o = (A, B, C)[i % 3]()
    o.x = 0
    objs.append(o)

stop = threading.Event()
bad = []
done = []


def reader_writer(t):
    name_ok = 0
    mine = "t%d" % t
    for o in objs:
        setattr(o, mine, 0)
    for i in range(ROUNDS):
        o = objs[i % len(objs)]
        # The same sites for every class: polymorphic caches.
        r = o.m()
        if r not in (1, 2):
            bad.append(("m", r))
        k = o.k
        if k not in ("A", "B", "changed"):
            bad.append(("k", k))
        v = getattr(o, mine)
        setattr(o, mine, v + 1)
        try:
            x = o.x
        except AttributeError:
            x = None
        if x is not None and not isinstance(x, int):
            bad.append(("x", x))
        name_ok += 1
    total = sum(getattr(o, mine) for o in objs)
    done.append((t, name_ok, total))


def mutator():
    n = 0
    while not stop.is_set():
        n += 1
        for cls in (A, B):
            cls.m = m2 if n % 2 else m1
            cls.k = "changed" if n % 3 == 0 else cls.__name__
        o = objs[n % len(objs)]
        if n % 5 == 0:
            try:
                del o.x
            except AttributeError:
                pass
        else:
            o.x = n
        if n % 7 == 0:
            C.x = property(lambda self: 0, lambda self, v: self.__dict__.__setitem__("x", v))
        elif n % 7 == 3:
            try:
                del C.x
            except AttributeError:
                pass


threads = [threading.Thread(target=reader_writer, args=(t,)) for t in range(THREADS)]
mut = threading.Thread(target=mutator)
mut.start()
for th in threads:
    th.start()
for th in threads:
    th.join()
stop.set()
mut.join()
print("bad values:", bad[:5], len(bad))
print("threads:", sorted(done))
