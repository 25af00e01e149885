// Struct sequences: creation of the types, the constructor, repr, __reduce__ and __replace__ (CPython 3.13's
// PyStructSequence behaviour).
#include "objects/structseq.h"

#include <algorithm>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/list.h"
#include "objects/methods.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"

namespace pyvm {

const char* const kStructSeqUnnamed = "unnamed field";

namespace {

// Member descriptors of the named fields: read-only object slots on the tuple's items.
constexpr int kMemberObject = 6;  // Py_T_OBJECT: a null slot reads as None
constexpr int kMemberReadonly = 1;

const StructSeqType* shape(Object* o) { return structseq_shape(type_of(o)); }

// Instances always own n_fields item slots, even when tuple.__new__(T, iterable) asks for fewer (CPython refuses
// that call; we make it harmless): ob_size is the visible length and the allocation is max(ob_size, n_fields).
ssize real_size(Object* o) { return std::max(var_size(o), shape(o)->n_fields); }

Object* structseq_alloc(Type* type, ssize nitems) {
  ssize real = std::max(nitems, structseq_shape(type)->n_fields);
  Object* o = new_var_object(type, real);
  if (o) set_var_size(o, nitems);
  return o;
}

void structseq_dealloc_body(Object* self) {
  Type* t = type_of(self);
  Object** items = tuple_items(self);
  for (ssize i = real_size(self); --i >= 0;) xdecref(items[i]);
  object_free(self);
  dealloc_type_ref(t);
}
void structseq_dealloc(Object* self) { dealloc_with_trashcan(self, structseq_dealloc_body); }

int structseq_traverse(Object* self, visitproc visit, void* arg) {
  Object** items = tuple_items(self);
  for (ssize i = real_size(self); --i >= 0;)
    if (items[i])
      if (int r = visit(items[i], arg)) return r;
  return 0;
}

// The name of the field stored in item i, as CPython finds it: tp_members skips unnamed fields, so visible items
// are named by position in the member list (os.stat_result's integer st_atime at index 7 prints as "st_atime").
const char* member_name(const StructSeqType* s, ssize k) { return s->members[k].name; }
ssize named_count(const StructSeqType* s) { return s->n_fields - s->n_unnamed; }

Object* structseq_repr(Object* self) {
  const StructSeqType* s = shape(self);
  std::string out = s->type.tp_name;
  out += '(';
  ssize n = std::min(var_size(self), named_count(s));
  for (ssize i = 0; i < n; i++) {
    if (i) out += ", ";
    out += member_name(s, i);
    out += '=';
    Object* v = structseq_get(self, i);
    std::string r;
    if (!repr_utf8(v ? v : none(), &r)) return nullptr;
    out += r;
  }
  out += ')';
  return str_from_utf8(out);
}

Object* structseq_reduce(Object* self, Object*) {
  const StructSeqType* s = shape(self);
  ssize visible = var_size(self);
  ORef tup = steal(tuple_from_array(tuple_items(self), visible));
  ORef dict = steal(dict_new());
  if (!tup || !dict) return nullptr;
  for (ssize i = visible; i < s->n_fields; i++) {
    Object* v = structseq_get(self, i);
    if (dict_set_str(dict.get(), member_name(s, i - s->n_unnamed), v ? v : none()) < 0) return nullptr;
  }
  ORef args = steal(tuple_pack({tup.get(), dict.get()}));
  if (!args) return nullptr;
  return tuple_pack({reinterpret_cast<Object*>(type_of(self)), args.get()});
}

Object* structseq_replace(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  if (nargs > 0) return set_error(&exc_TypeError, "__replace__() takes no positional arguments");
  const StructSeqType* s = shape(self);
  if (s->n_unnamed > 0)
    return set_errorf(&exc_TypeError, "__replace__() is not supported for {} because it has unnamed field(s)",
                      s->type.tp_name);
  ORef kwargs = steal(dict_new());
  if (!kwargs) return nullptr;
  ssize nkw = kwnames ? tuple_size(kwnames) : 0;
  for (ssize i = 0; i < nkw; i++)
    if (dict_set(kwargs.get(), tuple_get(kwnames, i), args[i]) < 0) return nullptr;
  ORef result = steal(structseq_alloc(type_of(self), s->n_in_sequence));
  if (!result) return nullptr;
  for (ssize i = 0; i < s->n_fields; i++) {
    Object* v = nullptr;
    int r = dict_pop(kwargs.get(), str_interned(member_name(s, i)), &v);
    if (r < 0) return nullptr;
    structseq_set(result.get(), i, r > 0 ? v : xnewref(structseq_get(self, i)));
  }
  if (dict_size(kwargs.get()) > 0) {
    ORef keys = steal(dict_keys_list(kwargs.get()));
    std::string r;
    if (!keys || !repr_utf8(keys.get(), &r)) return nullptr;
    return set_errorf(&exc_TypeError, "Got unexpected field name(s): {}", r);
  }
  return result.release();
}

PyMethodDef structseq_methods[] = {{"__reduce__", structseq_reduce, METH_NOARGS, nullptr},
                                   {"__replace__", as_cfunc(structseq_replace), METH_FASTCALL | METH_KEYWORDS,
                                    "Return a copy with the given fields replaced."},
                                   {nullptr, nullptr, 0, nullptr}};

// CPython's PySequence_Fast: a tuple of the items of any iterable, with `msg` when it is not iterable.
Object* sequence_fast(Object* o, const char* msg) {
  if (type_check_exact(o, &tuple_type)) return newref(o);
  ORef it = steal(get_iter(o));
  if (!it) {
    if (error_matches(&exc_TypeError)) set_error(&exc_TypeError, msg);
    return nullptr;
  }
  return sequence_tuple(it.get());
}

}  // namespace

Object* structseq_tp_new(Type* type, Object* args, Object* kwds) {
  // Spread (args, kwds) into the vectorcall shape parse_args understands.
  std::vector<Object*> argv(tuple_items(args), tuple_items(args) + tuple_size(args));
  ORef kwnames;
  std::vector<ORef> keep;
  if (kwds && dict_size(kwds) > 0) {
    kwnames = steal(tuple_new(dict_size(kwds)));
    if (!kwnames) return nullptr;
    ssize pos = 0, i = 0;
    Object *k, *v;
    while (dict_next(kwds, &pos, &k, &v) && i < tuple_size(kwnames.get())) {
      tuple_set(kwnames.get(), i++, k);
      keep.push_back(steal(v));
      argv.push_back(v);
    }
  }
  Object* a[2] = {};
  if (!parse_args("structseq", argv.data(), tuple_size(args), kwnames.get(), {"sequence", "dict"}, 1, a))
    return nullptr;
  const StructSeqType* s = structseq_shape(type);
  ORef seq = steal(sequence_fast(a[0], "constructor requires a sequence"));
  if (!seq) return nullptr;
  Object* dict = a[1];
  if (dict && !dict_check(dict))
    return set_errorf(&exc_TypeError, "{}() takes a dict as second arg, if any", type->tp_name);
  ssize len = tuple_size(seq.get());
  ssize min_len = s->n_in_sequence, max_len = s->n_fields;
  if (len < min_len) {
    if (min_len == max_len)
      return set_errorf(&exc_TypeError, "{}() takes a {}-sequence ({}-sequence given)", type->tp_name, min_len, len);
    return set_errorf(&exc_TypeError, "{}() takes an at least {}-sequence ({}-sequence given)", type->tp_name, min_len,
                      len);
  }
  if (len > max_len) {
    if (min_len == max_len)
      return set_errorf(&exc_TypeError, "{}() takes a {}-sequence ({}-sequence given)", type->tp_name, max_len, len);
    return set_errorf(&exc_TypeError, "{}() takes an at most {}-sequence ({}-sequence given)", type->tp_name, max_len,
                      len);
  }
  ORef res = steal(structseq_alloc(type, s->n_in_sequence));
  if (!res) return nullptr;
  for (ssize i = 0; i < len; i++) structseq_set(res.get(), i, newref(tuple_get(seq.get(), i)));
  if (dict && dict_size(dict) > 0) {
    ssize found = 0;
    for (ssize i = len; i < max_len; i++) {
      Object* v = nullptr;
      int r = dict_get_str(dict, member_name(s, i - s->n_unnamed), &v);
      if (r < 0) return nullptr;
      if (r > 0) found++;
      structseq_set(res.get(), i, r > 0 ? v : newref(none()));
    }
    if (found < dict_size(dict))
      return set_errorf(&exc_TypeError, "{}() got duplicate or unexpected field name(s)", type->tp_name);
  } else {
    for (ssize i = len; i < max_len; i++) structseq_set(res.get(), i, newref(none()));
  }
  return res.release();
}

Type* structseq_new_type(const StructSeqDesc* desc) {
  ssize n_fields = 0, n_unnamed = 0;
  for (const StructSeqField* f = desc->fields; f->name; f++) {
    n_fields++;
    if (f->name == kStructSeqUnnamed) n_unnamed++;
  }
  if (desc->n_in_sequence < 0 || desc->n_in_sequence > n_fields)
    return set_error(&exc_SystemError, "structseq: n_in_sequence out of range");
  auto* s = static_cast<StructSeqType*>(alloc::raw_calloc(1, sizeof(StructSeqType)));
  auto* members = static_cast<PyMemberDef*>(alloc::raw_calloc(size_t(n_fields - n_unnamed + 1), sizeof(PyMemberDef)));
  if (!s || !members) return no_memory();
  ssize k = 0;
  for (ssize i = 0; i < n_fields; i++) {
    const StructSeqField& f = desc->fields[i];
    if (f.name == kStructSeqUnnamed) continue;
    members[k++] =
        PyMemberDef{f.name, kMemberObject, ssize(offsetof(PyTupleObject, ob_item) + size_t(i) * sizeof(Object*)),
                    kMemberReadonly, f.doc};
  }
  s->desc = desc;
  s->n_fields = n_fields;
  s->n_in_sequence = desc->n_in_sequence;
  s->n_unnamed = n_unnamed;
  s->members = members;
  Type* t = &s->type;
  t->ob_base = PyVarObject PYVM_IMMORTAL_VAR_HEADER(&type_type, 0);
  t->tp_name = desc->name;
  t->tp_basicsize = tuple_type.tp_basicsize;
  t->tp_itemsize = sizeof(Object*);
  t->tp_dealloc = structseq_dealloc;
  t->tp_repr = structseq_repr;
  t->tp_flags = Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_TUPLE_SUBCLASS | Py_TPFLAGS_IMMUTABLETYPE;
  t->tp_doc = desc->doc;
  t->tp_traverse = structseq_traverse;
  t->tp_methods = structseq_methods;
  t->tp_members = members;
  t->tp_base = &tuple_type;
  t->tp_alloc = structseq_alloc;
  t->tp_new = desc->tp_new ? desc->tp_new : desc->constructible ? structseq_tp_new : nullptr;
  t->tp_free = object_free;
  // The class attributes go in before type_ready, so no lookup can have cached their absence.
  t->tp_dict = dict_new();
  if (!t->tp_dict) return nullptr;
  ORef match_args = steal(list_new(0));
  if (!match_args) return nullptr;
  for (ssize i = 0; i < desc->n_in_sequence; i++)
    if (desc->fields[i].name != kStructSeqUnnamed &&
        list_append(match_args.get(), str_interned(desc->fields[i].name)) < 0)
      return nullptr;
  ORef match_tuple = steal(list_as_tuple(match_args.get()));
  ORef n_seq = steal(int_from_ssize(desc->n_in_sequence));
  ORef n_all = steal(int_from_ssize(n_fields));
  ORef n_un = steal(int_from_ssize(n_unnamed));
  if (!match_tuple || !n_seq || !n_all || !n_un || dict_set_str(t->tp_dict, "n_sequence_fields", n_seq.get()) < 0 ||
      dict_set_str(t->tp_dict, "n_fields", n_all.get()) < 0 ||
      dict_set_str(t->tp_dict, "n_unnamed_fields", n_un.get()) < 0 ||
      dict_set_str(t->tp_dict, "__match_args__", match_tuple.get()) < 0)
    return nullptr;
  if (type_ready(t) < 0) return nullptr;
  // type_ready inherits tuple's constructor; a type Python cannot instantiate drops it again.
  if (!desc->tp_new && !desc->constructible) t->tp_new = nullptr;
  return t;
}

bool structseq_type_check(const Type* t) { return t->tp_dealloc == structseq_dealloc; }

Object* structseq_new(Type* type) { return structseq_alloc(type, structseq_shape(type)->n_in_sequence); }

}  // namespace pyvm
