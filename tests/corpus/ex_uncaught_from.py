# Corpus: ends with an uncaught exception chained with `raise ... from ...` through several frames.
class ConfigError(Exception):
    pass


class StartupError(Exception):
    pass


def read_setting(settings, key):
    try:
        return settings[key]
    except KeyError as e:
        raise ConfigError(f"missing setting {key!r}") from e


def parse_port(settings):
    raw = read_setting(settings, "port")
    try:
        return int(raw)
    except ValueError as e:
        raise ConfigError(f"port is not a number: {raw!r}") from e


def start(settings):
    try:
        port = parse_port(settings)
    except ConfigError as e:
        raise StartupError("server could not start") from e
    print("started on", port)
    return port


print(start({"port": "8080"}))
for bad in [{}, {"port": "http"}]:
    try:
        start(bad)
    except StartupError as e:
        chain = []
        cur = e
        while cur is not None:
            chain.append(f"{type(cur).__name__}: {cur}")
            cur = cur.__cause__
        print(" <- ".join(chain))
        print("suppress_context:", e.__suppress_context__, "| context is cause:", e.__context__ is e.__cause__)
try:
    raise StartupError("explicit cause object") from ValueError("given directly")
except StartupError as e:
    print(repr(e.__cause__), e.__cause__.__traceback__)
try:
    raise StartupError("cause is a class") from KeyError
except StartupError as e:
    print(repr(e.__cause__))
try:
    raise StartupError("bad cause") from 5
except TypeError as e:
    print(type(e).__name__, e)
print("about to fail for real")
start({"port": "eighty"})
print("unreachable")
