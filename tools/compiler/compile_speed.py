# Compiles every .py file of CPython's Lib/ (source -> code object -> marshal bytes, what compileall does short of
# writing the file) and prints the file count, failures and the time. Run it on pyvm and on CPython 3.13 to compare
# compile speed: tools/compiler/compile_speed.py [LIBDIR]
import marshal
import os
import sys
import time

lib = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.__file__)
paths = []
for root, dirs, files in os.walk(lib):
    dirs[:] = sorted(d for d in dirs if d not in ("__pycache__", "site-packages"))
    paths.extend(os.path.join(root, f) for f in sorted(files) if f.endswith(".py"))
sources = []
for p in paths:
    with open(p, "rb") as f:
        sources.append((p, f.read()))
ok = failed = 0
t0 = time.perf_counter()
for p, src in sources:
    try:
        marshal.dumps(compile(src, p, "exec", dont_inherit=True))
        ok += 1
    except (SyntaxError, ValueError):
        failed += 1
t1 = time.perf_counter()
print(f"{ok} compiled, {failed} rejected, {t1 - t0:.2f} s")
