# Corpus: the _struct module (struct.pack/unpack/pack_into/unpack_from/iter_unpack/calcsize, Struct, struct.error).
import struct


def t(label, f, *a, **k):
    try:
        r = f(*a, **k)
    except Exception as e:
        print(label, '->', type(e).__name__, e)
    else:
        print(label, '->', repr(r))


# Every format character, in each byte order.
values = {'b': -5, 'B': 250, 'h': -1234, 'H': 54321, 'i': -123456, 'I': 3000000000, 'l': -7, 'L': 7,
          'q': -2**62, 'Q': 2**63 + 5, 'e': 1.5, 'f': 3.25, 'd': -2.5e100, '?': True, 'c': b'z'}
for order in '@=<>!':
    for code, v in values.items():
        fmt = order + code
        packed = struct.pack(fmt, v)
        print(fmt, struct.calcsize(fmt), packed, struct.unpack(fmt, packed))
for code in 'nNP':
    print(code, struct.calcsize(code), struct.unpack(code, struct.pack(code, 12345)))
t('P -1', struct.pack, 'P', -1)

# Alignment, padding, repeat counts, strings.
for fmt in ['ci', '@ci', '=ci', 'c0i', 'cq', 'qc', 'bHiq', '<bHiq', '3x', 'x3h', '10s', '0s', '5p', '3i h',
            ' 3i ', '2c', '?xb', '4e']:
    print(repr(fmt), struct.calcsize(fmt))
print(struct.pack('@cq', b'a', 1), struct.pack('@qc', 1, b'a'))
print(struct.pack('5s', b'ab'), struct.pack('2s', b'abcdef'), struct.pack('0s', b'abc'))
print(struct.pack('3p', b'abcdef'), struct.pack('5p', b'ab'), struct.pack('300p', b'a' * 290)[:3])
print(struct.unpack('3p', b'\x05ab'), struct.unpack('5p', b'\x02abcd'), struct.unpack('<3sxh', b'abc\x00\x02\x00'))
print(struct.pack('5s', bytearray(b'xy')), struct.unpack('2c', b'ab'), struct.unpack('?', b'\x02'))
print(struct.pack('<3e', 1.0, 65504.0, 1e-8), struct.unpack('>e', b'\x3c\x00'))
print(struct.pack('>f', float('nan')), struct.pack('<d', float('-inf')), struct.pack('f', 1e40))
print(struct.unpack('<d', b'\0\0\0\0\0\0\xf8\x7f'), struct.unpack('P', b'\xff' * 8), struct.unpack('n', b'\xff' * 8))


class Idx:
    def __index__(self):
        return 7


print(struct.pack('i', True), struct.pack('i', Idx()), struct.pack('f', Idx()), struct.pack('d', 3))

# Range and type errors.
for fmt in 'bBhHiIlLqQnN':
    for v in (2**70, -2**70):
        t(fmt + ' ' + str(v)[:4], struct.pack, fmt, v)
for fmt in '<b <B <h <H <i <I <l <L <q <Q >Q'.split():
    t(fmt, struct.pack, fmt, 2**64)
t('P big', struct.pack, 'P', 2**64)
t('i str', struct.pack, 'i', 'x')
t('i float', struct.pack, 'i', 1.5)
t('i None', struct.pack, 'i', None)
t('f str', struct.pack, 'f', 'x')
t('<f big', struct.pack, '<f', 1e300)
t('e big', struct.pack, 'e', 1e300)
t('<e big', struct.pack, '<e', -65520.0)
t('c 2', struct.pack, 'c', b'ab')
t('c str', struct.pack, 'c', 'a')
t('c bytearray', struct.pack, 'c', bytearray(b'a'))
t('s str', struct.pack, 's', 'a')
t('p str', struct.pack, 'p', 'a')
t('? list', struct.pack, '?', [])

# Format errors.
for fmt in ['z', '3', '<n', '<P', 'i\0', '99999999999999999999i', 'é', 3, None]:
    t('calcsize ' + repr(fmt), struct.calcsize, fmt)
print(struct.calcsize('9999999999999999i'), struct.calcsize(''), struct.calcsize(b'ii'))

# Argument counts.
t('pack few', struct.pack, 'ii', 1)
t('pack many', struct.pack, 'i', 1, 2)
t('pack none', struct.pack)
t('pack kw', struct.pack, 'i', x=1)
t('pack_into none', struct.pack_into)
t('pack_into buf', struct.pack_into, 'i')
t('pack_into off', struct.pack_into, 'i', bytearray(4))
t('unpack 1', struct.unpack, 'i')
t('iter_unpack 1', struct.iter_unpack, 'i')
t('unpack_from missing', struct.unpack_from, 'i')
t('unpack_from many', struct.unpack_from, 'i', b'1234', 0, 1)

# Buffers and offsets.
t('unpack short', struct.unpack, 'i', b'abc')
t('unpack str', struct.unpack, 'i', 'abcd')
t('unpack memoryview', struct.unpack, '<i', memoryview(b'\x01\x00\x00\x00'))
t('unpack bytearray', struct.unpack, '<ihq', bytearray(14))
t('unpack strided', struct.unpack, 'i', memoryview(b'12345678')[::2])
t('unpack_from +', struct.unpack_from, 'i', b'abcdef', 4)
t('unpack_from -10', struct.unpack_from, 'i', b'abcdef', -10)
t('unpack_from -2', struct.unpack_from, 'i', b'abcdef', -2)
t('unpack_from -4', struct.unpack_from, '<i', b'\x01\x00\x00\x00\x02\x00\x00\x00', -4)
t('unpack_from kw', struct.unpack_from, '<h', buffer=b'\0\0\x05\x00', offset=2)
t('unpack_from str off', struct.unpack_from, 'i', b'1234', 'a')
buf = bytearray(10)
struct.pack_into('<hi', buf, 2, 1, -1)
print(buf)
struct.pack_into('<h', buf, -2, 0x4142)
print(buf)
t('pack_into 2', struct.pack_into, 'i', bytearray(5), 2, 1)
t('pack_into -10', struct.pack_into, 'i', bytearray(5), -10, 1)
t('pack_into -2', struct.pack_into, 'i', bytearray(5), -2, 1)
t('pack_into bytes', struct.pack_into, 'i', b'12345', 0, 1)
t('pack_into strided', struct.pack_into, 'i', memoryview(bytearray(8))[::2], 0, 1)
t('pack_into str off', struct.pack_into, 'i', bytearray(8), 'a', 1)
t('pack_into bad value', struct.pack_into, 'i', bytearray(8), 0, 'x')
mv = memoryview(bytearray(8))
struct.pack_into('>I', mv, 4, 0xdeadbeef)
print(bytes(mv))

# iter_unpack.
it = struct.iter_unpack('<h', b'\x01\x00\x02\x00\x03\x00')
print(type(it).__name__, it.__length_hint__(), next(it), it.__length_hint__(), list(it), it.__length_hint__())
t('iter_unpack odd', struct.iter_unpack, 'i', b'abcde')
t('iter_unpack empty fmt', struct.iter_unpack, '', b'abcde')
t('iter_unpack str', struct.iter_unpack, 'i', 'abcd')
print(list(struct.iter_unpack('<bb', bytearray(b'\x01\x02\x03\x04'))))

# The Struct type.
s = struct.Struct('<ih')
print(s, repr(s), s.format, s.size, s.pack(1, 2), s.unpack(b'\x01\x00\x00\x00\x02\x00'))
print(s.unpack_from(b'\x00' + s.pack(-1, -2), 1), s.unpack_from(buffer=s.pack(3, 4)))
print(list(s.iter_unpack(s.pack(1, 2) * 2)))
b = bytearray(8)
s.pack_into(b, 1, 5, 6)
print(b)
print(struct.Struct(b'>q').format, struct.Struct(format='=H').size)
s.__init__('>d')
print(s.format, s.size, s.pack(1.0))
t('Struct int', struct.Struct, 5)
t('Struct none', struct.Struct)
t('Struct 2', struct.Struct, 'i', 'h')
t('Struct bad', struct.Struct, "i'")
t('Struct.pack count', struct.Struct('i').pack, 1, 2)
t('Struct.pack_into small', struct.Struct('2s').pack_into, bytearray(1), 0, b'ab')


class MyStruct(struct.Struct):
    pass


m = MyStruct('hh')
print(repr(m), m.size, isinstance(m, struct.Struct), m.pack(1, 2))
print(struct.error.__name__, struct.error.__module__, struct.error.__mro__[1].__name__)
print(issubclass(struct.error, Exception), struct.Struct.__name__, struct.Struct.__module__)
import _struct
print(sorted(x for x in dir(_struct) if not x.startswith('__')))
_struct._clearcache()
print(struct.pack('<i', 42))
