// The _operator module: the C accelerators operator.py takes with `from _operator import *` (the operator
// functions, attrgetter, itemgetter, methodcaller, length_hint, _compare_digest, call).
//
// Thread-safety: every object here is immutable after construction, so no locking is needed.
#include <limits>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/buffer.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/methods.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/builtin_modules.h"
#include "vm/modules/modules.h"

namespace pyvm {
namespace {

// ---- plain functions (all positional-only) ----

#define PYVM_OP_UNARY(name, expr)                                                    \
  Object* op_##name(Object*, Object* const* args, ssize nargs, Object* kwnames) {    \
    if (!check_positional(#name, nargs, kwnames, 1, 1)) return nullptr;              \
    Object* a = args[0];                                                             \
    return expr;                                                                     \
  }
#define PYVM_OP_BINARY(name, expr)                                                   \
  Object* op_##name(Object*, Object* const* args, ssize nargs, Object* kwnames) {    \
    if (!check_positional(#name, nargs, kwnames, 2, 2)) return nullptr;              \
    Object* a = args[0];                                                             \
    Object* b = args[1];                                                             \
    return expr;                                                                     \
  }

Object* truth_of(Object* a) {
  int r = object_is_true(a);
  if (r < 0) return nullptr;
  return newref(bool_obj(r));
}

Object* contains_of(Object* a, Object* b) {
  int r = sequence_contains(a, b);
  if (r < 0) return nullptr;
  return newref(bool_obj(r));
}

// CPython's _PySequence_IterSearch: count (or first index of) items equal to `obj`.
Object* iter_search(Object* seq, Object* obj, bool index) {
  ORef it = steal(get_iter(seq));
  if (!it) {
    if (error_matches(&exc_TypeError)) {
      error_clear();
      return set_errorf(&exc_TypeError, "argument of type '{}' is not iterable", type_of(seq)->tp_name);
    }
    return nullptr;
  }
  ssize n = 0;
  for (;;) {
    ORef item = steal(iter_next(it.get()));
    if (!item) {
      if (error_occurred()) return nullptr;
      break;
    }
    int cmp = rich_compare_bool(item.get(), obj, Py_EQ);
    if (cmp < 0) return nullptr;
    if (cmp > 0) {
      if (index) return int_from_ssize(n);
      n++;
    } else if (index) {
      n++;
    }
  }
  if (index) return set_error(&exc_ValueError, "sequence.index(x): x not in sequence");
  return int_from_ssize(n);
}

Object* concat_of(Object* a, Object* b, bool inplace) {
  PySequenceMethods* sq = type_of(a)->tp_as_sequence;
  if (sq && inplace && sq->sq_inplace_concat) return sq->sq_inplace_concat(a, b);
  if (sq && sq->sq_concat) return sq->sq_concat(a, b);
  if (is_sequence(a) && is_sequence(b)) return binary_op(a, b, inplace ? NB_INPLACE_ADD : NB_ADD);
  return set_errorf(&exc_TypeError, "'{}' object can't be concatenated", type_of(a)->tp_name);
}

Object* none_if_ok(int r) { return r < 0 ? nullptr : newref(none()); }

PYVM_OP_UNARY(truth, truth_of(a))
PYVM_OP_BINARY(contains, contains_of(a, b))
PYVM_OP_BINARY(indexOf, iter_search(a, b, true))
PYVM_OP_BINARY(countOf, iter_search(a, b, false))
PYVM_OP_BINARY(getitem, get_item(a, b))
PYVM_OP_BINARY(delitem, none_if_ok(del_item(a, b)))
PYVM_OP_BINARY(eq, rich_compare(a, b, Py_EQ))
PYVM_OP_BINARY(ne, rich_compare(a, b, Py_NE))
PYVM_OP_BINARY(lt, rich_compare(a, b, Py_LT))
PYVM_OP_BINARY(le, rich_compare(a, b, Py_LE))
PYVM_OP_BINARY(gt, rich_compare(a, b, Py_GT))
PYVM_OP_BINARY(ge, rich_compare(a, b, Py_GE))
PYVM_OP_UNARY(not_, object_not(a))
PYVM_OP_UNARY(abs, number_absolute(a))
PYVM_OP_UNARY(neg, number_negative(a))
PYVM_OP_UNARY(pos, number_positive(a))
PYVM_OP_UNARY(inv, number_invert(a))
PYVM_OP_UNARY(invert, number_invert(a))
PYVM_OP_UNARY(index, number_index(a))
PYVM_OP_BINARY(is_, newref(bool_obj(a == b)))
PYVM_OP_BINARY(is_not, newref(bool_obj(a != b)))
PYVM_OP_BINARY(concat, concat_of(a, b, false))
PYVM_OP_BINARY(iconcat, concat_of(a, b, true))
PYVM_OP_BINARY(pow, number_power(a, b, none()))
PYVM_OP_BINARY(ipow, binary_op(a, b, NB_INPLACE_POWER))

#define PYVM_OP_ARITH(X)                                                                                    \
  X(add, NB_ADD) X(sub, NB_SUBTRACT) X(mul, NB_MULTIPLY) X(matmul, NB_MATRIX_MULTIPLY)                      \
  X(floordiv, NB_FLOOR_DIVIDE) X(truediv, NB_TRUE_DIVIDE) X(mod, NB_REMAINDER) X(lshift, NB_LSHIFT)         \
  X(rshift, NB_RSHIFT) X(and_, NB_AND) X(xor, NB_XOR) X(or_, NB_OR) X(iadd, NB_INPLACE_ADD)                 \
  X(isub, NB_INPLACE_SUBTRACT) X(imul, NB_INPLACE_MULTIPLY) X(imatmul, NB_INPLACE_MATRIX_MULTIPLY)         \
  X(ifloordiv, NB_INPLACE_FLOOR_DIVIDE) X(itruediv, NB_INPLACE_TRUE_DIVIDE) X(imod, NB_INPLACE_REMAINDER) \
  X(ilshift, NB_INPLACE_LSHIFT) X(irshift, NB_INPLACE_RSHIFT) X(iand, NB_INPLACE_AND)                     \
  X(ixor, NB_INPLACE_XOR) X(ior, NB_INPLACE_OR)
#define PYVM_OP_DEFINE_ARITH(name, op) PYVM_OP_BINARY(name, binary_op(a, b, op))
PYVM_OP_ARITH(PYVM_OP_DEFINE_ARITH)

Object* op_setitem(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("setitem", nargs, kwnames, 3, 3)) return nullptr;
  return none_if_ok(set_item(args[0], args[1], args[2]));
}

Object* op_length_hint(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("length_hint", nargs, kwnames, 1, 2)) return nullptr;
  ssize dflt = 0;
  if (nargs == 2) {
    dflt = number_as_ssize(args[1], &exc_OverflowError);
    if (dflt == -1 && error_occurred()) return nullptr;
  }
  ssize r = seq_length_hint(args[0], dflt);
  if (r == -1 && error_occurred()) return nullptr;
  return int_from_ssize(r);
}

Object* op_call(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("call", nargs, nullptr, 1, std::numeric_limits<ssize>::max())) return nullptr;
  return call(args[0], args + 1, size_t(nargs - 1), kwnames);
}

// Constant-time comparison of two ASCII strs or two buffers (CPython's _tscmp): the running time depends on the
// length of `b` only.
bool tscmp(const unsigned char* a, ssize len_a, const unsigned char* b, ssize len_b) {
  const unsigned char* left = len_a == len_b ? a : b;
  unsigned char result = len_a == len_b ? 0 : 1;
  for (ssize i = 0; i < len_b; i++) result |= static_cast<unsigned char>(left[i] ^ b[i]);
  return result == 0;
}

Object* op_compare_digest(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("_compare_digest", nargs, kwnames, 2, 2)) return nullptr;
  Object* a = args[0];
  Object* b = args[1];
  if (type_check(a, &str_type) && type_check(b, &str_type)) {
    if (!str_is_ascii(a) || !str_is_ascii(b))
      return set_error(&exc_TypeError, "comparing strings with non-ASCII characters is not supported");
    ssize la, lb;
    const char* pa = str_utf8(a, &la);
    const char* pb = str_utf8(b, &lb);
    return newref(bool_obj(tscmp(reinterpret_cast<const unsigned char*>(pa), la,
                                 reinterpret_cast<const unsigned char*>(pb), lb)));
  }
  for (Object* o : {a, b})
    if (!has_buffer(o))
      return set_errorf(&exc_TypeError, "a bytes-like object is required, not '{}'", type_of(o)->tp_name);
  std::string sa, sb;
  if (!buffer_copy_bytes(a, &sa) || !buffer_copy_bytes(b, &sb)) return nullptr;
  return newref(bool_obj(tscmp(reinterpret_cast<const unsigned char*>(sa.data()), ssize(sa.size()),
                               reinterpret_cast<const unsigned char*>(sb.data()), ssize(sb.size()))));
}

// ---- shared helpers for the callable types ----

Object* no_kw_one_arg(const char* name, Object* const* args, size_t nargsf, Object* kwnames) {
  ssize nargs = ssize(nargsf & ~(size_t(1) << (8 * sizeof(size_t) - 1)));
  if (!no_keywords(name, kwnames) || !check_positional(name, nargs, nullptr, 1, 1)) return nullptr;
  return args[0];
}

std::string short_type_name(Object* self) { return type_of(self)->tp_name; }

// ---- itemgetter ----

struct ItemGetter {
  PyObject ob_base;
  Object* items;  // tuple
  vectorcallfunc vectorcall;
};
inline ItemGetter* IG(Object* o) { return reinterpret_cast<ItemGetter*>(o); }
extern Type itemgetter_type;

Object* itemgetter_vectorcall(Object* self, Object* const* args, size_t nargsf, Object* kwnames) {
  Object* obj = no_kw_one_arg("itemgetter", args, nargsf, kwnames);
  if (!obj) return nullptr;
  Object* items = IG(self)->items;
  ssize n = tuple_size(items);
  if (n == 1) return get_item(obj, tuple_get(items, 0));
  ORef result = steal(tuple_new(n));
  if (!result) return nullptr;
  for (ssize i = 0; i < n; i++) {
    Object* v = get_item(obj, tuple_get(items, i));
    if (!v) return nullptr;
    tuple_set(result.get(), i, v);
  }
  return result.release();
}

Object* itemgetter_call(Object* self, Object* args, Object* kwds) {
  if (kwds && dict_size(kwds) > 0) return set_error(&exc_TypeError, "itemgetter() takes no keyword arguments");
  return itemgetter_vectorcall(self, tuple_items(args), size_t(tuple_size(args)), nullptr);
}

Object* itemgetter_new(Type* type, Object* args, Object* kwds) {
  if (kwds && dict_size(kwds) > 0) return set_error(&exc_TypeError, "itemgetter() takes no keyword arguments");
  if (tuple_size(args) < 1) return set_error(&exc_TypeError, "itemgetter expected 1 argument, got 0");
  Object* o = new_object(type, size_t(type->tp_basicsize));
  if (!o) return nullptr;
  IG(o)->items = newref(args);
  IG(o)->vectorcall = itemgetter_vectorcall;
  return o;
}

void itemgetter_dealloc(Object* self) {
  Type* t = type_of(self);
  xdecref(IG(self)->items);
  object_free(self);
  dealloc_type_ref(t);
}

int itemgetter_traverse(Object* self, visitproc visit, void* arg) {
  if (Object* i = IG(self)->items) return visit(i, arg);
  return 0;
}

// "name(r1, r2, ...)" from the reprs of a tuple's items, with the recursion guard on `self`.
Object* args_repr(Object* self, Object* tuple, const std::string& extra) {
  std::string name = short_type_name(self);
  int rec = repr_enter(self);
  if (rec < 0) return nullptr;
  if (rec > 0) return str_from_utf8(name + "(...)");
  std::string out = name + "(";
  bool ok = true;
  for (ssize i = 0; i < tuple_size(tuple) && ok; i++) {
    std::string r;
    ok = repr_utf8(tuple_get(tuple, i), &r);
    if (i) out += ", ";
    out += r;
  }
  repr_leave(self);
  if (!ok) return nullptr;
  out += extra;
  out += ")";
  return str_from_utf8(out);
}

Object* itemgetter_repr(Object* self) { return args_repr(self, IG(self)->items, ""); }

Object* itemgetter_reduce(Object* self, Object*) {
  return tuple_pack({reinterpret_cast<Object*>(type_of(self)), IG(self)->items});
}

PyMethodDef itemgetter_methods[] = {{"__reduce__", itemgetter_reduce, METH_NOARGS, "Return state information for pickling"},
                                    {nullptr, nullptr, 0, nullptr}};

Type itemgetter_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "operator.itemgetter",
    .tp_basicsize = sizeof(ItemGetter),
    .tp_dealloc = itemgetter_dealloc,
    .tp_vectorcall_offset = offsetof(ItemGetter, vectorcall),
    .tp_repr = itemgetter_repr,
    .tp_call = itemgetter_call,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_doc =
        "itemgetter(item, /, *items)\n--\n\nReturn a callable object that fetches the given item(s) from its "
        "operand.\nAfter f = itemgetter(2), the call f(r) returns r[2].\nAfter g = itemgetter(2, 5, 3), the call "
        "g(r) returns (r[2], r[5], r[3])",
    .tp_traverse = itemgetter_traverse,
    .tp_methods = itemgetter_methods,
    .tp_new = itemgetter_new,
    .tp_free = object_free,
};

// ---- attrgetter ----

struct AttrGetter {
  PyObject ob_base;
  Object* attrs;  // tuple; each entry an interned str or a tuple of them (a dotted name)
  vectorcallfunc vectorcall;
};
inline AttrGetter* AG(Object* o) { return reinterpret_cast<AttrGetter*>(o); }

Object* dotted_getattr(Object* obj, Object* attr) {
  if (type_check(attr, &tuple_type)) {
    ORef cur = borrow(obj);
    for (ssize i = 0; i < tuple_size(attr); i++) {
      cur = steal(get_attr(cur.get(), tuple_get(attr, i)));
      if (!cur) return nullptr;
    }
    return cur.release();
  }
  return get_attr(obj, attr);
}

Object* attrgetter_vectorcall(Object* self, Object* const* args, size_t nargsf, Object* kwnames) {
  Object* obj = no_kw_one_arg("attrgetter", args, nargsf, kwnames);
  if (!obj) return nullptr;
  Object* attrs = AG(self)->attrs;
  ssize n = tuple_size(attrs);
  if (n == 1) return dotted_getattr(obj, tuple_get(attrs, 0));
  ORef result = steal(tuple_new(n));
  if (!result) return nullptr;
  for (ssize i = 0; i < n; i++) {
    Object* v = dotted_getattr(obj, tuple_get(attrs, i));
    if (!v) return nullptr;
    tuple_set(result.get(), i, v);
  }
  return result.release();
}

Object* attrgetter_call(Object* self, Object* args, Object* kwds) {
  if (kwds && dict_size(kwds) > 0) return set_error(&exc_TypeError, "attrgetter() takes no keyword arguments");
  return attrgetter_vectorcall(self, tuple_items(args), size_t(tuple_size(args)), nullptr);
}

Object* attrgetter_new(Type* type, Object* args, Object* kwds) {
  if (kwds && dict_size(kwds) > 0) return set_error(&exc_TypeError, "attrgetter() takes no keyword arguments");
  ssize n = tuple_size(args);
  if (n < 1) return set_error(&exc_TypeError, "attrgetter expected 1 argument, got 0");
  ORef attrs = steal(tuple_new(n));
  if (!attrs) return nullptr;
  for (ssize i = 0; i < n; i++) {
    Object* item = tuple_get(args, i);
    if (!type_check(item, &str_type)) return set_error(&exc_TypeError, "attribute name must be a string");
    std::string_view s = str_view(item);
    std::vector<std::string_view> parts;
    size_t start = 0;
    for (;;) {
      size_t dot = s.find('.', start);
      parts.push_back(s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
      if (dot == std::string_view::npos) break;
      start = dot + 1;
    }
    auto intern = [](std::string_view p) -> Object* {
      Object* st = str_from_utf8(p);
      return st ? str_intern(st) : nullptr;
    };
    Object* entry;
    if (parts.size() == 1) {
      entry = intern(s);
    } else {
      entry = tuple_new(ssize(parts.size()));
      if (entry) {
        for (size_t k = 0; k < parts.size(); k++) {
          Object* p = intern(parts[k]);
          if (!p) {
            decref(entry);
            return nullptr;
          }
          tuple_set(entry, ssize(k), p);
        }
      }
    }
    if (!entry) return nullptr;
    tuple_set(attrs.get(), i, entry);
  }
  Object* o = new_object(type, size_t(type->tp_basicsize));
  if (!o) return nullptr;
  AG(o)->attrs = attrs.release();
  AG(o)->vectorcall = attrgetter_vectorcall;
  return o;
}

void attrgetter_dealloc(Object* self) {
  Type* t = type_of(self);
  xdecref(AG(self)->attrs);
  object_free(self);
  dealloc_type_ref(t);
}

int attrgetter_traverse(Object* self, visitproc visit, void* arg) {
  if (Object* a = AG(self)->attrs) return visit(a, arg);
  return 0;
}

// The constructor arguments: dotted names joined back with '.'.
Object* attrgetter_args(Object* self) {
  Object* attrs = AG(self)->attrs;
  ssize n = tuple_size(attrs);
  ORef out = steal(tuple_new(n));
  if (!out) return nullptr;
  for (ssize i = 0; i < n; i++) {
    Object* a = tuple_get(attrs, i);
    Object* s;
    if (type_check(a, &tuple_type)) {
      std::string joined;
      for (ssize k = 0; k < tuple_size(a); k++) {
        if (k) joined += '.';
        joined += str_view(tuple_get(a, k));
      }
      s = str_from_utf8(joined);
      if (!s) return nullptr;
    } else {
      s = newref(a);
    }
    tuple_set(out.get(), i, s);
  }
  return out.release();
}

Object* attrgetter_repr(Object* self) {
  ORef args = steal(attrgetter_args(self));
  if (!args) return nullptr;
  return args_repr(self, args.get(), "");
}

Object* attrgetter_reduce(Object* self, Object*) {
  ORef args = steal(attrgetter_args(self));
  if (!args) return nullptr;
  return tuple_pack({reinterpret_cast<Object*>(type_of(self)), args.get()});
}

PyMethodDef attrgetter_methods[] = {{"__reduce__", attrgetter_reduce, METH_NOARGS, "Return state information for pickling"},
                                    {nullptr, nullptr, 0, nullptr}};

Type attrgetter_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "operator.attrgetter",
    .tp_basicsize = sizeof(AttrGetter),
    .tp_dealloc = attrgetter_dealloc,
    .tp_vectorcall_offset = offsetof(AttrGetter, vectorcall),
    .tp_repr = attrgetter_repr,
    .tp_call = attrgetter_call,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_doc =
        "attrgetter(attr, /, *attrs)\n--\n\nReturn a callable object that fetches the given attribute(s) from its "
        "operand.\nAfter f = attrgetter('name'), the call f(r) returns r.name.\nAfter g = attrgetter('name', "
        "'date'), the call g(r) returns (r.name, r.date).\nAfter h = attrgetter('name.first', 'name.last'), the "
        "call h(r) returns\n(r.name.first, r.name.last).",
    .tp_traverse = attrgetter_traverse,
    .tp_methods = attrgetter_methods,
    .tp_new = attrgetter_new,
    .tp_free = object_free,
};

// ---- methodcaller ----

struct MethodCaller {
  PyObject ob_base;
  Object* name;    // interned str
  Object* args;    // tuple
  Object* kwargs;  // dict
  vectorcallfunc vectorcall;
};
inline MethodCaller* MC(Object* o) { return reinterpret_cast<MethodCaller*>(o); }

Object* methodcaller_vectorcall(Object* self, Object* const* args, size_t nargsf, Object* kwnames) {
  Object* obj = no_kw_one_arg("methodcaller", args, nargsf, kwnames);
  if (!obj) return nullptr;
  ORef method = steal(get_attr(obj, MC(self)->name));
  if (!method) return nullptr;
  return call_tuple_dict(method.get(), MC(self)->args, MC(self)->kwargs);
}

Object* methodcaller_call(Object* self, Object* args, Object* kwds) {
  if (kwds && dict_size(kwds) > 0) return set_error(&exc_TypeError, "methodcaller() takes no keyword arguments");
  return methodcaller_vectorcall(self, tuple_items(args), size_t(tuple_size(args)), nullptr);
}

Object* methodcaller_new(Type* type, Object* args, Object* kwds) {
  if (tuple_size(args) < 1)
    return set_error(&exc_TypeError, "methodcaller needs at least one argument, the method name");
  Object* name = tuple_get(args, 0);
  if (!type_check(name, &str_type)) return set_error(&exc_TypeError, "method name must be a string");
  ORef rest = steal(tuple_get_slice(args, 1, tuple_size(args)));
  if (!rest) return nullptr;
  ORef kw = steal(kwds ? dict_copy(kwds) : dict_new());
  if (!kw) return nullptr;
  Object* o = new_object(type, size_t(type->tp_basicsize));
  if (!o) return nullptr;
  MC(o)->name = str_intern(newref(name));
  MC(o)->args = rest.release();
  MC(o)->kwargs = kw.release();
  MC(o)->vectorcall = methodcaller_vectorcall;
  return o;
}

void methodcaller_dealloc(Object* self) {
  Type* t = type_of(self);
  xdecref(MC(self)->name);
  xdecref(MC(self)->args);
  xdecref(MC(self)->kwargs);
  object_free(self);
  dealloc_type_ref(t);
}

int methodcaller_traverse(Object* self, visitproc visit, void* arg) {
  for (Object* o : {MC(self)->name, MC(self)->args, MC(self)->kwargs})
    if (o)
      if (int r = visit(o, arg)) return r;
  return 0;
}

Object* methodcaller_repr(Object* self) {
  MethodCaller* mc = MC(self);
  ORef all = steal(tuple_new(tuple_size(mc->args) + 1));
  if (!all) return nullptr;
  tuple_set(all.get(), 0, newref(mc->name));
  for (ssize i = 0; i < tuple_size(mc->args); i++) tuple_set(all.get(), i + 1, newref(tuple_get(mc->args, i)));
  std::string extra;
  ssize pos = 0;
  Object *k, *v;
  while (dict_next(mc->kwargs, &pos, &k, &v)) {
    std::string r;
    if (!repr_utf8(v, &r)) return nullptr;
    extra += fmt::format(", {}={}", str_view(k), r);
  }
  return args_repr(self, all.get(), extra);
}

Object* methodcaller_reduce(Object* self, Object*) {
  MethodCaller* mc = MC(self);
  Object* type = reinterpret_cast<Object*>(type_of(self));
  if (dict_size(mc->kwargs) == 0) {
    ORef all = steal(tuple_new(tuple_size(mc->args) + 1));
    if (!all) return nullptr;
    tuple_set(all.get(), 0, newref(mc->name));
    for (ssize i = 0; i < tuple_size(mc->args); i++) tuple_set(all.get(), i + 1, newref(tuple_get(mc->args, i)));
    return tuple_pack({type, all.get()});
  }
  // With keywords: (functools.partial(type(self), name, **kwargs), args).
  ORef fmod = steal(import_builtin_module(str_interned("_functools")));
  if (!fmod) return nullptr;
  ORef partial = steal(get_attr_str(fmod.get(), "partial"));
  if (!partial) return nullptr;
  Object* pargs[2] = {type, mc->name};
  ORef kwnames = steal(tuple_new(dict_size(mc->kwargs)));
  if (!kwnames) return nullptr;
  std::vector<Object*> callargs(pargs, pargs + 2);
  ssize pos = 0, i = 0;
  Object *k, *v;
  while (dict_next(mc->kwargs, &pos, &k, &v)) {
    tuple_set(kwnames.get(), i++, newref(k));
    callargs.push_back(v);
  }
  ORef p = steal(call(partial.get(), callargs.data(), 2, kwnames.get()));
  if (!p) return nullptr;
  return tuple_pack({p.get(), mc->args});
}

PyMethodDef methodcaller_methods[] = {
    {"__reduce__", methodcaller_reduce, METH_NOARGS, "Return state information for pickling"},
    {nullptr, nullptr, 0, nullptr}};

Type methodcaller_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "operator.methodcaller",
    .tp_basicsize = sizeof(MethodCaller),
    .tp_dealloc = methodcaller_dealloc,
    .tp_vectorcall_offset = offsetof(MethodCaller, vectorcall),
    .tp_repr = methodcaller_repr,
    .tp_call = methodcaller_call,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_doc =
        "methodcaller(name, /, *args, **kwargs)\n--\n\nReturn a callable object that calls the given method on its "
        "operand.\nAfter f = methodcaller('name'), the call f(r) returns r.name().\nAfter g = methodcaller('name', "
        "'date', foo=1), the call g(r) returns\nr.name('date', foo=1).",
    .tp_traverse = methodcaller_traverse,
    .tp_methods = methodcaller_methods,
    .tp_new = methodcaller_new,
    .tp_free = object_free,
};

#define PYVM_OP_ROW(name, doc) {#name, as_cfunc(op_##name), METH_FASTCALL | METH_KEYWORDS, doc},
#define PYVM_OP_ARITH_ROW(name, op) PYVM_OP_ROW(name, nullptr)

PyMethodDef operator_functions[] = {
    PYVM_OP_ROW(truth, "Return True if a is true, False otherwise.")
    PYVM_OP_ROW(contains, "Same as b in a (note reversed operands).")
    PYVM_OP_ROW(indexOf, "Return the first index of b in a.")
    PYVM_OP_ROW(countOf, "Return the number of items in a which are, or which equal, b.")
    PYVM_OP_ROW(getitem, "Same as a[b].")
    PYVM_OP_ROW(setitem, "Same as a[b] = c.")
    PYVM_OP_ROW(delitem, "Same as del a[b].")
    PYVM_OP_ROW(eq, "Same as a == b.")
    PYVM_OP_ROW(ne, "Same as a != b.")
    PYVM_OP_ROW(lt, "Same as a < b.")
    PYVM_OP_ROW(le, "Same as a <= b.")
    PYVM_OP_ROW(gt, "Same as a > b.")
    PYVM_OP_ROW(ge, "Same as a >= b.")
    PYVM_OP_ROW(not_, "Same as not a.")
    PYVM_OP_ROW(abs, "Same as abs(a).")
    PYVM_OP_ROW(neg, "Same as -a.")
    PYVM_OP_ROW(pos, "Same as +a.")
    PYVM_OP_ROW(inv, "Same as ~a.")
    PYVM_OP_ROW(invert, "Same as ~a.")
    PYVM_OP_ROW(index, "Same as a.__index__()")
    PYVM_OP_ROW(is_, "Same as a is b.")
    PYVM_OP_ROW(is_not, "Same as a is not b.")
    PYVM_OP_ROW(concat, "Same as a + b, for a and b sequences.")
    PYVM_OP_ROW(iconcat, "Same as a += b, for a and b sequences.")
    PYVM_OP_ROW(pow, "Same as a ** b.")
    PYVM_OP_ROW(ipow, "Same as a **= b.")
    PYVM_OP_ARITH(PYVM_OP_ARITH_ROW)
    PYVM_OP_ROW(length_hint, "Return an estimate of the number of items in obj.")
    PYVM_OP_ROW(call, "Same as obj(*args, **kwargs).")
    {"_compare_digest", as_cfunc(op_compare_digest), METH_FASTCALL | METH_KEYWORDS, "Return 'a == b'."},
    {nullptr, nullptr, 0, nullptr}};

}  // namespace

Object* create_operator_module() {
  for (Type* t : {&itemgetter_type, &attrgetter_type, &methodcaller_type})
    if (type_ready(t) < 0) return nullptr;
  ORef m = steal(module_new(str_interned("_operator")));
  if (!m) return nullptr;
  if (module_add_functions(m.get(), operator_functions) < 0) return nullptr;
  Object* d = module_dict(m.get());
  ORef doc = steal(str_from_utf8(
      "Operator interface.\n\nThis module exports a set of functions implemented in C corresponding\nto the "
      "intrinsic operators of Python.  For example, operator.add(x, y)\nis equivalent to the expression x+y.  The "
      "function names are those\nused for special methods; variants without leading and trailing\n'__' are also "
      "provided for convenience."));
  if (!doc || dict_set_str(d, "__doc__", doc.get()) < 0) return nullptr;
  if (dict_set_str(d, "itemgetter", reinterpret_cast<Object*>(&itemgetter_type)) < 0 ||
      dict_set_str(d, "attrgetter", reinterpret_cast<Object*>(&attrgetter_type)) < 0 ||
      dict_set_str(d, "methodcaller", reinterpret_cast<Object*>(&methodcaller_type)) < 0)
    return nullptr;
  return m.release();
}

}  // namespace pyvm
