# Corpus: ends with an uncaught user-defined exception carrying a message.
class ConfigError(Exception):
    pass

class MissingKey(ConfigError):
    def __init__(self, key):
        super().__init__("missing required key: " + key)
        self.key = key

REQUIRED = ["host", "port", "user"]

def validate(cfg):
    for key in REQUIRED:
        if key not in cfg:
            raise MissingKey(key)
    if not 0 < cfg["port"] < 65536:
        raise ConfigError("port out of range: " + str(cfg["port"]))
    return True

configs = [
    {"host": "a", "port": 80, "user": "root"},
    {"host": "b", "port": 70000, "user": "x"},
    {"host": "c", "user": "y"},
]
for cfg in configs:
    try:
        print(cfg["host"], "valid:", validate(cfg))
    except MissingKey as e:
        print(cfg["host"], "missing", e.key)
    except ConfigError as e:
        print(cfg["host"], "error:", e)
print("now validating strictly")
validate({"host": "d", "port": 22})
print("unreachable")
