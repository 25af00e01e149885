// Tests for the iterator builtins (enumerate, zip, map, filter, reversed) and the protocol iterators, against
// CPython 3.13's results and messages.
#include "objects/iterators.h"

#include <catch2/catch.hpp>
#include <cstring>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/range.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/runtime.h"

using namespace pyvm;

namespace {

void init() { REQUIRE(runtime_init() == 0); }

ORef I(int64_t v) { return steal(int_from_i64(v)); }
ORef S(const char* s) { return steal(str_from_utf8(s)); }
ORef T(std::vector<Object*> items) { return steal(tuple_from_array(items.data(), ssize(items.size()))); }
ORef L(std::vector<int64_t> v) {
  ORef l = steal(list_new(0));
  for (int64_t x : v) {
    ORef i = I(x);
    REQUIRE(list_append(l.get(), i.get()) == 0);
  }
  return l;
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

// type(*args, **kwargs) through tp_new.
ORef make(Type* type, std::vector<Object*> args, std::vector<std::pair<const char*, Object*>> kwargs = {}) {
  ORef a = T(args);
  ORef kw;
  if (!kwargs.empty()) {
    kw = steal(dict_new());
    for (auto& [k, v] : kwargs) REQUIRE(dict_set_str(kw.get(), k, v) == 0);
  }
  return steal(type->tp_new(type, a.get(), kw.get()));
}

// repr(list(it)), or the error.
std::string listed(Object* it) {
  if (!it) return err();
  ORef l = steal(sequence_list(it));
  if (!l) return err();
  return repr(l.get());
}

std::string make_error(Type* type, std::vector<Object*> args, std::vector<std::pair<const char*, Object*>> kw = {}) {
  ORef r = make(type, args, kw);
  if (r) return "<no error>";
  return err();
}

// Calls the C method `name` of it's type directly (METH_NOARGS or METH_O).
Object* method(Object* it, const char* name, Object* arg = nullptr) {
  for (PyMethodDef* m = type_of(it)->tp_methods; m && m->ml_name; ++m)
    if (std::strcmp(m->ml_name, name) == 0) return m->ml_meth(it, arg);
  return nullptr;
}
Object* length_hint(Object* it) { return method(it, "__length_hint__"); }

int64_t counter = 0;
Object* count_up(Object*, Object*) { return int_from_i64(++counter); }
PyMethodDef count_up_def = {"count_up", count_up, METH_NOARGS, nullptr};
Object* power(Object*, Object* const* args, ssize nargs) {
  REQUIRE(nargs == 2);
  return binary_op(args[0], args[1], NB_MULTIPLY);
}
PyMethodDef power_def = {"mul", reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(power)), METH_FASTCALL, nullptr};

}  // namespace

TEST_CASE("enumerate", "[iterators]") {
  init();
  ORef ab = S("ab");
  ORef start = steal(int_from_i64(INT64_MAX));
  CHECK(listed(make(&enumerate_type, {ab.get(), start.get()}).get()) ==
        "[(9223372036854775807, 'a'), (9223372036854775808, 'b')]");
  ORef l = L({5, 6, 7});
  ORef m2 = I(-2);
  CHECK(listed(make(&enumerate_type, {l.get()}, {{"start", m2.get()}}).get()) == "[(-2, 5), (-1, 6), (0, 7)]");
  CHECK(listed(make(&enumerate_type, {}, {{"iterable", l.get()}}).get()) == "[(0, 5), (1, 6), (2, 7)]");
  ORef one = I(1);
  CHECK(make_error(&enumerate_type, {}) == "TypeError: enumerate() missing required argument 'iterable'");
  CHECK(make_error(&enumerate_type, {l.get()}, {{"x", one.get()}}) ==
        "TypeError: 'x' is an invalid keyword argument for enumerate()");
  CHECK(make_error(&enumerate_type, {l.get(), one.get(), one.get()}) ==
        "TypeError: enumerate() takes at most 2 arguments (3 given)");
  CHECK(make_error(&enumerate_type, {}, {{"start", one.get()}}) ==
        "TypeError: 'start' is an invalid keyword argument for enumerate()");
  CHECK(make_error(&enumerate_type, {l.get()}, {{"iterable", l.get()}}) ==
        "TypeError: 'iterable' is an invalid keyword argument for enumerate()");
  CHECK(make_error(&enumerate_type, {one.get()}) == "TypeError: 'int' object is not iterable");
  ORef s = S("a");
  CHECK(make_error(&enumerate_type, {l.get(), s.get()}) ==
        "TypeError: 'str' object cannot be interpreted as an integer");
}

TEST_CASE("zip", "[iterators]") {
  init();
  ORef a = L({1, 2, 3}), b = L({4, 5});
  CHECK(listed(make(&zip_type, {a.get(), b.get()}).get()) == "[(1, 4), (2, 5)]");
  CHECK(listed(make(&zip_type, {}).get()) == "[]");
  ORef one = L({1});
  CHECK(listed(make(&zip_type, {one.get()}).get()) == "[(1,)]");
  ORef x1 = L({1}), x12 = L({1, 2}), x123 = L({1, 2, 3});
  auto strict = [](std::vector<Object*> args) { return listed(make(&zip_type, args, {{"strict", true_()}}).get()); };
  CHECK(strict({x1.get(), x12.get()}) == "ValueError: zip() argument 2 is longer than argument 1");
  CHECK(strict({x12.get(), x1.get()}) == "ValueError: zip() argument 2 is shorter than argument 1");
  CHECK(strict({x1.get(), x1.get(), x12.get()}) == "ValueError: zip() argument 3 is longer than arguments 1-2");
  CHECK(strict({x12.get(), x12.get(), x1.get()}) == "ValueError: zip() argument 3 is shorter than arguments 1-2");
  CHECK(strict({x123.get(), x123.get(), x123.get(), x12.get()}) ==
        "ValueError: zip() argument 4 is shorter than arguments 1-3");
  CHECK(strict({x12.get(), x12.get()}) == "[(1, 1), (2, 2)]");
  ORef i = I(1);
  CHECK(make_error(&zip_type, {}, {{"a", i.get()}}) == "TypeError: zip() got an unexpected keyword argument 'a'");
  CHECK(make_error(&zip_type, {i.get()}) == "TypeError: 'int' object is not iterable");
}

TEST_CASE("map and filter", "[iterators]") {
  init();
  ORef mul = steal(cfunction_new(&power_def, nullptr, nullptr));
  REQUIRE(mul);
  ORef a = L({2, 3, 4}), b = L({5, 2});
  CHECK(listed(make(&map_type, {mul.get(), a.get(), b.get()}).get()) == "[10, 6]");
  CHECK(make_error(&map_type, {mul.get()}) == "TypeError: map() must have at least two arguments.");
  CHECK(make_error(&map_type, {}) == "TypeError: map() must have at least two arguments.");
  ORef one = I(1);
  CHECK(make_error(&map_type, {mul.get(), a.get()}, {{"x", one.get()}}) ==
        "TypeError: map() takes no keyword arguments");
  ORef items = L({0, 1, 0, 2, 0, 3});
  CHECK(listed(make(&filter_type, {none(), items.get()}).get()) == "[1, 2, 3]");
  CHECK(listed(make(&filter_type, {reinterpret_cast<Object*>(&bool_type), items.get()}).get()) == "[1, 2, 3]");
  CHECK(make_error(&filter_type, {none()}) == "TypeError: filter expected 2 arguments, got 1");
  CHECK(make_error(&filter_type, {none(), one.get(), one.get()}) == "TypeError: filter expected 2 arguments, got 3");
  CHECK(make_error(&filter_type, {none(), items.get()}, {{"x", one.get()}}) ==
        "TypeError: filter() takes no keyword arguments");
  CHECK(make_error(&filter_type, {none(), one.get()}) == "TypeError: 'int' object is not iterable");
}

TEST_CASE("reversed", "[iterators]") {
  init();
  ORef l = L({1, 2, 3});
  CHECK(listed(make(&reversed_type, {l.get()}).get()) == "[3, 2, 1]");
  ORef t = T({I(1).get(), I(2).get(), I(3).get()});
  ORef rt = make(&reversed_type, {t.get()});
  CHECK(type_of(rt.get()) == &reversed_type);  // tuple has no __reversed__: the __len__/__getitem__ protocol
  ORef first = steal(reversed_type.tp_iternext(rt.get()));
  ORef hint = steal(length_hint(rt.get()));
  CHECK(int_compact_value(hint.get()) == 2);
  CHECK(listed(rt.get()) == "[2, 1]");
  ORef r = steal(range_new(0, 3, 1));
  CHECK(listed(make(&reversed_type, {r.get()}).get()) == "[2, 1, 0]");
  ORef one = I(1);
  CHECK(make_error(&reversed_type, {one.get()}) == "TypeError: 'int' object is not reversible");
  CHECK(make_error(&reversed_type, {}) == "TypeError: reversed expected 1 argument, got 0");
  CHECK(make_error(&reversed_type, {l.get()}, {{"x", one.get()}}) ==
        "TypeError: reversed() takes no keyword arguments");
  ORef lr = make(&reversed_type, {l.get()});
  CHECK(type_of(lr.get()) == &list_reverseiterator_type);
  ORef x = steal(list_reverseiterator_type.tp_iternext(lr.get()));
  ORef h = steal(length_hint(lr.get()));
  CHECK(int_compact_value(h.get()) == 2);
}

TEST_CASE("list, seq and callable iterators", "[iterators]") {
  init();
  ORef l = L({1, 2, 3});
  ORef it = steal(list_iter_new(l.get()));
  ORef x = steal(list_iterator_type.tp_iternext(it.get()));
  ORef h = steal(length_hint(it.get()));
  CHECK(int_compact_value(h.get()) == 2);
  ORef four = I(4);
  REQUIRE(list_append(l.get(), four.get()) == 0);  // iterators see appends
  CHECK(listed(it.get()) == "[2, 3, 4]");
  CHECK(list_iterator_type.tp_iternext(it.get()) == nullptr);
  CHECK(!error_occurred());

  // The __getitem__ protocol, driven directly.
  ORef s = S("xyz");
  ORef si = steal(seq_iter_new(s.get()));
  CHECK(listed(si.get()) == "['x', 'y', 'z']");

  // iter(callable, sentinel)
  counter = 0;
  ORef f = steal(cfunction_new(&count_up_def, nullptr, nullptr));
  ORef sentinel = I(4);
  ORef ci = steal(callable_iter_new(f.get(), sentinel.get()));
  CHECK(listed(ci.get()) == "[1, 2, 3]");
  CHECK(callable_iterator_type.tp_iternext(ci.get()) == nullptr);
  CHECK(counter == 4);  // exhausted: the callable is not called again
}

// Values checked against CPython 3.13 (its default build, which drops the sequence of an exhausted iterator).
TEST_CASE("iterator __reduce__ and __setstate__", "[iterators]") {
  init();
  ORef l = L({1, 2, 3});
  ORef it = steal(list_iter_new(l.get()));
  ORef x = steal(list_iterator_type.tp_iternext(it.get()));
  ORef red = steal(method(it.get(), "__reduce__"));
  CHECK(repr(red.get()) == "(<built-in function iter>, ([1, 2, 3],), 1)");
  ORef big = I(99);
  ORef r1 = steal(method(it.get(), "__setstate__", big.get()));
  red = steal(method(it.get(), "__reduce__"));
  CHECK(repr(red.get()) == "(<built-in function iter>, ([1, 2, 3],), 3)");
  ORef neg = I(-5);
  ORef r2 = steal(method(it.get(), "__setstate__", neg.get()));
  red = steal(method(it.get(), "__reduce__"));
  CHECK(repr(red.get()) == "(<built-in function iter>, ([],))");  // stopped, but a later __setstate__ revives it
  ORef one = I(1);
  ORef r3 = steal(method(it.get(), "__setstate__", one.get()));
  CHECK(listed(it.get()) == "[2, 3]");
  red = steal(method(it.get(), "__reduce__"));
  CHECK(repr(red.get()) == "(<built-in function iter>, ([],))");
  ORef r4 = steal(method(it.get(), "__setstate__", one.get()));  // ignored once next() ran off the end
  CHECK(listed(it.get()) == "[]");
  ORef bad = S("1");
  CHECK(method(it.get(), "__setstate__", bad.get()) == nullptr);
  CHECK(err() == "TypeError: an integer is required");

  ORef t = T({I(7).get(), I(8).get()});
  ORef ti = steal(tuple_iter_new(t.get()));
  x = steal(tuple_iterator_type.tp_iternext(ti.get()));
  x = steal(tuple_iterator_type.tp_iternext(ti.get()));
  red = steal(method(ti.get(), "__reduce__"));
  CHECK(repr(red.get()) == "(<built-in function iter>, ((7, 8),), 2)");
  CHECK(tuple_iterator_type.tp_iternext(ti.get()) == nullptr);
  red = steal(method(ti.get(), "__reduce__"));
  CHECK(repr(red.get()) == "(<built-in function iter>, ((),))");

  ORef lr = make(&reversed_type, {l.get()});
  x = steal(list_reverseiterator_type.tp_iternext(lr.get()));
  red = steal(method(lr.get(), "__reduce__"));
  CHECK(repr(red.get()) == "(<class 'reversed'>, ([1, 2, 3],), 1)");

  ORef r = steal(range_new(1, 10, 2));
  ORef ri = steal(get_iter(r.get()));
  x = steal(iter_next(ri.get()));
  red = steal(method(ri.get(), "__reduce__"));
  CHECK(repr(red.get()) == "(<built-in function iter>, (range(3, 11, 2),), None)");
}

TEST_CASE("builtin_object", "[iterators]") {
  init();
  ORef it = steal(builtin_object("iter"));
  REQUIRE(it);
  CHECK(repr(it.get()) == "<built-in function iter>");
  CHECK(builtin_object("no_such_builtin") == nullptr);
  CHECK(err() == "AttributeError: no_such_builtin");
}
