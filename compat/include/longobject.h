/* longobject.h: int objects (PyLongObject, 30-bit digits) and the conversions between them and C integers.
 * Written by us to CPython 3.13's documented API. Owner: numbers-strings. */
#ifndef PYVM_CAPI_LONGOBJECT_H
#define PYVM_CAPI_LONGOBJECT_H

#ifdef __cplusplus
extern "C" {
#endif

PyAPI_DATA(PyTypeObject) PyLong_Type;

/* int and its subclasses (bool too) carry Py_TPFLAGS_LONG_SUBCLASS. */
#define PyLong_Check(op) PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_LONG_SUBCLASS)
#define PyLong_CheckExact(op) Py_IS_TYPE((op), &PyLong_Type)

/* Construction. */
PyAPI_FUNC(PyObject *) PyLong_FromLong(long);
PyAPI_FUNC(PyObject *) PyLong_FromUnsignedLong(unsigned long);
PyAPI_FUNC(PyObject *) PyLong_FromLongLong(long long);
PyAPI_FUNC(PyObject *) PyLong_FromUnsignedLongLong(unsigned long long);
PyAPI_FUNC(PyObject *) PyLong_FromSsize_t(Py_ssize_t);
PyAPI_FUNC(PyObject *) PyLong_FromSize_t(size_t);
PyAPI_FUNC(PyObject *) PyLong_FromDouble(double);
PyAPI_FUNC(PyObject *) PyLong_FromString(const char *str, char **pend, int base);
PyAPI_FUNC(PyObject *) PyLong_FromUnicodeObject(PyObject *u, int base);
PyAPI_FUNC(PyObject *) PyLong_FromVoidPtr(void *);

/* Conversion to C. Objects that are not ints go through __index__; errors return -1 (or (type)-1). */
PyAPI_FUNC(long) PyLong_AsLong(PyObject *);
PyAPI_FUNC(long) PyLong_AsLongAndOverflow(PyObject *, int *);
PyAPI_FUNC(long long) PyLong_AsLongLong(PyObject *);
PyAPI_FUNC(long long) PyLong_AsLongLongAndOverflow(PyObject *, int *);
PyAPI_FUNC(int) PyLong_AsInt(PyObject *);
PyAPI_FUNC(Py_ssize_t) PyLong_AsSsize_t(PyObject *);
PyAPI_FUNC(size_t) PyLong_AsSize_t(PyObject *);
PyAPI_FUNC(unsigned long) PyLong_AsUnsignedLong(PyObject *);
PyAPI_FUNC(unsigned long long) PyLong_AsUnsignedLongLong(PyObject *);
PyAPI_FUNC(unsigned long) PyLong_AsUnsignedLongMask(PyObject *);
PyAPI_FUNC(unsigned long long) PyLong_AsUnsignedLongLongMask(PyObject *);
PyAPI_FUNC(double) PyLong_AsDouble(PyObject *);
PyAPI_FUNC(void *) PyLong_AsVoidPtr(PyObject *);
#define PyLong_AS_LONG(op) PyLong_AsLong(op)

/* pid_t is int on Linux; intptr_t is long. */
#define _Py_PARSE_PID "i"
#define PyLong_FromPid PyLong_FromLong
#define PyLong_AsPid PyLong_AsInt
#define _Py_PARSE_INTPTR "l"
#define _Py_PARSE_UINTPTR "k"

/* sys.int_info as a new reference. */
PyAPI_FUNC(PyObject *) PyLong_GetInfo(void);

/* Native byte buffers (3.13). */
#define Py_ASNATIVEBYTES_DEFAULTS -1
#define Py_ASNATIVEBYTES_BIG_ENDIAN 0
#define Py_ASNATIVEBYTES_LITTLE_ENDIAN 1
#define Py_ASNATIVEBYTES_NATIVE_ENDIAN 3
#define Py_ASNATIVEBYTES_UNSIGNED_BUFFER 4
#define Py_ASNATIVEBYTES_REJECT_NEGATIVE 8
#define Py_ASNATIVEBYTES_ALLOW_INDEX 16
/* Copies the value into buffer (n_bytes long; 0 asks for the size needed). Returns the number of bytes the value
 * needs (which may exceed n_bytes: the value was truncated), or -1 with an exception set. */
PyAPI_FUNC(Py_ssize_t) PyLong_AsNativeBytes(PyObject *v, void *buffer, Py_ssize_t n_bytes, int flags);
PyAPI_FUNC(PyObject *) PyLong_FromNativeBytes(const void *buffer, size_t n_bytes, int flags);
PyAPI_FUNC(PyObject *) PyLong_FromUnsignedNativeBytes(const void *buffer, size_t n_bytes, int flags);

/* The compact-int fast paths of 3.13's cpython/longintrepr.h: a compact int has at most one digit. */
static inline int _PyLong_IsCompact(const PyLongObject *op) {
  return op->long_value.lv_tag < (2 << _PyLong_NON_SIZE_BITS);
}
#define PyUnstable_Long_IsCompact _PyLong_IsCompact
static inline Py_ssize_t _PyLong_CompactValue(const PyLongObject *op) {
  Py_ssize_t sign = 1 - (Py_ssize_t)(op->long_value.lv_tag & _PyLong_SIGN_MASK);
  return sign * (Py_ssize_t)op->long_value.ob_digit[0];
}
#define PyUnstable_Long_CompactValue _PyLong_CompactValue
#define _PyLong_DECIMAL_SHIFT 9
#define _PyLong_DECIMAL_BASE ((digit)1000000000)

#ifdef __cplusplus
}
#endif
#endif
