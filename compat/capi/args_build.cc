// Py_BuildValue and friends, the PyObject_CallFunction/CallMethod family that builds its arguments with them, and
// PyModule_Add* (modsupport.h). Owner: capi-b.
#include "Python.h"

#include <cstring>
#include <cwchar>
#include <vector>

#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"

using namespace pyvm;

namespace {

bool is_sep(char c) { return c == ' ' || c == '\t' || c == ',' || c == ':'; }

Object* null_object_error() {
  if (!error_occurred()) set_error(&exc_SystemError, "NULL object passed to Py_BuildValue");
  return nullptr;
}

Object* mkvalue(const char** pf, va_list* va, bool ignore);

// Items up to `end` (')' ']' '}' or '\0'). After a failure the remaining units are still consumed ('N' references
// released), as CPython does, and false is returned.
bool mkitems(const char** pf, va_list* va, char end, std::vector<ORef>* out, bool ignore) {
  bool ok = true;
  for (;;) {
    while (is_sep(**pf)) ++*pf;
    char c = **pf;
    if (c == end) {
      if (end) ++*pf;
      return ok;
    }
    if (c == '\0' || c == ')' || c == ']' || c == '}') {
      if (ok && !ignore) set_error(&exc_SystemError, "unmatched paren in format");
      return false;
    }
    ORef v = steal(mkvalue(pf, va, ignore || !ok));
    if (!v) {
      if (ok) ok = false;
      if (!**pf) return false;
      continue;
    }
    if (ok && !ignore) out->push_back(std::move(v));
  }
}

Object* from_wide(const wchar_t* w, ssize n) {
  std::vector<uint32_t> cps(static_cast<size_t>(n));
  for (ssize i = 0; i < n; i++) cps[size_t(i)] = uint32_t(w[i]);
  return str_from_ucs4(cps.data(), n);
}

// One unit; in `ignore` mode only consumes its varargs (releasing 'N' objects) and returns None.
Object* mkvalue(const char** pf, va_list* va, bool ignore) {
  char c = *(*pf)++;
  switch (c) {
    case '(': case '[': case '{': {
      char end = c == '(' ? ')' : c == '[' ? ']' : '}';
      std::vector<ORef> items;
      if (!mkitems(pf, va, end, &items, ignore)) return nullptr;
      if (ignore) return newref(Py_None);
      if (c == '(') {
        ORef t = steal(tuple_new(ssize(items.size())));
        if (!t) return nullptr;
        for (size_t i = 0; i < items.size(); i++) tuple_set(t.get(), ssize(i), items[i].release());
        return t.release();
      }
      if (c == '[') {
        ORef l = steal(list_new(0));
        if (!l) return nullptr;
        for (auto& it : items)
          if (list_append(l.get(), it.get()) < 0) return nullptr;
        return l.release();
      }
      if (items.size() % 2) return set_error(&exc_SystemError, "Bad dict format");
      ORef d = steal(dict_new());
      if (!d) return nullptr;
      for (size_t i = 0; i < items.size(); i += 2)
        if (dict_set(d.get(), items[i].get(), items[i + 1].get()) < 0) return nullptr;
      return d.release();
    }
    case 'b': case 'B': case 'h': case 'i': {
      int v = va_arg(*va, int);
      return ignore ? newref(Py_None) : int_from_i64(v);
    }
    case 'H': {
      unsigned int v = va_arg(*va, unsigned int);  // unsigned short, promoted
      return ignore ? newref(Py_None) : int_from_u64(v);
    }
    case 'I': {
      unsigned int v = va_arg(*va, unsigned int);
      return ignore ? newref(Py_None) : int_from_u64(v);
    }
    case 'n': {
      Py_ssize_t v = va_arg(*va, Py_ssize_t);
      return ignore ? newref(Py_None) : int_from_i64(v);
    }
    case 'l': {
      long v = va_arg(*va, long);
      return ignore ? newref(Py_None) : int_from_i64(v);
    }
    case 'k': {
      unsigned long v = va_arg(*va, unsigned long);
      return ignore ? newref(Py_None) : int_from_u64(v);
    }
    case 'L': {
      long long v = va_arg(*va, long long);
      return ignore ? newref(Py_None) : int_from_i64(v);
    }
    case 'K': {
      unsigned long long v = va_arg(*va, unsigned long long);
      return ignore ? newref(Py_None) : int_from_u64(v);
    }
    case 'f': case 'd': {
      double v = va_arg(*va, double);
      return ignore ? newref(Py_None) : float_from_double(v);
    }
    case 'D': {
      Py_complex* z = va_arg(*va, Py_complex*);
      return ignore ? newref(Py_None) : complex_from_doubles(z->real, z->imag);
    }
    case 'c': {
      char ch = char(va_arg(*va, int));
      return ignore ? newref(Py_None) : bytes_from(&ch, 1);
    }
    case 'C': {
      int ch = va_arg(*va, int);
      if (ignore) return newref(Py_None);
      if (ch < 0 || ch > 0x10ffff) return set_errorf(&exc_ValueError, "character U+{:x} is not in range [U+0000; U+10ffff]", ch);
      return str_from_char(uint32_t(ch));
    }
    case 's': case 'z': case 'U': case 'y': case 'u': {
      bool wide = c == 'u';
      const void* s = va_arg(*va, const void*);
      ssize n = -1;
      if (**pf == '#') {
        ++*pf;
        n = va_arg(*va, Py_ssize_t);
      }
      if (ignore) return newref(Py_None);
      if (!s) return newref(Py_None);
      if (wide) {
        const wchar_t* w = static_cast<const wchar_t*>(s);
        if (n < 0) n = ssize(std::wcslen(w));
        return from_wide(w, n);
      }
      const char* p = static_cast<const char*>(s);
      if (n < 0) {
        size_t m = std::strlen(p);
        if (m > size_t(PY_SSIZE_T_MAX)) return set_error(&exc_OverflowError, "string too long for Python string");
        n = ssize(m);
      }
      if (c == 'y') return bytes_from(p, n);
      return str_from_utf8(p, n);
    }
    case 'N': case 'S': case 'O': {
      if (c == 'O' && **pf == '&') {
        ++*pf;
        typedef PyObject* (*converter)(void*);
        converter func = va_arg(*va, converter);
        void* arg = va_arg(*va, void*);
        if (ignore) return newref(Py_None);
        return func(arg);
      }
      Object* v = va_arg(*va, Object*);
      if (ignore) {
        if (c == 'N') xdecref(v);
        return newref(Py_None);
      }
      if (!v) return null_object_error();
      return c == 'N' ? v : newref(v);
    }
    default:
      if (!ignore) set_error(&exc_SystemError, "bad format char passed to Py_BuildValue");
      return nullptr;
  }
}

// The top-level items of `format`, for Py_BuildValue (0: None, 1: the item, more: a tuple) and the call helpers.
bool build_items(const char* format, va_list va, std::vector<ORef>* items) {
  va_list lva;
  va_copy(lva, va);
  const char* f = format;
  bool ok = mkitems(&f, &lva, '\0', items, false);
  va_end(lva);
  return ok;
}

Object* va_build_value(const char* format, va_list va) {
  std::vector<ORef> items;
  if (!build_items(format, va, &items)) return nullptr;
  if (items.empty()) return newref(Py_None);
  if (items.size() == 1) return items[0].release();
  ORef t = steal(tuple_new(ssize(items.size())));
  if (!t) return nullptr;
  for (size_t i = 0; i < items.size(); i++) tuple_set(t.get(), ssize(i), items[i].release());
  return t.release();
}

Object* call_function_va(Object* callable, const char* format, va_list va) {
  if (!callable) {
    if (!error_occurred()) set_error(&exc_SystemError, "null argument to internal routine");
    return nullptr;
  }
  if (!format || !*format) return call0(callable);
  std::vector<ORef> items;
  if (!build_items(format, va, &items)) return nullptr;
  // CPython's compatibility rule: a single tuple argument ("O" with a tuple, or "(OO)") is spread.
  if (items.size() == 1 && type_check(items[0].get(), &tuple_type)) {
    Object* t = items[0].get();
    return call(callable, tuple_items(t), size_t(tuple_size(t)), nullptr);
  }
  std::vector<Object*> args;
  for (auto& it : items) args.push_back(it.get());
  return call(callable, args.data(), args.size(), nullptr);
}

Object* call_method_va(Object* obj, const char* name, const char* format, va_list va) {
  if (!obj || !name) {
    if (!error_occurred()) set_error(&exc_SystemError, "null argument to internal routine");
    return nullptr;
  }
  ORef m = steal(get_attr_str(obj, name));
  if (!m) return nullptr;
  return call_function_va(m.get(), format, va);
}

}  // namespace

extern "C" {

PyObject* Py_VaBuildValue(const char* format, va_list va) { return va_build_value(format, va); }
PyObject* _Py_VaBuildValue_SizeT(const char* format, va_list va) { return va_build_value(format, va); }

PyObject* Py_BuildValue(const char* format, ...) {
  va_list va;
  va_start(va, format);
  PyObject* r = va_build_value(format, va);
  va_end(va);
  return r;
}

PyObject* _Py_BuildValue_SizeT(const char* format, ...) {
  va_list va;
  va_start(va, format);
  PyObject* r = va_build_value(format, va);
  va_end(va);
  return r;
}

PyObject* PyObject_CallFunction(PyObject* callable, const char* format, ...) {
  va_list va;
  va_start(va, format);
  PyObject* r = call_function_va(callable, format, va);
  va_end(va);
  return r;
}

PyObject* _PyObject_CallFunction_SizeT(PyObject* callable, const char* format, ...) {
  va_list va;
  va_start(va, format);
  PyObject* r = call_function_va(callable, format, va);
  va_end(va);
  return r;
}

PyObject* PyEval_CallFunction(PyObject* callable, const char* format, ...) {
  va_list va;
  va_start(va, format);
  PyObject* r = call_function_va(callable, format, va);
  va_end(va);
  return r;
}

PyObject* PyObject_CallMethod(PyObject* obj, const char* name, const char* format, ...) {
  va_list va;
  va_start(va, format);
  PyObject* r = call_method_va(obj, name, format, va);
  va_end(va);
  return r;
}

PyObject* _PyObject_CallMethod_SizeT(PyObject* obj, const char* name, const char* format, ...) {
  va_list va;
  va_start(va, format);
  PyObject* r = call_method_va(obj, name, format, va);
  va_end(va);
  return r;
}

PyObject* PyEval_CallMethod(PyObject* obj, const char* name, const char* format, ...) {
  va_list va;
  va_start(va, format);
  PyObject* r = call_method_va(obj, name, format, va);
  va_end(va);
  return r;
}

// ---- PyModule_Add* ----

int PyModule_AddObjectRef(PyObject* mod, const char* name, PyObject* value) {
  if (!mod || !type_check(mod, &module_type)) {
    set_error(&exc_TypeError, "PyModule_AddObjectRef() first argument must be a module");
    return -1;
  }
  if (!value) {
    if (!error_occurred())
      set_error(&exc_SystemError, "PyModule_AddObjectRef() must be called with an exception raised if value is NULL");
    return -1;
  }
  Object* dict = module_dict(mod);
  if (!dict) {
    set_errorf(&exc_SystemError, "module '{}' has no __dict__", type_name(mod));
    return -1;
  }
  return dict_set_str(dict, name, value);
}

int PyModule_Add(PyObject* mod, const char* name, PyObject* value) {
  int r = PyModule_AddObjectRef(mod, name, value);
  xdecref(value);
  return r;
}

int PyModule_AddObject(PyObject* mod, const char* name, PyObject* value) {
  int r = PyModule_AddObjectRef(mod, name, value);
  if (r == 0) decref(value);
  return r;
}

int PyModule_AddIntConstant(PyObject* mod, const char* name, long value) {
  return PyModule_Add(mod, name, int_from_i64(value));
}

int PyModule_AddStringConstant(PyObject* mod, const char* name, const char* value) {
  return PyModule_Add(mod, name, str_from_utf8(value, ssize(std::strlen(value))));
}

int PyModule_AddType(PyObject* mod, PyTypeObject* type) {
  if (type_ready(type) < 0) return -1;
  const char* name = std::strrchr(type->tp_name, '.');
  name = name ? name + 1 : type->tp_name;
  return PyModule_AddObjectRef(mod, name, reinterpret_cast<Object*>(type));
}

}  // extern "C"
