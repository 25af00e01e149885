// Tests for memoryview and the buffer helpers: ABI layout, exporter locking and release, indexing, slicing,
// assignment, casts, native formats (half floats included), comparison, hashing and concurrent use.
#include "objects/memoryview.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "objects/abstract.h"
#include "objects/buffer.h"
#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/float.h"
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
  if (!o) return err();
  std::string s;
  if (!repr_utf8(o, &s)) return "<repr failed: " + err() + ">";
  return s;
}

// repr of a new reference (or the pending error), consuming it.
std::string show(Object* o) {
  ORef r = steal(o);
  return repr(r.get());
}

Object* call_method(Object* self, const char* name, std::vector<Object*> args) {
  ORef m = steal(get_attr_str(self, name));
  if (!m) return nullptr;
  return call(m.get(), args.data(), args.size(), nullptr);
}

ORef I(int64_t v) { return steal(int_from_i64(v)); }
ORef S(const char* s) { return steal(str_from_utf8(s)); }
ORef B(const std::string& s) { return steal(bytes_from(s.data(), ssize(s.size()))); }
ORef BA(const std::string& s) { return steal(bytearray_from(s.data(), ssize(s.size()))); }
ORef MV(Object* o) { return steal(memoryview_from_object(o)); }
ORef slice(int64_t a, int64_t b, int64_t c) {
  ORef x = I(a), y = I(b), z = I(c);
  return steal(slice_new(x.get(), y.get(), z.get()));
}
std::string attr(Object* o, const char* name) { return show(get_attr_str(o, name)); }
ssize exports(Object* ba) { return reinterpret_cast<PyByteArrayObject*>(ba)->ob_exports; }

}  // namespace

TEST_CASE("memoryview: layout matches CPython 3.13t", "[memoryview]") {
  init();
  CHECK(memoryview_type.tp_basicsize == 160);
  CHECK(memoryview_type.tp_itemsize == 8);
  CHECK(offsetof(PyMemoryViewObject, view) == 72);
  CHECK(sizeof(_PyManagedBufferObject) == 128);
  ORef b = B("abc");
  ORef m = MV(b.get());
  REQUIRE(m);
  auto* mv = reinterpret_cast<PyMemoryViewObject*>(m.get());
  CHECK(var_size(m.get()) == 3);  // shape, strides, suboffsets for one dimension
  CHECK(mv->view.shape == mv->ob_array);
  CHECK(mv->view.obj == b.get());
  CHECK(mv->mbuf->exports == 1);
  CHECK(mv->hash == -1);
  CHECK(repr(m.get()).rfind("<memory at 0x", 0) == 0);
}

TEST_CASE("memoryview: construction and attributes", "[memoryview]") {
  init();
  ORef b = B("abcdef");
  ORef m = MV(b.get());
  CHECK(attr(m.get(), "obj") == "b'abcdef'");
  CHECK(attr(m.get(), "nbytes") == "6");
  CHECK(attr(m.get(), "readonly") == "True");
  CHECK(attr(m.get(), "itemsize") == "1");
  CHECK(attr(m.get(), "format") == "'B'");
  CHECK(attr(m.get(), "ndim") == "1");
  CHECK(attr(m.get(), "shape") == "(6,)");
  CHECK(attr(m.get(), "strides") == "(1,)");
  CHECK(attr(m.get(), "suboffsets") == "()");
  CHECK(attr(m.get(), "c_contiguous") == "True");
  ORef i = I(3);
  CHECK(memoryview_from_object(i.get()) == nullptr);
  CHECK(err() == "TypeError: memoryview: a bytes-like object is required, not 'int'");
  ORef s = S("x");
  CHECK(memoryview_from_object(s.get()) == nullptr);
  CHECK(err() == "TypeError: memoryview: a bytes-like object is required, not 'str'");
}

TEST_CASE("memoryview: a bytearray cannot be resized while viewed", "[memoryview]") {
  init();
  ORef ba = BA("abc");
  ORef one = I(1);
  {
    ORef m = MV(ba.get());
    CHECK(exports(ba.get()) == 1);
    CHECK(show(call_method(ba.get(), "append", {one.get()})) ==
          "BufferError: Existing exports of data: object cannot be re-sized");
    ORef chained = MV(m.get());  // registers with the same managed buffer: no new export
    CHECK(exports(ba.get()) == 1);
    CHECK(show(call_method(m.get(), "release", {})) == "None");
    CHECK(exports(ba.get()) == 1);  // `chained` still holds it
    CHECK(show(get_attr_str(m.get(), "nbytes")) == "ValueError: operation forbidden on released memoryview object");
    CHECK(repr(m.get()).rfind("<released memory at 0x", 0) == 0);
  }
  // Dropping the last view releases the buffer.
  CHECK(exports(ba.get()) == 0);
  CHECK(show(call_method(ba.get(), "append", {one.get()})) == "None");
  CHECK(bytearray_size(ba.get()) == 4);
}

TEST_CASE("memoryview: indexing, slicing and assignment", "[memoryview]") {
  init();
  ORef ba = BA("abcdef");
  ORef m = MV(ba.get());
  ORef k = I(-1);
  CHECK(show(get_item(m.get(), k.get())) == "102");
  ORef far = I(6);
  CHECK(show(get_item(m.get(), far.get())) == "IndexError: index out of bounds on dimension 1");
  ORef sl = slice(1, 6, 2);
  ORef sub = steal(get_item(m.get(), sl.get()));
  REQUIRE(sub);
  CHECK(attr(sub.get(), "shape") == "(3,)");
  CHECK(attr(sub.get(), "strides") == "(2,)");
  CHECK(attr(sub.get(), "c_contiguous") == "False");
  CHECK(show(call_method(sub.get(), "tobytes", {})) == "b'bdf'");
  // Writes through the strided view land in the bytearray.
  ORef xyz = B("XYZ");
  REQUIRE(set_item(sub.get(), slice(0, 3, 1).get(), xyz.get()) == 0);
  CHECK(repr(ba.get()) == "bytearray(b'aXcYeZ')");
  ORef two = B("ab");
  CHECK(set_item(sub.get(), slice(0, 3, 1).get(), two.get()) == -1);
  CHECK(err() == "ValueError: memoryview assignment: lvalue and rvalue have different structures");
  ORef zero = I(0), big = I(256);
  CHECK(set_item(m.get(), zero.get(), big.get()) == -1);
  CHECK(err() == "ValueError: memoryview: invalid value for format 'B'");
  ORef q = I(81);
  REQUIRE(set_item(m.get(), zero.get(), q.get()) == 0);
  CHECK(bytearray_data(ba.get())[0] == 'Q');
  CHECK(del_item(m.get(), zero.get()) == -1);
  CHECK(err() == "TypeError: cannot delete memory");
  ORef ro = MV(B("ab").get());
  CHECK(set_item(ro.get(), zero.get(), q.get()) == -1);
  CHECK(err() == "TypeError: cannot modify read-only memory");
  // Overlapping slice assignment within one buffer.
  ORef whole = MV(ba.get());
  ORef src = steal(get_item(whole.get(), slice(0, 5, 1).get()));
  REQUIRE(set_item(whole.get(), slice(1, 6, 1).get(), src.get()) == 0);
  CHECK(repr(ba.get()) == "bytearray(b'QQXcYe')");
}

TEST_CASE("memoryview: casts, multi-dimensional tolist and tobytes orders", "[memoryview]") {
  init();
  std::string raw;
  for (int i = 0; i < 12; i++) raw.push_back(char(i));
  ORef b = B(raw);
  ORef m = MV(b.get());
  ORef fmt = S("B");
  ORef shape = steal(tuple_pack({I(3).get(), I(4).get()}));
  ORef m2 = steal(call_method(m.get(), "cast", {fmt.get(), shape.get()}));
  REQUIRE(m2);
  CHECK(attr(m2.get(), "strides") == "(4, 1)");
  CHECK(attr(m2.get(), "f_contiguous") == "False");
  CHECK(show(call_method(m2.get(), "tolist", {})) == "[[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]");
  ORef F = S("F");
  CHECK(show(call_method(m2.get(), "tobytes", {F.get()})) ==
        "b'\\x00\\x04\\x08\\x01\\x05\\t\\x02\\x06\\n\\x03\\x07\\x0b'");
  ORef fi = S("i");
  ORef mi = steal(call_method(m.get(), "cast", {fi.get()}));
  REQUIRE(mi);
  CHECK(show(call_method(mi.get(), "tolist", {})) == "[50462976, 117835012, 185207048]");
  ORef fh = S("h");
  CHECK(show(call_method(mi.get(), "cast", {fh.get()})) ==
        "TypeError: memoryview: cannot cast between two non-byte formats");
  ORef bad = S("<i");
  CHECK(show(call_method(m.get(), "cast", {bad.get()})) ==
        "ValueError: memoryview: destination format must be a native single character format prefixed with an "
        "optional '@'");
  ORef odd = MV(B("abcde").get());
  CHECK(show(call_method(odd.get(), "cast", {fi.get()})) ==
        "TypeError: memoryview: length is not a multiple of itemsize");
}

TEST_CASE("memoryview: native formats round-trip", "[memoryview]") {
  init();
  const char* codes = "bBhHiIlLqQnNfde?P";
  for (const char* c = codes; *c; c++) {
    char code;
    ssize size = native_format_size(std::string(1, *c).c_str(), &code);
    REQUIRE(size > 0);
    CHECK(code == *c);
    char buf[16] = {};
    ORef v = *c == 'f' || *c == 'd' || *c == 'e' ? steal(float_from_double(1.5)) : I(1);
    REQUIRE(pack_native(code, c, v.get(), buf));
    ORef back = steal(unpack_native(code, buf));
    REQUIRE(back);
    CHECK(rich_compare_bool(back.get(), v.get(), Py_EQ) == 1);
  }
  char code;
  CHECK(native_format_size("@i", &code) == 4);
  CHECK(code == 'i');
  CHECK(native_format_size("<i", &code) == -1);
  CHECK(native_format_size("ii", &code) == -1);
  CHECK(std::string(native_format_static("@d")) == "@d");
  CHECK(std::string(native_format_static("d")) == "d");
  // Errors follow memoryview's wording.
  char buf[16];
  ORef neg = I(-1);
  CHECK(!pack_native('B', "B", neg.get(), buf));
  CHECK(err() == "ValueError: memoryview: invalid value for format 'B'");
  ORef s = S("x");
  CHECK(!pack_native('d', "d", s.get(), buf));
  CHECK(err() == "TypeError: memoryview: invalid type for format 'd'");
  CHECK(pack_native('P', "P", neg.get(), buf));  // pointers accept negative C longs
  uint64_t p;
  std::memcpy(&p, buf, 8);
  CHECK(p == UINT64_MAX);
}

TEST_CASE("memoryview: binary16 packing matches CPython", "[memoryview]") {
  auto bits = [](double x) -> int {
    unsigned char out[2];
    if (!pack_half(x, out)) {
      error_clear();
      return -1;
    }
    return out[0] | (out[1] << 8);
  };
  CHECK(bits(1.0) == 0x3c00);
  CHECK(bits(-2.0) == 0xc000);
  CHECK(bits(65504.0) == 0x7bff);
  CHECK(bits(65519.99) == 0x7bff);              // rounds down to the largest finite half
  CHECK(bits(65520.0) == -1);                   // rounds up out of range
  CHECK(bits(std::ldexp(1.0, -24)) == 0x0001);  // smallest subnormal
  CHECK(bits(std::ldexp(1.0, -25)) == 0x0000);  // a tie rounds to even (zero)
  CHECK(bits(std::ldexp(3.0, -25)) == 0x0002);  // a tie rounds to even (two)
  CHECK(bits(HUGE_VAL) == 0x7c00);
  CHECK(bits(std::nan("")) == 0x7e00);
  CHECK(bits(-0.0) == 0x8000);
  unsigned char in[2] = {0xff, 0x7b};
  CHECK(unpack_half(in) == 65504.0);
  unsigned char sub[2] = {0x01, 0x00};
  CHECK(unpack_half(sub) == std::ldexp(1.0, -24));
}

TEST_CASE("memoryview: equality and hashing", "[memoryview]") {
  init();
  ORef b = B("abcd");
  ORef m = MV(b.get());
  CHECK(rich_compare_bool(m.get(), b.get(), Py_EQ) == 1);
  ORef other = B("abce");
  CHECK(rich_compare_bool(m.get(), other.get(), Py_EQ) == 0);
  ORef c = S("c");
  ORef mc = steal(call_method(m.get(), "cast", {c.get()}));
  CHECK(rich_compare_bool(mc.get(), m.get(), Py_EQ) == 0);  // b'a' != 97
  ORef bb = S("b");
  ORef mb = steal(call_method(m.get(), "cast", {bb.get()}));
  CHECK(rich_compare_bool(mb.get(), m.get(), Py_EQ) == 1);
  CHECK(object_hash(m.get()) == object_hash(b.get()));
  CHECK(object_hash(mc.get()) == object_hash(b.get()));
  ORef fi = S("i");
  ORef mi = steal(call_method(m.get(), "cast", {fi.get()}));
  CHECK(object_hash(mi.get()) == -1);
  CHECK(err() == "ValueError: memoryview: hashing is restricted to formats 'B', 'b' or 'c'");
  ORef w = MV(BA("ab").get());
  CHECK(object_hash(w.get()) == -1);
  CHECK(err() == "ValueError: cannot hash writable memoryview object");
  // A NaN is not equal to itself, even in the same view.
  std::string nan_bytes(4, '\0');
  float nanf = std::nanf("");
  std::memcpy(nan_bytes.data(), &nanf, 4);
  ORef nb = B(nan_bytes);
  ORef nm = MV(nb.get());
  ORef ff = S("f");
  ORef nf = steal(call_method(nm.get(), "cast", {ff.get()}));
  CHECK(rich_compare_bool(nf.get(), nf.get(), Py_EQ) == 1);  // identity shortcut of the generic helper
  ORef eq = steal(rich_compare(nf.get(), nf.get(), Py_EQ));
  CHECK(repr(eq.get()) == "False");
}

TEST_CASE("memoryview: re-exported buffers pin the view", "[memoryview]") {
  init();
  ORef b = B("abcdef");
  ORef m = MV(b.get());
  Py_buffer view;
  REQUIRE(get_buffer(m.get(), &view, PyBUF_SIMPLE) == 0);
  CHECK(view.len == 6);
  CHECK(show(call_method(m.get(), "release", {})) == "BufferError: memoryview has 1 exported buffer");
  release_buffer(&view);
  ORef strided = steal(get_item(m.get(), slice(0, 6, 2).get()));
  CHECK(get_buffer(strided.get(), &view, PyBUF_SIMPLE) == -1);
  CHECK(err() == "BufferError: memoryview: underlying buffer is not C-contiguous");
  REQUIRE(get_buffer(strided.get(), &view, PyBUF_FULL_RO) == 0);
  std::string out(3, '\0');
  REQUIRE(buffer_to_contiguous(out.data(), &view, 'C') == 0);
  CHECK(out == "ace");
  release_buffer(&view);
  // bytes() copies strided views; simple consumers refuse them as CPython's do.
  ORef copied = steal(call1(reinterpret_cast<Object*>(&bytes_type), strided.get()));
  CHECK(repr(copied.get()) == "b'ace'");
  CHECK(show(call_method(m.get(), "release", {})) == "None");
}

TEST_CASE("memoryview: concurrent readers and a releaser", "[memoryview]") {
  init();
  for (int round = 0; round < 20; round++) {
    ORef ba = BA(std::string(4096, 'x'));
    ORef m = MV(ba.get());
    std::atomic<bool> go{false};
    std::vector<std::thread> readers;
    for (int t = 0; t < 4; t++) {
      readers.emplace_back([&] {
        while (!go.load()) {
        }
        for (int i = 0; i < 200; i++) {
          ORef r = steal(call_method(m.get(), "tobytes", {}));
          if (!r) {
            std::string e = err();
            if (e != "ValueError: operation forbidden on released memoryview object") std::abort();
            return;
          }
          if (bytes_size(r.get()) != 4096) std::abort();
        }
      });
    }
    go = true;
    ORef done = steal(call_method(m.get(), "release", {}));
    CHECK(done);
    for (auto& th : readers) th.join();
    // Once released, the bytearray may be resized again.
    CHECK(exports(ba.get()) == 0);
    ORef one = I(1);
    CHECK(show(call_method(ba.get(), "append", {one.get()})) == "None");
  }
}

TEST_CASE("memoryview: views made and dropped on many threads", "[memoryview]") {
  init();
  ORef ba = BA("0123456789");
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; t++) {
    threads.emplace_back([&] {
      for (int i = 0; i < 500; i++) {
        ORef m = MV(ba.get());
        if (!m) std::abort();
        ORef sub = steal(get_item(m.get(), slice(1, 9, 2).get()));
        if (!sub) std::abort();
        ORef r = steal(call_method(i % 2 ? m.get() : sub.get(), "release", {}));
        if (!r) std::abort();
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(exports(ba.get()) == 0);
}
