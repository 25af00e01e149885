// Weak references: the weakref.ReferenceType / ProxyType / CallableProxyType objects and the per-referent lists
// that every type with tp_weaklistoffset keeps (clear_weakrefs must run in its tp_dealloc before the memory goes).
#pragma once

#include <utility>
#include <vector>

#include "objects/object.h"

namespace pyvm {

using WeakRef = PyWeakReference;  // the 3.13t layout (compat/include/pyvm_abi/concrete.h)

extern Type weakref_ref_type asm("_PyWeakref_RefType");             // weakref.ReferenceType, alias _weakref.ref; subclassable
extern Type weakref_proxy_type asm("_PyWeakref_ProxyType");           // weakref.ProxyType
extern Type weakref_callable_proxy_type asm("_PyWeakref_CallableProxyType");  // weakref.CallableProxyType

bool weakref_check_ref(const Object* o);    // ReferenceType or a subclass
bool weakref_check_proxy(const Object* o);  // either proxy type
inline bool weakref_check(const Object* o) { return weakref_check_ref(o) || weakref_check_proxy(o); }

inline bool type_supports_weakrefs(const Type* t) { return t->tp_weaklistoffset != 0; }
// The head of o's list of weak references (the type must support them). Managed weak references (heap types,
// Py_TPFLAGS_MANAGED_WEAKREF) have a negative offset into the pre-header.
inline Object** weaklist_ptr(Object* o) {
  return reinterpret_cast<Object**>(reinterpret_cast<char*>(o) + type_of(o)->tp_weaklistoffset);
}
// tp_weaklistoffset of classes with Py_TPFLAGS_MANAGED_WEAKREF: the first pre-header word (3.13t's value).
constexpr ssize kManagedWeakrefOffset = -2 * ssize(sizeof(Object*));

// ref(obj, callback) and proxy(obj, callback): a new reference; the existing callback-less basic ref / proxy is
// returned again when callback is null or None. TypeError when obj's type does not support weak references.
[[nodiscard]] Object* weakref_new(Object* obj, Object* callback);
[[nodiscard]] Object* weakref_proxy_new(Object* obj, Object* callback);

// The referent as a new reference, or null (no error set) when it is dead or dying.
[[nodiscard]] Object* weakref_get(Object* ref);
bool weakref_is_dead(Object* ref);

// Detaches every weak reference to `o` (they then return None) and calls their callbacks, newest first, with the
// weak reference as argument; a callback's exception is reported as unraisable. The caller is o's tp_dealloc:
// o's count has reached zero and its memory must still be valid. Cheap when o has no weak references.
// Preserves the exception that is set on entry.
void clear_weakrefs(Object* o);
// clear_weakrefs in two steps, for the cycle collector: detach_weakrefs (with the world stopped: it takes only a
// weak-reference stripe lock, never held across Python code) appends (reference or null, callback) pairs, each
// holding references, that run_weakref_callbacks calls later, with the world running.
using WeakrefCalls = std::vector<std::pair<Object*, Object*>>;
void detach_weakrefs(Object* o, WeakrefCalls* calls);
void run_weakref_callbacks(WeakrefCalls* calls);

// _weakref.getweakrefcount / getweakrefs, and the `__weakref__` attribute (the first live weak reference, or
// None). `o` may be of any type.
ssize weakref_count(Object* o);
[[nodiscard]] Object* weakref_list(Object* o);
[[nodiscard]] Object* weakref_first(Object* o);

// Shared by weakref.cc and weakref_proxy.cc: creates (or reuses) a reference of `type` to `referent`; the
// tp_dealloc of all three types.
[[nodiscard]] Object* weakref_get_or_create(Type* type, Object* referent, Object* callback);
void weakref_dealloc(Object* self);

// Readies the three types (init_types calls it).
[[nodiscard]] int weakref_init_types();

}  // namespace pyvm
