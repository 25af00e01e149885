/* Broken test extension: PyInit returns NULL without setting an exception. */
#include <Python.h>

PyMODINIT_FUNC PyInit_nullinit(void) { return NULL; }
