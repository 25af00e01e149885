/* descrobject.h: descriptors made from C tables (methods, members, getsets), member types and flags of
 * PyMemberDef, PyMember_GetOne/SetOne, mappingproxy and property. PyGetSetDef and PyMemberDef themselves are in
 * pyvm_abi/typeobject.h. Owner: types. */
#ifndef PYVM_CAPI_DESCROBJECT_H
#define PYVM_CAPI_DESCROBJECT_H

#ifdef __cplusplus
extern "C" {
#endif

PyAPI_DATA(PyTypeObject) PyClassMethodDescr_Type;
PyAPI_DATA(PyTypeObject) PyGetSetDescr_Type;
PyAPI_DATA(PyTypeObject) PyMemberDescr_Type;
PyAPI_DATA(PyTypeObject) PyMethodDescr_Type;
PyAPI_DATA(PyTypeObject) PyWrapperDescr_Type;
PyAPI_DATA(PyTypeObject) PyDictProxy_Type;
PyAPI_DATA(PyTypeObject) PyProperty_Type;

PyAPI_FUNC(PyObject *) PyDescr_NewMethod(PyTypeObject *, PyMethodDef *);
PyAPI_FUNC(PyObject *) PyDescr_NewClassMethod(PyTypeObject *, PyMethodDef *);
PyAPI_FUNC(PyObject *) PyDescr_NewMember(PyTypeObject *, PyMemberDef *);
PyAPI_FUNC(PyObject *) PyDescr_NewGetSet(PyTypeObject *, PyGetSetDef *);
/* 1 when the descriptor defines __set__ (a data descriptor). */
PyAPI_FUNC(int) PyDescr_IsData(PyObject *);

/* A read-only view of a mapping (what cls.__dict__ is). */
PyAPI_FUNC(PyObject *) PyDictProxy_New(PyObject *);

/* PyMemberDef.type values. */
#define Py_T_SHORT 0
#define Py_T_INT 1
#define Py_T_LONG 2
#define Py_T_FLOAT 3
#define Py_T_DOUBLE 4
#define Py_T_STRING 5
#define _Py_T_OBJECT 6 /* deprecated: reads None for NULL; use Py_T_OBJECT_EX */
#define Py_T_CHAR 7    /* a 1-character str */
#define Py_T_BYTE 8
#define Py_T_UBYTE 9
#define Py_T_USHORT 10
#define Py_T_UINT 11
#define Py_T_ULONG 12
#define Py_T_STRING_INPLACE 13
#define Py_T_BOOL 14 /* a char holding 0 or 1 */
#define Py_T_OBJECT_EX 16
#define Py_T_LONGLONG 17
#define Py_T_ULONGLONG 18
#define Py_T_PYSSIZET 19
#define _Py_T_NONE 20 /* deprecated: always None */

/* PyMemberDef.flags. */
#define Py_READONLY 1
#define Py_AUDIT_READ 2
#define _Py_WRITE_RESTRICTED 4 /* no-op, kept so the value is not reused */
#define Py_RELATIVE_OFFSET 8

/* Read or write the member `m` of the object whose memory starts at obj_addr. */
PyAPI_FUNC(PyObject *) PyMember_GetOne(const char *, PyMemberDef *);
PyAPI_FUNC(int) PyMember_SetOne(char *, PyMemberDef *, PyObject *);

/* The descriptor objects' common head (3.13 layout). */
typedef struct {
  PyObject_HEAD
  PyTypeObject *d_type;
  PyObject *d_name;
  PyObject *d_qualname;
} PyDescrObject;

#define PyDescr_COMMON PyDescrObject d_common
#define PyDescr_TYPE(x) (((PyDescrObject *)(x))->d_type)
#define PyDescr_NAME(x) (((PyDescrObject *)(x))->d_name)

typedef struct {
  PyDescr_COMMON;
  PyMethodDef *d_method;
  vectorcallfunc vectorcall;
} PyMethodDescrObject;

typedef struct {
  PyDescr_COMMON;
  PyMemberDef *d_member;
} PyMemberDescrObject;

typedef struct {
  PyDescr_COMMON;
  PyGetSetDef *d_getset;
} PyGetSetDescrObject;

#ifdef __cplusplus
}
#endif
#endif
