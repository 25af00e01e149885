# Corpus: SystemExit with a string code: the message goes to stderr and the exit status is 1.
class ExitWithContext(Exception):
    pass


def check(config):
    missing = [k for k in ("host", "port") if k not in config]
    if missing:
        raise SystemExit(f"fatal: missing config keys {missing}")
    return f"{config['host']}:{config['port']}"


print(check({"host": "localhost", "port": 80}))
try:
    check({"host": "x"})
except SystemExit as e:
    print("first failure caught:", e.code, "| type of code:", type(e.code).__name__)
try:
    raise SystemExit(("tuple", 1))
except SystemExit as e:
    print("tuple code:", e.code)
try:
    try:
        raise ExitWithContext("underlying problem")
    except ExitWithContext:
        raise SystemExit("exit during handling")
except SystemExit as e:
    print("context of SystemExit:", repr(e.__context__))


class Code:
    def __str__(self):
        return "Code-object-as-exit-code"


for code in [Code(), 0, "", [1, 2]]:
    try:
        raise SystemExit(code)
    except SystemExit as e:
        print("code kept as given:", type(e.code).__name__, str(e))


def nested_exit():
    try:
        raise SystemExit("from nested")
    finally:
        print("nested finally ran")


try:
    nested_exit()
except SystemExit as e:
    print("nested:", e)
print("exiting with a message now")
try:
    {}["needed"]
except KeyError:
    check({})
