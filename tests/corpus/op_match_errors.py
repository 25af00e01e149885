# Corpus: runtime errors raised by match statements: bad __match_args__, too many positionals, non-class.
class ListArgs:
    __match_args__ = ["a"]

    def __init__(self):
        self.a = 1


class TooFew:
    __match_args__ = ("a",)
    a = 1
    b = 2


class NonStrArgs:
    __match_args__ = (1,)


class DupArgs:
    __match_args__ = ("a", "a")
    a = 5


class Plain:
    a = 1
    b = 2


class RaisingAttr:
    __match_args__ = ("boom",)

    @property
    def boom(self):
        raise ValueError("property exploded")


not_a_class = 5


def attempt(label, thunk):
    try:
        print(label, "->", thunk())
    except Exception as e:
        print(label, "->", type(e).__name__, e)


def m_list():
    match ListArgs():
        case ListArgs(x):
            return x


def m_toofew():
    match TooFew():
        case TooFew(x, y):
            return x, y


def m_nonstr():
    match NonStrArgs():
        case NonStrArgs(x):
            return x


def m_dup():
    match DupArgs():
        case DupArgs(x, a=y):
            return x, y


def m_plain():
    match Plain():
        case Plain(x):
            return x


def m_int_two():
    match 5:
        case int(a, b):
            return a


def m_str_kw():
    match "s":
        case str(real=1):
            return "?"
        case str(x):
            return x


def m_not_class():
    match 5:
        case not_a_class():
            return "?"


def m_func():
    match 5:
        case len():
            return "?"


def m_raising():
    match RaisingAttr():
        case RaisingAttr(x):
            return x


def m_guard_error():
    match 3:
        case x if x / 0:
            return "?"


def m_mapping_get_error():
    class BadGet(dict):
        def get(self, k, d=None):
            raise KeyError("from get")
    match BadGet(a=1):
        case {"a": 1}:
            return "matched"


def m_eq_error():
    class BadEq:
        def __eq__(self, other):
            raise RuntimeError("eq raised")
    match BadEq():
        case 1:
            return "?"


def m_len_error():
    class BadLen(list):
        def __len__(self):
            raise OSError("len raised")
    match BadLen([1]):
        case [x]:
            return x


def m_ok_plain_zero():
    match Plain():
        case Plain(a=1, b=2):
            return "keyword-only on plain class works"


for name, fn in sorted(globals().copy().items()):
    if name.startswith("m_"):
        attempt(name, fn)
