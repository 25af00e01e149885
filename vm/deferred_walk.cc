// The immortalizing walk of objects/deferred.h: from sys.modules through module and class dicts.
#include "vm/deferred_walk.h"

#include <mutex>
#include <unordered_set>
#include <vector>

#include "objects/deferred.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/module.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/code.h"
#include "vm/function.h"
#include "vm/sysmodule.h"
#include "vm/threads.h"

namespace pyvm {
namespace {

// Code constants that LOAD_CONST pushes: immutable values, tuples and frozensets of them, nested code objects.
void immortalize_const(Object* c, int depth);

void immortalize_code(Object* code, int depth) {
  if (alloc::is_immortal(code)) return;
  alloc::make_immortal(code);
  CodeObject* co = as_code(code);
  Object* consts = co->consts;
  if (!alloc::is_immortal(consts)) alloc::make_immortal(consts);
  for (ssize i = 0; i < tuple_size(consts); i++) immortalize_const(tuple_get(consts, i), depth + 1);
}

void immortalize_const(Object* c, int depth) {
  if (depth > 64 || alloc::is_immortal(c)) return;
  Type* t = type_of(c);
  if (t == &code_type) {
    immortalize_code(c, depth);
  } else if (t == &tuple_type) {
    alloc::make_immortal(c);
    for (ssize i = 0; i < tuple_size(c); i++) immortalize_const(tuple_get(c, i), depth + 1);
  } else if (t == &str_type || t == &int_type || t == &float_type || t == &complex_type || t == &bytes_type) {
    alloc::make_immortal(c);
  }
  // frozensets and anything else stay counted (their contents would need a walk of their own)
}

void immortalize_function_body(Object* func) {
  auto* f = reinterpret_cast<FunctionObject*>(func);
  alloc::make_immortal(func);
  immortalize_code(f->code, 0);
}

bool is_module_level(Object* func) {
  auto* f = reinterpret_cast<FunctionObject*>(func);
  return !(as_code(f->code)->flags & kCoNested);
}

void walk_value(Object* v, std::vector<Object*>& types, int depth);

void walk_dict(Object* d, std::vector<Object*>& types, int depth) {
  ssize pos = 0;
  Object *k, *v;
  while (dict_next(d, &pos, &k, &v)) {
    walk_value(v, types, depth);
    decref(k);
    decref(v);
  }
}

void walk_value(Object* v, std::vector<Object*>& types, int depth) {
  if (depth > 32) return;
  if (type_check(v, &type_type)) {
    // Classes (and C extensions' static types, and the immortal built-in types, whose dicts hold descriptors that
    // are not) are walked after the module dicts (their dicts may hold more).
    types.push_back(v);
    return;
  }
  if (alloc::is_immortal(v)) return;
  Type* t = type_of(v);
  if (t == &function_type) {
    immortalize_function_body(v);
  } else if (t == &staticmethod_type || t == &classmethod_type) {
    Object* callable = reinterpret_cast<StaticMethodObject*>(v)->callable;
    if (callable && type_of(callable) == &function_type) immortalize_function_body(callable);
  } else if (t == &property_type) {
    auto* p = reinterpret_cast<PropertyObject*>(v);
    for (Object* fn : {p->fget, p->fset, p->fdel})
      if (fn && type_of(fn) == &function_type) immortalize_function_body(fn);
  } else if (t == &builtin_function_type || t == &method_descr_type || t == &classmethod_descr_type ||
             t == &wrapper_descr_type || t == &getset_descr_type || t == &member_descr_type) {
    // Functions of C modules (builtins.len, math.sqrt) and the descriptors of classes: as shared as the above.
    alloc::make_immortal(v);
  }
}

std::once_flag g_once;

}  // namespace

void maybe_immortalize_function(Object* func) {
  if (deferred_immortal_on() && is_module_level(func)) immortalize_function_body(func);
}

void enable_deferred_immortalization() {
  if (deferred_immortal_on()) return;
  std::call_once(g_once, [] {
    stop_the_world();
    std::vector<Object*> modules, types;
    if (Object* mods = sys_modules(); mods && type_check(mods, &dict_type)) {
      ssize pos = 0;
      Object *k, *v;
      while (dict_next(mods, &pos, &k, &v)) {
        decref(k);
        if (type_check(v, &module_type)) {
          modules.push_back(v);  // keeps the reference until the walk is over
        } else {
          decref(v);
        }
      }
    }
    for (Object* m : modules) {
      if (Object* d = module_dict(m)) walk_dict(d, types, 0);
    }
    // Built-in types are immortal already, but the method descriptors in their dicts (list.append) are not.
    std::unordered_set<Object*> seen;
    for (size_t i = 0; i < types.size(); i++) {
      Object* t = types[i];
      if (!seen.insert(t).second) continue;
      if (!alloc::is_immortal(t)) alloc::make_immortal(t);
      if (Object* d = reinterpret_cast<Type*>(t)->tp_dict) walk_dict(d, types, 1);
    }
    for (Object* m : modules) {
      if (!alloc::is_immortal(m)) alloc::make_immortal(m);
      decref(m);  // no-op now: it is immortal
    }
    detail::g_deferred_immortal.store(true, std::memory_order_release);
    start_the_world();
  });
}

}  // namespace pyvm
