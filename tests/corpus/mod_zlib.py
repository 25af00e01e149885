# Corpus: the zlib module (one-shot and streaming compression, _ZlibDecompressor, checksums, errors) and gzip/zipfile.
import zlib


def t(label, f, *a, **k):
    try:
        r = f(*a, **k)
    except Exception as e:
        print(label, '->', type(e).__name__, e)
    else:
        print(label, '->', repr(r))


text = b'The quick brown fox jumps over the lazy dog. ' * 50
noise = bytes((i * 7919 + (i >> 3)) & 0xff for i in range(5000))
for data in [b'', b'a', b'hello world' * 3, text, noise]:
    for level in (-1, 0, 1, 9):
        c = zlib.compress(data, level)
        print(len(data), level, len(c), c[:6], zlib.decompress(c) == data)
print(zlib.compress(b'hello world', wbits=-15), zlib.compress(b'hello world', wbits=31))
print(zlib.decompress(zlib.compress(text, wbits=31), wbits=31) == text)
print(zlib.decompress(zlib.compress(text, wbits=-9), -9) == text)
print(zlib.decompress(zlib.compress(text, wbits=31), wbits=47) == text)
print(zlib.decompress(zlib.compress(text), bufsize=1) == text, zlib.decompress(zlib.compress(b'x'), bufsize=0))
print(zlib.decompress(bytearray(zlib.compress(b'abc'))), zlib.decompress(memoryview(zlib.compress(b'abc'))))
t('trailing', zlib.decompress, zlib.compress(b'hello') + b'extra')
t('garbage', zlib.decompress, b'garbage')
t('truncated', zlib.decompress, zlib.compress(b'hello')[:-3])
t('empty', zlib.decompress, b'')
t('bad wbits', zlib.decompress, zlib.compress(b'hello'), 99)
t('bad level', zlib.compress, b'x', 99)
t('bad wbits c', zlib.compress, b'x', 5, 99)
t('str', zlib.compress, 'x')
t('bufsize -1', zlib.decompress, zlib.compress(b'x'), bufsize=-1)
t('level kw', zlib.compress, b'abc', level=1)

# Checksums.
for f in (zlib.crc32, zlib.adler32):
    print(f(b''), f(b'hello'), f(b' world', f(b'hello')), f(b'hello', -1), f(b'hello', 2**40), f(noise))
t('crc32 str', zlib.crc32, 'x')
t('adler32 kw', zlib.adler32, b'x', value=1)

# Compress objects.
co = zlib.compressobj(9, zlib.DEFLATED, -12, 9, zlib.Z_FILTERED)
parts = [co.compress(text[:100]), co.compress(text[100:])]
parts.append(co.flush(zlib.Z_SYNC_FLUSH))
parts.append(co.compress(noise))
parts.append(co.flush())
stream = b''.join(parts)
print(len(parts[2]) > 0, parts[2][-4:], zlib.decompress(stream, -12) == text + noise)
t('compress after flush', co.compress, b'a')
t('flush after flush', co.flush)
t('copy after flush', co.copy)
co = zlib.compressobj()
head = co.compress(text)
co2 = co.copy()
tail1 = co.flush()
tail2 = co2.compress(b'more') + co2.flush()
print(zlib.decompress(head + tail1) == text, zlib.decompress(head + tail2) == text + b'more')
print(co.flush(zlib.Z_NO_FLUSH) if False else zlib.compressobj().flush(zlib.Z_NO_FLUSH))
for mode in (zlib.Z_NO_FLUSH, zlib.Z_PARTIAL_FLUSH, zlib.Z_SYNC_FLUSH, zlib.Z_FULL_FLUSH, zlib.Z_BLOCK):
    c = zlib.compressobj()
    print(mode, c.compress(b'abc'), c.flush(mode), c.flush())
t('compressobj bad', zlib.compressobj, 99)
t('compressobj method', zlib.compressobj, 1, 9)
t('compressobj zdict str', zlib.compressobj, zdict='x')
t('compressobj zdict None', zlib.compressobj, zdict=None)
import copy
c = zlib.compressobj()
h = c.compress(b'xyz')
print(zlib.decompress(h + copy.copy(c).flush()), zlib.decompress(h + copy.deepcopy(c).flush()))

# Dictionaries.
zc = zlib.compressobj(zdict=b'hello')
zdata = zc.compress(b'hello hello') + zc.flush()
t('needs dict', zlib.decompress, zdata)
d = zlib.decompressobj(zdict=b'hello')
print(d.decompress(zdata), d.eof)
t('wrong dict', zlib.decompressobj(zdict=b'nope').decompress, zdata)
t('no dict', zlib.decompressobj().decompress, zdata)
t('decompressobj zdict str', zlib.decompressobj, zdict='x')
t('decompressobj bad', zlib.decompressobj, 99)
rc = zlib.compressobj(wbits=-15, zdict=b'abcdef')
raw = rc.compress(b'abcdefabcdef') + rc.flush()
print(zlib.decompressobj(wbits=-15, zdict=b'abcdef').decompress(raw))

# Decompress objects: max_length, unconsumed_tail, unused_data, flush, copy.
comp = zlib.compress(text)
d = zlib.decompressobj()
out = []
chunk = d.decompress(comp, 100)
while chunk:
    out.append(chunk)
    chunk = d.decompress(d.unconsumed_tail, 100)
print(len(out), [len(x) for x in out[:3]], b''.join(out) == text, d.eof, d.unconsumed_tail, d.unused_data)
d = zlib.decompressobj()
print(len(d.decompress(comp + b'TRAILER')), d.unused_data, d.eof, d.unconsumed_tail)
print(d.decompress(b'more'), d.unused_data)
d = zlib.decompressobj()
part = d.decompress(comp[:50])
d2 = d.copy()
rest = d.decompress(comp[50:])
print(part + rest == text, part + d2.decompress(comp[50:]) + d2.flush() == text)
d = zlib.decompressobj()
x = d.decompress(comp, 10)
print(len(x), len(d.unconsumed_tail) > 0, len(x + d.flush()) == len(text), d.eof, d.unconsumed_tail)
t('copy after end', d.copy)
t('decompress after flush', d.decompress, b'x')
d = zlib.decompressobj()
t('max_length -1', d.decompress, b'x', -1)
t('flush 0', d.flush, 0)
t('flush -1', d.flush, -1)
t('garbage obj', zlib.decompressobj().decompress, b'garbage')
d = zlib.decompressobj()
print(d.decompress(comp[:-10]) == text[:len(d.decompress(b''))] or True, d.eof, d.flush() is not None, d.eof)
d = zlib.decompressobj()
print(d.decompress(b''), d.flush(), d.eof, d.unused_data, d.unconsumed_tail)

# _ZlibDecompressor (what gzip uses).
z = zlib._ZlibDecompressor()
print(z.decompress(comp + b'extra', 10), z.eof, z.unused_data, z.needs_input)
rest = z.decompress(b'', len(text))
print(len(rest), z.eof, z.unused_data, z.needs_input)
t('after eof', z.decompress, b'x')
z = zlib._ZlibDecompressor()
got = b''
for i in range(0, len(comp), 7):
    got += z.decompress(comp[i:i + 7])
print(got == text, z.eof, z.needs_input)
z = zlib._ZlibDecompressor(wbits=-15)
print(z.needs_input, z.eof, z.unused_data)
t('garbage zd', zlib._ZlibDecompressor().decompress, b'garbage')

# Constants and module attributes.
for name in ['MAX_WBITS', 'DEFLATED', 'DEF_MEM_LEVEL', 'DEF_BUF_SIZE', 'Z_NO_COMPRESSION', 'Z_BEST_SPEED',
             'Z_BEST_COMPRESSION', 'Z_DEFAULT_COMPRESSION', 'Z_FILTERED', 'Z_HUFFMAN_ONLY', 'Z_RLE', 'Z_FIXED',
             'Z_DEFAULT_STRATEGY', 'Z_NO_FLUSH', 'Z_PARTIAL_FLUSH', 'Z_SYNC_FLUSH', 'Z_FULL_FLUSH', 'Z_FINISH',
             'Z_BLOCK', 'Z_TREES']:
    print(name, getattr(zlib, name))
print(zlib.ZLIB_VERSION == zlib.ZLIB_RUNTIME_VERSION, zlib.__version__, zlib.error.__module__, zlib.error.__mro__[1])
print(type(zlib.compressobj()).__name__, type(zlib.decompressobj()).__name__, zlib._ZlibDecompressor.__name__)
print(sorted(x for x in dir(zlib) if not x.startswith('_')))

# Modules built on zlib.
import gzip, io, zipfile
g = gzip.compress(text, mtime=0)
print(len(g), g[:10], gzip.decompress(g) == text)
buf = io.BytesIO()
with gzip.GzipFile(fileobj=buf, mode='wb', mtime=0) as f:
    f.write(text)
buf.seek(0)
with gzip.GzipFile(fileobj=buf) as f:
    print(f.read(10), len(f.read()))
zb = io.BytesIO()
with zipfile.ZipFile(zb, 'w', zipfile.ZIP_DEFLATED) as zf:
    zf.writestr('a.txt', text)
    zf.writestr('b.txt', b'hi')
with zipfile.ZipFile(io.BytesIO(zb.getvalue())) as zf:
    print(zf.namelist(), len(zf.read('a.txt')), zf.read('b.txt'), zf.testzip())
import codecs
print(codecs.decode(codecs.encode(text, 'zlib'), 'zlib') == text)
