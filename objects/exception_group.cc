// Exception groups: construction rules, split/subgroup/derive, and the matching and re-raising used by except*.
#include "objects/exception_group.h"

#include <unordered_set>
#include <vector>

#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"

namespace pyvm {

static ExceptionGroupObject* as_eg(Object* o) { return reinterpret_cast<ExceptionGroupObject*>(o); }

bool is_exception_group(Object* o) { return type_check(o, &exc_BaseExceptionGroup); }

static Object* eg_new(Type* type, Object* args, Object* kwds) {
  if (kwds && dict_size(kwds)) return set_errorf(&exc_TypeError, "{}() takes no keyword arguments", type->tp_name);
  if (tuple_size(args) != 2)
    return set_errorf(&exc_TypeError, "BaseExceptionGroup.__new__() takes exactly 2 arguments ({} given)",
                      tuple_size(args));
  Object* msg = tuple_get(args, 0);
  Object* seq = tuple_get(args, 1);
  if (!type_check(msg, &str_type))
    return set_errorf(&exc_TypeError, "BaseExceptionGroup.__new__() argument 1 must be str, not {}", type_name(msg));
  if (!has_flag(type_of(seq), Py_TPFLAGS_SEQUENCE) && !type_check(seq, &list_type) && !type_check(seq, &tuple_type))
    return set_error(&exc_TypeError, "second argument (exceptions) must be a sequence");
  ORef excs = steal(sequence_tuple(seq));
  if (!excs) return nullptr;
  ssize n = tuple_size(excs.get());
  if (n == 0) return set_error(&exc_ValueError, "second argument (exceptions) must be a non-empty sequence");
  bool all_exceptions = true;
  for (ssize i = 0; i < n; i++) {
    Object* e = tuple_get(excs.get(), i);
    if (!is_exception_instance(e))
      return set_errorf(&exc_ValueError, "Item {} of second argument (exceptions) is not an exception", i);
    if (!type_check(e, &exc_Exception)) all_exceptions = false;
  }
  Type* cls = type;
  if (cls == &exc_BaseExceptionGroup) {
    if (all_exceptions) cls = &exc_ExceptionGroup;  // BaseExceptionGroup of Exceptions is an ExceptionGroup
  } else if (cls == &exc_ExceptionGroup) {
    if (!all_exceptions) return set_error(&exc_TypeError, "Cannot nest BaseExceptions in an ExceptionGroup");
  } else if (!all_exceptions && is_subtype(cls, &exc_Exception)) {
    return set_errorf(&exc_TypeError, "Cannot nest BaseExceptions in '{}'", cls->tp_name);
  }
  Object* o = new_object(cls, size_t(cls->tp_basicsize));
  if (!o) return nullptr;
  as_exc(o)->args = newref(args);
  as_eg(o)->msg = newref(msg);
  as_eg(o)->excs = excs.release();
  return o;
}

static int eg_init(Object*, Object*, Object*) { return 0; }

static void eg_dealloc(Object* self) {
  ExceptionGroupObject* g = as_eg(self);
  xdecref(g->msg);
  xdecref(g->excs);
  g->msg = g->excs = nullptr;
  exc_BaseException.tp_dealloc(self);
}

static Object* eg_str(Object* self) {
  ssize n = tuple_size(as_eg(self)->excs);
  return str_from_utf8(fmt::format("{} ({} sub-exception{})", str_view(as_eg(self)->msg), n, n == 1 ? "" : "s"));
}

static Object* eg_get_message(Object* self, void*) { return newref(as_eg(self)->msg); }
static Object* eg_get_exceptions(Object* self, void*) { return newref(as_eg(self)->excs); }

static Object* eg_derive(Object* self, Object* excs) {
  ORef args = steal(tuple_pack({as_eg(self)->msg, excs}));
  if (!args) return nullptr;
  return call_tuple_dict(reinterpret_cast<Object*>(&exc_BaseExceptionGroup), args.get(), nullptr);
}

// ---- splitting ----

enum class Matcher { kType, kPredicate, kInstanceSet };

struct Split {
  ORef match;
  ORef rest;
};

static int leaf_matches(Object* exc, Matcher kind, Object* value, const std::unordered_set<Object*>* ids) {
  switch (kind) {
    case Matcher::kType:
      return object_isinstance(exc, value);
    case Matcher::kPredicate: {
      ORef r = steal(call1(value, exc));
      if (!r) return -1;
      return object_is_true(r.get());
    }
    case Matcher::kInstanceSet:
      return ids->count(exc) ? 1 : 0;
  }
  return 0;
}

// Copies __traceback__, __cause__, __context__ and (a copy of) __notes__ from `orig` to a derived group.
static int copy_metadata(Object* orig, Object* eg) {
  exception_set_traceback(eg, as_exc(orig)->traceback);
  set_slot(&as_exc(eg)->cause, xnewref(as_exc(orig)->cause));
  as_exc(eg)->suppress_context = as_exc(orig)->suppress_context;
  exception_set_context(eg, xnewref(as_exc(orig)->context));
  Object* notes = nullptr;
  int r = get_attr_optional(orig, strs::notes, &notes);
  if (r < 0) return -1;
  if (r) {
    ORef nr = steal(notes);
    if (type_check(notes, &list_type) || type_check(notes, &tuple_type)) {
      ORef copy = steal(sequence_list(notes));
      if (!copy || set_attr(eg, strs::notes, copy.get()) < 0) return -1;
    }
  }
  return 0;
}

static int split_rec(Object* exc, Matcher kind, Object* value, const std::unordered_set<Object*>* ids,
                     bool want_rest, Split* out) {
  int m = leaf_matches(exc, kind, value, ids);
  if (m < 0) return -1;
  if (m) {  // the whole thing matches
    out->match = borrow(exc);
    return 0;
  }
  if (!is_exception_group(exc)) {
    if (want_rest) out->rest = borrow(exc);
    return 0;
  }
  Object* excs = as_eg(exc)->excs;
  ORef matched = steal(list_new(0));
  ORef rest = steal(list_new(0));
  if (!matched || !rest) return -1;
  for (ssize i = 0; i < tuple_size(excs); i++) {
    Split s;
    if (split_rec(tuple_get(excs, i), kind, value, ids, want_rest, &s) < 0) return -1;
    if (s.match && list_append(matched.get(), s.match.get()) < 0) return -1;
    if (s.rest && list_append(rest.get(), s.rest.get()) < 0) return -1;
  }
  auto build = [&](Object* parts, ORef* dst) -> int {
    if (list_size(parts) == 0) return 0;
    ORef d = steal(call_method1(exc, str_interned("derive"), parts));
    if (!d) return -1;
    if (!is_exception_group(d.get())) {
      set_errorf(&exc_TypeError, "derive must return an instance of BaseExceptionGroup");
      return -1;
    }
    if (copy_metadata(exc, d.get()) < 0) return -1;
    *dst = d;
    return 0;
  };
  if (build(matched.get(), &out->match) < 0) return -1;
  if (want_rest && build(rest.get(), &out->rest) < 0) return -1;
  return 0;
}

static bool matcher_of(Object* cond, Matcher* kind) {
  auto is_exc_type = [](Object* t) { return is_exception_class(t); };
  if (is_exc_type(cond)) {
    *kind = Matcher::kType;
    return true;
  }
  if (type_check(cond, &tuple_type)) {
    for (ssize i = 0; i < tuple_size(cond); i++)
      if (!is_exc_type(tuple_get(cond, i))) goto bad;
    *kind = Matcher::kType;
    return true;
  }
  if (is_callable(cond)) {
    *kind = Matcher::kPredicate;
    return true;
  }
bad:
  set_error(&exc_TypeError, "expected an exception type, a tuple of exception types, or a callable (other than a class)");
  return false;
}

static Object* eg_split(Object* self, Object* cond) {
  Matcher kind;
  if (!matcher_of(cond, &kind)) return nullptr;
  Split s;
  if (split_rec(self, kind, cond, nullptr, true, &s) < 0) return nullptr;
  return tuple_pack({s.match ? s.match.get() : none(), s.rest ? s.rest.get() : none()});
}

static Object* eg_subgroup(Object* self, Object* cond) {
  Matcher kind;
  if (!matcher_of(cond, &kind)) return nullptr;
  Split s;
  if (split_rec(self, kind, cond, nullptr, false, &s) < 0) return nullptr;
  return newref(s.match ? s.match.get() : none());
}

static PyMethodDef eg_methods[] = {{"derive", eg_derive, METH_O, nullptr},
                                   {"split", eg_split, METH_O, nullptr},
                                   {"subgroup", eg_subgroup, METH_O, nullptr},
                                   {nullptr, nullptr, 0, nullptr}};
static PyGetSetDef eg_getset[] = {{"message", eg_get_message, nullptr, nullptr, nullptr},
                                  {"exceptions", eg_get_exceptions, nullptr, nullptr, nullptr},
                                  {nullptr, nullptr, nullptr, nullptr, nullptr}};

void exception_group_setup() {
  // ExceptionGroup derives from both BaseExceptionGroup and Exception.
  exc_ExceptionGroup.tp_bases = tuple_pack({reinterpret_cast<Object*>(&exc_BaseExceptionGroup),
                                            reinterpret_cast<Object*>(&exc_Exception)});
  for (Type* t : {&exc_BaseExceptionGroup, &exc_ExceptionGroup}) {
    t->tp_basicsize = sizeof(ExceptionGroupObject);
    t->tp_new = eg_new;
    t->tp_init = eg_init;
    t->tp_dealloc = eg_dealloc;
    t->tp_str = eg_str;
    t->tp_methods = eg_methods;
    t->tp_getset = eg_getset;
  }
}

// ---- except* ----

int exception_group_match(Object* exc, Object* match_type, Object** match, Object** rest) {
  *match = *rest = nullptr;
  // The clause's type must be exception types, and not exception groups.
  auto check = [](Object* t) -> bool {
    if (!is_exception_class(t)) {
      set_error(&exc_TypeError,
                "catching classes that do not inherit from BaseException is not allowed");
      return false;
    }
    if (is_subtype(reinterpret_cast<Type*>(t), &exc_BaseExceptionGroup)) {
      set_error(&exc_TypeError, "catching ExceptionGroup with except* is not allowed. Use except instead.");
      return false;
    }
    return true;
  };
  if (type_check(match_type, &tuple_type)) {
    for (ssize i = 0; i < tuple_size(match_type); i++)
      if (!check(tuple_get(match_type, i))) return -1;
  } else if (!check(match_type)) {
    return -1;
  }
  if (exc == none()) {
    *match = newref(none());
    *rest = newref(none());
    return 0;
  }
  if (!is_exception_group(exc)) {
    int m = object_isinstance(exc, match_type);
    if (m < 0) return -1;
    if (!m) {
      *match = newref(none());
      *rest = newref(exc);
      return 0;
    }
    // A naked exception is wrapped in a group that carries its traceback.
    ORef excs = steal(tuple_pack({exc}));
    ORef empty = steal(str_from_utf8(""));
    ORef args = steal(tuple_pack({empty.get(), excs.get()}));
    if (!excs || !empty || !args) return -1;
    ORef wrapped = steal(call_tuple_dict(reinterpret_cast<Object*>(&exc_BaseExceptionGroup), args.get(), nullptr));
    if (!wrapped) return -1;
    exception_set_traceback(wrapped.get(), as_exc(exc)->traceback);
    *match = wrapped.release();
    *rest = newref(none());
    return 0;
  }
  Split s;
  if (split_rec(exc, Matcher::kType, match_type, nullptr, true, &s) < 0) return -1;
  *match = s.match ? s.match.release() : newref(none());
  *rest = s.rest ? s.rest.release() : newref(none());
  return 0;
}

static void collect_leaves(Object* e, std::unordered_set<Object*>* ids) {
  if (is_exception_group(e)) {
    Object* excs = as_eg(e)->excs;
    for (ssize i = 0; i < tuple_size(excs); i++) collect_leaves(tuple_get(excs, i), ids);
  } else {
    ids->insert(e);
  }
}

static bool same_metadata(Object* a, Object* b) {
  ExceptionObject* x = as_exc(a);
  ExceptionObject* y = as_exc(b);
  Object* xn = nullptr;
  Object* yn = nullptr;
  if (x->dict) dict_get(x->dict, strs::notes, &xn) < 0 ? error_clear() : void();
  if (y->dict) dict_get(y->dict, strs::notes, &yn) < 0 ? error_clear() : void();
  bool same_notes = xn == yn;
  xdecref(xn);
  xdecref(yn);
  return same_notes && x->traceback == y->traceback && x->cause == y->cause && x->context == y->context;
}

Object* prep_reraise_star(Object* orig, Object* excs) {
  ssize n = list_size(excs);
  if (n == 0) return newref(none());
  if (!is_exception_group(orig)) {
    // A naked exception was caught and wrapped: at most one clause ran, so there is at most one to raise.
    return newref(list_items(excs)[0]);
  }
  std::vector<Object*> raised, reraised;
  for (ssize i = 0; i < n; i++) {
    Object* e = list_items(excs)[i];
    if (e == none()) continue;
    (same_metadata(e, orig) ? reraised : raised).push_back(e);
  }
  ORef reraised_eg;
  if (!reraised.empty()) {
    std::unordered_set<Object*> ids;
    for (Object* e : reraised) collect_leaves(e, &ids);
    Split s;
    if (split_rec(orig, Matcher::kInstanceSet, nullptr, &ids, false, &s) < 0) return nullptr;
    reraised_eg = s.match;
  }
  if (raised.empty()) return reraised_eg ? reraised_eg.release() : newref(none());
  if (reraised_eg) raised.push_back(reraised_eg.get());
  if (raised.size() == 1) return newref(raised[0]);
  ORef lst = steal(list_from_array(raised.data(), ssize(raised.size())));
  ORef empty = steal(str_from_utf8(""));
  if (!lst || !empty) return nullptr;
  ORef args = steal(tuple_pack({empty.get(), lst.get()}));
  if (!args) return nullptr;
  return call_tuple_dict(reinterpret_cast<Object*>(&exc_BaseExceptionGroup), args.get(), nullptr);
}

}  // namespace pyvm
