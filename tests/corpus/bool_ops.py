# Corpus: and/or/not with short-circuiting, returned operands and bool().
print(True and False, True or False, not True, not 0, not "")
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, "" or "default", [] or {} or "last")
print(None and 1, None or 0, "a" and "b" and "c", "a" and "" and "c")
print(bool(0), bool(1), bool(-1), bool(0.0), bool(""), bool("0"), bool([]), bool([0]), bool(None))
print(True + 1, True == 1, False == 0, True is True, int(True), str(False))
trace = []
def t(label, result):
    trace.append(label)
    return result
print(t("a", False) and t("b", True), trace)
trace.clear()
print(t("a", True) or t("b", True), trace)
trace.clear()
print(t("a", True) and t("b", 0) or t("c", "z"), trace)
trace.clear()
print(not t("a", []) and t("b", "ok"), trace)
def first_truthy(*vals):
    for v in vals:
        if v:
            return v
    return None
print(first_truthy(0, "", None, 42, 7), first_truthy(), first_truthy(0, False))
name = ""
display = name or "anonymous"
print(display)
config = {"debug": 0}
debug = config.get("debug") or False
print(debug)
def xor(a, b):
    return bool(a) != bool(b)
print([xor(a, b) for a in [0, 1] for b in [0, 1]])
print(all([1, "a", [0]]), all([1, 0]), any([0, "", None]), any([0, 3]))
print(not not "x", not (1 and 0), (not 1) or (not 0))
x = 7
print(x > 5 and x < 10, x < 5 or x > 6, not (x == 7))
print(True & False, True | False, True ^ True, ~True)
flags = [True, False, True, True]
print(sum(flags), flags.count(True), max(flags), min(flags))
print(sorted([True, False, True, 0, 1]))
print(1 if [] and 1 else 2, [] and 1, {} or [])
