import re

# Every pattern of CPython's Lib/test/re_tests.py table: compile errors, search results, groups, findall, split,
# subn, and the same pattern as bytes.
from test.re_tests import tests

for t in tests:
    pattern, s, outcome = t[:3]
    try:
        obj = re.compile(pattern)
    except re.error as e:
        print("ERR", repr(pattern), e)
        continue
    except Exception as e:
        print("EXC", repr(pattern), type(e).__name__, e)
        continue
    try:
        m = obj.search(s)
    except Exception as e:
        print("SEXC", repr(pattern), type(e).__name__, e)
        continue
    if m is None:
        print("NOMATCH", repr(pattern), repr(s))
        continue
    res = [m.span(), m.group(0), m.groups(), m.lastindex, m.lastgroup, m.groupdict()]
    if len(t) == 5:  # the table checks groups 1..N through an expression; show them all
        res.append([m.group(i) if i < 1 + m.re.groups else "Error" for i in range(1, 12)])
    print("M", repr(pattern), repr(s), res)
    try:
        print("  fa", obj.findall(s)[:5], obj.split(s)[:6], obj.subn("<\\g<0>>", s))
    except Exception as e:
        print("  X", type(e).__name__, e)
    try:
        bp = re.compile(pattern.encode('latin-1'))
        bm = bp.search(s.encode('latin-1'))
        print("  b", bm and (bm.span(), bm.groups()))
    except Exception as e:
        print("  bX", type(e).__name__, str(e)[:60])
