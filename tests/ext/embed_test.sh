#!/usr/bin/env bash
# embed_test.sh PROGRAM EXPECTED: runs the embedding program and compares its output (stdout, then stderr) with
# EXPECTED.
set -u
# A private file: parallel runs in separate sandboxes can share /tmp and the same $$.
errf="$(mktemp "${TEST_TMPDIR:-/tmp}/embed_test_stderr.XXXXXX")"
out="$("$1" 2>"$errf")"
rc=$?
err="$(cat "$errf")"
rm -f "$errf"
got="$(printf '%s\n--- stderr\n%s\n--- status %d' "$out" "$err" "$rc")"
if ! diff <(echo "$got") "$2"; then
  echo "FAIL: $1: output differs from $2 (< got, > expected)"
  exit 1
fi
echo PASS
