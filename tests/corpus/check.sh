#!/usr/bin/env bash
# Runs one corpus program under pyvm and compares stdout, exit status and the whole of stderr (tracebacks
# included, source lines and carets too) with CPython's. The program runs in the corpus folder, as under
# tools/gen_corpus, so tracebacks find the NAME.py sources. Programs run with PYTHONHASHSEED=0, as their fixtures
# were made; a "# pyvm-env: VAR=VALUE ..." line among NAME.py's first 10 lines sets other variables for both.
# Usage: check.sh <pyvm-binary> <corpus-dir> <name>
set -u

if [ "$#" -ne 3 ]; then
  echo "usage: $0 <pyvm-binary> <corpus-dir> <name>" >&2
  exit 2
fi
pyvm="$1"
corpus="$2"
name="$3"
# A bare name (e.g. "pyvm" from $(rootpath //:pyvm)) means a file in the cwd, not a PATH lookup.
case "$pyvm" in
  /*) ;;
  *) pyvm="$PWD/$pyvm" ;;
esac

pyc="$corpus/pyc/$name.pyc"
exp_stdout="$corpus/expected/$name.stdout"
exp_status_file="$corpus/expected/$name.status"
exp_stderr="$corpus/expected/$name.stderr"
for f in "$pyc" "$exp_stdout" "$exp_status_file" "$exp_stderr"; do
  if [ ! -f "$f" ]; then
    echo "FAIL $name: missing fixture $f (run tools/gen_corpus)" >&2
    exit 1
  fi
done

tmp="$(mktemp -d "${TEST_TMPDIR:-${TMPDIR:-/tmp}}/pyvm-corpus.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

# The program's own environment (the same parsing as tools/gen_corpus): whitespace-separated VAR=VALUE words.
extra_env=()
if [ -f "$corpus/$name.py" ]; then
  read -ra extra_env <<<"$(sed -n '1,10s/^# pyvm-env://p' "$corpus/$name.py" | head -n 1)"
fi

status=0
(cd "$corpus" && env PYTHONHASHSEED=0 "${extra_env[@]}" timeout "${PYVM_CORPUS_TIMEOUT:-30}" "$pyvm" "pyc/$name.pyc" >"$tmp/stdout" 2>"$tmp/stderr" </dev/null) ||
  status=$?

exp_status="$(sed -n 1p "$exp_status_file")"
exp_last="$(sed -n 2p "$exp_status_file")"
act_last="$(tail -n 1 "$tmp/stderr")"

ok=1
if ! cmp -s "$exp_stdout" "$tmp/stdout"; then
  ok=0
  echo "--- stdout differs (expected vs actual):"
  diff -u --label "expected/$name.stdout" --label "actual stdout" "$exp_stdout" "$tmp/stdout" | head -n 200
fi
if [ "$status" != "$exp_status" ]; then
  ok=0
  echo "--- exit status differs: expected $exp_status, actual $status"
  if [ "$status" = 124 ]; then
    echo "    (124: timed out after ${PYVM_CORPUS_TIMEOUT:-30} s)"
  fi
fi
if [ "$act_last" != "$exp_last" ]; then
  ok=0
  echo "--- last stderr line differs:"
  echo "    expected: $exp_last"
  echo "    actual:   $act_last"
elif ! cmp -s "$exp_stderr" "$tmp/stderr"; then
  ok=0
  echo "--- stderr differs (expected vs actual):"
  diff -u --label "expected/$name.stderr" --label "actual stderr" "$exp_stderr" "$tmp/stderr" | head -n 200
fi

if [ "$ok" = 1 ]; then
  echo "PASS $name"
  exit 0
fi
echo "--- actual stderr (last 20 lines):"
tail -n 20 "$tmp/stderr"
echo "FAIL $name"
exit 1
