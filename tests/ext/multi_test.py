# Multi-phase extension: module state filled by the exec slot, functions added by it, free of the GIL (no warning).
import os, warnings
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    import multi
print("warnings:", len(w))
print(multi.__name__, os.path.basename(multi.__file__), multi.__doc__)
print(multi.get(), multi.check())
multi.set([1, 2])
print(multi.get())
print(sorted(n for n in dir(multi) if not n.startswith("_")))
