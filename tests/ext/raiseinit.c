/* Broken test extension: PyInit fails with an exception set (raised by running Python code). */
#include <Python.h>

PyMODINIT_FUNC PyInit_raiseinit(void) {
  PyObject *g = PyModule_New("raiseinit_scratch");
  if (g == NULL) return NULL;
  PyObject *r = PyRun_String("raise ValueError('raiseinit refuses to load')", Py_file_input, PyModule_GetDict(g),
                             PyModule_GetDict(g));
  Py_DECREF(g);
  Py_XDECREF(r);
  return NULL;
}
