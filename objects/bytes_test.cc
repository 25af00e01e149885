// Tests for bytes and bytearray: layouts, singletons, bytearray growth and buffer exports, thread safety of
// mutations, and a battery of cases whose expected results were recorded by running CPython 3.13
// (tools/gen_str_tests.py).
#include "objects/bytes.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "alloc/refcount.h"
#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/range.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/marshal.h"
#include "vm/runtime.h"
#include "vm/sync/mutex.h"

using namespace pyvm;

namespace {

void init() {
  REQUIRE(runtime_init() == 0);
  REQUIRE(str_types_init() == 0);
}

std::string err() {
  ORef e = steal(error_take());
  if (!e) return "<no error>";
  std::string s;
  if (type_check(e.get(), &exc_UnicodeError)) {
    ORef args = steal(get_attr_str(e.get(), "args"));
    if (!args || !repr_utf8(args.get(), &s)) {
      error_clear();
      s = "<args failed>";
    }
  } else if (!object_str_utf8(e.get(), &s)) {
    error_clear();
    s = "<str() failed>";
  }
  return std::string(type_name(e.get())) + ": " + s;
}

std::string repr(Object* o) {
  if (!o) return err();
  std::string s;
  if (!repr_utf8(o, &s)) return "<repr failed: " + err() + ">";
  return s;
}

Object* call_method(Object* self, const char* name, std::vector<Object*> args) {
  ORef m = steal(get_attr_str(self, name));
  if (!m) return nullptr;
  return call(m.get(), args.data(), args.size(), nullptr);
}

// ---- The CPython-recorded battery (see tools/gen_str_tests.py for the case format) ----

#include "objects/recorded_cases_test.inc"

#include "objects/bytes_cases_test.inc"

}  // namespace

TEST_CASE("bytes: layout and singletons", "[bytes]") {
  init();
  ORef b = steal(bytes_from("h\0i", 3));
  REQUIRE(b);
  auto* p = reinterpret_cast<PyBytesObject*>(b.get());
  CHECK(var_size(b.get()) == 3);
  CHECK(p->ob_sval[1] == '\0');
  CHECK(p->ob_sval[3] == '\0');  // NUL-terminated after the data
  CHECK(p->ob_shash == -1);
  hash_t h = bytes_hash(b.get());
  CHECK(p->ob_shash == h);
  CHECK(bytes_from("", 0) == bytes_empty());
  CHECK(alloc::is_immortal(bytes_empty()));
  Object* a1 = bytes_from("a", 1);
  Object* a2 = bytes_from("a", 1);
  CHECK(a1 == a2);
  CHECK(alloc::is_immortal(a1));
  CHECK(repr(b.get()) == "b'h\\x00i'");
}

TEST_CASE("bytearray: growth policy matches CPython's __alloc__", "[bytes]") {
  init();
  // bytearray(); append(1) twenty times; __alloc__ after each (from CPython 3.13).
  const ssize expected[] = {2, 5, 5, 5, 8, 8, 8, 12, 12, 12, 12, 19, 19, 19, 19, 19, 19, 19, 27, 27};
  ORef ba = steal(bytearray_from(nullptr, 0));
  ORef one = steal(int_from_i64(1));
  for (ssize want : expected) {
    ORef r = steal(call_method(ba.get(), "append", {one.get()}));
    REQUIRE(r);
    CHECK(reinterpret_cast<PyByteArrayObject*>(ba.get())->ob_alloc == want);
  }
  // bytearray(b'abc') has __alloc__ 4; extend by 10 gives 14; del [:12] shrinks to 2 (CPython 3.13).
  ORef abc = steal(bytes_from("abc", 3));
  Object* argv[1] = {abc.get()};
  ORef ba2 = steal(call(reinterpret_cast<Object*>(&bytearray_type), argv, 1, nullptr));
  REQUIRE(ba2);
  CHECK(reinterpret_cast<PyByteArrayObject*>(ba2.get())->ob_alloc == 4);
  ORef ten = steal(bytes_from("xxxxxxxxxx", 10));
  REQUIRE(steal(call_method(ba2.get(), "extend", {ten.get()})));
  CHECK(reinterpret_cast<PyByteArrayObject*>(ba2.get())->ob_alloc == 14);
  ORef sl = steal(slice_new(nullptr, steal(int_from_i64(12)).get(), nullptr));
  REQUIRE(del_item(ba2.get(), sl.get()) == 0);
  CHECK(reinterpret_cast<PyByteArrayObject*>(ba2.get())->ob_alloc == 2);
  CHECK(bytearray_size(ba2.get()) == 1);
}

TEST_CASE("bytearray: exported buffers block resizing", "[bytes]") {
  init();
  ORef ba = steal(bytearray_from("abc", 3));
  Py_buffer view;
  std::memset(&view, 0, sizeof view);
  REQUIRE(type_of(ba.get())->tp_as_buffer->bf_getbuffer(ba.get(), &view, 0) == 0);
  CHECK(view.len == 3);
  CHECK(view.readonly == 0);
  CHECK(reinterpret_cast<PyByteArrayObject*>(ba.get())->ob_exports == 1);
  ORef x = steal(int_from_i64(120));
  CHECK(call_method(ba.get(), "append", {x.get()}) == nullptr);
  CHECK(err() == "BufferError: Existing exports of data: object cannot be re-sized");
  type_of(ba.get())->tp_as_buffer->bf_releasebuffer(ba.get(), &view);
  decref(view.obj);
  CHECK(reinterpret_cast<PyByteArrayObject*>(ba.get())->ob_exports == 0);
  ORef r = steal(call_method(ba.get(), "append", {x.get()}));
  CHECK(r);
  CHECK(repr(ba.get()) == "bytearray(b'abcx')");
  // bytes buffers are read-only.
  ORef b = steal(bytes_from("xy", 2));
  CHECK(type_of(b.get())->tp_as_buffer->bf_getbuffer(b.get(), &view, 1 /* PyBUF_WRITABLE */) == -1);
  CHECK(err() == "BufferError: Object is not writable.");
}

TEST_CASE("bytearray: concurrent appends are not lost", "[bytes]") {
  init();
  ORef ba = steal(bytearray_from(nullptr, 0));
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; t++) {
    threads.emplace_back([&, t] {
      ORef v = steal(int_from_i64(65 + t));
      for (int i = 0; i < 500; i++) {
        ORef r = steal(call_method(ba.get(), "append", {v.get()}));
        if (!r) error_clear();
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(bytearray_size(ba.get()) == 8 * 500);
  std::string contents(bytearray_data(ba.get()), size_t(bytearray_size(ba.get())));
  for (int t = 0; t < 8; t++) {
    CHECK(std::count(contents.begin(), contents.end(), char(65 + t)) == 500);
  }
}

TEST_CASE("bytes: CPython-recorded cases", "[bytes]") { run_battery(kBytesCases, kBytesCasesSize); }
