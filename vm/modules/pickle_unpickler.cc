// The unpickler's engine (the Loader): rebuilds objects from pickle protocols 0-5 with CPython 3.13's C unpickler's
// results and error messages. The Unpickler type itself is in pickle_module.cc.
//
// Robustness: every length read from the stream is checked against the input before anything is allocated for it,
// and every stack access is checked against the current mark, so corrupt or truncated input raises instead of
// crashing. Thread safety follows the contract in pickle_module.cc: a UseGuard admits one thread at a time into the
// stack, memo and input window, and no pointer into the input window is held across a call into Python code that
// could read more input.
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/buffer.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/memoryview.h"
#include "objects/methods.h"
#include "objects/set.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/import.h"
#include "vm/modules/pickle_internal.h"
#include "vm/sysmodule.h"

namespace pyvm::pickle {
namespace {

std::nullptr_t uerr(std::string_view msg) { return set_error(unpickling_error(), msg); }
int truncated() {
  uerr("pickle data was truncated");
  return -1;
}

uint64_t le(const char* s, int n) {
  uint64_t v = 0;
  for (int i = 0; i < n; i++) v |= uint64_t(uint8_t(s[i])) << (8 * i);
  return v;
}

// ---- Loading ----

struct Loader {
  UnpicklerObject* u;
  UnpicklerState* st;
  Object* find_class_override;  // borrowed for the load, or null for the default

  // Input. The returned pointers stay valid only until the next read.
  int read(ssize n, const char** out);
  int read_payload(ssize n, const char** out);
  ssize readline(const char** out);

  void push(Object* o) { st->stack.push_back(o); }  // steals
  int underflow() {
    uerr(st->marks.empty() ? "unpickling stack underflow" : "unexpected MARK found");
    return -1;
  }
  Object* pop() {  // new reference, or null with underflow
    if (ssize(st->stack.size()) <= st->fence()) {
      underflow();
      return nullptr;
    }
    Object* o = st->stack.back();
    st->stack.pop_back();
    return o;
  }
  ssize marker() {
    if (st->marks.empty()) {
      uerr("could not find MARK");
      return -1;
    }
    ssize m = st->marks.back();
    st->marks.pop_back();
    return m;
  }
  Object* pop_tuple(ssize start) {
    if (start < st->fence()) {
      underflow();
      return nullptr;
    }
    ssize n = ssize(st->stack.size()) - start;
    Object* t = tuple_new(n);
    if (!t) return nullptr;
    for (ssize i = 0; i < n; i++) tuple_set(t, i, st->stack[size_t(start + i)]);
    st->stack.resize(size_t(start));
    return t;
  }
  Object* pop_list(ssize start) {
    ssize n = ssize(st->stack.size()) - start;
    Object* l = list_new(n);
    if (!l) return nullptr;
    for (ssize i = 0; i < n; i++) list_items(l)[i] = st->stack[size_t(start + i)];
    st->stack.resize(size_t(start));
    return l;
  }

  Object* run();
  int dispatch(uint8_t op);
  int load_int();
  int load_long_text();
  int load_long_bin(int nsize);
  int load_float();
  int load_counted_bytes(int nsize, bool is_str8, bool is_bytearray, const char* what);
  int load_string();
  int load_unicode();
  int load_binunicode(int nsize, const char* what);
  int load_counted_tuple(ssize n);
  int load_dict();
  int load_frozenset();
  int do_append(ssize x);
  int do_setitems(ssize x);
  int load_additems();
  int load_build();
  int load_inst();
  int load_obj();
  int load_newobj(bool use_kwargs);
  int load_global();
  int load_stack_global();
  int load_ext(int nbytes);
  int load_get_text();
  int load_get(size_t idx);
  int load_put_text();
  int load_put(size_t idx);
  int load_persid(bool binary);
  int load_reduce();
  int load_pop();
  int load_dup();
  int load_next_buffer();
  int load_readonly_buffer();
  int load_frame();
  Object* find_class(Object* module, Object* name);
  Object* persistent_load(Object* pid);
};

int Loader::read(ssize n, const char** out) {
  if (n <= st->len - st->pos) {
    *out = st->buf + st->pos;
    st->pos += n;
    return 0;
  }
  if (!u->read) return truncated();
  // As CPython, a read the window cannot satisfy takes all n bytes afresh from the file (what is left of the window
  // is dropped: well-formed pickles never straddle a frame's end).
  ssize need = n;
  ORef count = steal(int_from_i64(need));
  if (!count) return -1;
  ORef f = borrow(u->read);
  ORef data = steal(call1(f.get(), count.get()));
  if (!data) return -1;
  BufferHold view;
  if (view.get(data.get(), PyBUF_CONTIG_RO) < 0) return -1;
  if (view->len < need) return truncated();
  if (st->input_held) {
    release_buffer(&st->input);
    st->input_held = false;
  }
  st->chunk.assign(static_cast<const char*>(view->buf), size_t(view->len));
  st->buf = st->chunk.data();
  st->len = ssize(st->chunk.size());
  st->pos = n;
  *out = st->buf;
  return 0;
}

int Loader::read_payload(ssize n, const char** out) {
  if (n <= st->len - st->pos || !u->read) return read(n, out);
  // A bytes payload, as CPython's _Unpickler_ReadInto: what the window holds, then the rest from the file.
  std::string data(st->buf + st->pos, size_t(st->len - st->pos));
  ssize need = n - ssize(data.size());
  st->pos = st->len;
  ORef count = steal(int_from_i64(need));
  if (!count) return -1;
  ORef f = borrow(u->read);
  ORef got = steal(call1(f.get(), count.get()));
  if (!got) return -1;
  BufferHold view;
  if (view.get(got.get(), PyBUF_CONTIG_RO) < 0) return -1;
  if (view->len < need) return truncated();
  if (st->input_held) {
    release_buffer(&st->input);
    st->input_held = false;
  }
  data.append(static_cast<const char*>(view->buf), size_t(need));
  st->chunk = std::move(data);
  st->buf = st->chunk.data();
  st->len = st->pos = ssize(st->chunk.size());
  *out = st->buf;
  return 0;
}

ssize Loader::readline(const char** out) {
  const char* start = st->buf + st->pos;
  const void* nl = memchr(start, '\n', size_t(st->len - st->pos));
  if (nl) {
    ssize n = static_cast<const char*>(nl) - start + 1;
    *out = start;
    st->pos += n;
    return n;
  }
  if (!u->read) return truncated();
  ORef f = borrow(u->readline);
  ORef data = steal(call0(f.get()));
  if (!data) return -1;
  BufferHold view;
  if (view.get(data.get(), PyBUF_CONTIG_RO) < 0) return -1;
  if (view->len == 0 || static_cast<const char*>(view->buf)[view->len - 1] != '\n') return truncated();
  if (st->input_held) {
    release_buffer(&st->input);
    st->input_held = false;
  }
  st->chunk.assign(static_cast<const char*>(view->buf), size_t(view->len));
  st->buf = st->chunk.data();
  st->len = st->pos = ssize(st->chunk.size());
  *out = st->buf;
  return st->len;
}

int Loader::load_frame() {
  const char* s;
  if (read(8, &s) < 0) return -1;
  uint64_t n = le(s, 8);
  if (n > uint64_t(kSsizeMax)) {
    set_errorf(&exc_OverflowError, "FRAME length exceeds system's maximum of {} bytes", kSsizeMax);
    return -1;
  }
  // The whole frame must be available; it is then read from the window.
  if (read(ssize(n), &s) < 0) return -1;
  st->pos -= ssize(n);
  return 0;
}

// int(text, base) of a line read as a C string, as CPython's PyLong_FromString: the text ends at its first NUL, and
// a failure reports (at most) its first 200 bytes, decoded strictly, with the base the prefix implied.
Object* int_from_c_string(const char* s, ssize n, int base) {
  const void* nul = memchr(s, '\0', size_t(n));
  if (nul) n = static_cast<const char*>(nul) - s;
  Object* v = int_from_string(s, n, base);
  if (v || !(error_matches(&exc_ValueError) || error_matches(&exc_UnicodeDecodeError))) return v;
  error_clear();
  int shown = base;
  if (base == 0) {
    ssize i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\f' || s[i] == '\v')) i++;
    if (i < n && (s[i] == '+' || s[i] == '-')) i++;
    if (i >= n || s[i] != '0') {
      shown = 10;
    } else if (i + 1 < n) {
      char c = char(s[i + 1] | 0x20);
      shown = c == 'x' ? 16 : c == 'o' ? 8 : c == 'b' ? 2 : 0;
    }
  }
  ORef text = steal(str_decode(s, n < 200 ? n : 200, "utf-8", "strict"));
  if (!text) return nullptr;
  ORef r = steal(object_repr(text.get()));
  if (!r) return nullptr;
  return set_errorf(&exc_ValueError, "invalid literal for int() with base {}: {}", shown, str_view(r.get()));
}

int Loader::load_int() {
  const char* s;
  ssize n = readline(&s);
  if (n < 0) return -1;
  if (n < 2) return truncated();
  std::string text(s, size_t(n - 1));
  // strtol with base 0, as CPython: a plain C long when it fits, else an int of any size.
  errno = 0;
  char* end = nullptr;
  long x = strtol(text.c_str(), &end, 0);
  Object* v;
  if (errno || (*end != '\0')) {
    v = int_from_string(text.data(), ssize(text.size()), 0);
    if (!v) {
      error_clear();
      set_error(&exc_ValueError, "could not convert string to int");
      return -1;
    }
  } else if (n == 3 && (x == 0 || x == 1)) {
    v = newref(bool_obj(x == 1));
  } else {
    v = int_from_i64(x);
    if (!v) return -1;
  }
  push(v);
  return 0;
}

int Loader::load_long_text() {
  const char* s;
  ssize n = readline(&s);
  if (n < 0) return -1;
  if (n < 2) return truncated();
  // The trailing L (optional since Python 3.0.0) ends the digits; otherwise the newline is part of the text.
  if (s[n - 2] == 'L') n -= 2;
  Object* v = int_from_c_string(s, n, 0);
  if (!v) return -1;
  push(v);
  return 0;
}

// LONG1/LONG4: a little-endian two's complement integer of a counted length.
int Loader::load_long_bin(int nsize) {
  const char* s;
  if (read(nsize, &s) < 0) return -1;
  int64_t size = nsize == 1 ? int64_t(uint8_t(s[0])) : int64_t(int32_t(uint32_t(le(s, 4))));
  if (size < 0) {
    uerr("LONG pickle has negative byte count");
    return -1;
  }
  if (size == 0) {
    push(int_from_i64(0));
    return 0;
  }
  if (read(ssize(size), &s) < 0) return -1;
  std::string mag(s, size_t(size));
  bool neg = (uint8_t(mag.back()) & 0x80) != 0;
  if (neg) {
    unsigned carry = 1;
    for (auto& c : mag) {
      unsigned v = (~unsigned(uint8_t(c)) & 0xff) + carry;
      c = char(v & 0xff);
      carry = v >> 8;
    }
  }
  std::vector<digit> digits;
  uint64_t acc = 0;
  int bits = 0;
  for (char c : mag) {
    acc |= uint64_t(uint8_t(c)) << bits;
    bits += 8;
    if (bits >= PyLong_SHIFT) {
      digits.push_back(digit(acc & PyLong_MASK));
      acc >>= PyLong_SHIFT;
      bits -= PyLong_SHIFT;
    }
  }
  if (bits > 0) digits.push_back(digit(acc));
  Object* v = int_from_digits(neg, digits.data(), ssize(digits.size()));
  if (!v) return -1;
  push(v);
  return 0;
}

// The length of the longest prefix of s that C's strtod (as PyOS_string_to_double) reads as a float: an optional
// sign, then digits with an optional point and exponent, or inf / infinity / nan.
ssize float_prefix(const char* s, ssize n) {
  auto lower_eq = [&](ssize at, const char* word) {
    ssize k = ssize(strlen(word));
    if (at + k > n) return false;
    for (ssize i = 0; i < k; i++)
      if ((s[at + i] | 0x20) != word[i]) return false;
    return true;
  };
  ssize i = 0;
  if (i < n && (s[i] == '+' || s[i] == '-')) i++;
  if (lower_eq(i, "infinity")) return i + 8;
  if (lower_eq(i, "inf") || lower_eq(i, "nan")) return i + 3;
  ssize digits = 0;
  while (i < n && s[i] >= '0' && s[i] <= '9') i++, digits++;
  if (i < n && s[i] == '.') {
    i++;
    while (i < n && s[i] >= '0' && s[i] <= '9') i++, digits++;
  }
  if (digits == 0) return 0;
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    ssize j = i + 1;
    if (j < n && (s[j] == '+' || s[j] == '-')) j++;
    if (j < n && s[j] >= '0' && s[j] <= '9') {
      while (j < n && s[j] >= '0' && s[j] <= '9') j++;
      i = j;
    }
  }
  return i;
}

int Loader::load_float() {
  const char* s;
  ssize n = readline(&s);
  if (n < 0) return -1;
  if (n < 2) return truncated();
  // The line is a C string: it ends at a NUL.
  if (const void* nul = memchr(s, '\0', size_t(n))) n = static_cast<const char*>(nul) - s;
  ssize k = float_prefix(s, n);
  if (k == 0) {
    // PyOS_string_to_double's message, which shows the raw text (decoded leniently) with its newline.
    ORef text = steal(str_decode(s, n, "utf-8", "replace"));
    if (!text) return -1;
    set_errorf(&exc_ValueError, "could not convert string to float: '{}'", str_view(text.get()));
    return -1;
  }
  if (k < n && s[k] != '\n') {
    set_error(&exc_ValueError, "could not convert string to float");
    return -1;
  }
  ORef str = steal(str_from_latin1(reinterpret_cast<const uint8_t*>(s), k));
  if (!str) return -1;
  Object* v = float_from_object(str.get());
  if (!v) return -1;
  push(v);
  return 0;
}

// Python 2 str payloads: bytes with encoding "bytes", else decoded with the unpickler's encoding and errors.
Object* decode_str8(UnpicklerState* st, const char* data, ssize n) {
  if (st->encoding == "bytes") return bytes_from(data, n);
  return str_decode(data, n, st->encoding.c_str(), st->errors.c_str());
}

int Loader::load_counted_bytes(int nsize, bool is_str8, bool is_bytearray, const char* what) {
  const char* s;
  if (read(nsize, &s) < 0) return -1;
  ssize size;
  if (nsize == 1) {
    size = uint8_t(s[0]);
  } else {
    uint64_t x = le(s, nsize);
    if (x > uint64_t(kSsizeMax)) {
      set_errorf(&exc_OverflowError, "{} exceeds system's maximum size of {} bytes", what, kSsizeMax);
      return -1;
    }
    size = ssize(x);
  }
  if (read_payload(size, &s) < 0) return -1;
  Object* v;
  if (is_bytearray) {
    v = bytearray_from(s, size);
  } else if (is_str8) {
    v = decode_str8(st, s, size);
  } else {
    v = bytes_from(s, size);
  }
  if (!v) return -1;
  push(v);
  return 0;
}

int Loader::load_string() {
  const char* s;
  ssize n = readline(&s);
  if (n < 0) return -1;
  n--;  // the newline
  if (!(n >= 2 && s[0] == s[n - 1] && (s[0] == '\'' || s[0] == '"'))) {
    uerr("the STRING opcode argument must be quoted");
    return -1;
  }
  ORef raw = steal(bytes_from(s + 1, n - 2));
  if (!raw) return -1;
  ORef decoded = steal(call1(g_state.escape_decode, raw.get()));
  if (!decoded) return -1;
  if (!type_check(decoded.get(), &tuple_type) || tuple_size(decoded.get()) < 1 ||
      !type_check(tuple_items(decoded.get())[0], &bytes_type)) {
    set_error(&exc_SystemError, "codecs.escape_decode returned an unexpected value");
    return -1;
  }
  Object* b = tuple_items(decoded.get())[0];
  Object* v = st->encoding == "bytes" ? newref(b) : decode_str8(st, bytes_data(b), bytes_size(b));
  if (!v) return -1;
  push(v);
  return 0;
}

int Loader::load_unicode() {
  const char* s;
  ssize n = readline(&s);
  if (n < 0) return -1;
  if (n < 1) return truncated();
  Object* v = str_decode(s, n - 1, "raw_unicode_escape", "strict");
  if (!v) return -1;
  push(v);
  return 0;
}

int Loader::load_binunicode(int nsize, const char* what) {
  const char* s;
  if (read(nsize, &s) < 0) return -1;
  uint64_t x = le(s, nsize);
  if (x > uint64_t(kSsizeMax)) {
    set_errorf(&exc_OverflowError, "{} exceeds system's maximum size of {} bytes", what, kSsizeMax);
    return -1;
  }
  if (read(ssize(x), &s) < 0) return -1;
  Object* v = str_decode(s, ssize(x), "utf-8", "surrogatepass");
  if (!v) return -1;
  push(v);
  return 0;
}

int Loader::load_counted_tuple(ssize n) {
  if (ssize(st->stack.size()) < n) return underflow();
  Object* t = pop_tuple(ssize(st->stack.size()) - n);
  if (!t) return -1;
  push(t);
  return 0;
}

int Loader::load_dict() {
  ssize i = marker();
  if (i < 0) return -1;
  ssize j = ssize(st->stack.size());
  if ((j - i) % 2 != 0) {
    uerr("odd number of items for DICT");
    return -1;
  }
  ORef d = steal(dict_new());
  if (!d) return -1;
  for (ssize k = i + 1; k < j; k += 2)
    if (dict_set(d.get(), st->stack[size_t(k - 1)], st->stack[size_t(k)]) < 0) return -1;
  st->clear_stack(i);
  push(d.release());
  return 0;
}

int Loader::load_frozenset() {
  ssize i = marker();
  if (i < 0) return -1;
  ORef items = steal(pop_tuple(i));
  if (!items) return -1;
  Object* v = frozenset_new(items.get());
  if (!v) return -1;
  push(v);
  return 0;
}

int Loader::do_append(ssize x) {
  ssize len = ssize(st->stack.size());
  if (x > len || x <= st->fence()) return underflow();
  if (len == x) return 0;
  ORef list = borrow(st->stack[size_t(x - 1)]);
  if (type_check_exact(list.get(), &list_type)) {
    ORef slice = steal(pop_list(x));
    if (!slice) return -1;
    return list_extend(list.get(), slice.get());
  }
  Object* extend = nullptr;
  if (get_attr_optional(list.get(), str_interned("extend"), &extend) < 0) return -1;
  if (extend) {
    ORef f = steal(extend);
    ORef slice = steal(pop_list(x));
    if (!slice) return -1;
    ORef r = steal(call1(f.get(), slice.get()));
    return r ? 0 : -1;
  }
  ORef append = steal(get_attr(list.get(), str_interned("append")));
  if (!append) return -1;
  ORef items = steal(pop_list(x));
  if (!items) return -1;
  for (ssize i = 0; i < list_size(items.get()); i++) {
    ORef r = steal(call1(append.get(), list_items(items.get())[i]));
    if (!r) return -1;
  }
  return 0;
}

int Loader::do_setitems(ssize x) {
  ssize len = ssize(st->stack.size());
  if (x > len || x <= st->fence()) return underflow();
  if (len == x) return 0;
  if ((len - x) % 2 != 0) {
    uerr("odd number of items for SETITEMS");
    return -1;
  }
  ORef items = steal(pop_list(x));
  if (!items) return -1;
  Object* d = st->stack[size_t(x - 1)];
  ORef dict = borrow(d);
  for (ssize i = 0; i + 1 < list_size(items.get()); i += 2)
    if (set_item(dict.get(), list_items(items.get())[i], list_items(items.get())[i + 1]) < 0) return -1;
  return 0;
}

int Loader::load_additems() {
  ssize mark = marker();
  if (mark < 0) return -1;
  ssize len = ssize(st->stack.size());
  if (mark > len || mark <= st->fence()) return underflow();
  if (len == mark) return 0;
  ORef set = borrow(st->stack[size_t(mark - 1)]);
  ORef items = steal(pop_list(mark));
  if (!items) return -1;
  if (set_check(set.get())) return set_update(set.get(), items.get());
  ORef add = steal(get_attr(set.get(), str_interned("add")));
  if (!add) return -1;
  for (ssize i = 0; i < list_size(items.get()); i++) {
    ORef r = steal(call1(add.get(), list_items(items.get())[i]));
    if (!r) return -1;
  }
  return 0;
}

int Loader::load_build() {
  if (ssize(st->stack.size()) - 2 < st->fence()) return underflow();
  ORef state = steal(pop());
  if (!state) return -1;
  ORef inst = borrow(st->stack.back());
  Object* setstate = nullptr;
  if (get_attr_optional(inst.get(), str_interned("__setstate__"), &setstate) < 0) return -1;
  if (setstate) {
    ORef f = steal(setstate);
    ORef r = steal(call1(f.get(), state.get()));
    return r ? 0 : -1;
  }
  ORef slotstate;
  if (type_check(state.get(), &tuple_type) && tuple_size(state.get()) == 2) {
    ORef t = std::move(state);
    state = borrow(tuple_items(t.get())[0]);
    slotstate = borrow(tuple_items(t.get())[1]);
  }
  if (state.get() != none()) {
    if (!dict_check(state.get())) {
      uerr("state is not a dictionary");
      return -1;
    }
    ORef dict = steal(get_attr(inst.get(), str_interned("__dict__")));
    if (!dict) return -1;
    ssize pos = 0;
    Object *k, *v;
    while (dict_next(state.get(), &pos, &k, &v)) {
      ORef key = steal(k), value = steal(v);
      if (type_check_exact(key.get(), &str_type)) {
        key = steal(str_intern(key.release()));
        if (!key) return -1;
      }
      if (set_item(dict.get(), key.get(), value.get()) < 0) return -1;
    }
  }
  if (slotstate) {
    if (!dict_check(slotstate.get())) {
      uerr("slot state is not a dictionary");
      return -1;
    }
    ssize pos = 0;
    Object *k, *v;
    while (dict_next(slotstate.get(), &pos, &k, &v)) {
      ORef key = steal(k), value = steal(v);
      if (set_attr(inst.get(), key.get(), value.get()) < 0) return -1;
    }
  }
  return 0;
}

Object* instantiate(Object* cls, Object* args) {
  if (tuple_size(args) == 0 && type_check(cls, &type_type)) {
    Object* f = nullptr;
    if (get_attr_optional(cls, str_interned("__getinitargs__"), &f) < 0) return nullptr;
    if (!f) return call_method1(cls, str_interned("__new__"), cls);
    decref(f);
  }
  return call_tuple_dict(cls, args, nullptr);
}

// Two lines naming a module and a global, decoded with `encoding` (ascii for INST, utf-8 for GLOBAL).
int read_global_names(Loader* l, const char* encoding, ORef* module, ORef* name) {
  const char* s;
  ssize n = l->readline(&s);
  if (n < 0) return -1;
  if (n < 2) return truncated();
  *module = steal(str_decode(s, n - 1, encoding, "strict"));
  if (!*module) return -1;
  n = l->readline(&s);
  if (n < 0) return -1;
  if (n < 2) return truncated();
  *name = steal(str_decode(s, n - 1, encoding, "strict"));
  return *name ? 0 : -1;
}

int Loader::load_inst() {
  ssize i = marker();
  if (i < 0) return -1;
  ORef module, name;
  if (read_global_names(this, "ascii", &module, &name) < 0) return -1;
  ORef cls = steal(find_class(module.get(), name.get()));
  if (!cls) return -1;
  ORef args = steal(pop_tuple(i));
  if (!args) return -1;
  Object* obj = instantiate(cls.get(), args.get());
  if (!obj) return -1;
  push(obj);
  return 0;
}

int Loader::load_obj() {
  ssize i = marker();
  if (i < 0) return -1;
  if (ssize(st->stack.size()) - i < 1) return underflow();
  ORef args = steal(pop_tuple(i + 1));
  if (!args) return -1;
  ORef cls = steal(pop());
  if (!cls) return -1;
  Object* obj = instantiate(cls.get(), args.get());
  if (!obj) return -1;
  push(obj);
  return 0;
}

int Loader::load_newobj(bool use_kwargs) {
  const char* op = use_kwargs ? "NEWOBJ_EX" : "NEWOBJ";
  ORef kwargs;
  if (use_kwargs) {
    kwargs = steal(pop());
    if (!kwargs) return -1;
  }
  ORef args = steal(pop());
  if (!args) return -1;
  ORef cls = steal(pop());
  if (!cls) return -1;
  if (!type_check(cls.get(), &type_type)) {
    set_errorf(unpickling_error(), "{} class argument must be a type, not {}", op, type_name(cls.get()));
    return -1;
  }
  Type* t = reinterpret_cast<Type*>(cls.get());
  if (!t->tp_new) {
    set_errorf(unpickling_error(), "{} class argument '{}' doesn't have __new__", op, t->tp_name);
    return -1;
  }
  if (!type_check(args.get(), &tuple_type)) {
    set_errorf(unpickling_error(), "{} args argument must be a tuple, not {}", op, type_name(args.get()));
    return -1;
  }
  if (use_kwargs && !dict_check(kwargs.get())) {
    set_errorf(unpickling_error(), "{} kwargs argument must be a dict, not {}", op, type_name(kwargs.get()));
    return -1;
  }
  Object* obj = t->tp_new(t, args.get(), use_kwargs ? kwargs.get() : nullptr);
  if (!obj) return -1;
  push(obj);
  return 0;
}

int Loader::load_global() {
  ORef module, name;
  if (read_global_names(this, "utf-8", &module, &name) < 0) return -1;
  Object* cls = find_class(module.get(), name.get());
  if (!cls) return -1;
  push(cls);
  return 0;
}

int Loader::load_stack_global() {
  ORef name = steal(pop());
  if (!name) return -1;
  ORef module = steal(pop());
  if (!module) return -1;
  if (!type_check_exact(module.get(), &str_type) || !type_check_exact(name.get(), &str_type)) {
    uerr("STACK_GLOBAL requires str");
    return -1;
  }
  Object* cls = find_class(module.get(), name.get());
  if (!cls) return -1;
  push(cls);
  return 0;
}

int Loader::load_ext(int nbytes) {
  const char* s;
  if (read(nbytes, &s) < 0) return -1;
  int64_t code = nbytes == 4 ? int64_t(int32_t(uint32_t(le(s, 4)))) : int64_t(le(s, nbytes));
  if (code <= 0) {
    uerr("EXT specifies code <= 0");
    return -1;
  }
  ORef py_code = steal(int_from_i64(code));
  if (!py_code) return -1;
  Object* obj = nullptr;
  int r = dict_get(g_state.extension_cache, py_code.get(), &obj);
  if (r < 0) return -1;
  if (r > 0) {
    push(obj);
    return 0;
  }
  Object* pair = nullptr;
  r = dict_get(g_state.inverted_registry, py_code.get(), &pair);
  if (r < 0) return -1;
  if (r == 0) {
    set_errorf(&exc_ValueError, "unregistered extension code {}", code);
    return -1;
  }
  ORef p = steal(pair);
  if (!type_check(pair, &tuple_type) || tuple_size(pair) != 2 || !type_check(tuple_items(pair)[0], &str_type) ||
      !type_check(tuple_items(pair)[1], &str_type)) {
    set_errorf(&exc_ValueError, "_inverted_registry[{}] isn't a 2-tuple of strings", code);
    return -1;
  }
  ORef cls = steal(find_class(tuple_items(pair)[0], tuple_items(pair)[1]));
  if (!cls) return -1;
  if (dict_set(g_state.extension_cache, py_code.get(), cls.get()) < 0) return -1;
  push(cls.release());
  return 0;
}

int Loader::load_get(size_t idx) {
  Object* v = st->memo_get(idx);
  if (!v) {
    set_errorf(unpickling_error(), "Memo value not found at index {}", idx);
    return -1;
  }
  push(newref(v));
  return 0;
}

// The decimal index of GET and PUT, parsed from the whole line (newline included, as CPython hands the line to
// PyLong_FromString, so its error message shows it); -1 with an error (OverflowError for huge ones).
ssize parse_index(const char* s, ssize n) {
  ORef key = steal(int_from_c_string(s, n, 10));
  if (!key) return -1;
  return int_as_ssize(key.get());
}

int Loader::load_get_text() {
  const char* s;
  ssize n = readline(&s);
  if (n < 0) return -1;
  if (n < 2) return truncated();
  ssize idx = parse_index(s, n);
  if (idx == -1 && error_occurred()) return -1;
  if (idx < 0) {
    set_errorf(unpickling_error(), "Memo value not found at index {}", idx);
    return -1;
  }
  return load_get(size_t(idx));
}

int Loader::load_put(size_t idx) {
  st->memo_put(idx, st->stack.back());
  return 0;
}

int Loader::load_put_text() {
  const char* s;
  ssize n = readline(&s);
  if (n < 0) return -1;
  if (n < 2) return truncated();
  if (ssize(st->stack.size()) <= st->fence()) return underflow();
  ssize idx = parse_index(s, n);
  if (idx < 0) {
    if (!error_occurred()) set_error(&exc_ValueError, "negative PUT argument");
    return -1;
  }
  return load_put(size_t(idx));
}

Object* Loader::persistent_load(Object* pid) {
  if (!u->pers_func)
    return uerr("A load persistent id instruction was encountered, but no persistent_load function was specified.");
  ORef f = borrow(u->pers_func);
  return call1(f.get(), pid);
}

int Loader::load_persid(bool binary) {
  ORef pid;
  if (binary) {
    pid = steal(pop());
    if (!pid) return -1;
  } else {
    const char* s;
    ssize n = readline(&s);
    if (n < 0) return -1;
    if (n < 1) return truncated();
    pid = steal(str_decode(s, n - 1, "ascii", "strict"));
    if (!pid) {
      if (error_matches(&exc_UnicodeDecodeError)) {
        error_clear();
        uerr("persistent IDs in protocol 0 must be ASCII strings");
      }
      return -1;
    }
  }
  Object* obj = persistent_load(pid.get());
  if (!obj) return -1;
  push(obj);
  return 0;
}

int Loader::load_reduce() {
  ORef args = steal(pop());
  if (!args) return -1;
  ORef callable = steal(pop());
  if (!callable) return -1;
  if (!type_check(args.get(), &tuple_type)) {
    set_error(&exc_TypeError, "argument list must be a tuple");
    return -1;
  }
  Object* obj = call_tuple_dict(callable.get(), args.get(), nullptr);
  if (!obj) return -1;
  push(obj);
  return 0;
}

int Loader::load_pop() {
  ssize len = ssize(st->stack.size());
  if (!st->marks.empty() && st->marks.back() == len) {
    st->marks.pop_back();
  } else if (len <= st->fence()) {
    return underflow();
  } else {
    st->clear_stack(len - 1);
  }
  return 0;
}

int Loader::load_dup() {
  if (ssize(st->stack.size()) <= st->fence()) return underflow();
  push(newref(st->stack.back()));
  return 0;
}

int Loader::load_next_buffer() {
  if (!u->buffers) {
    uerr("pickle stream refers to out-of-band data but no *buffers* argument was given");
    return -1;
  }
  ORef it = borrow(u->buffers);
  Object* buf = iter_next(it.get());
  if (!buf) {
    if (!error_occurred()) uerr("not enough out-of-band buffers");
    return -1;
  }
  push(buf);
  return 0;
}

int Loader::load_readonly_buffer() {
  if (ssize(st->stack.size()) <= st->fence()) return underflow();
  Object* obj = st->stack.back();
  ORef view = steal(memoryview_from_object(obj));
  if (!view) return -1;
  ORef ro = steal(get_attr_str(view.get(), "readonly"));
  if (!ro) return -1;
  if (ro.get() == true_()) return 0;
  ORef rview = steal(call_method0(view.get(), str_interned("toreadonly")));
  if (!rview) return -1;
  st->stack.back() = rview.release();
  decref(obj);
  return 0;
}

// find_class: the subclass's override when there is one, else the default lookup.
Object* Loader::find_class(Object* module, Object* name) {
  if (find_class_override) {
    Object* args[2] = {module, name};
    return call(find_class_override, args, 2, nullptr);
  }
  return default_find_class(u, module, name);
}

int Loader::dispatch(uint8_t op) {
  const char* s;
  switch (op) {
    case kNone:
      push(newref(none()));
      return 0;
    case kNewFalse:
      push(newref(false_()));
      return 0;
    case kNewTrue:
      push(newref(true_()));
      return 0;
    case kBinInt:
      if (read(4, &s) < 0) return -1;
      push(int_from_i64(int32_t(uint32_t(le(s, 4)))));
      return 0;
    case kBinInt1:
      if (read(1, &s) < 0) return -1;
      push(int_from_i64(uint8_t(s[0])));
      return 0;
    case kBinInt2:
      if (read(2, &s) < 0) return -1;
      push(int_from_i64(int64_t(le(s, 2))));
      return 0;
    case kInt:
      return load_int();
    case kLong:
      return load_long_text();
    case kLong1:
      return load_long_bin(1);
    case kLong4:
      return load_long_bin(4);
    case kFloat:
      return load_float();
    case kBinFloat: {
      if (read(8, &s) < 0) return -1;
      uint64_t bits = 0;
      for (int i = 0; i < 8; i++) bits = (bits << 8) | uint8_t(s[i]);
      double d;
      memcpy(&d, &bits, 8);
      Object* v = float_from_double(d);
      if (!v) return -1;
      push(v);
      return 0;
    }
    case kBinBytes:
      return load_counted_bytes(4, false, false, "BINBYTES");
    case kShortBinBytes:
      return load_counted_bytes(1, false, false, "SHORT_BINBYTES");
    case kBinBytes8:
      return load_counted_bytes(8, false, false, "BINBYTES");
    case kByteArray8:
      return load_counted_bytes(8, false, true, "BYTEARRAY8");
    case kNextBuffer:
      return load_next_buffer();
    case kReadonlyBuffer:
      return load_readonly_buffer();
    case kBinString:
      return load_counted_bytes(4, true, false, "BINSTRING");
    case kShortBinString:
      return load_counted_bytes(1, true, false, "SHORT_BINSTRING");
    case kString:
      return load_string();
    case kUnicode:
      return load_unicode();
    case kBinUnicode:
      return load_binunicode(4, "BINUNICODE");
    case kShortBinUnicode:
      return load_binunicode(1, "SHORT_BINUNICODE");
    case kBinUnicode8:
      return load_binunicode(8, "BINUNICODE");
    case kEmptyTuple:
      push(newref(tuple_empty()));
      return 0;
    case kTuple1:
      return load_counted_tuple(1);
    case kTuple2:
      return load_counted_tuple(2);
    case kTuple3:
      return load_counted_tuple(3);
    case kTuple: {
      ssize i = marker();
      if (i < 0) return -1;
      Object* t = pop_tuple(i);
      if (!t) return -1;
      push(t);
      return 0;
    }
    case kEmptyList: {
      Object* l = list_new(0);
      if (!l) return -1;
      push(l);
      return 0;
    }
    case kList: {
      ssize i = marker();
      if (i < 0) return -1;
      Object* l = pop_list(i);
      if (!l) return -1;
      push(l);
      return 0;
    }
    case kEmptyDict: {
      Object* d = dict_new();
      if (!d) return -1;
      push(d);
      return 0;
    }
    case kDict:
      return load_dict();
    case kEmptySet: {
      Object* v = set_new(nullptr);
      if (!v) return -1;
      push(v);
      return 0;
    }
    case kFrozenSet:
      return load_frozenset();
    case kAppend:
      return do_append(ssize(st->stack.size()) - 1);
    case kAppends: {
      ssize i = marker();
      return i < 0 ? -1 : do_append(i);
    }
    case kSetItem:
      return do_setitems(ssize(st->stack.size()) - 2);
    case kSetItems: {
      ssize i = marker();
      return i < 0 ? -1 : do_setitems(i);
    }
    case kAddItems:
      return load_additems();
    case kBuild:
      return load_build();
    case kInst:
      return load_inst();
    case kObj:
      return load_obj();
    case kNewObj:
      return load_newobj(false);
    case kNewObjEx:
      return load_newobj(true);
    case kGlobal:
      return load_global();
    case kStackGlobal:
      return load_stack_global();
    case kExt1:
      return load_ext(1);
    case kExt2:
      return load_ext(2);
    case kExt4:
      return load_ext(4);
    case kReduce:
      return load_reduce();
    case kMark:
      st->marks.push_back(ssize(st->stack.size()));
      return 0;
    case kPop:
      return load_pop();
    case kPopMark: {
      ssize i = marker();
      if (i < 0) return -1;
      st->clear_stack(i);
      return 0;
    }
    case kDup:
      return load_dup();
    case kGet:
      return load_get_text();
    case kBinGet:
      if (read(1, &s) < 0) return -1;
      return load_get(uint8_t(s[0]));
    case kLongBinGet:
      if (read(4, &s) < 0) return -1;
      return load_get(size_t(le(s, 4)));
    case kPut:
      return load_put_text();
    case kBinPut:
      if (read(1, &s) < 0) return -1;
      if (ssize(st->stack.size()) <= st->fence()) return underflow();
      return load_put(uint8_t(s[0]));
    case kLongBinPut:
      if (read(4, &s) < 0) return -1;
      if (ssize(st->stack.size()) <= st->fence()) return underflow();
      return load_put(size_t(le(s, 4)));
    case kMemoize:
      if (ssize(st->stack.size()) <= st->fence()) return underflow();
      return load_put(size_t(st->memo_len));
    case kPersId:
      return load_persid(false);
    case kBinPersId:
      return load_persid(true);
    case kProto: {
      if (read(1, &s) < 0) return -1;
      int p = uint8_t(s[0]);
      if (p > kHighestProtocol) {
        set_errorf(&exc_ValueError, "unsupported pickle protocol: {}", p);
        return -1;
      }
      u->proto = p;
      return 0;
    }
    case kFrame:
      return load_frame();
    default: {
      // Printable ASCII other than the quote and the backslash as itself, any other byte as \xNN.
      bool plain = op >= 0x20 && op < 0x7f && op != '\'' && op != '\\';
      std::string key = plain ? std::string(1, char(op)) : fmt::format("\\x{:02x}", op);
      set_errorf(unpickling_error(), "invalid load key, '{}'.", key);
      return -1;
    }
  }
}

Object* Loader::run() {
  st->clear_stack(0);
  st->marks.clear();
  u->proto = 0;
  for (;;) {
    const char* s;
    if (read(1, &s) < 0) {
      if (error_matches(unpickling_error())) {
        error_clear();
        set_error(&exc_EOFError, "Ran out of input");
      }
      return nullptr;
    }
    uint8_t op = uint8_t(s[0]);
    if (op == kStop) break;
    if (dispatch(op) < 0) return nullptr;
    // A push of a failed allocation (the simple opcodes push unchecked results).
    if (!st->stack.empty() && !st->stack.back()) {
      st->stack.pop_back();
      return nullptr;
    }
  }
  return pop();
}

}  // namespace

Object* default_find_class(UnpicklerObject* u, Object* module_name, Object* global_name) {
  if (!type_check(module_name, &str_type)) return set_error(&exc_TypeError, "module name must be a string");
  ORef module_n = borrow(module_name), global_n = borrow(global_name);
  if (u->proto < 3 && u->fix_imports) {
    ORef key = steal(tuple_pack({module_name, global_name}));
    if (!key) return nullptr;
    Object* item = nullptr;
    int r = dict_get(g_state.name_mapping_2to3, key.get(), &item);
    if (r < 0) return nullptr;
    if (r > 0) {
      ORef it = steal(item);
      if (!type_check(item, &tuple_type) || tuple_size(item) != 2)
        return set_errorf(&exc_RuntimeError, "_compat_pickle.NAME_MAPPING values should be 2-tuples, not {}",
                          type_name(item));
      Object* a = tuple_items(item)[0];
      Object* b = tuple_items(item)[1];
      if (!type_check(a, &str_type) || !type_check(b, &str_type))
        return set_errorf(&exc_RuntimeError, "_compat_pickle.NAME_MAPPING values should be pairs of str, not ({}, {})",
                          type_name(a), type_name(b));
      module_n = borrow(a);
      global_n = borrow(b);
    } else {
      r = dict_get(g_state.import_mapping_2to3, module_name, &item);
      if (r < 0) return nullptr;
      if (r > 0) {
        ORef it = steal(item);
        if (!type_check(item, &str_type))
          return set_errorf(&exc_RuntimeError, "_compat_pickle.IMPORT_MAPPING values should be strings, not {}",
                            type_name(item));
        module_n = std::move(it);
      }
    }
  }
  ORef top = steal(import_module_level(module_n.get(), nullptr, nullptr, nullptr, 0));
  if (!top) return nullptr;
  Object* module = nullptr;
  int r = dict_get(sys_modules(), module_n.get(), &module);
  if (r < 0) return nullptr;
  if (r == 0) return set_error_value(&exc_KeyError, module_n.get());
  ORef mod = steal(module);
  if (!type_check(global_n.get(), &str_type))
    return set_errorf(&exc_TypeError, "attribute name must be string, not '{}'", type_name(global_n.get()));
  if (u->proto >= 4) return get_dotted_attribute(mod.get(), global_n.get(), nullptr);
  Object* v = nullptr;
  if (get_attr_optional(mod.get(), global_n.get(), &v) < 0) {
    if (!error_matches(&exc_AttributeError)) return nullptr;
    error_clear();
  }
  if (v) return v;
  ORef nr = steal(object_repr(global_n.get()));
  ORef mr = steal(object_repr(mod.get()));
  if (!nr || !mr) return nullptr;
  return set_errorf(&exc_AttributeError, "Can't get attribute {} on {}", str_view(nr.get()), str_view(mr.get()));
}

Object* unpickler_run(UnpicklerObject* u, Object* find_class) {
  Loader l{u, u->st, find_class};
  Object* r = l.run();
  u->st->clear_stack(0);
  u->st->marks.clear();
  return r;
}

}  // namespace pyvm::pickle
