// The bool, float and complex C-API (boolobject.h, floatobject.h, complexobject.h). Owner: numbers-strings.
#include "Python.h"

#include <cfloat>
#include <cmath>
#include <cstring>

#include "objects/abstract.h"
#include "objects/buffer.h"
#include "objects/errors.h"
#include "objects/float.h"
#include "objects/str.h"
#include "objects/types.h"
#include "vm/sysmodule.h"

namespace {

using pyvm::ORef;
using pyvm::Object;

std::nullptr_t bad_internal_call() { return pyvm::set_error(&pyvm::exc_SystemError, "bad argument to internal function"); }

bool is_float(Object* o) { return pyvm::type_check(o, &pyvm::float_type); }
bool is_complex(Object* o) { return pyvm::type_check(o, &pyvm::complex_type); }

// type(op).__complex__(op) as an exact complex when the type defines it; null with no error when it does not.
Object* complex_special(Object* op, bool* failed) {
  *failed = false;
  Object* f = pyvm::type_lookup(pyvm::type_of(op), pyvm::str_interned("__complex__"));
  if (!f) return nullptr;
  Object* args[1] = {op};
  ORef res = pyvm::steal(pyvm::call(f, args, 1, nullptr));
  if (!res) {
    *failed = true;
    return nullptr;
  }
  if (!is_complex(res.get())) {
    pyvm::set_errorf(&pyvm::exc_TypeError, "__complex__ returned non-complex (type {})", pyvm::type_name(res.get()));
    *failed = true;
    return nullptr;
  }
  return res.release();
}

// Copies n bytes, reversing them when the requested order is not the machine's (little endian).
void copy_order(char* dst, const char* src, int n, bool le) {
  if (le) {
    std::memcpy(dst, src, size_t(n));
  } else {
    for (int i = 0; i < n; i++) dst[i] = src[n - 1 - i];
  }
}

}  // namespace

extern "C" {

// ---- bool

PyObject* PyBool_FromLong(long v) { return v ? Py_True : Py_False; }
int(Py_IsTrue)(PyObject* x) { return x == Py_True; }
int(Py_IsFalse)(PyObject* x) { return x == Py_False; }

// ---- float

PyObject* PyFloat_FromDouble(double v) { return pyvm::float_from_double(v); }

double PyFloat_AsDouble(PyObject* o) {
  if (!o) {
    bad_internal_call();
    return -1.0;
  }
  bool ok = true;
  double d = pyvm::float_as_double(o, &ok);
  return ok ? d : -1.0;
}

PyObject* PyFloat_FromString(PyObject* v) {
  if (!v) return bad_internal_call();
  // Only text (str, bytes and other buffers) is parsed here; numbers are rejected as CPython's float_from_string.
  PyNumberMethods* m = pyvm::type_of(v)->tp_as_number;
  if (!PyUnicode_Check(v) && (is_float(v) || (m && (m->nb_float || m->nb_index)))) {
    return pyvm::set_errorf(&pyvm::exc_TypeError, "float() argument must be a string or a real number, not '{}'",
                            pyvm::type_name(v));
  }
  return pyvm::float_from_object(v);
}

double PyFloat_GetMax(void) { return DBL_MAX; }
double PyFloat_GetMin(void) { return DBL_MIN; }

PyObject* PyFloat_GetInfo(void) {
  Object* info = pyvm::sys_get("float_info");
  if (!info) return pyvm::set_error(&pyvm::exc_RuntimeError, "lost sys.float_info");
  return pyvm::newref(info);
}

int PyFloat_Pack2(double x, char* p, int le) {
  unsigned char b[2];
  if (!pyvm::pack_half(x, b)) return -1;
  copy_order(p, reinterpret_cast<char*>(b), 2, le != 0);
  return 0;
}

int PyFloat_Pack4(double x, char* p, int le) {
  float y = float(x);
  if (std::isinf(y) && !std::isinf(x)) {
    pyvm::set_error(&pyvm::exc_OverflowError, "float too large to pack with f format");
    return -1;
  }
  char b[4];
  std::memcpy(b, &y, 4);
  copy_order(p, b, 4, le != 0);
  return 0;
}

int PyFloat_Pack8(double x, char* p, int le) {
  char b[8];
  std::memcpy(b, &x, 8);
  copy_order(p, b, 8, le != 0);
  return 0;
}

double PyFloat_Unpack2(const char* p, int le) {
  unsigned char b[2];
  copy_order(reinterpret_cast<char*>(b), p, 2, le != 0);
  return pyvm::unpack_half(b);
}

double PyFloat_Unpack4(const char* p, int le) {
  char b[4];
  copy_order(b, p, 4, le != 0);
  float y;
  std::memcpy(&y, b, 4);
  return y;
}

double PyFloat_Unpack8(const char* p, int le) {
  char b[8];
  copy_order(b, p, 8, le != 0);
  double y;
  std::memcpy(&y, b, 8);
  return y;
}

// ---- complex

PyObject* PyComplex_FromDoubles(double real, double imag) { return pyvm::complex_from_doubles(real, imag); }
PyObject* PyComplex_FromCComplex(Py_complex c) { return pyvm::complex_from_doubles(c.real, c.imag); }

Py_complex PyComplex_AsCComplex(PyObject* op) {
  Py_complex err = {-1.0, 0.0};
  if (!op) {
    bad_internal_call();
    return err;
  }
  if (is_complex(op)) return pyvm::complex_value(op);
  bool failed;
  ORef c = pyvm::steal(complex_special(op, &failed));
  if (failed) return err;
  if (c) return pyvm::complex_value(c.get());
  bool ok = true;
  double d = pyvm::float_as_double(op, &ok);
  if (!ok) return err;
  return Py_complex{d, 0.0};
}

double PyComplex_RealAsDouble(PyObject* op) {
  if (op && is_complex(op)) return pyvm::complex_value(op).real;
  Py_complex c = PyComplex_AsCComplex(op);
  return c.real;
}

double PyComplex_ImagAsDouble(PyObject* op) {
  if (op && is_complex(op)) return pyvm::complex_value(op).imag;
  Py_complex c = PyComplex_AsCComplex(op);
  if (c.real == -1.0 && pyvm::error_occurred()) return -1.0;
  return c.imag;
}

}  // extern "C"
