// Code objects from C (code.h): building them from their parts, their names and line table, and extensions' extra
// data. Thin wrappers over vm/code.h, which holds the thread contract of the extra data. Owner: capi-b.
#include <cstdint>

#include "Python.h"
#include "compat/capi/abstract_internal.h"
#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/object.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/code.h"
#include "vm/opcodes.h"

using namespace pyvm;

namespace {

CodeObject* code_arg(PyCodeObject* c) { return reinterpret_cast<CodeObject*>(c); }
PyCodeObject* as_capi(Object* o) { return reinterpret_cast<PyCodeObject*>(o); }

bool all_str(Object* t) {
  for (ssize i = 0; i < tuple_size(t); i++)
    if (!type_check(tuple_get(t, i), &str_type)) return false;
  return true;
}

// A copy of `t` whose nested tuples are copies too: code_new interns strings in its tuples in place, and the
// caller's tuples may be shared (with another code object, or with other threads).
Object* fresh_tuple(Object* t) {
  ssize n = tuple_size(t);
  ORef copy = steal(tuple_new(n));
  if (!copy) return nullptr;
  for (ssize i = 0; i < n; i++) {
    Object* v = tuple_get(t, i);
    Object* item = type_of(v) == &tuple_type ? fresh_tuple(v) : newref(v);
    if (!item) return nullptr;
    tuple_set(copy.get(), i, item);
  }
  return copy.release();
}

// code_new's ValueErrors (bytecode that does not verify, counts out of range) are worded for .pyc files; from the
// C-API the message names the function that refused the code.
void reword_code_error(const char* api) {
  if (!error_matches(&exc_ValueError)) return;
  PyObject* exc = PyErr_GetRaisedException();
  ORef keep = steal(exc);
  ORef text = steal(PyObject_Str(exc));
  if (!text) return;
  set_errorf(&exc_ValueError, "{}: pyvm refuses this code object: {}", api, str_view(text.get()));
}

// PyUnstable_Code_NewWithPosOnlyArgs and PyUnstable_Code_New. The checks and their order are CPython 3.13's: bad
// arguments are SystemError, then co_code's shape, co_nlocals and the argument counts are ValueError, then names
// that are not str are SystemError again.
Object* code_from_parts(const char* api, int argcount, int posonlyargcount, int kwonlyargcount, int nlocals,
                        int stacksize, int flags, Object* code, Object* consts, Object* names, Object* varnames,
                        Object* freevars, Object* cellvars, Object* filename, Object* name, Object* qualname,
                        int firstlineno, Object* linetable, Object* exceptiontable) {
  auto is = [](Object* o, Type* t) { return o && type_check(o, t); };
  if (argcount < posonlyargcount || posonlyargcount < 0 || kwonlyargcount < 0 || nlocals < 0 || stacksize < 0 ||
      flags < 0 || !is(code, &bytes_type) || !is(consts, &tuple_type) || !is(names, &tuple_type) ||
      !is(varnames, &tuple_type) || !is(freevars, &tuple_type) || !is(cellvars, &tuple_type) || !is(name, &str_type) ||
      !is(filename, &str_type) || !is(qualname, &str_type) || !is(linetable, &bytes_type) ||
      !is(exceptiontable, &bytes_type))
    return PYVM_BAD_INTERNAL_CALL();
  if (bytes_size(code) % 2) return set_error(&exc_ValueError, "code: co_code is malformed");
  if (nlocals != tuple_size(varnames)) return set_error(&exc_ValueError, "code: co_nlocals != len(co_varnames)");
  ssize total_args =
      ssize(argcount) + kwonlyargcount + ((flags & kCoVarargs) ? 1 : 0) + ((flags & kCoVarkeywords) ? 1 : 0);
  if (total_args > tuple_size(varnames)) return set_error(&exc_ValueError, "code: co_varnames is too small");
  if (!all_str(names) || !all_str(varnames) || !all_str(freevars) || !all_str(cellvars))
    return set_error(&exc_SystemError, "non-string found in code slot");
  ORef lpnames, lpkinds;
  if (!code_localsplus_from_vars(varnames, cellvars, freevars, &lpnames, &lpkinds)) return nullptr;
  ORef own_consts = steal(fresh_tuple(consts));
  ORef own_names = steal(fresh_tuple(names));
  if (!own_consts || !own_names) return nullptr;
  // CPython gives every code object room for at least one value.
  Object* co = code_new(argcount, posonlyargcount, kwonlyargcount, stacksize ? stacksize : 1, flags, code,
                        own_consts.get(), own_names.get(), lpnames.get(), lpkinds.get(), filename, name, qualname,
                        firstlineno, linetable, exceptiontable, /*allow_empty=*/true);
  if (!co) reword_code_error(api);
  return co;
}

CodeObject* checked(PyCodeObject* c) {
  if (!c || !PyCode_Check(reinterpret_cast<PyObject*>(c))) {
    PYVM_BAD_INTERNAL_CALL();
    return nullptr;
  }
  return code_arg(c);
}

}  // namespace

extern "C" {

PyCodeObject* PyUnstable_Code_NewWithPosOnlyArgs(int argcount, int posonlyargcount, int kwonlyargcount, int nlocals,
                                                 int stacksize, int flags, PyObject* code, PyObject* consts,
                                                 PyObject* names, PyObject* varnames, PyObject* freevars,
                                                 PyObject* cellvars, PyObject* filename, PyObject* name,
                                                 PyObject* qualname, int firstlineno, PyObject* linetable,
                                                 PyObject* exceptiontable) {
  return as_capi(code_from_parts("PyUnstable_Code_NewWithPosOnlyArgs", argcount, posonlyargcount, kwonlyargcount,
                                 nlocals, stacksize, flags, code, consts, names, varnames, freevars, cellvars, filename,
                                 name, qualname, firstlineno, linetable, exceptiontable));
}

PyCodeObject* PyUnstable_Code_New(int argcount, int kwonlyargcount, int nlocals, int stacksize, int flags,
                                  PyObject* code, PyObject* consts, PyObject* names, PyObject* varnames,
                                  PyObject* freevars, PyObject* cellvars, PyObject* filename, PyObject* name,
                                  PyObject* qualname, int firstlineno, PyObject* linetable, PyObject* exceptiontable) {
  return as_capi(code_from_parts("PyUnstable_Code_New", argcount, 0, kwonlyargcount, nlocals, stacksize, flags, code,
                                 consts, names, varnames, freevars, cellvars, filename, name, qualname, firstlineno,
                                 linetable, exceptiontable));
}

// RESUME 0; LOAD_ASSERTION_ERROR; RAISE_VARARGS 1 on line `firstlineno`, as CPython makes it. The location table
// has one entry for the three code units: the "line only" form (kind 13, length 3), line delta 0.
PyCodeObject* PyCode_NewEmpty(const char* filename, const char* funcname, int firstlineno) {
  static const uint8_t kCode[] = {RESUME, 0, LOAD_ASSERTION_ERROR, 0, RAISE_VARARGS, 1};
  static const uint8_t kLines[] = {0x80 | (13 << 3) | (3 - 1), 0};
  ORef file = steal(PyUnicode_DecodeFSDefault(filename));
  ORef name = steal(str_from_utf8(funcname));
  if (!file || !name) return nullptr;
  ORef code = steal(bytes_from(reinterpret_cast<const char*>(kCode), sizeof kCode));
  ORef lines = steal(bytes_from(reinterpret_cast<const char*>(kLines), sizeof kLines));
  ORef consts = steal(tuple_new(0)), names = steal(tuple_new(0)), lpnames = steal(tuple_new(0));
  ORef empty = steal(bytes_from("", 0));
  if (!code || !lines || !consts || !names || !lpnames || !empty) return nullptr;
  return as_capi(code_new(0, 0, 0, 1, 0, code.get(), consts.get(), names.get(), lpnames.get(), empty.get(), file.get(),
                          name.get(), name.get(), firstlineno, lines.get(), empty.get()));
}

Py_ssize_t PyCode_GetNumFree(PyCodeObject* c) {
  CodeObject* co = checked(c);
  return co ? co->nfreevars : -1;
}

int PyUnstable_Code_GetFirstFree(PyCodeObject* c) {
  CodeObject* co = checked(c);
  return co ? co->nlocalsplus - co->nfreevars : -1;
}

// Byte offsets, as CPython counts them; a negative one stands for the function's first line.
int PyCode_Addr2Line(PyCodeObject* c, int addr) {
  CodeObject* co = checked(c);
  if (!co) return -1;
  if (addr < 0) return co->firstlineno;
  return code_addr_to_line(co, addr / 2);
}

// Past the last instruction every output is -1 (CPython 3.13 reports the last entry's position there).
int PyCode_Addr2Location(PyCodeObject* c, int addr, int* start_line, int* start_column, int* end_line,
                         int* end_column) {
  CodeObject* co = checked(c);
  if (!co) return 0;
  if (addr < 0) {
    *start_line = *end_line = co->firstlineno;
    *start_column = *end_column = 0;
    return 1;
  }
  code_addr_to_location(co, addr / 2, start_line, end_line, start_column, end_column);
  return 1;
}

PyObject* PyCode_GetCode(PyCodeObject* c) {
  CodeObject* co = checked(c);
  return co ? newref(co->code) : nullptr;
}
PyObject* PyCode_GetVarnames(PyCodeObject* c) {
  CodeObject* co = checked(c);
  return co ? code_names_with_kind(co, kFastLocal) : nullptr;
}
PyObject* PyCode_GetCellvars(PyCodeObject* c) {
  CodeObject* co = checked(c);
  return co ? code_names_with_kind(co, kFastCell) : nullptr;
}
PyObject* PyCode_GetFreevars(PyCodeObject* c) {
  CodeObject* co = checked(c);
  return co ? code_names_with_kind(co, kFastFree) : nullptr;
}

// ---- extra data ----

Py_ssize_t PyUnstable_Eval_RequestCodeExtraIndex(freefunc free) { return code_extra_request_index(free); }

int PyUnstable_Code_GetExtra(PyObject* code, Py_ssize_t index, void** extra) {
  if (!code || !PyCode_Check(code)) {
    PYVM_BAD_INTERNAL_CALL();
    return -1;
  }
  *extra = code_extra_get(as_code(code), index);
  return 0;
}

int PyUnstable_Code_SetExtra(PyObject* code, Py_ssize_t index, void* extra) {
  if (!code || !PyCode_Check(code) || index < 0 || index >= code_extra_count()) {
    PYVM_BAD_INTERNAL_CALL();
    return -1;
  }
  return code_extra_set(as_code(code), index, extra);
}

}  // extern "C"
