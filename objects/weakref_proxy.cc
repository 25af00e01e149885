// weakref.ProxyType and weakref.CallableProxyType: weak references that forward every operation to the referent
// and raise ReferenceError once it is gone. The locking contract is weakref.cc's; proxies only use weakref_get.
#include <fmt/format.h>

#include "objects/abstract.h"
#include "objects/errors.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/types.h"
#include "objects/weakref.h"

namespace pyvm {
namespace {

// The referent of a proxy, or ReferenceError.
Object* live_referent(Object* proxy) {
  Object* obj = weakref_get(proxy);
  if (!obj) return set_error(&exc_ReferenceError, "weakly-referenced object no longer exists");
  return obj;
}

// An operand with proxies replaced by their referents (a new reference), or null with ReferenceError.
ORef unwrap(Object* o) { return weakref_check_proxy(o) ? steal(live_referent(o)) : borrow(o); }

template <int Op>
Object* proxy_binary(Object* a, Object* b) {
  ORef x = unwrap(a);
  if (!x) return nullptr;
  ORef y = unwrap(b);
  if (!y) return nullptr;
  return binary_op(x.get(), y.get(), Op);
}

Object* proxy_divmod(Object* a, Object* b) {
  ORef x = unwrap(a);
  if (!x) return nullptr;
  ORef y = unwrap(b);
  if (!y) return nullptr;
  return number_divmod(x.get(), y.get());
}

template <bool Inplace>
Object* proxy_power(Object* a, Object* b, Object* c) {
  ORef x = unwrap(a);
  if (!x) return nullptr;
  ORef y = unwrap(b);
  if (!y) return nullptr;
  ORef z = unwrap(c);
  if (!z) return nullptr;
  if (Inplace && z.get() == none()) return binary_op(x.get(), y.get(), NB_INPLACE_POWER);
  return number_power(x.get(), y.get(), z.get());
}

template <Object* (*F)(Object*)>
Object* proxy_unary(Object* self) {
  ORef x = steal(live_referent(self));
  if (!x) return nullptr;
  return F(x.get());
}

int proxy_bool(Object* self) {
  ORef x = steal(live_referent(self));
  if (!x) return -1;
  return object_is_true(x.get());
}

Object* proxy_repr(Object* self) {
  ORef obj = steal(weakref_get(self));
  const void* addr = self;
  if (!obj) return str_from_utf8(fmt::format("<weakproxy at {}; dead>", addr));
  const void* target = obj.get();
  return str_from_utf8(fmt::format("<weakproxy at {}; to '{}' at {}>", addr, type_name(obj.get()), target));
}

Object* proxy_str(Object* self) {
  ORef x = steal(live_referent(self));
  if (!x) return nullptr;
  return object_str(x.get());
}

Object* proxy_getattr(Object* self, Object* name) {
  ORef x = steal(live_referent(self));
  if (!x) return nullptr;
  return get_attr(x.get(), name);
}

int proxy_setattr(Object* self, Object* name, Object* value) {
  ORef x = steal(live_referent(self));
  if (!x) return -1;
  return set_attr(x.get(), name, value);
}

Object* proxy_richcompare(Object* a, Object* b, int op) {
  ORef x = unwrap(a);
  if (!x) return nullptr;
  ORef y = unwrap(b);
  if (!y) return nullptr;
  return rich_compare(x.get(), y.get(), op);
}

Object* proxy_iter(Object* self) {
  ORef x = steal(live_referent(self));
  if (!x) return nullptr;
  return get_iter(x.get());
}

Object* proxy_iternext(Object* self) {
  ORef x = steal(live_referent(self));
  if (!x) return nullptr;
  iternextfunc next = type_of(x.get())->tp_iternext;
  if (!next)
    return set_errorf(&exc_TypeError, "Weakref proxy referenced a non-iterator '{}' object", type_name(x.get()));
  return next(x.get());
}

Object* proxy_call(Object* self, Object* args, Object* kwargs) {
  ORef x = steal(live_referent(self));
  if (!x) return nullptr;
  return call_tuple_dict(x.get(), args, kwargs);
}

ssize proxy_length(Object* self) {
  ORef x = steal(live_referent(self));
  if (!x) return -1;
  return object_length(x.get());
}

Object* proxy_getitem(Object* self, Object* key) {
  ORef x = steal(live_referent(self));
  if (!x) return nullptr;
  return get_item(x.get(), key);
}

int proxy_setitem(Object* self, Object* key, Object* value) {
  ORef x = steal(live_referent(self));
  if (!x) return -1;
  return value ? set_item(x.get(), key, value) : del_item(x.get(), key);
}

int proxy_contains(Object* self, Object* value) {
  ORef x = steal(live_referent(self));
  if (!x) return -1;
  return sequence_contains(x.get(), value);
}

Object* proxy_bytes(Object* self, Object*) {
  ORef x = steal(live_referent(self));
  if (!x) return nullptr;
  return call_method0(x.get(), strs::bytes);
}

Object* proxy_reversed(Object* self, Object*) {
  ORef x = steal(live_referent(self));
  if (!x) return nullptr;
  return call_method0(x.get(), strs::reversed);
}

PyNumberMethods proxy_as_number = {
    .nb_add = proxy_binary<NB_ADD>,
    .nb_subtract = proxy_binary<NB_SUBTRACT>,
    .nb_multiply = proxy_binary<NB_MULTIPLY>,
    .nb_remainder = proxy_binary<NB_REMAINDER>,
    .nb_divmod = proxy_divmod,
    .nb_power = proxy_power<false>,
    .nb_negative = proxy_unary<number_negative>,
    .nb_positive = proxy_unary<number_positive>,
    .nb_absolute = proxy_unary<number_absolute>,
    .nb_bool = proxy_bool,
    .nb_invert = proxy_unary<number_invert>,
    .nb_lshift = proxy_binary<NB_LSHIFT>,
    .nb_rshift = proxy_binary<NB_RSHIFT>,
    .nb_and = proxy_binary<NB_AND>,
    .nb_xor = proxy_binary<NB_XOR>,
    .nb_or = proxy_binary<NB_OR>,
    .nb_int = proxy_unary<number_long>,
    .nb_float = proxy_unary<number_float>,
    .nb_inplace_add = proxy_binary<NB_INPLACE_ADD>,
    .nb_inplace_subtract = proxy_binary<NB_INPLACE_SUBTRACT>,
    .nb_inplace_multiply = proxy_binary<NB_INPLACE_MULTIPLY>,
    .nb_inplace_remainder = proxy_binary<NB_INPLACE_REMAINDER>,
    .nb_inplace_power = proxy_power<true>,
    .nb_inplace_lshift = proxy_binary<NB_INPLACE_LSHIFT>,
    .nb_inplace_rshift = proxy_binary<NB_INPLACE_RSHIFT>,
    .nb_inplace_and = proxy_binary<NB_INPLACE_AND>,
    .nb_inplace_xor = proxy_binary<NB_INPLACE_XOR>,
    .nb_inplace_or = proxy_binary<NB_INPLACE_OR>,
    .nb_floor_divide = proxy_binary<NB_FLOOR_DIVIDE>,
    .nb_true_divide = proxy_binary<NB_TRUE_DIVIDE>,
    .nb_inplace_floor_divide = proxy_binary<NB_INPLACE_FLOOR_DIVIDE>,
    .nb_inplace_true_divide = proxy_binary<NB_INPLACE_TRUE_DIVIDE>,
    .nb_index = proxy_unary<number_index>,
    .nb_matrix_multiply = proxy_binary<NB_MATRIX_MULTIPLY>,
    .nb_inplace_matrix_multiply = proxy_binary<NB_INPLACE_MATRIX_MULTIPLY>,
};

PySequenceMethods proxy_as_sequence = {.sq_contains = proxy_contains};

PyMappingMethods proxy_as_mapping = {
    .mp_length = proxy_length,
    .mp_subscript = proxy_getitem,
    .mp_ass_subscript = proxy_setitem,
};

// Only ProxyType has these (CPython's CallableProxyType lacks them too).
PyMethodDef proxy_methods[] = {{"__bytes__", proxy_bytes, METH_NOARGS, nullptr},
                               {"__reversed__", proxy_reversed, METH_NOARGS, nullptr},
                               {nullptr, nullptr, 0, nullptr}};

}  // namespace

Object* weakref_proxy_new(Object* obj, Object* callback) {
  Type* t = is_callable(obj) ? &weakref_callable_proxy_type : &weakref_proxy_type;
  return weakref_get_or_create(t, obj, callback);
}

Type weakref_proxy_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "weakref.ProxyType",
    .tp_basicsize = sizeof(WeakRef),
    .tp_dealloc = weakref_dealloc,
    .tp_repr = proxy_repr,
    .tp_as_number = &proxy_as_number,
    .tp_as_sequence = &proxy_as_sequence,
    .tp_as_mapping = &proxy_as_mapping,
    .tp_hash = hash_not_implemented,
    .tp_str = proxy_str,
    .tp_getattro = proxy_getattr,
    .tp_setattro = proxy_setattr,
    .tp_richcompare = proxy_richcompare,
    .tp_iter = proxy_iter,
    .tp_iternext = proxy_iternext,
    .tp_methods = proxy_methods,
};

Type weakref_callable_proxy_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "weakref.CallableProxyType",
    .tp_basicsize = sizeof(WeakRef),
    .tp_dealloc = weakref_dealloc,
    .tp_repr = proxy_repr,
    .tp_as_number = &proxy_as_number,
    .tp_as_sequence = &proxy_as_sequence,
    .tp_as_mapping = &proxy_as_mapping,
    .tp_hash = hash_not_implemented,
    .tp_call = proxy_call,
    .tp_str = proxy_str,
    .tp_getattro = proxy_getattr,
    .tp_setattro = proxy_setattr,
    .tp_richcompare = proxy_richcompare,
    .tp_iter = proxy_iter,
    .tp_iternext = proxy_iternext,
};

}  // namespace pyvm
