# Corpus: user-defined exception hierarchies with extra attributes and __str__.
class AppError(Exception):
    pass

class ValidationError(AppError):
    def __init__(self, field, message):
        super().__init__(field + ": " + message)
        self.field = field
        self.message = message

class NotFound(AppError):
    def __init__(self, key):
        self.key = key
        super().__init__(key)

    def __str__(self):
        return "not found: " + repr(self.key)

def validate(user):
    if "name" not in user:
        raise ValidationError("name", "required")
    if len(user["name"]) < 2:
        raise ValidationError("name", "too short")
    if user.get("age", 0) < 0:
        raise ValidationError("age", "must be >= 0")
    return True

for u in [{"name": "Ann", "age": 3}, {}, {"name": "B"}, {"name": "Cy", "age": -1}]:
    try:
        print("valid", validate(u))
    except ValidationError as e:
        print("invalid", e.field, "|", e.message, "|", e)

db = {"a": 1}
def fetch(key):
    if key not in db:
        raise NotFound(key)
    return db[key]

for k in ["a", "b"]:
    try:
        print(fetch(k))
    except AppError as e:
        print("AppError:", e, e.args, isinstance(e, NotFound), isinstance(e, ValidationError))

print(issubclass(ValidationError, AppError), issubclass(AppError, Exception), issubclass(NotFound, ValidationError))
try:
    raise AppError
except Exception as e:
    print("bare class raise:", repr(e), e.args)
try:
    raise AppError("with", "args", 3)
except AppError as e:
    print(e, repr(e))

class RetryError(AppError):
    attempts = 0

def flaky(n):
    RetryError.attempts += 1
    if RetryError.attempts < n:
        raise RetryError("attempt " + str(RetryError.attempts))
    return "succeeded after " + str(RetryError.attempts)

while True:
    try:
        print(flaky(4))
        break
    except RetryError as e:
        print("retrying after", e)
