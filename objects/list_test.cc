// Tests for list: slicing (get/set/delete) against CPython 3.13, methods, sort stability and CPython's exact
// merge order, growth policy, error messages, and concurrent appends. Expected values come from CPython 3.13.
#include "objects/list.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "objects/abstract.h"
#include "objects/descr.h"
#include "objects/errors.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/range.h"
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

ORef bound(int64_t v) {
  if (v == kNone) return borrow(none());
  if (v == kBig || v == kNegBig) {
    const char* s = v == kBig ? "1267650600228229401496703205376" : "-1267650600228229401496703205376";
    return steal(int_from_string(s, ssize(std::strlen(s)), 10));
  }
  return I(v);
}

ORef slice(int64_t a, int64_t b, int64_t c) {
  ORef x = bound(a), y = bound(b), z = bound(c);
  return steal(slice_new(x.get(), y.get(), z.get()));
}

// Built like CPython compiles a list display: BUILD_LIST 0, then LIST_EXTEND with a tuple constant.
ORef make_list(const std::vector<int64_t>& vals) {
  ORef t = steal(tuple_new(ssize(vals.size())));
  for (size_t i = 0; i < vals.size(); i++) tuple_set(t.get(), ssize(i), int_from_i64(vals[i]));
  ORef l = steal(list_new(0));
  REQUIRE(list_extend(l.get(), t.get()) == 0);
  return l;
}

ORef range_list(int64_t n) {
  std::vector<int64_t> v;
  for (int64_t i = 0; i < n; i++) v.push_back(i);
  return make_list(v);
}

std::vector<int64_t> ints(Object* seq) {
  std::vector<int64_t> out;
  Object** items = type_check(seq, &tuple_type) ? tuple_items(seq) : list_items(seq);
  for (ssize i = 0; i < var_size(seq); i++) {
    int overflow = 0;
    out.push_back(int_as_i64(items[i], &overflow));
  }
  return out;
}

// "TypeName: message" of the pending exception (cleared), or "<no error>".
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

// Calls a method from the type's own method table, bypassing attribute lookup.
Object* meth(Object* self, const char* name, std::vector<Object*> args = {}, Object* kwnames = nullptr) {
  for (PyMethodDef* m = type_of(self)->tp_methods; m && m->ml_name; ++m) {
    if (std::strcmp(m->ml_name, name) != 0) continue;
    if (m->ml_flags & METH_NOARGS) return m->ml_meth(self, nullptr);
    if (m->ml_flags & METH_O) return m->ml_meth(self, args.at(0));
    ssize nkw = kwnames ? tuple_size(kwnames) : 0;
    auto f = reinterpret_cast<PyCFunctionFastWithKeywords>(reinterpret_cast<void*>(m->ml_meth));
    return f(self, args.data(), ssize(args.size()) - nkw, kwnames);
  }
  FAIL("no method " << name);
  return nullptr;
}

Object* subscript(Object* o, Object* key) { return type_of(o)->tp_as_mapping->mp_subscript(o, key); }
int ass_subscript(Object* o, Object* key, Object* v) { return type_of(o)->tp_as_mapping->mp_ass_subscript(o, key, v); }

struct GetCase {
  int64_t start, stop, step;
  std::vector<int64_t> expect;
};
struct SetCase {
  int64_t start, stop, step, n;
  std::vector<int64_t> expect;
};

// list(range(10))[start:stop:step], from CPython 3.13.
const GetCase kGetCases[] = {
    {kNone, kNone, kNone, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {kNone, kNone, 2, {0, 2, 4, 6, 8}},
    {kNone, kNone, 3, {0, 3, 6, 9}},
    {kNone, kNone, -1, {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}},
    {kNone, kNone, -2, {9, 7, 5, 3, 1}},
    {kNone, kNone, 11, {0}},
    {kNone, kNone, -11, {9}},
    {kNone, kNegBig, kNone, {}},
    {kNone, kNegBig, 2, {}},
    {kNone, kNegBig, 3, {}},
    {kNone, kNegBig, -1, {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}},
    {kNone, kNegBig, -2, {9, 7, 5, 3, 1}},
    {kNone, kNegBig, 11, {}},
    {kNone, kNegBig, -11, {9}},
    {kNone, -12, kNone, {}},
    {kNone, -12, 2, {}},
    {kNone, -12, 3, {}},
    {kNone, -12, -1, {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}},
    {kNone, -12, -2, {9, 7, 5, 3, 1}},
    {kNone, -12, 11, {}},
    {kNone, -12, -11, {9}},
    {kNone, -3, kNone, {0, 1, 2, 3, 4, 5, 6}},
    {kNone, -3, 2, {0, 2, 4, 6}},
    {kNone, -3, 3, {0, 3, 6}},
    {kNone, -3, -1, {9, 8}},
    {kNone, -3, -2, {9}},
    {kNone, -3, 11, {0}},
    {kNone, -3, -11, {9}},
    {kNone, 0, kNone, {}},
    {kNone, 0, 2, {}},
    {kNone, 0, 3, {}},
    {kNone, 0, -1, {9, 8, 7, 6, 5, 4, 3, 2, 1}},
    {kNone, 0, -2, {9, 7, 5, 3, 1}},
    {kNone, 0, 11, {}},
    {kNone, 0, -11, {9}},
    {kNone, 5, kNone, {0, 1, 2, 3, 4}},
    {kNone, 5, 2, {0, 2, 4}},
    {kNone, 5, 3, {0, 3}},
    {kNone, 5, -1, {9, 8, 7, 6}},
    {kNone, 5, -2, {9, 7}},
    {kNone, 5, 11, {0}},
    {kNone, 5, -11, {9}},
    {kNone, 12, kNone, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {kNone, 12, 2, {0, 2, 4, 6, 8}},
    {kNone, 12, 3, {0, 3, 6, 9}},
    {kNone, 12, -1, {}},
    {kNone, 12, -2, {}},
    {kNone, 12, 11, {0}},
    {kNone, 12, -11, {}},
    {kNone, kBig, kNone, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {kNone, kBig, 2, {0, 2, 4, 6, 8}},
    {kNone, kBig, 3, {0, 3, 6, 9}},
    {kNone, kBig, -1, {}},
    {kNone, kBig, -2, {}},
    {kNone, kBig, 11, {0}},
    {kNone, kBig, -11, {}},
    {kNegBig, kNone, kNone, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {kNegBig, kNone, 2, {0, 2, 4, 6, 8}},
    {kNegBig, kNone, 3, {0, 3, 6, 9}},
    {kNegBig, kNone, -1, {}},
    {kNegBig, kNone, -2, {}},
    {kNegBig, kNone, 11, {0}},
    {kNegBig, kNone, -11, {}},
    {kNegBig, kNegBig, kNone, {}},
    {kNegBig, kNegBig, 2, {}},
    {kNegBig, kNegBig, 3, {}},
    {kNegBig, kNegBig, -1, {}},
    {kNegBig, kNegBig, -2, {}},
    {kNegBig, kNegBig, 11, {}},
    {kNegBig, kNegBig, -11, {}},
    {kNegBig, -12, kNone, {}},
    {kNegBig, -12, 2, {}},
    {kNegBig, -12, 3, {}},
    {kNegBig, -12, -1, {}},
    {kNegBig, -12, -2, {}},
    {kNegBig, -12, 11, {}},
    {kNegBig, -12, -11, {}},
    {kNegBig, -3, kNone, {0, 1, 2, 3, 4, 5, 6}},
    {kNegBig, -3, 2, {0, 2, 4, 6}},
    {kNegBig, -3, 3, {0, 3, 6}},
    {kNegBig, -3, -1, {}},
    {kNegBig, -3, -2, {}},
    {kNegBig, -3, 11, {0}},
    {kNegBig, -3, -11, {}},
    {kNegBig, 0, kNone, {}},
    {kNegBig, 0, 2, {}},
    {kNegBig, 0, 3, {}},
    {kNegBig, 0, -1, {}},
    {kNegBig, 0, -2, {}},
    {kNegBig, 0, 11, {}},
    {kNegBig, 0, -11, {}},
    {kNegBig, 5, kNone, {0, 1, 2, 3, 4}},
    {kNegBig, 5, 2, {0, 2, 4}},
    {kNegBig, 5, 3, {0, 3}},
    {kNegBig, 5, -1, {}},
    {kNegBig, 5, -2, {}},
    {kNegBig, 5, 11, {0}},
    {kNegBig, 5, -11, {}},
    {kNegBig, 12, kNone, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {kNegBig, 12, 2, {0, 2, 4, 6, 8}},
    {kNegBig, 12, 3, {0, 3, 6, 9}},
    {kNegBig, 12, -1, {}},
    {kNegBig, 12, -2, {}},
    {kNegBig, 12, 11, {0}},
    {kNegBig, 12, -11, {}},
    {kNegBig, kBig, kNone, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {kNegBig, kBig, 2, {0, 2, 4, 6, 8}},
    {kNegBig, kBig, 3, {0, 3, 6, 9}},
    {kNegBig, kBig, -1, {}},
    {kNegBig, kBig, -2, {}},
    {kNegBig, kBig, 11, {0}},
    {kNegBig, kBig, -11, {}},
    {-12, kNone, kNone, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {-12, kNone, 2, {0, 2, 4, 6, 8}},
    {-12, kNone, 3, {0, 3, 6, 9}},
    {-12, kNone, -1, {}},
    {-12, kNone, -2, {}},
    {-12, kNone, 11, {0}},
    {-12, kNone, -11, {}},
    {-12, kNegBig, kNone, {}},
    {-12, kNegBig, 2, {}},
    {-12, kNegBig, 3, {}},
    {-12, kNegBig, -1, {}},
    {-12, kNegBig, -2, {}},
    {-12, kNegBig, 11, {}},
    {-12, kNegBig, -11, {}},
    {-12, -12, kNone, {}},
    {-12, -12, 2, {}},
    {-12, -12, 3, {}},
    {-12, -12, -1, {}},
    {-12, -12, -2, {}},
    {-12, -12, 11, {}},
    {-12, -12, -11, {}},
    {-12, -3, kNone, {0, 1, 2, 3, 4, 5, 6}},
    {-12, -3, 2, {0, 2, 4, 6}},
    {-12, -3, 3, {0, 3, 6}},
    {-12, -3, -1, {}},
    {-12, -3, -2, {}},
    {-12, -3, 11, {0}},
    {-12, -3, -11, {}},
    {-12, 0, kNone, {}},
    {-12, 0, 2, {}},
    {-12, 0, 3, {}},
    {-12, 0, -1, {}},
    {-12, 0, -2, {}},
    {-12, 0, 11, {}},
    {-12, 0, -11, {}},
    {-12, 5, kNone, {0, 1, 2, 3, 4}},
    {-12, 5, 2, {0, 2, 4}},
    {-12, 5, 3, {0, 3}},
    {-12, 5, -1, {}},
    {-12, 5, -2, {}},
    {-12, 5, 11, {0}},
    {-12, 5, -11, {}},
    {-12, 12, kNone, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {-12, 12, 2, {0, 2, 4, 6, 8}},
    {-12, 12, 3, {0, 3, 6, 9}},
    {-12, 12, -1, {}},
    {-12, 12, -2, {}},
    {-12, 12, 11, {0}},
    {-12, 12, -11, {}},
    {-12, kBig, kNone, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {-12, kBig, 2, {0, 2, 4, 6, 8}},
    {-12, kBig, 3, {0, 3, 6, 9}},
    {-12, kBig, -1, {}},
    {-12, kBig, -2, {}},
    {-12, kBig, 11, {0}},
    {-12, kBig, -11, {}},
    {-3, kNone, kNone, {7, 8, 9}},
    {-3, kNone, 2, {7, 9}},
    {-3, kNone, 3, {7}},
    {-3, kNone, -1, {7, 6, 5, 4, 3, 2, 1, 0}},
    {-3, kNone, -2, {7, 5, 3, 1}},
    {-3, kNone, 11, {7}},
    {-3, kNone, -11, {7}},
    {-3, kNegBig, kNone, {}},
    {-3, kNegBig, 2, {}},
    {-3, kNegBig, 3, {}},
    {-3, kNegBig, -1, {7, 6, 5, 4, 3, 2, 1, 0}},
    {-3, kNegBig, -2, {7, 5, 3, 1}},
    {-3, kNegBig, 11, {}},
    {-3, kNegBig, -11, {7}},
    {-3, -12, kNone, {}},
    {-3, -12, 2, {}},
    {-3, -12, 3, {}},
    {-3, -12, -1, {7, 6, 5, 4, 3, 2, 1, 0}},
    {-3, -12, -2, {7, 5, 3, 1}},
    {-3, -12, 11, {}},
    {-3, -12, -11, {7}},
    {-3, -3, kNone, {}},
    {-3, -3, 2, {}},
    {-3, -3, 3, {}},
    {-3, -3, -1, {}},
    {-3, -3, -2, {}},
    {-3, -3, 11, {}},
    {-3, -3, -11, {}},
    {-3, 0, kNone, {}},
    {-3, 0, 2, {}},
    {-3, 0, 3, {}},
    {-3, 0, -1, {7, 6, 5, 4, 3, 2, 1}},
    {-3, 0, -2, {7, 5, 3, 1}},
    {-3, 0, 11, {}},
    {-3, 0, -11, {7}},
    {-3, 5, kNone, {}},
    {-3, 5, 2, {}},
    {-3, 5, 3, {}},
    {-3, 5, -1, {7, 6}},
    {-3, 5, -2, {7}},
    {-3, 5, 11, {}},
    {-3, 5, -11, {7}},
    {-3, 12, kNone, {7, 8, 9}},
    {-3, 12, 2, {7, 9}},
    {-3, 12, 3, {7}},
    {-3, 12, -1, {}},
    {-3, 12, -2, {}},
    {-3, 12, 11, {7}},
    {-3, 12, -11, {}},
    {-3, kBig, kNone, {7, 8, 9}},
    {-3, kBig, 2, {7, 9}},
    {-3, kBig, 3, {7}},
    {-3, kBig, -1, {}},
    {-3, kBig, -2, {}},
    {-3, kBig, 11, {7}},
    {-3, kBig, -11, {}},
    {0, kNone, kNone, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {0, kNone, 2, {0, 2, 4, 6, 8}},
    {0, kNone, 3, {0, 3, 6, 9}},
    {0, kNone, -1, {0}},
    {0, kNone, -2, {0}},
    {0, kNone, 11, {0}},
    {0, kNone, -11, {0}},
    {0, kNegBig, kNone, {}},
    {0, kNegBig, 2, {}},
    {0, kNegBig, 3, {}},
    {0, kNegBig, -1, {0}},
    {0, kNegBig, -2, {0}},
    {0, kNegBig, 11, {}},
    {0, kNegBig, -11, {0}},
    {0, -12, kNone, {}},
    {0, -12, 2, {}},
    {0, -12, 3, {}},
    {0, -12, -1, {0}},
    {0, -12, -2, {0}},
    {0, -12, 11, {}},
    {0, -12, -11, {0}},
    {0, -3, kNone, {0, 1, 2, 3, 4, 5, 6}},
    {0, -3, 2, {0, 2, 4, 6}},
    {0, -3, 3, {0, 3, 6}},
    {0, -3, -1, {}},
    {0, -3, -2, {}},
    {0, -3, 11, {0}},
    {0, -3, -11, {}},
    {0, 0, kNone, {}},
    {0, 0, 2, {}},
    {0, 0, 3, {}},
    {0, 0, -1, {}},
    {0, 0, -2, {}},
    {0, 0, 11, {}},
    {0, 0, -11, {}},
    {0, 5, kNone, {0, 1, 2, 3, 4}},
    {0, 5, 2, {0, 2, 4}},
    {0, 5, 3, {0, 3}},
    {0, 5, -1, {}},
    {0, 5, -2, {}},
    {0, 5, 11, {0}},
    {0, 5, -11, {}},
    {0, 12, kNone, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {0, 12, 2, {0, 2, 4, 6, 8}},
    {0, 12, 3, {0, 3, 6, 9}},
    {0, 12, -1, {}},
    {0, 12, -2, {}},
    {0, 12, 11, {0}},
    {0, 12, -11, {}},
    {0, kBig, kNone, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {0, kBig, 2, {0, 2, 4, 6, 8}},
    {0, kBig, 3, {0, 3, 6, 9}},
    {0, kBig, -1, {}},
    {0, kBig, -2, {}},
    {0, kBig, 11, {0}},
    {0, kBig, -11, {}},
    {5, kNone, kNone, {5, 6, 7, 8, 9}},
    {5, kNone, 2, {5, 7, 9}},
    {5, kNone, 3, {5, 8}},
    {5, kNone, -1, {5, 4, 3, 2, 1, 0}},
    {5, kNone, -2, {5, 3, 1}},
    {5, kNone, 11, {5}},
    {5, kNone, -11, {5}},
    {5, kNegBig, kNone, {}},
    {5, kNegBig, 2, {}},
    {5, kNegBig, 3, {}},
    {5, kNegBig, -1, {5, 4, 3, 2, 1, 0}},
    {5, kNegBig, -2, {5, 3, 1}},
    {5, kNegBig, 11, {}},
    {5, kNegBig, -11, {5}},
    {5, -12, kNone, {}},
    {5, -12, 2, {}},
    {5, -12, 3, {}},
    {5, -12, -1, {5, 4, 3, 2, 1, 0}},
    {5, -12, -2, {5, 3, 1}},
    {5, -12, 11, {}},
    {5, -12, -11, {5}},
    {5, -3, kNone, {5, 6}},
    {5, -3, 2, {5}},
    {5, -3, 3, {5}},
    {5, -3, -1, {}},
    {5, -3, -2, {}},
    {5, -3, 11, {5}},
    {5, -3, -11, {}},
    {5, 0, kNone, {}},
    {5, 0, 2, {}},
    {5, 0, 3, {}},
    {5, 0, -1, {5, 4, 3, 2, 1}},
    {5, 0, -2, {5, 3, 1}},
    {5, 0, 11, {}},
    {5, 0, -11, {5}},
    {5, 5, kNone, {}},
    {5, 5, 2, {}},
    {5, 5, 3, {}},
    {5, 5, -1, {}},
    {5, 5, -2, {}},
    {5, 5, 11, {}},
    {5, 5, -11, {}},
    {5, 12, kNone, {5, 6, 7, 8, 9}},
    {5, 12, 2, {5, 7, 9}},
    {5, 12, 3, {5, 8}},
    {5, 12, -1, {}},
    {5, 12, -2, {}},
    {5, 12, 11, {5}},
    {5, 12, -11, {}},
    {5, kBig, kNone, {5, 6, 7, 8, 9}},
    {5, kBig, 2, {5, 7, 9}},
    {5, kBig, 3, {5, 8}},
    {5, kBig, -1, {}},
    {5, kBig, -2, {}},
    {5, kBig, 11, {5}},
    {5, kBig, -11, {}},
    {12, kNone, kNone, {}},
    {12, kNone, 2, {}},
    {12, kNone, 3, {}},
    {12, kNone, -1, {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}},
    {12, kNone, -2, {9, 7, 5, 3, 1}},
    {12, kNone, 11, {}},
    {12, kNone, -11, {9}},
    {12, kNegBig, kNone, {}},
    {12, kNegBig, 2, {}},
    {12, kNegBig, 3, {}},
    {12, kNegBig, -1, {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}},
    {12, kNegBig, -2, {9, 7, 5, 3, 1}},
    {12, kNegBig, 11, {}},
    {12, kNegBig, -11, {9}},
    {12, -12, kNone, {}},
    {12, -12, 2, {}},
    {12, -12, 3, {}},
    {12, -12, -1, {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}},
    {12, -12, -2, {9, 7, 5, 3, 1}},
    {12, -12, 11, {}},
    {12, -12, -11, {9}},
    {12, -3, kNone, {}},
    {12, -3, 2, {}},
    {12, -3, 3, {}},
    {12, -3, -1, {9, 8}},
    {12, -3, -2, {9}},
    {12, -3, 11, {}},
    {12, -3, -11, {9}},
    {12, 0, kNone, {}},
    {12, 0, 2, {}},
    {12, 0, 3, {}},
    {12, 0, -1, {9, 8, 7, 6, 5, 4, 3, 2, 1}},
    {12, 0, -2, {9, 7, 5, 3, 1}},
    {12, 0, 11, {}},
    {12, 0, -11, {9}},
    {12, 5, kNone, {}},
    {12, 5, 2, {}},
    {12, 5, 3, {}},
    {12, 5, -1, {9, 8, 7, 6}},
    {12, 5, -2, {9, 7}},
    {12, 5, 11, {}},
    {12, 5, -11, {9}},
    {12, 12, kNone, {}},
    {12, 12, 2, {}},
    {12, 12, 3, {}},
    {12, 12, -1, {}},
    {12, 12, -2, {}},
    {12, 12, 11, {}},
    {12, 12, -11, {}},
    {12, kBig, kNone, {}},
    {12, kBig, 2, {}},
    {12, kBig, 3, {}},
    {12, kBig, -1, {}},
    {12, kBig, -2, {}},
    {12, kBig, 11, {}},
    {12, kBig, -11, {}},
    {kBig, kNone, kNone, {}},
    {kBig, kNone, 2, {}},
    {kBig, kNone, 3, {}},
    {kBig, kNone, -1, {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}},
    {kBig, kNone, -2, {9, 7, 5, 3, 1}},
    {kBig, kNone, 11, {}},
    {kBig, kNone, -11, {9}},
    {kBig, kNegBig, kNone, {}},
    {kBig, kNegBig, 2, {}},
    {kBig, kNegBig, 3, {}},
    {kBig, kNegBig, -1, {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}},
    {kBig, kNegBig, -2, {9, 7, 5, 3, 1}},
    {kBig, kNegBig, 11, {}},
    {kBig, kNegBig, -11, {9}},
    {kBig, -12, kNone, {}},
    {kBig, -12, 2, {}},
    {kBig, -12, 3, {}},
    {kBig, -12, -1, {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}},
    {kBig, -12, -2, {9, 7, 5, 3, 1}},
    {kBig, -12, 11, {}},
    {kBig, -12, -11, {9}},
    {kBig, -3, kNone, {}},
    {kBig, -3, 2, {}},
    {kBig, -3, 3, {}},
    {kBig, -3, -1, {9, 8}},
    {kBig, -3, -2, {9}},
    {kBig, -3, 11, {}},
    {kBig, -3, -11, {9}},
    {kBig, 0, kNone, {}},
    {kBig, 0, 2, {}},
    {kBig, 0, 3, {}},
    {kBig, 0, -1, {9, 8, 7, 6, 5, 4, 3, 2, 1}},
    {kBig, 0, -2, {9, 7, 5, 3, 1}},
    {kBig, 0, 11, {}},
    {kBig, 0, -11, {9}},
    {kBig, 5, kNone, {}},
    {kBig, 5, 2, {}},
    {kBig, 5, 3, {}},
    {kBig, 5, -1, {9, 8, 7, 6}},
    {kBig, 5, -2, {9, 7}},
    {kBig, 5, 11, {}},
    {kBig, 5, -11, {9}},
    {kBig, 12, kNone, {}},
    {kBig, 12, 2, {}},
    {kBig, 12, 3, {}},
    {kBig, 12, -1, {}},
    {kBig, 12, -2, {}},
    {kBig, 12, 11, {}},
    {kBig, 12, -11, {}},
    {kBig, kBig, kNone, {}},
    {kBig, kBig, 2, {}},
    {kBig, kBig, 3, {}},
    {kBig, kBig, -1, {}},
    {kBig, kBig, -2, {}},
    {kBig, kBig, 11, {}},
    {kBig, kBig, -11, {}},
};

// l = list(range(10)); del l[start:stop:step]
const GetCase kDelCases[] = {
    {kNone, kNone, kNone, {}},
    {kNone, kNone, 2, {1, 3, 5, 7, 9}},
    {kNone, kNone, -1, {}},
    {kNone, kNone, -3, {1, 2, 4, 5, 7, 8}},
    {kNone, -12, kNone, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {kNone, -12, 2, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {kNone, -12, -1, {}},
    {kNone, -12, -3, {1, 2, 4, 5, 7, 8}},
    {kNone, 2, kNone, {2, 3, 4, 5, 6, 7, 8, 9}},
    {kNone, 2, 2, {1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {kNone, 2, -1, {0, 1, 2}},
    {kNone, 2, -3, {0, 1, 2, 4, 5, 7, 8}},
    {kNone, 9, kNone, {9}},
    {kNone, 9, 2, {1, 3, 5, 7, 9}},
    {kNone, 9, -1, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {kNone, 9, -3, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {-3, kNone, kNone, {0, 1, 2, 3, 4, 5, 6}},
    {-3, kNone, 2, {0, 1, 2, 3, 4, 5, 6, 8}},
    {-3, kNone, -1, {8, 9}},
    {-3, kNone, -3, {0, 2, 3, 5, 6, 8, 9}},
    {-3, -12, kNone, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {-3, -12, 2, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {-3, -12, -1, {8, 9}},
    {-3, -12, -3, {0, 2, 3, 5, 6, 8, 9}},
    {-3, 2, kNone, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {-3, 2, 2, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {-3, 2, -1, {0, 1, 2, 8, 9}},
    {-3, 2, -3, {0, 1, 2, 3, 5, 6, 8, 9}},
    {-3, 9, kNone, {0, 1, 2, 3, 4, 5, 6, 9}},
    {-3, 9, 2, {0, 1, 2, 3, 4, 5, 6, 8, 9}},
    {-3, 9, -1, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {-3, 9, -3, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {1, kNone, kNone, {0}},
    {1, kNone, 2, {0, 2, 4, 6, 8}},
    {1, kNone, -1, {2, 3, 4, 5, 6, 7, 8, 9}},
    {1, kNone, -3, {0, 2, 3, 4, 5, 6, 7, 8, 9}},
    {1, -12, kNone, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {1, -12, 2, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {1, -12, -1, {2, 3, 4, 5, 6, 7, 8, 9}},
    {1, -12, -3, {0, 2, 3, 4, 5, 6, 7, 8, 9}},
    {1, 2, kNone, {0, 2, 3, 4, 5, 6, 7, 8, 9}},
    {1, 2, 2, {0, 2, 3, 4, 5, 6, 7, 8, 9}},
    {1, 2, -1, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {1, 2, -3, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {1, 9, kNone, {0, 9}},
    {1, 9, 2, {0, 2, 4, 6, 8, 9}},
    {1, 9, -1, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {1, 9, -3, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {8, kNone, kNone, {0, 1, 2, 3, 4, 5, 6, 7}},
    {8, kNone, 2, {0, 1, 2, 3, 4, 5, 6, 7, 9}},
    {8, kNone, -1, {9}},
    {8, kNone, -3, {0, 1, 3, 4, 6, 7, 9}},
    {8, -12, kNone, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {8, -12, 2, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {8, -12, -1, {9}},
    {8, -12, -3, {0, 1, 3, 4, 6, 7, 9}},
    {8, 2, kNone, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {8, 2, 2, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {8, 2, -1, {0, 1, 2, 9}},
    {8, 2, -3, {0, 1, 2, 3, 4, 6, 7, 9}},
    {8, 9, kNone, {0, 1, 2, 3, 4, 5, 6, 7, 9}},
    {8, 9, 2, {0, 1, 2, 3, 4, 5, 6, 7, 9}},
    {8, 9, -1, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {8, 9, -3, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
};

// l = list(range(10)); l[start:stop:step] = list(range(100, 100 + n))
const SetCase kSetCases[] = {
    {kNone, kNone, kNone, 3, {100, 101, 102}},
    {kNone, kNone, 2, 5, {100, 1, 101, 3, 102, 5, 103, 7, 104, 9}},
    {kNone, kNone, -1, 10, {109, 108, 107, 106, 105, 104, 103, 102, 101, 100}},
    {kNone, kNone, -3, 4, {103, 1, 2, 102, 4, 5, 101, 7, 8, 100}},
    {kNone, -12, kNone, 3, {100, 101, 102, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {kNone, -12, 2, 0, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {kNone, -12, -1, 10, {109, 108, 107, 106, 105, 104, 103, 102, 101, 100}},
    {kNone, -12, -3, 4, {103, 1, 2, 102, 4, 5, 101, 7, 8, 100}},
    {kNone, 2, kNone, 3, {100, 101, 102, 2, 3, 4, 5, 6, 7, 8, 9}},
    {kNone, 2, 2, 1, {100, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {kNone, 2, -1, 7, {0, 1, 2, 106, 105, 104, 103, 102, 101, 100}},
    {kNone, 2, -3, 3, {0, 1, 2, 102, 4, 5, 101, 7, 8, 100}},
    {kNone, 9, kNone, 3, {100, 101, 102, 9}},
    {kNone, 9, 2, 5, {100, 1, 101, 3, 102, 5, 103, 7, 104, 9}},
    {kNone, 9, -1, 0, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {kNone, 9, -3, 0, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {-3, kNone, kNone, 3, {0, 1, 2, 3, 4, 5, 6, 100, 101, 102}},
    {-3, kNone, 2, 2, {0, 1, 2, 3, 4, 5, 6, 100, 8, 101}},
    {-3, kNone, -1, 8, {107, 106, 105, 104, 103, 102, 101, 100, 8, 9}},
    {-3, kNone, -3, 3, {0, 102, 2, 3, 101, 5, 6, 100, 8, 9}},
    {-3, -12, kNone, 3, {0, 1, 2, 3, 4, 5, 6, 100, 101, 102, 7, 8, 9}},
    {-3, -12, 2, 0, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {-3, -12, -1, 8, {107, 106, 105, 104, 103, 102, 101, 100, 8, 9}},
    {-3, -12, -3, 3, {0, 102, 2, 3, 101, 5, 6, 100, 8, 9}},
    {-3, 2, kNone, 3, {0, 1, 2, 3, 4, 5, 6, 100, 101, 102, 7, 8, 9}},
    {-3, 2, 2, 0, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {-3, 2, -1, 5, {0, 1, 2, 104, 103, 102, 101, 100, 8, 9}},
    {-3, 2, -3, 2, {0, 1, 2, 3, 101, 5, 6, 100, 8, 9}},
    {-3, 9, kNone, 3, {0, 1, 2, 3, 4, 5, 6, 100, 101, 102, 9}},
    {-3, 9, 2, 1, {0, 1, 2, 3, 4, 5, 6, 100, 8, 9}},
    {-3, 9, -1, 0, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {-3, 9, -3, 0, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {1, kNone, kNone, 3, {0, 100, 101, 102}},
    {1, kNone, 2, 5, {0, 100, 2, 101, 4, 102, 6, 103, 8, 104}},
    {1, kNone, -1, 2, {101, 100, 2, 3, 4, 5, 6, 7, 8, 9}},
    {1, kNone, -3, 1, {0, 100, 2, 3, 4, 5, 6, 7, 8, 9}},
    {1, -12, kNone, 3, {0, 100, 101, 102, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {1, -12, 2, 0, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {1, -12, -1, 2, {101, 100, 2, 3, 4, 5, 6, 7, 8, 9}},
    {1, -12, -3, 1, {0, 100, 2, 3, 4, 5, 6, 7, 8, 9}},
    {1, 2, kNone, 3, {0, 100, 101, 102, 2, 3, 4, 5, 6, 7, 8, 9}},
    {1, 2, 2, 1, {0, 100, 2, 3, 4, 5, 6, 7, 8, 9}},
    {1, 2, -1, 0, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {1, 2, -3, 0, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {1, 9, kNone, 3, {0, 100, 101, 102, 9}},
    {1, 9, 2, 4, {0, 100, 2, 101, 4, 102, 6, 103, 8, 9}},
    {1, 9, -1, 0, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {1, 9, -3, 0, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {8, kNone, kNone, 3, {0, 1, 2, 3, 4, 5, 6, 7, 100, 101, 102}},
    {8, kNone, 2, 1, {0, 1, 2, 3, 4, 5, 6, 7, 100, 9}},
    {8, kNone, -1, 9, {108, 107, 106, 105, 104, 103, 102, 101, 100, 9}},
    {8, kNone, -3, 3, {0, 1, 102, 3, 4, 101, 6, 7, 100, 9}},
    {8, -12, kNone, 3, {0, 1, 2, 3, 4, 5, 6, 7, 100, 101, 102, 8, 9}},
    {8, -12, 2, 0, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {8, -12, -1, 9, {108, 107, 106, 105, 104, 103, 102, 101, 100, 9}},
    {8, -12, -3, 3, {0, 1, 102, 3, 4, 101, 6, 7, 100, 9}},
    {8, 2, kNone, 3, {0, 1, 2, 3, 4, 5, 6, 7, 100, 101, 102, 8, 9}},
    {8, 2, 2, 0, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {8, 2, -1, 6, {0, 1, 2, 105, 104, 103, 102, 101, 100, 9}},
    {8, 2, -3, 2, {0, 1, 2, 3, 4, 101, 6, 7, 100, 9}},
    {8, 9, kNone, 3, {0, 1, 2, 3, 4, 5, 6, 7, 100, 101, 102, 9}},
    {8, 9, 2, 1, {0, 1, 2, 3, 4, 5, 6, 7, 100, 9}},
    {8, 9, -1, 0, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
    {8, 9, -3, 0, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
};

// Allocated slots (as (__sizeof__() - 40) // 8 in CPython) after each of 60 appends to [], then after each of
// 60 pops from list(range(60)).
const std::vector<int64_t> kGrowAppend = {4,  4,  4,  4,  8,  8,  8,  8,  16, 16, 16, 16, 16, 16, 16,
                                          16, 24, 24, 24, 24, 24, 24, 24, 24, 32, 32, 32, 32, 32, 32,
                                          32, 32, 40, 40, 40, 40, 40, 40, 40, 40, 52, 52, 52, 52, 52,
                                          52, 52, 52, 52, 52, 52, 52, 64, 64, 64, 64, 64, 64, 64, 64};
const std::vector<int64_t> kShrinkPop = {60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60,
                                         60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 36, 36, 36, 36, 36, 36, 36, 36, 36, 36,
                                         36, 36, 24, 24, 24, 24, 24, 24, 16, 16, 16, 16, 12, 12, 8,  8,  8,  8,  4,  0};

Object* first_item(Object*, Object* arg) { return newref(tuple_get(arg, 0)); }
Object* mod_100(Object*, Object* arg) {
  int overflow = 0;
  return int_from_i64(int_as_i64(arg, &overflow) % 100);
}
Object* append_zero(Object* self, Object* arg) {
  ORef z = I(0);
  if (list_append(self, z.get()) < 0) return nullptr;
  return newref(arg);
}
PyMethodDef first_item_def = {"first_item", first_item, METH_O, nullptr};
PyMethodDef mod_100_def = {"mod_100", mod_100, METH_O, nullptr};
PyMethodDef append_zero_def = {"append_zero", append_zero, METH_O, nullptr};

ORef sort_kw(bool reverse) {
  if (reverse) return steal(tuple_pack({str_interned("key"), str_interned("reverse")}));
  return steal(tuple_pack({str_interned("key")}));
}

// sum((i+1)*v for i, v in enumerate(l)) mod 2**64
uint64_t checksum(Object* l) {
  uint64_t s = 0;
  std::vector<int64_t> v = ints(l);
  for (size_t i = 0; i < v.size(); i++) s += uint64_t(i + 1) * uint64_t(v[i]);
  return s;
}

ORef lcg_values() {
  std::vector<int64_t> vals;
  uint64_t x = 12345;
  for (int i = 0; i < 2000; i++) {
    x = (x * 1103515245 + 12345) % (uint64_t(1) << 31);
    vals.push_back(int64_t(x % 1000));
  }
  return make_list(vals);
}

}  // namespace

TEST_CASE("list slicing matches CPython", "[list]") {
  init();
  for (const GetCase& c : kGetCases) {
    ORef l = range_list(10);
    ORef s = slice(c.start, c.stop, c.step);
    ORef r = steal(subscript(l.get(), s.get()));
    INFO("slice " << repr(s.get()));
    REQUIRE(r);
    CHECK(type_of(r.get()) == &list_type);
    CHECK(ints(r.get()) == c.expect);
  }
}

TEST_CASE("list slice deletion matches CPython", "[list]") {
  init();
  for (const GetCase& c : kDelCases) {
    ORef l = range_list(10);
    ORef s = slice(c.start, c.stop, c.step);
    INFO("del l[" << repr(s.get()) << "]");
    REQUIRE(ass_subscript(l.get(), s.get(), nullptr) == 0);
    CHECK(ints(l.get()) == c.expect);
  }
}

TEST_CASE("list slice assignment matches CPython", "[list]") {
  init();
  for (const SetCase& c : kSetCases) {
    ORef l = range_list(10);
    ORef s = slice(c.start, c.stop, c.step);
    std::vector<int64_t> vals;
    for (int64_t i = 0; i < c.n; i++) vals.push_back(100 + i);
    ORef v = make_list(vals);
    INFO("l[" << repr(s.get()) << "] = " << c.n << " items");
    REQUIRE(ass_subscript(l.get(), s.get(), v.get()) == 0);
    CHECK(ints(l.get()) == c.expect);
  }
  // Assigning a list to a slice of itself copies it first.
  ORef l = range_list(5);
  ORef rev = slice(kNone, kNone, -1);
  REQUIRE(ass_subscript(l.get(), rev.get(), l.get()) == 0);
  CHECK(ints(l.get()) == std::vector<int64_t>{4, 3, 2, 1, 0});
  ORef all = slice(1, 3, kNone);
  REQUIRE(ass_subscript(l.get(), all.get(), l.get()) == 0);
  CHECK(ints(l.get()) == std::vector<int64_t>{4, 4, 3, 2, 1, 0, 1, 0});
}

TEST_CASE("list index and slice errors use CPython's messages", "[list]") {
  init();
  ORef l = range_list(10);
  ORef s = slice(kNone, kNone, 2);
  ORef one = make_list({1});
  CHECK(ass_subscript(l.get(), s.get(), one.get()) == -1);
  CHECK(err() == "ValueError: attempt to assign sequence of size 1 to extended slice of size 5");
  ORef five = I(5);
  CHECK(ass_subscript(l.get(), s.get(), five.get()) == -1);
  CHECK(err() == "TypeError: must assign iterable to extended slice");
  ORef s1 = slice(1, 2, kNone);
  CHECK(ass_subscript(l.get(), s1.get(), five.get()) == -1);
  CHECK(err() == "TypeError: must assign iterable to extended slice");
  ORef zero_step = slice(kNone, kNone, 0);
  CHECK(subscript(l.get(), zero_step.get()) == nullptr);
  CHECK(err() == "ValueError: slice step cannot be zero");
  ORef key = steal(str_from_utf8("a"));
  CHECK(subscript(l.get(), key.get()) == nullptr);
  CHECK(err() == "TypeError: list indices must be integers or slices, not str");
  ORef bad_slice = steal(slice_new(nullptr, key.get(), nullptr));
  CHECK(subscript(l.get(), bad_slice.get()) == nullptr);
  CHECK(err() == "TypeError: slice indices must be integers or None or have an __index__ method");
  ORef ten = I(10), neg = I(-11);
  CHECK(subscript(l.get(), ten.get()) == nullptr);
  CHECK(err() == "IndexError: list index out of range");
  CHECK(subscript(l.get(), neg.get()) == nullptr);
  CHECK(err() == "IndexError: list index out of range");
  CHECK(ass_subscript(l.get(), ten.get(), five.get()) == -1);
  CHECK(err() == "IndexError: list assignment index out of range");
  ORef empty = make_list({});
  CHECK(ass_subscript(empty.get(), ten.get(), nullptr) == -1);
  CHECK(err() == "IndexError: list assignment index out of range");
  CHECK(list_type.tp_as_sequence->sq_concat(l.get(), five.get()) == nullptr);
  CHECK(err() == "TypeError: can only concatenate list (not \"int\") to list");
  ORef t = steal(tuple_pack({five.get()}));
  CHECK(list_type.tp_as_sequence->sq_concat(l.get(), t.get()) == nullptr);
  CHECK(err() == "TypeError: can only concatenate list (not \"tuple\") to list");
  ORef neg_idx = I(-1);
  ORef last = steal(subscript(l.get(), neg_idx.get()));
  REQUIRE(last);
  CHECK(int_compact_value(last.get()) == 9);
}

TEST_CASE("list methods", "[list]") {
  init();
  ORef l = make_list({1, 2, 3});
  ORef v = I(4);
  ORef r = steal(meth(l.get(), "append", {v.get()}));
  REQUIRE(r.get() == none());
  ORef zero = I(0), minus = I(-100), big = I(100), seven = I(7);
  r = steal(meth(l.get(), "insert", {zero.get(), seven.get()}));
  r = steal(meth(l.get(), "insert", {minus.get(), zero.get()}));
  r = steal(meth(l.get(), "insert", {big.get(), big.get()}));
  CHECK(ints(l.get()) == std::vector<int64_t>{0, 7, 1, 2, 3, 4, 100});
  r = steal(meth(l.get(), "pop"));
  CHECK(int_compact_value(r.get()) == 100);
  r = steal(meth(l.get(), "pop", {zero.get()}));
  CHECK(int_compact_value(r.get()) == 0);
  ORef neg2 = I(-2);
  r = steal(meth(l.get(), "pop", {neg2.get()}));
  CHECK(int_compact_value(r.get()) == 3);
  CHECK(ints(l.get()) == std::vector<int64_t>{7, 1, 2, 4});
  r = steal(meth(l.get(), "pop", {big.get()}));
  CHECK(!r);
  CHECK(err() == "IndexError: pop index out of range");
  ORef two = I(2);
  r = steal(meth(l.get(), "remove", {two.get()}));
  CHECK(ints(l.get()) == std::vector<int64_t>{7, 1, 4});
  r = steal(meth(l.get(), "remove", {two.get()}));
  CHECK(!r);
  CHECK(err() == "ValueError: list.remove(x): x not in list");
  ORef four = I(4), one = I(1);
  r = steal(meth(l.get(), "index", {four.get()}));
  CHECK(int_compact_value(r.get()) == 2);
  r = steal(meth(l.get(), "index", {seven.get(), one.get()}));
  CHECK(!r);
  CHECK(err() == "ValueError: 7 is not in list");
  ORef m2 = I(-2);
  r = steal(meth(l.get(), "index", {four.get(), m2.get()}));
  CHECK(int_compact_value(r.get()) == 2);
  ORef s = steal(str_from_utf8("a"));
  r = steal(meth(l.get(), "index", {four.get(), s.get()}));
  CHECK(!r);
  CHECK(err() == "TypeError: slice indices must be integers or have an __index__ method");
  ORef dup = make_list({1, 2, 1, 1, 3});
  r = steal(meth(dup.get(), "count", {one.get()}));
  CHECK(int_compact_value(r.get()) == 3);
  r = steal(meth(dup.get(), "reverse"));
  CHECK(ints(dup.get()) == std::vector<int64_t>{3, 1, 1, 2, 1});
  ORef cp = steal(meth(dup.get(), "copy"));
  CHECK(cp.get() != dup.get());
  CHECK(ints(cp.get()) == ints(dup.get()));
  r = steal(meth(dup.get(), "clear"));
  CHECK(list_size(dup.get()) == 0);
  CHECK(list_size(cp.get()) == 5);
  r = steal(meth(dup.get(), "pop"));
  CHECK(!r);
  CHECK(err() == "IndexError: pop from empty list");
  r = steal(meth(cp.get(), "extend", {cp.get()}));
  CHECK(ints(cp.get()) == std::vector<int64_t>{3, 1, 1, 2, 1, 3, 1, 1, 2, 1});
  ORef rng = steal(range_new(0, 3, 1));
  r = steal(meth(cp.get(), "extend", {rng.get()}));
  CHECK(list_size(cp.get()) == 13);
  r = steal(meth(cp.get(), "extend", {seven.get()}));
  CHECK(!r);
  CHECK(err() == "TypeError: 'int' object is not iterable");
}

TEST_CASE("list growth follows CPython's over-allocation", "[list]") {
  init();
  ORef l = make_list({});
  for (int64_t i = 0; i < 60; i++) {
    ORef v = I(i);
    REQUIRE(list_append(l.get(), v.get()) == 0);
    INFO("after append " << i);
    CHECK(list_allocated(l.get()) == kGrowAppend[size_t(i)]);
  }
  ORef p = range_list(60);
  ORef rng = steal(range_new(0, 60, 1));
  ORef from_range = steal(list_new(0));
  REQUIRE(list_extend(from_range.get(), rng.get()) == 0);
  for (int64_t i = 0; i < 60; i++) {
    ORef r = steal(meth(from_range.get(), "pop"));
    INFO("after pop " << i);
    CHECK(list_allocated(from_range.get()) == kShrinkPop[size_t(i)]);
  }
  // list(x) for various x: list(range(10)) -> 10, list((1,2,3,4,5)) -> 6, list([1,2,3]) -> 4, list(range(0)) -> 0.
  auto list_of = [](Object* it) {
    ORef args = steal(tuple_pack({it}));
    ORef l = steal(list_type.tp_new(&list_type, args.get(), nullptr));
    REQUIRE(list_type.tp_init(l.get(), args.get(), nullptr) == 0);
    return l;
  };
  ORef r10 = steal(range_new(0, 10, 1));
  CHECK(list_allocated(list_of(r10.get()).get()) == 10);
  ORef t5 = steal(tuple_new(5));
  for (ssize i = 0; i < 5; i++) tuple_set(t5.get(), i, int_from_i64(i));
  CHECK(list_allocated(list_of(t5.get()).get()) == 6);
  ORef l3 = make_list({1, 2, 3});
  CHECK(list_allocated(l3.get()) == 4);
  CHECK(list_allocated(list_of(l3.get()).get()) == 4);
  ORef r0 = steal(range_new(0, 0, 1));
  CHECK(list_allocated(list_of(r0.get()).get()) == 0);
  // l *= 5 -> 16; l.extend(range(20)) -> 24; l.extend(<no length hint>) -> 28; [1,2,3]+[4] -> 4;
  // del l[2:18] on list(range(20)) -> 8; list(range(10)).insert(0, 5) -> 16.
  ORef a = make_list({1, 2, 3});
  ORef a2 = steal(list_type.tp_as_sequence->sq_inplace_repeat(a.get(), 5));
  CHECK(list_allocated(a.get()) == 16);
  ORef b = make_list({1, 2, 3});
  ORef r20 = steal(range_new(0, 20, 1));
  REQUIRE(list_extend(b.get(), r20.get()) == 0);
  CHECK(list_allocated(b.get()) == 24);
  ORef c = make_list({1, 2, 3});
  ORef r1 = steal(range_new(1, 21, 1));
  ORef fargs = steal(tuple_pack({none(), r1.get()}));
  ORef filt = steal(filter_type.tp_new(&filter_type, fargs.get(), nullptr));
  REQUIRE(filt);
  REQUIRE(list_extend(c.get(), filt.get()) == 0);
  CHECK(list_size(c.get()) == 23);
  CHECK(list_allocated(c.get()) == 28);
  ORef d = make_list({1, 2, 3});
  ORef d1 = make_list({4});
  ORef cat = steal(list_type.tp_as_sequence->sq_concat(d.get(), d1.get()));
  CHECK(list_allocated(cat.get()) == 4);
  ORef e = range_list(20);
  REQUIRE(list_set_slice(e.get(), 2, 18, nullptr) == 0);
  CHECK(ints(e.get()) == std::vector<int64_t>{0, 1, 18, 19});
  CHECK(list_allocated(e.get()) == 8);
  ORef f = steal(list_new(0));
  ORef r10b = steal(range_new(0, 10, 1));
  REQUIRE(list_extend(f.get(), r10b.get()) == 0);
  ORef five = I(5);
  REQUIRE(list_insert(f.get(), 0, five.get()) == 0);
  CHECK(list_allocated(f.get()) == 16);
  ORef sz = steal(meth(f.get(), "__sizeof__"));
  CHECK(int_compact_value(sz.get()) == 40 + 16 * 8);
}

TEST_CASE("list construction errors", "[list]") {
  init();
  ORef l = steal(list_new(0));
  ORef a = make_list({}), b = make_list({});
  ORef two = steal(tuple_pack({a.get(), b.get()}));
  CHECK(list_type.tp_init(l.get(), two.get(), nullptr) == -1);
  CHECK(err() == "TypeError: list expected at most 1 argument, got 2");
  ORef five = I(5);
  ORef one = steal(tuple_pack({five.get()}));
  CHECK(list_type.tp_init(l.get(), one.get(), nullptr) == -1);
  CHECK(err() == "TypeError: 'int' object is not iterable");
  // list.__init__ replaces the contents.
  ORef full = make_list({1, 2, 3});
  ORef src = steal(tuple_pack({a.get()}));
  REQUIRE(list_type.tp_init(full.get(), src.get(), nullptr) == 0);
  CHECK(list_size(full.get()) == 0);
}

TEST_CASE("list compare, contains, repeat, repr", "[list]") {
  init();
  auto cmp = [](Object* a, Object* b, int op) {
    ORef r = steal(list_type.tp_richcompare(a, b, op));
    REQUIRE(r);
    return r.get() == true_();
  };
  ORef a = make_list({1, 2, 3}), b = make_list({1, 2, 4}), c = make_list({1, 2}), d = make_list({1, 2, 3});
  CHECK(cmp(a.get(), b.get(), Py_LT));
  CHECK(cmp(a.get(), b.get(), Py_LE));
  CHECK(!cmp(a.get(), b.get(), Py_GT));
  CHECK(!cmp(a.get(), b.get(), Py_GE));
  CHECK(!cmp(a.get(), b.get(), Py_EQ));
  CHECK(cmp(a.get(), b.get(), Py_NE));
  CHECK(cmp(c.get(), a.get(), Py_LT));
  CHECK(cmp(a.get(), d.get(), Py_EQ));
  CHECK(cmp(a.get(), d.get(), Py_GE));
  CHECK(!cmp(a.get(), d.get(), Py_GT));
  ORef t = steal(tuple_pack({}));
  ORef ni = steal(list_type.tp_richcompare(a.get(), t.get(), Py_EQ));
  CHECK(ni.get() == not_implemented());
  ORef s = steal(str_from_utf8("a"));
  ORef e = make_list({1, 2});
  REQUIRE(list_append(e.get(), s.get()) == 0);
  ORef f = make_list({1, 2, 3});
  CHECK(list_type.tp_richcompare(f.get(), e.get(), Py_LT) == nullptr);
  CHECK(err() == "TypeError: '<' not supported between instances of 'int' and 'str'");

  ORef three = I(3), nine = I(9);
  CHECK(list_type.tp_as_sequence->sq_contains(a.get(), three.get()) == 1);
  CHECK(list_type.tp_as_sequence->sq_contains(a.get(), nine.get()) == 0);
  ORef rep = steal(list_type.tp_as_sequence->sq_repeat(c.get(), 3));
  CHECK(ints(rep.get()) == std::vector<int64_t>{1, 2, 1, 2, 1, 2});
  ORef rep0 = steal(list_type.tp_as_sequence->sq_repeat(c.get(), -1));
  CHECK(list_size(rep0.get()) == 0);

  CHECK(repr(a.get()) == "[1, 2, 3]");
  ORef empty = make_list({});
  CHECK(repr(empty.get()) == "[]");
  ORef self_ref = make_list({1});
  REQUIRE(list_append(self_ref.get(), self_ref.get()) == 0);
  CHECK(repr(self_ref.get()) == "[1, [...]]");
  REQUIRE(list_clear(self_ref.get()) == 0);  // break the cycle
  ORef tup = steal(list_as_tuple(a.get()));
  CHECK(repr(tup.get()) == "(1, 2, 3)");
  CHECK(object_hash(a.get()) == -1);
  CHECK(err() == "TypeError: unhashable type: 'list'");
}

TEST_CASE("list.sort is stable and matches CPython's merge order", "[list][sort]") {
  init();
  ORef first = steal(cfunction_new(&first_item_def, nullptr, nullptr));
  ORef mod = steal(cfunction_new(&mod_100_def, nullptr, nullptr));
  REQUIRE(first);
  // items = [((i*7)%5, i) for i in range(30)], sorted by t[0].
  ORef items = make_list({});
  for (int64_t i = 0; i < 30; i++) {
    ORef k = I((i * 7) % 5), v = I(i);
    ORef t = steal(tuple_pack({k.get(), v.get()}));
    REQUIRE(list_append(items.get(), t.get()) == 0);
  }
  auto second_of_each = [](Object* l) {
    std::vector<int64_t> out;
    for (ssize i = 0; i < list_size(l); i++) out.push_back(int_compact_value(tuple_get(list_items(l)[i], 1)));
    return out;
  };
  ORef a = steal(list_get_slice(items.get(), 0, 30));
  ORef kw = sort_kw(false);
  ORef r = steal(meth(a.get(), "sort", {first.get()}, kw.get()));
  REQUIRE(r);
  CHECK(second_of_each(a.get()) == std::vector<int64_t>{0,  5,  10, 15, 20, 25, 3,  8,  13, 18, 23, 28, 1,  6,  11,
                                                        16, 21, 26, 4,  9,  14, 19, 24, 29, 2,  7,  12, 17, 22, 27});
  ORef b = steal(list_get_slice(items.get(), 0, 30));
  ORef kwr = sort_kw(true);
  r = steal(meth(b.get(), "sort", {first.get(), true_()}, kwr.get()));
  REQUIRE(r);
  CHECK(second_of_each(b.get()) == std::vector<int64_t>{2,  7,  12, 17, 22, 27, 4,  9,  14, 19, 24, 29, 1,  6,  11,
                                                        16, 21, 26, 3,  8,  13, 18, 23, 28, 0,  5,  10, 15, 20, 25});

  // 2000 LCG values; checksums of the sorted orders computed by CPython.
  ORef vals = lcg_values();
  ORef plain = steal(list_get_slice(vals.get(), 0, 2000));
  REQUIRE(list_sort(plain.get(), nullptr, false) == 0);
  CHECK(checksum(plain.get()) == 1338910215u);
  ORef rev = steal(list_get_slice(vals.get(), 0, 2000));
  REQUIRE(list_sort(rev.get(), nullptr, true) == 0);
  CHECK(checksum(rev.get()) == 666475977u);
  ORef keyed = steal(list_get_slice(vals.get(), 0, 2000));
  REQUIRE(list_sort(keyed.get(), mod.get(), false) == 0);
  CHECK(checksum(keyed.get()) == 1031387853u);
  ORef keyrev = steal(list_get_slice(vals.get(), 0, 2000));
  REQUIRE(list_sort(keyrev.get(), mod.get(), true) == 0);
  CHECK(checksum(keyrev.get()) == 974104139u);

  // Interleaved runs exercise merging and galloping.
  std::vector<int64_t> runs;
  for (int64_t i = 0; i < 1000; i += 2) runs.push_back(i);
  for (int64_t i = 1; i < 1000; i += 2) runs.push_back(i);
  for (int64_t i = 999; i >= 0; i -= 3) runs.push_back(i);
  ORef g = make_list(runs);
  REQUIRE(list_sort(g.get(), nullptr, false) == 0);
  std::vector<int64_t> want = runs;
  std::stable_sort(want.begin(), want.end());
  CHECK(ints(g.get()) == want);
}

TEST_CASE("list.sort with NaN follows CPython's exact algorithm", "[list][sort]") {
  init();
  const double nan = std::nan("");
  // sorted([3.0, nan, 1.0, 2.0, nan, 0.5, -1.0, nan, 7.0, 4.0, 2.5, nan, -3.0]) in CPython 3.13:
  // [2.5, nan, -3.0, 4.0, -1.0, nan, 7.0, 3.0, nan, 1.0, 2.0, nan, 0.5]
  std::vector<double> in = {3.0, nan, 1.0, 2.0, nan, 0.5, -1.0, nan, 7.0, 4.0, 2.5, nan, -3.0};
  std::vector<double> want = {2.5, nan, -3.0, 4.0, -1.0, nan, 7.0, 3.0, nan, 1.0, 2.0, nan, 0.5};
  ORef l = make_list({});
  for (double d : in) {
    ORef f = steal(float_from_double(d));
    REQUIRE(list_append(l.get(), f.get()) == 0);
  }
  REQUIRE(list_sort(l.get(), nullptr, false) == 0);
  for (size_t i = 0; i < want.size(); i++) {
    double got = float_value(list_items(l.get())[i]);
    INFO("index " << i);
    if (std::isnan(want[i]))
      CHECK(std::isnan(got));
    else
      CHECK(got == want[i]);
  }
}

TEST_CASE("list.sort errors", "[list][sort]") {
  init();
  ORef s = steal(str_from_utf8("a"));
  ORef l = make_list({1});
  REQUIRE(list_append(l.get(), s.get()) == 0);
  CHECK(list_sort(l.get(), nullptr, false) == -1);
  CHECK(err() == "TypeError: '<' not supported between instances of 'str' and 'int'");
  CHECK(list_size(l.get()) == 2);  // still a permutation of the input

  // A key function that mutates the list: CPython restores the sorted items and raises.
  ORef m = make_list({3, 1, 2});
  ORef appender = steal(cfunction_new(&append_zero_def, m.get(), nullptr));
  CHECK(list_sort(m.get(), appender.get(), false) == -1);
  CHECK(err() == "ValueError: list modified during sort");
  CHECK(ints(m.get()) == std::vector<int64_t>{1, 2, 3});

  ORef p = make_list({2, 1});
  ORef kw = sort_kw(false);
  ORef one = I(1);
  CHECK(meth(p.get(), "sort", {one.get()}, kw.get()) == nullptr);
  CHECK(err() == "TypeError: 'int' object is not callable");
  CHECK(meth(p.get(), "sort", {one.get()}) == nullptr);
  CHECK(err() == "TypeError: sort() takes no positional arguments");

  ORef strs = make_list({});
  for (const char* c : {"b", "a", "c", "ab"}) {
    ORef x = steal(str_from_utf8(c));
    REQUIRE(list_append(strs.get(), x.get()) == 0);
  }
  REQUIRE(list_sort(strs.get(), nullptr, false) == 0);
  CHECK(repr(strs.get()) == "['a', 'ab', 'b', 'c']");
}

TEST_CASE("four threads appending to one list", "[list][threads]") {
  init();
  ORef l = steal(list_new(0));
  constexpr int kThreads = 4;
  constexpr int64_t kPerThread = 100000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; t++) {
    threads.emplace_back([&l, t] {
      for (int64_t i = 0; i < kPerThread; i++) {
        Object* v = int_from_i64(t * kPerThread + i);
        if (list_append(l.get(), v) < 0) std::abort();
        decref(v);
      }
    });
  }
  for (auto& th : threads) th.join();
  REQUIRE(list_size(l.get()) == kThreads * kPerThread);
  std::vector<int64_t> seen = ints(l.get());
  std::sort(seen.begin(), seen.end());
  for (int64_t i = 0; i < kThreads * kPerThread; i++) REQUIRE(seen[size_t(i)] == i);
  // Each thread's items keep their relative order.
  std::vector<int64_t> last(kThreads, -1);
  for (int64_t v : ints(l.get())) {
    int t = int(v / kPerThread);
    CHECK(v > last[size_t(t)]);
    last[size_t(t)] = v;
  }
}

TEST_CASE("iterating a list while another thread appends", "[list][threads]") {
  init();
  ORef l = range_list(1000);
  std::thread writer([&l] {
    for (int64_t i = 0; i < 20000; i++) {
      Object* v = int_from_i64(i);
      if (list_append(l.get(), v) < 0) std::abort();
      decref(v);
    }
  });
  int64_t count = 0;
  for (int round = 0; round < 20; round++) {
    ORef it = steal(list_iter_new(l.get()));
    while (Object* x = list_iterator_type.tp_iternext(it.get())) {
      decref(x);
      count++;
    }
  }
  writer.join();
  CHECK(count >= 20 * 1000);
  CHECK(list_size(l.get()) == 21000);
}
