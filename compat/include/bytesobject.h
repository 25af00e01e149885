/* bytesobject.h: bytes objects (PyBytesObject: the size, a cached hash and the NUL-terminated bytes inline).
 * Written by us to CPython 3.13's documented API. Owner: numbers-strings. */
#ifndef PYVM_CAPI_BYTESOBJECT_H
#define PYVM_CAPI_BYTESOBJECT_H

#ifdef __cplusplus
extern "C" {
#endif

PyAPI_DATA(PyTypeObject) PyBytes_Type;
#define PyBytes_Check(op) PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_BYTES_SUBCLASS)
#define PyBytes_CheckExact(op) Py_IS_TYPE((op), &PyBytes_Type)

/* With u == NULL the contents are left for the caller to fill before the object is shared. */
PyAPI_FUNC(PyObject *) PyBytes_FromStringAndSize(const char *u, Py_ssize_t size);
PyAPI_FUNC(PyObject *) PyBytes_FromString(const char *u);
PyAPI_FUNC(PyObject *) PyBytes_FromObject(PyObject *o);
/* printf-style: %c %d %i %u %x (with an optional l or z), %s (precision limits it), %p and %%. As in CPython, the
 * width is ignored and an unknown unit copies the rest of the format as it is. */
PyAPI_FUNC(PyObject *) PyBytes_FromFormatV(const char *format, va_list vargs);
PyAPI_FUNC(PyObject *) PyBytes_FromFormat(const char *format, ...);
PyAPI_FUNC(Py_ssize_t) PyBytes_Size(PyObject *o);
PyAPI_FUNC(char *) PyBytes_AsString(PyObject *o);
/* *buffer gets the bytes (owned by obj); with length NULL, embedded NULs raise ValueError. */
PyAPI_FUNC(int) PyBytes_AsStringAndSize(PyObject *obj, char **buffer, Py_ssize_t *length);
PyAPI_FUNC(PyObject *) PyBytes_Repr(PyObject *o, int smartquotes);
/* *bytes = *bytes + newpart (the old reference is released; NULL on error). ConcatAndDel also releases newpart. */
PyAPI_FUNC(void) PyBytes_Concat(PyObject **bytes, PyObject *newpart);
PyAPI_FUNC(void) PyBytes_ConcatAndDel(PyObject **bytes, PyObject *newpart);
/* Resizes a bytes object nobody else holds yet (*bytes may move; on error it is released and set to NULL). */
PyAPI_FUNC(int) _PyBytes_Resize(PyObject **bytes, Py_ssize_t newsize);
/* Decodes the escapes of a bytes literal (the last two arguments are unused, as in CPython). */
PyAPI_FUNC(PyObject *) PyBytes_DecodeEscape(const char *s, Py_ssize_t len, const char *errors, Py_ssize_t unused,
                                            const char *unused2);

static inline char *PyBytes_AS_STRING(PyObject *op) { return ((PyBytesObject *)op)->ob_sval; }
#define PyBytes_AS_STRING(op) PyBytes_AS_STRING(_PyObject_CAST(op))
static inline Py_ssize_t PyBytes_GET_SIZE(PyObject *op) { return Py_SIZE(op); }
#define PyBytes_GET_SIZE(op) PyBytes_GET_SIZE(_PyObject_CAST(op))

#ifdef __cplusplus
}
#endif
#endif
