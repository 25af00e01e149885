// The str C-API, part 3 (unicodeobject.h): codecs, the locale and filesystem encodings (UTF-8: pyvm runs in UTF-8
// mode), the path converters, and the Unicode character database. Owner: numbers-strings.
#include "Python.h"

#include <cstring>

#include "objects/abstract.h"
#include "objects/codecs.h"
#include "objects/errors.h"
#include "objects/str.h"
#include "objects/types.h"

namespace {

using pyvm::Codec;
using pyvm::ORef;
using pyvm::Object;

std::nullptr_t bad_internal_call() { return pyvm::set_error(&pyvm::exc_SystemError, "bad argument to internal function"); }
std::nullptr_t bad_argument() { return pyvm::set_error(&pyvm::exc_TypeError, "bad argument type for built-in operation"); }
constexpr int kCleanupSupported = 0x20000;  // Py_CLEANUP_SUPPORTED (modsupport.h)

Object* decode(Codec c, const char* s, Py_ssize_t size, const char* errors, Py_ssize_t* consumed = nullptr,
               int* byteorder = nullptr) {
  if (size < 0 || (!s && size)) return bad_internal_call();
  int bo = byteorder ? *byteorder : 0;
  Object* r = pyvm::codec_decode(c, s ? s : "", size, errors ? errors : "strict", consumed == nullptr, consumed, &bo);
  if (r && byteorder) *byteorder = bo;
  return r;
}

Object* encode(Codec c, Object* u, int byteorder = 0) {
  if (!u || !PyUnicode_Check(u)) return bad_argument();
  return pyvm::codec_encode(c, u, "strict", byteorder);
}

// The locale codec's error handlers: CPython's locale functions accept these and raise "unsupported error handler"
// for the rest.
bool locale_errors(const char* errors, const char** handler) {
  if (!errors || std::strcmp(errors, "strict") == 0) {
    *handler = "strict";
  } else if (std::strcmp(errors, "surrogateescape") == 0 || std::strcmp(errors, "surrogatepass") == 0) {
    *handler = errors;
  } else {
    pyvm::set_error(&pyvm::exc_ValueError, "unsupported error handler");
    return false;
  }
  return true;
}

// Raises UnicodeEncodeError/UnicodeDecodeError('locale', obj, start, start + 1, reason), as CPython's locale codec.
std::nullptr_t locale_error(pyvm::Type* type, Object* obj, Py_ssize_t start, const char* reason) {
  ORef enc = pyvm::steal(PyUnicode_FromString("locale"));
  ORef st = pyvm::steal(PyLong_FromSsize_t(start));
  ORef en = pyvm::steal(PyLong_FromSsize_t(start + 1));
  ORef re = pyvm::steal(PyUnicode_FromString(reason));
  if (!enc || !st || !en || !re) return nullptr;
  Object* args[5] = {enc.get(), obj, st.get(), en.get(), re.get()};
  Object* exc = pyvm::call(reinterpret_cast<Object*>(type), args, 5, nullptr);
  if (exc) pyvm::set_error_steal(exc);
  return nullptr;
}

}  // namespace

extern "C" {

// ---- Generic and named codecs.

PyObject* PyUnicode_Decode(const char* s, Py_ssize_t size, const char* encoding, const char* errors) {
  if (size < 0 || (!s && size)) return bad_internal_call();
  return pyvm::str_decode(s ? s : "", size, encoding, errors);
}

PyObject* PyUnicode_AsEncodedString(PyObject* unicode, const char* encoding, const char* errors) {
  if (!unicode || !PyUnicode_Check(unicode)) return bad_argument();
  return pyvm::str_encode(unicode, encoding, errors);
}

PyObject* PyUnicode_DecodeUTF8(const char* s, Py_ssize_t size, const char* errors) {
  return decode(Codec::kUtf8, s, size, errors);
}
PyObject* PyUnicode_DecodeUTF8Stateful(const char* s, Py_ssize_t size, const char* errors, Py_ssize_t* consumed) {
  return decode(Codec::kUtf8, s, size, errors, consumed);
}
PyObject* PyUnicode_AsUTF8String(PyObject* unicode) { return encode(Codec::kUtf8, unicode); }

PyObject* PyUnicode_DecodeUTF16(const char* s, Py_ssize_t size, const char* errors, int* byteorder) {
  return decode(Codec::kUtf16, s, size, errors, nullptr, byteorder);
}
PyObject* PyUnicode_DecodeUTF16Stateful(const char* s, Py_ssize_t size, const char* errors, int* byteorder,
                                        Py_ssize_t* consumed) {
  return decode(Codec::kUtf16, s, size, errors, consumed, byteorder);
}
PyObject* PyUnicode_AsUTF16String(PyObject* unicode) { return encode(Codec::kUtf16, unicode); }

PyObject* PyUnicode_DecodeUTF32(const char* s, Py_ssize_t size, const char* errors, int* byteorder) {
  return decode(Codec::kUtf32, s, size, errors, nullptr, byteorder);
}
PyObject* PyUnicode_DecodeUTF32Stateful(const char* s, Py_ssize_t size, const char* errors, int* byteorder,
                                        Py_ssize_t* consumed) {
  return decode(Codec::kUtf32, s, size, errors, consumed, byteorder);
}
PyObject* PyUnicode_AsUTF32String(PyObject* unicode) { return encode(Codec::kUtf32, unicode); }

PyObject* PyUnicode_DecodeUnicodeEscape(const char* s, Py_ssize_t size, const char* errors) {
  return decode(Codec::kUnicodeEscape, s, size, errors);
}
PyObject* PyUnicode_AsUnicodeEscapeString(PyObject* unicode) { return encode(Codec::kUnicodeEscape, unicode); }
PyObject* PyUnicode_DecodeRawUnicodeEscape(const char* s, Py_ssize_t size, const char* errors) {
  return decode(Codec::kRawUnicodeEscape, s, size, errors);
}
PyObject* PyUnicode_AsRawUnicodeEscapeString(PyObject* unicode) { return encode(Codec::kRawUnicodeEscape, unicode); }

PyObject* PyUnicode_DecodeLatin1(const char* s, Py_ssize_t size, const char* errors) {
  return decode(Codec::kLatin1, s, size, errors);
}
PyObject* PyUnicode_AsLatin1String(PyObject* unicode) { return encode(Codec::kLatin1, unicode); }
PyObject* PyUnicode_DecodeASCII(const char* s, Py_ssize_t size, const char* errors) {
  return decode(Codec::kAscii, s, size, errors);
}
PyObject* PyUnicode_AsASCIIString(PyObject* unicode) { return encode(Codec::kAscii, unicode); }

// ---- Locale and filesystem encodings.

PyObject* PyUnicode_DecodeLocaleAndSize(const char* str, Py_ssize_t len, const char* errors) {
  if (!str || len < 0) return bad_internal_call();
  if (str[len] != '\0' || size_t(len) != std::strlen(str)) {
    return pyvm::set_error(&pyvm::exc_ValueError, "embedded null byte");
  }
  const char* handler;
  if (!locale_errors(errors, &handler)) return nullptr;
  Object* r = pyvm::str_decode(str, len, "utf-8", handler);
  if (r || !pyvm::error_matches(&pyvm::exc_UnicodeDecodeError)) return r;
  // Re-raise as the locale codec does: the first undecodable byte, reason "decoding error".
  ORef exc = pyvm::steal(pyvm::error_take());
  ORef start = pyvm::steal(pyvm::get_attr_str(exc.get(), "start"));
  Py_ssize_t pos = start ? PyLong_AsSsize_t(start.get()) : -1;
  if (pos < 0) {
    pyvm::set_error_steal(exc.release());
    return nullptr;
  }
  ORef b = pyvm::steal(PyBytes_FromStringAndSize(str, len));
  if (!b) return nullptr;
  return locale_error(&pyvm::exc_UnicodeDecodeError, b.get(), pos, "decoding error");
}

PyObject* PyUnicode_DecodeLocale(const char* str, const char* errors) {
  if (!str) return bad_internal_call();
  return PyUnicode_DecodeLocaleAndSize(str, Py_ssize_t(std::strlen(str)), errors);
}

PyObject* PyUnicode_EncodeLocale(PyObject* unicode, const char* errors) {
  if (!unicode || !PyUnicode_Check(unicode)) return bad_argument();
  const char* handler;
  if (!locale_errors(errors, &handler)) return nullptr;
  Py_ssize_t len = PyUnicode_GET_LENGTH(unicode);
  int kind = PyUnicode_KIND(unicode);
  const void* data = PyUnicode_DATA(unicode);
  for (Py_ssize_t i = 0; i < len; i++) {
    Py_UCS4 ch = PyUnicode_READ(kind, data, i);
    if (ch == 0) return pyvm::set_error(&pyvm::exc_ValueError, "embedded null character");
    if (!Py_UNICODE_IS_SURROGATE(ch)) continue;
    bool escaped = std::strcmp(handler, "surrogatepass") == 0 ||
                   (std::strcmp(handler, "surrogateescape") == 0 && ch >= 0xDC80 && ch <= 0xDCFF);
    if (!escaped) return locale_error(&pyvm::exc_UnicodeEncodeError, unicode, i, "encoding error");
  }
  return pyvm::str_encode(unicode, "utf-8", handler);
}

PyObject* PyUnicode_DecodeFSDefaultAndSize(const char* s, Py_ssize_t size) {
  if (size < 0 || (!s && size)) return bad_internal_call();
  return pyvm::str_decode(s ? s : "", size, "utf-8", "surrogateescape");
}

PyObject* PyUnicode_DecodeFSDefault(const char* s) {
  if (!s) return bad_internal_call();
  return PyUnicode_DecodeFSDefaultAndSize(s, Py_ssize_t(std::strlen(s)));
}

PyObject* PyUnicode_EncodeFSDefault(PyObject* unicode) {
  if (!unicode || !PyUnicode_Check(unicode)) return bad_argument();
  return pyvm::str_encode(unicode, "utf-8", "surrogateescape");
}

int PyUnicode_FSConverter(PyObject* arg, void* addr) {
  PyObject** out = static_cast<PyObject**>(addr);
  if (!arg) {  // the cleanup call
    Py_XDECREF(*out);
    *out = nullptr;
    return 1;
  }
  ORef path = pyvm::steal(pyvm::fspath(arg));
  if (!path) return 0;
  ORef output;
  if (PyBytes_Check(path.get())) {
    output = std::move(path);
  } else {
    output = pyvm::steal(PyUnicode_EncodeFSDefault(path.get()));
    if (!output) return 0;
  }
  if (size_t(PyBytes_GET_SIZE(output.get())) != std::strlen(PyBytes_AS_STRING(output.get()))) {
    pyvm::set_error(&pyvm::exc_ValueError, "embedded null byte");
    return 0;
  }
  *out = output.release();
  return kCleanupSupported;
}

int PyUnicode_FSDecoder(PyObject* arg, void* addr) {
  PyObject** out = static_cast<PyObject**>(addr);
  if (!arg) {
    Py_XDECREF(*out);
    *out = nullptr;
    return 1;
  }
  ORef path = pyvm::steal(pyvm::fspath(arg));
  if (!path) return 0;
  ORef output;
  if (PyUnicode_Check(path.get())) {
    output = std::move(path);
  } else if (PyBytes_Check(path.get())) {
    output = pyvm::steal(PyUnicode_DecodeFSDefaultAndSize(PyBytes_AS_STRING(path.get()), PyBytes_GET_SIZE(path.get())));
    if (!output) return 0;
  } else {
    pyvm::set_errorf(&pyvm::exc_TypeError, "path should be string, bytes, or os.PathLike, not {:.200}",
                     pyvm::type_name(arg));
    return 0;
  }
  if (PyUnicode_FindChar(output.get(), 0, 0, PyUnicode_GET_LENGTH(output.get()), 1) >= 0) {
    pyvm::set_error(&pyvm::exc_ValueError, "embedded null character");
    return 0;
  }
  *out = output.release();
  return kCleanupSupported;
}

// ---- The Unicode character database.

const unsigned char _Py_ascii_whitespace[128] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0,  // \t \n \v \f \r
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1,  // \x1c..\x1f
    1,                                                // space
};

int _PyUnicode_IsLowercase(Py_UCS4 ch) { return pyvm::uchar_islower(ch); }
int _PyUnicode_IsUppercase(Py_UCS4 ch) { return pyvm::uchar_isupper(ch); }
int _PyUnicode_IsTitlecase(Py_UCS4 ch) { return pyvm::uchar_istitle(ch); }
int _PyUnicode_IsWhitespace(const Py_UCS4 ch) { return pyvm::uchar_isspace(ch); }
int _PyUnicode_IsLinebreak(const Py_UCS4 ch) { return pyvm::uchar_islinebreak(ch); }
int _PyUnicode_IsDecimalDigit(Py_UCS4 ch) { return pyvm::uchar_isdecimal(ch); }
int _PyUnicode_IsDigit(Py_UCS4 ch) { return pyvm::uchar_isdigit(ch); }
int _PyUnicode_IsNumeric(Py_UCS4 ch) { return pyvm::uchar_isnumeric(ch); }
int _PyUnicode_IsPrintable(Py_UCS4 ch) { return pyvm::uchar_isprintable(ch); }
int _PyUnicode_IsAlpha(Py_UCS4 ch) { return pyvm::uchar_isalpha(ch); }
int _PyUnicode_ToDecimalDigit(Py_UCS4 ch) { return pyvm::uchar_decimal(ch); }
int _PyUnicode_ToDigit(Py_UCS4 ch) { return pyvm::uchar_digit(ch); }

double _PyUnicode_ToNumeric(Py_UCS4 ch) {
  double v;
  return pyvm::uchar_numeric_value(ch, &v) ? v : -1.0;
}

// CPython's single-character case mappings give the first code point of the full mapping ('ß' -> 'S').
Py_UCS4 _PyUnicode_ToLowercase(Py_UCS4 ch) {
  uint32_t out[3];
  return pyvm::uchar_to_lower_full(ch, out) > 0 ? out[0] : ch;
}
Py_UCS4 _PyUnicode_ToUppercase(Py_UCS4 ch) {
  uint32_t out[3];
  return pyvm::uchar_to_upper_full(ch, out) > 0 ? out[0] : ch;
}
Py_UCS4 _PyUnicode_ToTitlecase(Py_UCS4 ch) {
  uint32_t out[3];
  return pyvm::uchar_to_title_full(ch, out) > 0 ? out[0] : ch;
}

}  // extern "C"
