#!/usr/bin/env bash
# Checks PYTHONHASHSEED start-up against CPython 3.13: fixed seeds (spelt as CPython's strtoul accepts them) give
# CPython's hashes and sys.flags.hash_randomization, invalid ones CPython's fatal error and exit status, -E ignores
# the variable, and a random key (unset, empty, "random") differs from run to run.
# Usage: hash_seed_test.sh <pyvm-binary> <find_cpython>
set -uo pipefail
pyvm="$1"
py=$("$2") || exit 1
prog='import sys; print(hash("abc"), hash("\u20ac\U0001f600"), hash(b"xyz" * 5), sys.flags.hash_randomization)'
fail=0
errf=$(mktemp "${TEST_TMPDIR:-${TMPDIR:-/tmp}}/hash_seed.XXXXXX")
trap 'rm -f "$errf"' EXIT

# Runs one interpreter under a PYTHONHASHSEED value ("-" for unset) with extra options; prints stdout, stderr, status.
run() {
  local exe="$1" seed="$2"
  shift 2
  local out err st
  if [ "$seed" = "-" ]; then
    out=$(env -u PYTHONHASHSEED "$exe" "$@" -c "$prog" 2>"$errf")
  else
    out=$(env PYTHONHASHSEED="$seed" "$exe" "$@" -c "$prog" 2>"$errf")
  fi
  st=$?
  err=$(cat "$errf")
  printf 'stdout: %s\nstderr: %s\nstatus: %s\n' "$out" "$err" "$st"
}

for seed in 0 -0 1 12345 " +77" 4294967295 abc -1 4294967296 "5 " 0x10 " " Random; do
  expected=$(run "$py" "$seed")
  actual=$(run "$pyvm" "$seed")
  if [ "$expected" != "$actual" ]; then
    echo "FAIL PYTHONHASHSEED='$seed':"
    diff <(echo "$expected") <(echo "$actual")
    fail=1
  fi
done
# -E: the variable is ignored, so an invalid one is harmless and a fixed one does not fix the key (as in CPython).
a=$(run "$pyvm" abc -E | sed -n 3p)
if [ "$a" != "status: 0" ]; then
  echo "FAIL -E with PYTHONHASHSEED=abc: $a"
  fail=1
fi
a=$(run "$pyvm" 0 -E | sed -n 1p)
b=$(run "$pyvm" 0 -E | sed -n 1p)
if [ "$a" = "$b" ]; then
  echo "FAIL -E with PYTHONHASHSEED=0: two runs printed '$a'"
  fail=1
fi

# A random key: two runs differ (2**-64 odds of a false failure), and hash_randomization is 1.
for seed in - "" random; do
  a=$(run "$pyvm" "$seed" | sed -n 1p)
  b=$(run "$pyvm" "$seed" | sed -n 1p)
  if [ "$a" = "$b" ] || [ "${a##* }" != "1" ]; then
    echo "FAIL PYTHONHASHSEED='$seed': two runs printed '$a' and '$b'"
    fail=1
  fi
done

if [ "$fail" = 0 ]; then
  echo "PASS: PYTHONHASHSEED handling matches CPython 3.13"
fi
exit "$fail"
