/* unicodeobject.h: str objects (PEP 393 compact strings), their inline accessors, and the str C-API: construction,
 * conversion to C buffers, the string methods, codecs, the locale and filesystem encodings, and the Unicode character
 * database. pyvm's runtime creates compact strings only; PyUnicodeObject's data pointer is used by str subclasses.
 * PyUnicode_FromFormat/FromFormatV are declared in pyerrors.h (helper capi-b).
 * Written by us to CPython 3.13's documented API. Owner: numbers-strings. */
#ifndef PYVM_CAPI_UNICODEOBJECT_H
#define PYVM_CAPI_UNICODEOBJECT_H

#ifdef __cplusplus
extern "C" {
#endif

PyAPI_DATA(PyTypeObject) PyUnicode_Type;
#define PyUnicode_Check(op) PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_UNICODE_SUBCLASS)
#define PyUnicode_CheckExact(op) Py_IS_TYPE((op), &PyUnicode_Type)

/* wchar_t is 32 bits on Linux: a wchar_t string is UCS-4. */
typedef wchar_t Py_UNICODE;
#define Py_UNICODE_SIZE 4
#define Py_UNICODE_WIDE
#define Py_UNICODE_REPLACEMENT_CHARACTER ((Py_UCS4)0xFFFD)

/* ---- UTF-16 surrogates. */
static inline int Py_UNICODE_IS_SURROGATE(Py_UCS4 ch) { return 0xD800 <= ch && ch <= 0xDFFF; }
static inline int Py_UNICODE_IS_HIGH_SURROGATE(Py_UCS4 ch) { return 0xD800 <= ch && ch <= 0xDBFF; }
static inline int Py_UNICODE_IS_LOW_SURROGATE(Py_UCS4 ch) { return 0xDC00 <= ch && ch <= 0xDFFF; }
static inline Py_UCS4 Py_UNICODE_JOIN_SURROGATES(Py_UCS4 high, Py_UCS4 low) {
  return 0x10000 + (((high & 0x03FF) << 10) | (low & 0x03FF));
}
static inline Py_UCS4 Py_UNICODE_HIGH_SURROGATE(Py_UCS4 ch) { return 0xD800 - (0x10000 >> 10) + (ch >> 10); }
static inline Py_UCS4 Py_UNICODE_LOW_SURROGATE(Py_UCS4 ch) { return 0xDC00 + (ch & 0x3FF); }

/* ---- The PEP 393 accessors (3.13's inline functions; they read the layout in pyvm_abi/concrete.h). */
#define SSTATE_NOT_INTERNED 0
#define SSTATE_INTERNED_MORTAL 1
#define SSTATE_INTERNED_IMMORTAL 2
#define SSTATE_INTERNED_IMMORTAL_STATIC 3

#define _PyASCIIObject_CAST(op) ((PyASCIIObject *)(op))
#define _PyCompactUnicodeObject_CAST(op) ((PyCompactUnicodeObject *)(op))
#define _PyUnicodeObject_CAST(op) ((PyUnicodeObject *)(op))

static inline unsigned int PyUnicode_CHECK_INTERNED(PyObject *op) { return _PyASCIIObject_CAST(op)->state.interned; }
#define PyUnicode_CHECK_INTERNED(op) PyUnicode_CHECK_INTERNED(_PyObject_CAST(op))
static inline unsigned int PyUnicode_IS_READY(PyObject *op) {
  (void)op;
  return 1;
}
#define PyUnicode_IS_READY(op) PyUnicode_IS_READY(_PyObject_CAST(op))
static inline int PyUnicode_READY(PyObject *op) {
  (void)op;
  return 0;
}
#define PyUnicode_READY(op) PyUnicode_READY(_PyObject_CAST(op))
static inline unsigned int PyUnicode_IS_ASCII(PyObject *op) { return _PyASCIIObject_CAST(op)->state.ascii; }
#define PyUnicode_IS_ASCII(op) PyUnicode_IS_ASCII(_PyObject_CAST(op))
static inline unsigned int PyUnicode_IS_COMPACT(PyObject *op) { return _PyASCIIObject_CAST(op)->state.compact; }
#define PyUnicode_IS_COMPACT(op) PyUnicode_IS_COMPACT(_PyObject_CAST(op))
static inline int PyUnicode_IS_COMPACT_ASCII(PyObject *op) {
  return _PyASCIIObject_CAST(op)->state.ascii && PyUnicode_IS_COMPACT(op);
}
#define PyUnicode_IS_COMPACT_ASCII(op) PyUnicode_IS_COMPACT_ASCII(_PyObject_CAST(op))

#define PyUnicode_KIND(op) _Py_RVALUE(_PyASCIIObject_CAST(op)->state.kind)

/* A compact string's characters follow its header: right after PyASCIIObject for ASCII, else after
 * PyCompactUnicodeObject. */
static inline void *_PyUnicode_COMPACT_DATA(PyObject *op) {
  if (PyUnicode_IS_ASCII(op)) return (void *)(_PyASCIIObject_CAST(op) + 1);
  return (void *)(_PyCompactUnicodeObject_CAST(op) + 1);
}
static inline void *_PyUnicode_NONCOMPACT_DATA(PyObject *op) { return _PyUnicodeObject_CAST(op)->data.any; }
static inline void *PyUnicode_DATA(PyObject *op) {
  if (PyUnicode_IS_COMPACT(op)) return _PyUnicode_COMPACT_DATA(op);
  return _PyUnicode_NONCOMPACT_DATA(op);
}
#define PyUnicode_DATA(op) PyUnicode_DATA(_PyObject_CAST(op))
#define PyUnicode_1BYTE_DATA(op) _Py_STATIC_CAST(Py_UCS1 *, PyUnicode_DATA(op))
#define PyUnicode_2BYTE_DATA(op) _Py_STATIC_CAST(Py_UCS2 *, PyUnicode_DATA(op))
#define PyUnicode_4BYTE_DATA(op) _Py_STATIC_CAST(Py_UCS4 *, PyUnicode_DATA(op))

static inline Py_ssize_t PyUnicode_GET_LENGTH(PyObject *op) { return _PyASCIIObject_CAST(op)->length; }
#define PyUnicode_GET_LENGTH(op) PyUnicode_GET_LENGTH(_PyObject_CAST(op))

static inline void PyUnicode_WRITE(int kind, void *data, Py_ssize_t index, Py_UCS4 value) {
  if (kind == PyUnicode_1BYTE_KIND) {
    _Py_STATIC_CAST(Py_UCS1 *, data)[index] = _Py_STATIC_CAST(Py_UCS1, value);
  } else if (kind == PyUnicode_2BYTE_KIND) {
    _Py_STATIC_CAST(Py_UCS2 *, data)[index] = _Py_STATIC_CAST(Py_UCS2, value);
  } else {
    _Py_STATIC_CAST(Py_UCS4 *, data)[index] = value;
  }
}
#define PyUnicode_WRITE(kind, data, index, value) \
  PyUnicode_WRITE(_Py_STATIC_CAST(int, kind), _Py_CAST(void *, data), (index), _Py_STATIC_CAST(Py_UCS4, value))

static inline Py_UCS4 PyUnicode_READ(int kind, const void *data, Py_ssize_t index) {
  if (kind == PyUnicode_1BYTE_KIND) return _Py_STATIC_CAST(const Py_UCS1 *, data)[index];
  if (kind == PyUnicode_2BYTE_KIND) return _Py_STATIC_CAST(const Py_UCS2 *, data)[index];
  return _Py_STATIC_CAST(const Py_UCS4 *, data)[index];
}
#define PyUnicode_READ(kind, data, index) \
  PyUnicode_READ(_Py_STATIC_CAST(int, kind), _Py_CAST(const void *, data), (index))

static inline Py_UCS4 PyUnicode_READ_CHAR(PyObject *unicode, Py_ssize_t index) {
  int kind = PyUnicode_KIND(unicode);
  if (kind == PyUnicode_1BYTE_KIND) return PyUnicode_1BYTE_DATA(unicode)[index];
  if (kind == PyUnicode_2BYTE_KIND) return PyUnicode_2BYTE_DATA(unicode)[index];
  return PyUnicode_4BYTE_DATA(unicode)[index];
}
#define PyUnicode_READ_CHAR(unicode, index) PyUnicode_READ_CHAR(_PyObject_CAST(unicode), (index))

static inline Py_UCS4 PyUnicode_MAX_CHAR_VALUE(PyObject *op) {
  if (PyUnicode_IS_ASCII(op)) return 0x7fU;
  int kind = PyUnicode_KIND(op);
  if (kind == PyUnicode_1BYTE_KIND) return 0xffU;
  if (kind == PyUnicode_2BYTE_KIND) return 0xffffU;
  return 0x10ffffU;
}
#define PyUnicode_MAX_CHAR_VALUE(op) PyUnicode_MAX_CHAR_VALUE(_PyObject_CAST(op))

/* ---- Construction. */
/* A new compact string of `size` code points, none above `maxchar`, for the caller to fill (with PyUnicode_WRITE or
 * memcpy) before anyone else sees it. */
PyAPI_FUNC(PyObject *) PyUnicode_New(Py_ssize_t size, Py_UCS4 maxchar);
PyAPI_FUNC(PyObject *) PyUnicode_FromStringAndSize(const char *u, Py_ssize_t size);
PyAPI_FUNC(PyObject *) PyUnicode_FromString(const char *u);
PyAPI_FUNC(PyObject *) PyUnicode_FromKindAndData(int kind, const void *buffer, Py_ssize_t size);
PyAPI_FUNC(PyObject *) PyUnicode_FromOrdinal(int ordinal);
PyAPI_FUNC(PyObject *) PyUnicode_FromObject(PyObject *obj);
PyAPI_FUNC(PyObject *) PyUnicode_FromEncodedObject(PyObject *obj, const char *encoding, const char *errors);
PyAPI_FUNC(PyObject *) PyUnicode_FromWideChar(const wchar_t *w, Py_ssize_t size);
PyAPI_FUNC(PyObject *) PyUnicode_Substring(PyObject *str, Py_ssize_t start, Py_ssize_t end);

/* ---- Conversion to C buffers. Buffers returned by AsWideCharString and AsUCS4Copy are freed with PyMem_Free. */
PyAPI_FUNC(Py_ssize_t) PyUnicode_AsWideChar(PyObject *unicode, wchar_t *w, Py_ssize_t size);
PyAPI_FUNC(wchar_t *) PyUnicode_AsWideCharString(PyObject *unicode, Py_ssize_t *size);
/* The UTF-8 form, cached in the string (valid as long as the string lives). */
PyAPI_FUNC(const char *) PyUnicode_AsUTF8AndSize(PyObject *unicode, Py_ssize_t *size);
PyAPI_FUNC(const char *) PyUnicode_AsUTF8(PyObject *unicode);
PyAPI_FUNC(Py_UCS4 *) PyUnicode_AsUCS4(PyObject *unicode, Py_UCS4 *buffer, Py_ssize_t buflen, int copy_null);
PyAPI_FUNC(Py_UCS4 *) PyUnicode_AsUCS4Copy(PyObject *unicode);

/* ---- Characters. */
PyAPI_FUNC(Py_ssize_t) PyUnicode_GetLength(PyObject *unicode);
PyAPI_FUNC(Py_UCS4) PyUnicode_ReadChar(PyObject *unicode, Py_ssize_t index);
/* Writes into a string that nobody else can see yet (one reference, no hash, not interned). */
PyAPI_FUNC(int) PyUnicode_WriteChar(PyObject *unicode, Py_ssize_t index, Py_UCS4 character);

/* ---- Methods. */
PyAPI_FUNC(PyObject *) PyUnicode_Concat(PyObject *left, PyObject *right);
PyAPI_FUNC(void) PyUnicode_Append(PyObject **pleft, PyObject *right);
PyAPI_FUNC(void) PyUnicode_AppendAndDel(PyObject **pleft, PyObject *right);
PyAPI_FUNC(PyObject *) PyUnicode_Split(PyObject *s, PyObject *sep, Py_ssize_t maxsplit);
PyAPI_FUNC(PyObject *) PyUnicode_RSplit(PyObject *s, PyObject *sep, Py_ssize_t maxsplit);
PyAPI_FUNC(PyObject *) PyUnicode_Splitlines(PyObject *s, int keepends);
PyAPI_FUNC(PyObject *) PyUnicode_Partition(PyObject *s, PyObject *sep);
PyAPI_FUNC(PyObject *) PyUnicode_RPartition(PyObject *s, PyObject *sep);
PyAPI_FUNC(PyObject *) PyUnicode_Join(PyObject *separator, PyObject *seq);
PyAPI_FUNC(Py_ssize_t) PyUnicode_Tailmatch(PyObject *str, PyObject *substr, Py_ssize_t start, Py_ssize_t end,
                                           int direction);
PyAPI_FUNC(Py_ssize_t) PyUnicode_Find(PyObject *str, PyObject *substr, Py_ssize_t start, Py_ssize_t end,
                                      int direction);
PyAPI_FUNC(Py_ssize_t) PyUnicode_FindChar(PyObject *str, Py_UCS4 ch, Py_ssize_t start, Py_ssize_t end,
                                          int direction);
PyAPI_FUNC(Py_ssize_t) PyUnicode_Count(PyObject *str, PyObject *substr, Py_ssize_t start, Py_ssize_t end);
PyAPI_FUNC(PyObject *) PyUnicode_Replace(PyObject *str, PyObject *substr, PyObject *replstr, Py_ssize_t maxcount);
PyAPI_FUNC(int) PyUnicode_Compare(PyObject *left, PyObject *right);
PyAPI_FUNC(int) PyUnicode_CompareWithASCIIString(PyObject *left, const char *right);
PyAPI_FUNC(int) PyUnicode_EqualToUTF8(PyObject *unicode, const char *str);
PyAPI_FUNC(int) PyUnicode_EqualToUTF8AndSize(PyObject *unicode, const char *str, Py_ssize_t size);
PyAPI_FUNC(PyObject *) PyUnicode_RichCompare(PyObject *left, PyObject *right, int op);
PyAPI_FUNC(int) PyUnicode_Contains(PyObject *container, PyObject *element);
PyAPI_FUNC(PyObject *) PyUnicode_Format(PyObject *format, PyObject *args);
PyAPI_FUNC(int) PyUnicode_IsIdentifier(PyObject *s);

/* ---- Interning. */
PyAPI_FUNC(void) PyUnicode_InternInPlace(PyObject **p);
PyAPI_FUNC(PyObject *) PyUnicode_InternFromString(const char *u);

/* ---- Codecs. Null errors mean "strict". */
PyAPI_FUNC(PyObject *) PyUnicode_Decode(const char *s, Py_ssize_t size, const char *encoding, const char *errors);
PyAPI_FUNC(PyObject *) PyUnicode_AsEncodedString(PyObject *unicode, const char *encoding, const char *errors);
PyAPI_FUNC(PyObject *) PyUnicode_DecodeUTF8(const char *string, Py_ssize_t length, const char *errors);
PyAPI_FUNC(PyObject *) PyUnicode_DecodeUTF8Stateful(const char *string, Py_ssize_t length, const char *errors,
                                                    Py_ssize_t *consumed);
PyAPI_FUNC(PyObject *) PyUnicode_AsUTF8String(PyObject *unicode);
PyAPI_FUNC(PyObject *) PyUnicode_DecodeUTF16(const char *string, Py_ssize_t length, const char *errors,
                                             int *byteorder);
PyAPI_FUNC(PyObject *) PyUnicode_DecodeUTF16Stateful(const char *string, Py_ssize_t length, const char *errors,
                                                     int *byteorder, Py_ssize_t *consumed);
PyAPI_FUNC(PyObject *) PyUnicode_AsUTF16String(PyObject *unicode);
PyAPI_FUNC(PyObject *) PyUnicode_DecodeUTF32(const char *string, Py_ssize_t length, const char *errors,
                                             int *byteorder);
PyAPI_FUNC(PyObject *) PyUnicode_DecodeUTF32Stateful(const char *string, Py_ssize_t length, const char *errors,
                                                     int *byteorder, Py_ssize_t *consumed);
PyAPI_FUNC(PyObject *) PyUnicode_AsUTF32String(PyObject *unicode);
PyAPI_FUNC(PyObject *) PyUnicode_DecodeUnicodeEscape(const char *string, Py_ssize_t length, const char *errors);
PyAPI_FUNC(PyObject *) PyUnicode_AsUnicodeEscapeString(PyObject *unicode);
PyAPI_FUNC(PyObject *) PyUnicode_DecodeRawUnicodeEscape(const char *string, Py_ssize_t length, const char *errors);
PyAPI_FUNC(PyObject *) PyUnicode_AsRawUnicodeEscapeString(PyObject *unicode);
PyAPI_FUNC(PyObject *) PyUnicode_DecodeLatin1(const char *string, Py_ssize_t length, const char *errors);
PyAPI_FUNC(PyObject *) PyUnicode_AsLatin1String(PyObject *unicode);
PyAPI_FUNC(PyObject *) PyUnicode_DecodeASCII(const char *string, Py_ssize_t length, const char *errors);
PyAPI_FUNC(PyObject *) PyUnicode_AsASCIIString(PyObject *unicode);

/* ---- The locale and filesystem encodings. pyvm runs in UTF-8 mode (as CPython with -X utf8): both are UTF-8,
 * and the filesystem error handler is surrogateescape. Locale errors: null or "strict", or "surrogateescape". */
PyAPI_FUNC(PyObject *) PyUnicode_DecodeLocaleAndSize(const char *str, Py_ssize_t len, const char *errors);
PyAPI_FUNC(PyObject *) PyUnicode_DecodeLocale(const char *str, const char *errors);
PyAPI_FUNC(PyObject *) PyUnicode_EncodeLocale(PyObject *unicode, const char *errors);
PyAPI_FUNC(PyObject *) PyUnicode_DecodeFSDefault(const char *s);
PyAPI_FUNC(PyObject *) PyUnicode_DecodeFSDefaultAndSize(const char *s, Py_ssize_t size);
PyAPI_FUNC(PyObject *) PyUnicode_EncodeFSDefault(PyObject *unicode);
/* PyArg_Parse "O&" converters: a path-like object to bytes / to str (result in *(PyObject **)result). */
PyAPI_FUNC(int) PyUnicode_FSConverter(PyObject *obj, void *result);
PyAPI_FUNC(int) PyUnicode_FSDecoder(PyObject *obj, void *result);

/* ---- The Unicode character database (the runtime's tables). */
PyAPI_FUNC(int) _PyUnicode_IsLowercase(Py_UCS4 ch);
PyAPI_FUNC(int) _PyUnicode_IsUppercase(Py_UCS4 ch);
PyAPI_FUNC(int) _PyUnicode_IsTitlecase(Py_UCS4 ch);
PyAPI_FUNC(int) _PyUnicode_IsWhitespace(const Py_UCS4 ch);
PyAPI_FUNC(int) _PyUnicode_IsLinebreak(const Py_UCS4 ch);
PyAPI_FUNC(Py_UCS4) _PyUnicode_ToLowercase(Py_UCS4 ch);
PyAPI_FUNC(Py_UCS4) _PyUnicode_ToUppercase(Py_UCS4 ch);
PyAPI_FUNC(Py_UCS4) _PyUnicode_ToTitlecase(Py_UCS4 ch);
PyAPI_FUNC(int) _PyUnicode_ToDecimalDigit(Py_UCS4 ch);
PyAPI_FUNC(int) _PyUnicode_ToDigit(Py_UCS4 ch);
PyAPI_FUNC(double) _PyUnicode_ToNumeric(Py_UCS4 ch);
PyAPI_FUNC(int) _PyUnicode_IsDecimalDigit(Py_UCS4 ch);
PyAPI_FUNC(int) _PyUnicode_IsDigit(Py_UCS4 ch);
PyAPI_FUNC(int) _PyUnicode_IsNumeric(Py_UCS4 ch);
PyAPI_FUNC(int) _PyUnicode_IsPrintable(Py_UCS4 ch);
PyAPI_FUNC(int) _PyUnicode_IsAlpha(Py_UCS4 ch);

/* 1 for the ASCII whitespace characters (\t \n \v \f \r, \x1c-\x1f and space), 0 for the rest of 0..127. */
PyAPI_DATA(const unsigned char) _Py_ascii_whitespace[];
static inline int Py_UNICODE_ISSPACE(Py_UCS4 ch) {
  if (ch < 128) return _Py_ascii_whitespace[ch];
  return _PyUnicode_IsWhitespace(ch);
}
#define Py_UNICODE_ISLOWER(ch) _PyUnicode_IsLowercase(ch)
#define Py_UNICODE_ISUPPER(ch) _PyUnicode_IsUppercase(ch)
#define Py_UNICODE_ISTITLE(ch) _PyUnicode_IsTitlecase(ch)
#define Py_UNICODE_ISLINEBREAK(ch) _PyUnicode_IsLinebreak(ch)
#define Py_UNICODE_TOLOWER(ch) _PyUnicode_ToLowercase(ch)
#define Py_UNICODE_TOUPPER(ch) _PyUnicode_ToUppercase(ch)
#define Py_UNICODE_TOTITLE(ch) _PyUnicode_ToTitlecase(ch)
#define Py_UNICODE_ISDECIMAL(ch) _PyUnicode_IsDecimalDigit(ch)
#define Py_UNICODE_ISDIGIT(ch) _PyUnicode_IsDigit(ch)
#define Py_UNICODE_ISNUMERIC(ch) _PyUnicode_IsNumeric(ch)
#define Py_UNICODE_ISPRINTABLE(ch) _PyUnicode_IsPrintable(ch)
#define Py_UNICODE_TODECIMAL(ch) _PyUnicode_ToDecimalDigit(ch)
#define Py_UNICODE_TODIGIT(ch) _PyUnicode_ToDigit(ch)
#define Py_UNICODE_TONUMERIC(ch) _PyUnicode_ToNumeric(ch)
#define Py_UNICODE_ISALPHA(ch) _PyUnicode_IsAlpha(ch)
static inline int Py_UNICODE_ISALNUM(Py_UCS4 ch) {
  return Py_UNICODE_ISALPHA(ch) || Py_UNICODE_ISDECIMAL(ch) || Py_UNICODE_ISDIGIT(ch) || Py_UNICODE_ISNUMERIC(ch);
}

#ifdef __cplusplus
}
#endif
#endif
