// The _csv module: the Dialect type, the reader and writer types and the dialect registry that csv.py builds on.
//
// Thread-safety contract:
// - Module state is process-wide and shared by every import of _csv (CPython keeps it per module object; a fresh
//   import here sees the same registry and limit). The dialect registry is one dict, exposed as _csv._dialects as
//   in CPython. Each registry operation (register, unregister, get, list) is a single dict operation, atomic under
//   the dict's own critical section, so the registry needs no lock of its own. The field size limit is a relaxed
//   atomic: a reader loads it for every character it stores, so a change shows up in rows being parsed.
// - A Dialect never changes after tp_new returns: any thread may read it without a lock.
// - Readers and writers keep no parse or join state between calls: a row's fields, the field being read, the
//   parser's state and the record being joined all live on the calling thread's stack. Sharing one reader or
//   writer between threads, or re-entering it from the input iterator, a float() conversion, a __str__ or the
//   file's write(), therefore cannot corrupt anything. On top of that, reader.__next__ and writer.writerow hold the
//   object's critical section (ob_mutex) for one record, so threads sharing a reader each get whole records. Like
//   every critical section it is released while its thread blocks (reading a file from disk, for one), so that
//   guarantee holds only while the input does not block; a reader's line_num is a relaxed atomic for that reason.
#include <algorithm>
#include <atomic>
#include <string>
#include <string_view>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/methods.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/modules/modules.h"
#include "vm/sync/mutex.h"

namespace pyvm {
namespace {

// ---- Constants and module state ----

// Quoting styles, declared once: the values, the module constants and the validity check come from this table.
#define PYVM_CSV_QUOTING(X)                  \
  X(kQuoteMinimal, 0, "QUOTE_MINIMAL")       \
  X(kQuoteAll, 1, "QUOTE_ALL")               \
  X(kQuoteNonNumeric, 2, "QUOTE_NONNUMERIC") \
  X(kQuoteNone, 3, "QUOTE_NONE")             \
  X(kQuoteStrings, 4, "QUOTE_STRINGS")       \
  X(kQuoteNotNull, 5, "QUOTE_NOTNULL")

#define PYVM_CSV_ENUM(name, value, pyname) name = value,
enum Quoting : int { PYVM_CSV_QUOTING(PYVM_CSV_ENUM) };
#undef PYVM_CSV_ENUM

struct QuotingName {
  int value;
  const char* name;
};
#define PYVM_CSV_ROW(name, value, pyname) {value, pyname},
constexpr QuotingName kQuotingNames[] = {PYVM_CSV_QUOTING(PYVM_CSV_ROW)};
#undef PYVM_CSV_ROW

// Character settings hold a code point, or kNotSet for None. kEol is what the parser is fed at the end of each
// line. Neither is a Unicode code point, so neither compares equal to a character of the input.
constexpr uint32_t kNotSet = 0xFFFFFFFFu;
constexpr uint32_t kEol = 0xFFFFFFFEu;

constexpr ssize kDefaultFieldLimit = 128 * 1024;

Object* g_error = nullptr;     // _csv.Error, created once
Object* g_dialects = nullptr;  // the registry: name -> Dialect; created once, never freed
std::atomic<ssize> g_field_limit{kDefaultFieldLimit};

bool is_str(Object* o) { return has_flag(type_of(o), Py_TPFLAGS_UNICODE_SUBCLASS); }

// CPython's PyNumber_Check: what QUOTE_NONNUMERIC leaves unquoted when writing.
bool is_number(Object* o) {
  PyNumberMethods* nb = type_of(o)->tp_as_number;
  return (nb && (nb->nb_index || nb->nb_int || nb->nb_float)) || type_check(o, &complex_type);
}

bool str_contains_char(Object* s, uint32_t c) {
  StrChars chars(s);
  for (ssize i = 0; i < chars.len; i++)
    if (chars[i] == c) return true;
  return false;
}

// The text of a code point for an error message.
std::string utf8_char(uint32_t c) {
  std::string out;
  if (c < 0x80) {
    out += char(c);
  } else if (c < 0x800) {
    out += char(0xC0 | (c >> 6));
    out += char(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += char(0xE0 | (c >> 12));
    out += char(0x80 | ((c >> 6) & 0x3F));
    out += char(0x80 | (c & 0x3F));
  } else {
    out += char(0xF0 | (c >> 18));
    out += char(0x80 | ((c >> 12) & 0x3F));
    out += char(0x80 | ((c >> 6) & 0x3F));
    out += char(0x80 | (c & 0x3F));
  }
  return out;
}

std::nullptr_t csv_error(std::string_view msg) { return set_error(reinterpret_cast<Type*>(g_error), msg); }

// ---- Dialect ----

struct DialectObject {
  PyObject ob_base;
  char doublequote;       // a quotechar inside a quoted field is written, and read, as two
  char skipinitialspace;  // spaces right after a delimiter are not part of the field
  char strict;            // malformed input raises Error instead of being read leniently
  int quoting;            // a Quoting value
  uint32_t delimiter;
  uint32_t quotechar;      // kNotSet: None
  uint32_t escapechar;     // kNotSet: None
  Object* lineterminator;  // a str (possibly of a subclass); never null once tp_new returns
};

DialectObject* DI(Object* o) { return reinterpret_cast<DialectObject*>(o); }

extern Type dialect_type;

// The settings in the order of Dialect's parameters (after `dialect` itself), declared once.
#define PYVM_CSV_SETTINGS(X)               \
  X(kDelimiter, "delimiter")               \
  X(kDoublequote, "doublequote")           \
  X(kEscapechar, "escapechar")             \
  X(kLineterminator, "lineterminator")     \
  X(kQuotechar, "quotechar")               \
  X(kQuotingArg, "quoting")                \
  X(kSkipinitialspace, "skipinitialspace") \
  X(kStrict, "strict")

#define PYVM_CSV_ENUM(name, pyname) name,
enum Setting { PYVM_CSV_SETTINGS(PYVM_CSV_ENUM) kNumSettings };
#undef PYVM_CSV_ENUM
#define PYVM_CSV_NAME(name, pyname) pyname,
constexpr const char* kSettingNames[kNumSettings] = {PYVM_CSV_SETTINGS(PYVM_CSV_NAME)};
#undef PYVM_CSV_NAME
constexpr int kNumParams = kNumSettings + 1;  // "dialect" first

const char* param_name(int i) { return i == 0 ? "dialect" : kSettingNames[i - 1]; }

// The registry's dialect for `name`: a new reference, or null with Error("unknown dialect") (or the lookup's error).
Object* registry_get(Object* name) {
  Object* d = nullptr;
  int r = dict_get(g_dialects, name, &d);
  if (r < 0) return nullptr;
  if (r == 0) return csv_error("unknown dialect");
  return d;
}

// Setting converters; each leaves the default in *out when src is null (not given), else checks src's type with
// CPython's messages. -1 with an error.
int set_char(const char* name, uint32_t* out, Object* src, uint32_t dflt) {
  if (!src) {
    *out = dflt;
    return 0;
  }
  if (!is_str(src)) {
    set_errorf(&exc_TypeError, "\"{}\" must be string, not {}", name, type_name(src));
    return -1;
  }
  if (str_length(src) != 1) {
    set_errorf(&exc_TypeError, "\"{}\" must be a 1-character string", name);
    return -1;
  }
  *out = str_char_at(src, 0);
  return 0;
}

int set_char_or_none(const char* name, uint32_t* out, Object* src, uint32_t dflt) {
  if (!src) {
    *out = dflt;
    return 0;
  }
  if (src == none()) {
    *out = kNotSet;
    return 0;
  }
  if (!is_str(src)) {
    set_errorf(&exc_TypeError, "\"{}\" must be string or None, not {}", name, type_name(src));
    return -1;
  }
  if (str_length(src) != 1) {
    set_errorf(&exc_TypeError, "\"{}\" must be a 1-character string", name);
    return -1;
  }
  *out = str_char_at(src, 0);
  return 0;
}

int set_bool(char* out, Object* src, bool dflt) {
  if (!src) {
    *out = char(dflt);
    return 0;
  }
  int b = object_is_true(src);
  if (b < 0) return -1;
  *out = char(b);
  return 0;
}

int set_int(const char* name, int* out, Object* src, int dflt) {
  if (!src) {
    *out = dflt;
    return 0;
  }
  if (!type_check_exact(src, &int_type)) {
    set_errorf(&exc_TypeError, "\"{}\" must be an integer", name);
    return -1;
  }
  int overflow = 0;
  int64_t v = int_as_i64(src, &overflow);
  if (overflow || v > INT32_MAX || v < INT32_MIN) {
    set_error(&exc_OverflowError, "Python int too large to convert to C int");
    return -1;
  }
  *out = int(v);
  return 0;
}

// lineterminator: a str, or None (which leaves it unset: "lineterminator must be set" follows).
int set_str(const char* name, Object** out, Object* src, const char* dflt) {
  if (!src) {
    *out = str_from_utf8(dflt);
    return *out ? 0 : -1;
  }
  if (src == none()) return 0;
  if (!is_str(src)) {
    set_errorf(&exc_TypeError, "\"{}\" must be a string", name);
    return -1;
  }
  *out = newref(src);
  return 0;
}

// A character setting may be neither CR nor LF, nor (unless allowed) a space, nor part of the line terminator.
int check_char(const char* name, uint32_t c, Object* lineterminator, bool allow_space) {
  if (c == '\r' || c == '\n' || (c == ' ' && !allow_space)) {
    set_errorf(&exc_ValueError, "bad {} value", name);
    return -1;
  }
  if (c != kNotSet && str_contains_char(lineterminator, c)) {
    set_errorf(&exc_ValueError, "bad {} or lineterminator value", name);
    return -1;
  }
  return 0;
}

int check_distinct(const char* name1, const char* name2, uint32_t c1, uint32_t c2) {
  if (c1 == c2 && c1 != kNotSet) {
    set_errorf(&exc_ValueError, "bad {} or {} value", name1, name2);
    return -1;
  }
  return 0;
}

// Builds a Dialect of `type` from `dialect` (a registered name, a Dialect to reuse, or any object whose attributes
// supply the settings not in `given`) and the settings in `given` (borrowed; null when not given).
Object* dialect_build(Type* type, Object* dialect_arg, Object* const given[kNumSettings]) {
  ORef dialect;
  if (dialect_arg) {
    if (is_str(dialect_arg)) {
      dialect = steal(registry_get(dialect_arg));
      if (!dialect) return nullptr;
    } else {
      dialect = borrow(dialect_arg);
    }
    bool any_given = false;
    for (int i = 0; i < kNumSettings; i++) any_given |= given[i] != nullptr;
    // A Dialect with nothing to change is immutable, so it is shared rather than copied.
    if (!any_given && type_check(dialect.get(), &dialect_type)) return dialect.release();
  }
  ORef src[kNumSettings];
  for (int i = 0; i < kNumSettings; i++) {
    if (given[i]) {
      src[i] = borrow(given[i]);
    } else if (dialect) {
      // A missing (or failing) attribute leaves the default, as in CPython.
      src[i] = steal(get_attr_str(dialect.get(), kSettingNames[i]));
      if (!src[i]) error_clear();
    }
  }
  ORef self = steal(new_object(type, size_t(type->tp_basicsize)));
  if (!self) return nullptr;
  DialectObject* d = DI(self.get());
  if (set_char(kSettingNames[kDelimiter], &d->delimiter, src[kDelimiter].get(), ',') < 0 ||
      set_bool(&d->doublequote, src[kDoublequote].get(), true) < 0 ||
      set_char_or_none(kSettingNames[kEscapechar], &d->escapechar, src[kEscapechar].get(), kNotSet) < 0 ||
      set_str(kSettingNames[kLineterminator], &d->lineterminator, src[kLineterminator].get(), "\r\n") < 0 ||
      set_char_or_none(kSettingNames[kQuotechar], &d->quotechar, src[kQuotechar].get(), '"') < 0 ||
      set_int(kSettingNames[kQuotingArg], &d->quoting, src[kQuotingArg].get(), kQuoteMinimal) < 0 ||
      set_bool(&d->skipinitialspace, src[kSkipinitialspace].get(), false) < 0 ||
      set_bool(&d->strict, src[kStrict].get(), false) < 0)
    return nullptr;
  bool known = false;
  for (const QuotingName& q : kQuotingNames) known |= q.value == d->quoting;
  if (!known) return set_error(&exc_TypeError, "bad \"quoting\" value");
  // quotechar=None without an explicit quoting means "no quoting".
  if (src[kQuotechar].get() == none() && !src[kQuotingArg]) d->quoting = kQuoteNone;
  if (d->quoting != kQuoteNone && d->quotechar == kNotSet)
    return set_error(&exc_TypeError, "quotechar must be set if quoting enabled");
  if (!d->lineterminator) return set_error(&exc_TypeError, "lineterminator must be set");
  const bool space_ok = !d->skipinitialspace;
  if (check_char(kSettingNames[kDelimiter], d->delimiter, d->lineterminator, true) < 0 ||
      check_char(kSettingNames[kEscapechar], d->escapechar, d->lineterminator, space_ok) < 0 ||
      check_char(kSettingNames[kQuotechar], d->quotechar, d->lineterminator, space_ok) < 0 ||
      check_distinct(kSettingNames[kDelimiter], kSettingNames[kEscapechar], d->delimiter, d->escapechar) < 0 ||
      check_distinct(kSettingNames[kDelimiter], kSettingNames[kQuotechar], d->delimiter, d->quotechar) < 0 ||
      check_distinct(kSettingNames[kEscapechar], kSettingNames[kQuotechar], d->escapechar, d->quotechar) < 0)
    return nullptr;
  return self.release();
}

// Matches Dialect's parameters (dialect, delimiter, ..., strict) as PyArg_ParseTupleAndKeywords does for a
// function without a name, with its messages. out[0] is the dialect, out[1 + Setting] the settings: borrowed from
// `pos`, or held in `held` for keyword arguments.
bool dialect_parse_args(Object* const* pos, ssize npos, Object* kwargs, Object* out[kNumParams],
                        ORef held[kNumParams]) {
  for (int i = 0; i < kNumParams; i++) out[i] = nullptr;
  ssize nkw = kwargs ? dict_size(kwargs) : 0;
  if (npos + nkw > kNumParams) {
    set_errorf(&exc_TypeError, "function takes at most {} {}arguments ({} given)", kNumParams,
               npos == 0 ? "keyword " : "", npos + nkw);
    return false;
  }
  for (ssize i = 0; i < npos; i++) out[i] = pos[i];
  if (nkw == 0) return true;
  int duplicate = kNumParams;  // the lowest parameter given both ways
  ORef unexpected;             // the first keyword that names no parameter
  ssize it = 0;
  Object *k, *v;
  while (dict_next(kwargs, &it, &k, &v)) {
    ORef key = steal(k), value = steal(v);
    if (!is_str(key.get())) {
      set_error(&exc_TypeError, "keywords must be strings");
      return false;
    }
    std::string_view name = str_view(key.get());
    int idx = -1;
    for (int i = 0; i < kNumParams; i++)
      if (name == param_name(i)) idx = i;
    if (idx < 0) {
      if (!unexpected) unexpected = std::move(key);
    } else if (idx < npos) {
      duplicate = std::min(duplicate, idx);
    } else {
      out[idx] = value.get();
      held[idx] = std::move(value);
    }
  }
  if (duplicate < kNumParams) {
    set_errorf(&exc_TypeError, "argument for function given by name ('{}') and position ({})", param_name(duplicate),
               duplicate + 1);
    return false;
  }
  if (unexpected) {
    set_errorf(&exc_TypeError, "this function got an unexpected keyword argument '{}'", str_view(unexpected.get()));
    return false;
  }
  return true;
}

// Dialect(dialect=None, **settings) as reader(), writer() and register_dialect() call it: a new reference.
Object* make_dialect(Object* const* pos, ssize npos, Object* kwargs) {
  Object* params[kNumParams];
  ORef held[kNumParams];
  if (!dialect_parse_args(pos, npos, kwargs, params, held)) return nullptr;
  return dialect_build(&dialect_type, params[0], params + 1);
}

Object* dialect_tp_new(Type* type, Object* args, Object* kwargs) {
  Object* params[kNumParams];
  ORef held[kNumParams];
  if (!dialect_parse_args(tuple_items(args), tuple_size(args), kwargs, params, held)) return nullptr;
  return dialect_build(type, params[0], params + 1);
}

void dialect_dealloc(Object* self) {
  Type* t = type_of(self);
  xdecref(DI(self)->lineterminator);
  object_free(self);
  dealloc_type_ref(t);
}

Object* char_or_none(uint32_t c) { return c == kNotSet ? newref(none()) : str_from_char(c); }

Object* dialect_get_delimiter(Object* self, void*) { return char_or_none(DI(self)->delimiter); }
Object* dialect_get_escapechar(Object* self, void*) { return char_or_none(DI(self)->escapechar); }
Object* dialect_get_quotechar(Object* self, void*) { return char_or_none(DI(self)->quotechar); }
Object* dialect_get_lineterminator(Object* self, void*) { return newref(DI(self)->lineterminator); }
Object* dialect_get_quoting(Object* self, void*) { return int_from_ssize(DI(self)->quoting); }

// __reduce__ and __reduce_ex__ (any arguments): a Dialect cannot be pickled or copied.
Object* dialect_reduce(Object* self, Object*) {
  std::string_view name = type_of(self)->tp_name;
  size_t dot = name.rfind('.');
  if (dot != std::string_view::npos) name.remove_prefix(dot + 1);
  return set_errorf(&exc_TypeError, "cannot pickle '{}' instances", name);
}

// PyMemberDef kinds and flags (CPython's Py_T_OBJECT, Py_T_BOOL, Py_READONLY).
constexpr int kMemberObject = 6, kMemberBool = 14, kReadOnly = 1;

PyMemberDef dialect_members[] = {
    {"skipinitialspace", kMemberBool, offsetof(DialectObject, skipinitialspace), kReadOnly, nullptr},
    {"doublequote", kMemberBool, offsetof(DialectObject, doublequote), kReadOnly, nullptr},
    {"strict", kMemberBool, offsetof(DialectObject, strict), kReadOnly, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

PyGetSetDef dialect_getset[] = {
    {"delimiter", dialect_get_delimiter, nullptr, nullptr, nullptr},
    {"escapechar", dialect_get_escapechar, nullptr, nullptr, nullptr},
    {"lineterminator", dialect_get_lineterminator, nullptr, nullptr, nullptr},
    {"quotechar", dialect_get_quotechar, nullptr, nullptr, nullptr},
    {"quoting", dialect_get_quoting, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

PyMethodDef dialect_methods[] = {
    {"__reduce__", dialect_reduce, METH_VARARGS, "Raise TypeError: dialects cannot be pickled."},
    {"__reduce_ex__", dialect_reduce, METH_VARARGS, "Raise TypeError: dialects cannot be pickled."},
    {nullptr, nullptr, 0, nullptr},
};

Type dialect_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "_csv.Dialect",
    .tp_basicsize = sizeof(DialectObject),
    .tp_dealloc = dialect_dealloc,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_BASETYPE,  // holds only a str: nothing for the collector
    .tp_doc = "CSV dialect\n\nThe settings a reader parses with and a writer formats with; immutable.\n",
    .tp_methods = dialect_methods,
    .tp_members = dialect_members,
    .tp_getset = dialect_getset,
    .tp_new = dialect_tp_new,
    .tp_free = object_free,
};

// ---- reader ----

struct ReaderObject {
  PyObject ob_base;
  Object* input_iter;
  Object* dialect;         // a DialectObject
  unsigned long line_num;  // lines taken from input_iter; relaxed atomic (see the contract)
};

ReaderObject* RD(Object* o) { return reinterpret_cast<ReaderObject*>(o); }

enum ParseState {
  kStartRecord,
  kStartField,
  kEscapedChar,
  kInField,
  kInQuotedField,
  kEscapeInQuotedField,
  kQuoteInQuotedField,
  kEatCrNl,
  kAfterEscapedCrNl,
};

// One record's parse; it lives on the stack of the __next__ call that reads the record.
struct Parser {
  const DialectObject* d;
  ORef fields;  // the record so far (a list)
  std::u32string field;
  ParseState state = kStartRecord;
  bool unquoted = false;  // the current field did not start with quotechar

  int save_field();
  int add_char(uint32_t c);
  int end_of_line(uint32_t c);
  int process(uint32_t c);
};

int Parser::save_field() {
  const int q = d->quoting;
  ORef value;
  if (unquoted && field.empty() && (q == kQuoteNotNull || q == kQuoteStrings)) {
    value = borrow(none());
  } else {
    value = steal(str_from_ucs4(reinterpret_cast<const uint32_t*>(field.data()), ssize(field.size())));
    if (!value) return -1;
    if (unquoted && !field.empty() && (q == kQuoteNonNumeric || q == kQuoteStrings)) {
      value = steal(number_float(value.get()));
      if (!value) return -1;
    }
    field.clear();
  }
  return list_append(fields.get(), value.get());
}

int Parser::add_char(uint32_t c) {
  ssize limit = g_field_limit.load(std::memory_order_relaxed);
  if (ssize(field.size()) >= limit) {
    set_errorf(reinterpret_cast<Type*>(g_error), "field larger than field limit ({})", limit);
    return -1;
  }
  field.push_back(char32_t(c));
  return 0;
}

// CR, LF or the end of the line where a record may end: the field is saved and the record ends (at the end of the
// line) or waits for the rest of a CRLF pair.
int Parser::end_of_line(uint32_t c) {
  if (save_field() < 0) return -1;
  state = c == kEol ? kStartRecord : kEatCrNl;
  return 0;
}

int Parser::process(uint32_t c) {
  switch (state) {
    case kStartRecord:
      if (c == kEol) return 0;  // an empty line: the record is []
      if (c == '\n' || c == '\r') {
        state = kEatCrNl;
        return 0;
      }
      state = kStartField;
      [[fallthrough]];
    case kStartField:
      unquoted = true;
      if (c == '\n' || c == '\r' || c == kEol) return end_of_line(c);
      if (c == d->quotechar && d->quoting != kQuoteNone) {
        unquoted = false;
        state = kInQuotedField;
      } else if (c == d->escapechar) {
        state = kEscapedChar;
      } else if (c == ' ' && d->skipinitialspace) {
        // leading spaces are dropped
      } else if (c == d->delimiter) {
        return save_field();
      } else {
        if (add_char(c) < 0) return -1;
        state = kInField;
      }
      return 0;
    case kEscapedChar:
      if (c == '\n' || c == '\r') {
        if (add_char(c) < 0) return -1;
        state = kAfterEscapedCrNl;
        return 0;
      }
      if (add_char(c == kEol ? '\n' : c) < 0) return -1;
      state = kInField;
      return 0;
    case kAfterEscapedCrNl:
      if (c == kEol) return 0;
      [[fallthrough]];
    case kInField:
      if (c == '\n' || c == '\r' || c == kEol) return end_of_line(c);
      if (c == d->escapechar) {
        state = kEscapedChar;
      } else if (c == d->delimiter) {
        if (save_field() < 0) return -1;
        state = kStartField;
      } else {
        return add_char(c);
      }
      return 0;
    case kInQuotedField:
      if (c == kEol) return 0;  // the field goes on in the next line
      if (c == d->escapechar) {
        state = kEscapeInQuotedField;
      } else if (c == d->quotechar && d->quoting != kQuoteNone) {
        state = d->doublequote ? kQuoteInQuotedField : kInField;
      } else {
        return add_char(c);
      }
      return 0;
    case kEscapeInQuotedField:
      if (add_char(c == kEol ? '\n' : c) < 0) return -1;
      state = kInQuotedField;
      return 0;
    case kQuoteInQuotedField:
      if (d->quoting != kQuoteNone && c == d->quotechar) {  // a doubled quote stands for one
        if (add_char(c) < 0) return -1;
        state = kInQuotedField;
      } else if (c == d->delimiter) {
        if (save_field() < 0) return -1;
        state = kStartField;
      } else if (c == '\n' || c == '\r' || c == kEol) {
        return end_of_line(c);
      } else if (!d->strict) {
        if (add_char(c) < 0) return -1;
        state = kInField;
      } else {
        set_errorf(reinterpret_cast<Type*>(g_error), "'{}' expected after '{}'", utf8_char(d->delimiter),
                   utf8_char(d->quotechar));
        return -1;
      }
      return 0;
    case kEatCrNl:
      if (c == '\n' || c == '\r') return 0;
      if (c == kEol) {
        state = kStartRecord;
        return 0;
      }
      csv_error("new-line character seen in unquoted field - do you need to open the file with newline=''?");
      return -1;
  }
  return 0;
}

template <class C>
int parse_line(Parser* p, const C* s, ssize n) {
  for (ssize i = 0; i < n; i++)
    if (p->process(s[i]) < 0) return -1;
  return p->process(kEol);
}

int parse_line(Parser* p, Object* line) {
  const void* data = str_data(line);
  ssize n = str_length(line);
  switch (str_kind(line)) {
    case 1:
      return parse_line(p, static_cast<const uint8_t*>(data), n);
    case 2:
      return parse_line(p, static_cast<const uint16_t*>(data), n);
    default:
      return parse_line(p, static_cast<const uint32_t*>(data), n);
  }
}

// __next__: reads lines until a record is complete. A record may span lines (a quoted field with a newline, an
// escaped line end); the input ending inside one ends it too, unless the dialect is strict.
Object* reader_next(Object* self) {
  sync::CriticalSection cs(self);
  ReaderObject* r = RD(self);
  if (!r->input_iter || !r->dialect) return set_error(&exc_SystemError, "_csv.reader: object was cleared");
  ORef iter = borrow(r->input_iter);
  ORef dialect = borrow(r->dialect);
  Parser p;
  p.d = DI(dialect.get());
  p.fields = steal(list_new(0));
  if (!p.fields) return nullptr;
  do {
    ORef line = steal(iter_next(iter.get()));
    if (!line) {
      if (error_occurred()) return nullptr;
      if (p.field.empty() && p.state != kInQuotedField) return nullptr;  // the input is exhausted
      if (p.d->strict) return csv_error("unexpected end of data");
      if (p.save_field() < 0) return nullptr;
      break;
    }
    if (!is_str(line.get()))
      return set_errorf(reinterpret_cast<Type*>(g_error),
                        "iterator should return strings, not {} (the file should be opened in text mode)",
                        type_name(line.get()));
    __atomic_fetch_add(&r->line_num, 1UL, __ATOMIC_RELAXED);
    if (parse_line(&p, line.get()) < 0) return nullptr;
  } while (p.state != kStartRecord);
  return p.fields.release();
}

Object* reader_iter(Object* self) { return newref(self); }

Object* reader_get_line_num(Object* self, void*) {
  return int_from_u64(__atomic_load_n(&RD(self)->line_num, __ATOMIC_RELAXED));
}

int reader_set_line_num(Object*, Object*, void*) {
  set_error(&exc_AttributeError, "readonly attribute");
  return -1;
}

int reader_traverse(Object* self, visitproc visit, void* arg) {
  ReaderObject* r = RD(self);
  if (r->input_iter)
    if (int rc = visit(r->input_iter, arg)) return rc;
  if (r->dialect)
    if (int rc = visit(r->dialect, arg)) return rc;
  return 0;
}

int reader_clear(Object* self) {
  clear_ref(&RD(self)->input_iter);
  clear_ref(&RD(self)->dialect);
  return 0;
}

void reader_dealloc(Object* self) {
  Type* t = type_of(self);
  reader_clear(self);
  object_free(self);
  dealloc_type_ref(t);
}

PyMemberDef reader_members[] = {
    {"dialect", kMemberObject, offsetof(ReaderObject, dialect), kReadOnly, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

PyGetSetDef reader_getset[] = {
    {"line_num", reader_get_line_num, reader_set_line_num, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

Type reader_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "_csv.reader",
    .tp_basicsize = sizeof(ReaderObject),
    .tp_dealloc = reader_dealloc,
    .tp_getattro = generic_getattr,
    // traverse: the input iterator and the dialect, once each
    .tp_flags = Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_doc = "CSV reader\n\nAn iterator over the records of CSV text; made by _csv.reader().\n",
    .tp_traverse = reader_traverse,
    .tp_clear = reader_clear,
    .tp_iter = reader_iter,
    .tp_iternext = reader_next,
    .tp_members = reader_members,
    .tp_getset = reader_getset,
    .tp_free = object_free,
};

// PyArg_UnpackTuple's arity check with the empty function name CPython 3.13 gives reader, writer and
// register_dialect (its messages start with a space).
bool check_arity(Object* args, ssize min, ssize max) {
  return check_positional("", tuple_size(args), nullptr, min, max);
}

// reader(iterable, dialect='excel', **fmtparams)
Object* csv_reader(Object*, Object* args, Object* kwargs) {
  if (!check_arity(args, 1, 2)) return nullptr;
  ORef iter = steal(get_iter(tuple_items(args)[0]));
  if (!iter) return nullptr;
  ORef dialect = steal(make_dialect(tuple_items(args) + 1, tuple_size(args) - 1, kwargs));
  if (!dialect) return nullptr;
  Object* o = new_object(&reader_type, sizeof(ReaderObject));
  if (!o) return nullptr;
  RD(o)->input_iter = iter.release();
  RD(o)->dialect = dialect.release();
  return o;
}

// ---- writer ----

struct WriterObject {
  PyObject ob_base;
  Object* write;    // the file's bound write()
  Object* dialect;  // a DialectObject
};

WriterObject* WR(Object* o) { return reinterpret_cast<WriterObject*>(o); }

// One record being joined; it lives on the stack of the writerow call.
struct Joiner {
  const DialectObject* d;
  Object* lineterminator;
  std::u32string rec;
  std::u32string quoted_part;  // the current field's characters with their escapes
  int num_fields = 0;

  bool needs_care(uint32_t c) const {
    return c == d->delimiter || c == d->escapechar || c == d->quotechar || c == '\n' || c == '\r' ||
           str_contains_char(lineterminator, c);
  }
  bool append(Object* field, bool quoted);
};

// Appends one field (null: None, written as nothing). `quoted` is what the quoting style asks for; a character
// that only quoting protects turns it on (unless quoting is QUOTE_NONE, where it must be escaped instead).
bool Joiner::append(Object* field, bool quoted) {
  const ssize len = field ? str_length(field) : 0;
  if (len == 0 && d->delimiter == ' ' && d->skipinitialspace) {
    if (d->quoting == kQuoteNone || (!field && (d->quoting == kQuoteStrings || d->quoting == kQuoteNotNull))) {
      csv_error("empty field must be quoted if delimiter is a space and skipinitialspace is true");
      return false;
    }
    quoted = true;
  }
  quoted_part.clear();
  if (field) {
    StrChars chars(field);
    for (ssize i = 0; i < len; i++) {
      uint32_t c = chars[i];
      if (needs_care(c)) {
        bool escape = false;
        if (d->quoting == kQuoteNone) {
          escape = true;
        } else {
          if (c == d->quotechar) {
            if (d->doublequote)
              quoted_part.push_back(char32_t(c));
            else
              escape = true;
          } else if (c == d->escapechar) {
            escape = true;
          }
          if (!escape) quoted = true;
        }
        if (escape) {
          if (d->escapechar == kNotSet) {
            csv_error("need to escape, but no escapechar set");
            return false;
          }
          quoted_part.push_back(char32_t(d->escapechar));
        }
      }
      quoted_part.push_back(char32_t(c));
    }
  }
  if (num_fields > 0) rec.push_back(char32_t(d->delimiter));
  if (quoted) rec.push_back(char32_t(d->quotechar));
  rec += quoted_part;
  if (quoted) rec.push_back(char32_t(d->quotechar));
  num_fields++;
  return true;
}

// writerow(row): joins the row's fields into one line and passes it to write() in a single call.
Object* writer_writerow(Object* self, Object* row) {
  sync::CriticalSection cs(self);
  WriterObject* w = WR(self);
  if (!w->write || !w->dialect) return set_error(&exc_SystemError, "_csv.writer: object was cleared");
  ORef write = borrow(w->write);
  ORef dialect = borrow(w->dialect);
  Joiner j;
  j.d = DI(dialect.get());
  j.lineterminator = j.d->lineterminator;
  ORef iter = steal(get_iter(row));
  if (!iter) {
    if (error_matches(&exc_TypeError)) {
      error_clear();
      return set_errorf(reinterpret_cast<Type*>(g_error), "iterable expected, not {}", type_name(row));
    }
    return nullptr;
  }
  bool last_was_none = false;
  for (;;) {
    ORef field = steal(iter_next(iter.get()));
    if (!field) {
      if (error_occurred()) return nullptr;
      break;
    }
    bool quoted;
    switch (j.d->quoting) {
      case kQuoteNonNumeric:
        quoted = !is_number(field.get());
        break;
      case kQuoteAll:
        quoted = true;
        break;
      case kQuoteStrings:
        quoted = is_str(field.get());
        break;
      case kQuoteNotNull:
        quoted = field.get() != none();
        break;
      default:
        quoted = false;
        break;
    }
    last_was_none = field.get() == none();
    bool ok;
    if (is_str(field.get())) {
      ok = j.append(field.get(), quoted);
    } else if (last_was_none) {
      ok = j.append(nullptr, quoted);
    } else {
      ORef text = steal(object_str(field.get()));
      if (!text) return nullptr;
      ok = j.append(text.get(), quoted);
    }
    if (!ok) return nullptr;
  }
  // A record of one empty unquoted field would read back as an empty line, i.e. no field at all: quote it.
  if (j.num_fields > 0 && j.rec.empty()) {
    const int q = j.d->quoting;
    if (q == kQuoteNone || (last_was_none && (q == kQuoteStrings || q == kQuoteNotNull)))
      return csv_error("single empty field record must be quoted");
    j.num_fields--;
    if (!j.append(nullptr, true)) return nullptr;
  }
  StrChars term(j.lineterminator);
  for (ssize i = 0; i < term.len; i++) j.rec.push_back(char32_t(term[i]));
  ORef line = steal(str_from_ucs4(reinterpret_cast<const uint32_t*>(j.rec.data()), ssize(j.rec.size())));
  if (!line) return nullptr;
  return call1(write.get(), line.get());
}

// writerows(rows): writerow for each row.
Object* writer_writerows(Object* self, Object* rows) {
  ORef iter = steal(get_iter(rows));
  if (!iter) return nullptr;
  for (;;) {
    ORef row = steal(iter_next(iter.get()));
    if (!row) {
      if (error_occurred()) return nullptr;
      break;
    }
    ORef r = steal(writer_writerow(self, row.get()));
    if (!r) return nullptr;
  }
  return newref(none());
}

int writer_traverse(Object* self, visitproc visit, void* arg) {
  WriterObject* w = WR(self);
  if (w->write)
    if (int rc = visit(w->write, arg)) return rc;
  if (w->dialect)
    if (int rc = visit(w->dialect, arg)) return rc;
  return 0;
}

int writer_clear(Object* self) {
  clear_ref(&WR(self)->write);
  clear_ref(&WR(self)->dialect);
  return 0;
}

void writer_dealloc(Object* self) {
  Type* t = type_of(self);
  writer_clear(self);
  object_free(self);
  dealloc_type_ref(t);
}

PyMethodDef writer_methods[] = {
    {"writerow", writer_writerow, METH_O,
     "writerow(iterable)\n\nJoin the fields of one record and write the line. Fields that are not\nstrings are "
     "written as str() gives them; None is written as an empty field."},
    {"writerows", writer_writerows, METH_O,
     "writerows(iterable of iterables)\n\nWrite each record of the iterable as writerow() does."},
    {nullptr, nullptr, 0, nullptr},
};

PyMemberDef writer_members[] = {
    {"dialect", kMemberObject, offsetof(WriterObject, dialect), kReadOnly, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

Type writer_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "_csv.writer",
    .tp_basicsize = sizeof(WriterObject),
    .tp_dealloc = writer_dealloc,
    .tp_getattro = generic_getattr,
    // traverse: the write method and the dialect, once each
    .tp_flags = Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_doc = "CSV writer\n\nFormats records as CSV lines and writes them to a file; made by _csv.writer().\n",
    .tp_traverse = writer_traverse,
    .tp_clear = writer_clear,
    .tp_methods = writer_methods,
    .tp_members = writer_members,
    .tp_free = object_free,
};

// writer(fileobj, dialect='excel', **fmtparams)
Object* csv_writer(Object*, Object* args, Object* kwargs) {
  if (!check_arity(args, 1, 2)) return nullptr;
  static Object* write_name = str_interned("write");
  Object* write = nullptr;
  if (get_attr_optional(tuple_items(args)[0], write_name, &write) < 0) return nullptr;
  ORef write_ref = steal(write);
  if (!write || !is_callable(write)) return set_error(&exc_TypeError, "argument 1 must have a \"write\" method");
  ORef dialect = steal(make_dialect(tuple_items(args) + 1, tuple_size(args) - 1, kwargs));
  if (!dialect) return nullptr;
  Object* o = new_object(&writer_type, sizeof(WriterObject));
  if (!o) return nullptr;
  WR(o)->write = write_ref.release();
  WR(o)->dialect = dialect.release();
  return o;
}

// ---- The registry and the field size limit ----

// register_dialect(name, dialect=None, **fmtparams)
Object* csv_register_dialect(Object*, Object* args, Object* kwargs) {
  if (!check_arity(args, 1, 2)) return nullptr;
  Object* name = tuple_items(args)[0];
  if (!is_str(name)) return set_error(&exc_TypeError, "dialect name must be a string");
  ORef dialect = steal(make_dialect(tuple_items(args) + 1, tuple_size(args) - 1, kwargs));
  if (!dialect || dict_set(g_dialects, name, dialect.get()) < 0) return nullptr;
  return newref(none());
}

Object* csv_unregister_dialect(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* name = nullptr;
  if (!parse_args("unregister_dialect", args, nargs, kwnames, {"name"}, 1, &name)) return nullptr;
  Object* old = nullptr;
  int r = dict_pop(g_dialects, name, &old);
  if (r < 0) return nullptr;
  if (r == 0) return csv_error("unknown dialect");
  decref(old);
  return newref(none());
}

Object* csv_get_dialect(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* name = nullptr;
  if (!parse_args("get_dialect", args, nargs, kwnames, {"name"}, 1, &name)) return nullptr;
  return registry_get(name);
}

Object* csv_list_dialects(Object*, Object*) { return dict_keys_list(g_dialects); }

Object* csv_field_size_limit(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* new_limit = nullptr;
  if (!parse_args("field_size_limit", args, nargs, kwnames, {"new_limit"}, 0, &new_limit)) return nullptr;
  ssize old = g_field_limit.load(std::memory_order_relaxed);
  if (new_limit) {
    if (!type_check_exact(new_limit, &int_type)) return set_error(&exc_TypeError, "limit must be an integer");
    int overflow = 0;
    int64_t v = int_as_i64(new_limit, &overflow);
    if (overflow) return set_error(&exc_OverflowError, "Python int too large to convert to C long");
    // The old value is the one this call replaced, even if another thread changed it in between.
    old = g_field_limit.exchange(ssize(v), std::memory_order_relaxed);
  }
  return int_from_ssize(old);
}

PyMethodDef csv_functions[] = {
    {"reader", as_cfunc(csv_reader), METH_VARARGS | METH_KEYWORDS,
     "reader(iterable, dialect='excel', **fmtparams)\n\nReturn an iterator over the records of the CSV text that "
     "iterable yields,\none line (a str) at a time, e.g. a file opened with newline=''. Each\nrecord is a list of "
     "fields and may span several lines. dialect is a\nregistered name, a Dialect, or an object with dialect "
     "attributes; keyword\narguments override its settings."},
    {"writer", as_cfunc(csv_writer), METH_VARARGS | METH_KEYWORDS,
     "writer(fileobj, dialect='excel', **fmtparams)\n\nReturn a writer whose writerow() and writerows() format "
     "records as CSV\nlines and pass them to fileobj.write(). dialect and the keyword arguments\nare as for "
     "reader()."},
    {"register_dialect", as_cfunc(csv_register_dialect), METH_VARARGS | METH_KEYWORDS,
     "register_dialect(name, dialect=None, **fmtparams)\n\nRegister a dialect under name: one made from dialect "
     "and the keyword\narguments, as reader() and writer() make theirs."},
    {"unregister_dialect", as_cfunc(csv_unregister_dialect), METH_FASTCALL | METH_KEYWORDS,
     "unregister_dialect($module, /, name)\n--\n\nRemove the dialect registered under name."},
    {"get_dialect", as_cfunc(csv_get_dialect), METH_FASTCALL | METH_KEYWORDS,
     "get_dialect($module, /, name)\n--\n\nReturn the dialect registered under name."},
    {"list_dialects", csv_list_dialects, METH_NOARGS,
     "list_dialects($module, /)\n--\n\nReturn the names of the registered dialects, as a list."},
    {"field_size_limit", as_cfunc(csv_field_size_limit), METH_FASTCALL | METH_KEYWORDS,
     "field_size_limit($module, /, new_limit=<unrepresentable>)\n--\n\nReturn the largest field size a reader "
     "accepts; with new_limit, set it\n(for every reader) and return the previous limit."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace

Object* create_csv_module() {
  static const int ready = [] {
    if (type_ready(&dialect_type) < 0 || type_ready(&reader_type) < 0 || type_ready(&writer_type) < 0) return -1;
    g_error = new_exception_class("_csv.Error", reinterpret_cast<Object*>(&exc_Exception), nullptr);
    if (!g_error) return -1;
    g_dialects = dict_new();
    return g_dialects ? 0 : -1;
  }();
  if (ready < 0) {
    if (!error_occurred()) set_error(&exc_SystemError, "_csv: initialisation failed");
    return nullptr;
  }
  ORef m = steal(module_new(str_interned("_csv")));
  if (!m || module_add_functions(m.get(), csv_functions) < 0) return nullptr;
  Object* d = module_dict(m.get());
  ORef doc = steal(str_from_utf8("CSV parsing and writing.\n"));
  if (!doc || dict_set_str(d, "__doc__", doc.get()) < 0) return nullptr;
  if (dict_set_str(d, "Dialect", reinterpret_cast<Object*>(&dialect_type)) < 0 ||
      dict_set_str(d, "Reader", reinterpret_cast<Object*>(&reader_type)) < 0 ||
      dict_set_str(d, "Writer", reinterpret_cast<Object*>(&writer_type)) < 0 || dict_set_str(d, "Error", g_error) < 0 ||
      dict_set_str(d, "_dialects", g_dialects) < 0)
    return nullptr;
  for (const QuotingName& q : kQuotingNames) {
    ORef v = steal(int_from_ssize(q.value));
    if (!v || dict_set_str(d, q.name, v.get()) < 0) return nullptr;
  }
  return m.release();
}

}  // namespace pyvm
