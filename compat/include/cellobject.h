/* cellobject.h: cells, the boxes holding variables shared with closures. Owner: types. */
#ifndef PYVM_CAPI_CELLOBJECT_H
#define PYVM_CAPI_CELLOBJECT_H

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  PyObject_HEAD
  PyObject *ob_ref; /* the content, or NULL when empty */
} PyCellObject;

PyAPI_DATA(PyTypeObject) PyCell_Type;
#define PyCell_Check(op) Py_IS_TYPE((op), &PyCell_Type)

PyAPI_FUNC(PyObject *) PyCell_New(PyObject *);
PyAPI_FUNC(PyObject *) PyCell_Get(PyObject *);
PyAPI_FUNC(int) PyCell_Set(PyObject *, PyObject *);

/* Unchecked access: PyCell_GET borrows, PyCell_SET neither increfs the new value nor decrefs the old one. */
static inline PyObject *PyCell_GET(PyObject *op) { return ((PyCellObject *)op)->ob_ref; }
#define PyCell_GET(op) PyCell_GET(_PyObject_CAST(op))
static inline void PyCell_SET(PyObject *op, PyObject *value) { ((PyCellObject *)op)->ob_ref = value; }
#define PyCell_SET(op, value) PyCell_SET(_PyObject_CAST(op), (value))

#ifdef __cplusplus
}
#endif
#endif
