// _io.StringIO, an in-memory text stream of code points with CPython's newline modes.
//
// Thread contract: every method runs inside the StringIO's critical section (declared in the method table with
// locked<>/locked_fast<>); the buffer is a std::u32string owned by the object. Iteration over a subclass calls
// its Python readline() outside the section.
#include <string>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/methods.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/modules/io_internal.h"
#include "vm/sync/mutex.h"

namespace pyvm::io {
namespace {

struct StringIO {
  IOObject base;
  std::u32string* buf;
  ssize pos;
  bool ok, closed;
  bool readuniversal, readtranslate, has_decoder;
  NewlineState nl;
  Object* readnl;  // the newline argument (str) or null for None
  std::u32string* readnl_u32;
  std::u32string* writenl;  // empty: no translation on write
};

StringIO* sio(Object* o) { return reinterpret_cast<StringIO*>(o); }

bool check_init(Object* self) {
  if (!sio(self)->ok) {
    set_error(&exc_ValueError, "I/O operation on uninitialized object");
    return false;
  }
  return true;
}
bool check_open(Object* self) {
  if (!check_init(self)) return false;
  if (sio(self)->closed) {
    err_closed();
    return false;
  }
  return true;
}

Object* stringio_new(Type* t, Object*, Object*) {
  Object* o = new_object(t, size_t(t->tp_basicsize));
  if (!o) return nullptr;
  sio(o)->buf = new std::u32string();
  sio(o)->readnl_u32 = new std::u32string();
  sio(o)->writenl = new std::u32string();
  return o;
}

// Writes str `s` at the position (universal-newline decoding and write translation first); caller checked state.
ssize write_str(StringIO* s, Object* str) {
  std::u32string text;
  append_u32(str, &text);
  if (s->has_decoder) newline_decode(&s->nl, &text, true);
  if (!s->writenl->empty() && *s->writenl != U"\n") {
    std::u32string out;
    for (char32_t ch : text) {
      if (ch == U'\n') out += *s->writenl;
      else out.push_back(ch);
    }
    text.swap(out);
  }
  ssize n = ssize(text.size());
  if (n == 0) return 0;
  std::u32string& buf = *s->buf;
  if (s->pos > ssize(buf.size())) buf.resize(size_t(s->pos), U'\0');
  if (s->pos + n > ssize(buf.size())) buf.resize(size_t(s->pos + n));
  buf.replace(size_t(s->pos), size_t(n), text);
  s->pos += n;
  return n;
}

int stringio_init(Object* self, Object* args, Object* kwds) {
  Object* a[2] = {};
  if (!parse_tuple_dict("StringIO", args, kwds, {"initial_value", "newline"}, 0, a)) return -1;
  Object* value = a[0];
  Object* newline = a[1];
  std::string nl = "\n";
  bool nl_none = false;
  if (newline == none()) {
    nl_none = true;
  } else if (newline) {
    if (!type_check(newline, &str_type)) {
      set_errorf(&exc_TypeError, "newline must be str or None, not {}", type_name(newline));
      return -1;
    }
    nl = str_view(newline);
    if (nl != "" && nl != "\n" && nl != "\r" && nl != "\r\n") {
      std::string r;
      if (!repr_utf8(newline, &r)) return -1;
      set_errorf(&exc_ValueError, "illegal newline value: {}", r);
      return -1;
    }
  }
  if (value && value != none() && !type_check(value, &str_type)) {
    set_errorf(&exc_TypeError, "initial_value must be str or None, not {}", type_name(value));
    return -1;
  }
  sync::CriticalSection cs(self);
  StringIO* s = sio(self);
  s->ok = false;
  s->closed = false;
  s->buf->clear();
  s->pos = 0;
  set_slot(&s->readnl, nl_none ? nullptr : str_from_utf8(nl));
  s->readnl_u32->assign(nl.begin(), nl.end());
  s->readuniversal = nl_none || nl.empty();
  s->readtranslate = nl_none;
  s->writenl->clear();
  if (!nl_none && !nl.empty() && nl[0] == '\r') s->writenl->assign(nl.begin(), nl.end());
  s->has_decoder = s->readuniversal;
  s->nl = NewlineState{};
  s->nl.translate = s->readtranslate;
  if (value && value != none() && str_length(value) > 0) {
    write_str(s, value);
    s->pos = 0;
  }
  s->ok = true;
  return 0;
}

Object* stringio_getvalue(Object* self, Object*) {
  if (!check_open(self)) return nullptr;
  return u32_to_str(*sio(self)->buf);
}

Object* stringio_tell(Object* self, Object*) {
  if (!check_open(self)) return nullptr;
  return int_from_i64(sio(self)->pos);
}

Object* stringio_read(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[1] = {};
  if (!parse_args("read", args, nargs, kwnames, {"/size"}, 0, a)) return nullptr;
  ssize n;
  if (!size_arg(a[0], &n)) return nullptr;
  if (!check_open(self)) return nullptr;
  StringIO* s = sio(self);
  ssize len = ssize(s->buf->size());
  ssize avail = len > s->pos ? len - s->pos : 0;
  if (n < 0 || n > avail) n = avail;
  if (n == 0) return newref(str_empty());
  Object* r = u32_to_str(s->buf->data() + s->pos, n);
  if (r) s->pos += n;
  return r;
}

Object* read_line(StringIO* s, ssize limit) {
  ssize len = ssize(s->buf->size());
  if (s->pos >= len) return newref(str_empty());
  ssize end = len;
  if (limit >= 0 && s->pos + limit < end) end = s->pos + limit;
  const char32_t* p = s->buf->data();
  ssize stop = find_line_end(p, s->pos, end, s->readtranslate, s->readuniversal, *s->readnl_u32);
  if (stop < 0) stop = end;
  Object* r = u32_to_str(p + s->pos, stop - s->pos);
  if (r) s->pos = stop;
  return r;
}

Object* stringio_readline(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[1] = {};
  if (!parse_args("readline", args, nargs, kwnames, {"/size"}, 0, a)) return nullptr;
  ssize n;
  if (!size_arg(a[0], &n)) return nullptr;
  if (!check_open(self)) return nullptr;
  return read_line(sio(self), n);
}

Object* stringio_truncate(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[1] = {};
  if (!parse_args("truncate", args, nargs, kwnames, {"/pos"}, 0, a)) return nullptr;
  if (!check_open(self)) return nullptr;
  StringIO* s = sio(self);
  ssize size = s->pos;
  if (a[0] && a[0] != none()) {
    if (!size_arg(a[0], &size)) return nullptr;
    if (size < 0) return set_errorf(&exc_ValueError, "Negative size value {}", size);
  }
  if (size < ssize(s->buf->size())) s->buf->resize(size_t(size));
  return int_from_i64(size);
}

Object* stringio_seek(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[2] = {};
  if (!parse_args("seek", args, nargs, kwnames, {"pos", "/whence"}, 1, a)) return nullptr;
  if (!check_init(self)) return nullptr;
  ssize pos;
  if (!ssize_arg(a[0], &pos)) return nullptr;
  int whence = 0;
  if (a[1] && !int_arg(a[1], &whence)) return nullptr;
  if (!check_open(self)) return nullptr;
  StringIO* s = sio(self);
  if (whence != 0 && whence != 1 && whence != 2)
    return set_errorf(&exc_ValueError, "Invalid whence ({}, should be 0, 1 or 2)", whence);
  if (pos < 0 && whence == 0) return set_errorf(&exc_ValueError, "Negative seek position {}", pos);
  if (whence != 0 && pos != 0) return set_error(&exc_OSError, "Can't do nonzero cur-relative seeks");
  if (whence == 1) pos = s->pos;
  else if (whence == 2) pos = ssize(s->buf->size());
  s->pos = pos;
  return int_from_i64(pos);
}

Object* stringio_write(Object* self, Object* obj) {
  if (!check_init(self)) return nullptr;
  if (!type_check(obj, &str_type))
    return set_errorf(&exc_TypeError, "string argument expected, got '{}'", type_name(obj));
  if (!check_open(self)) return nullptr;
  ssize size = str_length(obj);
  if (size > 0) write_str(sio(self), obj);
  return int_from_i64(size);
}

Object* stringio_true(Object* self, Object*) {
  if (!check_open(self)) return nullptr;
  return newref(true_());
}

Object* stringio_close(Object* self, Object*) {
  StringIO* s = sio(self);
  s->closed = true;
  std::u32string().swap(*s->buf);
  return newref(none());
}

Object* stringio_getstate(Object* self, Object*) {
  ORef value = steal(stringio_getvalue(self, nullptr));
  if (!value) return nullptr;
  StringIO* s = sio(self);
  ORef pos = steal(int_from_i64(s->pos));
  Object* d = reinterpret_cast<IOObject*>(self)->dict;
  ORef dict = steal(d && dict_size(d) ? dict_copy(d) : newref(none()));
  if (!pos || !dict) return nullptr;
  return tuple_pack({value.get(), s->readnl ? s->readnl : none(), pos.get(), dict.get()});
}

Object* stringio_setstate(Object* self, Object* state) {
  if (!type_check(state, &tuple_type) || tuple_size(state) < 4)
    return set_errorf(&exc_TypeError, "{}.__setstate__ argument should be 4-tuple, got {}", type_name(self),
                      type_name(state));
  ORef args = steal(tuple_pack({tuple_get(state, 0), tuple_get(state, 1)}));
  if (!args || stringio_init(self, args.get(), nullptr) < 0) return nullptr;
  // The value was stored translated already: keep it exactly.
  StringIO* s = sio(self);
  s->buf->clear();
  if (type_check(tuple_get(state, 0), &str_type)) append_u32(tuple_get(state, 0), s->buf);
  ssize pos;
  if (!ssize_arg(tuple_get(state, 2), &pos)) return nullptr;
  if (pos < 0) return set_error(&exc_ValueError, "position value cannot be negative");
  s->pos = pos;
  Object* d = tuple_get(state, 3);
  if (d != none()) {
    if (!type_check(d, &dict_type))
      return set_errorf(&exc_TypeError, "fourth item of state should be a dict, got a {}", type_name(d));
    auto* io = reinterpret_cast<IOObject*>(self);
    if (!io->dict && !(io->dict = dict_new())) return nullptr;
    if (dict_update(io->dict, d) < 0) return nullptr;
  }
  return newref(none());
}

Object* stringio_get_closed(Object* self, void*) {
  sync::CriticalSection cs(self);
  if (!check_init(self)) return nullptr;
  return newref(bool_obj(sio(self)->closed));
}
Object* stringio_get_line_buffering(Object* self, void*) {
  sync::CriticalSection cs(self);
  if (!check_open(self)) return nullptr;
  return newref(false_());
}
Object* stringio_get_newlines(Object* self, void*) {
  sync::CriticalSection cs(self);
  if (!check_open(self)) return nullptr;
  if (!sio(self)->has_decoder) return newref(none());
  return newlines_value(sio(self)->nl.seennl);
}

Object* stringio_iternext(Object* self) {
  ORef line;
  if (type_of(self) == &stringio_type) {
    sync::CriticalSection cs(self);
    if (!check_open(self)) return nullptr;
    line = steal(read_line(sio(self), -1));
  } else {
    line = steal(call_method0(self, str_interned("readline")));
    if (line && !type_check(line.get(), &str_type))
      return set_errorf(&exc_OSError, "readline() should have returned a str object, not '{}'",
                        type_name(line.get()));
  }
  if (!line || str_length(line.get()) == 0) return nullptr;
  return line.release();
}

void stringio_dealloc(Object* self) {
  if (type_of(self) != &stringio_type && !finalize(self)) return;
  StringIO* s = sio(self);
  delete s->buf;
  delete s->readnl_u32;
  delete s->writenl;
  xdecref(s->readnl);
  dealloc_common(self);
}

#define L(f) locked<f>
#define LK(f) as_cfunc(locked_fast<f>), METH_FASTCALL | METH_KEYWORDS
PyMethodDef stringio_methods[] = {
    {"close", L(stringio_close), METH_NOARGS, nullptr},
    {"getvalue", L(stringio_getvalue), METH_NOARGS, nullptr},
    {"read", LK(stringio_read), nullptr},
    {"readline", LK(stringio_readline), nullptr},
    {"tell", L(stringio_tell), METH_NOARGS, nullptr},
    {"truncate", LK(stringio_truncate), nullptr},
    {"seek", LK(stringio_seek), nullptr},
    {"write", L(stringio_write), METH_O, nullptr},
    {"seekable", L(stringio_true), METH_NOARGS, nullptr},
    {"readable", L(stringio_true), METH_NOARGS, nullptr},
    {"writable", L(stringio_true), METH_NOARGS, nullptr},
    {"__getstate__", L(stringio_getstate), METH_NOARGS, nullptr},
    {"__setstate__", L(stringio_setstate), METH_O, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
#undef L
#undef LK

PyGetSetDef stringio_getset[] = {
    {"closed", stringio_get_closed, nullptr, nullptr, nullptr},
    {"newlines", stringio_get_newlines, nullptr, nullptr, nullptr},
    {"line_buffering", stringio_get_line_buffering, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

Type stringio_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "_io.StringIO",
    .tp_basicsize = sizeof(StringIO),
    .tp_dealloc = stringio_dealloc,
    .tp_getattro = generic_getattr,
    .tp_setattro = generic_setattr,
    .tp_flags = Py_TPFLAGS_BASETYPE,
    .tp_weaklistoffset = offsetof(IOObject, weakreflist),
    .tp_iternext = stringio_iternext,
    .tp_methods = stringio_methods,
    .tp_getset = stringio_getset,
    .tp_base = &textiobase_type,
    .tp_dictoffset = offsetof(IOObject, dict),
    .tp_init = stringio_init,
    .tp_new = stringio_new,
};

}  // namespace pyvm::io
