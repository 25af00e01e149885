// The _json module: the accelerators json.decoder, json.scanner and json.encoder pick up (scanstring, the
// Scanner type behind make_scanner, encode_basestring(_ascii); the Encoder type is in json_encoder.cc).
//
// Thread-safety: the module has no state. A Scanner's fields are set when it is made and never change; each call
// has its own key memo, so one scanner may be used by several threads at once. Strings are immutable.
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/float.h"
#include "objects/float_impl.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/methods.h"
#include "objects/module.h"
#include "objects/stack_guard.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/import.h"
#include "vm/modules/json_internal.h"
#include "vm/modules/modules.h"

namespace pyvm::json {
namespace {

// ---- Errors ----

// Raises json.decoder.JSONDecodeError(msg, doc, pos). The class is looked up in sys.modules' json.decoder each
// time (as CPython does), so a test that swaps json packages still sees the one json.decoder defines.
std::nullptr_t raise_decode_error(const char* msg, Object* doc, ssize pos) {
  ORef name = steal(str_from_utf8("json.decoder"));
  if (!name) return nullptr;
  ORef fromlist = steal(tuple_pack({str_interned("JSONDecodeError")}));
  if (!fromlist) return nullptr;
  ORef mod = steal(import_module_level(name.get(), nullptr, nullptr, fromlist.get(), 0));
  if (!mod) return nullptr;
  ORef cls = steal(get_attr_str(mod.get(), "JSONDecodeError"));
  if (!cls) return nullptr;
  ORef m = steal(str_from_utf8(msg));
  ORef p = steal(int_from_ssize(pos));
  if (!m || !p) return nullptr;
  ORef exc = steal(call(cls.get(), std::vector<Object*>{m.get(), doc, p.get()}.data(), 3, nullptr));
  if (!exc) return nullptr;
  set_error_object(exc.get());
  return nullptr;
}

std::nullptr_t raise_stop_iteration(ssize idx) {
  ORef v = steal(int_from_ssize(idx));
  if (!v) return nullptr;
  ORef exc = steal(call1(reinterpret_cast<Object*>(&exc_StopIteration), v.get()));
  if (!exc) return nullptr;
  set_error_object(exc.get());
  return nullptr;
}

std::nullptr_t not_a_string(Object* o) {
  return set_errorf(&exc_TypeError, "first argument must be a string, not {}", type_name(o));
}

// ---- scanstring ----

int hex_value(uint32_t c) {
  if (c >= '0' && c <= '9') return int(c - '0');
  if (c >= 'a' && c <= 'f') return int(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return int(c - 'A' + 10);
  return -1;
}

// The four hex digits after the 'u' at s[u]; -1 when one is not a hex digit. The caller checked u + 4 < len.
template <class C>
int32_t decode_hex4(const C* s, ssize u) {
  int32_t v = 0;
  for (ssize i = u + 1; i <= u + 4; i++) {
    int h = hex_value(s[i]);
    if (h < 0) return -1;
    v = (v << 4) | h;
  }
  return v;
}

// The JSON string whose opening quote is at end - 1 (end may be len, never more). Sets *next to the index after
// the closing quote. CPython's error positions: a control character or a bad \u escape at the offending 'u' or
// character, a bad escape at its backslash, an unterminated string at its opening quote.
template <class C>
Object* scan_string(Object* pystr, const C* s, ssize len, ssize end, bool strict, ssize* next) {
  ssize begin = end - 1;
  ssize i = end;
  // The plain run up to the first escape or the closing quote; most strings are only that.
  while (i < len) {
    uint32_t c = s[i];
    if (c == '"' || c == '\\') break;
    if (strict && c < 0x20) return raise_decode_error("Invalid control character at", pystr, i);
    i++;
  }
  if (i >= len) return raise_decode_error("Unterminated string starting at", pystr, begin);
  if (s[i] == '"') {
    *next = i + 1;
    return str_substring(pystr, end, i);
  }
  std::u32string buf(s + end, s + i);
  for (;;) {
    if (i >= len) return raise_decode_error("Unterminated string starting at", pystr, begin);
    uint32_t c = s[i];
    if (c == '"') break;
    if (c != '\\') {
      if (strict && c < 0x20) return raise_decode_error("Invalid control character at", pystr, i);
      buf.push_back(c);
      i++;
      continue;
    }
    i++;  // past the backslash
    if (i >= len) return raise_decode_error("Unterminated string starting at", pystr, begin);
    c = s[i];
    if (c != 'u') {
      uint32_t out;
      switch (c) {
        case '"':
          out = '"';
          break;
        case '\\':
          out = '\\';
          break;
        case '/':
          out = '/';
          break;
        case 'b':
          out = '\b';
          break;
        case 'f':
          out = '\f';
          break;
        case 'n':
          out = '\n';
          break;
        case 'r':
          out = '\r';
          break;
        case 't':
          out = '\t';
          break;
        default:
          return raise_decode_error("Invalid \\escape", pystr, i - 1);
      }
      buf.push_back(out);
      i++;
      continue;
    }
    // \uXXXX: the four digits must be followed by at least one more character (the string has to end somewhere).
    if (i + 5 >= len) return raise_decode_error("Invalid \\uXXXX escape", pystr, i);
    int32_t v = decode_hex4(s, i);
    if (v < 0) return raise_decode_error("Invalid \\uXXXX escape", pystr, i);
    i += 5;
    // A high surrogate followed by a well-formed \u escape of a low surrogate makes one code point; anything
    // else leaves the lone surrogate and goes on (a bad second escape is then reported where it stands).
    if (v >= 0xd800 && v <= 0xdbff && i + 6 < len && s[i] == '\\' && s[i + 1] == 'u') {
      int32_t lo = decode_hex4(s, i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        v = 0x10000 + (((v - 0xd800) << 10) | (lo - 0xdc00));
        i += 6;
      }
    }
    buf.push_back(uint32_t(v));
  }
  *next = i + 1;
  return str_from_ucs4(reinterpret_cast<const uint32_t*>(buf.data()), ssize(buf.size()));
}

Object* scanstring_any(Object* pystr, ssize end, bool strict, ssize* next) {
  ssize len = str_length(pystr);
  const void* d = str_data(pystr);
  switch (str_kind(pystr)) {
    case 1:
      return scan_string(pystr, static_cast<const uint8_t*>(d), len, end, strict, next);
    case 2:
      return scan_string(pystr, static_cast<const uint16_t*>(d), len, end, strict, next);
    default:
      return scan_string(pystr, static_cast<const uint32_t*>(d), len, end, strict, next);
  }
}

bool ssize_index_arg(Object* o, ssize* out) {
  ORef i = steal(number_index(o));
  if (!i) return false;
  *out = int_as_ssize(i.get());  // "Python int too large to convert to C ssize_t", as the "n" converter says
  return !(*out == -1 && error_occurred());
}

Object* json_scanstring(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (kwnames && tuple_size(kwnames) > 0) return set_error(&exc_TypeError, "scanstring() takes no keyword arguments");
  if (nargs < 2) return set_errorf(&exc_TypeError, "scanstring() takes at least 2 arguments ({} given)", nargs);
  if (nargs > 3) return set_errorf(&exc_TypeError, "scanstring() takes at most 3 arguments ({} given)", nargs);
  ssize end;
  if (!ssize_index_arg(args[1], &end)) return nullptr;
  bool strict = true;
  if (nargs == 3) {
    int t = object_is_true(args[2]);
    if (t < 0) return nullptr;
    strict = t;
  }
  Object* pystr = args[0];
  if (!type_check(pystr, &str_type)) return not_a_string(pystr);
  if (end < 0 || end > str_length(pystr)) return set_error(&exc_ValueError, "end is out of bounds");
  ssize next = 0;
  ORef r = steal(scanstring_any(pystr, end, strict, &next));
  if (!r) return nullptr;
  ORef n = steal(int_from_ssize(next));
  if (!n) return nullptr;
  return tuple_pack({r.get(), n.get()});
}

// ---- encode_basestring(_ascii) ----

const char kHex[] = "0123456789abcdef";

template <class Out>
void put_u_escape(Out* out, uint32_t c) {
  out->push_back('\\');
  out->push_back('u');
  out->push_back(kHex[(c >> 12) & 0xf]);
  out->push_back(kHex[(c >> 8) & 0xf]);
  out->push_back(kHex[(c >> 4) & 0xf]);
  out->push_back(kHex[c & 0xf]);
}

// The short escape of c ('n' for a newline ...), or 0 when it has none.
char short_escape(uint32_t c) {
  switch (c) {
    case '"':
      return '"';
    case '\\':
      return '\\';
    case '\n':
      return 'n';
    case '\r':
      return 'r';
    case '\t':
      return 't';
    case '\b':
      return 'b';
    case '\f':
      return 'f';
    default:
      return 0;
  }
}

template <class C>
void encode_ascii(const C* s, ssize len, std::string* outp) {
  std::string& out = *outp;
  out.reserve(out.size() + size_t(len) + 2);
  out.push_back('"');
  for (ssize i = 0; i < len; i++) {
    uint32_t c = s[i];
    if (c >= ' ' && c < 0x7f && c != '"' && c != '\\') {
      out.push_back(char(c));
    } else if (char e = short_escape(c)) {
      out.push_back('\\');
      out.push_back(e);
    } else if (c >= 0x10000) {
      uint32_t v = c - 0x10000;
      put_u_escape(&out, 0xd800 | (v >> 10));
      put_u_escape(&out, 0xdc00 | (v & 0x3ff));
    } else {
      put_u_escape(&out, c);
    }
  }
  out.push_back('"');
}

template <class C>
Object* encode_unicode(const C* s, ssize len, int kind) {
  std::basic_string<C> out;
  out.reserve(size_t(len) + 2);
  out.push_back('"');
  for (ssize i = 0; i < len; i++) {
    C c = s[i];
    if (c >= ' ' && c != '"' && c != '\\') {
      out.push_back(c);
    } else if (char e = short_escape(c)) {
      out.push_back('\\');
      out.push_back(C(e));
    } else {
      put_u_escape(&out, c);
    }
  }
  out.push_back('"');
  return str_from_kind(kind, out.data(), ssize(out.size()));
}

Object* json_encode_basestring_ascii(Object*, Object* s) {
  if (!type_check(s, &str_type)) return not_a_string(s);
  return encode_string(s, true);
}

Object* json_encode_basestring(Object*, Object* s) {
  if (!type_check(s, &str_type)) return not_a_string(s);
  return encode_string(s, false);
}

// ---- Scanner ----

struct ScannerObject {
  PyObject ob_base;
  vectorcallfunc vectorcall;
  char strict;
  Object* object_hook;
  Object* object_pairs_hook;
  Object* parse_float;
  Object* parse_int;
  Object* parse_constant;
};
ScannerObject* SC(Object* o) { return reinterpret_cast<ScannerObject*>(o); }

// One call's state: the document, its code units and the key memo.
template <class C>
struct Scan {
  ScannerObject* sc;
  Object* pystr;
  const C* s;
  ssize len;
  Object* memo;

  ssize skip_ws(ssize i) const {
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) i++;
    return i;
  }
  bool match(ssize i, const char* word) const {
    for (; *word; word++, i++)
      if (i >= len || s[i] != uint32_t(uint8_t(*word))) return false;
    return true;
  }

  Object* scan_once(ssize idx, ssize* next);
  Object* parse_object(ssize idx, ssize* next);
  Object* parse_array(ssize idx, ssize* next);
  Object* parse_number(ssize start, ssize* next);
  Object* constant(const char* name, ssize idx, ssize n, ssize* next) {
    ORef text = steal(str_from_utf8(name));
    if (!text) return nullptr;
    *next = idx + n;
    return call1(sc->parse_constant, text.get());
  }
};

template <class C>
Object* Scan<C>::scan_once(ssize idx, ssize* next) {
  if (idx < 0) return set_error(&exc_ValueError, "idx cannot be negative");
  if (idx >= len) return raise_stop_iteration(idx);
  switch (s[idx]) {
    case '"':
      return scan_string(pystr, s, len, idx + 1, sc->strict, next);
    case '{': {
      CRecursionGuard guard(" while decoding a JSON object from a unicode string");
      if (!guard.ok()) return nullptr;
      return parse_object(idx + 1, next);
    }
    case '[': {
      CRecursionGuard guard(" while decoding a JSON array from a unicode string");
      if (!guard.ok()) return nullptr;
      return parse_array(idx + 1, next);
    }
    case 'n':
      if (match(idx, "null")) {
        *next = idx + 4;
        return newref(none());
      }
      break;
    case 't':
      if (match(idx, "true")) {
        *next = idx + 4;
        return newref(true_());
      }
      break;
    case 'f':
      if (match(idx, "false")) {
        *next = idx + 5;
        return newref(false_());
      }
      break;
    case 'N':
      if (match(idx, "NaN")) return constant("NaN", idx, 3, next);
      break;
    case 'I':
      if (match(idx, "Infinity")) return constant("Infinity", idx, 8, next);
      break;
    case '-':
      if (match(idx, "-Infinity")) return constant("-Infinity", idx, 9, next);
      break;
  }
  return parse_number(idx, next);
}

template <class C>
Object* Scan<C>::parse_number(ssize start, ssize* next) {
  auto digit = [&](ssize i) { return i < len && s[i] >= '0' && s[i] <= '9'; };
  ssize i = start;
  if (i < len && s[i] == '-') i++;
  if (i < len && s[i] >= '1' && s[i] <= '9') {
    while (digit(i)) i++;
  } else if (i < len && s[i] == '0') {
    i++;
  } else {
    return raise_stop_iteration(start);
  }
  bool is_float = false;
  if (i < len && s[i] == '.' && digit(i + 1)) {
    is_float = true;
    i += 2;
    while (digit(i)) i++;
  }
  if (i < len && (s[i] == 'e' || s[i] == 'E')) {
    ssize e = i + 1;
    if (e < len && (s[e] == '-' || s[e] == '+')) e++;
    if (digit(e)) {
      while (digit(e)) e++;
      is_float = true;
      i = e;
    }
  }
  *next = i;
  Object* custom = nullptr;
  if (is_float && sc->parse_float != reinterpret_cast<Object*>(&float_type)) custom = sc->parse_float;
  if (!is_float && sc->parse_int != reinterpret_cast<Object*>(&int_type)) custom = sc->parse_int;
  if (custom) {
    ORef text = steal(str_substring(pystr, start, i));
    if (!text) return nullptr;
    return call1(custom, text.get());
  }
  std::string ascii(size_t(i - start), '\0');
  for (ssize k = start; k < i; k++) ascii[size_t(k - start)] = char(s[k]);
  if (!is_float) return int_from_string(ascii.data(), ssize(ascii.size()), 10);
  double v = 0;
  parse_double_prefix(ascii.data(), ascii.data() + ascii.size(), &v);
  return float_from_double(v);
}

template <class C>
Object* Scan<C>::parse_object(ssize idx, ssize* next) {
  bool pairs_hook = sc->object_pairs_hook != none();
  ORef acc = steal(pairs_hook ? list_new(0) : dict_new());
  if (!acc) return nullptr;
  idx = skip_ws(idx);
  if (idx < len && s[idx] == '}') {
    idx++;
  } else {
    for (;;) {
      if (idx >= len || s[idx] != '"')
        return raise_decode_error("Expecting property name enclosed in double quotes", pystr, idx);
      ssize after;
      ORef key = steal(scan_string(pystr, s, len, idx + 1, sc->strict, &after));
      if (!key) return nullptr;
      Object* memo_key = nullptr;
      if (dict_setdefault(memo, key.get(), key.get(), &memo_key) < 0) return nullptr;
      key = steal(memo_key);
      idx = skip_ws(after);
      if (idx >= len || s[idx] != ':') return raise_decode_error("Expecting ':' delimiter", pystr, idx);
      idx = skip_ws(idx + 1);
      ORef value = steal(scan_once(idx, &after));
      if (!value) return nullptr;
      if (pairs_hook) {
        ORef pair = steal(tuple_pack({key.get(), value.get()}));
        if (!pair || list_append(acc.get(), pair.get()) < 0) return nullptr;
      } else if (dict_set(acc.get(), key.get(), value.get()) < 0) {
        return nullptr;
      }
      idx = skip_ws(after);
      if (idx < len && s[idx] == '}') {
        idx++;
        break;
      }
      if (idx >= len || s[idx] != ',') return raise_decode_error("Expecting ',' delimiter", pystr, idx);
      ssize comma = idx;
      idx = skip_ws(idx + 1);
      if (idx < len && s[idx] == '}')
        return raise_decode_error("Illegal trailing comma before end of object", pystr, comma);
    }
  }
  *next = idx;
  if (pairs_hook) return call1(sc->object_pairs_hook, acc.get());
  if (sc->object_hook != none()) return call1(sc->object_hook, acc.get());
  return acc.release();
}

template <class C>
Object* Scan<C>::parse_array(ssize idx, ssize* next) {
  ORef list = steal(list_new(0));
  if (!list) return nullptr;
  idx = skip_ws(idx);
  if (idx < len && s[idx] == ']') {
    *next = idx + 1;
    return list.release();
  }
  for (;;) {
    ssize after;
    ORef value = steal(scan_once(idx, &after));
    if (!value || list_append(list.get(), value.get()) < 0) return nullptr;
    idx = skip_ws(after);
    if (idx < len && s[idx] == ']') {
      *next = idx + 1;
      return list.release();
    }
    if (idx >= len || s[idx] != ',') return raise_decode_error("Expecting ',' delimiter", pystr, idx);
    ssize comma = idx;
    idx = skip_ws(idx + 1);
    if (idx < len && s[idx] == ']')
      return raise_decode_error("Illegal trailing comma before end of array", pystr, comma);
  }
}

template <class C>
Object* scan_call(ScannerObject* sc, Object* pystr, const void* data, ssize idx, ssize* next) {
  ORef memo = steal(dict_new());
  if (!memo) return nullptr;
  Scan<C> scan{sc, pystr, static_cast<const C*>(data), str_length(pystr), memo.get()};
  return scan.scan_once(idx, next);
}

Object* scanner_vectorcall(Object* self, Object* const* args, size_t nargsf, Object* kwnames) {
  Object* v[2] = {};
  if (!parse_args("scan_once", args, ssize(nargsf & ~PY_VECTORCALL_ARGUMENTS_OFFSET), kwnames, {"string", "idx"}, 2, v))
    return nullptr;
  ssize idx;
  if (!ssize_index_arg(v[1], &idx)) return nullptr;
  Object* pystr = v[0];
  if (!type_check(pystr, &str_type)) return not_a_string(pystr);
  ssize next = 0;
  ORef r;
  const void* d = str_data(pystr);
  switch (str_kind(pystr)) {
    case 1:
      r = steal(scan_call<uint8_t>(SC(self), pystr, d, idx, &next));
      break;
    case 2:
      r = steal(scan_call<uint16_t>(SC(self), pystr, d, idx, &next));
      break;
    default:
      r = steal(scan_call<uint32_t>(SC(self), pystr, d, idx, &next));
      break;
  }
  if (!r) return nullptr;
  ORef n = steal(int_from_ssize(next));
  if (!n) return nullptr;
  return tuple_pack({r.get(), n.get()});
}

Object* scanner_call(Object* self, Object* args, Object* kwds) {
  VectorArgs va;
  if (!va.init(args, kwds)) return nullptr;
  return scanner_vectorcall(self, va.argv.data(), size_t(va.nargs), va.kwnames.get());
}

Object* scanner_new(Type* type, Object* args, Object* kwds) {
  VectorArgs va;
  if (!va.init(args, kwds)) return nullptr;
  Object* ctx = nullptr;
  if (!parse_args("make_scanner", va.argv.data(), va.nargs, va.kwnames.get(), {"context"}, 1, &ctx)) return nullptr;
  ORef strict = steal(get_attr_str(ctx, "strict"));
  if (!strict) return nullptr;
  int st = object_is_true(strict.get());
  if (st < 0) return nullptr;
  const char* names[] = {"object_hook", "object_pairs_hook", "parse_float", "parse_int", "parse_constant"};
  ORef vals[5];
  for (int i = 0; i < 5; i++) {
    vals[i] = steal(get_attr_str(ctx, names[i]));
    if (!vals[i]) return nullptr;
  }
  Object* o = new_object(type, size_t(type->tp_basicsize));
  if (!o) return nullptr;
  ScannerObject* sc = SC(o);
  sc->vectorcall = scanner_vectorcall;
  sc->strict = char(st);
  sc->object_hook = vals[0].release();
  sc->object_pairs_hook = vals[1].release();
  sc->parse_float = vals[2].release();
  sc->parse_int = vals[3].release();
  sc->parse_constant = vals[4].release();
  return o;
}

void scanner_dealloc(Object* self) {
  Type* t = type_of(self);
  ScannerObject* sc = SC(self);
  for (Object* o : {sc->object_hook, sc->object_pairs_hook, sc->parse_float, sc->parse_int, sc->parse_constant})
    xdecref(o);
  object_free(self);
  dealloc_type_ref(t);
}

int scanner_traverse(Object* self, visitproc visit, void* arg) {
  ScannerObject* sc = SC(self);
  for (Object* o : {sc->object_hook, sc->object_pairs_hook, sc->parse_float, sc->parse_int, sc->parse_constant})
    if (o)
      if (int r = visit(o, arg)) return r;
  return 0;
}

// PyMemberDef kinds and flags (CPython's Py_T_OBJECT, Py_T_BOOL, Py_READONLY).
constexpr int kMemberObject = 6, kMemberBool = 14, kReadOnly = 1;

PyMemberDef scanner_members[] = {
    {"strict", kMemberBool, offsetof(ScannerObject, strict), kReadOnly, nullptr},
    {"object_hook", kMemberObject, offsetof(ScannerObject, object_hook), kReadOnly, nullptr},
    {"object_pairs_hook", kMemberObject, offsetof(ScannerObject, object_pairs_hook), kReadOnly, nullptr},
    {"parse_float", kMemberObject, offsetof(ScannerObject, parse_float), kReadOnly, nullptr},
    {"parse_int", kMemberObject, offsetof(ScannerObject, parse_int), kReadOnly, nullptr},
    {"parse_constant", kMemberObject, offsetof(ScannerObject, parse_constant), kReadOnly, nullptr},
    {nullptr, 0, 0, 0, nullptr}};

Type scanner_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "_json.Scanner",
    .tp_basicsize = sizeof(ScannerObject),
    .tp_dealloc = scanner_dealloc,
    .tp_vectorcall_offset = offsetof(ScannerObject, vectorcall),
    .tp_call = scanner_call,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_doc = "JSON scanner object",
    .tp_traverse = scanner_traverse,
    .tp_members = scanner_members,
    .tp_new = scanner_new,
};

PyMethodDef json_functions[] = {
    {"encode_basestring_ascii", json_encode_basestring_ascii, METH_O,
     "encode_basestring_ascii(string) -> string\n\nReturn an ASCII-only JSON representation of a Python string"},
    {"encode_basestring", json_encode_basestring, METH_O,
     "encode_basestring(string) -> string\n\nReturn a JSON representation of a Python string"},
    {"scanstring", as_cfunc(json_scanstring), METH_FASTCALL | METH_KEYWORDS,
     "scanstring(string, end, strict=True) -> (string, end)\n\nScan the string s for a JSON string. End is the "
     "index of the\ncharacter in s after the quote that started the JSON string.\nUnescapes all valid JSON string "
     "escape sequences and raises ValueError\non attempt to decode an invalid string. If strict is False then "
     "literal\ncontrol characters are allowed in the string.\n\nReturns a tuple of the decoded string and the index "
     "of the character in s\nafter the end quote."},
    {nullptr, nullptr, 0, nullptr}};

bool is_function(Object* f, PyCFunction fn) {
  return type_check_exact(f, &builtin_function_type) && reinterpret_cast<CFunctionObject*>(f)->m_ml->ml_meth == fn;
}

}  // namespace

bool VectorArgs::init(Object* args, Object* kwds) {
  nargs = tuple_size(args);
  argv.assign(tuple_items(args), tuple_items(args) + nargs);
  if (!kwds || dict_size(kwds) == 0) return true;
  kwnames = steal(tuple_new(dict_size(kwds)));
  if (!kwnames) return false;
  ssize pos = 0, i = 0;
  Object *k, *v;
  while (dict_next(kwds, &pos, &k, &v)) {
    if (i == tuple_size(kwnames.get())) {  // the dict grew meanwhile: ignore the newcomers
      decref(k);
      decref(v);
      continue;
    }
    tuple_set(kwnames.get(), i++, k);
    argv.push_back(v);
    keep.push_back(steal(v));
  }
  return true;
}

void encode_ascii_into(Object* s, std::string* out) {
  ssize len = str_length(s);
  const void* d = str_data(s);
  switch (str_kind(s)) {
    case 1:
      return encode_ascii(static_cast<const uint8_t*>(d), len, out);
    case 2:
      return encode_ascii(static_cast<const uint16_t*>(d), len, out);
    default:
      return encode_ascii(static_cast<const uint32_t*>(d), len, out);
  }
}

Object* encode_string(Object* s, bool ascii) {
  if (ascii) {
    std::string out;
    encode_ascii_into(s, &out);
    return str_from_latin1(reinterpret_cast<const uint8_t*>(out.data()), ssize(out.size()));
  }
  ssize len = str_length(s);
  const void* d = str_data(s);
  switch (str_kind(s)) {
    case 1:
      return encode_unicode(static_cast<const uint8_t*>(d), len, 1);
    case 2:
      return encode_unicode(static_cast<const uint16_t*>(d), len, 2);
    default:
      return encode_unicode(static_cast<const uint32_t*>(d), len, 4);
  }
}

bool is_ascii_encoder(Object* f) { return is_function(f, json_encode_basestring_ascii); }
bool is_unicode_encoder(Object* f) { return is_function(f, json_encode_basestring); }

}  // namespace pyvm::json

namespace pyvm {

Object* create_json_module() {
  if (type_ready(&json::scanner_type) < 0 || type_ready(&json::encoder_type) < 0) return nullptr;
  ORef m = steal(module_new(str_interned("_json")));
  if (!m || module_add_functions(m.get(), json::json_functions) < 0) return nullptr;
  Object* d = module_dict(m.get());
  ORef doc = steal(str_from_utf8("json speedups"));
  if (!doc || dict_set_str(d, "__doc__", doc.get()) < 0) return nullptr;
  if (dict_set_str(d, "make_scanner", reinterpret_cast<Object*>(&json::scanner_type)) < 0) return nullptr;
  if (dict_set_str(d, "make_encoder", reinterpret_cast<Object*>(&json::encoder_type)) < 0) return nullptr;
  return m.release();
}

}  // namespace pyvm
