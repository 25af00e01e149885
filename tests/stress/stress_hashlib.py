# Threads share hash objects of every built-in module (_md5, _sha1, _sha2, _sha3, _blake2): each updates them with
# identical chunks of varied sizes (some past 2048 bytes, CPython's threshold for unlocking) while others copy() and
# digest() them and feed a bytearray that is being grown by its owner. No update may be lost or torn, so each final
# digest equals that of the same data hashed serially.
import _blake2
import _md5
import _sha1
import _sha2
import _sha3
import threading

THREADS = 8
ROUNDS = 300
UNIT = b'swineflu'
SIZES = [1, 3, 64, 260, 2048, 5000]
CONS = [_md5.md5, _sha1.sha1, _sha2.sha224, _sha2.sha512, _sha3.sha3_256, _sha3.shake_128, _blake2.blake2b,
        _blake2.blake2s]

shared = [c() for c in CONS]
start = threading.Barrier(THREADS)
errors = []
units = [0] * THREADS


def digest(h):
    return h.digest(32) if h.name.startswith('shake') else h.digest()


def worker(t):
    try:
        grow = bytearray()
        start.wait()
        n = 0
        for i in range(ROUNDS):
            size = SIZES[(i + t) % len(SIZES)]
            chunk = UNIT * size
            for h in shared:
                h.update(chunk)
            n += size
            if i % 20 == t % 20:
                for h in shared:
                    c = h.copy()
                    c.update(b'x')
                    if len(digest(c)) != len(digest(h)):
                        errors.append('copy length')
            # A bytearray this thread keeps growing: hashing it concurrently with other threads' updates must see
            # a consistent buffer.
            grow += b'y'
            if i % 50 == 0:
                for h in shared:
                    h.copy().update(grow)
        units[t] = n
    except Exception as e:
        errors.append(repr(e))


ths = [threading.Thread(target=worker, args=(t,)) for t in range(THREADS)]
for th in ths:
    th.start()
for th in ths:
    th.join()
total = sum(units)
expect = UNIT * total
for h, cons in zip(shared, CONS):
    print(h.name, digest(h) == digest(cons(expect)))
print('units', total, 'errors', errors)
