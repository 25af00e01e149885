#!/usr/bin/env bash
# embed_test.sh PROGRAM EXPECTED: runs the embedding program and compares its output (stdout, then stderr) with
# EXPECTED.
set -u
out="$("$1" 2>/tmp/embed_test_stderr.$$)"
rc=$?
err="$(cat /tmp/embed_test_stderr.$$)"
rm -f /tmp/embed_test_stderr.$$
got="$(printf '%s\n--- stderr\n%s\n--- status %d' "$out" "$err" "$rc")"
if ! diff <(echo "$got") "$2"; then
  echo "FAIL: $1: output differs from $2 (< got, > expected)"
  exit 1
fi
echo PASS
