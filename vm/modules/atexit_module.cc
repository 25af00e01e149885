// The atexit module: a registry of functions that pyvm_main calls, last registered first, when the program ends.
//
// Thread-safety contract: g_mu guards g_callbacks. It is never held while Python code runs (a callback, or the
// __eq__ of unregister's comparison), since that code may itself register or unregister functions; callers take
// a snapshot of the entries under the lock and act on it outside.
#include <mutex>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/modules/modules.h"
#include "vm/sysmodule.h"
#include "vm/traceback.h"

namespace pyvm {
namespace {

// One registration: owns references to the function, its positional arguments (a tuple) and its keyword
// arguments (a dict, or null).
struct Callback {
  Object* func;
  Object* args;
  Object* kwargs;
  uint64_t id;  // identifies the entry after the lock was dropped
};

std::mutex g_mu;
std::vector<Callback> g_callbacks;
uint64_t g_next_id = 1;
// Registrations since the registry was last run or cleared: what _ncallbacks() reports. As in CPython, unregister()
// empties a registration's slot without giving it back, so it does not lower this count.
size_t g_slots = 0;

void release(const Callback& c) {
  decref(c.func);
  decref(c.args);
  xdecref(c.kwargs);
}

// Prints an exception raised by an exit function the way CPython 3.13 does (through its unraisable hook).
void report_callback_error(Object* func) {
  ORef exc = steal(error_take());
  if (!exc) return;  // SystemExit too is reported, not obeyed (as CPython)
  std::string where;
  if (!repr_utf8(func, &where)) {
    error_clear();
    where = "<object repr() failed>";
  }
  // format_unraisable writes "Exception ignored in: <where>"; atexit's header names the callback differently.
  std::string out = format_unraisable(exc.get(), func);
  size_t eol = out.find('\n');
  out = "Exception ignored in atexit callback " + where + ":" + out.substr(eol);
  sys_write_stream(2, out.data(), out.size());
}

// Runs and removes every registered function, the most recently registered first.
void run_callbacks() {
  for (;;) {
    Callback c;
    {
      std::lock_guard<std::mutex> g(g_mu);
      if (g_callbacks.empty()) {
        g_slots = 0;
        return;
      }
      c = g_callbacks.back();
      g_callbacks.pop_back();
    }
    ORef r = steal(call_tuple_dict(c.func, c.args, c.kwargs));
    if (!r) report_callback_error(c.func);
    release(c);
  }
}

Object* atexit_register(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (nargs < 1) return set_errorf(&exc_TypeError, "register() takes at least 1 argument ({} given)", nargs);
  if (!is_callable(args[0])) return set_error(&exc_TypeError, "the first argument must be callable");
  ORef rest = steal(tuple_from_array(args + 1, nargs - 1));
  if (!rest) return nullptr;
  ORef kwargs;
  if (kwnames && tuple_size(kwnames) > 0) {
    kwargs = steal(dict_new());
    if (!kwargs) return nullptr;
    for (ssize i = 0; i < tuple_size(kwnames); i++)
      if (dict_set(kwargs.get(), tuple_get(kwnames, i), args[nargs + i]) < 0) return nullptr;
  }
  std::lock_guard<std::mutex> g(g_mu);
  g_callbacks.push_back({newref(args[0]), rest.release(), kwargs.release(), g_next_id++});
  g_slots++;
  return newref(args[0]);
}

Object* atexit_unregister(Object*, Object* func) {
  // Compare outside the lock (== may run Python code), then remove the matching entries by id.
  std::vector<Callback> snapshot;
  {
    std::lock_guard<std::mutex> g(g_mu);
    snapshot = g_callbacks;
    for (const Callback& c : snapshot) incref(c.func);
  }
  std::vector<uint64_t> drop;
  bool failed = false;
  for (const Callback& c : snapshot) {
    if (!failed) {
      int eq = rich_compare_bool(c.func, func, Py_EQ);
      if (eq < 0) failed = true;
      if (eq > 0) drop.push_back(c.id);
    }
    decref(c.func);
  }
  if (failed) return nullptr;
  std::vector<Callback> removed;
  {
    std::lock_guard<std::mutex> g(g_mu);
    for (auto it = g_callbacks.begin(); it != g_callbacks.end();) {
      bool match = false;
      for (uint64_t id : drop) match |= it->id == id;
      if (match) {
        removed.push_back(*it);
        it = g_callbacks.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (const Callback& c : removed) release(c);  // outside the lock: a finaliser may run
  return newref(none());
}

Object* atexit_run_exitfuncs(Object*, Object*) {
  run_callbacks();
  return newref(none());
}

Object* atexit_clear(Object*, Object*) {
  std::vector<Callback> removed;
  {
    std::lock_guard<std::mutex> g(g_mu);
    removed.swap(g_callbacks);
    g_slots = 0;
  }
  for (const Callback& c : removed) release(c);
  return newref(none());
}

Object* atexit_ncallbacks(Object*, Object*) {
  size_t n;
  {
    std::lock_guard<std::mutex> g(g_mu);
    n = g_slots;
  }
  return int_from_ssize(ssize(n));
}

#define FAST(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(f))
PyMethodDef atexit_methods[] = {
    {"register", FAST(atexit_register), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"unregister", atexit_unregister, METH_O, nullptr},
    {"_run_exitfuncs", atexit_run_exitfuncs, METH_NOARGS, nullptr},
    {"_clear", atexit_clear, METH_NOARGS, nullptr},
    {"_ncallbacks", atexit_ncallbacks, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
#undef FAST

}  // namespace

void atexit_run_callbacks() { run_callbacks(); }

Object* create_atexit_module() {
  ORef m = steal(module_new(str_interned("atexit")));
  if (!m || module_add_functions(m.get(), atexit_methods) < 0) return nullptr;
  return m.release();
}

}  // namespace pyvm
