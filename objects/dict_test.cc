// Tests for dict, its views and iterators; every expected value was printed by CPython 3.13.0.
#include "objects/dict.h"

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <vector>

#include "objects/abstract.h"
#include "objects/descr.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/set.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/runtime.h"

using namespace pyvm;

namespace {

void setup() {
  static const bool ok = runtime_init() == 0 && dict_init_types() == 0 && set_init_types() == 0;
  REQUIRE(ok);
}

ORef I(int64_t v) { return steal(int_from_i64(v)); }
ORef S(const char* s) { return steal(str_from_utf8(s)); }

int64_t as_i64(Object* o) {
  int overflow = 0;
  return int_as_i64(o, &overflow);
}

std::vector<int64_t> keys_of(Object* d) {
  std::vector<int64_t> out;
  ssize pos = 0;
  Object *k, *v;
  while (dict_next(d, &pos, &k, &v)) {
    out.push_back(as_i64(k));
    decref(k);
    decref(v);
  }
  return out;
}

std::vector<int64_t> ints_of(Object* iterable) {
  std::vector<int64_t> out;
  ORef it = steal(get_iter(iterable));
  REQUIRE(it);
  while (Object* x = iter_next(it.get())) {
    out.push_back(as_i64(x));
    decref(x);
  }
  REQUIRE(!error_occurred());
  return out;
}

std::string repr_of(Object* o) {
  std::string s;
  REQUIRE(repr_utf8(o, &s));
  return s;
}

// "TypeError: message" for the pending exception, which is cleared.
std::string take_error() {
  REQUIRE(error_occurred());
  ORef e = steal(error_take());
  std::string s;
  REQUIRE(object_str_utf8(e.get(), &s));
  return std::string(type_name(e.get())) + ": " + s;
}

void set_int(Object* d, int64_t k, int64_t v) { REQUIRE(dict_set(d, I(k).get(), I(v).get()) == 0); }

ORef meth(Object* self, const char* name, std::initializer_list<Object*> args = {}) {
  return steal(call_method(self, str_interned(name), args.begin(), ssize(args.size())));
}

}  // namespace

TEST_CASE("dict keeps insertion order across deletes and re-inserts") {
  setup();
  ORef d = steal(dict_new());
  for (int i = 0; i < 10; i++) set_int(d.get(), i, i * i);
  REQUIRE(dict_del(d.get(), I(3).get()) == 0);
  REQUIRE(dict_del(d.get(), I(7).get()) == 0);
  REQUIRE(dict_set(d.get(), I(3).get(), S("x").get()) == 0);
  set_int(d.get(), 20, 1);
  set_int(d.get(), 0, 0);  // replacing a value keeps the key's place
  // list(d) in CPython 3.13
  CHECK(keys_of(d.get()) == std::vector<int64_t>{0, 1, 2, 4, 5, 6, 8, 9, 3, 20});
  CHECK(dict_size(d.get()) == 10);
  Object* v;
  REQUIRE(dict_get(d.get(), I(3).get(), &v) == 1);
  CHECK(repr_of(v) == "'x'");
  decref(v);
  REQUIRE(dict_get(d.get(), I(7).get(), &v) == 0);
  CHECK(v == nullptr);
}

TEST_CASE("dict survives many inserts and deletes (resizes)") {
  setup();
  ORef d = steal(dict_new());
  constexpr int64_t kN = 20000;
  for (int64_t i = 0; i < kN; i++) set_int(d.get(), i * 7919, i);
  REQUIRE(dict_size(d.get()) == kN);
  for (int64_t i = 0; i < kN; i++) {
    Object* v;
    REQUIRE(dict_get(d.get(), I(i * 7919).get(), &v) == 1);
    CHECK(as_i64(v) == i);
    decref(v);
  }
  for (int64_t i = 1; i < kN; i += 2) REQUIRE(dict_del(d.get(), I(i * 7919).get()) == 0);
  REQUIRE(dict_size(d.get()) == kN / 2);
  std::vector<int64_t> keys = keys_of(d.get());
  REQUIRE(keys.size() == size_t(kN / 2));
  for (size_t j = 0; j < keys.size(); j++) CHECK(keys[j] == int64_t(j) * 2 * 7919);
  // Re-inserting deleted keys appends them.
  set_int(d.get(), 7919, -1);
  CHECK(keys_of(d.get()).back() == 7919);
}

TEST_CASE("dict table sizes follow CPython (__sizeof__)") {
  setup();
  // {i: None for i in range(n)}.__sizeof__() built by insertion, CPython 3.13 (default build).
  const std::vector<std::pair<int, int64_t>> expected = {{0, 48},   {1, 208},  {5, 208},   {6, 336},    {10, 336},
                                                         {11, 616}, {21, 616}, {22, 1152}, {100, 4672}, {1000, 36936}};
  for (auto [n, size] : expected) {
    ORef d = steal(dict_new());
    for (int i = 0; i < n; i++) REQUIRE(dict_set(d.get(), I(i).get(), none()) == 0);
    ORef r = meth(d.get(), "__sizeof__");
    REQUIRE(r);
    CHECK(as_i64(r.get()) == size);
  }
  ORef strs = steal(dict_new());
  for (int i = 0; i < 1000; i++) {
    ORef k = steal(str_from_utf8(std::to_string(i)));
    REQUIRE(dict_set(strs.get(), k.get(), none()) == 0);
  }
  CHECK(as_i64(meth(strs.get(), "__sizeof__").get()) == 26016);  // str keys: CPython's 16-byte entries
  ORef mixed = steal(dict_new());
  REQUIRE(dict_set(mixed.get(), S("a").get(), I(1).get()) == 0);
  set_int(mixed.get(), 1, 2);  // a non-str key converts the table, with a resize
  CHECK(as_i64(meth(mixed.get(), "__sizeof__").get()) == 336);
}

TEST_CASE("dict keys compare by identity, hash, then __eq__") {
  setup();
  ORef d = steal(dict_new());
  // hash(-1) == hash(-2) == -2 in CPython: two different keys in one probe chain.
  set_int(d.get(), -1, 1);
  set_int(d.get(), -2, 2);
  CHECK(dict_size(d.get()) == 2);
  Object* v;
  REQUIRE(dict_get(d.get(), I(-1).get(), &v) == 1);
  CHECK(as_i64(v) == 1);
  decref(v);
  REQUIRE(dict_get(d.get(), I(-2).get(), &v) == 1);
  CHECK(as_i64(v) == 2);
  decref(v);
  // Equal values of another type find the same entry: True == 1, 2.0 == 2.
  REQUIRE(dict_set(d.get(), I(1).get(), S("one").get()) == 0);
  REQUIRE(dict_get(d.get(), true_(), &v) == 1);
  CHECK(repr_of(v) == "'one'");
  decref(v);
  // str keys: a distinct but equal string finds the entry, through the exact-str fast path too.
  ORef key = S("spam");
  REQUIRE(dict_set(d.get(), key.get(), I(42).get()) == 0);
  ORef other = steal(str_from_utf8(std::string("sp") + "am"));
  REQUIRE(other.get() != key.get());
  REQUIRE(dict_get_str_key(d.get(), other.get(), str_hash(other.get()), &v) == 1);
  CHECK(as_i64(v) == 42);
  decref(v);
  REQUIRE(dict_get_str(d.get(), "spam", &v) == 1);
  decref(v);
  REQUIRE(dict_get_str_key(d.get(), S("eggs").get(), str_hash(S("eggs").get()), &v) == 0);
}

TEST_CASE("dict errors carry CPython's messages") {
  setup();
  ORef d = steal(dict_new());
  ORef unhashable = steal(list_new(0));
  CHECK(dict_set(d.get(), unhashable.get(), none()) == -1);
  CHECK(take_error() == "TypeError: unhashable type: 'list'");
  CHECK(dict_del(d.get(), I(5).get()) == -1);
  CHECK(take_error() == "KeyError: 5");
  CHECK(!meth(d.get(), "popitem"));
  CHECK(take_error() == "KeyError: 'popitem(): dictionary is empty'");
  ORef pair_key = steal(tuple_pack({I(1).get(), I(2).get()}));
  CHECK(!get_item(d.get(), pair_key.get()));
  CHECK(take_error() == "KeyError: (1, 2)");  // a tuple key is not unpacked into the exception's args
  // {}.pop([]) is a KeyError, not "unhashable": an empty dict does not hash the key.
  CHECK(!meth(d.get(), "pop", {unhashable.get()}));
  CHECK(take_error() == "KeyError: []");
  CHECK(!meth(d.get(), "get"));
  CHECK(take_error() == "TypeError: get expected at least 1 argument, got 0");

  ORef one = steal(tuple_pack({I(1).get()}));
  Object* items[] = {one.get()};
  ORef short_pairs = steal(list_from_array(items, 1));
  CHECK(dict_update(d.get(), short_pairs.get()) == -1);
  CHECK(take_error() == "ValueError: dictionary update sequence element #0 has length 1; 2 is required");
  Object* ints[] = {I(1).release()};
  ORef not_pairs = steal(list_from_array(ints, 1));
  decref(ints[0]);
  CHECK(dict_update(d.get(), not_pairs.get()) == -1);
  CHECK(take_error() == "TypeError: cannot convert dictionary update sequence element #0 to a sequence");

  ORef two_args = steal(tuple_pack({none(), none()}));
  CHECK(!call_tuple_dict(reinterpret_cast<Object*>(&dict_type), two_args.get(), nullptr));
  CHECK(take_error() == "TypeError: dict expected at most 1 argument, got 2");
  ORef kw = steal(dict_new());
  set_int(kw.get(), 1, 3);
  CHECK(!call_tuple_dict(reinterpret_cast<Object*>(&dict_type), tuple_empty(), kw.get()));
  CHECK(take_error() == "TypeError: keywords must be strings");
}

TEST_CASE("dict construction, update, merge and copy") {
  setup();
  // dict([(1, 2), [3, 4]], five=5) -> {1: 2, 3: 4, 'five': 5}
  ORef p1 = steal(tuple_pack({I(1).get(), I(2).get()}));
  Object* p2_items[] = {I(3).release(), I(4).release()};
  ORef p2 = steal(list_from_array(p2_items, 2));
  decref(p2_items[0]);
  decref(p2_items[1]);
  Object* pairs_items[] = {p1.get(), p2.get()};
  ORef pairs = steal(list_from_array(pairs_items, 2));
  ORef args = steal(tuple_pack({pairs.get()}));
  ORef kw = steal(dict_new());
  REQUIRE(dict_set_str(kw.get(), "five", I(5).get()) == 0);
  ORef d = steal(call_tuple_dict(reinterpret_cast<Object*>(&dict_type), args.get(), kw.get()));
  REQUIRE(d);
  CHECK(repr_of(d.get()) == "{1: 2, 3: 4, 'five': 5}");

  // a = {1: 1, 2: 2}; a |= [(3, 3)] -> {1: 1, 2: 2, 3: 3};  {1: 1} | {2: 2, 1: 0} -> {1: 0, 2: 2}
  ORef a = steal(dict_new());
  set_int(a.get(), 1, 1);
  set_int(a.get(), 2, 2);
  ORef p3 = steal(tuple_pack({I(3).get(), I(3).get()}));
  Object* p3_items[] = {p3.get()};
  ORef l3 = steal(list_from_array(p3_items, 1));
  ORef a2 = steal(binary_op(a.get(), l3.get(), NB_INPLACE_OR));
  REQUIRE(a2.get() == a.get());
  CHECK(repr_of(a.get()) == "{1: 1, 2: 2, 3: 3}");
  ORef b = steal(dict_new());
  set_int(b.get(), 1, 1);
  ORef c = steal(dict_new());
  set_int(c.get(), 2, 2);
  set_int(c.get(), 1, 0);
  ORef b_or_c = steal(binary_op(b.get(), c.get(), NB_OR));
  REQUIRE(b_or_c);
  CHECK(repr_of(b_or_c.get()) == "{1: 0, 2: 2}");
  CHECK(repr_of(b.get()) == "{1: 1}");

  // d = dict.fromkeys(range(10)); del the even keys; d.copy() keeps the order and is compacted.
  ORef range10 = steal(call1(reinterpret_cast<Object*>(&range_type), I(10).get()));
  ORef e = meth(reinterpret_cast<Object*>(&dict_type), "fromkeys", {range10.get()});
  REQUIRE(e);
  for (int i = 0; i < 10; i += 2) REQUIRE(dict_del(e.get(), I(i).get()) == 0);
  ORef copy = steal(dict_copy(e.get()));
  CHECK(keys_of(copy.get()) == std::vector<int64_t>{1, 3, 5, 7, 9});
  CHECK(as_i64(meth(copy.get(), "__sizeof__").get()) == 208);
  CHECK(as_i64(meth(e.get(), "__sizeof__").get()) == 336);

  // dict.fromkeys([3, 1, 2], 0) and dict.fromkeys({5, 3, 10, 1}) (a set's order).
  ORef zero = I(0);
  Object* k3[] = {I(3).release(), I(1).release(), I(2).release()};
  ORef l = steal(list_from_array(k3, 3));
  for (Object* o : k3) decref(o);
  ORef f = meth(reinterpret_cast<Object*>(&dict_type), "fromkeys", {l.get(), zero.get()});
  REQUIRE(f);
  CHECK(repr_of(f.get()) == "{3: 0, 1: 0, 2: 0}");
  ORef s = steal(set_new(nullptr));
  for (int64_t x : {5, 3, 10, 1}) REQUIRE(set_add(s.get(), I(x).get()) == 0);
  ORef fs = meth(reinterpret_cast<Object*>(&dict_type), "fromkeys", {s.get()});
  REQUIRE(fs);
  CHECK(keys_of(fs.get()) == std::vector<int64_t>{1, 10, 3, 5});

  // Equality ignores order; values are compared.
  ORef x = steal(dict_new()), y = steal(dict_new());
  set_int(x.get(), 1, 2);
  set_int(x.get(), 3, 4);
  set_int(y.get(), 3, 4);
  set_int(y.get(), 1, 2);
  CHECK(rich_compare_bool(x.get(), y.get(), Py_EQ) == 1);
  set_int(y.get(), 1, 3);
  CHECK(rich_compare_bool(x.get(), y.get(), Py_EQ) == 0);
  CHECK(rich_compare_bool(x.get(), y.get(), Py_NE) == 1);
}

TEST_CASE("dict methods: setdefault, pop, popitem, __missing__") {
  setup();
  ORef d = steal(dict_new());
  REQUIRE(dict_set(d.get(), I(1).get(), S("a").get()) == 0);
  ORef r = meth(d.get(), "setdefault", {I(1).get(), S("b").get()});
  CHECK(repr_of(r.get()) == "'a'");
  r = meth(d.get(), "setdefault", {I(2).get(), S("c").get()});
  CHECK(repr_of(r.get()) == "'c'");
  CHECK(repr_of(d.get()) == "{1: 'a', 2: 'c'}");
  set_int(d.get(), 3, 4);
  r = meth(d.get(), "popitem");
  CHECK(repr_of(r.get()) == "(3, 4)");  // LIFO
  r = meth(d.get(), "pop", {I(1).get()});
  CHECK(repr_of(r.get()) == "'a'");
  r = meth(d.get(), "pop", {I(1).get(), I(9).get()});
  CHECK(as_i64(r.get()) == 9);
  CHECK(repr_of(d.get()) == "{2: 'c'}");

  // class D(dict): __missing__ = <builtin doubling its argument>;  D()[21] -> 42
  static PyMethodDef twice = {"twice", [](Object*, Object* k) { return binary_op(k, k, NB_ADD); }, METH_O, nullptr};
  ORef fn = steal(cfunction_new(&twice, nullptr, nullptr));
  REQUIRE(fn);
  ORef ns = steal(dict_new());
  REQUIRE(dict_set_str(ns.get(), "__missing__", fn.get()) == 0);
  ORef bases = steal(tuple_pack({reinterpret_cast<Object*>(&dict_type)}));
  ORef cls = steal(call_tuple_dict(reinterpret_cast<Object*>(&type_type),
                                   ORef(steal(tuple_pack({S("D").get(), bases.get(), ns.get()}))).get(), nullptr));
  REQUIRE(cls);
  ORef inst = steal(call0(cls.get()));
  REQUIRE(inst);
  ORef v = steal(get_item(inst.get(), I(21).get()));
  REQUIRE(v);
  CHECK(as_i64(v.get()) == 42);
  CHECK(dict_size(inst.get()) == 0);
}

TEST_CASE("dict repr, recursive repr") {
  setup();
  ORef d = steal(dict_new());
  CHECK(repr_of(d.get()) == "{}");
  REQUIRE(dict_set(d.get(), I(1).get(), S("a").get()) == 0);
  REQUIRE(dict_set(d.get(), I(2).get(), S("b").get()) == 0);
  CHECK(repr_of(d.get()) == "{1: 'a', 2: 'b'}");
  ORef e = steal(dict_new());
  REQUIRE(dict_set(e.get(), I(1).get(), e.get()) == 0);
  CHECK(repr_of(e.get()) == "{1: {...}}");
  dict_clear(e.get());  // break the cycle
}

TEST_CASE("dict iteration: order, reversed, mutation errors, length hint") {
  setup();
  ORef d = steal(dict_new());
  for (int i = 0; i < 8; i++) set_int(d.get(), i, i);
  REQUIRE(dict_del(d.get(), I(2).get()) == 0);
  REQUIRE(dict_del(d.get(), I(5).get()) == 0);
  ORef rk = steal(dict_reversed(d.get(), nullptr));
  CHECK(ints_of(rk.get()) == std::vector<int64_t>{7, 6, 4, 3, 1, 0});
  ORef values = steal(dict_values_view(d.get(), nullptr));
  ORef rv = meth(values.get(), "__reversed__");
  CHECK(ints_of(rv.get()) == std::vector<int64_t>{7, 6, 4, 3, 1, 0});
  ORef items = steal(dict_items_view(d.get(), nullptr));
  ORef ri = meth(items.get(), "__reversed__");
  ORef ri_list = steal(sequence_list(ri.get()));
  CHECK(repr_of(ri_list.get()) == "[(7, 7), (6, 6), (4, 4), (3, 3), (1, 1), (0, 0)]");

  // d = {0: 0, 1: 1}; it = iter(d); next(it); d[2] = 2; next(it) -> RuntimeError, and again.
  ORef small = steal(dict_new());
  set_int(small.get(), 0, 0);
  set_int(small.get(), 1, 1);
  ORef it = steal(get_iter(small.get()));
  ORef first = steal(iter_next(it.get()));
  CHECK(as_i64(first.get()) == 0);
  CHECK(as_i64(meth(it.get(), "__length_hint__").get()) == 1);
  set_int(small.get(), 2, 2);
  CHECK(!iter_next(it.get()));
  CHECK(take_error() == "RuntimeError: dictionary changed size during iteration");
  CHECK(!iter_next(it.get()));
  CHECK(take_error() == "RuntimeError: dictionary changed size during iteration");

  // d = {0: 0, 1: 1}; exhaust two; del d[0]; d[5] = 5; next -> "keys changed", then StopIteration.
  ORef s2 = steal(dict_new());
  set_int(s2.get(), 0, 0);
  set_int(s2.get(), 1, 1);
  ORef it2 = steal(get_iter(s2.get()));
  decref(iter_next(it2.get()));
  decref(iter_next(it2.get()));
  REQUIRE(dict_del(s2.get(), I(0).get()) == 0);
  set_int(s2.get(), 5, 5);
  CHECK(!iter_next(it2.get()));
  CHECK(take_error() == "RuntimeError: dictionary keys changed during iteration");
  CHECK(!iter_next(it2.get()));
  CHECK(!error_occurred());
}

TEST_CASE("dict views: repr, membership, comparisons, set operations") {
  setup();
  ORef empty = steal(dict_new());
  CHECK(repr_of(ORef(steal(dict_keys_view(empty.get(), nullptr))).get()) == "dict_keys([])");
  ORef d = steal(dict_new());
  set_int(d.get(), 1, 2);
  ORef items = steal(dict_items_view(d.get(), nullptr));
  CHECK(repr_of(items.get()) == "dict_items([(1, 2)])");
  ORef lv = steal(dict_new());
  Object* one[] = {I(1).release()};
  ORef l1 = steal(list_from_array(one, 1));
  decref(one[0]);
  REQUIRE(dict_set(lv.get(), I(1).get(), l1.get()) == 0);
  CHECK(repr_of(ORef(steal(dict_values_view(lv.get(), nullptr))).get()) == "dict_values([[1]])");

  ORef p12 = steal(tuple_pack({I(1).get(), I(2).get()}));
  ORef p13 = steal(tuple_pack({I(1).get(), I(3).get()}));
  CHECK(sequence_contains(items.get(), p12.get()) == 1);
  CHECK(sequence_contains(items.get(), p13.get()) == 0);
  CHECK(sequence_contains(items.get(), l1.get()) == 0);

  // {1: 2, 3: 4}.keys() & {3, 1, 5} -> {1, 3}
  ORef d2 = steal(dict_new());
  set_int(d2.get(), 1, 2);
  set_int(d2.get(), 3, 4);
  ORef keys2 = steal(dict_keys_view(d2.get(), nullptr));
  ORef s = steal(set_new(nullptr));
  for (int64_t x : {3, 1, 5}) REQUIRE(set_add(s.get(), I(x).get()) == 0);
  ORef both = steal(binary_op(keys2.get(), s.get(), NB_AND));
  REQUIRE(both);
  CHECK(ints_of(both.get()) == std::vector<int64_t>{1, 3});
  // {1: 2, 3: 4}.items() ^ {3: 4, 5: 6}.items() -> {(1, 2), (5, 6)}
  ORef d3 = steal(dict_new());
  set_int(d3.get(), 3, 4);
  set_int(d3.get(), 5, 6);
  ORef x = steal(binary_op(ORef(steal(dict_items_view(d2.get(), nullptr))).get(),
                           ORef(steal(dict_items_view(d3.get(), nullptr))).get(), NB_XOR));
  REQUIRE(x);
  CHECK(repr_of(ORef(steal(sequence_list(x.get()))).get()) == "[(1, 2), (5, 6)]");
  // {1: 2}.keys() | [7, 8] -> [8, 1, 7];  {1: 2}.keys() - {1} -> set()
  Object* l78_items[] = {I(7).release(), I(8).release()};
  ORef l78 = steal(list_from_array(l78_items, 2));
  for (Object* o : l78_items) decref(o);
  ORef keys1 = steal(dict_keys_view(d.get(), nullptr));
  ORef u = steal(binary_op(keys1.get(), l78.get(), NB_OR));
  REQUIRE(u);
  CHECK(ints_of(u.get()) == std::vector<int64_t>{8, 1, 7});
  ORef s1 = steal(set_new(nullptr));
  REQUIRE(set_add(s1.get(), I(1).get()) == 0);
  ORef diff = steal(binary_op(keys1.get(), s1.get(), NB_SUBTRACT));
  CHECK(repr_of(diff.get()) == "set()");
  // {1: 2}.keys() == {1};  {1: 2}.keys() < {1, 2}
  CHECK(rich_compare_bool(keys1.get(), s1.get(), Py_EQ) == 1);
  REQUIRE(set_add(s1.get(), I(2).get()) == 0);
  CHECK(rich_compare_bool(keys1.get(), s1.get(), Py_LT) == 1);
  // {1: 2}.items().isdisjoint([(1, 2)]) -> False
  Object* pl[] = {p12.get()};
  ORef plist = steal(list_from_array(pl, 1));
  ORef disjoint = meth(items.get(), "isdisjoint", {plist.get()});
  CHECK(disjoint.get() == false_());
}

TEST_CASE("dict: four threads inserting disjoint keys") {
  setup();
  ORef d = steal(dict_new());
  constexpr int kThreads = 4;
  constexpr int64_t kPerThread = 5000;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; t++) {
    threads.emplace_back([&, t] {
      for (int64_t i = 0; i < kPerThread; i++) {
        int64_t k = t * kPerThread + i;
        Object* key = int_from_i64(k);
        Object* value = int_from_i64(-k);
        if (!key || !value || dict_set(d.get(), key, value) < 0) failures++;
        xdecref(key);
        xdecref(value);
        // Interleave reads of keys other threads are writing.
        Object* v;
        Object* probe = int_from_i64((k * 7) % (kThreads * kPerThread));
        if (dict_get(d.get(), probe, &v) < 0) failures++;
        xdecref(v);
        decref(probe);
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(failures == 0);
  CHECK(dict_size(d.get()) == kThreads * kPerThread);
  for (int64_t k = 0; k < kThreads * kPerThread; k++) {
    Object* v;
    REQUIRE(dict_get(d.get(), I(k).get(), &v) == 1);
    CHECK(as_i64(v) == -k);
    decref(v);
  }
}

TEST_CASE("dict: one iterator shared by four threads yields each key exactly once") {
  setup();
  ORef d = steal(dict_new());
  constexpr int64_t kN = 20000;
  for (int64_t i = 0; i < kN; i++) set_int(d.get(), i, i);
  ORef it = steal(get_iter(d.get()));
  std::vector<std::vector<int64_t>> seen(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; t++) {
    threads.emplace_back([&, t] {
      while (Object* k = iter_next(it.get())) {
        seen[t].push_back(as_i64(k));
        decref(k);
      }
    });
  }
  for (auto& th : threads) th.join();
  std::vector<int> count(kN, 0);
  size_t total = 0;
  for (auto& v : seen) {
    total += v.size();
    for (int64_t k : v) count[size_t(k)]++;
  }
  CHECK(total == size_t(kN));
  CHECK(std::count(count.begin(), count.end(), 1) == kN);
}
