// The int C-API (longobject.h): conversions between PyLongObject and C integers, with CPython 3.13's messages.
// Owner: numbers-strings.
#include "Python.h"

#include <cstring>
#include <vector>

#include "objects/abstract.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/int_impl.h"
#include "objects/str.h"
#include "objects/types.h"
#include "vm/sysmodule.h"

namespace {

using pyvm::ORef;
using pyvm::Object;
namespace ii = pyvm::intimpl;

std::nullptr_t bad_internal_call() { return pyvm::set_error(&pyvm::exc_SystemError, "bad argument to internal function"); }

// The magnitude of an int as uint64; *overflow is set when it needs more than 64 bits.
uint64_t mag_u64(Object* o, bool* overflow) {
  *overflow = false;
  ssize_t n = ii::ndigits(o);
  const digit* d = ii::dig(o);
  uint64_t u = 0;
  for (ssize_t i = n - 1; i >= 0; i--) {
    if (u >> (64 - PyLong_SHIFT)) {
      *overflow = true;
      return 0;
    }
    u = (u << PyLong_SHIFT) | d[i];
  }
  return u;
}

// The value modulo 2**64 (two's complement for negative values).
uint64_t low_u64(Object* o) {
  ssize_t n = ii::ndigits(o);
  const digit* d = ii::dig(o);
  uint64_t u = 0;
  for (ssize_t i = n - 1; i >= 0; i--) u = (u << PyLong_SHIFT) | d[i];
  return ii::is_negative(o) ? 0 - u : u;
}

// An int for `o`: itself (new reference) when it is an int, else via __index__.
Object* as_index(Object* o) {
  if (!o) return bad_internal_call();
  if (ii::is_int(o)) return pyvm::newref(o);
  return pyvm::number_index(o);
}

// Signed 64-bit conversion through __index__; the overflow flag is left to the caller. An int argument is read in
// place: no reference is taken, so threads converting one shared int do not contend on its reference count.
int64_t index_as_i64(Object* o, int* overflow, bool* err) {
  *err = false;
  *overflow = 0;
  if (o && ii::is_int(o)) return pyvm::int_as_i64(o, overflow);
  ORef v = pyvm::steal(as_index(o));
  if (!v) {
    *err = true;
    return -1;
  }
  return pyvm::int_as_i64(v.get(), overflow);
}

// Two's complement bytes of v (little endian), truncated or sign-extended to n bytes.
void to_le_bytes(Object* v, unsigned char* out, size_t n) {
  std::memset(out, 0, n);
  ssize_t nd = ii::ndigits(v);
  const digit* d = ii::dig(v);
  uint64_t acc = 0;
  int bits = 0;
  size_t pos = 0;
  for (ssize_t i = 0; i < nd && pos < n; i++) {
    acc |= uint64_t(d[i]) << bits;
    bits += PyLong_SHIFT;
    while (bits >= 8 && pos < n) {
      out[pos++] = (unsigned char)(acc & 0xff);
      acc >>= 8;
      bits -= 8;
    }
  }
  while (bits > 0 && pos < n) {
    out[pos++] = (unsigned char)(acc & 0xff);
    acc >>= 8;
    bits -= 8;
  }
  if (ii::is_negative(v)) {
    unsigned carry = 1;
    for (size_t i = 0; i < n; i++) {
      unsigned x = unsigned((unsigned char)~out[i]) + carry;
      out[i] = (unsigned char)x;
      carry = x >> 8;
    }
  }
}

bool fits_in_bits(ssize_t v, ssize_t n) {
  if (n >= ssize_t(sizeof(ssize_t) * 8)) return true;
  ssize_t ext = v >> (n - 1);
  return ext == 0 || ext == -1;
}

void copy_endian(void* dst, const unsigned char* le, size_t n, bool little) {
  unsigned char* b = static_cast<unsigned char*>(dst);
  if (little) {
    std::memcpy(b, le, n);
  } else {
    for (size_t i = 0; i < n; i++) b[n - 1 - i] = le[i];
  }
}

Object* from_bytes(const void* buffer, size_t n, bool little, bool is_signed) {
  if (!buffer && n) return bad_internal_call();
  if (n == 0) return pyvm::int_from_i64(0);
  const unsigned char* src = static_cast<const unsigned char*>(buffer);
  std::vector<unsigned char> le(n);
  for (size_t i = 0; i < n; i++) le[i] = little ? src[i] : src[n - 1 - i];
  bool negative = is_signed && (le[n - 1] & 0x80);
  if (negative) {  // magnitude = two's complement negation
    unsigned carry = 1;
    for (size_t i = 0; i < n; i++) {
      unsigned x = unsigned((unsigned char)~le[i]) + carry;
      le[i] = (unsigned char)x;
      carry = x >> 8;
    }
  }
  std::vector<digit> digits((n * 8 + PyLong_SHIFT - 1) / PyLong_SHIFT + 1, 0);
  for (size_t bit = 0, i = 0; i < n; i++, bit += 8) {
    uint64_t b = le[i];
    size_t di = bit / PyLong_SHIFT, off = bit % PyLong_SHIFT;
    digits[di] |= digit((b << off) & PyLong_MASK);
    if (off + 8 > PyLong_SHIFT) digits[di + 1] |= digit(b >> (PyLong_SHIFT - off));
  }
  return pyvm::int_from_digits(negative, digits.data(), ssize_t(digits.size()));
}

bool resolve_little(int flags) {
  if (flags == -1 || (flags & Py_ASNATIVEBYTES_NATIVE_ENDIAN) == Py_ASNATIVEBYTES_NATIVE_ENDIAN) return PY_LITTLE_ENDIAN;
  return (flags & Py_ASNATIVEBYTES_LITTLE_ENDIAN) != 0;
}

}  // namespace

extern "C" {

PyObject* PyLong_FromLong(long v) { return pyvm::int_from_i64(v); }
PyObject* PyLong_FromUnsignedLong(unsigned long v) { return pyvm::int_from_u64(v); }
PyObject* PyLong_FromLongLong(long long v) { return pyvm::int_from_i64(v); }
PyObject* PyLong_FromUnsignedLongLong(unsigned long long v) { return pyvm::int_from_u64(v); }
PyObject* PyLong_FromSsize_t(Py_ssize_t v) { return pyvm::int_from_i64(v); }
PyObject* PyLong_FromSize_t(size_t v) { return pyvm::int_from_u64(v); }
PyObject* PyLong_FromDouble(double v) { return pyvm::int_from_double(v); }
PyObject* PyLong_FromVoidPtr(void* p) { return pyvm::int_from_u64(uintptr_t(p)); }

PyObject* PyLong_FromString(const char* str, char** pend, int base) {
  if ((base != 0 && base < 2) || base > 36) {
    return pyvm::set_error(&pyvm::exc_ValueError, "int() arg 2 must be >= 2 and <= 36");
  }
  size_t len = std::strlen(str);
  Object* r = pyvm::int_from_string(str, ssize_t(len), base);
  // The whole text (but trailing whitespace) must be a literal, so on success parsing stopped at its end.
  if (pend) *pend = const_cast<char*>(r ? str + len : str);
  return r;
}

PyObject* PyLong_FromUnicodeObject(PyObject* u, int base) {
  if (!u || !PyUnicode_Check(u)) return bad_internal_call();
  return pyvm::int_from_str_object(u, base);
}

long PyLong_AsLongAndOverflow(PyObject* o, int* overflow) {
  bool err;
  int64_t v = index_as_i64(o, overflow, &err);
  if (err) return -1;
  return *overflow ? -1 : long(v);
}

long long PyLong_AsLongLongAndOverflow(PyObject* o, int* overflow) { return PyLong_AsLongAndOverflow(o, overflow); }

long PyLong_AsLong(PyObject* o) {
  if (o && ii::is_int(o) && pyvm::int_is_compact(o)) return long(pyvm::int_compact_value(o));
  int overflow;
  long v = PyLong_AsLongAndOverflow(o, &overflow);
  if (overflow) pyvm::set_error(&pyvm::exc_OverflowError, "Python int too large to convert to C long");
  return v;
}

long long PyLong_AsLongLong(PyObject* o) {
  int overflow;
  long long v = PyLong_AsLongAndOverflow(o, &overflow);
  if (overflow) pyvm::set_error(&pyvm::exc_OverflowError, "int too big to convert");
  return v;
}

int PyLong_AsInt(PyObject* o) {
  int overflow;
  long v = PyLong_AsLongAndOverflow(o, &overflow);
  if (overflow || v > INT_MAX || v < INT_MIN) {
    pyvm::set_error(&pyvm::exc_OverflowError, "Python int too large to convert to C int");
    return -1;
  }
  return int(v);
}

Py_ssize_t PyLong_AsSsize_t(PyObject* o) {
  if (!o) {
    bad_internal_call();
    return -1;
  }
  return pyvm::int_as_ssize(o);  // ints only ("an integer is required"); no __index__, as CPython
}

unsigned long PyLong_AsUnsignedLong(PyObject* o) {
  if (!o) {
    bad_internal_call();
    return (unsigned long)-1;
  }
  if (!ii::is_int(o)) {
    pyvm::set_error(&pyvm::exc_TypeError, "an integer is required");
    return (unsigned long)-1;
  }
  if (ii::is_negative(o)) {
    pyvm::set_error(&pyvm::exc_OverflowError, "can't convert negative value to unsigned int");
    return (unsigned long)-1;
  }
  bool overflow;
  uint64_t u = mag_u64(o, &overflow);
  if (overflow) {
    pyvm::set_error(&pyvm::exc_OverflowError, "Python int too large to convert to C unsigned long");
    return (unsigned long)-1;
  }
  return u;
}

size_t PyLong_AsSize_t(PyObject* o) {
  if (!o) {
    bad_internal_call();
    return size_t(-1);
  }
  if (!ii::is_int(o)) {
    pyvm::set_error(&pyvm::exc_TypeError, "an integer is required");
    return size_t(-1);
  }
  if (ii::is_negative(o)) {
    pyvm::set_error(&pyvm::exc_OverflowError, "can't convert negative value to size_t");
    return size_t(-1);
  }
  bool overflow;
  uint64_t u = mag_u64(o, &overflow);
  if (overflow) {
    pyvm::set_error(&pyvm::exc_OverflowError, "Python int too large to convert to C size_t");
    return size_t(-1);
  }
  return u;
}

unsigned long long PyLong_AsUnsignedLongLong(PyObject* o) {
  if (!o) {
    bad_internal_call();
    return (unsigned long long)-1;
  }
  if (!ii::is_int(o)) {
    pyvm::set_error(&pyvm::exc_TypeError, "an integer is required");
    return (unsigned long long)-1;
  }
  if (ii::is_negative(o)) {
    pyvm::set_error(&pyvm::exc_OverflowError, "can't convert negative int to unsigned");
    return (unsigned long long)-1;
  }
  bool overflow;
  uint64_t u = mag_u64(o, &overflow);
  if (overflow) {
    pyvm::set_error(&pyvm::exc_OverflowError, "int too big to convert");
    return (unsigned long long)-1;
  }
  return u;
}

unsigned long PyLong_AsUnsignedLongMask(PyObject* o) {
  if (o && ii::is_int(o)) return low_u64(o);  // read in place, as index_as_i64
  ORef v = pyvm::steal(as_index(o));
  if (!v) return (unsigned long)-1;
  return low_u64(v.get());
}

unsigned long long PyLong_AsUnsignedLongLongMask(PyObject* o) { return PyLong_AsUnsignedLongMask(o); }

double PyLong_AsDouble(PyObject* o) {
  if (!o) {
    bad_internal_call();
    return -1.0;
  }
  if (!ii::is_int(o)) {
    pyvm::set_error(&pyvm::exc_TypeError, "an integer is required");
    return -1.0;
  }
  bool ok = true;
  double d = pyvm::int_as_double(o, &ok);
  return ok ? d : -1.0;
}

void* PyLong_AsVoidPtr(PyObject* o) {
  if (o && ii::is_int(o) && ii::is_negative(o)) {
    long v = PyLong_AsLong(o);
    return (v == -1 && pyvm::error_occurred()) ? nullptr : reinterpret_cast<void*>(v);
  }
  unsigned long v = PyLong_AsUnsignedLong(o);
  return (v == (unsigned long)-1 && pyvm::error_occurred()) ? nullptr : reinterpret_cast<void*>(v);
}

PyObject* PyLong_GetInfo(void) {
  Object* info = pyvm::sys_get("int_info");
  if (!info) return pyvm::set_error(&pyvm::exc_RuntimeError, "lost sys.int_info");
  return pyvm::newref(info);
}

Py_ssize_t PyLong_AsNativeBytes(PyObject* vv, void* buffer, Py_ssize_t n, int flags) {
  if (!vv || n < 0 || (n > 0 && !buffer)) {
    bad_internal_call();
    return -1;
  }
  bool little = resolve_little(flags);
  ORef v;
  if (ii::is_int(vv)) {
    v = pyvm::borrow(vv);
  } else if (flags != -1 && (flags & Py_ASNATIVEBYTES_ALLOW_INDEX)) {
    v = pyvm::steal(pyvm::number_index(vv));
    if (!v) return -1;
  } else {
    pyvm::set_errorf(&pyvm::exc_TypeError, "expect int, got {}", pyvm::type_name(vv));
    return -1;
  }
  Object* o = v.get();
  if (flags != -1 && (flags & Py_ASNATIVEBYTES_REJECT_NEGATIVE) && ii::is_negative(o)) {
    pyvm::set_error(&pyvm::exc_ValueError, "Cannot convert negative int");
    return -1;
  }
  bool unsigned_buffer = flags == -1 || (flags & Py_ASNATIVEBYTES_UNSIGNED_BUFFER);
  if (pyvm::int_is_compact(o)) {
    // A one-digit int is reported as needing a Py_ssize_t unless it fits a smaller buffer (CPython's rule).
    ssize_t cv = pyvm::int_compact_value(o);
    Py_ssize_t res = sizeof(ssize_t);
    if (n > 0) {
      std::vector<unsigned char> le(size_t(n) > sizeof(cv) ? size_t(n) : sizeof(cv));
      to_le_bytes(o, le.data(), le.size());
      copy_endian(buffer, le.data(), size_t(n), little);
      if (size_t(n) < sizeof(cv)) {
        if (fits_in_bits(cv, n * 8)) {
          res = n;
        } else if (cv > 0 && fits_in_bits(cv, n * 8 + 1)) {
          res = unsigned_buffer ? n : n + 1;
        }
      } else if (size_t(n) == sizeof(cv)) {
        res = n;
      }
    }
    return res;
  }
  int64_t nb = ii::bit_length(o);
  Py_ssize_t res = Py_ssize_t(nb / 8) + 1;  // the bits of |v| plus a sign bit, rounded up to bytes
  if (n > 0) {
    std::vector<unsigned char> le(static_cast<size_t>(n));
    to_le_bytes(o, le.data(), le.size());
    copy_endian(buffer, le.data(), size_t(n), little);
    if (res == n + 1 && nb % 8 == 0) {
      if (ii::is_negative(o)) {
        // -(2**(8n-1)) fills the buffer exactly: 0x80 then zeros.
        bool edge = le[size_t(n) - 1] == 0x80;
        for (Py_ssize_t i = 0; i < n - 1 && edge; i++) edge = le[size_t(i)] == 0;
        if (edge) res = n;
      } else if (le[size_t(n) - 1] & 0x80) {
        res = unsigned_buffer ? n : n + 1;
      }
    }
  }
  return res;
}

PyObject* PyLong_FromNativeBytes(const void* buffer, size_t n, int flags) {
  bool is_signed = flags == -1 || !(flags & Py_ASNATIVEBYTES_UNSIGNED_BUFFER);
  return from_bytes(buffer, n, resolve_little(flags), is_signed);
}

PyObject* PyLong_FromUnsignedNativeBytes(const void* buffer, size_t n, int flags) {
  return from_bytes(buffer, n, resolve_little(flags), false);
}

}  // extern "C"
