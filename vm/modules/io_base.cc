// The _io module's abstract bases (_IOBase, _RawIOBase, _BufferedIOBase, _TextIOBase), which io.py turns into
// the io ABCs, and the helpers every _io file shares (errors, argument conversion, finalization).
//
// Thread contract: the bases keep no C-level state; _IOBase's closed flag is the `__IOBase_closed` attribute in the
// instance dict (as in CPython), so the dict's own critical sections guard it. Every method works through the
// Python-level protocol of `self`, holding no lock across the calls.
#include <langinfo.h>
#include <locale.h>

#include <cstring>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/buffer.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/memoryview.h"
#include "objects/methods.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "objects/weakref.h"
#include "vm/modules/io_internal.h"

namespace pyvm::io {

Object* g_unsupported = nullptr;

// ---- Errors and arguments ----

std::nullptr_t unsupported(std::string_view msg) {
  ORef m = steal(str_from_utf8(msg));
  if (!m) return nullptr;
  return set_error_value(reinterpret_cast<Type*>(g_unsupported), m.get());
}
std::nullptr_t err_closed_dot() { return set_error(&exc_ValueError, "I/O operation on closed file."); }
std::nullptr_t err_closed() { return set_error(&exc_ValueError, "I/O operation on closed file"); }

bool ReadBuffer::alloc(size_t n) {
  p_ = static_cast<char*>(std::malloc(n ? n : 1));
  if (!p_) no_memory();
  return p_ != nullptr;
}

bool size_arg(Object* arg, ssize* out) {
  if (!arg || arg == none()) {
    *out = -1;
    return true;
  }
  if (!index_check(arg)) {
    set_errorf(&exc_TypeError, "argument should be integer or None, not '{}'", type_name(arg));
    return false;
  }
  *out = number_as_ssize(arg, &exc_OverflowError);
  return !(*out == -1 && error_occurred());
}

bool parse_tuple_dict(const char* fname, Object* args, Object* kwds, std::initializer_list<const char*> names,
                      int required, Object** out, int max_positional) {
  std::vector<Object*> flat;
  ssize n = args ? tuple_size(args) : 0;
  for (ssize i = 0; i < n; i++) flat.push_back(tuple_get(args, i));
  ORef kwnames;
  if (kwds && dict_size(kwds) > 0) {
    kwnames = steal(tuple_new(dict_size(kwds)));
    if (!kwnames) return false;
    ssize pos = 0, k = 0;
    Object *key, *val;
    while (dict_next(kwds, &pos, &key, &val)) {
      tuple_set(kwnames.get(), k++, newref(key));
      flat.push_back(val);
    }
  }
  return parse_args(fname, flat.data(), n, kwnames.get(), names, required, out, max_positional);
}

bool ssize_arg(Object* arg, ssize* out) {
  *out = number_as_ssize(arg, &exc_OverflowError);
  return !(*out == -1 && error_occurred());
}

bool int_arg(Object* arg, int* out) {
  if (type_check(arg, &float_type)) {
    set_error(&exc_TypeError, "'float' object cannot be interpreted as an integer");
    return false;
  }
  ssize v = number_as_ssize(arg, &exc_OverflowError);
  if (v == -1 && error_occurred()) return false;
  if (v > INT32_MAX || v < INT32_MIN) {
    set_error(&exc_OverflowError, "Python int too large to convert to C int");
    return false;
  }
  *out = int(v);
  return true;
}

bool get_bytes(Object* o, std::string* out) {
  if (type_check(o, &str_type)) {
    set_errorf(&exc_TypeError, "a bytes-like object is required, not '{}'", type_name(o));
    return false;
  }
  return bytes_like_copy(o, out);
}

// ---- The Python-level protocol ----

int is_closed(Object* obj) {
  ORef c = steal(get_attr_str(obj, "closed"));
  if (!c) return -1;
  return object_is_true(c.get());
}

int iobase_closed_flag(Object* self) {
  Object* v = nullptr;
  int r = get_attr_optional(self, str_interned("__IOBase_closed"), &v);
  if (r <= 0) return r;
  ORef hold = steal(v);
  return object_is_true(v);
}

int check_closed(Object* obj) {
  int c = is_closed(obj);
  if (c < 0) return -1;
  if (c) {
    err_closed_dot();
    return -1;
  }
  return 0;
}

static int check_capability(Object* obj, const char* method, const char* msg) {
  ORef r = steal(call_method0(obj, str_interned(method)));
  if (!r) return -1;
  if (r.get() != true_()) {
    if (r.get() != false_()) {
      int t = object_is_true(r.get());
      if (t < 0) return -1;
      if (t) return 0;
    }
    unsupported(msg);
    return -1;
  }
  return 0;
}
int check_readable(Object* obj, const char* msg) {
  return check_capability(obj, "readable", msg ? msg : "File or stream is not readable.");
}
int check_writable(Object* obj, const char* msg) {
  return check_capability(obj, "writable", msg ? msg : "File or stream is not writable.");
}
int check_seekable(Object* obj, const char* msg) {
  return check_capability(obj, "seekable", msg ? msg : "File or stream is not seekable.");
}

// ---- Finalization ----

bool finalize(Object* self) {
  if (type_of(self)->tp_weaklistoffset) clear_weakrefs(self);
  ORef pending = steal(error_take());
  alloc::resurrect_start(self);
  int closed = is_closed(self);
  if (closed < 0) {
    // A half-initialised object (e.g. __init__ failed) has no `closed` yet: nothing to close.
    error_clear();
  } else if (!closed) {
    ORef r = steal(call_method0(self, str_interned("close")));
    if (!r) write_unraisable(self);
  }
  if (pending) set_error_steal(pending.release());
  return alloc::resurrect_end(self);
}

void dealloc_common(Object* self) {
  Type* t = type_of(self);
  auto* io = reinterpret_cast<IOObject*>(self);
  clear_weakrefs(self);
  Object* d = io->dict;
  io->dict = nullptr;
  xdecref(d);
  object_free(self);
  dealloc_type_ref(t);
}

// ---- _IOBase ----

namespace {

Object* iobase_unsupported_seek(Object*, Object* const*, ssize, Object*) { return unsupported("seek"); }
Object* iobase_unsupported_truncate(Object*, Object* const*, ssize, Object*) { return unsupported("truncate"); }
Object* iobase_fileno(Object*, Object*) { return unsupported("fileno"); }

Object* iobase_tell(Object* self, Object*) {
  ORef zero = steal(int_from_i64(0)), one = steal(int_from_i64(1));
  Object* a[2] = {zero.get(), one.get()};
  return call_method(self, str_interned("seek"), a, 2);
}

Object* iobase_get_closed(Object* self, void*) {
  int c = iobase_closed_flag(self);
  if (c < 0) return nullptr;
  return newref(bool_obj(c));
}

Object* iobase_flush(Object* self, Object*) {
  int c = iobase_closed_flag(self);
  if (c < 0) return nullptr;
  if (c) return err_closed_dot();
  return newref(none());
}

Object* iobase_false(Object* self, Object*) { return newref(false_()); }

Object* iobase_isatty(Object* self, Object*) {
  if (check_closed(self) < 0) return nullptr;
  return newref(false_());
}

Object* iobase_check_closed_m(Object* self, Object* const*, ssize, Object*) {
  if (check_closed(self) < 0) return nullptr;
  return newref(none());
}
Object* iobase_check_readable_m(Object* self, Object* const*, ssize, Object*) {
  if (check_readable(self) < 0) return nullptr;
  return newref(none());
}
Object* iobase_check_writable_m(Object* self, Object* const*, ssize, Object*) {
  if (check_writable(self) < 0) return nullptr;
  return newref(none());
}
Object* iobase_check_seekable_m(Object* self, Object* const*, ssize, Object*) {
  if (check_seekable(self) < 0) return nullptr;
  return newref(none());
}

Object* iobase_enter(Object* self, Object*) {
  if (check_closed(self) < 0) return nullptr;
  return newref(self);
}
Object* iobase_exit(Object* self, Object* const*, ssize, Object*) {
  return call_method0(self, str_interned("close"));
}

Object* iobase_iter(Object* self) {
  if (check_closed(self) < 0) return nullptr;
  return newref(self);
}
Object* iobase_iternext(Object* self) {
  ORef line = steal(call_method0(self, str_interned("readline")));
  if (!line) return nullptr;
  ssize n = object_length(line.get());
  if (n < 0) return nullptr;
  if (n == 0) return nullptr;  // StopIteration
  return line.release();
}

Object* iobase_readline(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[1] = {};
  if (!parse_args("readline", args, nargs, kwnames, {"size"}, 0, a)) return nullptr;
  ssize limit;
  if (!size_arg(a[0], &limit)) return nullptr;
  Object* peek = nullptr;
  if (get_attr_optional(self, str_interned("peek"), &peek) < 0) return nullptr;
  ORef peek_ref = steal(peek);
  std::string res;
  while (limit < 0 || ssize(res.size()) < limit) {
    ssize nreadahead = 1;
    if (peek) {
      ORef one = steal(int_from_i64(1));
      ORef ahead = steal(call1(peek, one.get()));
      if (!ahead) return nullptr;
      if (!type_check(ahead.get(), &bytes_type))
        return set_errorf(&exc_OSError, "peek() should have returned a bytes object, not '{}'",
                          type_name(ahead.get()));
      std::string_view v = bytes_view(ahead.get());
      if (!v.empty()) {
        size_t nl = v.find('\n');
        ssize n = nl == std::string_view::npos ? ssize(v.size()) : ssize(nl + 1);
        if (limit >= 0 && n > limit - ssize(res.size())) n = limit - ssize(res.size());
        nreadahead = n;
      }
    }
    ORef count = steal(int_from_i64(nreadahead));
    ORef b = steal(call_method1(self, str_interned("read"), count.get()));
    if (!b) return nullptr;
    if (!type_check(b.get(), &bytes_type))
      return set_errorf(&exc_OSError, "read() should have returned a bytes object, not '{}'", type_name(b.get()));
    if (bytes_size(b.get()) == 0) break;
    res.append(bytes_view(b.get()));
    if (res.back() == '\n') break;
  }
  return bytes_from(res.data(), ssize(res.size()));
}

Object* iobase_readlines(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[1] = {};
  if (!parse_args("readlines", args, nargs, kwnames, {"hint"}, 0, a)) return nullptr;
  ssize hint;
  if (!size_arg(a[0], &hint)) return nullptr;
  ORef result = steal(list_new(0));
  if (!result) return nullptr;
  ORef it = steal(get_iter(self));
  if (!it) return nullptr;
  ssize total = 0;
  for (;;) {
    ORef line = steal(iter_next(it.get()));
    if (!line) {
      if (error_occurred()) return nullptr;
      break;
    }
    if (list_append(result.get(), line.get()) < 0) return nullptr;
    if (hint > 0) {
      ssize n = object_length(line.get());
      if (n < 0) return nullptr;
      total += n;
      if (total >= hint) break;
    }
  }
  return result.release();
}

Object* iobase_writelines(Object* self, Object* lines) {
  if (check_closed(self) < 0) return nullptr;
  ORef it = steal(get_iter(lines));
  if (!it) return nullptr;
  for (;;) {
    ORef line = steal(iter_next(it.get()));
    if (!line) {
      if (error_occurred()) return nullptr;
      break;
    }
    ORef r = steal(call_method1(self, str_interned("write"), line.get()));
    if (!r) return nullptr;
  }
  return newref(none());
}

Object* iobase_dict_get(Object* self, void*) {
  auto* io = reinterpret_cast<IOObject*>(self);
  if (!io->dict) {
    io->dict = dict_new();
    if (!io->dict) return nullptr;
  }
  return newref(io->dict);
}

}  // namespace

Object* iobase_close(Object* self, Object*) {
  int c = iobase_closed_flag(self);
  if (c < 0) return nullptr;
  if (c) return newref(none());
  ORef r = steal(call_method0(self, str_interned("flush")));
  ORef exc = steal(error_take());
  if (set_attr_str(self, "__IOBase_closed", true_()) < 0) {
    if (exc) {
      ORef second = steal(error_take());
      exception_set_context(second.get(), exc.release());
      set_error_steal(second.release());
    }
    return nullptr;
  }
  if (exc) {
    set_error_steal(exc.release());
    return nullptr;
  }
  return newref(none());
}

namespace {

void iobase_dealloc(Object* self) {
  if (!finalize(self)) return;
  dealloc_common(self);
}

#define KW(f) as_cfunc(f), METH_FASTCALL | METH_KEYWORDS
PyMethodDef iobase_methods[] = {
    {"seek", KW(iobase_unsupported_seek), nullptr},
    {"tell", iobase_tell, METH_NOARGS, nullptr},
    {"truncate", KW(iobase_unsupported_truncate), nullptr},
    {"flush", iobase_flush, METH_NOARGS, nullptr},
    {"close", iobase_close, METH_NOARGS, nullptr},
    {"seekable", iobase_false, METH_NOARGS, nullptr},
    {"readable", iobase_false, METH_NOARGS, nullptr},
    {"writable", iobase_false, METH_NOARGS, nullptr},
    {"_checkClosed", KW(iobase_check_closed_m), nullptr},
    {"_checkSeekable", KW(iobase_check_seekable_m), nullptr},
    {"_checkReadable", KW(iobase_check_readable_m), nullptr},
    {"_checkWritable", KW(iobase_check_writable_m), nullptr},
    {"fileno", iobase_fileno, METH_NOARGS, nullptr},
    {"isatty", iobase_isatty, METH_NOARGS, nullptr},
    {"__enter__", iobase_enter, METH_NOARGS, nullptr},
    {"__exit__", KW(iobase_exit), nullptr},
    {"readline", KW(iobase_readline), nullptr},
    {"readlines", KW(iobase_readlines), nullptr},
    {"writelines", iobase_writelines, METH_O, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyGetSetDef iobase_getset[] = {
    {"__dict__", iobase_dict_get, nullptr, nullptr, nullptr},
    {"closed", iobase_get_closed, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

// ---- _RawIOBase ----

Object* rawiobase_read(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[1] = {};
  if (!parse_args("read", args, nargs, kwnames, {"size"}, 0, a)) return nullptr;
  ssize n;
  if (!size_arg(a[0], &n)) return nullptr;
  if (n < 0) return call_method0(self, str_interned("readall"));
  ORef b = steal(bytearray_from(nullptr, n));
  if (!b) return nullptr;
  if (n) std::memset(bytearray_data(b.get()), 0, size_t(n));
  ORef r = steal(call_method1(self, str_interned("readinto"), b.get()));
  if (!r) return nullptr;
  if (r.get() == none()) return r.release();
  ssize got;
  if (!ssize_arg(r.get(), &got)) return nullptr;
  if (got < 0 || got > n) return set_errorf(&exc_ValueError, "readinto returned {} outside buffer size {}", got, n);
  return bytes_from(bytearray_data(b.get()), got);
}

Object* rawiobase_readall(Object* self, Object*) {
  std::string all;
  bool any = false;
  ORef size = steal(int_from_i64(kDefaultBufferSize));
  for (;;) {
    ORef data = steal(call_method1(self, str_interned("read"), size.get()));
    if (!data) return nullptr;
    if (data.get() == none()) {
      if (!any) return data.release();
      break;
    }
    if (!type_check(data.get(), &bytes_type)) return set_error(&exc_TypeError, "read() should return bytes");
    if (bytes_size(data.get()) == 0) break;
    any = true;
    all.append(bytes_view(data.get()));
  }
  return bytes_from(all.data(), ssize(all.size()));
}

Object* not_implemented_m(Object*, Object*) { return set_error_object(reinterpret_cast<Object*>(&exc_NotImplementedError)); }

PyMethodDef rawiobase_methods[] = {
    {"read", KW(rawiobase_read), nullptr},
    {"readall", rawiobase_readall, METH_NOARGS, nullptr},
    {"readinto", not_implemented_m, METH_O, nullptr},
    {"write", not_implemented_m, METH_O, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

// ---- _BufferedIOBase ----

Object* bufiobase_read(Object*, Object* const*, ssize, Object*) { return unsupported("read"); }
Object* bufiobase_read1(Object*, Object* const*, ssize, Object*) { return unsupported("read1"); }
Object* bufiobase_write(Object*, Object*) { return unsupported("write"); }
Object* bufiobase_detach(Object*, Object*) { return unsupported("detach"); }

Object* bufiobase_readinto_generic(Object* self, Object* buf, const char* method) {
  BufferHold view;
  if (view.get(buf, PyBUF_WRITABLE) < 0) return nullptr;
  ORef n = steal(int_from_i64(view->len));
  ORef data = steal(call_method1(self, str_interned(method), n.get()));
  if (!data) return nullptr;
  if (!type_check(data.get(), &bytes_type)) return set_error(&exc_TypeError, "read() should return bytes");
  ssize got = bytes_size(data.get());
  if (got > view->len)
    return set_errorf(&exc_ValueError, "read() returned too much data: {} bytes requested, {} returned",
                      view->len, got);
  std::memcpy(view->buf, bytes_data(data.get()), size_t(got));
  return int_from_i64(got);
}
Object* bufiobase_readinto(Object* self, Object* buf) { return bufiobase_readinto_generic(self, buf, "read"); }
Object* bufiobase_readinto1(Object* self, Object* buf) { return bufiobase_readinto_generic(self, buf, "read1"); }

PyMethodDef bufferediobase_methods[] = {
    {"detach", bufiobase_detach, METH_NOARGS, nullptr},
    {"read", KW(bufiobase_read), nullptr},
    {"read1", KW(bufiobase_read1), nullptr},
    {"readinto", bufiobase_readinto, METH_O, nullptr},
    {"readinto1", bufiobase_readinto1, METH_O, nullptr},
    {"write", bufiobase_write, METH_O, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

// ---- _TextIOBase ----

Object* textiobase_detach(Object*, Object*) { return unsupported("detach"); }
Object* textiobase_read(Object*, Object* const*, ssize, Object*) { return unsupported("read"); }
Object* textiobase_readline(Object*, Object* const*, ssize, Object*) { return unsupported("readline"); }
Object* textiobase_write(Object*, Object*) { return unsupported("write"); }
Object* get_none(Object*, void*) { return newref(none()); }

PyMethodDef textiobase_methods[] = {
    {"detach", textiobase_detach, METH_NOARGS, nullptr},
    {"read", KW(textiobase_read), nullptr},
    {"readline", KW(textiobase_readline), nullptr},
    {"write", textiobase_write, METH_O, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
#undef KW

PyGetSetDef textiobase_getset[] = {
    {"encoding", get_none, nullptr, nullptr, nullptr},
    {"newlines", get_none, nullptr, nullptr, nullptr},
    {"errors", get_none, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

Object* iobase_new(Type* t, Object*, Object*) { return new_object(t, size_t(t->tp_basicsize)); }

}  // namespace

#define IO_BASE_TYPE(var, name, base, methods, getset, iter, iternext)         \
  Type var = {                                                                  \
      .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),                       \
      .tp_name = name,                                                          \
      .tp_basicsize = sizeof(IOObject),                                         \
      .tp_dealloc = iobase_dealloc,                                             \
      .tp_getattro = generic_getattr,                                           \
      .tp_setattro = generic_setattr,                                           \
      .tp_flags = Py_TPFLAGS_BASETYPE,                                          \
      .tp_weaklistoffset = offsetof(IOObject, weakreflist),                     \
      .tp_iter = iter,                                                          \
      .tp_iternext = iternext,                                                  \
      .tp_methods = methods,                                                    \
      .tp_getset = getset,                                                      \
      .tp_base = base,                                                          \
      .tp_dictoffset = offsetof(IOObject, dict),                                \
      .tp_new = iobase_new,                                                     \
  };

IO_BASE_TYPE(iobase_type, "_io._IOBase", nullptr, iobase_methods, iobase_getset, iobase_iter, iobase_iternext)
IO_BASE_TYPE(rawiobase_type, "_io._RawIOBase", &iobase_type, rawiobase_methods, nullptr, nullptr, nullptr)
IO_BASE_TYPE(bufferediobase_type, "_io._BufferedIOBase", &iobase_type, bufferediobase_methods, nullptr, nullptr,
             nullptr)
IO_BASE_TYPE(textiobase_type, "_io._TextIOBase", &iobase_type, textiobase_methods, textiobase_getset, nullptr,
             nullptr)
#undef IO_BASE_TYPE

// ---- A private exporter of a piece of a buffer (what CPython's PyMemoryView_FromMemory gives) ----

namespace {

struct MemSlice {
  PyObject ob_base;
  char* buf;
  ssize len;
  bool readonly;
};

int memslice_getbuffer(Object* o, Py_buffer* view, int flags) {
  auto* m = reinterpret_cast<MemSlice*>(o);
  if ((flags & PyBUF_WRITABLE) && m->readonly) {
    set_error(&exc_BufferError, "Object is not writable.");
    return -1;
  }
  view->buf = m->buf;
  view->obj = newref(o);
  view->len = m->len;
  view->readonly = m->readonly;
  view->itemsize = 1;
  view->format = const_cast<char*>("B");
  view->ndim = 1;
  view->shape = &m->len;
  view->strides = &view->itemsize;
  view->suboffsets = nullptr;
  view->internal = nullptr;
  return 0;
}

void memslice_dealloc(Object* o) { object_free(o); }

PyBufferProcs memslice_as_buffer = {memslice_getbuffer, nullptr};

}  // namespace

Type memslice_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "_io._MemorySlice",
    .tp_basicsize = sizeof(MemSlice),
    .tp_dealloc = memslice_dealloc,
    .tp_as_buffer = &memslice_as_buffer,
};

Object* memory_view(char* buf, ssize len, bool readonly) {
  auto* m = reinterpret_cast<MemSlice*>(new_object(&memslice_type, sizeof(MemSlice)));
  if (!m) return nullptr;
  m->buf = buf;
  m->len = len;
  m->readonly = readonly;
  ORef holder = steal(reinterpret_cast<Object*>(m));
  return memoryview_from_object(holder.get());
}

// Releases a memoryview made by memory_view once the raw call returned, so no view outlives our buffer.
void release_view(Object* view) {
  ORef r = steal(call_method0(view, str_interned("release")));
  if (!r) error_clear();
}

// ---- Flushing at exit ----

namespace {
std::mutex g_exit_mu;
std::unordered_map<Object*, bool>* g_exit_set = nullptr;  // writable buffered and text objects -> is text
}  // namespace

void exit_flush_register(Object* o, bool text) {
  std::lock_guard<std::mutex> g(g_exit_mu);
  if (!g_exit_set) g_exit_set = new std::unordered_map<Object*, bool>();
  (*g_exit_set)[o] = text;
}

void exit_flush_unregister(Object* o) {
  std::lock_guard<std::mutex> g(g_exit_mu);
  if (g_exit_set) g_exit_set->erase(o);
}

void flush_all_at_exit() {
  // Text wrappers first: their pending bytes go into the buffered writers flushed in the second pass.
  for (bool text : {true, false}) {
    std::vector<Object*> live;
    {
      std::lock_guard<std::mutex> g(g_exit_mu);
      if (!g_exit_set) return;
      for (auto& [o, is_text] : *g_exit_set)
        if (is_text == text && alloc::try_incref(o)) live.push_back(o);
    }
    for (Object* o : live) {
      ORef hold = steal(o);
      ORef pending = steal(error_take());
      int closed = is_closed(o);
      if (closed == 0) {
        ORef r = steal(call_method0(o, str_interned("flush")));
        if (!r) write_unraisable(o);
      }
      error_clear();
      if (pending) set_error_steal(pending.release());
    }
  }
}

// ---- The locale's encoding ----

// The process's LC_CTYPE (set from the environment at start-up, or by locale.setlocale), as CPython's
// _Py_GetLocaleEncoding: later changes to LANG and friends in os.environ do not count.
std::string locale_encoding() {
  locale_t loc = duplocale(LC_GLOBAL_LOCALE);
  if (!loc) return "utf-8";
  std::string cs = nl_langinfo_l(CODESET, loc);
  freelocale(loc);
  // CPython coerces the C/POSIX locale to UTF-8 (PEP 538/540).
  if (cs.empty() || cs == "ANSI_X3.4-1968" || cs == "ASCII") return "utf-8";
  return cs;
}

}  // namespace pyvm::io
