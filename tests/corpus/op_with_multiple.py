# Corpus: `with` statements: multiple managers, enter/exit order, targets, exceptions in __enter__/__exit__.
log = []


class CM:
    def __init__(self, name, fail_enter=False, fail_exit=False, value=None):
        self.name = name
        self.fail_enter = fail_enter
        self.fail_exit = fail_exit
        self.value = value

    def __enter__(self):
        log.append(f"enter {self.name}")
        if self.fail_enter:
            raise RuntimeError(f"enter {self.name} failed")
        return self.value if self.value is not None else self.name

    def __exit__(self, et, ev, tb):
        log.append(f"exit {self.name} {et.__name__ if et else None}")
        if self.fail_exit:
            raise LookupError(f"exit {self.name} failed")
        return False


def run(label, fn):
    log.clear()
    try:
        r = fn()
        print(label, "ok", r, log)
    except Exception as e:
        ctx = e.__context__
        print(label, type(e).__name__, e, "| ctx:", repr(ctx), log)


def three():
    with CM("a") as a, CM("b") as b, CM("c") as c:
        log.append(f"body {a}{b}{c}")
    return "done"


def parenthesized():
    with (
        CM("p", value=[1, 2]) as [x, y],
        CM("q", value={"k": 3}) as d,
    ):
        log.append(f"body {x} {y} {d['k']}")
    return x + y


def middle_enter_fails():
    with CM("a"), CM("b", fail_enter=True), CM("c"):
        log.append("body never")


def body_raises():
    with CM("a"), CM("b"):
        raise ValueError("body")


def exit_raises_over_body():
    with CM("a"), CM("b", fail_exit=True):
        raise ValueError("body")


def exit_raises_clean():
    with CM("a", fail_exit=True), CM("b"):
        log.append("body fine")


def returns_from_body():
    for i in range(3):
        with CM(f"loop{i}"):
            if i == 1:
                return i
            if i == 0:
                continue


def break_out():
    while True:
        with CM("w"):
            break
    return "broke"


def target_attribute_and_item():
    class Box:
        pass
    box = Box()
    store = {}
    with CM("x", value=7) as box.attr, CM("y", value=8) as store["key"]:
        pass
    return box.attr, store


def nested_statements():
    with CM("outer"):
        with CM("inner"):
            log.append("deep")
        log.append("between")
    return "nested"


def exit_reference_timing():
    cm = CM("late")
    mgr = cm
    with mgr:
        mgr = None
        log.append("rebound manager name in body")
    return mgr


for fn in [three, parenthesized, middle_enter_fails, body_raises, exit_raises_over_body, exit_raises_clean,
           returns_from_body, break_out, target_attribute_and_item, nested_statements, exit_reference_timing]:
    run(fn.__name__, fn)


class NoExit:
    def __enter__(self):
        return self


class NoEnter:
    def __exit__(self, *a):
        pass


for obj in [NoExit(), NoEnter(), 5]:
    try:
        with obj:
            pass
    except TypeError as e:
        print(type(e).__name__, e)
