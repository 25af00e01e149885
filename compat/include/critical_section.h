/* critical_section.h: per-object critical sections (CPython 3.13t's documented API, written by us).
 * Owner: capi-b. A section locks the object's ob_mutex and joins the calling thread's critical-section stack,
 * the runtime's own (vm/sync/mutex.h): it is suspended while the thread blocks and resumed afterwards, and re-entry
 * on an object the thread already holds is allowed. Sections must end in the reverse order they began. */
#ifndef PYVM_CAPI_CRITICAL_SECTION_H
#define PYVM_CAPI_CRITICAL_SECTION_H

#ifdef __cplusplus
extern "C" {
#endif

typedef struct PyCriticalSection PyCriticalSection;
typedef struct PyCriticalSection2 PyCriticalSection2;

/* 3.13t's layouts (the fields are private). */
struct PyCriticalSection {
  uintptr_t _cs_prev;
  PyMutex *_cs_mutex;
};

struct PyCriticalSection2 {
  PyCriticalSection _cs_base;
  PyMutex *_cs_mutex2;
};

PyAPI_FUNC(void) PyCriticalSection_Begin(PyCriticalSection *c, PyObject *op);
PyAPI_FUNC(void) PyCriticalSection_End(PyCriticalSection *c);
PyAPI_FUNC(void) PyCriticalSection2_Begin(PyCriticalSection2 *c, PyObject *a, PyObject *b);
PyAPI_FUNC(void) PyCriticalSection2_End(PyCriticalSection2 *c);

#define Py_BEGIN_CRITICAL_SECTION(op) \
  {                                   \
    PyCriticalSection _py_cs;         \
    PyCriticalSection_Begin(&_py_cs, _PyObject_CAST(op))

#define Py_END_CRITICAL_SECTION()  \
  PyCriticalSection_End(&_py_cs); \
  }

#define Py_BEGIN_CRITICAL_SECTION2(a, b) \
  {                                      \
    PyCriticalSection2 _py_cs2;          \
    PyCriticalSection2_Begin(&_py_cs2, _PyObject_CAST(a), _PyObject_CAST(b))

#define Py_END_CRITICAL_SECTION2()    \
  PyCriticalSection2_End(&_py_cs2); \
  }

#ifdef __cplusplus
}
#endif
#endif
