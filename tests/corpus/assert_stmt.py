# Corpus: assert statements that pass, and AssertionError caught with messages.
def checked_sqrt(n):
    assert n >= 0, "n must be non-negative, got " + str(n)
    r = 0
    while (r + 1) * (r + 1) <= n:
        r += 1
    assert r * r <= n < (r + 1) * (r + 1)
    return r

for n in [0, 1, 8, 9, 10, 99, 100]:
    print(n, checked_sqrt(n))

try:
    checked_sqrt(-4)
except AssertionError as e:
    print("AssertionError:", e)

try:
    assert 1 + 1 == 3
except AssertionError as e:
    print("bare assertion", repr(e), e.args)

try:
    assert [], ["list", "message"]
except AssertionError as e:
    print("message object:", e.args[0])

def invariant_stack():
    stack = []
    for i in range(5):
        stack.append(i)
        assert len(stack) == i + 1
    while stack:
        top = stack.pop()
        assert top == len(stack), "order broken"
    return "ok"

print(invariant_stack())
count = 0
for v in [1, 2, 3]:
    assert v > 0
    count += v
print("sum", count)
assert True
assert "non-empty"
assert [1, 2]
print("all asserts passed")
def validate(pairs):
    errors = []
    for a, b in pairs:
        try:
            assert a < b, f"{a} !< {b}"
        except AssertionError as e:
            errors.append(str(e))
    return errors
print(validate([(1, 2), (3, 2), (5, 5), (0, 9)]))
