// Reading and writing the C fields that PyMemberDef tables describe (member descriptors, PyMember_GetOne/SetOne),
// for every member type, with CPython 3.13's conversions and messages.
#include <fmt/format.h>

#include <climits>
#include <cstring>

#include "objects/abstract.h"
#include "objects/descr.h"
#include "objects/errors.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/types.h"

namespace pyvm {

int (*member_warn_hook)(const char* message) = nullptr;

namespace {

enum : int {
  kShort = 0, kInt = 1, kLong = 2, kFloat = 3, kDouble = 4, kString = 5, kObject = 6, kChar = 7, kByte = 8,
  kUByte = 9, kUShort = 10, kUInt = 11, kULong = 12, kStringInplace = 13, kBool = 14, kObjectEx = 16,
  kLongLong = 17, kULongLong = 18, kSsize = 19, kNone = 20
};
constexpr int kReadonly = 1;
constexpr int kRelativeOffset = 8;

// CPython's WARN(): a RuntimeWarning about a truncated value; -1 when the warning was turned into an error.
int warn(const char* msg) { return member_warn_hook ? member_warn_hook(msg) : 0; }

// v as a C long (its __index__), -1 with an error set on failure.
bool as_i64(Object* v, int64_t* out) {
  ORef i = steal(number_index(v));
  if (!i) return false;
  int ovf = 0;
  *out = int_as_i64(i.get(), &ovf);
  if (ovf) {
    set_error(&exc_OverflowError, "Python int too large to convert to C long");
    return false;
  }
  return true;
}

// An exact int as an unsigned 64-bit value. Unsigned fields accept negative values (CPython's compatibility rule,
// with a warning): returns 1 for those (*out holds the two's-complement value), 0 for non-negative ones, -1 with
// OverflowError `ovf_msg` when the value does not fit.
int as_unsigned(Object* i, uint64_t* out, const char* ovf_msg) {
  int ovf = 0;
  if (int_sign(i) < 0) {
    int64_t s = int_as_i64(i, &ovf);
    if (ovf) return set_error(&exc_OverflowError, "Python int too large to convert to C long"), -1;
    *out = uint64_t(s);
    return 1;
  }
  ssize n = int_ndigits(i);
  const digit* d = int_digits(i);
  if (n > 3 || (n == 3 && (d[2] >> 4) != 0)) return set_error(&exc_OverflowError, ovf_msg), -1;
  uint64_t u = 0;
  for (ssize k = n - 1; k >= 0; k--) u = (u << PyLong_SHIFT) | d[k];
  *out = u;
  return 0;
}

}  // namespace

Object* member_get_one(const char* obj_addr, PyMemberDef* m) {
  if (m->flags & kRelativeOffset)
    return set_error(&exc_SystemError, "PyMember_GetOne used with Py_RELATIVE_OFFSET");
  const char* addr = obj_addr + m->offset;
  switch (m->type) {
    case kBool: return newref(bool_obj(*reinterpret_cast<const char*>(addr) != 0));
    case kByte: return int_from_i64(*reinterpret_cast<const signed char*>(addr));
    case kUByte: return int_from_i64(*reinterpret_cast<const unsigned char*>(addr));
    case kShort: return int_from_i64(*reinterpret_cast<const short*>(addr));
    case kUShort: return int_from_i64(*reinterpret_cast<const unsigned short*>(addr));
    case kInt: return int_from_i64(*reinterpret_cast<const int*>(addr));
    case kUInt: return int_from_u64(*reinterpret_cast<const unsigned int*>(addr));
    case kLong: return int_from_i64(*reinterpret_cast<const long*>(addr));
    case kULong: return int_from_u64(*reinterpret_cast<const unsigned long*>(addr));
    case kSsize: return int_from_i64(*reinterpret_cast<const ssize*>(addr));
    case kFloat: return float_from_double(double(*reinterpret_cast<const float*>(addr)));
    case kDouble: return float_from_double(*reinterpret_cast<const double*>(addr));
    case kString: {
      const char* s = *reinterpret_cast<const char* const*>(addr);
      if (!s) return newref(none());
      return str_from_utf8(s, ssize(std::strlen(s)));
    }
    case kStringInplace: return str_from_utf8(addr, ssize(std::strlen(addr)));
    case kChar: return str_from_utf8(addr, 1);
    case kObject: {
      // Lock-free: writers release the old value through QSBR (set_shared_slot).
      Object* v = load_shared_slot(reinterpret_cast<Object**>(const_cast<char*>(addr)));
      return v ? v : newref(none());
    }
    case kObjectEx: {
      Object* v = load_shared_slot(reinterpret_cast<Object**>(const_cast<char*>(addr)));
      if (!v)
        return set_errorf(&exc_AttributeError, "'{}' object has no attribute '{}'",
                          type_of(reinterpret_cast<const Object*>(obj_addr))->tp_name, m->name);
      return v;
    }
    case kLongLong: return int_from_i64(*reinterpret_cast<const long long*>(addr));
    case kULongLong: return int_from_u64(*reinterpret_cast<const unsigned long long*>(addr));
    case kNone: return newref(none());
    default: return set_error(&exc_SystemError, "bad memberdescr type");
  }
}

int member_set_one(char* obj_addr, PyMemberDef* m, Object* v) {
  if (m->flags & kReadonly) {
    set_error(&exc_AttributeError, "readonly attribute");
    return -1;
  }
  if (m->flags & kRelativeOffset) {
    set_error(&exc_SystemError, "PyMember_SetOne used with Py_RELATIVE_OFFSET");
    return -1;
  }
  char* addr = obj_addr + m->offset;
  if (!v) {
    if (m->type == kObjectEx) {
      if (!__atomic_load_n(reinterpret_cast<Object**>(addr), __ATOMIC_ACQUIRE)) {
        set_error(&exc_AttributeError, m->name);
        return -1;
      }
    } else if (m->type != kObject) {
      set_error(&exc_TypeError, "can't delete numeric/char attribute");
      return -1;
    }
  }
  int64_t iv = 0;
  uint64_t uv = 0;
  switch (m->type) {
    case kBool:
      if (type_of(v) != &bool_type) {
        set_error(&exc_TypeError, "attribute value type must be bool");
        return -1;
      }
      *reinterpret_cast<char*>(addr) = v == true_() ? 1 : 0;
      return 0;
    case kByte:
      if (!as_i64(v, &iv)) return -1;
      *reinterpret_cast<char*>(addr) = char(iv);
      if (iv > CHAR_MAX || iv < CHAR_MIN) return warn("Truncation of value to char") < 0 ? -1 : 0;
      return 0;
    case kUByte:
      if (!as_i64(v, &iv)) return -1;
      *reinterpret_cast<unsigned char*>(addr) = static_cast<unsigned char>(iv);
      if (iv > UCHAR_MAX || iv < 0) return warn("Truncation of value to unsigned char") < 0 ? -1 : 0;
      return 0;
    case kShort:
      if (!as_i64(v, &iv)) return -1;
      *reinterpret_cast<short*>(addr) = short(iv);
      if (iv > SHRT_MAX || iv < SHRT_MIN) return warn("Truncation of value to short") < 0 ? -1 : 0;
      return 0;
    case kUShort:
      if (!as_i64(v, &iv)) return -1;
      *reinterpret_cast<unsigned short*>(addr) = static_cast<unsigned short>(iv);
      if (iv > USHRT_MAX || iv < 0) return warn("Truncation of value to unsigned short") < 0 ? -1 : 0;
      return 0;
    case kInt:
      if (!as_i64(v, &iv)) return -1;
      *reinterpret_cast<int*>(addr) = int(iv);
      if (iv > INT_MAX || iv < INT_MIN) return warn("Truncation of value to int") < 0 ? -1 : 0;
      return 0;
    case kUInt:
    case kULong:
    case kULongLong: {
      ORef i = steal(number_index(v));
      if (!i) return -1;
      int r = as_unsigned(i.get(), &uv,
                          m->type == kULongLong ? "int too big to convert"
                                                : "Python int too large to convert to C unsigned long");
      if (r < 0) return -1;
      // Stored before any warning, as CPython does: a warning turned into an error still leaves the value written.
      if (m->type == kUInt) *reinterpret_cast<unsigned int*>(addr) = static_cast<unsigned int>(uv);
      else if (m->type == kULong) *reinterpret_cast<unsigned long*>(addr) = uv;
      else *reinterpret_cast<unsigned long long*>(addr) = uv;
      if (r == 1) return warn("Writing negative value into unsigned field") < 0 ? -1 : 0;
      if (m->type == kUInt && uv > UINT_MAX) return warn("Truncation of value to unsigned int") < 0 ? -1 : 0;
      return 0;
    }
    case kLong:
    case kLongLong:
    case kSsize:
      if (!as_i64(v, &iv)) return -1;
      if (m->type == kLong) *reinterpret_cast<long*>(addr) = long(iv);
      else if (m->type == kLongLong) *reinterpret_cast<long long*>(addr) = iv;
      else *reinterpret_cast<ssize*>(addr) = ssize(iv);
      return 0;
    case kFloat:
    case kDouble: {
      bool ok = true;
      double d;
      if (type_check(v, &float_type)) {
        d = reinterpret_cast<PyFloatObject*>(v)->ob_fval;
      } else {
        PyNumberMethods* nm = type_of(v)->tp_as_number;
        if (!nm || (!nm->nb_float && !nm->nb_index)) {
          set_errorf(&exc_TypeError, "must be real number, not {}", type_name(v));
          return -1;
        }
        d = float_as_double(v, &ok);
        if (!ok) return -1;
      }
      if (m->type == kFloat) *reinterpret_cast<float*>(addr) = float(d);
      else *reinterpret_cast<double*>(addr) = d;
      return 0;
    }
    case kObject:
    case kObjectEx:
      set_shared_slot(reinterpret_cast<Object**>(addr), xnewref(v));
      return 0;
    case kChar: {
      ssize len = 0;
      const char* s = type_check(v, &str_type) ? str_utf8(v, &len) : nullptr;
      if (!s || len != 1) {
        if (s || !error_occurred()) set_error(&exc_TypeError, "bad argument type for built-in operation");
        return -1;
      }
      *addr = s[0];
      return 0;
    }
    case kString:
    case kStringInplace:
      set_error(&exc_TypeError, "readonly attribute");
      return -1;
    default:
      set_errorf(&exc_SystemError, "bad memberdescr type for {}", m->name);
      return -1;
  }
}

}  // namespace pyvm
