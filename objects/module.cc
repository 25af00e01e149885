// The module type.
#include "objects/module.h"

#include "objects/deferred.h"

#include "objects/abstract.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/str.h"
#include "objects/strings.h"
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

static Object* module_repr(Object* o) {
  auto* m = reinterpret_cast<ModuleObject*>(o);
  Object* file = nullptr;
  std::string name = m->md_name ? std::string(str_view(m->md_name)) : "?";
  if (dict_get(m->md_dict, strs::file, &file) > 0) {
    ORef fr = steal(file);
    if (type_check(file, &str_type)) return str_from_utf8(fmt::format("<module '{}' from '{}'>", name, str_view(file)));
  }
  if (name == "builtins" || name == "sys") return str_from_utf8(fmt::format("<module '{}' (built-in)>", name));
  return str_from_utf8(fmt::format("<module '{}'>", name));
}

static Object* module_getattro(Object* o, Object* name) {
  Object* r = generic_getattr(o, name);
  if (r || error_occurred()) return r;
  auto* m = reinterpret_cast<ModuleObject*>(o);
  Object* ga = nullptr;
  if (dict_get(m->md_dict, strs::getattr, &ga) > 0) {
    ORef g = steal(ga);
    return call1(ga, name);
  }
  std::string mname = m->md_name ? std::string(str_view(m->md_name)) : "?";
  return set_errorf(&exc_AttributeError, "module '{}' has no attribute '{}'", mname, str_view(name));
}

static Object* module_get_dict(Object* o, void*) { return newref(module_dict(o)); }
static PyGetSetDef module_getset[] = {{"__dict__", module_get_dict, nullptr, nullptr, nullptr},
                                      {nullptr, nullptr, nullptr, nullptr, nullptr}};

// module.__dir__: __dict__['__dir__']() when the module defines one, else the names in its __dict__.
static Object* module_dir(Object* o, Object*) {
  Object* d = module_dict(o);
  Object* f = nullptr;
  int r = dict_get_str(d, "__dir__", &f);
  if (r < 0) return nullptr;
  if (r > 0) {
    ORef fr = steal(f);
    return call0(f);
  }
  return dict_keys_list(d);
}
static PyMethodDef module_methods[] = {{"__dir__", module_dir, METH_NOARGS, nullptr},
                                       {nullptr, nullptr, 0, nullptr}};

static Object* module_tp_new(Type* t, Object*, Object*) {
  auto* m = reinterpret_cast<ModuleObject*>(new_object(t, size_t(t->tp_basicsize)));
  if (!m) return nullptr;
  m->md_dict = dict_new();
  return reinterpret_cast<Object*>(m);
}
static int module_init(Object* self, Object* args, Object*) {
  if (object_length(args) < 1) {
    set_error(&exc_TypeError, "module() missing required argument 'name' (pos 1)");
    return -1;
  }
  Object* name = reinterpret_cast<PyTupleObject*>(args)->ob_item[0];
  auto* m = reinterpret_cast<ModuleObject*>(self);
  set_slot(&m->md_name, newref(name));
  if (dict_set(m->md_dict, strs::name, name) < 0 || dict_set(m->md_dict, strs::doc, none()) < 0) return -1;
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
    .tp_traverse = module_traverse,
    .tp_weaklistoffset = offsetof(ModuleObject, md_weaklist),
    .tp_methods = module_methods,
    .tp_getset = module_getset,
    .tp_dictoffset = offsetof(ModuleObject, md_dict),
    .tp_init = module_init,
    .tp_new = module_tp_new,
};

}  // namespace pyvm
