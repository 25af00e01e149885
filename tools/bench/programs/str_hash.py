# Benchmark: hash() of fresh str (1-, 2- and 4-byte kinds), bytes and memoryviews from 8 bytes to 64 KiB; the
# printed checksums are CPython's under PYTHONHASHSEED=0, which the harness sets.
def make(n, width, seed):
    unit = ("%07d" % seed) + ("\u0101" if width == 2 else "\U0001f600" if width == 4 else "x")
    return unit * (n // 8)

def run(rounds):
    total = 0
    for length, count in ((8, 4000), (64, 2000), (1024, 500), (65536, 8)):
        for width in (1, 2, 4):
            for r in range(rounds):
                strs = [make(length, width, r * 10007 + i) for i in range(count)]
                for s in strs:
                    total ^= hash(s)
        for r in range(rounds):
            blobs = [(b"%08d" % (r * 10007 + i)) * (length // 8) for i in range(count)]
            for b in blobs:
                total ^= hash(b)
            for b in blobs:
                total ^= hash(memoryview(b))
    return total

print(run(20))
