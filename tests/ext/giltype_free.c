/* giltype's twin that declares Py_MOD_GIL_NOT_USED: the same code runs unserialised (see giltype_body.h). */
#define GT_NAME "giltype_free"
#define GT_INIT PyInit_giltype_free
#define GT_GIL_SLOTS {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#include "giltype_body.h"
