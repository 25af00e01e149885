// complex: arithmetic (Smith's division, the small-integer power fast path), CPython's repr and hash, equality
// with int and float, complex() from numbers and strings, and the complex methods.
#include <cerrno>
#include <cmath>
#include <string>

#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/float.h"
#include "objects/float_impl.h"
#include "objects/int_impl.h"
#include "objects/number_format.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"

namespace pyvm {

namespace {

inline bool is_complex(const Object* o) { return type_of(o) == &complex_type || type_check(o, &complex_type); }
inline bool is_float(const Object* o) { return type_of(o) == &float_type || type_check(o, &float_type); }
inline bool is_str(Object* o) { return has_flag(type_of(o), Py_TPFLAGS_UNICODE_SUBCLASS); }
inline Object* not_impl() { return newref(not_implemented()); }

// 1: converted, 0: not a number complex understands (NotImplemented), -1: error.
int to_complex(Object* o, Py_complex* c) {
  if (is_complex(o)) {
    *c = complex_value(o);
    return 1;
  }
  c->imag = 0.0;
  if (intimpl::is_int(o)) {
    bool ok;
    c->real = int_as_double(o, &ok);
    return ok ? 1 : -1;
  }
  if (is_float(o)) {
    c->real = float_value(o);
    return 1;
  }
  return 0;
}

#define PYVM_TO_COMPLEX(o, c)                           \
  do {                                                  \
    int r_ = to_complex((o), &(c));                     \
    if (r_ <= 0) return r_ == 0 ? not_impl() : nullptr; \
  } while (0)

constexpr Py_complex kOne = {1.0, 0.0};

Py_complex c_sum(Py_complex a, Py_complex b) { return {a.real + b.real, a.imag + b.imag}; }
Py_complex c_diff(Py_complex a, Py_complex b) { return {a.real - b.real, a.imag - b.imag}; }
Py_complex c_prod(Py_complex a, Py_complex b) {
  return {a.real * b.real - a.imag * b.imag, a.real * b.imag + a.imag * b.real};
}

// Smith's algorithm (CACM 116); sets errno = EDOM for a zero divisor.
Py_complex c_quot(Py_complex a, Py_complex b) {
  Py_complex r;
  double abs_breal = b.real < 0 ? -b.real : b.real;
  double abs_bimag = b.imag < 0 ? -b.imag : b.imag;
  if (abs_breal >= abs_bimag) {
    if (abs_breal == 0.0) {
      errno = EDOM;
      r.real = r.imag = 0.0;
    } else {
      double ratio = b.imag / b.real;
      double denom = b.real + b.imag * ratio;
      r.real = (a.real + a.imag * ratio) / denom;
      r.imag = (a.imag - a.real * ratio) / denom;
    }
  } else if (abs_bimag >= abs_breal) {
    double ratio = b.real / b.imag;
    double denom = b.real * ratio + b.imag;
    r.real = (a.real * ratio + a.imag) / denom;
    r.imag = (a.imag * ratio - a.real) / denom;
  } else {
    r.real = r.imag = NAN;  // at least one part of b is a NaN
  }
  return r;
}

Py_complex c_pow(Py_complex a, Py_complex b) {
  Py_complex r;
  if (b.real == 0. && b.imag == 0.) {
    r = {1., 0.};
  } else if (a.real == 0. && a.imag == 0.) {
    if (b.imag != 0. || b.real < 0.) errno = EDOM;
    r = {0., 0.};
  } else {
    double vabs = std::hypot(a.real, a.imag);
    double len = std::pow(vabs, b.real);
    double at = std::atan2(a.imag, a.real);
    double phase = at * b.real;
    if (b.imag != 0.0) {
      len /= std::exp(at * b.imag);
      phase += b.imag * std::log(vabs);
    }
    r.real = len * std::cos(phase);
    r.imag = len * std::sin(phase);
  }
  return r;
}

Py_complex c_powu(Py_complex x, long n) {
  Py_complex r = kOne, p = x;
  long mask = 1;
  while (mask > 0 && n >= mask) {
    if (n & mask) r = c_prod(r, p);
    mask <<= 1;
    p = c_prod(p, p);
  }
  return r;
}

Py_complex c_powi(Py_complex x, long n) { return n > 0 ? c_powu(x, n) : c_quot(kOne, c_powu(x, -n)); }

// _Py_c_abs: inf wins over nan; errno = ERANGE on overflow.
double c_abs(Py_complex z) {
  if (!std::isfinite(z.real) || !std::isfinite(z.imag)) {
    if (std::isinf(z.real)) {
      errno = 0;
      return std::fabs(z.real);
    }
    if (std::isinf(z.imag)) {
      errno = 0;
      return std::fabs(z.imag);
    }
    return NAN;
  }
  double result = std::hypot(z.real, z.imag);
  errno = std::isfinite(result) ? 0 : ERANGE;
  return result;
}

hash_t pointer_hash(const void* p) {
  size_t y = reinterpret_cast<size_t>(p);
  y = (y >> 4) | (y << (8 * sizeof(void*) - 4));
  hash_t h = hash_t(y);
  return h == -1 ? -2 : h;
}

Object* complex_subtype_from_doubles(Type* type, double real, double imag) {
  if (type == &complex_type) return complex_from_doubles(real, imag);
  Object* o = type->tp_alloc ? type->tp_alloc(type, 0) : new_object(type, size_t(type->tp_basicsize));
  if (!o) return nullptr;
  reinterpret_cast<PyComplexObject*>(o)->cval = {real, imag};
  return o;
}

// ---- Slots.

void complex_dealloc(Object* o) {
  Type* t = type_of(o);
  object_free(o);
  dealloc_type_ref(t);
}

std::string complex_repr_text(Py_complex c) {
  if (c.real == 0. && std::copysign(1.0, c.real) == 1.0) return double_to_string(c.imag, 'r', 0, 0) + "j";
  return "(" + double_to_string(c.real, 'r', 0, 0) + double_to_string(c.imag, 'r', 0, kDtsfSign) + "j)";
}

Object* complex_repr(Object* o) { return str_from_utf8(complex_repr_text(complex_value(o))); }

hash_t complex_hash(Object* o) {
  Py_complex c = complex_value(o);
  uint64_t hr = uint64_t(std::isnan(c.real) ? pointer_hash(o) : float_hash(c.real));
  uint64_t hi = uint64_t(std::isnan(c.imag) ? pointer_hash(o) : float_hash(c.imag));
  uint64_t combined = hr + uint64_t(kHashImag) * hi;
  if (combined == uint64_t(-1)) combined = uint64_t(-2);
  return hash_t(combined);
}

Object* from_c(Py_complex c) { return complex_from_doubles(c.real, c.imag); }

Object* complex_add(Object* a, Object* b) {
  Py_complex x, y;
  PYVM_TO_COMPLEX(a, x);
  PYVM_TO_COMPLEX(b, y);
  return from_c(c_sum(x, y));
}

Object* complex_sub(Object* a, Object* b) {
  Py_complex x, y;
  PYVM_TO_COMPLEX(a, x);
  PYVM_TO_COMPLEX(b, y);
  return from_c(c_diff(x, y));
}

Object* complex_mul(Object* a, Object* b) {
  Py_complex x, y;
  PYVM_TO_COMPLEX(a, x);
  PYVM_TO_COMPLEX(b, y);
  return from_c(c_prod(x, y));
}

Object* complex_div(Object* a, Object* b) {
  Py_complex x, y;
  PYVM_TO_COMPLEX(a, x);
  PYVM_TO_COMPLEX(b, y);
  errno = 0;
  Py_complex q = c_quot(x, y);
  if (errno == EDOM) return set_error(&exc_ZeroDivisionError, "complex division by zero");
  return from_c(q);
}

Object* complex_pow(Object* v, Object* w, Object* z) {
  Py_complex a, b, p;
  PYVM_TO_COMPLEX(v, a);
  PYVM_TO_COMPLEX(w, b);
  if (z && z != none()) return set_error(&exc_ValueError, "complex modulo");
  errno = 0;
  if (b.imag == 0.0 && b.real == std::floor(b.real) && std::fabs(b.real) <= 100.0) {
    p = c_powi(a, long(b.real));
  } else {
    p = c_pow(a, b);
  }
  if (std::isinf(p.real) || std::isinf(p.imag)) {
    if (errno == 0) errno = ERANGE;
  } else if (errno == ERANGE) {
    errno = 0;
  }
  if (errno == EDOM) return set_error(&exc_ZeroDivisionError, "0.0 to a negative or complex power");
  if (errno == ERANGE) return set_error(&exc_OverflowError, "complex exponentiation");
  return from_c(p);
}

Object* complex_neg(Object* a) {
  Py_complex c = complex_value(a);
  return complex_from_doubles(-c.real, -c.imag);
}

Object* complex_pos(Object* a) {
  if (type_of(a) == &complex_type) return newref(a);
  return from_c(complex_value(a));
}

Object* complex_abs(Object* a) {
  errno = 0;
  double r = c_abs(complex_value(a));
  if (errno == ERANGE) return set_error(&exc_OverflowError, "absolute value too large");
  return float_from_double(r);
}

int complex_bool(Object* a) {
  Py_complex c = complex_value(a);
  return c.real != 0.0 || c.imag != 0.0;
}

Object* complex_richcompare(Object* v, Object* w, int op) {
  if (op != Py_EQ && op != Py_NE) return not_impl();
  Py_complex i = complex_value(v);
  bool equal;
  if (intimpl::is_int(w)) {
    if (i.imag == 0.0) {
      // Exact comparison of the real part with the int, through float's rules.
      ORef j = steal(float_from_double(i.real));
      if (!j) return nullptr;
      return rich_compare(j.get(), w, op);
    }
    equal = false;
  } else if (is_float(w)) {
    equal = i.real == float_value(w) && i.imag == 0.0;
  } else if (is_complex(w)) {
    Py_complex j = complex_value(w);
    equal = i.real == j.real && i.imag == j.imag;
  } else {
    return not_impl();
  }
  return bool_obj(equal == (op == Py_EQ));
}

// ---- Methods.

Object* complex_conjugate(Object* self, Object*) {
  Py_complex c = complex_value(self);
  return complex_from_doubles(c.real, -c.imag);
}

Object* complex_complex(Object* self, Object*) { return complex_pos(self); }

Object* complex_getnewargs(Object* self, Object*) {
  Py_complex c = complex_value(self);
  ORef r = steal(float_from_double(c.real)), i = steal(float_from_double(c.imag));
  if (!r || !i) return nullptr;
  return tuple_pack({r.get(), i.get()});
}

Object* complex_format(Object* self, Object* spec) {
  if (!is_str(spec)) return set_errorf(&exc_TypeError, "__format__() argument must be str, not {}", type_name(spec));
  if (str_length(spec) == 0) return object_str(self);
  ssize len;
  const char* sp = str_utf8(spec, &len);
  if (!sp) return nullptr;
  Py_complex c = complex_value(self);
  std::string out;
  if (!format_complex_spec(self, c.real, c.imag, std::string_view(sp, size_t(len)), &out)) return nullptr;
  return str_from_utf8(out);
}

// ---- complex().

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

// complex_from_string_inner: <float>, <float>j, <float><signed-float>j and the legacy <sign>j / j forms, with
// optional surrounding parentheses and whitespace.
bool parse_complex_text(const char* s, const char* end, double* px, double* py) {
  double x = 0.0, y = 0.0, z;
  bool got_bracket = false;
  while (s < end && is_space(*s)) s++;
  if (s < end && *s == '(') {
    got_bracket = true;
    s++;
    while (s < end && is_space(*s)) s++;
  }
  auto at = [&](const char* p) -> char { return p < end ? *p : '\0'; };
  const char* e = parse_double_prefix(s, end, &z);
  if (e != s) {
    s = e;
    if (at(s) == '+' || at(s) == '-') {
      x = z;
      e = parse_double_prefix(s, end, &y);
      if (e != s) {
        s = e;
      } else {
        y = at(s) == '+' ? 1.0 : -1.0;
        s++;
      }
      if (!(at(s) == 'j' || at(s) == 'J')) return false;
      s++;
    } else if (at(s) == 'j' || at(s) == 'J') {
      s++;
      y = z;
    } else {
      x = z;
    }
  } else {
    if (at(s) == '+' || at(s) == '-') {
      y = at(s) == '+' ? 1.0 : -1.0;
      s++;
    } else {
      y = 1.0;
    }
    if (!(at(s) == 'j' || at(s) == 'J')) return false;
    s++;
  }
  while (s < end && is_space(*s)) s++;
  if (got_bracket) {
    if (at(s) != ')') return false;
    s++;
    while (s < end && is_space(*s)) s++;
  }
  if (s != end) return false;
  *px = x;
  *py = y;
  return true;
}

Object* complex_from_string(Type* type, Object* v) {
  ssize len;
  const char* p = str_utf8(v, &len);
  std::string ascii;
  std::string_view text;
  if (!p) {
    error_clear();
    return set_error(&exc_ValueError, "complex() arg is a malformed string");
  }
  text = std::string_view(p, size_t(len));
  if (!str_is_ascii(v)) {
    if (!intimpl::numeric_ascii(text, &ascii)) return set_error(&exc_ValueError, "complex() arg is a malformed string");
    text = ascii;
  }
  std::string clean;
  if (text.find('_') != std::string_view::npos) {
    if (!strip_number_underscores(text, &clean)) {
      std::string r;
      if (!repr_utf8(v, &r)) return nullptr;
      return set_errorf(&exc_ValueError, "could not convert string to complex: {}", r);
    }
    text = clean;
  }
  double x, y;
  if (!parse_complex_text(text.data(), text.data() + text.size(), &x, &y)) {
    return set_error(&exc_ValueError, "complex() arg is a malformed string");
  }
  return complex_subtype_from_doubles(type, x, y);
}

// __complex__ if the type defines it: returns null with no error when absent.
Object* try_complex_special(Object* op) {
  bool found;
  Object* res = call_special_method(op, strs::complex, nullptr, 0, &found);
  if (!found) return nullptr;
  if (!res || type_of(res) == &complex_type) return res;
  if (!is_complex(res)) {
    set_errorf(&exc_TypeError, "__complex__ returned non-complex (type {})", type_name(res));
    decref(res);
    return nullptr;
  }
  return res;
}

bool has_number_slots(Object* o) {
  PyNumberMethods* nb = type_of(o)->tp_as_number;
  return nb && (nb->nb_float || nb->nb_index || is_complex(o));
}

Object* complex_new_impl(Type* type, Object* r, Object* i) {
  if (!r) r = intimpl::small_int(0);
  if (type_of(r) == &complex_type && !i && type == &complex_type) return newref(r);
  if (is_str(r)) {
    if (i) return set_error(&exc_TypeError, "complex() can't take second arg if first is a string");
    return complex_from_string(type, r);
  }
  if (i && is_str(i)) return set_error(&exc_TypeError, "complex() second arg can't be a string");
  ORef owned = steal(try_complex_special(r));
  if (!owned && error_occurred()) return nullptr;
  if (owned) r = owned.get();
  if (!has_number_slots(r)) {
    return set_errorf(&exc_TypeError, "complex() first argument must be a string or a number, not '{}'", type_name(r));
  }
  if (i && !has_number_slots(i)) {
    return set_errorf(&exc_TypeError, "complex() second argument must be a number, not '{}'", type_name(i));
  }
  Py_complex cr, ci = {0.0, 0.0};
  bool cr_is_complex = false, ci_is_complex = false;
  if (is_complex(r)) {
    cr = complex_value(r);
    cr_is_complex = true;
  } else {
    ORef t = steal(float_from_object(r));
    if (!t) return nullptr;
    cr = {float_value(t.get()), 0.0};
  }
  if (!i) {
    ci.real = cr.imag;
  } else if (is_complex(i)) {
    ci = complex_value(i);
    ci_is_complex = true;
  } else {
    ORef t = steal(float_from_object(i));
    if (!t) return nullptr;
    ci.real = float_value(t.get());
  }
  if (ci_is_complex) cr.real -= ci.imag;
  if (cr_is_complex && i) ci.real += cr.imag;
  return complex_subtype_from_doubles(type, cr.real, ci.real);
}

Object* complex_new(Type* type, Object* args, Object* kwargs) {
  ssize nargs = tuple_size(args);
  ssize nkw = kwargs ? dict_size(kwargs) : 0;
  if (nargs + nkw > 2) {
    return set_errorf(&exc_TypeError, "complex() takes at most 2 arguments ({} given)", nargs + nkw);
  }
  Object* slot[2] = {nargs > 0 ? tuple_get(args, 0) : nullptr, nargs > 1 ? tuple_get(args, 1) : nullptr};
  ORef keep[2];
  if (nkw) {
    ssize pos = 0;
    Object *k, *v;
    while (dict_next(kwargs, &pos, &k, &v)) {
      ORef kr = steal(k), vr = steal(v);
      std::string_view name = is_str(k) ? str_view(k) : std::string_view();
      int idx = name == "real" ? 0 : name == "imag" ? 1 : -1;
      if (idx < 0) return set_errorf(&exc_TypeError, "complex() got an unexpected keyword argument '{}'", name);
      if (slot[idx]) {
        return set_errorf(&exc_TypeError, "argument for complex() given by name ('{}') and position ({})", name,
                          idx + 1);
      }
      keep[idx] = vr;
      slot[idx] = vr.get();
    }
  }
  return complex_new_impl(type, slot[0], slot[1]);
}

PyMethodDef complex_methods[] = {
    {"conjugate", complex_conjugate, METH_NOARGS,
     "Return the complex conjugate of its argument. (3-4j).conjugate() == 3+4j."},
    {"__complex__", complex_complex, METH_NOARGS, "Convert this value to exact type complex."},
    {"__getnewargs__", complex_getnewargs, METH_NOARGS, nullptr},
    {"__format__", complex_format, METH_O, "Convert to a string according to format_spec."},
    {nullptr, nullptr, 0, nullptr},
};

// Read-only double members, as in CPython (assignment says "readonly attribute").
PyMemberDef complex_members[] = {
    {"real", 4 /* T_DOUBLE */, offsetof(PyComplexObject, cval.real), 1 /* READONLY */,
     "the real part of a complex number"},
    {"imag", 4 /* T_DOUBLE */, offsetof(PyComplexObject, cval.imag), 1 /* READONLY */,
     "the imaginary part of a complex number"},
    {nullptr, 0, 0, 0, nullptr},
};

PyNumberMethods complex_as_number = {
    .nb_add = complex_add,
    .nb_subtract = complex_sub,
    .nb_multiply = complex_mul,
    .nb_power = complex_pow,
    .nb_negative = complex_neg,
    .nb_positive = complex_pos,
    .nb_absolute = complex_abs,
    .nb_bool = complex_bool,
    .nb_true_divide = complex_div,
};

}  // namespace

Py_complex complex_quot(Py_complex a, Py_complex b) { return c_quot(a, b); }
double complex_abs_value(Py_complex z) { return c_abs(z); }

Object* complex_from_doubles(double real, double imag) {
  Object* o = new_object(&complex_type, sizeof(PyComplexObject));
  if (!o) return nullptr;
  reinterpret_cast<PyComplexObject*>(o)->cval = {real, imag};
  return o;
}

Type complex_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "complex",
    .tp_basicsize = sizeof(PyComplexObject),
    .tp_dealloc = complex_dealloc,
    .tp_repr = complex_repr,
    .tp_as_number = &complex_as_number,
    .tp_hash = complex_hash,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_MATCH_SELF | Py_TPFLAGS_IMMUTABLETYPE,
    .tp_doc = "Create a complex number from a string or numbers.",
    .tp_richcompare = complex_richcompare,
    .tp_methods = complex_methods,
    .tp_members = complex_members,
    .tp_new = complex_new,
    .tp_free = object_free,
};

}  // namespace pyvm
