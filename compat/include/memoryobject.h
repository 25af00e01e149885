/* memoryobject.h: memoryview from C. PyMemoryViewObject's layout is in pyvm_abi/concrete.h. Owner: types. */
#ifndef PYVM_CAPI_MEMORYOBJECT_H
#define PYVM_CAPI_MEMORYOBJECT_H

#ifdef __cplusplus
extern "C" {
#endif

PyAPI_DATA(PyTypeObject) PyMemoryView_Type;
#define PyMemoryView_Check(op) Py_IS_TYPE((op), &PyMemoryView_Type)

PyAPI_FUNC(PyObject *) PyMemoryView_FromObject(PyObject *base);
/* A view of raw memory; flags is PyBUF_READ or PyBUF_WRITE. The memory must outlive the view. (pyvm: the
 * view's .obj is a private exporter object, where CPython's is None.) */
PyAPI_FUNC(PyObject *) PyMemoryView_FromMemory(char *mem, Py_ssize_t size, int flags);

static inline Py_buffer *PyMemoryView_GET_BUFFER(PyObject *op) { return &((PyMemoryViewObject *)op)->view; }
#define PyMemoryView_GET_BUFFER(op) PyMemoryView_GET_BUFFER(_PyObject_CAST(op))
static inline PyObject *PyMemoryView_GET_BASE(PyObject *op) { return ((PyMemoryViewObject *)op)->view.obj; }
#define PyMemoryView_GET_BASE(op) PyMemoryView_GET_BASE(_PyObject_CAST(op))

#ifdef __cplusplus
}
#endif
#endif
