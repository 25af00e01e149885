// The gc module: CPython's interface to the cycle collector (vm/gc.cc). collect() runs a full collection (there
// is one generation in practice: the generation argument is checked and reported to gc.callbacks);
// get_objects()/get_referrers() walk the registry of collectable objects with the world stopped; the thresholds
// beyond the first are kept only so that code which saves and restores them behaves as under CPython. freeze()
// and DEBUG_SAVEALL are the collector's (vm/gc.h).
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
#include "vm/gc.h"
#include "vm/threads.h"

namespace pyvm {
namespace {

std::atomic<long> g_debug{0};
constexpr long kDebugSaveAll = 32;
Object* g_garbage = nullptr;  // the gc.garbage list made with the module (kept alive for the process)
std::atomic<long> g_threshold[3] = {2000, 10, 10};

Object* gc_enable(Object*, Object*) {
  gc_set_enabled(true);
  return newref(none());
}
Object* gc_disable(Object*, Object*) {
  gc_set_enabled(false);
  return newref(none());
}
Object* gc_isenabled(Object*, Object*) { return newref(bool_obj(gc_is_enabled())); }

Object* g_callbacks = nullptr;  // gc.callbacks (strong; the module's list)

// Calls each of gc.callbacks(phase, info) as CPython does; an exception is reported as unraisable.
void run_callbacks(const char* phase, int generation, int64_t collected, int64_t uncollectable) {
  if (!g_callbacks || list_size(g_callbacks) == 0) return;
  ORef pending = steal(error_take());
  ORef copy = steal(list_as_tuple(g_callbacks));
  ORef ph = steal(str_from_utf8(phase));
  ORef info = steal(dict_new());
  ORef gen = steal(int_from_i64(generation));
  ORef col = steal(int_from_i64(collected));
  ORef unc = steal(int_from_i64(uncollectable));
  if (!copy || !ph || !info || !gen || !col || !unc || dict_set_str(info.get(), "generation", gen.get()) < 0 ||
      dict_set_str(info.get(), "collected", col.get()) < 0 ||
      dict_set_str(info.get(), "uncollectable", unc.get()) < 0) {
    write_unraisable(nullptr);
  } else {
    for (ssize i = 0; i < tuple_size(copy.get()); i++) {
      Object* cb = tuple_get(copy.get(), i);
      Object* a[2] = {ph.get(), info.get()};
      ORef r = steal(call(cb, a, 2, nullptr));
      if (!r) write_unraisable(cb);
    }
  }
  if (pending) set_error_steal(pending.release());
}

// collect(generation=2): a full collection; the number of unreachable objects found.
Object* gc_collect(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* out[1] = {};
  if (!parse_args("collect", args, nargs, kwnames, {"generation"}, 0, out)) return nullptr;
  if (out[0]) {
    ORef g = steal(number_index(out[0]));
    if (!g) return nullptr;
    int ovf = 0;
    int64_t gen = int_as_i64(g.get(), &ovf);
    if (ovf || gen < 0 || gen > 2) return set_error(&exc_ValueError, "invalid generation");
    return int_from_i64(gc_collect_cycles(int(gen), true));
  }
  return int_from_i64(gc_collect_cycles(2, true));
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
  gc_set_threshold0(v[0]);
  return newref(none());
}

Object* gc_get_debug(Object*, Object*) { return int_from_i64(g_debug); }
Object* gc_set_debug(Object*, Object* arg) {
  long v;
  if (!long_arg(arg, &v)) return nullptr;
  g_debug = v;
  gc_set_saveall_sink((v & kDebugSaveAll) ? g_garbage : nullptr);
  return newref(none());
}

// Steals the references in `v` into a new list.
Object* list_of(std::vector<Object*>&& v) {
  ORef l = steal(list_new(ssize(v.size())));
  if (!l) {
    for (Object* o : v) decref(o);
    return nullptr;
  }
  for (size_t i = 0; i < v.size(); i++) list_items(l.get())[i] = v[i];
  return l.release();
}

// get_objects(generation=None): every tracked collectable object (pyvm has a single generation, so every valid
// generation gives them all).
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
  return list_of(gc_tracked_objects());
}

// get_referrers(*objs): the tracked collectable objects whose tp_traverse visits one of objs.
Object* gc_get_referrers(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!no_keywords("get_referrers", kwnames)) return nullptr;
  std::vector<Object*> targets(args, args + nargs);
  return list_of(gc_referrers(targets));
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
Object* gc_is_finalized(Object*, Object* arg) {
  return newref(bool_obj(has_flag(type_of(arg), Py_TPFLAGS_HAVE_GC) && alloc::gc_bits_test(arg, alloc::kGcBitFinalized)));
}

Object* gc_freeze(Object*, Object*) {
  pyvm::gc_freeze();
  return newref(none());
}
Object* gc_unfreeze(Object*, Object*) {
  pyvm::gc_unfreeze();
  return newref(none());
}
Object* gc_get_freeze_count(Object*, Object*) { return int_from_i64(gc_freeze_count()); }

Object* gc_get_stats(Object*, Object*) {
  ORef result = steal(list_new(0));
  if (!result) return nullptr;
  for (int i = 0; i < 3; i++) {
    GcStats st = gc_stats(i);
    ORef d = steal(dict_new());
    ORef a = steal(int_from_i64(st.collections));
    ORef b = steal(int_from_i64(st.collected));
    ORef c = steal(int_from_i64(st.uncollectable));
    if (!d || !a || !b || !c || dict_set_str(d.get(), "collections", a.get()) < 0 ||
        dict_set_str(d.get(), "collected", b.get()) < 0 || dict_set_str(d.get(), "uncollectable", c.get()) < 0 ||
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
  if (!g_garbage) g_garbage = newref(garbage.get());
  Object* old = __atomic_exchange_n(&g_callbacks, newref(callbacks.get()), __ATOMIC_ACQ_REL);
  if (old) alloc::release_deferred(old);
  set_gc_callback_runner(run_callbacks);
  return m.release();
}

}  // namespace pyvm
