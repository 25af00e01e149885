# Re-marshals the code object of each CPython-written .pyc given and compares with CPython's bytes. Prints one
# line per file that differs and a summary; exits 1 unless every file not named in --known matches.
import _io, marshal, sys

args = sys.argv[1:]
known = set()
if args and args[0] == '--known':
    known = set(args[1].split(','))
    args = args[2:]
ok = bad = 0
for path in args:
    with _io.FileIO(path, 'r') as f:
        data = f.readall()
    body = data[16:]
    code = marshal.loads(body)  # held in a variable, as importlib holds it (a temporary would not get FLAG_REF)
    out = marshal.dumps(code)
    name = path.rsplit('/', 1)[-1]
    if out == body:
        ok += 1
        if name in known:
            print('UNEXPECTED PASS', name)
        continue
    i = 0
    while i < min(len(out), len(body)) and out[i] == body[i]:
        i += 1
    print('KNOWN' if name in known else 'DIFF', name, 'first difference at byte', i)
    if name not in known:
        bad += 1
print(ok, 'equal,', bad, 'unexpected differences')
sys.exit(1 if bad else 0)
