#!/usr/bin/env bash
# check_cext_test.sh CHECK_CEXT ARGS...: runs tools/check_cext (from the runfiles, so that it finds compat/include and
# tests/ext beside it) with ARGS, its work folder under the test's temporary folder.
set -u
script="$1"
shift
exec "$script" --work "${TEST_TMPDIR:-/tmp}/check_cext" "$@"
