# Corpus: ends with an uncaught nested ExceptionGroup (with notes and a chained member) after except* handling.
class TaskFailed(Exception):
    pass


def run_task(name, value):
    if value < 0:
        raise ValueError(f"{name}: negative input {value}")
    if value == 0:
        raise ZeroDivisionError(f"{name}: zero input")
    return 100 // value


def run_all(tasks):
    results, errors = {}, []
    for name, value in tasks:
        try:
            results[name] = run_task(name, value)
        except Exception as e:
            errors.append(e)
    if errors:
        raise ExceptionGroup(f"{len(errors)} task(s) failed", errors)
    return results


print(run_all([("a", 5), ("b", 20)]))
try:
    run_all([("a", 1), ("b", 0), ("c", -1), ("d", -2)])
except* ValueError as eg:
    print("value errors:", [str(e) for e in eg.exceptions])
except* ZeroDivisionError as eg:
    print("zero errors:", [str(e) for e in eg.exceptions])


def supervisor():
    batches = [[("x", 0)], [("y", -1), ("z", 0)]]
    failures = []
    for i, batch in enumerate(batches):
        try:
            run_all(batch)
        except ExceptionGroup as eg:
            eg.add_note(f"batch {i} had {len(eg.exceptions)} failure(s)")
            failures.append(eg)
    try:
        raise KeyError("bookkeeping")
    except KeyError as k:
        wrapped = TaskFailed("supervisor bookkeeping failed")
        wrapped.__cause__ = k
        failures.append(wrapped)
    raise ExceptionGroup("supervisor failed", failures)


try:
    supervisor()
except* TaskFailed as eg:
    print("handled TaskFailed:", [str(e) for e in eg.exceptions])
except* (ValueError, ZeroDivisionError) as eg:
    print("handled leaves:", sorted(str(e) for e in eg.exceptions), [e.message for e in eg.exceptions])
    print("notes kept on split groups:", [getattr(e, "__notes__", None) for e in eg.exceptions])
print("now letting the rest escape")
try:
    supervisor()
except* TaskFailed:
    print("TaskFailed handled again; the batches escape")
print("unreachable")
