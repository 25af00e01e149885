#!/usr/bin/env bash
# Runs one stress program ${PYVM_STRESS_REPEAT:-3} times through the corpus checker (stdout, stderr and exit status
# must equal CPython 3.13's every time); stops at the first failure.
# Usage: repeat.sh <check.sh> <pyvm-binary> <stress-dir> <name>
set -u
check="$1"
shift
n="${PYVM_STRESS_REPEAT:-3}"
# One run of stress_spawn (10,000 threads) takes ~10 s on an idle 2-core machine and passed 30 s (the corpus
# checker's limit) on a loaded one; 90 s still catches a hang within the test's 300 s.
export PYVM_CORPUS_TIMEOUT="${PYVM_CORPUS_TIMEOUT:-90}"
for ((i = 1; i <= n; i++)); do
  if ! bash "$check" "$@" >"${TEST_TMPDIR:-/tmp}/stress-run.log" 2>&1; then
    echo "run $i of $n failed:"
    cat "${TEST_TMPDIR:-/tmp}/stress-run.log"
    exit 1
  fi
done
echo "PASS $3: $n runs"
