// PyUnicode_FromFormat(V) with CPython 3.13's format units, and the UnicodeError accessors (pyerrors.h).
// Owner: capi-b.
#include "Python.h"

#include <cstdio>
#include <cstring>
#include <cwchar>
#include <string>

#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/types.h"

using namespace pyvm;

namespace {

void append_str(std::u32string* out, Object* s, ssize precision) {
  ssize n = str_length(s);
  if (precision >= 0 && precision < n) n = precision;
  for (ssize i = 0; i < n; i++) out->push_back(str_char_at(s, i));
}

// Decodes UTF-8 with the "replace" handler, as CPython does for %s.
bool append_utf8(std::u32string* out, const char* p, ssize len) {
  ORef s = steal(str_decode(p, len, "utf-8", "replace"));
  if (!s) return false;
  append_str(out, s.get(), -1);
  return true;
}

void append_wide(std::u32string* out, const wchar_t* w, ssize precision) {
  for (ssize i = 0; w[i] && (precision < 0 || i < precision); i++) out->push_back(char32_t(w[i]));
}

// type.__module__ + sep + type.__qualname__, the module omitted for builtins (CPython's %T / %N).
bool append_type_name(std::u32string* out, Type* t, bool colon) {
  ORef mod = steal(get_attr_str(reinterpret_cast<Object*>(t), "__module__"));
  if (!mod) return false;
  ORef qual = steal(get_attr_str(reinterpret_cast<Object*>(t), "__qualname__"));
  if (!qual) return false;
  if (type_check(mod.get(), &str_type) && str_view(mod.get()) != "builtins" && str_view(mod.get()) != "__main__") {
    append_str(out, mod.get(), -1);
    out->push_back(colon ? U':' : U'.');
  }
  if (!type_check(qual.get(), &str_type)) {
    set_error(&exc_TypeError, "__qualname__ must be a string");
    return false;
  }
  append_str(out, qual.get(), -1);
  return true;
}

}  // namespace

extern "C" {

PyObject* PyUnicode_FromFormatV(const char* format, va_list vargs) {
  va_list va;
  va_copy(va, vargs);
  std::u32string out;
  const char* f = format;
  auto invalid = [&](const char* at) -> PyObject* {
    va_end(va);
    return set_errorf(&exc_SystemError, "invalid format string: {}", at);
  };
  while (*f) {
    if (*f != '%') {
      // Literal text: ASCII in CPython's contract; decode it as UTF-8 anyway.
      const char* start = f;
      while (*f && *f != '%') f++;
      if (!append_utf8(&out, start, ssize(f - start))) {
        va_end(va);
        return nullptr;
      }
      continue;
    }
    const char* start = f++;
    if (*f == '%') {
      out.push_back(U'%');
      f++;
      continue;
    }
    bool left = false, zero = false, alt = false;
    for (;; f++) {
      if (*f == '-') left = true;
      else if (*f == '0') zero = true;
      else if (*f == '#') alt = true;
      else break;
    }
    ssize width = -1, precision = -1;
    if (*f == '*') {
      int w = va_arg(va, int);
      if (w < 0) {
        left = true;
        w = -w;
      }
      width = w;
      f++;
    } else if (*f >= '0' && *f <= '9') {
      width = 0;
      while (*f >= '0' && *f <= '9') width = width * 10 + (*f++ - '0');
    }
    if (*f == '.') {
      f++;
      if (*f == '*') {
        int pr = va_arg(va, int);
        precision = pr < 0 ? -1 : pr;
        f++;
      } else {
        precision = 0;
        while (*f >= '0' && *f <= '9') precision = precision * 10 + (*f++ - '0');
      }
    }
    // Length modifier: l, ll, z, t, j.
    enum { kNone, kLong, kLongLong, kSize, kPtrdiff, kIntmax } size = kNone;
    if (f[0] == 'l' && f[1] == 'l') {
      size = kLongLong;
      f += 2;
    } else if (*f == 'l') {
      size = kLong;
      f++;
    } else if (*f == 'z') {
      size = kSize;
      f++;
    } else if (*f == 't') {
      size = kPtrdiff;
      f++;
    } else if (*f == 'j') {
      size = kIntmax;
      f++;
    }
    char conv = *f;
    if (conv == '\0') return invalid(start);
    f++;
    std::u32string piece;
    bool numeric = false;
    switch (conv) {
      case 'c': {
        if (size != kNone || width >= 0 || precision >= 0 || left || zero || alt) return invalid(start);
        int ch = va_arg(va, int);
        if (ch < 0 || ch > 0x10ffff) {
          va_end(va);
          return set_error(&exc_OverflowError, "character argument not in range(0x110000)");
        }
        out.push_back(char32_t(ch));
        continue;
      }
      case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': {
        numeric = true;
        char spec[32];
        char* s = spec;
        *s++ = '%';
        if (left) *s++ = '-';
        if (zero) *s++ = '0';
        if (width >= 0) s += std::snprintf(s, 12, "%zd", width);
        if (precision >= 0) s += std::snprintf(s, 13, ".%zd", precision);
        bool is_signed = conv == 'd' || conv == 'i';
        char buf[512];
        switch (size) {
          case kNone:
            *s++ = conv, *s = 0;
            if (is_signed) std::snprintf(buf, sizeof buf, spec, va_arg(va, int));
            else std::snprintf(buf, sizeof buf, spec, va_arg(va, unsigned int));
            break;
          case kLong:
            *s++ = 'l', *s++ = conv, *s = 0;
            if (is_signed) std::snprintf(buf, sizeof buf, spec, va_arg(va, long));
            else std::snprintf(buf, sizeof buf, spec, va_arg(va, unsigned long));
            break;
          case kLongLong:
            *s++ = 'l', *s++ = 'l', *s++ = conv, *s = 0;
            if (is_signed) std::snprintf(buf, sizeof buf, spec, va_arg(va, long long));
            else std::snprintf(buf, sizeof buf, spec, va_arg(va, unsigned long long));
            break;
          case kSize:
            *s++ = 'z', *s++ = conv, *s = 0;
            if (is_signed) std::snprintf(buf, sizeof buf, spec, va_arg(va, Py_ssize_t));
            else std::snprintf(buf, sizeof buf, spec, va_arg(va, size_t));
            break;
          case kPtrdiff:
            *s++ = 't', *s++ = conv, *s = 0;
            std::snprintf(buf, sizeof buf, spec, va_arg(va, ptrdiff_t));
            break;
          case kIntmax:
            *s++ = 'j', *s++ = conv, *s = 0;
            if (is_signed) std::snprintf(buf, sizeof buf, spec, va_arg(va, intmax_t));
            else std::snprintf(buf, sizeof buf, spec, va_arg(va, uintmax_t));
            break;
        }
        for (const char* b = buf; *b; b++) out.push_back(char32_t(uint8_t(*b)));
        continue;
      }
      case 'p': {
        if (size != kNone) return invalid(start);
        char buf[64];
        std::snprintf(buf, sizeof buf, "%p", va_arg(va, void*));
        std::string s = buf;
        if (s.size() < 2 || s[1] != 'x') s = "0x" + s;  // CPython's "%p" always carries 0x
        for (char c : s) piece.push_back(char32_t(uint8_t(c)));
        break;
      }
      case 's': {
        if (size == kLong) {
          const wchar_t* w = va_arg(va, const wchar_t*);
          append_wide(&piece, w, precision);
        } else if (size == kNone) {
          const char* s = va_arg(va, const char*);
          ssize n = ssize(std::strlen(s));
          if (precision >= 0 && precision < n) n = precision;
          if (!append_utf8(&piece, s, n)) {
            va_end(va);
            return nullptr;
          }
        } else {
          return invalid(start);
        }
        break;
      }
      case 'U': case 'S': case 'R': case 'A': case 'V': case 'T': case 'N': {
        if (size != kNone && !(conv == 'V' && size == kLong)) return invalid(start);
        Object* obj = va_arg(va, PyObject*);
        if (conv == 'V') {
          const void* alt_str = va_arg(va, const void*);
          if (!obj) {
            if (size == kLong) {
              append_wide(&piece, static_cast<const wchar_t*>(alt_str), precision);
            } else {
              const char* s = static_cast<const char*>(alt_str);
              ssize n = ssize(std::strlen(s));
              if (precision >= 0 && precision < n) n = precision;
              if (!append_utf8(&piece, s, n)) {
                va_end(va);
                return nullptr;
              }
            }
            break;
          }
        }
        ORef s;
        if (conv == 'U' || conv == 'V') {
          if (!obj || !type_check(obj, &str_type)) {
            va_end(va);
            return set_error(&exc_SystemError, "PyUnicode_FromFormatV: %U/%V argument is not a str");
          }
          s = borrow(obj);
        } else if (conv == 'T' || conv == 'N') {
          Type* t;
          if (conv == 'T') {
            t = type_of(obj);
          } else {
            if (!type_check(obj, &type_type)) {
              va_end(va);
              set_errorf(&exc_TypeError, "%N argument must be a type; got {}", type_name(obj));
              return nullptr;
            }
            t = reinterpret_cast<Type*>(obj);
          }
          if (!append_type_name(&piece, t, alt)) {
            va_end(va);
            return nullptr;
          }
          break;
        } else {
          s = steal(conv == 'S' ? object_str(obj) : conv == 'R' ? object_repr(obj) : str_ascii(obj));
          if (!s) {
            va_end(va);
            return nullptr;
          }
        }
        append_str(&piece, s.get(), precision);
        break;
      }
      default:
        return invalid(start);
    }
    (void)numeric;
    if (precision >= 0 && (conv == 'T' || conv == 'N' || conv == 'p') && ssize(piece.size()) > precision)
      piece.resize(size_t(precision));
    ssize pad = width > ssize(piece.size()) ? width - ssize(piece.size()) : 0;
    if (!left) out.append(size_t(pad), U' ');
    out += piece;
    if (left) out.append(size_t(pad), U' ');
  }
  va_end(va);
  return str_from_ucs4(reinterpret_cast<const uint32_t*>(out.data()), ssize(out.size()));
}

PyObject* PyUnicode_FromFormat(const char* format, ...) {
  va_list va;
  va_start(va, format);
  PyObject* r = PyUnicode_FromFormatV(format, va);
  va_end(va);
  return r;
}

// ---- UnicodeError accessors: through the attributes, with CPython's type checks and clamping. ----

static Object* uerr_attr(Object* exc, const char* name, Type* want, const char* what) {
  ORef v = steal(get_attr_str(exc, name));
  if (!v) return nullptr;
  if (!type_check(v.get(), want)) return set_errorf(&exc_TypeError, "{} attribute must be {}", name, what);
  return v.release();
}

static Object* uerr_object(Object* exc, bool bytes) {
  return bytes ? uerr_attr(exc, "object", &bytes_type, "bytes") : uerr_attr(exc, "object", &str_type, "unicode");
}

PyObject* PyUnicodeEncodeError_GetEncoding(PyObject* exc) { return uerr_attr(exc, "encoding", &str_type, "unicode"); }
PyObject* PyUnicodeDecodeError_GetEncoding(PyObject* exc) { return uerr_attr(exc, "encoding", &str_type, "unicode"); }
PyObject* PyUnicodeEncodeError_GetObject(PyObject* exc) { return uerr_object(exc, false); }
PyObject* PyUnicodeDecodeError_GetObject(PyObject* exc) { return uerr_object(exc, true); }
PyObject* PyUnicodeTranslateError_GetObject(PyObject* exc) { return uerr_object(exc, false); }
PyObject* PyUnicodeEncodeError_GetReason(PyObject* exc) { return uerr_attr(exc, "reason", &str_type, "unicode"); }
PyObject* PyUnicodeDecodeError_GetReason(PyObject* exc) { return uerr_attr(exc, "reason", &str_type, "unicode"); }
PyObject* PyUnicodeTranslateError_GetReason(PyObject* exc) { return uerr_attr(exc, "reason", &str_type, "unicode"); }

static int uerr_get_pos(Object* exc, const char* name, bool bytes, bool is_end, Py_ssize_t* out) {
  ORef obj = steal(uerr_object(exc, bytes));
  if (!obj) return -1;
  ssize size = object_length(obj.get());
  if (size < 0) return -1;
  ORef v = steal(get_attr_str(exc, name));
  if (!v) return -1;
  ssize x = int_as_ssize(v.get());
  if (x == -1 && error_occurred()) return -1;
  if (is_end) {
    if (x < 1) x = 1;
    if (x > size) x = size;
  } else {
    if (x < 0) x = 0;
    if (x >= size) x = size == 0 ? 0 : size - 1;
  }
  *out = x;
  return 0;
}

static int uerr_set_pos(Object* exc, const char* name, Py_ssize_t v) {
  ORef n = steal(int_from_i64(v));
  if (!n) return -1;
  return set_attr_str(exc, name, n.get());
}

static int uerr_set_reason(Object* exc, const char* reason) {
  ORef r = steal(str_from_utf8(reason, ssize(std::strlen(reason))));
  if (!r) return -1;
  return set_attr_str(exc, "reason", r.get());
}

int PyUnicodeEncodeError_GetStart(PyObject* e, Py_ssize_t* s) { return uerr_get_pos(e, "start", false, false, s); }
int PyUnicodeDecodeError_GetStart(PyObject* e, Py_ssize_t* s) { return uerr_get_pos(e, "start", true, false, s); }
int PyUnicodeTranslateError_GetStart(PyObject* e, Py_ssize_t* s) { return uerr_get_pos(e, "start", false, false, s); }
int PyUnicodeEncodeError_GetEnd(PyObject* e, Py_ssize_t* s) { return uerr_get_pos(e, "end", false, true, s); }
int PyUnicodeDecodeError_GetEnd(PyObject* e, Py_ssize_t* s) { return uerr_get_pos(e, "end", true, true, s); }
int PyUnicodeTranslateError_GetEnd(PyObject* e, Py_ssize_t* s) { return uerr_get_pos(e, "end", false, true, s); }
int PyUnicodeEncodeError_SetStart(PyObject* e, Py_ssize_t v) { return uerr_set_pos(e, "start", v); }
int PyUnicodeDecodeError_SetStart(PyObject* e, Py_ssize_t v) { return uerr_set_pos(e, "start", v); }
int PyUnicodeTranslateError_SetStart(PyObject* e, Py_ssize_t v) { return uerr_set_pos(e, "start", v); }
int PyUnicodeEncodeError_SetEnd(PyObject* e, Py_ssize_t v) { return uerr_set_pos(e, "end", v); }
int PyUnicodeDecodeError_SetEnd(PyObject* e, Py_ssize_t v) { return uerr_set_pos(e, "end", v); }
int PyUnicodeTranslateError_SetEnd(PyObject* e, Py_ssize_t v) { return uerr_set_pos(e, "end", v); }
int PyUnicodeEncodeError_SetReason(PyObject* e, const char* r) { return uerr_set_reason(e, r); }
int PyUnicodeDecodeError_SetReason(PyObject* e, const char* r) { return uerr_set_reason(e, r); }
int PyUnicodeTranslateError_SetReason(PyObject* e, const char* r) { return uerr_set_reason(e, r); }

PyObject* PyUnicodeDecodeError_Create(const char* encoding, const char* object, Py_ssize_t length, Py_ssize_t start,
                                      Py_ssize_t end, const char* reason) {
  ORef enc = steal(str_from_utf8(encoding, ssize(std::strlen(encoding))));
  ORef obj = steal(bytes_from(object, length));
  ORef s = steal(int_from_i64(start));
  ORef e = steal(int_from_i64(end));
  ORef r = steal(str_from_utf8(reason, ssize(std::strlen(reason))));
  if (!enc || !obj || !s || !e || !r) return nullptr;
  Object* args[5] = {enc.get(), obj.get(), s.get(), e.get(), r.get()};
  return call(reinterpret_cast<Object*>(&exc_UnicodeDecodeError), args, 5, nullptr);
}

}  // extern "C"
