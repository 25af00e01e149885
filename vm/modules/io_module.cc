// The _io module: open(), open_code(), text_encoding() and the module object; the types live in io_*.cc (see
// io_internal.h). CPython's builtins.open is this module's open.
//
// Thread contract: the functions here keep no state of their own; io_init readies the types and creates
// g_unsupported once, under its own mutex (the first open() may race with the first import of _io).
#include <atomic>
#include <cstring>
#include <mutex>
#include <string>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/methods.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/modules/io_internal.h"
#include "vm/modules/modules.h"
#include "vm/runtime.h"
#include "vm/sysmodule.h"

namespace pyvm::io {

int io_init() {
  static std::atomic<bool> done{false};
  static std::mutex mu;
  if (done.load(std::memory_order_acquire)) return 0;
  std::lock_guard<std::mutex> g(mu);
  if (done.load(std::memory_order_relaxed)) return 0;
  Type* types[] = {&iobase_type,         &rawiobase_type,      &bufferediobase_type, &textiobase_type,
                   &fileio_type,         &bytesio_type,        &bytesiobuffer_type,  &stringio_type,
                   &nldecoder_type,      &bufferedreader_type, &bufferedwriter_type, &bufferedrandom_type,
                   &bufferedrwpair_type, &textiowrapper_type, &memslice_type};
  for (Type* t : types)
    if (type_ready(t) < 0) return -1;
  if (!g_unsupported) {
    ORef name = steal(str_from_utf8("UnsupportedOperation"));
    ORef bases = steal(tuple_pack({reinterpret_cast<Object*>(&exc_OSError), reinterpret_cast<Object*>(&exc_ValueError)}));
    ORef ns = steal(dict_new());
    ORef mod = steal(str_from_utf8("io"));
    if (!name || !bases || !ns || !mod || dict_set_str(ns.get(), "__module__", mod.get()) < 0) return -1;
    Object* a[3] = {name.get(), bases.get(), ns.get()};
    g_unsupported = call(reinterpret_cast<Object*>(&type_type), a, 3, nullptr);
    if (!g_unsupported) return -1;
  }
  done.store(true, std::memory_order_release);
  return 0;
}

// sys.flags.utf8_mode, 0 when sys has no flags.
static bool utf8_mode() {
  Object* flags = sys_get("flags");
  if (!flags) return false;
  Object* v = nullptr;
  if (get_attr_optional(flags, str_interned("utf8_mode"), &v) <= 0) {
    error_clear();
    return false;
  }
  ORef vr = steal(v);
  int t = object_is_true(v);
  if (t < 0) error_clear();
  return t > 0;
}

Object* text_encoding(Object* encoding, int) {
  if (encoding && encoding != none()) return newref(encoding);
  return str_from_utf8(utf8_mode() ? "utf-8" : "locale");
}

namespace {

Object* io_text_encoding(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[2] = {};
  if (!parse_args("text_encoding", args, nargs, kwnames, {"encoding", "/stacklevel"}, 1, a)) return nullptr;
  int stacklevel = 2;
  if (a[1] && !int_arg(a[1], &stacklevel)) return nullptr;
  return text_encoding(a[0], stacklevel);
}

// Argument-clinic style str-or-None conversion for open(): *out is null for None/missing.
bool str_or_none(const char* arg, Object* v, Object** out) {
  if (!v || v == none()) {
    *out = nullptr;
    return true;
  }
  if (!type_check(v, &str_type)) {
    set_errorf(&exc_TypeError, "open() argument '{}' must be str or None, not {}", arg, type_name(v));
    return false;
  }
  *out = v;
  return true;
}

}  // namespace

Object* io_open(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[8] = {};
  if (!parse_args("open", args, nargs, kwnames,
                  {"file", "mode", "buffering", "encoding", "errors", "newline", "closefd", "opener"}, 1, a))
    return nullptr;
  Object* file = a[0];
  std::string mode = "r";
  if (a[1]) {
    if (!type_check(a[1], &str_type))
      return set_errorf(&exc_TypeError, "open() argument 'mode' must be str, not {}", type_name(a[1]));
    mode = str_view(a[1]);
    if (std::strlen(mode.c_str()) != mode.size()) return set_error(&exc_ValueError, "embedded null character");
  }
  int buffering = -1;
  if (a[2] && !int_arg(a[2], &buffering)) return nullptr;
  Object *encoding, *errors, *newline;
  if (!str_or_none("encoding", a[3], &encoding) || !str_or_none("errors", a[4], &errors) ||
      !str_or_none("newline", a[5], &newline))
    return nullptr;
  int closefd = 1;
  if (a[6]) {
    closefd = object_is_true(a[6]);
    if (closefd < 0) return nullptr;
  }
  Object* opener = a[7] ? a[7] : none();

  ORef path_or_fd;
  if (type_check(file, &int_type)) {
    path_or_fd = borrow(file);
  } else {
    path_or_fd = steal(fspath(file));
    if (!path_or_fd) return nullptr;
  }

  bool creating = false, reading = false, writing = false, appending = false, updating = false, text = false,
       binary = false;
  for (size_t i = 0; i < mode.size(); i++) {
    char c = mode[i];
    switch (c) {
      case 'x': creating = true; break;
      case 'r': reading = true; break;
      case 'w': writing = true; break;
      case 'a': appending = true; break;
      case '+': updating = true; break;
      case 't': text = true; break;
      case 'b': binary = true; break;
      default:
        return set_errorf(&exc_ValueError, "invalid mode: '{}'", mode);
    }
    if (mode.find(c, i + 1) != std::string::npos) return set_errorf(&exc_ValueError, "invalid mode: '{}'", mode);
  }
  std::string rawmode;
  if (creating) rawmode += 'x';
  if (reading) rawmode += 'r';
  if (writing) rawmode += 'w';
  if (appending) rawmode += 'a';
  if (updating) rawmode += '+';

  if (text && binary) return set_error(&exc_ValueError, "can't have text and binary mode at once");
  if (int(creating) + int(reading) + int(writing) + int(appending) > 1)
    return set_error(&exc_ValueError, "must have exactly one of create/read/write/append mode");
  if (binary && encoding) return set_error(&exc_ValueError, "binary mode doesn't take an encoding argument");
  if (binary && errors) return set_error(&exc_ValueError, "binary mode doesn't take an errors argument");
  if (binary && newline) return set_error(&exc_ValueError, "binary mode doesn't take a newline argument");
  if (binary && buffering == 1) {
    if (runtime_warn(&exc_RuntimeWarning,
                     "line buffering (buffering=1) isn't supported in binary mode, the default buffer size will be "
                     "used",
                     1) < 0)
      return nullptr;
  }

  ORef rawmode_obj = steal(str_from_utf8(rawmode));
  if (!rawmode_obj) return nullptr;
  Object* raw_args[4] = {path_or_fd.get(), rawmode_obj.get(), bool_obj(closefd), opener};
  ORef raw = steal(call(reinterpret_cast<Object*>(&fileio_type), raw_args, 4, nullptr));
  if (!raw) return nullptr;
  ORef result = raw;
  // From here on, a failure closes what was opened (CPython's `error:` path).
  auto fail = [&]() -> Object* {
    ORef exc = steal(error_take());
    ORef r = steal(call_method0(result.get(), str_interned("close")));
    if (!r) {
      ORef second = steal(error_take());
      exception_set_context(second.get(), exc.release());
      set_error_steal(second.release());
      return nullptr;
    }
    set_error_steal(exc.release());
    return nullptr;
  };
  ORef modeobj = steal(str_from_utf8(mode));
  if (!modeobj) return fail();

  bool line_buffering = false;
  bool isatty = false;
  if (buffering < 0) {
    ORef r = steal(call_method0(raw.get(), str_interned("isatty")));
    if (!r) return fail();
    int t = object_is_true(r.get());
    if (t < 0) return fail();
    isatty = t;
  }
  if (buffering == 1 || isatty) {
    buffering = -1;
    line_buffering = true;
  }
  if (buffering < 0) {
    ORef b = steal(get_attr_str(raw.get(), "_blksize"));
    if (!b) return fail();
    if (!int_arg(b.get(), &buffering)) return fail();
  }
  if (buffering < 0) {
    set_error(&exc_ValueError, "invalid buffering size");
    return fail();
  }
  if (buffering == 0) {
    if (!binary) {
      set_error(&exc_ValueError, "can't have unbuffered text I/O");
      return fail();
    }
    return result.release();
  }
  Type* cls;
  if (updating) cls = &bufferedrandom_type;
  else if (creating || writing || appending) cls = &bufferedwriter_type;
  else if (reading) cls = &bufferedreader_type;
  else {
    set_errorf(&exc_ValueError, "unknown mode: '{}'", mode);
    return fail();
  }
  ORef bufsize = steal(int_from_i64(buffering));
  if (!bufsize) return fail();
  Object* buf_args[2] = {raw.get(), bufsize.get()};
  ORef buffer = steal(call(reinterpret_cast<Object*>(cls), buf_args, 2, nullptr));
  if (!buffer) return fail();
  result = buffer;
  if (binary) return result.release();

  Object* text_args[5] = {buffer.get(), encoding ? encoding : none(), errors ? errors : none(),
                          newline ? newline : none(), bool_obj(line_buffering)};
  ORef wrapper = steal(call(reinterpret_cast<Object*>(&textiowrapper_type), text_args, 5, nullptr));
  if (!wrapper) return fail();
  result = wrapper;
  if (set_attr_str(wrapper.get(), "mode", modeobj.get()) < 0) return fail();
  return result.release();
}

namespace {

// open_code(path): the file to read source or bytecode from, opened for reading in binary mode.
Object* io_open_code(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* out[1] = {};
  if (!parse_args("open_code", args, nargs, kwnames, {"path"}, 1, out)) return nullptr;
  if (!type_check(out[0], &str_type))
    return set_errorf(&exc_TypeError, "open_code() argument 'path' must be str, not {}", type_name(out[0]));
  ORef mode = steal(str_from_utf8("rb"));
  if (!mode) return nullptr;
  Object* a[2] = {out[0], mode.get()};
  return io_open(nullptr, a, 2, nullptr);
}

PyMethodDef io_methods[] = {
    {"open", as_cfunc(io_open), METH_FASTCALL | METH_KEYWORDS,
     "Open file and return a stream.  Raise OSError upon failure."},
    {"open_code", as_cfunc(io_open_code), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"text_encoding", as_cfunc(io_text_encoding), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace

}  // namespace pyvm::io

namespace pyvm {

Object* builtin_io_open(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  if (io::io_init() < 0) return nullptr;
  return io::io_open(self, args, nargs, kwnames);
}

void io_flush_at_exit() { io::flush_all_at_exit(); }

Object* create_io_module() {
  if (io::io_init() < 0) return nullptr;
  ORef m = steal(module_new(str_interned("_io")));
  if (!m || module_add_functions(m.get(), io::io_methods) < 0) return nullptr;
  Object* d = module_dict(m.get());
  ORef bufsize = steal(int_from_i64(io::kDefaultBufferSize));
  if (!bufsize || dict_set_str(d, "DEFAULT_BUFFER_SIZE", bufsize.get()) < 0 ||
      dict_set_str(d, "UnsupportedOperation", io::g_unsupported) < 0 ||
      dict_set_str(d, "BlockingIOError", reinterpret_cast<Object*>(&exc_BlockingIOError)) < 0)
    return nullptr;
  struct {
    const char* name;
    Type* type;
  } types[] = {{"_IOBase", &io::iobase_type},
               {"_RawIOBase", &io::rawiobase_type},
               {"_BufferedIOBase", &io::bufferediobase_type},
               {"_TextIOBase", &io::textiobase_type},
               {"FileIO", &io::fileio_type},
               {"BytesIO", &io::bytesio_type},
               {"_BytesIOBuffer", &io::bytesiobuffer_type},
               {"StringIO", &io::stringio_type},
               {"IncrementalNewlineDecoder", &io::nldecoder_type},
               {"BufferedReader", &io::bufferedreader_type},
               {"BufferedWriter", &io::bufferedwriter_type},
               {"BufferedRandom", &io::bufferedrandom_type},
               {"BufferedRWPair", &io::bufferedrwpair_type},
               {"TextIOWrapper", &io::textiowrapper_type}};
  for (auto& t : types)
    if (dict_set_str(d, t.name, reinterpret_cast<Object*>(t.type)) < 0) return nullptr;
  // builtins.open is io.open (the same object), as in CPython.
  Object* open_fn = nullptr;
  if (dict_get_str(d, "open", &open_fn) < 0) return nullptr;
  ORef open_ref = steal(open_fn);
  if (open_fn && builtins_module() && dict_set_str(module_dict(builtins_module()), "open", open_fn) < 0)
    return nullptr;
  return m.release();
}

}  // namespace pyvm
