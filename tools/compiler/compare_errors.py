#!/usr/bin/env python3
"""Compares pyvm's syntax errors with CPython 3.13's: exception type, message, line and column.

Run with the reference interpreter:

    python3.13 tools/compiler/compare_errors.py [--cases tests/compiler/syntax_errors.txt] [--harvest] [--ends]

The cases file holds source snippets separated by lines consisting of "---" (snippets are taken verbatim, so
line numbers count from the snippet's first line). --harvest adds every string literal found in CPython's own
syntax tests (test_syntax, test_exceptions, test_fstring, test_grammar ...) and the doctest snippets of
test_syntax.py: a large supply of realistic mistakes. Each snippet goes through ast.parse(bytes) and through
parse_dump; both must agree on success (with identical dumps) or on the error. --ends also compares end_lineno
and end_offset.
"""
import argparse
import ast
import collections
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEPARATOR = "\x1e=== "
HARVEST = ["test_syntax.py", "test_exceptions.py", "test_fstring.py", "test_grammar.py", "test_patma.py",
           "test_positional_only_arg.py", "test_unpack_ex.py", "test_type_params.py", "test_genexps.py",
           "test_string_literals.py", "test_eof.py", "test_unpack.py", "test_keywordonlyarg.py",
           "test_named_expressions.py", "test_type_aliases.py", "test_syntax.py", "test_compile.py",
           "test_ast/test_ast.py", "test_utf8source.py", "test_source_encoding.py", "test_traceback.py",
           "test_with.py", "test_decorators.py", "test_global.py", "test_lambda.py", "test_tokenize.py",
           "test_except_star.py", "test_coroutines.py", "test_baseexception.py", "test_future_stmt/test_future.py",
           "test_syntax.py", "test_funcattrs.py", "test_generators.py", "test_dictcomps.py", "test_setcomps.py",
           "test_listcomps.py", "test_cmd_line_script.py", "test_repl.py", "test_exception_group.py"]


def read_cases(path):
    with open(path, "rb") as f:
        data = f.read()
    cases = []
    cur = []
    for line in data.split(b"\n"):
        if line == b"---":
            cases.append(b"\n".join(cur))
            cur = []
        else:
            cur.append(line)
    if cur and any(cur):
        cases.append(b"\n".join(cur))
    return cases


def harvest(lib):
    out = []
    for name in HARVEST:
        path = os.path.join(lib, "test", name)
        if not os.path.exists(path):
            continue
        with open(path, "rb") as f:
            src = f.read()
        try:
            tree = ast.parse(src)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)) and node.value:
                v = node.value
                b = v if isinstance(v, bytes) else v.encode("utf-8", "surrogatepass")
                if len(b) < 2000:
                    out.append(b)
        if name == "test_syntax.py":
            # Doctest examples: '>>> ' and '... ' lines.
            text = src.decode("utf-8")
            block = []
            for line in text.splitlines():
                s = line.lstrip()
                if s.startswith(">>> "):
                    if block:
                        out.append("\n".join(block).encode())
                    block = [s[4:]]
                elif s.startswith("...") and block:
                    block.append(s[4:])
                else:
                    if block:
                        out.append("\n".join(block).encode())
                    block = []
    seen = set()
    unique = []
    for c in out:
        if c not in seen:
            seen.add(c)
            unique.append(c)
    return unique


def cpython_result(src):
    try:
        tree = ast.parse(src)
    except SyntaxError as e:
        return ("error", type(e).__name__, e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)
    except (ValueError, MemoryError, RecursionError, OverflowError, UnicodeError):
        return None
    return ("ok", ast.dump(tree, include_attributes=True))


LINE = re.compile(r"^(SyntaxError|IndentationError|TabError): (.*) \(line (-?\d+), col (-?\d+), end (-?\d+|None), (-?\d+|None)\)$")


def our_results(parse_dump, snippets):
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, s in enumerate(snippets):
            p = os.path.join(tmp, "s%d.py" % i)
            with open(p, "wb") as f:
                f.write(s)
            paths.append(p)
        results = {}
        for k in range(0, len(paths), 200):
            batch = paths[k:k + 200]
            r = subprocess.run([parse_dump, "--separator", "--end"] + batch, capture_output=True)
            text = r.stdout.decode("utf-8", "surrogateescape")
            for chunk in text.split(SEPARATOR)[1:]:
                path, _, body = chunk.partition("\n")
                results[path] = body.rstrip("\n")
        out = []
        for p in paths:
            body = results.get(p, "<no output>")
            m = LINE.match(body)
            if m:
                end_line = None if m.group(5) == "None" else int(m.group(5))
                end_off = None if m.group(6) == "None" else int(m.group(6))
                out.append(("error", m.group(1), m.group(2), int(m.group(3)), int(m.group(4)), end_line, end_off))
            else:
                out.append(("ok", body))
        return out


def norm_line(v):
    return 0 if v is None else v


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--parse-dump", default=os.path.join(ROOT, "bazel-bin/vm/compiler/parse_dump"))
    ap.add_argument("--cases", default=os.path.join(ROOT, "tests/compiler/syntax_errors.txt"))
    ap.add_argument("--harvest", action="store_true", help="add the string literals of CPython's syntax tests")
    ap.add_argument("--lib", default=os.path.dirname(ast.__file__))
    ap.add_argument("--ends", action="store_true", help="also compare end_lineno and end_offset")
    ap.add_argument("--show", type=int, default=40)
    args = ap.parse_args()

    snippets = read_cases(args.cases)
    n_curated = len(snippets)
    if args.harvest:
        snippets += harvest(args.lib)
    expected = [cpython_result(s) for s in snippets]
    keep = [i for i, e in enumerate(expected) if e is not None]
    snippets = [snippets[i] for i in keep]
    expected = [expected[i] for i in keep]
    got = our_results(args.parse_dump, snippets)

    counts = collections.Counter()
    bad = []
    for s, e, g in zip(snippets, expected, got):
        kind = e[0]
        counts[kind] += 1
        if kind == "ok":
            if g != e:
                bad.append((s, e, g, "should parse" if g[0] == "error" else "dump differs"))
            continue
        if g[0] != "error":
            bad.append((s, e, g, "should fail"))
            continue
        # CPython gives lineno/offset None where there is no position; parse_dump prints 0.
        same = e[1:3] == g[1:3] and (norm_line(e[3]), norm_line(e[4])) == (norm_line(g[3]), norm_line(g[4]))
        if same and args.ends and (norm_line(e[5]), norm_line(e[6])) != (norm_line(g[5]), norm_line(g[6])):
            same = False
        if not same:
            bad.append((s, e, g, "error differs"))
    total = len(snippets)
    print("snippets: %d (%d curated), %d parse, %d are syntax errors" % (total, n_curated, counts["ok"], counts["error"]))
    print("agree with CPython: %d / %d (%.2f%%)%s" % (total - len(bad), total, 100.0 * (total - len(bad)) / max(total, 1),
                                                      " (ends compared)" if args.ends else ""))
    by_reason = collections.Counter(b[3] for b in bad)
    for reason, n in by_reason.most_common():
        print("  %s: %d" % (reason, n))
    for s, e, g, reason in bad[: args.show]:
        print("\n[%s] %r" % (reason, s[:300]))
        print("  cpython: %s" % (str(e[1:]) if e[0] == "error" else e[1][:200]))
        print("  pyvm:    %s" % (str(g[1:]) if g[0] == "error" else g[1][:200]))
    return 0 if not bad else 1


if __name__ == "__main__":
    sys.exit(main())
