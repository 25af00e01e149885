#!/usr/bin/env python3
"""Compares pyvm's compiler with CPython 3.13's on every .py file of the standard library, code object by code object.

Run with the reference interpreter:

    python3.13 tools/compiler/compare_code.py [--code-dump PATH] [--lib DIR] [--show N] [FILES...]

For each file CPython compiles, bazel-bin/vm/compiler/code_dump prints pyvm's code objects (recursively, in
co_consts order) in a canonical text form; this script prints CPython's in the same form, pairs the code objects
by position and reports the percentage equal in each of co_code, co_consts, co_names, co_localsplusnames,
co_exceptiontable, co_stacksize, co_flags and co_linetable, plus the main classes of difference.
"""
import argparse
import collections
import dis
import os
import struct
import subprocess
import sys
import warnings

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEPARATOR = "\x1e=== "
FIELDS = ["co_code", "co_consts", "co_names", "co_localsplusnames", "co_exceptiontable", "co_stacksize",
          "co_flags", "co_linetable"]


def canon(o):
    if o is None:
        return "None"
    if o is True:
        return "True"
    if o is False:
        return "False"
    if o is Ellipsis:
        return "Ellipsis"
    t = type(o)
    if t is int:
        return "i:%d" % o
    if t is float:
        return "f:" + struct.pack("<d", o).hex()
    if t is complex:
        return "c:" + struct.pack("<d", o.real).hex() + struct.pack("<d", o.imag).hex()
    if t is str:
        return "s:" + o.encode("utf-8", "surrogatepass").hex()
    if t is bytes:
        return "b:" + o.hex()
    if t is tuple:
        return "(" + ",".join(canon(x) for x in o) + ")"
    if t is frozenset:
        return "F{" + ",".join(sorted(canon(x) for x in o)) + "}"
    if hasattr(o, "co_code"):
        return "<code %s>" % o.co_qualname
    return "?"


def dump_code(co, out):
    out.append("=== %s %d" % (co.co_qualname, co.co_firstlineno))
    out.append("co_code " + co.co_code.hex())
    out.append("co_consts " + canon(co.co_consts))
    out.append("co_names " + canon(co.co_names))
    out.append("co_localsplusnames " + canon(co.co_varnames + co.co_cellvars + co.co_freevars
                                               if False else tuple(localsplus(co))))
    out.append("co_exceptiontable " + co.co_exceptiontable.hex())
    out.append("co_stacksize %d" % co.co_stacksize)
    out.append("co_flags %d" % co.co_flags)
    out.append("co_linetable " + co.co_linetable.hex())
    for c in co.co_consts:
        if hasattr(c, "co_code"):
            dump_code(c, out)


def localsplus(co):
    # co_varnames, then cells that are not arguments/locals, then free variables: the localsplus order.
    names = list(co.co_varnames)
    for c in co.co_cellvars:
        if c not in names:
            names.append(c)
    names.extend(co.co_freevars)
    return names


def parse_dump(text):
    """[(header, {field: value})] from a dump."""
    units = []
    for line in text.splitlines():
        if line.startswith("=== "):
            units.append((line[4:], {}))
        elif units and " " in line:
            k, _, v = line.partition(" ")
            units[-1][1][k] = v
        elif units:
            units[-1][1][line] = ""
    return units


def find_files(lib):
    out = []
    for d, dirs, files in os.walk(lib):
        dirs.sort()
        if os.path.basename(d) == "site-packages":
            dirs[:] = []
            continue
        dirs[:] = [x for x in dirs if x != "__pycache__"]
        for f in sorted(files):
            if f.endswith(".py"):
                out.append(os.path.join(d, f))
    return out


def cpython_dump(path):
    with open(path, "rb") as f:
        src = f.read()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            co = compile(src, path, "exec", dont_inherit=True)
        except (SyntaxError, ValueError, UnicodeDecodeError, MemoryError, RecursionError):
            return None
    out = []
    dump_code(co, out)
    return "\n".join(out)


def our_dumps(code_dump, paths):
    r = subprocess.run([code_dump, "--separator"] + paths, capture_output=True)
    text = r.stdout.decode("utf-8", "surrogateescape")
    result = {}
    for chunk in text.split(SEPARATOR)[1:]:
        path, _, body = chunk.partition("\n")
        result[path] = body
    for p in paths:
        result.setdefault(p, "ERROR no output (exit %d): %s" % (r.returncode, r.stderr.decode("utf-8", "replace")[-300:]))
    return result


def first_code_diff(a_hex, b_hex):
    a, b = bytes.fromhex(a_hex), bytes.fromhex(b_hex)
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    i -= i % 2
    def name(code, k):
        if k >= len(code):
            return "<end>"
        return dis.opname[code[k]]
    return "%s vs %s" % (name(a, i), name(b, i))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--code-dump", default=os.path.join(ROOT, "bazel-bin/vm/compiler/code_dump"))
    ap.add_argument("--lib", default=os.path.dirname(os.__file__))
    ap.add_argument("--show", type=int, default=2)
    ap.add_argument("--batch", type=int, default=40)
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    paths = args.files or find_files(args.lib)
    expected = {}
    skipped = 0
    for p in paths:
        d = cpython_dump(p)
        if d is None:
            skipped += 1
        else:
            expected[p] = d
    todo = list(expected)
    ours = {}
    for i in range(0, len(todo), args.batch):
        ours.update(our_dumps(args.code_dump, todo[i:i + args.batch]))
    equal = collections.Counter()
    total = 0
    all_equal = 0
    failed_files = collections.Counter()
    classes = collections.Counter()
    examples = collections.defaultdict(list)
    files_equal = 0
    for p in todo:
        exp = parse_dump(expected[p])
        body = ours[p]
        if body.startswith("ERROR"):
            msg = body.splitlines()[0][:120]
            failed_files[msg] += 1
            total += len(exp)
            continue
        got = parse_dump(body)
        file_ok = len(got) == len(exp)
        for k, (hdr, fields) in enumerate(exp):
            total += 1
            g = got[k][1] if k < len(got) else {}
            ok_all = True
            first = None
            for f in FIELDS:
                if g.get(f) == fields.get(f):
                    equal[f] += 1
                else:
                    ok_all = False
                    if first is None:
                        first = f
            if ok_all:
                all_equal += 1
            else:
                file_ok = False
                if first == "co_code":
                    cls = "co_code: " + first_code_diff(g.get(f"co_code", ""), fields["co_code"])
                else:
                    cls = first
                classes[cls] += 1
                if len(examples[cls]) < args.show:
                    examples[cls].append("%s: %s" % (p, hdr))
        if file_ok:
            files_equal += 1
    print("files compared: %d (skipped %d that CPython rejects); files entirely equal: %d" %
          (len(todo), skipped, files_equal))
    print("files pyvm failed to compile: %d" % sum(failed_files.values()))
    for msg, n in failed_files.most_common(10):
        print("  %5d  %s" % (n, msg))
    print("code objects: %d; all fields equal: %d (%.1f%%)" % (total, all_equal, 100.0 * all_equal / max(total, 1)))
    for f in FIELDS:
        print("  %-20s %6.1f%%" % (f, 100.0 * equal[f] / max(total, 1)))
    print("main classes of difference (first differing field; for co_code ours vs CPython's opcode):")
    for cls, n in classes.most_common(25):
        print("  %6d  %s" % (n, cls))
        for ex in examples[cls]:
            print("          e.g. " + ex)
    return 0


if __name__ == "__main__":
    sys.exit(main())
