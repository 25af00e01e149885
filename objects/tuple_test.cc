// Tests for tuple: CPython 3.13's hash values, slicing, methods, construction and errors.
#include "objects/tuple.h"

#include <catch2/catch.hpp>
#include <cstring>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/errors.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/list.h"
#include "objects/range.h"
#include "objects/str.h"
#include "objects/types.h"
#include "vm/runtime.h"

using namespace pyvm;

namespace {

constexpr int64_t kNone = INT64_MIN;

void init() { REQUIRE(runtime_init() == 0); }

ORef I(int64_t v) { return steal(int_from_i64(v)); }
ORef big(const char* digits) { return steal(int_from_string(digits, ssize(std::strlen(digits)), 10)); }
ORef T(std::vector<Object*> items) { return steal(tuple_from_array(items.data(), ssize(items.size()))); }
ORef ints_tuple(std::vector<int64_t> v) {
  ORef t = steal(tuple_new(ssize(v.size())));
  for (size_t i = 0; i < v.size(); i++) tuple_set(t.get(), ssize(i), int_from_i64(v[i]));
  return t;
}
ORef bound(int64_t v) { return v == kNone ? borrow(none()) : I(v); }

std::vector<int64_t> ints(Object* t) {
  std::vector<int64_t> out;
  for (ssize i = 0; i < var_size(t); i++) {
    int overflow = 0;
    out.push_back(int_as_i64(tuple_get(t, i), &overflow));
  }
  return out;
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

Object* meth(Object* self, const char* name, std::vector<Object*> args = {}) {
  for (PyMethodDef* m = type_of(self)->tp_methods; m && m->ml_name; ++m) {
    if (std::strcmp(m->ml_name, name) != 0) continue;
    if (m->ml_flags & METH_NOARGS) return m->ml_meth(self, nullptr);
    if (m->ml_flags & METH_O) return m->ml_meth(self, args.at(0));
    auto f = reinterpret_cast<PyCFunctionFastWithKeywords>(reinterpret_cast<void*>(m->ml_meth));
    return f(self, args.data(), ssize(args.size()), nullptr);
  }
  FAIL("no method " << name);
  return nullptr;
}

struct SliceCase {
  int64_t start, stop, step;
  std::vector<int64_t> expect;
};
// tuple(range(7))[start:stop:step], from CPython 3.13.
const SliceCase kSlices[] = {
    {kNone, kNone, kNone, {0, 1, 2, 3, 4, 5, 6}},
    {kNone, kNone, 2, {0, 2, 4, 6}},
    {kNone, kNone, -1, {6, 5, 4, 3, 2, 1, 0}},
    {kNone, kNone, -3, {6, 3, 0}},
    {kNone, -9, kNone, {}},
    {kNone, -9, 2, {}},
    {kNone, -9, -1, {6, 5, 4, 3, 2, 1, 0}},
    {kNone, -9, -3, {6, 3, 0}},
    {kNone, -2, kNone, {0, 1, 2, 3, 4}},
    {kNone, -2, 2, {0, 2, 4}},
    {kNone, -2, -1, {6}},
    {kNone, -2, -3, {6}},
    {kNone, 0, kNone, {}},
    {kNone, 0, 2, {}},
    {kNone, 0, -1, {6, 5, 4, 3, 2, 1}},
    {kNone, 0, -3, {6, 3}},
    {kNone, 3, kNone, {0, 1, 2}},
    {kNone, 3, 2, {0, 2}},
    {kNone, 3, -1, {6, 5, 4}},
    {kNone, 3, -3, {6}},
    {kNone, 7, kNone, {0, 1, 2, 3, 4, 5, 6}},
    {kNone, 7, 2, {0, 2, 4, 6}},
    {kNone, 7, -1, {}},
    {kNone, 7, -3, {}},
    {-9, kNone, kNone, {0, 1, 2, 3, 4, 5, 6}},
    {-9, kNone, 2, {0, 2, 4, 6}},
    {-9, kNone, -1, {}},
    {-9, kNone, -3, {}},
    {-9, -9, kNone, {}},
    {-9, -9, 2, {}},
    {-9, -9, -1, {}},
    {-9, -9, -3, {}},
    {-9, -2, kNone, {0, 1, 2, 3, 4}},
    {-9, -2, 2, {0, 2, 4}},
    {-9, -2, -1, {}},
    {-9, -2, -3, {}},
    {-9, 0, kNone, {}},
    {-9, 0, 2, {}},
    {-9, 0, -1, {}},
    {-9, 0, -3, {}},
    {-9, 3, kNone, {0, 1, 2}},
    {-9, 3, 2, {0, 2}},
    {-9, 3, -1, {}},
    {-9, 3, -3, {}},
    {-9, 7, kNone, {0, 1, 2, 3, 4, 5, 6}},
    {-9, 7, 2, {0, 2, 4, 6}},
    {-9, 7, -1, {}},
    {-9, 7, -3, {}},
    {-2, kNone, kNone, {5, 6}},
    {-2, kNone, 2, {5}},
    {-2, kNone, -1, {5, 4, 3, 2, 1, 0}},
    {-2, kNone, -3, {5, 2}},
    {-2, -9, kNone, {}},
    {-2, -9, 2, {}},
    {-2, -9, -1, {5, 4, 3, 2, 1, 0}},
    {-2, -9, -3, {5, 2}},
    {-2, -2, kNone, {}},
    {-2, -2, 2, {}},
    {-2, -2, -1, {}},
    {-2, -2, -3, {}},
    {-2, 0, kNone, {}},
    {-2, 0, 2, {}},
    {-2, 0, -1, {5, 4, 3, 2, 1}},
    {-2, 0, -3, {5, 2}},
    {-2, 3, kNone, {}},
    {-2, 3, 2, {}},
    {-2, 3, -1, {5, 4}},
    {-2, 3, -3, {5}},
    {-2, 7, kNone, {5, 6}},
    {-2, 7, 2, {5}},
    {-2, 7, -1, {}},
    {-2, 7, -3, {}},
    {0, kNone, kNone, {0, 1, 2, 3, 4, 5, 6}},
    {0, kNone, 2, {0, 2, 4, 6}},
    {0, kNone, -1, {0}},
    {0, kNone, -3, {0}},
    {0, -9, kNone, {}},
    {0, -9, 2, {}},
    {0, -9, -1, {0}},
    {0, -9, -3, {0}},
    {0, -2, kNone, {0, 1, 2, 3, 4}},
    {0, -2, 2, {0, 2, 4}},
    {0, -2, -1, {}},
    {0, -2, -3, {}},
    {0, 0, kNone, {}},
    {0, 0, 2, {}},
    {0, 0, -1, {}},
    {0, 0, -3, {}},
    {0, 3, kNone, {0, 1, 2}},
    {0, 3, 2, {0, 2}},
    {0, 3, -1, {}},
    {0, 3, -3, {}},
    {0, 7, kNone, {0, 1, 2, 3, 4, 5, 6}},
    {0, 7, 2, {0, 2, 4, 6}},
    {0, 7, -1, {}},
    {0, 7, -3, {}},
    {3, kNone, kNone, {3, 4, 5, 6}},
    {3, kNone, 2, {3, 5}},
    {3, kNone, -1, {3, 2, 1, 0}},
    {3, kNone, -3, {3, 0}},
    {3, -9, kNone, {}},
    {3, -9, 2, {}},
    {3, -9, -1, {3, 2, 1, 0}},
    {3, -9, -3, {3, 0}},
    {3, -2, kNone, {3, 4}},
    {3, -2, 2, {3}},
    {3, -2, -1, {}},
    {3, -2, -3, {}},
    {3, 0, kNone, {}},
    {3, 0, 2, {}},
    {3, 0, -1, {3, 2, 1}},
    {3, 0, -3, {3}},
    {3, 3, kNone, {}},
    {3, 3, 2, {}},
    {3, 3, -1, {}},
    {3, 3, -3, {}},
    {3, 7, kNone, {3, 4, 5, 6}},
    {3, 7, 2, {3, 5}},
    {3, 7, -1, {}},
    {3, 7, -3, {}},
    {7, kNone, kNone, {}},
    {7, kNone, 2, {}},
    {7, kNone, -1, {6, 5, 4, 3, 2, 1, 0}},
    {7, kNone, -3, {6, 3, 0}},
    {7, -9, kNone, {}},
    {7, -9, 2, {}},
    {7, -9, -1, {6, 5, 4, 3, 2, 1, 0}},
    {7, -9, -3, {6, 3, 0}},
    {7, -2, kNone, {}},
    {7, -2, 2, {}},
    {7, -2, -1, {6}},
    {7, -2, -3, {6}},
    {7, 0, kNone, {}},
    {7, 0, 2, {}},
    {7, 0, -1, {6, 5, 4, 3, 2, 1}},
    {7, 0, -3, {6, 3}},
    {7, 3, kNone, {}},
    {7, 3, 2, {}},
    {7, 3, -1, {6, 5, 4}},
    {7, 3, -3, {6}},
    {7, 7, kNone, {}},
    {7, 7, 2, {}},
    {7, 7, -1, {}},
    {7, 7, -3, {}},
};

}  // namespace

TEST_CASE("tuple hashes equal CPython's", "[tuple]") {
  init();
  CHECK(tuple_hash(tuple_empty()) == 5740354900026072187);
  CHECK(object_hash(ints_tuple({1}).get()) == -6644214454873602895);
  CHECK(object_hash(ints_tuple({1, 2}).get()) == -3550055125485641917);
  CHECK(object_hash(ints_tuple({1, 2, 3}).get()) == 529344067295497451);
  CHECK(object_hash(ints_tuple({-1}).get()) == 8078679518589016365);
  CHECK(object_hash(ints_tuple({-2}).get()) == 8078679518589016365);  // hash(-1) == hash(-2) == -2
  CHECK(object_hash(ints_tuple({0}).get()) == -8753497827991233192);
  ORef inner = ints_tuple({1, 2});
  ORef three = I(3);
  CHECK(object_hash(T({inner.get(), three.get()}).get()) == -333907151259015829);
  ORef p62 = big("4611686018427387904");
  CHECK(object_hash(T({p62.get()}).get()) == 6909455589863252355);
  CHECK(object_hash(T({tuple_empty()}).get()) == -5486347211504344842);
  ORef t3 = ints_tuple({3});
  ORef two = I(2), one = I(1);
  ORef t23 = T({two.get(), t3.get()});
  CHECK(object_hash(T({one.get(), t23.get()}).get()) == -2939794377302041199);
  ORef f1 = steal(float_from_double(1.5)), f2 = steal(float_from_double(-0.0));
  CHECK(object_hash(T({f1.get(), f2.get()}).get()) == 6660161741276059634);
  std::vector<int64_t> hundred;
  for (int64_t i = 0; i < 100; i++) hundred.push_back(i);
  CHECK(object_hash(ints_tuple(hundred).get()) == 4479737025582696436);
  ORef b1 = big("1267650600228229401496703205376"), b2 = big("-1267650600228229401496703205376");
  CHECK(object_hash(T({b1.get(), b2.get()}).get()) == 5400166889049773696);
  ORef l = steal(list_new(0));
  CHECK(object_hash(T({l.get()}).get()) == -1);
  CHECK(err() == "TypeError: unhashable type: 'list'");
}

TEST_CASE("tuple slicing matches CPython", "[tuple]") {
  init();
  ORef t = ints_tuple({0, 1, 2, 3, 4, 5, 6});
  for (const SliceCase& c : kSlices) {
    ORef a = bound(c.start), b = bound(c.stop), st = bound(c.step);
    ORef s = steal(slice_new(a.get(), b.get(), st.get()));
    INFO(repr(s.get()));
    ORef r = steal(tuple_type.tp_as_mapping->mp_subscript(t.get(), s.get()));
    REQUIRE(r);
    CHECK(type_of(r.get()) == &tuple_type);
    CHECK(ints(r.get()) == c.expect);
  }
  ORef full = steal(slice_new(nullptr, nullptr, nullptr));
  ORef same = steal(tuple_type.tp_as_mapping->mp_subscript(t.get(), full.get()));
  CHECK(same.get() == t.get());
  ORef none_slice = steal(slice_new(I(3).get(), I(3).get(), nullptr));
  ORef empty = steal(tuple_type.tp_as_mapping->mp_subscript(t.get(), none_slice.get()));
  CHECK(empty.get() == tuple_empty());
}

TEST_CASE("tuple items, methods and errors", "[tuple]") {
  init();
  ORef t = ints_tuple({1, 2, 3, 2});
  ORef m1 = I(-1), nine = I(9);
  ORef last = steal(tuple_type.tp_as_mapping->mp_subscript(t.get(), m1.get()));
  CHECK(int_compact_value(last.get()) == 2);
  CHECK(tuple_type.tp_as_mapping->mp_subscript(t.get(), nine.get()) == nullptr);
  CHECK(err() == "IndexError: tuple index out of range");
  ORef huge = big("1267650600228229401496703205376");
  CHECK(tuple_type.tp_as_mapping->mp_subscript(t.get(), huge.get()) == nullptr);
  CHECK(err() == "IndexError: cannot fit 'int' into an index-sized integer");
  ORef s = steal(str_from_utf8("a"));
  CHECK(tuple_type.tp_as_mapping->mp_subscript(t.get(), s.get()) == nullptr);
  CHECK(err() == "TypeError: tuple indices must be integers or slices, not str");
  ORef zero_step = steal(slice_new(nullptr, nullptr, I(0).get()));
  CHECK(tuple_type.tp_as_mapping->mp_subscript(t.get(), zero_step.get()) == nullptr);
  CHECK(err() == "ValueError: slice step cannot be zero");

  ORef two = I(2), m2 = I(-2), zero = I(0), one = I(1);
  ORef r = steal(meth(t.get(), "index", {two.get(), two.get()}));
  CHECK(int_compact_value(r.get()) == 3);
  r = steal(meth(t.get(), "index", {two.get(), m2.get()}));
  CHECK(int_compact_value(r.get()) == 3);
  r = steal(meth(t.get(), "count", {two.get()}));
  CHECK(int_compact_value(r.get()) == 2);
  ORef t12 = ints_tuple({1, 2});
  CHECK(meth(t12.get(), "index", {two.get(), zero.get(), one.get()}) == nullptr);
  CHECK(err() == "ValueError: tuple.index(x): x not in tuple");
  r = steal(meth(t12.get(), "__getnewargs__"));
  CHECK(repr(r.get()) == "((1, 2),)");
  CHECK(tuple_get(r.get(), 0) == t12.get());

  CHECK(tuple_type.tp_as_sequence->sq_concat(t.get(), one.get()) == nullptr);
  CHECK(err() == "TypeError: can only concatenate tuple (not \"int\") to tuple");
  ORef cat = steal(tuple_type.tp_as_sequence->sq_concat(t12.get(), t12.get()));
  CHECK(ints(cat.get()) == std::vector<int64_t>{1, 2, 1, 2});
  ORef cat_empty = steal(tuple_type.tp_as_sequence->sq_concat(t12.get(), tuple_empty()));
  CHECK(cat_empty.get() == t12.get());
  ORef rep = steal(tuple_type.tp_as_sequence->sq_repeat(t12.get(), 3));
  CHECK(ints(rep.get()) == std::vector<int64_t>{1, 2, 1, 2, 1, 2});
  ORef rep1 = steal(tuple_type.tp_as_sequence->sq_repeat(t12.get(), 1));
  CHECK(rep1.get() == t12.get());
  ORef rep0 = steal(tuple_type.tp_as_sequence->sq_repeat(t12.get(), 0));
  CHECK(rep0.get() == tuple_empty());
  CHECK(tuple_type.tp_as_sequence->sq_contains(t.get(), two.get()) == 1);
  CHECK(tuple_type.tp_as_sequence->sq_contains(t.get(), nine.get()) == 0);

  CHECK(repr(ints_tuple({1}).get()) == "(1,)");
  CHECK(repr(tuple_empty()) == "()");
  ORef t2 = ints_tuple({2});
  CHECK(repr(T({one.get(), t2.get(), tuple_empty()}).get()) == "(1, (2,), ())");

  auto cmp = [](Object* a, Object* b, int op) {
    ORef x = steal(tuple_type.tp_richcompare(a, b, op));
    REQUIRE(x);
    return x.get() == true_();
  };
  CHECK(cmp(ints_tuple({1, 2, 3}).get(), ints_tuple({1, 2, 4}).get(), Py_LT));
  CHECK(cmp(ints_tuple({1, 2}).get(), ints_tuple({1, 2, 0}).get(), Py_LT));
  CHECK(cmp(ints_tuple({1, 2, 3}).get(), ints_tuple({1, 2, 3}).get(), Py_EQ));
  CHECK(cmp(ints_tuple({1}).get(), ints_tuple({0, 5}).get(), Py_GT));
  CHECK(!cmp(ints_tuple({1}).get(), ints_tuple({0, 5}).get(), Py_LE));
}

TEST_CASE("tuple construction", "[tuple]") {
  init();
  ORef empty_args = steal(tuple_new(0));
  ORef e = steal(tuple_type.tp_new(&tuple_type, empty_args.get(), nullptr));
  CHECK(e.get() == tuple_empty());
  ORef t = ints_tuple({1, 2});
  ORef args = T({t.get()});
  ORef same = steal(tuple_type.tp_new(&tuple_type, args.get(), nullptr));
  CHECK(same.get() == t.get());
  ORef rng = steal(range_new(0, 4, 1));
  ORef rargs = T({rng.get()});
  ORef fromr = steal(tuple_type.tp_new(&tuple_type, rargs.get(), nullptr));
  CHECK(ints(fromr.get()) == std::vector<int64_t>{0, 1, 2, 3});
  ORef one = I(1);
  ORef bad = T({one.get()});
  CHECK(tuple_type.tp_new(&tuple_type, bad.get(), nullptr) == nullptr);
  CHECK(err() == "TypeError: 'int' object is not iterable");
  ORef two = T({t.get(), t.get()});
  CHECK(tuple_type.tp_new(&tuple_type, two.get(), nullptr) == nullptr);
  CHECK(err() == "TypeError: tuple expected at most 1 argument, got 2");

  // tuple_resize grows and shrinks a fresh tuple.
  Object* r = tuple_new(2);
  tuple_set(r, 0, int_from_i64(7));
  tuple_set(r, 1, int_from_i64(8));
  REQUIRE(tuple_resize(&r, 3) == 0);
  tuple_set(r, 2, int_from_i64(9));
  REQUIRE(tuple_resize(&r, 1) == 0);
  CHECK(ints(r) == std::vector<int64_t>{7});
  REQUIRE(tuple_resize(&r, 0) == 0);
  CHECK(r == tuple_empty());

  // Iteration.
  ORef it = steal(tuple_type.tp_iter(t.get()));
  CHECK(type_of(it.get()) == &tuple_iterator_type);
  ORef x = steal(tuple_iterator_type.tp_iternext(it.get()));
  CHECK(int_compact_value(x.get()) == 1);
  ORef hint = steal(meth(it.get(), "__length_hint__"));
  CHECK(int_compact_value(hint.get()) == 1);
  ORef get_slice = steal(tuple_get_slice(t.get(), -5, 50));
  CHECK(get_slice.get() == t.get());
}
