#!/usr/bin/env bash
# Runs bad_source.py under pyvm (each case in a child pyvm process) and compares its report with CPython 3.13's,
# bad_source.out (regenerate: `python3.13 tests/compiler/bad_source.py > tests/compiler/bad_source.out`).
# Usage: bad_source_test.sh <pyvm-binary> <bad_source.py> <bad_source.out>
set -u
if [ "$#" -ne 3 ]; then
  echo "usage: $0 <pyvm-binary> <bad_source.py> <bad_source.out>" >&2
  exit 2
fi
pyvm="$1"
case "$pyvm" in /*) ;; *) pyvm="$PWD/$pyvm" ;; esac
tmp="$(mktemp -d "${TEST_TMPDIR:-${TMPDIR:-/tmp}}/pyvm-badsrc.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
status=0
"$pyvm" "$2" >"$tmp/actual" 2>"$tmp/stderr" </dev/null || status=$?
if [ "$status" != 0 ]; then
  echo "FAIL: the driver exited with status $status"
  tail -n 20 "$tmp/stderr"
  exit 1
fi
if ! diff -u --label "expected (CPython 3.13)" --label "actual (pyvm)" "$3" "$tmp/actual"; then
  echo "FAIL: bad_source report differs from CPython's"
  exit 1
fi
echo "PASS: $(grep -c '' "$3") report lines match CPython's"
