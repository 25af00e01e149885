// _io.BufferedRWPair: a BufferedReader and a BufferedWriter over two raw streams, seen as one stream.
//
// Thread contract: the pair's two references are set once by __init__ (under the pair's critical section) and
// then only read; every operation forwards to the reader or the writer, whose own critical sections guard their
// buffers, so the pair holds no lock while forwarding.
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/methods.h"
#include "objects/strings.h"
#include "objects/types.h"
#include "vm/modules/io_internal.h"
#include "vm/sync/mutex.h"

namespace pyvm::io {
namespace {

struct RWPair {
  IOObject base;
  Object* reader;
  Object* writer;
};

RWPair* rw(Object* o) { return reinterpret_cast<RWPair*>(o); }

Object* rwpair_new(Type* t, Object*, Object*) { return new_object(t, size_t(t->tp_basicsize)); }

int rwpair_init(Object* self, Object* args, Object* kwds) {
  Object* a[3] = {};
  if (!parse_tuple_dict("BufferedRWPair", args, kwds, {"reader", "writer", "/buffer_size"}, 2, a)) return -1;
  if (check_readable(a[0]) < 0 || check_writable(a[1]) < 0) return -1;
  ORef size = a[2] ? borrow(a[2]) : steal(int_from_i64(kDefaultBufferSize));
  if (!size) return -1;
  Object* ra[2] = {a[0], size.get()};
  ORef reader = steal(call(reinterpret_cast<Object*>(&bufferedreader_type), ra, 2, nullptr));
  if (!reader) return -1;
  Object* wa[2] = {a[1], size.get()};
  ORef writer = steal(call(reinterpret_cast<Object*>(&bufferedwriter_type), wa, 2, nullptr));
  if (!writer) return -1;
  sync::CriticalSection cs(self);
  set_slot(&rw(self)->reader, reader.release());
  set_slot(&rw(self)->writer, writer.release());
  return 0;
}

// The reader or writer (new reference), or ValueError when __init__ has not run.
Object* part(Object* self, bool reader) {
  sync::CriticalSection cs(self);
  Object* p = reader ? rw(self)->reader : rw(self)->writer;
  if (!p) return set_error(&exc_ValueError, "I/O operation on uninitialized object");
  return newref(p);
}

Object* forward(Object* self, bool reader, const char* name, Object* const* args, ssize nargs, Object* kwnames) {
  ORef target = steal(part(self, reader));
  if (!target) return nullptr;
  ORef fn = steal(get_attr_str(target.get(), name));
  if (!fn) return nullptr;
  return call(fn.get(), args, size_t(nargs), kwnames);
}

#define FWD(fname, reader, name)                                                   \
  Object* fname(Object* self, Object* const* args, ssize nargs, Object* kwnames) { \
    return forward(self, reader, name, args, nargs, kwnames);                      \
  }
FWD(rwpair_read, true, "read")
FWD(rwpair_peek, true, "peek")
FWD(rwpair_read1, true, "read1")
FWD(rwpair_readinto, true, "readinto")
FWD(rwpair_readinto1, true, "readinto1")
FWD(rwpair_readable, true, "readable")
FWD(rwpair_write, false, "write")
FWD(rwpair_flush, false, "flush")
FWD(rwpair_writable, false, "writable")
#undef FWD

Object* rwpair_close(Object* self, Object*) {
  ORef r = steal(forward(self, false, "close", nullptr, 0, nullptr));
  ORef exc = steal(error_take());
  ORef r2 = steal(forward(self, true, "close", nullptr, 0, nullptr));
  if (exc) {
    if (!r2) {
      ORef second = steal(error_take());
      exception_set_context(second.get(), exc.release());
      set_error_steal(second.release());
    } else {
      set_error_steal(exc.release());
    }
    return nullptr;
  }
  return r2.release();
}

Object* rwpair_isatty(Object* self, Object*) {
  ORef r = steal(forward(self, false, "isatty", nullptr, 0, nullptr));
  if (!r) return nullptr;
  if (r.get() != false_()) return r.release();
  return forward(self, true, "isatty", nullptr, 0, nullptr);
}

Object* rwpair_get_closed(Object* self, void*) {
  ORef w = steal(part(self, false));
  if (!w) {
    error_clear();
    return set_error(&exc_RuntimeError, "the BufferedRWPair object is being garbage-collected");
  }
  return get_attr_str(w.get(), "closed");
}

void rwpair_dealloc(Object* self) {
  if (!finalize(self)) return;
  xdecref(rw(self)->reader);
  xdecref(rw(self)->writer);
  dealloc_common(self);
}

#define KW(f) as_cfunc(f), METH_FASTCALL | METH_KEYWORDS
PyMethodDef rwpair_methods[] = {
    {"read", KW(rwpair_read), nullptr},
    {"peek", KW(rwpair_peek), nullptr},
    {"read1", KW(rwpair_read1), nullptr},
    {"readinto", KW(rwpair_readinto), nullptr},
    {"readinto1", KW(rwpair_readinto1), nullptr},
    {"write", KW(rwpair_write), nullptr},
    {"flush", KW(rwpair_flush), nullptr},
    {"readable", KW(rwpair_readable), nullptr},
    {"writable", KW(rwpair_writable), nullptr},
    {"close", rwpair_close, METH_NOARGS, nullptr},
    {"isatty", rwpair_isatty, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
#undef KW

PyGetSetDef rwpair_getset[] = {
    {"closed", rwpair_get_closed, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

Type bufferedrwpair_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "_io.BufferedRWPair",
    .tp_basicsize = sizeof(RWPair),
    .tp_dealloc = rwpair_dealloc,
    .tp_getattro = generic_getattr,
    .tp_setattro = generic_setattr,
    .tp_flags = Py_TPFLAGS_BASETYPE,
    .tp_weaklistoffset = offsetof(IOObject, weakreflist),
    .tp_methods = rwpair_methods,
    .tp_getset = rwpair_getset,
    .tp_base = &bufferediobase_type,
    .tp_dictoffset = offsetof(IOObject, dict),
    .tp_init = rwpair_init,
    .tp_new = rwpair_new,
};

}  // namespace pyvm::io
