// The built-in exception hierarchy (from exceptions.def) and BaseException's behaviour.
#include "objects/exceptions.h"

#include <cstddef>

#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exception_group.h"
#include "objects/int.h"
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

extern Type traceback_type;  // vm/function.cc

int check_except_type_valid(Object* right) {
  if (type_check(right, &tuple_type)) {
    for (ssize i = 0; i < tuple_size(right); i++)
      if (!is_exception_class(tuple_get(right, i))) goto bad;
    return 0;
  }
  if (is_exception_class(right)) return 0;
bad:
  set_error(&exc_TypeError, "catching classes that do not inherit from BaseException is not allowed");
  return -1;
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
  // BaseException.__init__ refuses keywords even when a subclass's own __init__ passes them on.
  if (kwds && dict_size(kwds)) {
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

// Collector support: every field is strong (or null). tp_clear drops them, except that args becomes () (readers
// expect a tuple there).
static int exc_traverse(Object* self, visitproc visit, void* arg) {
  ExceptionObject* e = as_exc(self);
  for (Object* v : {e->dict, e->args, e->notes, e->traceback, e->context, e->cause, e->value})
    if (v)
      if (int r = visit(v, arg)) return r;
  for (Object* v : e->extra)
    if (v)
      if (int r = visit(v, arg)) return r;
  return 0;
}
static int exc_clear(Object* self) {
  ExceptionObject* e = as_exc(self);
  for (Object*& x : e->extra) clear_ref(&x);
  for (Object** slot : {&e->dict, &e->notes, &e->traceback, &e->context, &e->cause, &e->value}) clear_ref(slot);
  Object* args = e->args;
  e->args = newref(tuple_empty());
  xdecref(args);
  return 0;
}

Object* exc_str(Object* self) {
  Object* args = as_exc(self)->args;
  ssize n = tuple_size(args);
  if (n == 0) return newref(str_empty());
  if (n == 1) return object_str(tuple_get(args, 0));
  return object_str(args);
}

// KeyError shows a lone key by its repr, so that KeyError('') is not an empty message.
static Object* keyerror_str(Object* self) {
  Object* args = as_exc(self)->args;
  if (tuple_size(args) == 1) return object_repr(tuple_get(args, 0));
  return exc_str(self);
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
  if (v != none() && !type_check(v, &traceback_type)) {
    set_error(&exc_TypeError, "__traceback__ must be a traceback or None");
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
// __suppress_context__ behaves as CPython's bool member: only True/False may be stored, and it cannot be deleted.
static Object* exc_get_suppress(Object* self, void*) { return newref(bool_obj(as_exc(self)->suppress_context)); }
static int exc_set_suppress(Object* self, Object* v, void*) {
  if (!v) {
    set_error(&exc_TypeError, "can't delete numeric/char attribute");
    return -1;
  }
  if (!type_check_exact(v, &bool_type)) {
    set_error(&exc_TypeError, "attribute value type must be bool");
    return -1;
  }
  as_exc(self)->suppress_context = char(v == bool_obj(true));
  return 0;
}
static Object* exc_get_dict(Object* self, void*) {
  if (!as_exc(self)->dict) {
    as_exc(self)->dict = dict_new();
    if (!as_exc(self)->dict) return nullptr;
  }
  return newref(as_exc(self)->dict);
}
static int exc_set_dict(Object* self, Object* v, void*) {
  if (!v) {
    set_error(&exc_TypeError, "cannot delete __dict__");
    return -1;
  }
  if (!type_check(v, &dict_type)) {
    set_errorf(&exc_TypeError, "__dict__ must be set to a dictionary, not a '{}'", type_name(v));
    return -1;
  }
  set_shared_slot(&as_exc(self)->dict, newref(v));  // attribute lookups read it without a lock (QSBR)
  return 0;
}

static PyGetSetDef exc_getset[] = {{"__dict__", exc_get_dict, exc_set_dict, nullptr, nullptr},
                                   {"args", exc_get_args, exc_set_args, nullptr, nullptr},
                                   {"__traceback__", exc_get_tb, exc_set_tb, nullptr, nullptr},
                                   {"__context__", exc_get_context, exc_set_context, nullptr, nullptr},
                                   {"__cause__", exc_get_cause, exc_set_cause, nullptr, nullptr},
                                   {"__suppress_context__", exc_get_suppress, exc_set_suppress, nullptr, nullptr},
                                   {nullptr, nullptr, nullptr, nullptr, nullptr}};

static Object* exc_with_traceback(Object* self, Object* tb) {
  if (exc_set_tb(self, tb, nullptr) < 0) return nullptr;
  return newref(self);
}
static Object* exc_add_note(Object* self, Object* note) {
  if (!type_check(note, &str_type)) return set_errorf(&exc_TypeError, "note must be a str, not '{}'", type_name(note));
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
// (type, args) or, once the instance has a __dict__, (type, args, __dict__), as pickle expects.
static Object* exc_reduce(Object* self, Object*) {
  Object* t = reinterpret_cast<Object*>(type_of(self));
  if (as_exc(self)->dict) return tuple_pack({t, as_exc(self)->args, as_exc(self)->dict});
  return tuple_pack({t, as_exc(self)->args});
}
static Object* exc_setstate(Object* self, Object* state) {
  if (state != none()) {
    if (!type_check(state, &dict_type)) return set_error(&exc_TypeError, "state is not a dictionary");
    ssize pos = 0;
    Object *k, *v;
    while (dict_next(state, &pos, &k, &v)) {
      ORef kr = steal(k), vr = steal(v);
      if (set_attr(self, k, v) < 0) return nullptr;
    }
  }
  return newref(none());
}
static PyMethodDef exc_methods[] = {{"__reduce__", exc_reduce, METH_NOARGS, nullptr},
                                    {"__setstate__", exc_setstate, METH_O, nullptr},
                                    {"with_traceback", exc_with_traceback, METH_O, nullptr},
                                    {"add_note", exc_add_note, METH_O, nullptr},
                                    {nullptr, nullptr, 0, nullptr}};

static PyMemberDef value_members[] = {{"value", 6 /* object */, offsetof(ExceptionObject, value), 0, nullptr},
                                      {nullptr, 0, 0, 0, nullptr}};
static PyMemberDef code_members[] = {{"code", 6, offsetof(ExceptionObject, value), 0, nullptr},
                                     {nullptr, 0, 0, 0, nullptr}};

static Type exc_;  // stands for "no base" in the table below; replaced by object at init

#define PYVM_DECLARE_EXC(name, base)                                  \
  Type exc_##name = {                                                 \
      .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),             \
      .tp_name = #name,                                               \
      .tp_basicsize = sizeof(ExceptionObject),                        \
      .tp_dealloc = exc_dealloc,                                      \
      .tp_repr = exc_repr,                                            \
      .tp_str = exc_str,                                              \
      .tp_getattro = generic_getattr,                                 \
      .tp_setattro = generic_setattr,                                 \
      .tp_flags = Py_TPFLAGS_BASETYPE | Py_TPFLAGS_BASE_EXC_SUBCLASS | \
                  Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited,               \
      .tp_traverse = exc_traverse,                                    \
      .tp_clear = exc_clear,                                          \
      .tp_base = &exc_##base,                                         \
      .tp_dictoffset = offsetof(ExceptionObject, dict),               \
      .tp_init = exc_init,                                            \
      .tp_new = exc_new,                                              \
  };
#include "objects/exceptions.def"
#undef PYVM_DECLARE_EXC

int init_exceptions() {
  exc_BaseException.tp_base = &object_type;
  // The methods and attributes live in BaseException's dict only; subclasses find them through the MRO, so
  // errors name BaseException ("BaseException.add_note() takes exactly one argument") as in CPython.
  exc_BaseException.tp_methods = exc_methods;
  exc_BaseException.tp_getset = exc_getset;
  exc_StopIteration.tp_members = value_members;
  exc_SystemExit.tp_members = code_members;
  exc_KeyError.tp_str = keyerror_str;
  exception_group_setup();
  exceptions_extra_setup();
  unicode_errors_setup();
#define PYVM_DECLARE_EXC(name, base) \
  if (type_ready(&exc_##name) < 0) return -1;
#include "objects/exceptions.def"
#undef PYVM_DECLARE_EXC
  return 0;
}

}  // namespace pyvm
