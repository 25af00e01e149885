// The core object API every type builds on: owned references, allocation, type checks and the static strings.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>

#include "alloc/heap.h"
#include "alloc/refcount.h"
#include "pyvm_abi/concrete.h"
#include "pyvm_abi/heaptype.h"

namespace pyvm {

// The one layout definition lives in compat/include; C++ code uses it under these names.
using Object = PyObject;
using VarObject = PyVarObject;
using Type = PyTypeObject;
using HeapType = PyHeapTypeObject;
using ssize = Py_ssize_t;
using hash_t = Py_hash_t;

inline void incref(Object* o) { alloc::incref(o); }
inline void decref(Object* o) { alloc::decref(o); }
inline void xincref(Object* o) { alloc::xincref(o); }
inline void xdecref(Object* o) { alloc::xdecref(o); }
// CPython's Py_CLEAR: nulls the slot, then releases what it held (whose destructor may look at the slot again).
// Plain stores: for objects no other thread can reach (a tp_clear on garbage, a dealloc).
inline void clear_ref(Object** slot) {
  Object* v = *slot;
  *slot = nullptr;
  alloc::xdecref(v);
}
inline Object* newref(Object* o) {
  incref(o);
  return o;
}
inline Object* xnewref(Object* o) {
  xincref(o);
  return o;
}
// Replaces *slot with v (steals v), dropping the old value afterwards.
inline void set_slot(Object** slot, Object* v) {
  Object* old = *slot;
  *slot = v;
  xdecref(old);
}

// For slots that other threads read without a lock (load_shared_slot): publishes v (stolen) and gives the old value
// up through QSBR (alloc::release_deferred), so a concurrent reader that loaded the old pointer can still take its
// reference. Callers serialise writers to the same slot (or accept last-writer-wins, as CPython does).
void set_shared_slot(Object** slot, Object* v);
// A new reference to the value of such a slot, or null when the slot is empty. Lock-free.
inline Object* load_shared_slot(Object** slot) {
  Object* v = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
  if (v) incref(v);
  return v;
}

// An owning reference. Null means "no object" (usually: an error is set).
template <class T = Object>
class Ref {
 public:
  Ref() = default;
  Ref(std::nullptr_t) {}
  Ref(const Ref& o) : p_(o.p_) { xincref(obj()); }
  Ref(Ref&& o) noexcept : p_(o.p_) { o.p_ = nullptr; }
  template <class U>
  Ref(Ref<U>&& o) noexcept : p_(reinterpret_cast<T*>(o.release())) {}
  ~Ref() { xdecref(obj()); }
  Ref& operator=(Ref o) noexcept {
    std::swap(p_, o.p_);
    return *this;
  }
  // Takes over a new reference.
  static Ref steal(T* p) {
    Ref r;
    r.p_ = p;
    return r;
  }
  static Ref steal(Object* p) requires(!std::is_same_v<T, Object>) {
    Ref r;
    r.p_ = reinterpret_cast<T*>(p);
    return r;
  }
  // Takes a new reference to a borrowed pointer.
  static Ref borrow(T* p) {
    xincref(reinterpret_cast<Object*>(p));
    return steal(p);
  }
  T* get() const { return p_; }
  T* operator->() const { return p_; }
  Object* obj() const { return reinterpret_cast<Object*>(p_); }
  explicit operator bool() const { return p_ != nullptr; }
  [[nodiscard]] T* release() {
    T* p = p_;
    p_ = nullptr;
    return p;
  }
  [[nodiscard]] Object* release_obj() { return reinterpret_cast<Object*>(release()); }
  void reset(T* p = nullptr) { *this = steal(p); }

 private:
  T* p_ = nullptr;
};
using ORef = Ref<Object>;
inline ORef steal(Object* o) { return ORef::steal(o); }
inline ORef borrow(Object* o) { return ORef::borrow(o); }

// Relaxed-atomic load (a plain load on x86-64 and arm64): `__class__` assignment swaps ob_type while other threads
// read it (objects/object.cc object_set_class releases the old class through QSBR).
inline Type* type_of(const Object* o) { return __atomic_load_n(&o->ob_type, __ATOMIC_RELAXED); }
// An object taken from a free list becomes a new object of type t, owned by the calling thread, refcount 1.
inline void init_recycled_header(Object* o, Type* t, uint8_t gc_bits) {
  o->ob_tid = alloc::thread_id();
  o->_padding = 0;
  o->ob_mutex._bits = 0;
  o->ob_gc_bits = gc_bits;
  o->ob_ref_local = 1;
  o->ob_ref_shared = 0;
  o->ob_type = t;
}
inline ssize var_size(const Object* o) { return reinterpret_cast<const VarObject*>(o)->ob_size; }
// Relaxed-atomic store: lock-free readers (len() of a list or deque) may load ob_size while its owner resizes it.
inline void set_var_size(Object* o, ssize n) { __atomic_store_n(&reinterpret_cast<VarObject*>(o)->ob_size, n, __ATOMIC_RELAXED); }
inline bool has_flag(const Type* t, unsigned long f) { return (t->tp_flags & f) != 0; }

// Walks tp_mro (or tp_base before the MRO exists).
bool is_subtype(Type* a, Type* b);
inline bool type_check(const Object* o, Type* t) { return type_of(o) == t || is_subtype(type_of(o), t); }
inline bool type_check_exact(const Object* o, Type* t) { return type_of(o) == t; }

// Allocation. The new object is owned by the calling thread with one reference; its type is increfed when it is a
// heap type. `gc` objects go to the GC heap. Fields past the header are zero.
[[nodiscard]] Object* new_object(Type* type, size_t size);
[[nodiscard]] Object* new_var_object(Type* type, ssize nitems);  // basicsize + nitems*itemsize, sets ob_size
// The tp_free every built-in uses; tp_dealloc calls it after releasing the object's fields.
void object_free(void* p);
namespace alloc {
struct GcHead;
}
// The GC header of an object of a Py_TPFLAGS_HAVE_GC type allocated by new_object (alloc/gc_registry.h).
alloc::GcHead* gc_head_of(Object* o);
// The instance dict slot of an object whose type has Py_TPFLAGS_MANAGED_DICT (a pre-header word).
Object** managed_dict_ptr(Object* o);
// tp_flags bit (unused by CPython 3.13) marking a static type that an extension readied through PyType_Ready. Its
// tp_dealloc follows CPython's convention and does not drop the reference that a heap subclass's instance holds
// on its type, so subtype_dealloc drops it (the runtime's own static types drop it themselves).
constexpr unsigned long kTpFlagCApiStatic = 1UL << 21;
// tp_flags bit (beyond CPython's 32) of the runtime's collectable types whose tp_traverse has been reviewed to visit
// only references the object owns (vm/gc.cc trusts only these, classes, and extension types).
constexpr unsigned long kTpFlagGcAudited = 1UL << 32;
// Drops the type reference of a heap-type instance; used by tp_dealloc after freeing.
inline void dealloc_type_ref(Type* t) {
  if (has_flag(t, Py_TPFLAGS_HEAPTYPE)) decref(reinterpret_cast<Object*>(t));
}

// Hash helpers matching CPython's numeric hash (modulus 2**61 - 1).
constexpr int kHashBits = 61;
constexpr uint64_t kHashModulus = (uint64_t{1} << kHashBits) - 1;
constexpr hash_t kHashInf = 314159;
constexpr hash_t kHashImag = 1000003;

}  // namespace pyvm
