// The built-in exception hierarchy (from exceptions.def) and BaseException's behaviour.
#include "objects/exceptions.h"

#include "objects/exception_group.h"

#include <cstddef>

#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/int.h"
#include "objects/errors.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"

namespace pyvm {

bool is_exception_instance(Object* o) { return has_flag(type_of(o), Py_TPFLAGS_BASE_EXC_SUBCLASS); }
bool is_exception_class(Object* o) {
  return type_check(o, &type_type) && has_flag(reinterpret_cast<Type*>(o), Py_TPFLAGS_BASE_EXC_SUBCLASS);
}

void exception_set_traceback(Object* e, Object* tb) { set_slot(&as_exc(e)->traceback, xnewref(tb)); }
void exception_set_context(Object* e, Object* ctx) { set_slot(&as_exc(e)->context, ctx); }
void exception_set_cause(Object* e, Object* cause) {
  set_slot(&as_exc(e)->cause, cause);
  as_exc(e)->suppress_context = 1;
}

Object* exc_new(Type* t, Object* args, Object*) {
  Object* o = new_object(t, size_t(t->tp_basicsize));
  if (!o) return nullptr;
  as_exc(o)->args = args ? newref(args) : newref(tuple_empty());
  return o;
}

static void exc_set_value_from_args(Object* self) {
  Type* t = type_of(self);
  Object* args = as_exc(self)->args;
  ssize n = tuple_size(args);
  if (is_subtype(t, &exc_StopIteration)) {
    set_slot(&as_exc(self)->value, newref(n ? tuple_get(args, 0) : none()));
  } else if (is_subtype(t, &exc_SystemExit)) {
    set_slot(&as_exc(self)->value, newref(n == 0 ? none() : n == 1 ? tuple_get(args, 0) : args));
  }
}

int exc_init(Object* self, Object* args, Object* kwds) {
  if (kwds && dict_size(kwds) && type_of(self)->tp_init == exc_init) {
    set_errorf(&exc_TypeError, "{}() takes no keyword arguments", type_of(self)->tp_name);
    return -1;
  }
  set_slot(&as_exc(self)->args, newref(args));
  exc_set_value_from_args(self);
  return 0;
}

static void exc_dealloc(Object* self) {
  Type* t = type_of(self);
  ExceptionObject* e = as_exc(self);
  for (Object*& x : e->extra) {
    xdecref(x);
    x = nullptr;
  }
  xdecref(e->dict);
  xdecref(e->args);
  xdecref(e->notes);
  xdecref(e->traceback);
  xdecref(e->context);
  xdecref(e->cause);
  xdecref(e->value);
  object_free(self);
  dealloc_type_ref(t);
}

Object* exc_str(Object* self) {
  Object* args = as_exc(self)->args;
  ssize n = tuple_size(args);
  if (n == 0) return newref(str_empty());
  if (n == 1) {
    if (is_subtype(type_of(self), &exc_KeyError)) return object_repr(tuple_get(args, 0));
    return object_str(tuple_get(args, 0));
  }
  return object_str(args);
}

static Object* exc_repr(Object* self) {
  Object* args = as_exc(self)->args;
  Type* t = type_of(self);
  std::string name;
  if (has_flag(t, Py_TPFLAGS_HEAPTYPE)) {
    name = std::string(str_view(reinterpret_cast<HeapType*>(t)->ht_name));
  } else {
    name = t->tp_name;
  }
  std::string inner;
  if (tuple_size(args) == 1) {
    if (!repr_utf8(tuple_get(args, 0), &inner)) return nullptr;
    return str_from_utf8(name + "(" + inner + ")");
  }
  if (!repr_utf8(args, &inner)) return nullptr;
  if (tuple_size(args) == 0) return str_from_utf8(name + "()");
  return str_from_utf8(name + inner);
}

static Object* exc_get_args(Object* self, void*) { return newref(as_exc(self)->args); }
static int exc_set_args(Object* self, Object* v, void*) {
  if (!v) {
    set_error(&exc_TypeError, "args may not be deleted");
    return -1;
  }
  Object* t = sequence_tuple(v);
  if (!t) return -1;
  set_slot(&as_exc(self)->args, t);
  return 0;
}
static Object* exc_get_tb(Object* self, void*) {
  Object* v = as_exc(self)->traceback;
  return newref(v ? v : none());
}
static int exc_set_tb(Object* self, Object* v, void*) {
  if (!v) {
    set_error(&exc_TypeError, "__traceback__ may not be deleted");
    return -1;
  }
  set_slot(&as_exc(self)->traceback, v == none() ? nullptr : newref(v));
  return 0;
}
static Object* exc_get_context(Object* self, void*) {
  Object* v = as_exc(self)->context;
  return newref(v ? v : none());
}
static int exc_set_context(Object* self, Object* v, void*) {
  if (!v) {
    set_error(&exc_TypeError, "__context__ may not be deleted");
    return -1;
  }
  if (v != none() && !is_exception_instance(v)) {
    set_error(&exc_TypeError, "exception context must be None or derive from BaseException");
    return -1;
  }
  set_slot(&as_exc(self)->context, v == none() ? nullptr : newref(v));
  return 0;
}
static Object* exc_get_cause(Object* self, void*) {
  Object* v = as_exc(self)->cause;
  return newref(v ? v : none());
}
static int exc_set_cause(Object* self, Object* v, void*) {
  if (!v) {
    set_error(&exc_TypeError, "__cause__ may not be deleted");
    return -1;
  }
  if (v != none() && !is_exception_instance(v)) {
    set_error(&exc_TypeError, "exception cause must be None or derive from BaseException");
    return -1;
  }
  exception_set_cause(self, v == none() ? nullptr : newref(v));
  return 0;
}
static Object* exc_get_suppress(Object* self, void*) { return newref(bool_obj(as_exc(self)->suppress_context)); }
static int exc_set_suppress(Object* self, Object* v, void*) {
  int t = v ? object_is_true(v) : 0;
  if (t < 0) return -1;
  as_exc(self)->suppress_context = char(t);
  return 0;
}
static Object* exc_get_dict(Object* self, void*) {
  if (!as_exc(self)->dict) {
    as_exc(self)->dict = dict_new();
    if (!as_exc(self)->dict) return nullptr;
  }
  return newref(as_exc(self)->dict);
}

static PyGetSetDef exc_getset[] = {
    {"args", exc_get_args, exc_set_args, nullptr, nullptr},
    {"__traceback__", exc_get_tb, exc_set_tb, nullptr, nullptr},
    {"__context__", exc_get_context, exc_set_context, nullptr, nullptr},
    {"__cause__", exc_get_cause, exc_set_cause, nullptr, nullptr},
    {"__suppress_context__", exc_get_suppress, exc_set_suppress, nullptr, nullptr},
    {"__dict__", exc_get_dict, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};

static Object* exc_with_traceback(Object* self, Object* tb) {
  if (exc_set_tb(self, tb, nullptr) < 0) return nullptr;
  return newref(self);
}
static Object* exc_add_note(Object* self, Object* note) {
  if (!type_check(note, &str_type))
    return set_errorf(&exc_TypeError, "note must be a str, not '{}'", type_name(note));
  Object* notes = nullptr;
  int r = get_attr_optional(self, strs::notes, &notes);
  if (r < 0) return nullptr;
  if (!notes) {
    notes = list_new(0);
    if (!notes || set_attr(self, strs::notes, notes) < 0) {
      xdecref(notes);
      return nullptr;
    }
  }
  ORef nr = steal(notes);
  if (!type_check(notes, &list_type)) return set_error(&exc_TypeError, "Cannot add note: __notes__ is not a list");
  if (list_append(notes, note) < 0) return nullptr;
  return newref(none());
}
static Object* exc_reduce(Object* self, Object*) {
  return tuple_pack({reinterpret_cast<Object*>(type_of(self)), as_exc(self)->args});
}
static PyMethodDef exc_methods[] = {{"with_traceback", exc_with_traceback, METH_O, nullptr},
                                    {"add_note", exc_add_note, METH_O, nullptr},
                                    {"__reduce__", exc_reduce, METH_NOARGS, nullptr},
                                    {nullptr, nullptr, 0, nullptr}};

static PyMemberDef value_members[] = {{"value", 6 /* object */, offsetof(ExceptionObject, value), 0, nullptr},
                                      {nullptr, 0, 0, 0, nullptr}};
static PyMemberDef code_members[] = {{"code", 6, offsetof(ExceptionObject, value), 0, nullptr},
                                     {nullptr, 0, 0, 0, nullptr}};

// ---- UnicodeError subclasses: attributes come from args (encoding, object, start, end, reason) ----

static Object* unicode_arg(Object* self, ssize i) {
  Object* args = as_exc(self)->args;
  ssize n = tuple_size(args);
  // UnicodeTranslateError has no encoding: (object, start, end, reason).
  if (is_subtype(type_of(self), &exc_UnicodeTranslateError)) {
    if (i == 0) return nullptr;
    i -= 1;
  }
  return i < n ? tuple_get(args, i) : nullptr;
}
static Object* unicode_get(Object* self, void* which) {
  Object* v = unicode_arg(self, ssize(reinterpret_cast<intptr_t>(which)));
  return newref(v ? v : none());
}
static PyGetSetDef unicode_getset[] = {
    {"encoding", unicode_get, nullptr, nullptr, reinterpret_cast<void*>(0)},
    {"object", unicode_get, nullptr, nullptr, reinterpret_cast<void*>(1)},
    {"start", unicode_get, nullptr, nullptr, reinterpret_cast<void*>(2)},
    {"end", unicode_get, nullptr, nullptr, reinterpret_cast<void*>(3)},
    {"reason", unicode_get, nullptr, nullptr, reinterpret_cast<void*>(4)},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};

static bool arg_ssize(Object* o, ssize* out) {
  if (!o || !type_check(o, &int_type)) return false;
  *out = int_as_ssize(o);
  if (*out == -1 && error_occurred()) {
    error_clear();
    return false;
  }
  return true;
}

static std::string char_escape(uint32_t c) {
  if (c < 0x100) return fmt::format("\\x{:02x}", c);
  if (c < 0x10000) return fmt::format("\\u{:04x}", c);
  return fmt::format("\\U{:08x}", c);
}

// CPython's messages: "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte".
static Object* unicode_error_str(Object* self) {
  Object* enc = unicode_arg(self, 0);
  Object* obj = unicode_arg(self, 1);
  Object* reason = unicode_arg(self, 4);
  ssize start, end;
  bool translate = is_subtype(type_of(self), &exc_UnicodeTranslateError);
  if ((!enc && !translate) || !obj || !reason || !arg_ssize(unicode_arg(self, 2), &start) ||
      !arg_ssize(unicode_arg(self, 3), &end))
    return exc_str(self);
  std::string r, e;
  if (!object_str_utf8(reason, &r)) return nullptr;
  if (!translate && !object_str_utf8(enc, &e)) return nullptr;
  if (is_subtype(type_of(self), &exc_UnicodeDecodeError)) {
    if (!type_check(obj, &bytes_type) || start < 0 || start >= bytes_size(obj)) return exc_str(self);
    if (end == start + 1)
      return str_from_utf8(fmt::format("'{}' codec can't decode byte 0x{:02x} in position {}: {}", e,
                                       uint8_t(bytes_data(obj)[start]), start, r));
    return str_from_utf8(fmt::format("'{}' codec can't decode bytes in position {}-{}: {}", e, start, end - 1, r));
  }
  if (!type_check(obj, &str_type) || start < 0 || start >= str_length(obj)) return exc_str(self);
  if (end == start + 1) {
    std::string ch = char_escape(str_char_at(obj, start));
    if (translate)
      return str_from_utf8(fmt::format("can't translate character '{}' in position {}: {}", ch, start, r));
    return str_from_utf8(fmt::format("'{}' codec can't encode character '{}' in position {}: {}", e, ch, start, r));
  }
  if (translate)
    return str_from_utf8(fmt::format("can't translate characters in position {}-{}: {}", start, end - 1, r));
  return str_from_utf8(fmt::format("'{}' codec can't encode characters in position {}-{}: {}", e, start, end - 1, r));
}

static Type exc_;  // stands for "no base" in the table below; replaced by object at init

#define PYVM_DECLARE_EXC(name, base)                                                        \
  Type exc_##name = {                                                                       \
      .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),                                   \
      .tp_name = #name,                                                                     \
      .tp_basicsize = sizeof(ExceptionObject),                                              \
      .tp_dealloc = exc_dealloc,                                                            \
      .tp_repr = exc_repr,                                                                  \
      .tp_str = exc_str,                                                                    \
      .tp_getattro = generic_getattr,                                                       \
      .tp_setattro = generic_setattr,                                                       \
      .tp_flags = Py_TPFLAGS_BASETYPE | Py_TPFLAGS_BASE_EXC_SUBCLASS,                       \
      .tp_methods = exc_methods,                                                            \
      .tp_getset = exc_getset,                                                              \
      .tp_base = &exc_##base,                                                               \
      .tp_dictoffset = offsetof(ExceptionObject, dict),                                     \
      .tp_init = exc_init,                                                                  \
      .tp_new = exc_new,                                                                    \
  };
#include "objects/exceptions.def"
#undef PYVM_DECLARE_EXC

int init_exceptions() {
  exc_BaseException.tp_base = &object_type;
  exc_StopIteration.tp_members = value_members;
  exc_SystemExit.tp_members = code_members;
  exception_group_setup();
  exceptions_extra_setup();
  for (Type* t : {&exc_UnicodeDecodeError, &exc_UnicodeEncodeError, &exc_UnicodeTranslateError}) {
    t->tp_str = unicode_error_str;
    t->tp_getset = unicode_getset;
  }
#define PYVM_DECLARE_EXC(name, base) \
  if (type_ready(&exc_##name) < 0) return -1;
#include "objects/exceptions.def"
#undef PYVM_DECLARE_EXC
  return 0;
}

}  // namespace pyvm
