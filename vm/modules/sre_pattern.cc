// re.Pattern: the compiled regular expression and its methods (match, fullmatch, search, findall, finditer,
// scanner, split, sub, subn).
//
// Thread contract: a Pattern is immutable after _sre.compile() (its code, flags, group tables and source never
// change), so every method runs without a lock; each call keeps its matching state on the calling thread.
#include <cstring>
#include <limits>
#include <string>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/genericalias.h"
#include "objects/hash.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/list.h"
#include "objects/methods.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "objects/weakref.h"
#include "vm/modules/sre_internal.h"

namespace pyvm::sre {
namespace {

constexpr ssize kSsizeMax = std::numeric_limits<ssize>::max();

PatternObject* P(Object* o) { return as_pattern(o); }
const Code* code_of(Object* self) { return P(self)->code; }

// A Py_ssize_t argument (the clinic converter): __index__, OverflowError when it does not fit.
bool ssize_arg(Object* o, ssize* out) {
  ORef i = steal(number_index(o));
  if (!i) return false;
  ssize v = int_as_ssize(i.get());
  if (v == -1 && error_occurred()) return false;
  *out = v;
  return true;
}

// (string, pos=0, endpos=sys.maxsize) of match, fullmatch, search, findall, finditer and scanner.
bool parse_string_pos(const char* fname, Object* const* args, ssize nargs, Object* kwnames, Object** string, ssize* pos,
                      ssize* endpos) {
  Object* a[3];
  if (!parse_args(fname, args, nargs, kwnames, {"string", "pos", "endpos"}, 1, a)) return false;
  *string = a[0];
  *pos = 0;
  *endpos = kSsizeMax;
  if (a[1] && !ssize_arg(a[1], pos)) return false;
  if (a[2] && !ssize_arg(a[2], endpos)) return false;
  return true;
}

// match / fullmatch / search share everything but the engine entry point.
enum class Mode { kMatch, kFullMatch, kSearch };

template <Mode M>
Object* pattern_match(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  const char* fname = M == Mode::kMatch ? "match" : M == Mode::kFullMatch ? "fullmatch" : "search";
  Object* string;
  ssize pos, endpos;
  if (!parse_string_pos(fname, args, nargs, kwnames, &string, &pos, &endpos)) return nullptr;
  MatchState st;
  if (!state_init(&st, P(self), string, pos, endpos)) return nullptr;
  ssize status;
  if (M == Mode::kSearch) {
    status = engine_search(&st, code_of(self));
  } else {
    st.ptr = st.start;
    st.match_all = M == Mode::kFullMatch;
    status = engine_match(&st, code_of(self));
  }
  if (error_occurred()) return nullptr;
  return new_match(P(self), &st, status);
}

// One search step of the loops in findall, split and sub: 1 found, 0 done, -1 error.
int next_match(Object* self, MatchState* st) {
  state_reset(st);
  st->ptr = st->start;
  ssize status = engine_search(st, code_of(self));
  if (error_occurred()) return -1;
  if (status < 0) {
    set_engine_error(status);
    return -1;
  }
  return status > 0 ? 1 : 0;
}

// Group `index` (1-based) of the current state, or `dflt_empty` ? "" : None when it did not participate.
Object* state_group(MatchState* st, ssize index, bool empty_when_unset) {
  ssize i = (index - 1) * 2;
  ssize b = st->mark[size_t(i)], e = st->mark[size_t(i + 1)];
  if (i >= st->lastmark || b < 0 || e < 0) {
    if (!empty_when_unset) return newref(none());
    b = e = 0;
  } else if (b > e) {
    return set_error(&exc_SystemError, "The span of capturing group is wrong, please report a bug for the re module.");
  }
  return subject_slice(st->subj, st->string, b, e);
}

// The state's next search position after a match ending at st->ptr.
void advance(MatchState* st) {
  st->must_advance = st->ptr == st->start;
  st->start = st->ptr;
}

Object* pattern_findall(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* string;
  ssize pos, endpos;
  if (!parse_string_pos("findall", args, nargs, kwnames, &string, &pos, &endpos)) return nullptr;
  MatchState st;
  if (!state_init(&st, P(self), string, pos, endpos)) return nullptr;
  ORef list = steal(list_new(0));
  if (!list) return nullptr;
  ssize groups = P(self)->groups;
  while (st.start <= st.end) {
    int r = next_match(self, &st);
    if (r < 0) return nullptr;
    if (r == 0) break;
    ORef item;
    if (groups == 0) {
      item = steal(subject_slice(st.subj, string, st.start, st.ptr));
    } else if (groups == 1) {
      item = steal(state_group(&st, 1, true));
    } else {
      item = steal(tuple_new(groups));
      if (!item) return nullptr;
      for (ssize i = 0; i < groups; i++) {
        Object* g = state_group(&st, i + 1, true);
        if (!g) return nullptr;
        tuple_set(item.get(), i, g);
      }
    }
    if (!item || list_append(list.get(), item.get()) < 0) return nullptr;
    advance(&st);
  }
  return list.release();
}

Object* pattern_scanner(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* string;
  ssize pos, endpos;
  if (!parse_string_pos("scanner", args, nargs, kwnames, &string, &pos, &endpos)) return nullptr;
  return new_scanner(P(self), string, pos, endpos);
}

Object* pattern_finditer(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* string;
  ssize pos, endpos;
  if (!parse_string_pos("finditer", args, nargs, kwnames, &string, &pos, &endpos)) return nullptr;
  ORef scanner = steal(new_scanner(P(self), string, pos, endpos));
  if (!scanner) return nullptr;
  ORef search = steal(get_attr_str(scanner.get(), "search"));
  if (!search) return nullptr;
  return callable_iter_new(search.get(), none());
}

Object* pattern_split(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[2];
  if (!parse_args("split", args, nargs, kwnames, {"string", "maxsplit"}, 1, a)) return nullptr;
  Object* string = a[0];
  ssize maxsplit = 0;
  if (a[1] && !ssize_arg(a[1], &maxsplit)) return nullptr;
  MatchState st;
  if (!state_init(&st, P(self), string, 0, kSsizeMax)) return nullptr;
  ORef list = steal(list_new(0));
  if (!list) return nullptr;
  ssize n = 0;
  ssize last = st.start;
  while (!maxsplit || n < maxsplit) {
    int r = next_match(self, &st);
    if (r < 0) return nullptr;
    if (r == 0) break;
    ORef piece = steal(subject_slice(st.subj, string, last, st.start));
    if (!piece || list_append(list.get(), piece.get()) < 0) return nullptr;
    for (ssize i = 0; i < P(self)->groups; i++) {
      ORef g = steal(state_group(&st, i + 1, false));
      if (!g || list_append(list.get(), g.get()) < 0) return nullptr;
    }
    n++;
    advance(&st);
    last = st.start;
  }
  ORef tail = steal(subject_slice(st.subj, string, last, st.endpos));
  if (!tail || list_append(list.get(), tail.get()) < 0) return nullptr;
  return list.release();
}

// Whether a replacement is used as it is: a str or bytes-like object without backslashes.
bool is_literal_repl(Object* repl) {
  Subject s;
  BufferHold hold;
  if (!get_subject(repl, &s, &hold)) {
    error_clear();
    return false;
  }
  if (s.charsize == 1) return std::memchr(s.data, '\\', size_t(s.length)) == nullptr;
  StrChars chars(s.charsize, s.data, s.length);
  for (ssize i = 0; i < s.length; i++)
    if (chars[i] == '\\') return false;
  return true;
}

Object* join_pieces(bool isbytes, Object* list) {
  if (isbytes) return call_method1(bytes_empty(), str_interned("join"), list);
  return str_join(str_empty(), list);
}

// sub() and subn(): repl is a callable, a literal, or a template with group references.
Object* pattern_subx(Object* self, Object* repl, Object* string, ssize count, bool subn) {
  enum { kLiteral, kTemplate, kCallable } kind;
  ORef filter;
  if (is_callable(repl)) {
    filter = borrow(repl);
    kind = kCallable;
  } else if (is_literal_repl(repl)) {
    filter = borrow(repl);
    kind = kLiteral;
  } else {
    filter = steal(compile_template(P(self), repl));
    if (!filter) return nullptr;
    if (var_size(filter.get()) == 0) {
      filter = borrow(as_template(filter.get())->literal);
      kind = kLiteral;
    } else {
      kind = kTemplate;
    }
  }

  MatchState st;
  if (!state_init(&st, P(self), string, 0, kSsizeMax)) return nullptr;
  ORef list = steal(list_new(0));
  if (!list) return nullptr;
  ssize n = 0, i = 0;
  while (!count || n < count) {
    int r = next_match(self, &st);
    if (r < 0) return nullptr;
    if (r == 0) break;
    ssize b = st.start, e = st.ptr;
    if (i < b) {
      ORef piece = steal(subject_slice(st.subj, string, i, b));
      if (!piece || list_append(list.get(), piece.get()) < 0) return nullptr;
    }
    ORef item;
    if (kind == kLiteral) {
      item = filter;
    } else {
      ORef match = steal(new_match(P(self), &st, 1));
      if (!match) return nullptr;
      if (kind == kTemplate)
        item = steal(expand_template(as_template(filter.get()), as_match(match.get())));
      else
        item = steal(call1(filter.get(), match.get()));
      if (!item) return nullptr;
    }
    if (item.get() != none() && list_append(list.get(), item.get()) < 0) return nullptr;
    i = e;
    n++;
    advance(&st);
  }
  if (i < st.endpos) {
    ORef piece = steal(subject_slice(st.subj, string, i, st.endpos));
    if (!piece || list_append(list.get(), piece.get()) < 0) return nullptr;
  }
  bool isbytes = st.subj.isbytes;
  ORef result;
  if (list_size(list.get()) == 0)
    result = steal(isbytes ? newref(bytes_empty()) : newref(str_empty()));
  else
    result = steal(join_pieces(isbytes, list.get()));
  if (!result) return nullptr;
  if (!subn) return result.release();
  ORef nobj = steal(int_from_ssize(n));
  if (!nobj) return nullptr;
  return tuple_pack({result.get(), nobj.get()});
}

template <bool Subn>
Object* pattern_sub(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[3];
  if (!parse_args(Subn ? "subn" : "sub", args, nargs, kwnames, {"repl", "string", "count"}, 2, a)) return nullptr;
  ssize count = 0;
  if (a[2] && !ssize_arg(a[2], &count)) return nullptr;
  return pattern_subx(self, a[0], a[1], count, Subn);
}

Object* pattern_copy(Object* self, Object*) { return newref(self); }

Object* pattern_repr(Object* self) {
  static const struct {
    const char* name;
    int value;
  } kFlagNames[] = {
      {"re.IGNORECASE", FLAG_IGNORECASE}, {"re.LOCALE", FLAG_LOCALE},   {"re.MULTILINE", FLAG_MULTILINE},
      {"re.DOTALL", FLAG_DOTALL},         {"re.UNICODE", FLAG_UNICODE}, {"re.VERBOSE", FLAG_VERBOSE},
      {"re.DEBUG", FLAG_DEBUG},           {"re.ASCII", FLAG_ASCII},
  };
  PatternObject* p = P(self);
  int flags = p->flags;
  // re.UNICODE is the default for str patterns: not shown.
  if (p->isbytes == 0 && (flags & (FLAG_LOCALE | FLAG_UNICODE | FLAG_ASCII)) == FLAG_UNICODE) flags &= ~FLAG_UNICODE;
  std::string names;
  for (auto& f : kFlagNames) {
    if (flags & f.value) {
      if (!names.empty()) names += '|';
      names += f.name;
      flags &= ~f.value;
    }
  }
  if (flags) {
    if (!names.empty()) names += '|';
    names += fmt::format("{:#x}", unsigned(flags));
  }
  ORef r = steal(object_repr(p->pattern ? p->pattern : none()));
  if (!r) return nullptr;
  if (str_length(r.get()) > 200) {
    r = steal(str_substring(r.get(), 0, 200));
    if (!r) return nullptr;
  }
  std::string out = "re.compile(";
  out += str_view(r.get());
  if (!names.empty()) out += ", " + names;
  out += ")";
  return str_from_utf8(out);
}

hash_t pattern_hash(Object* self) {
  PatternObject* p = P(self);
  hash_t h = object_hash(p->pattern ? p->pattern : none());
  if (h == -1) return -1;
  ssize size = var_size(self);
  h ^= hash_buffer(p->code, size * ssize(sizeof(Code)));
  h ^= p->flags;
  h ^= p->isbytes;
  h ^= size;
  return h == -1 ? -2 : h;
}

Object* pattern_richcompare(Object* a, Object* b, int op) {
  if ((op != Py_EQ && op != Py_NE) || !type_check_exact(b, &pattern_type)) return newref(not_implemented());
  if (a == b) return newref(bool_obj(op == Py_EQ));
  PatternObject* l = P(a);
  PatternObject* r = P(b);
  bool eq = l->flags == r->flags && l->isbytes == r->isbytes && var_size(a) == var_size(b) &&
            std::memcmp(l->code, r->code, size_t(var_size(a)) * sizeof(Code)) == 0;
  if (eq) {
    // The code can differ for equal sources (LOCALE), and equal code can come from different sources.
    int c = rich_compare_bool(l->pattern, r->pattern, Py_EQ);
    if (c < 0) return nullptr;
    eq = c > 0;
  }
  return newref(bool_obj(op == Py_EQ ? eq : !eq));
}

Object* pattern_get_groupindex(Object* self, void*) {
  if (!P(self)->groupindex) return dict_new();
  return mappingproxy_new(P(self)->groupindex);
}

void pattern_dealloc(Object* self) {
  Type* t = type_of(self);
  clear_weakrefs(self);
  PatternObject* p = P(self);
  xdecref(p->groupindex);
  xdecref(p->indexgroup);
  xdecref(p->pattern);
  object_free(self);
  dealloc_type_ref(t);
}

int pattern_traverse(Object* self, visitproc visit, void* arg) {
  PatternObject* p = P(self);
  for (Object* o : {p->groupindex, p->indexgroup, p->pattern})
    if (o)
      if (int r = visit(o, arg)) return r;
  return 0;
}

#define SRE_FAST(f) as_cfunc(f), METH_FASTCALL | METH_KEYWORDS

PyMethodDef pattern_methods[] = {
    {"match", SRE_FAST(pattern_match<Mode::kMatch>),
     "match($self, /, string, pos=0, endpos=sys.maxsize)\n--\n\n"
     "Matches zero or more characters at the beginning of the string."},
    {"fullmatch", SRE_FAST(pattern_match<Mode::kFullMatch>),
     "fullmatch($self, /, string, pos=0, endpos=sys.maxsize)\n--\n\nMatches against all of the string."},
    {"search", SRE_FAST(pattern_match<Mode::kSearch>),
     "search($self, /, string, pos=0, endpos=sys.maxsize)\n--\n\n"
     "Scan through string looking for a match, and return a corresponding match object instance.\n\n"
     "Return None if no position in the string matches."},
    {"sub", SRE_FAST(pattern_sub<false>),
     "sub($self, /, repl, string, count=0)\n--\n\n"
     "Return the string obtained by replacing the leftmost non-overlapping occurrences of pattern in string by "
     "the replacement repl."},
    {"subn", SRE_FAST(pattern_sub<true>),
     "subn($self, /, repl, string, count=0)\n--\n\n"
     "Return the tuple (new_string, number_of_subs_made) found by replacing the leftmost non-overlapping "
     "occurrences of pattern with the replacement repl."},
    {"findall", SRE_FAST(pattern_findall),
     "findall($self, /, string, pos=0, endpos=sys.maxsize)\n--\n\n"
     "Return a list of all non-overlapping matches of pattern in string."},
    {"split", SRE_FAST(pattern_split),
     "split($self, /, string, maxsplit=0)\n--\n\nSplit string by the occurrences of pattern."},
    {"finditer", SRE_FAST(pattern_finditer),
     "finditer($self, /, string, pos=0, endpos=sys.maxsize)\n--\n\n"
     "Return an iterator over all non-overlapping matches for the RE pattern in string.\n\n"
     "For each match, the iterator returns a match object."},
    {"scanner", SRE_FAST(pattern_scanner), "scanner($self, /, string, pos=0, endpos=sys.maxsize)\n--\n\n"},
    {"__copy__", pattern_copy, METH_NOARGS, "__copy__($self, /)\n--\n\n"},
    {"__deepcopy__", pattern_copy, METH_O, "__deepcopy__($self, memo, /)\n--\n\n"},
    {nullptr, nullptr, 0, nullptr}};

#undef SRE_FAST

// Member type codes (CPython's Py_T_*) and flags.
constexpr int kMemberInt = 1, kMemberObject = 6, kMemberSsize = 19, kReadOnly = 1;

PyMemberDef pattern_members[] = {
    {"pattern", kMemberObject, offsetof(PatternObject, pattern), kReadOnly,
     "The pattern string from which the RE object was compiled."},
    {"flags", kMemberInt, offsetof(PatternObject, flags), kReadOnly, "The regex matching flags."},
    {"groups", kMemberSsize, offsetof(PatternObject, groups), kReadOnly,
     "The number of capturing groups in the pattern."},
    {nullptr, 0, 0, 0, nullptr}};

PyGetSetDef pattern_getset[] = {
    {"groupindex", pattern_get_groupindex, nullptr, "A dictionary mapping group names to group numbers.", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};

}  // namespace

Type pattern_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "re.Pattern",
    .tp_basicsize = offsetof(PatternObject, code),
    .tp_itemsize = sizeof(Code),
    .tp_dealloc = pattern_dealloc,
    .tp_repr = pattern_repr,
    .tp_hash = pattern_hash,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_IMMUTABLETYPE | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_doc = "Compiled regular expression object.",
    .tp_traverse = pattern_traverse,
    .tp_richcompare = pattern_richcompare,
    .tp_weaklistoffset = offsetof(PatternObject, weakreflist),
    .tp_methods = pattern_methods,
    .tp_members = pattern_members,
    .tp_getset = pattern_getset,
    .tp_free = object_free,
};

int pattern_type_ready() {
  if (type_ready(&pattern_type) < 0) return -1;
  return generic_alias_install_class_getitem(&pattern_type);
}

}  // namespace pyvm::sre
