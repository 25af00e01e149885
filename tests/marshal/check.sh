#!/usr/bin/env bash
# marshal.dumps against CPython 3.13: (1) every corpus .pyc that CPython wrote re-marshals to the same bytes under
# pyvm (two known exceptions: a frozenset's element order depends on CPython reference counts pyvm cannot see);
# (2) values.py prints the same dumps output under both.
# Usage: check.sh <pyvm> <find_cpython> <dir with roundtrip.py and values.py> <folder of .pyc files>
set -u
pyvm="$1"; find_cpython="$2"; dir="$3"; pycs="$4"
py="$("$find_cpython")" || { echo "CPython 3.13 not found"; exit 1; }
status=0
out="$("$pyvm" "$dir/roundtrip.py" --known bi_set_frozenset.pyc,ty_set_methods.pyc "$pycs"/*.pyc 2>&1)" || status=1
echo "$out"
tmp="$(mktemp -d "${TEST_TMPDIR:-/tmp}/marshal.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
"$py" "$dir/values.py" >"$tmp/expected" 2>&1
"$pyvm" "$dir/values.py" >"$tmp/actual" 2>&1
if ! diff -u "$tmp/expected" "$tmp/actual"; then
  echo "FAIL: values.py differs"
  status=1
fi
exit $status
