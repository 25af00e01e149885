// The builtins module: print, len, isinstance, sorted, min/max, ... and __build_class__.
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/list.h"
#include "objects/methods.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/function.h"
#include "vm/interp.h"
#include "vm/sysmodule.h"

namespace pyvm {

using FastKw = Object* (*)(Object*, Object* const*, ssize, Object*);

extern Type stream_type;  // sysmodule.cc

static Object* builtin_print(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* kw[4] = {};
  static const char* names[] = {"sep", "end", "file", "flush"};
  ssize nkw = kwnames ? tuple_size(kwnames) : 0;
  for (ssize k = 0; k < nkw; k++) {
    std::string_view key = str_view(tuple_get(kwnames, k));
    int i = 0;
    for (; i < 4; i++)
      if (key == names[i]) break;
    if (i == 4) return set_errorf(&exc_TypeError, "print() got an unexpected keyword argument '{}'", key);
    kw[i] = args[nargs + k];
  }
  std::string sep = " ", end = "\n";
  if (kw[0] && kw[0] != none()) {
    if (!type_check(kw[0], &str_type))
      return set_errorf(&exc_TypeError, "sep must be None or a string, not {}", type_name(kw[0]));
    sep = str_view(kw[0]);
  }
  if (kw[1] && kw[1] != none()) {
    if (!type_check(kw[1], &str_type))
      return set_errorf(&exc_TypeError, "end must be None or a string, not {}", type_name(kw[1]));
    end = str_view(kw[1]);
  }
  std::string out;
  for (ssize i = 0; i < nargs; i++) {
    if (i) out += sep;
    std::string s;
    if (!object_str_utf8(args[i], &s)) return nullptr;
    out += s;
  }
  out += end;
  if (kw[2] && kw[2] != none()) {
    ORef w = steal(get_attr_str(kw[2], "write"));
    if (!w) return nullptr;
    ORef s = steal(str_from_utf8(out));
    if (!s) return nullptr;
    ORef r = steal(call1(w.get(), s.get()));
    if (!r) return nullptr;
    return newref(none());
  }
  // sys.stdout may have been replaced by the program: honour it unless it is the built-in stream.
  Object* so = sys_get("stdout");
  if (so && !type_check(so, &stream_type)) {
    if (so == none()) return newref(none());
    ORef w = steal(get_attr_str(so, "write"));
    if (!w) return nullptr;
    ORef s = steal(str_from_utf8(out));
    if (!s) return nullptr;
    ORef r = steal(call1(w.get(), s.get()));
    if (!r) return nullptr;
    return newref(none());
  }
  sys_write_stream(1, out.data(), out.size());
  if (kw[3] && object_is_true(kw[3]) > 0) std::fflush(stdout);
  return newref(none());
}

static Object* builtin_len(Object*, Object* o) {
  ssize n = object_length(o);
  if (n < 0) return nullptr;
  return int_from_ssize(n);
}
static Object* builtin_repr(Object*, Object* o) { return object_repr(o); }
static Object* builtin_ascii(Object*, Object* o) { return str_ascii(o); }
static Object* builtin_abs(Object*, Object* o) { return number_absolute(o); }
static Object* builtin_hash(Object*, Object* o) {
  hash_t h = object_hash(o);
  if (h == -1 && error_occurred()) return nullptr;
  return int_from_i64(h);
}
static Object* builtin_id(Object*, Object* o) { return int_from_u64(reinterpret_cast<uintptr_t>(o)); }
static Object* builtin_callable(Object*, Object* o) { return newref(bool_obj(is_callable(o))); }
static Object* builtin_chr(Object*, Object* o) {
  ssize c = number_as_ssize(o, &exc_OverflowError);
  if (c == -1 && error_occurred()) return nullptr;
  if (c < 0 || c > 0x10ffff) return set_error(&exc_ValueError, "chr() arg not in range(0x110000)");
  return newref(str_from_char(uint32_t(c)));
}
static Object* builtin_ord(Object*, Object* o) {
  if (type_check(o, &str_type)) {
    if (str_length(o) != 1)
      return set_errorf(&exc_TypeError, "ord() expected a character, but string of length {} found", str_length(o));
    return int_from_i64(str_char_at(o, 0));
  }
  return set_errorf(&exc_TypeError, "ord() expected string of length 1, but {} found", type_name(o));
}

static Object* builtin_isinstance(Object*, Object* const* args, ssize nargs) {
  if (nargs != 2) return set_errorf(&exc_TypeError, "isinstance expected 2 arguments, got {}", nargs);
  int r = object_isinstance(args[0], args[1]);
  if (r < 0) return nullptr;
  return newref(bool_obj(r));
}
static Object* builtin_issubclass(Object*, Object* const* args, ssize nargs) {
  if (nargs != 2) return set_errorf(&exc_TypeError, "issubclass expected 2 arguments, got {}", nargs);
  int r = object_issubclass(args[0], args[1]);
  if (r < 0) return nullptr;
  return newref(bool_obj(r));
}

static Object* builtin_iter(Object*, Object* const* args, ssize nargs) {
  if (nargs < 1 || nargs > 2) return set_errorf(&exc_TypeError, "iter expected at most 2 arguments, got {}", nargs);
  if (nargs == 2) {
    if (!is_callable(args[0])) return set_error(&exc_TypeError, "iter(v, w): v must be callable");
    return callable_iter_new(args[0], args[1]);
  }
  return get_iter(args[0]);
}
static Object* builtin_next(Object*, Object* const* args, ssize nargs) {
  if (nargs < 1 || nargs > 2) return set_errorf(&exc_TypeError, "next expected at most 2 arguments, got {}", nargs);
  Object* it = args[0];
  if (!type_of(it)->tp_iternext)
    return set_errorf(&exc_TypeError, "'{}' object is not an iterator", type_name(it));
  Object* r = type_of(it)->tp_iternext(it);
  if (r) return r;
  if (error_occurred()) {
    if (nargs == 2 && error_matches(&exc_StopIteration)) {
      error_clear();
      return newref(args[1]);
    }
    return nullptr;
  }
  if (nargs == 2) return newref(args[1]);
  return set_error_value(&exc_StopIteration, nullptr);
}

static Object* builtin_sorted(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (nargs != 1) {
    if (nargs == 0) return set_error(&exc_TypeError, "sorted expected 1 argument, got 0");
    return set_errorf(&exc_TypeError, "sorted expected 1 argument, got {}", nargs);
  }
  Object* out[2] = {};
  if (!parse_args("sorted", args + 1, 0, kwnames, {"$key", "$reverse"}, 0, out)) return nullptr;
  // parse_args saw no positionals; keyword values follow args[nargs].
  ORef l = steal(sequence_list(args[0]));
  if (!l) return nullptr;
  Object* key = out[0] && out[0] != none() ? out[0] : nullptr;
  int rev = out[1] ? object_is_true(out[1]) : 0;
  if (rev < 0) return nullptr;
  if (list_sort(l.get(), key, rev) < 0) return nullptr;
  return l.release();
}

static Object* min_max(const char* name, Object* const* args, ssize nargs, Object* kwnames, int op) {
  Object* kw[2] = {};
  ssize nkw = kwnames ? tuple_size(kwnames) : 0;
  for (ssize k = 0; k < nkw; k++) {
    std::string_view key = str_view(tuple_get(kwnames, k));
    if (key == "key") kw[0] = args[nargs + k];
    else if (key == "default") kw[1] = args[nargs + k];
    else return set_errorf(&exc_TypeError, "{}() got an unexpected keyword argument '{}'", name, key);
  }
  if (nargs == 0) return set_errorf(&exc_TypeError, "{} expected at least 1 argument, got 0", name);
  Object* key = kw[0] && kw[0] != none() ? kw[0] : nullptr;
  ORef it;
  if (nargs == 1) {
    it = steal(get_iter(args[0]));
  } else {
    if (kw[1])
      return set_errorf(&exc_TypeError, "Cannot specify a default for {}() with multiple positional arguments", name);
    ORef t = steal(tuple_from_array(args, nargs));
    if (!t) return nullptr;
    it = steal(get_iter(t.get()));
  }
  if (!it) return nullptr;
  ORef best, best_key;
  for (;;) {
    ORef v = steal(iter_next(it.get()));
    if (!v) {
      if (error_occurred()) return nullptr;
      break;
    }
    ORef k = key ? steal(call1(key, v.get())) : v;
    if (!k) return nullptr;
    if (!best) {
      best = v;
      best_key = k;
      continue;
    }
    int c = rich_compare_bool(k.get(), best_key.get(), op);
    if (c < 0) return nullptr;
    if (c) {
      best = v;
      best_key = k;
    }
  }
  if (!best) {
    if (kw[1]) return newref(kw[1]);
    return set_errorf(&exc_ValueError, "{}() iterable argument is empty", name);
  }
  return best.release();
}
static Object* builtin_min(Object*, Object* const* a, ssize n, Object* kw) { return min_max("min", a, n, kw, Py_LT); }
static Object* builtin_max(Object*, Object* const* a, ssize n, Object* kw) { return min_max("max", a, n, kw, Py_GT); }

static Object* builtin_sum(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* out[2] = {};
  if (!parse_args("sum", args, nargs, kwnames, {"iterable", "start"}, 1, out)) return nullptr;
  ORef acc = out[1] ? borrow(out[1]) : steal(int_from_i64(0));
  if (out[1] && type_check(out[1], &str_type))
    return set_error(&exc_TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
  if (out[1] && (type_check(out[1], &bytes_type) || type_check(out[1], &bytearray_type)))
    return set_errorf(&exc_TypeError, "sum() can't sum {} [use b''.join(seq) instead]",
                      type_check(out[1], &bytes_type) ? "bytes" : "bytearray");
  ORef it = steal(get_iter(out[0]));
  if (!it) return nullptr;
  ORef pending;  // an item read but not yet added
  // Fast path: exact ints that fit in 64 bits.
  if (type_check_exact(acc.get(), &int_type)) {
    int ovf = 0;
    int64_t total = int_as_i64(acc.get(), &ovf);
    if (!ovf) {
      for (;;) {
        ORef v = steal(iter_next(it.get()));
        if (!v) {
          if (error_occurred()) return nullptr;
          return int_from_i64(total);
        }
        if (type_check_exact(v.get(), &int_type)) {
          int64_t x = int_as_i64(v.get(), &ovf);
          int64_t t;
          if (!ovf && !__builtin_add_overflow(total, x, &t)) {
            total = t;
            continue;
          }
        }
        acc = steal(int_from_i64(total));
        if (!acc) return nullptr;
        pending = v;
        break;
      }
    }
  }
  if (pending) {
    ORef r = steal(binary_op(acc.get(), pending.get(), NB_ADD));
    if (!r) return nullptr;
    acc = r;
    pending = nullptr;
  }
  // Fast path: floats, with Neumaier's compensated summation as CPython 3.12+ does.
  if (type_check_exact(acc.get(), &float_type)) {
    double total = float_value(acc.get()), c = 0.0;
    for (;;) {
      ORef v = steal(iter_next(it.get()));
      if (!v) {
        if (error_occurred()) return nullptr;
        if (c != 0.0 && std::isfinite(c)) total += c;
        return float_from_double(total);
      }
      double x;
      bool ok = false;
      if (type_check_exact(v.get(), &float_type)) {
        x = float_value(v.get());
        ok = true;
      } else if (type_check_exact(v.get(), &int_type)) {
        int ovf = 0;
        int64_t iv = int_as_i64(v.get(), &ovf);
        if (!ovf) {
          x = double(iv);
          ok = true;
        }
      }
      if (ok) {
        double t = total + x;
        if (std::fabs(total) >= std::fabs(x))
          c += (total - t) + x;
        else
          c += (x - t) + total;
        total = t;
        continue;
      }
      if (c != 0.0 && std::isfinite(c)) total += c;
      acc = steal(float_from_double(total));
      if (!acc) return nullptr;
      pending = v;
      break;
    }
  }
  if (pending) {
    ORef r = steal(binary_op(acc.get(), pending.get(), NB_ADD));
    if (!r) return nullptr;
    acc = r;
  }
  for (;;) {
    ORef v = steal(iter_next(it.get()));
    if (!v) {
      if (error_occurred()) return nullptr;
      break;
    }
    ORef r = steal(binary_op(acc.get(), v.get(), NB_ADD));
    if (!r) return nullptr;
    acc = r;
  }
  return acc.release();
}

static Object* builtin_any_all(Object* o, bool want) {
  ORef it = steal(get_iter(o));
  if (!it) return nullptr;
  for (;;) {
    ORef v = steal(iter_next(it.get()));
    if (!v) {
      if (error_occurred()) return nullptr;
      return newref(bool_obj(!want));
    }
    int t = object_is_true(v.get());
    if (t < 0) return nullptr;
    if (bool(t) == want) return newref(bool_obj(want));
  }
}
static Object* builtin_any(Object*, Object* o) { return builtin_any_all(o, true); }
static Object* builtin_all(Object*, Object* o) { return builtin_any_all(o, false); }

static Object* builtin_divmod(Object*, Object* const* args, ssize nargs) {
  if (nargs != 2) return set_errorf(&exc_TypeError, "divmod expected 2 arguments, got {}", nargs);
  return number_divmod(args[0], args[1]);
}
static Object* builtin_pow(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* out[3] = {};
  if (!parse_args("pow", args, nargs, kwnames, {"base", "exp", "mod"}, 2, out)) return nullptr;
  return number_power(out[0], out[1], out[2] ? out[2] : none());
}
static Object* builtin_round(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* out[2] = {};
  if (!parse_args("round", args, nargs, kwnames, {"number", "ndigits"}, 1, out)) return nullptr;
  Object* f = type_lookup(type_of(out[0]), strs::round);
  if (!f) return set_errorf(&exc_TypeError, "type {} doesn't define __round__ method", type_name(out[0]));
  if (!out[1] || out[1] == none()) {
    Object* a[1] = {out[0]};
    return call(f, a, 1, nullptr);
  }
  Object* a[2] = {out[0], out[1]};
  return call(f, a, 2, nullptr);
}
static Object* int_to_base(Object* o, int base, const char* prefix) {
  ORef i = steal(number_index(o));
  if (!i) return nullptr;
  std::string s;
  if (!int_to_string(i.get(), base, &s)) return nullptr;
  if (!s.empty() && s[0] == '-') return str_from_utf8("-" + std::string(prefix) + s.substr(1));
  return str_from_utf8(std::string(prefix) + s);
}
static Object* builtin_hex(Object*, Object* o) { return int_to_base(o, 16, "0x"); }
static Object* builtin_oct(Object*, Object* o) { return int_to_base(o, 8, "0o"); }
static Object* builtin_bin(Object*, Object* o) { return int_to_base(o, 2, "0b"); }
static Object* builtin_format(Object*, Object* const* args, ssize nargs) {
  if (nargs < 1 || nargs > 2) return set_errorf(&exc_TypeError, "format expected at most 2 arguments, got {}", nargs);
  return format_object(args[0], nargs == 2 ? args[1] : nullptr);
}

static Object* builtin_getattr(Object*, Object* const* args, ssize nargs) {
  if (nargs < 2 || nargs > 3) return set_errorf(&exc_TypeError, "getattr expected at least 2 arguments, got {}", nargs);
  if (!type_check(args[1], &str_type))
    return set_errorf(&exc_TypeError, "attribute name must be string, not '{}'", type_name(args[1]));
  if (nargs == 3) {
    Object* r = nullptr;
    int x = get_attr_optional(args[0], args[1], &r);
    if (x < 0) return nullptr;
    return x ? r : newref(args[2]);
  }
  return get_attr(args[0], args[1]);
}
static Object* builtin_setattr(Object*, Object* const* args, ssize nargs) {
  if (nargs != 3) return set_errorf(&exc_TypeError, "setattr expected 3 arguments, got {}", nargs);
  if (set_attr(args[0], args[1], args[2]) < 0) return nullptr;
  return newref(none());
}
static Object* builtin_delattr(Object*, Object* const* args, ssize nargs) {
  if (nargs != 2) return set_errorf(&exc_TypeError, "delattr expected 2 arguments, got {}", nargs);
  if (set_attr(args[0], args[1], nullptr) < 0) return nullptr;
  return newref(none());
}
static Object* builtin_hasattr(Object*, Object* const* args, ssize nargs) {
  if (nargs != 2) return set_errorf(&exc_TypeError, "hasattr expected 2 arguments, got {}", nargs);
  if (!type_check(args[1], &str_type))
    return set_errorf(&exc_TypeError, "attribute name must be string, not '{}'", type_name(args[1]));
  int r = has_attr(args[0], args[1]);
  if (r < 0) return nullptr;
  return newref(bool_obj(r));
}

// locals(): the frame's locals mapping for module and class bodies; a snapshot dict for function frames.
static Object* frame_locals(Frame* f) {
  if (f->locals) return newref(f->locals);
  ORef d = steal(dict_new());
  if (!d) return nullptr;
  CodeObject* co = f->code;
  const uint8_t* kinds = reinterpret_cast<const uint8_t*>(bytes_data(co->localspluskinds));
  for (int i = 0; i < co->nlocalsplus; i++) {
    Object* v = f->localsplus[i];
    if (v && (kinds[i] & (kFastCell | kFastFree)) && type_of(v) == &cell_type) v = reinterpret_cast<CellObject*>(v)->ob_ref;
    if (!v || (kinds[i] & kFastHidden)) continue;
    // Free variables of a function are only visible to locals() when they are also its own variables (3.13 rule).
    if ((kinds[i] & kFastFree) && !(co->flags & kCoOptimized)) continue;
    if (dict_set(d.get(), tuple_get(co->localsplusnames, i), v) < 0) return nullptr;
  }
  return d.release();
}

static Object* builtin_locals(Object*, Object*) {
  Frame* f = thread_state().frame;
  if (!f) return set_error(&exc_SystemError, "locals(): no current frame");
  return frame_locals(f);
}

static Object* builtin_vars(Object*, Object* const* args, ssize nargs) {
  if (nargs > 1) return set_errorf(&exc_TypeError, "vars expected at most 1 argument, got {}", nargs);
  if (nargs == 0) return builtin_locals(nullptr, nullptr);
  Object* d = nullptr;
  int r = get_attr_optional(args[0], strs::dict, &d);
  if (r < 0) return nullptr;
  if (!r) return set_error(&exc_TypeError, "vars() argument must have __dict__ attribute");
  return d;
}

static Object* builtin_dir(Object*, Object* const* args, ssize nargs) {
  if (nargs > 1) return set_errorf(&exc_TypeError, "dir expected at most 1 argument, got {}", nargs);
  ORef names;
  if (nargs == 0) {
    ORef loc = steal(builtin_locals(nullptr, nullptr));
    if (!loc) return nullptr;
    names = steal(type_check(loc.get(), &dict_type) ? dict_keys_list(loc.get()) : sequence_list(loc.get()));
  } else {
    Object* f = type_lookup(type_of(args[0]), str_interned("__dir__"));
    if (!f) return set_error(&exc_TypeError, "object does not provide __dir__");
    ORef r = steal(call1(f, args[0]));
    if (!r) return nullptr;
    names = steal(sequence_list(r.get()));
  }
  if (!names || list_sort(names.get(), nullptr, false) < 0) return nullptr;
  return names.release();
}

static Object* builtin_globals(Object*, Object*) {
  Frame* f = thread_state().frame;
  if (!f) return set_error(&exc_SystemError, "globals(): no current frame");
  return newref(f->globals);
}

static Object* builtin_build_class(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (nargs < 2) return set_error(&exc_TypeError, "__build_class__: not enough arguments");
  Object* func = args[0];
  Object* name = args[1];
  if (type_of(func) != &function_type) return set_error(&exc_TypeError, "__build_class__: func must be a function");
  if (!type_check(name, &str_type)) return set_error(&exc_TypeError, "__build_class__: name is not a string");
  ORef bases = steal(tuple_from_array(args + 2, nargs - 2));
  if (!bases) return nullptr;
  Object* meta = nullptr;
  ORef kwds = steal(dict_new());
  if (!kwds) return nullptr;
  ssize nkw = kwnames ? tuple_size(kwnames) : 0;
  for (ssize k = 0; k < nkw; k++) {
    Object* key = tuple_get(kwnames, k);
    if (str_view(key) == "metaclass") {
      meta = args[nargs + k];
    } else if (dict_set(kwds.get(), key, args[nargs + k]) < 0) {
      return nullptr;
    }
  }
  ORef meta_ref;
  if (!meta) {
    meta = tuple_size(bases.get()) ? reinterpret_cast<Object*>(type_of(tuple_get(bases.get(), 0)))
                                   : reinterpret_cast<Object*>(&type_type);
  }
  // The most derived metaclass among meta and the bases' types.
  if (type_check(meta, &type_type)) {
    Type* winner = reinterpret_cast<Type*>(meta);
    for (ssize i = 0; i < tuple_size(bases.get()); i++) {
      Type* bt = type_of(tuple_get(bases.get(), i));
      if (is_subtype(winner, bt)) continue;
      if (is_subtype(bt, winner)) {
        winner = bt;
        continue;
      }
      return set_error(&exc_TypeError,
                       "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the "
                       "metaclasses of all its bases");
    }
    meta = reinterpret_cast<Object*>(winner);
  }
  meta_ref = borrow(meta);
  // namespace = meta.__prepare__(name, bases, **kwds)
  ORef ns;
  Object* prep = nullptr;
  int r = get_attr_optional(meta, strs::prepare, &prep);
  if (r < 0) return nullptr;
  if (r) {
    ORef p = steal(prep);
    ORef kn = steal(dict_keys_list(kwds.get()));
    ORef kv = steal(dict_values_list(kwds.get()));
    if (!kn || !kv) return nullptr;
    std::vector<Object*> a{name, bases.get()};
    for (ssize i = 0; i < list_size(kv.get()); i++) a.push_back(list_items(kv.get())[i]);
    ORef knt = steal(list_as_tuple(kn.get()));
    ns = steal(call(prep, a.data(), 2, list_size(kn.get()) ? knt.get() : nullptr));
  } else {
    ns = steal(dict_new());
  }
  if (!ns) return nullptr;
  auto* fn = reinterpret_cast<FunctionObject*>(func);
  ORef cell = steal(eval_code(fn->code, fn->globals, ns.get(), fn->closure));
  if (!cell) return nullptr;
  ORef kn = steal(dict_keys_list(kwds.get()));
  ORef kv = steal(dict_values_list(kwds.get()));
  if (!kn || !kv) return nullptr;
  std::vector<Object*> a{name, bases.get(), ns.get()};
  for (ssize i = 0; i < list_size(kv.get()); i++) a.push_back(list_items(kv.get())[i]);
  ORef knt = steal(list_as_tuple(kn.get()));
  ORef cls = steal(call(meta, a.data(), 3, list_size(kn.get()) ? knt.get() : nullptr));
  if (!cls) return nullptr;
  if (type_of(cell.get()) == &cell_type) {
    set_slot(&reinterpret_cast<CellObject*>(cell.get())->ob_ref, newref(cls.get()));
  }
  return cls.release();
}

// Zero-argument super(): the class from the __class__ cell and the first argument of the calling frame.
static int super_zero_args(Type** type, Object** obj) {
  Frame* f = thread_state().frame;
  if (!f) {
    set_error(&exc_RuntimeError, "super(): no arguments");
    return -1;
  }
  CodeObject* co = f->code;
  if (co->argcount == 0 && !(co->flags & kCoVarargs)) {
    set_error(&exc_RuntimeError, "super(): no arguments");
    return -1;
  }
  Object* first = f->localsplus[0];
  const uint8_t* kinds = reinterpret_cast<const uint8_t*>(bytes_data(co->localspluskinds));
  if (first && (kinds[0] & kFastCell)) first = reinterpret_cast<CellObject*>(first)->ob_ref;
  if (!first) {
    set_error(&exc_RuntimeError, "super(): arg[0] deleted");
    return -1;
  }
  for (int i = 0; i < co->nlocalsplus; i++) {
    if ((kinds[i] & kFastFree) && str_view(tuple_get(co->localsplusnames, i)) == "__class__") {
      Object* cell = f->localsplus[i];
      Object* cls = cell ? reinterpret_cast<CellObject*>(cell)->ob_ref : nullptr;
      if (!cls) {
        set_error(&exc_RuntimeError, "super(): empty __class__ cell");
        return -1;
      }
      if (!type_check(cls, &type_type)) {
        set_error(&exc_RuntimeError, "super(): __class__ is not a type");
        return -1;
      }
      *type = reinterpret_cast<Type*>(cls);
      *obj = first;
      return 0;
    }
  }
  set_error(&exc_RuntimeError, "super(): __class__ cell not found");
  return -1;
}
extern int (*g_super_zero_args)(Type**, Object**);

static Object* builtin_exec_code(Object*, Object* const* args, ssize nargs, bool is_eval) {
  if (nargs < 1) return set_error(&exc_TypeError, "exec expected at least 1 argument");
  if (type_of(args[0]) != &code_type)
    return set_errorf(&exc_NotImplementedError, "{}() of source strings needs pyvm's compiler (not implemented yet)",
                      is_eval ? "eval" : "exec");
  Object* globals = nargs > 1 && args[1] != none() ? args[1] : thread_state().frame->globals;
  Object* locals = nargs > 2 && args[2] != none() ? args[2] : globals;
  if (!type_check(globals, &dict_type)) return set_error(&exc_TypeError, "exec() globals must be a dict");
  int has = dict_contains(globals, strs::builtins);
  if (has < 0) return nullptr;
  if (!has && dict_set(globals, strs::builtins, reinterpret_cast<Object*>(g_builtins)) < 0) return nullptr;
  Object* r = eval_code(args[0], globals, locals);
  if (!r || is_eval) return r;
  decref(r);
  return newref(none());
}
static Object* builtin_exec(Object* m, Object* const* a, ssize n) { return builtin_exec_code(m, a, n, false); }
static Object* builtin_eval(Object* m, Object* const* a, ssize n) { return builtin_exec_code(m, a, n, true); }

static Object* builtin_import(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* out[5] = {};
  if (!parse_args("__import__", args, nargs, kwnames, {"name", "globals", "locals", "fromlist", "level"}, 1, out))
    return nullptr;
  if (!type_check(out[0], &str_type))
    return set_errorf(&exc_TypeError, "__import__() argument 1 must be str, not {}", type_name(out[0]));
  int level = 0;
  if (out[4]) {
    ssize l = number_as_ssize(out[4], &exc_OverflowError);
    if (l == -1 && error_occurred()) return nullptr;
    level = int(l);
  }
  return import_module_level(out[0], out[3], level);
}

#define FAST(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(f))
static PyMethodDef builtin_methods[] = {
    {"__import__", FAST(builtin_import), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"print", FAST(builtin_print), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"len", builtin_len, METH_O, nullptr},
    {"repr", builtin_repr, METH_O, nullptr},
    {"ascii", builtin_ascii, METH_O, nullptr},
    {"abs", builtin_abs, METH_O, nullptr},
    {"hash", builtin_hash, METH_O, nullptr},
    {"id", builtin_id, METH_O, nullptr},
    {"callable", builtin_callable, METH_O, nullptr},
    {"chr", builtin_chr, METH_O, nullptr},
    {"ord", builtin_ord, METH_O, nullptr},
    {"any", builtin_any, METH_O, nullptr},
    {"all", builtin_all, METH_O, nullptr},
    {"hex", builtin_hex, METH_O, nullptr},
    {"oct", builtin_oct, METH_O, nullptr},
    {"bin", builtin_bin, METH_O, nullptr},
    {"globals", builtin_globals, METH_NOARGS, nullptr},
    {"locals", builtin_locals, METH_NOARGS, nullptr},
    {"vars", FAST(builtin_vars), METH_FASTCALL, nullptr},
    {"dir", FAST(builtin_dir), METH_FASTCALL, nullptr},
    {"isinstance", FAST(builtin_isinstance), METH_FASTCALL, nullptr},
    {"issubclass", FAST(builtin_issubclass), METH_FASTCALL, nullptr},
    {"iter", FAST(builtin_iter), METH_FASTCALL, nullptr},
    {"next", FAST(builtin_next), METH_FASTCALL, nullptr},
    {"divmod", FAST(builtin_divmod), METH_FASTCALL, nullptr},
    {"format", FAST(builtin_format), METH_FASTCALL, nullptr},
    {"getattr", FAST(builtin_getattr), METH_FASTCALL, nullptr},
    {"setattr", FAST(builtin_setattr), METH_FASTCALL, nullptr},
    {"delattr", FAST(builtin_delattr), METH_FASTCALL, nullptr},
    {"hasattr", FAST(builtin_hasattr), METH_FASTCALL, nullptr},
    {"exec", FAST(builtin_exec), METH_FASTCALL, nullptr},
    {"eval", FAST(builtin_eval), METH_FASTCALL, nullptr},
    {"sorted", FAST(builtin_sorted), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"min", FAST(builtin_min), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"max", FAST(builtin_max), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"sum", FAST(builtin_sum), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"pow", FAST(builtin_pow), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"round", FAST(builtin_round), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"__build_class__", FAST(builtin_build_class), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {nullptr, nullptr, 0, nullptr}};
#undef FAST

Object* make_builtins_module() {
  g_super_zero_args = super_zero_args;
  ORef m = steal(module_new(str_interned("builtins")));
  if (!m) return nullptr;
  if (module_add_functions(m.get(), builtin_methods) < 0) return nullptr;
  Object* d = module_dict(m.get());
  struct {
    const char* name;
    Object* value;
  } objs[] = {
      {"None", none()}, {"True", true_()}, {"False", false_()}, {"Ellipsis", ellipsis()},
      {"NotImplemented", not_implemented()},
#define T(t, n) {n, reinterpret_cast<Object*>(&t)},
      T(object_type, "object") T(type_type, "type") T(int_type, "int") T(bool_type, "bool") T(float_type, "float")
      T(complex_type, "complex") T(str_type, "str") T(bytes_type, "bytes") T(bytearray_type, "bytearray")
      T(tuple_type, "tuple") T(list_type, "list") T(dict_type, "dict") T(set_type, "set")
      T(frozenset_type, "frozenset") T(range_type, "range") T(slice_type, "slice") T(staticmethod_type, "staticmethod")
      T(classmethod_type, "classmethod") T(property_type, "property") T(super_type, "super")
      T(enumerate_type, "enumerate") T(zip_type, "zip") T(map_type, "map") T(filter_type, "filter")
      T(reversed_type, "reversed")
#undef T
#define PYVM_DECLARE_EXC(name, base) {#name, reinterpret_cast<Object*>(&exc_##name)},
#include "objects/exceptions.def"
#undef PYVM_DECLARE_EXC
  };
  for (auto& o : objs)
    if (dict_set_str(d, o.name, o.value) < 0) return nullptr;
  if (dict_set_str(d, "EnvironmentError", reinterpret_cast<Object*>(&exc_OSError)) < 0 ||
      dict_set_str(d, "IOError", reinterpret_cast<Object*>(&exc_OSError)) < 0)
    return nullptr;
  return m.release();
}

}  // namespace pyvm
