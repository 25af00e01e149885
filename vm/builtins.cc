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
#include "objects/type.h"
#include "objects/types.h"
#include "vm/compile_api.h"
#include "vm/function.h"
#include "vm/interp.h"
#include "vm/import.h"
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
  Object* file = kw[2] && kw[2] != none() ? kw[2] : sys_get("stdout");
  if (!file) return set_error(&exc_RuntimeError, "lost sys.stdout");
  if (file == none()) return newref(none());
  int flush = 0;
  if (kw[3]) {
    flush = object_is_true(kw[3]);
    if (flush < 0) return nullptr;
  }
  if (int fd = sys_stream_fd(file); fd >= 0) {
    // The built-in stream: one write per call, so lines from different threads never interleave. What was
    // converted before a failing __str__ is still written, as CPython's piecewise writes would have.
    std::string out;
    bool failed = false;
    for (ssize i = 0; i < nargs && !failed; i++) {
      if (i) out += sep;
      ORef piece = steal(object_str(args[i]));
      if (!piece) {
        failed = true;
        break;
      }
      ssize n = 0;
      if (const char* p = str_utf8(piece.get(), &n)) {
        out.append(p, size_t(n));
        continue;
      }
      // Lone surrogates: the stream's error handler decides (surrogateescape, backslashreplace, or strict's error).
      error_clear();
      ORef b = steal(str_encode(piece.get(), "utf-8", sys_stream_errors(file)));
      if (!b) {
        failed = true;
        break;
      }
      out.append(bytes_data(b.get()), size_t(bytes_size(b.get())));
    }
    if (!failed) out += end;
    sys_write_stream(fd, out.data(), out.size());
    if (failed) return nullptr;
    if (flush) {  // the stream buffers (C stdio): a process that ends with os._exit would lose the text
      ORef r = steal(call_method0(file, str_interned("flush")));
      if (!r) return nullptr;
    }
    return newref(none());
  }
  // Any other file object: write() for each argument, separator and the end, then flush() when asked.
  ORef w = steal(get_attr_str(file, "write"));
  if (!w) return nullptr;
  auto write_obj = [&](Object* o) {
    ORef r = steal(call1(w.get(), o));
    return bool(r.get());
  };
  ORef sep_obj = steal(str_from_utf8(sep));
  ORef end_obj = steal(str_from_utf8(end));
  if (!sep_obj || !end_obj) return nullptr;
  for (ssize i = 0; i < nargs; i++) {
    if (i && !write_obj(sep_obj.get())) return nullptr;
    ORef piece = steal(object_str(args[i]));
    if (!piece || !write_obj(piece.get())) return nullptr;
  }
  if (!write_obj(end_obj.get())) return nullptr;
  if (flush) {
    ORef r = steal(call_method0(file, str_interned("flush")));
    if (!r) return nullptr;
  }
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
  if (c == -1 && error_occurred()) {
    if (!error_matches(&exc_OverflowError)) return nullptr;
    error_clear();  // out of any C range: still just "not in range"
    c = -1;
  }
  if (c < 0 || c > 0x10ffff) return set_error(&exc_ValueError, "chr() arg not in range(0x110000)");
  return newref(str_from_char(uint32_t(c)));
}
static Object* builtin_ord(Object*, Object* o) {
  if (type_check(o, &str_type)) {
    if (str_length(o) != 1)
      return set_errorf(&exc_TypeError, "ord() expected a character, but string of length {} found", str_length(o));
    return int_from_i64(str_char_at(o, 0));
  }
  if (type_check(o, &bytes_type) || type_check(o, &bytearray_type)) {
    bool is_bytes = type_check(o, &bytes_type);
    ssize n = is_bytes ? bytes_size(o) : bytearray_size(o);
    if (n != 1)
      return set_errorf(&exc_TypeError, "ord() expected a character, but string of length {} found", n);
    const char* data = is_bytes ? bytes_data(o) : bytearray_data(o);
    return int_from_i64(static_cast<unsigned char>(data[0]));
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
  if (!check_positional("iter", nargs, nullptr, 1, 2)) return nullptr;
  if (nargs == 2) {
    if (!is_callable(args[0])) return set_error(&exc_TypeError, "iter(v, w): v must be callable");
    return callable_iter_new(args[0], args[1]);
  }
  return get_iter(args[0]);
}
static Object* builtin_next(Object*, Object* const* args, ssize nargs) {
  if (!check_positional("next", nargs, nullptr, 1, 2)) return nullptr;
  Object* it = args[0];
  iternextfunc fn = type_of(it)->tp_iternext;  // loaded once: __next__ may be deleted meanwhile
  if (!fn) return set_errorf(&exc_TypeError, "'{}' object is not an iterator", type_name(it));
  Object* r = fn(it);
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
  // CPython hands the keywords to list.sort, whose name the errors carry.
  if (!parse_args("sort", args + 1, 0, kwnames, {"$key", "$reverse"}, 0, out)) return nullptr;
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
  if (!parse_args("sum", args, nargs, kwnames, {"/iterable", "start"}, 1, out)) return nullptr;
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
  bool found;
  bool ndigits = out[1] && out[1] != none();
  Object* r = call_special_method(out[0], strs::round, &out[1], ndigits ? 1 : 0, &found);
  if (!found) return set_errorf(&exc_TypeError, "type {} doesn't define __round__ method", type_name(out[0]));
  return r;
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
  if (!check_positional("format", nargs, nullptr, 1, 2)) return nullptr;
  if (nargs == 2 && !type_check(args[1], &str_type))
    return set_errorf(&exc_TypeError, "format() argument 2 must be str, not {}", type_name(args[1]));
  return format_object(args[0], nargs == 2 ? args[1] : nullptr);
}

static Object* builtin_getattr(Object*, Object* const* args, ssize nargs) {
  if (!check_positional("getattr", nargs, nullptr, 2, 3)) return nullptr;
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

static Object* builtin_locals(Object*, Object*) {
  Frame* f = thread_state().frame;
  if (!f) return set_error(&exc_SystemError, "locals(): no current frame");
  return frame_locals_dict(f);
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
    if (type_check_exact(loc.get(), &dict_type)) {
      names = steal(dict_keys_list(loc.get()));
    } else {
      // Locals that are another mapping (eval/exec): their keys(), as CPython's PyMapping_Keys.
      ORef keys = steal(call_method0(loc.get(), str_interned("keys")));
      if (!keys) return nullptr;
      names = steal(sequence_list(keys.get()));
      if (!names && error_matches(&exc_TypeError) && !type_of(keys.get())->tp_iter) {
        error_clear();
        return set_errorf(&exc_TypeError, "{}.keys() returned a non-iterable (type {})", type_name(loc.get()),
                          type_name(keys.get()));
      }
    }
  } else {
    bool found;
    ORef r = steal(call_special_method(args[0], str_interned("__dir__"), nullptr, 0, &found));
    if (!found) return set_error(&exc_TypeError, "object does not provide __dir__");
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

// Replaces bases that are not classes but define __mro_entries__ by what that returns (PEP 560). Returns the
// original tuple (new reference) when nothing changed.
static Object* update_bases(Object* bases) {
  ORef out;  // a list, once some base was replaced
  for (ssize i = 0; i < tuple_size(bases); i++) {
    Object* base = tuple_get(bases, i);
    Object* meth = nullptr;
    if (!type_check(base, &type_type)) {
      if (get_attr_optional(base, strs::mro_entries, &meth) < 0) return nullptr;
    }
    if (!meth) {
      if (out && list_append(out.get(), base) < 0) return nullptr;
      continue;
    }
    ORef m = steal(meth);
    ORef entries = steal(call1(meth, bases));
    if (!entries) return nullptr;
    if (!type_check(entries.get(), &tuple_type))
      return set_error(&exc_TypeError, "__mro_entries__ must return a tuple");
    if (!out) {
      out = steal(list_from_array(tuple_items(bases), i));
      if (!out) return nullptr;
    }
    for (ssize j = 0; j < tuple_size(entries.get()); j++)
      if (list_append(out.get(), tuple_get(entries.get(), j)) < 0) return nullptr;
  }
  if (!out) return newref(bases);
  return list_as_tuple(out.get());
}

// class statements: __build_class__(func, name, *bases, metaclass=..., **kwds), as CPython's.
static Object* builtin_build_class(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (nargs < 2) return set_error(&exc_TypeError, "__build_class__: not enough arguments");
  Object* func = args[0];
  Object* name = args[1];
  if (type_of(func) != &function_type) return set_error(&exc_TypeError, "__build_class__: func must be a function");
  if (!type_check(name, &str_type)) return set_error(&exc_TypeError, "__build_class__: name is not a string");
  ORef orig_bases = steal(tuple_from_array(args + 2, nargs - 2));
  if (!orig_bases) return nullptr;
  ORef bases = steal(update_bases(orig_bases.get()));
  if (!bases) return nullptr;
  ORef meta;
  ORef kwds = steal(dict_new());
  if (!kwds) return nullptr;
  ssize nkw = kwnames ? tuple_size(kwnames) : 0;
  for (ssize k = 0; k < nkw; k++) {
    Object* key = tuple_get(kwnames, k);
    if (str_view(key) == "metaclass") {
      meta = borrow(args[nargs + k]);
    } else if (dict_set(kwds.get(), key, args[nargs + k]) < 0) {
      return nullptr;
    }
  }
  bool is_class = true;
  if (!meta) {
    meta = borrow(tuple_size(bases.get()) ? reinterpret_cast<Object*>(type_of(tuple_get(bases.get(), 0)))
                                          : reinterpret_cast<Object*>(&type_type));
  } else {
    is_class = type_check(meta.get(), &type_type);
  }
  // The most derived metaclass among meta and the bases' types (a non-class metaclass is used as is).
  if (is_class) {
    Type* winner = type_calculate_metaclass(reinterpret_cast<Type*>(meta.get()), bases.get());
    if (!winner) return nullptr;
    meta = borrow(reinterpret_cast<Object*>(winner));
  }
  ORef kn = steal(dict_keys_list(kwds.get()));
  ORef kv = steal(dict_values_list(kwds.get()));
  if (!kn || !kv) return nullptr;
  ORef knt = steal(list_as_tuple(kn.get()));
  if (!knt) return nullptr;
  Object* kwnames_or_null = list_size(kn.get()) ? knt.get() : nullptr;
  // namespace = meta.__prepare__(name, bases, **kwds)
  ORef ns;
  Object* prep = nullptr;
  int r = get_attr_optional(meta.get(), strs::prepare, &prep);
  if (r < 0) return nullptr;
  if (r) {
    ORef p = steal(prep);
    std::vector<Object*> a{name, bases.get()};
    for (ssize i = 0; i < list_size(kv.get()); i++) a.push_back(list_items(kv.get())[i]);
    ns = steal(call(prep, a.data(), 2, kwnames_or_null));
  } else {
    ns = steal(dict_new());
  }
  if (!ns) return nullptr;
  PyMappingMethods* mp = type_of(ns.get())->tp_as_mapping;
  if (!mp || !mp->mp_subscript)
    return set_errorf(&exc_TypeError, "{}.__prepare__() must return a mapping, not {}",
                      is_class ? reinterpret_cast<Type*>(meta.get())->tp_name : "<metaclass>", type_name(ns.get()));
  auto* fn = reinterpret_cast<FunctionObject*>(func);
  ORef cell = steal(eval_code(fn->code, fn->globals, ns.get(), fn->closure));
  if (!cell) return nullptr;
  if (bases.get() != orig_bases.get() && set_item(ns.get(), strs::orig_bases, orig_bases.get()) < 0) return nullptr;
  std::vector<Object*> a{name, bases.get(), ns.get()};
  for (ssize i = 0; i < list_size(kv.get()); i++) a.push_back(list_items(kv.get())[i]);
  ORef cls = steal(call(meta.get(), a.data(), 3, kwnames_or_null));
  if (!cls) return nullptr;
  // type.__new__ fills the __class__ cell from __classcell__; a metaclass that dropped it breaks super().
  if (type_check(cls.get(), &type_type) && type_of(cell.get()) == &cell_type) {
    Object* cell_cls = reinterpret_cast<CellObject*>(cell.get())->ob_ref;
    if (cell_cls != cls.get()) {
      std::string name_repr, cls_repr, cell_repr;
      if (!repr_utf8(name, &name_repr) || !repr_utf8(cls.get(), &cls_repr)) return nullptr;
      if (!cell_cls)
        return set_errorf(&exc_RuntimeError,
                          "__class__ not set defining {} as {}. Was __classcell__ propagated to type.__new__?",
                          name_repr, cls_repr);
      if (!repr_utf8(cell_cls, &cell_repr)) return nullptr;
      return set_errorf(&exc_TypeError, "__class__ set to {} defining {} as {}", cell_repr, name_repr, cls_repr);
    }
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

// PyMapping_Check: anything with __getitem__.
static bool is_mapping(Object* o) {
  Type* t = type_of(o);
  return t->tp_as_mapping && t->tp_as_mapping->mp_subscript;
}

// Argument shapes of eval(source, /, globals=None, locals=None) and exec(source, /, globals=None, locals=None, *,
// closure=None), with CPython's messages. out = {source, globals, locals, closure}, each borrowed or null.
static bool parse_exec_args(bool is_eval, Object* const* args, ssize nargs, Object* kwnames, Object** out) {
  const char* fname = is_eval ? "eval" : "exec";
  ssize nkw = kwnames ? tuple_size(kwnames) : 0;
  if (nargs < 1) {
    set_errorf(&exc_TypeError, "{}() takes at least 1 positional argument ({} given)", fname, nargs);
    return false;
  }
  if (nargs > 3) {
    if (is_eval) {
      set_errorf(&exc_TypeError, "eval() takes at most 3 arguments ({} given)", nargs + nkw);
    } else {
      set_errorf(&exc_TypeError, "exec() takes at most 3 positional arguments ({} given)", nargs);
    }
    return false;
  }
  ssize max_total = is_eval ? 3 : 4;
  if (nargs + nkw > max_total) {
    set_errorf(&exc_TypeError, "{}() takes at most {} arguments ({} given)", fname, max_total, nargs + nkw);
    return false;
  }
  for (ssize i = 0; i < 4; i++) out[i] = i < nargs ? args[i] : nullptr;
  static const char* const kNames[] = {"source", "globals", "locals", "closure"};
  for (ssize k = 0; k < nkw; k++) {
    std::string_view key = str_view(tuple_get(kwnames, k));
    int slot = -1;
    for (int i = 1; i < (is_eval ? 3 : 4); i++)
      if (key == kNames[i]) slot = i;
    if (slot < 0) {
      set_errorf(&exc_TypeError, "{}() got an unexpected keyword argument '{}'", fname, key);
      return false;
    }
    if (slot < nargs) {
      set_errorf(&exc_TypeError, "argument for {}() given by name ('{}') and position ({})", fname, key, slot + 1);
      return false;
    }
    out[slot] = args[nargs + k];
  }
  return true;
}

// eval()/exec() of code objects and of source text (compiled by vm/compile_api.cc). An optimized code object runs like a
// call with no arguments, so a code object with parameters fails the way calling its function without them does.
static Object* builtin_exec_code(Object* const* args, ssize nargs, Object* kwnames, bool is_eval) {
  Object* a[4];
  if (!parse_exec_args(is_eval, args, nargs, kwnames, a)) return nullptr;
  Object* source = a[0];
  Object* globals = a[1] && a[1] != none() ? a[1] : nullptr;
  Object* locals = a[2] && a[2] != none() ? a[2] : nullptr;
  Object* closure = a[3] && a[3] != none() ? a[3] : nullptr;
  if (is_eval) {
    if (locals && !is_mapping(locals)) return set_error(&exc_TypeError, "locals must be a mapping");
    if (globals && !type_check(globals, &dict_type))
      return set_error(&exc_TypeError, is_mapping(globals) ? "globals must be a real dict; try eval(expr, {}, mapping)"
                                                           : "globals must be a dict");
  }
  ORef locals_ref;
  Frame* caller = thread_state().frame;
  if (!globals) {
    if (!caller) return set_errorf(&exc_TypeError, "{} must be given globals and locals when called without a frame",
                                   is_eval ? "eval" : "exec");
    globals = caller->globals;
    if (!locals) {
      locals_ref = steal(frame_locals_dict(caller));
      if (!locals_ref) return nullptr;
      locals = locals_ref.get();
    }
  } else if (!locals) {
    locals = globals;
  }
  if (!is_eval) {
    if (!type_check(globals, &dict_type))
      return set_errorf(&exc_TypeError, "exec() globals must be a dict, not {}", type_name(globals));
    if (!is_mapping(locals))
      return set_errorf(&exc_TypeError, "locals must be a mapping or None, not {}", type_name(locals));
  }
  int has = dict_contains(globals, strs::builtins);
  if (has < 0) return nullptr;
  if (!has && dict_set(globals, strs::builtins, caller ? caller->builtins : g_builtins) < 0) return nullptr;
  ORef compiled;
  if (type_of(source) != &code_type) {
    if (closure) return set_error(&exc_TypeError, "closure can only be used when source is a code object");
    compiled = steal(compile_exec_source(source, is_eval, caller));
    if (!compiled) return nullptr;
    source = compiled.get();
  }
  ssize nfree = as_code(source)->nfreevars;
  if (is_eval) {
    if (nfree > 0) return set_error(&exc_TypeError, "code object passed to eval() may not contain free variables");
  } else if (nfree == 0) {
    if (closure) return set_error(&exc_TypeError, "cannot use a closure with this code object");
  } else {
    bool ok = closure && type_check_exact(closure, &tuple_type) && tuple_size(closure) == nfree;
    for (ssize i = 0; ok && i < nfree; i++) ok = type_of(tuple_get(closure, i)) == &cell_type;
    if (!ok) return set_errorf(&exc_TypeError, "code object requires a closure of exactly length {}", nfree);
  }
  Object* r = eval_code(source, globals, locals, closure);
  if (!r || is_eval) return r;
  decref(r);
  return newref(none());
}
static Object* builtin_exec(Object*, Object* const* a, ssize n, Object* kw) { return builtin_exec_code(a, n, kw, false); }
static Object* builtin_eval(Object*, Object* const* a, ssize n, Object* kw) { return builtin_exec_code(a, n, kw, true); }

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
  return import_module_level(out[0], out[1], out[2], out[3], level);
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
    {"exec", FAST(builtin_exec), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"eval", FAST(builtin_eval), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"sorted", FAST(builtin_sorted), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"min", FAST(builtin_min), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"max", FAST(builtin_max), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"sum", FAST(builtin_sum), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"pow", FAST(builtin_pow), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"round", FAST(builtin_round), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"__build_class__", FAST(builtin_build_class), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {nullptr, nullptr, 0, nullptr}};
#undef FAST

int builtins_more_init(Object* builtins_module);  // vm/builtins_more.cc

// Hooks through which objects/ reaches the running frame and the importer (objects/type_new.cc, object.cc).
extern Object* (*g_current_globals)();
extern Object* (*g_import_module)(const char* name);
static Object* current_globals() {
  Frame* f = thread_state().frame;
  return f ? f->globals : nullptr;
}
static Object* import_module_by_name(const char* name) {
  return import_module(name);
}

Object* make_builtins_module() {
  g_super_zero_args = super_zero_args;
  g_current_globals = current_globals;
  g_import_module = import_module_by_name;
  ORef m = steal(module_new(str_interned("builtins")));
  if (!m) return nullptr;
  if (module_add_functions(m.get(), builtin_methods) < 0 || builtins_more_init(m.get()) < 0) return nullptr;
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
      T(memoryview_type, "memoryview") T(tuple_type, "tuple") T(list_type, "list") T(dict_type, "dict")
      T(set_type, "set")
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
