# Threads assign __class__ of one shared instance at once while reading type() of it: each swap must release
# exactly the class it replaced (a lost or doubled reference freed a class that was still in use).
import threading


class Foo:
    pass


class Bar:
    pass


thing = Foo()


def work():
    for _ in range(3000):
        thing.__class__ = Bar
        type(thing)
        thing.__class__ = Foo
        type(thing)


for rep in range(10):
    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
print(type(thing) in (Foo, Bar), Foo.__name__, Bar.__name__)
