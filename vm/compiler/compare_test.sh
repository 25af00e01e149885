#!/usr/bin/env bash
# Runs the CPython comparisons on the curated syntax errors and on a sample of the standard library.
set -euo pipefail
dump="$1"
py=$("$2") || exit 1
lib=$("$py" -c 'import os, ast; print(os.path.dirname(ast.__file__))')
"$py" "$4" --parse-dump "$dump" --cases "$5"
sample=()
for f in ast.py typing.py dataclasses.py enum.py inspect.py string.py re/_parser.py asyncio/tasks.py \
         test/test_fstring.py test/test_patma.py test/test_grammar.py test/test_type_params.py \
         test/test_unicode_identifiers.py test/test_string_literals.py test/test_positional_only_arg.py; do
  [ -f "$lib/$f" ] && sample+=("$lib/$f")
done
"$py" "$3" --parse-dump "$dump" "${sample[@]}"
