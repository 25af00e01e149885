// The methods of str (everything in str's method table except formatting, which is in str_format.cc).
#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/methods.h"
#include "objects/range.h"
#include "objects/str.h"
#include "objects/str_docs.h"
#include "objects/tuple.h"
#include "objects/types.h"

namespace pyvm {
namespace {

constexpr ssize kSsizeMax = PTRDIFF_MAX;

// Argument Clinic's _PyArg_CheckPositional messages ("center expected at least 1 argument, got 0").
bool check_nargs(const char* name, ssize nargs, ssize min, ssize max) {
  if (nargs < min) {
    set_errorf(&exc_TypeError, "{} expected {}{} argument{}, got {}", name, min == max ? "" : "at least ", min,
               min == 1 ? "" : "s", nargs);
    return false;
  }
  if (nargs > max) {
    set_errorf(&exc_TypeError, "{} expected {}{} argument{}, got {}", name, min == max ? "" : "at most ", max,
               max == 1 ? "" : "s", nargs);
    return false;
  }
  return true;
}

bool arg_ssize(Object* o, ssize* out) {
  ssize v = number_as_ssize(o, &exc_OverflowError);
  if (v == -1 && error_occurred()) return false;
  *out = v;
  return true;
}

// CPython's ADJUST_INDICES.
void adjust_indices(ssize len, ssize* start, ssize* end) {
  if (*end > len) {
    *end = len;
  } else if (*end < 0) {
    *end += len;
    if (*end < 0) *end = 0;
  }
  if (*start < 0) {
    *start += len;
    if (*start < 0) *start = 0;
  }
}

// (sub[, start[, end]]) for find, count, index, startswith ...; *sub is borrowed and not type-checked.
bool parse_sub_args(const char* name, Object* const* args, ssize nargs, Object** sub, ssize* start, ssize* end) {
  if (!check_nargs(name, nargs, 1, 3)) return false;
  *sub = args[0];
  *start = 0;
  *end = kSsizeMax;
  if (nargs > 1 && !slice_index(args[1], start)) return false;
  if (nargs > 2 && !slice_index(args[2], end)) return false;
  return true;
}

// The type name in Argument Clinic's "must be X, not Y" messages, which say "None" for None.
const char* clinic_type_name(Object* o) { return o == none() ? "None" : type_name(o); }

bool require_str(Object* o, const char* fname, int argno) {
  if (type_check(o, &str_type)) return true;
  set_errorf(&exc_TypeError, "{}() argument {} must be str, not {}", fname, argno, clinic_type_name(o));
  return false;
}

// The string itself when it is an exact str, else an exact copy (CPython's unicode_result_unchanged).
Object* unchanged(Object* self) {
  if (type_check_exact(self, &str_type)) return newref(self);
  return str_from_kind(str_kind(self), str_data(self), str_length(self));
}

uint32_t max_char_of(Object* s) {
  if (str_is_ascii(s)) return 0x7f;
  StrChars c(s);
  uint32_t m = 0;
  for (ssize i = 0; i < c.len; i++)
    if (c[i] > m) m = c[i];
  return m;
}

void put_unit(void* data, int kind, ssize i, uint32_t ch) {
  switch (kind) {
    case 1:
      static_cast<uint8_t*>(data)[i] = uint8_t(ch);
      break;
    case 2:
      static_cast<uint16_t*>(data)[i] = uint16_t(ch);
      break;
    default:
      static_cast<uint32_t*>(data)[i] = ch;
      break;
  }
}

// Copies src[start:start+n) into dst at `at`; dst's kind is wide enough.
void copy_chars(Object* dst, ssize at, Object* src, ssize start, ssize n) {
  int dk = str_kind(dst), sk = str_kind(src);
  void* d = str_data(dst);
  if (dk == sk) {
    std::memcpy(static_cast<char*>(d) + at * dk, static_cast<char*>(str_data(src)) + start * sk,
                size_t(n) * size_t(dk));
    return;
  }
  StrChars c(src);
  for (ssize i = 0; i < n; i++) put_unit(d, dk, at + i, c[start + i]);
}

Object* make_list(std::vector<ORef>& items) {
  Object* l = list_new(ssize(items.size()));
  if (!l) return nullptr;
  for (size_t i = 0; i < items.size(); i++) list_items(l)[i] = items[i].release_obj();
  return l;
}

// ---- Case conversion ----

enum class CaseOp { kLower, kUpper, kCasefold, kSwap, kTitle, kCapitalize };

// U+03A3 lowercases to final sigma in the Final_Sigma context (CPython's handle_capital_sigma).
uint32_t capital_sigma(const StrChars& c, ssize i) {
  ssize j;
  uint32_t ch = 0;
  for (j = i - 1; j >= 0; j--) {
    ch = c[j];
    if (!uchar_is_case_ignorable(ch)) break;
  }
  bool final_sigma = j >= 0 && uchar_iscased(ch);
  if (final_sigma && i + 1 < c.len) {
    for (j = i + 1; j < c.len; j++) {
      ch = c[j];
      if (!uchar_is_case_ignorable(ch)) break;
    }
    final_sigma = j == c.len || !uchar_iscased(ch);
  }
  return final_sigma ? 0x3c2 : 0x3c3;
}

int lower_at(const StrChars& c, ssize i, uint32_t ch, uint32_t* out) {
  if (ch == 0x3a3) {
    out[0] = capital_sigma(c, i);
    return 1;
  }
  return uchar_to_lower_full(ch, out);
}

inline bool ascii_lower(uint32_t c) { return c >= 'a' && c <= 'z'; }
inline bool ascii_upper(uint32_t c) { return c >= 'A' && c <= 'Z'; }

Object* case_convert(Object* self, CaseOp op) {
  StrChars c(self);
  if (str_is_ascii(self)) {
    std::string out(size_t(c.len), '\0');
    bool prev_cased = false;
    for (ssize i = 0; i < c.len; i++) {
      uint32_t ch = c[i];
      bool lo = ascii_lower(ch), up = ascii_upper(ch);
      bool to_upper = false, to_lower = false;
      switch (op) {
        case CaseOp::kLower:
        case CaseOp::kCasefold:
          to_lower = up;
          break;
        case CaseOp::kUpper:
          to_upper = lo;
          break;
        case CaseOp::kSwap:
          to_lower = up;
          to_upper = lo;
          break;
        case CaseOp::kTitle:
          if (prev_cased) {
            to_lower = up;
          } else {
            to_upper = lo;
          }
          prev_cased = lo || up;
          break;
        case CaseOp::kCapitalize:
          if (i == 0) {
            to_upper = lo;
          } else {
            to_lower = up;
          }
          break;
      }
      out[size_t(i)] = char(to_upper ? ch - 32 : to_lower ? ch + 32 : ch);
    }
    return str_from_kind(1, out.data(), c.len);
  }
  StrBuilder b;
  b.reserve(c.len);
  uint32_t m[3];
  bool prev_cased = false;
  for (ssize i = 0; i < c.len; i++) {
    uint32_t ch = c[i];
    int n;
    switch (op) {
      case CaseOp::kLower:
        n = lower_at(c, i, ch, m);
        break;
      case CaseOp::kUpper:
        n = uchar_to_upper_full(ch, m);
        break;
      case CaseOp::kCasefold:
        n = uchar_to_fold_full(ch, m);
        break;
      case CaseOp::kSwap:
        if (uchar_isupper(ch)) {
          n = lower_at(c, i, ch, m);
        } else if (uchar_islower(ch)) {
          n = uchar_to_upper_full(ch, m);
        } else {
          m[0] = ch;
          n = 1;
        }
        break;
      case CaseOp::kTitle:
        n = prev_cased ? lower_at(c, i, ch, m) : uchar_to_title_full(ch, m);
        prev_cased = uchar_iscased(ch);
        break;
      default:  // kCapitalize
        n = i == 0 ? uchar_to_title_full(ch, m) : lower_at(c, i, ch, m);
        break;
    }
    for (int k = 0; k < n; k++) b.put(m[k]);
  }
  return b.finish();
}

Object* str_lower(Object* self, Object*) { return case_convert(self, CaseOp::kLower); }
Object* str_upper(Object* self, Object*) { return case_convert(self, CaseOp::kUpper); }
Object* str_casefold(Object* self, Object*) { return case_convert(self, CaseOp::kCasefold); }
Object* str_swapcase(Object* self, Object*) { return case_convert(self, CaseOp::kSwap); }
Object* str_title(Object* self, Object*) { return case_convert(self, CaseOp::kTitle); }
Object* str_capitalize(Object* self, Object*) {
  if (str_length(self) == 0) return unchanged(self);
  return case_convert(self, CaseOp::kCapitalize);
}

// ---- Predicates ----

template <bool (*P)(uint32_t)>
Object* all_chars(Object* self, Object*) {
  StrChars c(self);
  if (c.len == 0) return bool_obj(false);
  for (ssize i = 0; i < c.len; i++)
    if (!P(c[i])) return bool_obj(false);
  return bool_obj(true);
}

bool is_alnum_char(uint32_t ch) {
  return uchar_isalpha(ch) || uchar_isdecimal(ch) || uchar_isdigit(ch) || uchar_isnumeric(ch);
}

Object* str_isascii(Object* self, Object*) { return bool_obj(str_is_ascii(self)); }

Object* str_isprintable(Object* self, Object*) {
  StrChars c(self);
  for (ssize i = 0; i < c.len; i++)
    if (!uchar_isprintable(c[i])) return bool_obj(false);
  return bool_obj(true);
}

Object* str_islower(Object* self, Object*) {
  StrChars c(self);
  bool cased = false;
  for (ssize i = 0; i < c.len; i++) {
    uint32_t ch = c[i];
    if (uchar_isupper(ch) || uchar_istitle(ch)) return bool_obj(false);
    if (!cased && uchar_islower(ch)) cased = true;
  }
  return bool_obj(cased);
}

Object* str_isupper(Object* self, Object*) {
  StrChars c(self);
  bool cased = false;
  for (ssize i = 0; i < c.len; i++) {
    uint32_t ch = c[i];
    if (uchar_islower(ch) || uchar_istitle(ch)) return bool_obj(false);
    if (!cased && uchar_isupper(ch)) cased = true;
  }
  return bool_obj(cased);
}

Object* str_istitle(Object* self, Object*) {
  StrChars c(self);
  bool cased = false, prev_cased = false;
  for (ssize i = 0; i < c.len; i++) {
    uint32_t ch = c[i];
    if (uchar_isupper(ch) || uchar_istitle(ch)) {
      if (prev_cased) return bool_obj(false);
      prev_cased = cased = true;
    } else if (uchar_islower(ch)) {
      if (!prev_cased) return bool_obj(false);
      prev_cased = cased = true;
    } else {
      prev_cased = false;
    }
  }
  return bool_obj(cased);
}

Object* str_isidentifier(Object* self, Object*) {
  StrChars c(self);
  if (c.len == 0) return bool_obj(false);
  uint32_t first = c[0];
  if (!uchar_is_xid_start(first) && first != '_') return bool_obj(false);
  for (ssize i = 1; i < c.len; i++)
    if (!uchar_is_xid_continue(c[i])) return bool_obj(false);
  return bool_obj(true);
}

// ---- Searching ----

Object* find_impl(Object* self, Object* const* args, ssize nargs, const char* name, int dir, bool raise) {
  Object* sub;
  ssize start, end;
  if (!parse_sub_args(name, args, nargs, &sub, &start, &end)) return nullptr;
  if (!require_str(sub, name, 1)) return nullptr;
  adjust_indices(str_length(self), &start, &end);
  ssize r = str_find(self, sub, start, end, dir);
  if (r < 0 && raise) return set_error(&exc_ValueError, "substring not found");
  return int_from_ssize(r);
}

Object* str_find_m(Object* self, Object* const* args, ssize nargs) {
  return find_impl(self, args, nargs, "find", 1, false);
}
Object* str_rfind_m(Object* self, Object* const* args, ssize nargs) {
  return find_impl(self, args, nargs, "rfind", -1, false);
}
Object* str_index_m(Object* self, Object* const* args, ssize nargs) {
  return find_impl(self, args, nargs, "index", 1, true);
}
Object* str_rindex_m(Object* self, Object* const* args, ssize nargs) {
  return find_impl(self, args, nargs, "rindex", -1, true);
}

Object* str_count_m(Object* self, Object* const* args, ssize nargs) {
  Object* sub;
  ssize start, end;
  if (!parse_sub_args("count", args, nargs, &sub, &start, &end)) return nullptr;
  if (!require_str(sub, "count", 1)) return nullptr;
  adjust_indices(str_length(self), &start, &end);
  return int_from_ssize(str_count(self, sub, start, end));
}

// CPython's tailmatch: does s[start:end] start (dir < 0) or end (dir > 0) with sub?
bool tailmatch(Object* self, Object* sub, ssize start, ssize end, int dir) {
  ssize sublen = str_length(sub);
  adjust_indices(str_length(self), &start, &end);
  end -= sublen;
  if (end < start) return false;
  if (sublen == 0) return true;
  ssize at = dir > 0 ? end : start;
  StrChars a(self), b(sub);
  if (a.kind == b.kind) {
    return std::memcmp(static_cast<const char*>(a.data) + at * a.kind, b.data, size_t(sublen) * size_t(a.kind)) == 0;
  }
  for (ssize i = 0; i < sublen; i++)
    if (a[at + i] != b[i]) return false;
  return true;
}

Object* startsend(Object* self, Object* const* args, ssize nargs, const char* name, int dir) {
  Object* sub;
  ssize start, end;
  if (!parse_sub_args(name, args, nargs, &sub, &start, &end)) return nullptr;
  if (type_check(sub, &tuple_type)) {
    for (ssize i = 0; i < tuple_size(sub); i++) {
      Object* it = tuple_get(sub, i);
      if (!type_check(it, &str_type)) {
        return set_errorf(&exc_TypeError, "tuple for {} must only contain str, not {}", name, type_name(it));
      }
      if (tailmatch(self, it, start, end, dir)) return bool_obj(true);
    }
    return bool_obj(false);
  }
  if (!type_check(sub, &str_type)) {
    return set_errorf(&exc_TypeError, "{} first arg must be str or a tuple of str, not {}", name, type_name(sub));
  }
  return bool_obj(tailmatch(self, sub, start, end, dir));
}

Object* str_startswith(Object* self, Object* const* args, ssize nargs) {
  return startsend(self, args, nargs, "startswith", -1);
}
Object* str_endswith(Object* self, Object* const* args, ssize nargs) {
  return startsend(self, args, nargs, "endswith", 1);
}

// ---- Padding ----

Object* pad(Object* self, ssize left, ssize right, uint32_t fill) {
  if (left < 0) left = 0;
  if (right < 0) right = 0;
  if (left == 0 && right == 0) return unchanged(self);
  ssize len = str_length(self);
  if (left > kSsizeMax / 8 - len - right) return set_error(&exc_OverflowError, "padded string is too long");
  uint32_t m = max_char_of(self);
  if (fill > m) m = fill;
  Object* o = str_new(left + len + right, m);
  if (!o) return nullptr;
  int k = str_kind(o);
  void* d = str_data(o);
  for (ssize i = 0; i < left; i++) put_unit(d, k, i, fill);
  copy_chars(o, left, self, 0, len);
  for (ssize i = 0; i < right; i++) put_unit(d, k, left + len + i, fill);
  return o;
}

bool parse_fill(Object* o, uint32_t* out) {
  if (!type_check(o, &str_type)) {
    set_errorf(&exc_TypeError, "The fill character must be a unicode character, not {}", type_name(o));
    return false;
  }
  if (str_length(o) != 1) {
    set_error(&exc_TypeError, "The fill character must be exactly one character long");
    return false;
  }
  *out = str_char_at(o, 0);
  return true;
}

bool parse_width_fill(const char* name, Object* const* args, ssize nargs, ssize* width, uint32_t* fill) {
  if (!check_nargs(name, nargs, 1, 2)) return false;
  if (!arg_ssize(args[0], width)) return false;
  *fill = ' ';
  return nargs < 2 || parse_fill(args[1], fill);
}

Object* str_center(Object* self, Object* const* args, ssize nargs) {
  ssize width;
  uint32_t fill;
  if (!parse_width_fill("center", args, nargs, &width, &fill)) return nullptr;
  ssize len = str_length(self);
  if (len >= width) return unchanged(self);
  ssize marg = width - len;
  ssize left = marg / 2 + (marg & width & 1);
  return pad(self, left, marg - left, fill);
}

Object* str_ljust(Object* self, Object* const* args, ssize nargs) {
  ssize width;
  uint32_t fill;
  if (!parse_width_fill("ljust", args, nargs, &width, &fill)) return nullptr;
  if (str_length(self) >= width) return unchanged(self);
  return pad(self, 0, width - str_length(self), fill);
}

Object* str_rjust(Object* self, Object* const* args, ssize nargs) {
  ssize width;
  uint32_t fill;
  if (!parse_width_fill("rjust", args, nargs, &width, &fill)) return nullptr;
  if (str_length(self) >= width) return unchanged(self);
  return pad(self, width - str_length(self), 0, fill);
}

Object* str_zfill(Object* self, Object* arg) {
  ssize width;
  if (!arg_ssize(arg, &width)) return nullptr;
  ssize len = str_length(self);
  if (len >= width) return unchanged(self);
  ssize fill = width - len;
  Object* o = pad(self, fill, 0, '0');
  if (!o) return nullptr;
  int k = str_kind(o);
  void* d = str_data(o);
  uint32_t c = StrChars(o)[fill];
  if (c == '+' || c == '-') {
    put_unit(d, k, 0, c);
    put_unit(d, k, fill, '0');
  }
  return o;
}

Object* str_expandtabs(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* argv[1] = {nullptr};
  if (!parse_args("expandtabs", args, nargs, kwnames, {"tabsize"}, 0, argv)) return nullptr;
  ssize tabsize = 8;
  if (argv[0] && !arg_ssize(argv[0], &tabsize)) return nullptr;
  StrChars c(self);
  bool found = false;
  for (ssize i = 0; i < c.len && !found; i++) found = c[i] == '\t';
  if (!found) return unchanged(self);
  StrBuilder b;
  b.reserve(c.len);
  ssize line_pos = 0;
  for (ssize i = 0; i < c.len; i++) {
    uint32_t ch = c[i];
    if (ch == '\t') {
      if (tabsize > 0) {
        ssize incr = tabsize - (line_pos % tabsize);
        if (b.size() > kSsizeMax / 8 - incr) return set_error(&exc_OverflowError, "new string is too long");
        line_pos += incr;
        b.put_fill(' ', incr);
      }
    } else {
      line_pos++;
      b.put(ch);
      if (ch == '\n' || ch == '\r') line_pos = 0;
    }
  }
  return b.finish();
}

// ---- Stripping ----

enum { kLeft = 0, kRight = 1, kBoth = 2 };

Object* strip_impl(Object* self, Object* const* args, ssize nargs, int type) {
  static const char* const names[] = {"lstrip", "rstrip", "strip"};
  if (!check_nargs(names[type], nargs, 0, 1)) return nullptr;
  Object* chars = nargs ? args[0] : nullptr;
  if (chars == none()) chars = nullptr;
  if (chars && !type_check(chars, &str_type)) {
    return set_errorf(&exc_TypeError, "{} arg must be None or str", names[type]);
  }
  StrChars c(self);
  StrChars cs = chars ? StrChars(chars) : StrChars(1, nullptr, 0);
  auto in_set = [&](uint32_t ch) {
    if (!chars) return uchar_isspace(ch);
    for (ssize j = 0; j < cs.len; j++)
      if (cs[j] == ch) return true;
    return false;
  };
  ssize i = 0, j = c.len;
  if (type != kRight)
    while (i < j && in_set(c[i])) i++;
  if (type != kLeft)
    while (j > i && in_set(c[j - 1])) j--;
  return str_substring(self, i, j);
}

Object* str_strip(Object* self, Object* const* args, ssize nargs) { return strip_impl(self, args, nargs, kBoth); }
Object* str_lstrip(Object* self, Object* const* args, ssize nargs) { return strip_impl(self, args, nargs, kLeft); }
Object* str_rstrip(Object* self, Object* const* args, ssize nargs) { return strip_impl(self, args, nargs, kRight); }

Object* str_removeprefix(Object* self, Object* prefix) {
  if (!type_check(prefix, &str_type)) {
    return set_errorf(&exc_TypeError, "removeprefix() argument must be str, not {}", clinic_type_name(prefix));
  }
  if (tailmatch(self, prefix, 0, kSsizeMax, -1)) return str_substring(self, str_length(prefix), str_length(self));
  return unchanged(self);
}

Object* str_removesuffix(Object* self, Object* suffix) {
  if (!type_check(suffix, &str_type)) {
    return set_errorf(&exc_TypeError, "removesuffix() argument must be str, not {}", clinic_type_name(suffix));
  }
  if (str_length(suffix) && tailmatch(self, suffix, 0, kSsizeMax, 1)) {
    return str_substring(self, 0, str_length(self) - str_length(suffix));
  }
  return unchanged(self);
}

// ---- Splitting ----

bool parse_split_args(const char* name, Object* const* args, ssize nargs, Object* kwnames, Object** sep,
                      ssize* maxsplit) {
  Object* argv[2] = {nullptr, nullptr};
  if (!parse_args(name, args, nargs, kwnames, {"sep", "maxsplit"}, 0, argv)) return false;
  *sep = argv[0] == none() ? nullptr : argv[0];
  *maxsplit = -1;
  if (argv[1] && !arg_ssize(argv[1], maxsplit)) return false;
  if (*sep && !type_check(*sep, &str_type)) {
    set_errorf(&exc_TypeError, "must be str or None, not {}", type_name(*sep));
    return false;
  }
  if (*sep && str_length(*sep) == 0) {
    set_error(&exc_ValueError, "empty separator");
    return false;
  }
  if (*maxsplit < 0) *maxsplit = kSsizeMax;
  return true;
}

bool add_piece(std::vector<ORef>& out, Object* self, ssize i, ssize j) {
  Object* p = str_substring(self, i, j);
  if (!p) return false;
  out.push_back(steal(p));
  return true;
}

Object* str_split(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* sep;
  ssize maxcount;
  if (!parse_split_args("split", args, nargs, kwnames, &sep, &maxcount)) return nullptr;
  StrChars c(self);
  std::vector<ORef> out;
  ssize len = c.len;
  if (!sep) {
    ssize i = 0, j;
    while (maxcount-- > 0) {
      while (i < len && uchar_isspace(c[i])) i++;
      if (i == len) break;
      j = i;
      i++;
      while (i < len && !uchar_isspace(c[i])) i++;
      if (!add_piece(out, self, j, i)) return nullptr;
    }
    if (i < len) {
      while (i < len && uchar_isspace(c[i])) i++;
      if (i != len && !add_piece(out, self, i, len)) return nullptr;
    }
    return make_list(out);
  }
  ssize seplen = str_length(sep), i = 0;
  while (maxcount-- > 0) {
    ssize pos = str_find(self, sep, i, len, 1);
    if (pos < 0) break;
    if (!add_piece(out, self, i, pos)) return nullptr;
    i = pos + seplen;
  }
  if (!add_piece(out, self, i, len)) return nullptr;
  return make_list(out);
}

Object* str_rsplit(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* sep;
  ssize maxcount;
  if (!parse_split_args("rsplit", args, nargs, kwnames, &sep, &maxcount)) return nullptr;
  StrChars c(self);
  std::vector<ORef> out;
  ssize len = c.len;
  if (!sep) {
    ssize i = len - 1, j;
    while (maxcount-- > 0) {
      while (i >= 0 && uchar_isspace(c[i])) i--;
      if (i < 0) break;
      j = i;
      i--;
      while (i >= 0 && !uchar_isspace(c[i])) i--;
      if (!add_piece(out, self, i + 1, j + 1)) return nullptr;
    }
    if (i >= 0) {
      while (i >= 0 && uchar_isspace(c[i])) i--;
      if (i >= 0 && !add_piece(out, self, 0, i + 1)) return nullptr;
    }
  } else {
    ssize seplen = str_length(sep), j = len;
    while (maxcount-- > 0) {
      ssize pos = str_find(self, sep, 0, j, -1);
      if (pos < 0) break;
      if (!add_piece(out, self, pos + seplen, j)) return nullptr;
      j = pos;
    }
    if (!add_piece(out, self, 0, j)) return nullptr;
  }
  std::reverse(out.begin(), out.end());
  return make_list(out);
}

Object* str_splitlines(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* argv[1] = {nullptr};
  if (!parse_args("splitlines", args, nargs, kwnames, {"keepends"}, 0, argv)) return nullptr;
  bool keepends = false;
  if (argv[0]) {
    int t = object_is_true(argv[0]);
    if (t < 0) return nullptr;
    keepends = t;
  }
  StrChars c(self);
  std::vector<ORef> out;
  ssize i = 0, j = 0, len = c.len;
  while (i < len) {
    while (i < len && !uchar_islinebreak(c[i])) i++;
    ssize eol = i;
    if (i < len) {
      if (c[i] == '\r' && i + 1 < len && c[i + 1] == '\n') {
        i += 2;
      } else {
        i++;
      }
      if (keepends) eol = i;
    }
    if (!add_piece(out, self, j, eol)) return nullptr;
    j = i;
  }
  return make_list(out);
}

Object* partition_impl(Object* self, Object* sep, bool right) {
  if (!type_check(sep, &str_type)) return set_errorf(&exc_TypeError, "must be str, not {}", type_name(sep));
  if (str_length(sep) == 0) return set_error(&exc_ValueError, "empty separator");
  ssize len = str_length(self);
  ssize pos = str_find(self, sep, 0, len, right ? -1 : 1);
  ORef a, b, c;
  if (pos < 0) {
    ORef whole = steal(unchanged(self));
    if (!whole) return nullptr;
    if (right) {
      a = borrow(str_empty());
      b = borrow(str_empty());
      c = whole;
    } else {
      a = whole;
      b = borrow(str_empty());
      c = borrow(str_empty());
    }
  } else {
    a = steal(str_substring(self, 0, pos));
    b = borrow(sep);
    c = steal(str_substring(self, pos + str_length(sep), len));
    if (!a || !c) return nullptr;
  }
  return tuple_pack({a.get(), b.get(), c.get()});
}

Object* str_partition(Object* self, Object* sep) { return partition_impl(self, sep, false); }
Object* str_rpartition(Object* self, Object* sep) { return partition_impl(self, sep, true); }

// ---- replace, join, translate ----

Object* str_replace(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  ssize nkw = kwnames ? tuple_size(kwnames) : 0;
  Object* count_arg = nullptr;
  for (ssize i = 0; i < nkw; i++) {
    Object* k = tuple_get(kwnames, i);
    if (str_view(k) != "count") {
      return set_errorf(&exc_TypeError, "replace() got an unexpected keyword argument '{}'", str_view(k));
    }
    if (nargs > 2) {
      return set_error(&exc_TypeError, "argument for replace() given by name ('count') and position (3)");
    }
    count_arg = args[nargs + i];
  }
  if (nargs < 2) {
    return set_errorf(&exc_TypeError, "replace() takes at least 2 positional arguments ({} given)", nargs);
  }
  if (nargs > 3) return set_errorf(&exc_TypeError, "replace() takes at most 3 arguments ({} given)", nargs + nkw);
  if (nargs == 3) count_arg = args[2];
  Object* old = args[0];
  Object* nw = args[1];
  if (!require_str(old, "replace", 1) || !require_str(nw, "replace", 2)) return nullptr;
  ssize maxcount = -1;
  if (count_arg && !arg_ssize(count_arg, &maxcount)) return nullptr;
  if (maxcount < 0) maxcount = kSsizeMax;
  ssize len = str_length(self), oldlen = str_length(old);
  if (maxcount == 0) return unchanged(self);
  StrBuilder b;
  StrChars c(self);
  ssize done = 0;
  if (oldlen == 0) {
    // Insert `new` before every character and at the end, at most maxcount times.
    ssize i = 0;
    for (; i <= len && done < maxcount; i++) {
      b.put_str(nw);
      done++;
      if (i < len) b.put(c[i]);
    }
    for (; i < len; i++) b.put(c[i]);
    return b.finish();
  }
  ssize i = 0;
  while (done < maxcount) {
    ssize pos = str_find(self, old, i, len, 1);
    if (pos < 0) break;
    b.put_range(self, i, pos);
    b.put_str(nw);
    i = pos + oldlen;
    done++;
  }
  if (done == 0) return unchanged(self);
  b.put_range(self, i, len);
  return b.finish();
}

Object* str_join_m(Object* self, Object* iterable) { return str_join(self, iterable); }

Object* str_translate(Object* self, Object* table) {
  StrChars c(self);
  StrBuilder b;
  b.reserve(c.len);
  // Results for Latin-1 characters are cached per call, as CPython's ASCII fast path does.
  enum : uint8_t { kUnknown, kKeep, kDelete, kMapped };
  uint8_t state[256] = {};
  ORef mapped[256];
  for (ssize i = 0; i < c.len; i++) {
    uint32_t ch = c[i];
    if (ch < 256 && state[ch] != kUnknown) {
      if (state[ch] == kKeep) {
        b.put(ch);
      } else if (state[ch] == kMapped) {
        b.put_str(mapped[ch].get());
      }
      continue;
    }
    ORef key = steal(int_from_i64(ch));
    if (!key) return nullptr;
    ORef v = steal(get_item(table, key.get()));
    uint8_t st;
    ORef rep;
    if (!v) {
      if (!error_matches(&exc_LookupError)) return nullptr;
      error_clear();
      st = kKeep;
    } else if (v.get() == none()) {
      st = kDelete;
    } else if (type_check(v.get(), &int_type)) {
      int overflow = 0;
      int64_t x = int_as_i64(v.get(), &overflow);
      if (overflow || x < 0 || x > 0x10ffff) {
        error_clear();
        return set_error(&exc_ValueError, "character mapping must be in range(0x110000)");
      }
      rep = steal(str_from_char(uint32_t(x)));
      if (!rep) return nullptr;
      st = kMapped;
    } else if (type_check(v.get(), &str_type)) {
      rep = v;
      st = kMapped;
    } else {
      return set_error(&exc_TypeError, "character mapping must return integer, None or str");
    }
    if (st == kKeep) {
      b.put(ch);
    } else if (st == kMapped) {
      b.put_str(rep.get());
    }
    if (ch < 256) {
      state[ch] = st;
      mapped[ch] = rep;
    }
  }
  return b.finish();
}

Object* str_maketrans(Object*, Object* const* args, ssize nargs) {
  if (!check_nargs("maketrans", nargs, 1, 3)) return nullptr;
  Object* x = args[0];
  Object* y = nargs > 1 ? args[1] : nullptr;
  Object* z = nargs > 2 ? args[2] : nullptr;
  if (y && !require_str(y, "maketrans", 2)) return nullptr;
  if (z && !require_str(z, "maketrans", 3)) return nullptr;
  ORef d = steal(dict_new());
  if (!d) return nullptr;
  if (y) {
    if (!type_check(x, &str_type)) {
      return set_error(&exc_TypeError, "first maketrans argument must be a string if there is a second argument");
    }
    if (str_length(x) != str_length(y)) {
      return set_error(&exc_ValueError, "the first two maketrans arguments must have equal length");
    }
    StrChars cx(x), cy(y);
    for (ssize i = 0; i < cx.len; i++) {
      ORef k = steal(int_from_i64(cx[i]));
      ORef v = steal(int_from_i64(cy[i]));
      if (!k || !v || dict_set(d.get(), k.get(), v.get()) < 0) return nullptr;
    }
    if (z) {
      StrChars cz(z);
      for (ssize i = 0; i < cz.len; i++) {
        ORef k = steal(int_from_i64(cz[i]));
        if (!k || dict_set(d.get(), k.get(), none()) < 0) return nullptr;
      }
    }
    return d.release_obj();
  }
  if (!type_check(x, &dict_type)) {
    return set_error(&exc_TypeError, "if you give only one argument to maketrans it must be a dict");
  }
  ssize pos = 0;
  Object *k, *v;
  while (dict_next(x, &pos, &k, &v)) {
    ORef key = steal(k), val = steal(v);
    ORef nk;
    if (type_check(key.get(), &str_type)) {
      if (str_length(key.get()) != 1) {
        return set_error(&exc_ValueError, "string keys in translate table must be of length 1");
      }
      nk = steal(int_from_i64(str_char_at(key.get(), 0)));
      if (!nk) return nullptr;
    } else if (type_check(key.get(), &int_type)) {
      nk = key;
    } else {
      return set_error(&exc_TypeError, "keys in translate table must be strings or integers");
    }
    if (dict_set(d.get(), nk.get(), val.get()) < 0) return nullptr;
  }
  return d.release_obj();
}

// ---- encode, format, misc ----

Object* str_encode_m(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* argv[2] = {nullptr, nullptr};
  if (!parse_args("encode", args, nargs, kwnames, {"encoding", "errors"}, 0, argv)) return nullptr;
  const char* names[2] = {"encoding", "errors"};
  const char* vals[2] = {"utf-8", "strict"};
  for (int i = 0; i < 2; i++) {
    if (!argv[i]) continue;
    if (!type_check(argv[i], &str_type)) {
      return set_errorf(&exc_TypeError, "encode() argument '{}' must be str, not {}", names[i],
                        clinic_type_name(argv[i]));
    }
    vals[i] = str_utf8(argv[i]);
    if (!vals[i]) return nullptr;
  }
  return str_encode(self, vals[0], vals[1]);
}

Object* str_format_m(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  ORef t = steal(tuple_from_array(args, nargs));
  if (!t) return nullptr;
  ORef kw;
  if (kwnames && tuple_size(kwnames)) {
    kw = steal(dict_new());
    if (!kw) return nullptr;
    for (ssize i = 0; i < tuple_size(kwnames); i++) {
      if (dict_set(kw.get(), tuple_get(kwnames, i), args[nargs + i]) < 0) return nullptr;
    }
  }
  return str_format_call(self, t.get(), kw.get());
}

Object* str_format_map(Object* self, Object* mapping) { return str_format_call(self, nullptr, mapping); }

Object* str_dunder_format(Object* self, Object* spec) {
  if (!type_check(spec, &str_type)) {
    return set_errorf(&exc_TypeError, "__format__() argument must be str, not {}", clinic_type_name(spec));
  }
  return str_format_spec(self, spec);
}

Object* str_getnewargs(Object* self, Object*) {
  ORef copy = steal(str_from_kind(str_kind(self), str_data(self), str_length(self)));
  if (!copy) return nullptr;
  return tuple_pack({copy.get()});
}

Object* str_sizeof(Object* self, Object*) {
  auto* a = reinterpret_cast<PyASCIIObject*>(self);
  auto* c = reinterpret_cast<PyCompactUnicodeObject*>(self);
  ssize len = a->length, kind = a->state.kind;
  ssize size;
  if (a->state.compact && a->state.ascii) {
    size = ssize(sizeof(PyASCIIObject)) + len + 1;
  } else if (a->state.compact) {
    size = ssize(sizeof(PyCompactUnicodeObject)) + (len + 1) * kind;
  } else {
    size = ssize(sizeof(PyUnicodeObject)) + (len + 1) * kind;
  }
  char* utf8 = __atomic_load_n(&c->utf8, __ATOMIC_ACQUIRE);
  if (!a->state.ascii && utf8) size += __atomic_load_n(&c->utf8_length, __ATOMIC_RELAXED) + 1;
  return int_from_ssize(size);
}

}  // namespace

#define FAST(f) as_cfunc(f), METH_FASTCALL
#define FASTKW(f) as_cfunc(f), METH_FASTCALL | METH_KEYWORDS

PyMethodDef str_method_table[] = {{"encode", FASTKW(str_encode_m), DOC_str_encode},
                                  {"replace", FASTKW(str_replace), DOC_str_replace},
                                  {"split", FASTKW(str_split), DOC_str_split},
                                  {"rsplit", FASTKW(str_rsplit), DOC_str_rsplit},
                                  {"join", str_join_m, METH_O, DOC_str_join},
                                  {"capitalize", str_capitalize, METH_NOARGS, DOC_str_capitalize},
                                  {"casefold", str_casefold, METH_NOARGS, DOC_str_casefold},
                                  {"title", str_title, METH_NOARGS, DOC_str_title},
                                  {"center", FAST(str_center), DOC_str_center},
                                  {"count", FAST(str_count_m), DOC_str_count},
                                  {"expandtabs", FASTKW(str_expandtabs), DOC_str_expandtabs},
                                  {"find", FAST(str_find_m), DOC_str_find},
                                  {"partition", str_partition, METH_O, DOC_str_partition},
                                  {"index", FAST(str_index_m), DOC_str_index},
                                  {"ljust", FAST(str_ljust), DOC_str_ljust},
                                  {"lower", str_lower, METH_NOARGS, DOC_str_lower},
                                  {"lstrip", FAST(str_lstrip), DOC_str_lstrip},
                                  {"rfind", FAST(str_rfind_m), DOC_str_rfind},
                                  {"rindex", FAST(str_rindex_m), DOC_str_rindex},
                                  {"rjust", FAST(str_rjust), DOC_str_rjust},
                                  {"rstrip", FAST(str_rstrip), DOC_str_rstrip},
                                  {"rpartition", str_rpartition, METH_O, DOC_str_rpartition},
                                  {"splitlines", FASTKW(str_splitlines), DOC_str_splitlines},
                                  {"strip", FAST(str_strip), DOC_str_strip},
                                  {"swapcase", str_swapcase, METH_NOARGS, DOC_str_swapcase},
                                  {"translate", str_translate, METH_O, DOC_str_translate},
                                  {"upper", str_upper, METH_NOARGS, DOC_str_upper},
                                  {"startswith", FAST(str_startswith), DOC_str_startswith},
                                  {"endswith", FAST(str_endswith), DOC_str_endswith},
                                  {"removeprefix", str_removeprefix, METH_O, DOC_str_removeprefix},
                                  {"removesuffix", str_removesuffix, METH_O, DOC_str_removesuffix},
                                  {"isascii", str_isascii, METH_NOARGS, DOC_str_isascii},
                                  {"islower", str_islower, METH_NOARGS, DOC_str_islower},
                                  {"isupper", str_isupper, METH_NOARGS, DOC_str_isupper},
                                  {"istitle", str_istitle, METH_NOARGS, DOC_str_istitle},
                                  {"isspace", all_chars<uchar_isspace>, METH_NOARGS, DOC_str_isspace},
                                  {"isdecimal", all_chars<uchar_isdecimal>, METH_NOARGS, DOC_str_isdecimal},
                                  {"isdigit", all_chars<uchar_isdigit>, METH_NOARGS, DOC_str_isdigit},
                                  {"isnumeric", all_chars<uchar_isnumeric>, METH_NOARGS, DOC_str_isnumeric},
                                  {"isalpha", all_chars<uchar_isalpha>, METH_NOARGS, DOC_str_isalpha},
                                  {"isalnum", all_chars<is_alnum_char>, METH_NOARGS, DOC_str_isalnum},
                                  {"isidentifier", str_isidentifier, METH_NOARGS, DOC_str_isidentifier},
                                  {"isprintable", str_isprintable, METH_NOARGS, DOC_str_isprintable},
                                  {"zfill", str_zfill, METH_O, DOC_str_zfill},
                                  {"format", FASTKW(str_format_m), DOC_str_format},
                                  {"format_map", str_format_map, METH_O, DOC_str_format_map},
                                  {"__format__", str_dunder_format, METH_O, DOC_str___format__},
                                  {"maketrans", FAST(str_maketrans) | METH_STATIC, DOC_str_maketrans},
                                  {"__sizeof__", str_sizeof, METH_NOARGS, DOC_str___sizeof__},
                                  {"__getnewargs__", str_getnewargs, METH_NOARGS, DOC_str___getnewargs__},
                                  {nullptr, nullptr, 0, nullptr}};

#undef FAST
#undef FASTKW

}  // namespace pyvm
