// The _pickle module: its state, the exception classes, PickleBuffer and the module's creation. The Pickler lives in
// pickle_pickler.cc and the Unpickler in pickle_unpickler.cc.
//
// Thread-safety contract (for the whole module):
// - The module state (g_state) is filled once, under the static initialiser of create_pickle_module, and is
//   read-only afterwards; the dicts it points to are copyreg's and _compat_pickle's, and every access to them is
//   one dict operation under the dict's own critical section.
// - A Pickler or Unpickler is meant to be used by one thread at a time. Its C++ state (output buffer, memo, stack)
//   is guarded by a per-object owner word (see UseGuard in pickle_pickler.cc / pickle_unpickler.cc): dump(),
//   load(), clear_memo() and the memo proxies take it, a second thread that tries meanwhile gets RuntimeError
//   instead of corrupting the object, and re-entry from the owning thread (a persistent_id or __reduce__ that
//   calls back into the same pickler) is allowed, as in CPython. Object-valued attributes (dispatch_table, memo)
//   are read and written under the object's critical section.
// - A PickleBuffer holds one buffer export for its lifetime; release() takes the object's critical section, and a
//   released PickleBuffer refuses further use with ValueError.
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/buffer.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/memoryview.h"
#include "objects/list.h"
#include "objects/module.h"
#include "objects/methods.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "objects/weakref.h"
#include "vm/function.h"
#include "vm/import.h"
#include "vm/modules/modules.h"
#include "vm/modules/pickle_internal.h"
#include "vm/sync/mutex.h"

namespace pyvm::pickle {

State g_state;

// ---- Helpers shared by the pickler and the unpickler ----

int lookup_override(Object* self, const char* name, PyCFunction dflt, Object** out) {
  *out = nullptr;
  Object* v = nullptr;
  ORef key = steal(str_from_utf8(name));
  if (!key || get_attr_optional(self, key.get(), &v) < 0) return -1;
  if (!v) return 0;
  if (dflt && type_check_exact(v, &builtin_function_type)) {
    auto* f = reinterpret_cast<CFunctionObject*>(v);
    if (f->m_self == self && f->m_ml && f->m_ml->ml_meth == dflt) {
      decref(v);
      return 0;
    }
  }
  *out = v;
  return 0;
}

Object* get_dotted_attribute(Object* obj, Object* name, Object** parent) {
  if (!type_check(name, &str_type))
    return set_errorf(&exc_TypeError, "attribute name must be string, not '{}'", type_name(name));
  ORef dot = steal(str_from_utf8("."));
  if (!dot) return nullptr;
  ORef parts = steal(call_method1(name, str_interned("split"), dot.get()));
  if (!parts) return nullptr;
  ORef cur = borrow(obj);
  ORef par;
  ssize n = list_size(parts.get());
  for (ssize i = 0; i < n; i++) {
    Object* part = list_items(parts.get())[i];
    if (str_view(part) == "<locals>") {
      ORef r = steal(object_repr(obj));
      ORef nr = steal(object_repr(name));
      if (!r || !nr) return nullptr;
      return set_errorf(&exc_AttributeError, "Can't get local attribute {} on {}", str_view(nr.get()),
                        str_view(r.get()));
    }
    Object* next = nullptr;
    if (get_attr_optional(cur.get(), part, &next) < 0) {
      if (!error_matches(&exc_AttributeError)) return nullptr;
      error_clear();
    }
    if (!next) {
      ORef r = steal(object_repr(obj));
      ORef nr = steal(object_repr(name));
      if (!r || !nr) return nullptr;
      return set_errorf(&exc_AttributeError, "Can't get attribute {} on {}", str_view(nr.get()), str_view(r.get()));
    }
    par = std::move(cur);
    cur = steal(next);
  }
  if (parent) *parent = par.release();
  return cur.release();
}

bool parse_tuple_dict(const char* fname, Object* args, Object* kwargs, std::initializer_list<const char*> names,
                      int required, Object** out, int max_positional) {
  ssize npos = args ? tuple_size(args) : 0;
  ssize nkw = kwargs ? dict_size(kwargs) : 0;
  if (nkw == 0) return parse_args(fname, args ? tuple_items(args) : nullptr, npos, nullptr, names, required, out,
                                  max_positional);
  std::vector<Object*> flat(size_t(npos + nkw));
  for (ssize i = 0; i < npos; i++) flat[size_t(i)] = tuple_items(args)[i];
  ORef kwnames = steal(tuple_new(nkw));
  if (!kwnames) return false;
  std::vector<ORef> held;
  ssize pos = 0, j = 0;
  Object *k, *v;
  while (dict_next(kwargs, &pos, &k, &v)) {
    tuple_set(kwnames.get(), j, k);  // dict_next returned new references: the tuple takes the key
    held.push_back(steal(v));
    flat[size_t(npos + j)] = v;
    j++;
  }
  return parse_args(fname, flat.data(), npos, kwnames.get(), names, required, out, max_positional);
}

// ---- PickleBuffer ----

namespace {

struct PickleBufferObject {
  PyObject ob_base;
  Py_buffer view;  // view.obj is null once released
  Object* weakreflist;
};

PickleBufferObject* PB(Object* o) { return reinterpret_cast<PickleBufferObject*>(o); }

std::nullptr_t released_error() {
  return set_error(&exc_ValueError, "operation forbidden on released PickleBuffer object");
}

Object* picklebuffer_new(Type* type, Object* args, Object* kwargs) {
  Object* obj = nullptr;
  if (!parse_tuple_dict("PickleBuffer", args, kwargs, {"/buffer"}, 1, &obj)) return nullptr;
  ORef self = steal(new_object(type, size_t(type->tp_basicsize)));
  if (!self) return nullptr;
  if (get_buffer(obj, &PB(self.get())->view, PyBUF_FULL_RO) < 0) {
    PB(self.get())->view.obj = nullptr;
    return nullptr;
  }
  return self.release();
}

// Exports the wrapped buffer again (the exporter's own getbuffer with the caller's flags).
int picklebuffer_getbuf(Object* self, Py_buffer* view, int flags) {
  Object* exporter;
  {
    sync::CriticalSection cs(self);
    exporter = xnewref(PB(self)->view.obj);
  }
  if (!exporter) {
    released_error();
    return -1;
  }
  ORef hold = steal(exporter);
  return get_buffer(exporter, view, flags);
}

void picklebuffer_releasebuf(Object*, Py_buffer*) {}

// The getbuffer that raw() exports through: the wrapped buffer seen as contiguous unsigned bytes.
int raw_getbuf(Object* self, Py_buffer* view, int) {
  Object* exporter;
  {
    sync::CriticalSection cs(self);
    exporter = xnewref(PB(self)->view.obj);
  }
  if (!exporter) {
    released_error();
    return -1;
  }
  ORef hold = steal(exporter);
  if (get_buffer(exporter, view, PyBUF_FULL_RO) < 0) return -1;
  if (!buffer_is_contiguous(view, 'A')) {
    release_buffer(view);
    set_error(&exc_BufferError, "cannot extract raw buffer from non-contiguous buffer");
    return -1;
  }
  view->format = const_cast<char*>("B");
  view->itemsize = 1;
  view->ndim = 1;
  view->shape = &view->len;  // the view lives inside the memoryview's managed buffer, so this stays valid
  view->strides = &view->itemsize;
  view->suboffsets = nullptr;
  return 0;
}

Object* picklebuffer_raw(Object* self, Object*) {
  {
    sync::CriticalSection cs(self);
    if (!PB(self)->view.obj) return released_error();
  }
  return memoryview_from_buffer_proc(self, PyBUF_FULL_RO, raw_getbuf);
}

Object* picklebuffer_release(Object* self, Object*) {
  Py_buffer view;
  {
    sync::CriticalSection cs(self);
    view = PB(self)->view;
    PB(self)->view.obj = nullptr;
  }
  release_buffer(&view);  // outside the section: the exporter's release may run Python code
  return newref(none());
}

int picklebuffer_traverse(Object* self, visitproc visit, void* arg) {
  if (PB(self)->view.obj)
    if (int rc = visit(PB(self)->view.obj, arg)) return rc;
  return 0;
}

int picklebuffer_clear(Object* self) {
  Py_buffer view = PB(self)->view;
  PB(self)->view.obj = nullptr;
  release_buffer(&view);
  return 0;
}

void picklebuffer_dealloc(Object* self) {
  Type* t = type_of(self);
  if (PB(self)->weakreflist) clear_weakrefs(self);
  picklebuffer_clear(self);
  object_free(self);
  dealloc_type_ref(t);
}

PyMethodDef picklebuffer_methods[] = {
    {"raw", picklebuffer_raw, METH_NOARGS,
     "raw($self, /)\n--\n\nReturn a memoryview of the raw memory underlying this buffer.\nWill raise BufferError if "
     "the buffer isn't contiguous."},
    {"release", picklebuffer_release, METH_NOARGS,
     "release($self, /)\n--\n\nRelease the underlying buffer exposed by the PickleBuffer object."},
    {nullptr, nullptr, 0, nullptr},
};

PyBufferProcs picklebuffer_as_buffer = {.bf_getbuffer = picklebuffer_getbuf,
                                        .bf_releasebuffer = picklebuffer_releasebuf};

}  // namespace

const Py_buffer* picklebuffer_view(Object* pb) {
  if (!PB(pb)->view.obj) return released_error();
  return &PB(pb)->view;
}

Type picklebuffer_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "pickle.PickleBuffer",
    .tp_basicsize = sizeof(PickleBufferObject),
    .tp_dealloc = picklebuffer_dealloc,
    .tp_getattro = generic_getattr,
    .tp_as_buffer = &picklebuffer_as_buffer,
    // traverse: the exporter of the held buffer, once
    .tp_flags = Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited,
    .tp_doc = "Wrapper for potentially out-of-band buffers",
    .tp_traverse = picklebuffer_traverse,
    .tp_clear = picklebuffer_clear,
    .tp_weaklistoffset = offsetof(PickleBufferObject, weakreflist),
    .tp_methods = picklebuffer_methods,
    .tp_new = picklebuffer_new,
    .tp_free = object_free,
};

// ---- Module creation ----

namespace {

// An attribute of module `mod` that must be a dict (RuntimeError as CPython otherwise): a new reference.
Object* dict_attr(Object* mod, const char* modname, const char* name) {
  ORef v = steal(get_attr_str(mod, name));
  if (!v) return nullptr;
  if (!type_check_exact(v.get(), &dict_type))
    return set_errorf(&exc_RuntimeError, "{}.{} should be a dict, not {}", modname, name, type_name(v.get()));
  return v.release();
}

Object* module_attr(const char* modname, const char* name) {
  ORef m = steal(import_module(modname));
  if (!m) return nullptr;
  // import_module returns the top-level package; the names used here are all top-level modules.
  return get_attr_str(m.get(), name);
}

int init_state() {
  State& s = g_state;
  s.pickle_error = new_exception_class("_pickle.PickleError", reinterpret_cast<Object*>(&exc_Exception), nullptr);
  if (!s.pickle_error) return -1;
  s.pickling_error = new_exception_class("_pickle.PicklingError", s.pickle_error, nullptr);
  if (!s.pickling_error) return -1;
  s.unpickling_error = new_exception_class("_pickle.UnpicklingError", s.pickle_error, nullptr);
  if (!s.unpickling_error) return -1;
  s.getattr = builtin_object("getattr");
  if (!s.getattr) return -1;
  ORef copyreg = steal(import_module("copyreg"));
  if (!copyreg) return -1;
  if (!(s.dispatch_table = dict_attr(copyreg.get(), "copyreg", "dispatch_table")) ||
      !(s.extension_registry = dict_attr(copyreg.get(), "copyreg", "_extension_registry")) ||
      !(s.inverted_registry = dict_attr(copyreg.get(), "copyreg", "_inverted_registry")) ||
      !(s.extension_cache = dict_attr(copyreg.get(), "copyreg", "_extension_cache")))
    return -1;
  ORef compat = steal(import_module("_compat_pickle"));
  if (!compat) return -1;
  if (!(s.name_mapping_2to3 = dict_attr(compat.get(), "_compat_pickle", "NAME_MAPPING")) ||
      !(s.import_mapping_2to3 = dict_attr(compat.get(), "_compat_pickle", "IMPORT_MAPPING")) ||
      !(s.name_mapping_3to2 = dict_attr(compat.get(), "_compat_pickle", "REVERSE_NAME_MAPPING")) ||
      !(s.import_mapping_3to2 = dict_attr(compat.get(), "_compat_pickle", "REVERSE_IMPORT_MAPPING")))
    return -1;
  s.codecs_encode = module_attr("codecs", "encode");
  if (!s.codecs_encode) return -1;
  if (!is_callable(s.codecs_encode)) {
    set_errorf(&exc_RuntimeError, "codecs.encode should be a callable, not {}", type_name(s.codecs_encode));
    return -1;
  }
  s.partial = module_attr("functools", "partial");
  if (!s.partial) return -1;
  s.escape_decode = module_attr("codecs", "escape_decode");
  if (!s.escape_decode) return -1;
  if (type_ready(&picklebuffer_type) < 0 || type_ready(&pickler_type) < 0 ||
      type_ready(&pickler_memoproxy_type) < 0 || type_ready(&unpickler_type) < 0 ||
      type_ready(&unpickler_memoproxy_type) < 0)
    return -1;
  return 0;
}

PyMethodDef pickle_functions[] = {
    {"dump", as_cfunc(module_dump), METH_FASTCALL | METH_KEYWORDS,
     "dump($module, /, obj, file, protocol=None, *, fix_imports=True,\n     buffer_callback=None)\n--\n\nWrite a "
     "pickled representation of obj to the open file object file.\n\nThe same as Pickler(file, protocol, "
     "fix_imports=fix_imports,\nbuffer_callback=buffer_callback).dump(obj)."},
    {"dumps", as_cfunc(module_dumps), METH_FASTCALL | METH_KEYWORDS,
     "dumps($module, /, obj, protocol=None, *, fix_imports=True,\n      buffer_callback=None)\n--\n\nReturn the "
     "pickled representation of the object as a bytes object,\ninstead of writing it to a file."},
    {"load", as_cfunc(module_load), METH_FASTCALL | METH_KEYWORDS,
     "load($module, /, file, *, fix_imports=True, encoding='ASCII',\n     errors='strict', buffers=())\n--\n\nRead "
     "and return an object from the pickle data stored in a file.\n\nThe same as Unpickler(file, ...).load()."},
    {"loads", as_cfunc(module_loads), METH_FASTCALL | METH_KEYWORDS,
     "loads($module, data, /, *, fix_imports=True, encoding='ASCII',\n      errors='strict', buffers=())\n--\n\n"
     "Read and return an object from the given pickle data."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace
}  // namespace pyvm::pickle

namespace pyvm {

Object* create_pickle_module() {
  using namespace pickle;
  static const int ready = init_state();
  if (ready < 0) {
    if (!error_occurred()) set_error(&exc_SystemError, "_pickle: initialisation failed");
    return nullptr;
  }
  ORef m = steal(module_new(str_interned("_pickle")));
  if (!m || module_add_functions(m.get(), pickle_functions) < 0) return nullptr;
  Object* d = module_dict(m.get());
  ORef doc = steal(str_from_utf8("Optimized C implementation for the Python pickle module."));
  if (!doc || dict_set_str(d, "__doc__", doc.get()) < 0) return nullptr;
  if (dict_set_str(d, "PickleError", g_state.pickle_error) < 0 ||
      dict_set_str(d, "PicklingError", g_state.pickling_error) < 0 ||
      dict_set_str(d, "UnpicklingError", g_state.unpickling_error) < 0 ||
      dict_set_str(d, "PickleBuffer", reinterpret_cast<Object*>(&picklebuffer_type)) < 0 ||
      dict_set_str(d, "Pickler", reinterpret_cast<Object*>(&pickler_type)) < 0 ||
      dict_set_str(d, "Unpickler", reinterpret_cast<Object*>(&unpickler_type)) < 0)
    return nullptr;
  return m.release();
}

}  // namespace pyvm
