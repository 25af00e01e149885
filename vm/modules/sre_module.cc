// The _sre module: the regular expression engine behind CPython 3.13's pure-Python `re` package. This file holds
// the module functions (compile, template, the case helpers) and the subject/state helpers the object files
// share; sre_pattern.cc, sre_match.cc, sre_engine.cc and sre_validate.cc hold the rest.
//
// Thread contract: Pattern, Match and Template objects are immutable once built, so any thread may use them
// without locks. Each match/search/sub/split/findall call builds its own MatchState on the calling thread. The
// one mutable object, the Scanner (Pattern.scanner() and finditer()), keeps its state across calls and guards
// it with its own critical section for the whole of each match()/search() step.
#include <algorithm>
#include <limits>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/methods.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/modules/modules.h"
#include "vm/modules/sre_chars.h"
#include "vm/modules/sre_internal.h"

namespace pyvm {
namespace sre {

bool get_subject(Object* string, Subject* out, BufferHold* hold) {
  if (type_check(string, &str_type)) {
    out->data = str_data(string);
    out->length = str_length(string);
    out->charsize = str_kind(string);
    out->isbytes = false;
    return true;
  }
  if (!has_buffer(string) || hold->get(string, PyBUF_SIMPLE) < 0) {
    if (error_occurred()) error_clear();
    set_errorf(&exc_TypeError, "expected string or bytes-like object, got '{}'", type_name(string));
    return false;
  }
  Py_buffer* view = hold->view();
  if (!view->buf) {
    set_error(&exc_ValueError, "Buffer is NULL");
    return false;
  }
  out->data = view->buf;
  out->length = view->len;
  out->charsize = 1;
  out->isbytes = true;
  return true;
}

bool state_init(MatchState* st, PatternObject* p, Object* string, ssize pos, ssize endpos) {
  st->mark.assign(size_t(2 * p->groups + 2), -1);
  st->lastmark = st->lastindex = -1;
  if (!get_subject(string, &st->subj, &st->buffer)) return false;
  if (st->subj.isbytes && p->isbytes == 0) {
    set_error(&exc_TypeError, "cannot use a string pattern on a bytes-like object");
    return false;
  }
  if (!st->subj.isbytes && p->isbytes > 0) {
    set_error(&exc_TypeError, "cannot use a bytes pattern on a string-like object");
    return false;
  }
  ssize length = st->subj.length;
  pos = std::clamp<ssize>(pos, 0, length);
  endpos = std::clamp<ssize>(endpos, 0, length);
  st->pos = st->start = st->ptr = pos;
  st->endpos = st->end = endpos;
  st->match_all = st->must_advance = false;
  st->string = newref(string);
  return true;
}

void set_engine_error(ssize status) {
  if (error_occurred()) return;
  if (status == kErrorState || status == kErrorIllegal)
    set_error(&exc_RuntimeError, "internal error in regular expression engine");
  else
    no_memory();
}

Object* subject_slice(const Subject& s, Object* string, ssize start, ssize end) {
  if (s.isbytes) {
    if (type_check_exact(string, &bytes_type) && start == 0 && end == s.length) return newref(string);
    return bytes_from(static_cast<const char*>(s.data) + start, end - start);
  }
  return str_substring(string, start, end);
}

namespace {

// ---- Module functions ----

// A C int argument (the clinic `int` converter).
bool int_arg(Object* o, int* out) {
  ORef i = steal(number_index(o));
  if (!i) return false;
  int ovf = 0;
  int64_t v = int_as_i64(i.get(), &ovf);
  if (ovf || v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max()) {
    set_error(&exc_OverflowError, "Python int too large to convert to C int");
    return false;
  }
  *out = int(v);
  return true;
}

Object* sre_getcodesize(Object*, Object*) { return int_from_ssize(sizeof(Code)); }

// The four character helpers take one int (positional) and are used by re._compiler.
template <Object* (*F)(uint32_t)>
Object* char_function(Object*, Object* arg) {
  int ch = 0;
  if (!int_arg(arg, &ch)) return nullptr;
  return F(uint32_t(ch));
}

Object* ascii_iscased(uint32_t ch) { return bool_obj(ch < 128 && (ch | 32) >= 'a' && (ch | 32) <= 'z'); }
Object* unicode_iscased(uint32_t ch) { return bool_obj(ch != lower_unicode(ch) || ch != upper_unicode(ch)); }
Object* ascii_tolower(uint32_t ch) { return int_from_ssize(ssize(lower_ascii(ch))); }
Object* unicode_tolower(uint32_t ch) { return int_from_ssize(ssize(lower_unicode(ch))); }

// compile(pattern, flags, code, groups, groupindex, indexgroup)
Object* sre_compile(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[6];
  if (!parse_args("compile", args, nargs, kwnames, {"pattern", "flags", "code", "groups", "groupindex", "indexgroup"},
                  6, a))
    return nullptr;
  Object* pattern = a[0];
  int flags = 0;
  if (!int_arg(a[1], &flags)) return nullptr;
  Object* code = a[2];
  if (!type_check(code, &list_type))
    return set_errorf(&exc_TypeError, "compile() argument 'code' must be list, not {}", type_name(code));
  ORef groups_obj = steal(number_index(a[3]));
  if (!groups_obj) return nullptr;
  ssize groups = int_as_ssize(groups_obj.get());
  if (groups == -1 && error_occurred()) return nullptr;
  Object* groupindex = a[4];
  if (!dict_check(groupindex))
    return set_errorf(&exc_TypeError, "compile() argument 'groupindex' must be dict, not {}", type_name(groupindex));
  Object* indexgroup = a[5];
  if (!type_check(indexgroup, &tuple_type))
    return set_errorf(&exc_TypeError, "compile() argument 'indexgroup' must be tuple, not {}", type_name(indexgroup));

  // Copy the code words (the list could change under us; read it under its critical section).
  std::vector<Code> words;
  {
    sync::CriticalSection cs(code);
    ssize n = list_size(code);
    words.reserve(size_t(n));
    for (ssize i = 0; i < n; i++) {
      ORef item = borrow(list_items(code)[i]);
      if (!type_check(item.get(), &int_type)) {
        ORef idx = steal(number_index(item.get()));
        if (!idx) return nullptr;
        item = idx;
      }
      int ovf = 0;
      int64_t v = int_as_i64(item.get(), &ovf);
      if (ovf > 0 || v > int64_t(std::numeric_limits<Code>::max())) {
        return set_error(&exc_OverflowError, "regular expression code size limit exceeded");
      }
      if (ovf < 0 || v < 0) return set_error(&exc_OverflowError, "can't convert negative int to unsigned");
      words.push_back(Code(v));
    }
  }

  int isbytes = -1;
  if (pattern != none()) {
    Subject s;
    BufferHold hold;
    if (!get_subject(pattern, &s, &hold)) return nullptr;
    isbytes = s.isbytes ? 1 : 0;
  }

  Ref<PatternObject> self = Ref<PatternObject>::steal(new_var_object(&pattern_type, ssize(words.size())));
  if (!self) return nullptr;
  std::copy(words.begin(), words.end(), self->code);
  self->groups = groups;
  self->pattern = newref(pattern);
  self->flags = flags;
  self->isbytes = isbytes;
  if (dict_size(groupindex) > 0) {
    self->groupindex = newref(groupindex);
    if (tuple_size(indexgroup) > 0) self->indexgroup = newref(indexgroup);
  }
  if (!validate_code(self->code, ssize(words.size()), groups)) {
    if (!error_occurred()) set_error(&exc_RuntimeError, "invalid SRE code");
    return nullptr;
  }
  return self.release_obj();
}

// template(pattern, template): template is [literal0, group1, literal1, ..., groupN, literalN].
Object* sre_template(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("template", nargs, kwnames, 2, 2)) return nullptr;
  Object* list = args[1];
  if (!type_check(list, &list_type))
    return set_errorf(&exc_TypeError, "template() argument 2 must be list, not {}", type_name(list));
  ORef items = steal(list_as_tuple(list));  // a snapshot
  if (!items) return nullptr;
  ssize n = tuple_size(items.get());
  if ((n & 1) == 0 || n < 1) return set_error(&exc_TypeError, "invalid template");
  n /= 2;
  ORef self = steal(new_var_object(&template_type, n));
  if (!self) return nullptr;
  TemplateObject* t = as_template(self.get());
  set_var_size(self.get(), 0);  // grows as items are filled, so dealloc sees only initialised ones
  t->literal = newref(tuple_get(items.get(), 0));
  t->chunks = 1 + 2 * n;
  for (ssize i = 0; i < n; i++) {
    Object* idx = tuple_get(items.get(), 2 * i + 1);
    if (!type_check(idx, &int_type)) return set_error(&exc_TypeError, "an integer is required");
    ssize index = int_as_ssize(idx);
    if (index == -1 && error_occurred()) return nullptr;
    if (index < 0) return set_error(&exc_TypeError, "invalid template");
    Object* literal = tuple_get(items.get(), 2 * i + 2);
    bool empty = (type_check(literal, &str_type) && str_length(literal) == 0) ||
                 (type_check(literal, &bytes_type) && bytes_size(literal) == 0);
    if (empty) {
      literal = nullptr;
      t->chunks--;
    }
    t->items[i].index = index;
    t->items[i].literal = xnewref(literal);
    set_var_size(self.get(), i + 1);
  }
  return self.release();
}

PyMethodDef sre_functions[] = {
    {"compile", as_cfunc(sre_compile), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"template", as_cfunc(sre_template), METH_FASTCALL | METH_KEYWORDS,
     "template($module, pattern, template, /)\n--\n\n"
     "template\n  A list containing interleaved literal strings (str or bytes) and group\n"
     "  indices (int), as returned by re._parser.parse_template():\n"
     "      [literal1, group1, ..., literalN, groupN]"},
    {"getcodesize", sre_getcodesize, METH_NOARGS, "getcodesize($module, /)\n--\n\n"},
    {"ascii_iscased", char_function<ascii_iscased>, METH_O, "ascii_iscased($module, character, /)\n--\n\n"},
    {"unicode_iscased", char_function<unicode_iscased>, METH_O, "unicode_iscased($module, character, /)\n--\n\n"},
    {"ascii_tolower", char_function<ascii_tolower>, METH_O, "ascii_tolower($module, character, /)\n--\n\n"},
    {"unicode_tolower", char_function<unicode_tolower>, METH_O, "unicode_tolower($module, character, /)\n--\n\n"},
    {nullptr, nullptr, 0, nullptr}};

}  // namespace
}  // namespace sre

Object* create_sre_module() {
  if (sre::pattern_type_ready() < 0 || sre::match_types_ready() < 0) return nullptr;
  ORef m = steal(module_new(str_interned("_sre")));
  if (!m) return nullptr;
  if (module_add_functions(m.get(), sre::sre_functions) < 0) return nullptr;
  Object* d = module_dict(m.get());
  struct {
    const char* name;
    int64_t value;
  } ints[] = {
      {"MAGIC", sre::kMagic},
      {"CODESIZE", int64_t(sizeof(sre::Code))},
      {"MAXREPEAT", int64_t(sre::kMaxRepeat)},
      {"MAXGROUPS", int64_t(sre::kMaxGroups)},
  };
  for (auto& c : ints) {
    ORef v = steal(int_from_i64(c.value));
    if (!v || dict_set_str(d, c.name, v.get()) < 0) return nullptr;
  }
  ORef copyright = steal(str_from_utf8(" SRE 2.2.2 Copyright (c) 1997-2002 by Secret Labs AB "));
  if (!copyright || dict_set_str(d, "copyright", copyright.get()) < 0) return nullptr;
  return m.release();
}

}  // namespace pyvm
