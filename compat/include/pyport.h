/* pyport.h: portability macros and limits of the C-API. Owner: core. */
#ifndef Py_PYPORT_H
#define Py_PYPORT_H

#include <inttypes.h>
#include <limits.h>
#include <stdint.h>

#ifdef __cplusplus
#define _Py_STATIC_CAST(type, expr) static_cast<type>(expr)
#define _Py_CAST(type, expr) ((type)(expr))
#if __cplusplus >= 201103L
#define _Py_NULL nullptr
#else
#define _Py_NULL NULL
#endif
#else
#define _Py_STATIC_CAST(type, expr) ((type)(expr))
#define _Py_CAST(type, expr) ((type)(expr))
#define _Py_NULL NULL
#endif

#define PY_SSIZE_T_MAX ((Py_ssize_t)(((size_t)-1) >> 1))
#define PY_SSIZE_T_MIN (-PY_SSIZE_T_MAX - 1)
#define PY_SIZE_MAX SIZE_MAX
#define PY_LLONG_MIN LLONG_MIN
#define PY_LLONG_MAX LLONG_MAX
#define PY_ULLONG_MAX ULLONG_MAX
#define PY_LONG_LONG long long
#define PY_INT32_T int32_t
#define PY_UINT32_T uint32_t
#define PY_INT64_T int64_t
#define PY_UINT64_T uint64_t
#define PY_FORMAT_SIZE_T "z"
#define Py_MEMCPY memcpy

#define Py_LOCAL(type) static type
#define Py_LOCAL_INLINE(type) static inline type
#define Py_ALWAYS_INLINE __attribute__((always_inline))
#define Py_NO_INLINE __attribute__((noinline))
#define Py_DEPRECATED(VERSION_UNUSED) __attribute__((__deprecated__))
#define _Py_NO_RETURN __attribute__((__noreturn__))
#define Py_GCC_ATTRIBUTE(x) __attribute__(x)
#define _Py_HOT_FUNCTION __attribute__((hot))
#define Py_ALIGNED(x) __attribute__((aligned(x)))

#define Py_SAFE_DOWNCAST(VALUE, WIDE, NARROW) _Py_STATIC_CAST(NARROW, (VALUE))
#define Py_ARITHMETIC_RIGHT_SHIFT(TYPE, I, J) ((I) >> (J))
#define Py_CHARMASK(c) ((unsigned char)((c) & 0xff))

#define _Py_COMP_DIAG_PUSH _Pragma("GCC diagnostic push")
#define _Py_COMP_DIAG_IGNORE_DEPR_DECLS _Pragma("GCC diagnostic ignored \"-Wdeprecated-declarations\"")
#define _Py_COMP_DIAG_POP _Pragma("GCC diagnostic pop")

#define Py_HUGE_VAL HUGE_VAL
#define Py_INFINITY INFINITY
#define Py_NAN ((double)NAN)
#define Py_IS_NAN(X) isnan(X)
#define Py_IS_INFINITY(X) isinf(X)
#define Py_IS_FINITE(X) isfinite(X)

#define PY_LITTLE_ENDIAN 1
#define PY_BIG_ENDIAN 0

typedef intptr_t Py_intptr_t;
typedef uintptr_t Py_uintptr_t;

#endif
