// PyMem_*, PyMem_Raw* and PyObject_Malloc/... (pymem.h). Owner: capi-b.
//
// PyMem_* and PyObject_* allocate from the calling thread's raw mimalloc heap (alloc/heap.h), which any thread may
// free into; PyMem_Raw* uses the process allocator (mimalloc as well once linked), so it works without a thread
// state and before Py_Initialize, as CPython's does. Requests above PY_SSIZE_T_MAX fail with NULL, and a request
// for 0 bytes is served as 1 byte so that the result is unique and non-NULL.
#include "Python.h"

#include <cstdlib>

#include "alloc/heap.h"

namespace {
bool too_big(size_t n) { return n > size_t(PY_SSIZE_T_MAX); }
bool mul_too_big(size_t a, size_t b) { return b != 0 && a > size_t(PY_SSIZE_T_MAX) / b; }
}  // namespace

extern "C" {

void* PyMem_RawMalloc(size_t size) {
  if (too_big(size)) return nullptr;
  return std::malloc(size ? size : 1);
}
void* PyMem_RawCalloc(size_t n, size_t elsize) {
  if (mul_too_big(n, elsize)) return nullptr;
  if (n == 0 || elsize == 0) n = elsize = 1;
  return std::calloc(n, elsize);
}
void* PyMem_RawRealloc(void* p, size_t size) {
  if (too_big(size)) return nullptr;
  return std::realloc(p, size ? size : 1);
}
void PyMem_RawFree(void* p) { std::free(p); }

void* PyMem_Malloc(size_t size) {
  if (too_big(size)) return nullptr;
  return pyvm::alloc::raw_alloc(size ? size : 1);
}
void* PyMem_Calloc(size_t n, size_t elsize) {
  if (mul_too_big(n, elsize)) return nullptr;
  if (n == 0 || elsize == 0) n = elsize = 1;
  return pyvm::alloc::raw_calloc(n, elsize);
}
void* PyMem_Realloc(void* p, size_t size) {
  if (too_big(size)) return nullptr;
  return pyvm::alloc::raw_realloc(p, size ? size : 1);
}
void PyMem_Free(void* p) {
  if (p) pyvm::alloc::raw_free(p);
}

void* PyObject_Malloc(size_t size) { return PyMem_Malloc(size); }
void* PyObject_Calloc(size_t n, size_t elsize) { return PyMem_Calloc(n, elsize); }
void* PyObject_Realloc(void* p, size_t size) { return PyMem_Realloc(p, size); }
void PyObject_Free(void* p) { PyMem_Free(p); }

}  // extern "C"
