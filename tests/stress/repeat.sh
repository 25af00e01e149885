#!/usr/bin/env bash
# Runs one stress program ${PYVM_STRESS_REPEAT:-3} times through the corpus checker (stdout, stderr and exit status
# must equal CPython 3.13's every time); stops at the first failure.
# Usage: repeat.sh <check.sh> <pyvm-binary> <stress-dir> <name>
set -u
check="$1"
shift
n="${PYVM_STRESS_REPEAT:-3}"
for ((i = 1; i <= n; i++)); do
  if ! bash "$check" "$@" >"${TEST_TMPDIR:-/tmp}/stress-run.log" 2>&1; then
    echo "run $i of $n failed:"
    cat "${TEST_TMPDIR:-/tmp}/stress-run.log"
    exit 1
  fi
done
echo "PASS $3: $n runs"
