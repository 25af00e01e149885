/* compile.h: the start symbols of the compiler (Py_file_input ...) and the compiler flags (PyCompilerFlags,
 * PyCF_*). Owner: capi-a. */
#ifndef PYVM_CAPI_COMPILE_H
#define PYVM_CAPI_COMPILE_H

#ifdef __cplusplus
extern "C" {
#endif

/* Start symbols: what Py_CompileString and PyRun_String parse. */
#define Py_single_input 256
#define Py_file_input 257
#define Py_eval_input 258
#define Py_func_type_input 345

/* The __future__ feature bits (CO_FUTURE_*) are co_flags bits: code.h defines them. */
#include "code.h"

#define PyCF_MASK                                                                                                  \
  (CO_FUTURE_DIVISION | CO_FUTURE_ABSOLUTE_IMPORT | CO_FUTURE_WITH_STATEMENT | CO_FUTURE_PRINT_FUNCTION |          \
   CO_FUTURE_UNICODE_LITERALS | CO_FUTURE_BARRY_AS_BDFL | CO_FUTURE_GENERATOR_STOP | CO_FUTURE_ANNOTATIONS)
#define PyCF_MASK_OBSOLETE (CO_NESTED)
#define PyCF_SOURCE_IS_UTF8 0x0100
#define PyCF_DONT_IMPLY_DEDENT 0x0200
#define PyCF_ONLY_AST 0x0400
#define PyCF_IGNORE_COOKIE 0x0800
#define PyCF_TYPE_COMMENTS 0x1000
#define PyCF_ALLOW_TOP_LEVEL_AWAIT 0x2000
#define PyCF_ALLOW_INCOMPLETE_INPUT 0x4000
#define PyCF_OPTIMIZED_AST (0x8000 | PyCF_ONLY_AST)
#define PyCF_COMPILE_MASK                                                                                          \
  (PyCF_ONLY_AST | PyCF_ALLOW_TOP_LEVEL_AWAIT | PyCF_TYPE_COMMENTS | PyCF_DONT_IMPLY_DEDENT |                      \
   PyCF_ALLOW_INCOMPLETE_INPUT | PyCF_OPTIMIZED_AST)

typedef struct {
  int cf_flags;           /* PyCF_* and CO_FUTURE_* bits */
  int cf_feature_version; /* minor Python version (PyCF_ONLY_AST); pyvm parses 3.13 only */
} PyCompilerFlags;

#define _PyCompilerFlags_INIT {.cf_flags = 0, .cf_feature_version = 13}

#ifdef __cplusplus
}
#endif
#endif
