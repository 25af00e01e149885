// The methods of bytes and bytearray. The read-only ones are written once over a byte view; bytearray runs them on a
// snapshot of its contents taken under its critical section (the `snapshot` adapters), so that they may call Python
// code (__index__, iterators, __bytes__) without holding the lock. bytearray's mutators lock explicitly.
#include <algorithm>
#include <climits>
#include <cstring>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/buffer.h"
#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/methods.h"
#include "objects/range.h"
#include "objects/str.h"
#include "objects/str_docs.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/sync/mutex.h"

namespace pyvm {
namespace {

constexpr ssize kSsizeMax = PTRDIFF_MAX;
constexpr char kHexDigits[] = "0123456789abcdef";

// The contents a method works on, and whether results are bytearrays.
struct BView {
  std::string_view d;
  bool ba;
  Object* self;
  ssize len() const { return ssize(d.size()); }
  const char* tname() const { return ba ? "bytearray" : "bytes"; }
};

Object* result(const BView& v, std::string_view s) {
  return v.ba ? bytearray_from(s.data(), ssize(s.size())) : bytes_from(s.data(), ssize(s.size()));
}

// bytes: self when it is an exact bytes, else a copy; bytearray: always a new bytearray.
Object* unchanged(const BView& v) {
  if (!v.ba && type_check_exact(v.self, &bytes_type)) return newref(v.self);
  return result(v, v.d);
}

using Impl0 = Object* (*)(const BView&);
using Impl1 = Object* (*)(const BView&, Object*);
using ImplN = Object* (*)(const BView&, Object* const*, ssize, Object*);

std::string take_snapshot(Object* self) {
  sync::CriticalSection cs(self);
  return std::string(bytearray_data(self), size_t(bytearray_size(self)));
}

template <Impl0 F>
Object* on_bytes0(Object* self, Object*) {
  return F(BView{bytes_view(self), false, self});
}
template <Impl1 F>
Object* on_bytes1(Object* self, Object* arg) {
  return F(BView{bytes_view(self), false, self}, arg);
}
template <ImplN F>
Object* on_bytesn(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  return F(BView{bytes_view(self), false, self}, args, nargs, kwnames);
}
template <Impl0 F>
Object* snapshot0(Object* self, Object*) {
  std::string copy = take_snapshot(self);
  return F(BView{copy, true, self});
}
template <Impl1 F>
Object* snapshot1(Object* self, Object* arg) {
  std::string copy = take_snapshot(self);
  return F(BView{copy, true, self}, arg);
}
template <ImplN F>
Object* snapshotn(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  std::string copy = take_snapshot(self);
  return F(BView{copy, true, self}, args, nargs, kwnames);
}

// ---- Argument helpers ----

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

bool no_kw(const BView& v, const char* name, Object* kwnames) {
  if (kwnames && tuple_size(kwnames)) {
    set_errorf(&exc_TypeError, "{}.{}() takes no keyword arguments", v.tname(), name);
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

// The `sub` of find/count/index: an int in range(256) or a bytes-like object.
bool sub_arg(Object* o, std::string* out) {
  if (index_check(o)) {
    ssize v = number_as_ssize(o, nullptr);
    if (v == -1 && error_occurred()) return false;
    if (v < 0 || v >= 256) {
      set_error(&exc_ValueError, "byte must be in range(0, 256)");
      return false;
    }
    out->assign(1, char(v));
    return true;
  }
  PyBufferProcs* bp = type_of(o)->tp_as_buffer;
  if (!bp || !bp->bf_getbuffer) {
    set_errorf(&exc_TypeError, "argument should be integer or bytes-like object, not '{}'", type_name(o));
    return false;
  }
  return bytes_like_copy(o, out);
}

bool parse_find(const BView& v, const char* name, Object* const* args, ssize nargs, Object* kwnames, Object** sub,
                ssize* start, ssize* end) {
  if (!no_kw(v, name, kwnames) || !check_nargs(name, nargs, 1, 3)) return false;
  *sub = args[0];
  *start = 0;
  *end = kSsizeMax;
  if (nargs > 1 && !slice_index(args[1], start)) return false;
  if (nargs > 2 && !slice_index(args[2], end)) return false;
  return true;
}

inline bool b_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
inline bool b_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
inline bool b_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
inline bool b_alpha(unsigned char c) { return b_lower(c) || b_upper(c); }
inline bool b_digit(unsigned char c) { return c >= '0' && c <= '9'; }
inline bool b_alnum(unsigned char c) { return b_alpha(c) || b_digit(c); }
inline char b_tolower(unsigned char c) { return char(b_upper(c) ? c + 32 : c); }
inline char b_toupper(unsigned char c) { return char(b_lower(c) ? c - 32 : c); }

Object* make_list(std::vector<ORef>& items) {
  Object* l = list_new(ssize(items.size()));
  if (!l) return nullptr;
  for (size_t i = 0; i < items.size(); i++) list_items(l)[i] = items[i].release_obj();
  return l;
}

bool add_piece(std::vector<ORef>& out, const BView& v, ssize i, ssize j) {
  Object* p = (i == 0 && j == v.len()) ? unchanged(v) : result(v, v.d.substr(size_t(i), size_t(j - i)));
  if (!p) return false;
  out.push_back(steal(p));
  return true;
}

ssize find_in(std::string_view h, std::string_view n, ssize start, ssize end, int dir) {
  if (end - start < ssize(n.size())) return -1;
  if (n.empty()) return dir > 0 ? start : end;
  std::string_view w = h.substr(size_t(start), size_t(end - start));
  if (dir > 0) {
    // glibc's memmem is linear (two-way); string_view::find is O(len(h) * len(n)) on inputs such as CPython's
    // test_adaptive_find (needle 'a'*N + 'b'*2N + 'a'*N), which would take hours at N = 10**6.
    const void* p = memmem(w.data(), w.size(), n.data(), n.size());
    return p ? ssize(static_cast<const char*>(p) - w.data()) + start : -1;
  }
  size_t p = w.rfind(n);
  return p == std::string_view::npos ? -1 : ssize(p) + start;
}

// ---- Searching ----

Object* find_impl(const BView& v, Object* const* args, ssize nargs, Object* kwnames, const char* name, int dir,
                  bool raise) {
  Object* subobj;
  ssize start, end;
  if (!parse_find(v, name, args, nargs, kwnames, &subobj, &start, &end)) return nullptr;
  std::string sub;
  if (!sub_arg(subobj, &sub)) return nullptr;
  adjust_indices(v.len(), &start, &end);
  ssize r = find_in(v.d, sub, start, end, dir);
  if (r < 0 && raise) return set_error(&exc_ValueError, "subsection not found");
  return int_from_ssize(r);
}

Object* m_find(const BView& v, Object* const* a, ssize n, Object* k) { return find_impl(v, a, n, k, "find", 1, false); }
Object* m_rfind(const BView& v, Object* const* a, ssize n, Object* k) {
  return find_impl(v, a, n, k, "rfind", -1, false);
}
Object* m_index(const BView& v, Object* const* a, ssize n, Object* k) {
  return find_impl(v, a, n, k, "index", 1, true);
}
Object* m_rindex(const BView& v, Object* const* a, ssize n, Object* k) {
  return find_impl(v, a, n, k, "rindex", -1, true);
}

Object* m_count(const BView& v, Object* const* args, ssize nargs, Object* kwnames) {
  Object* subobj;
  ssize start, end;
  if (!parse_find(v, "count", args, nargs, kwnames, &subobj, &start, &end)) return nullptr;
  std::string sub;
  if (!sub_arg(subobj, &sub)) return nullptr;
  adjust_indices(v.len(), &start, &end);
  if (end - start < ssize(sub.size())) return int_from_ssize(0);
  if (sub.empty()) return int_from_ssize(end - start + 1);
  ssize count = 0;
  ssize i = start;
  while ((i = find_in(v.d, sub, i, end, 1)) >= 0) {
    count++;
    i += ssize(sub.size());
  }
  return int_from_ssize(count);
}

bool tailmatch(std::string_view d, std::string_view sub, ssize start, ssize end, int dir) {
  adjust_indices(ssize(d.size()), &start, &end);
  end -= ssize(sub.size());
  if (end < start) return false;
  if (sub.empty()) return true;
  ssize at = dir > 0 ? end : start;
  return d.substr(size_t(at), sub.size()) == sub;
}

Object* startsend(const BView& v, Object* const* args, ssize nargs, Object* kwnames, const char* name, int dir) {
  Object* subobj;
  ssize start, end;
  if (!parse_find(v, name, args, nargs, kwnames, &subobj, &start, &end)) return nullptr;
  std::string sub;
  if (type_check(subobj, &tuple_type)) {
    for (ssize i = 0; i < tuple_size(subobj); i++) {
      if (!bytes_like_copy(tuple_get(subobj, i), &sub)) return nullptr;
      if (tailmatch(v.d, sub, start, end, dir)) return bool_obj(true);
    }
    return bool_obj(false);
  }
  PyBufferProcs* bp = type_of(subobj)->tp_as_buffer;
  if (!bp || !bp->bf_getbuffer) {
    return set_errorf(&exc_TypeError, "{} first arg must be bytes or a tuple of bytes, not {}", name,
                      type_name(subobj));
  }
  if (!bytes_like_copy(subobj, &sub)) return nullptr;
  return bool_obj(tailmatch(v.d, sub, start, end, dir));
}

Object* m_startswith(const BView& v, Object* const* a, ssize n, Object* k) {
  return startsend(v, a, n, k, "startswith", -1);
}
Object* m_endswith(const BView& v, Object* const* a, ssize n, Object* k) {
  return startsend(v, a, n, k, "endswith", 1);
}

// ---- Case and character classes (ASCII only, as CPython's bytes methods) ----

template <bool (*P)(unsigned char)>
Object* m_all(const BView& v) {
  if (v.d.empty()) return bool_obj(false);
  for (char c : v.d)
    if (!P(uint8_t(c))) return bool_obj(false);
  return bool_obj(true);
}

Object* m_isascii(const BView& v) {
  for (char c : v.d)
    if (uint8_t(c) >= 0x80) return bool_obj(false);
  return bool_obj(true);
}

Object* m_islower(const BView& v) {
  bool cased = false;
  for (char c : v.d) {
    if (b_upper(uint8_t(c))) return bool_obj(false);
    if (b_lower(uint8_t(c))) cased = true;
  }
  return bool_obj(cased);
}

Object* m_isupper(const BView& v) {
  bool cased = false;
  for (char c : v.d) {
    if (b_lower(uint8_t(c))) return bool_obj(false);
    if (b_upper(uint8_t(c))) cased = true;
  }
  return bool_obj(cased);
}

Object* m_istitle(const BView& v) {
  bool cased = false, prev = false;
  for (char ch : v.d) {
    unsigned char c = uint8_t(ch);
    if (b_upper(c)) {
      if (prev) return bool_obj(false);
      prev = cased = true;
    } else if (b_lower(c)) {
      if (!prev) return bool_obj(false);
      prev = cased = true;
    } else {
      prev = false;
    }
  }
  return bool_obj(cased);
}

enum class Case { kLower, kUpper, kSwap, kTitle, kCapitalize };

template <Case C>
Object* m_case(const BView& v) {
  std::string out(v.d);
  bool prev = false;
  for (size_t i = 0; i < out.size(); i++) {
    unsigned char c = uint8_t(out[i]);
    switch (C) {
      case Case::kLower:
        out[i] = b_tolower(c);
        break;
      case Case::kUpper:
        out[i] = b_toupper(c);
        break;
      case Case::kSwap:
        out[i] = b_upper(c) ? b_tolower(c) : b_toupper(c);
        break;
      case Case::kTitle:
        out[i] = prev ? b_tolower(c) : b_toupper(c);
        prev = b_alpha(c);
        break;
      case Case::kCapitalize:
        out[i] = i == 0 ? b_toupper(c) : b_tolower(c);
        break;
    }
  }
  return result(v, out);
}

// ---- Padding ----

bool fill_arg(const char* name, Object* o, char* out) {
  if ((type_check(o, &bytes_type) && bytes_size(o) == 1) ||
      (type_check(o, &bytearray_type) && bytearray_size(o) == 1)) {
    *out = type_check(o, &bytes_type) ? bytes_data(o)[0] : bytearray_data(o)[0];
    return true;
  }
  set_errorf(&exc_TypeError, "{}() argument 2 must be a byte string of length 1, not {}", name, type_name(o));
  return false;
}

Object* pad(const BView& v, ssize left, ssize right, char fill) {
  if (left < 0) left = 0;
  if (right < 0) right = 0;
  if (left == 0 && right == 0) return unchanged(v);
  std::string out;
  out.reserve(size_t(left + v.len() + right));
  out.append(size_t(left), fill);
  out.append(v.d);
  out.append(size_t(right), fill);
  return result(v, out);
}

bool parse_width_fill(const BView& v, const char* name, Object* const* args, ssize nargs, Object* kwnames, ssize* width,
                      char* fill) {
  if (!no_kw(v, name, kwnames) || !check_nargs(name, nargs, 1, 2)) return false;
  if (!arg_ssize(args[0], width)) return false;
  *fill = ' ';
  return nargs < 2 || fill_arg(name, args[1], fill);
}

Object* m_center(const BView& v, Object* const* args, ssize nargs, Object* kwnames) {
  ssize width;
  char fill;
  if (!parse_width_fill(v, "center", args, nargs, kwnames, &width, &fill)) return nullptr;
  if (v.len() >= width) return unchanged(v);
  ssize marg = width - v.len();
  ssize left = marg / 2 + (marg & width & 1);
  return pad(v, left, marg - left, fill);
}

Object* m_ljust(const BView& v, Object* const* args, ssize nargs, Object* kwnames) {
  ssize width;
  char fill;
  if (!parse_width_fill(v, "ljust", args, nargs, kwnames, &width, &fill)) return nullptr;
  return pad(v, 0, width - v.len(), fill);
}

Object* m_rjust(const BView& v, Object* const* args, ssize nargs, Object* kwnames) {
  ssize width;
  char fill;
  if (!parse_width_fill(v, "rjust", args, nargs, kwnames, &width, &fill)) return nullptr;
  return pad(v, width - v.len(), 0, fill);
}

Object* m_zfill(const BView& v, Object* arg) {
  ssize width;
  if (!arg_ssize(arg, &width)) return nullptr;
  if (v.len() >= width) return unchanged(v);
  ssize fill = width - v.len();
  std::string out(size_t(fill), '0');
  out.append(v.d);
  if (out[size_t(fill)] == '+' || out[size_t(fill)] == '-') {
    out[0] = out[size_t(fill)];
    out[size_t(fill)] = '0';
  }
  return result(v, out);
}

Object* m_expandtabs(const BView& v, Object* const* args, ssize nargs, Object* kwnames) {
  Object* argv[1] = {nullptr};
  if (!parse_args("expandtabs", args, nargs, kwnames, {"tabsize"}, 0, argv)) return nullptr;
  ssize tabsize = 8;
  if (argv[0] && !arg_ssize(argv[0], &tabsize)) return nullptr;
  std::string out;
  ssize col = 0;
  for (char c : v.d) {
    if (c == '\t') {
      if (tabsize > 0) {
        ssize incr = tabsize - (col % tabsize);
        col += incr;
        out.append(size_t(incr), ' ');
      }
    } else {
      col++;
      out.push_back(c);
      if (c == '\n' || c == '\r') col = 0;
    }
  }
  return result(v, out);
}

// ---- Stripping, splitting, partitioning ----

Object* strip_impl(const BView& v, Object* const* args, ssize nargs, Object* kwnames, const char* name, bool left,
                   bool right) {
  if (!no_kw(v, name, kwnames) || !check_nargs(name, nargs, 0, 1)) return nullptr;
  std::string chars;
  bool ws = nargs == 0 || args[0] == none();
  if (!ws && !bytes_like_copy(args[0], &chars)) return nullptr;
  auto in_set = [&](char c) { return ws ? b_space(uint8_t(c)) : chars.find(c) != std::string::npos; };
  ssize i = 0, j = v.len();
  if (left)
    while (i < j && in_set(v.d[size_t(i)])) i++;
  if (right)
    while (j > i && in_set(v.d[size_t(j - 1)])) j--;
  if (i == 0 && j == v.len()) return unchanged(v);
  return result(v, v.d.substr(size_t(i), size_t(j - i)));
}

Object* m_strip(const BView& v, Object* const* a, ssize n, Object* k) {
  return strip_impl(v, a, n, k, "strip", true, true);
}
Object* m_lstrip(const BView& v, Object* const* a, ssize n, Object* k) {
  return strip_impl(v, a, n, k, "lstrip", true, false);
}
Object* m_rstrip(const BView& v, Object* const* a, ssize n, Object* k) {
  return strip_impl(v, a, n, k, "rstrip", false, true);
}

bool parse_split(const char* name, Object* const* args, ssize nargs, Object* kwnames, bool* ws, std::string* sep,
                 ssize* maxsplit) {
  Object* argv[2] = {nullptr, nullptr};
  if (!parse_args(name, args, nargs, kwnames, {"sep", "maxsplit"}, 0, argv)) return false;
  *maxsplit = -1;
  if (argv[1] && !arg_ssize(argv[1], maxsplit)) return false;
  if (*maxsplit < 0) *maxsplit = kSsizeMax;
  *ws = !argv[0] || argv[0] == none();
  if (*ws) return true;
  if (!bytes_like_copy(argv[0], sep)) return false;
  if (sep->empty()) {
    set_error(&exc_ValueError, "empty separator");
    return false;
  }
  return true;
}

Object* m_split(const BView& v, Object* const* args, ssize nargs, Object* kwnames) {
  bool ws;
  std::string sep;
  ssize maxcount;
  if (!parse_split("split", args, nargs, kwnames, &ws, &sep, &maxcount)) return nullptr;
  std::vector<ORef> out;
  ssize len = v.len();
  const std::string_view d = v.d;
  if (ws) {
    ssize i = 0, j;
    while (maxcount-- > 0) {
      while (i < len && b_space(uint8_t(d[size_t(i)]))) i++;
      if (i == len) break;
      j = i++;
      while (i < len && !b_space(uint8_t(d[size_t(i)]))) i++;
      if (!add_piece(out, v, j, i)) return nullptr;
    }
    if (i < len) {
      while (i < len && b_space(uint8_t(d[size_t(i)]))) i++;
      if (i != len && !add_piece(out, v, i, len)) return nullptr;
    }
    return make_list(out);
  }
  ssize i = 0;
  while (maxcount-- > 0) {
    ssize pos = find_in(d, sep, i, len, 1);
    if (pos < 0) break;
    if (!add_piece(out, v, i, pos)) return nullptr;
    i = pos + ssize(sep.size());
  }
  if (!add_piece(out, v, i, len)) return nullptr;
  return make_list(out);
}

Object* m_rsplit(const BView& v, Object* const* args, ssize nargs, Object* kwnames) {
  bool ws;
  std::string sep;
  ssize maxcount;
  if (!parse_split("rsplit", args, nargs, kwnames, &ws, &sep, &maxcount)) return nullptr;
  std::vector<ORef> out;
  ssize len = v.len();
  const std::string_view d = v.d;
  if (ws) {
    ssize i = len - 1, j;
    while (maxcount-- > 0) {
      while (i >= 0 && b_space(uint8_t(d[size_t(i)]))) i--;
      if (i < 0) break;
      j = i--;
      while (i >= 0 && !b_space(uint8_t(d[size_t(i)]))) i--;
      if (!add_piece(out, v, i + 1, j + 1)) return nullptr;
    }
    if (i >= 0) {
      while (i >= 0 && b_space(uint8_t(d[size_t(i)]))) i--;
      if (i >= 0 && !add_piece(out, v, 0, i + 1)) return nullptr;
    }
  } else {
    ssize j = len;
    while (maxcount-- > 0) {
      ssize pos = find_in(d, sep, 0, j, -1);
      if (pos < 0) break;
      if (!add_piece(out, v, pos + ssize(sep.size()), j)) return nullptr;
      j = pos;
    }
    if (!add_piece(out, v, 0, j)) return nullptr;
  }
  std::reverse(out.begin(), out.end());
  return make_list(out);
}

Object* m_splitlines(const BView& v, Object* const* args, ssize nargs, Object* kwnames) {
  Object* argv[1] = {nullptr};
  if (!parse_args("splitlines", args, nargs, kwnames, {"keepends"}, 0, argv)) return nullptr;
  bool keepends = false;
  if (argv[0]) {
    int t = object_is_true(argv[0]);
    if (t < 0) return nullptr;
    keepends = t;
  }
  std::vector<ORef> out;
  ssize i = 0, j = 0, len = v.len();
  const std::string_view d = v.d;
  while (i < len) {
    while (i < len && d[size_t(i)] != '\n' && d[size_t(i)] != '\r') i++;
    ssize eol = i;
    if (i < len) {
      if (d[size_t(i)] == '\r' && i + 1 < len && d[size_t(i) + 1] == '\n') {
        i += 2;
      } else {
        i++;
      }
      if (keepends) eol = i;
    }
    if (!add_piece(out, v, j, eol)) return nullptr;
    j = i;
  }
  return make_list(out);
}

Object* partition_impl(const BView& v, Object* sepobj, bool right) {
  std::string sep;
  if (!bytes_like_copy(sepobj, &sep)) return nullptr;
  if (sep.empty()) return set_error(&exc_ValueError, "empty separator");
  ssize pos = find_in(v.d, sep, 0, v.len(), right ? -1 : 1);
  ORef a, b, c;
  Object* empty_result = v.ba ? nullptr : bytes_empty();
  auto empty = [&]() -> ORef { return empty_result ? borrow(empty_result) : steal(bytearray_from(nullptr, 0)); };
  if (pos < 0) {
    ORef whole = steal(unchanged(v));
    if (!whole) return nullptr;
    a = right ? empty() : whole;
    b = empty();
    c = right ? whole : empty();
  } else {
    a = steal(result(v, v.d.substr(0, size_t(pos))));
    b = v.ba ? steal(bytearray_from(sep.data(), ssize(sep.size()))) : borrow(sepobj);
    c = steal(result(v, v.d.substr(size_t(pos) + sep.size())));
  }
  if (!a || !b || !c) return nullptr;
  return tuple_pack({a.get(), b.get(), c.get()});
}

Object* m_partition(const BView& v, Object* sep) { return partition_impl(v, sep, false); }
Object* m_rpartition(const BView& v, Object* sep) { return partition_impl(v, sep, true); }

Object* m_removeprefix(const BView& v, Object* arg) {
  std::string p;
  if (!bytes_like_copy(arg, &p)) return nullptr;
  if (!p.empty() && v.d.substr(0, p.size()) == p) return result(v, v.d.substr(p.size()));
  return unchanged(v);
}

Object* m_removesuffix(const BView& v, Object* arg) {
  std::string s;
  if (!bytes_like_copy(arg, &s)) return nullptr;
  if (!s.empty() && v.d.size() >= s.size() && v.d.substr(v.d.size() - s.size()) == s) {
    return result(v, v.d.substr(0, v.d.size() - s.size()));
  }
  return unchanged(v);
}

// ---- join, replace, translate ----

Object* m_join(const BView& v, Object* iterable) {
  ORef seq;
  // A bytearray exports its buffer while the items are collected, as CPython's does: an iterator that resizes it
  // gets a BufferError.
  BufferHold self_export;
  if (v.ba && self_export.get(v.self, PyBUF_SIMPLE) < 0) return nullptr;
  if (type_check_exact(iterable, &tuple_type)) {
    seq = borrow(iterable);
  } else {
    ORef it = steal(get_iter(iterable));
    if (!it) {
      if (error_matches(&exc_TypeError)) {
        error_clear();
        set_error(&exc_TypeError, "can only join an iterable");
      }
      return nullptr;
    }
    seq = steal(sequence_tuple(it.get()));
    if (!seq) return nullptr;
  }
  ssize n = tuple_size(seq.get());
  if (!v.ba && n == 1 && type_check_exact(tuple_get(seq.get(), 0), &bytes_type)) {
    return newref(tuple_get(seq.get(), 0));
  }
  std::string out, piece;
  for (ssize i = 0; i < n; i++) {
    Object* item = tuple_get(seq.get(), i);
    PyBufferProcs* bp = type_of(item)->tp_as_buffer;
    if (!bp || !bp->bf_getbuffer) {
      return set_errorf(&exc_TypeError, "sequence item {}: expected a bytes-like object, {} found", i, type_name(item));
    }
    if (!bytes_like_copy(item, &piece)) {
      // A buffer that cannot be had simply (a strided memoryview) is reported like a missing one, as in CPython.
      error_clear();
      return set_errorf(&exc_TypeError, "sequence item {}: expected a bytes-like object, {} found", i, type_name(item));
    }
    if (i) out.append(v.d);
    out.append(piece);
  }
  return result(v, out);
}

Object* m_replace(const BView& v, Object* const* args, ssize nargs, Object* kwnames) {
  if (!no_kw(v, "replace", kwnames) || !check_nargs("replace", nargs, 2, 3)) return nullptr;
  std::string old, nw;
  if (!bytes_like_copy(args[0], &old) || !bytes_like_copy(args[1], &nw)) return nullptr;
  ssize maxcount = -1;
  if (nargs > 2 && !arg_ssize(args[2], &maxcount)) return nullptr;
  if (maxcount < 0) maxcount = kSsizeMax;
  if (maxcount == 0) return unchanged(v);
  std::string out;
  ssize done = 0, len = v.len();
  if (old.empty()) {
    ssize i = 0;
    for (; i <= len && done < maxcount; i++, done++) {
      out.append(nw);
      if (i < len) out.push_back(v.d[size_t(i)]);
    }
    if (i < len) out.append(v.d.substr(size_t(i)));
    return result(v, out);
  }
  ssize i = 0;
  while (done < maxcount) {
    ssize pos = find_in(v.d, old, i, len, 1);
    if (pos < 0) break;
    out.append(v.d.substr(size_t(i), size_t(pos - i)));
    out.append(nw);
    i = pos + ssize(old.size());
    done++;
  }
  if (done == 0) return unchanged(v);
  out.append(v.d.substr(size_t(i)));
  return result(v, out);
}

Object* m_translate(const BView& v, Object* const* args, ssize nargs, Object* kwnames) {
  Object* argv[2] = {nullptr, nullptr};
  if (!parse_args("translate", args, nargs, kwnames, {"table", "delete"}, 1, argv)) return nullptr;
  std::string table, del;
  bool has_table = argv[0] != none();
  if (has_table) {
    if (!bytes_like_copy(argv[0], &table)) return nullptr;
    if (table.size() != 256) return set_error(&exc_ValueError, "translation table must be 256 characters long");
  }
  if (argv[1] && !bytes_like_copy(argv[1], &del)) return nullptr;
  bool drop[256] = {};
  for (char c : del) drop[uint8_t(c)] = true;
  std::string out;
  out.reserve(v.d.size());
  for (char c : v.d) {
    if (drop[uint8_t(c)]) continue;
    out.push_back(has_table ? table[uint8_t(c)] : c);
  }
  if (!has_table && del.empty()) return unchanged(v);
  return result(v, out);
}

Object* m_maketrans(Object*, Object* const* args, ssize nargs) {
  if (!check_nargs("maketrans", nargs, 2, 2)) return nullptr;
  std::string from, to;
  if (!bytes_like_copy(args[0], &from) || !bytes_like_copy(args[1], &to)) return nullptr;
  if (from.size() != to.size()) return set_error(&exc_ValueError, "maketrans arguments must have same length");
  char table[256];
  for (int i = 0; i < 256; i++) table[i] = char(i);
  for (size_t i = 0; i < from.size(); i++) table[uint8_t(from[i])] = to[i];
  return bytes_from(table, 256);
}

// ---- decode, hex, fromhex ----

Object* m_decode(const BView& v, Object* const* args, ssize nargs, Object* kwnames) {
  Object* argv[2] = {nullptr, nullptr};
  if (!parse_args("decode", args, nargs, kwnames, {"encoding", "errors"}, 0, argv)) return nullptr;
  const char* names[2] = {"encoding", "errors"};
  const char* vals[2] = {"utf-8", "strict"};
  for (int i = 0; i < 2; i++) {
    if (!argv[i]) continue;
    if (!type_check(argv[i], &str_type)) {
      return set_errorf(&exc_TypeError, "decode() argument '{}' must be str, not {}", names[i],
                        argv[i] == none() ? "None" : type_name(argv[i]));
    }
    vals[i] = str_utf8(argv[i]);
    if (!vals[i]) return nullptr;
  }
  return str_decode(v.d.data(), v.len(), vals[0], vals[1]);
}

Object* m_hex(const BView& v, Object* const* args, ssize nargs, Object* kwnames) {
  Object* sep;
  int per;
  if (!parse_hex_args(args, nargs, kwnames, &sep, &per)) return nullptr;
  return hex_with_sep(v.d, sep, per);
}

// classmethod fromhex(string): `self` is the class.
Object* fromhex_impl(Object* cls, Object* string, bool bytearray) {
  if (!type_check(string, &str_type)) {
    return set_errorf(&exc_TypeError, "fromhex() argument must be str, not {}", type_name(string));
  }
  StrChars c(string);
  std::string out;
  ssize i = 0, bad = -1;
  auto hexval = [](uint32_t ch) -> int {
    if (ch >= '0' && ch <= '9') return int(ch - '0');
    if (ch >= 'a' && ch <= 'f') return int(ch - 'a' + 10);
    if (ch >= 'A' && ch <= 'F') return int(ch - 'A' + 10);
    return 99;
  };
  if (!str_is_ascii(string)) {
    for (bad = 0; bad < c.len && c[bad] <= 127; bad++) {
    }
  } else {
    while (i < c.len) {
      if (b_space(uint8_t(c[i]))) {
        while (i < c.len && b_space(uint8_t(c[i]))) i++;
        if (i >= c.len) break;
      }
      int top = hexval(c[i]);
      if (top >= 16) {
        bad = i;
        break;
      }
      i++;
      int bot = i < c.len ? hexval(c[i]) : 99;
      if (bot >= 16) {
        bad = i;
        break;
      }
      i++;
      out.push_back(char((top << 4) + bot));
    }
  }
  if (bad >= 0) {
    return set_errorf(&exc_ValueError, "non-hexadecimal number found in fromhex() arg at position {}", bad);
  }
  ORef r = steal(bytearray ? bytearray_from(out.data(), ssize(out.size())) : bytes_from(out.data(), ssize(out.size())));
  if (!r) return nullptr;
  Type* base = bytearray ? &bytearray_type : &bytes_type;
  if (cls == reinterpret_cast<Object*>(base)) return r.release_obj();
  return call1(cls, r.get());
}

Object* bytes_fromhex(Object* cls, Object* string) { return fromhex_impl(cls, string, false); }
Object* bytearray_fromhex(Object* cls, Object* string) { return fromhex_impl(cls, string, true); }

// ---- bytes-only ----

Object* bytes_getnewargs(Object* self, Object*) {
  ORef copy = steal(bytes_from(bytes_data(self), bytes_size(self)));
  if (!copy) return nullptr;
  return tuple_pack({copy.get()});
}

Object* bytes_dunder_bytes(Object* self, Object*) {
  if (type_check_exact(self, &bytes_type)) return newref(self);
  return bytes_from(bytes_data(self), bytes_size(self));
}

// ---- bytearray mutators (each holds the critical section while it touches the storage) ----

bool byte_value(Object* v, int* out) {
  ORef i = steal(number_index(v));
  if (!i) return false;
  int overflow = 0;
  int64_t x = int_as_i64(i.get(), &overflow);
  if (overflow || x < 0 || x >= 256) {
    error_clear();
    set_error(&exc_ValueError, "byte must be in range(0, 256)");
    return false;
  }
  *out = int(x);
  return true;
}

Object* ba_append(Object* self, Object* item) {
  int v;
  if (!byte_value(item, &v)) return nullptr;
  sync::CriticalSection cs(self);
  ssize n = bytearray_size(self);
  if (bytearray_resize(self, n + 1) < 0) return nullptr;
  bytearray_data(self)[n] = char(v);
  return newref(none());
}

Object* ba_extend(Object* self, Object* iterable) {
  std::string data;
  PyBufferProcs* bp = type_of(iterable)->tp_as_buffer;
  if (bp && bp->bf_getbuffer) {
    if (!bytes_like_copy(iterable, &data)) return nullptr;
  } else {
    if (type_check(iterable, &str_type)) {
      return set_errorf(&exc_TypeError, "expected iterable of integers; got: '{}'", type_name(iterable));
    }
    ORef it = steal(get_iter(iterable));
    if (!it) {
      if (error_matches(&exc_TypeError)) {
        error_clear();
        set_errorf(&exc_TypeError, "can't extend bytearray with {}", type_name(iterable));
      }
      return nullptr;
    }
    for (;;) {
      ORef item = steal(iter_next(it.get()));
      if (!item) {
        if (error_occurred()) return nullptr;
        break;
      }
      int v;
      if (!byte_value(item.get(), &v)) return nullptr;
      data.push_back(char(v));
    }
  }
  sync::CriticalSection cs(self);
  ssize n = bytearray_size(self);
  if (bytearray_resize(self, n + ssize(data.size())) < 0) return nullptr;
  if (!data.empty()) std::memcpy(bytearray_data(self) + n, data.data(), data.size());
  return newref(none());
}

Object* ba_pop(Object* self, Object* const* args, ssize nargs) {
  if (!check_nargs("pop", nargs, 0, 1)) return nullptr;
  ssize index = -1;
  if (nargs && !arg_ssize(args[0], &index)) return nullptr;
  sync::CriticalSection cs(self);
  ssize n = bytearray_size(self);
  if (n == 0) return set_error(&exc_IndexError, "pop from empty bytearray");
  if (index < 0) index += n;
  if (index < 0 || index >= n) return set_error(&exc_IndexError, "pop index out of range");
  char* buf = bytearray_data(self);
  unsigned char c = uint8_t(buf[index]);
  if (reinterpret_cast<PyByteArrayObject*>(self)->ob_exports > 0) {
    return set_error(&exc_BufferError, "Existing exports of data: object cannot be re-sized");
  }
  std::memmove(buf + index, buf + index + 1, size_t(n - index - 1));
  if (bytearray_resize(self, n - 1) < 0) return nullptr;
  return int_from_i64(c);
}

Object* ba_insert(Object* self, Object* const* args, ssize nargs) {
  if (!check_nargs("insert", nargs, 2, 2)) return nullptr;
  ssize index;
  int v;
  if (!arg_ssize(args[0], &index) || !byte_value(args[1], &v)) return nullptr;
  sync::CriticalSection cs(self);
  ssize n = bytearray_size(self);
  if (index < 0) {
    index += n;
    if (index < 0) index = 0;
  }
  if (index > n) index = n;
  if (bytearray_resize(self, n + 1) < 0) return nullptr;
  char* buf = bytearray_data(self);
  std::memmove(buf + index + 1, buf + index, size_t(n - index));
  buf[index] = char(v);
  return newref(none());
}

Object* ba_remove(Object* self, Object* value) {
  int v;
  if (!byte_value(value, &v)) return nullptr;
  sync::CriticalSection cs(self);
  ssize n = bytearray_size(self);
  char* buf = bytearray_data(self);
  const void* p = std::memchr(buf, v, size_t(n));
  if (!p) return set_error(&exc_ValueError, "value not found in bytearray");
  ssize at = static_cast<const char*>(p) - buf;
  if (reinterpret_cast<PyByteArrayObject*>(self)->ob_exports > 0) {
    return set_error(&exc_BufferError, "Existing exports of data: object cannot be re-sized");
  }
  std::memmove(buf + at, buf + at + 1, size_t(n - at - 1));
  if (bytearray_resize(self, n - 1) < 0) return nullptr;
  return newref(none());
}

Object* ba_clear(Object* self, Object*) {
  sync::CriticalSection cs(self);
  if (bytearray_resize(self, 0) < 0) return nullptr;
  return newref(none());
}

Object* ba_copy(Object* self, Object*) {
  std::string copy = take_snapshot(self);
  return bytearray_from(copy.data(), ssize(copy.size()));
}

Object* ba_reverse(Object* self, Object*) {
  sync::CriticalSection cs(self);
  char* buf = bytearray_data(self);
  std::reverse(buf, buf + bytearray_size(self));
  return newref(none());
}

Object* ba_alloc(Object* self, Object*) {
  sync::CriticalSection cs(self);
  return int_from_ssize(reinterpret_cast<PyByteArrayObject*>(self)->ob_alloc);
}

Object* ba_sizeof(Object* self, Object*) {
  sync::CriticalSection cs(self);
  return int_from_ssize(ssize(sizeof(PyByteArrayObject)) + reinterpret_cast<PyByteArrayObject*>(self)->ob_alloc);
}

// (type(self), args, state); protocol < 3 uses the latin-1 str form, as CPython.
// TODO(pickle): state is always None; instance dicts of subclasses are not included yet.
Object* reduce_common(Object* self, int proto) {
  std::string copy = take_snapshot(self);
  ORef args;
  if (copy.empty()) {
    args = borrow(tuple_empty());
  } else if (proto < 3) {
    ORef s = steal(str_from_latin1(reinterpret_cast<const uint8_t*>(copy.data()), ssize(copy.size())));
    ORef enc = steal(str_from_utf8("latin-1"));
    if (!s || !enc) return nullptr;
    args = steal(tuple_pack({s.get(), enc.get()}));
  } else {
    ORef b = steal(bytes_from(copy.data(), ssize(copy.size())));
    if (!b) return nullptr;
    args = steal(tuple_pack({b.get()}));
  }
  if (!args) return nullptr;
  return tuple_pack({reinterpret_cast<Object*>(type_of(self)), args.get(), none()});
}

Object* ba_reduce(Object* self, Object*) { return reduce_common(self, 2); }

Object* ba_reduce_ex(Object* self, Object* const* args, ssize nargs) {
  if (!check_nargs("__reduce_ex__", nargs, 0, 1)) return nullptr;
  ssize proto = 0;
  if (nargs && !arg_ssize(args[0], &proto)) return nullptr;
  return reduce_common(self, int(proto));
}

}  // namespace

// Rows shared by bytes and bytearray: ROWS(A0, A1, AN, T) expands with the adapters of one type.
#define SHARED_ROWS(A0, A1, AN, T)                                                                              \
  {"capitalize", A0<m_case<Case::kCapitalize>>, METH_NOARGS, DOC_##T##_capitalize},                             \
      {"center", as_cfunc(AN<m_center>), METH_FASTCALL | METH_KEYWORDS, DOC_##T##_center},                      \
      {"count", as_cfunc(AN<m_count>), METH_FASTCALL | METH_KEYWORDS, DOC_##T##_count},                         \
      {"decode", as_cfunc(AN<m_decode>), METH_FASTCALL | METH_KEYWORDS, DOC_##T##_decode},                      \
      {"endswith", as_cfunc(AN<m_endswith>), METH_FASTCALL | METH_KEYWORDS, DOC_##T##_endswith},                \
      {"expandtabs", as_cfunc(AN<m_expandtabs>), METH_FASTCALL | METH_KEYWORDS, DOC_##T##_expandtabs},          \
      {"find", as_cfunc(AN<m_find>), METH_FASTCALL | METH_KEYWORDS, DOC_##T##_find},                            \
      {"hex", as_cfunc(AN<m_hex>), METH_FASTCALL | METH_KEYWORDS, DOC_##T##_hex},                               \
      {"index", as_cfunc(AN<m_index>), METH_FASTCALL | METH_KEYWORDS, DOC_##T##_index},                         \
      {"isalnum", A0<m_all<b_alnum>>, METH_NOARGS, DOC_##T##_isalnum},                                          \
      {"isalpha", A0<m_all<b_alpha>>, METH_NOARGS, DOC_##T##_isalpha},                                          \
      {"isascii", A0<m_isascii>, METH_NOARGS, DOC_##T##_isascii},                                               \
      {"isdigit", A0<m_all<b_digit>>, METH_NOARGS, DOC_##T##_isdigit},                                          \
      {"islower", A0<m_islower>, METH_NOARGS, DOC_##T##_islower},                                               \
      {"isspace", A0<m_all<b_space>>, METH_NOARGS, DOC_##T##_isspace},                                          \
      {"istitle", A0<m_istitle>, METH_NOARGS, DOC_##T##_istitle},                                               \
      {"isupper", A0<m_isupper>, METH_NOARGS, DOC_##T##_isupper}, {"join", A1<m_join>, METH_O, DOC_##T##_join}, \
      {"ljust", as_cfunc(AN<m_ljust>), METH_FASTCALL | METH_KEYWORDS, DOC_##T##_ljust},                         \
      {"lower", A0<m_case<Case::kLower>>, METH_NOARGS, DOC_##T##_lower},                                        \
      {"lstrip", as_cfunc(AN<m_lstrip>), METH_FASTCALL | METH_KEYWORDS, DOC_##T##_lstrip},                      \
      {"partition", A1<m_partition>, METH_O, DOC_##T##_partition},                                              \
      {"removeprefix", A1<m_removeprefix>, METH_O, DOC_##T##_removeprefix},                                     \
      {"removesuffix", A1<m_removesuffix>, METH_O, DOC_##T##_removesuffix},                                     \
      {"replace", as_cfunc(AN<m_replace>), METH_FASTCALL | METH_KEYWORDS, DOC_##T##_replace},                   \
      {"rfind", as_cfunc(AN<m_rfind>), METH_FASTCALL | METH_KEYWORDS, DOC_##T##_rfind},                         \
      {"rindex", as_cfunc(AN<m_rindex>), METH_FASTCALL | METH_KEYWORDS, DOC_##T##_rindex},                      \
      {"rjust", as_cfunc(AN<m_rjust>), METH_FASTCALL | METH_KEYWORDS, DOC_##T##_rjust},                         \
      {"rpartition", A1<m_rpartition>, METH_O, DOC_##T##_rpartition},                                           \
      {"rsplit", as_cfunc(AN<m_rsplit>), METH_FASTCALL | METH_KEYWORDS, DOC_##T##_rsplit},                      \
      {"rstrip", as_cfunc(AN<m_rstrip>), METH_FASTCALL | METH_KEYWORDS, DOC_##T##_rstrip},                      \
      {"split", as_cfunc(AN<m_split>), METH_FASTCALL | METH_KEYWORDS, DOC_##T##_split},                         \
      {"splitlines", as_cfunc(AN<m_splitlines>), METH_FASTCALL | METH_KEYWORDS, DOC_##T##_splitlines},          \
      {"startswith", as_cfunc(AN<m_startswith>), METH_FASTCALL | METH_KEYWORDS, DOC_##T##_startswith},          \
      {"strip", as_cfunc(AN<m_strip>), METH_FASTCALL | METH_KEYWORDS, DOC_##T##_strip},                         \
      {"swapcase", A0<m_case<Case::kSwap>>, METH_NOARGS, DOC_##T##_swapcase},                                   \
      {"title", A0<m_case<Case::kTitle>>, METH_NOARGS, DOC_##T##_title},                                        \
      {"translate", as_cfunc(AN<m_translate>), METH_FASTCALL | METH_KEYWORDS, DOC_##T##_translate},             \
      {"upper", A0<m_case<Case::kUpper>>, METH_NOARGS, DOC_##T##_upper},                                        \
      {"zfill", A1<m_zfill>, METH_O, DOC_##T##_zfill}, {                                                        \
    "maketrans", as_cfunc(m_maketrans), METH_FASTCALL | METH_STATIC, DOC_##T##_maketrans                        \
  }

PyMethodDef bytes_method_table[] = {SHARED_ROWS(on_bytes0, on_bytes1, on_bytesn, bytes),
                                    {"fromhex", bytes_fromhex, METH_O | METH_CLASS, DOC_bytes_fromhex},
                                    {"__getnewargs__", bytes_getnewargs, METH_NOARGS, DOC_bytes___getnewargs__},
                                    {"__bytes__", bytes_dunder_bytes, METH_NOARGS, DOC_bytes___bytes__},
                                    {nullptr, nullptr, 0, nullptr}};

// bytearray: the shared rows run on a snapshot (no lock held while they run); the mutators lock themselves
// (conversions of their arguments, which may run Python code, happen before the lock is taken).
PyMethodDef bytearray_method_table[] = {
    SHARED_ROWS(snapshot0, snapshot1, snapshotn, bytearray),
    {"fromhex", bytearray_fromhex, METH_O | METH_CLASS, DOC_bytearray_fromhex},
    {"append", ba_append, METH_O, DOC_bytearray_append},
    {"extend", ba_extend, METH_O, DOC_bytearray_extend},
    {"pop", as_cfunc(ba_pop), METH_FASTCALL, DOC_bytearray_pop},
    {"insert", as_cfunc(ba_insert), METH_FASTCALL, DOC_bytearray_insert},
    {"remove", ba_remove, METH_O, DOC_bytearray_remove},
    {"clear", ba_clear, METH_NOARGS, DOC_bytearray_clear},
    {"copy", ba_copy, METH_NOARGS, DOC_bytearray_copy},
    {"reverse", ba_reverse, METH_NOARGS, DOC_bytearray_reverse},
    {"__alloc__", ba_alloc, METH_NOARGS, DOC_bytearray___alloc__},
    {"__sizeof__", ba_sizeof, METH_NOARGS, DOC_bytearray___sizeof__},
    {"__reduce__", ba_reduce, METH_NOARGS, DOC_bytearray___reduce__},
    {"__reduce_ex__", as_cfunc(ba_reduce_ex), METH_FASTCALL, DOC_bytearray___reduce_ex__},
    {nullptr, nullptr, 0, nullptr}};

#undef SHARED_ROWS

bool parse_hex_args(Object* const* args, ssize nargs, Object* kwnames, Object** sep, int* bytes_per_sep) {
  if (nargs > 2) {
    set_errorf(&exc_TypeError, "hex() takes at most 2 arguments ({} given)", nargs);
    return false;
  }
  Object* argv[2] = {nullptr, nullptr};
  if (!parse_args("hex", args, nargs, kwnames, {"sep", "bytes_per_sep"}, 0, argv)) return false;
  *sep = argv[0];
  *bytes_per_sep = 1;
  if (argv[1]) {
    ssize per = number_as_ssize(argv[1], nullptr);  // clamps, so that the range check below names C int
    if (per == -1 && error_occurred()) return false;
    if (per < INT_MIN || per > INT_MAX) {
      set_error(&exc_OverflowError, "Python int too large to convert to C int");
      return false;
    }
    *bytes_per_sep = int(per);
  }
  return true;
}

Object* hex_with_sep(std::string_view data, Object* sep_obj, int per) {
  char sep = 0;
  if (sep_obj) {
    ssize seplen = object_length(sep_obj);
    if (seplen < 0) return nullptr;
    if (seplen != 1) return set_error(&exc_ValueError, "sep must be length 1.");
    uint32_t ch;
    if (type_check(sep_obj, &str_type)) {
      ch = str_char_at(sep_obj, 0);
      if (str_kind(sep_obj) != 1) return set_error(&exc_ValueError, "sep must be ASCII.");
    } else if (type_check(sep_obj, &bytes_type)) {
      ch = uint8_t(bytes_data(sep_obj)[0]);
    } else {
      return set_error(&exc_TypeError, "sep must be str or bytes.");
    }
    if (ch > 127) return set_error(&exc_ValueError, "sep must be ASCII.");
    sep = char(ch);
  } else {
    per = 0;
  }
  ssize n = ssize(data.size());
  size_t abs_per = per < 0 ? size_t(-int64_t(per)) : size_t(per);
  if (abs_per >= size_t(n)) abs_per = 0;
  std::string out;
  out.reserve(size_t(n) * 3);
  auto put = [&](unsigned char c) {
    out.push_back(kHexDigits[c >> 4]);
    out.push_back(kHexDigits[c & 0xf]);
  };
  if (abs_per == 0) {
    for (char c : data) put(uint8_t(c));
  } else if (per < 0) {
    for (ssize i = 0; i < n; i++) {
      if (i && size_t(i) % abs_per == 0) out.push_back(sep);
      put(uint8_t(data[size_t(i)]));
    }
  } else {
    // Groups are counted from the right.
    size_t first = size_t(n) % abs_per;
    for (ssize i = 0; i < n; i++) {
      if (i && (size_t(i) - first) % abs_per == 0 && size_t(i) >= first) out.push_back(sep);
      put(uint8_t(data[size_t(i)]));
    }
  }
  return str_from_utf8(out);
}

}  // namespace pyvm
