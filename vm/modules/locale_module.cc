// The _locale module: the C library's POSIX locale functions behind locale.py (setlocale, localeconv, nl_langinfo,
// strcoll, strxfrm, getencoding) and its gettext bindings.
//
// Thread-safety contract: the C locale is process-global state, exactly as in CPython (whose docs warn that
// setlocale is not thread-safe). setlocale() changes every thread's locale at once. Within pyvm, the calls that
// change or read the global locale through static buffers (setlocale, localeconv, nl_langinfo, strcoll/strxfrm
// reading LC_COLLATE) are serialised by one mutex, so two Python threads never see a half-copied localeconv()
// result or a setlocale() string overwritten underneath them; C extensions and other C code that call setlocale()
// themselves are outside that mutex, which is the same caveat CPython has. The mutex is never held while Python
// code runs or while the thread is detached.
#include <langinfo.h>
#include <libintl.h>
#include <locale.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <mutex>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/methods.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/types.h"
#include "vm/modules/modules.h"
#include "vm/modules/posix_internal.h"
#include "vm/oserror.h"

namespace pyvm {
namespace {

std::mutex g_locale_mu;     // serialises pyvm's calls into the C library's global locale
Object* g_error = nullptr;  // locale.Error (immortal once created)

// A C string from the C library, decoded as CPython's PyUnicode_DecodeLocale does for UTF-8 and ASCII locales
// (undecodable bytes become surrogate escapes).
Object* decode_c(const char* s) { return str_decode(s, ssize(std::strlen(s)), "utf-8", "surrogateescape"); }

// A str argument as a NUL-terminated C string; ValueError for embedded NULs.
bool encode_c(const char* fname, int argno, Object* o, std::string* out) {
  if (!type_check(o, &str_type)) {
    set_errorf(&exc_TypeError, "{}() argument {} must be str, not {}", fname, argno, type_name(o));
    return false;
  }
  ORef b = steal(str_encode(o, "utf-8", "surrogateescape"));
  if (!b) return false;
  ssize n = var_size(b.get());
  const char* p = reinterpret_cast<PyBytesObject*>(b.get())->ob_sval;
  if (std::memchr(p, 0, size_t(n))) {
    set_error(&exc_ValueError, "embedded null character");
    return false;
  }
  out->assign(p, size_t(n));
  return true;
}

// A str argument as a wide string (wchar_t is UTF-32 on Linux); ValueError for embedded NULs.
bool to_wide(Object* o, std::wstring* out) {
  ssize n = str_length(o);
  out->clear();
  out->reserve(size_t(n));
  for (ssize i = 0; i < n; i++) {
    uint32_t ch = str_char_at(o, i);
    if (ch == 0) {
      set_error(&exc_ValueError, "embedded null character");
      return false;
    }
    out->push_back(wchar_t(ch));
  }
  return true;
}

Object* from_wide(const wchar_t* s, size_t n) {
  std::vector<uint32_t> cps(s, s + n);
  return str_from_ucs4(cps.data(), ssize(cps.size()));
}

Object* locale_setlocale(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("setlocale", nargs, kwnames, 1, 2)) return nullptr;
  int category = 0;
  if (!posix::convert_int(args[0], &category)) return nullptr;
  Object* loc = nargs > 1 ? args[1] : none();
  std::string name;
  if (loc != none()) {
    if (!type_check(loc, &str_type))
      return set_errorf(&exc_TypeError, "setlocale() argument 2 must be str or None, not {}", type_name(loc));
    if (!encode_c("setlocale", 2, loc, &name)) return nullptr;
  }
  std::string result;
  {
    std::lock_guard<std::mutex> g(g_locale_mu);
    const char* r = setlocale(category, loc == none() ? nullptr : name.c_str());
    if (!r) {
      const char* msg = loc == none() ? "locale query failed" : "unsupported locale setting";
      return set_error_value(reinterpret_cast<Type*>(g_error), str_interned(msg));
    }
    result = r;
  }
  return decode_c(result.c_str());
}

// CPython's list form of a grouping string: the counts up to and including the terminating 0 or CHAR_MAX.
Object* grouping_list(const char* s) {
  ORef l = steal(list_new(0));
  if (!l || s[0] == '\0') return l.release();
  for (size_t i = 0;; i++) {
    ORef v = steal(int_from_i64(static_cast<signed char>(s[i])));
    if (!v || list_append(l.get(), v.get()) < 0) return nullptr;
    if (s[i] == '\0' || s[i] == CHAR_MAX) break;
  }
  return l.release();
}

Object* locale_localeconv(Object*, Object*) {
  // Copied out under the mutex: localeconv() returns a static buffer that the next setlocale/localeconv rewrites.
  std::string strs[9];
  std::string groupings[2];
  int nums[8];
  {
    std::lock_guard<std::mutex> g(g_locale_mu);
    const struct lconv* lc = localeconv();
    const char* s[9] = {lc->int_curr_symbol,   lc->currency_symbol, lc->mon_decimal_point,
                        lc->mon_thousands_sep, lc->positive_sign,   lc->negative_sign,
                        lc->decimal_point,     lc->thousands_sep,   ""};
    for (int i = 0; i < 9; i++) strs[i] = s[i];
    groupings[0] = lc->mon_grouping;
    groupings[1] = lc->grouping;
    const char n[8] = {lc->int_frac_digits, lc->frac_digits,    lc->p_cs_precedes, lc->p_sep_by_space,
                       lc->n_cs_precedes,   lc->n_sep_by_space, lc->p_sign_posn,   lc->n_sign_posn};
    for (int i = 0; i < 8; i++) nums[i] = static_cast<unsigned char>(n[i]) == 255 ? CHAR_MAX : n[i];
  }
  ORef d = steal(dict_new());
  if (!d) return nullptr;
  auto put_str = [&](const char* key, const std::string& v) {
    ORef o = steal(decode_c(v.c_str()));
    return o && dict_set_str(d.get(), key, o.get()) == 0;
  };
  auto put_obj = [&](const char* key, Object* o) {
    ORef r = steal(o);
    return r && dict_set_str(d.get(), key, r.get()) == 0;
  };
  static const char* const kNumKeys[8] = {"int_frac_digits", "frac_digits",    "p_cs_precedes", "p_sep_by_space",
                                          "n_cs_precedes",   "n_sep_by_space", "p_sign_posn",   "n_sign_posn"};
  // CPython's key order: the monetary fields first, then the numeric ones.
  if (!put_str("int_curr_symbol", strs[0]) || !put_str("currency_symbol", strs[1]) ||
      !put_str("mon_decimal_point", strs[2]) || !put_str("mon_thousands_sep", strs[3]) ||
      !put_obj("mon_grouping", grouping_list(groupings[0].c_str())) || !put_str("positive_sign", strs[4]) ||
      !put_str("negative_sign", strs[5]))
    return nullptr;
  for (int i = 0; i < 8; i++)
    if (!put_obj(kNumKeys[i], int_from_i64(nums[i]))) return nullptr;
  if (!put_str("decimal_point", strs[6]) || !put_str("thousands_sep", strs[7]) ||
      !put_obj("grouping", grouping_list(groupings[1].c_str())))
    return nullptr;
  return d.release();
}

#define PYVM_LANGINFO_ITEMS(X)                                                                                         \
  X(RADIXCHAR)                                                                                                         \
  X(THOUSEP) X(CRNCYSTR) X(D_T_FMT) X(D_FMT) X(T_FMT) X(AM_STR) X(PM_STR) X(DAY_1) X(DAY_2) X(DAY_3) X(DAY_4) X(DAY_5) \
      X(DAY_6) X(DAY_7) X(ABDAY_1) X(ABDAY_2) X(ABDAY_3) X(ABDAY_4) X(ABDAY_5) X(ABDAY_6) X(ABDAY_7) X(MON_1) X(MON_2) \
          X(MON_3) X(MON_4) X(MON_5) X(MON_6) X(MON_7) X(MON_8) X(MON_9) X(MON_10) X(MON_11) X(MON_12) X(ABMON_1)      \
              X(ABMON_2) X(ABMON_3) X(ABMON_4) X(ABMON_5) X(ABMON_6) X(ABMON_7) X(ABMON_8) X(ABMON_9) X(ABMON_10)      \
                  X(ABMON_11) X(ABMON_12) X(T_FMT_AMPM) X(ERA) X(ERA_D_FMT) X(ERA_D_T_FMT) X(ERA_T_FMT) X(ALT_DIGITS)  \
                      X(YESEXPR) X(NOEXPR) X(_DATE_FMT) X(CODESET)

struct LangInfo {
  const char* name;
  nl_item value;
};
#define PYVM_LANGINFO_ROW(n) {#n, n},
const LangInfo kLangInfo[] = {PYVM_LANGINFO_ITEMS(PYVM_LANGINFO_ROW)};
#undef PYVM_LANGINFO_ROW

Object* locale_nl_langinfo(Object*, Object* arg) {
  int key = 0;
  if (!posix::convert_int(arg, &key)) return nullptr;
  bool known = false;
  for (const LangInfo& li : kLangInfo) known = known || li.value == key;
  if (!known) return set_error(&exc_ValueError, "unsupported langinfo constant");
  std::string v;
  {
    std::lock_guard<std::mutex> g(g_locale_mu);
    const char* r = nl_langinfo(nl_item(key));
    v = r ? r : "";
  }
  return decode_c(v.c_str());
}

Object* locale_getencoding(Object*, Object*) {
  std::string cs;
  {
    std::lock_guard<std::mutex> g(g_locale_mu);
    const char* r = nl_langinfo(CODESET);
    cs = r ? r : "";
  }
  if (cs.empty()) cs = "UTF-8";  // as CPython, when the C library reports no codeset
  return decode_c(cs.c_str());
}

Object* locale_strcoll(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("strcoll", nargs, kwnames, 2, 2)) return nullptr;
  for (int i = 0; i < 2; i++)
    if (!type_check(args[i], &str_type))
      return set_errorf(&exc_TypeError, "strcoll() argument {} must be str, not {}", i + 1, type_name(args[i]));
  std::wstring a, b;
  if (!to_wide(args[0], &a) || !to_wide(args[1], &b)) return nullptr;
  int r;
  {
    std::lock_guard<std::mutex> g(g_locale_mu);
    r = wcscoll(a.c_str(), b.c_str());
  }
  return int_from_i64(r);
}

Object* locale_strxfrm(Object*, Object* arg) {
  if (!type_check(arg, &str_type))
    return set_errorf(&exc_TypeError, "strxfrm() argument must be str, not {}", type_name(arg));
  std::wstring s;
  if (!to_wide(arg, &s)) return nullptr;
  std::vector<wchar_t> buf(s.size() + 1);
  size_t n;
  {
    std::lock_guard<std::mutex> g(g_locale_mu);
    n = wcsxfrm(buf.data(), s.c_str(), buf.size());
    if (n >= buf.size()) {
      buf.resize(n + 1);
      n = wcsxfrm(buf.data(), s.c_str(), buf.size());
    }
  }
  return from_wide(buf.data(), n);
}

// ---- gettext bindings (glibc's libintl).

// An optional str argument (None gives null).
bool opt_c_string(const char* fname, int argno, Object* o, std::string* out, bool* given) {
  *given = o != none();
  return !*given || encode_c(fname, argno, o, out);
}

Object* locale_gettext(Object*, Object* arg) {
  std::string msg;
  if (!encode_c("gettext", 1, arg, &msg)) return nullptr;
  return decode_c(gettext(msg.c_str()));
}

Object* locale_dgettext(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("dgettext", nargs, kwnames, 2, 2)) return nullptr;
  std::string dom, msg;
  bool has_dom;
  if (!opt_c_string("dgettext", 1, args[0], &dom, &has_dom) || !encode_c("dgettext", 2, args[1], &msg)) return nullptr;
  return decode_c(dgettext(has_dom ? dom.c_str() : nullptr, msg.c_str()));
}

Object* locale_dcgettext(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("dcgettext", nargs, kwnames, 3, 3)) return nullptr;
  std::string dom, msg;
  bool has_dom;
  int category = 0;
  if (!opt_c_string("dcgettext", 1, args[0], &dom, &has_dom) || !encode_c("dcgettext", 2, args[1], &msg) ||
      !posix::convert_int(args[2], &category))
    return nullptr;
  return decode_c(dcgettext(has_dom ? dom.c_str() : nullptr, msg.c_str(), category));
}

Object* locale_textdomain(Object*, Object* arg) {
  std::string dom;
  bool has_dom;
  if (!opt_c_string("textdomain", 1, arg, &dom, &has_dom)) return nullptr;
  const char* r = textdomain(has_dom ? dom.c_str() : nullptr);
  if (!r) return raise_errno();
  return decode_c(r);
}

Object* locale_bindtextdomain(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("bindtextdomain", nargs, kwnames, 2, 2)) return nullptr;
  std::string dom, dir;
  bool has_dir;
  if (!encode_c("bindtextdomain", 1, args[0], &dom)) return nullptr;
  if (dom.empty()) return set_error(&exc_ValueError, "domain must be a non-empty string");
  if (args[1] != none()) {
    ORef path = steal(fspath(args[1]));
    if (!path) return nullptr;
    if (type_check(path.get(), &str_type)) {
      if (!encode_c("bindtextdomain", 2, path.get(), &dir)) return nullptr;
    } else {
      dir.assign(reinterpret_cast<PyBytesObject*>(path.get())->ob_sval, size_t(var_size(path.get())));
    }
  }
  has_dir = args[1] != none();
  const char* r = bindtextdomain(dom.c_str(), has_dir ? dir.c_str() : nullptr);
  if (!r) return raise_errno();
  return decode_c(r);
}

Object* locale_bind_textdomain_codeset(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("bind_textdomain_codeset", nargs, kwnames, 2, 2)) return nullptr;
  std::string dom, cs;
  bool has_cs;
  if (!encode_c("bind_textdomain_codeset", 1, args[0], &dom) ||
      !opt_c_string("bind_textdomain_codeset", 2, args[1], &cs, &has_cs))
    return nullptr;
  const char* r = bind_textdomain_codeset(dom.c_str(), has_cs ? cs.c_str() : nullptr);
  if (!r) {
    if (errno) return raise_errno();
    return newref(none());
  }
  return decode_c(r);
}

PyMethodDef locale_methods[] = {
    {"setlocale", as_cfunc(locale_setlocale), METH_FASTCALL | METH_KEYWORDS, "Activates/queries locale processing."},
    {"localeconv", locale_localeconv, METH_NOARGS, "Returns numeric and monetary locale-specific parameters."},
    {"nl_langinfo", locale_nl_langinfo, METH_O, "Return the value for the locale information associated with key."},
    {"getencoding", locale_getencoding, METH_NOARGS, "Get the current locale encoding."},
    {"strcoll", as_cfunc(locale_strcoll), METH_FASTCALL | METH_KEYWORDS,
     "Compares two strings according to the locale."},
    {"strxfrm", locale_strxfrm, METH_O, "Return a string that can be used as a key for locale-aware comparisons."},
    {"gettext", locale_gettext, METH_O, "gettext(msg) -> string\n\nReturn translation of msg."},
    {"dgettext", as_cfunc(locale_dgettext), METH_FASTCALL | METH_KEYWORDS,
     "dgettext(domain, msg) -> string\n\nReturn translation of msg in domain."},
    {"dcgettext", as_cfunc(locale_dcgettext), METH_FASTCALL | METH_KEYWORDS,
     "Return translation of msg in domain and category."},
    {"textdomain", locale_textdomain, METH_O, "Set the C library's textdmain to domain, returning the new domain."},
    {"bindtextdomain", as_cfunc(locale_bindtextdomain), METH_FASTCALL | METH_KEYWORDS,
     "Bind the C library's domain to dir."},
    {"bind_textdomain_codeset", as_cfunc(locale_bind_textdomain_codeset), METH_FASTCALL | METH_KEYWORDS,
     "Bind the C library's domain to codeset."},
    {nullptr, nullptr, 0, nullptr}};

}  // namespace

Object* create_locale_module() {
  static const int ready = [] {
    g_error = new_exception_class("locale.Error", reinterpret_cast<Object*>(&exc_Exception), nullptr);
    return g_error ? 0 : -1;
  }();
  if (ready < 0) {
    if (!error_occurred()) set_error(&exc_SystemError, "_locale: initialisation failed");
    return nullptr;
  }
  ORef m = steal(module_new(str_interned("_locale")));
  if (!m || module_add_functions(m.get(), locale_methods) < 0) return nullptr;
  Object* d = module_dict(m.get());
  ORef doc = steal(str_from_utf8("Support for POSIX locales."));
  if (!doc || dict_set_str(d, "__doc__", doc.get()) < 0 || dict_set_str(d, "Error", g_error) < 0) return nullptr;
  struct IntConst {
    const char* name;
    long value;
  };
  const IntConst consts[] = {{"LC_CTYPE", LC_CTYPE},       {"LC_TIME", LC_TIME},         {"LC_COLLATE", LC_COLLATE},
                             {"LC_MONETARY", LC_MONETARY}, {"LC_MESSAGES", LC_MESSAGES}, {"LC_NUMERIC", LC_NUMERIC},
                             {"LC_ALL", LC_ALL},           {"CHAR_MAX", CHAR_MAX}};
  for (const IntConst& c : consts) {
    ORef v = steal(int_from_i64(c.value));
    if (!v || dict_set_str(d, c.name, v.get()) < 0) return nullptr;
  }
  for (const LangInfo& li : kLangInfo) {
    ORef v = steal(int_from_i64(li.value));
    if (!v || dict_set_str(d, li.name, v.get()) < 0) return nullptr;
  }
  return m.release();
}

}  // namespace pyvm
