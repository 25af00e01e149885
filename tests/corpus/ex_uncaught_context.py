# Corpus: ends with an uncaught exception carrying implicit __context__ chains (errors inside handlers/finally).
log = []


def cleanup(resource):
    log.append(f"cleanup {resource}")
    if resource == "socket":
        raise OSError(5, "cleanup failed while closing", resource)


def process(items):
    total = 0
    for item in items:
        try:
            total += 100 // item
        except ZeroDivisionError:
            log.append(f"bad item {item}")
            raise ValueError(f"cannot process item {item!r}")
    return total


print(process([1, 2, 5]))
try:
    process([4, 0])
except ValueError as e:
    print(type(e).__name__, e, "| context:", repr(e.__context__), "| cause:", e.__cause__)
    print("suppress_context:", e.__suppress_context__)


def handler_raises_twice():
    try:
        {}["first"]
    except KeyError:
        try:
            [][1]
        except IndexError:
            raise RuntimeError("third")


try:
    handler_raises_twice()
except RuntimeError as e:
    chain = []
    cur = e
    while cur is not None:
        chain.append(type(cur).__name__)
        cur = cur.__context__
    print("context chain:", chain)


def context_not_self():
    try:
        raise ValueError("same")
    except ValueError as err:
        raise err


try:
    context_not_self()
except ValueError as e:
    print("re-raising the handled exception leaves context:", e.__context__)


def finally_replaces():
    try:
        raise KeyError("original in try")
    finally:
        cleanup("socket")


try:
    finally_replaces()
except OSError as e:
    print(type(e).__name__, e, "| context:", repr(e.__context__))
print(log)


def main():
    try:
        process([3, 0, 7])
    except ValueError:
        cleanup("file")
        cleanup("socket")


main()
print("unreachable")
