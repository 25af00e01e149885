// Tests for class creation, the subclass registry and slot updates, against messages printed by CPython 3.13.
#include "objects/type.h"

#include <catch2/catch.hpp>
#include <string>

#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/list.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/runtime.h"


#ifdef PYVM_SANITIZER
// Classes are reference cycles (a class's dict and MRO refer back to it) that only a cycle collector frees; pyvm's
// does not examine classes yet, so the classes these tests create are reported as leaks. Leak checking is off for
// this test alone.
extern "C" const char* __asan_default_options() { return "detect_leaks=0"; }
#endif

using namespace pyvm;

namespace {

void init() { REQUIRE(runtime_init() == 0); }

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

// type(name, bases, {}) with `bases` given as a list of classes.
ORef make_class(const char* name, std::initializer_list<Object*> bases) {
  ORef n = steal(str_from_utf8(name));
  ORef b = steal(tuple_pack(bases));
  ORef d = steal(dict_new());
  Object* args[3] = {n.get(), b.get(), d.get()};
  return steal(call(reinterpret_cast<Object*>(&type_type), args, 3, nullptr));
}

Type* T(const ORef& r) { return reinterpret_cast<Type*>(r.get()); }
Object* O(Type* t) { return reinterpret_cast<Object*>(t); }

bool lists_subclass(Type* base, Type* sub) {
  for (Ref<Type>& s : type_subclasses(base))
    if (s.get() == sub) return true;
  return false;
}

}  // namespace

TEST_CASE("type: new classes are registered with their bases, in order") {
  init();
  ORef a = make_class("A", {});
  REQUIRE(a);
  ORef b = make_class("B", {a.get()});
  ORef c = make_class("C", {a.get()});
  REQUIRE((b && c));
  std::vector<Ref<Type>> subs = type_subclasses(T(a));
  REQUIRE(subs.size() == 2);
  CHECK(subs[0].get() == T(b));
  CHECK(subs[1].get() == T(c));
  CHECK(lists_subclass(&object_type, T(a)));
  CHECK(lists_subclass(&int_type, &bool_type));
}

TEST_CASE("type: __hash__ = None on a base reaches its subclasses, and deleting it restores hashing") {
  init();
  ORef a = make_class("A", {});
  ORef b = make_class("B", {a.get()});
  REQUIRE((a && b));
  ORef inst = steal(call0(b.get()));
  REQUIRE(inst);
  CHECK(object_hash(inst.get()) != -1);
  REQUIRE(set_attr_str(a.get(), "__hash__", none()) == 0);
  CHECK(object_hash(inst.get()) == -1);
  CHECK(err() == "TypeError: unhashable type: 'B'");
  REQUIRE(set_attr_str(a.get(), "__hash__", nullptr) == 0);
  CHECK(object_hash(inst.get()) != -1);
}

TEST_CASE("type: MRO conflicts and duplicate bases use CPython's messages") {
  init();
  ORef x = make_class("X", {});
  ORef y = make_class("Y", {});
  ORef a = make_class("A", {x.get(), y.get()});
  ORef b = make_class("B", {y.get(), x.get()});
  REQUIRE((a && b));
  CHECK(!make_class("C", {a.get(), b.get()}));
  CHECK(err() == "TypeError: Cannot create a consistent method resolution order (MRO) for bases X, Y");
  CHECK(!make_class("D", {x.get(), x.get()}));
  CHECK(err() == "TypeError: duplicate base class X");
  CHECK(!make_class("E", {O(&bool_type)}));
  CHECK(err() == "TypeError: type 'bool' is not an acceptable base type");
  CHECK(!make_class("F", {O(&int_type), O(&str_type)}));
  CHECK(err() == "TypeError: multiple bases have instance lay-out conflict");
}

TEST_CASE("type: the best base is the first base with the most derived layout") {
  init();
  ORef left = make_class("Left", {});
  ORef right = make_class("Right", {});
  ORef both = make_class("Both", {left.get(), right.get()});
  REQUIRE(both);
  CHECK(T(both)->tp_base == T(left));
  ORef mixed = make_class("Mixed", {left.get(), O(&int_type)});
  REQUIRE(mixed);
  CHECK(T(mixed)->tp_base == &int_type);
}

TEST_CASE("type: assigning __bases__ recomputes the MRO of the class and its subclasses") {
  init();
  ORef n1 = make_class("N1", {});
  ORef n2 = make_class("N2", {});
  ORef swap = make_class("Swap", {n1.get()});
  ORef below = make_class("Below", {swap.get()});
  REQUIRE((swap && below));
  ORef nb = steal(tuple_pack({n2.get()}));
  REQUIRE(set_attr_str(swap.get(), "__bases__", nb.get()) == 0);
  CHECK(is_subtype(T(below), T(n2)));
  CHECK(!is_subtype(T(below), T(n1)));
  CHECK(lists_subclass(T(n2), T(swap)));
  CHECK(!lists_subclass(T(n1), T(swap)));
  ORef empty = steal(tuple_pack({}));
  CHECK(set_attr_str(swap.get(), "__bases__", empty.get()) == -1);
  CHECK(err() == "TypeError: can only assign non-empty tuple to Swap.__bases__, not ()");
}
