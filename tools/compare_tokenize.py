#!/usr/bin/env python3
"""Compares pyvm's tokenize (the _tokenize module) with CPython 3.13's on every .py file of the standard library.

Run with the reference interpreter:

    python3.13 tools/compare_tokenize.py [--pyvm bazel-bin/pyvm] [--lib DIR] [--batch N] [--show N]

For each file it takes both tokenize.tokenize(bytes readline) and tokenize.generate_tokens(str readline, the file
opened with tokenize.open) and records every TokenInfo, or the exception that ended the stream. pyvm runs this
same script in worker mode on batches of files; the records are compared file by file. Prints how many files
match and the first difference of the first --show mismatching files; exit status 0 when all match.
"""
import argparse
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEPARATOR = "\x1e=== "


def find_files(lib):
    out = []
    for d, dirs, files in os.walk(lib):
        dirs.sort()
        dirs[:] = [x for x in dirs if x not in ("__pycache__", "site-packages")]
        for f in sorted(files):
            if f.endswith(".py"):
                out.append(os.path.join(d, f))
    return out


def records(path):
    """One line per token (and one for an exception) of both tokenizer entry points."""
    import tokenize
    out = []
    for mode in ("bytes", "str"):
        out.append(mode)
        try:
            if mode == "bytes":
                with open(path, "rb") as f:
                    for t in tokenize.tokenize(f.readline):
                        out.append(repr(tuple(t)))
            else:
                with tokenize.open(path) as f:
                    for t in tokenize.generate_tokens(f.readline):
                        out.append(repr(tuple(t)))
        except Exception as e:  # the error is part of what must match
            out.append("EXC %s %r" % (type(e).__name__, e.args))
    return "\n".join(out)


def worker(list_file, out_file):
    with open(list_file, encoding="utf-8") as f:
        paths = f.read().splitlines()
    with open(out_file, "w", encoding="utf-8", errors="surrogateescape") as out:
        for p in paths:
            out.write(SEPARATOR + p + "\n" + records(p) + "\n")


def run_pyvm(pyvm, paths):
    import subprocess  # the driver side only: pyvm runs the worker, which needs neither
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        lst = os.path.join(tmp, "files")
        res = os.path.join(tmp, "out")
        with open(lst, "w", encoding="utf-8") as f:
            f.write("\n".join(paths))
        proc = subprocess.run([pyvm, os.path.abspath(__file__), "--worker", lst, res], capture_output=True, text=True)
        got = {}
        if os.path.exists(res):
            with open(res, encoding="utf-8", errors="surrogateescape") as f:
                for chunk in f.read().split(SEPARATOR)[1:]:
                    p, _, body = chunk.partition("\n")
                    got[p] = body[:-1] if body.endswith("\n") else body
        if proc.returncode != 0:
            sys.stderr.write("pyvm exited with %d on a batch starting at %s:\n%s\n" %
                             (proc.returncode, paths[0], proc.stderr[-2000:]))
        return got


def first_difference(a, b):
    la, lb = a.split("\n"), b.split("\n")
    for i, (x, y) in enumerate(zip(la, lb)):
        if x != y:
            return "record %d:\n  cpython: %s\n  pyvm:    %s" % (i, x[:300], y[:300])
    return "lengths differ: cpython %d records, pyvm %d" % (len(la), len(lb))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pyvm", default=os.path.join(ROOT, "bazel-bin", "pyvm"))
    ap.add_argument("--lib", default=os.path.dirname(os.__file__))
    ap.add_argument("--batch", type=int, default=150)
    ap.add_argument("--show", type=int, default=10)
    ap.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(*args.worker)
        return 0
    if sys.implementation.name != "cpython" or sys.version_info[:2] != (3, 13):
        sys.exit("run this with CPython 3.13 (the reference tokenize)")
    files = find_files(args.lib)
    match, mismatches = 0, []
    for i in range(0, len(files), args.batch):
        batch = files[i:i + args.batch]
        got = run_pyvm(args.pyvm, batch)
        for p in batch:
            want = records(p)
            if got.get(p) == want:
                match += 1
            else:
                mismatches.append((p, want, got.get(p)))
    for p, want, have in mismatches[:args.show]:
        print("MISMATCH", os.path.relpath(p, args.lib))
        print("  " + ("no output from pyvm" if have is None else first_difference(want, have)))
    print("%d/%d files tokenize identically (tokenize.tokenize and tokenize.generate_tokens)" % (match, len(files)))
    return 0 if match == len(files) else 1


if __name__ == "__main__":
    sys.exit(main())
