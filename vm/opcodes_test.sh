#!/usr/bin/env bash
# Checks vm/opcodes.def against CPython 3.13's opcode/dis modules: names, numbers, cache entries, arg/jump flags.
set -euo pipefail
dump="$1"
py=$("$2") || exit 1
expected=$("$py" - <<'PY'
import opcode, dis
for name, num in sorted(opcode.opmap.items(), key=lambda x: x[1]):
    if name.startswith('INSTRUMENTED_') or name == 'ENTER_EXECUTOR' or num >= 256:
        continue
    print(name, num, opcode._inline_cache_entries.get(name, 0), int(num in dis.hasarg), int(num in dis.hasjrel))
PY
)
actual=$("$dump")
if [ "$expected" != "$actual" ]; then
  diff <(echo "$expected") <(echo "$actual") || true
  echo "FAIL: opcodes.def differs from CPython 3.13"
  exit 1
fi
echo "PASS: $(echo "$actual" | wc -l) opcodes match CPython 3.13"
