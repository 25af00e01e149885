/* pyconfig.h: the build configuration pyvm presents to extensions (x86-64 Linux, free-threaded 3.13). Owner: core. */
#ifndef Py_PYCONFIG_H
#define Py_PYCONFIG_H

/* pyvm is always a free-threaded build: the 3.13t ABI (ob_tid, ob_ref_local, ob_ref_shared in every object). */
#ifndef Py_GIL_DISABLED
#define Py_GIL_DISABLED 1
#endif

#define SIZEOF_SHORT 2
#define SIZEOF_INT 4
#define SIZEOF_LONG 8
#define SIZEOF_LONG_LONG 8
#define SIZEOF_VOID_P 8
#define SIZEOF_SIZE_T 8
#define SIZEOF_TIME_T 8
#define SIZEOF_FLOAT 4
#define SIZEOF_DOUBLE 8
#define SIZEOF_LONG_DOUBLE 16
#define SIZEOF_WCHAR_T 4
#define SIZEOF_PID_T 4
#define SIZEOF_OFF_T 8
#define SIZEOF_FPOS_T 16
#define SIZEOF_UINTPTR_T 8
#define SIZEOF__BOOL 1
#define ALIGNOF_SIZE_T 8
#define ALIGNOF_LONG 8
#define ALIGNOF_MAX_ALIGN_T 16
#define PY_SUPPORT_TIER 1
#define HAVE_UNISTD_H 1
#define HAVE_STDINT_H 1
#define HAVE_INTTYPES_H 1
#define HAVE_WCHAR_H 1
#define HAVE_DLOPEN 1
#define HAVE_DYNAMIC_LOADING 1
#define HAVE_CLOCK_GETTIME 1
#define HAVE_PTHREAD_H 1
#define WITH_THREAD 1
#define HAVE_LONG_DOUBLE 1
#define DOUBLE_IS_LITTLE_ENDIAN_IEEE754 1
#define PY_HAVE_PERF_TRAMPOLINE 0
#define WITH_DOC_STRINGS 1
#define WITH_PYMALLOC 1
#define PY_SSIZE_T_CLEAN 1

#endif
