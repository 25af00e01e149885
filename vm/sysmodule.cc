// The sys module (the parts programs use before the full standard library lands) and built-in module import.
#include "vm/sysmodule.h"
#include "vm/oserror.h"

#include "vm/builtin_modules.h"

#include <unistd.h>

#include <atomic>
#include <mutex>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <string>
#include <vector>
#include <string>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/module.h"
#include "objects/namespace.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/instrument.h"
#include "vm/interp.h"
#include "vm/traceback.h"
#include "vm/sync/mutex.h"

namespace pyvm {

static Object* g_sys = nullptr;
static Object* g_modules = nullptr;
// Serialises writes to the standard streams so that lines from different threads never interleave.
static PyMutex g_stream_lock{};

Object* sys_modules() { return g_modules; }

Object* sys_get(const char* name) {
  if (!g_sys) return nullptr;
  Object* v = nullptr;
  if (dict_get_str(module_dict(g_sys), name, &v) <= 0) {
    error_clear();
    return nullptr;
  }
  decref(v);  // sys's dict keeps it alive; callers borrow
  return v;
}

// Writes under the stream lock; returns 0, or the errno of a failed write (EPIPE when the reader has gone: SIGPIPE
// is ignored, as CPython ignores it).
static int write_stream_checked(int fd, const char* data, size_t len) {
  FILE* f = fd == 2 ? stderr : stdout;
  sync::mutex_lock(&g_stream_lock);
  if (fd == 2) std::fflush(stdout);
  errno = 0;
  int err = 0;
  if (std::fwrite(data, 1, len, f) != len) err = errno ? errno : EIO;
  if (fd == 2 && std::fflush(stderr) != 0 && !err) err = errno ? errno : EIO;
  if (err) std::clearerr(f);
  sync::mutex_unlock(&g_stream_lock);
  return err;
}

void sys_write_stream(int fd, const char* data, size_t len) { (void)write_stream_checked(fd, data, len); }

// ---- the standard stream objects: write() and flush() on fds 1 and 2 ----

struct StreamObject {
  PyObject ob_base;
  int fd;
  bool utf8;         // encoding is UTF-8: strings are written as their UTF-8 bytes
  bool closed;       // close() was called (`with sys.stdout:` closes it, as it closes CPython's TextIOWrapper)
  char encoding[48];  // set by sys_init (stdio_encoding_errors)
  char errors[48];
};

static Object* stream_write(Object* self, Object* s) {
  if (!type_check(s, &str_type))
    return set_errorf(&exc_TypeError, "write() argument must be str, not {}", type_name(s));
  auto* so = reinterpret_cast<StreamObject*>(self);
  if (so->closed) return set_error(&exc_ValueError, "I/O operation on closed file.");
  ssize n = 0;
  const char* p = so->utf8 ? str_utf8(s, &n) : nullptr;
  if (p) {
    if (int err = write_stream_checked(so->fd, p, size_t(n))) {
      errno = err;
      return raise_errno();
    }
    return int_from_ssize(str_length(s));
  }
  // Another encoding, or text the UTF-8 fast path cannot write (lone surrogates): the stream's codec and error
  // handler decide (stderr: backslashreplace writes them as \udcxx escapes).
  error_clear();
  ORef b = steal(str_encode(s, so->encoding, so->errors));
  if (!b) return nullptr;
  if (int err = write_stream_checked(so->fd, bytes_data(b.get()), size_t(bytes_size(b.get())))) {
    errno = err;
    return raise_errno();
  }
  return int_from_ssize(str_length(s));
}
static Object* stream_flush(Object* self, Object*) {
  auto* so = reinterpret_cast<StreamObject*>(self);
  if (so->closed) return set_error(&exc_ValueError, "I/O operation on closed file.");
  FILE* f = so->fd == 2 ? stderr : stdout;
  sync::mutex_lock(&g_stream_lock);
  errno = 0;
  int err = std::fflush(f) != 0 ? (errno ? errno : EIO) : 0;
  if (err) std::clearerr(f);
  sync::mutex_unlock(&g_stream_lock);
  if (err) {
    errno = err;
    return raise_errno();
  }
  return newref(none());
}
// close(): flushes, then marks the stream closed (the file descriptor stays open, as CPython leaves fd 1 and 2 open
// when sys.stdout is closed: closefd is False for the standard streams).
static Object* stream_close(Object* self, Object*) {
  auto* so = reinterpret_cast<StreamObject*>(self);
  if (so->closed) return newref(none());
  ORef r = steal(stream_flush(self, nullptr));
  so->closed = true;
  return r.release();
}
static Object* stream_enter(Object* self, Object*) {
  if (reinterpret_cast<StreamObject*>(self)->closed) return set_error(&exc_ValueError, "I/O operation on closed file.");
  return newref(self);
}
static Object* stream_exit(Object* self, Object* const*, ssize) { return stream_close(self, nullptr); }
static Object* stream_fileno(Object* self, Object*) { return int_from_i64(reinterpret_cast<StreamObject*>(self)->fd); }
static Object* stream_isatty(Object* self, Object*) {
  return newref(bool_obj(isatty(reinterpret_cast<StreamObject*>(self)->fd)));
}
static Object* stream_true(Object*, Object*) { return newref(true_()); }
static Object* stream_false(Object*, Object*) { return newref(false_()); }
static PyMethodDef stream_methods[] = {{"write", stream_write, METH_O, nullptr},
                                       {"flush", stream_flush, METH_NOARGS, nullptr},
                                       {"close", stream_close, METH_NOARGS, nullptr},
                                       {"__enter__", stream_enter, METH_NOARGS, nullptr},
                                       {"__exit__", reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(stream_exit)),
                                        METH_FASTCALL, nullptr},
                                       {"fileno", stream_fileno, METH_NOARGS, nullptr},
                                       {"isatty", stream_isatty, METH_NOARGS, nullptr},
                                       {"writable", stream_true, METH_NOARGS, nullptr},
                                       {"readable", stream_false, METH_NOARGS, nullptr},
                                       {"seekable", stream_false, METH_NOARGS, nullptr},
                                       {nullptr, nullptr, 0, nullptr}};
// The attributes code reads off a text stream (CPython's TextIOWrapper over fd 1 / fd 2 in a UTF-8 locale).
static Object* stream_encoding(Object* self, void*) {
  return str_from_utf8(reinterpret_cast<StreamObject*>(self)->encoding);
}
static Object* stream_errors(Object* self, void*) {
  return str_from_utf8(reinterpret_cast<StreamObject*>(self)->errors);
}
static Object* stream_name(Object* self, void*) {
  return str_from_utf8(reinterpret_cast<StreamObject*>(self)->fd == 2 ? "<stderr>" : "<stdout>");
}
static Object* stream_mode(Object*, void*) { return str_from_utf8("w"); }
static Object* stream_closed(Object* self, void*) {
  return newref(bool_obj(reinterpret_cast<StreamObject*>(self)->closed));
}
static Object* stream_line_buffering(Object* self, void*) {
  return newref(bool_obj(isatty(reinterpret_cast<StreamObject*>(self)->fd)));
}
static Object* stream_newlines(Object*, void*) { return newref(none()); }
static PyGetSetDef stream_getset[] = {{"encoding", stream_encoding, nullptr, nullptr, nullptr},
                                      {"errors", stream_errors, nullptr, nullptr, nullptr},
                                      {"name", stream_name, nullptr, nullptr, nullptr},
                                      {"mode", stream_mode, nullptr, nullptr, nullptr},
                                      {"closed", stream_closed, nullptr, nullptr, nullptr},
                                      {"line_buffering", stream_line_buffering, nullptr, nullptr, nullptr},
                                      {"newlines", stream_newlines, nullptr, nullptr, nullptr},
                                      {nullptr, nullptr, nullptr, nullptr, nullptr}};
static Object* stream_repr(Object* self) {
  int fd = reinterpret_cast<StreamObject*>(self)->fd;
  return str_from_utf8(fd == 2 ? "<stderr>" : "<stdout>");
}
Type stream_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "pyvm.StdStream",
    .tp_basicsize = sizeof(StreamObject),
    .tp_repr = stream_repr,
    .tp_methods = stream_methods,
    .tp_getset = stream_getset,
};
const char* sys_stream_errors(Object* stream) { return reinterpret_cast<StreamObject*>(stream)->errors; }

int sys_stream_fd(Object* stream) {
  // Only UTF-8 streams take raw UTF-8 bytes from print's fast path; others go through write() and their codec.
  if (type_of(stream) != &stream_type || !reinterpret_cast<StreamObject*>(stream)->utf8 ||
      reinterpret_cast<StreamObject*>(stream)->closed)
    return -1;
  return reinterpret_cast<StreamObject*>(stream)->fd;
}

static StreamObject g_stdout = {PYVM_IMMORTAL_HEADER(&stream_type), 1, true, false, "utf-8", "strict"};
static StreamObject g_stderr = {PYVM_IMMORTAL_HEADER(&stream_type), 2, true, false, "utf-8", "backslashreplace"};

static void stream_configure(StreamObject* so) {
  std::string enc, err;
  stdio_encoding_errors(so->fd, &enc, &err);
  std::snprintf(so->encoding, sizeof so->encoding, "%s", enc.c_str());
  std::snprintf(so->errors, sizeof so->errors, "%s", err.c_str());
  std::string norm;
  for (char c : enc) norm += c == '_' ? '-' : char(std::tolower(static_cast<unsigned char>(c)));
  so->utf8 = norm == "utf-8" || norm == "utf8";
}

// ---- sys functions ----

static Object* sys_exit(Object*, Object* const* args, ssize nargs) {
  if (nargs > 1) return set_errorf(&exc_TypeError, "exit expected at most 1 argument, got {}", nargs);
  return set_error_value(&exc_SystemExit, nargs ? args[0] : nullptr);
}
static Object* sys_getrecursionlimit(Object*, Object*) { return int_from_i64(g_recursion_limit); }
static Object* sys_setrecursionlimit(Object*, Object* v) {
  if (!type_check(v, &int_type))
    return set_errorf(&exc_TypeError, "'{}' object cannot be interpreted as an integer", type_name(v));
  ssize n = int_as_ssize(v);
  if (n == -1 && error_occurred()) return nullptr;
  if (n < 1) return set_error(&exc_ValueError, "recursion limit must be greater or equal than 1");
  if (n > (1 << 24)) n = 1 << 24;
  g_recursion_limit = int(n);
  return newref(none());
}
static Object* sys_is_gil_enabled(Object*, Object*) { return newref(false_()); }
static Object* sys_intern(Object*, Object* s) {
  if (!type_check_exact(s, &str_type))
    return set_errorf(&exc_TypeError, "intern() argument must be str, not {}", type_name(s));
  return str_intern(newref(s));
}
static Object* sys_getrefcount(Object*, Object* o) { return int_from_ssize(alloc::refcount(o)); }
static Object* sys_exception(Object*, Object*) {
  Object* h = topmost_handled(thread_state());
  return newref(h ? h : none());
}
static Object* sys_exc_info(Object*, Object*) {
  Object* h = topmost_handled(thread_state());
  if (!h || h == none()) return tuple_pack({none(), none(), none()});
  Object* tb = as_exc(h)->traceback;
  return tuple_pack({reinterpret_cast<Object*>(type_of(h)), h, tb ? tb : none()});
}

static Object* sys_get_int_max_str_digits(Object*, Object*) { return int_from_i64(int_max_str_digits()); }
static Object* sys_set_int_max_str_digits(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* out[1] = {};
  if (!parse_args("set_int_max_str_digits", args, nargs, kwnames, {"maxdigits"}, 1, out)) return nullptr;
  ssize n = number_as_ssize(out[0], &exc_OverflowError);
  if (n == -1 && error_occurred()) return nullptr;
  if (n != 0 && n < kIntMaxStrDigitsThreshold)
    return set_errorf(&exc_ValueError, "maxdigits must be 0 or larger than {}", kIntMaxStrDigitsThreshold);
  set_int_max_str_digits(int(n));
  return newref(none());
}

static Object* sys_utf8(Object*, Object*) { return str_interned("utf-8"); }
static Object* sys_surrogateescape(Object*, Object*) { return str_interned("surrogateescape"); }

// The switch interval has no effect without a GIL; it is remembered for getswitchinterval (as CPython 3.13t).
static std::atomic<double> g_switch_interval{0.005};
static Object* sys_getswitchinterval(Object*, Object*) { return float_from_double(g_switch_interval.load()); }
static Object* sys_setswitchinterval(Object*, Object* v) {
  bool ok = true;
  double d = float_as_double(v, &ok);
  if (!ok) return nullptr;
  if (d <= 0) return set_error(&exc_ValueError, "switch interval must be strictly positive");
  g_switch_interval.store(d);
  return newref(none());
}

// Tracing and profiling: vm/instrument.cc keeps the hooks and calls them.
static Object* sys_settrace(Object*, Object* f) { return instrument::set_trace(f); }
static Object* sys_setprofile(Object*, Object* f) { return instrument::set_profile(f); }
static Object* sys_settraceallthreads(Object*, Object* f) { return instrument::set_trace_all(f); }
static Object* sys_setprofileallthreads(Object*, Object* f) { return instrument::set_profile_all(f); }
static Object* sys_gettrace(Object*, Object*) { return instrument::get_trace(); }
static Object* sys_getprofile(Object*, Object*) { return instrument::get_profile(); }

// sys.excepthook(type, value, traceback): prints the exception as the interpreter does for an uncaught one.
static Object* sys_excepthook(Object*, Object* const* args, ssize nargs) {
  if (nargs != 3) return set_errorf(&exc_TypeError, "excepthook expected 3 arguments, got {}", nargs);
  Object* value = args[1];
  std::string text;
  if (is_exception_instance(value)) {
    text = format_exception(value);
  } else {
    // CPython: "TypeError: print_exception(): Exception expected for value, X found"
    text = fmt::format("TypeError: print_exception(): Exception expected for value, {} found\n", type_name(value));
  }
  Object* err = sys_get("stderr");
  if (!err || err == none()) return newref(none());
  ORef keep = borrow(err);
  if (sys_write_text(err, text) < 0) return nullptr;
  return newref(none());
}

int sys_write_text(Object* file, const std::string& text) {
  if (int fd = sys_stream_fd(file); fd >= 0) {
    sys_write_stream(fd, text.data(), text.size());
    return 0;
  }
  ORef s = steal(str_from_utf8(text));
  if (!s) return -1;
  ORef r = steal(call_method1(file, str_interned("write"), s.get()));
  return r ? 0 : -1;
}

// sys.audit(event, *args): pyvm has no audit hooks (there is no sys.addaudithook), and with no hook installed
// CPython returns at once, without even checking the event's type.
static Object* sys_audit(Object*, Object* const* args, ssize nargs) {
  (void)args;
  if (nargs < 1) return set_error(&exc_TypeError, "audit() missing 1 required positional argument: 'event'");
  return newref(none());
}

#define FAST(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(f))
static PyMethodDef sys_methods[] = {
    {"audit", FAST(sys_audit), METH_FASTCALL, nullptr},
    {"excepthook", FAST(sys_excepthook), METH_FASTCALL, nullptr},
    {"getfilesystemencoding", sys_utf8, METH_NOARGS, nullptr},
    {"getfilesystemencodeerrors", sys_surrogateescape, METH_NOARGS, nullptr},
    {"getdefaultencoding", sys_utf8, METH_NOARGS, nullptr},
    {"getswitchinterval", sys_getswitchinterval, METH_NOARGS, nullptr},
    {"setswitchinterval", sys_setswitchinterval, METH_O, nullptr},
    {"settrace", sys_settrace, METH_O, nullptr},
    {"setprofile", sys_setprofile, METH_O, nullptr},
    {"_settraceallthreads", sys_settraceallthreads, METH_O, nullptr},
    {"_setprofileallthreads", sys_setprofileallthreads, METH_O, nullptr},
    {"gettrace", sys_gettrace, METH_NOARGS, nullptr},
    {"getprofile", sys_getprofile, METH_NOARGS, nullptr},
    {"get_int_max_str_digits", sys_get_int_max_str_digits, METH_NOARGS, nullptr},
    {"set_int_max_str_digits", FAST(sys_set_int_max_str_digits), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"exit", FAST(sys_exit), METH_FASTCALL, nullptr},
    {"getrecursionlimit", sys_getrecursionlimit, METH_NOARGS, nullptr},
    {"setrecursionlimit", sys_setrecursionlimit, METH_O, nullptr},
    {"_is_gil_enabled", sys_is_gil_enabled, METH_NOARGS, nullptr},
    {"intern", sys_intern, METH_O, nullptr},
    {"getrefcount", sys_getrefcount, METH_O, nullptr},
    {"exception", sys_exception, METH_NOARGS, nullptr},
    {"exc_info", sys_exc_info, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr}};
#undef FAST

int sys_more_init(Object* sys_module);      // vm/builtins_more.cc
int sys_frame_init(Object* sys_module);     // vm/frame.cc: _getframe, _getframemodulename
int sys_structseq_init(Object* sys_dict);  // vm/sys_structseq.cc
int sys_unraisable_init(Object* sys_dict);  // vm/sys_unraisable.cc
int sys_asyncgen_init(Object* sys_dict);    // vm/sys_asyncgen.cc

SysCliFlags& sys_cli_flags() {
  static SysCliFlags flags;
  return flags;
}

const char* python_getenv(const char* name) {
  if (sys_cli_flags().ignore_environment) return nullptr;
  return std::getenv(name);
}

int sys_extras_init(Object* sys_module, Object* sys_dict);  // vm/sys_extras.cc

// sys.executable from argv[0], as CPython's getpath: a name with a slash is made absolute (symlinks kept); a bare
// name is looked up on PATH; '' when the program cannot be found.
static std::string executable_path(const std::string& argv0) {
  if (argv0.empty()) return "";
  auto normalize = [](const std::string& p) {
    std::vector<std::string> parts;
    size_t i = 0;
    while (i <= p.size()) {
      size_t j = p.find('/', i);
      if (j == std::string::npos) j = p.size();
      std::string part = p.substr(i, j - i);
      if (part == "..") {
        if (!parts.empty()) parts.pop_back();
      } else if (!part.empty() && part != ".") {
        parts.push_back(part);
      }
      i = j + 1;
    }
    std::string out;
    for (const std::string& part : parts) out += "/" + part;
    return out.empty() ? std::string("/") : out;
  };
  if (argv0.find('/') != std::string::npos) {
    if (argv0[0] == '/') return normalize(argv0);
    char cwd[4096];
    if (!getcwd(cwd, sizeof cwd)) return argv0;
    return normalize(std::string(cwd) + "/" + argv0);
  }
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "";
  size_t i = 0;
  while (i <= dirs.size()) {
    size_t j = dirs.find(':', i);
    if (j == std::string::npos) j = dirs.size();
    std::string dir = dirs.substr(i, j - i);
    if (dir.empty()) dir = ".";
    std::string cand = dir + "/" + argv0;
    struct stat st;
    if (stat(cand.c_str(), &st) == 0 && S_ISREG(st.st_mode) && access(cand.c_str(), X_OK) == 0) {
      if (cand[0] != '/') {
        char cwd[4096];
        if (getcwd(cwd, sizeof cwd)) cand = std::string(cwd) + "/" + cand;
      }
      return normalize(cand);
    }
    i = j + 1;
  }
  return "";
}

int sys_init(int argc, char** argv, Object* builtins_module, const std::vector<std::string>* args) {
  stream_configure(&g_stdout);
  stream_configure(&g_stderr);
  if (type_ready(&stream_type) < 0) return -1;
  ORef sys = steal(module_new(str_interned("sys")));
  if (!sys || module_add_functions(sys.get(), sys_methods) < 0 || sys_more_init(sys.get()) < 0 ||
      sys_frame_init(sys.get()) < 0 || instrument::monitoring_init(sys.get()) < 0)
    return -1;
  Object* d = module_dict(sys.get());
  ORef modules = steal(dict_new());
  ORef argv_list = steal(list_new(0));
  ORef orig_argv = steal(list_new(0));
  if (!modules || !argv_list || !orig_argv) return -1;
  for (int i = 0; i < argc; i++) {
    ORef a = steal(str_from_utf8(argv[i]));
    if (!a || list_append(orig_argv.get(), a.get()) < 0) return -1;
    if (!args && i >= 1 && list_append(argv_list.get(), a.get()) < 0) return -1;
  }
  if (args)
    for (const std::string& s : *args) {
      ORef a = steal(str_from_utf8(s));
      if (!a || list_append(argv_list.get(), a.get()) < 0) return -1;
    }
  ORef version_info = steal(tuple_pack({int_from_i64(3), int_from_i64(13), int_from_i64(0),
                                        str_interned("final"), int_from_i64(0)}));
  ORef path = steal(list_new(0));
  ORef exe = steal(str_from_utf8(executable_path(argc > 0 ? argv[0] : "")));
  ORef warnoptions = steal(list_new(0));
  ORef xoptions = steal(dict_new());
  if (!version_info || !path || !exe || !warnoptions || !xoptions) return -1;
  {
    // sys.warnoptions: PYTHONWARNINGS (comma-separated), then the -W options; sys._xoptions from -X.
    const SysCliFlags& cli = sys_cli_flags();
    std::vector<std::string> wopts;
    if (const char* env = python_getenv("PYTHONWARNINGS"); env && *env) {
      std::string all(env);
      size_t start = 0;
      while (start <= all.size()) {
        size_t comma = all.find(',', start);
        std::string part = all.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (!part.empty()) wopts.push_back(part);
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    }
    wopts.insert(wopts.end(), cli.warnoptions.begin(), cli.warnoptions.end());
    for (const std::string& w : wopts) {
      ORef ws = steal(str_from_utf8(w));
      if (!ws || list_append(warnoptions.get(), ws.get()) < 0) return -1;
    }
    for (const auto& [k, v] : cli.xoptions) {
      ORef key = steal(str_from_utf8(k));
      ORef val = steal(v == "\x01" ? newref(true_()) : str_from_utf8(v));
      if (!key || !val || dict_set(xoptions.get(), key.get(), val.get()) < 0) return -1;
    }
  }
  struct {
    const char* name;
    Object* value;
  } items[] = {
      {"argv", argv_list.get()},
      {"orig_argv", orig_argv.get()},
      {"modules", modules.get()},
      {"path", path.get()},
      {"executable", exe.get()},
      {"version_info", version_info.get()},
      {"warnoptions", warnoptions.get()},
      {"_xoptions", xoptions.get()},
      {"stdout", reinterpret_cast<Object*>(&g_stdout)},
      {"stderr", reinterpret_cast<Object*>(&g_stderr)},
      {"__stdout__", reinterpret_cast<Object*>(&g_stdout)},
      {"__stderr__", reinterpret_cast<Object*>(&g_stderr)},
  };
  for (auto& it : items)
    if (dict_set_str(d, it.name, it.value) < 0) return -1;
  if (sys_structseq_init(d) < 0) return -1;  // vm/sys_structseq.cc: flags, version_info, float_info ...
  if (sys_unraisable_init(d) < 0) return -1;  // vm/sys_unraisable.cc: unraisablehook
  if (sys_asyncgen_init(d) < 0) return -1;    // vm/sys_asyncgen.cc: get/set_asyncgen_hooks, is_finalizing
  ORef copyright = steal(str_from_utf8(
      "Copyright (c) 2026 the pyvm authors.\nThe standard library it runs: Copyright (c) 2001-2024 Python "
      "Software Foundation.\nAll Rights Reserved."));
  if (!copyright || dict_set_str(d, "copyright", copyright.get()) < 0) return -1;
  // In the shape of CPython 3.13t's, which the platform module parses (platform.python_implementation() and
  // everything that calls it raise ValueError on a version string it cannot parse): pyvm stands where CPython puts
  // its build (branch, date, time), and the compiler is the one that built pyvm.
#if defined(__clang__)
  ORef version = steal(str_from_utf8("3.13.0 experimental free-threading build (pyvm 0.1.0) [Clang " __clang_version__ "]"));
#elif defined(__GNUC__)
  ORef version = steal(str_from_utf8("3.13.0 experimental free-threading build (pyvm 0.1.0) [GCC " __VERSION__ "]"));
#else
  ORef version = steal(str_from_utf8("3.13.0 experimental free-threading build (pyvm 0.1.0) [unknown compiler]"));
#endif
  ORef maxsize = steal(int_from_i64(INT64_MAX));
  ORef hexversion = steal(int_from_i64(0x030d00f0));
  ORef maxunicode = steal(int_from_i64(0x10ffff));
  ORef platform = steal(str_from_utf8("linux"));
  ORef byteorder = steal(str_from_utf8("little"));
  ORef abiflags = steal(str_from_utf8("t"));  // the free-threaded ABI (3.13t)
  if (!version || !maxsize || !hexversion || !maxunicode || !platform || !byteorder || !abiflags) return -1;
  if (dict_set_str(d, "abiflags", abiflags.get()) < 0) return -1;
  // sys._git: (implementation, branch, revision) of the source the interpreter was built from; pyvm records no
  // branch or revision (CPython built outside a git checkout has ('CPython', '', '')).
  {
    ORef name = steal(str_from_utf8("pyvm"));
    ORef empty = steal(str_from_utf8(""));
    ORef git = name && empty ? steal(tuple_pack({name.get(), empty.get(), empty.get()})) : ORef();
    if (!git || dict_set_str(d, "_git", git.get()) < 0) return -1;
  }
  if (dict_set_str(d, "version", version.get()) < 0 || dict_set_str(d, "maxsize", maxsize.get()) < 0 ||
      dict_set_str(d, "hexversion", hexversion.get()) < 0 || dict_set_str(d, "maxunicode", maxunicode.get()) < 0 ||
      dict_set_str(d, "platform", platform.get()) < 0 || dict_set_str(d, "byteorder", byteorder.get()) < 0)
    return -1;
  {
    ssize n = 0;
    while (kBuiltinModules[n].name) n++;
    ORef names = steal(tuple_new(n));
    if (!names) return -1;
    for (ssize i = 0; i < n; i++) {
      Object* s = str_interned(kBuiltinModules[i].name);
      if (!s) return -1;
      tuple_set(names.get(), i, s);
    }
    if (dict_set_str(d, "builtin_module_names", names.get()) < 0) return -1;
  }
  {
    // sys.implementation: pyvm runs CPython 3.13 bytecode, so it shares CPython's __pycache__ files (cache_tag).
    ORef kw = steal(dict_new());
    ORef name = steal(str_from_utf8("pyvm"));
    ORef tag = steal(str_from_utf8("cpython-313"));
    ORef multiarch = steal(str_from_utf8("x86_64-linux-gnu"));
    Object* vi = nullptr;  // the struct sequence sys_structseq_init stored
    if (dict_get_str(d, "version_info", &vi) <= 0) return -1;
    ORef vinfo = steal(vi);
    if (!kw || !name || !tag || !multiarch || dict_set_str(kw.get(), "name", name.get()) < 0 ||
        dict_set_str(kw.get(), "cache_tag", tag.get()) < 0 ||
        dict_set_str(kw.get(), "version", vinfo.get()) < 0 ||
        dict_set_str(kw.get(), "hexversion", hexversion.get()) < 0 ||
        dict_set_str(kw.get(), "_multiarch", multiarch.get()) < 0 ||
        dict_set_str(kw.get(), "supports_isolated_interpreters", false_()) < 0)
      return -1;
    ORef impl = steal(namespace_new(kw.get()));
    if (!impl || dict_set_str(d, "implementation", impl.get()) < 0) return -1;
  }
  {
    Object* hook = nullptr;
    if (dict_get_str(d, "excepthook", &hook) <= 0) return -1;
    ORef h = steal(hook);
    if (dict_set_str(d, "__excepthook__", h.get()) < 0) return -1;
  }
  if (sys_extras_init(sys.get(), d) < 0) return -1;
  if (dict_set_str(modules.get(), "sys", sys.get()) < 0 ||
      dict_set_str(modules.get(), "builtins", builtins_module) < 0)
    return -1;
  g_modules = modules.release();
  g_sys = sys.release();
  alloc::make_immortal(g_modules);
  alloc::make_immortal(g_sys);
  return 0;
}

Object* sys_module() { return g_sys; }

}  // namespace pyvm
