// The interpreter's out-of-line slow paths: name lookups, unpacking, raising, tracebacks, exception-table search.
#include "vm/interp_support.h"

#include "vm/interp.h"

#include <alloca.h>

#include <cstring>
#include <vector>

#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exception_group.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/range.h"
#include "objects/set.h"
#include "objects/slots.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "objects/typevar.h"
#include "vm/code.h"
#include "vm/instrument_internal.h"
#include "vm/opcodes.h"
#include "vm/sysmodule.h"

namespace pyvm {


Object* name_error(Object* name) {
  set_errorf(&exc_NameError, "name '{}' is not defined", str_view(name));
  if (Object* e = error_peek()) exception_set_name_context(e, name, nullptr);
  return nullptr;
}

Object* unbound_local(CodeObject* co, int i) {
  return set_errorf(&exc_UnboundLocalError, "cannot access local variable '{}' where it is not associated with a value",
                    str_view(tuple_get(co->localsplusnames, i)));
}

int namespace_get(Object* builtins, Object* name, Object** out) {
  if (type_check_exact(builtins, &dict_type)) return dict_get(builtins, name, out);
  // globals['__builtins__'] may be any mapping (exec/eval with custom globals); a dict subclass's __getitem__ is
  // honoured, as CPython's PyMapping_GetOptionalItem does.
  *out = get_item(builtins, name);
  if (*out) return 1;
  if (!error_matches(&exc_KeyError)) return -1;
  error_clear();
  return 0;
}

Object* load_global(Frame* f, Object* name) {
  Object* v = nullptr;
  // The common case, lock-free: exact dicts and an exact str name (str_hash is cached in the str).
  if (type_of(name) == &str_type && type_of(f->globals) == &dict_type) {
    hash_t h = str_hash(name);
    int g = dict_get_lockfree(f->globals, name, h, &v);
    if (g == 1) return v;
    if (g == 0 && type_of(f->builtins) == &dict_type && dict_get_lockfree(f->builtins, name, h, &v) == 1) return v;
  }
  // Globals may be a dict subclass (exec/eval): its __getitem__ is used, like the builtins' (namespace_get).
  int r = namespace_get(f->globals, name, &v);
  if (r > 0) return v;
  if (r < 0) return nullptr;
  r = namespace_get(f->builtins, name, &v);
  if (r > 0) return v;
  if (r < 0) return nullptr;
  return name_error(name);
}

int set_function_attribute(Object* fn, int which, Object* attr) {
  bool ok = type_of(fn) == &function_type &&
            ((which == 1 && type_check_exact(attr, &tuple_type)) || (which == 2 && type_check(attr, &dict_type)) ||
             which == 4 || (which == 8 && type_check_exact(attr, &tuple_type)));
  if (ok && which == 8)
    for (ssize i = 0; i < tuple_size(attr); i++) ok = ok && type_of(tuple_get(attr, i)) == &cell_type;
  if (!ok) {
    decref(attr);
    set_error(&exc_SystemError, "SET_FUNCTION_ATTRIBUTE: bad attribute");
    return -1;
  }
  auto* func = reinterpret_cast<FunctionObject*>(fn);
  switch (which) {
    case 1: set_slot(&func->defaults, attr); break;
    case 2: set_slot(&func->kwdefaults, attr); break;
    case 4: set_slot(&func->annotations, attr); break;
    default: set_slot(&func->closure, attr); break;
  }
  return 0;
}

Object* load_name(Frame* f, Object* name) {
  if (!f->locals) return set_errorf(&exc_SystemError, "no locals when loading {}", str_view(name));
  Object* v = nullptr;
  int r;
  if (type_check_exact(f->locals, &dict_type)) {
    r = dict_get(f->locals, name, &v);
    if (r < 0) return nullptr;
  } else {
    v = get_item(f->locals, name);
    r = v ? 1 : 0;
    if (!v) {
      if (!error_matches(&exc_KeyError)) return nullptr;
      error_clear();
    }
  }
  if (r > 0) return v;
  return load_global(f, name);
}

// Attribute load for method calls: returns the unbound function and sets *self_out when it can skip binding.
Object* load_method(Object* owner, Object* name, Object** self_out) {
  Type* t = type_of(owner);
  *self_out = nullptr;
  if (t->tp_getattro == generic_getattr) {
    Object* descr = type_lookup(t, name);
    if (descr && (type_of(descr) == &function_type || type_of(descr) == &method_descr_type)) {
      // A plain attribute in the instance dict would shadow the method.
      Object** dp = nullptr;
      if (has_flag(t, Py_TPFLAGS_MANAGED_DICT)) dp = managed_dict_ptr(owner);
      else if (t->tp_dictoffset > 0) dp = reinterpret_cast<Object**>(reinterpret_cast<char*>(owner) + t->tp_dictoffset);
      if (dp && *dp) {
        Object* v = nullptr;
        int r = dict_get(*dp, name, &v);
        if (r < 0) return nullptr;
        if (r > 0) return v;
      }
      *self_out = newref(owner);
      return newref(descr);
    }
  }
  return get_attr(owner, name);
}

Object* attr_peek(Object* owner, Object* name) {
  Type* t = type_of(owner);
  if (t->tp_getattro != generic_getattr || type_of(name) != &str_type) return nullptr;
  Object* descr = type_lookup(t, name);
  if (descr && type_of(descr)->tp_descr_get) return nullptr;  // methods, properties, slots: the full path
  if (Object** dp = instance_dict_ptr(owner)) {
    if (Object* d = __atomic_load_n(dp, __ATOMIC_ACQUIRE)) {
      Object* v = nullptr;
      int r = dict_get_lockfree(d, name, str_hash(name), &v);
      if (r == 1) return v;
      if (r != 0) return nullptr;
    }
  }
  // A class attribute: type dicts release replaced values through QSBR, so the cached pointer can be counted.
  return descr ? newref(descr) : nullptr;
}

Object* subscr_peek(Object* container, Object* sub) {
  Type* ct = type_of(container);
  if (ct == &dict_type) {
    Type* kt = type_of(sub);
    if (kt != &str_type && kt != &int_type) return nullptr;
    Object* v = nullptr;
    return dict_get_lockfree(container, sub, kt == &str_type ? str_hash(sub) : int_hash(sub), &v) == 1 ? v : nullptr;
  }
  if (ct == &list_type && type_of(sub) == &int_type && int_is_compact(sub)) {
    // Under the list's lock (list reads are not lock-free yet), but without counting the list itself.
    ssize i = int_compact_value(sub);
    if (i < 0) i += list_size(container);
    if (i < 0 || i >= list_size(container)) return nullptr;
    Object* r = list_get(container, i);
    if (!r) error_clear();  // shrank meanwhile: the full path raises the IndexError
    return r;
  }
  if (ct == &tuple_type && type_of(sub) == &int_type && int_is_compact(sub)) {
    ssize i = int_compact_value(sub), n = tuple_size(container);
    if (i < 0) i += n;
    return i >= 0 && i < n ? newref(tuple_get(container, i)) : nullptr;
  }
  return nullptr;
}

int unpack_iterable(Object* v, int before, int after, Object** out_top) {
  // Writes items so that out_top[-1] is the first item (stack order), as UNPACK_SEQUENCE/UNPACK_EX need.
  ORef it = steal(get_iter(v));
  if (!it) {
    if (error_matches(&exc_TypeError) && !type_of(v)->tp_iter && !type_of(v)->tp_as_sequence) {
      error_clear();
      set_errorf(&exc_TypeError, "cannot unpack non-iterable {} object", type_name(v));
    }
    return -1;
  }
  std::vector<Object*> items;
  auto cleanup = [&] {
    for (Object* o : items) decref(o);
  };
  for (int i = 0; i < before; i++) {
    Object* x = iter_next(it.get());
    if (!x) {
      if (!error_occurred()) {
        if (after < 0)
          set_errorf(&exc_ValueError, "not enough values to unpack (expected {}, got {})", before, i);
        else
          set_errorf(&exc_ValueError, "not enough values to unpack (expected at least {}, got {})", before + after, i);
      }
      cleanup();
      return -1;
    }
    items.push_back(x);
  }
  if (after < 0) {
    Object* extra = iter_next(it.get());
    if (extra) {
      decref(extra);
      set_errorf(&exc_ValueError, "too many values to unpack (expected {})", before);
      cleanup();
      return -1;
    }
    if (error_occurred()) {
      cleanup();
      return -1;
    }
  } else {
    Object* rest = sequence_list(it.get());
    if (!rest) {
      cleanup();
      return -1;
    }
    ssize n = list_size(rest);
    if (n < after) {
      set_errorf(&exc_ValueError, "not enough values to unpack (expected at least {}, got {})", before + after,
                 before + n);
      decref(rest);
      cleanup();
      return -1;
    }
    Object** ri = list_items(rest);
    std::vector<Object*> tail;
    for (ssize i = n - after; i < n; i++) tail.push_back(newref(ri[i]));
    // Shrink the list to the starred part.
    ORef starred = steal(list_from_array(ri, n - after));
    decref(rest);
    if (!starred) {
      cleanup();
      for (Object* o : tail) decref(o);
      return -1;
    }
    items.push_back(starred.release());
    for (Object* o : tail) items.push_back(o);
  }
  ssize total = ssize(items.size());
  for (ssize i = 0; i < total; i++) out_top[-1 - i] = items[size_t(i)];
  return 0;
}

// Exception table lookup: the handler covering `index`, if any.
namespace {
// Reads the entries of a 3.13 exception table (varint-encoded start, length, target, depth-and-lasti).
struct ExceptionTableReader {
  const uint8_t* p;
  const uint8_t* end;
  explicit ExceptionTableReader(CodeObject* co)
      : p(reinterpret_cast<const uint8_t*>(bytes_data(co->exceptiontable))),
        end(p + bytes_size(co->exceptiontable)) {}
  bool varint(int* out) {
    if (p >= end) return false;
    int v = *p & 63;
    while (*p & 64) {
      p++;
      if (p >= end) return false;
      v = (v << 6) | (*p & 63);
    }
    p++;
    *out = v;
    return true;
  }
  // The next entry; false at the end (or on a malformed table, which the verifier rejects before code runs).
  bool next(int* start, int* length, int* target, int* dl) {
    return p < end && varint(start) && varint(length) && varint(target) && varint(dl);
  }
};
}  // namespace

bool find_handler(CodeObject* co, int index, int* target, int* depth, bool* lasti) {
  ExceptionTableReader r(co);
  int start, length, tgt, dl;
  while (r.next(&start, &length, &tgt, &dl)) {
    if (index >= start && index < start + length) {
      *target = tgt;
      *depth = dl >> 1;
      *lasti = dl & 1;
      return true;
    }
  }
  return false;
}

std::vector<int> exception_handler_targets(CodeObject* co) {
  std::vector<int> out;
  ExceptionTableReader r(co);
  int start, length, tgt, dl;
  while (r.next(&start, &length, &tgt, &dl)) out.push_back(tgt);
  return out;
}

int opcode_cache_entries(int op) { return kOpcodeTable[op & 0xff].cache_entries; }

Object* make_function(Frame* f, Object* code) {
  CodeObject* co = as_code(code);
  return function_new(code, f->globals, co->qualname);
}

// Sets __context__ of `exc` to the exception being handled, cutting the chain where exc already appears so that
// no cycle is created (Floyd's check stops at a cycle that was already there), as CPython's _PyErr_SetObject does.
static void set_context_from_handled(Object* exc) { chain_exception_to(exc, topmost_handled(thread_state())); }

void chain_exception_to(Object* exc, Object* h) {
  if (!h || h == none() || h == exc || !is_exception_instance(exc)) return;
  Object* o = h;
  Object* slow = h;
  bool advance_slow = false;
  while (Object* ctx = as_exc(o)->context) {
    if (ctx == exc) {
      exception_set_context(o, nullptr);
      break;
    }
    o = ctx;
    if (o == slow) break;
    if (advance_slow) slow = as_exc(slow)->context;
    advance_slow = !advance_slow;
  }
  exception_set_context(exc, newref(h));
}

// "calling <class 'X'> should have returned an instance of BaseException, not <class 'int'>".
static int bad_instance(Object* cls, Object* value) {
  std::string c, v;
  if (repr_utf8(cls, &c) && repr_utf8(reinterpret_cast<Object*>(type_of(value)), &v))
    set_errorf(&exc_TypeError, "calling {} should have returned an instance of BaseException, not {}", c, v);
  return 0;
}

int do_raise(Object* exc, Object* cause) {
  ThreadState& ts = thread_state();
  if (!exc) {
    Object* h = topmost_handled(ts);
    if (!h || h == none()) {
      set_error(&exc_RuntimeError, "No active exception to reraise");
      return 0;
    }
    set_error_steal(newref(h));
    return 1;  // re-raise: keep the traceback
  }
  ORef value;
  if (is_exception_class(exc)) {
    value = steal(call0(exc));
    if (!value) return 0;
    if (!is_exception_instance(value.get())) {
      return bad_instance(exc, value.get());
    }
  } else if (is_exception_instance(exc)) {
    value = borrow(exc);
  } else {
    set_error(&exc_TypeError, "exceptions must derive from BaseException");
    return 0;
  }
  if (cause) {
    ORef c;
    if (cause == none()) {
      c = nullptr;
    } else if (is_exception_class(cause)) {
      c = steal(call0(cause));
      if (!c) return 0;
      if (!is_exception_instance(c.get())) return bad_instance(cause, c.get());
    } else if (is_exception_instance(cause)) {
      c = borrow(cause);
    } else {
      set_error(&exc_TypeError, "exception causes must derive from BaseException");
      return 0;
    }
    exception_set_cause(value.get(), c.release());
  }
  // A raise statement always chains, replacing any context the exception had.
  set_context_from_handled(value.get());
  set_error_steal(value.release());
  return 0;
}

void chain_context(Object* exc) {
  // Chaining at each frame's error label (rather than once, where CPython raises) also covers an exception that
  // leaves a generator with no handled exception of its own: CPython gives it the caller's.
  if (!exc || !is_exception_instance(exc) || as_exc(exc)->context) return;
  if (exc == thread_state().thrown) return;  // thrown into a generator: never chained
  set_context_from_handled(exc);
}

void add_traceback(Frame* f) {
  Object* exc = error_peek();
  if (!exc || !is_exception_instance(exc)) return;
  int lasti = frame_lasti(f);
  int line = code_addr_to_line(f->code, lasti);
  Object* tb = traceback_new(as_exc(exc)->traceback, f, lasti, line);
  if (!tb) {
    error_clear();
    return;
  }
  exception_set_traceback(exc, tb);
  decref(tb);
}

Object* format_value(Object* v, Object* spec) { return format_object(v, spec); }

Object* build_string(Object** items, int n) {
  ORef empty = borrow(str_empty());
  ORef t = steal(tuple_from_array(items, n));
  if (!t) return nullptr;
  return str_join(empty.get(), t.get());
}

// `from module import *`: copies __all__ (or every name not starting with '_') into the frame's locals.
static Object* import_star(Object* module) {
  Frame* f = thread_state().frame;
  if (!f || !f->locals) return set_error(&exc_SystemError, "no locals found during 'import *'");
  Object* names = nullptr;
  int r = get_attr_optional(module, str_interned("__all__"), &names);
  if (r < 0) return nullptr;
  bool skip_private = r == 0;
  ORef names_ref = steal(names);
  if (!names) {
    ORef d = steal(get_attr(module, strs::dict));
    if (!d) return nullptr;
    names_ref = steal(call_method0(d.get(), strs::keys));
    if (!names_ref) return nullptr;
  }
  ORef it = steal(get_iter(names_ref.get()));
  if (!it) return nullptr;
  for (;;) {
    ORef name = steal(iter_next(it.get()));
    if (!name) break;
    if (!type_check(name.get(), &str_type)) {
      return set_errorf(&exc_TypeError, "{} in {} must be str, not {}", skip_private ? "Key" : "Item",
                        skip_private ? "__dict__" : "__all__", type_name(name.get()));
    }
    if (skip_private && str_length(name.get()) > 0 && str_char_at(name.get(), 0) == '_') continue;
    ORef value = steal(get_attr(module, name.get()));
    if (!value) return nullptr;
    int w = type_check_exact(f->locals, &dict_type) ? dict_set(f->locals, name.get(), value.get())
                                                    : set_item(f->locals, name.get(), value.get());
    if (w < 0) return nullptr;
  }
  if (error_occurred()) return nullptr;
  return newref(none());
}

Object* enter_context(Object* mgr, bool async, Object** bound_exit) {
  Type* t = type_of(mgr);
  Object* enter = type_lookup(t, async ? strs::aenter : strs::enter);
  Object* exit = type_lookup(t, async ? strs::aexit : strs::exit);
  if (!enter || !exit) {
    set_errorf(&exc_TypeError, "'{}' object does not support the {}context manager protocol{}", type_name(mgr),
               async ? "asynchronous " : "",
               enter ? (async ? " (missed __aexit__ method)" : " (missed __exit__ method)") : "");
    return nullptr;
  }
  auto bind = [&](Object* f) {
    return type_of(f)->tp_descr_get ? type_of(f)->tp_descr_get(f, mgr, reinterpret_cast<Object*>(t)) : newref(f);
  };
  ORef ex = steal(bind(exit));
  if (!ex) return nullptr;
  ORef en = steal(bind(enter));
  if (!en) return nullptr;
  Object* res = call0(en.get());
  if (!res) return nullptr;
  *bound_exit = ex.release();
  return res;
}

std::string function_str(Object* func) {
  Object* qualname = nullptr;
  if (get_attr_optional(func, strs::qualname, &qualname) <= 0 || !qualname) {
    error_clear();
    std::string s;
    if (!object_str_utf8(func, &s)) error_clear();
    return s;
  }
  ORef q = steal(qualname);
  std::string qs;
  if (!object_str_utf8(qualname, &qs)) error_clear();
  Object* module = nullptr;
  if (get_attr_optional(func, strs::module, &module) > 0 && module) {
    ORef m = steal(module);
    std::string ms;
    if (module != none() && object_str_utf8(module, &ms) && ms != "builtins") return ms + "." + qs + "()";
  }
  error_clear();
  return qs + "()";
}

void format_kwargs_error(Object* func, Object* kwargs) {
  if (error_matches(&exc_AttributeError)) {
    // A non-mapping fails on its missing keys() method.
    error_clear();
    set_errorf(&exc_TypeError, "{} argument after ** must be a mapping, not {}", function_str(func),
               type_name(kwargs));
  } else if (error_matches(&exc_KeyError)) {
    Object* exc = error_peek();
    Object* args = as_exc(exc)->args;
    if (args && type_check(args, &tuple_type) && tuple_size(args) == 1) {
      ORef key = borrow(tuple_get(args, 0));
      error_clear();
      std::string fs = function_str(func);
      // CPython formats the duplicate key with str(), whatever its type (non-string keys are rejected later, at
      // the call).
      std::string ks;
      if (!object_str_utf8(key.get(), &ks)) return;
      set_errorf(&exc_TypeError, "{} got multiple values for keyword argument '{}'", fs, ks);
    }
  }
}

Object* call_intrinsic1(int which, Object* v, int code_flags) {
  switch (which) {
    case 1: {  // INTRINSIC_PRINT: an expression statement at the interactive prompt
      Object* hook = sys_get("displayhook");
      if (!hook) return set_error(&exc_RuntimeError, "lost sys.displayhook");
      ORef keep = borrow(hook);
      return call(hook, &v, 1, nullptr);
    }
    case 2:  // INTRINSIC_IMPORT_STAR
      return import_star(v);
    case 3: {  // INTRINSIC_STOPITERATION_ERROR
      Object* exc = v;
      const char* kind = (code_flags & kCoAsyncGenerator) ? "async generator"
                         : (code_flags & kCoCoroutine)     ? "coroutine"
                                                           : "generator";
      if (type_check(exc, &exc_StopIteration)) {
        set_errorf(&exc_RuntimeError, "{} raised StopIteration", kind);
      } else if ((code_flags & kCoAsyncGenerator) && type_check(exc, &exc_StopAsyncIteration)) {
        set_error(&exc_RuntimeError, "async generator raised StopAsyncIteration");
      } else {
        return newref(exc);  // any other exception is re-raised as it is by the RERAISE that follows
      }
      Object* e = error_peek();
      exception_set_cause(e, newref(exc));
      exception_set_context(e, newref(exc));
      return nullptr;
    }
    case 4:  // INTRINSIC_ASYNC_GEN_WRAP
      return async_gen_wrap(v);
    case 5:  // INTRINSIC_UNARY_POSITIVE
      return number_positive(v);
    case 6:  // INTRINSIC_LIST_TO_TUPLE
      return list_as_tuple(v);
    case 7:  // INTRINSIC_TYPEVAR: `T` in `def f[T]()`
      return typevar_make(v, nullptr, nullptr);
    case 8:  // INTRINSIC_PARAMSPEC: `**P`
      return paramspec_make(v);
    case 9:  // INTRINSIC_TYPEVARTUPLE: `*Ts`
      return typevartuple_make(v);
    case 10:  // INTRINSIC_SUBSCRIPT_GENERIC: Generic[*type_params], the implicit base of `class C[T]`
      return subscript_generic(v);
    case 11:  // INTRINSIC_TYPEALIAS: (name, type_params, compute_value) of a `type` statement
      return typealias_make(v);
    default:
      return set_errorf(&exc_SystemError, "pyvm: CALL_INTRINSIC_1 {} is not implemented yet", which);
  }
}

Object* call_intrinsic2(int which, Object* v1, Object* v2) {
  switch (which) {
    case 1:  // INTRINSIC_PREP_RERAISE_STAR
      return prep_reraise_star(v1, v2);
    case 2:  // INTRINSIC_TYPEVAR_WITH_BOUND: (name, function computing the bound)
      return typevar_make(v1, v2, nullptr);
    case 3:  // INTRINSIC_TYPEVAR_WITH_CONSTRAINTS: (name, function computing the constraints)
      return typevar_make(v1, nullptr, v2);
    case 4: {  // INTRINSIC_SET_FUNCTION_TYPE_PARAMS: (function, type_params)
      if (type_of(v1) != &function_type || !type_check_exact(v2, &tuple_type))
        return set_error(&exc_SystemError, "INTRINSIC_SET_FUNCTION_TYPE_PARAMS expects a function and a tuple");
      set_slot(&reinterpret_cast<FunctionObject*>(v1)->typeparams, newref(v2));
      return newref(v1);
    }
    case 5:  // INTRINSIC_SET_TYPEPARAM_DEFAULT: (type parameter, function computing the default)
      return typeparam_set_default(v1, v2);
    default:
      return set_errorf(&exc_SystemError, "pyvm: CALL_INTRINSIC_2 {} is not implemented yet", which);
  }
}

}  // namespace pyvm

namespace pyvm {

// MATCH_KEYS: the values of `keys` in the mapping `subject` (a tuple), or None when one is missing. Duplicate keys
// among the runtime values make the pattern fail, as CPython 3.13 observably does.
Object* match_keys(Object* subject, Object* keys) {
  ssize n = tuple_size(keys);
  if (n == 0) return newref(tuple_empty());
  ORef get = steal(get_attr_str(subject, "get"));
  if (!get) return nullptr;
  ORef seen = steal(set_new(nullptr));
  ORef values = steal(tuple_new(n));
  if (!seen || !values) return nullptr;
  // A fresh object stands for "missing": no mapping can hold it.
  ORef dummy = steal(new_object(&object_type, sizeof(Object)));
  if (!dummy) return nullptr;
  for (ssize i = 0; i < n; i++) {
    Object* key = tuple_get(keys, i);
    int dup = set_contains(seen.get(), key);
    if (dup < 0) return nullptr;
    if (dup) return newref(none());
    if (set_add(seen.get(), key) < 0) return nullptr;
    Object* a[2] = {key, dummy.get()};
    Object* v = call(get.get(), a, 2, nullptr);
    if (!v) return nullptr;
    if (v == dummy.get()) {
      decref(v);
      return newref(none());
    }
    tuple_set(values.get(), i, v);
  }
  return values.release();
}

// One attribute for MATCH_CLASS: 1 found (new ref in *out), 0 missing (the match fails), -1 error.
static int match_class_attr(Object* subject, Type* type, Object* name, std::vector<Object*>* seen, Object** out) {
  for (Object* s : *seen) {
    if (s == name || str_equal(s, name)) {
      std::string r;
      if (!repr_utf8(name, &r)) return -1;
      set_errorf(&exc_TypeError, "{}() got multiple sub-patterns for attribute {}", type->tp_name, r);
      return -1;
    }
  }
  seen->push_back(name);
  return get_attr_optional(subject, name, out);
}

// MATCH_CLASS: the tuple of positional then keyword attributes, or None when `subject` does not match `cls`.
Object* match_class(Object* subject, Object* cls, int nargs, Object* kwnames) {
  if (!type_check(cls, &type_type)) return set_error(&exc_TypeError, "called match pattern must be a class");
  Type* type = reinterpret_cast<Type*>(cls);
  int inst = object_isinstance(subject, cls);
  if (inst < 0) return nullptr;
  if (!inst) return newref(none());
  std::vector<Object*> seen;
  std::vector<ORef> attrs;
  if (nargs) {
    Object* match_args = nullptr;
    int r = get_attr_optional(cls, str_interned("__match_args__"), &match_args);
    if (r < 0) return nullptr;
    ORef ma = steal(match_args);
    bool match_self = false;
    ssize allowed;
    if (r) {
      if (!type_check(match_args, &tuple_type))
        return set_errorf(&exc_TypeError, "{}.__match_args__ must be a tuple (got {})", type->tp_name,
                          type_name(match_args));
      allowed = tuple_size(match_args);
    } else {
      match_self = has_flag(type, Py_TPFLAGS_MATCH_SELF);
      allowed = match_self ? 1 : 0;
    }
    if (allowed < nargs)
      return set_errorf(&exc_TypeError, "{}() accepts {} positional sub-pattern{} ({} given)", type->tp_name, allowed,
                        allowed == 1 ? "" : "s", nargs);
    if (match_self) {
      attrs.push_back(borrow(subject));
    } else {
      for (int i = 0; i < nargs; i++) {
        Object* name = tuple_get(match_args, i);
        if (!type_check(name, &str_type))
          return set_errorf(&exc_TypeError, "__match_args__ elements must be strings (got {})", type_name(name));
        Object* v = nullptr;
        int found = match_class_attr(subject, type, name, &seen, &v);
        if (found < 0) return nullptr;
        if (!found) return newref(none());
        attrs.push_back(steal(v));
      }
    }
  }
  for (ssize i = 0; i < tuple_size(kwnames); i++) {
    Object* v = nullptr;
    int found = match_class_attr(subject, type, tuple_get(kwnames, i), &seen, &v);
    if (found < 0) return nullptr;
    if (!found) return newref(none());
    attrs.push_back(steal(v));
  }
  Object* t = tuple_new(ssize(attrs.size()));
  if (!t) return nullptr;
  for (size_t i = 0; i < attrs.size(); i++) tuple_set(t, ssize(i), attrs[i].release());
  return t;
}

Object* call_function_ex(Object* func, Object* callargs, Object* kwargs) {
  ORef targs;
  if (type_check_exact(callargs, &tuple_type)) {
    targs = borrow(callargs);
  } else if (!type_of(callargs)->tp_iter && !is_sequence(callargs)) {
    return set_errorf(&exc_TypeError, "{} argument after * must be an iterable, not {}", function_str(func),
                      type_name(callargs));
  } else {
    targs = steal(sequence_tuple(callargs));
    if (!targs) return nullptr;
  }
  if (kwargs) {
    ssize pos = 0;
    Object* key;
    while (dict_next(kwargs, &pos, &key, nullptr))
      if (!type_check(key, &str_type)) return set_error(&exc_TypeError, "keywords must be strings");
  }
  return call_tuple_dict(func, targs.get(), kwargs && dict_size(kwargs) ? kwargs : nullptr);
}

}  // namespace pyvm

namespace pyvm {

int setup_annotations(Frame* f) {
  if (!f->locals) {
    set_error(&exc_SystemError, "no locals found when setting up annotations");
    return -1;
  }
  if (type_check_exact(f->locals, &dict_type)) {
    int r = dict_contains(f->locals, strs::annotations);
    if (r <= 0) {
      if (r < 0) return -1;
      ORef d = steal(dict_new());
      if (!d || dict_set(f->locals, strs::annotations, d.get()) < 0) return -1;
    }
    return 0;
  }
  // Any mapping (exec() with custom locals): a missing key is a KeyError from __getitem__.
  ORef ann = steal(get_item(f->locals, strs::annotations));
  if (ann) return 0;
  if (!error_matches(&exc_KeyError)) return -1;
  error_clear();
  ORef d = steal(dict_new());
  return d && set_item(f->locals, strs::annotations, d.get()) == 0 ? 0 : -1;
}

Object* return_generator(Frame* f, const uint16_t* next_instr, Object** sp) {
  // Move this frame to the heap and hand it to a new generator.
  CodeObject* co = f->code;
  size_t nslots = size_t(co->nlocalsplus + co->stacksize);
  size_t size = offsetof(Frame, localsplus) + nslots * sizeof(Object*);
  auto* gf = static_cast<Frame*>(alloc::raw_alloc(size));
  std::memcpy(static_cast<void*>(gf), f, size);
  gf->is_generator = true;
  gf->next_index = int(next_instr - co->instrs);
  gf->instr_ptr = next_instr;  // as CPython's instr_ptr after RETURN_GENERATOR: f_lineno is the def line
  gf->stack_depth = int(sp - (f->localsplus + co->nlocalsplus));
  gf->previous = nullptr;
  if (gf->frame_obj) reinterpret_cast<FrameObject*>(gf->frame_obj)->frame = gf;
  f->frame_obj = nullptr;
  std::memset(static_cast<void*>(f->localsplus), 0, nslots * sizeof(Object*));
  f->locals = nullptr;
  return generator_new(f->func, gf);
}

Object* load_super_attr(Object* gsuper, Object* cls, Object* self, Object* name, int oparg, bool* unbound) {
  Object* result = nullptr;
  if (gsuper == reinterpret_cast<Object*>(&super_type) && type_check(cls, &type_type)) {
    result = super_lookup(reinterpret_cast<Type*>(cls), self, name, oparg & 1, unbound);
  } else {
    Object* args[2] = {cls, self};
    ORef sup = steal(call(gsuper, args, (oparg & 2) ? 2 : 0, nullptr));
    if (sup) result = get_attr(sup.get(), name);
  }
  decref(gsuper);
  decref(cls);
  return result;
}

}  // namespace pyvm
