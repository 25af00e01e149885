// The generic object protocols: repr/str/hash, comparisons, attributes, calls, iteration, containers, numbers.
#include "objects/abstract.h"

#include <atomic>
#include <unordered_set>
#include <vector>

#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/genericalias.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/range.h"
#include "objects/slots.h"
#include "objects/stack_guard.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"

namespace pyvm {

// ---- repr / str / hash ----

Object* object_repr(Object* o) {
  CRecursionGuard guard(" while getting the repr of an object");
  if (!guard.ok()) return nullptr;
  reprfunc f = type_of(o)->tp_repr;
  Object* r = f ? f(o) : nullptr;
  if (!f) return set_errorf(&exc_TypeError, "object of type '{}' has no repr", type_name(o));
  if (r && !type_check(r, &str_type)) {
    set_errorf(&exc_TypeError, "__repr__ returned non-string (type {})", type_name(r));
    decref(r);
    return nullptr;
  }
  return r;
}

Object* object_str(Object* o) {
  if (type_check_exact(o, &str_type)) return newref(o);
  CRecursionGuard guard(" while getting the str of an object");
  if (!guard.ok()) return nullptr;
  reprfunc f = type_of(o)->tp_str;
  if (!f) return object_repr(o);
  Object* r = f(o);
  if (r && !type_check(r, &str_type)) {
    set_errorf(&exc_TypeError, "__str__ returned non-string (type {})", type_name(r));
    decref(r);
    return nullptr;
  }
  return r;
}

bool repr_utf8(Object* o, std::string* out) {
  ORef r = steal(object_repr(o));
  if (!r) return false;
  const char* s = str_utf8(r.get());
  if (!s) return false;
  *out = str_view(r.get());
  return true;
}

bool object_str_utf8(Object* o, std::string* out) {
  ORef r = steal(object_str(o));
  if (!r) return false;
  if (!str_utf8(r.get())) return false;
  *out = str_view(r.get());
  return true;
}

hash_t object_hash(Object* o) {
  hashfunc f = type_of(o)->tp_hash;
  if (!f) {
    set_errorf(&exc_TypeError, "unhashable type: '{}'", type_name(o));
    return -1;
  }
  return f(o);
}

hash_t hash_not_implemented(Object* o) {
  set_errorf(&exc_TypeError, "unhashable type: '{}'", type_name(o));
  return -1;
}

// ---- comparison ----

static const char* const kOpSymbols[] = {"<", "<=", "==", "!=", ">", ">="};
static const int kSwapped[] = {Py_GT, Py_GE, Py_EQ, Py_NE, Py_LT, Py_LE};

Object* rich_compare(Object* a, Object* b, int op) {
  CRecursionGuard guard(" in comparison");
  if (!guard.ok()) return nullptr;
  Type* ta = type_of(a);
  Type* tb = type_of(b);
  bool checked_reverse = false;
  if (ta != tb && is_subtype(tb, ta) && tb->tp_richcompare) {
    checked_reverse = true;
    Object* r = tb->tp_richcompare(b, a, kSwapped[op]);
    if (r != not_implemented()) return r;
    decref(r);
  }
  if (ta->tp_richcompare) {
    Object* r = ta->tp_richcompare(a, b, op);
    if (r != not_implemented()) return r;
    decref(r);
  }
  if (!checked_reverse && tb->tp_richcompare) {
    Object* r = tb->tp_richcompare(b, a, kSwapped[op]);
    if (r != not_implemented()) return r;
    decref(r);
  }
  if (op == Py_EQ) return newref(bool_obj(a == b));
  if (op == Py_NE) return newref(bool_obj(a != b));
  return set_errorf(&exc_TypeError, "'{}' not supported between instances of '{}' and '{}'", kOpSymbols[op],
                    type_name(a), type_name(b));
}

int rich_compare_bool(Object* a, Object* b, int op) {
  if (a == b) {
    if (op == Py_EQ) return 1;
    if (op == Py_NE) return 0;
  }
  Object* r = rich_compare(a, b, op);
  if (!r) return -1;
  int t;
  if (r == true_()) t = 1;
  else if (r == false_()) t = 0;
  else t = object_is_true(r);
  decref(r);
  return t;
}

int object_is_true(Object* o) {
  if (o == true_()) return 1;
  if (o == false_() || o == none()) return 0;
  Type* t = type_of(o);
  if (t->tp_as_number && t->tp_as_number->nb_bool) return t->tp_as_number->nb_bool(o);
  if (t->tp_as_mapping && t->tp_as_mapping->mp_length) {
    ssize n = t->tp_as_mapping->mp_length(o);
    return n < 0 ? -1 : n > 0;
  }
  if (t->tp_as_sequence && t->tp_as_sequence->sq_length) {
    ssize n = t->tp_as_sequence->sq_length(o);
    return n < 0 ? -1 : n > 0;
  }
  return 1;
}

Object* object_not(Object* o) {
  int t = object_is_true(o);
  if (t < 0) return nullptr;
  return newref(bool_obj(!t));
}

// ---- attributes ----

Object* get_attr(Object* o, Object* name) {
  Type* t = type_of(o);
  if (!type_check(name, &str_type))
    return set_errorf(&exc_TypeError, "attribute name must be string, not '{}'", type_name(name));
  Object* r = t->tp_getattro ? t->tp_getattro(o, name)
                              : set_errorf(&exc_AttributeError, "'{}' object has no attribute '{}'", t->tp_name,
                                           str_view(name));
  if (!r) {
    // Like CPython, an AttributeError escaping attribute access records which name and object it was about.
    Object* e = error_peek();
    if (e && type_check(e, &exc_AttributeError)) exception_set_name_context(e, name, o);
  }
  return r;
}

Object* get_attr_str(Object* o, const char* name) { return get_attr(o, str_interned(name)); }

int get_attr_optional(Object* o, Object* name, Object** result) {
  *result = get_attr(o, name);
  if (*result) return 1;
  if (error_matches(&exc_AttributeError)) {
    error_clear();
    return 0;
  }
  return -1;
}

int set_attr(Object* o, Object* name, Object* value) {
  Type* t = type_of(o);
  if (!type_check(name, &str_type)) {
    set_errorf(&exc_TypeError, "attribute name must be string, not '{}'", type_name(name));
    return -1;
  }
  if (t->tp_setattro) return t->tp_setattro(o, name, value);
  if (!t->tp_getattro || !type_lookup(t, name))
    set_errorf(&exc_AttributeError, "'{}' object has no attribute '{}' and no __dict__ for setting new attributes",
               t->tp_name, str_view(name));
  else
    set_errorf(&exc_AttributeError, "'{}' object attribute '{}' is read-only", t->tp_name, str_view(name));
  return -1;
}

int set_attr_str(Object* o, const char* name, Object* value) { return set_attr(o, str_interned(name), value); }

int has_attr(Object* o, Object* name) {
  Object* r = nullptr;
  int x = get_attr_optional(o, name, &r);
  xdecref(r);
  return x;
}

Object* generic_getattr(Object* o, Object* name) { return generic_getattr_dict(o, name, nullptr); }

Object* generic_getattr_dict(Object* o, Object* name, Object* dict) {
  if (!type_check(name, &str_type))
    return set_errorf(&exc_TypeError, "attribute name must be string, not '{}'", type_name(name));
  Type* t = type_of(o);
  Object* descr = type_lookup(t, name);
  ORef keep = borrow(descr);
  descrgetfunc get = nullptr;
  if (descr) {
    get = type_of(descr)->tp_descr_get;
    if (get && type_of(descr)->tp_descr_set) return get(descr, o, reinterpret_cast<Object*>(t));
  }
  Object** dp = dict ? &dict : instance_dict_ptr(o);
  Object* d0 = dp ? __atomic_load_n(dp, __ATOMIC_ACQUIRE) : nullptr;
  if (d0) {
    Object* v = nullptr;
    // An exact-str name in an instance dict: lock-free, without a reference to the dict (its writers release the
    // old dict through QSBR). Anything else holds a reference while the lookup may call out.
    int r = type_of(name) == &str_type ? dict_get_lockfree(d0, name, str_hash(name), &v) : kDictRetry;
    if (r == kDictRetry) {
      ORef d = borrow(d0);
      r = dict_get(d.get(), name, &v);
    }
    if (r < 0) return nullptr;
    if (r > 0) return v;
  }
  if (get) return get(descr, o, reinterpret_cast<Object*>(t));
  if (descr) return keep.release();
  if (type_check(o, &module_type)) return nullptr;  // module_getattro adds its own message
  return set_errorf(&exc_AttributeError, "'{}' object has no attribute '{}'", t->tp_name, str_view(name));
}

int generic_setattr(Object* o, Object* name, Object* value) { return generic_setattr_dict(o, name, value, nullptr); }

int generic_setattr_dict(Object* o, Object* name, Object* value, Object* dict) {
  if (!type_check(name, &str_type)) {
    set_errorf(&exc_TypeError, "attribute name must be string, not '{}'", type_name(name));
    return -1;
  }
  Type* t = type_of(o);
  Object* descr = type_lookup(t, name);
  ORef keep = borrow(descr);
  if (descr && type_of(descr)->tp_descr_set) return type_of(descr)->tp_descr_set(descr, o, value);
  Object** dp = dict ? &dict : instance_dict_ptr(o);
  if (!dp) {
    if (descr)
      set_errorf(&exc_AttributeError, "'{}' object attribute '{}' is read-only", t->tp_name, str_view(name));
    else if (value)
      set_errorf(&exc_AttributeError, "'{}' object has no attribute '{}' and no __dict__ for setting new attributes",
                 t->tp_name, str_view(name));
    else
      set_errorf(&exc_AttributeError, "'{}' object has no attribute '{}'", t->tp_name, str_view(name));
    return -1;
  }
  if (!*dp) {
    if (!value) {
      set_errorf(&exc_AttributeError, "'{}' object has no attribute '{}'", t->tp_name, str_view(name));
      return -1;
    }
    Object* d = dict_new();
    if (!d) return -1;
    // Publish the new dict; a racing thread may have installed one first.
    Object* expected = nullptr;
    if (!__atomic_compare_exchange_n(dp, &expected, d, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) decref(d);
  }
  ORef d = borrow(*dp);
  if (value) return dict_set(d.get(), name, value);
  int r = dict_del(d.get(), name);
  if (r < 0 && error_matches(&exc_KeyError)) {
    error_clear();
    set_errorf(&exc_AttributeError, "'{}' object has no attribute '{}'", t->tp_name, str_view(name));
  }
  return r;
}

// ---- calls ----

Object* wrapper_descr_vcall(Object* d, Object* const* args, ssize nargs, Object* kwnames);

Object* call(Object* callable, Object* const* args, size_t nargsf, Object* kwnames) {
  if (!stack_check("")) return nullptr;
  Type* t = type_of(callable);
  if (has_flag(t, Py_TPFLAGS_HAVE_VECTORCALL) && t->tp_vectorcall_offset > 0) {
    vectorcallfunc f = *reinterpret_cast<vectorcallfunc*>(reinterpret_cast<char*>(callable) + t->tp_vectorcall_offset);
    if (f) return f(callable, args, nargsf, kwnames);
  }
  ssize nargs = ssize(nargsf & ~PY_VECTORCALL_ARGUMENTS_OFFSET);
  if (t == &wrapper_descr_type) return wrapper_descr_vcall(callable, args, nargs, kwnames);
  ternaryfunc c = t->tp_call;
  if (!c) return set_errorf(&exc_TypeError, "'{}' object is not callable", t->tp_name);
  ORef targs = steal(tuple_from_array(args, nargs));
  if (!targs) return nullptr;
  ORef kw;
  if (kwnames && tuple_size(kwnames)) {
    kw = steal(dict_new());
    if (!kw) return nullptr;
    for (ssize i = 0; i < tuple_size(kwnames); i++)
      if (dict_set(kw.get(), tuple_get(kwnames, i), args[nargs + i]) < 0) return nullptr;
  }
  return c(callable, targs.get(), kw.get());
}

Object* call_tuple_dict(Object* callable, Object* args, Object* kwargs) {
  Type* t = type_of(callable);
  if (t->tp_call && t->tp_call != nullptr && !(has_flag(t, Py_TPFLAGS_HAVE_VECTORCALL) && t->tp_vectorcall_offset > 0)) {
    return t->tp_call(callable, args ? args : tuple_empty(), kwargs);
  }
  ssize n = args ? tuple_size(args) : 0;
  ssize nk = kwargs ? dict_size(kwargs) : 0;
  std::vector<Object*> stack(size_t(n + nk));
  for (ssize i = 0; i < n; i++) stack[size_t(i)] = tuple_get(args, i);
  ORef kwnames;
  std::vector<ORef> keep;
  if (nk) {
    kwnames = steal(tuple_new(nk));
    if (!kwnames) return nullptr;
    ssize pos = 0, i = 0;
    Object *k, *v;
    while (i < nk && dict_next(kwargs, &pos, &k, &v)) {
      tuple_set(kwnames.get(), i, k);
      stack[size_t(n + i)] = v;
      keep.push_back(steal(v));
      i++;
    }
  }
  if (has_flag(t, Py_TPFLAGS_HAVE_VECTORCALL) && t->tp_vectorcall_offset > 0) {
    vectorcallfunc f = *reinterpret_cast<vectorcallfunc*>(reinterpret_cast<char*>(callable) + t->tp_vectorcall_offset);
    if (f) return f(callable, stack.data(), size_t(n), kwnames.get());
    if (t->tp_call) return t->tp_call(callable, args ? args : tuple_empty(), kwargs);
  }
  return call(callable, stack.data(), size_t(n), kwnames.get());
}

Object* call0(Object* c) { return call(c, nullptr, 0, nullptr); }
Object* call1(Object* c, Object* a) { return call(c, &a, 1, nullptr); }
Object* call2(Object* c, Object* a, Object* b) {
  Object* args[2] = {a, b};
  return call(c, args, 2, nullptr);
}

Object* call_method(Object* self, Object* name, Object* const* args, ssize nargs) {
  ORef m = steal(get_attr(self, name));
  if (!m) return nullptr;
  return call(m.get(), args, size_t(nargs), nullptr);
}
Object* call_method0(Object* self, Object* name) { return call_method(self, name, nullptr, 0); }
Object* call_method1(Object* self, Object* name, Object* a) { return call_method(self, name, &a, 1); }

bool is_callable(Object* o) {
  Type* t = type_of(o);
  return t->tp_call != nullptr || (has_flag(t, Py_TPFLAGS_HAVE_VECTORCALL) && t->tp_vectorcall_offset > 0);
}

// ---- iteration ----

Object* seq_iter_new(Object* seq);  // objects/iterators.cc

Object* get_iter(Object* o) {
  Type* t = type_of(o);
  if (t->tp_iter) {
    Object* it = t->tp_iter(o);
    if (it && !type_of(it)->tp_iternext) {
      set_errorf(&exc_TypeError, "iter() returned non-iterator of type '{}'", type_name(it));
      decref(it);
      return nullptr;
    }
    return it;
  }
  if ((t->tp_as_sequence && t->tp_as_sequence->sq_item) || (t->tp_as_mapping && t->tp_as_mapping->mp_subscript &&
                                                             has_flag(t, Py_TPFLAGS_HEAPTYPE))) {
    if (t != &dict_type) return seq_iter_new(o);
  }
  return set_errorf(&exc_TypeError, "'{}' object is not iterable", t->tp_name);
}

Object* iter_next(Object* it) {
  iternextfunc f = type_of(it)->tp_iternext;
  if (!f) return set_errorf(&exc_TypeError, "'{}' object is not an iterator", type_name(it));
  Object* r = f(it);
  if (!r && error_matches(&exc_StopIteration)) error_clear();
  return r;
}

Object* sequence_list(Object* iterable) {
  ORef l = steal(list_new(0));
  if (!l || list_extend(l.get(), iterable) < 0) return nullptr;
  return l.release();
}

Object* sequence_tuple(Object* iterable) {
  if (type_check_exact(iterable, &tuple_type)) return newref(iterable);
  ORef l = steal(sequence_list(iterable));
  if (!l) return nullptr;
  return list_as_tuple(l.get());
}

// ---- containers ----

ssize object_length(Object* o) {
  Type* t = type_of(o);
  if (t->tp_as_sequence && t->tp_as_sequence->sq_length) return t->tp_as_sequence->sq_length(o);
  if (t->tp_as_mapping && t->tp_as_mapping->mp_length) return t->tp_as_mapping->mp_length(o);
  set_errorf(&exc_TypeError, "object of type '{}' has no len()", t->tp_name);
  return -1;
}

Object* get_item(Object* o, Object* key) {
  Type* t = type_of(o);
  if (t->tp_as_mapping && t->tp_as_mapping->mp_subscript) return t->tp_as_mapping->mp_subscript(o, key);
  if (t->tp_as_sequence && t->tp_as_sequence->sq_item) {
    if (index_check(key)) {
      ssize i = number_as_ssize(key, &exc_IndexError);
      if (i == -1 && error_occurred()) return nullptr;
      if (i < 0 && t->tp_as_sequence->sq_length) {
        ssize n = t->tp_as_sequence->sq_length(o);
        if (n < 0) return nullptr;
        i += n;
      }
      return t->tp_as_sequence->sq_item(o, i);
    }
    return set_errorf(&exc_TypeError, "sequence index must be integer, not '{}'", type_name(key));
  }
  if (type_check(o, &type_type)) {
    if (o == reinterpret_cast<Object*>(&type_type)) return generic_alias_new(o, key);  // type[int]
    Object* cg = nullptr;
    int r = get_attr_optional(o, strs::class_getitem, &cg);
    if (r < 0) return nullptr;
    if (r > 0) {
      ORef f = steal(cg);
      return call1(cg, key);
    }
    return set_errorf(&exc_TypeError, "type '{}' is not subscriptable", reinterpret_cast<Type*>(o)->tp_name);
  }
  return set_errorf(&exc_TypeError, "'{}' object is not subscriptable", t->tp_name);
}

int set_item(Object* o, Object* key, Object* value) {
  Type* t = type_of(o);
  if (t->tp_as_mapping && t->tp_as_mapping->mp_ass_subscript) return t->tp_as_mapping->mp_ass_subscript(o, key, value);
  if (t->tp_as_sequence && !t->tp_as_sequence->sq_ass_item && index_check(key)) {
    // PySequence_SetItem / PySequence_DelItem on an immutable sequence (their wordings differ).
    if (value)
      set_errorf(&exc_TypeError, "'{}' object does not support item assignment", t->tp_name);
    else
      set_errorf(&exc_TypeError, "'{}' object doesn't support item deletion", t->tp_name);
    return -1;
  }
  if (t->tp_as_sequence && t->tp_as_sequence->sq_ass_item) {
    if (index_check(key)) {
      ssize i = number_as_ssize(key, &exc_IndexError);
      if (i == -1 && error_occurred()) return -1;
      if (i < 0 && t->tp_as_sequence->sq_length) {
        ssize n = t->tp_as_sequence->sq_length(o);
        if (n < 0) return -1;
        i += n;
      }
      return t->tp_as_sequence->sq_ass_item(o, i, value);
    }
    set_errorf(&exc_TypeError, "sequence index must be integer, not '{}'", type_name(key));
    return -1;
  }
  if (value)
    set_errorf(&exc_TypeError, "'{}' object does not support item assignment", t->tp_name);
  else
    set_errorf(&exc_TypeError, "'{}' object doesn't support item deletion", t->tp_name);
  return -1;
}

int del_item(Object* o, Object* key) { return set_item(o, key, nullptr); }

int sequence_contains(Object* container, Object* item) {
  Type* t = type_of(container);
  if (t->tp_as_sequence && t->tp_as_sequence->sq_contains) return t->tp_as_sequence->sq_contains(container, item);
  ORef it = steal(get_iter(container));
  if (!it) {
    if (error_matches(&exc_TypeError)) {
      error_clear();
      set_errorf(&exc_TypeError, "argument of type '{}' is not iterable", t->tp_name);
    }
    return -1;
  }
  for (;;) {
    ORef v = steal(iter_next(it.get()));
    if (!v) return error_occurred() ? -1 : 0;
    int r = rich_compare_bool(v.get(), item, Py_EQ);
    if (r != 0) return r;
  }
}

Object* sequence_get_index(Object* o, ssize i) {
  ORef k = steal(int_from_ssize(i));
  if (!k) return nullptr;
  return get_item(o, k.get());
}

// ---- numbers ----

static const char* const kBinOpSymbols[] = {"+", "&", "//", "<<", "@", "*", "%", "|", "** or pow()", ">>", "-", "/", "^",
                                           "+=", "&=", "//=", "<<=", "@=", "*=", "%=", "|=", "**=", ">>=", "-=", "/=", "^="};

static int nb_offset(int op) {
  switch (op) {
    case NB_ADD: return offsetof(PyNumberMethods, nb_add);
    case NB_AND: return offsetof(PyNumberMethods, nb_and);
    case NB_FLOOR_DIVIDE: return offsetof(PyNumberMethods, nb_floor_divide);
    case NB_LSHIFT: return offsetof(PyNumberMethods, nb_lshift);
    case NB_MATRIX_MULTIPLY: return offsetof(PyNumberMethods, nb_matrix_multiply);
    case NB_MULTIPLY: return offsetof(PyNumberMethods, nb_multiply);
    case NB_REMAINDER: return offsetof(PyNumberMethods, nb_remainder);
    case NB_OR: return offsetof(PyNumberMethods, nb_or);
    case NB_POWER: return offsetof(PyNumberMethods, nb_power);
    case NB_RSHIFT: return offsetof(PyNumberMethods, nb_rshift);
    case NB_SUBTRACT: return offsetof(PyNumberMethods, nb_subtract);
    case NB_TRUE_DIVIDE: return offsetof(PyNumberMethods, nb_true_divide);
    case NB_XOR: return offsetof(PyNumberMethods, nb_xor);
    case NB_INPLACE_ADD: return offsetof(PyNumberMethods, nb_inplace_add);
    case NB_INPLACE_AND: return offsetof(PyNumberMethods, nb_inplace_and);
    case NB_INPLACE_FLOOR_DIVIDE: return offsetof(PyNumberMethods, nb_inplace_floor_divide);
    case NB_INPLACE_LSHIFT: return offsetof(PyNumberMethods, nb_inplace_lshift);
    case NB_INPLACE_MATRIX_MULTIPLY: return offsetof(PyNumberMethods, nb_inplace_matrix_multiply);
    case NB_INPLACE_MULTIPLY: return offsetof(PyNumberMethods, nb_inplace_multiply);
    case NB_INPLACE_REMAINDER: return offsetof(PyNumberMethods, nb_inplace_remainder);
    case NB_INPLACE_OR: return offsetof(PyNumberMethods, nb_inplace_or);
    case NB_INPLACE_POWER: return offsetof(PyNumberMethods, nb_inplace_power);
    case NB_INPLACE_RSHIFT: return offsetof(PyNumberMethods, nb_inplace_rshift);
    case NB_INPLACE_SUBTRACT: return offsetof(PyNumberMethods, nb_inplace_subtract);
    case NB_INPLACE_TRUE_DIVIDE: return offsetof(PyNumberMethods, nb_inplace_true_divide);
    case NB_INPLACE_XOR: return offsetof(PyNumberMethods, nb_inplace_xor);
  }
  return -1;
}

static void* nb_slot(Type* t, int off) {
  if (!t->tp_as_number) return nullptr;
  return *reinterpret_cast<void**>(reinterpret_cast<char*>(t->tp_as_number) + off);
}

static Object* call_nb(void* f, bool ternary, Object* a, Object* b) {
  if (ternary) return reinterpret_cast<ternaryfunc>(f)(a, b, none());
  return reinterpret_cast<binaryfunc>(f)(a, b);
}

// CPython's binary_op1: a's slot, then b's (b first when b's type is a subclass of a's).
static Object* binary_op1(Object* a, Object* b, int off, bool ternary) {
  Type* ta = type_of(a);
  Type* tb = type_of(b);
  void* sa = nb_slot(ta, off);
  void* sb = ta != tb ? nb_slot(tb, off) : nullptr;
  if (sb == sa) sb = nullptr;
  if (sa) {
    if (sb && is_subtype(tb, ta)) {
      Object* r = call_nb(sb, ternary, a, b);
      if (r != not_implemented()) return r;
      decref(r);
      sb = nullptr;
    }
    Object* r = call_nb(sa, ternary, a, b);
    if (r != not_implemented()) return r;
    decref(r);
  }
  if (sb) return call_nb(sb, ternary, a, b);
  return newref(not_implemented());
}

Object* binary_op(Object* a, Object* b, int op) {
  bool inplace = op >= NB_INPLACE_ADD;
  int base_op = inplace ? op - NB_INPLACE_ADD : op;
  bool ternary = base_op == NB_POWER;
  if (inplace) {
    void* f = nb_slot(type_of(a), nb_offset(op));
    if (f) {
      Object* r = call_nb(f, ternary, a, b);
      if (r != not_implemented()) return r;
      decref(r);
    }
  }
  Object* r = binary_op1(a, b, nb_offset(base_op), ternary);
  if (r != not_implemented()) return r;
  decref(r);
  // Sequence fallbacks: + concatenates, * repeats.
  Type* ta = type_of(a);
  if (base_op == NB_ADD && ta->tp_as_sequence) {
    binaryfunc f = inplace && ta->tp_as_sequence->sq_inplace_concat ? ta->tp_as_sequence->sq_inplace_concat
                                                                     : ta->tp_as_sequence->sq_concat;
    if (f) return f(a, b);
  }
  if (base_op == NB_MULTIPLY) {
    Object* seq = nullptr;
    Object* n = nullptr;
    if (ta->tp_as_sequence && ta->tp_as_sequence->sq_repeat) {
      seq = a;
      n = b;
    } else if (type_of(b)->tp_as_sequence && type_of(b)->tp_as_sequence->sq_repeat) {
      seq = b;
      n = a;
    }
    if (seq) {
      if (!index_check(n))
        return set_errorf(&exc_TypeError, "can't multiply sequence by non-int of type '{}'", type_name(n));
      ssize count = number_as_ssize(n, &exc_OverflowError);
      if (count == -1 && error_occurred()) return nullptr;
      ssizeargfunc f = inplace && seq == a && type_of(seq)->tp_as_sequence->sq_inplace_repeat
                           ? type_of(seq)->tp_as_sequence->sq_inplace_repeat
                           : type_of(seq)->tp_as_sequence->sq_repeat;
      return f(seq, count);
    }
  }
  if (base_op == NB_ADD && type_of(b)->tp_as_sequence && type_of(b)->tp_as_sequence->sq_concat && ta->tp_as_sequence &&
      ta->tp_as_sequence->sq_concat == nullptr) {
    // fall through to the TypeError
  }
  if (base_op == NB_ADD && ta->tp_as_sequence && ta->tp_as_sequence->sq_concat == nullptr) {}
  return type_error_unsupported_operand(kBinOpSymbols[op], a, b);
}

Object* number_divmod(Object* a, Object* b) {
  Object* r = binary_op1(a, b, offsetof(PyNumberMethods, nb_divmod), false);
  if (r != not_implemented()) return r;
  decref(r);
  return type_error_unsupported_operand("divmod()", a, b);
}

// pow(a, b, mod) with a real modulus: a's slot, b's (first when b's type is a subclass of a's), then mod's
// (CPython's ternary_op).
Object* number_power(Object* a, Object* b, Object* mod) {
  if (!mod || mod == none()) return binary_op(a, b, NB_POWER);
  constexpr int off = offsetof(PyNumberMethods, nb_power);
  Type* ta = type_of(a);
  Type* tb = type_of(b);
  auto sa = reinterpret_cast<ternaryfunc>(nb_slot(ta, off));
  auto sb = ta != tb ? reinterpret_cast<ternaryfunc>(nb_slot(tb, off)) : nullptr;
  if (sb == sa) sb = nullptr;
  if (sa) {
    if (sb && is_subtype(tb, ta)) {
      Object* r = sb(a, b, mod);
      if (r != not_implemented()) return r;
      decref(r);
      sb = nullptr;
    }
    Object* r = sa(a, b, mod);
    if (r != not_implemented()) return r;
    decref(r);
  }
  if (sb) {
    Object* r = sb(a, b, mod);
    if (r != not_implemented()) return r;
    decref(r);
  }
  auto sm = reinterpret_cast<ternaryfunc>(nb_slot(type_of(mod), off));
  if (sm && sm != sa && sm != sb) {
    Object* r = sm(a, b, mod);
    if (r != not_implemented()) return r;
    decref(r);
  }
  return set_errorf(&exc_TypeError, "unsupported operand type(s) for ** or pow(): '{}', '{}', '{}'", type_name(a),
                    type_name(b), type_name(mod));
}

#define UNARY_NB(fname, slot, msg)                                                          \
  Object* fname(Object* o) {                                                                \
    PyNumberMethods* nb = type_of(o)->tp_as_number;                                         \
    if (nb && nb->slot) return nb->slot(o);                                                 \
    return set_errorf(&exc_TypeError, "bad operand type for " msg ": '{}'", type_name(o));  \
  }
UNARY_NB(number_negative, nb_negative, "unary -")
UNARY_NB(number_positive, nb_positive, "unary +")
UNARY_NB(number_invert, nb_invert, "unary ~")
UNARY_NB(number_absolute, nb_absolute, "abs()")
#undef UNARY_NB

bool index_check(Object* o) {
  PyNumberMethods* nb = type_of(o)->tp_as_number;
  return nb && nb->nb_index;
}

Object* number_index(Object* o) {
  if (type_check_exact(o, &int_type)) return newref(o);
  // An int subclass is already an integer: its __index__ is not consulted, and the result is an exact int.
  if (type_check(o, &int_type)) return int_type.tp_as_number->nb_positive(o);
  if (!index_check(o))
    return set_errorf(&exc_TypeError, "'{}' object cannot be interpreted as an integer", type_name(o));
  Object* r = type_of(o)->tp_as_number->nb_index(o);
  if (r && !type_check(r, &int_type)) {
    set_errorf(&exc_TypeError, "__index__ returned non-int (type {})", type_name(r));
    decref(r);
    return nullptr;
  }
  return r;
}

Object* number_long(Object* o) {
  if (type_check_exact(o, &int_type)) return newref(o);
  return call1(reinterpret_cast<Object*>(&int_type), o);
}

Object* number_float(Object* o) {
  if (type_check_exact(o, &float_type)) return newref(o);
  return call1(reinterpret_cast<Object*>(&float_type), o);
}

ssize number_as_ssize(Object* o, Type* overflow) {
  ORef i = steal(number_index(o));
  if (!i) return -1;
  int ovf = 0;
  int64_t v = int_as_i64(i.get(), &ovf);
  if (ovf) {
    if (!overflow) return ovf > 0 ? INT64_MAX : INT64_MIN;
    set_errorf(overflow, "cannot fit '{}' into an index-sized integer", type_name(o));
    return -1;
  }
  return v;
}

// ---- isinstance / issubclass ----

// cls.__bases__ when it is a tuple (CPython's abstract_get_bases): what makes a non-type a "class" here.
// Returns a new reference, or null (with an error only when the lookup raised something else).
static Object* abstract_get_bases(Object* cls) {
  Object* bases = nullptr;
  if (get_attr_optional(cls, strs::bases, &bases) <= 0) return nullptr;
  if (!type_check(bases, &tuple_type)) {
    decref(bases);
    return nullptr;
  }
  return bases;
}

static int check_class(Object* cls, const char* error) {
  ORef bases = steal(abstract_get_bases(cls));
  if (!bases) {
    if (!error_occurred()) set_error(&exc_TypeError, error);
    return 0;
  }
  return 1;
}

// Walks __bases__ depth-first (for classes that are not types).
static int abstract_issubclass(Object* derived_in, Object* cls) {
  // `derived` is held: __bases__ may be a property that returns a fresh tuple each time, so nothing else keeps
  // its items alive once the tuple is dropped.
  ORef derived = borrow(derived_in);
  for (;;) {
    if (derived.get() == cls) return 1;
    CRecursionGuard guard(" in __subclasscheck__");
    if (!guard.ok()) return -1;
    ORef bases = steal(abstract_get_bases(derived.get()));
    if (!bases) return error_occurred() ? -1 : 0;
    ssize n = tuple_size(bases.get());
    if (n == 0) return 0;
    if (n == 1) {
      derived = borrow(tuple_get(bases.get(), 0));
      continue;
    }
    for (ssize i = 0; i < n; i++) {
      int r = abstract_issubclass(tuple_get(bases.get(), i), cls);
      if (r != 0) return r;
    }
    return 0;
  }
}

// The special method `name` of o's type, bound to o (CPython's _PyObject_LookupSpecial); null without an error
// when absent.
static Object* lookup_special(Object* o, Object* name) {
  Object* f = type_lookup(type_of(o), name);
  if (!f) return nullptr;
  descrgetfunc g = type_of(f)->tp_descr_get;
  if (!g) return newref(f);
  ORef keep = borrow(f);
  return g(f, o, reinterpret_cast<Object*>(type_of(o)));
}

int object_real_isinstance(Object* o, Object* cls) {
  Object* icls = nullptr;
  if (type_check(cls, &type_type)) {
    if (type_check(o, reinterpret_cast<Type*>(cls))) return 1;
    // An object may claim another class through a __class__ property.
    int r = get_attr_optional(o, strs::class_, &icls);
    if (r <= 0) return r;
    ORef ir = steal(icls);
    if (icls != reinterpret_cast<Object*>(type_of(o)) && type_check(icls, &type_type))
      return is_subtype(reinterpret_cast<Type*>(icls), reinterpret_cast<Type*>(cls));
    return 0;
  }
  if (!check_class(cls, "isinstance() arg 2 must be a type, a tuple of types, or a union")) return -1;
  int r = get_attr_optional(o, strs::class_, &icls);
  if (r <= 0) return r;
  ORef ir = steal(icls);
  return abstract_issubclass(icls, cls);
}

int object_real_issubclass(Object* derived, Object* cls) {
  if (type_check(cls, &type_type) && type_check(derived, &type_type))
    return is_subtype(reinterpret_cast<Type*>(derived), reinterpret_cast<Type*>(cls));
  if (!check_class(derived, "issubclass() arg 1 must be a class")) return -1;
  if (!check_class(cls, "issubclass() arg 2 must be a class, a tuple of classes, or a union")) return -1;
  return abstract_issubclass(derived, cls);
}

int object_isinstance(Object* o, Object* cls) {
  if (type_of(o) == reinterpret_cast<Type*>(cls)) return 1;
  if (type_check_exact(cls, &type_type)) return object_real_isinstance(o, cls);
  if (is_union(cls)) cls = union_args(cls);  // int | str checks like (int, str)
  if (type_check(cls, &tuple_type)) {
    CRecursionGuard guard(" in __instancecheck__");
    if (!guard.ok()) return -1;
    for (ssize i = 0; i < tuple_size(cls); i++) {
      int r = object_isinstance(o, tuple_get(cls, i));
      if (r) return r;
    }
    return 0;
  }
  ORef check = steal(lookup_special(cls, strs::instancecheck));
  if (check) {
    CRecursionGuard guard(" in __instancecheck__");
    if (!guard.ok()) return -1;
    ORef r = steal(call1(check.get(), o));
    if (!r) return -1;
    return object_is_true(r.get());
  }
  if (error_occurred()) return -1;
  return object_real_isinstance(o, cls);
}

int object_issubclass(Object* derived, Object* cls) {
  if (type_check_exact(cls, &type_type)) {
    if (derived == cls) return 1;
    return object_real_issubclass(derived, cls);
  }
  if (is_union(cls)) cls = union_args(cls);
  if (type_check(cls, &tuple_type)) {
    CRecursionGuard guard(" in __subclasscheck__");
    if (!guard.ok()) return -1;
    for (ssize i = 0; i < tuple_size(cls); i++) {
      int r = object_issubclass(derived, tuple_get(cls, i));
      if (r) return r;
    }
    return 0;
  }
  ORef check = steal(lookup_special(cls, strs::subclasscheck));
  if (check) {
    CRecursionGuard guard(" in __subclasscheck__");
    if (!guard.ok()) return -1;
    ORef r = steal(call1(check.get(), derived));
    if (!r) return -1;
    return object_is_true(r.get());
  }
  if (error_occurred()) return -1;
  return object_real_issubclass(derived, cls);
}

// ---- repr recursion guard ----

// The objects whose repr is in progress on this thread (a set: nesting can be tens of thousands deep).
static thread_local std::unordered_set<Object*>* t_repr_active = nullptr;

int repr_enter(Object* o) {
  if (!t_repr_active) t_repr_active = new std::unordered_set<Object*>();
  return t_repr_active->insert(o).second ? 0 : 1;
}

void repr_leave(Object* o) {
  if (t_repr_active) t_repr_active->erase(o);
}

bool is_sequence(Object* o) {
  if (type_check(o, &dict_type)) return false;
  Type* t = type_of(o);
  return t->tp_as_sequence && t->tp_as_sequence->sq_item;
}

Object* call_special_method(Object* o, Object* name, Object* const* args, ssize nargs, bool* found) {
  Object* f = type_lookup(type_of(o), name);
  *found = f != nullptr;
  if (!f) return nullptr;
  ORef keep = borrow(f);
  Type* ft = type_of(f);
  if ((ft == &function_type || ft == &method_descr_type) && nargs < 8) {
    Object* stack[8];
    stack[0] = o;
    for (ssize i = 0; i < nargs; i++) stack[i + 1] = args[i];
    return call(f, stack, size_t(nargs + 1), nullptr);
  }
  if (descrgetfunc get = ft->tp_descr_get) {
    ORef bound = steal(get(f, o, reinterpret_cast<Object*>(type_of(o))));
    if (!bound) return nullptr;
    return call(bound.get(), args, size_t(nargs), nullptr);
  }
  return call(f, args, size_t(nargs), nullptr);
}

Object* fspath(Object* o) {
  if (type_check(o, &str_type) || type_check(o, &bytes_type)) return newref(o);
  Object* f = type_lookup(type_of(o), str_interned("__fspath__"));
  if (!f || f == none())
    return set_errorf(&exc_TypeError, "expected str, bytes or os.PathLike object, not {}", type_name(o));
  ORef r = steal(call_method0(o, str_interned("__fspath__")));
  if (!r) return nullptr;
  if (!type_check(r.get(), &str_type) && !type_check(r.get(), &bytes_type))
    return set_errorf(&exc_TypeError, "expected {}.__fspath__() to return str or bytes, not {}", type_name(o),
                      type_name(r.get()));
  return r.release();
}

// Registered once by the runtime; atomic so that a reader on another thread sees either null or the function.
static std::atomic<BuiltinLookup> g_builtin_lookup{nullptr};

void set_builtin_lookup(BuiltinLookup lookup) { g_builtin_lookup.store(lookup, std::memory_order_release); }

Object* builtin_object(const char* name) {
  if (BuiltinLookup f = g_builtin_lookup.load(std::memory_order_acquire)) return f(name);
  return set_errorf(&exc_AttributeError, "{}", name);
}

}  // namespace pyvm
