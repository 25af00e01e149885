/* The heap-allocated type layout: a PyTypeObject followed by its own slot tables (3.13t x86-64 ABI prefix). */
#ifndef PYVM_ABI_HEAPTYPE_H
#define PYVM_ABI_HEAPTYPE_H

#include "pyvm_abi/typeobject.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct _heaptypeobject {
  PyTypeObject ht_type;
  PyAsyncMethods as_async;
  PyNumberMethods as_number;
  PyMappingMethods as_mapping;
  PySequenceMethods as_sequence;
  PyBufferProcs as_buffer;
  PyObject *ht_name, *ht_slots, *ht_qualname;
  void *ht_cached_keys;
  PyObject *ht_module;
  char *_ht_tpname;
  /* pyvm's own tail (opaque to extensions): specialisation cache stand-in. */
  void *_spec_cache[3];
} PyHeapTypeObject;

PYVM_ABI_ASSERT(offsetof(PyHeapTypeObject, as_async) == 432 && offsetof(PyHeapTypeObject, as_number) == 464 &&
                    offsetof(PyHeapTypeObject, as_mapping) == 752 &&
                    offsetof(PyHeapTypeObject, as_sequence) == 776 &&
                    offsetof(PyHeapTypeObject, as_buffer) == 856 && offsetof(PyHeapTypeObject, ht_name) == 872 &&
                    offsetof(PyHeapTypeObject, ht_slots) == 880 &&
                    offsetof(PyHeapTypeObject, ht_qualname) == 888 &&
                    offsetof(PyHeapTypeObject, ht_cached_keys) == 896 &&
                    offsetof(PyHeapTypeObject, ht_module) == 904 && offsetof(PyHeapTypeObject, _ht_tpname) == 912,
                "PyHeapTypeObject prefix");

#ifdef __cplusplus
}
#endif
#endif
