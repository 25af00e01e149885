/* Py_Initialize / Py_IsInitialized / Py_FinalizeEx, and the inline reference counting on a runtime object. */
#include <Python.h>

int main(void) {
  int bad = 0;
  if (Py_IsInitialized()) bad = 1, puts("FAIL: initialised before Py_Initialize");
  Py_Initialize();
  if (!Py_IsInitialized()) bad = 1, puts("FAIL: Py_IsInitialized after Py_Initialize");
  if (Py_REFCNT(Py_None) != _Py_IMMORTAL_REFCNT) bad = 1, puts("FAIL: None is not immortal");
  Py_INCREF(Py_None);
  Py_DECREF(Py_None);
  if (Py_FinalizeEx() != 0) bad = 1, puts("FAIL: Py_FinalizeEx");
  puts(bad ? "FAIL" : "PASS");
  return bad;
}
