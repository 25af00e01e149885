/* object.h: the object header macros, type flags and the singletons (None, True, False, NotImplemented,
 * Ellipsis). The generic object functions (PyObject_Repr, PyObject_GetAttr ...) are in abstract.h and the type
 * functions (PyType_Ready, PyType_FromSpec ...) in typeobject_api.h. Owner: core. */
#ifndef Py_OBJECT_H
#define Py_OBJECT_H

#ifdef __cplusplus
extern "C" {
#endif

#define PyObject_HEAD PyObject ob_base;
#define PyObject_VAR_HEAD PyVarObject ob_base;

/* Statically allocated objects (types, singletons) are immortal and unowned, as in 3.13t. */
#define PyObject_HEAD_INIT(type) {0, 0, {0}, 0, _Py_IMMORTAL_REFCNT_LOCAL, 0, (type)},
#define PyVarObject_HEAD_INIT(type, size) {PyObject_HEAD_INIT(type)(size)},

#define _PyObject_CAST(op) _Py_CAST(PyObject *, (op))
#define _PyVarObject_CAST(op) _Py_CAST(PyVarObject *, (op))

static inline PyTypeObject *Py_TYPE(PyObject *ob) { return ob->ob_type; }
#define Py_TYPE(ob) Py_TYPE(_PyObject_CAST(ob))

static inline Py_ssize_t Py_SIZE(PyObject *ob) { return _PyVarObject_CAST(ob)->ob_size; }
#define Py_SIZE(ob) Py_SIZE(_PyObject_CAST(ob))

static inline int Py_IS_TYPE(PyObject *ob, PyTypeObject *type) { return Py_TYPE(ob) == type; }
#define Py_IS_TYPE(ob, type) Py_IS_TYPE(_PyObject_CAST(ob), (type))

static inline void Py_SET_TYPE(PyObject *ob, PyTypeObject *type) { ob->ob_type = type; }
#define Py_SET_TYPE(ob, type) Py_SET_TYPE(_PyObject_CAST(ob), (type))

static inline void Py_SET_SIZE(PyVarObject *ob, Py_ssize_t size) { ob->ob_size = size; }
#define Py_SET_SIZE(ob, size) Py_SET_SIZE(_PyVarObject_CAST(ob), (size))

PyAPI_FUNC(int) Py_Is(PyObject *x, PyObject *y);
#define Py_Is(x, y) ((x) == (y))

/* Type objects the core exports (the concrete types' objects are declared in their own headers). */
PyAPI_DATA(PyTypeObject) PyType_Type;
PyAPI_DATA(PyTypeObject) PyBaseObject_Type;
PyAPI_DATA(PyTypeObject) PySuper_Type;

/* The singletons: statically allocated and immortal. */
PyAPI_DATA(PyObject) _Py_NoneStruct;
PyAPI_DATA(PyObject) _Py_NotImplementedStruct;
PyAPI_DATA(PyObject) _Py_EllipsisObject;
#define Py_None (&_Py_NoneStruct)
#define Py_NotImplemented (&_Py_NotImplementedStruct)
#define Py_Ellipsis (&_Py_EllipsisObject)
PyAPI_FUNC(int) Py_IsNone(PyObject *x);
#define Py_IsNone(x) Py_Is((x), Py_None)
#define Py_RETURN_NONE return Py_None
#define Py_RETURN_NOTIMPLEMENTED return Py_NotImplemented

/* Feature flags. */
static inline int PyType_HasFeature(PyTypeObject *type, unsigned long feature) {
  return (type->tp_flags & feature) != 0;
}
#define PyType_FastSubclass(type, flag) PyType_HasFeature((type), (flag))

static inline int PyType_Check(PyObject *op) { return PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_TYPE_SUBCLASS); }
#define PyType_Check(op) PyType_Check(_PyObject_CAST(op))
static inline int PyType_CheckExact(PyObject *op) { return Py_IS_TYPE(op, &PyType_Type); }
#define PyType_CheckExact(op) PyType_CheckExact(_PyObject_CAST(op))

#define Py_TPFLAGS_HAVE_FINALIZE (1UL << 0)
#define _Py_TPFLAGS_STATIC_BUILTIN (1UL << 1)
#define Py_TPFLAGS_INLINE_VALUES (1UL << 2)
#define Py_TPFLAGS_HAVE_VERSION_TAG (1UL << 18)
#define Py_TPFLAGS_HAVE_STACKLESS_EXTENSION 0
#define _Py_TPFLAGS_MATCH_SELF Py_TPFLAGS_MATCH_SELF

/* Rich comparison helper. */
#define Py_RETURN_RICHCOMPARE(val1, val2, op)                                   \
  do {                                                                          \
    switch (op) {                                                               \
      case Py_EQ: if ((val1) == (val2)) Py_RETURN_TRUE; Py_RETURN_FALSE;        \
      case Py_NE: if ((val1) != (val2)) Py_RETURN_TRUE; Py_RETURN_FALSE;        \
      case Py_LT: if ((val1) < (val2)) Py_RETURN_TRUE; Py_RETURN_FALSE;         \
      case Py_GT: if ((val1) > (val2)) Py_RETURN_TRUE; Py_RETURN_FALSE;         \
      case Py_LE: if ((val1) <= (val2)) Py_RETURN_TRUE; Py_RETURN_FALSE;        \
      case Py_GE: if ((val1) >= (val2)) Py_RETURN_TRUE; Py_RETURN_FALSE;        \
      default: Py_UNREACHABLE();                                                \
    }                                                                           \
  } while (0)

#define Py_PRINT_RAW 1

#ifdef __cplusplus
}
#endif
#endif
