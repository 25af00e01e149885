#!/usr/bin/env bash
# Runs one corpus program from its source compiled by pyvm's own compiler: pyvm compiles NAME.py (compile() and
# marshal.dumps, as importlib would) into pyc/NAME.pyc of a scratch copy of the corpus folder, then check.sh runs
# that .pyc and compares stdout, exit status and stderr with CPython's fixtures, exactly as for CPython's .pyc.
# Usage: check_src.sh <pyvm-binary> <corpus-dir> <name>
set -u
if [ "$#" -ne 3 ]; then
  echo "usage: $0 <pyvm-binary> <corpus-dir> <name>" >&2
  exit 2
fi
pyvm="$1"
corpus="$2"
name="$3"
case "$pyvm" in /*) ;; *) pyvm="$PWD/$pyvm" ;; esac
case "$corpus" in /*) ;; *) corpus="$PWD/$corpus" ;; esac
here="$(dirname "$0")"
case "$here" in /*) ;; *) here="$PWD/$here" ;; esac

work="$(mktemp -d "${TEST_TMPDIR:-${TMPDIR:-/tmp}}/pyvm-src.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir "$work/pyc"
ln -s "$corpus/expected" "$work/expected"
ln -s "$corpus"/*.py "$work"/  # one process: a loop of ln/basename forks cost ~15 s per test on 2 busy cores
if ! (cd "$work" && "$pyvm" -c '
import _io, marshal, sys
name = sys.argv[1]
with _io.FileIO(name + ".py") as f:
    src = f.readall()
code = compile(src, name + ".py", "exec", dont_inherit=True)
data = (3571).to_bytes(2, "little") + b"\r\n" + bytes(12) + marshal.dumps(code)
with _io.FileIO("pyc/" + name + ".pyc", "w") as f:
    f.write(data)
' "$name" </dev/null); then
  echo "FAIL $name: pyvm could not compile $name.py"
  exit 1
fi
"$here/check.sh" "$pyvm" "$work" "$name"
