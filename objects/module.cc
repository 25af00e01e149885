// The module type.
#include "objects/module.h"

#include "objects/deferred.h"

#include "objects/abstract.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "objects/weakref.h"

namespace pyvm {

Object* module_new(Object* name) {
  auto* m = reinterpret_cast<ModuleObject*>(new_object(&module_type, sizeof(ModuleObject)));
  if (!m) return nullptr;
  maybe_immortalize_new(reinterpret_cast<Object*>(m));  // a module made after threads started (objects/deferred.h)
  ORef mr = steal(reinterpret_cast<Object*>(m));
  m->md_dict = dict_new();
  if (!m->md_dict) return nullptr;
  m->md_name = newref(name);
  if (dict_set(m->md_dict, strs::name, name) < 0 || dict_set(m->md_dict, strs::doc, none()) < 0 ||
      dict_set(m->md_dict, strs::package, none()) < 0 || dict_set(m->md_dict, strs::loader, none()) < 0 ||
      dict_set(m->md_dict, strs::spec, none()) < 0)
    return nullptr;
  return mr.release();
}

int module_add_functions(Object* m, PyMethodDef* defs) {
  for (PyMethodDef* d = defs; d->ml_name; d++) {
    ORef f = steal(cfunction_new(d, m, reinterpret_cast<ModuleObject*>(m)->md_name));
    if (!f || dict_set_str(module_dict(m), d->ml_name, f.get()) < 0) return -1;
  }
  return 0;
}

ModuleFreeHook module_free_hook = nullptr;

static void module_dealloc(Object* o) {
  auto* m = reinterpret_cast<ModuleObject*>(o);
  clear_weakrefs(o);
  if ((m->md_def || m->md_state || m->md_gil) && module_free_hook) module_free_hook(o);
  Type* t = type_of(o);
  xdecref(m->md_dict);
  xdecref(m->md_name);
  object_free(o);
  dealloc_type_ref(t);
}

// md_dict and md_name are strong. An extension module's state (md_state) is not visited: what it holds stays
// alive, as references from outside. No tp_clear: the module's dict may be read until the module is freed, and a
// cycle through it is broken by the dict's own clear.
static int module_traverse(Object* o, visitproc visit, void* arg) {
  auto* m = reinterpret_cast<ModuleObject*>(o);
  for (Object* v : {m->md_dict, m->md_name})
    if (v)
      if (int r = visit(v, arg)) return r;
  return 0;
}

Object* (*module_repr_hook)(Object* m) = nullptr;

// The module's __name__ from its dict when that is a str, else null; never raises.
static ORef dict_name(Object* d) {
  Object* n = nullptr;
  if (!d || dict_get(d, strs::name, &n) <= 0) {
    error_clear();
    return ORef();
  }
  ORef nr = steal(n);
  return type_check(n, &str_type) ? std::move(nr) : ORef();
}

// The repr before importlib is loaded: importlib's catch-all form (no module has a spec yet). sys and builtins,
// which exist before importlib, say that they are built in.
static Object* module_repr_plain(Object* o) {
  ORef name;
  if (Object* n = nullptr; get_attr_optional(o, strs::name, &n) < 0) {
    return nullptr;
  } else {
    name = n ? steal(n) : steal(str_from_utf8("?"));
  }
  if (!name) return nullptr;
  ORef name_repr = steal(object_repr(name.get()));
  if (!name_repr) return nullptr;
  Object* file = nullptr;
  if (get_attr_optional(o, strs::file, &file) < 0) return nullptr;
  if (file) {
    ORef fr = steal(file);
    ORef file_repr = steal(object_repr(file));
    if (!file_repr) return nullptr;
    return str_from_utf8(fmt::format("<module {} from {}>", str_view(name_repr.get()), str_view(file_repr.get())));
  }
  std::string_view n = type_check(name.get(), &str_type) ? str_view(name.get()) : "";
  if (n == "builtins" || n == "sys") return str_from_utf8(fmt::format("<module '{}' (built-in)>", n));
  Object* loader = nullptr;
  if (get_attr_optional(o, strs::loader, &loader) < 0) return nullptr;
  ORef lr = steal(loader);
  if (!loader || loader == none()) return str_from_utf8(fmt::format("<module {}>", str_view(name_repr.get())));
  ORef loader_repr = steal(object_repr(loader));
  if (!loader_repr) return nullptr;
  return str_from_utf8(fmt::format("<module {} ({})>", str_view(name_repr.get()), str_view(loader_repr.get())));
}

// As CPython's: the repr is importlib's _module_repr (spec, loader, file, name), once importlib is loaded.
static Object* module_repr(Object* o) {
  if (auto hook = __atomic_load_n(&module_repr_hook, __ATOMIC_ACQUIRE)) return hook(o);
  return module_repr_plain(o);
}

// Whether the spec's attribute is true; any error counts as false (the caller raises its own AttributeError).
static bool spec_flag(Object* spec, Object* attr_name) {
  Object* v = nullptr;
  if (get_attr_optional(spec, attr_name, &v) <= 0) {
    error_clear();
    return false;
  }
  ORef vr = steal(v);
  int t = object_is_true(v);
  if (t < 0) error_clear();
  return t > 0;
}
// Whether `name` is among the spec's _uninitialized_submodules (importlib's circular-import bookkeeping).
static bool spec_uninitialized_submodule(Object* spec, Object* name) {
  Object* v = nullptr;
  if (get_attr_optional(spec, str_interned("_uninitialized_submodules"), &v) <= 0) {
    error_clear();
    return false;
  }
  ORef vr = steal(v);
  int c = sequence_contains(v, name);
  if (c < 0) error_clear();
  return c > 0;
}
// An attribute that neither the type nor the dict has: the module's __getattr__ (PEP 562), else an AttributeError
// that names the module (from its __dict__'s __name__) and says when the cause is likely a circular import.
static Object* module_getattr_missing(Object* o, Object* name) {
  Object* d = module_dict(o);
  Object* ga = nullptr;
  if (d && dict_get(d, strs::getattr, &ga) != 0) {
    if (!ga) return nullptr;
    ORef g = steal(ga);
    return call1(ga, name);
  }
  ORef mn = dict_name(d);
  if (!mn) return set_errorf(&exc_AttributeError, "module has no attribute '{}'", str_view(name));
  Object* mname = mn.get();
  Object* spec = nullptr;
  if (dict_get(d, strs::spec, &spec) < 0) return nullptr;
  ORef sr = steal(spec);
  if (spec && spec_flag(spec, str_interned("_initializing")))
    return set_errorf(&exc_AttributeError,
                      "partially initialized module '{}' has no attribute '{}' (most likely due to a circular import)",
                      str_view(mname), str_view(name));
  if (spec && spec_uninitialized_submodule(spec, name))
    return set_errorf(&exc_AttributeError,
                      "cannot access submodule '{}' of module '{}' (most likely due to a circular import)",
                      str_view(name), str_view(mname));
  return set_errorf(&exc_AttributeError, "module '{}' has no attribute '{}'", str_view(mname), str_view(name));
}

static Object* module_getattro(Object* o, Object* name) {
  Object* r = generic_getattr(o, name);
  if (r || error_occurred()) return r;
  return module_getattr_missing(o, name);
}

static Object* module_get_dict(Object* o, void*) { return newref(module_dict(o)); }

// The module's __dict__ as its attribute (a subclass may override it), which must be a dict; null with a TypeError
// otherwise.
static ORef module_attr_dict(Object* o) {
  ORef d = steal(get_attr(o, strs::dict));
  if (d && !type_check(d.get(), &dict_type)) {
    set_error(&exc_TypeError, "<module>.__dict__ is not a dictionary");
    return ORef();
  }
  return d;
}

// __annotations__ lives in the module's dict and is created empty on first read.
static Object* module_get_annotations(Object* o, void*) {
  ORef d = module_attr_dict(o);
  if (!d) return nullptr;
  Object* ann = nullptr;
  if (int r = dict_get(d.get(), strs::annotations, &ann); r != 0) return r < 0 ? nullptr : ann;
  ORef fresh = steal(dict_new());
  if (!fresh || dict_setdefault(d.get(), strs::annotations, fresh.get(), &ann) < 0) return nullptr;
  return ann;
}
static int module_set_annotations(Object* o, Object* value, void*) {
  ORef d = module_attr_dict(o);
  if (!d) return -1;
  if (value) return dict_set(d.get(), strs::annotations, value);
  if (dict_del(d.get(), strs::annotations) == 0) return 0;
  if (error_matches(&exc_KeyError)) set_error(&exc_AttributeError, "__annotations__");
  return -1;
}
static PyGetSetDef module_getset[] = {
    {"__dict__", module_get_dict, nullptr, nullptr, nullptr},
    {"__annotations__", module_get_annotations, module_set_annotations, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};

// module.__dir__: __dict__['__dir__']() when the module defines one, else the names in its __dict__.
static Object* module_dir(Object* o, Object*) {
  ORef d = module_attr_dict(o);
  if (!d) return nullptr;
  Object* f = nullptr;
  int r = dict_get_str(d.get(), "__dir__", &f);
  if (r < 0) return nullptr;
  if (r > 0) {
    ORef fr = steal(f);
    return call0(f);
  }
  return dict_keys_list(d.get());
}
static PyMethodDef module_methods[] = {{"__dir__", module_dir, METH_NOARGS, nullptr},
                                       {nullptr, nullptr, 0, nullptr}};

// module.__new__ gives an uninitialised module: an empty dict and no name (its repr says '?').
static Object* module_tp_new(Type* t, Object*, Object*) {
  auto* m = reinterpret_cast<ModuleObject*>(new_object(t, size_t(t->tp_basicsize)));
  if (!m) return nullptr;
  ORef mr = steal(reinterpret_cast<Object*>(m));
  m->md_dict = dict_new();
  if (!m->md_dict) return nullptr;
  return mr.release();
}

// module(name, doc=None): (re)sets the five attributes every module has; the dict and its other entries stay.
static int module_init(Object* self, Object* args, Object* kwds) {
  ssize n = tuple_size(args);
  if (n > 2) {
    set_errorf(&exc_TypeError, "module() takes at most 2 arguments ({} given)", n);
    return -1;
  }
  Object* name = n > 0 ? tuple_items(args)[0] : nullptr;
  Object* doc = n > 1 ? tuple_items(args)[1] : nullptr;
  if (kwds) {
    ssize pos = 0;
    Object *k = nullptr, *v = nullptr;
    while (dict_next(kwds, &pos, &k, &v)) {
      std::string_view key = type_check(k, &str_type) ? str_view(k) : "";
      Object** slot = key == "name" ? &name : key == "doc" ? &doc : nullptr;
      int index = key == "name" ? 1 : 2;
      if (!slot) {
        set_errorf(&exc_TypeError, "module() got an unexpected keyword argument '{}'", key);
        return -1;
      }
      if (*slot) {
        set_errorf(&exc_TypeError, "argument for module() given by name ('{}') and position ({})", key, index);
        return -1;
      }
      *slot = v;
    }
  }
  if (!name) {
    set_error(&exc_TypeError, "module() missing required argument 'name' (pos 1)");
    return -1;
  }
  if (!type_check(name, &str_type)) {
    set_errorf(&exc_TypeError, "module() argument 'name' must be str, not {}", type_of(name)->tp_name);
    return -1;
  }
  auto* m = reinterpret_cast<ModuleObject*>(self);
  Object* d = m->md_dict;
  if (dict_set(d, strs::name, name) < 0 || dict_set(d, strs::doc, doc ? doc : none()) < 0 ||
      dict_set(d, strs::package, none()) < 0 || dict_set(d, strs::loader, none()) < 0 ||
      dict_set(d, strs::spec, none()) < 0)
    return -1;
  set_slot(&m->md_name, newref(name));
  return 0;
}

Type module_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "module",
    .tp_basicsize = sizeof(ModuleObject),
    .tp_dealloc = module_dealloc,
    .tp_repr = module_repr,
    .tp_getattro = module_getattro,
    .tp_setattro = generic_setattr,
    .tp_flags = Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited,
    .tp_doc = "module(name, doc=None)\n--\n\nA module object: a namespace named `name`, with the optional docstring `doc`.",
    .tp_traverse = module_traverse,
    .tp_weaklistoffset = offsetof(ModuleObject, md_weaklist),
    .tp_methods = module_methods,
    .tp_getset = module_getset,
    .tp_dictoffset = offsetof(ModuleObject, md_dict),
    .tp_init = module_init,
    .tp_new = module_tp_new,
};

}  // namespace pyvm
