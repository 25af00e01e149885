# marshal.dumps of constants and code objects; run by CPython 3.13 and pyvm, whose outputs must be identical.
import marshal

def show(label, v, *a, **k):
    try:
        print(label, marshal.dumps(v, *a, **k).hex())
    except Exception as e:
        print(label, type(e).__name__, e)

x = (1, 2)
show('var-tuple', [x, x])
show('temp-list', [(1, 2), 1000, 'abc d', 2.5, -7, 300])
y = [1000, 'abc d', 2.5]
show('var-list', y)
for v in [0, -5, 256, 257, -6, 2**31 - 1, -2**31, 2**31, -(2**31) - 1, 2**40, -2**100, 10**30]:
    show('int', v)
for v in [0.0, -0.0, 1.5, 1e300, float('inf'), 2j, 1 + 2j]:
    show('float', v)
    show('float-v1', v, 1)
for v in ['', 'a', 'ab', 'é', 'éé', '€uro', 'a' * 300, 'x y', '\ud800', 'snake_case', 'a.b']:
    show('str', v)
    show('str-v2', v, 2)
for v in [b'', b'x', b'xy', bytearray(b'ab'), memoryview(b'mv')]:
    show('bytes', v)
show('dict', {1: 2, 'k': [None, True, False, ..., StopIteration]})
show('sets', [set(), frozenset({'zz', 'b', 'a', 3, 1}), {1, 2, 3}, frozenset({-9, 'add', 'x y'})])
show('tuple-v2', (1, 2), 2)
show('big-tuple', tuple(range(300)))
show('version0', [1, 'a', (2,)], 0)
show('object', object())
class S(str):
    pass
show('subclass', S('x'))
l = []
for i in range(3000):
    l = [l]
show('deep', l)
code = compile('def f(a, b=1):\n    return a + b\nprint(f(2))\n', 'm.py', 'exec')
show('code', code)
show('code-disallowed', code, allow_code=False)
show('eval-code', compile('x + 1', '<e>', 'eval'))
