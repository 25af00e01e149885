// The per-module lock of extension modules that did not declare Py_MOD_GIL_NOT_USED: the lock itself, which types
// are bound to it, the trampolines that take it around their slots, methods and getsets, and its release by
// PyEval_SaveThread (Py_BEGIN_ALLOW_THREADS). Owner: capi-a (module lock).
//
// Which types: a type made by PyType_FromSpec* / PyType_FromModuleAndSpec / PyType_FromMetaclass, or a static type
// readied by PyType_Ready, while its module's PyInit_* or Py_mod_exec runs on this thread (ModuleInitScope). Types
// readied later (lazily, from a module function) are not bound.
//
// What runs under the lock: every slot the extension itself supplies (its own function pointers; functions of the
// runtime, such as PyObject_GenericGetAttr or PyType_GenericNew, are left alone), the tp_methods and tp_getset
// functions, and a static type's tp_vectorcall. tp_dealloc, tp_finalize, tp_del and tp_clear take the lock too:
// under CPython they run with the GIL held, and extensions rely on that (free lists, counters in module state).
// Deallocation happens on attached threads only (decref, the merge queue and the cycle collector's tp_clear run
// attached), and a thread waiting for the lock detaches, so a dealloc that must wait never stalls stop-the-world.
// The cost is that a decref anywhere may wait for the module (as it would wait for the GIL under CPython).
// Not locked: tp_traverse and tp_is_gc (read-only, GC bookkeeping), tp_alloc and tp_free (memory only),
// PyMemberDef fields (plain loads and stores the runtime does itself), and per-instance vectorcall functions
// (tp_vectorcall_offset: the extension stores those pointers in each instance).
//
// The trampolines (x86-64): a 24-byte thunk per wrapped function, made at bind time in an executable arena, loads a
// context pointer into r9 (the 6th integer argument register) and jumps to thunk_entry, which calls the original
// with the first five argument registers under the lock. Every slot, method and getset signature takes at most five
// integer/pointer arguments and returns an integer, a pointer or nothing, so one entry serves them all.
//
// Thread-safety: a lock is recursive and owned by one thread at a time; its `enabled` flag is atomic. The locks a
// thread holds and the ones PyEval_SaveThread released are thread_local. Binding is serialised by g_bind_mu.
#include <dlfcn.h>
#include <pthread.h>
#include <sys/mman.h>

#include <atomic>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <utility>
#include <vector>

#include "alloc/heap.h"
#include "compat/capi/module_internal.h"
#include "compat/capi/type_slots.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "vm/threads.h"

namespace pyvm::capi {

struct ModuleLock {
  std::mutex mu;
  std::atomic<uint64_t> owner{0};
  int depth = 0;                     // touched by the owner only
  std::atomic<bool> enabled{true};  // false after PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED)
  std::atomic<int> refs{1};         // the module, the init scope, and every bound type (types never let go)
};

namespace {

thread_local std::vector<ModuleLock*> t_held;  // locks this thread acquired, outermost first
// PyEval_SaveThread's frames: the locks (and their depths) each one released, for PyEval_RestoreThread.
thread_local std::vector<std::vector<std::pair<ModuleLock*, int>>> t_saved;
thread_local ModuleLock* t_init_lock = nullptr;  // the lock of the module whose init/exec runs on this thread

uint64_t self_id() { return uint64_t(pthread_self()); }

void acquire_fresh(ModuleLock* l, int depth) {
  if (!l->mu.try_lock()) {
    BlockingSection detached;
    l->mu.lock();
  }
  l->owner.store(self_id(), std::memory_order_relaxed);
  l->depth = depth;
  t_held.push_back(l);
}

void forget_held(ModuleLock* l) {
  for (size_t i = t_held.size(); i-- > 0;)
    if (t_held[i] == l) {
      t_held.erase(t_held.begin() + ssize(i));
      return;
    }
}

}  // namespace

ModuleLock* module_lock_new() { return new ModuleLock(); }
void module_lock_retain(ModuleLock* l) { l->refs.fetch_add(1, std::memory_order_relaxed); }
void module_lock_drop(ModuleLock* l) {
  if (l->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete l;
}
bool module_lock_enabled(ModuleLock* l) { return l->enabled.load(std::memory_order_acquire); }
void module_lock_set_enabled(ModuleLock* l, bool on) { l->enabled.store(on, std::memory_order_release); }

void module_lock_acquire(ModuleLock* l) {
  if (l->owner.load(std::memory_order_relaxed) == self_id()) {
    l->depth++;
    return;
  }
  acquire_fresh(l, 1);
}

void module_lock_release(ModuleLock* l) {
  if (--l->depth == 0) {
    l->owner.store(0, std::memory_order_relaxed);
    forget_held(l);
    l->mu.unlock();
  }
}

ModuleInitScope::ModuleInitScope(ModuleLock* l) : prev_(t_init_lock) { t_init_lock = l; }
ModuleInitScope::~ModuleInitScope() { t_init_lock = prev_; }
ModuleLock* module_init_lock() { return t_init_lock; }

// Py_BEGIN_ALLOW_THREADS releases the GIL under CPython: here, every module lock the thread holds, however deep.
void module_locks_save() {
  auto& frame = t_saved.emplace_back();
  for (ModuleLock* l : t_held) {
    frame.emplace_back(l, l->depth);
    l->depth = 0;
    l->owner.store(0, std::memory_order_relaxed);
    l->mu.unlock();
  }
  t_held.clear();
}

// Py_END_ALLOW_THREADS: takes them back, outermost first, with their depths (the thread is attached again, so a
// wait detaches).
void module_locks_restore() {
  if (t_saved.empty()) return;
  auto frame = std::move(t_saved.back());
  t_saved.pop_back();
  for (auto& [l, depth] : frame) acquire_fresh(l, depth);
}

// ---- trampolines ----

namespace {

struct ThunkCtx {
  void* fn;
  ModuleLock* lock;
};

using Word = uintptr_t;
using AnyFn = Word (*)(Word, Word, Word, Word, Word);

Word thunk_entry(Word a, Word b, Word c, Word d, Word e, const ThunkCtx* ctx) {
  auto fn = reinterpret_cast<AnyFn>(ctx->fn);
  ModuleLock* l = ctx->lock;
  if (!module_lock_enabled(l)) return fn(a, b, c, d, e);
  module_lock_acquire(l);
  Word r = fn(a, b, c, d, e);
  module_lock_release(l);
  return r;
}

constexpr size_t kThunkSize = 24;
constexpr size_t kArenaSize = size_t(64) << 20;  // reserved address space; pages are committed per bound type
constexpr size_t kPage = 4096;

std::mutex g_bind_mu;
char* g_arena = nullptr;  // guarded by g_bind_mu
size_t g_arena_used = 0;

bool is_thunk(void* fn) {
  char* p = static_cast<char*>(fn);
  return g_arena && p >= g_arena && p < g_arena + kArenaSize;
}

// Whether fn is the runtime's own code (libpyvm.so), which needs no lock.
bool in_runtime(void* fn) {
  static void* runtime_base = [] {
    Dl_info info;
    return dladdr(reinterpret_cast<void*>(&module_lock_new), &info) ? info.dli_fbase : nullptr;
  }();
  Dl_info info;
  return dladdr(fn, &info) && info.dli_fbase == runtime_base;
}

bool needs_thunk(void* fn) { return fn && !is_thunk(fn) && !in_runtime(fn); }

// Thunks for n functions: executable code in fresh arena pages (written, then made read+execute; never changed
// again, so threads already running other thunks are unaffected) plus their contexts. Null with an error set.
struct ThunkBlock {
  char* code;
  ThunkCtx* ctx;
};

#if defined(__x86_64__)
void write_thunk(char* at, const ThunkCtx* ctx) {
  static const unsigned char kCode[kThunkSize] = {
      0x49, 0xB9, 0, 0, 0, 0, 0, 0, 0, 0,  // movabs r9, ctx
      0x49, 0xBB, 0, 0, 0, 0, 0, 0, 0, 0,  // movabs r11, entry
      0x41, 0xFF, 0xE3,                    // jmp r11
      0xCC,                                // int3 (padding)
  };
  std::memcpy(at, kCode, kThunkSize);
  uint64_t c = uint64_t(reinterpret_cast<uintptr_t>(ctx));
  uint64_t e = uint64_t(reinterpret_cast<uintptr_t>(&thunk_entry));
  std::memcpy(at + 2, &c, 8);
  std::memcpy(at + 12, &e, 8);
}
constexpr bool kHaveThunks = true;
#else
void write_thunk(char*, const ThunkCtx*) {}
constexpr bool kHaveThunks = false;
#endif

// The slots that never take the lock (see the file comment), and the non-function ones.
bool slot_skipped(int id) {
  switch (id) {
    case Py_tp_alloc:
    case Py_tp_free:
    case Py_tp_base:
    case Py_tp_bases:
    case Py_tp_doc:
    case Py_tp_methods:
    case Py_tp_members:
    case Py_tp_getset:
    case Py_tp_traverse:
    case Py_tp_is_gc:
      return true;
    default:
      return false;
  }
}

// A static type's sub-tables belong to the extension (and may be shared, or reused by another module instance):
// the bound type gets its own copies.
template <typename T>
bool own_copy(T*& table) {
  if (!table) return true;
  auto* copy = static_cast<T*>(alloc::raw_alloc(sizeof(T)));
  if (!copy) return false;
  std::memcpy(copy, table, sizeof(T));
  table = copy;
  return true;
}

}  // namespace

int type_bind_module_lock(PyTypeObject* t) {
  ModuleLock* lock = t_init_lock;
  if (!lock || !module_lock_enabled(lock)) return 0;
  std::lock_guard<std::mutex> g(g_bind_mu);
  bool heap = t->tp_flags & Py_TPFLAGS_HEAPTYPE;
  if (!heap && !(own_copy(t->tp_as_number) && own_copy(t->tp_as_sequence) && own_copy(t->tp_as_mapping) &&
                 own_copy(t->tp_as_async) && own_copy(t->tp_as_buffer))) {
    no_memory();
    return -1;
  }
  // Every function pointer to replace, by address.
  std::vector<void**> sites;
  for (int id = 1; id <= kMaxSlotId; id++) {
    if (slot_skipped(id)) continue;
    const SlotInfo& s = kSlotTable[id];
    char* base = reinterpret_cast<char*>(t);
    if (s.table >= 0) {
      base = *reinterpret_cast<char**>(base + s.table);
      if (!base) continue;
    }
    auto** site = reinterpret_cast<void**>(base + s.field);
    if (needs_thunk(*site)) sites.push_back(site);
  }
  if (!heap && needs_thunk(reinterpret_cast<void*>(t->tp_vectorcall)))
    sites.push_back(reinterpret_cast<void**>(&t->tp_vectorcall));
  if (t->tp_methods) {
    ssize n = 0;
    while (t->tp_methods[n].ml_name) n++;
    auto* copy = static_cast<PyMethodDef*>(alloc::raw_calloc(size_t(n + 1), sizeof(PyMethodDef)));
    if (!copy) {
      no_memory();
      return -1;
    }
    std::memcpy(copy, t->tp_methods, size_t(n) * sizeof(PyMethodDef));
    t->tp_methods = copy;
    for (ssize i = 0; i < n; i++)
      if (needs_thunk(reinterpret_cast<void*>(copy[i].ml_meth)))
        sites.push_back(reinterpret_cast<void**>(&copy[i].ml_meth));
  }
  if (t->tp_getset) {
    ssize n = 0;
    while (t->tp_getset[n].name) n++;
    auto* copy = static_cast<PyGetSetDef*>(alloc::raw_calloc(size_t(n + 1), sizeof(PyGetSetDef)));
    if (!copy) {
      no_memory();
      return -1;
    }
    std::memcpy(copy, t->tp_getset, size_t(n) * sizeof(PyGetSetDef));
    t->tp_getset = copy;
    for (ssize i = 0; i < n; i++) {
      if (needs_thunk(reinterpret_cast<void*>(copy[i].get))) sites.push_back(reinterpret_cast<void**>(&copy[i].get));
      if (needs_thunk(reinterpret_cast<void*>(copy[i].set))) sites.push_back(reinterpret_cast<void**>(&copy[i].set));
    }
  }
  if (sites.empty()) return 0;
  if (!kHaveThunks) {
    set_errorf(&exc_SystemError,
               "type {}: running a GIL-using extension's types under its module lock needs trampolines, which pyvm "
               "has only on x86-64",
               t->tp_name);
    return -1;
  }
  if (!g_arena) {
    void* p = mmap(nullptr, kArenaSize, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
      set_error(&exc_MemoryError, "cannot reserve memory for module-lock trampolines");
      return -1;
    }
    g_arena = static_cast<char*>(p);
  }
  size_t bytes = (sites.size() * kThunkSize + kPage - 1) & ~(kPage - 1);
  if (g_arena_used + bytes > kArenaSize) {
    set_errorf(&exc_SystemError, "type {}: too many functions under module locks (trampoline space exhausted)",
               t->tp_name);
    return -1;
  }
  char* code = g_arena + g_arena_used;
  if (mprotect(code, bytes, PROT_READ | PROT_WRITE) != 0) {
    set_error(&exc_MemoryError, "cannot commit memory for module-lock trampolines");
    return -1;
  }
  auto* ctx = static_cast<ThunkCtx*>(alloc::raw_calloc(sites.size(), sizeof(ThunkCtx)));
  if (!ctx) {
    no_memory();
    return -1;
  }
  for (size_t i = 0; i < sites.size(); i++) {
    ctx[i] = {*sites[i], lock};
    write_thunk(code + i * kThunkSize, &ctx[i]);
  }
  if (mprotect(code, bytes, PROT_READ | PROT_EXEC) != 0) {
    set_error(&exc_MemoryError, "cannot make module-lock trampolines executable");
    return -1;
  }
  g_arena_used += bytes;
  for (size_t i = 0; i < sites.size(); i++) *sites[i] = code + i * kThunkSize;
  module_lock_retain(lock);  // the type's reference: types outlive their module's object
  return 0;
}

}  // namespace pyvm::capi
