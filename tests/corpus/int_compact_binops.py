# BINARY_OP's fast paths for compact ints (+ - * & | ^ // % and their in-place forms) at the edges of the one-digit range, and division by zero.
vals = [0, 1, -1, 2, -2, 3, -7, 7, 1000, -1000, 2**30 - 1, -(2**30 - 1), 2**30, -(2**30), 2**31, 12345678, -987654]
out = []
for x in vals:
    for y in vals:
        for name, f in (("+", lambda a, b: a + b), ("-", lambda a, b: a - b), ("*", lambda a, b: a * b),
                        ("&", lambda a, b: a & b), ("|", lambda a, b: a | b), ("^", lambda a, b: a ^ b),
                        ("//", lambda a, b: a // b), ("%", lambda a, b: a % b)):
            try:
                out.append(f(x, y))
            except ZeroDivisionError as e:
                out.append(str(e))
        z = x; z *= y; out.append(z)
        z = x
        try:
            z //= y
        except ZeroDivisionError as e:
            z = str(e)
        out.append(z)
        z = x
        try:
            z %= y
        except ZeroDivisionError as e:
            z = str(e)
        out.append(z)
print(len(out), out)
print(out[:40])
