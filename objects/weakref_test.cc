// Tests for weak references: refs, reuse, callbacks, hashing, proxies, classes, and the race between the last
// decref of a referent and other threads dereferencing weak references to it. Messages are CPython 3.13's.
#include "objects/weakref.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "objects/abstract.h"
#include "objects/descr.h"
#include "objects/dict.h"
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
  static const bool ok = runtime_init() == 0;
  REQUIRE(ok);
}

std::string error_message() {
  ORef exc = steal(error_take());
  REQUIRE(exc);
  std::string s;
  REQUIRE(object_str_utf8(exc.get(), &s));
  return std::string(type_name(exc.get())) + ": " + s;
}

ORef new_set() {
  ORef s = steal(set_new(nullptr));
  REQUIRE(s);
  return s;
}

// A callback that records the references it is called with (strong references, in call order).
std::mutex g_calls_mu;
std::vector<Object*> g_calls;
Object* record_callback(Object*, Object* ref) {
  std::lock_guard<std::mutex> g(g_calls_mu);
  g_calls.push_back(newref(ref));
  return newref(none());
}
PyMethodDef record_def = {"record", record_callback, METH_O, nullptr};

Object* failing_callback(Object*, Object*) { return set_error(&exc_ValueError, "boom"); }
PyMethodDef failing_def = {"failing", failing_callback, METH_O, nullptr};

void clear_calls() {
  std::lock_guard<std::mutex> g(g_calls_mu);
  for (Object* o : g_calls) decref(o);
  g_calls.clear();
}

ORef callback(PyMethodDef* def) {
  ORef f = steal(cfunction_new(def, nullptr, nullptr));
  REQUIRE(f);
  return f;
}

// class <name>(object) with the given namespace entries; a __slots__ entry is passed through.
ORef make_class(const char* name, Object* slots = nullptr) {
  ORef ns = steal(dict_new());
  REQUIRE(ns);
  if (slots) REQUIRE(dict_set_str(ns.get(), "__slots__", slots) == 0);
  ORef n = steal(str_from_utf8(name));
  ORef bases = steal(tuple_new(0));
  ORef args = steal(tuple_pack({n.get(), bases.get(), ns.get()}));
  ORef cls = steal(call_tuple_dict(reinterpret_cast<Object*>(&type_type), args.get(), nullptr));
  REQUIRE(cls);
  return cls;
}

ORef instantiate(const ORef& cls) {
  ORef o = steal(call0(cls.get()));
  REQUIRE(o);
  return o;
}

}  // namespace

TEST_CASE("a ref returns its referent while it lives, then None") {
  setup();
  ORef s = new_set();
  ORef r = steal(weakref_new(s.get(), nullptr));
  REQUIRE(r);
  CHECK(type_of(r.get()) == &weakref_ref_type);
  ORef got = steal(call0(r.get()));
  CHECK(got.get() == s.get());
  got = nullptr;
  CHECK(weakref_count(s.get()) == 1);
  s = nullptr;  // the set dies here
  CHECK(weakref_get(r.get()) == nullptr);
  ORef dead = steal(call0(r.get()));
  CHECK(dead.get() == none());
  CHECK(weakref_is_dead(r.get()));
}

TEST_CASE("ref() without a callback reuses the basic ref; callbacks make new ones") {
  setup();
  ORef s = new_set();
  ORef cb = callback(&record_def);
  ORef a = steal(weakref_new(s.get(), nullptr));
  ORef b = steal(weakref_new(s.get(), none()));
  ORef c = steal(weakref_new(s.get(), cb.get()));
  ORef p = steal(weakref_proxy_new(s.get(), nullptr));
  ORef q = steal(weakref_proxy_new(s.get(), nullptr));
  CHECK(a.get() == b.get());
  CHECK(c.get() != a.get());
  CHECK(p.get() == q.get());
  CHECK(type_of(p.get()) == &weakref_proxy_type);
  CHECK(weakref_count(s.get()) == 3);
  ORef list = steal(weakref_list(s.get()));
  REQUIRE(list_size(list.get()) == 3);
  // The basic ref first, then the basic proxy, then the others.
  CHECK(list_items(list.get())[0] == a.get());
  CHECK(list_items(list.get())[1] == p.get());
  CHECK(list_items(list.get())[2] == c.get());
  ORef first = steal(weakref_first(s.get()));
  CHECK(first.get() == a.get());
  clear_calls();
}

TEST_CASE("callbacks run newest first with the dead reference, and errors are not propagated") {
  setup();
  clear_calls();
  ORef cb = callback(&record_def);
  ORef bad = callback(&failing_def);
  ORef s = new_set();
  ORef r1 = steal(weakref_new(s.get(), cb.get()));
  ORef r2 = steal(weakref_new(s.get(), bad.get()));
  ORef r3 = steal(weakref_new(s.get(), cb.get()));
  ORef p = steal(weakref_proxy_new(s.get(), cb.get()));
  ORef plain = steal(weakref_new(s.get(), nullptr));
  ORef cb_attr = steal(get_attr_str(r1.get(), "__callback__"));
  CHECK(cb_attr.get() == cb.get());
  // An exception already set survives the callbacks (deallocation can happen while one propagates).
  set_error(&exc_KeyError, "pending");
  s = nullptr;
  CHECK(error_message() == "KeyError: 'pending'");
  {
    std::lock_guard<std::mutex> g(g_calls_mu);
    REQUIRE(g_calls.size() == 3);
    CHECK(g_calls[0] == p.get());
    CHECK(g_calls[1] == r3.get());
    CHECK(g_calls[2] == r1.get());
  }
  cb_attr = steal(get_attr_str(r1.get(), "__callback__"));
  CHECK(cb_attr.get() == none());
  CHECK(weakref_get(plain.get()) == nullptr);
  clear_calls();
}

TEST_CASE("a reference that dies first never calls back") {
  setup();
  clear_calls();
  ORef cb = callback(&record_def);
  ORef s = new_set();
  ORef r = steal(weakref_new(s.get(), cb.get()));
  CHECK(weakref_count(s.get()) == 1);
  r = nullptr;
  CHECK(weakref_count(s.get()) == 0);
  s = nullptr;
  std::lock_guard<std::mutex> g(g_calls_mu);
  CHECK(g_calls.empty());
}

TEST_CASE("hash is the referent's, cached; a dead ref never hashed cannot hash") {
  setup();
  ORef s = steal(frozenset_new(nullptr));
  ORef cb = callback(&record_def);
  ORef r = steal(weakref_new(s.get(), cb.get()));
  ORef r2 = steal(weakref_new(s.get(), nullptr));
  hash_t h = object_hash(s.get());
  CHECK(object_hash(r.get()) == h);
  // Equal while both referents live (the same one here), identity afterwards.
  CHECK(rich_compare_bool(r.get(), r2.get(), Py_EQ) == 1);
  s = nullptr;
  CHECK(object_hash(r.get()) == h);
  CHECK(object_hash(r2.get()) == -1);
  CHECK(error_message() == "TypeError: weak object has gone away");
  CHECK(rich_compare_bool(r.get(), r2.get(), Py_EQ) == 0);
  clear_calls();
}

TEST_CASE("types without weak reference support are refused") {
  setup();
  ORef i = steal(int_from_i64(12345));
  CHECK(weakref_new(i.get(), nullptr) == nullptr);
  CHECK(error_message() == "TypeError: cannot create weak reference to 'int' object");
  CHECK(weakref_count(i.get()) == 0);
  ORef r = steal(weakref_new(reinterpret_cast<Object*>(&int_type), nullptr));  // static types: immortal
  REQUIRE(r);
  ORef got = steal(call0(r.get()));
  CHECK(got.get() == reinterpret_cast<Object*>(&int_type));
  CHECK(weakref_new(r.get(), nullptr) == nullptr);
  CHECK(error_message() == "TypeError: cannot create weak reference to 'weakref.ReferenceType' object");
}

TEST_CASE("class instances: weak references by default, with __slots__ only when listed") {
  setup();
  ORef plain = make_class("Plain");
  CHECK(has_flag(reinterpret_cast<Type*>(plain.get()), Py_TPFLAGS_MANAGED_WEAKREF));
  CHECK(reinterpret_cast<Type*>(plain.get())->tp_weaklistoffset == kManagedWeakrefOffset);
  ORef o = instantiate(plain);
  REQUIRE(set_attr_str(o.get(), "x", none()) == 0);
  ORef r = steal(weakref_new(o.get(), nullptr));
  REQUIRE(r);
  ORef wr = steal(get_attr_str(o.get(), "__weakref__"));
  CHECK(wr.get() == r.get());
  o = nullptr;
  CHECK(weakref_get(r.get()) == nullptr);

  ORef empty = steal(tuple_new(0));
  ORef slotted = make_class("Slotted", empty.get());
  ORef so = instantiate(slotted);
  CHECK(weakref_new(so.get(), nullptr) == nullptr);
  CHECK(error_message() == "TypeError: cannot create weak reference to 'Slotted' object");

  ORef wname = steal(str_from_utf8("__weakref__"));
  ORef wslots = steal(tuple_pack({wname.get()}));
  ORef weak_only = make_class("WeakOnly", wslots.get());
  CHECK(has_flag(reinterpret_cast<Type*>(weak_only.get()), Py_TPFLAGS_MANAGED_WEAKREF));
  CHECK(!has_flag(reinterpret_cast<Type*>(weak_only.get()), Py_TPFLAGS_MANAGED_DICT));
  ORef wo = instantiate(weak_only);
  ORef r2 = steal(weakref_new(wo.get(), nullptr));
  REQUIRE(r2);
  wo = nullptr;
  CHECK(weakref_get(r2.get()) == nullptr);
}

TEST_CASE("proxies forward operations and raise ReferenceError once the referent is gone") {
  setup();
  ORef s = new_set();
  ORef one = steal(int_from_i64(1));
  REQUIRE(set_add(s.get(), one.get()) == 0);
  ORef p = steal(weakref_proxy_new(s.get(), nullptr));
  CHECK(object_length(p.get()) == 1);
  CHECK(sequence_contains(p.get(), one.get()) == 1);
  ORef meth = steal(get_attr_str(p.get(), "add"));
  REQUIRE(meth);
  meth = nullptr;
  CHECK(object_hash(p.get()) == -1);
  CHECK(error_message() == "TypeError: unhashable type: 'weakref.ProxyType'");
  s = nullptr;
  CHECK(object_length(p.get()) == -1);
  CHECK(error_message() == "ReferenceError: weakly-referenced object no longer exists");
  CHECK(get_attr_str(p.get(), "add") == nullptr);
  CHECK(error_message() == "ReferenceError: weakly-referenced object no longer exists");
  ORef cp = steal(weakref_proxy_new(reinterpret_cast<Object*>(&int_type), nullptr));
  CHECK(type_of(cp.get()) == &weakref_callable_proxy_type);
}

// The free-threading contract: strong references to shared referents are created and dropped on several threads
// (so referents die on owners and non-owners, through merges and queues) while other threads dereference weak
// references to them, create new ones (reusing basic refs) and list them. A dereference must yield either a live
// object or None; every callback of a reference that outlives its referent runs exactly once; nothing is freed
// twice or read after free (run under --config=tsan and --config=asan).
namespace {

std::atomic<long> g_stress_callbacks{0};
std::atomic<long> g_stress_bad{0};
Object* stress_callback(Object*, Object* ref) {
  if (weakref_get(ref) != nullptr) g_stress_bad.fetch_add(1);  // called while the referent is still reachable
  g_stress_callbacks.fetch_add(1);
  return newref(none());
}
PyMethodDef stress_def = {"stress", stress_callback, METH_O, nullptr};

constexpr int kSlots = 16;
struct Shared {
  std::mutex mu[kSlots];
  Object* strong[kSlots] = {};  // strong references to referents, swapped by all threads
  Object* weak[kSlots] = {};    // strong references to weak references, read by the readers
};

// Replaces *slot (under mu) with v (stolen) and drops the old value outside the lock.
void swap_slot(std::mutex& mu, Object** slot, Object* v) {
  Object* old;
  {
    std::lock_guard<std::mutex> g(mu);
    old = *slot;
    *slot = v;
  }
  xdecref(old);
}

Object* take_ref(std::mutex& mu, Object* const* slot) {
  std::lock_guard<std::mutex> g(mu);
  return xnewref(*slot);
}

}  // namespace

TEST_CASE("stress: weak references race with the last decref of their referents") {
  setup();
  constexpr int kCreators = 2, kDroppers = 2, kReaders = 3, kRounds = 20000;
  Shared sh;
  ORef cb = callback(&stress_def);
  std::atomic<int> creators_done{0};
  std::atomic<long> created_with_callback{0}, seen_alive{0};
  std::vector<std::vector<Object*>> kept(kCreators);  // every ref with a callback, kept to the end
  std::vector<std::thread> threads;
  for (int t = 0; t < kCreators; t++) {
    threads.emplace_back([&, t] {
      uint32_t x = 17 + t;
      // Past kRounds, go on until a reader has seen a live referent: on a loaded machine the readers may not be
      // scheduled at all before the creators finish (the cap keeps a broken reader from hanging the test).
      for (int i = 0; i < kRounds || (seen_alive.load() == 0 && i < 50 * kRounds); i++) {
        x = x * 1103515245 + 12345;
        int slot = int((x >> 8) % kSlots);
        Object* s = set_new(nullptr);
        if (!s) {
          g_stress_bad.fetch_add(1);
          continue;
        }
        Object* r = weakref_new(s, (x & 0x1000) ? cb.get() : nullptr);
        if (!r) {
          g_stress_bad.fetch_add(1);
          decref(s);
          continue;
        }
        if (x & 0x1000) {
          kept[size_t(t)].push_back(newref(r));
          created_with_callback.fetch_add(1);
        }
        swap_slot(sh.mu[slot], &sh.weak[slot], r);
        if (x & 0x2000) swap_slot(sh.mu[slot], &sh.strong[slot], newref(s));  // share it
        decref(s);
        if ((i & 31) == 0) alloc::drain_merge_queue();
      }
      creators_done.fetch_add(1);
      alloc::drain_merge_queue();
    });
  }
  for (int t = 0; t < kDroppers; t++) {
    threads.emplace_back([&, t] {
      uint32_t x = 1000 + t;
      while (creators_done.load() < kCreators) {
        x = x * 1103515245 + 12345;
        int slot = int((x >> 8) % kSlots);
        Object* s = take_ref(sh.mu[slot], &sh.strong[slot]);
        if (s) {
          incref(s);  // churn the shared count, then drop what we took; maybe the slot's reference too
          decref(s);
          decref(s);
          if (x & 0x100) swap_slot(sh.mu[slot], &sh.strong[slot], nullptr);
        }
        alloc::drain_merge_queue();
      }
    });
  }
  for (int t = 0; t < kReaders; t++) {
    threads.emplace_back([&, t] {
      uint32_t x = 5000 + t;
      while (creators_done.load() < kCreators) {
        x = x * 1103515245 + 12345;
        int slot = int((x >> 8) % kSlots);
        Object* r = take_ref(sh.mu[slot], &sh.weak[slot]);
        if (!r) continue;
        if (Object* s = weakref_get(r)) {
          seen_alive.fetch_add(1);
          if (type_of(s) != &set_type || set_size(s) != 0) g_stress_bad.fetch_add(1);
          switch (x & 3) {
            case 0: {  // a new plain ref: reuses the basic ref when there is a live one
              Object* again = weakref_new(s, nullptr);
              Object* back = again ? weakref_get(again) : nullptr;
              if (back != s) g_stress_bad.fetch_add(1);
              xdecref(back);
              xdecref(again);
              break;
            }
            case 1: {
              Object* l = weakref_list(s);
              if (!l || list_size(l) < 1) g_stress_bad.fetch_add(1);
              xdecref(l);
              break;
            }
            case 2: {
              Object* p = weakref_proxy_new(s, nullptr);
              if (!p || object_length(p) != 0) g_stress_bad.fetch_add(1);
              xdecref(p);
              break;
            }
            default:
              if (weakref_count(s) < 1) g_stress_bad.fetch_add(1);
          }
          decref(s);
        }
        decref(r);
        alloc::drain_merge_queue();
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int i = 0; i < kSlots; i++) {
    swap_slot(sh.mu[i], &sh.strong[i], nullptr);
    swap_slot(sh.mu[i], &sh.weak[i], nullptr);
  }
  alloc::drain_merge_queue();
  // A dropper may queue a reference to a creator after the creator's last drain: the creator's thread exit then
  // leaves it as an orphan for the survivors, which a quiescent point runs (this is the only thread left).
  alloc::qsbr_quiescent();
  CHECK(g_stress_bad.load() == 0);
  CHECK(seen_alive.load() > 0);
  // Every referent is dead now (the creators' threads exited, their queues merged or orphaned and run), and every
  // kept reference outlived its referent: each callback ran exactly once.
  long dead = 0;
  for (auto& v : kept)
    for (Object* r : v) {
      dead += weakref_get(r) == nullptr;
      decref(r);
    }
  CHECK(dead == created_with_callback.load());
  CHECK(g_stress_callbacks.load() == created_with_callback.load());
}
