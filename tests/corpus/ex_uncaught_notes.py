# Corpus: ends with an uncaught exception that has notes and a custom __str__; checks report formatting inputs.
class ValidationError(ValueError):
    def __init__(self, field, problem):
        super().__init__(field, problem)
        self.field = field
        self.problem = problem

    def __str__(self):
        return f"{self.field}: {self.problem}"


def validate(record):
    errors = []
    if not record.get("name"):
        errors.append(ValidationError("name", "must not be empty"))
    if not isinstance(record.get("age"), int):
        errors.append(ValidationError("age", "must be an int"))
    elif record["age"] < 0:
        errors.append(ValidationError("age", "must be non-negative"))
    return errors


records = [{"name": "ann", "age": 3}, {"name": "", "age": "x"}, {"name": "bob", "age": -1}]
for r in records:
    print(r, "->", [str(e) for e in validate(r)], [e.args for e in validate(r)])


class BadStr(Exception):
    def __str__(self):
        raise RuntimeError("str failed")


try:
    raise BadStr("payload")
except BadStr as e:
    print("args survive a broken __str__:", e.args)


def load(record):
    errs = validate(record)
    if errs:
        first = errs[0]
        first.add_note(f"record index {records.index(record)}")
        for extra in errs[1:]:
            first.add_note(f"also: {extra}")
        raise first
    return record["name"]


print([load(records[0])])
try:
    load(records[1])
except ValidationError as e:
    print("caught:", e, "| notes:", e.__notes__, "| field:", e.field)
print("final load fails uncaught")
load(records[2])
