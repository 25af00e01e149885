#!/usr/bin/env python3
"""Compares pyvm's parser with CPython 3.13's on every .py file of the standard library.

Run with the reference interpreter (the dumps must come from CPython 3.13's ast module):

    python3.13 tools/compiler/compare_ast.py [--parse-dump PATH] [--lib DIR] [--site-packages] [--show N]

For each file CPython can parse, it runs bazel-bin/vm/compiler/parse_dump (in batches) and compares its output
with ast.dump(ast.parse(source_bytes), include_attributes=True). It prints how many files match exactly, the
failures grouped by the innermost node kind around the first difference, and the time both parsers take to parse
all the files (parse only, no dumping: parse_dump --time 1 --quiet against ast.parse in one CPython process).
Exit status 0 when every file CPython accepts is accepted and matches.
"""
import argparse
import ast
import collections
import os
import resource
import subprocess
import sys
import time
import warnings

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEPARATOR = "\x1e=== "


def find_files(lib, site_packages):
    out = []
    for d, dirs, files in os.walk(lib):
        dirs.sort()
        if not site_packages and os.path.basename(d) == "site-packages":
            dirs[:] = []
            continue
        dirs[:] = [x for x in dirs if x != "__pycache__"]
        for f in sorted(files):
            if f.endswith(".py"):
                out.append(os.path.join(d, f))
    return out


def cpython_dump(path, with_warnings):
    with open(path, "rb") as f:
        src = f.read()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            tree = ast.parse(src)
        except (SyntaxError, ValueError, UnicodeDecodeError, MemoryError, RecursionError):
            return None
    dump = ast.dump(tree, include_attributes=True)
    if with_warnings:
        lines = ["SyntaxWarning: %s (line %d)" % (w.message, w.lineno) for w in caught
                 if issubclass(w.category, SyntaxWarning)]
        dump = "\n".join(lines + [dump])
    return dump


def our_dumps(parse_dump, paths, with_warnings):
    """Runs parse_dump on a batch; returns {path: output}."""
    r = subprocess.run([parse_dump, "--separator"] + (["--warnings"] if with_warnings else []) + paths,
                       capture_output=True)
    text = r.stdout.decode("utf-8", "surrogateescape")
    result = {}
    for chunk in text.split(SEPARATOR)[1:]:
        path, _, body = chunk.partition("\n")
        result[path] = body.rstrip("\n")
    for p in paths:
        result.setdefault(p, "<no output: %s>" % r.stderr.decode("utf-8", "replace")[-300:])
    return result


def first_difference_kind(a, b):
    """The node kind enclosing the first character where the two dumps differ."""
    n = 0
    limit = min(len(a), len(b))
    while n < limit and a[n] == b[n]:
        n += 1
    prefix = a[:n]
    stack = []
    i = 0
    quote = None
    while i < len(prefix):
        c = prefix[i]
        if quote:
            if c == "\\":
                i += 2
                continue
            if c == quote:
                quote = None
        elif c in "'\"":
            quote = c
        elif c == "(":
            j = i
            while j > 0 and (prefix[j - 1].isalnum() or prefix[j - 1] == "_"):
                j -= 1
            stack.append(prefix[j:i] or "?")
        elif c == ")":
            if stack:
                stack.pop()
        i += 1
    return (stack[-1] if stack else "Module"), n


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--parse-dump", default=os.path.join(ROOT, "bazel-bin/vm/compiler/parse_dump"))
    ap.add_argument("--lib", default=os.path.dirname(ast.__file__))
    ap.add_argument("--site-packages", action="store_true", help="also compare the files under site-packages")
    ap.add_argument("--show", type=int, default=3, help="examples to print per failure kind")
    ap.add_argument("--batch", type=int, default=40)
    ap.add_argument("--warnings", action="store_true", help="also compare the SyntaxWarnings (messages and lines)")
    ap.add_argument("files", nargs="*", help="compare only these files")
    args = ap.parse_args()
    if sys.version_info[:2] != (3, 13):
        print("warning: run this with CPython 3.13 (this is %s)" % sys.version.split()[0], file=sys.stderr)

    paths = args.files or find_files(args.lib, args.site_packages)
    skipped = 0
    matched = 0
    rejected = []
    groups = collections.defaultdict(list)
    checked = []
    for i in range(0, len(paths), args.batch):
        batch = paths[i:i + args.batch]
        ours = our_dumps(args.parse_dump, batch, args.warnings)
        for p in batch:
            expected = cpython_dump(p, args.warnings)
            if expected is None:
                skipped += 1
                continue
            checked.append(p)
            got = ours[p]
            if got == expected:
                matched += 1
            elif got.split("\n")[-1].startswith(("SyntaxError:", "IndentationError:", "TabError:", "<no output")):
                rejected.append((p, got.splitlines()[0] if got else got))
            elif expected.startswith("SyntaxWarning") or got.startswith("SyntaxWarning"):
                groups["SyntaxWarning"].append((p, 0, expected[:300], got[:300]))
            else:
                kind, pos = first_difference_kind(expected, got)
                groups[kind].append((p, pos, expected, got))

    total = len(checked)
    print("files: %d (%d skipped: CPython cannot parse them)" % (len(paths), skipped))
    print("identical dumps: %d / %d (%.2f%%)" % (matched, total, 100.0 * matched / max(total, 1)))
    print("accepted: %d / %d" % (total - len(rejected), total))
    if rejected:
        print("\nrejected by pyvm but accepted by CPython: %d" % len(rejected))
        for p, msg in rejected[: max(args.show * 5, 10)]:
            print("  %s: %s" % (os.path.relpath(p, args.lib), msg))
    if groups:
        print("\ndumps that differ, by innermost node kind at the first difference:")
        for kind, items in sorted(groups.items(), key=lambda kv: -len(kv[1])):
            print("  %-20s %d" % (kind, len(items)))
            for p, pos, exp, got in items[: args.show]:
                lo = max(0, pos - 80)
                print("      %s" % os.path.relpath(p, args.lib))
                print("        cpython: ...%s" % exp[lo:pos + 80])
                print("        pyvm:    ...%s" % got[lo:pos + 80])

    # Timing: read and parse every checked file, nothing else. CPU time is reported besides wall time because
    # the machines we share are often oversubscribed.
    t0, c0 = time.perf_counter(), time.process_time()
    for p in checked:
        with open(p, "rb") as f:
            ast.parse(f.read())
    cpython_wall, cpython_cpu = time.perf_counter() - t0, time.process_time() - c0
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([args.parse_dump, "--quiet", "--time", "1"] + checked, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print("\ntime to parse the %d files: CPython ast.parse %.2f s CPU (%.2f s wall); pyvm %.2f s CPU (%.2f s wall)"
          % (len(checked), cpython_cpu, cpython_wall, cpu, wall))
    return 0 if matched == total else 1


if __name__ == "__main__":
    sys.exit(main())
