# sys's struct sequences: version_info, flags, float_info, int_info, hash_info, thread_info (the fields whose
# values do not depend on the environment; the corpus runs under PYTHONHASHSEED=0).
import sys

vi = sys.version_info
print(vi, vi[:2], vi.major, vi.minor, vi.releaselevel, vi >= (3, 8), vi < (3, 14), len(vi), hash(vi) == hash(tuple(vi)))
print(type(vi).__name__, type(vi).__module__, type(vi).n_fields, type(vi).__match_args__, "__new__" in type(vi).__dict__)
fl = sys.flags
print(len(fl), type(fl).n_sequence_fields, type(fl).n_fields, fl.debug, fl.inspect, fl.interactive, fl.optimize,
      fl.isolated, fl.dev_mode, fl.quiet, fl.int_max_str_digits, fl[0], type(fl.dev_mode).__name__)
print(type(fl).__match_args__[:4], "__new__" in type(fl).__dict__)
fi = sys.float_info
print(fi)
print(fi.max, fi.epsilon, fi.dig, fi.mant_dig, fi[0] == fi.max, "__new__" in type(fi).__dict__)
print(sys.int_info, sys.int_info.bits_per_digit)
hi = sys.hash_info
print(hi.width, hi.modulus, hi.inf, hi.nan, hi.imag, hi.cutoff, len(hi))
print(hi)
print(hi.algorithm, hi.hash_bits, hi.seed_bits, fl.hash_randomization, fl.ignore_environment)
print(sys.thread_info.name, len(sys.thread_info))
for make in (lambda: type(fl)(), lambda: type(vi)((1, 2, 3, "final", 0)), lambda: type(fl).__new__(type(fl))):
    try:
        make()
    except TypeError as e:
        print("TypeError", e)
print(type(fi)(tuple(fi)) == fi, type(sys.int_info)((1, 2, 3, 4)))
try:
    fl.debug = 1
except AttributeError as e:
    print("AttributeError", e)
