// The _string module: the format-string parsing helpers behind string.Formatter. formatter_parser(s) iterates
// over (literal_text, field_name, format_spec, conversion) tuples; formatter_field_name_split(s) splits a field
// name into its first part and an iterator of (is_attribute, key) pairs. Both iterators parse lazily, so errors
// surface on the next() that reaches them, as in CPython.
//
// Thread-safety: an iterator's position is read and written atomically; iterators shared between threads may
// skip or repeat items but never read outside the string.
#include <limits>

#include "objects/abstract.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/object.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/modules/modules.h"

namespace pyvm {
namespace {

constexpr ssize kSsizeMax = std::numeric_limits<ssize>::max();

// Shared by both iterator types: the parsed string and the next position.
struct ParseIter {
  PyObject ob_base;
  Object* str;
  ssize pos;
  ssize end;
};
inline ParseIter* PI(Object* o) { return reinterpret_cast<ParseIter*>(o); }

void parse_iter_dealloc(Object* self) {
  decref(PI(self)->str);
  object_free(self);
}
Object* parse_iter_self(Object* self) { return newref(self); }

// -1 when c[s, e) is empty or not all decimal, -2 with an error on overflow.
ssize decimal_value(const StrChars& c, ssize s, ssize e) {
  if (s >= e) return -1;
  ssize acc = 0;
  for (ssize i = s; i < e; i++) {
    int d = uchar_decimal(c[i]);
    if (d < 0) return -1;
    if (acc > (kSsizeMax - d) / 10) {
      set_error(&exc_ValueError, "Too many decimal digits in format string");
      return -2;
    }
    acc = acc * 10 + d;
  }
  return acc;
}

// A substring of `s`, or None when `present` is false.
Object* sub_or_none(Object* s, ssize start, ssize end, bool present) {
  if (!present) return newref(none());
  return str_substring(s, start, end);
}

// ---- formatter_parser ----

Object* formatter_next(Object* self) {
  ParseIter* it = PI(self);
  Object* fmt = it->str;
  StrChars c(fmt);
  ssize end = it->end;
  ssize pos = __atomic_load_n(&it->pos, __ATOMIC_RELAXED);
  if (pos >= end) return nullptr;
  // Literal text up to the next '{' or '}'.
  ssize start = pos;
  uint32_t ch = 0;
  bool markup = false;
  while (pos < end) {
    ch = c[pos++];
    if (ch == '{' || ch == '}') {
      markup = true;
      break;
    }
  }
  bool at_end = pos >= end;
  ssize len = pos - start;
  if (markup && ch == '}' && (at_end || c[pos] != '}'))
    return set_error(&exc_ValueError, "Single '}' encountered in format string");
  if (at_end && markup && ch == '{') return set_error(&exc_ValueError, "Single '{' encountered in format string");
  if (!at_end && markup) {
    if (c[pos] == ch) {
      pos++;  // a doubled brace: the literal keeps one
      markup = false;
    } else {
      len--;
    }
  }
  ssize lit_start = start, lit_end = start + len;
  ssize name_start = 0, name_end = 0, spec_start = 0, spec_end = 0;
  uint32_t conversion = 0;
  if (markup) {
    name_start = pos;
    ch = 0;
    while (pos < end) {
      ch = c[pos++];
      if (ch == '{') return set_error(&exc_ValueError, "unexpected '{' in field name");
      if (ch == '[') {
        while (pos < end && c[pos] != ']') pos++;
        continue;
      }
      if (ch == '}' || ch == ':' || ch == '!') break;
    }
    name_end = pos - 1;
    if (ch == '!' || ch == ':') {
      bool done = false;
      if (ch == '!') {
        if (pos >= end) return set_error(&exc_ValueError, "end of string while looking for conversion specifier");
        conversion = c[pos++];
        if (pos < end) {
          ch = c[pos++];
          if (ch == '}') {
            done = true;
          } else if (ch != ':') {
            return set_error(&exc_ValueError, "expected ':' after conversion specifier");
          }
        }
      }
      if (!done) {
        spec_start = pos;
        ssize count = 1;
        while (pos < end) {
          ch = c[pos++];
          if (ch == '{') {
            count++;
          } else if (ch == '}') {
            if (--count == 0) {
              spec_end = pos - 1;
              done = true;
              break;
            }
          }
        }
        if (!done) return set_error(&exc_ValueError, "unmatched '{' in format spec");
      }
    } else if (ch != '}') {
      return set_error(&exc_ValueError, "expected '}' before end of string");
    }
  }
  __atomic_store_n(&it->pos, pos, __ATOMIC_RELAXED);
  ORef lit = steal(str_substring(fmt, lit_start, lit_end));
  if (!lit) return nullptr;
  ORef name = steal(sub_or_none(fmt, name_start, name_end, markup));
  if (!name) return nullptr;
  ORef spec = steal(sub_or_none(fmt, spec_start, spec_end, markup));
  if (!spec) return nullptr;
  ORef conv;
  if (markup && conversion) {
    uint32_t cp = conversion;
    conv = steal(str_from_ucs4(&cp, 1));
  } else {
    conv = borrow(none());
  }
  if (!conv) return nullptr;
  return tuple_pack({lit.get(), name.get(), spec.get(), conv.get()});
}

// ---- formatter_field_name_split's rest iterator ----

Object* fieldname_next(Object* self) {
  ParseIter* it = PI(self);
  Object* s = it->str;
  StrChars c(s);
  ssize end = it->end;
  ssize i = __atomic_load_n(&it->pos, __ATOMIC_RELAXED);
  if (i >= end) return nullptr;
  uint32_t ch = c[i++];
  bool is_attr;
  ssize ns, ne;
  if (ch == '.') {
    is_attr = true;
    ns = i;
    while (i < end && c[i] != '.' && c[i] != '[') i++;
    ne = i;
  } else if (ch == '[') {
    is_attr = false;
    ns = i;
    while (i < end && c[i] != ']') i++;
    if (i >= end) return set_error(&exc_ValueError, "Missing ']' in format string");
    ne = i++;
  } else {
    return set_error(&exc_ValueError, "Only '.' or '[' may follow ']' in format field specifier");
  }
  if (ns == ne) return set_error(&exc_ValueError, "Empty attribute in format string");
  ssize idx = is_attr ? -1 : decimal_value(c, ns, ne);
  if (idx == -2) return nullptr;
  __atomic_store_n(&it->pos, i, __ATOMIC_RELAXED);
  ORef key = steal(idx == -1 ? str_substring(s, ns, ne) : int_from_ssize(idx));
  if (!key) return nullptr;
  return tuple_pack({bool_obj(is_attr), key.get()});
}

Type formatteriterator_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "formatteriterator",
    .tp_basicsize = sizeof(ParseIter),
    .tp_dealloc = parse_iter_dealloc,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_iter = parse_iter_self,
    .tp_iternext = formatter_next,
    .tp_free = object_free,
};

Type fieldnameiterator_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "fieldnameiterator",
    .tp_basicsize = sizeof(ParseIter),
    .tp_dealloc = parse_iter_dealloc,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_iter = parse_iter_self,
    .tp_iternext = fieldname_next,
    .tp_free = object_free,
};

Object* new_parse_iter(Type* type, Object* s, ssize pos) {
  Object* o = new_object(type, sizeof(ParseIter));
  if (!o) return nullptr;
  PI(o)->str = newref(s);
  PI(o)->pos = pos;
  PI(o)->end = str_length(s);
  return o;
}

bool check_str(Object* o) {
  if (type_check(o, &str_type)) return true;
  set_errorf(&exc_TypeError, "expected str, got {}", type_name(o));
  return false;
}

Object* formatter_parser(Object*, Object* s) {
  if (!check_str(s)) return nullptr;
  return new_parse_iter(&formatteriterator_type, s, 0);
}

Object* formatter_field_name_split(Object*, Object* s) {
  if (!check_str(s)) return nullptr;
  StrChars c(s);
  ssize first_end = 0;
  while (first_end < c.len && c[first_end] != '.' && c[first_end] != '[') first_end++;
  ssize idx = decimal_value(c, 0, first_end);
  if (idx == -2) return nullptr;
  ORef first = steal(idx == -1 ? str_substring(s, 0, first_end) : int_from_ssize(idx));
  if (!first) return nullptr;
  ORef rest = steal(new_parse_iter(&fieldnameiterator_type, s, first_end));
  if (!rest) return nullptr;
  return tuple_pack({first.get(), rest.get()});
}

PyMethodDef string_methods[] = {
    {"formatter_field_name_split", formatter_field_name_split, METH_O,
     "split the argument as a field name"},
    {"formatter_parser", formatter_parser, METH_O, "parse the argument as a format string"},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace

Object* create_string_module() {
  static const int ready = [] {
    if (type_ready(&formatteriterator_type) < 0) return -1;
    return type_ready(&fieldnameiterator_type);
  }();
  if (ready < 0) {
    set_error(&exc_SystemError, "_string: type initialisation failed");
    return nullptr;
  }
  ORef m = steal(module_new(str_interned("_string")));
  if (!m || module_add_functions(m.get(), string_methods) < 0) return nullptr;
  return m.release();
}

}  // namespace pyvm
