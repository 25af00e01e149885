// Dunder <-> slot plumbing: the slot table, the wrappers that expose C slots, and the slot functions for classes.
#include "objects/slots.h"

#include "objects/stack_guard.h"

#include <array>
#include <climits>
#include <cstddef>

#include "objects/abstract.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/memoryview.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/type.h"
#include "objects/types.h"

namespace pyvm {

Object** instance_dict_ptr(Object* o) {
  Type* t = type_of(o);
  if (has_flag(t, Py_TPFLAGS_MANAGED_DICT)) return managed_dict_ptr(o);
  if (t->tp_dictoffset > 0) return reinterpret_cast<Object**>(reinterpret_cast<char*>(o) + t->tp_dictoffset);
  return nullptr;
}

// ---- helpers for slot functions: look the dunder up on the type and call it bound to self ----

static Object* lookup_maybe(Object* self, Object* name, bool* found) {
  Object* f = type_lookup(type_of(self), name);
  *found = f != nullptr;
  return f;
}

static Object* call_dunder(Object* self, Object* name, Object* const* args, ssize nargs) {
  // Slots can recurse without Python frames in between (a __call__ or __getattr__ that is an instance of its own
  // class): a RecursionError, not a C stack overflow.
  CRecursionGuard guard(" while calling a Python object");
  if (!guard.ok()) return nullptr;
  Object* f = type_lookup(type_of(self), name);
  if (!f) return set_error_value(&exc_AttributeError, name);
  incref(f);
  ORef fr = steal(f);
  descrgetfunc get = type_of(f)->tp_descr_get;
  if (type_of(f) == &function_type) {
    // Fast path: plain function, call with self prepended.
    Object* stack[8];
    if (nargs + 1 <= 8) {
      stack[0] = self;
      for (ssize i = 0; i < nargs; i++) stack[i + 1] = args[i];
      return call(f, stack, size_t(nargs + 1), nullptr);
    }
  }
  if (get) {
    ORef bound = steal(get(f, self, reinterpret_cast<Object*>(type_of(self))));
    if (!bound) return nullptr;
    return call(bound.get(), args, size_t(nargs), nullptr);
  }
  return call(f, args, size_t(nargs), nullptr);
}

static Object* call_dunder0(Object* self, Object* name) { return call_dunder(self, name, nullptr, 0); }
static Object* call_dunder1(Object* self, Object* name, Object* a) { return call_dunder(self, name, &a, 1); }

// ---- generic slot functions (installed on classes that define the dunder in Python) ----

static Object* slot_tp_repr(Object* self) { return call_dunder0(self, strs::repr); }
static Object* slot_tp_str(Object* self) { return call_dunder0(self, strs::str); }
Object* seq_iter_new(Object* seq);  // iterators.cc

// __iter__ = None marks a class non-iterable; without __iter__, __getitem__ gives the sequence iterator.
static Object* slot_tp_iter(Object* self) {
  Object* f = type_lookup(type_of(self), strs::iter);
  if (f == none()) return set_errorf(&exc_TypeError, "'{}' object is not iterable", type_name(self));
  if (f) return call_dunder0(self, strs::iter);
  if (!type_lookup(type_of(self), strs::getitem))
    return set_errorf(&exc_TypeError, "'{}' object is not iterable", type_name(self));
  return seq_iter_new(self);
}
// A StopIteration raised by __next__ stays set (with its value): callers treat it as exhaustion.
static Object* slot_tp_iternext(Object* self) { return call_dunder0(self, strs::next); }
static hash_t slot_tp_hash(Object* self) {
  ORef r = steal(call_dunder0(self, strs::hash));
  if (!r) return -1;
  if (!type_check(r.get(), &int_type)) {
    set_error(&exc_TypeError, "__hash__ method should return an integer");
    return -1;
  }
  // An int that fits is the hash as is (bar -1); a bigger one is reduced by int's own hash.
  int overflow = 0;
  int64_t v = int_as_i64(r.get(), &overflow);
  hash_t h = overflow ? int_hash(r.get()) : hash_t(v);
  return h == -1 ? -2 : h;
}
static Object* slot_tp_call(Object* self, Object* args, Object* kwds) {
  CRecursionGuard guard(" while calling a Python object");
  if (!guard.ok()) return nullptr;
  Object* f = type_lookup(type_of(self), strs::call);
  if (!f) return set_errorf(&exc_TypeError, "'{}' object is not callable", type_name(self));
  ORef bound;
  if (type_of(f)->tp_descr_get) {
    bound = steal(type_of(f)->tp_descr_get(f, self, reinterpret_cast<Object*>(type_of(self))));
    if (!bound) return nullptr;
  } else {
    bound = borrow(f);
  }
  return call_tuple_dict(bound.get(), args, kwds);
}
static Object* slot_tp_getattr_hook(Object* self, Object* name) {
  Type* t = type_of(self);
  Object* getattribute = type_lookup(t, strs::getattribute);
  Object* res;
  if (!getattribute || (type_of(getattribute) == &wrapper_descr_type &&
                        reinterpret_cast<WrapperDescrObject*>(getattribute)->d_wrapped == (void*)generic_getattr)) {
    res = generic_getattr(self, name);
  } else {
    res = call_dunder1(self, strs::getattribute, name);
  }
  if (res || !error_matches(&exc_AttributeError)) return res;
  if (!type_lookup(t, strs::getattr)) return nullptr;
  error_clear();
  return call_dunder1(self, strs::getattr, name);
}
static int slot_tp_setattro(Object* self, Object* name, Object* value) {
  ORef r = value ? steal(call_dunder(self, strs::setattr, std::array<Object*, 2>{name, value}.data(), 2))
                 : steal(call_dunder1(self, strs::delattr, name));
  return r ? 0 : -1;
}
static Object* slot_tp_richcompare(Object* self, Object* other, int op) {
  static Object** names[] = {&strs::lt, &strs::le, &strs::eq, &strs::ne, &strs::gt, &strs::ge};
  bool found;
  Object* f = lookup_maybe(self, *names[op], &found);
  if (!f) return newref(not_implemented());
  return call_dunder1(self, *names[op], other);
}
static int slot_tp_init(Object* self, Object* args, Object* kwds) {
  Object* f = type_lookup(type_of(self), strs::init);
  if (!f) return 0;
  ORef bound = steal(type_of(f)->tp_descr_get ? type_of(f)->tp_descr_get(f, self, reinterpret_cast<Object*>(type_of(self))) : newref(f));
  if (!bound) return -1;
  ORef r = steal(call_tuple_dict(bound.get(), args, kwds));
  if (!r) return -1;
  if (r.get() != none()) {
    set_errorf(&exc_TypeError, "__init__() should return None, not '{}'", type_name(r.get()));
    return -1;
  }
  return 0;
}
Object* slot_tp_new(Type* type, Object* args, Object* kwds) {
  Object* f = type_lookup(type, strs::new_);
  if (!f) return set_error(&exc_TypeError, "no __new__");
  // __new__ is a staticmethod: call it with the class prepended.
  ORef func = steal(type_of(f)->tp_descr_get ? type_of(f)->tp_descr_get(f, nullptr, reinterpret_cast<Object*>(type)) : newref(f));
  if (!func) return nullptr;
  ssize n = args ? tuple_size(args) : 0;
  ORef full = steal(tuple_new(n + 1));
  if (!full) return nullptr;
  tuple_set(full.get(), 0, newref(reinterpret_cast<Object*>(type)));
  for (ssize i = 0; i < n; i++) tuple_set(full.get(), i + 1, newref(tuple_get(args, i)));
  return call_tuple_dict(func.get(), full.get(), kwds);
}
// As CPython: __get__ is called unbound with (self, instance, owner), whatever kind of callable it is (a builtin
// function stored as __get__ gets self too), and kept alive through the call (it may delete itself from the class).
static Object* slot_tp_descr_get(Object* self, Object* obj, Object* type) {
  Object* get = type_lookup(type_of(self), strs::get);
  if (!get) return newref(self);
  ORef keep = borrow(get);
  Object* a[3] = {self, obj ? obj : none(), type ? type : none()};
  return call(get, a, 3, nullptr);
}
static int slot_tp_descr_set(Object* self, Object* obj, Object* value) {
  Object* a[2] = {obj, value};
  ORef r = value ? steal(call_dunder(self, strs::set, a, 2)) : steal(call_dunder1(self, strs::delete_, obj));
  return r ? 0 : -1;
}
static ssize slot_sq_length(Object* self) {
  ORef r = steal(call_dunder0(self, strs::len));
  if (!r) return -1;
  ORef idx = steal(number_index(r.get()));
  if (!idx) return -1;
  if (int_sign(idx.get()) < 0) {
    set_error(&exc_ValueError, "__len__() should return >= 0");
    return -1;
  }
  ssize n = int_as_ssize(idx.get());
  if (n == -1 && error_occurred()) {
    error_clear();
    set_errorf(&exc_OverflowError, "cannot fit '{}' into an index-sized integer", type_name(idx.get()));
  }
  return n;
}
static Object* slot_mp_subscript(Object* self, Object* key) { return call_dunder1(self, strs::getitem, key); }
static int slot_mp_ass_subscript(Object* self, Object* key, Object* value) {
  Object* a[2] = {key, value};
  ORef r = value ? steal(call_dunder(self, strs::setitem, a, 2)) : steal(call_dunder1(self, strs::delitem, key));
  return r ? 0 : -1;
}
// The sequence slots of a class that defines __getitem__ / __setitem__ / __delitem__ in Python (CPython fills both
// the mapping and the sequence slots from them, so such a class is iterable through the old sequence protocol).
static Object* slot_sq_item(Object* self, ssize i) {
  ORef idx = steal(int_from_ssize(i));
  if (!idx) return nullptr;
  return call_dunder1(self, strs::getitem, idx.get());
}
static int slot_sq_ass_item(Object* self, ssize i, Object* value) {
  ORef idx = steal(int_from_ssize(i));
  if (!idx) return -1;
  return slot_mp_ass_subscript(self, idx.get(), value);
}
static int slot_sq_contains(Object* self, Object* value) {
  Object* f = type_lookup(type_of(self), strs::contains);
  if (f == none()) {
    set_errorf(&exc_TypeError, "'{}' object is not a container", type_name(self));
    return -1;
  }
  ORef r = steal(call_dunder1(self, strs::contains, value));
  if (!r) return -1;
  return object_is_true(r.get());
}
static int slot_nb_bool(Object* self) {
  bool found;
  lookup_maybe(self, strs::bool_, &found);
  if (!found) {
    // __len__ fallback.
    if (!type_lookup(type_of(self), strs::len)) return 1;
    ssize n = slot_sq_length(self);
    return n < 0 ? -1 : n > 0;
  }
  ORef r = steal(call_dunder0(self, strs::bool_));
  if (!r) return -1;
  if (!type_check_exact(r.get(), &bool_type)) {
    set_errorf(&exc_TypeError, "__bool__ should return bool, returned {}", type_name(r.get()));
    return -1;
  }
  return r.get() == true_();
}

#define UNARY_SLOT(fname, str) \
  static Object* fname(Object* self) { return call_dunder0(self, strs::str); }
UNARY_SLOT(slot_nb_negative, neg)
UNARY_SLOT(slot_nb_positive, pos)
UNARY_SLOT(slot_nb_absolute, abs)
UNARY_SLOT(slot_nb_invert, invert)
UNARY_SLOT(slot_nb_int, int_)
UNARY_SLOT(slot_nb_float, float_)
UNARY_SLOT(slot_nb_index, index)
UNARY_SLOT(slot_am_await, await)
UNARY_SLOT(slot_am_aiter, aiter)
UNARY_SLOT(slot_am_anext, anext)
#undef UNARY_SLOT

// Calls type(self).<name>(self, other), or returns NotImplemented when the type has no such method.
static Object* call_binary_maybe(Object* self, Object* name, Object* other) {
  if (!type_lookup(type_of(self), name)) return newref(not_implemented());
  return call_dunder1(self, name, other);
}

// Whether `right`'s type provides a reflected method `rop` that differs from `left`'s type's (CPython's
// method_is_overloaded): only then does a subclass operand get the first try.
static bool reflected_overloaded(Object* left, Object* right, Object* rop) {
  Object* b = type_lookup(type_of(right), rop);
  if (!b) return false;
  return type_lookup(type_of(left), rop) != b;
}

// A generic binary slot (CPython's SLOT1BINFULL), called for either operand: self.__op__(other) when self's
// type uses this slot function, other.__rop__(self) when other's does; a subclass that overrides __rop__ goes
// first.
static Object* binary_slot(Object* self, Object* other, int offset, void* slot_fn, Object* op, Object* rop) {
  Type* ts = type_of(self);
  Type* to = type_of(other);
  void** ps = slot_ptr(ts, offset);
  void** po = slot_ptr(to, offset);
  bool do_other = ts != to && po && *po == slot_fn;
  if (ps && *ps == slot_fn) {
    if (do_other && is_subtype(to, ts) && reflected_overloaded(self, other, rop)) {
      Object* r = call_binary_maybe(other, rop, self);
      if (r != not_implemented()) return r;
      decref(r);
      do_other = false;
    }
    Object* r = call_binary_maybe(self, op, other);
    if (r != not_implemented() || ts == to) return r;
    decref(r);
  }
  if (do_other) return call_binary_maybe(other, rop, self);
  return newref(not_implemented());
}

#define BINARY_SLOT(fname, field, op, rop)                                                                          \
  static Object* fname(Object* a, Object* b) {                                                                      \
    return binary_slot(a, b, offsetof(PyHeapTypeObject, as_number.field), reinterpret_cast<void*>(fname), strs::op, \
                       strs::rop);                                                                                  \
  }
BINARY_SLOT(slot_nb_add, nb_add, add, radd)
BINARY_SLOT(slot_nb_subtract, nb_subtract, sub, rsub)
BINARY_SLOT(slot_nb_multiply, nb_multiply, mul, rmul)
BINARY_SLOT(slot_nb_remainder, nb_remainder, mod, rmod)
BINARY_SLOT(slot_nb_divmod, nb_divmod, divmod, rdivmod)
BINARY_SLOT(slot_nb_lshift, nb_lshift, lshift, rlshift)
BINARY_SLOT(slot_nb_rshift, nb_rshift, rshift, rrshift)
BINARY_SLOT(slot_nb_and, nb_and, and_, rand)
BINARY_SLOT(slot_nb_xor, nb_xor, xor_, rxor)
BINARY_SLOT(slot_nb_or, nb_or, or_, ror)
BINARY_SLOT(slot_nb_floor_divide, nb_floor_divide, floordiv, rfloordiv)
BINARY_SLOT(slot_nb_true_divide, nb_true_divide, truediv, rtruediv)
BINARY_SLOT(slot_nb_matrix_multiply, nb_matrix_multiply, matmul, rmatmul)
#undef BINARY_SLOT

static Object* slot_nb_power(Object* a, Object* b, Object* mod) {
  constexpr int off = offsetof(PyHeapTypeObject, as_number.nb_power);
  if (!mod || mod == none())
    return binary_slot(a, b, off, reinterpret_cast<void*>(slot_nb_power), strs::pow, strs::rpow);
  // Three-argument pow never uses __rpow__, but ternary dispatch may land here for the second operand's type.
  void** pa = slot_ptr(type_of(a), off);
  if (!pa || *pa != reinterpret_cast<void*>(slot_nb_power) || !type_lookup(type_of(a), strs::pow))
    return newref(not_implemented());
  Object* args[2] = {b, mod};
  return call_dunder(a, strs::pow, args, 2);
}

#define INPLACE_SLOT(fname, name) \
  static Object* fname(Object* a, Object* b) { return call_dunder1(a, strs::name, b); }
INPLACE_SLOT(slot_nb_inplace_add, iadd)
INPLACE_SLOT(slot_nb_inplace_subtract, isub)
INPLACE_SLOT(slot_nb_inplace_multiply, imul)
INPLACE_SLOT(slot_nb_inplace_remainder, imod)
INPLACE_SLOT(slot_nb_inplace_lshift, ilshift)
INPLACE_SLOT(slot_nb_inplace_rshift, irshift)
INPLACE_SLOT(slot_nb_inplace_and, iand)
INPLACE_SLOT(slot_nb_inplace_xor, ixor)
INPLACE_SLOT(slot_nb_inplace_or, ior)
INPLACE_SLOT(slot_nb_inplace_floor_divide, ifloordiv)
INPLACE_SLOT(slot_nb_inplace_true_divide, itruediv)
INPLACE_SLOT(slot_nb_inplace_matrix_multiply, imatmul)
#undef INPLACE_SLOT
static Object* slot_nb_inplace_power(Object* a, Object* b, Object*) { return call_dunder1(a, strs::ipow, b); }

// ---- wrappers: expose a C slot as a __dunder__ ----

static bool check_args(Object* self, ssize nargs, ssize want, const char* name) {
  (void)self;
  if (nargs != want) {
    set_errorf(&exc_TypeError, "expected {} argument{}, got {}", want, want == 1 ? "" : "s", nargs);
    (void)name;
    return false;
  }
  return true;
}

static Object* wrap_unary(Object* self, Object* const*, ssize nargs, void* f) {
  if (!check_args(self, nargs, 0, "")) return nullptr;
  return reinterpret_cast<unaryfunc>(f)(self);
}
static Object* wrap_next(Object* self, Object* const*, ssize nargs, void* f) {
  if (!check_args(self, nargs, 0, "")) return nullptr;
  Object* r = reinterpret_cast<iternextfunc>(f)(self);
  if (!r && !error_occurred()) set_error_object(reinterpret_cast<Object*>(&exc_StopIteration));
  return r;
}
static Object* wrap_binary_l(Object* self, Object* const* a, ssize nargs, void* f) {
  if (!check_args(self, nargs, 1, "")) return nullptr;
  return reinterpret_cast<binaryfunc>(f)(self, a[0]);
}
static Object* wrap_binary_r(Object* self, Object* const* a, ssize nargs, void* f) {
  if (!check_args(self, nargs, 1, "")) return nullptr;
  return reinterpret_cast<binaryfunc>(f)(a[0], self);
}
static Object* wrap_ternary(Object* self, Object* const* a, ssize nargs, void* f) {
  if (nargs < 1 || nargs > 2) return set_errorf(&exc_TypeError, "expected 1 or 2 arguments, got {}", nargs);
  return reinterpret_cast<ternaryfunc>(f)(self, a[0], nargs == 2 ? a[1] : none());
}
static Object* wrap_ternary_r(Object* self, Object* const* a, ssize nargs, void* f) {
  if (nargs < 1 || nargs > 2) return set_errorf(&exc_TypeError, "expected 1 or 2 arguments, got {}", nargs);
  return reinterpret_cast<ternaryfunc>(f)(a[0], self, nargs == 2 ? a[1] : none());
}
#define WRAP_RICH(name, op)                                                        \
  static Object* name(Object* self, Object* const* a, ssize nargs, void* f) {      \
    if (!check_args(self, nargs, 1, "")) return nullptr;                           \
    return reinterpret_cast<richcmpfunc>(f)(self, a[0], op);                       \
  }
WRAP_RICH(wrap_lt, Py_LT)
WRAP_RICH(wrap_le, Py_LE)
WRAP_RICH(wrap_eq, Py_EQ)
WRAP_RICH(wrap_ne, Py_NE)
WRAP_RICH(wrap_gt, Py_GT)
WRAP_RICH(wrap_ge, Py_GE)
#undef WRAP_RICH
static Object* wrap_hash(Object* self, Object* const*, ssize nargs, void* f) {
  if (!check_args(self, nargs, 0, "")) return nullptr;
  hash_t h = reinterpret_cast<hashfunc>(f)(self);
  if (h == -1 && error_occurred()) return nullptr;
  return int_from_i64(h);
}
static Object* wrap_len(Object* self, Object* const*, ssize nargs, void* f) {
  if (!check_args(self, nargs, 0, "")) return nullptr;
  ssize n = reinterpret_cast<lenfunc>(f)(self);
  if (n < 0 && error_occurred()) return nullptr;
  return int_from_ssize(n);
}
static Object* wrap_bool(Object* self, Object* const*, ssize nargs, void* f) {
  if (!check_args(self, nargs, 0, "")) return nullptr;
  int r = reinterpret_cast<inquiry>(f)(self);
  if (r < 0) return nullptr;
  return newref(bool_obj(r));
}
static Object* wrap_contains(Object* self, Object* const* a, ssize nargs, void* f) {
  if (!check_args(self, nargs, 1, "")) return nullptr;
  int r = reinterpret_cast<objobjproc>(f)(self, a[0]);
  if (r < 0) return nullptr;
  return newref(bool_obj(r));
}
static Object* wrap_setitem(Object* self, Object* const* a, ssize nargs, void* f) {
  if (!check_args(self, nargs, 2, "")) return nullptr;
  if (reinterpret_cast<objobjargproc>(f)(self, a[0], a[1]) < 0) return nullptr;
  return newref(none());
}
static Object* wrap_delitem(Object* self, Object* const* a, ssize nargs, void* f) {
  if (!check_args(self, nargs, 1, "")) return nullptr;
  if (reinterpret_cast<objobjargproc>(f)(self, a[0], nullptr) < 0) return nullptr;
  return newref(none());
}
static Object* wrap_sq_item(Object* self, Object* const* a, ssize nargs, void* f) {
  if (!check_args(self, nargs, 1, "")) return nullptr;
  ssize i = number_as_ssize(a[0], &exc_IndexError);
  if (i == -1 && error_occurred()) return nullptr;
  if (i < 0) {
    PySequenceMethods* sq = type_of(self)->tp_as_sequence;
    if (sq && sq->sq_length) {
      ssize n = sq->sq_length(self);
      if (n < 0) return nullptr;
      i += n;
    }
  }
  return reinterpret_cast<ssizeargfunc>(f)(self, i);
}
static Object* wrap_sq_repeat(Object* self, Object* const* a, ssize nargs, void* f) {
  if (!check_args(self, nargs, 1, "")) return nullptr;
  ssize n = number_as_ssize(a[0], &exc_OverflowError);
  if (n == -1 && error_occurred()) return nullptr;
  return reinterpret_cast<ssizeargfunc>(f)(self, n);
}
static ssize normalize_sq_index(Object* self, Object* key, bool* ok) {
  *ok = false;
  ssize i = number_as_ssize(key, &exc_IndexError);
  if (i == -1 && error_occurred()) return -1;
  if (i < 0) {
    PySequenceMethods* sq = type_of(self)->tp_as_sequence;
    if (sq && sq->sq_length) {
      ssize n = sq->sq_length(self);
      if (n < 0) return -1;
      i += n;
    }
  }
  *ok = true;
  return i;
}
static Object* wrap_sq_setitem(Object* self, Object* const* a, ssize nargs, void* f) {
  if (!check_args(self, nargs, 2, "")) return nullptr;
  bool ok;
  ssize i = normalize_sq_index(self, a[0], &ok);
  if (!ok) return nullptr;
  if (reinterpret_cast<ssizeobjargproc>(f)(self, i, a[1]) < 0) return nullptr;
  return newref(none());
}
static Object* wrap_sq_delitem(Object* self, Object* const* a, ssize nargs, void* f) {
  if (!check_args(self, nargs, 1, "")) return nullptr;
  bool ok;
  ssize i = normalize_sq_index(self, a[0], &ok);
  if (!ok) return nullptr;
  if (reinterpret_cast<ssizeobjargproc>(f)(self, i, nullptr) < 0) return nullptr;
  return newref(none());
}
// object.__setattr__(int, ...) must not bypass type's own __setattr__: the C function being called has to be the
// one the instance's nearest C-level base uses (CPython's hackcheck).
static bool setattr_hackcheck(Object* self, void* func, const char* what) {
  Type* type = type_of(self);
  Object* mro = type->tp_mro;
  if (!mro) return true;
  Type* defining = type;
  for (ssize i = tuple_size(mro) - 1; i >= 0; i--) {
    Type* b = reinterpret_cast<Type*>(tuple_get(mro, i));
    if (b->tp_setattro == slot_tp_setattro) continue;  // Python classes define no C-level setattro
    if (b->tp_setattro == type->tp_setattro) {
      defining = b;
      break;
    }
  }
  for (Type* b = defining; b; b = b->tp_base) {
    if (reinterpret_cast<void*>(b->tp_setattro) == func) break;
    if (b->tp_setattro != slot_tp_setattro) {
      set_errorf(&exc_TypeError, "can't apply this {} to {} object", what, type->tp_name);
      return false;
    }
  }
  return true;
}

static Object* wrap_setattr(Object* self, Object* const* a, ssize nargs, void* f) {
  if (!check_args(self, nargs, 2, "")) return nullptr;
  if (!setattr_hackcheck(self, f, "__setattr__")) return nullptr;
  if (reinterpret_cast<setattrofunc>(f)(self, a[0], a[1]) < 0) return nullptr;
  return newref(none());
}
static Object* wrap_delattr(Object* self, Object* const* a, ssize nargs, void* f) {
  if (!check_args(self, nargs, 1, "")) return nullptr;
  if (!setattr_hackcheck(self, f, "__delattr__")) return nullptr;
  if (reinterpret_cast<setattrofunc>(f)(self, a[0], nullptr) < 0) return nullptr;
  return newref(none());
}
static Object* wrap_descr_get(Object* self, Object* const* a, ssize nargs, void* f) {
  if (nargs < 1 || nargs > 2) return set_errorf(&exc_TypeError, "expected 1 or 2 arguments, got {}", nargs);
  Object* obj = a[0] == none() ? nullptr : a[0];
  Object* type = nargs == 2 && a[1] != none() ? a[1] : nullptr;
  if (!obj && !type) return set_error(&exc_TypeError, "__get__(None, None) is invalid");
  return reinterpret_cast<descrgetfunc>(f)(self, obj, type);
}
static Object* wrap_descr_set(Object* self, Object* const* a, ssize nargs, void* f) {
  if (!check_args(self, nargs, 2, "")) return nullptr;
  if (reinterpret_cast<descrsetfunc>(f)(self, a[0], a[1]) < 0) return nullptr;
  return newref(none());
}
static Object* wrap_descr_delete(Object* self, Object* const* a, ssize nargs, void* f) {
  if (!check_args(self, nargs, 1, "")) return nullptr;
  if (reinterpret_cast<descrsetfunc>(f)(self, a[0], nullptr) < 0) return nullptr;
  return newref(none());
}
// __init__ and __call__ take arbitrary arguments; they are handled by wrapper_descr's call directly (see
// descr.cc), which builds the (args, kwargs) pair. These entries only mark the convention.
static Object* wrap_init(Object*, Object* const*, ssize, void*) { return nullptr; }
static Object* wrap_call(Object*, Object* const*, ssize, void*) { return nullptr; }
// __buffer__(flags): a memoryview of the buffer the slot exports (PEP 688).
static Object* wrap_buffer(Object* self, Object* const* a, ssize nargs, void* f) {
  if (!check_args(self, nargs, 1, "")) return nullptr;
  ssize flags = number_as_ssize(a[0], &exc_OverflowError);
  if (flags == -1 && error_occurred()) return nullptr;
  if (flags > INT_MAX) return set_error(&exc_OverflowError, "buffer flags too large");
  return memoryview_from_buffer_proc(self, int(flags), reinterpret_cast<getbufferproc>(f));
}
// __release_buffer__(view): releases a memoryview that __buffer__ returned.
static Object* wrap_releasebuffer(Object* self, Object* const* a, ssize nargs, void*) {
  if (!check_args(self, nargs, 1, "")) return nullptr;
  if (memoryview_release_for(self, a[0]) < 0) return nullptr;
  return newref(none());
}

SlotWrapper kWrapInit = wrap_init;
SlotWrapper kWrapCall = wrap_call;

#define TP(field) int(offsetof(PyHeapTypeObject, ht_type.field))
#define NB(field) int(offsetof(PyHeapTypeObject, as_number.field))
#define MP(field) int(offsetof(PyHeapTypeObject, as_mapping.field))
#define SQ(field) int(offsetof(PyHeapTypeObject, as_sequence.field))
#define AM(field) int(offsetof(PyHeapTypeObject, as_async.field))
#define BF(field) int(offsetof(PyHeapTypeObject, as_buffer.field))
#define F(x) reinterpret_cast<void*>(x)

// Order matters: for a name, the first row whose slot a static type defines gives its wrapper (mapping rows come
// before sequence rows, so mp_subscript wins over sq_item for __getitem__, as in CPython).
static SlotDef g_slotdefs[] = {
    {"__getattribute__", TP(tp_getattro), F(slot_tp_getattr_hook), wrap_binary_l, nullptr,
     "__getattribute__($self, name, /)\n--\n\nReturn getattr(self, name)."},
    {"__getattr__", TP(tp_getattro), F(slot_tp_getattr_hook), nullptr, nullptr,
     nullptr},
    {"__setattr__", TP(tp_setattro), F(slot_tp_setattro), wrap_setattr, nullptr,
     "__setattr__($self, name, value, /)\n--\n\nImplement setattr(self, name, value)."},
    {"__delattr__", TP(tp_setattro), F(slot_tp_setattro), wrap_delattr, nullptr,
     "__delattr__($self, name, /)\n--\n\nImplement delattr(self, name)."},
    {"__repr__", TP(tp_repr), F(slot_tp_repr), wrap_unary, nullptr,
     "__repr__($self, /)\n--\n\nReturn repr(self)."},
    {"__hash__", TP(tp_hash), F(slot_tp_hash), wrap_hash, nullptr,
     "__hash__($self, /)\n--\n\nReturn hash(self)."},
    {"__call__", TP(tp_call), F(slot_tp_call), wrap_call, nullptr,
     "__call__($self, /, *args, **kwargs)\n--\n\nCall self as a function."},
    {"__str__", TP(tp_str), F(slot_tp_str), wrap_unary, nullptr,
     "__str__($self, /)\n--\n\nReturn str(self)."},
    {"__lt__", TP(tp_richcompare), F(slot_tp_richcompare), wrap_lt, nullptr,
     "__lt__($self, value, /)\n--\n\nReturn self<value."},
    {"__le__", TP(tp_richcompare), F(slot_tp_richcompare), wrap_le, nullptr,
     "__le__($self, value, /)\n--\n\nReturn self<=value."},
    {"__eq__", TP(tp_richcompare), F(slot_tp_richcompare), wrap_eq, nullptr,
     "__eq__($self, value, /)\n--\n\nReturn self==value."},
    {"__ne__", TP(tp_richcompare), F(slot_tp_richcompare), wrap_ne, nullptr,
     "__ne__($self, value, /)\n--\n\nReturn self!=value."},
    {"__gt__", TP(tp_richcompare), F(slot_tp_richcompare), wrap_gt, nullptr,
     "__gt__($self, value, /)\n--\n\nReturn self>value."},
    {"__ge__", TP(tp_richcompare), F(slot_tp_richcompare), wrap_ge, nullptr,
     "__ge__($self, value, /)\n--\n\nReturn self>=value."},
    {"__iter__", TP(tp_iter), F(slot_tp_iter), wrap_unary, nullptr,
     "__iter__($self, /)\n--\n\nImplement iter(self)."},
    {"__next__", TP(tp_iternext), F(slot_tp_iternext), wrap_next, nullptr,
     "__next__($self, /)\n--\n\nImplement next(self)."},
    {"__get__", TP(tp_descr_get), F(slot_tp_descr_get), wrap_descr_get, nullptr,
     "__get__($self, instance, owner=None, /)\n--\n\nReturn an attribute of instance, which is of type owner."},
    {"__set__", TP(tp_descr_set), F(slot_tp_descr_set), wrap_descr_set, nullptr,
     "__set__($self, instance, value, /)\n--\n\nSet an attribute of instance to value."},
    {"__delete__", TP(tp_descr_set), F(slot_tp_descr_set), wrap_descr_delete, nullptr,
     "__delete__($self, instance, /)\n--\n\nDelete an attribute of instance."},
    {"__init__", TP(tp_init), F(slot_tp_init), wrap_init, nullptr,
     "__init__($self, /, *args, **kwargs)\n--\n\nInitialize self.  See help(type(self)) for accurate signature."},
    {"__new__", TP(tp_new), F(slot_tp_new), nullptr, nullptr,
     nullptr},
    {"__await__", AM(am_await), F(slot_am_await), wrap_unary, nullptr,
     "__await__($self, /)\n--\n\nReturn an iterator to be used in await expression."},
    {"__aiter__", AM(am_aiter), F(slot_am_aiter), wrap_unary, nullptr,
     "__aiter__($self, /)\n--\n\nReturn an awaitable, that resolves in asynchronous iterator."},
    {"__anext__", AM(am_anext), F(slot_am_anext), wrap_unary, nullptr,
     "__anext__($self, /)\n--\n\nReturn a value or raise StopAsyncIteration."},
    {"__add__", NB(nb_add), F(slot_nb_add), wrap_binary_l, nullptr,
     "__add__($self, value, /)\n--\n\nReturn self+value."},
    {"__radd__", NB(nb_add), F(slot_nb_add), wrap_binary_r, nullptr,
     "__radd__($self, value, /)\n--\n\nReturn value+self."},
    {"__sub__", NB(nb_subtract), F(slot_nb_subtract), wrap_binary_l, nullptr,
     "__sub__($self, value, /)\n--\n\nReturn self-value."},
    {"__rsub__", NB(nb_subtract), F(slot_nb_subtract), wrap_binary_r, nullptr,
     "__rsub__($self, value, /)\n--\n\nReturn value-self."},
    {"__mul__", NB(nb_multiply), F(slot_nb_multiply), wrap_binary_l, nullptr,
     "__mul__($self, value, /)\n--\n\nReturn self*value."},
    {"__rmul__", NB(nb_multiply), F(slot_nb_multiply), wrap_binary_r, nullptr,
     "__rmul__($self, value, /)\n--\n\nReturn value*self."},
    {"__mod__", NB(nb_remainder), F(slot_nb_remainder), wrap_binary_l, nullptr,
     "__mod__($self, value, /)\n--\n\nReturn self%value."},
    {"__rmod__", NB(nb_remainder), F(slot_nb_remainder), wrap_binary_r, nullptr,
     "__rmod__($self, value, /)\n--\n\nReturn value%self."},
    {"__divmod__", NB(nb_divmod), F(slot_nb_divmod), wrap_binary_l, nullptr,
     "__divmod__($self, value, /)\n--\n\nReturn divmod(self, value)."},
    {"__rdivmod__", NB(nb_divmod), F(slot_nb_divmod), wrap_binary_r, nullptr,
     "__rdivmod__($self, value, /)\n--\n\nReturn divmod(value, self)."},
    {"__pow__", NB(nb_power), F(slot_nb_power), wrap_ternary, nullptr,
     "__pow__($self, value, mod=None, /)\n--\n\nReturn pow(self, value, mod)."},
    {"__rpow__", NB(nb_power), F(slot_nb_power), wrap_ternary_r, nullptr,
     "__rpow__($self, value, mod=None, /)\n--\n\nReturn pow(value, self, mod)."},
    {"__neg__", NB(nb_negative), F(slot_nb_negative), wrap_unary, nullptr,
     "__neg__($self, /)\n--\n\n-self"},
    {"__pos__", NB(nb_positive), F(slot_nb_positive), wrap_unary, nullptr,
     "__pos__($self, /)\n--\n\n+self"},
    {"__abs__", NB(nb_absolute), F(slot_nb_absolute), wrap_unary, nullptr,
     "__abs__($self, /)\n--\n\nabs(self)"},
    {"__bool__", NB(nb_bool), F(slot_nb_bool), wrap_bool, nullptr,
     "__bool__($self, /)\n--\n\nTrue if self else False"},
    {"__invert__", NB(nb_invert), F(slot_nb_invert), wrap_unary, nullptr,
     "__invert__($self, /)\n--\n\n~self"},
    {"__lshift__", NB(nb_lshift), F(slot_nb_lshift), wrap_binary_l, nullptr,
     "__lshift__($self, value, /)\n--\n\nReturn self<<value."},
    {"__rlshift__", NB(nb_lshift), F(slot_nb_lshift), wrap_binary_r, nullptr,
     "__rlshift__($self, value, /)\n--\n\nReturn value<<self."},
    {"__rshift__", NB(nb_rshift), F(slot_nb_rshift), wrap_binary_l, nullptr,
     "__rshift__($self, value, /)\n--\n\nReturn self>>value."},
    {"__rrshift__", NB(nb_rshift), F(slot_nb_rshift), wrap_binary_r, nullptr,
     "__rrshift__($self, value, /)\n--\n\nReturn value>>self."},
    {"__and__", NB(nb_and), F(slot_nb_and), wrap_binary_l, nullptr,
     "__and__($self, value, /)\n--\n\nReturn self&value."},
    {"__rand__", NB(nb_and), F(slot_nb_and), wrap_binary_r, nullptr,
     "__rand__($self, value, /)\n--\n\nReturn value&self."},
    {"__xor__", NB(nb_xor), F(slot_nb_xor), wrap_binary_l, nullptr,
     "__xor__($self, value, /)\n--\n\nReturn self^value."},
    {"__rxor__", NB(nb_xor), F(slot_nb_xor), wrap_binary_r, nullptr,
     "__rxor__($self, value, /)\n--\n\nReturn value^self."},
    {"__or__", NB(nb_or), F(slot_nb_or), wrap_binary_l, nullptr,
     "__or__($self, value, /)\n--\n\nReturn self|value."},
    {"__ror__", NB(nb_or), F(slot_nb_or), wrap_binary_r, nullptr,
     "__ror__($self, value, /)\n--\n\nReturn value|self."},
    {"__int__", NB(nb_int), F(slot_nb_int), wrap_unary, nullptr,
     "__int__($self, /)\n--\n\nint(self)"},
    {"__float__", NB(nb_float), F(slot_nb_float), wrap_unary, nullptr,
     "__float__($self, /)\n--\n\nfloat(self)"},
    {"__iadd__", NB(nb_inplace_add), F(slot_nb_inplace_add), wrap_binary_l, nullptr,
     "__iadd__($self, value, /)\n--\n\nReturn self+=value."},
    {"__isub__", NB(nb_inplace_subtract), F(slot_nb_inplace_subtract), wrap_binary_l, nullptr,
     "__isub__($self, value, /)\n--\n\nReturn self-=value."},
    {"__imul__", NB(nb_inplace_multiply), F(slot_nb_inplace_multiply), wrap_binary_l, nullptr,
     "__imul__($self, value, /)\n--\n\nReturn self*=value."},
    {"__imod__", NB(nb_inplace_remainder), F(slot_nb_inplace_remainder), wrap_binary_l, nullptr,
     "__imod__($self, value, /)\n--\n\nReturn self%=value."},
    {"__ipow__", NB(nb_inplace_power), F(slot_nb_inplace_power), wrap_ternary, nullptr,
     "__ipow__($self, value, /)\n--\n\nReturn self**=value."},
    {"__ilshift__", NB(nb_inplace_lshift), F(slot_nb_inplace_lshift), wrap_binary_l, nullptr,
     "__ilshift__($self, value, /)\n--\n\nReturn self<<=value."},
    {"__irshift__", NB(nb_inplace_rshift), F(slot_nb_inplace_rshift), wrap_binary_l, nullptr,
     "__irshift__($self, value, /)\n--\n\nReturn self>>=value."},
    {"__iand__", NB(nb_inplace_and), F(slot_nb_inplace_and), wrap_binary_l, nullptr,
     "__iand__($self, value, /)\n--\n\nReturn self&=value."},
    {"__ixor__", NB(nb_inplace_xor), F(slot_nb_inplace_xor), wrap_binary_l, nullptr,
     "__ixor__($self, value, /)\n--\n\nReturn self^=value."},
    {"__ior__", NB(nb_inplace_or), F(slot_nb_inplace_or), wrap_binary_l, nullptr,
     "__ior__($self, value, /)\n--\n\nReturn self|=value."},
    {"__floordiv__", NB(nb_floor_divide), F(slot_nb_floor_divide), wrap_binary_l, nullptr,
     "__floordiv__($self, value, /)\n--\n\nReturn self//value."},
    {"__rfloordiv__", NB(nb_floor_divide), F(slot_nb_floor_divide), wrap_binary_r, nullptr,
     "__rfloordiv__($self, value, /)\n--\n\nReturn value//self."},
    {"__truediv__", NB(nb_true_divide), F(slot_nb_true_divide), wrap_binary_l, nullptr,
     "__truediv__($self, value, /)\n--\n\nReturn self/value."},
    {"__rtruediv__", NB(nb_true_divide), F(slot_nb_true_divide), wrap_binary_r, nullptr,
     "__rtruediv__($self, value, /)\n--\n\nReturn value/self."},
    {"__ifloordiv__", NB(nb_inplace_floor_divide), F(slot_nb_inplace_floor_divide), wrap_binary_l, nullptr,
     "__ifloordiv__($self, value, /)\n--\n\nReturn self//=value."},
    {"__itruediv__", NB(nb_inplace_true_divide), F(slot_nb_inplace_true_divide), wrap_binary_l, nullptr,
     "__itruediv__($self, value, /)\n--\n\nReturn self/=value."},
    {"__index__", NB(nb_index), F(slot_nb_index), wrap_unary, nullptr,
     "__index__($self, /)\n--\n\nReturn self converted to an integer, if self is suitable for use as an index into a list."},
    {"__matmul__", NB(nb_matrix_multiply), F(slot_nb_matrix_multiply), wrap_binary_l, nullptr,
     "__matmul__($self, value, /)\n--\n\nReturn self@value."},
    {"__rmatmul__", NB(nb_matrix_multiply), F(slot_nb_matrix_multiply), wrap_binary_r, nullptr,
     "__rmatmul__($self, value, /)\n--\n\nReturn value@self."},
    {"__imatmul__", NB(nb_inplace_matrix_multiply), F(slot_nb_inplace_matrix_multiply), wrap_binary_l, nullptr,
     "__imatmul__($self, value, /)\n--\n\nReturn self@=value."},
    {"__len__", MP(mp_length), F(slot_sq_length), wrap_len, nullptr,
     "__len__($self, /)\n--\n\nReturn len(self)."},
    {"__getitem__", MP(mp_subscript), F(slot_mp_subscript), wrap_binary_l, nullptr,
     "__getitem__($self, key, /)\n--\n\nReturn self[key]."},
    {"__setitem__", MP(mp_ass_subscript), F(slot_mp_ass_subscript), wrap_setitem, nullptr,
     "__setitem__($self, key, value, /)\n--\n\nSet self[key] to value."},
    {"__delitem__", MP(mp_ass_subscript), F(slot_mp_ass_subscript), wrap_delitem, nullptr,
     "__delitem__($self, key, /)\n--\n\nDelete self[key]."},
    {"__len__", SQ(sq_length), F(slot_sq_length), wrap_len, nullptr,
     "__len__($self, /)\n--\n\nReturn len(self)."},
    {"__getitem__", SQ(sq_item), F(slot_sq_item), wrap_sq_item, nullptr,
     "__getitem__($self, key, /)\n--\n\nReturn self[key]."},
    {"__setitem__", SQ(sq_ass_item), F(slot_sq_ass_item), wrap_sq_setitem, nullptr,
     "__setitem__($self, key, value, /)\n--\n\nSet self[key] to value."},
    {"__delitem__", SQ(sq_ass_item), F(slot_sq_ass_item), wrap_sq_delitem, nullptr,
     "__delitem__($self, key, /)\n--\n\nDelete self[key]."},
    {"__contains__", SQ(sq_contains), F(slot_sq_contains), wrap_contains, nullptr,
     "__contains__($self, key, /)\n--\n\nReturn bool(key in self)."},
    {"__add__", SQ(sq_concat), nullptr, wrap_binary_l, nullptr,
     "__add__($self, value, /)\n--\n\nReturn self+value."},
    {"__mul__", SQ(sq_repeat), nullptr, wrap_sq_repeat, nullptr,
     "__mul__($self, value, /)\n--\n\nReturn self*value."},
    {"__rmul__", SQ(sq_repeat), nullptr, wrap_sq_repeat, nullptr,
     "__rmul__($self, value, /)\n--\n\nReturn value*self."},
    // Exposed for the C buffer slots only: a class defining __buffer__ in Python does not fill bf_getbuffer yet.
    {"__buffer__", BF(bf_getbuffer), nullptr, wrap_buffer, nullptr,
     "__buffer__($self, flags, /)\n--\n\nReturn a buffer object that exposes the underlying memory of the object."},
    {"__release_buffer__", BF(bf_releasebuffer), nullptr, wrap_releasebuffer, nullptr,
     "__release_buffer__($self, buffer, /)\n--\n\nRelease the buffer object that exposes the underlying memory of the object."},
    {"__iadd__", SQ(sq_inplace_concat), nullptr, wrap_binary_l, nullptr,
     "__iadd__($self, value, /)\n--\n\nImplement self+=value."},
    {"__imul__", SQ(sq_inplace_repeat), nullptr, wrap_sq_repeat, nullptr,
     "__imul__($self, value, /)\n--\n\nImplement self*=value."},
    {nullptr, 0, nullptr, nullptr, nullptr},
};
#undef TP
#undef NB
#undef MP
#undef SQ
#undef AM
#undef BF
#undef F

SlotDef* slotdefs() { return g_slotdefs; }

int init_slotdefs() {
  for (SlotDef* s = g_slotdefs; s->name; s++) s->interned = str_interned(s->name);
  return 0;
}

void** slot_ptr(Type* t, int offset) {
  char* base;
  int rel;
  if (offset < int(sizeof(PyTypeObject))) return reinterpret_cast<void**>(reinterpret_cast<char*>(t) + offset);
  if (offset >= int(offsetof(PyHeapTypeObject, as_buffer))) {
    base = reinterpret_cast<char*>(t->tp_as_buffer);
    rel = offset - int(offsetof(PyHeapTypeObject, as_buffer));
  } else if (offset >= int(offsetof(PyHeapTypeObject, as_sequence))) {
    base = reinterpret_cast<char*>(t->tp_as_sequence);
    rel = offset - int(offsetof(PyHeapTypeObject, as_sequence));
  } else if (offset >= int(offsetof(PyHeapTypeObject, as_mapping))) {
    base = reinterpret_cast<char*>(t->tp_as_mapping);
    rel = offset - int(offsetof(PyHeapTypeObject, as_mapping));
  } else if (offset >= int(offsetof(PyHeapTypeObject, as_number))) {
    base = reinterpret_cast<char*>(t->tp_as_number);
    rel = offset - int(offsetof(PyHeapTypeObject, as_number));
  } else {
    base = reinterpret_cast<char*>(t->tp_as_async);
    rel = offset - int(offsetof(PyHeapTypeObject, as_async));
  }
  if (!base) return nullptr;
  return reinterpret_cast<void**>(base + rel);
}

int add_slot_wrappers(Type* t) {
  for (SlotDef* s = g_slotdefs; s->name; s++) {
    if (!s->wrapper) continue;
    void** p = slot_ptr(t, s->offset);
    if (!p || !*p) continue;
    // A slot inherited unchanged from the base gets its wrapper from the base's dict.
    if (t->tp_base) {
      void** bp = slot_ptr(t->tp_base, s->offset);
      if (bp && *bp == *p) continue;
    }
    if (s->offset == int(offsetof(PyHeapTypeObject, ht_type.tp_hash)) && *p == (void*)hash_not_implemented) {
      if (dict_set(t->tp_dict, s->interned, none()) < 0) return -1;
      continue;
    }
    int has = dict_contains(t->tp_dict, s->interned);
    if (has < 0) return -1;
    if (has) continue;
    ORef w = steal(wrapper_descr_new(t, s, *p));
    if (!w || dict_set(t->tp_dict, s->interned, w.get()) < 0) return -1;
  }
  return 0;
}

// Points t's slot for `s` at what t's MRO provides for the slot's dunders: the C function itself when every one
// of them is the wrapper of that same C function, the generic slot function when Python code is involved.
// Thread contract: another thread may be dispatching through the slot meanwhile; it sees either the old or the
// new function (a single word, stored atomically), and both are valid for the type.
static void fixup_one(Type* t, SlotDef* s) {
  void** p = slot_ptr(t, s->offset);
  if (!p) return;
  void* specific = nullptr;
  bool use_generic = false;
  bool any = false;
  if (s->offset == int(offsetof(PyHeapTypeObject, ht_type.tp_new))) {
    // A __new__ found as a built-in method is a static base's own constructor: the tp_new inherited from the
    // base already does that (CPython's special case for tp_new_wrapper). Anything else is Python code.
    Object* d = type_lookup(t, s->interned);
    if (d && type_of(d) != &builtin_function_type) *p = s->slot_func;
    return;
  }
  for (SlotDef* o = g_slotdefs; o->name; o++) {
    if (o->offset != s->offset) continue;
    Object* d = type_lookup(t, o->interned);
    if (!d) continue;
    any = true;
    if (s->offset == int(offsetof(PyHeapTypeObject, ht_type.tp_hash)) && d == none()) {
      specific = reinterpret_cast<void*>(hash_not_implemented);
      continue;
    }
    if (s->offset == int(offsetof(PyHeapTypeObject, ht_type.tp_new))) {
      // The builtin __new__ that type_ready made for a C type: use that type's tp_new.
      newfunc f = type_new_wrapper_target(d);
      if (f && f != slot_tp_new)
        specific = reinterpret_cast<void*>(f);
      else
        use_generic = true;
      continue;
    }
    if (type_of(d) == &wrapper_descr_type && reinterpret_cast<WrapperDescrObject*>(d)->d_slot->offset == s->offset &&
        !use_generic) {
      void* w = reinterpret_cast<WrapperDescrObject*>(d)->d_wrapped;
      if (specific && specific != w) use_generic = true;
      specific = w;
    } else {
      use_generic = true;
    }
  }
  void* f = *p;
  if (!any) {
    // Nothing along the MRO provides the slot any more (e.g. the dunder was deleted): clear a generic slot.
    if (s->slot_func && f == s->slot_func) f = nullptr;
  } else if (use_generic && s->slot_func) {
    f = s->slot_func;
  } else if (specific) {
    f = specific;
  } else if (s->slot_func) {
    f = s->slot_func;
  }
  // A __call__ written in Python replaces the vectorcall the class inherited (CPython 3.12+ clears the flag).
  if (s->offset == int(offsetof(PyHeapTypeObject, ht_type.tp_call)) && f == s->slot_func)
    __atomic_and_fetch(&t->tp_flags, ~(unsigned long)Py_TPFLAGS_HAVE_VECTORCALL, __ATOMIC_RELAXED);
  __atomic_store_n(p, f, __ATOMIC_RELEASE);
}

void fixup_heap_slots(Type* t) {
  for (SlotDef* s = g_slotdefs; s->name; s++) fixup_one(t, s);
}

// Refreshes the slots fed by `name` in t and in every subclass that does not define `name` itself.
static void update_slot_rec(Type* t, Object* name, int depth) {
  if (depth > 1000) return;  // only a corrupt hierarchy nests this deep
  if (has_flag(t, Py_TPFLAGS_HEAPTYPE))
    for (SlotDef* s = g_slotdefs; s->name; s++)
      if (s->interned == name) fixup_one(t, s);
  for (Ref<Type>& sub : type_subclasses(t)) {
    int own = sub->tp_dict ? dict_contains(sub->tp_dict, name) : 0;
    if (own < 0) error_clear();
    if (own == 0) update_slot_rec(sub.get(), name, depth + 1);
  }
}

void update_slot(Type* t, Object* name) {
  if (!str_is_interned(name)) return;  // every slot name is interned; other names feed no slot
  update_slot_rec(t, name, 0);
}

}  // namespace pyvm
