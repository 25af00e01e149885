// _io.BytesIO, an in-memory binary stream, and _io._BytesIOBuffer, the exporter behind BytesIO.getbuffer().
//
// Thread contract: every method runs inside the BytesIO's critical section (declared in the method table with
// locked<>/locked_fast<>). While a getbuffer() view is alive (exports > 0) the buffer is never reallocated or
// written through the BytesIO: writes, truncate and close raise BufferError, so a view's pointer stays valid.
// The exporter takes the BytesIO's section to count exports in and out.
#include <cstdlib>
#include <cstring>
#include <string>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/buffer.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/memoryview.h"
#include "objects/methods.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/modules/io_internal.h"
#include "vm/sync/mutex.h"

namespace pyvm::io {
namespace {

constexpr ssize kSsizeMax = ssize(~size_t(0) >> 1);

struct BytesIO {
  IOObject base;
  char* data;  // malloc'd, cap bytes
  ssize cap;
  ssize size;  // bytes in use
  ssize pos;
  ssize exports;
  bool closed;
};

struct BytesIOBuffer {
  PyObject ob_base;
  Object* source;  // the BytesIO (strong)
};

BytesIO* bio(Object* o) { return reinterpret_cast<BytesIO*>(o); }

bool closed_check(Object* self) {
  if (bio(self)->closed) {
    err_closed_dot();
    return false;
  }
  return true;
}

bool exports_check(Object* self) {
  if (bio(self)->exports > 0) {
    set_error(&exc_BufferError, "Existing exports of data: object cannot be re-sized");
    return false;
  }
  return true;
}

bool reserve(BytesIO* b, ssize need) {
  if (need <= b->cap) return true;
  ssize cap = b->cap < 16 ? 16 : b->cap;
  while (cap < need) cap = cap + (cap >> 1) + 1;
  char* p = static_cast<char*>(std::realloc(b->data, size_t(cap)));
  if (!p) {
    no_memory();
    return false;
  }
  b->data = p;
  b->cap = cap;
  return true;
}

// Writes at the current position, padding a gap after the end with zeros. Caller checked closed and exports.
ssize write_bytes(BytesIO* b, const char* p, ssize n) {
  if (n == 0) return 0;
  ssize end = b->pos + n;
  if (!reserve(b, end)) return -1;
  if (b->pos > b->size) std::memset(b->data + b->size, 0, size_t(b->pos - b->size));
  std::memmove(b->data + b->pos, p, size_t(n));
  b->pos = end;
  if (end > b->size) b->size = end;
  return n;
}

Object* bytesio_new(Type* t, Object*, Object*) { return new_object(t, size_t(t->tp_basicsize)); }

int bytesio_init(Object* self, Object* args, Object* kwds) {
  Object* a[1] = {};
  if (!parse_tuple_dict("BytesIO", args, kwds, {"initial_bytes"}, 0, a)) return -1;
  sync::CriticalSection cs(self);
  if (!exports_check(self)) return -1;
  BytesIO* b = bio(self);
  b->size = 0;
  b->pos = 0;
  b->closed = false;
  if (a[0] && a[0] != none()) {
    BufferHold view;
    if (view.get(a[0], PyBUF_SIMPLE) < 0) return -1;
    if (write_bytes(b, static_cast<const char*>(view->buf), view->len) < 0) return -1;
    b->pos = 0;
  }
  return 0;
}

Object* bytesio_getvalue(Object* self, Object*) {
  if (!closed_check(self)) return nullptr;
  return bytes_from(bio(self)->data, bio(self)->size);
}

Object* bytesio_read(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[1] = {};
  if (!parse_args("read", args, nargs, kwnames, {"/size"}, 0, a)) return nullptr;
  if (!closed_check(self)) return nullptr;
  ssize n;
  if (!size_arg(a[0], &n)) return nullptr;
  BytesIO* b = bio(self);
  ssize avail = b->size > b->pos ? b->size - b->pos : 0;
  if (n < 0 || n > avail) n = avail;
  Object* r = bytes_from(b->data + (avail ? b->pos : 0), n);
  if (r) b->pos += n;
  return r;
}

Object* bytesio_read1(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[1] = {};
  if (!parse_args("read1", args, nargs, kwnames, {"/size"}, 0, a)) return nullptr;
  return bytesio_read(self, a, a[0] ? 1 : 0, nullptr);
}

Object* bytesio_readinto(Object* self, Object* arg) {
  if (!closed_check(self)) return nullptr;
  BufferHold view;
  if (view.get(arg, PyBUF_WRITABLE) < 0) return nullptr;
  BytesIO* b = bio(self);
  ssize avail = b->size > b->pos ? b->size - b->pos : 0;
  ssize n = view->len < avail ? view->len : avail;
  if (n) std::memcpy(view->buf, b->data + b->pos, size_t(n));
  b->pos += n;
  return int_from_i64(n);
}

// The next line (through '\n', at most `limit` bytes when limit >= 0); the caller checked closed.
Object* read_line(BytesIO* b, ssize limit) {
  ssize avail = b->size > b->pos ? b->size - b->pos : 0;
  if (limit >= 0 && limit < avail) avail = limit;
  const char* start = b->data + b->pos;
  ssize n = avail;
  if (avail) {
    const void* nl = std::memchr(start, '\n', size_t(avail));
    if (nl) n = static_cast<const char*>(nl) - start + 1;
  }
  Object* r = bytes_from(avail ? start : nullptr, n);
  if (r) b->pos += n;
  return r;
}

Object* bytesio_readline(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[1] = {};
  if (!parse_args("readline", args, nargs, kwnames, {"/size"}, 0, a)) return nullptr;
  if (!closed_check(self)) return nullptr;
  ssize n;
  if (!size_arg(a[0], &n)) return nullptr;
  return read_line(bio(self), n);
}

Object* bytesio_readlines(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[1] = {};
  if (!parse_args("readlines", args, nargs, kwnames, {"/size"}, 0, a)) return nullptr;
  if (!closed_check(self)) return nullptr;
  ssize hint;
  if (!size_arg(a[0], &hint)) return nullptr;
  ORef result = steal(list_new(0));
  if (!result) return nullptr;
  ssize total = 0;
  for (;;) {
    ORef line = steal(read_line(bio(self), -1));
    if (!line) return nullptr;
    if (bytes_size(line.get()) == 0) break;
    if (list_append(result.get(), line.get()) < 0) return nullptr;
    total += bytes_size(line.get());
    if (hint > 0 && total >= hint) break;
  }
  return result.release();
}

Object* bytesio_write(Object* self, Object* arg) {
  if (!closed_check(self) || !exports_check(self)) return nullptr;
  BufferHold view;
  if (view.get(arg, PyBUF_SIMPLE) < 0) return nullptr;
  ssize n = write_bytes(bio(self), static_cast<const char*>(view->buf), view->len);
  if (n < 0) return nullptr;
  return int_from_i64(n);
}

Object* bytesio_writelines(Object* self, Object* lines) {
  if (!closed_check(self)) return nullptr;
  ORef it = steal(get_iter(lines));
  if (!it) return nullptr;
  for (;;) {
    ORef line = steal(iter_next(it.get()));
    if (!line) {
      if (error_occurred()) return nullptr;
      break;
    }
    ORef r = steal(bytesio_write(self, line.get()));
    if (!r) return nullptr;
  }
  return newref(none());
}

Object* bytesio_seek(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[2] = {};
  if (!parse_args("seek", args, nargs, kwnames, {"pos", "/whence"}, 1, a)) return nullptr;
  ssize pos;
  if (!ssize_arg(a[0], &pos)) return nullptr;
  int whence = 0;
  if (a[1] && !int_arg(a[1], &whence)) return nullptr;
  if (!closed_check(self)) return nullptr;
  BytesIO* b = bio(self);
  if (pos < 0 && whence == 0) return set_errorf(&exc_ValueError, "negative seek value {}", pos);
  if (whence == 1) {
    if (pos > kSsizeMax - b->pos) return set_error(&exc_OverflowError, "new position too large");
    pos += b->pos;
  } else if (whence == 2) {
    if (pos > kSsizeMax - b->size) return set_error(&exc_OverflowError, "new position too large");
    pos += b->size;
  } else if (whence != 0) {
    return set_errorf(&exc_ValueError, "invalid whence ({}, should be 0, 1 or 2)", whence);
  }
  if (pos < 0) pos = 0;
  b->pos = pos;
  return int_from_i64(pos);
}

Object* bytesio_tell(Object* self, Object*) {
  if (!closed_check(self)) return nullptr;
  return int_from_i64(bio(self)->pos);
}

Object* bytesio_truncate(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[1] = {};
  if (!parse_args("truncate", args, nargs, kwnames, {"/size"}, 0, a)) return nullptr;
  if (!closed_check(self) || !exports_check(self)) return nullptr;
  BytesIO* b = bio(self);
  ssize size = b->pos;
  if (a[0] && a[0] != none()) {
    if (!size_arg(a[0], &size)) return nullptr;
    if (size < 0) return set_errorf(&exc_ValueError, "negative size value {}", size);
  }
  if (size < b->size) b->size = size;
  return int_from_i64(size);
}

Object* bytesio_true(Object* self, Object*) {
  if (!closed_check(self)) return nullptr;
  return newref(true_());
}
Object* bytesio_isatty(Object* self, Object*) {
  if (!closed_check(self)) return nullptr;
  return newref(false_());
}
Object* bytesio_flush(Object* self, Object*) {
  if (!closed_check(self)) return nullptr;
  return newref(none());
}

Object* bytesio_close(Object* self, Object*) {
  if (!exports_check(self)) return nullptr;
  BytesIO* b = bio(self);
  std::free(b->data);
  b->data = nullptr;
  b->cap = b->size = 0;
  b->closed = true;
  return newref(none());
}

Object* bytesio_getbuffer(Object* self, Object*) {
  if (!closed_check(self)) return nullptr;
  auto* holder = reinterpret_cast<BytesIOBuffer*>(new_object(&bytesiobuffer_type, sizeof(BytesIOBuffer)));
  if (!holder) return nullptr;
  holder->source = newref(self);
  ORef h = steal(reinterpret_cast<Object*>(holder));
  return memoryview_from_object(h.get());
}

Object* bytesio_getstate(Object* self, Object*) {
  ORef value = steal(bytesio_getvalue(self, nullptr));
  if (!value) return nullptr;
  ORef pos = steal(int_from_i64(bio(self)->pos));
  if (!pos) return nullptr;
  Object* d = reinterpret_cast<IOObject*>(self)->dict;
  ORef dict = steal(d && dict_size(d) ? dict_copy(d) : newref(none()));
  if (!dict) return nullptr;
  return tuple_pack({value.get(), pos.get(), dict.get()});
}

Object* bytesio_setstate(Object* self, Object* state) {
  if (!type_check(state, &tuple_type) || tuple_size(state) < 3)
    return set_errorf(&exc_TypeError, "{}.__setstate__ argument should be 3-tuple, got {}", type_name(self),
                      type_name(state));
  if (!exports_check(self)) return nullptr;
  BytesIO* b = bio(self);
  b->size = b->pos = 0;
  BufferHold view;
  if (view.get(tuple_get(state, 0), PyBUF_SIMPLE) < 0) return nullptr;
  if (write_bytes(b, static_cast<const char*>(view->buf), view->len) < 0) return nullptr;
  Object* pos = tuple_get(state, 1);
  if (!type_check(pos, &int_type))
    return set_errorf(&exc_TypeError, "second item of state must be an integer, not {}", type_name(pos));
  ssize p;
  if (!ssize_arg(pos, &p)) return nullptr;
  if (p < 0) return set_error(&exc_ValueError, "position value cannot be negative");
  b->pos = p;
  Object* d = tuple_get(state, 2);
  if (d != none()) {
    if (!type_check(d, &dict_type))
      return set_errorf(&exc_TypeError, "third item of state should be a dict, got a {}", type_name(d));
    auto* io = reinterpret_cast<IOObject*>(self);
    if (!io->dict && !(io->dict = dict_new())) return nullptr;
    if (dict_update(io->dict, d) < 0) return nullptr;
  }
  return newref(none());
}

Object* bytesio_get_closed(Object* self, void*) { return newref(bool_obj(bio(self)->closed)); }

Object* bytesio_iternext(Object* self) {
  sync::CriticalSection cs(self);
  if (!closed_check(self)) return nullptr;
  ORef line = steal(read_line(bio(self), -1));
  if (!line || bytes_size(line.get()) == 0) return nullptr;
  return line.release();
}

void bytesio_dealloc(Object* self) {
  if (type_of(self) != &bytesio_type && !finalize(self)) return;
  std::free(bio(self)->data);
  dealloc_common(self);
}

#define L(f) locked<f>
#define LK(f) as_cfunc(locked_fast<f>), METH_FASTCALL | METH_KEYWORDS
PyMethodDef bytesio_methods[] = {
    {"readable", L(bytesio_true), METH_NOARGS, nullptr},
    {"seekable", L(bytesio_true), METH_NOARGS, nullptr},
    {"writable", L(bytesio_true), METH_NOARGS, nullptr},
    {"close", L(bytesio_close), METH_NOARGS, nullptr},
    {"flush", L(bytesio_flush), METH_NOARGS, nullptr},
    {"isatty", L(bytesio_isatty), METH_NOARGS, nullptr},
    {"tell", L(bytesio_tell), METH_NOARGS, nullptr},
    {"write", L(bytesio_write), METH_O, nullptr},
    {"writelines", L(bytesio_writelines), METH_O, nullptr},
    {"read1", LK(bytesio_read1), nullptr},
    {"readinto", L(bytesio_readinto), METH_O, nullptr},
    {"readline", LK(bytesio_readline), nullptr},
    {"readlines", LK(bytesio_readlines), nullptr},
    {"read", LK(bytesio_read), nullptr},
    {"getbuffer", L(bytesio_getbuffer), METH_NOARGS, nullptr},
    {"getvalue", L(bytesio_getvalue), METH_NOARGS, nullptr},
    {"seek", LK(bytesio_seek), nullptr},
    {"truncate", LK(bytesio_truncate), nullptr},
    {"__getstate__", L(bytesio_getstate), METH_NOARGS, nullptr},
    {"__setstate__", L(bytesio_setstate), METH_O, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
#undef L
#undef LK

PyGetSetDef bytesio_getset[] = {
    {"closed", bytesio_get_closed, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

// ---- _BytesIOBuffer ----

int bytesiobuf_getbuffer(Object* o, Py_buffer* view, int flags) {
  Object* src = reinterpret_cast<BytesIOBuffer*>(o)->source;
  sync::CriticalSection cs(src);
  BytesIO* b = bio(src);
  if (b->closed) {
    err_closed_dot();
    return -1;
  }
  if (!b->data && !reserve(b, 1)) return -1;
  (void)flags;
  view->buf = b->data;
  view->obj = newref(o);
  view->len = b->size;
  view->readonly = 0;
  view->itemsize = 1;
  view->format = const_cast<char*>("B");
  view->ndim = 1;
  view->shape = &view->len;
  view->strides = &view->itemsize;
  view->suboffsets = nullptr;
  view->internal = nullptr;
  b->exports++;
  return 0;
}

void bytesiobuf_releasebuffer(Object* o, Py_buffer*) {
  Object* src = reinterpret_cast<BytesIOBuffer*>(o)->source;
  sync::CriticalSection cs(src);
  bio(src)->exports--;
}

void bytesiobuf_dealloc(Object* o) {
  Type* t = type_of(o);
  xdecref(reinterpret_cast<BytesIOBuffer*>(o)->source);
  object_free(o);
  dealloc_type_ref(t);
}

PyBufferProcs bytesiobuf_as_buffer = {bytesiobuf_getbuffer, bytesiobuf_releasebuffer};

}  // namespace

Type bytesio_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "_io.BytesIO",
    .tp_basicsize = sizeof(BytesIO),
    .tp_dealloc = bytesio_dealloc,
    .tp_getattro = generic_getattr,
    .tp_setattro = generic_setattr,
    .tp_flags = Py_TPFLAGS_BASETYPE,
    .tp_weaklistoffset = offsetof(IOObject, weakreflist),
    .tp_iternext = bytesio_iternext,
    .tp_methods = bytesio_methods,
    .tp_getset = bytesio_getset,
    .tp_base = &bufferediobase_type,
    .tp_dictoffset = offsetof(IOObject, dict),
    .tp_init = bytesio_init,
    .tp_new = bytesio_new,
};

Type bytesiobuffer_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "_io._BytesIOBuffer",
    .tp_basicsize = sizeof(BytesIOBuffer),
    .tp_dealloc = bytesiobuf_dealloc,
    .tp_as_buffer = &bytesiobuf_as_buffer,
    .tp_flags = 0,
};

}  // namespace pyvm::io
