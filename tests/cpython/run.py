#!/usr/bin/env python3
# Runs modules of CPython 3.13's unmodified Lib/test on pyvm and compares each test case with the checked-in list of
# expected failures (tests/cpython/expected/MODULE.txt: "test.id: reason" per line).
#
#   run.py --pyvm BIN --cpython PY MODULE...     per-module counts; exit 1 on a new failure or an unexpected pass
#   run.py ... --record                         rewrites the expected-failure lists from this run
#   run.py ... --table                          also prints pass/total on CPython 3.13 for the same module
#
# A module may run only part of its test cases: tests/cpython/select/MODULE.txt lists unittest -k patterns, one a
# line (a case runs when its id matches one of them), applied on pyvm and on CPython alike.
#
# An expected failure whose reason starts with "flaky:" (a timing-dependent test) may pass or fail; --record keeps
# those entries.
#
# A test case counts once: passed, failed (fail/error/unexpected success, or not run because the interpreter died or
# timed out, or because CPython runs it and pyvm never reached it) or skipped. The pass rate is passed / (passed +
# failed). The driver (driver.py) runs inside the interpreter under test and writes results as it goes.
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def run_driver(interp, module, timeout, extra_env=None):
    """Returns (results: dict id -> (outcome, reason), note) for one interpreter."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "results.jsonl")
        env = dict(os.environ)
        env.update(extra_env or {})
        env.setdefault("PYTHONHASHSEED", "0")
        note = ""
        try:
            cmd = [interp, os.path.join(HERE, "driver.py"), "test." + module, out] + load_select(module)
            p = subprocess.run(cmd, cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=timeout, env=env)
            if p.returncode < 0:
                note = f"crash: signal {-p.returncode}"
            elif p.returncode != 0:
                note = f"exit status {p.returncode}: " + (p.stderr.decode(errors="replace").strip().splitlines() or [""])[-1][:200]
        except subprocess.TimeoutExpired:
            note = f"timeout after {timeout}s"
        results, running, done = {}, None, False
        if os.path.exists(out):
            with open(out, encoding="utf-8") as f:
                for line in f:
                    try:
                        r = json.loads(line)
                    except ValueError:
                        continue
                    if r.get("event") == "start":
                        running = r["id"]
                    elif r.get("event") == "done":
                        done = True
                    else:
                        results[r["id"]] = (r["outcome"], r.get("reason", ""))
                        if running == r["id"]:
                            running = None
        if not done:
            if running and running not in results:
                results[running] = ("error", note or "interpreter stopped")
            if not note:
                note = "the run did not finish"
        return results, note


def load_select(module):
    """The -k patterns that select the part of the module that runs (none: all of it)."""
    path = os.path.join(HERE, "select", module + ".txt")
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [ln.strip() for ln in f if ln.strip() and not ln.startswith("#")]


def load_expected(module):
    path = os.path.join(HERE, "expected", module + ".txt")
    exp = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if not line or line.startswith("#"):
                    continue
                tid, _, reason = line.partition(": ")
                exp[tid.strip()] = reason
    return exp


def write_expected(module, failures):
    path = os.path.join(HERE, "expected", module + ".txt")
    if not failures:
        if os.path.exists(path):
            os.remove(path)
        return
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"# Expected failures of test.{module} on pyvm, one test case per line, with the reason it fails.\n")
        for tid in sorted(failures):
            f.write(f"{tid}: {failures[tid] or 'fails'}\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pyvm", required=True)
    ap.add_argument("--cpython", required=True)
    ap.add_argument("--timeout", type=int, default=900)
    ap.add_argument("--record", action="store_true")
    ap.add_argument("--table", action="store_true")
    ap.add_argument("modules", nargs="+")
    args = ap.parse_args()
    bad = 0
    totals = [0, 0, 0, 0, 0]  # pyvm passed, failed; cpython passed, failed; skipped on pyvm
    for module in args.modules:
        ref, ref_note = run_driver(args.cpython, module, args.timeout)
        got, note = run_driver(args.pyvm, module, args.timeout)
        # Test cases CPython runs that pyvm never reported count as failures.
        for tid, (outcome, _) in ref.items():
            if tid not in got and outcome in ("pass", "fail", "error"):
                got[tid] = ("error", f"not run on pyvm ({note or 'never reached'})")
        passed = sorted(t for t, (o, _) in got.items() if o == "pass")
        failed = {t: r for t, (o, r) in got.items() if o in ("fail", "error")}
        skipped = [t for t, (o, _) in got.items() if o == "skip"]
        ref_passed = sum(1 for o, _ in ref.values() if o == "pass")
        ref_failed = sum(1 for o, _ in ref.values() if o in ("fail", "error"))
        expected = load_expected(module)
        new = sorted(t for t in failed if t not in expected)
        # "flaky: ..." entries (timing-dependent tests) may pass or fail.
        unexpected_pass = sorted(t for t in expected
                                 if t in got and got[t][0] == "pass" and not expected[t].startswith("flaky:"))
        n = len(passed) + len(failed)
        rate = 100.0 * len(passed) / n if n else 0.0
        line = f"{module}: {len(passed)}/{n} passed ({rate:.1f}%), {len(skipped)} skipped"
        if args.table:
            rn = ref_passed + ref_failed
            line += f"; CPython 3.13: {ref_passed}/{rn} passed"
        if note:
            line += f" [{note}]"
        print(line, flush=True)
        for k, v in zip(range(5), (len(passed), len(failed), ref_passed, ref_failed, len(skipped))):
            totals[k] += v
        if args.record:
            keep = {t: r for t, r in expected.items() if r.startswith("flaky:")}
            keep.update({t: (expected[t] if t in expected and expected[t].startswith("flaky:") else r)
                         for t, r in failed.items()})
            write_expected(module, keep)
            continue
        for t in new:
            print(f"  NEW FAILURE {t}: {failed[t]}")
        for t in unexpected_pass:
            print(f"  UNEXPECTED PASS {t} (remove it from tests/cpython/expected/{module}.txt)")
        if new or unexpected_pass:
            bad += 1
    if len(args.modules) > 1:
        n = totals[0] + totals[1]
        rn = totals[2] + totals[3]
        print(f"TOTAL: {totals[0]}/{n} passed ({100.0 * totals[0] / max(n, 1):.1f}%), {totals[4]} skipped; "
              f"CPython 3.13: {totals[2]}/{rn}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
