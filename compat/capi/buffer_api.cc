// The buffer protocol from C (PyObject_GetBuffer, PyBuffer_*) and memoryview construction. Owner: types.
#include "Python.h"

#include <cstring>

#include "objects/buffer.h"
#include "objects/errors.h"
#include "objects/memoryview.h"
#include "objects/object.h"
#include "objects/types.h"
#include "compat/capi/type_slots.h"

using namespace pyvm;

namespace {

// The exporter behind PyMemoryView_FromMemory: a block of memory the caller owns, read-only or writable.
struct RawMemory {
  PyObject ob_base;
  char* mem;
  Py_ssize_t size;
  int readonly;
};

int raw_getbuffer(PyObject* o, Py_buffer* view, int flags) {
  auto* r = reinterpret_cast<RawMemory*>(o);
  return PyBuffer_FillInfo(view, o, r->mem, r->size, r->readonly, flags);
}
void raw_dealloc(PyObject* o) { object_free(o); }
PyBufferProcs raw_as_buffer = {raw_getbuffer, nullptr};
PyTypeObject raw_memory_type = {
    .ob_base = {{0, 0, {0}, 0, UINT32_MAX, 0, &PyType_Type}, 0},
    .tp_name = "pyvm.raw_memory",
    .tp_basicsize = sizeof(RawMemory),
    .tp_dealloc = raw_dealloc,
    .tp_as_buffer = &raw_as_buffer,
};

}  // namespace

extern "C" {

int PyObject_CheckBuffer(PyObject* obj) { return has_buffer(obj) ? 1 : 0; }
int PyObject_GetBuffer(PyObject* obj, Py_buffer* view, int flags) {
  // CPython's exporters refuse a NULL view with BufferError (the old "lock only" use); pyvm's write through it.
  if (!view) {
    set_error(&exc_BufferError, "PyObject_GetBuffer: view==NULL argument is obsolete");
    return -1;
  }
  return get_buffer(obj, view, flags);
}
void PyBuffer_Release(Py_buffer* view) { release_buffer(view); }
int PyBuffer_IsContiguous(const Py_buffer* view, char order) { return buffer_is_contiguous(view, order) ? 1 : 0; }

int PyBuffer_FillInfo(Py_buffer* view, PyObject* obj, void* buf, Py_ssize_t len, int readonly, int flags) {
  if (!view) {
    set_error(&exc_BufferError, "PyBuffer_FillInfo: view==NULL argument is obsolete");
    return -1;
  }
  if (flags != PyBUF_SIMPLE) {
    if (flags == PyBUF_READ || flags == PyBUF_WRITE) {
      capi::bad_internal_call();
      return -1;
    }
  }
  if ((flags & PyBUF_WRITABLE) == PyBUF_WRITABLE && readonly == 1) {
    set_error(&exc_BufferError, "Object is not writable.");
    return -1;
  }
  view->obj = xnewref(obj);
  view->buf = buf;
  view->len = len;
  view->readonly = readonly;
  view->itemsize = 1;
  view->format = (flags & PyBUF_FORMAT) == PyBUF_FORMAT ? const_cast<char*>("B") : nullptr;
  view->ndim = 1;
  view->shape = (flags & PyBUF_ND) == PyBUF_ND ? &view->len : nullptr;
  view->strides = (flags & PyBUF_STRIDES) == PyBUF_STRIDES ? &view->itemsize : nullptr;
  view->suboffsets = nullptr;
  view->internal = nullptr;
  return 0;
}

void* PyBuffer_GetPointer(const Py_buffer* view, const Py_ssize_t* indices) {
  char* p = static_cast<char*>(view->buf);
  for (int i = 0; i < view->ndim; i++) {
    p += (view->strides ? view->strides[i] : view->itemsize) * indices[i];
    if (view->suboffsets && view->suboffsets[i] >= 0) p = *reinterpret_cast<char**>(p) + view->suboffsets[i];
  }
  return p;
}

void PyBuffer_FillContiguousStrides(int nd, Py_ssize_t* shape, Py_ssize_t* strides, int itemsize, char order) {
  Py_ssize_t sd = itemsize;
  if (order == 'F') {
    for (int k = 0; k < nd; k++) {
      strides[k] = sd;
      sd *= shape[k];
    }
  } else {
    for (int k = nd - 1; k >= 0; k--) {
      strides[k] = sd;
      sd *= shape[k];
    }
  }
}

int PyBuffer_ToContiguous(void* buf, const Py_buffer* src, Py_ssize_t len, char order) {
  if (order != 'C' && order != 'F' && order != 'A') {
    set_error(&exc_ValueError, "PyBuffer_ToContiguous: order must be 'C', 'F' or 'A'");
    return -1;
  }
  if (len != src->len) {
    set_error(&exc_ValueError, "PyBuffer_ToContiguous: len != view->len");
    return -1;
  }
  return buffer_to_contiguous(static_cast<char*>(buf), src, order);
}

PyObject* PyMemoryView_FromObject(PyObject* base) { return memoryview_from_object(base); }

PyObject* PyMemoryView_FromMemory(char* mem, Py_ssize_t size, int flags) {
  if (flags != PyBUF_READ && flags != PyBUF_WRITE) return capi::bad_internal_call();
  if (!(raw_memory_type.tp_flags & Py_TPFLAGS_READY) && type_ready(&raw_memory_type) < 0) return nullptr;
  auto* r = reinterpret_cast<RawMemory*>(new_object(&raw_memory_type, sizeof(RawMemory)));
  if (!r) return nullptr;
  r->mem = mem;
  r->size = size;
  r->readonly = flags == PyBUF_WRITE ? 0 : 1;
  ORef owner = steal(&r->ob_base);
  return memoryview_from_object(owner.get());
}

}  // extern "C"
