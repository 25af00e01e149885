# Corpus: the sys module basics: argv, exit codes, recursion limit, stdout.write, imports of missing modules.
import sys
from sys import maxsize

from sys import *

print(sys.argv[1:], maxsize == 2**63 - 1, sys.maxunicode, argv is sys.argv)
print(sys.getrecursionlimit())
sys.setrecursionlimit(500)
print(sys.getrecursionlimit())
n = sys.stdout.write("written directly\n")
print(n)
try:
    import no_such_module_xyz
except ImportError as e:
    print(type(e).__name__, e)
try:
    from sys import no_such_name
except ImportError as e:
    print(type(e).__name__)
try:
    sys.exit("bye")
except SystemExit as e:
    print("code:", e.code)
sys.exit(5)
