# tokenize (on the _tokenize module): token tuples for generate_tokens and tokenize, extra tokens (COMMENT, NL,
# ENCODING), f-strings, INDENT/DEDENT/ENDMARKER positions, the line field, and the errors of bad input.
import io
import tokenize
import _tokenize

CASES = [
    "x", "x\n", "if x:\n  y\n", "if x:\n  y", "# c", "# c\n", "a = 1  # c\n\n\n", "a $ b ? c\n",
    "\u20ac = 1\n", "0777\n", "1if x else 2\n", ")\n", "(]\n", "x = (1,\n  2)\n", "s = '''a\nb''' + 'c'\n",
    "f'a{b!r:>{w}}c' f\"\"\"x\n{y=}\"\"\"\n", "f'{{x}}' rf'\\{a}' f'{x:{y}.{z}f}' f'{\"a\" if b else c!s:>5}'\n",
    "x = 1 + \\\n  2\n", "def f():\n\tpass\n", "x\r\ny\r\n", "  \n\nx\n",
    "\u00e9t\u00e9 = '\u00e9' # \u00e9\nx = '\u00e9\u00e9'; y = \u00e9\n",
    "class A:\n    def f(self):\n        return 1\n\n# end\n", "x = 1\n    \n", "b'\\xff' rb'x' u'y'\n",
    "\x0c\nx\n", "x;y\n", "a<>b != c ->d := e ** f //= g @= h ... ~i\n", "0x_1f 1_000.5e-3j .5 5. 0o17 0b1\n",
    "async def f():\n    await x\n", "if 1:\n    if 2:\n        x\n# trailing\n", "'''\ndoc\n'''\n",
    "x = [\n    1,  # one\n    2,\n]\n", "@dec\nclass C: pass\n",
]
ERRORS = [
    "if 1:\n    x\n  y\n", "'abc\n", "'''abc\n", "(\n", "x = \\\n", "1_\n", "0x\n", "if 1:\n\tx\n        y\n",
    "a\\b\n", "f'{'\n", "f'}'\n", "x = 1\n\x00y\n", "f'abc\n", "x = (\n  1,\n",
]


def show_tokens(tokens):
    try:
        for t in tokens:
            print("   ", tokenize.tok_name[t.type], tokenize.tok_name[t.exact_type], repr(t.string), t.start, t.end,
                  repr(t.line))
    except tokenize.TokenError as e:
        print("    TokenError", e.args)
    except SyntaxError as e:
        print("   ", type(e).__name__, e.args)


for src in CASES + ERRORS:
    print("==", repr(src))
    show_tokens(tokenize.generate_tokens(io.StringIO(src).readline))
    print("  bytes:")
    show_tokens(tokenize.tokenize(io.BytesIO(src.encode()).readline))

print("== coding cookie")
show_tokens(tokenize.tokenize(io.BytesIO(b"# -*- coding: latin-1 -*-\nx = '\xe9'\n").readline))
print("== BOM")
show_tokens(tokenize.tokenize(io.BytesIO(b"\xef\xbb\xbfx = 1\n").readline))

print("== untokenize round trip")
src = "def f(a, b=2):\n    return {'k': [a, b]}  # note\n"
toks = list(tokenize.generate_tokens(io.StringIO(src).readline))
print(tokenize.untokenize(toks) == src)

print("== _tokenize directly")
print(_tokenize.TokenizerIter.__name__, _tokenize.TokenizerIter.__module__)
print(list(_tokenize.TokenizerIter(io.StringIO("x = 1\n").readline, extra_tokens=False)))
print(list(_tokenize.TokenizerIter(io.StringIO("if x:\n  y\n").readline, extra_tokens=False)))
for make in (lambda: _tokenize.TokenizerIter(iter([b"x"]).__next__, extra_tokens=True),
             lambda: _tokenize.TokenizerIter(iter(["x"]).__next__, extra_tokens=True, encoding="utf-8")):
    try:
        print(list(make()))
    except TypeError as e:
        print("TypeError", e)


def failing_readline():
    yield "x = 1\n"
    yield "y = 2\n"
    raise KeyError("boom")


it = _tokenize.TokenizerIter(failing_readline().__next__, extra_tokens=True)
try:
    for t in it:
        print(t)
except KeyError as e:
    print("KeyError", e)
