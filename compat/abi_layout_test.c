/* Compiles the ABI layout headers as C: every offset is pinned by the headers' own static asserts, so this
 * test fails to build if any layout drifts from CPython 3.13t's. At run time it spot-checks a few values. */
#include <stdio.h>

#include "pyvm_abi/concrete.h"
#include "pyvm_abi/heaptype.h"

int main(void) {
  int bad = 0;
  bad |= sizeof(PyObject) != 32;
  bad |= offsetof(PyTypeObject, tp_flags) != 184;
  bad |= offsetof(PyLongObject, long_value.ob_digit) != 40;
  bad |= sizeof(PyUnicodeObject) != 80;
  bad |= offsetof(PyMemoryViewObject, view) != 72 || offsetof(_PyManagedBufferObject, master) != 48;
  if (bad) {
    puts("FAIL: ABI layout mismatch");
    return 1;
  }
  puts("PASS: ABI layouts match CPython 3.13t (x86-64)");
  return 0;
}
