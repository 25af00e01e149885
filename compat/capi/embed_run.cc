// Compiling and running source from C: Py_CompileString*, PyRun_String/File/Simple*, PyEval_EvalCode.
// Owner: capi-a. Thin wrappers over the runtime's compile_text and eval_code.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "Python.h"
#include "compat/capi/embed_internal.h"
#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/types.h"
#include "vm/builtin_modules.h"
#include "vm/compile_api.h"
#include "vm/interp.h"
#include "vm/runtime.h"
#include "vm/marshal.h"
#include "vm/modules/modules.h"
#include "vm/sysmodule.h"
#include "vm/traceback.h"

#undef Py_CompileString
#undef PyRun_String
#undef PyRun_SimpleString
#undef PyRun_SimpleFile
#undef PyRun_SimpleFileEx
#undef PyRun_File
#undef PyRun_FileEx
#undef PyRun_FileFlags

namespace pyvm::capi {

namespace {

bool start_to_mode(int start, int* mode) {
  switch (start) {
    case Py_file_input: *mode = kModeExec; return true;
    case Py_eval_input: *mode = kModeEval; return true;
    case Py_single_input: *mode = kModeSingle; return true;
    case Py_func_type_input: *mode = kModeFuncType; return true;
    default: set_error(&exc_ValueError, "invalid start argument"); return false;
  }
}

// globals["__builtins__"] = the builtins module when missing, as CPython's run_eval_code_obj and PyEval_EvalCode.
bool ensure_builtins(Object* globals) {
  Object* b = nullptr;
  int r = dict_get(globals, strs::builtins, &b);
  if (r < 0) return false;
  if (r > 0) {
    decref(b);
    return true;
  }
  return dict_set(globals, strs::builtins, builtins_module()) == 0;
}

Object* compile(const char* str, size_t len, Object* filename, int start, PyCompilerFlags* flags, int optimize) {
  int mode = 0;
  if (!start_to_mode(start, &mode)) return nullptr;
  int cf = flags ? flags->cf_flags & (PyCF_MASK | PyCF_MASK_OBSOLETE | PyCF_COMPILE_MASK | PyCF_IGNORE_COOKIE |
                                      PyCF_SOURCE_IS_UTF8)
                 : 0;
  return compile_text(str, len, filename, mode, cf, optimize);
}

Object* run_source(const char* str, size_t len, Object* filename, int start, Object* globals, Object* locals,
                   PyCompilerFlags* flags) {
  if (!globals || !type_check(globals, &dict_type)) return set_error(&exc_SystemError, "globals must be a dict");
  ORef code = steal(compile(str, len, filename, start, flags, -1));
  if (!code) return nullptr;
  if (!ensure_builtins(globals)) return nullptr;
  return eval_code(code.get(), globals, locals ? locals : globals);
}

Object* string_filename() {
  static Object* s = str_interned("<string>");
  return s;
}

bool read_file(FILE* fp, std::string* out) {
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, fp)) > 0) out->append(buf, n);
  return !std::ferror(fp);
}

}  // namespace

// Prints the current exception as the interpreter does for an uncaught one (sys.excepthook) and clears it; a
// SystemExit ends the process with its code, as CPython's PyErr_Print does.
void print_uncaught() {
  ORef exc = steal(error_take());
  if (!exc) return;
  if (type_check(exc.get(), &exc_SystemExit)) {
    Object* code = as_exc(exc.get())->value;
    int status = 0;
    if (code && code != none()) {
      if (type_check(code, &int_type)) {
        int ovf = 0;
        status = int(int_as_i64(code, &ovf));
      } else {
        std::string s;
        if (!object_str_utf8(code, &s)) error_clear();
        std::fflush(stdout);
        std::fprintf(stderr, "%s\n", s.c_str());
        status = 1;
      }
    }
    io_flush_at_exit();
    std::fflush(stdout);
    std::fflush(stderr);
    std::exit(status);
  }
  Object* hook = sys_get("excepthook");
  Object* builtin_hook = sys_get("__excepthook__");
  if (hook && hook != builtin_hook && hook != none()) {
    ORef keep = borrow(hook);
    Object* tb = as_exc(exc.get())->traceback;
    Object* args[3] = {reinterpret_cast<Object*>(type_of(exc.get())), exc.get(), tb ? tb : none()};
    ORef r = steal(call(hook, args, 3, nullptr));
    if (r) return;
    error_clear();
  }
  std::string out = format_exception(exc.get());
  std::fflush(stdout);
  sys_write_stream(2, out.data(), out.size());
}

}  // namespace pyvm::capi

using namespace pyvm;

extern "C" {

PyObject* Py_CompileStringObject(const char* str, PyObject* filename, int start, PyCompilerFlags* flags,
                                 int optimize) {
  return capi::compile(str, std::strlen(str), filename, start, flags, optimize);
}

PyObject* Py_CompileStringExFlags(const char* str, const char* filename, int start, PyCompilerFlags* flags,
                                  int optimize) {
  ORef fn = steal(str_from_utf8(filename, ssize(std::strlen(filename))));
  if (!fn) return nullptr;
  return capi::compile(str, std::strlen(str), fn.get(), start, flags, optimize);
}

PyObject* Py_CompileString(const char* str, const char* filename, int start) {
  return Py_CompileStringExFlags(str, filename, start, nullptr, -1);
}

PyObject* PyEval_EvalCode(PyObject* co, PyObject* globals, PyObject* locals) {
  if (!co || type_of(co) != &code_type) return set_error(&exc_SystemError, "bad argument to internal function");
  if (!globals || !type_check(globals, &dict_type)) return set_error(&exc_SystemError, "globals must be a dict");
  if (!capi::ensure_builtins(globals)) return nullptr;
  return eval_code(co, globals, locals ? locals : globals);
}

PyObject* PyRun_StringFlags(const char* str, int start, PyObject* globals, PyObject* locals, PyCompilerFlags* flags) {
  return capi::run_source(str, std::strlen(str), capi::string_filename(), start, globals, locals, flags);
}

PyObject* PyRun_String(const char* str, int start, PyObject* globals, PyObject* locals) {
  return PyRun_StringFlags(str, start, globals, locals, nullptr);
}

int PyRun_SimpleStringFlags(const char* command, PyCompilerFlags* flags) {
  PyObject* main = PyImport_AddModule("__main__");
  if (!main) {
    capi::print_uncaught();
    return -1;
  }
  ORef r = steal(PyRun_StringFlags(command, Py_file_input, module_dict(main), module_dict(main), flags));
  if (!r) {
    capi::print_uncaught();
    return -1;
  }
  return 0;
}

int PyRun_SimpleString(const char* command) { return PyRun_SimpleStringFlags(command, nullptr); }

PyObject* PyRun_FileExFlags(FILE* fp, const char* filename, int start, PyObject* globals, PyObject* locals,
                            int closeit, PyCompilerFlags* flags) {
  std::string src;
  bool ok = capi::read_file(fp, &src);
  if (closeit) std::fclose(fp);
  if (!ok) return set_errorf(&exc_OSError, "cannot read {}", filename);
  ORef fn = steal(str_from_utf8(filename, ssize(std::strlen(filename))));
  if (!fn) return nullptr;
  return capi::run_source(src.data(), src.size(), fn.get(), start, globals, locals, flags);
}

PyObject* PyRun_File(FILE* fp, const char* filename, int start, PyObject* globals, PyObject* locals) {
  return PyRun_FileExFlags(fp, filename, start, globals, locals, 0, nullptr);
}
PyObject* PyRun_FileEx(FILE* fp, const char* filename, int start, PyObject* globals, PyObject* locals, int closeit) {
  return PyRun_FileExFlags(fp, filename, start, globals, locals, closeit, nullptr);
}
PyObject* PyRun_FileFlags(FILE* fp, const char* filename, int start, PyObject* globals, PyObject* locals,
                          PyCompilerFlags* flags) {
  return PyRun_FileExFlags(fp, filename, start, globals, locals, 0, flags);
}

// Runs a source file (or a .pyc, by name) in __main__, with __file__ and __cached__ set while it runs.
int PyRun_SimpleFileExFlags(FILE* fp, const char* filename, int closeit, PyCompilerFlags* flags) {
  PyObject* main = PyImport_AddModule("__main__");
  if (!main) {
    if (closeit) std::fclose(fp);
    capi::print_uncaught();
    return -1;
  }
  Object* d = module_dict(main);
  bool set_file = false;
  int has = dict_contains(d, strs::file);
  ORef fn = steal(str_from_utf8(filename, ssize(std::strlen(filename))));
  if (has < 0 || !fn) {
    if (closeit) std::fclose(fp);
    capi::print_uncaught();
    return -1;
  }
  if (has == 0) {
    if (dict_set(d, strs::file, fn.get()) < 0 || dict_set_str(d, "__cached__", none()) < 0) {
      if (closeit) std::fclose(fp);
      capi::print_uncaught();
      return -1;
    }
    set_file = true;
  }
  ORef r;
  size_t flen = std::strlen(filename);
  if (flen > 4 && std::strcmp(filename + flen - 4, ".pyc") == 0) {
    if (closeit) std::fclose(fp);
    ORef code = steal(load_pyc_file(filename));
    if (code) r = steal(PyEval_EvalCode(code.get(), d, d));
  } else {
    r = steal(PyRun_FileExFlags(fp, filename, Py_file_input, d, d, closeit, flags));
  }
  int status = 0;
  if (!r) {
    capi::print_uncaught();
    status = -1;
  }
  if (set_file) {
    if (dict_del(d, strs::file) < 0) error_clear();
    if (dict_del(d, str_interned("__cached__")) < 0) error_clear();
  }
  return status;
}

int PyRun_SimpleFile(FILE* fp, const char* filename) { return PyRun_SimpleFileExFlags(fp, filename, 0, nullptr); }
int PyRun_SimpleFileEx(FILE* fp, const char* filename, int closeit) {
  return PyRun_SimpleFileExFlags(fp, filename, closeit, nullptr);
}

}  // extern "C"
