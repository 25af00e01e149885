# Corpus: `except` and `except*` reject non-exception classes (also inside tuples); except* rejects groups; naked
# exceptions caught by except* are wrapped in a group without a traceback.
def run(label, fn):
    try:
        fn()
        print(label, "-> no error")
    except BaseException as e:
        print(label, "->", type(e).__name__, e, "| context:", type(e.__context__).__name__)


def bare_int():
    try:
        raise ValueError(1)
    except int:
        pass


def tuple_with_str():
    try:
        raise ValueError(1)
    except (ValueError, "x"):
        pass


def nested_tuple():
    try:
        raise ValueError(1)
    except ((ValueError,), KeyError):
        pass


def star_int():
    try:
        raise ValueError(1)
    except* int:
        pass


def star_group():
    try:
        raise ValueError(1)
    except* ExceptionGroup:
        pass


def star_tuple_group():
    try:
        raise ValueError(1)
    except* (KeyError, BaseExceptionGroup):
        pass


def no_exception_raised():
    try:
        pass
    except int:
        pass


for f in (bare_int, tuple_with_str, nested_tuple, star_int, star_group, star_tuple_group, no_exception_raised):
    run(f.__name__, f)

try:
    raise KeyboardInterrupt
except* KeyboardInterrupt as eg:
    print("wrapped:", repr(eg), eg.__traceback__, type(eg).__name__)
try:
    raise ValueError("naked")
except* ValueError as eg:
    print("wrapped:", repr(eg), eg.__traceback__, repr(eg.exceptions[0].__traceback__.tb_frame.f_code.co_name))


def inner():
    raise ValueError("reraised naked")


try:
    inner()
except* ValueError:
    raise
