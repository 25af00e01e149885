#!/usr/bin/env bash
# One CPython Lib/test module on pyvm against its expected failures: run_module.sh PYVM FIND_CPYTHON MODULE
set -uo pipefail
PYVM="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
PY="$("$2")" || exit 1
exec "$PY" tests/cpython/run.py --pyvm "$PYVM" --cpython "$PY" --timeout "${PYVM_CPYTHON_TEST_TIMEOUT:-600}" --table "$3"
