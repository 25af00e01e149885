# Threads share one array.array, one struct.Struct (re-initialised while in use) and one zlib Compress object
# (compressed under a lock so the stream's order is known, and copied by other threads without it).
import _thread
import struct
import zlib
from array import array

THREADS = 8
ROUNDS = 3000
arr = array('i')
st = struct.Struct('<i')
comp = zlib.compressobj()
pieces = []
errors = []
done = []
lock = _thread.allocate_lock()


def worker(t):
    try:
        for i in range(ROUNDS):
            arr.append(t)
            if i % 3 == 0:
                arr.extend(array('i', [t, t]))
            if i % 5 == 0 and len(arr) > 10:
                try:
                    arr.pop()
                except IndexError:
                    pass
            if i % 97 == 0:
                snapshot = arr[:]
                assert all(0 <= x < THREADS for x in snapshot)
                for x in arr:
                    assert 0 <= x < THREADS
                arr.tobytes()
                c2 = comp.copy()
                c2.compress(b'abc')
                c2.flush()
            # Another thread may swap the format between '<i' and '<I' at any time: both pack small ints the same.
            if i % 50 == 0:
                st.__init__('<I' if i % 100 else '<i')
            data = st.pack(i)
            assert len(data) == 4 and st.unpack(data) == (i,)
            with lock:
                pieces.append(comp.compress(struct.pack('<HH', t, i % 65536)))
    except Exception as e:
        with lock:
            errors.append(repr(e))
    with lock:
        done.append(t)


for t in range(THREADS):
    _thread.start_new_thread(worker, (t,))
while True:
    with lock:
        if len(done) == THREADS:
            break
import time
time.sleep(0.01)
total = zlib.decompress(b''.join(pieces) + comp.flush())
print('errors', errors)
print('array items valid', all(0 <= x < THREADS for x in arr), len(arr) > 0)
print('compressed input length', len(total) == THREADS * ROUNDS * 4)
print('struct', st.size)
