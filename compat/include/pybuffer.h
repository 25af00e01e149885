/* pybuffer.h: the buffer protocol (PEP 3118). Py_buffer, the PyBUF_* flags and the slot types are in
 * pyvm_abi/typeobject.h. Owner: types. */
#ifndef PYVM_CAPI_PYBUFFER_H
#define PYVM_CAPI_PYBUFFER_H

#ifdef __cplusplus
extern "C" {
#endif

PyAPI_FUNC(int) PyObject_CheckBuffer(PyObject *obj);
/* Fills *view; view->obj then holds a new reference that PyBuffer_Release drops. */
PyAPI_FUNC(int) PyObject_GetBuffer(PyObject *obj, Py_buffer *view, int flags);
PyAPI_FUNC(void) PyBuffer_Release(Py_buffer *view);

PyAPI_FUNC(void *) PyBuffer_GetPointer(const Py_buffer *view, const Py_ssize_t *indices);
PyAPI_FUNC(int) PyBuffer_ToContiguous(void *buf, const Py_buffer *view, Py_ssize_t len, char order);
PyAPI_FUNC(int) PyBuffer_IsContiguous(const Py_buffer *view, char fort);
PyAPI_FUNC(void) PyBuffer_FillContiguousStrides(int ndims, Py_ssize_t *shape, Py_ssize_t *strides, int itemsize,
                                                char fort);
/* For exporters of one contiguous block of bytes: fills *view for `flags` (BufferError when a writable buffer is
 * requested of read-only memory). exporter may be NULL. */
PyAPI_FUNC(int) PyBuffer_FillInfo(Py_buffer *view, PyObject *exporter, void *buf, Py_ssize_t len, int readonly,
                                  int flags);

#ifdef __cplusplus
}
#endif
#endif
