# Corpus: hash() of str (every kind), bytes and memoryview under PYTHONHASHSEED=0, and the set orders that follow.
# pyvm-env: PYTHONHASHSEED=0
# hash_seed_12345.py is the same program under another seed; keep the two bodies identical.
import sys

STRS = ["", "a", "abc", "abcdefg", "abcdefgh", "abcdefghi", "hello world", "caf\xe9", "\xff" * 9,
        "\u0101", "\u20ac uro", "\u4e2d\u6587\u5b57", "\U0001f600", "a\U0001f600b", "\U00010000" * 5,
        "long " * 100, "\u0100" * 1000, "x" * 4097, "\x00", "\x00\x00"]
for s in STRS:
    print(ascii(s[:12]), len(s), hash(s))

BYTES = [b"", b"a", b"abc", b"abcdefgh", bytes(range(256)), b"\xff" * 17, "caf\xe9".encode("latin-1")]
for b in BYTES:
    print(b[:12], len(b), hash(b), hash(memoryview(b)), hash(memoryview(b)[1:]) == hash(b[1:]))

# str and bytes with the same Latin-1 contents hash alike; wider kinds hash their code units as stored.
print(hash("caf\xe9") == hash(b"caf\xe9"), hash("\u0101") == hash(b"\x01\x01"), hash("\U0001f600") == hash(b"\x00\xf6\x01\x00"))
print(hash(memoryview(b"abc").cast("c")) == hash(b"abc"), hash(memoryview(b"abc").cast("b")) == hash(b"abc"))
try:
    hash(memoryview(bytearray(b"abc")))
except ValueError as e:
    print("ValueError:", e)

class S(str):
    pass

print(hash(S("abc")) == hash("abc"), hash(("abc", b"abc")), hash(frozenset(["a", "b", "c"])))

# Iteration orders that depend on str hashes.
words = "the quick brown fox jumps over the lazy dog and then some more words appear here".split()
print(list(set(words)))
print(list({"x" + str(i) for i in range(40)}))
print(list(frozenset("abcdefghijklmnopqrstuvwxyz")))
print(ascii(list({"\u4e2d", "\u6587", "\U0001f600", "caf\xe9", "plain", b"plain"})))
s = set()
for i in range(200):
    s.add("k%d" % i)
for i in range(0, 200, 3):
    s.discard("k%d" % i)
print(list(s)[:30])

hi = sys.hash_info
print(hi.algorithm, hi.hash_bits, hi.seed_bits, hi.cutoff, hi.width)
print(sys.flags.hash_randomization)
