#!/usr/bin/env bash
# ext_test.sh PYVM SCRIPT EXPECTED ANY_MODULE_SO: runs SCRIPT on PYVM with the test extensions' folder on PYTHONPATH
# and compares its output (stdout and stderr) with EXPECTED.
set -u
pyvm="$1" script="$2" expected="$3" mods="$(dirname "$4")"
out="$(PYTHONPATH="$mods" "$pyvm" "$script" 2>&1)"
rc=$?
if [ $rc -ne 0 ]; then
  echo "FAIL: $script exited with status $rc"
  echo "$out"
  exit 1
fi
if ! diff <(echo "$out") "$expected"; then
  echo "FAIL: $script: output differs from $expected (< got, > expected)"
  exit 1
fi
echo PASS
