// Descriptor types and built-in callables: how C functions become methods, attributes and bound callables.
#include "objects/descr.h"

#include <cstring>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/float.h"
#include "objects/module.h"
#include "objects/slots.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/type.h"
#include "objects/types.h"
#include "objects/weakref.h"

namespace pyvm {

extern SlotWrapper kWrapInit;
extern SlotWrapper kWrapCall;

// "len()" for builtins, "sys.intern()" for other modules' functions, "str.partition()" for methods, as CPython
// names callables in argument errors.
// The callable's name in argument-count messages, as CPython's function string: "len()", "sys.intern()",
// "list.append()" (the type's qualified name: "SimpleQueue.qsize()", not "_queue.SimpleQueue.qsize()").
static std::string call_name(PyMethodDef* ml, Object* self, Type* defining_class) {
  if (defining_class) return type_qualname(defining_class) + "." + ml->ml_name + "()";
  if (self && type_check(self, &module_type)) {
    // Module functions are qualified by their module, except the builtins ("len()", "sys.intern()").
    Object* mod = reinterpret_cast<ModuleObject*>(self)->md_name;
    if (mod && type_check(mod, &str_type) && str_view(mod) != "builtins")
      return std::string(str_view(mod)) + "." + ml->ml_name + "()";
    return std::string(ml->ml_name) + "()";
  }
  if (self) {
    Type* t = type_check(self, &type_type) ? reinterpret_cast<Type*>(self) : type_of(self);
    return type_qualname(t) + "." + ml->ml_name + "()";
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

Object* cfunction_vectorcall(Object* f, Object* const* args, size_t nargsf, Object* kwnames) {
  auto* c = reinterpret_cast<CFunctionObject*>(f);
  return call_method_def(c->m_ml, c->m_self, args, ssize(nargsf & ~PY_VECTORCALL_ARGUMENTS_OFFSET), kwnames,
                         c->mm_class);
}

static CFunctionObject* cfunction_alloc(Type* type, PyMethodDef* ml, Object* self, Object* module) {
  auto* c = reinterpret_cast<CFunctionObject*>(new_object(type, sizeof(CFunctionObject)));
  if (!c) return nullptr;
  c->m_ml = ml;
  c->m_self = xnewref(self);
  c->m_module = xnewref(module);
  c->vectorcall = cfunction_vectorcall;
  return c;
}

Object* cfunction_new(PyMethodDef* ml, Object* self, Object* module) {
  return reinterpret_cast<Object*>(cfunction_alloc(&builtin_function_type, ml, self, module));
}

Object* cmethod_new(PyMethodDef* ml, Object* self, Object* module, Type* cls) {
  if (!cls) return cfunction_new(ml, self, module);
  CFunctionObject* c = cfunction_alloc(&builtin_method_type, ml, self, module);
  if (c) c->mm_class = reinterpret_cast<Type*>(newref(reinterpret_cast<Object*>(cls)));
  return reinterpret_cast<Object*>(c);
}

static void cfunction_dealloc(Object* o) {
  auto* c = reinterpret_cast<CFunctionObject*>(o);
  clear_weakrefs(o);
  xdecref(c->m_self);
  xdecref(c->m_module);
  xdecref(reinterpret_cast<Object*>(c->mm_class));
  object_free(o);
}

// Collector support: m_self, m_module and mm_class are strong (any may be null). A module's functions hold the
// module, which holds them through its dict: the cycle every module is in.
static int cfunction_traverse(Object* o, visitproc visit, void* arg) {
  auto* c = reinterpret_cast<CFunctionObject*>(o);
  for (Object* v : {c->m_self, c->m_module, reinterpret_cast<Object*>(c->mm_class)})
    if (v)
      if (int r = visit(v, arg)) return r;
  return 0;
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
// len.__qualname__ is 'len'; a method's is its owner type's qualname + '.' + name ('list.append', 'dict.fromkeys').
// A static method of a built-in type has no self; its owner is kept in mm_class (type.cc), as CPython keeps it in
// m_self behind METH_STATIC.
static Object* static_owner(CFunctionObject* c) {
  return (c->m_ml->ml_flags & METH_STATIC) && !(c->m_ml->ml_flags & METH_METHOD)
             ? reinterpret_cast<Object*>(c->mm_class)
             : nullptr;
}
static Object* cfunction_get_qualname(Object* o, void*) {
  auto* c = reinterpret_cast<CFunctionObject*>(o);
  Object* owner = c->m_self ? c->m_self : static_owner(c);
  if (!owner || type_check(owner, &module_type)) return str_from_utf8(c->m_ml->ml_name);
  Object* type = type_check(owner, &type_type) ? owner : reinterpret_cast<Object*>(type_of(owner));
  ORef q = steal(get_attr(type, strs::qualname));
  if (!q) return nullptr;
  if (!type_check(q.get(), &str_type))
    return set_error(&exc_TypeError, "<method>.__class__.__qualname__ is not a unicode object");
  return str_from_utf8(fmt::format("{}.{}", str_view(q.get()), c->m_ml->ml_name));
}
// Builtin docstrings may start with a signature line: "name(sig)\n--\n\nbody" (the "internal doc" convention of
// CPython's builtins). Returns the position of "(" and of the body when `doc` has that form for `name`.
static bool split_internal_doc(const char* name, const char* doc, const char** sig, const char** body) {
  if (!doc) return false;
  if (const char* dot = std::strrchr(name, '.')) name = dot + 1;
  size_t n = std::strlen(name);
  if (std::strncmp(doc, name, n) != 0 || doc[n] != '(') return false;
  static constexpr char kEnd[] = ")\n--\n\n";
  for (const char* p = doc + n; *p; p++) {
    if (std::strncmp(p, kEnd, sizeof kEnd - 1) == 0) {
      *sig = doc + n;
      *body = p + sizeof kEnd - 1;
      return true;
    }
    if (p[0] == '\n' && p[1] == '\n') return false;
  }
  return false;
}
// __doc__ of a builtin: the body after the signature line; None when there is no doc or the body is empty.
Object* internal_doc_body(const char* name, const char* doc) {
  const char* sig;
  const char* body = doc;
  if (doc && split_internal_doc(name, doc, &sig, &body) && !*body) return newref(none());
  return body ? str_from_utf8(body) : newref(none());
}
// __text_signature__ of a builtin: "(sig)" from its internal doc, or None.
Object* internal_doc_signature(const char* name, const char* doc) {
  const char* sig;
  const char* body;
  if (!split_internal_doc(name, doc, &sig, &body)) return newref(none());
  return str_from_utf8(std::string_view(sig, size_t(body - sig) - 5));
}
static Object* cfunction_get_self(Object* o, void*) {
  Object* s = reinterpret_cast<CFunctionObject*>(o)->m_self;
  return newref(s ? s : none());
}
static Object* cfunction_get_doc(Object* o, void*) {
  PyMethodDef* ml = reinterpret_cast<CFunctionObject*>(o)->m_ml;
  return internal_doc_body(ml->ml_name, ml->ml_doc);
}
static Object* cfunction_get_text_signature(Object* o, void*) {
  PyMethodDef* ml = reinterpret_cast<CFunctionObject*>(o)->m_ml;
  return internal_doc_signature(ml->ml_name, ml->ml_doc);
}
static Object* cfunction_get_module(Object* o, void*) {
  Object* m = reinterpret_cast<CFunctionObject*>(o)->m_module;
  return newref(m ? m : none());
}
static int cfunction_set_module(Object* o, Object* v, void*) {
  set_slot(&reinterpret_cast<CFunctionObject*>(o)->m_module, xnewref(v));
  return 0;
}
static PyGetSetDef cfunction_getset[] = {{"__name__", cfunction_get_name, nullptr, nullptr, nullptr},
                                         {"__qualname__", cfunction_get_qualname, nullptr, nullptr, nullptr},
                                         {"__module__", cfunction_get_module, cfunction_set_module, nullptr, nullptr},
                                         {"__self__", cfunction_get_self, nullptr, nullptr, nullptr},
                                         {"__doc__", cfunction_get_doc, nullptr, nullptr, nullptr},
                                         {"__text_signature__", cfunction_get_text_signature, nullptr, nullptr,
                                          nullptr},
                                         {nullptr, nullptr, nullptr, nullptr, nullptr}};

// Pickling, as CPython's meth_reduce: a module-level function is saved by name (pickle finds it again through
// __module__ and __qualname__), a bound method as getattr(self, name).
static Object* cfunction_reduce(Object* o, Object*) {
  auto* c = reinterpret_cast<CFunctionObject*>(o);
  Object* owner = c->m_self ? c->m_self : static_owner(c);
  if (!owner || type_check(owner, &module_type)) return str_from_utf8(c->m_ml->ml_name);
  ORef getattr = steal(builtin_object("getattr"));
  if (!getattr) return nullptr;
  ORef name = steal(str_from_utf8(c->m_ml->ml_name));
  if (!name) return nullptr;
  ORef args = steal(tuple_pack({owner, name.get()}));
  if (!args) return nullptr;
  return tuple_pack({getattr.get(), args.get()});
}
static PyMethodDef cfunction_methods[] = {{"__reduce__", cfunction_reduce, METH_NOARGS, nullptr},
                                          {nullptr, nullptr, 0, nullptr}};

// (getattr, (owner, name)): how CPython pickles descriptors (owner = the defining class) and method-wrappers
// (owner = the bound object).
static Object* reduce_as_getattr(Object* owner, Object* name) {
  ORef getattr = steal(builtin_object("getattr"));
  if (!getattr) return nullptr;
  ORef args = steal(tuple_pack({owner, name}));
  if (!args) return nullptr;
  return tuple_pack({getattr.get(), args.get()});
}
static Object* descr_reduce(Object* d, Object*) {
  auto* descr = reinterpret_cast<DescrObject*>(d);
  return reduce_as_getattr(reinterpret_cast<Object*>(descr->d_type), descr->d_name);
}
static PyMethodDef descr_methods[] = {{"__reduce__", descr_reduce, METH_NOARGS, nullptr},
                                      {nullptr, nullptr, 0, nullptr}};

static Object* vectorcall_tp_call(Object* self, Object* args, Object* kwds) { return call_tuple_dict(self, args, kwds); }

Type builtin_function_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "builtin_function_or_method",
    .tp_basicsize = sizeof(CFunctionObject),
    .tp_dealloc = cfunction_dealloc,
    .tp_vectorcall_offset = offsetof(CFunctionObject, vectorcall),
    .tp_repr = cfunction_repr,
    .tp_call = vectorcall_tp_call,
    .tp_flags = Py_TPFLAGS_HAVE_VECTORCALL | Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited,
    .tp_traverse = cfunction_traverse,
    .tp_weaklistoffset = offsetof(CFunctionObject, m_weakreflist),
    .tp_methods = cfunction_methods,
    .tp_getset = cfunction_getset,
};

// A function that receives its defining class (METH_METHOD): CPython's PyCMethod_Type, a subclass that inherits
// everything and only tells these objects apart (PyCMethod_Check). The interpreter's CALL fast path tests for
// builtin_function_type exactly, so calls of these take the generic route: call() finds the inherited vectorcall,
// cfunction_vectorcall, which passes mm_class on.
Type builtin_method_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "builtin_method",
    .tp_basicsize = sizeof(CFunctionObject),
    .tp_flags = Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited,
    .tp_traverse = cfunction_traverse,
    .tp_base = &builtin_function_type,
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

Object* method_descr_vectorcall(Object* d, Object* const* args, size_t nargsf, Object* kwnames) {
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
  PyMethodDef* ml = reinterpret_cast<MethodDescrObject*>(d)->d_method;
  if (ml->ml_flags & METH_METHOD) return cmethod_new(ml, obj, nullptr, reinterpret_cast<DescrObject*>(d)->d_type);
  return cfunction_new(ml, obj, nullptr);
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
  PyMethodDef* ml = reinterpret_cast<MethodDescrObject*>(d)->d_method;
  return internal_doc_body(ml->ml_name, ml->ml_doc);
}
static Object* method_descr_get_text_signature(Object* d, void*) {
  PyMethodDef* ml = reinterpret_cast<MethodDescrObject*>(d)->d_method;
  return internal_doc_signature(ml->ml_name, ml->ml_doc);
}
static PyGetSetDef method_descr_getset[] = {
    {"__name__", descr_get_name, nullptr, nullptr, nullptr},
    {"__qualname__", descr_get_qualname, nullptr, nullptr, nullptr},
    {"__objclass__", descr_get_objclass, nullptr, nullptr, nullptr},
    {"__doc__", method_descr_get_doc, nullptr, nullptr, nullptr},
    {"__text_signature__", method_descr_get_text_signature, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};
static PyGetSetDef descr_getset[] = {
    {"__name__", descr_get_name, nullptr, nullptr, nullptr},
    {"__qualname__", descr_get_qualname, nullptr, nullptr, nullptr},
    {"__objclass__", descr_get_objclass, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};
static Object* doc_or_none(const char* doc) { return doc ? str_from_utf8(doc) : newref(none()); }
static Object* getset_descr_get_doc(Object* d, void*) {
  return doc_or_none(reinterpret_cast<GetSetDescrObject*>(d)->d_getset->doc);
}
static Object* member_descr_get_doc(Object* d, void*) {
  return doc_or_none(reinterpret_cast<MemberDescrObject*>(d)->d_member->doc);
}
static PyGetSetDef getset_descr_getset[] = {{"__name__", descr_get_name, nullptr, nullptr, nullptr},
                                            {"__qualname__", descr_get_qualname, nullptr, nullptr, nullptr},
                                            {"__objclass__", descr_get_objclass, nullptr, nullptr, nullptr},
                                            {"__doc__", getset_descr_get_doc, nullptr, nullptr, nullptr},
                                            {nullptr, nullptr, nullptr, nullptr, nullptr}};
static PyGetSetDef member_descr_getset[] = {{"__name__", descr_get_name, nullptr, nullptr, nullptr},
                                            {"__qualname__", descr_get_qualname, nullptr, nullptr, nullptr},
                                            {"__objclass__", descr_get_objclass, nullptr, nullptr, nullptr},
                                            {"__doc__", member_descr_get_doc, nullptr, nullptr, nullptr},
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
    .tp_methods = descr_methods,
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
    // no __reduce__: CPython cannot pickle classmethod descriptors either
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
    .tp_getset = getset_descr_getset,  // no __reduce__: CPython cannot pickle getset descriptors either
    .tp_descr_get = getset_get,
    .tp_descr_set = getset_set,
};

// ---- member_descriptor (the field access itself is member.cc's) ----


Object* member_descr_new(Type* type, PyMemberDef* m) {
  auto* d = reinterpret_cast<MemberDescrObject*>(new_object(&member_descr_type, sizeof(MemberDescrObject)));
  if (!d) return nullptr;
  init_descr(&d->base, type, m->name);
  d->d_member = m;
  return reinterpret_cast<Object*>(d);
}
static Object* member_get(Object* d, Object* obj, Object*) {
  if (!obj) return newref(d);
  if (!descr_check_self(d, obj)) return nullptr;
  return member_get_one(reinterpret_cast<const char*>(obj), reinterpret_cast<MemberDescrObject*>(d)->d_member);
}
static int member_set(Object* d, Object* obj, Object* value) {
  if (!descr_check_self(d, obj)) return -1;
  return member_set_one(reinterpret_cast<char*>(obj), reinterpret_cast<MemberDescrObject*>(d)->d_member, value);
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
    .tp_methods = descr_methods,
    .tp_getset = member_descr_getset,
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
static Object* wrapper_descr_get_doc(Object* d, void*) {
  const SlotDef* sd = reinterpret_cast<WrapperDescrObject*>(d)->d_slot;
  return internal_doc_body(sd->name, sd->doc);
}
static Object* wrapper_descr_get_text_signature(Object* d, void*) {
  const SlotDef* sd = reinterpret_cast<WrapperDescrObject*>(d)->d_slot;
  return internal_doc_signature(sd->name, sd->doc);
}
static PyGetSetDef wrapper_descr_getset[] = {
    {"__name__", descr_get_name, nullptr, nullptr, nullptr},
    {"__qualname__", descr_get_qualname, nullptr, nullptr, nullptr},
    {"__objclass__", descr_get_objclass, nullptr, nullptr, nullptr},
    {"__doc__", wrapper_descr_get_doc, nullptr, nullptr, nullptr},
    {"__text_signature__", wrapper_descr_get_text_signature, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};
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
    .tp_methods = descr_methods,
    .tp_getset = wrapper_descr_getset,
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
static int method_wrapper_traverse(Object* o, visitproc visit, void* arg) {  // both fields strong, never null
  auto* w = reinterpret_cast<MethodWrapperObject*>(o);
  if (int r = visit(reinterpret_cast<Object*>(w->descr), arg)) return r;
  return visit(w->self, arg);
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
static Object* method_wrapper_reduce(Object* self, Object*) {
  auto* w = reinterpret_cast<MethodWrapperObject*>(self);
  return reduce_as_getattr(w->self, w->descr->base.d_name);
}
static Object* method_wrapper_get_doc(Object* o, void*) {
  const SlotDef* sd = reinterpret_cast<MethodWrapperObject*>(o)->descr->d_slot;
  return internal_doc_body(sd->name, sd->doc);
}
static Object* method_wrapper_get_text_signature(Object* o, void*) {
  const SlotDef* sd = reinterpret_cast<MethodWrapperObject*>(o)->descr->d_slot;
  return internal_doc_signature(sd->name, sd->doc);
}
static Object* method_wrapper_get_self(Object* o, void*) {
  return newref(reinterpret_cast<MethodWrapperObject*>(o)->self);
}
static Object* method_wrapper_get_name(Object* o, void*) {
  return newref(reinterpret_cast<MethodWrapperObject*>(o)->descr->base.d_name);
}
static Object* method_wrapper_get_qualname(Object* o, void*) {
  return descr_get_qualname(reinterpret_cast<Object*>(reinterpret_cast<MethodWrapperObject*>(o)->descr), nullptr);
}
static Object* method_wrapper_get_objclass(Object* o, void*) {
  return descr_get_objclass(reinterpret_cast<Object*>(reinterpret_cast<MethodWrapperObject*>(o)->descr), nullptr);
}
static PyGetSetDef method_wrapper_getset[] = {
    {"__self__", method_wrapper_get_self, nullptr, nullptr, nullptr},
    {"__name__", method_wrapper_get_name, nullptr, nullptr, nullptr},
    {"__qualname__", method_wrapper_get_qualname, nullptr, nullptr, nullptr},
    {"__objclass__", method_wrapper_get_objclass, nullptr, nullptr, nullptr},
    {"__doc__", method_wrapper_get_doc, nullptr, nullptr, nullptr},
    {"__text_signature__", method_wrapper_get_text_signature, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};
static PyMethodDef method_wrapper_methods[] = {{"__reduce__", method_wrapper_reduce, METH_NOARGS, nullptr},
                                               {nullptr, nullptr, 0, nullptr}};
Type method_wrapper_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "method-wrapper",
    .tp_basicsize = sizeof(MethodWrapperObject),
    .tp_dealloc = method_wrapper_dealloc,
    .tp_repr = method_wrapper_repr,
    .tp_call = method_wrapper_call,
    .tp_flags = Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited,
    .tp_traverse = method_wrapper_traverse,
    .tp_methods = method_wrapper_methods,
    .tp_getset = method_wrapper_getset,
};

}  // namespace pyvm
