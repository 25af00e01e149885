// UnicodeEncodeError, UnicodeDecodeError and UnicodeTranslateError: their constructors, writable attributes and
// CPython's str() forms ("'utf-8' codec can't decode byte 0xff in position 0: invalid start byte").
#include <string>

#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"

namespace pyvm {

int exc_init(Object* self, Object* args, Object* kwds);

namespace {

// The attributes live in ExceptionObject::extra; start and end are ints there (null reads as 0, as CPython's
// zero-initialised Py_ssize_t fields do for an instance whose __init__ never ran).
enum Slot { kEncoding = 0, kObject = 1, kStart = 2, kEnd = 3, kReason = 4 };
constexpr int kMemberObject = 6;

Object*& X(Object* self, int i) { return as_exc(self)->extra[i]; }

ssize position(Object* self, int slot) {
  Object* v = X(self, slot);
  if (!v) return 0;
  ssize n = int_as_ssize(v);
  if (n == -1 && error_occurred()) error_clear();  // stored values always fit: the setters checked them
  return n;
}

// start/end: Py_ssize_t members in CPython, so only ints that fit are accepted and they cannot be deleted.
Object* get_position(Object* self, void* slot) {
  return int_from_ssize(position(self, int(reinterpret_cast<intptr_t>(slot))));
}
int set_position(Object* self, Object* v, void* slot) {
  if (!v) {
    set_error(&exc_TypeError, "can't delete numeric/char attribute");
    return -1;
  }
  // A failed conversion still stores -1, as CPython's Py_ssize_t member setter does.
  ssize n = -1;
  if (!type_check(v, &int_type))
    set_error(&exc_TypeError, "an integer is required");
  else
    n = int_as_ssize(v);
  bool failed = n == -1 && error_occurred();
  Object* i = int_from_ssize(n);
  if (!i) return -1;
  set_slot(&X(self, int(reinterpret_cast<intptr_t>(slot))), i);
  return failed ? -1 : 0;
}

#define EXTRA(i) int(offsetof(ExceptionObject, extra) + (i) * sizeof(Object*))
PyMemberDef unicode_members[] = {{"encoding", kMemberObject, EXTRA(kEncoding), 0, nullptr},
                                 {"object", kMemberObject, EXTRA(kObject), 0, nullptr},
                                 {"reason", kMemberObject, EXTRA(kReason), 0, nullptr},
                                 {nullptr, 0, 0, 0, nullptr}};
#undef EXTRA
PyGetSetDef unicode_getset[] = {{"start", get_position, set_position, nullptr, reinterpret_cast<void*>(kStart)},
                                {"end", get_position, set_position, nullptr, reinterpret_cast<void*>(kEnd)},
                                {nullptr, nullptr, nullptr, nullptr, nullptr}};

// Parses the constructor's arguments the way PyArg_ParseTuple does for the format `spec`: 'U' a str, 'O' any
// object, 'n' an index that fits a Py_ssize_t. Fills out[] with borrowed objects (ints for 'n').
bool parse_args(Object* args, const char* spec, Object** out) {
  ssize want = ssize(std::char_traits<char>::length(spec));
  ssize n = tuple_size(args);
  if (n != want) {
    set_errorf(&exc_TypeError, "function takes exactly {} arguments ({} given)", want, n);
    return false;
  }
  for (ssize i = 0; i < n; i++) {
    Object* a = tuple_get(args, i);
    if (spec[i] == 'U' && !type_check(a, &str_type)) {
      set_errorf(&exc_TypeError, "argument {} must be str, not {}", i + 1, type_name(a));
      return false;
    }
    if (spec[i] == 'n') {
      ORef idx = steal(number_index(a));
      if (!idx) return false;
      if (int_as_ssize(idx.get()) == -1 && error_occurred()) return false;
    }
    out[i] = a;
  }
  return true;
}

// Stores the parsed fields (encoding is null for UnicodeTranslateError); start and end were checked by parse_args.
int store(Object* self, Object* encoding, Object* object, Object* start, Object* end, Object* reason) {
  ORef s = steal(number_index(start));
  ORef e = steal(number_index(end));
  if (!s || !e) return -1;
  set_slot(&X(self, kEncoding), xnewref(encoding));
  set_slot(&X(self, kObject), newref(object));
  set_slot(&X(self, kStart), s.release());
  set_slot(&X(self, kEnd), e.release());
  set_slot(&X(self, kReason), newref(reason));
  return 0;
}

int encode_init(Object* self, Object* args, Object* kwds) {
  if (exc_init(self, args, kwds) < 0) return -1;
  Object* out[5];
  if (!parse_args(args, "UUnnU", out)) return -1;
  return store(self, out[0], out[1], out[2], out[3], out[4]);
}

int decode_init(Object* self, Object* args, Object* kwds) {
  if (exc_init(self, args, kwds) < 0) return -1;
  Object* out[5];
  if (!parse_args(args, "UOnnU", out)) return -1;
  // Any bytes-like object is accepted and kept as a bytes copy.
  ORef object = borrow(out[1]);
  if (!type_check(out[1], &bytes_type)) {
    std::string data;
    if (!bytes_like_copy(out[1], &data)) return -1;
    object = steal(bytes_from(data.data(), ssize(data.size())));
    if (!object) return -1;
  }
  return store(self, out[0], object.get(), out[2], out[3], out[4]);
}

int translate_init(Object* self, Object* args, Object* kwds) {
  if (exc_init(self, args, kwds) < 0) return -1;
  Object* out[4];
  if (!parse_args(args, "UnnU", out)) return -1;
  return store(self, nullptr, out[0], out[1], out[2], out[3]);
}

// PyObject_Str, with CPython's "<NULL>" for an attribute that was deleted.
bool str_or_null(Object* o, std::string* out) {
  if (!o) {
    *out = "<NULL>";
    return true;
  }
  return object_str_utf8(o, out);
}

std::string char_escape(uint32_t c) {
  if (c <= 0xff) return fmt::format("\\x{:02x}", c);
  if (c <= 0xffff) return fmt::format("\\u{:04x}", c);
  return fmt::format("\\U{:08x}", c);
}

// The str() of the three classes. A single bad item is shown itself; otherwise the range, unclamped, as CPython
// prints it ("position 1-0" for an empty range). An instance whose __init__ never ran has an empty str().
Object* unicode_error_str(Object* self) {
  Object* obj = X(self, kObject);
  if (!obj) return newref(str_empty());
  bool decode = type_check(self, &exc_UnicodeDecodeError);
  bool translate = type_check(self, &exc_UnicodeTranslateError);
  std::string reason, encoding;
  if (!str_or_null(X(self, kReason), &reason)) return nullptr;
  if (!translate && !str_or_null(X(self, kEncoding), &encoding)) return nullptr;
  ssize start = position(self, kStart);
  ssize end = position(self, kEnd);
  ssize len = 0;
  if (decode && type_check(obj, &bytes_type)) len = bytes_size(obj);
  if (!decode && type_check(obj, &str_type)) len = str_length(obj);
  bool one = start >= 0 && start < len && end >= 0 && end <= len && end == start + 1;
  if (decode) {
    if (one)
      return str_from_utf8(fmt::format("'{}' codec can't decode byte 0x{:02x} in position {}: {}", encoding,
                                       uint8_t(bytes_data(obj)[start]), start, reason));
    return str_from_utf8(
        fmt::format("'{}' codec can't decode bytes in position {}-{}: {}", encoding, start, end - 1, reason));
  }
  if (one) {
    std::string ch = char_escape(str_char_at(obj, start));
    if (translate)
      return str_from_utf8(fmt::format("can't translate character '{}' in position {}: {}", ch, start, reason));
    return str_from_utf8(
        fmt::format("'{}' codec can't encode character '{}' in position {}: {}", encoding, ch, start, reason));
  }
  if (translate)
    return str_from_utf8(fmt::format("can't translate characters in position {}-{}: {}", start, end - 1, reason));
  return str_from_utf8(
      fmt::format("'{}' codec can't encode characters in position {}-{}: {}", encoding, start, end - 1, reason));
}

}  // namespace

void unicode_errors_setup() {
  exc_UnicodeEncodeError.tp_init = encode_init;
  exc_UnicodeDecodeError.tp_init = decode_init;
  exc_UnicodeTranslateError.tp_init = translate_init;
  for (Type* t : {&exc_UnicodeDecodeError, &exc_UnicodeEncodeError, &exc_UnicodeTranslateError}) {
    t->tp_str = unicode_error_str;
    t->tp_members = unicode_members;
    t->tp_getset = unicode_getset;
  }
}

}  // namespace pyvm
