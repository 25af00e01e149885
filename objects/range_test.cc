// Tests for range, slice and the range iterators, against values printed by CPython 3.13.
#include "objects/range.h"

#include <catch2/catch.hpp>
#include <cstring>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/runtime.h"

using namespace pyvm;

namespace {

constexpr int64_t kNone = INT64_MIN;
constexpr int64_t kBig = INT64_MIN + 1;     // 2**100
constexpr int64_t kNegBig = INT64_MIN + 2;  // -2**100

void init() { REQUIRE(runtime_init() == 0); }

ORef I(int64_t v) { return steal(int_from_i64(v)); }
ORef big(const char* digits) { return steal(int_from_string(digits, ssize(std::strlen(digits)), 10)); }

ORef bound(int64_t v) {
  if (v == kNone) return borrow(none());
  if (v == kBig) return big("1267650600228229401496703205376");
  if (v == kNegBig) return big("-1267650600228229401496703205376");
  return I(v);
}

ORef slice(int64_t a, int64_t b, int64_t c) {
  ORef x = bound(a), y = bound(b), z = bound(c);
  return steal(slice_new(x.get(), y.get(), z.get()));
}

std::string err() {
  ORef e = steal(error_take());
  if (!e) return "<no error>";
  std::string s;
  if (!object_str_utf8(e.get(), &s)) {
    error_clear();
    s = "<str() failed>";
  }
  return std::string(type_name(e.get())) + ": " + s;
}

std::string repr(Object* o) {
  std::string s;
  if (!repr_utf8(o, &s)) return "<repr failed: " + err() + ">";
  return s;
}

// range(*args) through the type's constructor.
ORef make_range(std::vector<Object*> args) {
  ORef t = steal(tuple_from_array(args.data(), ssize(args.size())));
  return steal(range_type.tp_new(&range_type, t.get(), nullptr));
}
ORef R(int64_t a, int64_t b, int64_t c) {
  ORef x = I(a), y = I(b), z = I(c);
  return make_range({x.get(), y.get(), z.get()});
}

// start/stop/step are read-only members, as in CPython: read them through normal attribute access.
Object* attr(Object* o, const char* name) { return get_attr_str(o, name); }
int64_t attr_i64(Object* o, const char* name) {
  ORef v = steal(attr(o, name));
  REQUIRE(v);
  int overflow = 0;
  int64_t r = int_as_i64(v.get(), &overflow);
  REQUIRE(overflow == 0);
  return r;
}

Object* meth(Object* self, const char* name, std::vector<Object*> args = {}) {
  for (PyMethodDef* m = type_of(self)->tp_methods; m && m->ml_name; ++m) {
    if (std::strcmp(m->ml_name, name) != 0) continue;
    if (m->ml_flags & METH_NOARGS) return m->ml_meth(self, nullptr);
    return m->ml_meth(self, args.at(0));
  }
  FAIL("no method " << name);
  return nullptr;
}

std::vector<std::string> drain(Object* it) {
  std::vector<std::string> out;
  while (Object* x = type_of(it)->tp_iternext(it)) {
    out.push_back(repr(x));
    decref(x);
  }
  REQUIRE(!error_occurred());
  return out;
}

int64_t i64(Object* o) {
  int overflow = 0;
  return int_as_i64(o, &overflow);
}

struct RangeSliceCase {
  int64_t range[3];
  int64_t start, stop, step;
  int64_t expect[3];
};
// range(*range)[start:stop:step] -> range(*expect), from CPython 3.13.
const RangeSliceCase kRangeSlices[] = {
    {{0, 20, 3}, kNone, kNone, kNone, {0, 21, 3}},
    {{0, 20, 3}, kNone, kNone, 2, {0, 21, 6}},
    {{0, 20, 3}, kNone, kNone, -1, {18, -3, -3}},
    {{0, 20, 3}, kNone, kNone, -3, {18, -3, -9}},
    {{0, 20, 3}, kNone, -1, kNone, {0, 18, 3}},
    {{0, 20, 3}, kNone, -1, 2, {0, 18, 6}},
    {{0, 20, 3}, kNone, -1, -1, {18, 18, -3}},
    {{0, 20, 3}, kNone, -1, -3, {18, 18, -9}},
    {{0, 20, 3}, kNone, 0, kNone, {0, 0, 3}},
    {{0, 20, 3}, kNone, 0, 2, {0, 0, 6}},
    {{0, 20, 3}, kNone, 0, -1, {18, 0, -3}},
    {{0, 20, 3}, kNone, 0, -3, {18, 0, -9}},
    {{0, 20, 3}, kNone, 6, kNone, {0, 18, 3}},
    {{0, 20, 3}, kNone, 6, 2, {0, 18, 6}},
    {{0, 20, 3}, kNone, 6, -1, {18, 18, -3}},
    {{0, 20, 3}, kNone, 6, -3, {18, 18, -9}},
    {{0, 20, 3}, kNegBig, kNone, kNone, {0, 21, 3}},
    {{0, 20, 3}, kNegBig, kNone, 2, {0, 21, 6}},
    {{0, 20, 3}, kNegBig, kNone, -1, {-3, -3, -3}},
    {{0, 20, 3}, kNegBig, kNone, -3, {-3, -3, -9}},
    {{0, 20, 3}, kNegBig, -1, kNone, {0, 18, 3}},
    {{0, 20, 3}, kNegBig, -1, 2, {0, 18, 6}},
    {{0, 20, 3}, kNegBig, -1, -1, {-3, 18, -3}},
    {{0, 20, 3}, kNegBig, -1, -3, {-3, 18, -9}},
    {{0, 20, 3}, kNegBig, 0, kNone, {0, 0, 3}},
    {{0, 20, 3}, kNegBig, 0, 2, {0, 0, 6}},
    {{0, 20, 3}, kNegBig, 0, -1, {-3, 0, -3}},
    {{0, 20, 3}, kNegBig, 0, -3, {-3, 0, -9}},
    {{0, 20, 3}, kNegBig, 6, kNone, {0, 18, 3}},
    {{0, 20, 3}, kNegBig, 6, 2, {0, 18, 6}},
    {{0, 20, 3}, kNegBig, 6, -1, {-3, 18, -3}},
    {{0, 20, 3}, kNegBig, 6, -3, {-3, 18, -9}},
    {{0, 20, 3}, -4, kNone, kNone, {9, 21, 3}},
    {{0, 20, 3}, -4, kNone, 2, {9, 21, 6}},
    {{0, 20, 3}, -4, kNone, -1, {9, -3, -3}},
    {{0, 20, 3}, -4, kNone, -3, {9, -3, -9}},
    {{0, 20, 3}, -4, -1, kNone, {9, 18, 3}},
    {{0, 20, 3}, -4, -1, 2, {9, 18, 6}},
    {{0, 20, 3}, -4, -1, -1, {9, 18, -3}},
    {{0, 20, 3}, -4, -1, -3, {9, 18, -9}},
    {{0, 20, 3}, -4, 0, kNone, {9, 0, 3}},
    {{0, 20, 3}, -4, 0, 2, {9, 0, 6}},
    {{0, 20, 3}, -4, 0, -1, {9, 0, -3}},
    {{0, 20, 3}, -4, 0, -3, {9, 0, -9}},
    {{0, 20, 3}, -4, 6, kNone, {9, 18, 3}},
    {{0, 20, 3}, -4, 6, 2, {9, 18, 6}},
    {{0, 20, 3}, -4, 6, -1, {9, 18, -3}},
    {{0, 20, 3}, -4, 6, -3, {9, 18, -9}},
    {{0, 20, 3}, 2, kNone, kNone, {6, 21, 3}},
    {{0, 20, 3}, 2, kNone, 2, {6, 21, 6}},
    {{0, 20, 3}, 2, kNone, -1, {6, -3, -3}},
    {{0, 20, 3}, 2, kNone, -3, {6, -3, -9}},
    {{0, 20, 3}, 2, -1, kNone, {6, 18, 3}},
    {{0, 20, 3}, 2, -1, 2, {6, 18, 6}},
    {{0, 20, 3}, 2, -1, -1, {6, 18, -3}},
    {{0, 20, 3}, 2, -1, -3, {6, 18, -9}},
    {{0, 20, 3}, 2, 0, kNone, {6, 0, 3}},
    {{0, 20, 3}, 2, 0, 2, {6, 0, 6}},
    {{0, 20, 3}, 2, 0, -1, {6, 0, -3}},
    {{0, 20, 3}, 2, 0, -3, {6, 0, -9}},
    {{0, 20, 3}, 2, 6, kNone, {6, 18, 3}},
    {{0, 20, 3}, 2, 6, 2, {6, 18, 6}},
    {{0, 20, 3}, 2, 6, -1, {6, 18, -3}},
    {{0, 20, 3}, 2, 6, -3, {6, 18, -9}},
    {{0, 20, 3}, kBig, kNone, kNone, {21, 21, 3}},
    {{0, 20, 3}, kBig, kNone, 2, {21, 21, 6}},
    {{0, 20, 3}, kBig, kNone, -1, {18, -3, -3}},
    {{0, 20, 3}, kBig, kNone, -3, {18, -3, -9}},
    {{0, 20, 3}, kBig, -1, kNone, {21, 18, 3}},
    {{0, 20, 3}, kBig, -1, 2, {21, 18, 6}},
    {{0, 20, 3}, kBig, -1, -1, {18, 18, -3}},
    {{0, 20, 3}, kBig, -1, -3, {18, 18, -9}},
    {{0, 20, 3}, kBig, 0, kNone, {21, 0, 3}},
    {{0, 20, 3}, kBig, 0, 2, {21, 0, 6}},
    {{0, 20, 3}, kBig, 0, -1, {18, 0, -3}},
    {{0, 20, 3}, kBig, 0, -3, {18, 0, -9}},
    {{0, 20, 3}, kBig, 6, kNone, {21, 18, 3}},
    {{0, 20, 3}, kBig, 6, 2, {21, 18, 6}},
    {{0, 20, 3}, kBig, 6, -1, {18, 18, -3}},
    {{0, 20, 3}, kBig, 6, -3, {18, 18, -9}},
    {{10, -10, -2}, kNone, kNone, kNone, {10, -10, -2}},
    {{10, -10, -2}, kNone, kNone, 2, {10, -10, -4}},
    {{10, -10, -2}, kNone, kNone, -1, {-8, 12, 2}},
    {{10, -10, -2}, kNone, kNone, -3, {-8, 12, 6}},
    {{10, -10, -2}, kNone, -1, kNone, {10, -8, -2}},
    {{10, -10, -2}, kNone, -1, 2, {10, -8, -4}},
    {{10, -10, -2}, kNone, -1, -1, {-8, -8, 2}},
    {{10, -10, -2}, kNone, -1, -3, {-8, -8, 6}},
    {{10, -10, -2}, kNone, 0, kNone, {10, 10, -2}},
    {{10, -10, -2}, kNone, 0, 2, {10, 10, -4}},
    {{10, -10, -2}, kNone, 0, -1, {-8, 10, 2}},
    {{10, -10, -2}, kNone, 0, -3, {-8, 10, 6}},
    {{10, -10, -2}, kNone, 6, kNone, {10, -2, -2}},
    {{10, -10, -2}, kNone, 6, 2, {10, -2, -4}},
    {{10, -10, -2}, kNone, 6, -1, {-8, -2, 2}},
    {{10, -10, -2}, kNone, 6, -3, {-8, -2, 6}},
    {{10, -10, -2}, kNegBig, kNone, kNone, {10, -10, -2}},
    {{10, -10, -2}, kNegBig, kNone, 2, {10, -10, -4}},
    {{10, -10, -2}, kNegBig, kNone, -1, {12, 12, 2}},
    {{10, -10, -2}, kNegBig, kNone, -3, {12, 12, 6}},
    {{10, -10, -2}, kNegBig, -1, kNone, {10, -8, -2}},
    {{10, -10, -2}, kNegBig, -1, 2, {10, -8, -4}},
    {{10, -10, -2}, kNegBig, -1, -1, {12, -8, 2}},
    {{10, -10, -2}, kNegBig, -1, -3, {12, -8, 6}},
    {{10, -10, -2}, kNegBig, 0, kNone, {10, 10, -2}},
    {{10, -10, -2}, kNegBig, 0, 2, {10, 10, -4}},
    {{10, -10, -2}, kNegBig, 0, -1, {12, 10, 2}},
    {{10, -10, -2}, kNegBig, 0, -3, {12, 10, 6}},
    {{10, -10, -2}, kNegBig, 6, kNone, {10, -2, -2}},
    {{10, -10, -2}, kNegBig, 6, 2, {10, -2, -4}},
    {{10, -10, -2}, kNegBig, 6, -1, {12, -2, 2}},
    {{10, -10, -2}, kNegBig, 6, -3, {12, -2, 6}},
    {{10, -10, -2}, -4, kNone, kNone, {-2, -10, -2}},
    {{10, -10, -2}, -4, kNone, 2, {-2, -10, -4}},
    {{10, -10, -2}, -4, kNone, -1, {-2, 12, 2}},
    {{10, -10, -2}, -4, kNone, -3, {-2, 12, 6}},
    {{10, -10, -2}, -4, -1, kNone, {-2, -8, -2}},
    {{10, -10, -2}, -4, -1, 2, {-2, -8, -4}},
    {{10, -10, -2}, -4, -1, -1, {-2, -8, 2}},
    {{10, -10, -2}, -4, -1, -3, {-2, -8, 6}},
    {{10, -10, -2}, -4, 0, kNone, {-2, 10, -2}},
    {{10, -10, -2}, -4, 0, 2, {-2, 10, -4}},
    {{10, -10, -2}, -4, 0, -1, {-2, 10, 2}},
    {{10, -10, -2}, -4, 0, -3, {-2, 10, 6}},
    {{10, -10, -2}, -4, 6, kNone, {-2, -2, -2}},
    {{10, -10, -2}, -4, 6, 2, {-2, -2, -4}},
    {{10, -10, -2}, -4, 6, -1, {-2, -2, 2}},
    {{10, -10, -2}, -4, 6, -3, {-2, -2, 6}},
    {{10, -10, -2}, 2, kNone, kNone, {6, -10, -2}},
    {{10, -10, -2}, 2, kNone, 2, {6, -10, -4}},
    {{10, -10, -2}, 2, kNone, -1, {6, 12, 2}},
    {{10, -10, -2}, 2, kNone, -3, {6, 12, 6}},
    {{10, -10, -2}, 2, -1, kNone, {6, -8, -2}},
    {{10, -10, -2}, 2, -1, 2, {6, -8, -4}},
    {{10, -10, -2}, 2, -1, -1, {6, -8, 2}},
    {{10, -10, -2}, 2, -1, -3, {6, -8, 6}},
    {{10, -10, -2}, 2, 0, kNone, {6, 10, -2}},
    {{10, -10, -2}, 2, 0, 2, {6, 10, -4}},
    {{10, -10, -2}, 2, 0, -1, {6, 10, 2}},
    {{10, -10, -2}, 2, 0, -3, {6, 10, 6}},
    {{10, -10, -2}, 2, 6, kNone, {6, -2, -2}},
    {{10, -10, -2}, 2, 6, 2, {6, -2, -4}},
    {{10, -10, -2}, 2, 6, -1, {6, -2, 2}},
    {{10, -10, -2}, 2, 6, -3, {6, -2, 6}},
    {{10, -10, -2}, kBig, kNone, kNone, {-10, -10, -2}},
    {{10, -10, -2}, kBig, kNone, 2, {-10, -10, -4}},
    {{10, -10, -2}, kBig, kNone, -1, {-8, 12, 2}},
    {{10, -10, -2}, kBig, kNone, -3, {-8, 12, 6}},
    {{10, -10, -2}, kBig, -1, kNone, {-10, -8, -2}},
    {{10, -10, -2}, kBig, -1, 2, {-10, -8, -4}},
    {{10, -10, -2}, kBig, -1, -1, {-8, -8, 2}},
    {{10, -10, -2}, kBig, -1, -3, {-8, -8, 6}},
    {{10, -10, -2}, kBig, 0, kNone, {-10, 10, -2}},
    {{10, -10, -2}, kBig, 0, 2, {-10, 10, -4}},
    {{10, -10, -2}, kBig, 0, -1, {-8, 10, 2}},
    {{10, -10, -2}, kBig, 0, -3, {-8, 10, 6}},
    {{10, -10, -2}, kBig, 6, kNone, {-10, -2, -2}},
    {{10, -10, -2}, kBig, 6, 2, {-10, -2, -4}},
    {{10, -10, -2}, kBig, 6, -1, {-8, -2, 2}},
    {{10, -10, -2}, kBig, 6, -3, {-8, -2, 6}},
    {{0, 5, 1}, kNone, kNone, kNone, {0, 5, 1}},
    {{0, 5, 1}, kNone, kNone, 2, {0, 5, 2}},
    {{0, 5, 1}, kNone, kNone, -1, {4, -1, -1}},
    {{0, 5, 1}, kNone, kNone, -3, {4, -1, -3}},
    {{0, 5, 1}, kNone, -1, kNone, {0, 4, 1}},
    {{0, 5, 1}, kNone, -1, 2, {0, 4, 2}},
    {{0, 5, 1}, kNone, -1, -1, {4, 4, -1}},
    {{0, 5, 1}, kNone, -1, -3, {4, 4, -3}},
    {{0, 5, 1}, kNone, 0, kNone, {0, 0, 1}},
    {{0, 5, 1}, kNone, 0, 2, {0, 0, 2}},
    {{0, 5, 1}, kNone, 0, -1, {4, 0, -1}},
    {{0, 5, 1}, kNone, 0, -3, {4, 0, -3}},
    {{0, 5, 1}, kNone, 6, kNone, {0, 5, 1}},
    {{0, 5, 1}, kNone, 6, 2, {0, 5, 2}},
    {{0, 5, 1}, kNone, 6, -1, {4, 4, -1}},
    {{0, 5, 1}, kNone, 6, -3, {4, 4, -3}},
    {{0, 5, 1}, kNegBig, kNone, kNone, {0, 5, 1}},
    {{0, 5, 1}, kNegBig, kNone, 2, {0, 5, 2}},
    {{0, 5, 1}, kNegBig, kNone, -1, {-1, -1, -1}},
    {{0, 5, 1}, kNegBig, kNone, -3, {-1, -1, -3}},
    {{0, 5, 1}, kNegBig, -1, kNone, {0, 4, 1}},
    {{0, 5, 1}, kNegBig, -1, 2, {0, 4, 2}},
    {{0, 5, 1}, kNegBig, -1, -1, {-1, 4, -1}},
    {{0, 5, 1}, kNegBig, -1, -3, {-1, 4, -3}},
    {{0, 5, 1}, kNegBig, 0, kNone, {0, 0, 1}},
    {{0, 5, 1}, kNegBig, 0, 2, {0, 0, 2}},
    {{0, 5, 1}, kNegBig, 0, -1, {-1, 0, -1}},
    {{0, 5, 1}, kNegBig, 0, -3, {-1, 0, -3}},
    {{0, 5, 1}, kNegBig, 6, kNone, {0, 5, 1}},
    {{0, 5, 1}, kNegBig, 6, 2, {0, 5, 2}},
    {{0, 5, 1}, kNegBig, 6, -1, {-1, 4, -1}},
    {{0, 5, 1}, kNegBig, 6, -3, {-1, 4, -3}},
    {{0, 5, 1}, -4, kNone, kNone, {1, 5, 1}},
    {{0, 5, 1}, -4, kNone, 2, {1, 5, 2}},
    {{0, 5, 1}, -4, kNone, -1, {1, -1, -1}},
    {{0, 5, 1}, -4, kNone, -3, {1, -1, -3}},
    {{0, 5, 1}, -4, -1, kNone, {1, 4, 1}},
    {{0, 5, 1}, -4, -1, 2, {1, 4, 2}},
    {{0, 5, 1}, -4, -1, -1, {1, 4, -1}},
    {{0, 5, 1}, -4, -1, -3, {1, 4, -3}},
    {{0, 5, 1}, -4, 0, kNone, {1, 0, 1}},
    {{0, 5, 1}, -4, 0, 2, {1, 0, 2}},
    {{0, 5, 1}, -4, 0, -1, {1, 0, -1}},
    {{0, 5, 1}, -4, 0, -3, {1, 0, -3}},
    {{0, 5, 1}, -4, 6, kNone, {1, 5, 1}},
    {{0, 5, 1}, -4, 6, 2, {1, 5, 2}},
    {{0, 5, 1}, -4, 6, -1, {1, 4, -1}},
    {{0, 5, 1}, -4, 6, -3, {1, 4, -3}},
    {{0, 5, 1}, 2, kNone, kNone, {2, 5, 1}},
    {{0, 5, 1}, 2, kNone, 2, {2, 5, 2}},
    {{0, 5, 1}, 2, kNone, -1, {2, -1, -1}},
    {{0, 5, 1}, 2, kNone, -3, {2, -1, -3}},
    {{0, 5, 1}, 2, -1, kNone, {2, 4, 1}},
    {{0, 5, 1}, 2, -1, 2, {2, 4, 2}},
    {{0, 5, 1}, 2, -1, -1, {2, 4, -1}},
    {{0, 5, 1}, 2, -1, -3, {2, 4, -3}},
    {{0, 5, 1}, 2, 0, kNone, {2, 0, 1}},
    {{0, 5, 1}, 2, 0, 2, {2, 0, 2}},
    {{0, 5, 1}, 2, 0, -1, {2, 0, -1}},
    {{0, 5, 1}, 2, 0, -3, {2, 0, -3}},
    {{0, 5, 1}, 2, 6, kNone, {2, 5, 1}},
    {{0, 5, 1}, 2, 6, 2, {2, 5, 2}},
    {{0, 5, 1}, 2, 6, -1, {2, 4, -1}},
    {{0, 5, 1}, 2, 6, -3, {2, 4, -3}},
    {{0, 5, 1}, kBig, kNone, kNone, {5, 5, 1}},
    {{0, 5, 1}, kBig, kNone, 2, {5, 5, 2}},
    {{0, 5, 1}, kBig, kNone, -1, {4, -1, -1}},
    {{0, 5, 1}, kBig, kNone, -3, {4, -1, -3}},
    {{0, 5, 1}, kBig, -1, kNone, {5, 4, 1}},
    {{0, 5, 1}, kBig, -1, 2, {5, 4, 2}},
    {{0, 5, 1}, kBig, -1, -1, {4, 4, -1}},
    {{0, 5, 1}, kBig, -1, -3, {4, 4, -3}},
    {{0, 5, 1}, kBig, 0, kNone, {5, 0, 1}},
    {{0, 5, 1}, kBig, 0, 2, {5, 0, 2}},
    {{0, 5, 1}, kBig, 0, -1, {4, 0, -1}},
    {{0, 5, 1}, kBig, 0, -3, {4, 0, -3}},
    {{0, 5, 1}, kBig, 6, kNone, {5, 5, 1}},
    {{0, 5, 1}, kBig, 6, 2, {5, 5, 2}},
    {{0, 5, 1}, kBig, 6, -1, {4, 4, -1}},
    {{0, 5, 1}, kBig, 6, -3, {4, 4, -3}},
};

struct AdjustCase {
  int64_t length, start, stop, step;
  int64_t rstart, rstop, rstep, slicelength;
};
// slice(start, stop, step).indices(length) and len(range(*indices)), from CPython 3.13 (steps beyond ssize are
// clamped to +-(2**63 - 1) as PySlice_Unpack does).
const AdjustCase kAdjustCases[] = {
    {10, kNone, kNone, kNone, 0, 10, 1, 10},
    {10, kNone, kNone, 3, 0, 10, 3, 4},
    {10, kNone, kNone, -1, 9, -1, -1, 10},
    {10, kNone, kNone, -4, 9, -1, -4, 3},
    {10, kNone, kNone, kBig, 0, 10, 9223372036854775807, 1},
    {10, kNone, kNone, kNegBig, 9, -1, -9223372036854775807, 1},
    {10, kNone, kNegBig, kNone, 0, 0, 1, 0},
    {10, kNone, kNegBig, 3, 0, 0, 3, 0},
    {10, kNone, kNegBig, -1, 9, -1, -1, 10},
    {10, kNone, kNegBig, -4, 9, -1, -4, 3},
    {10, kNone, kNegBig, kBig, 0, 0, 9223372036854775807, 0},
    {10, kNone, kNegBig, kNegBig, 9, -1, -9223372036854775807, 1},
    {10, kNone, -3, kNone, 0, 7, 1, 7},
    {10, kNone, -3, 3, 0, 7, 3, 3},
    {10, kNone, -3, -1, 9, 7, -1, 2},
    {10, kNone, -3, -4, 9, 7, -4, 1},
    {10, kNone, -3, kBig, 0, 7, 9223372036854775807, 1},
    {10, kNone, -3, kNegBig, 9, 7, -9223372036854775807, 1},
    {10, kNone, 0, kNone, 0, 0, 1, 0},
    {10, kNone, 0, 3, 0, 0, 3, 0},
    {10, kNone, 0, -1, 9, 0, -1, 9},
    {10, kNone, 0, -4, 9, 0, -4, 3},
    {10, kNone, 0, kBig, 0, 0, 9223372036854775807, 0},
    {10, kNone, 0, kNegBig, 9, 0, -9223372036854775807, 1},
    {10, kNone, 4, kNone, 0, 4, 1, 4},
    {10, kNone, 4, 3, 0, 4, 3, 2},
    {10, kNone, 4, -1, 9, 4, -1, 5},
    {10, kNone, 4, -4, 9, 4, -4, 2},
    {10, kNone, 4, kBig, 0, 4, 9223372036854775807, 1},
    {10, kNone, 4, kNegBig, 9, 4, -9223372036854775807, 1},
    {10, kNone, 11, kNone, 0, 10, 1, 10},
    {10, kNone, 11, 3, 0, 10, 3, 4},
    {10, kNone, 11, -1, 9, 9, -1, 0},
    {10, kNone, 11, -4, 9, 9, -4, 0},
    {10, kNone, 11, kBig, 0, 10, 9223372036854775807, 1},
    {10, kNone, 11, kNegBig, 9, 9, -9223372036854775807, 0},
    {10, kNone, kBig, kNone, 0, 10, 1, 10},
    {10, kNone, kBig, 3, 0, 10, 3, 4},
    {10, kNone, kBig, -1, 9, 9, -1, 0},
    {10, kNone, kBig, -4, 9, 9, -4, 0},
    {10, kNone, kBig, kBig, 0, 10, 9223372036854775807, 1},
    {10, kNone, kBig, kNegBig, 9, 9, -9223372036854775807, 0},
    {10, kNegBig, kNone, kNone, 0, 10, 1, 10},
    {10, kNegBig, kNone, 3, 0, 10, 3, 4},
    {10, kNegBig, kNone, -1, -1, -1, -1, 0},
    {10, kNegBig, kNone, -4, -1, -1, -4, 0},
    {10, kNegBig, kNone, kBig, 0, 10, 9223372036854775807, 1},
    {10, kNegBig, kNone, kNegBig, -1, -1, -9223372036854775807, 0},
    {10, kNegBig, kNegBig, kNone, 0, 0, 1, 0},
    {10, kNegBig, kNegBig, 3, 0, 0, 3, 0},
    {10, kNegBig, kNegBig, -1, -1, -1, -1, 0},
    {10, kNegBig, kNegBig, -4, -1, -1, -4, 0},
    {10, kNegBig, kNegBig, kBig, 0, 0, 9223372036854775807, 0},
    {10, kNegBig, kNegBig, kNegBig, -1, -1, -9223372036854775807, 0},
    {10, kNegBig, -3, kNone, 0, 7, 1, 7},
    {10, kNegBig, -3, 3, 0, 7, 3, 3},
    {10, kNegBig, -3, -1, -1, 7, -1, 0},
    {10, kNegBig, -3, -4, -1, 7, -4, 0},
    {10, kNegBig, -3, kBig, 0, 7, 9223372036854775807, 1},
    {10, kNegBig, -3, kNegBig, -1, 7, -9223372036854775807, 0},
    {10, kNegBig, 0, kNone, 0, 0, 1, 0},
    {10, kNegBig, 0, 3, 0, 0, 3, 0},
    {10, kNegBig, 0, -1, -1, 0, -1, 0},
    {10, kNegBig, 0, -4, -1, 0, -4, 0},
    {10, kNegBig, 0, kBig, 0, 0, 9223372036854775807, 0},
    {10, kNegBig, 0, kNegBig, -1, 0, -9223372036854775807, 0},
    {10, kNegBig, 4, kNone, 0, 4, 1, 4},
    {10, kNegBig, 4, 3, 0, 4, 3, 2},
    {10, kNegBig, 4, -1, -1, 4, -1, 0},
    {10, kNegBig, 4, -4, -1, 4, -4, 0},
    {10, kNegBig, 4, kBig, 0, 4, 9223372036854775807, 1},
    {10, kNegBig, 4, kNegBig, -1, 4, -9223372036854775807, 0},
    {10, kNegBig, 11, kNone, 0, 10, 1, 10},
    {10, kNegBig, 11, 3, 0, 10, 3, 4},
    {10, kNegBig, 11, -1, -1, 9, -1, 0},
    {10, kNegBig, 11, -4, -1, 9, -4, 0},
    {10, kNegBig, 11, kBig, 0, 10, 9223372036854775807, 1},
    {10, kNegBig, 11, kNegBig, -1, 9, -9223372036854775807, 0},
    {10, kNegBig, kBig, kNone, 0, 10, 1, 10},
    {10, kNegBig, kBig, 3, 0, 10, 3, 4},
    {10, kNegBig, kBig, -1, -1, 9, -1, 0},
    {10, kNegBig, kBig, -4, -1, 9, -4, 0},
    {10, kNegBig, kBig, kBig, 0, 10, 9223372036854775807, 1},
    {10, kNegBig, kBig, kNegBig, -1, 9, -9223372036854775807, 0},
    {10, -3, kNone, kNone, 7, 10, 1, 3},
    {10, -3, kNone, 3, 7, 10, 3, 1},
    {10, -3, kNone, -1, 7, -1, -1, 8},
    {10, -3, kNone, -4, 7, -1, -4, 2},
    {10, -3, kNone, kBig, 7, 10, 9223372036854775807, 1},
    {10, -3, kNone, kNegBig, 7, -1, -9223372036854775807, 1},
    {10, -3, kNegBig, kNone, 7, 0, 1, 0},
    {10, -3, kNegBig, 3, 7, 0, 3, 0},
    {10, -3, kNegBig, -1, 7, -1, -1, 8},
    {10, -3, kNegBig, -4, 7, -1, -4, 2},
    {10, -3, kNegBig, kBig, 7, 0, 9223372036854775807, 0},
    {10, -3, kNegBig, kNegBig, 7, -1, -9223372036854775807, 1},
    {10, -3, -3, kNone, 7, 7, 1, 0},
    {10, -3, -3, 3, 7, 7, 3, 0},
    {10, -3, -3, -1, 7, 7, -1, 0},
    {10, -3, -3, -4, 7, 7, -4, 0},
    {10, -3, -3, kBig, 7, 7, 9223372036854775807, 0},
    {10, -3, -3, kNegBig, 7, 7, -9223372036854775807, 0},
    {10, -3, 0, kNone, 7, 0, 1, 0},
    {10, -3, 0, 3, 7, 0, 3, 0},
    {10, -3, 0, -1, 7, 0, -1, 7},
    {10, -3, 0, -4, 7, 0, -4, 2},
    {10, -3, 0, kBig, 7, 0, 9223372036854775807, 0},
    {10, -3, 0, kNegBig, 7, 0, -9223372036854775807, 1},
    {10, -3, 4, kNone, 7, 4, 1, 0},
    {10, -3, 4, 3, 7, 4, 3, 0},
    {10, -3, 4, -1, 7, 4, -1, 3},
    {10, -3, 4, -4, 7, 4, -4, 1},
    {10, -3, 4, kBig, 7, 4, 9223372036854775807, 0},
    {10, -3, 4, kNegBig, 7, 4, -9223372036854775807, 1},
    {10, -3, 11, kNone, 7, 10, 1, 3},
    {10, -3, 11, 3, 7, 10, 3, 1},
    {10, -3, 11, -1, 7, 9, -1, 0},
    {10, -3, 11, -4, 7, 9, -4, 0},
    {10, -3, 11, kBig, 7, 10, 9223372036854775807, 1},
    {10, -3, 11, kNegBig, 7, 9, -9223372036854775807, 0},
    {10, -3, kBig, kNone, 7, 10, 1, 3},
    {10, -3, kBig, 3, 7, 10, 3, 1},
    {10, -3, kBig, -1, 7, 9, -1, 0},
    {10, -3, kBig, -4, 7, 9, -4, 0},
    {10, -3, kBig, kBig, 7, 10, 9223372036854775807, 1},
    {10, -3, kBig, kNegBig, 7, 9, -9223372036854775807, 0},
    {10, 0, kNone, kNone, 0, 10, 1, 10},
    {10, 0, kNone, 3, 0, 10, 3, 4},
    {10, 0, kNone, -1, 0, -1, -1, 1},
    {10, 0, kNone, -4, 0, -1, -4, 1},
    {10, 0, kNone, kBig, 0, 10, 9223372036854775807, 1},
    {10, 0, kNone, kNegBig, 0, -1, -9223372036854775807, 1},
    {10, 0, kNegBig, kNone, 0, 0, 1, 0},
    {10, 0, kNegBig, 3, 0, 0, 3, 0},
    {10, 0, kNegBig, -1, 0, -1, -1, 1},
    {10, 0, kNegBig, -4, 0, -1, -4, 1},
    {10, 0, kNegBig, kBig, 0, 0, 9223372036854775807, 0},
    {10, 0, kNegBig, kNegBig, 0, -1, -9223372036854775807, 1},
    {10, 0, -3, kNone, 0, 7, 1, 7},
    {10, 0, -3, 3, 0, 7, 3, 3},
    {10, 0, -3, -1, 0, 7, -1, 0},
    {10, 0, -3, -4, 0, 7, -4, 0},
    {10, 0, -3, kBig, 0, 7, 9223372036854775807, 1},
    {10, 0, -3, kNegBig, 0, 7, -9223372036854775807, 0},
    {10, 0, 0, kNone, 0, 0, 1, 0},
    {10, 0, 0, 3, 0, 0, 3, 0},
    {10, 0, 0, -1, 0, 0, -1, 0},
    {10, 0, 0, -4, 0, 0, -4, 0},
    {10, 0, 0, kBig, 0, 0, 9223372036854775807, 0},
    {10, 0, 0, kNegBig, 0, 0, -9223372036854775807, 0},
    {10, 0, 4, kNone, 0, 4, 1, 4},
    {10, 0, 4, 3, 0, 4, 3, 2},
    {10, 0, 4, -1, 0, 4, -1, 0},
    {10, 0, 4, -4, 0, 4, -4, 0},
    {10, 0, 4, kBig, 0, 4, 9223372036854775807, 1},
    {10, 0, 4, kNegBig, 0, 4, -9223372036854775807, 0},
    {10, 0, 11, kNone, 0, 10, 1, 10},
    {10, 0, 11, 3, 0, 10, 3, 4},
    {10, 0, 11, -1, 0, 9, -1, 0},
    {10, 0, 11, -4, 0, 9, -4, 0},
    {10, 0, 11, kBig, 0, 10, 9223372036854775807, 1},
    {10, 0, 11, kNegBig, 0, 9, -9223372036854775807, 0},
    {10, 0, kBig, kNone, 0, 10, 1, 10},
    {10, 0, kBig, 3, 0, 10, 3, 4},
    {10, 0, kBig, -1, 0, 9, -1, 0},
    {10, 0, kBig, -4, 0, 9, -4, 0},
    {10, 0, kBig, kBig, 0, 10, 9223372036854775807, 1},
    {10, 0, kBig, kNegBig, 0, 9, -9223372036854775807, 0},
    {10, 4, kNone, kNone, 4, 10, 1, 6},
    {10, 4, kNone, 3, 4, 10, 3, 2},
    {10, 4, kNone, -1, 4, -1, -1, 5},
    {10, 4, kNone, -4, 4, -1, -4, 2},
    {10, 4, kNone, kBig, 4, 10, 9223372036854775807, 1},
    {10, 4, kNone, kNegBig, 4, -1, -9223372036854775807, 1},
    {10, 4, kNegBig, kNone, 4, 0, 1, 0},
    {10, 4, kNegBig, 3, 4, 0, 3, 0},
    {10, 4, kNegBig, -1, 4, -1, -1, 5},
    {10, 4, kNegBig, -4, 4, -1, -4, 2},
    {10, 4, kNegBig, kBig, 4, 0, 9223372036854775807, 0},
    {10, 4, kNegBig, kNegBig, 4, -1, -9223372036854775807, 1},
    {10, 4, -3, kNone, 4, 7, 1, 3},
    {10, 4, -3, 3, 4, 7, 3, 1},
    {10, 4, -3, -1, 4, 7, -1, 0},
    {10, 4, -3, -4, 4, 7, -4, 0},
    {10, 4, -3, kBig, 4, 7, 9223372036854775807, 1},
    {10, 4, -3, kNegBig, 4, 7, -9223372036854775807, 0},
    {10, 4, 0, kNone, 4, 0, 1, 0},
    {10, 4, 0, 3, 4, 0, 3, 0},
    {10, 4, 0, -1, 4, 0, -1, 4},
    {10, 4, 0, -4, 4, 0, -4, 1},
    {10, 4, 0, kBig, 4, 0, 9223372036854775807, 0},
    {10, 4, 0, kNegBig, 4, 0, -9223372036854775807, 1},
    {10, 4, 4, kNone, 4, 4, 1, 0},
    {10, 4, 4, 3, 4, 4, 3, 0},
    {10, 4, 4, -1, 4, 4, -1, 0},
    {10, 4, 4, -4, 4, 4, -4, 0},
    {10, 4, 4, kBig, 4, 4, 9223372036854775807, 0},
    {10, 4, 4, kNegBig, 4, 4, -9223372036854775807, 0},
    {10, 4, 11, kNone, 4, 10, 1, 6},
    {10, 4, 11, 3, 4, 10, 3, 2},
    {10, 4, 11, -1, 4, 9, -1, 0},
    {10, 4, 11, -4, 4, 9, -4, 0},
    {10, 4, 11, kBig, 4, 10, 9223372036854775807, 1},
    {10, 4, 11, kNegBig, 4, 9, -9223372036854775807, 0},
    {10, 4, kBig, kNone, 4, 10, 1, 6},
    {10, 4, kBig, 3, 4, 10, 3, 2},
    {10, 4, kBig, -1, 4, 9, -1, 0},
    {10, 4, kBig, -4, 4, 9, -4, 0},
    {10, 4, kBig, kBig, 4, 10, 9223372036854775807, 1},
    {10, 4, kBig, kNegBig, 4, 9, -9223372036854775807, 0},
    {10, 11, kNone, kNone, 10, 10, 1, 0},
    {10, 11, kNone, 3, 10, 10, 3, 0},
    {10, 11, kNone, -1, 9, -1, -1, 10},
    {10, 11, kNone, -4, 9, -1, -4, 3},
    {10, 11, kNone, kBig, 10, 10, 9223372036854775807, 0},
    {10, 11, kNone, kNegBig, 9, -1, -9223372036854775807, 1},
    {10, 11, kNegBig, kNone, 10, 0, 1, 0},
    {10, 11, kNegBig, 3, 10, 0, 3, 0},
    {10, 11, kNegBig, -1, 9, -1, -1, 10},
    {10, 11, kNegBig, -4, 9, -1, -4, 3},
    {10, 11, kNegBig, kBig, 10, 0, 9223372036854775807, 0},
    {10, 11, kNegBig, kNegBig, 9, -1, -9223372036854775807, 1},
    {10, 11, -3, kNone, 10, 7, 1, 0},
    {10, 11, -3, 3, 10, 7, 3, 0},
    {10, 11, -3, -1, 9, 7, -1, 2},
    {10, 11, -3, -4, 9, 7, -4, 1},
    {10, 11, -3, kBig, 10, 7, 9223372036854775807, 0},
    {10, 11, -3, kNegBig, 9, 7, -9223372036854775807, 1},
    {10, 11, 0, kNone, 10, 0, 1, 0},
    {10, 11, 0, 3, 10, 0, 3, 0},
    {10, 11, 0, -1, 9, 0, -1, 9},
    {10, 11, 0, -4, 9, 0, -4, 3},
    {10, 11, 0, kBig, 10, 0, 9223372036854775807, 0},
    {10, 11, 0, kNegBig, 9, 0, -9223372036854775807, 1},
    {10, 11, 4, kNone, 10, 4, 1, 0},
    {10, 11, 4, 3, 10, 4, 3, 0},
    {10, 11, 4, -1, 9, 4, -1, 5},
    {10, 11, 4, -4, 9, 4, -4, 2},
    {10, 11, 4, kBig, 10, 4, 9223372036854775807, 0},
    {10, 11, 4, kNegBig, 9, 4, -9223372036854775807, 1},
    {10, 11, 11, kNone, 10, 10, 1, 0},
    {10, 11, 11, 3, 10, 10, 3, 0},
    {10, 11, 11, -1, 9, 9, -1, 0},
    {10, 11, 11, -4, 9, 9, -4, 0},
    {10, 11, 11, kBig, 10, 10, 9223372036854775807, 0},
    {10, 11, 11, kNegBig, 9, 9, -9223372036854775807, 0},
    {10, 11, kBig, kNone, 10, 10, 1, 0},
    {10, 11, kBig, 3, 10, 10, 3, 0},
    {10, 11, kBig, -1, 9, 9, -1, 0},
    {10, 11, kBig, -4, 9, 9, -4, 0},
    {10, 11, kBig, kBig, 10, 10, 9223372036854775807, 0},
    {10, 11, kBig, kNegBig, 9, 9, -9223372036854775807, 0},
    {10, kBig, kNone, kNone, 10, 10, 1, 0},
    {10, kBig, kNone, 3, 10, 10, 3, 0},
    {10, kBig, kNone, -1, 9, -1, -1, 10},
    {10, kBig, kNone, -4, 9, -1, -4, 3},
    {10, kBig, kNone, kBig, 10, 10, 9223372036854775807, 0},
    {10, kBig, kNone, kNegBig, 9, -1, -9223372036854775807, 1},
    {10, kBig, kNegBig, kNone, 10, 0, 1, 0},
    {10, kBig, kNegBig, 3, 10, 0, 3, 0},
    {10, kBig, kNegBig, -1, 9, -1, -1, 10},
    {10, kBig, kNegBig, -4, 9, -1, -4, 3},
    {10, kBig, kNegBig, kBig, 10, 0, 9223372036854775807, 0},
    {10, kBig, kNegBig, kNegBig, 9, -1, -9223372036854775807, 1},
    {10, kBig, -3, kNone, 10, 7, 1, 0},
    {10, kBig, -3, 3, 10, 7, 3, 0},
    {10, kBig, -3, -1, 9, 7, -1, 2},
    {10, kBig, -3, -4, 9, 7, -4, 1},
    {10, kBig, -3, kBig, 10, 7, 9223372036854775807, 0},
    {10, kBig, -3, kNegBig, 9, 7, -9223372036854775807, 1},
    {10, kBig, 0, kNone, 10, 0, 1, 0},
    {10, kBig, 0, 3, 10, 0, 3, 0},
    {10, kBig, 0, -1, 9, 0, -1, 9},
    {10, kBig, 0, -4, 9, 0, -4, 3},
    {10, kBig, 0, kBig, 10, 0, 9223372036854775807, 0},
    {10, kBig, 0, kNegBig, 9, 0, -9223372036854775807, 1},
    {10, kBig, 4, kNone, 10, 4, 1, 0},
    {10, kBig, 4, 3, 10, 4, 3, 0},
    {10, kBig, 4, -1, 9, 4, -1, 5},
    {10, kBig, 4, -4, 9, 4, -4, 2},
    {10, kBig, 4, kBig, 10, 4, 9223372036854775807, 0},
    {10, kBig, 4, kNegBig, 9, 4, -9223372036854775807, 1},
    {10, kBig, 11, kNone, 10, 10, 1, 0},
    {10, kBig, 11, 3, 10, 10, 3, 0},
    {10, kBig, 11, -1, 9, 9, -1, 0},
    {10, kBig, 11, -4, 9, 9, -4, 0},
    {10, kBig, 11, kBig, 10, 10, 9223372036854775807, 0},
    {10, kBig, 11, kNegBig, 9, 9, -9223372036854775807, 0},
    {10, kBig, kBig, kNone, 10, 10, 1, 0},
    {10, kBig, kBig, 3, 10, 10, 3, 0},
    {10, kBig, kBig, -1, 9, 9, -1, 0},
    {10, kBig, kBig, -4, 9, 9, -4, 0},
    {10, kBig, kBig, kBig, 10, 10, 9223372036854775807, 0},
    {10, kBig, kBig, kNegBig, 9, 9, -9223372036854775807, 0},
    {0, kNone, kNone, kNone, 0, 0, 1, 0},
    {0, kNone, kNone, -1, -1, -1, -1, 0},
    {0, kNone, kNegBig, kNone, 0, 0, 1, 0},
    {0, kNone, kNegBig, -1, -1, -1, -1, 0},
    {0, kNone, -3, kNone, 0, 0, 1, 0},
    {0, kNone, -3, -1, -1, -1, -1, 0},
    {0, kNone, 0, kNone, 0, 0, 1, 0},
    {0, kNone, 0, -1, -1, -1, -1, 0},
    {0, kNone, 4, kNone, 0, 0, 1, 0},
    {0, kNone, 4, -1, -1, -1, -1, 0},
    {0, kNone, 11, kNone, 0, 0, 1, 0},
    {0, kNone, 11, -1, -1, -1, -1, 0},
    {0, kNone, kBig, kNone, 0, 0, 1, 0},
    {0, kNone, kBig, -1, -1, -1, -1, 0},
    {0, kNegBig, kNone, kNone, 0, 0, 1, 0},
    {0, kNegBig, kNone, -1, -1, -1, -1, 0},
    {0, kNegBig, kNegBig, kNone, 0, 0, 1, 0},
    {0, kNegBig, kNegBig, -1, -1, -1, -1, 0},
    {0, kNegBig, -3, kNone, 0, 0, 1, 0},
    {0, kNegBig, -3, -1, -1, -1, -1, 0},
    {0, kNegBig, 0, kNone, 0, 0, 1, 0},
    {0, kNegBig, 0, -1, -1, -1, -1, 0},
    {0, kNegBig, 4, kNone, 0, 0, 1, 0},
    {0, kNegBig, 4, -1, -1, -1, -1, 0},
    {0, kNegBig, 11, kNone, 0, 0, 1, 0},
    {0, kNegBig, 11, -1, -1, -1, -1, 0},
    {0, kNegBig, kBig, kNone, 0, 0, 1, 0},
    {0, kNegBig, kBig, -1, -1, -1, -1, 0},
    {0, -3, kNone, kNone, 0, 0, 1, 0},
    {0, -3, kNone, -1, -1, -1, -1, 0},
    {0, -3, kNegBig, kNone, 0, 0, 1, 0},
    {0, -3, kNegBig, -1, -1, -1, -1, 0},
    {0, -3, -3, kNone, 0, 0, 1, 0},
    {0, -3, -3, -1, -1, -1, -1, 0},
    {0, -3, 0, kNone, 0, 0, 1, 0},
    {0, -3, 0, -1, -1, -1, -1, 0},
    {0, -3, 4, kNone, 0, 0, 1, 0},
    {0, -3, 4, -1, -1, -1, -1, 0},
    {0, -3, 11, kNone, 0, 0, 1, 0},
    {0, -3, 11, -1, -1, -1, -1, 0},
    {0, -3, kBig, kNone, 0, 0, 1, 0},
    {0, -3, kBig, -1, -1, -1, -1, 0},
    {0, 0, kNone, kNone, 0, 0, 1, 0},
    {0, 0, kNone, -1, -1, -1, -1, 0},
    {0, 0, kNegBig, kNone, 0, 0, 1, 0},
    {0, 0, kNegBig, -1, -1, -1, -1, 0},
    {0, 0, -3, kNone, 0, 0, 1, 0},
    {0, 0, -3, -1, -1, -1, -1, 0},
    {0, 0, 0, kNone, 0, 0, 1, 0},
    {0, 0, 0, -1, -1, -1, -1, 0},
    {0, 0, 4, kNone, 0, 0, 1, 0},
    {0, 0, 4, -1, -1, -1, -1, 0},
    {0, 0, 11, kNone, 0, 0, 1, 0},
    {0, 0, 11, -1, -1, -1, -1, 0},
    {0, 0, kBig, kNone, 0, 0, 1, 0},
    {0, 0, kBig, -1, -1, -1, -1, 0},
    {0, 4, kNone, kNone, 0, 0, 1, 0},
    {0, 4, kNone, -1, -1, -1, -1, 0},
    {0, 4, kNegBig, kNone, 0, 0, 1, 0},
    {0, 4, kNegBig, -1, -1, -1, -1, 0},
    {0, 4, -3, kNone, 0, 0, 1, 0},
    {0, 4, -3, -1, -1, -1, -1, 0},
    {0, 4, 0, kNone, 0, 0, 1, 0},
    {0, 4, 0, -1, -1, -1, -1, 0},
    {0, 4, 4, kNone, 0, 0, 1, 0},
    {0, 4, 4, -1, -1, -1, -1, 0},
    {0, 4, 11, kNone, 0, 0, 1, 0},
    {0, 4, 11, -1, -1, -1, -1, 0},
    {0, 4, kBig, kNone, 0, 0, 1, 0},
    {0, 4, kBig, -1, -1, -1, -1, 0},
    {0, 11, kNone, kNone, 0, 0, 1, 0},
    {0, 11, kNone, -1, -1, -1, -1, 0},
    {0, 11, kNegBig, kNone, 0, 0, 1, 0},
    {0, 11, kNegBig, -1, -1, -1, -1, 0},
    {0, 11, -3, kNone, 0, 0, 1, 0},
    {0, 11, -3, -1, -1, -1, -1, 0},
    {0, 11, 0, kNone, 0, 0, 1, 0},
    {0, 11, 0, -1, -1, -1, -1, 0},
    {0, 11, 4, kNone, 0, 0, 1, 0},
    {0, 11, 4, -1, -1, -1, -1, 0},
    {0, 11, 11, kNone, 0, 0, 1, 0},
    {0, 11, 11, -1, -1, -1, -1, 0},
    {0, 11, kBig, kNone, 0, 0, 1, 0},
    {0, 11, kBig, -1, -1, -1, -1, 0},
    {0, kBig, kNone, kNone, 0, 0, 1, 0},
    {0, kBig, kNone, -1, -1, -1, -1, 0},
    {0, kBig, kNegBig, kNone, 0, 0, 1, 0},
    {0, kBig, kNegBig, -1, -1, -1, -1, 0},
    {0, kBig, -3, kNone, 0, 0, 1, 0},
    {0, kBig, -3, -1, -1, -1, -1, 0},
    {0, kBig, 0, kNone, 0, 0, 1, 0},
    {0, kBig, 0, -1, -1, -1, -1, 0},
    {0, kBig, 4, kNone, 0, 0, 1, 0},
    {0, kBig, 4, -1, -1, -1, -1, 0},
    {0, kBig, 11, kNone, 0, 0, 1, 0},
    {0, kBig, 11, -1, -1, -1, -1, 0},
    {0, kBig, kBig, kNone, 0, 0, 1, 0},
    {0, kBig, kBig, -1, -1, -1, -1, 0},
};

}  // namespace

TEST_CASE("range slicing matches CPython", "[range]") {
  init();
  for (const RangeSliceCase& c : kRangeSlices) {
    ORef r = R(c.range[0], c.range[1], c.range[2]);
    ORef s = slice(c.start, c.stop, c.step);
    INFO(repr(r.get()) << "[" << repr(s.get()) << "]");
    ORef x = steal(range_type.tp_as_mapping->mp_subscript(r.get(), s.get()));
    REQUIRE(x);
    CHECK(attr_i64(x.get(), "start") == c.expect[0]);
    CHECK(attr_i64(x.get(), "stop") == c.expect[1]);
    CHECK(attr_i64(x.get(), "step") == c.expect[2]);
  }
  ORef huge = make_range({big("18446744073709551616").get()});
  ORef s = steal(slice_new(big("9223372036854775808").get(), nullptr, nullptr));
  ORef x = steal(range_type.tp_as_mapping->mp_subscript(huge.get(), s.get()));
  CHECK(repr(x.get()) == "range(9223372036854775808, 18446744073709551616)");
}

TEST_CASE("slice_adjust matches slice.indices", "[slice]") {
  init();
  for (const AdjustCase& c : kAdjustCases) {
    ORef s = slice(c.start, c.stop, c.step);
    INFO(repr(s.get()) << ".indices(" << c.length << ")");
    ssize start, stop, step;
    ssize n = slice_adjust(s.get(), c.length, &start, &stop, &step);
    REQUIRE(n >= 0);
    CHECK(start == c.rstart);
    CHECK(stop == c.rstop);
    CHECK(step == c.rstep);
    CHECK(n == c.slicelength);
  }
  ssize a, b, st;
  ORef zero = slice(1, 2, 0);
  CHECK(slice_adjust(zero.get(), 10, &a, &b, &st) == -1);
  CHECK(err() == "ValueError: slice step cannot be zero");
  ORef str = steal(str_from_utf8("x"));
  ORef bad = steal(slice_new(str.get(), nullptr, nullptr));
  CHECK(slice_adjust(bad.get(), 10, &a, &b, &st) == -1);
  CHECK(err() == "TypeError: slice indices must be integers or None or have an __index__ method");
}

TEST_CASE("slice objects", "[slice]") {
  init();
  ORef s = slice(1, 2, kNone);
  CHECK(repr(s.get()) == "slice(1, 2, None)");
  ORef s123 = slice(1, 2, 3), sn5 = slice(kNone, 5, kNone);
  CHECK(object_hash(s123.get()) == -2340833382717974474);
  CHECK(object_hash(sn5.get()) == 1765991802173826621);
  ORef big_stop = steal(slice_new(I(-1).get(), bound(kBig).get(), I(7).get()));
  CHECK(object_hash(big_stop.get()) == -2975942530213092880);
  ORef s13 = slice(1, 3, kNone), s12 = slice(1, 2, kNone);
  ORef lt = steal(slice_type.tp_richcompare(s12.get(), s13.get(), Py_LT));
  CHECK(lt.get() == true_());
  ORef eq = steal(slice_type.tp_richcompare(s12.get(), s.get(), Py_EQ));
  CHECK(eq.get() == true_());
  // indices() on arbitrary ints
  ORef len = bound(kBig);
  ORef neg = slice(-5, kNone, kNone);
  ORef ind = steal(meth(neg.get(), "indices", {len.get()}));
  CHECK(repr(ind.get()) == "(1267650600228229401496703205371, 1267650600228229401496703205376, 1)");
  ORef m1 = I(-1);
  CHECK(meth(neg.get(), "indices", {m1.get()}) == nullptr);
  CHECK(err() == "ValueError: length should not be negative");
  ORef red = steal(meth(s.get(), "__reduce__"));
  CHECK(repr(red.get()) == "(<class 'slice'>, (1, 2, None))");
  // constructor errors
  ORef empty = steal(tuple_new(0));
  CHECK(slice_type.tp_new(&slice_type, empty.get(), nullptr) == nullptr);
  CHECK(err() == "TypeError: slice expected at least 1 argument, got 0");
  ORef four = steal(tuple_pack({m1.get(), m1.get(), m1.get(), m1.get()}));
  CHECK(slice_type.tp_new(&slice_type, four.get(), nullptr) == nullptr);
  CHECK(err() == "TypeError: slice expected at most 3 arguments, got 4");
  ORef one = steal(tuple_pack({m1.get()}));
  ORef only_stop = steal(slice_type.tp_new(&slice_type, one.get(), nullptr));
  CHECK(repr(only_stop.get()) == "slice(None, -1, None)");
}

TEST_CASE("range basics", "[range]") {
  init();
  ORef r10 = make_range({I(10).get()});
  CHECK(repr(r10.get()) == "range(0, 10)");
  ORef r = R(0, 10, 2);
  CHECK(repr(r.get()) == "range(0, 10, 2)");
  CHECK(range_type.tp_as_sequence->sq_length(R(0, 10, 3).get()) == 4);
  CHECK(range_type.tp_as_sequence->sq_length(R(10, 0, -3).get()) == 4);
  CHECK(range_type.tp_as_sequence->sq_length(make_range({I(-5).get()}).get()) == 0);
  ORef huge = make_range({big("9223372036854775808").get()});
  CHECK(range_type.tp_as_sequence->sq_length(huge.get()) == -1);
  CHECK(err() == "OverflowError: Python int too large to convert to C ssize_t");
  ORef wide = make_range({big("-1267650600228229401496703205376").get(), bound(kBig).get()});
  CHECK(range_type.tp_as_sequence->sq_length(wide.get()) == -1);
  CHECK(err() == "OverflowError: Python int too large to convert to C ssize_t");
  CHECK(range_type.tp_as_number->nb_bool(huge.get()) == 1);
  CHECK(range_type.tp_as_number->nb_bool(make_range({I(0).get()}).get()) == 0);

  // items
  ORef m1 = I(-1), two = I(2);
  ORef last = steal(range_type.tp_as_mapping->mp_subscript(R(0, 20, 3).get(), m1.get()));
  CHECK(i64(last.get()) == 18);
  ORef third = steal(range_type.tp_as_mapping->mp_subscript(R(10, -10, -3).get(), two.get()));
  CHECK(i64(third.get()) == 4);
  ORef bigr = make_range({big("1180591620717411303424").get(), big("2361183241434822606848").get(), I(3).get()});
  ORef fifth = steal(range_type.tp_as_sequence->sq_item(bigr.get(), 5));
  CHECK(repr(fifth.get()) == "1180591620717411303439");
  ORef r5 = make_range({I(5).get()});
  ORef m6 = I(-6);
  CHECK(range_type.tp_as_mapping->mp_subscript(r5.get(), m6.get()) == nullptr);
  CHECK(err() == "IndexError: range object index out of range");
  ORef huge_idx = bound(kBig);
  CHECK(range_type.tp_as_mapping->mp_subscript(r5.get(), huge_idx.get()) == nullptr);
  CHECK(err() == "IndexError: range object index out of range");
  ORef s = steal(str_from_utf8("a"));
  CHECK(range_type.tp_as_mapping->mp_subscript(r5.get(), s.get()) == nullptr);
  CHECK(err() == "TypeError: range indices must be integers or slices, not str");

  // contains / index / count
  ORef r20 = R(0, 20, 3);
  ORef eighteen = I(18), nine = I(9), ten = I(10), twenty = I(20);
  ORef idx = steal(meth(r20.get(), "index", {eighteen.get()}));
  CHECK(i64(idx.get()) == 6);
  ORef m8 = I(-8);
  idx = steal(meth(R(10, -10, -3).get(), "index", {m8.get()}));
  CHECK(i64(idx.get()) == 6);
  ORef cnt = steal(meth(r20.get(), "count", {nine.get()}));
  CHECK(i64(cnt.get()) == 1);
  cnt = steal(meth(r20.get(), "count", {ten.get()}));
  CHECK(i64(cnt.get()) == 0);
  CHECK(range_type.tp_as_sequence->sq_contains(r20.get(), nine.get()) == 1);
  CHECK(range_type.tp_as_sequence->sq_contains(r20.get(), ten.get()) == 0);
  CHECK(range_type.tp_as_sequence->sq_contains(r20.get(), true_()) == 0);
  CHECK(range_type.tp_as_sequence->sq_contains(r20.get(), false_()) == 1);
  ORef sparse = make_range({I(3).get(), big("1237940039285380274899124224").get(), big("1099511627776").get()});
  ORef member = big("1208925819614629174706179");  // 2**80 + 3
  CHECK(range_type.tp_as_sequence->sq_contains(sparse.get(), member.get()) == 1);
  idx = steal(meth(sparse.get(), "index", {member.get()}));
  CHECK(repr(idx.get()) == "1099511627776");
  CHECK(meth(r20.get(), "index", {twenty.get()}) == nullptr);
  CHECK(err() == "ValueError: 20 is not in range");
  CHECK(meth(r20.get(), "index", {s.get()}) == nullptr);
  CHECK(err() == "ValueError: sequence.index(x): x not in sequence");

  // equality and hashing
  auto eq = [](Object* a, Object* b) {
    ORef x = steal(range_type.tp_richcompare(a, b, Py_EQ));
    REQUIRE(x);
    return x.get() == true_();
  };
  CHECK(eq(make_range({I(-5).get()}).get(), make_range({I(0).get()}).get()));
  CHECK(eq(R(1, 2, 5).get(), R(1, 2, 7).get()));
  CHECK(eq(R(0, 3, 1).get(), make_range({I(3).get()}).get()));
  CHECK(eq(R(0, 4, 2).get(), R(0, 3, 2).get()));
  CHECK(!eq(R(0, 4, 2).get(), R(0, 4, 1).get()));
  ORef lt = steal(range_type.tp_richcompare(r5.get(), r5.get(), Py_LT));
  CHECK(lt.get() == not_implemented());
  CHECK(object_hash(make_range({I(3).get()}).get()) == -8338477496398685190);
  CHECK(object_hash(R(1, 2, 1).get()) == -1269592299258668772);
  CHECK(object_hash(R(0, 10, 2).get()) == -6143170332311272345);
  CHECK(object_hash(R(-5, 100, 7).get()) == -397221424791621835);
  CHECK(object_hash(R(5, 5, 1).get()) == object_hash(make_range({I(0).get()}).get()));
  ORef bigrepr = make_range({I(-3).get(), big("36893488147419103232").get(), I(7).get()});
  CHECK(repr(bigrepr.get()) == "range(-3, 36893488147419103232, 7)");
  ORef red = steal(meth(R(1, 9, 2).get(), "__reduce__"));
  CHECK(repr(red.get()) == "(<class 'range'>, (1, 9, 2))");
}

TEST_CASE("range constructor errors", "[range]") {
  init();
  ORef empty = steal(tuple_new(0));
  CHECK(range_type.tp_new(&range_type, empty.get(), nullptr) == nullptr);
  CHECK(err() == "TypeError: range expected at least 1 argument, got 0");
  ORef one = I(1), zero = I(0);
  ORef four = steal(tuple_pack({one.get(), one.get(), one.get(), one.get()}));
  CHECK(range_type.tp_new(&range_type, four.get(), nullptr) == nullptr);
  CHECK(err() == "TypeError: range expected at most 3 arguments, got 4");
  ORef z = steal(tuple_pack({one.get(), one.get(), zero.get()}));
  CHECK(range_type.tp_new(&range_type, z.get(), nullptr) == nullptr);
  CHECK(err() == "ValueError: range() arg 3 must not be zero");
  ORef f = steal(str_from_utf8("x"));
  ORef fs = steal(tuple_pack({f.get()}));
  CHECK(range_type.tp_new(&range_type, fs.get(), nullptr) == nullptr);
  CHECK(err() == "TypeError: 'str' object cannot be interpreted as an integer");
  CHECK(range_new(0, 1, 0) == nullptr);
  CHECK(err() == "ValueError: range() arg 3 must not be zero");
}

TEST_CASE("range iteration and reversal", "[range]") {
  init();
  auto iter_of = [](Object* r) { return steal(range_type.tp_iter(r)); };
  auto rev_of = [](Object* r) { return steal(meth(r, "__reversed__")); };
  using V = std::vector<std::string>;
  ORef r = R(0, 10, 3);
  CHECK(drain(iter_of(r.get()).get()) == V{"0", "3", "6", "9"});
  CHECK(drain(rev_of(r.get()).get()) == V{"9", "6", "3", "0"});
  CHECK(drain(rev_of(R(10, -10, -7).get()).get()) == V{"-4", "3", "10"});
  ORef top = make_range({big("9223372036854775805").get(), big("9223372036854775808").get()});
  ORef it = iter_of(top.get());
  CHECK(type_of(it.get()) == &longrange_iterator_type);
  CHECK(drain(it.get()) == V{"9223372036854775805", "9223372036854775806", "9223372036854775807"});
  ORef rit = rev_of(top.get());
  CHECK(drain(rit.get()) == V{"9223372036854775807", "9223372036854775806", "9223372036854775805"});
  ORef bottom = make_range({big("-9223372036854775808").get(), big("-9223372036854775802").get(), I(2).get()});
  ORef bit = iter_of(bottom.get());
  CHECK(type_of(bit.get()) == &range_iterator_type);
  ORef brev = rev_of(bottom.get());
  CHECK(type_of(brev.get()) == &longrange_iterator_type);
  CHECK(drain(brev.get()) == V{"-9223372036854775804", "-9223372036854775806", "-9223372036854775808"});
  ORef near_max = make_range({big("9223372036854775807").get()});
  CHECK(type_of(iter_of(near_max.get()).get()) == &range_iterator_type);
  CHECK(type_of(rev_of(near_max.get()).get()) == &range_iterator_type);
  ORef fast = iter_of(R(0, 10, 1).get());
  ORef first = steal(range_iterator_type.tp_iternext(fast.get()));
  ORef hint = steal(meth(fast.get(), "__length_hint__"));
  CHECK(i64(hint.get()) == 9);
  ORef l = steal(list_new(0));
  REQUIRE(list_extend(l.get(), fast.get()) == 0);
  CHECK(repr(l.get()) == "[1, 2, 3, 4, 5, 6, 7, 8, 9]");
}
