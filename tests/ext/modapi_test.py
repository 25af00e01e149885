# The module C-API's error paths: exception types and messages as CPython 3.13 gives them.
import types, modapi
nameless = types.ModuleType("x")
del nameless.__name__
spec = lambda name: types.SimpleNamespace(name=name)
cases = [
    ("name_of(42)", lambda: modapi.name_of(42)),
    ("name_of(nameless)", lambda: modapi.name_of(nameless)),
    ("filename_of(module)", lambda: modapi.filename_of(types.ModuleType("nofile"))),
    ("add_bad", lambda: modapi.add_bad(types.ModuleType("m"))),
    ("exec_silent", lambda: modapi.exec_silent(spec("tsilent"))),
    ("unknown_slot", lambda: modapi.unknown_slot(spec("tunknown"))),
    ("create_null", lambda: modapi.create_null(spec("tnocreate"))),
    ("create_obj", lambda: modapi.create_obj(spec("tobj"))),
    ("state_add_slots", lambda: modapi.state_add_slots()),
]
for label, f in cases:
    try:
        r = f()
        print(label, "->", type(r).__name__)
    except Exception as e:
        print(label, "->", type(e).__name__ + ":", e)
m = types.ModuleType("named")
print(modapi.name_of(m), modapi.name_of(modapi))
m.__file__ = "/x/y.py"
print(modapi.filename_of(m))
