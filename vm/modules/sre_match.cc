// re.Match (the result of a successful match), _sre.SRE_Scanner (the engine of finditer) and _sre.SRE_Template
// (a compiled replacement string).
//
// Thread contract: Match and Template objects are immutable after construction. A Scanner carries a MatchState
// that advances with each match()/search() call; every call runs entirely inside the scanner's critical section,
// so concurrent callers take turns and each sees a consistent state (the matching itself runs no Python code).
#include <string>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/genericalias.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/methods.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/import.h"
#include "vm/modules/sre_internal.h"
#include "vm/sync/mutex.h"

namespace pyvm::sre {

Object* new_match(PatternObject* p, MatchState* st, ssize status) {
  if (status == 0) return newref(none());
  if (status < 0) {
    set_engine_error(status);
    return nullptr;
  }
  ssize groups = p->groups + 1;
  ORef obj = steal(new_var_object(&match_type, 2 * groups));
  if (!obj) return nullptr;
  MatchObject* m = as_match(obj.get());
  m->pattern = reinterpret_cast<PatternObject*>(newref(reinterpret_cast<Object*>(p)));
  m->string = newref(st->string);
  m->groups = groups;
  m->mark[0] = st->start;
  m->mark[1] = st->ptr;
  for (ssize i = 0, j = 0; i < p->groups; i++, j += 2) {
    if (j + 1 <= st->lastmark && st->mark[size_t(j)] >= 0 && st->mark[size_t(j + 1)] >= 0) {
      m->mark[j + 2] = st->mark[size_t(j)];
      m->mark[j + 3] = st->mark[size_t(j + 1)];
      if (m->mark[j + 2] > m->mark[j + 3])
        return set_error(&exc_SystemError,
                         "The span of capturing group is wrong, please report a bug for the re module.");
    } else {
      m->mark[j + 2] = m->mark[j + 3] = -1;
    }
  }
  m->pos = st->pos;
  m->endpos = st->endpos;
  m->lastindex = st->lastindex;
  return obj.release();
}

namespace {

MatchObject* M(Object* o) { return as_match(o); }

// ---- Match ----

// Group `index` (validated) as a str/bytes, or `dflt` when it did not participate.
Object* match_slice(MatchObject* m, ssize index, Object* dflt) {
  ssize b = m->mark[2 * index], e = m->mark[2 * index + 1];
  if (m->string == none() || b < 0) return newref(dflt);
  // The subject is read again: a bytearray may have changed size since the match.
  Subject s;
  BufferHold hold;
  if (!get_subject(m->string, &s, &hold)) return nullptr;
  b = std::min(b, s.length);
  e = std::min(e, s.length);
  return subject_slice(s, m->string, b, e);
}

// A group given by number or name: its index, or -1 with IndexError("no such group") (or the lookup's error).
ssize match_index(MatchObject* m, Object* key) {
  if (!key) return 0;
  ssize i = -1;
  if (index_check(key)) {
    i = number_as_ssize(key, nullptr);
    if (i == -1 && error_occurred()) return -1;
  } else if (m->pattern->groupindex) {
    Object* v = nullptr;
    int r = dict_get(m->pattern->groupindex, key, &v);
    if (r < 0) return -1;
    if (r > 0) {
      ORef value = steal(v);
      if (type_check(v, &int_type)) {
        i = int_as_ssize(v);
        if (i == -1 && error_occurred()) return -1;
      }
    }
  }
  if (i < 0 || i >= m->groups) {
    set_error(&exc_IndexError, "no such group");
    return -1;
  }
  return i;
}

Object* match_group_of(MatchObject* m, Object* key, Object* dflt) {
  ssize i = match_index(m, key);
  if (i < 0) return nullptr;
  return match_slice(m, i, dflt);
}

Object* match_group(Object* self, Object* args) {
  ssize n = tuple_size(args);
  if (n == 0) return match_slice(M(self), 0, none());
  if (n == 1) return match_group_of(M(self), tuple_get(args, 0), none());
  ORef result = steal(tuple_new(n));
  if (!result) return nullptr;
  for (ssize i = 0; i < n; i++) {
    Object* item = match_group_of(M(self), tuple_get(args, i), none());
    if (!item) return nullptr;
    tuple_set(result.get(), i, item);
  }
  return result.release();
}

Object* match_getitem(Object* self, Object* key) { return match_group_of(M(self), key, none()); }

Object* match_groups(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* dflt = nullptr;
  if (!parse_args("groups", args, nargs, kwnames, {"default"}, 0, &dflt)) return nullptr;
  if (!dflt) dflt = none();
  MatchObject* m = M(self);
  ORef result = steal(tuple_new(m->groups - 1));
  if (!result) return nullptr;
  for (ssize i = 1; i < m->groups; i++) {
    Object* item = match_slice(m, i, dflt);
    if (!item) return nullptr;
    tuple_set(result.get(), i - 1, item);
  }
  return result.release();
}

Object* match_groupdict(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* dflt = nullptr;
  if (!parse_args("groupdict", args, nargs, kwnames, {"default"}, 0, &dflt)) return nullptr;
  if (!dflt) dflt = none();
  MatchObject* m = M(self);
  ORef result = steal(dict_new());
  if (!result || !m->pattern->groupindex) return result.release();
  ORef keys = steal(dict_keys_list(m->pattern->groupindex));
  if (!keys) return nullptr;
  for (ssize i = 0; i < list_size(keys.get()); i++) {
    Object* key = list_items(keys.get())[i];
    ORef value = steal(match_group_of(m, key, dflt));
    if (!value || dict_set(result.get(), key, value.get()) < 0) return nullptr;
  }
  return result.release();
}

// start(group=0, /), end(group=0, /), span(group=0, /)
enum class Pos { kStart, kEnd, kSpan };
template <Pos W>
Object* match_position(Object* self, Object* const* args, ssize nargs) {
  const char* fname = W == Pos::kStart ? "start" : W == Pos::kEnd ? "end" : "span";
  if (!check_positional(fname, nargs, nullptr, 0, 1)) return nullptr;
  MatchObject* m = M(self);
  ssize i = match_index(m, nargs ? args[0] : nullptr);
  if (i < 0) return nullptr;
  if (W == Pos::kStart) return int_from_ssize(m->mark[2 * i]);
  if (W == Pos::kEnd) return int_from_ssize(m->mark[2 * i + 1]);
  ORef a = steal(int_from_ssize(m->mark[2 * i]));
  ORef b = steal(int_from_ssize(m->mark[2 * i + 1]));
  if (!a || !b) return nullptr;
  return tuple_pack({a.get(), b.get()});
}

Object* match_expand(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* tmpl = nullptr;
  if (!parse_args("expand", args, nargs, kwnames, {"template"}, 1, &tmpl)) return nullptr;
  ORef filter = steal(compile_template(M(self)->pattern, tmpl));
  if (!filter) return nullptr;
  return expand_template(as_template(filter.get()), M(self));
}

Object* match_copy(Object* self, Object*) { return newref(self); }

Object* match_repr(Object* self) {
  MatchObject* m = M(self);
  ORef group0 = steal(match_slice(m, 0, none()));
  if (!group0) return nullptr;
  ORef r = steal(object_repr(group0.get()));
  if (!r) return nullptr;
  if (str_length(r.get()) > 50) {
    r = steal(str_substring(r.get(), 0, 50));
    if (!r) return nullptr;
  }
  return str_from_utf8(fmt::format("<{} object; span=({}, {}), match={}>", type_of(self)->tp_name, m->mark[0],
                                   m->mark[1], str_view(r.get())));
}

Object* match_get_lastindex(Object* self, void*) {
  return M(self)->lastindex >= 0 ? int_from_ssize(M(self)->lastindex) : newref(none());
}

Object* match_get_lastgroup(Object* self, void*) {
  MatchObject* m = M(self);
  Object* ig = m->pattern->indexgroup;
  if (ig && m->lastindex >= 0 && m->lastindex < tuple_size(ig)) return newref(tuple_get(ig, m->lastindex));
  return newref(none());
}

Object* match_get_regs(Object* self, void*) {
  MatchObject* m = M(self);
  ORef regs = steal(tuple_new(m->groups));
  if (!regs) return nullptr;
  for (ssize i = 0; i < m->groups; i++) {
    ORef a = steal(int_from_ssize(m->mark[2 * i]));
    ORef b = steal(int_from_ssize(m->mark[2 * i + 1]));
    if (!a || !b) return nullptr;
    Object* pair = tuple_pack({a.get(), b.get()});
    if (!pair) return nullptr;
    tuple_set(regs.get(), i, pair);
  }
  return regs.release();
}

void match_dealloc(Object* self) {
  Type* t = type_of(self);
  xdecref(M(self)->string);
  xdecref(reinterpret_cast<Object*>(M(self)->pattern));
  object_free(self);
  dealloc_type_ref(t);
}

int match_traverse(Object* self, visitproc visit, void* arg) {
  for (Object* o : {M(self)->string, reinterpret_cast<Object*>(M(self)->pattern)})
    if (o)
      if (int r = visit(o, arg)) return r;
  return 0;
}

PyMethodDef match_methods[] = {
    {"group", match_group, METH_VARARGS,
     "group([group1, ...]) -> str or tuple.\n    Return subgroup(s) of the match by indices or names.\n"
     "    For 0 returns the entire match."},
    {"start", as_cfunc(match_position<Pos::kStart>), METH_FASTCALL,
     "start($self, group=0, /)\n--\n\nReturn index of the start of the substring matched by group."},
    {"end", as_cfunc(match_position<Pos::kEnd>), METH_FASTCALL,
     "end($self, group=0, /)\n--\n\nReturn index of the end of the substring matched by group."},
    {"span", as_cfunc(match_position<Pos::kSpan>), METH_FASTCALL,
     "span($self, group=0, /)\n--\n\nFor match object m, return the 2-tuple (m.start(group), m.end(group))."},
    {"groups", as_cfunc(match_groups), METH_FASTCALL | METH_KEYWORDS,
     "groups($self, /, default=None)\n--\n\nReturn a tuple containing all the subgroups of the match, from 1.\n\n"
     "  default\n    Is used for groups that did not participate in the match."},
    {"groupdict", as_cfunc(match_groupdict), METH_FASTCALL | METH_KEYWORDS,
     "groupdict($self, /, default=None)\n--\n\n"
     "Return a dictionary containing all the named subgroups of the match, keyed by the subgroup name.\n\n"
     "  default\n    Is used for groups that did not participate in the match."},
    {"expand", as_cfunc(match_expand), METH_FASTCALL | METH_KEYWORDS,
     "expand($self, /, template)\n--\n\n"
     "Return the string obtained by doing backslash substitution on the string template, as done by the sub() "
     "method."},
    {"__copy__", match_copy, METH_NOARGS, "__copy__($self, /)\n--\n\n"},
    {"__deepcopy__", match_copy, METH_O, "__deepcopy__($self, memo, /)\n--\n\n"},
    {nullptr, nullptr, 0, nullptr}};

PyGetSetDef match_getset[] = {
    {"lastindex", match_get_lastindex, nullptr, "The integer index of the last matched capturing group.", nullptr},
    {"lastgroup", match_get_lastgroup, nullptr, "The name of the last matched capturing group.", nullptr},
    {"regs", match_get_regs, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};

// Member type codes (CPython's Py_T_*) and flags.
constexpr int kMemberObject = 6, kMemberSsize = 19, kReadOnly = 1;

PyMemberDef match_members[] = {
    {"string", kMemberObject, offsetof(MatchObject, string), kReadOnly, "The string passed to match() or search()."},
    {"re", kMemberObject, offsetof(MatchObject, pattern), kReadOnly, "The regular expression object."},
    {"pos", kMemberSsize, offsetof(MatchObject, pos), kReadOnly,
     "The index into the string at which the RE engine started looking for a match."},
    {"endpos", kMemberSsize, offsetof(MatchObject, endpos), kReadOnly,
     "The index into the string beyond which the RE engine will not go."},
    {nullptr, 0, 0, 0, nullptr}};

PyMappingMethods match_as_mapping = {.mp_subscript = match_getitem};

// ---- Scanner ----

struct ScannerObject {
  PyObject ob_base;
  PatternObject* pattern;
  MatchState* state;  // guarded by the scanner's critical section
  bool exhausted;     // a step found no match: every later step returns None
};

ScannerObject* S(Object* o) { return reinterpret_cast<ScannerObject*>(o); }

template <bool Search>
Object* scanner_step(Object* self, Object*) {
  sync::CriticalSection cs(self);
  ScannerObject* sc = S(self);
  if (sc->exhausted) return newref(none());
  MatchState* st = sc->state;
  state_reset(st);
  st->ptr = st->start;
  const Code* code = sc->pattern->code;
  ssize status = Search ? engine_search(st, code) : engine_match(st, code);
  if (error_occurred()) return nullptr;
  Object* match = new_match(sc->pattern, st, status);
  if (status == 0) {
    sc->exhausted = true;
  } else {
    st->must_advance = st->ptr == st->start;
    st->start = st->ptr;
  }
  return match;
}

void scanner_dealloc(Object* self) {
  Type* t = type_of(self);
  delete S(self)->state;
  xdecref(reinterpret_cast<Object*>(S(self)->pattern));
  object_free(self);
  dealloc_type_ref(t);
}

int scanner_traverse(Object* self, visitproc visit, void* arg) {
  if (Object* p = reinterpret_cast<Object*>(S(self)->pattern))
    if (int r = visit(p, arg)) return r;
  if (S(self)->state && S(self)->state->string) return visit(S(self)->state->string, arg);
  return 0;
}

PyMethodDef scanner_methods[] = {{"match", scanner_step<false>, METH_NOARGS, "match($self, /)\n--\n\n"},
                                 {"search", scanner_step<true>, METH_NOARGS, "search($self, /)\n--\n\n"},
                                 {nullptr, nullptr, 0, nullptr}};

PyMemberDef scanner_members[] = {{"pattern", kMemberObject, offsetof(ScannerObject, pattern), kReadOnly, nullptr},
                                 {nullptr, 0, 0, 0, nullptr}};

// ---- Template ----

void template_dealloc(Object* self) {
  Type* t = type_of(self);
  TemplateObject* tp = as_template(self);
  xdecref(tp->literal);
  for (ssize i = 0; i < var_size(self); i++) xdecref(tp->items[i].literal);
  object_free(self);
  dealloc_type_ref(t);
}

int template_traverse(Object* self, visitproc visit, void* arg) {
  TemplateObject* tp = as_template(self);
  if (tp->literal)
    if (int r = visit(tp->literal, arg)) return r;
  for (ssize i = 0; i < var_size(self); i++)
    if (tp->items[i].literal)
      if (int r = visit(tp->items[i].literal, arg)) return r;
  return 0;
}

}  // namespace

Type match_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "re.Match",
    .tp_basicsize = offsetof(MatchObject, mark),
    .tp_itemsize = sizeof(ssize),
    .tp_dealloc = match_dealloc,
    .tp_repr = match_repr,
    .tp_as_mapping = &match_as_mapping,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_IMMUTABLETYPE | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_doc = "The result of re.match() and re.search().\nMatch objects always have a boolean value of True.",
    .tp_traverse = match_traverse,
    .tp_methods = match_methods,
    .tp_members = match_members,
    .tp_getset = match_getset,
    .tp_free = object_free,
};

Type scanner_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "_sre.SRE_Scanner",
    .tp_basicsize = sizeof(ScannerObject),
    .tp_dealloc = scanner_dealloc,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_IMMUTABLETYPE | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_traverse = scanner_traverse,
    .tp_methods = scanner_methods,
    .tp_members = scanner_members,
    .tp_free = object_free,
};

Type template_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "_sre.SRE_Template",
    .tp_basicsize = offsetof(TemplateObject, items),
    .tp_itemsize = sizeof(TemplateItem),
    .tp_dealloc = template_dealloc,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_IMMUTABLETYPE | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_traverse = template_traverse,
    .tp_free = object_free,
};

Object* new_scanner(PatternObject* p, Object* string, ssize pos, ssize endpos) {
  ORef obj = steal(new_object(&scanner_type, sizeof(ScannerObject)));
  if (!obj) return nullptr;
  ScannerObject* sc = S(obj.get());
  sc->state = new MatchState();
  if (!state_init(sc->state, p, string, pos, endpos)) return nullptr;
  sc->pattern = reinterpret_cast<PatternObject*>(newref(reinterpret_cast<Object*>(p)));
  sc->exhausted = false;
  return obj.release();
}

Object* compile_template(PatternObject* p, Object* repl) {
  ORef re = steal(import_module("re"));
  if (!re) return nullptr;
  ORef func = steal(get_attr_str(re.get(), "_compile_template"));
  if (!func) return nullptr;
  Object* pattern = reinterpret_cast<Object*>(p);
  ORef result = steal(call2(func.get(), pattern, repl));
  if (!result && error_matches(&exc_TypeError)) {
    // An unhashable replacement (a str subclass, a bytearray) is retried as plain str / bytes.
    ORef plain;
    if (type_check(repl, &str_type) && !type_check_exact(repl, &str_type)) {
      error_clear();
      plain = steal(str_substring(repl, 0, str_length(repl)));
    } else if (has_buffer(repl) && !type_check_exact(repl, &bytes_type)) {
      error_clear();
      std::string data;
      if (bytes_like_copy(repl, &data)) plain = steal(bytes_from(data.data(), ssize(data.size())));
    } else {
      return nullptr;
    }
    if (!plain) return nullptr;
    result = steal(call2(func.get(), pattern, plain.get()));
  }
  if (result && !type_check_exact(result.get(), &template_type))
    return set_errorf(&exc_RuntimeError, "the result of compiling a replacement string is {}", type_name(result.get()));
  return result.release();
}

Object* expand_template(TemplateObject* t, MatchObject* m) {
  Object* self = reinterpret_cast<Object*>(t);
  if (var_size(self) == 0) return newref(t->literal);
  ORef list = steal(list_new(0));
  if (!list || list_append(list.get(), t->literal) < 0) return nullptr;
  for (ssize i = 0; i < var_size(self); i++) {
    ssize index = t->items[i].index;
    if (index >= m->groups) return set_error(&exc_IndexError, "no such group");
    ORef item = steal(match_slice(m, index, none()));
    if (!item) return nullptr;
    if (item.get() != none() && list_append(list.get(), item.get()) < 0) return nullptr;
    if (t->items[i].literal && list_append(list.get(), t->items[i].literal) < 0) return nullptr;
  }
  if (type_check(t->literal, &str_type)) return str_join(str_empty(), list.get());
  return call_method1(bytes_empty(), str_interned("join"), list.get());
}

int match_types_ready() {
  for (Type* t : {&match_type, &scanner_type, &template_type})
    if (type_ready(t) < 0) return -1;
  return generic_alias_install_class_getitem(&match_type);
}

}  // namespace pyvm::sre
