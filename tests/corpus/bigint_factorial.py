# Corpus: 10000! computed and printed with the int/str digit limit lifted; the limit's own error message.
import sys
sys.set_int_max_str_digits(0)
f = 1
for i in range(2, 10001):
    f *= i
s = str(f)
print(len(s), s[:20], s[-5:])
try:
    sys.set_int_max_str_digits(5)
except ValueError as e:
    print(e)
