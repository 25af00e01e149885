/* rangeobject.h: the range type. Owner: containers-abstract. */
#ifndef PYVM_CAPI_RANGEOBJECT_H
#define PYVM_CAPI_RANGEOBJECT_H

#ifdef __cplusplus
extern "C" {
#endif

PyAPI_DATA(PyTypeObject) PyRange_Type;
#define PyRange_Check(op) Py_IS_TYPE((op), &PyRange_Type)

#ifdef __cplusplus
}
#endif
#endif
