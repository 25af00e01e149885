/* A GIL-using extension (no Py_mod_gil slot) whose types must run under the module's lock: see giltype_body.h. */
#define GT_NAME "giltype"
#define GT_INIT PyInit_giltype
#define GT_GIL_SLOTS
#include "giltype_body.h"
