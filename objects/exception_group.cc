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

// PySequence_Check. A class defining __getitem__ has sq_item in CPython; here it may have filled only mp_subscript.
static bool sequence_check(Object* s) {
  Type* t = type_of(s);
  if (has_flag(t, Py_TPFLAGS_DICT_SUBCLASS)) return false;
  if (t->tp_as_sequence && t->tp_as_sequence->sq_item) return true;
  return has_flag(t, Py_TPFLAGS_HEAPTYPE) && t->tp_as_mapping && t->tp_as_mapping->mp_subscript;
}

// BaseExceptionGroup.__new__(cls, message, exceptions). Keyword arguments are ignored here and refused by
// __init__, so ExceptionGroup(message=..., exceptions=...) reports the missing positional arguments first.
static Object* eg_new(Type* type, Object* args, Object*) {
  if (tuple_size(args) != 2)
    return set_errorf(&exc_TypeError, "BaseExceptionGroup.__new__() takes exactly 2 arguments ({} given)",
                      tuple_size(args));
  Object* msg = tuple_get(args, 0);
  Object* seq = tuple_get(args, 1);
  if (!type_check(msg, &str_type))
    return set_errorf(&exc_TypeError, "BaseExceptionGroup.__new__() argument 1 must be str, not {}", type_name(msg));
  if (!sequence_check(seq)) return set_error(&exc_TypeError, "second argument (exceptions) must be a sequence");
  ORef excs = steal(sequence_tuple(seq));
  if (!excs) return nullptr;
  ssize n = tuple_size(excs.get());
  if (n == 0) return set_error(&exc_ValueError, "second argument (exceptions) must be a non-empty sequence");
  bool nested_base = false;
  for (ssize i = 0; i < n; i++) {
    Object* e = tuple_get(excs.get(), i);
    if (!is_exception_instance(e))
      return set_errorf(&exc_ValueError, "Item {} of second argument (exceptions) is not an exception", i);
    int r = object_isinstance(e, reinterpret_cast<Object*>(&exc_Exception));
    if (r < 0) return nullptr;
    if (!r) nested_base = true;
  }
  Type* cls = type;
  if (cls == &exc_BaseExceptionGroup) {
    if (!nested_base) cls = &exc_ExceptionGroup;  // a BaseExceptionGroup of Exceptions is an ExceptionGroup
  } else if (cls == &exc_ExceptionGroup) {
    if (nested_base) return set_error(&exc_TypeError, "Cannot nest BaseExceptions in an ExceptionGroup");
  } else if (nested_base) {
    int r = object_issubclass(reinterpret_cast<Object*>(cls), reinterpret_cast<Object*>(&exc_Exception));
    if (r < 0) return nullptr;
    if (r) return set_errorf(&exc_TypeError, "Cannot nest BaseExceptions in '{}'", cls->tp_name);
  }
  Object* o = new_object(cls, size_t(cls->tp_basicsize));
  if (!o) return nullptr;
  as_exc(o)->args = newref(args);
  as_eg(o)->msg = newref(msg);
  as_eg(o)->excs = excs.release();
  return o;
}

// __init__ only records its arguments as args (message and exceptions were fixed by __new__).
static int eg_init(Object* self, Object* args, Object* kwds) {
  if (kwds && dict_size(kwds)) {
    set_errorf(&exc_TypeError, "{}() takes no keyword arguments", type_of(self)->tp_name);
    return -1;
  }
  set_slot(&as_exc(self)->args, newref(args));
  return 0;
}

static void eg_dealloc(Object* self) {
  ExceptionGroupObject* g = as_eg(self);
  xdecref(g->msg);
  xdecref(g->excs);
  g->msg = g->excs = nullptr;
  exc_BaseException.tp_dealloc(self);
}

static Object* eg_str(Object* self) {
  ssize n = tuple_size(as_eg(self)->excs);
  std::string msg;
  if (!object_str_utf8(as_eg(self)->msg, &msg)) return nullptr;
  return str_from_utf8(fmt::format("{} ({} sub-exception{})", msg, n, n > 1 ? "s" : ""));
}

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
      return exception_matches(exc, value) ? 1 : 0;
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

// Copies __traceback__, __context__, __cause__ and (a copy of) __notes__ from `orig` to a derived group. As in
// CPython, setting the cause also sets __suppress_context__.
static int copy_metadata(Object* orig, Object* eg) {
  exception_set_traceback(eg, as_exc(orig)->traceback);
  exception_set_context(eg, xnewref(as_exc(orig)->context));
  exception_set_cause(eg, xnewref(as_exc(orig)->cause));
  Object* notes = nullptr;
  int r = get_attr_optional(orig, strs::notes, &notes);
  if (r < 0) return -1;
  if (r) {
    ORef nr = steal(notes);
    // Notes that are not a sequence are left behind: split() is no place to report them.
    if (sequence_check(notes)) {
      ORef copy = steal(sequence_list(notes));
      if (!copy || set_attr(eg, strs::notes, copy.get()) < 0) return -1;
    }
  }
  return 0;
}

static int split_rec(Object* exc, Matcher kind, Object* value, const std::unordered_set<Object*>* ids, bool want_rest,
                     Split* out) {
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

// What split()/subgroup() accept: a callable other than a class (a predicate), an exception class, or an exact
// tuple of exception classes.
static bool matcher_of(Object* cond, Matcher* kind) {
  if (is_callable(cond) && !type_check(cond, &type_type)) {
    *kind = Matcher::kPredicate;
    return true;
  }
  if (is_exception_class(cond)) {
    *kind = Matcher::kType;
    return true;
  }
  if (type_check_exact(cond, &tuple_type)) {
    for (ssize i = 0; i < tuple_size(cond); i++)
      if (!is_exception_class(tuple_get(cond, i))) goto bad;
    *kind = Matcher::kType;
    return true;
  }
bad:
  set_error(&exc_TypeError,
            "expected an exception type, a tuple of exception types, or a callable (other than a class)");
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
constexpr int kMemberObject = 6;
constexpr int kMemberReadonly = 1;
static PyMemberDef eg_members[] = {
    {"message", kMemberObject, offsetof(ExceptionGroupObject, msg), kMemberReadonly, nullptr},
    {"exceptions", kMemberObject, offsetof(ExceptionGroupObject, excs), kMemberReadonly, nullptr},
    {nullptr, 0, 0, 0, nullptr}};

void exception_group_setup() {
  // ExceptionGroup derives from both BaseExceptionGroup and Exception. Like CPython's (a class made at start-up
  // by PyErr_NewException) it defines nothing itself: everything comes from BaseExceptionGroup.
  exc_ExceptionGroup.tp_bases =
      tuple_pack({reinterpret_cast<Object*>(&exc_BaseExceptionGroup), reinterpret_cast<Object*>(&exc_Exception)});
  Type* beg = &exc_BaseExceptionGroup;
  beg->tp_basicsize = sizeof(ExceptionGroupObject);
  beg->tp_new = eg_new;
  beg->tp_init = eg_init;
  beg->tp_dealloc = eg_dealloc;
  beg->tp_str = eg_str;
  beg->tp_methods = eg_methods;
  beg->tp_members = eg_members;
  Type* eg = &exc_ExceptionGroup;
  eg->tp_basicsize = sizeof(ExceptionGroupObject);
  eg->tp_new = nullptr;
  eg->tp_init = nullptr;
  eg->tp_dealloc = nullptr;
  eg->tp_str = nullptr;
  eg->tp_repr = nullptr;
}

// ---- except* ----

int exception_group_match(Object* exc, Object* match_type, Object** match, Object** rest) {
  *match = *rest = nullptr;
  // The clause's types must be exception classes, and not exception groups.
  if (check_except_type_valid(match_type) < 0) return -1;
  auto is_group_class = [](Object* t) { return is_subtype(reinterpret_cast<Type*>(t), &exc_BaseExceptionGroup); };
  bool group = false;
  if (type_check(match_type, &tuple_type)) {
    for (ssize i = 0; i < tuple_size(match_type) && !group; i++) group = is_group_class(tuple_get(match_type, i));
  } else {
    group = is_group_class(match_type);
  }
  if (group) {
    set_error(&exc_TypeError, "catching ExceptionGroup with except* is not allowed. Use except instead.");
    return -1;
  }
  if (exc == none()) {
    *match = newref(none());
    *rest = newref(none());
    return 0;
  }
  if (exception_matches(exc, match_type)) {
    if (is_exception_group(exc)) {
      *match = newref(exc);
    } else {
      // A naked exception is wrapped in a group, which (as in CPython 3.13) has no traceback of its own.
      ORef excs = steal(tuple_pack({exc}));
      ORef empty = steal(str_from_utf8(""));
      if (!excs || !empty) return -1;
      ORef args = steal(tuple_pack({empty.get(), excs.get()}));
      if (!args) return -1;
      *match = call_tuple_dict(reinterpret_cast<Object*>(&exc_BaseExceptionGroup), args.get(), nullptr);
      if (!*match) return -1;
    }
    *rest = newref(none());
    return 0;
  }
  if (is_exception_group(exc)) {
    // A partial match goes through split(), which a subclass may override.
    ORef pair = steal(call_method1(exc, str_interned("split"), match_type));
    if (!pair) return -1;
    if (!type_check_exact(pair.get(), &tuple_type)) {
      set_errorf(&exc_TypeError, "{}.split must return a tuple, not {}", type_name(exc), type_name(pair.get()));
      return -1;
    }
    if (tuple_size(pair.get()) < 2) {  // longer tuples are allowed, as in CPython
      set_errorf(&exc_TypeError, "{}.split must return a 2-tuple, got tuple of size {}", type_name(exc),
                 tuple_size(pair.get()));
      return -1;
    }
    *match = newref(tuple_get(pair.get(), 0));
    *rest = newref(tuple_get(pair.get(), 1));
    return 0;
  }
  *match = newref(none());
  *rest = newref(exc);
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

// Whether `a` is `b` re-raised (or a part of it split off): same traceback, cause and context. Notes are not
// compared: CPython compares its unused C-level notes field, __notes__ itself living in the instance dict.
static bool same_metadata(Object* a, Object* b) {
  ExceptionObject* x = as_exc(a);
  ExceptionObject* y = as_exc(b);
  return x->traceback == y->traceback && x->cause == y->cause && x->context == y->context;
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
