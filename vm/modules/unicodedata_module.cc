// The unicodedata module over objects/unicodedata (Debian's UCD, Unicode 15.0.0) and str's numeric tables.
//
// CPython also offers ucd_3_2_0, the Unicode 3.2.0 database that idna and stringprep use. Debian ships no 3.2.0
// data, so our ucd_3_2_0 is a UCD object whose methods raise NotImplementedError: returning current data under
// the 3.2.0 name would silently change IDNA results.
#include <string>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/methods.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/types.h"
#include "objects/unicodedata.h"
#include "vm/modules/modules.h"

namespace pyvm {
namespace {

constexpr ssize kNameMaxLength = 256;  // CPython's NAME_MAXLEN: longer names are refused before any lookup

// The one character of a "unicode character" argument; false with CPython's TypeError otherwise. `argno` is 0 for
// single-argument functions ("category() argument must be ...") and 1 for those with a default.
bool one_char(const char* fname, int argno, Object* arg, uint32_t* cp) {
  if (type_check(arg, &str_type) && str_length(arg) == 1) {
    *cp = str_char_at(arg, 0);
    return true;
  }
  if (argno) {
    set_errorf(&exc_TypeError, "{}() argument {} must be a unicode character, not {}", fname, argno, type_name(arg));
  } else {
    set_errorf(&exc_TypeError, "{}() argument must be a unicode character, not {}", fname, type_name(arg));
  }
  return false;
}

Object* str_result(const char* s) { return str_from_utf8(s); }

template <const char* (*kProp)(uint32_t), const char* kName>
Object* string_property(Object*, Object* arg) {
  uint32_t cp;
  if (!one_char(kName, 0, arg, &cp)) return nullptr;
  return str_result(kProp(cp));
}

constexpr char kCategory[] = "category";
constexpr char kBidirectional[] = "bidirectional";
constexpr char kEastAsianWidth[] = "east_asian_width";

Object* ud_combining(Object*, Object* arg) {
  uint32_t cp;
  if (!one_char("combining", 0, arg, &cp)) return nullptr;
  return int_from_i64(unidata_combining(cp));
}

Object* ud_mirrored(Object*, Object* arg) {
  uint32_t cp;
  if (!one_char("mirrored", 0, arg, &cp)) return nullptr;
  return int_from_i64(unidata_mirrored(cp) ? 1 : 0);
}

Object* ud_decomposition(Object*, Object* arg) {
  uint32_t cp;
  if (!one_char("decomposition", 0, arg, &cp)) return nullptr;
  return str_from_utf8(unidata_decomposition(cp));
}

// decimal/digit/numeric(chr[, default]): the value, else the default, else ValueError.
enum class Numeric { kDecimal, kDigit, kNumeric };

template <Numeric kKind>
Object* ud_number(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  static constexpr const char* kFname = kKind == Numeric::kDecimal ? "decimal"
                                        : kKind == Numeric::kDigit ? "digit"
                                                                   : "numeric";
  if (!check_positional(kFname, nargs, kwnames, 1, 2)) return nullptr;
  uint32_t cp;
  if (!one_char(kFname, 1, args[0], &cp)) return nullptr;
  if (kKind == Numeric::kNumeric) {
    double v;
    if (uchar_numeric_value(cp, &v)) return float_from_double(v);
  } else {
    int v = kKind == Numeric::kDecimal ? uchar_decimal(cp) : uchar_digit(cp);
    if (v >= 0) return int_from_i64(v);
  }
  if (nargs == 2) return newref(args[1]);
  return set_error(&exc_ValueError, kKind == Numeric::kDecimal ? "not a decimal"
                                    : kKind == Numeric::kDigit ? "not a digit"
                                                               : "not a numeric character");
}

Object* ud_name(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("name", nargs, kwnames, 1, 2)) return nullptr;
  uint32_t cp;
  if (!one_char("name", 1, args[0], &cp)) return nullptr;
  std::string name;
  if (unidata_name(cp, &name)) return str_from_utf8(name);
  if (nargs == 2) return newref(args[1]);
  return set_error(&exc_ValueError, "no such name");
}

Object* ud_lookup(Object*, Object* arg) {
  std::string_view name;
  if (type_check(arg, &str_type)) {
    ssize n = 0;
    const char* p = str_utf8(arg, &n);
    if (!p) return nullptr;  // lone surrogates: UnicodeEncodeError, as CPython
    name = std::string_view(p, size_t(n));
  } else if (type_check(arg, &bytes_type)) {
    name = bytes_view(arg);
  } else if (type_check(arg, &bytearray_type) || type_check(arg, &memoryview_type)) {
    return set_errorf(&exc_TypeError, "lookup() argument must be read-only bytes-like object, not {}", type_name(arg));
  } else {
    return set_errorf(&exc_TypeError, "a bytes-like object is required, not '{}'", type_name(arg));
  }
  if (ssize(name.size()) > kNameMaxLength) return set_error(&exc_KeyError, "name too long");
  uint32_t cps[kUnidataMaxLookup];
  int n = unidata_lookup(name, true, cps);
  if (n == 0) {
    // CPython formats the name with %s, so the message stops at an embedded NUL.
    std::string_view shown = name.substr(0, name.find('\0'));
    ORef msg = steal(str_decode(shown.data(), ssize(shown.size()), "utf-8", "replace"));
    if (!msg) return nullptr;
    return set_error(&exc_KeyError, "undefined character name '" + std::string(str_view(msg.get())) + "'");
  }
  return str_from_ucs4(cps, n);
}

bool parse_form_args(const char* fname, Object* const* args, ssize nargs, Object* kwnames, NormalForm* form) {
  if (!check_positional(fname, nargs, kwnames, 2, 2)) return false;
  for (int i = 0; i < 2; i++) {
    if (!type_check(args[i], &str_type)) {
      set_errorf(&exc_TypeError, "{}() argument {} must be str, not {}", fname, i + 1, type_name(args[i]));
      return false;
    }
  }
  if (!unidata_parse_form(str_view(args[0]), form)) {
    set_error(&exc_ValueError, "invalid normalization form");
    return false;
  }
  return true;
}

std::u32string code_points(Object* s) {
  StrChars c(s);
  std::u32string out;
  out.reserve(size_t(c.len));
  for (ssize i = 0; i < c.len; i++) out.push_back(c[i]);
  return out;
}

// ASCII is in every normal form: the common case skips the tables.
bool all_ascii(Object* s) { return str_is_ascii(s); }

Object* ud_normalize(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  NormalForm form;
  if (!parse_form_args("normalize", args, nargs, kwnames, &form)) return nullptr;
  Object* s = args[1];
  if (all_ascii(s)) return newref(s);
  std::u32string in = code_points(s);
  std::u32string out = unidata_normalize(form, in);
  if (out == in) return newref(s);  // CPython returns the argument itself when it is already normalized
  return str_from_ucs4(reinterpret_cast<const uint32_t*>(out.data()), ssize(out.size()));
}

Object* ud_is_normalized(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  NormalForm form;
  if (!parse_form_args("is_normalized", args, nargs, kwnames, &form)) return nullptr;
  Object* s = args[1];
  if (all_ascii(s)) return newref(true_());
  std::u32string in = code_points(s);
  return newref(unidata_normalize(form, in) == in ? true_() : false_());
}

#define FAST(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(f))
PyMethodDef unicodedata_methods[] = {
    {"decimal", FAST(ud_number<Numeric::kDecimal>), METH_FASTCALL | METH_KEYWORDS,
     "Converts a Unicode character into its equivalent decimal value.\n\nReturns the decimal value assigned to the "
     "character chr as integer.\nIf no such value is defined, default is returned, or, if not given,\nValueError is "
     "raised."},
    {"digit", FAST(ud_number<Numeric::kDigit>), METH_FASTCALL | METH_KEYWORDS,
     "Converts a Unicode character into its equivalent digit value.\n\nReturns the digit value assigned to the "
     "character chr as integer.\nIf no such value is defined, default is returned, or, if not given,\nValueError is "
     "raised."},
    {"numeric", FAST(ud_number<Numeric::kNumeric>), METH_FASTCALL | METH_KEYWORDS,
     "Converts a Unicode character into its equivalent numeric value.\n\nReturns the numeric value assigned to the "
     "character chr as float.\nIf no such value is defined, default is returned, or, if not given,\nValueError is "
     "raised."},
    {"category", string_property<unidata_category, kCategory>, METH_O,
     "Returns the general category assigned to the character chr as string."},
    {"bidirectional", string_property<unidata_bidirectional, kBidirectional>, METH_O,
     "Returns the bidirectional class assigned to the character chr as string.\n\nIf no such value is defined, an "
     "empty string is returned."},
    {"combining", ud_combining, METH_O,
     "Returns the canonical combining class assigned to the character chr as integer.\n\nReturns 0 if no combining "
     "class is defined."},
    {"mirrored", ud_mirrored, METH_O,
     "Returns the mirrored property assigned to the character chr as integer.\n\nReturns 1 if the character has been "
     "identified as a \"mirrored\"\ncharacter in bidirectional text, 0 otherwise."},
    {"east_asian_width", string_property<unidata_east_asian_width, kEastAsianWidth>, METH_O,
     "Returns the east asian width assigned to the character chr as string."},
    {"decomposition", ud_decomposition, METH_O,
     "Returns the character decomposition mapping assigned to the character chr as string.\n\nAn empty string is "
     "returned in case no such mapping is defined."},
    {"is_normalized", FAST(ud_is_normalized), METH_FASTCALL | METH_KEYWORDS,
     "Return whether the Unicode string unistr is in the normal form 'form'.\n\nValid values for form are 'NFC', "
     "'NFKC', 'NFD', and 'NFKD'."},
    {"normalize", FAST(ud_normalize), METH_FASTCALL | METH_KEYWORDS,
     "Return the normal form 'form' for the Unicode string unistr.\n\nValid values for form are 'NFC', 'NFKC', "
     "'NFD', and 'NFKD'."},
    {"name", FAST(ud_name), METH_FASTCALL | METH_KEYWORDS,
     "Returns the name assigned to the character chr as a string.\n\nIf no name is defined, default is returned, or, "
     "if not given,\nValueError is raised."},
    {"lookup", ud_lookup, METH_O,
     "Look up character by name.\n\nIf a character with the given name is found, return the\ncorresponding "
     "character.  If not found, KeyError is raised."},
    {nullptr, nullptr, 0, nullptr},
};

// ---- UCD: the type of ucd_3_2_0 ----

Object* ucd_unavailable(Object*, Object* const*, ssize, Object*) {
  return set_error(&exc_NotImplementedError,
                   "unicodedata.ucd_3_2_0: the Unicode 3.2.0 database is not available in pyvm (it is built from "
                   "Debian's unicode-data, which has only the current version)");
}

// The methods of CPython's UCD objects; every one is unavailable for 3.2.0.
PyMethodDef ucd_methods[] = {
    {"bidirectional", FAST(ucd_unavailable), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"category", FAST(ucd_unavailable), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"combining", FAST(ucd_unavailable), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"decimal", FAST(ucd_unavailable), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"decomposition", FAST(ucd_unavailable), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"digit", FAST(ucd_unavailable), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"east_asian_width", FAST(ucd_unavailable), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"is_normalized", FAST(ucd_unavailable), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"lookup", FAST(ucd_unavailable), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"mirrored", FAST(ucd_unavailable), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"name", FAST(ucd_unavailable), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"normalize", FAST(ucd_unavailable), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"numeric", FAST(ucd_unavailable), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
#undef FAST

Object* ucd_version_get(Object*, void*) { return str_from_utf8("3.2.0"); }

PyGetSetDef ucd_getset[] = {{"unidata_version", ucd_version_get, nullptr, nullptr, nullptr},
                            {nullptr, nullptr, nullptr, nullptr, nullptr}};

Type ucd_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "unicodedata.UCD",
    .tp_basicsize = sizeof(Object),
    .tp_getattro = generic_getattr,
    .tp_methods = ucd_methods,
    .tp_getset = ucd_getset,
};

Object ucd_3_2_0 = PYVM_IMMORTAL_HEADER(&ucd_type);  // immortal: never deallocated

}  // namespace

Object* create_unicodedata_module() {
  if (type_ready(&ucd_type) < 0) return nullptr;
  ORef m = steal(module_new(str_interned("unicodedata")));
  if (!m || module_add_functions(m.get(), unicodedata_methods) < 0) return nullptr;
  Object* d = module_dict(m.get());
  ORef doc = steal(str_from_utf8(
      "This module provides access to the Unicode Character Database which\ndefines character properties for all "
      "Unicode characters. The data contained in\nthis database is based on the UnicodeData.txt file version\n" +
      std::string(unidata_version()) +
      " which is publicly available from ftp://ftp.unicode.org/.\n\nThe module uses the same names and symbols as "
      "defined by the\nUnicodeData File Format " +
      std::string(unidata_version()) + "."));
  ORef version = steal(str_from_utf8(unidata_version()));
  if (!doc || !version || dict_set_str(d, "__doc__", doc.get()) < 0 ||
      dict_set_str(d, "unidata_version", version.get()) < 0 ||
      dict_set_str(d, "UCD", reinterpret_cast<Object*>(&ucd_type)) < 0 || dict_set_str(d, "ucd_3_2_0", &ucd_3_2_0) < 0)
    return nullptr;
  return m.release();
}

}  // namespace pyvm
