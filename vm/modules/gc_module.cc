// The gc module: CPython's interface to the cycle collector. pyvm has no cycle collector yet (objects are freed by
// reference counting only), so collect() finds nothing and returns 0 (it does merge the threads' queued reference
// counts, which frees objects whose last reference another thread dropped), get_objects() returns [] and
// get_referrers() raises NotImplementedError; the settings (enabled flag, thresholds, debug flags, freeze count)
// are kept so that code that saves and restores them behaves as under CPython.
//
// Thread-safety: the settings are atomics; `callbacks` and `garbage` are ordinary lists (locked by their own
// critical sections).
#include <atomic>
#include <vector>

#include "alloc/heap.h"
#include "alloc/refcount.h"
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/modules/modules.h"
#include "vm/threads.h"

namespace pyvm {
namespace {

std::atomic<bool> g_enabled{true};
std::atomic<long> g_debug{0};
std::atomic<long> g_threshold[3] = {2000, 10, 10};

Object* gc_enable(Object*, Object*) {
  g_enabled = true;
  return newref(none());
}
Object* gc_disable(Object*, Object*) {
  g_enabled = false;
  return newref(none());
}
Object* gc_isenabled(Object*, Object*) { return newref(bool_obj(g_enabled)); }

// References that other threads dropped on objects owned by a thread that is blocked (in a lock wait, say) sit in
// that owner's merge queue until its next eval-breaker check, which may never come: an object whose last reference
// went away stays alive. Like CPython 3.13t's collector, merge every thread's queue with the world stopped, then
// free what reached zero once the world runs again (a destructor may run Python code).
void merge_queued_refcounts() {
  alloc::drain_merge_queue();
  if (registered_thread_count() <= 1) {
    // Alone: releases left pending (by this thread, or by threads that have exited) are safe to run now.
    std::vector<PyObject*> deferred;
    alloc::take_all_deferred(&deferred);
    for (PyObject* o : deferred) alloc::run_deferred_entry(o);
    alloc::drain_merge_queue();
    return;
  }
  // Freeing an object drops its references to others, which may be queued to their owners in turn (a list built
  // by another thread holds that thread's objects): repeat while a round frees something.
  // References given up through QSBR (a dict entry deleted while other threads run) are released too: with the
  // world stopped every thread is at a quiescent point.
  std::vector<PyObject*> dead, deferred;
  for (int round = 0; round < 64; round++) {
    stop_the_world();
    alloc::merge_other_queues(&dead);
    alloc::take_all_deferred(&deferred);
    start_the_world();
    if (dead.empty() && deferred.empty()) break;
    for (PyObject* o : deferred) alloc::run_deferred_entry(o);
    for (PyObject* o : dead) alloc::dealloc(o);
    dead.clear();
    deferred.clear();
    alloc::drain_merge_queue();
  }
}

// collect(generation=2): there is no cycle collector, so nothing is ever found unreachable.
// TODO(gc): run the collector and the gc.callbacks ("start"/"stop") once pyvm has one.
Object* gc_collect(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* out[1] = {};
  if (!parse_args("collect", args, nargs, kwnames, {"generation"}, 0, out)) return nullptr;
  if (out[0]) {
    ORef g = steal(number_index(out[0]));
    if (!g) return nullptr;
    int ovf = 0;
    int64_t gen = int_as_i64(g.get(), &ovf);
    if (ovf || gen < 0 || gen > 2) return set_error(&exc_ValueError, "invalid generation");
  }
  merge_queued_refcounts();
  return int_from_i64(0);
}

Object* gc_get_count(Object*, Object*) {
  ORef z = steal(int_from_i64(0));
  if (!z) return nullptr;
  return tuple_pack({z.get(), z.get(), z.get()});
}

Object* gc_get_threshold(Object*, Object*) {
  ORef a = steal(int_from_i64(g_threshold[0]));
  ORef b = steal(int_from_i64(g_threshold[1]));
  ORef c = steal(int_from_i64(g_threshold[2]));
  if (!a || !b || !c) return nullptr;
  return tuple_pack({a.get(), b.get(), c.get()});
}

bool long_arg(Object* o, long* out) {
  if (type_check(o, &float_type)) {
    set_error(&exc_TypeError, "'float' object cannot be interpreted as an integer");
    return false;
  }
  ORef i = steal(number_index(o));
  if (!i) return false;
  int ovf = 0;
  int64_t v = int_as_i64(i.get(), &ovf);
  if (ovf) {
    set_error(&exc_OverflowError, "Python int too large to convert to C long");
    return false;
  }
  *out = long(v);
  return true;
}

Object* gc_set_threshold(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!no_keywords("set_threshold", kwnames)) return nullptr;
  if (nargs < 1 || nargs > 3) return set_error(&exc_TypeError, "gc.set_threshold requires 1 to 3 arguments");
  long v[3];
  for (ssize i = 0; i < nargs; i++)
    if (!long_arg(args[i], &v[i])) return nullptr;
  for (ssize i = 0; i < nargs; i++) g_threshold[i] = v[i];
  return newref(none());
}

Object* gc_get_debug(Object*, Object*) { return int_from_i64(g_debug); }
Object* gc_set_debug(Object*, Object* arg) {
  long v;
  if (!long_arg(arg, &v)) return nullptr;
  g_debug = v;
  return newref(none());
}

// get_objects(generation=None): pyvm keeps no list of tracked objects yet, so there is nothing to return.
// TODO(gc): walk the GC heap once the allocator can enumerate live objects.
Object* gc_get_objects(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* out[1] = {};
  if (!parse_args("get_objects", args, nargs, kwnames, {"generation"}, 0, out)) return nullptr;
  if (out[0] && out[0] != none()) {
    ORef g = steal(number_index(out[0]));
    if (!g) return nullptr;
    int ovf = 0;
    int64_t gen = int_as_i64(g.get(), &ovf);
    if (ovf || gen >= 3)
      return set_errorf(&exc_ValueError,
                        "generation parameter must be less than the number of "
                        "available generations (3)");
    if (gen < 0) return set_error(&exc_ValueError, "generation parameter cannot be negative");
  }
  return list_new(0);
}

// Finding referrers needs a walk over every live object, which pyvm cannot do yet.
Object* gc_get_referrers(Object*, Object*, ssize, Object*) {
  return set_error(&exc_NotImplementedError,
                   "gc.get_referrers() is not implemented in pyvm yet (it needs a heap walk over all live objects)");
}

// get_referents(*objs): what each object's tp_traverse visits.
int collect_referent(Object* o, void* list) { return list_append(static_cast<Object*>(list), o); }

Object* gc_get_referents(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!no_keywords("get_referents", kwnames)) return nullptr;
  ORef result = steal(list_new(0));
  if (!result) return nullptr;
  for (ssize i = 0; i < nargs; i++) {
    Type* t = type_of(args[i]);
    if (!has_flag(t, Py_TPFLAGS_HAVE_GC) || !t->tp_traverse) continue;
    if (t->tp_traverse(args[i], collect_referent, result.get()) != 0) return nullptr;
  }
  return result.release();
}

// Whether CPython's collector would track `o`: instances of GC types, except tuples and dicts that hold only
// untracked objects (CPython untracks those lazily; pyvm answers as if that had happened). Instances of classes
// and modules count as GC objects, as in CPython, although pyvm's types do not all carry Py_TPFLAGS_HAVE_GC yet.
bool tracked(Object* o, int depth) {
  Type* t = type_of(o);
  if (has_flag(t, Py_TPFLAGS_HEAPTYPE) || type_check(o, &module_type)) return true;
  if (!has_flag(t, Py_TPFLAGS_HAVE_GC)) return false;
  if (depth > 50) return true;
  if (type_check_exact(o, &tuple_type)) {
    for (ssize i = 0; i < tuple_size(o); i++)
      if (tracked(tuple_get(o, i), depth + 1)) return true;
    return false;
  }
  if (type_check_exact(o, &dict_type)) {
    ssize pos = 0;
    Object* k;
    Object* v;
    bool any = false;
    while (!any && dict_next(o, &pos, &k, &v)) any = tracked(k, depth + 1) || tracked(v, depth + 1);
    return any;
  }
  return true;
}

Object* gc_is_tracked(Object*, Object* arg) { return newref(bool_obj(tracked(arg, 0))); }
Object* gc_is_finalized(Object*, Object*) { return newref(bool_obj(false)); }  // no finalisation by the collector

Object* gc_freeze(Object*, Object*) { return newref(none()); }
Object* gc_unfreeze(Object*, Object*) { return newref(none()); }
Object* gc_get_freeze_count(Object*, Object*) { return int_from_i64(0); }

Object* gc_get_stats(Object*, Object*) {
  ORef result = steal(list_new(0));
  ORef zero = steal(int_from_i64(0));
  if (!result || !zero) return nullptr;
  for (int i = 0; i < 3; i++) {
    ORef d = steal(dict_new());
    if (!d || dict_set_str(d.get(), "collections", zero.get()) < 0 ||
        dict_set_str(d.get(), "collected", zero.get()) < 0 || dict_set_str(d.get(), "uncollectable", zero.get()) < 0 ||
        list_append(result.get(), d.get()) < 0)
      return nullptr;
  }
  return result.release();
}

#define FAST(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(f))
PyMethodDef gc_methods[] = {
    {"enable", gc_enable, METH_NOARGS, nullptr},
    {"disable", gc_disable, METH_NOARGS, nullptr},
    {"isenabled", gc_isenabled, METH_NOARGS, nullptr},
    {"collect", FAST(gc_collect), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"get_count", gc_get_count, METH_NOARGS, nullptr},
    {"get_threshold", gc_get_threshold, METH_NOARGS, nullptr},
    {"set_threshold", FAST(gc_set_threshold), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"get_debug", gc_get_debug, METH_NOARGS, nullptr},
    {"set_debug", gc_set_debug, METH_O, nullptr},
    {"get_objects", FAST(gc_get_objects), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"get_referrers", FAST(gc_get_referrers), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"get_referents", FAST(gc_get_referents), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"get_stats", gc_get_stats, METH_NOARGS, nullptr},
    {"is_tracked", gc_is_tracked, METH_O, nullptr},
    {"is_finalized", gc_is_finalized, METH_O, nullptr},
    {"freeze", gc_freeze, METH_NOARGS, nullptr},
    {"unfreeze", gc_unfreeze, METH_NOARGS, nullptr},
    {"get_freeze_count", gc_get_freeze_count, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
#undef FAST

}  // namespace

Object* create_gc_module() {
  ORef m = steal(module_new(str_interned("gc")));
  if (!m || module_add_functions(m.get(), gc_methods) < 0) return nullptr;
  Object* d = module_dict(m.get());
  struct Const {
    const char* name;
    long value;
  };
  static const Const kConsts[] = {{"DEBUG_STATS", 1},
                                  {"DEBUG_COLLECTABLE", 2},
                                  {"DEBUG_UNCOLLECTABLE", 4},
                                  {"DEBUG_SAVEALL", 32},
                                  {"DEBUG_LEAK", 38}};
  for (const Const& c : kConsts) {
    ORef v = steal(int_from_i64(c.value));
    if (!v || dict_set_str(d, c.name, v.get()) < 0) return nullptr;
  }
  ORef callbacks = steal(list_new(0));
  ORef garbage = steal(list_new(0));
  if (!callbacks || !garbage || dict_set_str(d, "callbacks", callbacks.get()) < 0 ||
      dict_set_str(d, "garbage", garbage.get()) < 0)
    return nullptr;
  return m.release();
}

}  // namespace pyvm
