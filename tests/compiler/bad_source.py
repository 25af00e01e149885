# Bad source never crashes the compiler and fails as CPython 3.13 does: each case runs in a child process (this
# file with --case NAME, or a generated file run directly) and the report shows the exception type and message,
# the SyntaxError position and the child's exit status, compared with CPython's report in bad_source.out.
# Usage: bad_source.py             (all cases; the report on stdout)
#        bad_source.py --case NAME (one compile/exec/eval case, in the child)
import os
import subprocess
import sys
import tempfile

DEPTHS = (100, 200, 1000, 100000)


def nested_blocks(header, n, tail=""):
    # n blocks each indented one space deeper than the last; `tail` closes each (e.g. the finally of a try).
    lines = [" " * i + header for i in range(n)] + [" " * n + "pass"]
    if tail:
        lines += [" " * i + tail for i in reversed(range(n))]
    return "\n".join(lines) + "\n"


# name -> (how, source builder). how: "exec"/"eval"/"single" = compile(src, "<case>", how); "run-exec" = exec(src);
# "run-eval" = eval(src); "ast" = ast.parse(src).
CASES = {}


def case(name, how, build):
    CASES[name] = (how, build)


for n in DEPTHS:
    case(f"paren_{n}", "exec", lambda n=n: "(" * n + ")" * n)
    case(f"bracket_{n}", "exec", lambda n=n: "[" * n + "]" * n)
    case(f"brace_{n}", "exec", lambda n=n: "{" * n + "}" * n)
    case(f"paren_eval_{n}", "run-eval", lambda n=n: "(" * n + "1" + ")" * n)
    case(f"list_eval_{n}", "run-eval", lambda n=n: "[" * n + "]" * n)
    case(f"call_{n}", "exec", lambda n=n: "f(" * n + ")" * n)
    if n <= 1000:  # 100000 indented blocks would be 5 GB of source (the indentation limit is 100 anyway)
        case(f"if_{n}", "exec", lambda n=n: nested_blocks("if 1:", n))
        case(f"for_{n}", "exec", lambda n=n: nested_blocks("for x in y:", n))
        case(f"def_{n}", "exec", lambda n=n: nested_blocks("def f():", n))
    case(f"neg_{n}", "exec", lambda n=n: "-" * n + "1")
    case(f"neg_eval_{n}", "run-eval", lambda n=n: "-" * n + "1")
    case(f"not_{n}", "exec", lambda n=n: "not " * n + "1")
    case(f"attr_{n}", "exec", lambda n=n: "a" + ".b" * n)
    case(f"subscript_{n}", "exec", lambda n=n: "a" + "[0]" * n)
    case(f"callchain_{n}", "eval", lambda n=n: "a" + "()" * n)
    case(f"lambda_{n}", "exec", lambda n=n: "lambda: " * n + "1")
    case(f"fstring_{n}", "exec", lambda n=n: "f'{" * n + "1" + "}'" * n)
    case(f"plus_{n}", "exec", lambda n=n: "+".join(["a"] * n))
    case(f"plus_const_{n}", "run-exec", lambda n=n: "x = " + "+".join(["1"] * n))
    case(f"str_concat_{n}", "eval", lambda n=n: "+".join(["'a'"] * n))
    case(f"mul_eval_{n}", "run-eval", lambda n=n: "*".join(["1"] * n))
    case(f"pow_{n}", "exec", lambda n=n: "**".join(["a"] * n))
    case(f"ternary_{n}", "exec", lambda n=n: "a if b else " * n + "c")
    case(f"compare_{n}", "exec", lambda n=n: "a" + " < a" * n)
    case(f"and_{n}", "exec", lambda n=n: "a" + " and a" * n)
    case(f"ast_attr_{n}", "ast", lambda n=n: "a" + ".b" * n)
    case(f"ast_neg_{n}", "ast", lambda n=n: "-" * n + "1")

# The limits themselves, on both sides.
for n in (199, 200, 201):
    case(f"paren_limit_{n}", "exec", lambda n=n: "(" * n + ")" * n)
for n in (20, 21, 22):
    case(f"for_blocks_{n}", "exec", lambda n=n: nested_blocks("for x in y:", n))
    case(f"while_blocks_{n}", "exec", lambda n=n: nested_blocks("while x:", n))
    case(f"with_blocks_{n}", "exec", lambda n=n: nested_blocks("with x:", n))
    case(f"try_blocks_{n}", "exec", lambda n=n: nested_blocks("try:", n, "finally: pass"))
for n in (99, 100):
    case(f"if_limit_{n}", "exec", lambda n=n: nested_blocks("if 1:", n))
for n in (150, 151):
    case(f"fstring_limit_{n}", "exec", lambda n=n: "f'{" * n + "1" + "}'" * n)
for n in (5974, 5975, 5976):
    case(f"neg_limit_{n}", "eval", lambda n=n: "-" * n + "1")
for n in (2987, 2988, 2989):
    case(f"lambda_limit_{n}", "eval", lambda n=n: "lambda: " * n + "1")
    case(f"pow_limit_{n}", "eval", lambda n=n: "**".join(["a"] * n))
for n in (9997, 9998, 9999):
    case(f"mul_limit_{n}", "exec", lambda n=n: "x = " + "*".join(["a"] * n))
    case(f"mul_limit_eval_{n}", "eval", lambda n=n: "*".join(["a"] * n))
    case(f"attr_limit_{n}", "eval", lambda n=n: "a" + ".b" * n)
for n in (9995, 9996, 9997):
    case(f"mul_limit_def_{n}", "exec", lambda n=n: "def f():\n if 1:\n  return " + "*".join(["a"] * n))

# Invalid UTF-8 and coding cookies (bytes, so the cookie is honoured).
BAD_UTF8 = {
    "start_byte": b"\xff = 1\n",
    "in_string": b"x = '\xff'\n",
    "truncated_line2": b"x = 1\ny = '\xc3'\n",
    "in_comment": b"x = 1 # \xe9\n",
    "in_identifier": b"x = 1\n\n\nz\xe9z = 2\n",
    "truncated_eof": b"x = '\xc3",
    "overlong": b"x = '\xc0\xaf'\n",
    "surrogate": b"x = '\xed\xa0\x80'\n",
    "cookie_latin1": b"# -*- coding: latin-1 -*-\nx = '\xff'\nprint(len(x))\n",
    "cookie_utf8": b"# -*- coding: utf-8 -*-\nx = '\xff'\n",
    "cookie_unknown": b"# -*- coding: foobar -*-\nx = 1\n",
    "bom_cookie_latin1": b"\xef\xbb\xbf# coding: latin-1\nx = 1\n",
    "bom_bad": b"\xef\xbb\xbfx = '\xff'\n",
    "cookie_ascii_line2": b"#!/usr/bin/python\n# vim: set fileencoding=ascii :\nx = '\xc3\xa9'\n",
    "cookie_line3": b"\n\n# coding: latin-1\nx = '\xff'\n",
    "truncated_4byte": b"x = 1\n" * 5 + b"\xf0\x9f\x98",
    "in_fstring": b"f'{\xff}'\n",
    "lone_continuation": b"# coding: utf-8\n\x80\n",
    "docstring": b'"""doc\n\xfe\n"""\n',
    "valid_then_bad": b"x = '\xc3\xa9'\ny = '\xc3\x28'\n",
}
for k, src in BAD_UTF8.items():
    case(f"utf8_{k}", "exec", lambda src=src: src)
case("utf8_eval", "run-eval", lambda: b"'\xff'")
case("utf8_exec", "run-exec", lambda: b"x = 1\n'\xfe'\n")
case("utf8_str_surrogate", "exec", lambda: "x = '\ud800'\n")

# NUL bytes.
case("nul_str", "exec", lambda: "a\0b")
case("nul_bytes", "exec", lambda: b"a\0b")
case("nul_comment", "exec", lambda: "x = 1\n# \0\n")
case("nul_in_string", "exec", lambda: b"'\0'")
case("nul_eval_str", "run-eval", lambda: "a\0")
case("nul_eval_bytes", "run-eval", lambda: b"a\0")
case("nul_exec_str", "run-exec", lambda: "x = 1\0")
case("nul_exec_bytes", "run-exec", lambda: b"x = 1\n\0")
case("nul_ast", "ast", lambda: "x\0")

# Huge literals.
case("int_100000_digits", "exec", lambda: "x = " + "1" * 100000)
case("int_4300_digits", "run-exec", lambda: "x = " + "1" * 4300 + "\nprint(x % 1000)")
case("int_4301_digits", "exec", lambda: "x = " + "1" * 4301)
case("int_underscores", "exec", lambda: "x = " + "1_" * 5000 + "1")
case("int_no_limit", "run-exec",
     lambda: "import sys\nsys.set_int_max_str_digits(0)\nprint(len(str(eval('1' * 100000))))")
case("int_hex_100000", "run-exec", lambda: "x = 0x" + "f" * 100000 + "\nprint(x.bit_length())")
case("int_bin_100000", "run-exec", lambda: "x = 0b" + "1" * 100000 + "\nprint(x.bit_length())")
case("float_100000_digits", "run-eval", lambda: "1" * 100000 + ".0")
case("float_tiny", "run-eval", lambda: "0." + "0" * 100000 + "1")
case("float_exp", "run-eval", lambda: "1e999999")
case("complex_exp", "run-eval", lambda: "1e999999j")
case("str_10mb", "run-exec", lambda: "x = '" + "a" * 10_000_000 + "'\nprint(len(x))")
case("str_10mb_triple", "run-exec", lambda: "x = '''" + "ab\n" * 3_000_000 + "'''\nprint(len(x))")
case("str_escapes", "run-exec", lambda: "x = '" + "\\x41\\n" * 500_000 + "'\nprint(len(x))")
case("bytes_10mb", "run-exec", lambda: "x = b'" + "z" * 10_000_000 + "'\nprint(len(x))")
case("bytes_nonascii", "exec", lambda: "x = b'" + "z" * 100000 + "\xe9'")
case("fstring_1mb", "run-exec", lambda: "a = 1\nx = f'" + "{a}b" * 250_000 + "'\nprint(len(x))")
case("list_100000", "run-exec", lambda: "x = [" + "1," * 100000 + "]\nprint(len(x))")
case("line_1mb", "run-exec", lambda: "x = 1" + " + 1" * 10 + " " * 1_000_000 + "\nprint(x)")

# Files run as a program: the stderr CPython prints (source lines included) and the exit status.
FILES = {
    "bad_utf8": b"x = 1\nprint('\xff')\n",
    "bad_utf8_line1": b"\xff\n",
    "bad_utf8_comment": b"x = 1 # \xe9\nprint(x)\n",
    "bad_cookie": b"# coding: foobar\nprint(1)\n",
    "cookie_latin1": b"# coding: latin-1\nprint(len('\xff\xfe'))\n",
    "cookie_utf8_bad": b"# coding: utf-8\nprint('\xff')\n",
    "bom_latin1": b"\xef\xbb\xbf# coding: latin-1\nprint(1)\n",
    "truncated_eof": b"print(1)\nx = '\xe2\x82",
    "nul_code": b"x = 1\nprint(x)\0\n",
    "nul_comment": b"# \0\nprint(1)\n",
    "nul_string": b"print('a\0b')\n",
    "parens_1000": b"(" * 1000 + b")" * 1000 + b"\n",
    "neg_100000": b"-" * 100000 + b"1\n",
    "attr_100000": b"a" + b".b" * 100000 + b"\n",
    "plus_100000": b"+".join([b"a"] * 100000) + b"\n",
    "if_200": nested_blocks("if 1:", 200).encode(),
    "for_25": nested_blocks("for x in y:", 25).encode(),
    "fstring_200": b"f'{" * 200 + b"1" + b"}'" * 200 + b"\n",
    # Not "x = 1111...1" (100000 digits): CPython's SyntaxError.text for the digit limit is an odd fragment of the
    # line ('111111111\n' for 5000 digits), which pyvm does not imitate (it shows the whole line).
    "str_10mb": b"x = '" + b"a" * 10_000_000 + b"'\nprint(len(x))\n",
}


def run_case(name):
    import ast
    how, build = CASES[name]
    src = build()
    try:
        if how == "run-exec":
            exec(src, {})
            r = None
        elif how == "run-eval":
            r = eval(src, {})
        elif how == "ast":
            ast.parse(src)
            r = None
        else:
            compile(src, "<case>", how)
            r = None
        print("ok", repr(r)[:60])
    except BaseException as e:
        where = ""
        if isinstance(e, SyntaxError):
            where = f" [line {e.lineno}, offset {e.offset}, end {e.end_lineno}, {e.end_offset}]"
        print(f"{type(e).__name__}: {str(e)[:300]}{where}")


def clip(text):
    # Long lines (the source line shown under a SyntaxError) are cut, so that the report stays readable.
    return "\n".join(line if len(line) <= 160 else line[:160] + f"...({len(line)} chars)"
                     for line in text.splitlines())


def child(argv, cwd=None):
    try:
        p = subprocess.run(argv, cwd=cwd, capture_output=True, timeout=300)
    except subprocess.TimeoutExpired:
        return "TIMEOUT", "", ""
    return p.returncode, p.stdout.decode("utf-8", "backslashreplace"), p.stderr.decode("utf-8", "backslashreplace")


def main():
    me = os.path.abspath(__file__)
    for name in CASES:
        rc, out, err = child([sys.executable, me, "--case", name])
        print(f"{name}: {clip(out).strip()}  (exit {rc})")
        if rc != 0:
            print(clip(err))
    with tempfile.TemporaryDirectory() as d:
        for name, data in FILES.items():
            path = os.path.join(d, name + ".py")
            with open(path, "wb") as f:
                f.write(data)
            rc, out, err = child([sys.executable, name + ".py"], cwd=d)
            print(f"file {name}.py: exit {rc}")
            if out:
                print("stdout: " + clip(out))
            print(clip(err.replace(d, "TMPDIR")))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--case":
        run_case(sys.argv[2])
    else:
        main()
