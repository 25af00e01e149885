// mappingproxy: the read-only view of a mapping that `cls.__dict__` returns.
#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"

namespace pyvm {

extern Type mappingproxy_type asm("PyDictProxy_Type");

namespace {

struct ProxyObject {
  PyObject ob_base;
  Object* mapping;
};

Object* M(Object* self) { return reinterpret_cast<ProxyObject*>(self)->mapping; }

Object* proxy_subscript(Object* self, Object* key) { return get_item(M(self), key); }
ssize proxy_length(Object* self) { return object_length(M(self)); }
int proxy_contains(Object* self, Object* key) {
  if (type_check(M(self), &dict_type)) return dict_contains(M(self), key);
  return sequence_contains(M(self), key);
}
Object* proxy_iter(Object* self) { return get_iter(M(self)); }
Object* proxy_repr(Object* self) {
  std::string r;
  if (!repr_utf8(M(self), &r)) return nullptr;
  return str_from_utf8("mappingproxy(" + r + ")");
}
Object* proxy_str(Object* self) { return object_str(M(self)); }
Object* proxy_richcompare(Object* self, Object* other, int op) { return rich_compare(M(self), other, op); }
Object* proxy_or(Object* a, Object* b) {
  Object* x = type_of(a) == &mappingproxy_type ? M(a) : a;
  Object* y = type_of(b) == &mappingproxy_type ? M(b) : b;
  return binary_op(x, y, NB_OR);
}
Object* proxy_ior(Object* a, Object*) {
  return set_errorf(&exc_TypeError, "'|=' is not supported by {}; use '|' instead", type_name(a));
}

Object* forward(Object* self, const char* name, Object* const* args, ssize nargs) {
  return call_method(M(self), str_interned(name), args, nargs);
}
Object* proxy_get(Object* self, Object* const* args, ssize nargs) {
  if (nargs < 1 || nargs > 2) return set_errorf(&exc_TypeError, "get expected at least 1 argument, got {}", nargs);
  return forward(self, "get", args, nargs);
}
Object* proxy_keys(Object* self, Object*) { return forward(self, "keys", nullptr, 0); }
Object* proxy_values(Object* self, Object*) { return forward(self, "values", nullptr, 0); }
Object* proxy_items(Object* self, Object*) { return forward(self, "items", nullptr, 0); }
Object* proxy_copy(Object* self, Object*) { return forward(self, "copy", nullptr, 0); }
Object* proxy_reversed(Object* self, Object*) { return forward(self, "__reversed__", nullptr, 0); }

PyMethodDef proxy_methods[] = {
    {"get", reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(proxy_get)), METH_FASTCALL, nullptr},
    {"keys", proxy_keys, METH_NOARGS, nullptr},
    {"values", proxy_values, METH_NOARGS, nullptr},
    {"items", proxy_items, METH_NOARGS, nullptr},
    {"copy", proxy_copy, METH_NOARGS, nullptr},
    {"__reversed__", proxy_reversed, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr}};

void proxy_dealloc(Object* o) {
  decref(M(o));
  object_free(o);
}

Object* proxy_new(Type*, Object* args, Object* kwds) {
  if ((kwds && dict_size(kwds)) || tuple_size(args) != 1)
    return set_error(&exc_TypeError, "mappingproxy() takes exactly one argument");
  Object* m = tuple_get(args, 0);
  PyMappingMethods* mp = type_of(m)->tp_as_mapping;
  if (!mp || !mp->mp_subscript || type_check(m, &list_type) || type_check(m, &tuple_type))
    return set_errorf(&exc_TypeError, "mappingproxy() argument must be a mapping, not {}", type_name(m));
  return mappingproxy_new(m);
}

PyMappingMethods proxy_as_mapping = {.mp_length = proxy_length, .mp_subscript = proxy_subscript};
PySequenceMethods proxy_as_sequence = {.sq_contains = proxy_contains};
PyNumberMethods proxy_as_number = {.nb_or = proxy_or, .nb_inplace_or = proxy_ior};

}  // namespace

Object* mappingproxy_new(Object* mapping) {
  auto* p = reinterpret_cast<ProxyObject*>(new_object(&mappingproxy_type, sizeof(ProxyObject)));
  if (!p) return nullptr;
  p->mapping = newref(mapping);
  return reinterpret_cast<Object*>(p);
}

Type mappingproxy_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "mappingproxy",
    .tp_basicsize = sizeof(ProxyObject),
    .tp_dealloc = proxy_dealloc,
    .tp_repr = proxy_repr,
    .tp_as_number = &proxy_as_number,
    .tp_as_sequence = &proxy_as_sequence,
    .tp_as_mapping = &proxy_as_mapping,
    .tp_str = proxy_str,
    .tp_flags = Py_TPFLAGS_MAPPING,
    .tp_richcompare = proxy_richcompare,
    .tp_iter = proxy_iter,
    .tp_methods = proxy_methods,
    .tp_new = proxy_new,
};

}  // namespace pyvm
