// Weak references: the referents' lists, clearing them when a referent dies, and weakref.ReferenceType.
//
// Free-threading contract
// -----------------------
// - Every referent's list (the doubly linked chain wr_prev/wr_next starting at *weaklist_ptr(referent)) is guarded
//   by one of kStripes PyMutexes, chosen by the referent's address (3.13t's striped weakref locks). Each weak
//   reference remembers its stripe in weakrefs_lock, because wr_object is already None when a cleared reference is
//   freed. Only one stripe is ever held at a time, and nothing that can run Python code or a decref runs under it
//   (allocating a new weak reference may: it calls no Python code), so the stripes cannot deadlock.
// - wr_object is set before the reference is published and changed only under the stripe (to None, once, when
//   the referent dies); it is read either under the stripe or, as a hint, with an atomic load.
// - Getting a strong reference (weakref_get) loads wr_object, takes its stripe, re-checks wr_object and calls
//   alloc::try_incref, which fails once the referent's count has reached zero (see alloc/refcount.h for why that is
//   sound for biased counting). The referent cannot be freed meanwhile: its destructor calls clear_weakrefs, which
//   takes the same stripe before the memory is released. So a racing ref() call either gets the object, and keeps
//   it alive, or gets None. Creating a weak reference sets the maybe-weakref flag, which try_incref relies
//   on, on the referent and on the reference itself (other threads revive references in a list the same way).
// - clear_weakrefs detaches every reference under the stripe and takes a strong reference to those with callbacks
//   (a reference whose own count already reached zero is being freed by another thread: it is detached, and its
//   callback dropped). The callbacks run after the stripe is released.
// - A weak reference that is freed detaches itself under its stripe unless the referent's death already did.
// - The list head is stored with release and read without the stripe (acquire) only by clear_weakrefs' "no weak
//   references" fast path: a dying referent gains no new weak references, since creating one needs a strong one.
#include "objects/weakref.h"

#include <fmt/format.h>

#include <utility>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/sync/mutex.h"

namespace pyvm {
namespace {

constexpr uintptr_t kStripes = 127;  // prime, so aligned addresses spread over every stripe
PyMutex g_stripes[kStripes];

PyMutex* stripe_of(const Object* o) { return &g_stripes[reinterpret_cast<uintptr_t>(o) % kStripes]; }

class StripeLock {
 public:
  explicit StripeLock(PyMutex* m) : m_(m) { sync::mutex_lock(m_); }
  ~StripeLock() { sync::mutex_unlock(m_); }
  StripeLock(const StripeLock&) = delete;
  StripeLock& operator=(const StripeLock&) = delete;

 private:
  PyMutex* m_;
};

inline WeakRef* W(Object* o) { return reinterpret_cast<WeakRef*>(o); }
inline Object* O(WeakRef* r) { return reinterpret_cast<Object*>(r); }

Object* load_referent(WeakRef* r) { return __atomic_load_n(&r->wr_object, __ATOMIC_ACQUIRE); }
WeakRef* load_head(Object** head) { return reinterpret_cast<WeakRef*>(__atomic_load_n(head, __ATOMIC_ACQUIRE)); }
void store_head(Object** head, WeakRef* r) { __atomic_store_n(head, O(r), __ATOMIC_RELEASE); }

bool is_basic_ref(WeakRef* r) { return !r->wr_callback && type_of(O(r)) == &weakref_ref_type; }
bool is_basic_proxy(WeakRef* r) { return !r->wr_callback && weakref_check_proxy(O(r)); }

// Links `r` into `referent`'s list: a callback-less basic ref first, then a callback-less proxy, then every other
// reference newest first (callbacks run in list order). Caller holds the stripe.
void insert_locked(Object* referent, WeakRef* r) {
  Object** head = weaklist_ptr(referent);
  WeakRef* first = load_head(head);
  WeakRef* prev = nullptr;
  if (!is_basic_ref(r)) {
    WeakRef* basic_ref = first && is_basic_ref(first) ? first : nullptr;
    WeakRef* after_ref = basic_ref ? basic_ref->wr_next : first;
    WeakRef* basic_proxy = after_ref && is_basic_proxy(after_ref) ? after_ref : nullptr;
    prev = is_basic_proxy(r) ? basic_ref : (basic_proxy ? basic_proxy : basic_ref);
  }
  if (!prev) {
    r->wr_prev = nullptr;
    r->wr_next = first;
    if (first) first->wr_prev = r;
    store_head(head, r);
  } else {
    r->wr_prev = prev;
    r->wr_next = prev->wr_next;
    if (prev->wr_next) prev->wr_next->wr_prev = r;
    prev->wr_next = r;
  }
}

// Unlinks `r` from its referent's list and marks it dead; returns its callback (a reference the caller now owns,
// to be dropped after the stripe is released). Caller holds the stripe; r must still be attached.
Object* detach_locked(WeakRef* r) {
  Object* referent = r->wr_object;
  if (r->wr_prev) {
    r->wr_prev->wr_next = r->wr_next;
  } else {
    store_head(weaklist_ptr(referent), r->wr_next);
  }
  if (r->wr_next) r->wr_next->wr_prev = r->wr_prev;
  r->wr_prev = r->wr_next = nullptr;
  __atomic_store_n(&r->wr_object, none(), __ATOMIC_RELEASE);
  Object* cb = r->wr_callback;
  r->wr_callback = nullptr;
  return cb;
}

// A callback-less reference of exactly `type` to reuse, as a new reference, or null. Caller holds the stripe.
WeakRef* find_reusable_locked(Object* referent, Type* type) {
  WeakRef* r = load_head(weaklist_ptr(referent));
  if (r && type == &weakref_ref_type) return is_basic_ref(r) && alloc::try_incref(O(r)) ? r : nullptr;
  if (r && is_basic_ref(r)) r = r->wr_next;
  // A proxy request reuses the basic proxy whichever proxy type it has (callability follows the referent's type).
  if (r && is_basic_proxy(r) && alloc::try_incref(O(r))) return r;
  return nullptr;
}

Object* weakref_vectorcall(Object* self, Object* const*, size_t nargsf, Object* kwnames) {
  ssize nargs = ssize(nargsf & ~PY_VECTORCALL_ARGUMENTS_OFFSET);
  if (!check_positional("weakref", nargs, kwnames, 0, 0)) return nullptr;
  Object* obj = weakref_get(self);
  return obj ? obj : newref(none());
}

// Fills a freshly allocated reference; the caller links it in.
void init_ref(WeakRef* r, Object* referent, Object* callback) {
  r->wr_object = referent;
  r->wr_callback = xnewref(callback);
  r->hash = -1;
  r->wr_prev = r->wr_next = nullptr;
  r->vectorcall = weakref_vectorcall;
  r->weakrefs_lock = stripe_of(referent);
  // Other threads take references to `r` itself with try_incref while it sits in the list (clearing, reuse,
  // getweakrefs): that needs the flag on `r` as well as on the referent.
  alloc::set_maybe_weakref(O(r));
}

}  // namespace

bool weakref_check_ref(const Object* o) { return type_check(o, &weakref_ref_type); }
bool weakref_check_proxy(const Object* o) {
  Type* t = type_of(o);
  return t == &weakref_proxy_type || t == &weakref_callable_proxy_type;
}

// Creates (or reuses) a reference of `type` to `referent`. Shared by ref(), proxy() and subclasses of ref.
Object* weakref_get_or_create(Type* type, Object* referent, Object* callback) {
  if (!type_supports_weakrefs(type_of(referent)))
    return set_errorf(&exc_TypeError, "cannot create weak reference to '{}' object", type_name(referent));
  if (callback == none()) callback = nullptr;
  alloc::set_maybe_weakref(referent);
  PyMutex* m = stripe_of(referent);
  bool builtin = type == &weakref_ref_type || type == &weakref_proxy_type || type == &weakref_callable_proxy_type;
  if (builtin) {
    // Reuse and creation happen under one hold of the stripe, so two racing ref(x) calls share one reference.
    StripeLock lock(m);
    if (!callback)
      if (WeakRef* r = find_reusable_locked(referent, type)) return O(r);
    auto* r = W(new_object(type, sizeof(WeakRef)));
    if (!r) return nullptr;
    init_ref(r, referent, callback);
    insert_locked(referent, r);
    return O(r);
  }
  // Subclasses may allocate with a tp_alloc of their own: outside the stripe.
  Object* o = type->tp_alloc ? type->tp_alloc(type, 0) : new_object(type, size_t(type->tp_basicsize));
  if (!o) return nullptr;
  init_ref(W(o), referent, callback);
  StripeLock lock(m);
  insert_locked(referent, W(o));
  return o;
}

Object* weakref_new(Object* obj, Object* callback) { return weakref_get_or_create(&weakref_ref_type, obj, callback); }

Object* weakref_get(Object* ref) {
  WeakRef* r = W(ref);
  Object* obj = load_referent(r);
  if (obj == none()) return nullptr;
  StripeLock lock(stripe_of(obj));
  if (r->wr_object != obj) return nullptr;  // cleared meanwhile
  return alloc::try_incref(obj) ? obj : nullptr;
}

bool weakref_is_dead(Object* ref) {
  Object* obj = weakref_get(ref);
  if (!obj) return true;
  decref(obj);
  return false;
}

void detach_weakrefs(Object* o, WeakrefCalls* calls) {
  Object** head = weaklist_ptr(o);
  if (!load_head(head)) return;
  StripeLock lock(stripe_of(o));
  while (WeakRef* r = load_head(head)) {
    Object* cb = detach_locked(r);
    if (cb) calls->emplace_back(alloc::try_incref(O(r)) ? O(r) : nullptr, cb);
  }
}

void run_weakref_callbacks(WeakrefCalls* calls) {
  if (calls->empty()) return;
  ORef saved = steal(error_take());
  for (auto& [r, cb] : *calls) {
    if (r) {
      Object* res = call1(cb, r);
      if (res) {
        decref(res);
      } else {
        write_unraisable(cb);
      }
      decref(r);
    }
    decref(cb);
  }
  calls->clear();
  if (saved) set_error_steal(saved.release());
}

void clear_weakrefs(Object* o) {
  if (!load_head(weaklist_ptr(o))) return;
  WeakrefCalls calls;
  detach_weakrefs(o, &calls);
  run_weakref_callbacks(&calls);
}

// Frees a weak reference (any of the three types, and the static part of subclasses).
void weakref_dealloc(Object* self) {
  WeakRef* r = W(self);
  Object* cb = nullptr;
  if (r->weakrefs_lock) {
    StripeLock lock(r->weakrefs_lock);
    if (r->wr_object != none()) {
      cb = detach_locked(r);
    } else {
      cb = r->wr_callback;
      r->wr_callback = nullptr;
    }
  }
  xdecref(cb);
  Type* t = type_of(self);
  object_free(self);
  dealloc_type_ref(t);
}

ssize weakref_count(Object* o) {
  if (!type_supports_weakrefs(type_of(o))) return 0;
  StripeLock lock(stripe_of(o));
  ssize n = 0;
  for (WeakRef* r = load_head(weaklist_ptr(o)); r; r = r->wr_next) n++;
  return n;
}

Object* weakref_list(Object* o) {
  if (!type_supports_weakrefs(type_of(o))) return list_new(0);
  std::vector<Object*> refs;
  {
    StripeLock lock(stripe_of(o));
    for (WeakRef* r = load_head(weaklist_ptr(o)); r; r = r->wr_next)
      if (alloc::try_incref(O(r))) refs.push_back(O(r));
  }
  Object* list = list_new(ssize(refs.size()));
  for (size_t i = 0; i < refs.size(); i++) {
    if (list) {
      list_items(list)[i] = refs[i];  // steals
    } else {
      decref(refs[i]);
    }
  }
  return list;
}

Object* weakref_first(Object* o) {
  if (type_supports_weakrefs(type_of(o))) {
    StripeLock lock(stripe_of(o));
    for (WeakRef* r = load_head(weaklist_ptr(o)); r; r = r->wr_next)
      if (alloc::try_incref(O(r))) return O(r);
  }
  return newref(none());
}

// ---- weakref.ReferenceType ----

namespace {

Object* ref_tp_new(Type* type, Object* args, Object* /*kwargs: ignored, for subclasses*/) {
  ssize n = tuple_size(args);
  if (!check_positional("__new__", n, nullptr, 1, 2)) return nullptr;
  return weakref_get_or_create(type, tuple_get(args, 0), n > 1 ? tuple_get(args, 1) : nullptr);
}

// __init__ only validates: __new__ did the work (it must, to reuse references).
int ref_tp_init(Object*, Object* args, Object* kwargs) {
  if (kwargs && dict_size(kwargs) > 0) {
    set_error(&exc_TypeError, "ref() takes no keyword arguments");
    return -1;
  }
  return check_positional("__init__", tuple_size(args), nullptr, 1, 2) ? 0 : -1;
}

Object* ref_call(Object* self, Object* args, Object* kwargs) {
  if (kwargs && dict_size(kwargs) > 0) return set_error(&exc_TypeError, "weakref() takes no keyword arguments");
  if (!check_positional("weakref", tuple_size(args), nullptr, 0, 0)) return nullptr;
  Object* obj = weakref_get(self);
  return obj ? obj : newref(none());
}

hash_t ref_hash(Object* self) {
  WeakRef* r = W(self);
  hash_t h = __atomic_load_n(&r->hash, __ATOMIC_RELAXED);
  if (h != -1) return h;
  ORef obj = steal(weakref_get(self));
  if (!obj) {
    set_error(&exc_TypeError, "weak object has gone away");
    return -1;
  }
  h = object_hash(obj.get());
  if (h != -1) __atomic_store_n(&r->hash, h, __ATOMIC_RELAXED);  // racing threads store the same value
  return h;
}

// The referent's __name__ looked up on its type (CPython's _PyObject_LookupSpecial), as a UTF-8 string; empty
// when there is none or it is not a str.
std::string special_name(Object* obj) {
  Object* attr = type_lookup(type_of(obj), strs::name);
  if (!attr) return {};
  ORef keep = borrow(attr);
  ORef name;
  if (descrgetfunc get = type_of(attr)->tp_descr_get) {
    name = steal(get(attr, obj, reinterpret_cast<Object*>(type_of(obj))));
  } else {
    name = keep;
  }
  if (!name || !type_check(name.get(), &str_type)) {
    error_clear();
    return {};
  }
  return std::string(str_view(name.get()));
}

Object* ref_repr(Object* self) {
  ORef obj = steal(weakref_get(self));
  const void* addr = self;
  if (!obj) return str_from_utf8(fmt::format("<weakref at {}; dead>", addr));
  std::string name = special_name(obj.get());
  const void* target = obj.get();
  if (name.empty())
    return str_from_utf8(fmt::format("<weakref at {}; to '{}' at {}>", addr, type_name(obj.get()), target));
  return str_from_utf8(fmt::format("<weakref at {}; to '{}' at {} ({})>", addr, type_name(obj.get()), target, name));
}

// == and != compare the referents while both are alive, identity otherwise. Proxies count as weak references.
Object* ref_richcompare(Object* self, Object* other, int op) {
  if ((op != Py_EQ && op != Py_NE) || !weakref_check(self) || !weakref_check(other)) return newref(not_implemented());
  ORef a = steal(weakref_get(self));
  ORef b = steal(weakref_get(other));
  if (!a || !b) {
    bool same = self == other;
    return newref(bool_obj(op == Py_EQ ? same : !same));
  }
  return rich_compare(a.get(), b.get(), op);
}

// __callback__ is read under the stripe: clearing drops the callback concurrently.
Object* ref_get_callback(Object* self, void*) {
  WeakRef* r = W(self);
  Object* cb = nullptr;
  if (r->weakrefs_lock) {
    StripeLock lock(r->weakrefs_lock);
    cb = xnewref(r->wr_callback);
  }
  return cb ? cb : newref(none());
}
int ref_set_callback(Object*, Object*, void*) {
  set_error(&exc_AttributeError, "readonly attribute");
  return -1;
}

PyGetSetDef ref_getset[] = {{"__callback__", ref_get_callback, ref_set_callback, nullptr, nullptr},
                            {nullptr, nullptr, nullptr, nullptr, nullptr}};

}  // namespace

Type weakref_ref_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "weakref.ReferenceType",
    .tp_basicsize = sizeof(WeakRef),
    .tp_dealloc = weakref_dealloc,
    .tp_vectorcall_offset = offsetof(WeakRef, vectorcall),
    .tp_repr = ref_repr,
    .tp_hash = ref_hash,
    .tp_call = ref_call,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_richcompare = ref_richcompare,
    .tp_getset = ref_getset,
    .tp_init = ref_tp_init,
    .tp_new = ref_tp_new,
};

int weakref_init_types() {
  for (Type* t : {&weakref_ref_type, &weakref_proxy_type, &weakref_callable_proxy_type})
    if (type_ready(t) < 0) return -1;
  return 0;
}

}  // namespace pyvm
