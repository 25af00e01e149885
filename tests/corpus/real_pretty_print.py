# Corpus: real program: recursive pretty-printer and serializer for nested data.
def dump(value, indent=0):
    pad = "  " * indent
    if isinstance(value, dict):
        if not value:
            return "{}"
        parts = []
        for k in sorted(value):
            parts.append(pad + "  " + repr(k) + ": " + dump(value[k], indent + 1))
        return "{\n" + ",\n".join(parts) + "\n" + pad + "}"
    if isinstance(value, list):
        if all(not isinstance(v, (list, dict)) for v in value):
            return "[" + ", ".join(dump(v) for v in value) + "]"
        return "[\n" + ",\n".join(pad + "  " + dump(v, indent + 1) for v in value) + "\n" + pad + "]"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)

doc = {
    "name": "pyvm",
    "version": [0, 1, 0],
    "stable": False,
    "ratio": 0.75,
    "deps": [],
    "authors": [{"name": "ann", "tags": ["core", "gc"]}, {"name": "bob \"b\"", "tags": []}],
    "meta": {"license": None, "nested": {"deep": {"deeper": [1, [2, [3]]]}}},
}
print(dump(doc))

def depth(value):
    if isinstance(value, dict):
        return 1 + max((depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((depth(v) for v in value), default=0)
    return 0

def count_leaves(value):
    if isinstance(value, dict):
        return sum(count_leaves(v) for v in value.values())
    if isinstance(value, list):
        return sum(count_leaves(v) for v in value)
    return 1

def paths(value, prefix=""):
    if isinstance(value, dict):
        for k in sorted(value):
            yield from paths(value[k], prefix + "." + k)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from paths(v, prefix + "[" + str(i) + "]")
    else:
        yield prefix, value

print("depth", depth(doc), "leaves", count_leaves(doc))
for p, v in paths(doc):
    print(p, "=", repr(v))
