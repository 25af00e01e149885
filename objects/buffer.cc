// The buffer protocol helpers (request, release, contiguity, contiguous copies) and the native struct formats that
// memoryview packs and unpacks.
#include "objects/buffer.h"

#include <climits>
#include <cmath>
#include <cstring>
#include <vector>

#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/types.h"

namespace pyvm {

int get_buffer(Object* o, Py_buffer* view, int flags) {
  PyBufferProcs* bp = type_of(o)->tp_as_buffer;
  if (!bp || !bp->bf_getbuffer) {
    view->obj = nullptr;
    set_errorf(&exc_TypeError, "a bytes-like object is required, not '{}'", type_name(o));
    return -1;
  }
  if (bp->bf_getbuffer(o, view, flags) < 0) {
    view->obj = nullptr;  // not every exporter clears it on failure
    return -1;
  }
  return 0;
}

void release_buffer(Py_buffer* view) {
  Object* obj = view->obj;
  if (!obj) return;
  PyBufferProcs* bp = type_of(obj)->tp_as_buffer;
  if (bp && bp->bf_releasebuffer) bp->bf_releasebuffer(obj, view);
  view->obj = nullptr;
  decref(obj);
}

// ---- Contiguity and copies ----

namespace {

bool is_c_contiguous(const Py_buffer* v) {
  if (v->len == 0 || !v->strides) return true;
  ssize expect = v->itemsize;
  for (int i = v->ndim - 1; i >= 0; i--) {
    ssize dim = v->shape[i];
    if (dim > 1 && v->strides[i] != expect) return false;
    expect *= dim;
  }
  return true;
}

bool is_f_contiguous(const Py_buffer* v) {
  if (v->len == 0) return true;
  if (!v->strides) {
    // Without strides the layout is C order, which is also Fortran order when at most one dimension exceeds 1.
    if (v->ndim <= 1) return true;
    int big = 0;
    for (int i = 0; i < v->ndim; i++)
      if (v->shape[i] > 1) big++;
    return big <= 1;
  }
  ssize expect = v->itemsize;
  for (int i = 0; i < v->ndim; i++) {
    ssize dim = v->shape[i];
    if (dim > 1 && v->strides[i] != expect) return false;
    expect *= dim;
  }
  return true;
}

// Copies every item of a strided (possibly indirect) source array into a strided destination of the same shape.
void copy_items(int ndim, const ssize* shape, ssize itemsize, char* dst, const ssize* dstrides, const char* src,
                const ssize* sstrides, const ssize* ssub) {
  if (ndim == 0) {
    std::memcpy(dst, src, size_t(itemsize));
    return;
  }
  bool indirect = ssub && ssub[0] >= 0;
  if (ndim == 1 && !indirect && dstrides[0] == itemsize && sstrides[0] == itemsize) {
    std::memcpy(dst, src, size_t(shape[0] * itemsize));
    return;
  }
  for (ssize i = 0; i < shape[0]; i++) {
    const char* s = src + i * sstrides[0];
    if (indirect) s = *reinterpret_cast<char* const*>(s) + ssub[0];
    char* d = dst + i * dstrides[0];
    if (ndim == 1) {
      std::memcpy(d, s, size_t(itemsize));
    } else {
      copy_items(ndim - 1, shape + 1, itemsize, d, dstrides + 1, s, sstrides + 1, ssub ? ssub + 1 : nullptr);
    }
  }
}

}  // namespace

bool buffer_is_contiguous(const Py_buffer* view, char order) {
  if (view->suboffsets) return false;
  if (order == 'C') return is_c_contiguous(view);
  if (order == 'F') return is_f_contiguous(view);
  return is_c_contiguous(view) || is_f_contiguous(view);
}

int buffer_to_contiguous(char* out, const Py_buffer* src, char order) {
  if (src->len == 0) return 0;
  if (buffer_is_contiguous(src, order)) {
    std::memcpy(out, src->buf, size_t(src->len));
    return 0;
  }
  // Reconstruct what a simple request may leave out, then lay the items out in the requested order.
  int ndim = src->ndim;
  size_t nd = static_cast<size_t>(ndim);
  std::vector<ssize> shape(nd), sstrides(nd), dstrides(nd);
  for (int i = 0; i < ndim; i++) shape[size_t(i)] = src->shape ? src->shape[i] : src->len / src->itemsize;
  if (src->strides) {
    for (int i = 0; i < ndim; i++) sstrides[size_t(i)] = src->strides[i];
  } else if (ndim > 0) {
    sstrides[size_t(ndim - 1)] = src->itemsize;
    for (int i = ndim - 2; i >= 0; i--) sstrides[size_t(i)] = sstrides[size_t(i + 1)] * shape[size_t(i + 1)];
  }
  if (ndim > 0) {
    if (order == 'F') {
      dstrides[0] = src->itemsize;
      for (int i = 1; i < ndim; i++) dstrides[size_t(i)] = dstrides[size_t(i - 1)] * shape[size_t(i - 1)];
    } else {
      dstrides[size_t(ndim - 1)] = src->itemsize;
      for (int i = ndim - 2; i >= 0; i--) dstrides[size_t(i)] = dstrides[size_t(i + 1)] * shape[size_t(i + 1)];
    }
  }
  copy_items(ndim, shape.data(), src->itemsize, out, dstrides.data(), static_cast<const char*>(src->buf),
             sstrides.data(), src->suboffsets);
  return 0;
}

bool buffer_copy_bytes(Object* o, std::string* out) {
  BufferHold h;
  if (h.get(o, PyBUF_FULL_RO) < 0) return false;
  out->assign(size_t(h->len), '\0');
  return buffer_to_contiguous(out->data(), h.view(), 'C') == 0;
}

// ---- Native formats ----

namespace {

constexpr char kNativeCodes[] = "cbBhHiIlLqQnNfde?P";
constexpr int kNativeCount = sizeof(kNativeCodes) - 1;

// "@c", "@b", ...: the plain form of entry i is kNativeStrings[i] + 1.
struct NativeStrings {
  char s[kNativeCount][3];
  constexpr NativeStrings() : s() {
    for (int i = 0; i < kNativeCount; i++) {
      s[i][0] = '@';
      s[i][1] = kNativeCodes[i];
      s[i][2] = '\0';
    }
  }
};
constexpr NativeStrings kNativeStrings;

template <class T>
T load(const char* p) {
  T x;
  std::memcpy(&x, p, sizeof x);
  return x;
}

template <class T>
void store(char* out, T x) {
  std::memcpy(out, &x, sizeof x);
}

// A non-negative exact int as uint64; false when it does not fit.
bool int_to_u64(Object* i, uint64_t* out) {
  ssize n = int_ndigits(i);
  const digit* d = int_digits(i);
  uint64_t r = 0;
  for (ssize k = n - 1; k >= 0; k--) {
    if (r >> (64 - PyLong_SHIFT)) return false;
    r = (r << PyLong_SHIFT) | d[k];
  }
  *out = r;
  return true;
}

}  // namespace

ssize native_format_size(const char* fmt, char* code) {
  if (!fmt) {
    *code = 'B';
    return 1;
  }
  if (fmt[0] == '@') fmt++;
  if (fmt[0] == '\0' || fmt[1] != '\0') return -1;
  ssize size;
  switch (fmt[0]) {
    case 'c':
    case 'b':
    case 'B':
      size = sizeof(char);
      break;
    case '?':
      size = sizeof(bool);
      break;
    case 'h':
    case 'H':
      size = sizeof(short);
      break;
    case 'e':
      size = 2;
      break;
    case 'i':
    case 'I':
      size = sizeof(int);
      break;
    case 'f':
      size = sizeof(float);
      break;
    case 'l':
    case 'L':
      size = sizeof(long);
      break;
    case 'q':
    case 'Q':
      size = sizeof(long long);
      break;
    case 'n':
    case 'N':
      size = sizeof(ssize);
      break;
    case 'd':
      size = sizeof(double);
      break;
    case 'P':
      size = sizeof(void*);
      break;
    default:
      return -1;
  }
  *code = fmt[0];
  return size;
}

const char* native_format_static(const char* fmt) {
  bool at = fmt[0] == '@';
  const char* f = at ? fmt + 1 : fmt;
  if (f[0] == '\0' || f[1] != '\0') return nullptr;
  const char* hit = std::strchr(kNativeCodes, f[0]);
  if (!hit) return nullptr;
  const char* s = kNativeStrings.s[hit - kNativeCodes];
  return at ? s : s + 1;
}

Object* unpack_native(char code, const char* p) {
  switch (code) {
    case 'B':
      return int_from_i64(uint8_t(*p));
    case 'b':
      return int_from_i64(int8_t(*p));
    case 'h':
      return int_from_i64(load<short>(p));
    case 'H':
      return int_from_i64(load<unsigned short>(p));
    case 'i':
      return int_from_i64(load<int>(p));
    case 'I':
      return int_from_i64(load<unsigned int>(p));
    case 'l':
      return int_from_i64(load<long>(p));
    case 'L':
      return int_from_u64(load<unsigned long>(p));
    case 'q':
      return int_from_i64(load<long long>(p));
    case 'Q':
      return int_from_u64(load<unsigned long long>(p));
    case 'n':
      return int_from_i64(load<ssize>(p));
    case 'N':
      return int_from_u64(load<size_t>(p));
    case 'f':
      return float_from_double(double(load<float>(p)));
    case 'd':
      return float_from_double(load<double>(p));
    case 'e':
      return float_from_double(unpack_half(reinterpret_cast<const unsigned char*>(p)));
    case '?':
      return newref(bool_obj(*p != 0));
    case 'c':
      return bytes_from(p, 1);
    case 'P':
      return int_from_u64(uint64_t(load<uintptr_t>(p)));
    default: {
      char s[2] = {code, '\0'};
      return set_errorf(&exc_NotImplementedError, "memoryview: format {} not supported", s);
    }
  }
}

bool pack_native(char code, const char* fmt_name, Object* v, char* out) {
  auto type_error = [&] {
    set_errorf(&exc_TypeError, "memoryview: invalid type for format '{}'", fmt_name);
    return false;
  };
  auto value_error = [&] {
    set_errorf(&exc_ValueError, "memoryview: invalid value for format '{}'", fmt_name);
    return false;
  };
  // A conversion failed: TypeError becomes "invalid type", OverflowError/ValueError "invalid value"; anything
  // else raised by the object's own methods is kept.
  auto fix_error = [&] {
    if (error_matches(&exc_TypeError)) {
      error_clear();
      return type_error();
    }
    if (error_matches(&exc_OverflowError) || error_matches(&exc_ValueError)) {
      error_clear();
      return value_error();
    }
    return false;
  };
  switch (code) {
    case 'b':
    case 'h':
    case 'i':
    case 'l':
    case 'q':
    case 'n': {
      ORef i = steal(number_index(v));
      if (!i) return fix_error();
      int overflow = 0;
      int64_t x = int_as_i64(i.get(), &overflow);
      if (overflow) return value_error();
      switch (code) {
        case 'b':
          if (x < INT8_MIN || x > INT8_MAX) return value_error();
          store(out, int8_t(x));
          break;
        case 'h':
          if (x < SHRT_MIN || x > SHRT_MAX) return value_error();
          store(out, short(x));
          break;
        case 'i':
          if (x < INT_MIN || x > INT_MAX) return value_error();
          store(out, int(x));
          break;
        default:
          store(out, x);
          break;
      }
      return true;
    }
    case 'B':
    case 'H':
    case 'I':
    case 'L':
    case 'Q':
    case 'N':
    case 'P': {
      ORef i = steal(number_index(v));
      if (!i) return fix_error();
      uint64_t x;
      if (int_sign(i.get()) < 0) {
        // Only a pointer may be given as a negative number (PyLong_AsVoidPtr reads it as a C long).
        if (code != 'P') return value_error();
        int overflow = 0;
        int64_t s = int_as_i64(i.get(), &overflow);
        if (overflow) return value_error();
        x = uint64_t(s);
      } else if (!int_to_u64(i.get(), &x)) {
        return value_error();
      }
      switch (code) {
        case 'B':
          if (x > UINT8_MAX) return value_error();
          store(out, uint8_t(x));
          break;
        case 'H':
          if (x > USHRT_MAX) return value_error();
          store(out, static_cast<unsigned short>(x));
          break;
        case 'I':
          if (x > UINT_MAX) return value_error();
          store(out, static_cast<unsigned int>(x));
          break;
        default:
          store(out, x);
          break;
      }
      return true;
    }
    case 'f':
    case 'd':
    case 'e': {
      bool ok;
      double d = float_as_double(v, &ok);
      if (!ok) return fix_error();
      if (code == 'f') {
        store(out, float(d));
      } else if (code == 'd') {
        store(out, d);
      } else if (!pack_half(d, reinterpret_cast<unsigned char*>(out))) {
        return fix_error();
      }
      return true;
    }
    case '?': {
      int t = object_is_true(v);
      if (t < 0) return false;
      store(out, bool(t));
      return true;
    }
    case 'c':
      if (!type_check(v, &bytes_type)) return type_error();
      if (bytes_size(v) != 1) return value_error();
      out[0] = bytes_data(v)[0];
      return true;
    default: {
      char s[2] = {code, '\0'};
      set_errorf(&exc_NotImplementedError, "memoryview: format {} not supported", s);
      return false;
    }
  }
}

// ---- binary16 ----

bool pack_half(double x, unsigned char out[2]) {
  unsigned sign = std::signbit(x) ? 1 : 0;
  int e;
  unsigned bits;
  if (std::isnan(x)) {
    e = 0x1f;
    bits = 0x200;  // a quiet NaN
  } else if (std::isinf(x)) {
    e = 0x1f;
    bits = 0;
  } else if (x == 0.0) {
    e = 0;
    bits = 0;
  } else {
    // x = m * 2**e with 1 <= m < 2.
    double m = std::frexp(std::fabs(x), &e) * 2.0;
    e--;
    if (e >= 16) goto overflow;
    if (e < -25) {
      m = 0.0;  // below half the smallest subnormal: rounds to zero
      e = 0;
    } else if (e < -14) {
      m = std::ldexp(m, 14 + e);  // subnormal
      e = 0;
    } else {
      e += 15;
      m -= 1.0;  // the leading 1 is implicit
    }
    m *= 1024.0;
    bits = unsigned(m);
    double rest = m - double(bits);
    if (rest > 0.5 || (rest == 0.5 && (bits & 1))) {
      if (++bits == 1024) {  // the mantissa carried into the exponent
        bits = 0;
        if (++e == 31) goto overflow;
      }
    }
  }
  {
    unsigned h = (sign << 15) | (unsigned(e) << 10) | bits;
    out[0] = uint8_t(h & 0xff);
    out[1] = uint8_t(h >> 8);
    return true;
  }
overflow:
  set_error(&exc_OverflowError, "float too large to pack with e format");
  return false;
}

double unpack_half(const unsigned char in[2]) {
  unsigned h = unsigned(in[0]) | (unsigned(in[1]) << 8);
  bool negative = h >> 15;
  int e = int((h >> 10) & 0x1f);
  unsigned f = h & 0x3ff;
  double x;
  if (e == 0x1f) {
    x = f == 0 ? HUGE_VAL : std::nan("");
  } else {
    x = double(f) / 1024.0;
    if (e == 0) {
      e = -14;
    } else {
      x += 1.0;
      e -= 15;
    }
    x = std::ldexp(x, e);
  }
  return negative ? -x : x;
}

}  // namespace pyvm
