// The dict C-API (dictobject.h): thin wrappers over objects/dict.h, whose functions take the dict's lock.
// PyDict_GetItem / GetItemString / GetItemWithError / SetDefault hand out borrowed references as 3.13t does (a new
// reference from the runtime, released before returning). Owner: containers-abstract.
#include "Python.h"

#include <cstring>

#include "compat/capi/abstract_internal.h"
#include "objects/dict.h"
#include "objects/str.h"
#include "objects/types.h"

using namespace pyvm;

namespace {

// Keeps the exception that was set on entry (PyDict_GetItem must neither clear nor report errors).
struct SavedError {
  Object* exc = error_take();
  ~SavedError() {
    error_clear();
    if (exc) set_error_steal(exc);
  }
};

Object* str_key(const char* key) { return str_from_utf8(key, ssize(std::strlen(key))); }

}  // namespace

extern "C" {

PyObject* PyDict_New(void) { return dict_new(); }

PyObject* PyDict_GetItem(PyObject* mp, PyObject* key) {
  if (!PyDict_Check(mp)) return nullptr;
  SavedError saved;
  Object* v = nullptr;
  if (dict_get(mp, key, &v) <= 0) return nullptr;
  Py_DECREF(v);  // borrowed, as in 3.13t
  return v;
}

PyObject* PyDict_GetItemWithError(PyObject* mp, PyObject* key) {
  if (!PyDict_Check(mp)) return PYVM_BAD_INTERNAL_CALL();
  Object* v = nullptr;
  if (dict_get(mp, key, &v) <= 0) return nullptr;
  Py_DECREF(v);
  return v;
}

PyObject* PyDict_GetItemString(PyObject* mp, const char* key) {
  if (!PyDict_Check(mp)) return nullptr;
  SavedError saved;
  ORef k = steal(str_key(key));
  if (!k) return nullptr;
  Object* v = nullptr;
  if (dict_get(mp, k.get(), &v) <= 0) return nullptr;
  Py_DECREF(v);
  return v;
}

int PyDict_GetItemRef(PyObject* mp, PyObject* key, PyObject** result) {
  if (!PyDict_Check(mp)) {
    *result = nullptr;
    PYVM_BAD_INTERNAL_CALL();
    return -1;
  }
  *result = nullptr;
  return dict_get(mp, key, result);
}

int PyDict_GetItemStringRef(PyObject* mp, const char* key, PyObject** result) {
  *result = nullptr;
  ORef k = steal(str_key(key));
  if (!k) return -1;
  return PyDict_GetItemRef(mp, k.get(), result);
}

int PyDict_SetItem(PyObject* mp, PyObject* key, PyObject* item) {
  if (!PyDict_Check(mp) || !key || !item) {
    PYVM_BAD_INTERNAL_CALL();
    return -1;
  }
  return dict_set(mp, key, item);
}

int PyDict_SetItemString(PyObject* mp, const char* key, PyObject* item) {
  ORef k = steal(str_key(key));
  if (!k) return -1;
  return PyDict_SetItem(mp, k.get(), item);
}

int PyDict_DelItem(PyObject* mp, PyObject* key) {
  if (!PyDict_Check(mp)) {
    PYVM_BAD_INTERNAL_CALL();
    return -1;
  }
  return dict_del(mp, key);  // KeyError(key) when missing
}

int PyDict_DelItemString(PyObject* mp, const char* key) {
  ORef k = steal(str_key(key));
  if (!k) return -1;
  return PyDict_DelItem(mp, k.get());
}

int PyDict_Contains(PyObject* mp, PyObject* key) {
  if (!PyDict_Check(mp)) {
    PYVM_BAD_INTERNAL_CALL();
    return -1;
  }
  return dict_contains(mp, key);
}

int PyDict_ContainsString(PyObject* mp, const char* key) {
  ORef k = steal(str_key(key));
  if (!k) return -1;
  return PyDict_Contains(mp, k.get());
}

void PyDict_Clear(PyObject* mp) {
  if (PyDict_Check(mp)) dict_clear(mp);
}

// Borrowed key and value, as CPython's. Not safe against other threads mutating the dict unless the caller holds
// Py_BEGIN_CRITICAL_SECTION(mp) around the whole loop (the same rule as 3.13t).
int PyDict_Next(PyObject* mp, Py_ssize_t* pos, PyObject** key, PyObject** value) {
  if (!PyDict_Check(mp)) return 0;
  Object *k = nullptr, *v = nullptr;
  if (!dict_next(mp, pos, &k, &v)) return 0;
  if (key) *key = k;
  if (value) *value = v;
  Py_DECREF(k);
  Py_DECREF(v);
  return 1;
}

PyObject* PyDict_Keys(PyObject* mp) {
  if (!PyDict_Check(mp)) return PYVM_BAD_INTERNAL_CALL();
  return dict_keys_list(mp);
}

PyObject* PyDict_Values(PyObject* mp) {
  if (!PyDict_Check(mp)) return PYVM_BAD_INTERNAL_CALL();
  return dict_values_list(mp);
}

PyObject* PyDict_Items(PyObject* mp) {
  if (!PyDict_Check(mp)) return PYVM_BAD_INTERNAL_CALL();
  return dict_items_list(mp);
}

Py_ssize_t PyDict_Size(PyObject* mp) {
  if (!mp || !PyDict_Check(mp)) {
    PYVM_BAD_INTERNAL_CALL();
    return -1;
  }
  return dict_size(mp);
}

PyObject* PyDict_Copy(PyObject* mp) {
  if (!mp || !PyDict_Check(mp)) return PYVM_BAD_INTERNAL_CALL();
  return dict_copy(mp);
}

int PyDict_Merge(PyObject* a, PyObject* b, int override) {
  if (!a || !PyDict_Check(a) || !b) {
    PYVM_BAD_INTERNAL_CALL();
    return -1;
  }
  return dict_merge_ex(a, b, override);
}

int PyDict_Update(PyObject* a, PyObject* b) { return PyDict_Merge(a, b, 1); }

int PyDict_MergeFromSeq2(PyObject* d, PyObject* seq2, int override) {
  if (!d || !PyDict_Check(d) || !seq2) {
    PYVM_BAD_INTERNAL_CALL();
    return -1;
  }
  return dict_merge_from_seq2(d, seq2, override != 0);
}

PyObject* PyDict_SetDefault(PyObject* mp, PyObject* key, PyObject* defaultobj) {
  if (!PyDict_Check(mp)) return PYVM_BAD_INTERNAL_CALL();
  Object* v = nullptr;
  if (dict_setdefault(mp, key, defaultobj, &v) < 0) return nullptr;
  Py_DECREF(v);  // borrowed
  return v;
}

int PyDict_SetDefaultRef(PyObject* mp, PyObject* key, PyObject* default_value, PyObject** result) {
  if (!PyDict_Check(mp)) {
    if (result) *result = nullptr;
    PYVM_BAD_INTERNAL_CALL();
    return -1;
  }
  Object* v = nullptr;
  int r = dict_setdefault(mp, key, default_value, &v);  // 1 present, 0 inserted
  if (result) {
    *result = v;
  } else {
    Py_XDECREF(v);
  }
  return r;
}

int PyDict_Pop(PyObject* dict, PyObject* key, PyObject** result) {
  if (!PyDict_Check(dict)) {
    if (result) *result = nullptr;
    PYVM_BAD_INTERNAL_CALL();
    return -1;
  }
  Object* v = nullptr;
  int r = dict_pop(dict, key, &v);
  if (result) {
    *result = v;
  } else {
    Py_XDECREF(v);
  }
  return r;
}

int PyDict_PopString(PyObject* dict, const char* key, PyObject** result) {
  ORef k = steal(str_key(key));
  if (!k) {
    if (result) *result = nullptr;
    return -1;
  }
  return PyDict_Pop(dict, k.get(), result);
}

PyObject* _PyDict_NewPresized(Py_ssize_t) { return dict_new(); }

PyObject* _PyDict_GetItem_KnownHash(PyObject* mp, PyObject* key, Py_hash_t hash) {
  if (!PyDict_Check(mp)) return PYVM_BAD_INTERNAL_CALL();
  Object* v = nullptr;
  if (dict_get_known_hash(mp, key, hash, &v) <= 0) return nullptr;
  Py_DECREF(v);  // borrowed
  return v;
}

PyObject* _PyDict_GetItemStringWithError(PyObject* mp, const char* key) {
  ORef k = steal(str_key(key));
  if (!k) return nullptr;
  return PyDict_GetItemWithError(mp, k.get());
}

int _PyDict_SetItem_KnownHash(PyObject* mp, PyObject* key, PyObject* item, Py_hash_t hash) {
  if (!PyDict_Check(mp) || !key || !item) {
    PYVM_BAD_INTERNAL_CALL();
    return -1;
  }
  return dict_set_known_hash(mp, key, hash, item);
}

}  // extern "C"
