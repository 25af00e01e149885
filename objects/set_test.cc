// Tests for set and frozenset; every expected order, hash and message was printed by CPython 3.13.0.
#include "objects/set.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <vector>

#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/runtime.h"

using namespace pyvm;

namespace {

using Ints = std::vector<int64_t>;

void setup() {
  static const bool ok = runtime_init() == 0 && dict_init_types() == 0 && set_init_types() == 0;
  REQUIRE(ok);
}

ORef I(int64_t v) { return steal(int_from_i64(v)); }

int64_t as_i64(Object* o) {
  int overflow = 0;
  return int_as_i64(o, &overflow);
}

// Iteration order, through the set's own iterator.
Ints order(Object* s) {
  Ints out;
  ORef it = steal(get_iter(s));
  REQUIRE(it);
  while (Object* x = iter_next(it.get())) {
    out.push_back(as_i64(x));
    decref(x);
  }
  REQUIRE(!error_occurred());
  return out;
}

ORef list_of(const Ints& xs) {
  ORef l = steal(list_new(0));
  for (int64_t x : xs) REQUIRE(list_append(l.get(), I(x).get()) == 0);
  return l;
}

// {x0, x1, ...} as the compiler builds it: one add per element, left to right.
ORef set_of(const Ints& xs) {
  ORef s = steal(set_new(nullptr));
  for (int64_t x : xs) REQUIRE(set_add(s.get(), I(x).get()) == 0);
  return s;
}

std::string repr_of(Object* o) {
  std::string s;
  REQUIRE(repr_utf8(o, &s));
  return s;
}

std::string take_error() {
  REQUIRE(error_occurred());
  ORef e = steal(error_take());
  std::string s;
  REQUIRE(object_str_utf8(e.get(), &s));
  return std::string(type_name(e.get())) + ": " + s;
}

ORef meth(Object* self, const char* name, std::initializer_list<Object*> args = {}) {
  return steal(call_method(self, str_interned(name), args.begin(), ssize(args.size())));
}

Ints range(int64_t start, int64_t stop, int64_t step) {
  Ints out;
  for (int64_t i = start; step > 0 ? i < stop : i > stop; i += step) out.push_back(i);
  return out;
}

}  // namespace

TEST_CASE("int sets iterate in CPython's order") {
  setup();
  struct Case {
    Ints in, expected;
  };
  // list(set(c)) and list(frozenset(c)) in CPython 3.13.
  const std::vector<Case> cases = {
      {{5, 3, 10, 1}, {1, 10, 3, 5}},
      {range(0, 200, 7), {0,   133, 7,   140, 14,  147, 21, 154, 28, 161, 35,  168, 42,  175, 49,
                          182, 56,  189, 63,  196, 70,  77, 84,  91, 98,  105, 112, 119, 126}},
      {{100, 37, 1000, -5, 64, 8, 16}, {64, 100, 37, 1000, 8, 16, -5}},
      {{-1, -2, -3, 7, 15, 23, 31}, {7, 15, -2, 23, -3, -1, 31}},
      {{int64_t{1} << 40, (int64_t{1} << 61) - 1, int64_t{1} << 61, 5, int64_t{1} << 33},
       {int64_t{1} << 40, (int64_t{1} << 61) - 1, int64_t{1} << 61, int64_t{1} << 33, 5}},
      {range(100, 0, -3), range(1, 101, 3)},
      {{8, 16, 24, 32, 40, 48, 56, 64, 72}, {32, 64, 8, 40, 72, 16, 48, 24, 56}},
  };
  for (const Case& c : cases) {
    ORef l = list_of(c.in);
    ORef s = steal(set_new(l.get()));
    REQUIRE(s);
    CHECK(order(s.get()) == c.expected);
    ORef f = steal(frozenset_new(l.get()));
    REQUIRE(f);
    CHECK(order(f.get()) == c.expected);
    CHECK(order(set_of(c.in).get()) == c.expected);
  }
  // s = set(); s.add(x) for each.
  CHECK(order(set_of({40, 8, 16, 1, 33, 9, 72, 1000, 56}).get()) == Ints{33, 1, 40, 8, 9, 72, 1000, 16, 56});
}

TEST_CASE("set order after discards (dummies) and updates") {
  setup();
  ORef s = steal(set_new(list_of(range(0, 50, 1)).get()));
  for (int64_t x = 0; x < 50; x += 3) REQUIRE(set_discard(s.get(), I(x).get()) == 1);
  CHECK(order(s.get()) == Ints{1,  2,  4,  5,  7,  8,  10, 11, 13, 14, 16, 17, 19, 20, 22, 23, 25,
                               26, 28, 29, 31, 32, 34, 35, 37, 38, 40, 41, 43, 44, 46, 47, 49});
  REQUIRE(set_update(s.get(), list_of({100, 64, 3, 6}).get()) == 0);
  CHECK(order(s.get()) == Ints{1,  2,  4,  5,  7,  8,  10, 11, 13, 14, 16, 17, 19, 20, 6,  22, 23, 3,  25,
                               26, 28, 29, 31, 32, 34, 35, 37, 38, 40, 41, 43, 44, 46, 47, 49, 64, 100});
  CHECK(set_size(s.get()) == 37);
  CHECK(set_discard(s.get(), I(0).get()) == 0);
}

TEST_CASE("set operators and methods produce CPython's orders") {
  setup();
  // Built by add() in CPython too: a set display of constants compiles to a frozenset constant, whose table
  // history (and so order) differs.
  ORef a = set_of({1, 9, 17, 25, 33, 2, 4});
  ORef b = set_of({4, 17, 100, 2, 41, 7});
  auto op = [](Object* x, Object* y, int which) {
    ORef r = steal(binary_op(x, y, which));
    REQUIRE(r);
    return order(r.get());
  };
  CHECK(op(a.get(), b.get(), NB_OR) == Ints{1, 33, 2, 4, 100, 7, 9, 41, 17, 25});
  CHECK(op(a.get(), b.get(), NB_AND) == Ints{17, 2, 4});
  CHECK(op(a.get(), b.get(), NB_SUBTRACT) == Ints{1, 25, 9, 33});
  CHECK(op(a.get(), b.get(), NB_XOR) == Ints{1, 33, 100, 7, 41, 9, 25});
  CHECK(op(b.get(), a.get(), NB_SUBTRACT) == Ints{41, 100, 7});
  CHECK(op(b.get(), a.get(), NB_XOR) == Ints{1, 33, 100, 7, 9, 41, 25});

  ORef evens = steal(set_new(list_of(range(0, 60, 2)).get()));
  ORef threes = steal(set_new(list_of(range(0, 60, 3)).get()));
  CHECK(op(evens.get(), threes.get(), NB_OR) == Ints{0,  2,  3,  4,  6,  8,  9,  10, 12, 14, 15, 16, 18, 20,
                                                     21, 22, 24, 26, 27, 28, 30, 32, 33, 34, 36, 38, 39, 40,
                                                     42, 44, 45, 46, 48, 50, 51, 52, 54, 56, 57, 58});
  const Ints and2 = {0, 36, 6, 42, 12, 48, 18, 54, 24, 30};
  const Ints sub2 = {2, 4, 8, 10, 14, 16, 20, 22, 26, 28, 32, 34, 38, 40, 44, 46, 50, 52, 56, 58};
  const Ints xor2 = {2,  3,  4,  8,  9,  10, 14, 15, 16, 20, 21, 22, 26, 27, 28,
                     32, 33, 34, 38, 39, 40, 44, 45, 46, 50, 51, 52, 56, 57, 58};
  CHECK(op(evens.get(), threes.get(), NB_AND) == and2);
  CHECK(op(evens.get(), threes.get(), NB_SUBTRACT) == sub2);
  CHECK(op(evens.get(), threes.get(), NB_XOR) == xor2);
  // In-place forms keep the same object.
  auto inplace = [&](int which) {
    ORef c = steal(set_new(evens.get()));
    ORef r = steal(binary_op(c.get(), threes.get(), which));
    REQUIRE(r.get() == c.get());
    return order(c.get());
  };
  CHECK(inplace(NB_INPLACE_AND) == and2);
  CHECK(inplace(NB_INPLACE_XOR) == xor2);
  CHECK(inplace(NB_INPLACE_SUBTRACT) == sub2);
  ORef c = steal(set_new(evens.get()));
  ORef extra = set_of({1000, 77, 5});
  REQUIRE(ORef(steal(binary_op(c.get(), extra.get(), NB_INPLACE_OR))).get() == c.get());
  CHECK(order(c.get()) == Ints{0,  2,  4,  5,  6,  8,  10,   12, 77, 14, 16, 18, 20, 22, 24, 26, 28,
                               30, 32, 34, 36, 38, 40, 1000, 42, 44, 46, 48, 50, 52, 54, 56, 58});

  // set([1, 2]).union([100, 9], (33, 17)) -> [1, 2, 33, 100, 9, 17]
  ORef t = steal(tuple_pack({I(33).get(), I(17).get()}));
  ORef u = meth(set_of({1, 2}).get(), "union", {list_of({100, 9}).get(), t.get()});
  REQUIRE(u);
  CHECK(order(u.get()) == Ints{1, 2, 33, 100, 9, 17});
  // set([1, 2, 3]).symmetric_difference({3: 0, 4: 0, 99: 0}) -> [1, 2, 99, 4]
  ORef d = steal(dict_new());
  for (int64_t k : {3, 4, 99}) REQUIRE(dict_set(d.get(), I(k).get(), I(0).get()) == 0);
  ORef sd = meth(set_of({1, 2, 3}).get(), "symmetric_difference", {d.get()});
  REQUIRE(sd);
  CHECK(order(sd.get()) == Ints{1, 2, 99, 4});
  // {1, 2, 3, 40, 9}.intersection([40, 9, 1, 77]) -> [40, 9, 1]
  ORef in = meth(set_of({1, 2, 3, 40, 9}).get(), "intersection", {list_of({40, 9, 1, 77}).get()});
  REQUIRE(in);
  CHECK(order(in.get()) == Ints{40, 9, 1});
  // set(range(40)).difference({1, 2, 3}) -> everything else in order
  ORef df = meth(steal(set_new(list_of(range(0, 40, 1)).get())).get(), "difference", {set_of({1, 2, 3}).get()});
  REQUIRE(df);
  Ints rest = {0};
  for (int64_t i = 4; i < 40; i++) rest.push_back(i);
  CHECK(order(df.get()) == rest);
  // frozenset | set is a frozenset; set | frozenset a set.
  ORef fz = steal(frozenset_new(list_of({1, 2}).get()));
  CHECK(repr_of(ORef(steal(binary_op(fz.get(), set_of({3}).get(), NB_OR))).get()) == "frozenset({1, 2, 3})");
  CHECK(repr_of(ORef(steal(binary_op(set_of({3}).get(), fz.get(), NB_OR))).get()) == "{1, 2, 3}");
}

TEST_CASE("set comparisons and predicates") {
  setup();
  ORef small = set_of({1, 2});
  ORef big = set_of({1, 2, 3});
  ORef fbig = steal(frozenset_new(big.get()));
  CHECK(rich_compare_bool(small.get(), big.get(), Py_LT) == 1);
  CHECK(rich_compare_bool(big.get(), small.get(), Py_GT) == 1);
  CHECK(rich_compare_bool(big.get(), fbig.get(), Py_EQ) == 1);
  CHECK(rich_compare_bool(big.get(), fbig.get(), Py_LT) == 0);
  CHECK(rich_compare_bool(big.get(), fbig.get(), Py_LE) == 1);
  CHECK(rich_compare_bool(small.get(), big.get(), Py_NE) == 1);
  CHECK(meth(small.get(), "issubset", {list_of({2, 1, 7}).get()}).get() == true_());
  CHECK(meth(big.get(), "issuperset", {list_of({3, 1}).get()}).get() == true_());
  CHECK(meth(small.get(), "isdisjoint", {list_of({3, 4}).get()}).get() == true_());
  CHECK(meth(small.get(), "isdisjoint", {fbig.get()}).get() == false_());
  // `set() in s` looks the set up as a frozenset.
  ORef holder = steal(set_new(nullptr));
  ORef empty_f = steal(frozenset_new(nullptr));
  REQUIRE(set_add(holder.get(), empty_f.get()) == 0);
  CHECK(sequence_contains(holder.get(), ORef(steal(set_new(nullptr))).get()) == 1);
  CHECK(meth(holder.get(), "remove", {ORef(steal(set_new(nullptr))).get()}).get() == none());
  CHECK(set_size(holder.get()) == 0);
}

TEST_CASE("frozenset hash matches CPython") {
  setup();
  auto h = [](const Ints& xs) {
    ORef f = steal(frozenset_new(list_of(xs).get()));
    return object_hash(f.get());
  };
  CHECK(h({1, 2, 3}) == -272375401224217160);
  CHECK(h({}) == 133146708735736);
  CHECK(h(range(0, 100, 1)) == 4411996150312757951);
  CHECK(h({-1, -2}) == 399283329322573);
  // Equal frozensets built in different orders hash alike.
  CHECK(h({3, 2, 1}) == h({1, 2, 3}));
  ORef s = set_of({1});
  CHECK(object_hash(s.get()) == -1);
  CHECK(take_error() == "TypeError: unhashable type: 'set'");
}

TEST_CASE("set repr, pop, errors") {
  setup();
  CHECK(repr_of(set_of({1, 2}).get()) == "{1, 2}");
  CHECK(repr_of(ORef(steal(set_new(nullptr))).get()) == "set()");
  CHECK(repr_of(ORef(steal(frozenset_new(list_of({1}).get()))).get()) == "frozenset({1})");
  CHECK(repr_of(ORef(steal(frozenset_new(nullptr))).get()) == "frozenset()");

  ORef s = set_of({5, 3, 10, 1});
  Ints popped;
  for (int i = 0; i < 4; i++) {
    ORef x = steal(set_pop(s.get()));
    REQUIRE(x);
    popped.push_back(as_i64(x.get()));
  }
  CHECK(popped == Ints{1, 10, 3, 5});
  CHECK(!set_pop(s.get()));
  CHECK(take_error() == "KeyError: 'pop from an empty set'");
  ORef r = steal(set_new(list_of(range(0, 20, 1)).get()));
  popped.clear();
  for (int i = 0; i < 5; i++) popped.push_back(as_i64(ORef(steal(set_pop(r.get()))).get()));
  CHECK(popped == Ints{0, 1, 2, 3, 4});
  CHECK(order(r.get()) == range(5, 20, 1));

  CHECK(!meth(set_of({}).get(), "remove", {I(1).get()}));
  CHECK(take_error() == "KeyError: 1");
  ORef unhashable = steal(list_new(0));
  CHECK(set_add(s.get(), unhashable.get()) == -1);
  CHECK(take_error() == "TypeError: unhashable type: 'list'");
  CHECK(sequence_contains(s.get(), unhashable.get()) == -1);
  CHECK(take_error() == "TypeError: unhashable type: 'list'");
  ORef two = steal(tuple_pack({none(), none()}));
  CHECK(!call_tuple_dict(reinterpret_cast<Object*>(&set_type), two.get(), nullptr));
  CHECK(take_error() == "TypeError: set expected at most 1 argument, got 2");
  ORef kw = steal(dict_new());
  REQUIRE(dict_set_str(kw.get(), "a", I(1).get()) == 0);
  CHECK(!call_tuple_dict(reinterpret_cast<Object*>(&frozenset_type), tuple_empty(), kw.get()));
  CHECK(take_error() == "TypeError: frozenset() takes no keyword arguments");
  CHECK(!binary_op(set_of({}).get(), list_of({}).get(), NB_OR));
  CHECK(take_error() == "TypeError: unsupported operand type(s) for |: 'set' and 'list'");

  // Mutation during iteration.
  ORef m = set_of({1, 2, 3});
  ORef it = steal(get_iter(m.get()));
  decref(iter_next(it.get()));
  REQUIRE(set_add(m.get(), I(4).get()) == 0);
  CHECK(!iter_next(it.get()));
  CHECK(take_error() == "RuntimeError: Set changed size during iteration");
}

TEST_CASE("set: four threads adding disjoint keys") {
  setup();
  ORef s = steal(set_new(nullptr));
  constexpr int kThreads = 4;
  constexpr int64_t kPerThread = 5000;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; t++) {
    threads.emplace_back([&, t] {
      for (int64_t i = 0; i < kPerThread; i++) {
        Object* key = int_from_i64(t * kPerThread + i);
        if (!key || set_add(s.get(), key) < 0) failures++;
        xdecref(key);
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(failures == 0);
  CHECK(set_size(s.get()) == kThreads * kPerThread);
  for (int64_t k = 0; k < kThreads * kPerThread; k++) CHECK(set_contains(s.get(), I(k).get()) == 1);
}
