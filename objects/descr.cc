// Descriptor types and built-in callables: how C functions become methods, properties and bound callables.
#include "objects/descr.h"

#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/module.h"
#include "objects/slots.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "objects/weakref.h"

namespace pyvm {

extern SlotWrapper kWrapInit;
extern SlotWrapper kWrapCall;

// "len()" for module functions, "str.partition()" for methods, as CPython names callables in argument errors.
static std::string call_name(PyMethodDef* ml, Object* self, Type* defining_class) {
  if (defining_class) return std::string(defining_class->tp_name) + "." + ml->ml_name + "()";
  if (self && type_check(self, &module_type)) {
    // Module functions are qualified by their module, except the builtins ("len()", "sys.intern()").
    Object* mod = reinterpret_cast<ModuleObject*>(self)->md_name;
    if (mod && type_check(mod, &str_type) && str_view(mod) != "builtins")
      return std::string(str_view(mod)) + "." + ml->ml_name + "()";
    return std::string(ml->ml_name) + "()";
  }
  if (self) {
    if (type_check(self, &type_type)) return std::string(reinterpret_cast<Type*>(self)->tp_name) + "." + ml->ml_name + "()";
    return std::string(type_name(self)) + "." + ml->ml_name + "()";
  }
  return std::string(ml->ml_name) + "()";
}

Object* call_method_def(PyMethodDef* ml, Object* self, Object* const* args, ssize nargs, Object* kwnames,
                        Type* defining_class) {
  auto def_name = [&](PyMethodDef*) { return call_name(ml, self, defining_class); };
  int flags = ml->ml_flags & ~(METH_CLASS | METH_STATIC | METH_COEXIST);
  ssize nkw = kwnames ? tuple_size(kwnames) : 0;
  switch (flags) {
    case METH_NOARGS:
      if (nkw) return set_errorf(&exc_TypeError, "{} takes no keyword arguments", def_name(ml));
      if (nargs != 0) return set_errorf(&exc_TypeError, "{} takes no arguments ({} given)", def_name(ml), nargs);
      return ml->ml_meth(self, nullptr);
    case METH_O:
      if (nkw) return set_errorf(&exc_TypeError, "{} takes no keyword arguments", def_name(ml));
      if (nargs != 1)
        return set_errorf(&exc_TypeError, "{} takes exactly one argument ({} given)", def_name(ml), nargs);
      return ml->ml_meth(self, args[0]);
    case METH_FASTCALL:
      if (nkw) return set_errorf(&exc_TypeError, "{} takes no keyword arguments", def_name(ml));
      return reinterpret_cast<PyCFunctionFast>(reinterpret_cast<void*>(ml->ml_meth))(self, args, nargs);
    case METH_FASTCALL | METH_KEYWORDS:
      return reinterpret_cast<PyCFunctionFastWithKeywords>(reinterpret_cast<void*>(ml->ml_meth))(self, args, nargs,
                                                                                               kwnames);
    case METH_METHOD | METH_FASTCALL | METH_KEYWORDS:
      return reinterpret_cast<PyCMethod>(reinterpret_cast<void*>(ml->ml_meth))(self, defining_class, args,
                                                                               size_t(nargs), kwnames);
    case METH_VARARGS:
    case METH_VARARGS | METH_KEYWORDS: {
      if (nkw && !(flags & METH_KEYWORDS))
        return set_errorf(&exc_TypeError, "{} takes no keyword arguments", def_name(ml));
      ORef t = steal(tuple_from_array(args, nargs));
      if (!t) return nullptr;
      if (!(flags & METH_KEYWORDS)) return ml->ml_meth(self, t.get());
      ORef kw;
      if (nkw) {
        kw = steal(dict_new());
        if (!kw) return nullptr;
        for (ssize i = 0; i < nkw; i++)
          if (dict_set(kw.get(), tuple_get(kwnames, i), args[nargs + i]) < 0) return nullptr;
      }
      return reinterpret_cast<PyCFunctionWithKeywords>(reinterpret_cast<void*>(ml->ml_meth))(self, t.get(), kw.get());
    }
    default:
      return set_errorf(&exc_SystemError, "{}: bad call flags", def_name(ml));
  }
}

// ---- builtin_function_or_method ----

static Object* cfunction_vectorcall(Object* f, Object* const* args, size_t nargsf, Object* kwnames) {
  auto* c = reinterpret_cast<CFunctionObject*>(f);
  return call_method_def(c->m_ml, c->m_self, args, ssize(nargsf & ~PY_VECTORCALL_ARGUMENTS_OFFSET), kwnames);
}

Object* cfunction_new(PyMethodDef* ml, Object* self, Object* module) {
  auto* c = reinterpret_cast<CFunctionObject*>(new_object(&builtin_function_type, sizeof(CFunctionObject)));
  if (!c) return nullptr;
  c->m_ml = ml;
  c->m_self = xnewref(self);
  c->m_module = xnewref(module);
  c->vectorcall = cfunction_vectorcall;
  return reinterpret_cast<Object*>(c);
}

static void cfunction_dealloc(Object* o) {
  auto* c = reinterpret_cast<CFunctionObject*>(o);
  clear_weakrefs(o);
  xdecref(c->m_self);
  xdecref(c->m_module);
  object_free(o);
}

static Object* cfunction_repr(Object* o) {
  auto* c = reinterpret_cast<CFunctionObject*>(o);
  if (!c->m_self || type_check(c->m_self, &module_type))
    return str_from_utf8(fmt::format("<built-in function {}>", c->m_ml->ml_name));
  return str_from_utf8(fmt::format("<built-in method {} of {} object at {}>", c->m_ml->ml_name,
                                   type_name(c->m_self), static_cast<void*>(c->m_self)));
}

static Object* cfunction_get_name(Object* o, void*) {
  return str_from_utf8(reinterpret_cast<CFunctionObject*>(o)->m_ml->ml_name);
}
static Object* cfunction_get_self(Object* o, void*) {
  Object* s = reinterpret_cast<CFunctionObject*>(o)->m_self;
  return newref(s ? s : none());
}
static Object* cfunction_get_doc(Object* o, void*) {
  const char* d = reinterpret_cast<CFunctionObject*>(o)->m_ml->ml_doc;
  return d ? str_from_utf8(d) : newref(none());
}
static PyGetSetDef cfunction_getset[] = {
    {"__name__", cfunction_get_name, nullptr, nullptr, nullptr},
    {"__qualname__", cfunction_get_name, nullptr, nullptr, nullptr},
    {"__self__", cfunction_get_self, nullptr, nullptr, nullptr},
    {"__doc__", cfunction_get_doc, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};

static Object* vectorcall_tp_call(Object* self, Object* args, Object* kwds) { return call_tuple_dict(self, args, kwds); }

Type builtin_function_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "builtin_function_or_method",
    .tp_basicsize = sizeof(CFunctionObject),
    .tp_dealloc = cfunction_dealloc,
    .tp_vectorcall_offset = offsetof(CFunctionObject, vectorcall),
    .tp_repr = cfunction_repr,
    .tp_call = vectorcall_tp_call,
    .tp_flags = Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_weaklistoffset = offsetof(CFunctionObject, m_weakreflist),
    .tp_getset = cfunction_getset,
};

// ---- method_descriptor / classmethod_descriptor ----

static std::string descr_type_name(Object* d) { return reinterpret_cast<DescrObject*>(d)->d_type->tp_name; }
static std::string descr_name(Object* d) {
  return std::string(str_view(reinterpret_cast<DescrObject*>(d)->d_name));
}

static bool descr_check_self(Object* d, Object* self) {
  Type* t = reinterpret_cast<DescrObject*>(d)->d_type;
  if (!type_check(self, t)) {
    set_errorf(&exc_TypeError, "descriptor '{}' for '{}' objects doesn't apply to a '{}' object", descr_name(d),
               t->tp_name, type_name(self));
    return false;
  }
  return true;
}

static Object* method_descr_vectorcall(Object* d, Object* const* args, size_t nargsf, Object* kwnames) {
  ssize nargs = ssize(nargsf & ~PY_VECTORCALL_ARGUMENTS_OFFSET);
  auto* md = reinterpret_cast<MethodDescrObject*>(d);
  if (nargs < 1)
    return set_errorf(&exc_TypeError, "unbound method {}.{}() needs an argument", descr_type_name(d), descr_name(d));
  if (!descr_check_self(d, args[0])) return nullptr;
  return call_method_def(md->d_method, args[0], args + 1, nargs - 1, kwnames, md->base.d_type);
}

static Object* classmethod_descr_vectorcall(Object* d, Object* const* args, size_t nargsf, Object* kwnames) {
  ssize nargs = ssize(nargsf & ~PY_VECTORCALL_ARGUMENTS_OFFSET);
  auto* md = reinterpret_cast<MethodDescrObject*>(d);
  if (nargs < 1)
    return set_errorf(&exc_TypeError, "descriptor '{}' of '{}' object needs an argument", descr_name(d),
                      descr_type_name(d));
  return call_method_def(md->d_method, args[0], args + 1, nargs - 1, kwnames, md->base.d_type);
}

static void init_descr(DescrObject* d, Type* type, const char* name) {
  d->d_type = type;
  d->d_name = str_interned(name);
  d->d_qualname = nullptr;
}

Object* method_descr_new(Type* type, PyMethodDef* ml) {
  auto* d = reinterpret_cast<MethodDescrObject*>(new_object(&method_descr_type, sizeof(MethodDescrObject)));
  if (!d) return nullptr;
  init_descr(&d->base, type, ml->ml_name);
  d->d_method = ml;
  d->vectorcall = (ml->ml_flags & METH_CLASS) ? classmethod_descr_vectorcall : method_descr_vectorcall;
  return reinterpret_cast<Object*>(d);
}

static void descr_dealloc(Object* o) { object_free(o); }

static Object* method_descr_get(Object* d, Object* obj, Object*) {
  if (!obj) return newref(d);
  if (!descr_check_self(d, obj)) return nullptr;
  return cfunction_new(reinterpret_cast<MethodDescrObject*>(d)->d_method, obj, nullptr);
}

static Object* classmethod_descr_get(Object* d, Object* obj, Object* type) {
  if (!type) type = reinterpret_cast<Object*>(type_of(obj));
  return cfunction_new(reinterpret_cast<MethodDescrObject*>(d)->d_method, type, nullptr);
}

static Object* method_descr_repr(Object* d) {
  return str_from_utf8(fmt::format("<method '{}' of '{}' objects>", descr_name(d), descr_type_name(d)));
}
static Object* descr_get_name(Object* d, void*) { return newref(reinterpret_cast<DescrObject*>(d)->d_name); }
static Object* descr_get_objclass(Object* d, void*) {
  return newref(reinterpret_cast<Object*>(reinterpret_cast<DescrObject*>(d)->d_type));
}
static Object* descr_get_qualname(Object* d, void*) {
  return str_from_utf8(fmt::format("{}.{}", descr_type_name(d), descr_name(d)));
}
static Object* method_descr_get_doc(Object* d, void*) {
  const char* doc = reinterpret_cast<MethodDescrObject*>(d)->d_method->ml_doc;
  return doc ? str_from_utf8(doc) : newref(none());
}
static PyGetSetDef method_descr_getset[] = {
    {"__name__", descr_get_name, nullptr, nullptr, nullptr},
    {"__qualname__", descr_get_qualname, nullptr, nullptr, nullptr},
    {"__objclass__", descr_get_objclass, nullptr, nullptr, nullptr},
    {"__doc__", method_descr_get_doc, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};
static PyGetSetDef descr_getset[] = {
    {"__name__", descr_get_name, nullptr, nullptr, nullptr},
    {"__qualname__", descr_get_qualname, nullptr, nullptr, nullptr},
    {"__objclass__", descr_get_objclass, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};

Type method_descr_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "method_descriptor",
    .tp_basicsize = sizeof(MethodDescrObject),
    .tp_dealloc = descr_dealloc,
    .tp_vectorcall_offset = offsetof(MethodDescrObject, vectorcall),
    .tp_repr = method_descr_repr,
    .tp_call = vectorcall_tp_call,
    .tp_flags = Py_TPFLAGS_HAVE_VECTORCALL | Py_TPFLAGS_METHOD_DESCRIPTOR,
    .tp_getset = method_descr_getset,
    .tp_descr_get = method_descr_get,
};

Type classmethod_descr_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "classmethod_descriptor",
    .tp_basicsize = sizeof(MethodDescrObject),
    .tp_dealloc = descr_dealloc,
    .tp_vectorcall_offset = offsetof(MethodDescrObject, vectorcall),
    .tp_repr = method_descr_repr,
    .tp_call = vectorcall_tp_call,
    .tp_flags = Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_getset = method_descr_getset,
    .tp_descr_get = classmethod_descr_get,
};

// ---- getset_descriptor ----

Object* getset_descr_new(Type* type, PyGetSetDef* gs) {
  auto* d = reinterpret_cast<GetSetDescrObject*>(new_object(&getset_descr_type, sizeof(GetSetDescrObject)));
  if (!d) return nullptr;
  init_descr(&d->base, type, gs->name);
  d->d_getset = gs;
  return reinterpret_cast<Object*>(d);
}
static Object* getset_get(Object* d, Object* obj, Object*) {
  if (!obj) return newref(d);
  if (!descr_check_self(d, obj)) return nullptr;
  auto* g = reinterpret_cast<GetSetDescrObject*>(d)->d_getset;
  if (!g->get)
    return set_errorf(&exc_AttributeError, "attribute '{}' of '{}' objects is not readable", descr_name(d),
                      descr_type_name(d));
  return g->get(obj, g->closure);
}
static int getset_set(Object* d, Object* obj, Object* value) {
  if (!descr_check_self(d, obj)) return -1;
  auto* g = reinterpret_cast<GetSetDescrObject*>(d)->d_getset;
  if (!g->set) {
    set_errorf(&exc_AttributeError, "attribute '{}' of '{}' objects is not writable", descr_name(d),
               descr_type_name(d));
    return -1;
  }
  return g->set(obj, value, g->closure);
}
static Object* getset_repr(Object* d) {
  return str_from_utf8(fmt::format("<attribute '{}' of '{}' objects>", descr_name(d), descr_type_name(d)));
}
Type getset_descr_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "getset_descriptor",
    .tp_basicsize = sizeof(GetSetDescrObject),
    .tp_dealloc = descr_dealloc,
    .tp_repr = getset_repr,
    .tp_getset = descr_getset,
    .tp_descr_get = getset_get,
    .tp_descr_set = getset_set,
};

// ---- member_descriptor (T_OBJECT_EX-style object members and a few scalar kinds) ----

enum { kMemberInt = 1, kMemberObject = 6, kMemberObjectEx = 16, kMemberBool = 14, kMemberSsize = 19 };
enum { kMemberReadonly = 1 };

Object* member_descr_new(Type* type, PyMemberDef* m) {
  auto* d = reinterpret_cast<MemberDescrObject*>(new_object(&member_descr_type, sizeof(MemberDescrObject)));
  if (!d) return nullptr;
  init_descr(&d->base, type, m->name);
  d->d_member = m;
  return reinterpret_cast<Object*>(d);
}
Object* int_from_i64(int64_t v);
static Object* member_get(Object* d, Object* obj, Object*) {
  if (!obj) return newref(d);
  if (!descr_check_self(d, obj)) return nullptr;
  PyMemberDef* m = reinterpret_cast<MemberDescrObject*>(d)->d_member;
  char* addr = reinterpret_cast<char*>(obj) + m->offset;
  switch (m->type) {
    case kMemberObject: {
      Object* v = *reinterpret_cast<Object**>(addr);
      return newref(v ? v : none());
    }
    case kMemberObjectEx: {
      Object* v = *reinterpret_cast<Object**>(addr);
      if (!v)
        return set_errorf(&exc_AttributeError, "'{}' object has no attribute '{}'", type_name(obj), descr_name(d));
      return newref(v);
    }
    case kMemberInt:
      return int_from_i64(*reinterpret_cast<int*>(addr));
    case kMemberSsize:
      return int_from_i64(*reinterpret_cast<ssize*>(addr));
    case kMemberBool:
      return newref(bool_obj(*reinterpret_cast<char*>(addr)));
    default:
      return set_error(&exc_SystemError, "unsupported member type");
  }
}
static int member_set(Object* d, Object* obj, Object* value) {
  if (!descr_check_self(d, obj)) return -1;
  PyMemberDef* m = reinterpret_cast<MemberDescrObject*>(d)->d_member;
  if (m->flags & kMemberReadonly) {
    set_error(&exc_AttributeError, "readonly attribute");
    return -1;
  }
  char* addr = reinterpret_cast<char*>(obj) + m->offset;
  if (m->type == kMemberObject || m->type == kMemberObjectEx) {
    Object** slot = reinterpret_cast<Object**>(addr);
    if (!value && m->type == kMemberObjectEx && !*slot) {
      set_error_value(&exc_AttributeError, reinterpret_cast<DescrObject*>(d)->d_name);
      return -1;
    }
    set_slot(slot, xnewref(value));
    return 0;
  }
  set_error(&exc_SystemError, "unsupported member type for assignment");
  return -1;
}
static Object* member_repr(Object* d) {
  return str_from_utf8(fmt::format("<member '{}' of '{}' objects>", descr_name(d), descr_type_name(d)));
}
Type member_descr_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "member_descriptor",
    .tp_basicsize = sizeof(MemberDescrObject),
    .tp_dealloc = descr_dealloc,
    .tp_repr = member_repr,
    .tp_getset = descr_getset,
    .tp_descr_get = member_get,
    .tp_descr_set = member_set,
};

// ---- wrapper_descriptor and method-wrapper ----

Object* wrapper_descr_new(Type* type, const SlotDef* slot, void* wrapped) {
  auto* d = reinterpret_cast<WrapperDescrObject*>(new_object(&wrapper_descr_type, sizeof(WrapperDescrObject)));
  if (!d) return nullptr;
  init_descr(&d->base, type, slot->name);
  d->d_slot = slot;
  d->d_wrapped = wrapped;
  return reinterpret_cast<Object*>(d);
}

static Object* wrapper_call_bound(WrapperDescrObject* d, Object* self, Object* const* args, ssize nargs,
                                  Object* kwnames) {
  ssize nkw = kwnames ? tuple_size(kwnames) : 0;
  if (d->d_slot->wrapper == kWrapInit || d->d_slot->wrapper == kWrapCall) {
    ORef t = steal(tuple_from_array(args, nargs));
    if (!t) return nullptr;
    ORef kw;
    if (nkw) {
      kw = steal(dict_new());
      if (!kw) return nullptr;
      for (ssize i = 0; i < nkw; i++)
        if (dict_set(kw.get(), tuple_get(kwnames, i), args[nargs + i]) < 0) return nullptr;
    }
    if (d->d_slot->wrapper == kWrapInit) {
      if (reinterpret_cast<initproc>(d->d_wrapped)(self, t.get(), kw.get()) < 0) return nullptr;
      return newref(none());
    }
    return reinterpret_cast<ternaryfunc>(d->d_wrapped)(self, t.get(), kw.get());
  }
  if (nkw) return set_errorf(&exc_TypeError, "wrapper {}() takes no keyword arguments", d->d_slot->name);
  return d->d_slot->wrapper(self, args, nargs, d->d_wrapped);
}

static Object* wrapper_descr_call(Object* self, Object* args, Object* kwds) {
  auto* d = reinterpret_cast<WrapperDescrObject*>(self);
  ssize n = tuple_size(args);
  if (n < 1)
    return set_errorf(&exc_TypeError, "descriptor '{}' of '{}' object needs an argument", d->d_slot->name,
                      d->base.d_type->tp_name);
  Object* obj = tuple_get(args, 0);
  if (!descr_check_self(self, obj)) return nullptr;
  std::vector<Object*> a(tuple_items(args) + 1, tuple_items(args) + n);
  ORef kwnames;
  if (kwds && dict_size(kwds)) {
    ORef keys = steal(dict_keys_list(kwds));
    if (!keys) return nullptr;
    for (ssize i = 0; i < object_length(keys.get()); i++) {
      Object* k = sequence_get_index(keys.get(), i);
      Object* v = nullptr;
      if (dict_get(kwds, k, &v) > 0) {
        a.push_back(v);
        decref(v);
      }
      decref(k);
    }
    kwnames = steal(sequence_tuple(keys.get()));
  }
  return wrapper_call_bound(d, obj, a.data(), n - 1, kwnames.get());
}

static Object* wrapper_descr_get(Object* self, Object* obj, Object*) {
  if (!obj) return newref(self);
  if (!descr_check_self(self, obj)) return nullptr;
  auto* w = reinterpret_cast<MethodWrapperObject*>(new_object(&method_wrapper_type, sizeof(MethodWrapperObject)));
  if (!w) return nullptr;
  w->descr = reinterpret_cast<WrapperDescrObject*>(newref(self));
  w->self = newref(obj);
  return reinterpret_cast<Object*>(w);
}
static Object* wrapper_descr_repr(Object* d) {
  return str_from_utf8(fmt::format("<slot wrapper '{}' of '{}' objects>", descr_name(d), descr_type_name(d)));
}
Type wrapper_descr_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "wrapper_descriptor",
    .tp_basicsize = sizeof(WrapperDescrObject),
    .tp_dealloc = descr_dealloc,
    .tp_repr = wrapper_descr_repr,
    .tp_call = wrapper_descr_call,
    .tp_flags = Py_TPFLAGS_METHOD_DESCRIPTOR,
    .tp_getset = descr_getset,
    .tp_descr_get = wrapper_descr_get,
};

// Calls a wrapper descriptor with vectorcall arguments (self first): used by call() for speed.
Object* wrapper_descr_vcall(Object* d, Object* const* args, ssize nargs, Object* kwnames) {
  if (nargs < 1) return set_error(&exc_TypeError, "descriptor needs an argument");
  if (!descr_check_self(d, args[0])) return nullptr;
  return wrapper_call_bound(reinterpret_cast<WrapperDescrObject*>(d), args[0], args + 1, nargs - 1, kwnames);
}

static void method_wrapper_dealloc(Object* o) {
  auto* w = reinterpret_cast<MethodWrapperObject*>(o);
  decref(reinterpret_cast<Object*>(w->descr));
  decref(w->self);
  object_free(o);
}
static Object* method_wrapper_call(Object* self, Object* args, Object* kwds) {
  auto* w = reinterpret_cast<MethodWrapperObject*>(self);
  ORef kwnames;
  std::vector<Object*> a(tuple_items(args), tuple_items(args) + tuple_size(args));
  if (kwds && dict_size(kwds)) {
    ORef keys = steal(dict_keys_list(kwds));
    ORef vals = steal(dict_values_list(kwds));
    if (!keys || !vals) return nullptr;
    for (ssize i = 0; i < object_length(vals.get()); i++) {
      Object* v = sequence_get_index(vals.get(), i);
      a.push_back(v);
      decref(v);
    }
    kwnames = steal(sequence_tuple(keys.get()));
  }
  return wrapper_call_bound(w->descr, w->self, a.data(), tuple_size(args), kwnames.get());
}
static Object* method_wrapper_repr(Object* self) {
  auto* w = reinterpret_cast<MethodWrapperObject*>(self);
  return str_from_utf8(fmt::format("<method-wrapper '{}' of {} object at {}>", w->descr->d_slot->name,
                                   type_name(w->self), static_cast<void*>(w->self)));
}
Type method_wrapper_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "method-wrapper",
    .tp_basicsize = sizeof(MethodWrapperObject),
    .tp_dealloc = method_wrapper_dealloc,
    .tp_repr = method_wrapper_repr,
    .tp_call = method_wrapper_call,
};

// ---- staticmethod / classmethod ----

static Object* sm_alloc(Type* t, Object* callable) {
  auto* s = reinterpret_cast<StaticMethodObject*>(new_object(t, size_t(t->tp_basicsize)));
  if (!s) return nullptr;
  s->callable = xnewref(callable);
  return reinterpret_cast<Object*>(s);
}
Object* staticmethod_new(Object* callable) { return sm_alloc(&staticmethod_type, callable); }
Object* classmethod_new(Object* callable) { return sm_alloc(&classmethod_type, callable); }

static void sm_dealloc(Object* o) {
  auto* s = reinterpret_cast<StaticMethodObject*>(o);
  Type* t = type_of(o);
  xdecref(s->callable);
  xdecref(s->dict);
  object_free(o);
  dealloc_type_ref(t);
}
static int sm_init(Object* self, Object* args, Object* kwds) {
  if (tuple_size(args) != 1 || (kwds && dict_size(kwds))) {
    set_errorf(&exc_TypeError, "{} expected 1 argument, got {}", type_name(self), tuple_size(args));
    return -1;
  }
  set_slot(&reinterpret_cast<StaticMethodObject*>(self)->callable, newref(tuple_get(args, 0)));
  return 0;
}
static Object* sm_new(Type* t, Object*, Object*) { return sm_alloc(t, nullptr); }
static Object* sm_get(Object* self, Object*, Object*) {
  Object* c = reinterpret_cast<StaticMethodObject*>(self)->callable;
  if (!c) return set_error(&exc_RuntimeError, "uninitialized staticmethod object");
  return newref(c);
}
static Object* sm_call(Object* self, Object* args, Object* kwds) {
  return call_tuple_dict(reinterpret_cast<StaticMethodObject*>(self)->callable, args, kwds);
}
static Object* sm_get_func(Object* self, void*) {
  Object* c = reinterpret_cast<StaticMethodObject*>(self)->callable;
  return newref(c ? c : none());
}
static PyGetSetDef sm_getset[] = {{"__func__", sm_get_func, nullptr, nullptr, nullptr},
                                  {"__wrapped__", sm_get_func, nullptr, nullptr, nullptr},
                                  {nullptr, nullptr, nullptr, nullptr, nullptr}};

Object* method_new(Object* func, Object* self);  // vm/function.cc

static Object* cm_get(Object* self, Object* obj, Object* type) {
  Object* c = reinterpret_cast<StaticMethodObject*>(self)->callable;
  if (!c) return set_error(&exc_RuntimeError, "uninitialized classmethod object");
  if (!type) type = reinterpret_cast<Object*>(type_of(obj));
  return method_new(c, type);
}

Type staticmethod_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "staticmethod",
    .tp_basicsize = sizeof(StaticMethodObject),
    .tp_dealloc = sm_dealloc,
    .tp_call = sm_call,
    .tp_flags = Py_TPFLAGS_BASETYPE,
    .tp_getset = sm_getset,
    .tp_descr_get = sm_get,
    .tp_init = sm_init,
    .tp_new = sm_new,
};
Type classmethod_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "classmethod",
    .tp_basicsize = sizeof(StaticMethodObject),
    .tp_dealloc = sm_dealloc,
    .tp_flags = Py_TPFLAGS_BASETYPE,
    .tp_getset = sm_getset,
    .tp_descr_get = cm_get,
    .tp_init = sm_init,
    .tp_new = sm_new,
};

// ---- property ----

static void prop_dealloc(Object* o) {
  auto* p = reinterpret_cast<PropertyObject*>(o);
  Type* t = type_of(o);
  xdecref(p->fget);
  xdecref(p->fset);
  xdecref(p->fdel);
  xdecref(p->doc);
  xdecref(p->name);
  object_free(o);
  dealloc_type_ref(t);
}
static Object* prop_new(Type* t, Object*, Object*) { return new_object(t, size_t(t->tp_basicsize)); }
static int prop_init(Object* self, Object* args, Object* kwds) {
  Object* out[4] = {};
  std::vector<Object*> a(tuple_items(args), tuple_items(args) + tuple_size(args));
  ORef kwnames;
  if (kwds && dict_size(kwds)) {
    ORef keys = steal(dict_keys_list(kwds));
    ORef vals = steal(dict_values_list(kwds));
    if (!keys || !vals) return -1;
    for (ssize i = 0; i < object_length(vals.get()); i++) {
      Object* v = sequence_get_index(vals.get(), i);
      a.push_back(v);
      decref(v);
    }
    kwnames = steal(sequence_tuple(keys.get()));
  }
  if (!parse_args("property", a.data(), tuple_size(args), kwnames.get(), {"fget", "fset", "fdel", "doc"}, 0, out))
    return -1;
  auto* p = reinterpret_cast<PropertyObject*>(self);
  auto norm = [](Object* v) { return v == none() ? nullptr : xnewref(v); };
  set_slot(&p->fget, norm(out[0]));
  set_slot(&p->fset, norm(out[1]));
  set_slot(&p->fdel, norm(out[2]));
  if (out[3] && out[3] != none()) {
    set_slot(&p->doc, newref(out[3]));
  } else if (p->fget) {
    Object* d = nullptr;
    if (get_attr_optional(p->fget, strs::doc, &d) < 0) return -1;
    set_slot(&p->doc, d);
  }
  return 0;
}
static Object* prop_get(Object* self, Object* obj, Object*) {
  auto* p = reinterpret_cast<PropertyObject*>(self);
  if (!obj) return newref(self);
  if (!p->fget) {
    if (p->name)
      return set_errorf(&exc_AttributeError, "property '{}' of '{}' object has no getter", str_view(p->name),
                        type_name(obj));
    return set_error(&exc_AttributeError, "property has no getter");
  }
  return call1(p->fget, obj);
}
static int prop_set(Object* self, Object* obj, Object* value) {
  auto* p = reinterpret_cast<PropertyObject*>(self);
  Object* f = value ? p->fset : p->fdel;
  if (!f) {
    if (p->name)
      set_errorf(&exc_AttributeError, "property '{}' of '{}' object has no {}", str_view(p->name), type_name(obj),
                 value ? "setter" : "deleter");
    else
      set_errorf(&exc_AttributeError, "property has no {}", value ? "setter" : "deleter");
    return -1;
  }
  ORef r = steal(value ? call2(f, obj, value) : call1(f, obj));
  return r ? 0 : -1;
}
static Object* prop_copy(Object* self, Object* fget, Object* fset, Object* fdel) {
  auto* p = reinterpret_cast<PropertyObject*>(self);
  Type* t = type_of(self);
  ORef n = steal(new_object(t, size_t(t->tp_basicsize)));
  if (!n) return nullptr;
  auto* q = reinterpret_cast<PropertyObject*>(n.get());
  q->fget = xnewref(fget ? fget : p->fget);
  q->fset = xnewref(fset ? fset : p->fset);
  q->fdel = xnewref(fdel ? fdel : p->fdel);
  q->doc = xnewref(p->doc);
  q->name = xnewref(p->name);
  return n.release();
}
static Object* prop_getter(Object* self, Object* f) { return prop_copy(self, f, nullptr, nullptr); }
static Object* prop_setter(Object* self, Object* f) { return prop_copy(self, nullptr, f, nullptr); }
static Object* prop_deleter(Object* self, Object* f) { return prop_copy(self, nullptr, nullptr, f); }
static Object* prop_set_name(Object* self, Object* const* args, ssize nargs) {
  if (nargs != 2) return set_errorf(&exc_TypeError, "__set_name__() takes 2 positional arguments but {} were given", nargs);
  set_slot(&reinterpret_cast<PropertyObject*>(self)->name, newref(args[1]));
  return newref(none());
}
static PyMethodDef prop_methods[] = {
    {"getter", prop_getter, METH_O, nullptr},
    {"setter", prop_setter, METH_O, nullptr},
    {"deleter", prop_deleter, METH_O, nullptr},
    {"__set_name__", reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(prop_set_name)), METH_FASTCALL, nullptr},
    {nullptr, nullptr, 0, nullptr}};
static Object* prop_get_fget(Object* s, void*) {
  Object* v = reinterpret_cast<PropertyObject*>(s)->fget;
  return newref(v ? v : none());
}
static Object* prop_get_fset(Object* s, void*) {
  Object* v = reinterpret_cast<PropertyObject*>(s)->fset;
  return newref(v ? v : none());
}
static Object* prop_get_fdel(Object* s, void*) {
  Object* v = reinterpret_cast<PropertyObject*>(s)->fdel;
  return newref(v ? v : none());
}
static Object* prop_get_doc(Object* s, void*) {
  Object* v = reinterpret_cast<PropertyObject*>(s)->doc;
  return newref(v ? v : none());
}
static PyGetSetDef prop_getset[] = {{"fget", prop_get_fget, nullptr, nullptr, nullptr},
                                    {"fset", prop_get_fset, nullptr, nullptr, nullptr},
                                    {"fdel", prop_get_fdel, nullptr, nullptr, nullptr},
                                    {"__doc__", prop_get_doc, nullptr, nullptr, nullptr},
                                    {nullptr, nullptr, nullptr, nullptr, nullptr}};
Type property_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "property",
    .tp_basicsize = sizeof(PropertyObject),
    .tp_dealloc = prop_dealloc,
    .tp_flags = Py_TPFLAGS_BASETYPE,
    .tp_methods = prop_methods,
    .tp_getset = prop_getset,
    .tp_descr_get = prop_get,
    .tp_descr_set = prop_set,
    .tp_init = prop_init,
    .tp_new = prop_new,
};

// ---- super ----

static Type* super_obj_type(Type* type, Object* obj) {
  if (type_check(obj, &type_type) && is_subtype(reinterpret_cast<Type*>(obj), type)) return reinterpret_cast<Type*>(obj);
  if (is_subtype(type_of(obj), type)) return type_of(obj);
  set_error(&exc_TypeError, "super(type, obj): obj must be an instance or subtype of type");
  return nullptr;
}

static Object* super_find(Type* type, Type* start_type, Object* name) {
  Object* mro = start_type->tp_mro;
  if (!mro) return nullptr;
  ssize n = tuple_size(mro), i = 0;
  for (; i < n; i++)
    if (tuple_get(mro, i) == reinterpret_cast<Object*>(type)) break;
  for (i++; i < n; i++) {
    Type* t = reinterpret_cast<Type*>(tuple_get(mro, i));
    Object* v = nullptr;
    int r = dict_get(t->tp_dict, name, &v);
    if (r < 0) return nullptr;
    if (r > 0) return v;
  }
  return nullptr;
}

Object* super_lookup(Type* type, Object* obj, Object* name, bool want_method, bool* unbound) {
  *unbound = false;
  Type* st = super_obj_type(type, obj);
  if (!st) return nullptr;
  ORef v = steal(super_find(type, st, name));
  if (!v) {
    if (error_occurred()) return nullptr;
    return set_errorf(&exc_AttributeError, "'super' object has no attribute '{}'", str_view(name));
  }
  if (want_method && type_of(v.get()) == &function_type) {
    *unbound = true;
    return v.release();
  }
  descrgetfunc g = type_of(v.get())->tp_descr_get;
  if (!g) return v.release();
  return g(v.get(), obj == reinterpret_cast<Object*>(st) ? nullptr : obj, reinterpret_cast<Object*>(st));
}

static void super_dealloc(Object* o) {
  auto* s = reinterpret_cast<SuperObject*>(o);
  Type* t = type_of(o);
  xdecref(reinterpret_cast<Object*>(s->type));
  xdecref(s->obj);
  xdecref(reinterpret_cast<Object*>(s->obj_type));
  object_free(o);
  dealloc_type_ref(t);
}
static Object* super_new(Type* t, Object*, Object*) { return new_object(t, size_t(t->tp_basicsize)); }

// Zero-argument super() is resolved by the interpreter (it knows the frame); it registers this hook.
int (*g_super_zero_args)(Type** type, Object** obj) = nullptr;

static int super_init(Object* self, Object* args, Object* kwds) {
  if (kwds && dict_size(kwds)) {
    set_error(&exc_TypeError, "super() takes no keyword arguments");
    return -1;
  }
  ssize n = tuple_size(args);
  Type* type = nullptr;
  Object* obj = nullptr;
  if (n == 0) {
    if (!g_super_zero_args || g_super_zero_args(&type, &obj) < 0) return -1;
  } else {
    Object* t = tuple_get(args, 0);
    if (!type_check(t, &type_type)) {
      set_errorf(&exc_TypeError, "super() argument 1 must be a type, not {}", type_name(t));
      return -1;
    }
    type = reinterpret_cast<Type*>(t);
    obj = n > 1 ? tuple_get(args, 1) : nullptr;
    if (obj == none()) obj = nullptr;
  }
  Type* ot = nullptr;
  if (obj) {
    ot = super_obj_type(type, obj);
    if (!ot) return -1;
  }
  auto* s = reinterpret_cast<SuperObject*>(self);
  set_slot(reinterpret_cast<Object**>(&s->type), newref(reinterpret_cast<Object*>(type)));
  set_slot(&s->obj, xnewref(obj));
  set_slot(reinterpret_cast<Object**>(&s->obj_type), xnewref(reinterpret_cast<Object*>(ot)));
  return 0;
}
static Object* super_getattro(Object* self, Object* name) {
  auto* s = reinterpret_cast<SuperObject*>(self);
  if (s->obj_type && !(type_check(name, &str_type) && str_view(name) == "__class__")) {
    ORef v = steal(super_find(s->type, s->obj_type, name));
    if (v) {
      descrgetfunc g = type_of(v.get())->tp_descr_get;
      if (!g) return v.release();
      return g(v.get(), s->obj == reinterpret_cast<Object*>(s->obj_type) ? nullptr : s->obj,
               reinterpret_cast<Object*>(s->obj_type));
    }
    if (error_occurred()) return nullptr;
  }
  return generic_getattr(self, name);
}
static Object* super_repr(Object* self) {
  auto* s = reinterpret_cast<SuperObject*>(self);
  if (s->obj_type)
    return str_from_utf8(fmt::format("<super: <class '{}'>, <{} object>>", s->type ? s->type->tp_name : "NULL",
                                     s->obj_type->tp_name));
  return str_from_utf8(fmt::format("<super: <class '{}'>, NULL>", s->type ? s->type->tp_name : "NULL"));
}
Type super_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "super",
    .tp_basicsize = sizeof(SuperObject),
    .tp_dealloc = super_dealloc,
    .tp_repr = super_repr,
    .tp_getattro = super_getattro,
    .tp_flags = Py_TPFLAGS_BASETYPE,
    .tp_init = super_init,
    .tp_new = super_new,
};

}  // namespace pyvm
