# Corpus: the built-in hash modules (_md5, _sha1, _sha2, _sha3, _blake2) directly and through hashlib/hmac: known
# vectors, incremental updates, copy(), SHAKE lengths, BLAKE2 keys/salt/person/tree parameters, errors, and threads
# updating one object. (hashlib's own objects come from OpenSSL under CPython, so this prints only what both agree on.)
import _blake2
import _md5
import _sha1
import _sha2
import _sha3
import hashlib
import copy
import hmac
import pickle
import threading
from array import array


def t(label, f, *a, **k):
    try:
        r = f(*a, **k)
    except Exception as e:
        print(label, '->', type(e).__name__, e)
    else:
        print(label, '->', r if isinstance(r, (str, bytes, int)) else type(r).__name__)


CONS = [_md5.md5, _sha1.sha1, _sha2.sha224, _sha2.sha256, _sha2.sha384, _sha2.sha512, _sha3.sha3_224,
        _sha3.sha3_256, _sha3.sha3_384, _sha3.sha3_512, _sha3.shake_128, _sha3.shake_256, _blake2.blake2b,
        _blake2.blake2s]


def hexd(h, n=32):
    return h.hexdigest(n) if h.name.startswith('shake') else h.hexdigest()


def dig(h, n=32):
    return h.digest(n) if h.name.startswith('shake') else h.digest()


# Known vectors (the FIPS/RFC examples) and lengths around every block boundary.
msgs = [b'', b'abc', b'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', b'a' * 1000]
for cons in CONS:
    h0 = cons()
    print(h0.name, type(h0).__module__, type(h0).__name__, h0.digest_size, h0.block_size)
    for m in msgs:
        print('  ', len(m), hexd(cons(m)))
    blob = bytes((i * 131 + 7) & 0xff for i in range(600))
    sizes = []
    for n in range(0, 300):
        one = dig(cons(blob[:n]))
        inc = cons()
        for i in range(0, n, 7):
            inc.update(blob[i:min(i + 7, n)])
        if dig(inc) != one:
            sizes.append(n)
    print('   incremental mismatches:', sizes)
    print('   md of 600 bytes:', hexd(cons(blob), 20))

# hashlib's names and constructors agree with the modules.
print(sorted(hashlib.algorithms_guaranteed))
for name in ['md5', 'sha1', 'sha256', 'sha3_256', 'blake2b', 'blake2s']:
    print(name, hashlib.new(name, b'xyz').hexdigest() == hexd(getattr(hashlib, name)(b'xyz')))
print(hashlib.file_digest(__import__('io').BytesIO(b'file contents' * 999), 'sha256').hexdigest())

# copy() forks the state; digest() does not finish the original.
for cons in CONS:
    h = cons(b'prefix ')
    c = h.copy()
    c.update(b'suffix')
    d1 = dig(h)
    h.update(b'more')
    print(h.name, type(c) is type(h), dig(cons(b'prefix suffix')) == dig(c), dig(cons(b'prefix ')) == d1,
          dig(h) == dig(cons(b'prefix more')))

# Buffer kinds and argument forms.
print(_md5.md5(bytearray(b'abc')).hexdigest(), _md5.md5(memoryview(b'xabcx')[1:4]).hexdigest())
print(_sha2.sha256(array('i', [1, 2, 3])).hexdigest())
print(_sha2.sha256(memoryview(b'abcd').cast('B', (2, 2))).hexdigest())
print(_md5.md5(string=b'abc').hexdigest(), _md5.md5(b'abc', usedforsecurity=False).hexdigest())
print(_sha3.sha3_256(b'abc', usedforsecurity=False).hexdigest())
t('md5 str', _md5.md5, 'abc')
t('md5 int', _md5.md5, 1)
t('md5 None', _md5.md5, None)
t('md5 two', _md5.md5, b'a', b'b')
t('md5 data=', _md5.md5, data=b'a')
t('md5 both', _md5.md5, b'a', string=b'b')
t('md5 strided', _md5.md5, memoryview(b'abcdef')[::2])
t('update str', _sha1.sha1().update, 'x')
t('update None', _sha1.sha1().update, None)
t('md5 type', _md5.MD5Type)
t('sha256 type', _sha2.SHA256Type)
t('copy arg', _sha2.sha256().copy, 1)
t('sha3 str', _sha3.sha3_224, 'x')
t('sha3 data=', _sha3.sha3_384, data=b'x')
t('sha3 string=', _sha3.sha3_384, string=b'x')
t('sha3 two', _sha3.sha3_512, b'x', b'y')
t('sha3 via __new__', _sha3.sha3_256.__new__, _sha3.sha3_256, b'abc')
t('blake2 str', _blake2.blake2b, 'x')
t('blake2 None', _blake2.blake2s, None)
t('readonly', setattr, _sha2.sha256(), 'name', 'x')
t('no attrs', setattr, _blake2.blake2b(), 'x', 1)
t('type attr', setattr, _sha3.sha3_256, 'value', 1)
t('pickle md5', pickle.dumps, _md5.md5())
t('pickle sha3', pickle.dumps, _sha3.sha3_256(b'x'))
t('pickle shake proto 0', pickle.dumps, _sha3.shake_128(), 0)
t('copy.copy blake2', copy.copy, _blake2.blake2b(b'x'))
t('copy.deepcopy sha256', copy.deepcopy, _sha2.sha256())

# SHA-3 internals and SHAKE lengths.
for cons in CONS[6:12]:
    h = cons(b'x')
    print(h.name, h._capacity_bits, h._rate_bits, h._suffix)
sh = _sha3.shake_128(b'The quick brown fox')
for n in (0, 1, 16, 167, 168, 169, 336, 1000):
    d = sh.digest(n)
    print('shake_128', n, len(d), d[-4:].hex(), sh.hexdigest(n) == d.hex(), sh.digest(2000)[:n] == d)
t('shake -1', sh.digest, -1)
t('shake 2**29', sh.digest, 2 ** 29)
t('shake 2**64', sh.hexdigest, 2 ** 64)
t('shake float', sh.digest, 1.0)
t('shake True', sh.digest, True)

# BLAKE2: keyed hashing (RFC 7693 appendix A's BLAKE2b-512("abc") unkeyed), salt, personalisation, tree params.
print(_blake2.blake2b(b'abc').hexdigest())
print(_blake2.blake2s(b'abc').hexdigest())
for cons in (_blake2.blake2b, _blake2.blake2s):
    print(cons.SALT_SIZE, cons.PERSON_SIZE, cons.MAX_KEY_SIZE, cons.MAX_DIGEST_SIZE)
    print(cons(b'msg', key=b'k' * cons.MAX_KEY_SIZE).hexdigest())
    print(cons(key=b'key').hexdigest(), cons(b'', key=b'key').hexdigest() == cons(key=b'key').hexdigest())
    print(cons(b'msg', digest_size=7, salt=b'salt', person=b'me').hexdigest())
    print(cons(b'msg', fanout=0, depth=255, leaf_size=2 ** 32 - 1, node_offset=2 ** 48 - 1, node_depth=255,
               inner_size=cons.MAX_DIGEST_SIZE, last_node=True).hexdigest())
    print(cons(b'msg', key=bytearray(b'k'), salt=memoryview(b's'), person=array('b', [1])).hexdigest())
    blob = bytes(range(256)) * 3
    keyed = cons(key=b'secret')
    for i in range(0, len(blob), 50):
        keyed.update(blob[i:i + 50])
    print(keyed.hexdigest() == cons(blob, key=b'secret').hexdigest(), keyed.copy().digest_size)
    for kw in [dict(digest_size=0), dict(digest_size=cons.MAX_DIGEST_SIZE + 1), dict(key=b'k' * 65),
               dict(salt=b's' * 17), dict(person=b'p' * 17), dict(fanout=256), dict(depth=0), dict(leaf_size=-1),
               dict(leaf_size=2 ** 32), dict(node_offset=2 ** 64), dict(node_depth=-1), dict(inner_size=65),
               dict(fanout=1.5), dict(digest_size='3'), dict(key='k'), dict(leaf_size=1.5), dict(digest_size=2 ** 70),
               dict(data=b'x'), dict(bogus=1)]:
        t('%s %s' % (cons.__name__, sorted(kw)), cons, b'x', **kw)
t('blake2s node_offset', _blake2.blake2s, node_offset=2 ** 48)
t('blake2b two', _blake2.blake2b, b'a', b'b')
print(_blake2.BLAKE2B_SALT_SIZE, _blake2.BLAKE2S_PERSON_SIZE, _blake2.__doc__)

# hmac over the built-in constructors.
print(hmac.new(b'key', b'The quick brown fox jumps over the lazy dog', 'md5').hexdigest())
print(hmac.new(b'key', b'The quick brown fox jumps over the lazy dog', _sha2.sha256).hexdigest())
print(hmac.digest(b'k' * 200, b'msg', 'sha3_256').hex())
print(hmac.compare_digest(b'abc', b'abc'), hmac.compare_digest('abc', 'abd'))

# Threads updating one object with identical chunks: the result equals the serial one only if no update is lost
# or torn. Others read digest()/copy() meanwhile.
for cons in (_sha1.sha1, _sha2.sha512, _sha3.sha3_256, _blake2.blake2s):
    chunk = b'swineflu' * 512
    shared = cons()
    start = threading.Barrier(4)

    def work(copies):
        start.wait()
        for i in range(200):
            shared.update(chunk)
            if i % 50 == 0:
                copies.append(len(shared.copy().digest()))

    copies = []
    ths = [threading.Thread(target=work, args=(copies,)) for _ in range(4)]
    for th in ths:
        th.start()
    for th in ths:
        th.join()
    print(shared.name, shared.hexdigest() == cons(chunk * 800).hexdigest(), copies == [shared.digest_size] * 16)
