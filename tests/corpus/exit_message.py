# Corpus: ends with `raise SystemExit("message")`: message on stderr, exit status 1.
def check_args(args):
    errors = []
    for a in args:
        if not a.startswith("--"):
            errors.append("bad flag " + repr(a))
    return errors

good = ["--verbose", "--fast"]
bad = ["--ok", "oops", "-x"]
print("good:", check_args(good))
errs = check_args(bad)
print("bad:", errs)
try:
    raise SystemExit("inner, caught")
except SystemExit as e:
    print("caught:", e.code, e.args)
if errs:
    print("exiting with", len(errs), "errors")
    raise SystemExit("fatal: " + "; ".join(errs))
print("unreachable")
