/* Broken test extension: exports PyInit_other, not PyInit_noinit. */
#include <Python.h>

PyMODINIT_FUNC PyInit_other(void) { return NULL; }
