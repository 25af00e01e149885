#!/usr/bin/env bash
# Checks vm/opcodes.def against CPython 3.13's opcode/dis modules: names, numbers, cache entries, arg/jump flags
# and net stack effects.
set -euo pipefail
dump="$1"
py=$("$2") || exit 1
expected=$("$py" - <<'PY'
import opcode, dis
for name, num in sorted(opcode.opmap.items(), key=lambda x: x[1]):
    if name.startswith('INSTRUMENTED_') or name == 'ENTER_EXECUTOR' or num >= 256:
        continue
    arg = num in dis.hasarg
    effects = []
    for a in (0, 1, 2, 3, 4, 5, 8, 9, 16, 17, 258):
        effects.append(str(dis.stack_effect(num, a if arg else None)))
        if not arg:
            break
    print(name, num, opcode._inline_cache_entries.get(name, 0), int(arg), int(num in dis.hasjrel), *effects)
PY
)
actual=$("$dump")
if [ "$expected" != "$actual" ]; then
  diff <(echo "$expected") <(echo "$actual") || true
  echo "FAIL: opcodes.def differs from CPython 3.13"
  exit 1
fi
echo "PASS: $(echo "$actual" | wc -l) opcodes match CPython 3.13"
