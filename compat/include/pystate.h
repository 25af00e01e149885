/* pystate.h: thread and interpreter states (CPython 3.13's documented API, written by us). Owner: capi-b.
 * Both structs are opaque in pyvm: a PyThreadState* names one OS thread's runtime state (vm/threads.h), and there
 * is one interpreter. A thread's state is "current" while the thread is attached (running Python code). */
#ifndef PYVM_CAPI_PYSTATE_H
#define PYVM_CAPI_PYSTATE_H

#ifdef __cplusplus
extern "C" {
#endif

typedef struct _ts PyThreadState;
typedef struct _is PyInterpreterState;

PyAPI_FUNC(PyInterpreterState *) PyInterpreterState_Get(void);
PyAPI_FUNC(PyInterpreterState *) PyInterpreterState_Main(void);
PyAPI_FUNC(int64_t) PyInterpreterState_GetID(PyInterpreterState *);

/* The attached thread's state; PyThreadState_Get is a fatal error when there is none, GetUnchecked returns NULL. */
PyAPI_FUNC(PyThreadState *) PyThreadState_Get(void);
PyAPI_FUNC(PyThreadState *) PyThreadState_GetUnchecked(void);
#define PyThreadState_GET() PyThreadState_Get()
/* A dict private to the calling thread (borrowed); NULL without an exception when the thread is not attached. */
PyAPI_FUNC(PyObject *) PyThreadState_GetDict(void);
PyAPI_FUNC(PyInterpreterState *) PyThreadState_GetInterpreter(PyThreadState *tstate);
PyAPI_FUNC(uint64_t) PyThreadState_GetID(PyThreadState *tstate);

/* Attaching threads the host created. Ensure creates and attaches a state on a thread that has none; the
 * matching outermost Release detaches it and destroys it again. Nested calls are counted. */
typedef enum { PyGILState_LOCKED, PyGILState_UNLOCKED } PyGILState_STATE;
PyAPI_FUNC(PyGILState_STATE) PyGILState_Ensure(void);
PyAPI_FUNC(void) PyGILState_Release(PyGILState_STATE);
PyAPI_FUNC(PyThreadState *) PyGILState_GetThisThreadState(void);
/* 1 when the calling thread is attached (pyvm has no GIL: "holds the GIL" means "may use the C-API"). */
PyAPI_FUNC(int) PyGILState_Check(void);

#ifdef __cplusplus
}
#endif
#endif
