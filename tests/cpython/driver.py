# Runs one module of CPython's Lib/test with unittest and writes one JSON line per test case to a file, as each
# test finishes, so that the runner (tests/cpython/run.py) knows how far it got even if the interpreter dies.
# Runs on pyvm (or on CPython, for the reference figures): driver.py MODULE OUTFILE [PATTERN...]
# With PATTERNs only the test cases whose id matches one of them run, as with `python -m unittest -k PATTERN`.
import json
import sys
import unittest


def first_line(text):
    lines = [ln for ln in str(text).strip().splitlines() if ln.strip()]
    return lines[-1][:200] if lines else ""


def main():
    modname, out_path, patterns = sys.argv[1], sys.argv[2], sys.argv[3:]
    out = open(out_path, "w", encoding="utf-8")

    def emit(**kw):
        out.write(json.dumps(kw) + "\n")
        out.flush()

    try:
        loader = unittest.TestLoader()
        if patterns:  # unittest's -k: a pattern without a wildcard matches as a substring
            loader.testNamePatterns = [p if "*" in p else f"*{p}*" for p in patterns]
        suite = loader.loadTestsFromName(modname)
    except unittest.SkipTest as e:  # the module skips itself (test_free_threading on a GIL build of CPython)
        emit(id=modname + ".<import>", outcome="skip", reason=first_line(e))
        emit(event="done")
        return
    except BaseException as e:  # the module does not import: one failing entry says why
        emit(id=modname + ".<import>", outcome="error", reason=f"{type(e).__name__}: {first_line(e)}")
        return

    class Result(unittest.TestResult):
        def __init__(self):
            super().__init__()
            self.subtest_failed = {}

        def startTest(self, test):
            emit(event="start", id=test.id())
            super().startTest(test)

        def _reason(self, err):
            exctype, value, _ = err
            return f"{exctype.__name__}: {first_line(value)}"

        def addSuccess(self, test):
            super().addSuccess(test)
            if test.id() in self.subtest_failed:
                emit(id=test.id(), outcome="fail", reason=self.subtest_failed.pop(test.id()))
            else:
                emit(id=test.id(), outcome="pass")

        def addFailure(self, test, err):
            super().addFailure(test, err)
            emit(id=test.id(), outcome="fail", reason=self._reason(err))

        def addError(self, test, err):
            super().addError(test, err)
            emit(id=test.id(), outcome="error", reason=self._reason(err))

        def addSkip(self, test, reason):
            super().addSkip(test, reason)
            emit(id=test.id(), outcome="skip", reason=first_line(reason))

        def addExpectedFailure(self, test, err):
            super().addExpectedFailure(test, err)
            emit(id=test.id(), outcome="pass")

        def addUnexpectedSuccess(self, test):
            super().addUnexpectedSuccess(test)
            emit(id=test.id(), outcome="fail", reason="unexpected success")

        def addSubTest(self, test, subtest, err):
            super().addSubTest(test, subtest, err)
            if err is not None and test.id() not in self.subtest_failed:
                kind = "skip" if issubclass(err[0], unittest.SkipTest) else None
                if kind is None:
                    self.subtest_failed[test.id()] = "subtest " + self._reason(err)

        def stopTest(self, test):
            super().stopTest(test)
            # A test whose subtests failed gets no addSuccess call.
            if test.id() in self.subtest_failed:
                emit(id=test.id(), outcome="fail", reason=self.subtest_failed.pop(test.id()))

    result = Result()
    suite.run(result)
    emit(event="done")


if __name__ == "__main__":
    main()
