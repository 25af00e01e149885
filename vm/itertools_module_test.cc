// Tests for the itertools module: shared iterators stay consistent when several threads call next() at once.
#include <algorithm>
#include <catch2/catch.hpp>
#include <thread>
#include <vector>

#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/range.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/modules/modules.h"
#include "vm/runtime.h"

using namespace pyvm;

namespace {

Object* module() {
  static Object* m = [] {
    REQUIRE(runtime_init() == 0);
    Object* mod = create_itertools_module();
    REQUIRE(mod != nullptr);
    return mod;
  }();
  return m;
}

// itertools.<name>(*args) as a new reference.
ORef make(const char* name, std::initializer_list<Object*> args) {
  Object* f = nullptr;
  REQUIRE(dict_get_str(module_dict(module()), name, &f) > 0);
  ORef fn = steal(f);
  std::vector<Object*> a(args);
  ORef r = steal(call(fn.get(), a.data(), a.size(), nullptr));
  REQUIRE(r);
  return r;
}

ORef range_of(ssize n) { return steal(range_new(0, n, 1)); }
ORef int_of(int64_t v) { return steal(int_from_i64(v)); }

// Calls next() on `it` from kThreads threads until it is exhausted (or `limit` items per thread), and returns every
// item converted by `key` to an int64.
template <class Key>
std::vector<int64_t> drain(Object* it, Key key, int64_t limit = -1) {
  constexpr int kThreads = 4;
  std::vector<std::vector<int64_t>> seen(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; t++) {
    threads.emplace_back([it, t, limit, &seen, &key] {
      iternextfunc next = type_of(it)->tp_iternext;
      for (int64_t n = 0; limit < 0 || n < limit; n++) {
        Object* x = next(it);
        if (!x) break;
        seen[size_t(t)].push_back(key(x));
        decref(x);
      }
    });
  }
  for (auto& th : threads) th.join();
  REQUIRE_FALSE(error_occurred());
  std::vector<int64_t> all;
  for (auto& s : seen) all.insert(all.end(), s.begin(), s.end());
  std::sort(all.begin(), all.end());
  return all;
}

int64_t as_int(Object* x) {
  int ovf = 0;
  return int_as_i64(x, &ovf);
}

std::vector<int64_t> iota(int64_t n, int64_t step = 1) {
  std::vector<int64_t> v;
  for (int64_t i = 0; i < n; i++) v.push_back(i * step);
  return v;
}

}  // namespace

TEST_CASE("itertools: count and repeat shared by threads hand out each value once", "[itertools][threads]") {
  ORef c = make("count", {});
  CHECK(drain(c.get(), as_int, 20000) == iota(80000));
  ORef c2 = make("count", {int_of(0).get(), int_of(3).get()});
  CHECK(drain(c2.get(), as_int, 5000) == iota(20000, 3));
  ORef r = make("repeat", {int_of(7).get(), int_of(50000).get()});
  CHECK(drain(r.get(), as_int).size() == 50000);
}

TEST_CASE("itertools: terminating iterators shared by threads", "[itertools][threads]") {
  constexpr ssize kN = 100000;
  ORef a = range_of(kN / 2), b = range_of(kN / 2);
  ORef ch = make("chain", {a.get(), b.get()});
  std::vector<int64_t> half = iota(kN / 2), twice;
  for (int64_t v : half) twice.insert(twice.end(), {v, v});
  CHECK(drain(ch.get(), as_int) == twice);

  ORef sl = make("islice", {range_of(kN).get(), none(), none(), int_of(3).get()});
  CHECK(drain(sl.get(), as_int) == iota((kN + 2) / 3, 3));

  ORef ac = make("accumulate", {make("repeat", {int_of(1).get(), int_of(kN).get()}).get()});
  std::vector<int64_t> sums = drain(ac.get(), as_int);
  REQUIRE(sums.size() == size_t(kN));
  for (ssize i = 0; i < kN; i++) CHECK(sums[size_t(i)] == i + 1);

  ORef cy = make("cycle", {range_of(10).get()});
  std::vector<int64_t> cyc = drain(cy.get(), as_int, 10000);
  for (int64_t v = 0; v < 10; v++) CHECK(std::count(cyc.begin(), cyc.end(), v) == 4000);

  auto first = [](Object* t) { return as_int(tuple_get(t, 0)); };
  ORef bt = make("batched", {range_of(kN).get(), int_of(10).get()});
  CHECK(drain(bt.get(), first) == iota(kN / 10, 10));
  ORef pw = make("pairwise", {range_of(kN).get()});
  CHECK(drain(pw.get(), first) == iota(kN - 1));
  ORef zl = make("zip_longest", {range_of(kN).get(), range_of(10).get()});
  CHECK(drain(zl.get(), first) == iota(kN));
}

TEST_CASE("itertools: combinatoric iterators shared by threads", "[itertools][threads]") {
  // Encodes a tuple of small ints as one number, so that every result must appear exactly once.
  auto code = [](Object* t) {
    int64_t v = 0;
    for (ssize i = 0; i < tuple_size(t); i++) v = v * 100 + as_int(tuple_get(t, i));
    return v;
  };
  auto unique_count = [](std::vector<int64_t> v) { return size_t(std::unique(v.begin(), v.end()) - v.begin()); };
  ORef p = make("product", {range_of(40).get(), range_of(40).get(), range_of(20).get()});
  std::vector<int64_t> prod = drain(p.get(), code);
  CHECK(prod.size() == 32000);
  CHECK(unique_count(prod) == 32000);
  ORef pm = make("permutations", {range_of(8).get()});
  std::vector<int64_t> perms = drain(pm.get(), code);
  CHECK(perms.size() == 40320);
  CHECK(unique_count(perms) == 40320);
  ORef cb = make("combinations", {range_of(24).get(), int_of(4).get()});
  std::vector<int64_t> combs = drain(cb.get(), code);
  CHECK(combs.size() == 10626);
  CHECK(unique_count(combs) == 10626);
  ORef cw = make("combinations_with_replacement", {range_of(15).get(), int_of(4).get()});
  std::vector<int64_t> cwr = drain(cw.get(), code);
  CHECK(cwr.size() == 3060);
  CHECK(unique_count(cwr) == 3060);
}

TEST_CASE("itertools: tee and groupby shared by threads", "[itertools][threads]") {
  constexpr ssize kN = 100000;
  ORef tees = make("tee", {range_of(kN).get(), int_of(4).get()});
  // One tee iterator shared by all threads.
  CHECK(drain(tuple_get(tees.get(), 0), as_int) == iota(kN));
  // Each thread walks its own copy over the shared data objects.
  ORef fresh = make("tee", {range_of(kN).get(), int_of(4).get()});
  std::vector<std::vector<int64_t>> seen(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; t++) {
    threads.emplace_back([&, t] {
      Object* it = tuple_get(fresh.get(), t);
      while (Object* x = type_of(it)->tp_iternext(it)) {
        seen[size_t(t)].push_back(as_int(x));
        decref(x);
      }
    });
  }
  for (auto& th : threads) th.join();
  for (auto& s : seen) CHECK(s == iota(kN));

  ORef gb = make("groupby", {make("chain", {range_of(1000).get(), range_of(1000).get()}).get()});
  std::vector<int64_t> keys = drain(gb.get(), [](Object* t) { return as_int(tuple_get(t, 0)); });
  CHECK(keys.size() == 2000);
}
