# Corpus: the binascii module (hex, base64, uuencode, quoted-printable, crc32, crc_hqx) and base64/quopri on top.
import binascii as b


def t(label, f, *a, **k):
    try:
        r = f(*a, **k)
    except Exception as e:
        print(label, '->', type(e).__name__, e)
    else:
        print(label, '->', repr(r))


data = bytes(range(0, 256, 7))
# hex
t('hexlify', b.hexlify, b'\x01\xab\xff')
t('hexlify sep', b.hexlify, b'\x01\xab\xff', '-')
t('hexlify sep3', b.hexlify, b'\x01\xab\xff\x02', b':', 3)
t('hexlify sep-3', b.hexlify, b'\x01\xab\xff\x02', ':', -3)
t('b2a_hex kw', b.b2a_hex, data=b'xyz', sep=' ', bytes_per_sep=2)
t('hexlify str', b.hexlify, 'abc')
t('hexlify sep empty', b.hexlify, b'ab', '')
t('hexlify sep int', b.hexlify, b'ab', 5)
t('hexlify sep long', b.hexlify, b'ab', 'ab')
t('b2a_hex memoryview', b.b2a_hex, memoryview(b'xy'))
t('unhexlify', b.unhexlify, b'01ab')
t('unhexlify str', b.unhexlify, '01AB')
t('unhexlify odd', b.unhexlify, 'abc')
t('unhexlify bad', b.unhexlify, '0g')
t('unhexlify nonascii', b.unhexlify, 'é1')
t('a2b_hex bytearray', b.a2b_hex, bytearray(b'ff'))
t('a2b_hex int', b.a2b_hex, 5)
print(b.unhexlify(b.hexlify(data)) == data)

# base64
for s in [b'', b'h', b'he', b'hel', b'hell', b'hello world', data]:
    enc = b.b2a_base64(s)
    print(enc, b.b2a_base64(s, newline=False) == enc[:-1], b.a2b_base64(enc) == s)
for s in ['aGVsbG8gd29ybGQ=\n', 'aGVsbG8gd29ybGQ', 'aGVsbG8gd29yb', 'a', 'aGVs bG8=', 'aGVsbG8=abc', 'aGVsbA==',
          'aGVsbA=', 'aGVsbA', 'aGVsbA===', 'aGVsbA=x=', '', 'ab=c', 'abc=', 'a===', '=aGVs', '!!aGVs', 'aG=Vs']:
    t('a2b_base64 %r' % s, b.a2b_base64, s)
    t('  strict', b.a2b_base64, s, strict_mode=True)
t('a2b_base64 nonascii', b.a2b_base64, 'é')
t('a2b_base64 int', b.a2b_base64, 5)
t('b2a_base64 str', b.b2a_base64, 'x')

# CRCs
t('crc32', b.crc32, b'hello')
t('crc32 running', b.crc32, b' world', b.crc32(b'hello'))
t('crc32 -1', b.crc32, b'hello', -1)
t('crc32 big', b.crc32, b'hello', 2**40 + 5)
t('crc_hqx', b.crc_hqx, b'hello', 0)
t('crc_hqx masked', b.crc_hqx, b'hello', 0x12345)
t('crc_hqx missing', b.crc_hqx, b'hello')
t('crc_hqx data', b.crc_hqx, data, 0xffff)

# quoted-printable
for s in [b'hello = world\tx \n=\xff', b'line \nnext\t\n', b'.\n.x', b'From me', b'a\rb\r\n', b'x' * 100,
          b'y' * 74 + b'==', b'tab\tend\t', b'a\r\nb \r\nc\t\r\n']:
    print(b.b2a_qp(s), b.b2a_qp(s, quotetabs=True), b.b2a_qp(s, istext=False), b.b2a_qp(s, header=True))
t('b2a_qp header', b.b2a_qp, b'hello world_x', header=True)
t('a2b_qp', b.a2b_qp, b'hello=20world=\nnext=3D=xx=4')
t('a2b_qp header', b.a2b_qp, b'a_b', header=True)
t('a2b_qp soft crlf', b.a2b_qp, 'ab=\r\nc')
t('a2b_qp case', b.a2b_qp, b'=41=4a=4A=\n')
t('a2b_qp trailing', b.a2b_qp, b'abc=')
t('a2b_qp short', b.a2b_qp, b'a=0')
t('a2b_qp ==', b.a2b_qp, b'a==b')

# uuencode
for s in [b'hello', b'', b'x' * 45, b'\x00\x01\x02']:
    enc = b.b2a_uu(s)
    print(enc, b.b2a_uu(s, backtick=True), b.a2b_uu(enc) == s)
t('b2a_uu 46', b.b2a_uu, b'x' * 46)
for s in [b'%:&5L;&\\\n', b'', b'\n', b'`\n', b'%:&5L;&\\ xx\n', b'%:&5L\n', b'!\x7f\n', b'#86)C\n', '#86)C']:
    t('a2b_uu %r' % s, b.a2b_uu, s)

print(b.Error.__mro__[1].__name__, b.Incomplete.__mro__[1].__name__, b.Error.__module__)
print(sorted(x for x in dir(b) if not x.startswith('__')))

import base64, quopri
print(base64.b64encode(b'hello'), base64.b64decode(b'aGVsbG8='), base64.urlsafe_b64encode(b'\xff\xfe'))
print(base64.b64decode('aGVs!bG8=', validate=False))
t('b64decode validate', base64.b64decode, 'aGVs!bG8=', validate=True)
print(base64.b32encode(b'hello'), base64.b16encode(b'hi'), base64.b85encode(b'hello'), base64.a85encode(b'hello'))
print(base64.b32decode(b'NBSWY3DP'), base64.b85decode(base64.b85encode(data)) == data, base64.b16decode(b'6869'))
print(base64.encodebytes(data), base64.decodebytes(base64.encodebytes(data)) == data)
print(quopri.encodestring(b'a=b \n'), quopri.decodestring(b'a=3Db'))
