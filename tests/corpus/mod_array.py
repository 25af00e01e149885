# Corpus: the array module (array.array with every typecode but the deprecated 'u', buffers, slices, pickling).
import array as A
from array import array
import copy
import io
import pickle


def t(label, f, *a, **k):
    try:
        r = f(*a, **k)
    except Exception as e:
        print(label, '->', type(e).__name__, e)
    else:
        print(label, '->', repr(r))


print(A.typecodes, A.ArrayType is array, array.__module__, array.__name__)
samples = {'b': [-128, 0, 127], 'B': [0, 255], 'h': [-32768, 32767], 'H': [0, 65535], 'i': [-2**31, 2**31 - 1],
           'I': [0, 2**32 - 1], 'l': [-2**63, 2**63 - 1], 'L': [0, 2**64 - 1], 'q': [-2**63, 5], 'Q': [2**64 - 1],
           'f': [0.1, -2.5], 'd': [1e300, float('inf')], 'w': ['a', '\U0001F600']}
for tc, vals in samples.items():
    a = array(tc, vals)
    print(repr(a), a.typecode, a.itemsize, len(a), a.tolist(), a.tobytes().hex(), memoryview(a).format,
          a.__reduce_ex__(3)[1][2], a == array(tc, a.tobytes()))

# Construction and conversion errors.
t('bad typecode', array, 'z')
t('long typecode', array, 'zz')
t('int typecode', array, 5)
t('no args', array)
t('3 args', array, 'i', [1], [2])
t('keywords', array, typecode='i')
t('str init', array, 'i', 'abc')
t('float init', array, 'i', 1.5)
t('bytes init', array, 'i', b'\x01\x00\x00\x00')
t('bytes odd', array, 'i', b'\x01\x00\x00')
t('array init', array, 'i', array('b', [1, 2]))
t('unicode array init', array, 'i', array('w', 'ab'))
t('w from w', array, 'w', array('w', 'xy'))
t('range init', array, 'h', range(5))
t('gen init', array, 'd', (x / 2 for x in range(3)))
t('tuple init', array, 'b', (1, 2))
t('bytearray init', array, 'B', bytearray(b'AB'))
for tc, bad in [('b', 200), ('b', -129), ('b', 2**20), ('b', -2**20), ('b', 2**70), ('B', -1), ('B', 256),
                ('B', 2**70), ('h', 2**15), ('h', 2**70), ('H', -1), ('H', 65536), ('H', 2**40), ('i', 2**31),
                ('i', -2**31 - 1), ('i', 2**70), ('I', -1), ('I', 2**32), ('I', 2**70), ('l', 2**63),
                ('l', -2**70), ('L', -1), ('L', 2**64), ('q', 2**63), ('q', -2**70), ('Q', -1), ('Q', 2**64),
                ('i', 'x'), ('i', 1.0), ('I', 'x'), ('I', 1.0), ('Q', 1.5), ('h', None), ('f', 'x'), ('d', None),
                ('w', 1), ('w', 'ab'), ('w', b'a')]:
    t('%s %r' % (tc, bad), array, tc, [bad])

# Indexing and slicing.
a = array('i', [1, 2, 3, 4, 5])
print(a[1], a[-1], a[1:3], a[::2], a[::-1], a[10:], a[-100:2])
t('index out', a.__getitem__, 10)
t('index str', a.__getitem__, 'x')
t('index float', a.__getitem__, 1.5)
a[0] = 10
a[1:3] = array('i', [7, 8, 9])
print(a)
t('set bad value', a.__setitem__, 0, 'x')
t('set list slice', a.__setitem__, slice(0, 2), [1, 2])
t('set other kind', a.__setitem__, slice(0, 2), array('b', [1]))
t('set int slice', a.__setitem__, slice(0, 1), 5)
t('set out', a.__setitem__, 50, 1)
t('set float index', a.__setitem__, 1.5, 1)
a[::2] = array('i', [0, 0, 0])
print(a)
t('extended size', a.__setitem__, slice(None, None, 2), array('i', [1]))
del a[0]
print(a)
del a[::2]
print(a)
x = array('i', [1, 2, 3, 4, 5, 6])
del x[1:5:2]
print(x)
del x[::-1]
print(x)
y = array('i', range(10))
y[2:8:3] = array('i', [0, 0])
print(y)
y[8:2] = array('i', [9, 9])
print(y)
z = array('i', range(5))
z[::-1] = z
print(z)
s = array('i', [1, 2, 3])
s[1:] = s
print(s)
s[:0] = s
print(s)

# Methods.
a = array('i', [0, 0])
a.append(5)
a.extend([6, 7])
a.extend(array('i', [8]))
a.insert(0, -1)
a.insert(100, 100)
a.insert(-100, -100)
print(a, a.pop(), a.pop(0), a.index(5), a.count(0), a.count(99))
print(a.index(0, 2), array('b', [1, 2, 3]).index(3, 1), array('b', [1, 2, 3]).index(1, -3, 2))
t('index missing', a.index, 99)
t('index range', array('b', [1, 2, 3]).index, 1, 1)
t('remove missing', a.remove, 99)
a.remove(0)
print(a)
t('pop empty', array('i').pop)
t('pop range', a.pop, 99)
t('extend other kind', a.extend, array('b', [1]))
t('extend int', a.extend, 5)
t('insert str', a.insert, 'x', 1)
a.reverse()
print(a)
b = array('h', [1, 256])
b.byteswap()
print(b)
q = array('q', [1, -2])
q.byteswap()
print(q)
w = array('w')
w.fromunicode('xyz')
print(w, w.tounicode(), w.tolist())
t('tounicode int', array('i').tounicode)
t('fromunicode int array', array('i').fromunicode, 'x')
t('fromunicode bytes', array('w').fromunicode, b'x')
d = array('i')
d.frombytes(b'\x01\x00\x00\x00\x02\x00\x00\x00')
print(d)
t('frombytes odd', d.frombytes, b'\x01')
t('frombytes str', d.frombytes, 'ab')
d.fromlist([3, 4])
print(d)
t('fromlist tuple', d.fromlist, (1,))
t('fromlist bad item', d.fromlist, [1, 'x'])
print(d)
d.clear()
print(d, len(d))
bi = array('i', [1]).buffer_info()
print(type(bi[0]).__name__, bi[1])
print(array('f', [3.5]).tobytes(), array('d', [3]).tolist(), array('b', [-1]).tobytes())

# Files.
f = io.BytesIO()
array('i', [1, 2]).tofile(f)
print(f.getvalue())
f.seek(0)
e = array('i')
e.fromfile(f, 2)
print(e)
f.seek(0)
t('fromfile short', e.fromfile, f, 3)
print(e)
t('fromfile negative', e.fromfile, f, -1)
t('tofile int', array('i', [1]).tofile, 5)
print(array('i').tofile(5))

# Operators.
print(array('i', [1, 2]) + array('i', [3]), array('i', [1, 2]) * 2, 2 * array('b', [1]), array('i', [1]) * -1)
t('add kind', lambda: array('i') + array('b'))
t('add list', lambda: array('i') + [1])
t('mul str', lambda: array('i', [1]) * 'x')
t('iadd list', array('i').__iadd__, [1])
t('iadd kind', array('i').__iadd__, array('b'))
x = array('i', [1])
x += array('i', [2])
x *= 3
print(x)
x *= 0
print(x)
r = array('i', [1, 2])
r.extend(r)
r += r
print(r)
print(array('i', [1, 2]) == array('i', [1, 2]), array('i', [1, 2]) < array('i', [1, 3]),
      array('i', [1]) == array('d', [1.0]), array('i', [1]) == [1], array('i', [3, 1]) != array('i', [3, 1]))
print(array('b', [1, 2]) < array('h', [1, 2, 3]), array('B', [3]) > array('d', [2.5]), array('i') >= array('i'),
      array('i') == array('b'), array('i', [1, 2]) <= array('i', [1]), array('w', 'ab') < array('w', 'b'))
t('lt list', lambda: array('i', [1]) < [1])
print(list(iter(array('i', [1, 2]))), 2 in array('i', [1, 2]), 3 in array('i', [1, 2]), 'x' in array('b', [1]))
t('hash', hash, array('i'))

# Buffers.
m = memoryview(array('i', [1, 2]))
print(m.tolist(), m.format, m.itemsize, m.nbytes, bytes(m), m.readonly)
a = array('B', [1, 2, 3])
m = memoryview(a)
m[0] = 9
print(a)
t('append while exported', a.append, 1)
t('extend while exported', a.extend, [1])
t('del while exported', a.__delitem__, 0)
t('pop while exported', a.pop)
a[1] = 7
print(a)
m.release()
a.append(4)
print(a, bytes(array('h', [1, 2])), bytearray(array('B', [65])))
print(bytes(memoryview(array('d', [1.5]))[:]), len(memoryview(array('w', 'ab')).tobytes()))

# Pickling and copying.
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    for arr in [array('i', [1, 2, 3]), array('d', [1.5]), array('w', 'hi'), array('B')]:
        back = pickle.loads(pickle.dumps(arr, proto))
        print(proto, back, back == arr, type(back) is array)
print(array('i', [1, 2]).__reduce_ex__(2), array('i', [5]).__reduce_ex__(4)[0].__name__)
t('reduce_ex str', array('i').__reduce_ex__, 'x')
print(A._array_reconstructor(array, 'i', 4, b'\x01\x00\x00\x00\x02\x00\x00\x00'))
print(A._array_reconstructor(array, 'd', 15, b'?\x80\x00\x00'))
print(A._array_reconstructor(array, 'i', 13, b'\x00' * 7 + b'\x05'))
print(A._array_reconstructor(array, 'b', 1, b'\x05'), A._array_reconstructor(array, 'f', 8, b'\x05\0\0\0'))
print(A._array_reconstructor(array, 'w', 19, b'\x00a\xd8=\xde\x00\x00b'))
t('recon mformat', A._array_reconstructor, array, 'i', 99, b'')
t('recon typecode', A._array_reconstructor, array, 'x', 4, b'')
t('recon type', A._array_reconstructor, list, 'i', 4, b'')
t('recon int type', A._array_reconstructor, 5, 'f', 8, b'')
t('recon items', A._array_reconstructor, array, 'i', 4, 'x')
t('recon size', A._array_reconstructor, array, 'b', 8, b'\x05')
print(copy.copy(array('i', [1, 2, 3])), copy.deepcopy(array('i', [5])), array('i', [7]).__copy__())
it = iter(array('i', [1, 2, 3]))
next(it)
print(it.__reduce__()[0].__name__, it.__reduce__()[1:])
it.__setstate__(2)
print(list(it), it.__reduce__()[1])
print(type(iter(array('i'))).__name__, type(iter(array('i'))).__module__)


class Sub(array):
    pass


s = Sub('i', [1, 2])
s.attr = 5
print(s, type(s[0:1]).__name__, type(s + s).__name__, type(copy.copy(s)).__name__)
print(s.__reduce_ex__(4)[1][0].__name__, s.__reduce_ex__(4)[2], s.__reduce_ex__(2)[1:])
s2 = pickle.loads(pickle.dumps(s))
print(type(s2).__name__, s2, s2.attr)
print(array[int], sorted(x for x in dir(array) if not x.startswith('__')))
print(array('i', range(3)).__sizeof__() > 0, repr(array('w', "it's \"q\"")), str(array('d')))
