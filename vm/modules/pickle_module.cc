// The _pickle module: its state, the exception classes, PickleBuffer, the Pickler and Unpickler types with their
// memo proxies, and the module functions. The engines that write and read pickles are pickle_pickler.cc (Saver)
// and pickle_unpickler.cc (Loader).
//
// Thread-safety contract (for the whole module):
// - The module state (g_state) is filled once, under the static initialiser of create_pickle_module, and is
//   read-only afterwards; the dicts it points to are copyreg's and _compat_pickle's, and every access to them is
//   one dict operation under the dict's own critical section.
// - A Pickler or Unpickler is meant to be used by one thread at a time, but sharing one cannot crash: its C++ state
//   (output buffer, memo, stack, input window) is reached only under a UseGuard (pickle_internal.h), which holds
//   the object's critical section for the whole dump(), load(), clear_memo() or memo proxy operation, so threads
//   take turns. Because a critical section is released while its thread blocks in I/O (a file's write() or
//   read()), the guard also keeps an owner word: a thread that slips in meanwhile gets RuntimeError ("Pickler is
//   being used by another thread") rather than corrupting the object. Re-entry from the owning thread (a
//   persistent_id or __reduce__ that calls back into the same pickler) is allowed, as in CPython. Object-valued
//   attributes (dispatch_table) are read and written under the critical section, and no pointer into the output
//   buffer, the memo or the input window is held across a call into Python code.
// - A PickleBuffer holds one buffer export for its lifetime; release() takes the object's critical section, and a
//   released PickleBuffer refuses further use with ValueError.
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/buffer.h"
#include "objects/bytes.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/memoryview.h"
#include "objects/methods.h"
#include "objects/module.h"
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
  if (nkw == 0)
    return parse_args(fname, args ? tuple_items(args) : nullptr, npos, nullptr, names, required, out, max_positional);
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
  if (type_ready(&picklebuffer_type) < 0 || type_ready(&pickler_type) < 0 || type_ready(&pickler_memoproxy_type) < 0 ||
      type_ready(&unpickler_type) < 0 || type_ready(&unpickler_memoproxy_type) < 0)
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

// ---- Shared machinery of the pickler and unpickler objects ----

namespace pyvm::pickle {

UseGuard::UseGuard(Object* obj, uintptr_t* owner, int* depth, const char* what)
    : cs_(obj), owner_(owner), depth_(depth) {
  uintptr_t me = alloc::thread_id();
  if (__atomic_load_n(owner, __ATOMIC_ACQUIRE) == me) {
    ++*depth;
    ok_ = true;
    return;
  }
  uintptr_t expected = 0;
  if (__atomic_compare_exchange_n(owner, &expected, me, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
    *depth = 1;
    ok_ = true;
    return;
  }
  set_errorf(&exc_RuntimeError, "{} is being used by another thread", what);
}

void MemoTable::set(Object* key, ssize value) {
  if (size_t(used_ + 1) * 3 >= table_.size() * 2) grow();
  for (size_t i = slot(key);; i = (i + 1) & mask_) {
    Entry& e = table_[i];
    if (e.key == key) {
      e.value = value;
      return;
    }
    if (!e.key) {
      e.key = newref(key);
      e.value = value;
      used_++;
      return;
    }
  }
}

void MemoTable::grow() {
  std::vector<Entry> old;
  old.swap(table_);
  // Quadrupling while small halves the rehashes of a growing memo; large memos double (as CPython's table).
  size_t n = old.empty() ? 64 : old.size() * (used_ > 50000 ? 2 : 4);
  table_.assign(n, Entry{nullptr, 0});
  mask_ = n - 1;
  shift_ = 64 - __builtin_ctzll(n);
  for (const Entry& e : old) {
    if (!e.key) continue;
    size_t i = slot(e.key);
    while (table_[i].key) i = (i + 1) & mask_;
    table_[i] = e;
  }
}

void MemoTable::clear() {
  std::vector<Entry> old;
  old.swap(table_);
  mask_ = 0;
  shift_ = 64;
  used_ = 0;
  for (const Entry& e : old) xdecref(e.key);
}

namespace {

// ---- The Pickler type ----

int pickler_set_protocol(PicklerObject* p, Object* protocol, bool fix_imports) {
  long proto;
  if (!protocol || protocol == none()) {
    proto = kDefaultProtocol;
  } else {
    ORef idx = steal(number_index(protocol));
    if (!idx) return -1;
    int overflow = 0;
    int64_t v = int_as_i64(idx.get(), &overflow);
    if (overflow || v > INT32_MAX || v < INT32_MIN) {
      set_error(&exc_OverflowError, "Python int too large to convert to C long");
      return -1;
    }
    proto = long(v);
    if (proto < 0) {
      proto = kHighestProtocol;
    } else if (proto > kHighestProtocol) {
      set_errorf(&exc_ValueError, "pickle protocol must be <= {}", kHighestProtocol);
      return -1;
    }
  }
  p->proto = int(proto);
  p->bin = proto > 0;
  p->fix_imports = fix_imports && proto < 3;
  return 0;
}

int pickler_set_buffer_callback(PicklerObject* p, Object* cb) {
  if (cb == none()) cb = nullptr;
  if (cb && p->proto < 5) {
    set_error(&exc_ValueError, "buffer_callback needs protocol >= 5");
    return -1;
  }
  set_slot(&p->buffer_callback, xnewref(cb));
  return 0;
}

Object* pickler_persistent_id(Object*, Object*) { return newref(none()); }

int pickler_clear(Object* self) {
  PicklerObject* p = PK(self);
  clear_ref(&p->write);
  clear_ref(&p->dispatch_table);
  clear_ref(&p->buffer_callback);
  clear_ref(&p->fast_memo);
  clear_ref(&p->pers_func);
  clear_ref(&p->reducer_override);
  if (p->st) p->st->memo.clear();
  return 0;
}

Object* pickler_new(Type* type, Object*, Object*) {
  ORef self = steal(new_object(type, size_t(type->tp_basicsize)));
  if (!self) return nullptr;
  PK(self.get())->st = new (std::nothrow) PicklerState();
  if (!PK(self.get())->st) return no_memory();
  return self.release();
}

int pickler_init(Object* self, Object* args, Object* kwargs) {
  Object* a[4] = {};
  if (!parse_tuple_dict("Pickler", args, kwargs, {"file", "protocol", "fix_imports", "buffer_callback"}, 1, a))
    return -1;
  PicklerObject* p = PK(self);
  UseGuard guard(reinterpret_cast<Object*>(p), &p->owner, &p->owner_depth, "Pickler");
  if (!guard.ok()) return -1;
  bool fix = true;
  if (a[2]) {
    int t = object_is_true(a[2]);
    if (t < 0) return -1;
    fix = t != 0;
  }
  if (p->write) pickler_clear(self);
  if (pickler_set_protocol(p, a[1], fix) < 0) return -1;
  Object* write = nullptr;
  if (get_attr_optional(a[0], str_interned("write"), &write) < 0) return -1;
  if (!write) {
    set_error(&exc_TypeError, "file must have a 'write' attribute");
    return -1;
  }
  set_slot(&p->write, write);
  if (pickler_set_buffer_callback(p, a[3] ? a[3] : none()) < 0) return -1;
  p->st->out.clear();
  p->st->frame_start = -1;
  p->fast = 0;
  p->fast_nesting = 0;
  clear_ref(&p->fast_memo);
  Object* pers = nullptr;
  if (lookup_override(self, "persistent_id", reinterpret_cast<PyCFunction>(pickler_persistent_id), &pers) < 0)
    return -1;
  set_slot(&p->pers_func, pers);
  Object* dt = nullptr;
  if (get_attr_optional(self, str_interned("dispatch_table"), &dt) < 0) return -1;
  {
    sync::CriticalSection cs(self);
    set_slot(&p->dispatch_table, dt);
  }
  return 0;
}

Object* pickler_dump(Object* self, Object* obj) {
  PicklerObject* p = PK(self);
  if (!p->write)
    return set_errorf(pickling_error(), "Pickler.__init__() was not called by {}.__init__()", type_of(self)->tp_name);
  UseGuard guard(reinterpret_cast<Object*>(p), &p->owner, &p->owner_depth, "Pickler");
  if (!guard.ok()) return nullptr;
  p->st->out.clear();
  p->st->frame_start = -1;
  if (pickler_dump_into(p, obj) < 0 || pickler_flush(p) < 0) return nullptr;
  return newref(none());
}

Object* pickler_clear_memo(Object* self, Object*) {
  PicklerObject* p = PK(self);
  UseGuard guard(reinterpret_cast<Object*>(p), &p->owner, &p->owner_depth, "Pickler");
  if (!guard.ok()) return nullptr;
  p->st->memo.clear();
  return newref(none());
}

Object* pickler_sizeof(Object* self, Object*) {
  PicklerObject* p = PK(self);
  size_t n = size_t(type_of(self)->tp_basicsize) + sizeof(PicklerState);
  if (p->st) n += p->st->out.capacity() + size_t(p->st->memo.size()) * sizeof(MemoTable::Entry) * 2;
  return int_from_u64(n);
}

// ---- PicklerMemoProxy ----

// Both memo proxies (the Pickler's and the Unpickler's) hold only the object whose memo they show.
struct MemoProxyObject {
  PyObject ob_base;
  Object* owner;
};

Object* proxy_owner(Object* self) { return reinterpret_cast<MemoProxyObject*>(self)->owner; }

Object* memoproxy_new(Type* type, Object* owner) {
  Object* o = new_object(type, sizeof(MemoProxyObject));
  if (!o) return nullptr;
  reinterpret_cast<MemoProxyObject*>(o)->owner = newref(owner);
  return o;
}

// __reduce__: (dict, (copy,)) where `Copy` makes the memo's dict.
template <Object* (*Copy)(Object*)>
Object* memoproxy_reduce(Object* self, Object*) {
  ORef copy = steal(Copy(proxy_owner(self)));
  if (!copy) return nullptr;
  ORef args = steal(tuple_pack({copy.get()}));
  if (!args) return nullptr;
  return tuple_pack({reinterpret_cast<Object*>(&dict_type), args.get()});
}

int memoproxy_traverse(Object* self, visitproc visit, void* arg) {
  Object* p = proxy_owner(self);
  return p ? visit(p, arg) : 0;
}

int memoproxy_clear_slot(Object* self) {
  clear_ref(&reinterpret_cast<MemoProxyObject*>(self)->owner);
  return 0;
}

void memoproxy_dealloc(Object* self) {
  Type* t = type_of(self);
  memoproxy_clear_slot(self);
  object_free(self);
  dealloc_type_ref(t);
}

Object* memo_copy_of(Object* pickler) {
  PicklerObject* p = PK(pickler);
  UseGuard guard(reinterpret_cast<Object*>(p), &p->owner, &p->owner_depth, "Pickler");
  if (!guard.ok()) return nullptr;
  ORef d = steal(dict_new());
  if (!d) return nullptr;
  std::vector<std::pair<ORef, ssize>> entries;
  p->st->memo.for_each([&](Object* k, ssize v) { entries.emplace_back(borrow(k), v); });
  for (auto& [obj, idx] : entries) {
    ORef key = steal(int_from_u64(uint64_t(reinterpret_cast<uintptr_t>(obj.get()))));
    ORef i = steal(int_from_i64(idx));
    if (!key || !i) return nullptr;
    ORef v = steal(tuple_pack({i.get(), obj.get()}));
    if (!v || dict_set(d.get(), key.get(), v.get()) < 0) return nullptr;
  }
  return d.release();
}

Object* memoproxy_copy(Object* self, Object*) {
  return memo_copy_of(proxy_owner(self));
}

Object* memoproxy_clear(Object* self, Object*) {
  return pickler_clear_memo(proxy_owner(self), nullptr);
}

PyMethodDef memoproxy_methods[] = {
    {"clear", memoproxy_clear, METH_NOARGS, "clear($self, /)\n--\n\nRemove all items from memo."},
    {"copy", memoproxy_copy, METH_NOARGS, "copy($self, /)\n--\n\nCopy the memo to a new object."},
    {"__reduce__", memoproxy_reduce<memo_copy_of>, METH_NOARGS, "__reduce__($self, /)\n--\n\nImplement pickle support."},
    {nullptr, nullptr, 0, nullptr},
};

Object* pickler_get_memo(Object* self, void*) {
  return memoproxy_new(&pickler_memoproxy_type, self);
}

int pickler_set_memo(Object* self, Object* value, void*) {
  if (!value) {
    set_error(&exc_TypeError, "attribute deletion is not supported");
    return -1;
  }
  // The new memo is built first (reading `value` may run Python code), then swapped in.
  std::vector<std::pair<ORef, ssize>> entries;
  if (type_check_exact(value, &pickler_memoproxy_type)) {
    Object* other = proxy_owner(value);
    PicklerObject* o = PK(other);
    UseGuard g(reinterpret_cast<Object*>(o), &o->owner, &o->owner_depth, "Pickler");
    if (!g.ok()) return -1;
    o->st->memo.for_each([&](Object* k, ssize v) { entries.emplace_back(borrow(k), v); });
  } else if (dict_check(value)) {
    ssize pos = 0;
    Object *k, *v;
    while (dict_next(value, &pos, &k, &v)) {
      ORef key = steal(k), val = steal(v);
      if (!type_check(val.get(), &tuple_type) || tuple_size(val.get()) != 2) {
        set_error(&exc_TypeError, "'memo' values must be 2-item tuples");
        return -1;
      }
      ssize idx = int_as_ssize(tuple_items(val.get())[0]);
      if (idx == -1 && error_occurred()) return -1;
      entries.emplace_back(borrow(tuple_items(val.get())[1]), idx);
    }
  } else {
    set_errorf(&exc_TypeError, "'memo' attribute must be a PicklerMemoProxy object or dict, not {}", type_name(value));
    return -1;
  }
  PicklerObject* p = PK(self);
  UseGuard guard(reinterpret_cast<Object*>(p), &p->owner, &p->owner_depth, "Pickler");
  if (!guard.ok()) return -1;
  p->st->memo.clear();
  for (auto& [obj, idx] : entries) p->st->memo.set(obj.get(), idx);
  return 0;
}

Object* pickler_get_dispatch_table(Object* self, void*) {
  sync::CriticalSection cs(self);
  if (!PK(self)->dispatch_table)
    return set_errorf(&exc_AttributeError, "'{}' object has no attribute 'dispatch_table'", type_of(self)->tp_name);
  return newref(PK(self)->dispatch_table);
}

int pickler_set_dispatch_table(Object* self, Object* value, void*) {
  Object* old;
  {
    sync::CriticalSection cs(self);
    if (!value && !PK(self)->dispatch_table) {
      set_error(&exc_AttributeError, "dispatch_table");
      return -1;
    }
    old = PK(self)->dispatch_table;
    PK(self)->dispatch_table = xnewref(value);
  }
  xdecref(old);
  return 0;
}

int pickler_traverse(Object* self, visitproc visit, void* arg) {
  PicklerObject* p = PK(self);
  Object* refs[] = {p->write, p->dispatch_table, p->buffer_callback, p->fast_memo, p->pers_func, p->reducer_override};
  for (Object* r : refs)
    if (r)
      if (int rc = visit(r, arg)) return rc;
  int rc = 0;
  if (p->st)
    p->st->memo.for_each([&](Object* k, ssize) {
      if (!rc) rc = visit(k, arg);
    });
  return rc;
}

void pickler_dealloc(Object* self) {
  Type* t = type_of(self);
  pickler_clear(self);
  delete PK(self)->st;
  PK(self)->st = nullptr;
  object_free(self);
  dealloc_type_ref(t);
}

constexpr int kMemberInt = 1;

PyMemberDef pickler_members[] = {
    {"bin", kMemberInt, offsetof(PicklerObject, bin), 0, nullptr},
    {"fast", kMemberInt, offsetof(PicklerObject, fast), 0, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

PyGetSetDef pickler_getset[] = {
    {"memo", pickler_get_memo, pickler_set_memo, nullptr, nullptr},
    {"dispatch_table", pickler_get_dispatch_table, pickler_set_dispatch_table, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

PyMethodDef pickler_methods[] = {
    {"persistent_id", pickler_persistent_id, METH_O,
     "persistent_id($self, obj, /)\n--\n\nThe default persistent_id: every object is pickled by value (None)."},
    {"dump", pickler_dump, METH_O,
     "dump($self, obj, /)\n--\n\nWrite a pickled representation of the given object to the open file."},
    {"clear_memo", pickler_clear_memo, METH_NOARGS,
     "clear_memo($self, /)\n--\n\nClears the pickler's \"memo\".\n\nThe memo is the data structure that remembers "
     "which objects the\npickler has already seen, so that shared or recursive objects are\npickled by reference "
     "and not by value.  This method is useful when\nre-using picklers."},
    {"__sizeof__", pickler_sizeof, METH_NOARGS, "__sizeof__($self, /)\n--\n\nReturns size in memory, in bytes."},
    {nullptr, nullptr, 0, nullptr},
};

// The module's dump/dumps: a pickler that lives for one call.
Object* make_pickler(Object* file, Object* protocol, Object* fix_imports, Object* buffer_callback) {
  ORef self = steal(pickler_new(&pickler_type, nullptr, nullptr));
  if (!self) return nullptr;
  PicklerObject* p = PK(self.get());
  bool fix = true;
  if (fix_imports) {
    int t = object_is_true(fix_imports);
    if (t < 0) return nullptr;
    fix = t != 0;
  }
  if (pickler_set_protocol(p, protocol, fix) < 0) return nullptr;
  if (file) {
    Object* write = nullptr;
    if (get_attr_optional(file, str_interned("write"), &write) < 0) return nullptr;
    if (!write) return set_error(&exc_TypeError, "file must have a 'write' attribute");
    p->write = write;
  }
  if (pickler_set_buffer_callback(p, buffer_callback ? buffer_callback : none()) < 0) return nullptr;
  return self.release();
}

}  // namespace

Type pickler_memoproxy_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "_pickle.PicklerMemoProxy",
    .tp_basicsize = sizeof(MemoProxyObject),
    .tp_dealloc = memoproxy_dealloc,
    .tp_getattro = generic_getattr,
    // traverse: the pickler, once
    .tp_flags = Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_doc = "A view of a Pickler's memo.",
    .tp_traverse = memoproxy_traverse,
    .tp_clear = memoproxy_clear_slot,
    .tp_methods = memoproxy_methods,
    .tp_free = object_free,
};

Type pickler_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "_pickle.Pickler",
    .tp_basicsize = sizeof(PicklerObject),
    .tp_dealloc = pickler_dealloc,
    .tp_getattro = generic_getattr,
    .tp_setattro = generic_setattr,
    // traverse: write, dispatch_table, buffer_callback, fast_memo, persistent_id, reducer_override and every
    // object in the memo (the memo holds a reference to each key)
    .tp_flags = Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited | Py_TPFLAGS_BASETYPE,
    .tp_doc =
        "Pickler(file, protocol=None, fix_imports=True, buffer_callback=None)\n--\n\nThis takes a binary file "
        "for writing a pickle data stream.",
    .tp_traverse = pickler_traverse,
    .tp_clear = pickler_clear,
    .tp_methods = pickler_methods,
    .tp_members = pickler_members,
    .tp_getset = pickler_getset,
    .tp_init = pickler_init,
    .tp_new = pickler_new,
    .tp_free = object_free,
};

Object* module_dump(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[5] = {};
  if (!parse_args("dump", args, nargs, kwnames, {"obj", "file", "protocol", "$fix_imports", "$buffer_callback"}, 2, a))
    return nullptr;
  ORef p = steal(make_pickler(a[1], a[2], a[3], a[4]));
  if (!p) return nullptr;
  PicklerObject* pk = PK(p.get());
  if (pickler_dump_into(pk, a[0]) < 0 || pickler_flush(pk) < 0) return nullptr;
  return newref(none());
}

Object* module_dumps(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[4] = {};
  if (!parse_args("dumps", args, nargs, kwnames, {"obj", "protocol", "$fix_imports", "$buffer_callback"}, 1, a))
    return nullptr;
  ORef p = steal(make_pickler(nullptr, a[1], a[2], a[3]));
  if (!p) return nullptr;
  PicklerObject* pk = PK(p.get());
  if (pickler_dump_into(pk, a[0]) < 0) return nullptr;
  return bytes_from(pk->st->out.data(), ssize(pk->st->out.size()));
}

namespace {

// ---- The Unpickler type ----

Object* unpickler_find_class(Object* self, Object* const* args, ssize nargs);

// load(): the subclass's find_class when it overrides the default, then the loader.
Object* do_load(UnpicklerObject* u) {
  Object* fc = nullptr;
  if (lookup_override(reinterpret_cast<Object*>(u), "find_class", as_cfunc(unpickler_find_class), &fc) < 0)
    return nullptr;
  ORef find_class = steal(fc);
  return unpickler_run(u, find_class.get());
}

Object* unpickler_find_class(Object* self, Object* const* args, ssize nargs) {
  if (!check_positional("find_class", nargs, nullptr, 2, 2)) return nullptr;
  return default_find_class(UP(self), args[0], args[1]);
}

Object* unpickler_persistent_load(Object*, Object*) {
  return set_error(unpickling_error(),
                   "A load persistent id instruction was encountered, but no persistent_load function was specified.");
}

int unpickler_clear(Object* self) {
  UnpicklerObject* u = UP(self);
  clear_ref(&u->read);
  clear_ref(&u->readline);
  clear_ref(&u->readinto);
  clear_ref(&u->peek);
  clear_ref(&u->buffers);
  clear_ref(&u->pers_func);
  if (u->st) {
    u->st->clear_stack(0);
    u->st->marks.clear();
    u->st->clear_memo();
    u->st->release_input();
  }
  return 0;
}

Object* unpickler_new(Type* type, Object*, Object*) {
  ORef self = steal(new_object(type, size_t(type->tp_basicsize)));
  if (!self) return nullptr;
  UP(self.get())->st = new (std::nothrow) UnpicklerState();
  if (!UP(self.get())->st) return no_memory();
  return self.release();
}

int set_input_stream(UnpicklerObject* u, Object* file) {
  Object *peek = nullptr, *readinto = nullptr, *read = nullptr, *readline = nullptr;
  if (get_attr_optional(file, str_interned("peek"), &peek) < 0) return -1;
  set_slot(&u->peek, peek);
  if (get_attr_optional(file, str_interned("readinto"), &readinto) < 0) return -1;
  set_slot(&u->readinto, readinto);
  if (get_attr_optional(file, str_interned("read"), &read) < 0) return -1;
  set_slot(&u->read, read);
  if (get_attr_optional(file, str_interned("readline"), &readline) < 0) return -1;
  set_slot(&u->readline, readline);
  if (!u->read || !u->readline) {
    clear_ref(&u->read);
    clear_ref(&u->readline);
    set_error(&exc_TypeError, "file must have 'read' and 'readline' attributes");
    return -1;
  }
  return 0;
}

int set_options(UnpicklerObject* u, const char* fname, Object* fix_imports, Object* encoding, Object* errors,
                Object* buffers) {
  u->fix_imports = 1;
  if (fix_imports) {
    int t = object_is_true(fix_imports);
    if (t < 0) return -1;
    u->fix_imports = t;
  }
  if (encoding) {
    if (!type_check(encoding, &str_type)) {
      set_errorf(&exc_TypeError, "{}() argument 'encoding' must be str, not {}", fname, type_name(encoding));
      return -1;
    }
    u->st->encoding = std::string(str_view(encoding));
  }
  if (errors) {
    if (!type_check(errors, &str_type)) {
      set_errorf(&exc_TypeError, "{}() argument 'errors' must be str, not {}", fname, type_name(errors));
      return -1;
    }
    u->st->errors = std::string(str_view(errors));
  }
  if (buffers && buffers != none()) {
    Object* it = get_iter(buffers);
    if (!it) return -1;
    set_slot(&u->buffers, it);
  }
  return 0;
}

int unpickler_init(Object* self, Object* args, Object* kwargs) {
  Object* a[5] = {};
  if (!parse_tuple_dict("Unpickler", args, kwargs, {"file", "$fix_imports", "$encoding", "$errors", "$buffers"}, 1, a))
    return -1;
  UnpicklerObject* u = UP(self);
  UseGuard guard(reinterpret_cast<Object*>(u), &u->owner, &u->owner_depth, "Unpickler");
  if (!guard.ok()) return -1;
  if (u->read) unpickler_clear(self);
  if (set_input_stream(u, a[0]) < 0) return -1;
  if (set_options(u, "Unpickler", a[1], a[2], a[3], a[4]) < 0) return -1;
  Object* pers = nullptr;
  if (lookup_override(self, "persistent_load", reinterpret_cast<PyCFunction>(unpickler_persistent_load), &pers) < 0)
    return -1;
  set_slot(&u->pers_func, pers);
  u->proto = 0;
  return 0;
}

Object* unpickler_load(Object* self, Object*) {
  UnpicklerObject* u = UP(self);
  if (!u->read)
    return set_errorf(unpickling_error(), "Unpickler.__init__() was not called by {}.__init__()",
                      type_of(self)->tp_name);
  UseGuard guard(reinterpret_cast<Object*>(u), &u->owner, &u->owner_depth, "Unpickler");
  if (!guard.ok()) return nullptr;
  return do_load(u);
}

Object* unpickler_sizeof(Object* self, Object*) {
  UnpicklerObject* u = UP(self);
  size_t n = size_t(type_of(self)->tp_basicsize) + sizeof(UnpicklerState);
  if (u->st) n += u->st->memo.capacity() * sizeof(Object*) + u->st->stack.capacity() * sizeof(Object*);
  return int_from_u64(n);
}

// ---- UnpicklerMemoProxy ----

Object* umemo_copy_of(Object* unpickler) {
  UnpicklerObject* u = UP(unpickler);
  UseGuard guard(reinterpret_cast<Object*>(u), &u->owner, &u->owner_depth, "Unpickler");
  if (!guard.ok()) return nullptr;
  std::vector<std::pair<size_t, ORef>> entries;
  for (size_t i = 0; i < u->st->memo.size(); i++)
    if (u->st->memo[i]) entries.emplace_back(i, borrow(u->st->memo[i]));
  for (auto& [k, v] : u->st->memo_sparse) entries.emplace_back(k, borrow(v));
  ORef d = steal(dict_new());
  if (!d) return nullptr;
  for (auto& [idx, obj] : entries) {
    ORef key = steal(int_from_u64(idx));
    if (!key || dict_set(d.get(), key.get(), obj.get()) < 0) return nullptr;
  }
  return d.release();
}

Object* umemoproxy_copy(Object* self, Object*) {
  return umemo_copy_of(proxy_owner(self));
}

Object* umemoproxy_clear(Object* self, Object*) {
  UnpicklerObject* u = UP(proxy_owner(self));
  UseGuard guard(reinterpret_cast<Object*>(u), &u->owner, &u->owner_depth, "Unpickler");
  if (!guard.ok()) return nullptr;
  u->st->clear_memo();
  return newref(none());
}

PyMethodDef umemoproxy_methods[] = {
    {"clear", umemoproxy_clear, METH_NOARGS, "clear($self, /)\n--\n\nRemove all keys from the unpickler's memo."},
    {"copy", umemoproxy_copy, METH_NOARGS, "copy($self, /)\n--\n\nCopy the memo to a new object."},
    {"__reduce__", memoproxy_reduce<umemo_copy_of>, METH_NOARGS, "__reduce__($self, /)\n--\n\nImplement pickling support."},
    {nullptr, nullptr, 0, nullptr},
};

Object* unpickler_get_memo(Object* self, void*) {
  return memoproxy_new(&unpickler_memoproxy_type, self);
}

int unpickler_set_memo(Object* self, Object* value, void*) {
  if (!value) {
    set_error(&exc_TypeError, "attribute deletion is not supported");
    return -1;
  }
  std::vector<std::pair<size_t, ORef>> entries;
  if (type_check_exact(value, &unpickler_memoproxy_type)) {
    UnpicklerObject* o = UP(proxy_owner(value));
    UseGuard g(reinterpret_cast<Object*>(o), &o->owner, &o->owner_depth, "Unpickler");
    if (!g.ok()) return -1;
    for (size_t i = 0; i < o->st->memo.size(); i++)
      if (o->st->memo[i]) entries.emplace_back(i, borrow(o->st->memo[i]));
    for (auto& [k, v] : o->st->memo_sparse) entries.emplace_back(k, borrow(v));
  } else if (dict_check(value)) {
    ssize pos = 0;
    Object *k, *v;
    while (dict_next(value, &pos, &k, &v)) {
      ORef key = steal(k), val = steal(v);
      if (!type_check(key.get(), &int_type)) {
        set_error(&exc_TypeError, "memo key must be integers");
        return -1;
      }
      ssize idx = int_as_ssize(key.get());
      if (idx == -1 && error_occurred()) return -1;
      if (idx < 0) {
        set_error(&exc_ValueError, "memo key must be positive integers.");
        return -1;
      }
      entries.emplace_back(size_t(idx), std::move(val));
    }
  } else {
    set_errorf(&exc_TypeError, "'memo' attribute must be an UnpicklerMemoProxy object or dict, not {}",
               type_name(value));
    return -1;
  }
  UnpicklerObject* u = UP(self);
  UseGuard guard(reinterpret_cast<Object*>(u), &u->owner, &u->owner_depth, "Unpickler");
  if (!guard.ok()) return -1;
  u->st->clear_memo();
  for (auto& [idx, obj] : entries) u->st->memo_put(idx, obj.get());
  return 0;
}

int unpickler_traverse(Object* self, visitproc visit, void* arg) {
  UnpicklerObject* u = UP(self);
  Object* refs[] = {u->read, u->readline, u->readinto, u->peek, u->buffers, u->pers_func};
  for (Object* r : refs)
    if (r)
      if (int rc = visit(r, arg)) return rc;
  if (u->st) {
    for (Object* o : u->st->stack)
      if (o)
        if (int rc = visit(o, arg)) return rc;
    for (Object* o : u->st->memo)
      if (o)
        if (int rc = visit(o, arg)) return rc;
    for (auto& [k, v] : u->st->memo_sparse)
      if (int rc = visit(v, arg)) return rc;
    if (u->st->input_held && u->st->input.obj)
      if (int rc = visit(u->st->input.obj, arg)) return rc;
  }
  return 0;
}

void unpickler_dealloc(Object* self) {
  Type* t = type_of(self);
  unpickler_clear(self);
  delete UP(self)->st;
  UP(self)->st = nullptr;
  object_free(self);
  dealloc_type_ref(t);
}

PyGetSetDef unpickler_getset[] = {
    {"memo", unpickler_get_memo, unpickler_set_memo, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

PyMethodDef unpickler_methods[] = {
    {"persistent_load", unpickler_persistent_load, METH_O,
     "persistent_load($self, pid, /)\n--\n\nThe default persistent_load: raises UnpicklingError."},
    {"load", unpickler_load, METH_NOARGS,
     "load($self, /)\n--\n\nLoad a pickle.\n\nRead a pickled object representation from the open file object given "
     "in\nthe constructor, and return the reconstituted object hierarchy\nspecified therein."},
    {"find_class", as_cfunc(unpickler_find_class), METH_FASTCALL,
     "find_class($self, module_name, global_name, /)\n--\n\nReturn an object from a specified module.\n\nIf "
     "necessary, the module will be imported. Subclasses may override\nthis method (e.g. to restrict unpickling of "
     "arbitrary classes and\nfunctions)."},
    {"__sizeof__", unpickler_sizeof, METH_NOARGS, "__sizeof__($self, /)\n--\n\nReturns size in memory, in bytes."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace

Type unpickler_memoproxy_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "_pickle.UnpicklerMemoProxy",
    .tp_basicsize = sizeof(MemoProxyObject),
    .tp_dealloc = memoproxy_dealloc,
    .tp_getattro = generic_getattr,
    // traverse: the unpickler, once
    .tp_flags = Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_doc = "A view of an Unpickler's memo.",
    .tp_traverse = memoproxy_traverse,
    .tp_clear = memoproxy_clear_slot,
    .tp_methods = umemoproxy_methods,
    .tp_free = object_free,
};

Type unpickler_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "_pickle.Unpickler",
    .tp_basicsize = sizeof(UnpicklerObject),
    .tp_dealloc = unpickler_dealloc,
    .tp_getattro = generic_getattr,
    .tp_setattro = generic_setattr,
    // traverse: the file's methods, the buffers iterator, persistent_load, the stack, the memo and the exporter of
    // the input buffer being read
    .tp_flags = Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited | Py_TPFLAGS_BASETYPE,
    .tp_doc =
        "Unpickler(file, *, fix_imports=True, encoding='ASCII', errors='strict',\n          buffers=())\n--\n\n"
        "This takes a binary file for reading a pickle data stream.",
    .tp_traverse = unpickler_traverse,
    .tp_clear = unpickler_clear,
    .tp_methods = unpickler_methods,
    .tp_getset = unpickler_getset,
    .tp_init = unpickler_init,
    .tp_new = unpickler_new,
    .tp_free = object_free,
};

Object* module_load(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[5] = {};
  if (!parse_args("load", args, nargs, kwnames, {"file", "$fix_imports", "$encoding", "$errors", "$buffers"}, 1, a))
    return nullptr;
  ORef self = steal(unpickler_new(&unpickler_type, nullptr, nullptr));
  if (!self) return nullptr;
  UnpicklerObject* u = UP(self.get());
  if (set_input_stream(u, a[0]) < 0 || set_options(u, "load", a[1], a[2], a[3], a[4]) < 0) return nullptr;
  return do_load(u);
}

Object* module_loads(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[5] = {};
  if (!parse_args("loads", args, nargs, kwnames, {"/data", "$fix_imports", "$encoding", "$errors", "$buffers"}, 1, a))
    return nullptr;
  ORef self = steal(unpickler_new(&unpickler_type, nullptr, nullptr));
  if (!self) return nullptr;
  UnpicklerObject* u = UP(self.get());
  UnpicklerState* st = u->st;
  if (get_buffer(a[0], &st->input, PyBUF_CONTIG_RO) < 0) return nullptr;
  st->input_held = true;
  st->buf = static_cast<const char*>(st->input.buf);
  st->len = st->input.len;
  st->pos = 0;
  if (set_options(u, "loads", a[1], a[2], a[3], a[4]) < 0) return nullptr;
  return do_load(u);
}

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
