// Issuing warnings from C (warnings.h). Owner: capi-b.
//
// PyErr_WarnEx and PyErr_WarnFormat go through the runtime's C-level warning path (runtime_warn: the `warnings`
// module's filters once it is loaded, CPython's default filters before). The explicit forms and
// PyErr_ResourceWarning with a source object need the `warnings` module itself (warn_explicit / warn(source=)), so
// they import it.
#include "Python.h"

#include <cstring>
#include <string>

#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/import.h"
#include "vm/modules/modules.h"

using namespace pyvm;

namespace {

Type* category_or_default(PyObject* category) {
  return category ? reinterpret_cast<Type*>(category) : &exc_RuntimeWarning;
}

int warn_str(PyObject* category, Object* msg, Py_ssize_t stack_level) {
  if (stack_level > INT32_MAX) stack_level = INT32_MAX;
  return runtime_warn_ex(category_or_default(category), std::string(str_view(msg)), int(stack_level), false);
}

}  // namespace

extern "C" {

int PyErr_WarnEx(PyObject* category, const char* message, Py_ssize_t stack_level) {
  ORef msg = steal(str_from_utf8(message, ssize(std::strlen(message))));
  if (!msg) return -1;
  return warn_str(category, msg.get(), stack_level);
}

int PyErr_WarnFormat(PyObject* category, Py_ssize_t stack_level, const char* format, ...) {
  va_list va;
  va_start(va, format);
  ORef msg = steal(PyUnicode_FromFormatV(format, va));
  va_end(va);
  if (!msg) return -1;
  return warn_str(category, msg.get(), stack_level);
}

int PyErr_ResourceWarning(PyObject* source, Py_ssize_t stack_level, const char* format, ...) {
  va_list va;
  va_start(va, format);
  ORef msg = steal(PyUnicode_FromFormatV(format, va));
  va_end(va);
  if (!msg) return -1;
  if (!source || source == Py_None) return warn_str(PyExc_ResourceWarning, msg.get(), stack_level);
  ORef mod = steal(import_module("warnings"));
  if (!mod) return -1;
  ORef warn = steal(get_attr_str(mod.get(), "warn"));
  ORef level = steal(int_from_i64(stack_level));
  if (!warn || !level) return -1;
  ORef key = steal(str_from_utf8("source"));
  if (!key) return -1;
  ORef kwnames = steal(tuple_pack({key.get()}));
  if (!kwnames) return -1;
  Object* args[4] = {msg.get(), PyExc_ResourceWarning, level.get(), source};
  ORef r = steal(call(warn.get(), args, 3, kwnames.get()));
  return r ? 0 : -1;
}

int PyErr_WarnExplicitObject(PyObject* category, PyObject* message, PyObject* filename, int lineno, PyObject* module,
                             PyObject* registry) {
  ORef mod = steal(import_module("warnings"));
  if (!mod) return -1;
  ORef fn = steal(get_attr_str(mod.get(), "warn_explicit"));
  ORef line = steal(int_from_i64(lineno));
  if (!fn || !line) return -1;
  Object* args[6] = {message, reinterpret_cast<Object*>(category_or_default(category)), filename, line.get(),
                     module ? module : Py_None, registry ? registry : Py_None};
  ORef r = steal(call(fn.get(), args, 6, nullptr));
  return r ? 0 : -1;
}

int PyErr_WarnExplicit(PyObject* category, const char* message, const char* filename, int lineno, const char* module,
                       PyObject* registry) {
  ORef msg = steal(str_from_utf8(message, ssize(std::strlen(message))));
  ORef file = steal(str_decode(filename, ssize(std::strlen(filename)), "utf-8", "surrogateescape"));
  if (!msg || !file) return -1;
  ORef mod;
  if (module) {
    mod = steal(str_from_utf8(module, ssize(std::strlen(module))));
    if (!mod) return -1;
  }
  return PyErr_WarnExplicitObject(category, msg.get(), file.get(), lineno, mod.get(), registry);
}

int PyErr_WarnExplicitFormat(PyObject* category, const char* filename, int lineno, const char* module,
                             PyObject* registry, const char* format, ...) {
  va_list va;
  va_start(va, format);
  ORef msg = steal(PyUnicode_FromFormatV(format, va));
  va_end(va);
  if (!msg) return -1;
  ORef file = steal(str_decode(filename, ssize(std::strlen(filename)), "utf-8", "surrogateescape"));
  if (!file) return -1;
  ORef mod;
  if (module) {
    mod = steal(str_from_utf8(module, ssize(std::strlen(module))));
    if (!mod) return -1;
  }
  return PyErr_WarnExplicitObject(category, msg.get(), file.get(), lineno, mod.get(), registry);
}

}  // extern "C"
