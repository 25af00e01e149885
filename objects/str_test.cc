// Tests for str: the PEP 393 layout and kinds, UTF-8 round trips and its cache, hashing, interning, and a battery
// of method/operator/format cases whose expected results were recorded by running CPython 3.13
// (tools/gen_str_tests.py).
#include "objects/str.h"

#include <catch2/catch.hpp>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "alloc/refcount.h"
#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/range.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/marshal.h"
#include "vm/runtime.h"

using namespace pyvm;

namespace {

void init() {
  REQUIRE(runtime_init() == 0);
  REQUIRE(str_types_init() == 0);
}

ORef S(const char* utf8) { return steal(str_from_utf8(utf8, ssize(std::strlen(utf8)))); }

std::string err() {
  ORef e = steal(error_take());
  if (!e) return "<no error>";
  std::string s;
  if (type_check(e.get(), &exc_UnicodeError)) {
    // The recorded expectation for UnicodeError subclasses is their args (independent of __str__).
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

// ---- The CPython-recorded battery (see tools/gen_str_tests.py for the case format) ----

#include "objects/recorded_cases_test.inc"

#include "objects/str_cases_test.inc"

}  // namespace

TEST_CASE("str: kinds and layout", "[str]") {
  init();
  struct Case {
    const char* text;
    int kind;
    bool ascii;
    ssize len;
  } cases[] = {{"", 1, true, 0},
               {"abc", 1, true, 3},
               {"\xc3\xa9", 1, false, 1},
               {"\xe2\x82\xac", 2, false, 1},
               {"\xf0\x9d\x84\x9e", 4, false, 1},
               {"a\xe2\x82\xac\xf0\x9d\x84\x9e", 4, false, 3}};
  for (const Case& c : cases) {
    ORef s = S(c.text);
    REQUIRE(s);
    CHECK(str_kind(s.get()) == c.kind);
    CHECK(str_is_ascii(s.get()) == c.ascii);
    CHECK(str_length(s.get()) == c.len);
    auto* a = reinterpret_cast<PyASCIIObject*>(s.get());
    CHECK(a->state.compact == 1);
    // The code units follow the header directly, NUL-terminated.
    size_t header = c.ascii ? sizeof(PyASCIIObject) : sizeof(PyCompactUnicodeObject);
    CHECK(str_data(s.get()) == reinterpret_cast<char*>(s.get()) + header);
    uint32_t nul = 0;
    std::memcpy(&nul, static_cast<char*>(str_data(s.get())) + c.len * c.kind, size_t(c.kind));
    CHECK(nul == 0);
  }
  // Slices and joins come out in the narrowest kind.
  ORef mixed = S("a\xe2\x82\xac\xf0\x9d\x84\x9e");
  ORef head = steal(str_substring(mixed.get(), 0, 1));
  CHECK(str_kind(head.get()) == 1);
  CHECK(str_is_ascii(head.get()));
  ORef mid = steal(str_substring(mixed.get(), 1, 2));
  CHECK(str_kind(mid.get()) == 2);
}

TEST_CASE("str: UTF-8 round trips and the cached UTF-8 view", "[str]") {
  init();
  const char* texts[] = {"plain ascii", "caf\xc3\xa9", "\xe2\x82\xac uro \xe2\x82\xac",
                         "\xf0\x9d\x84\x9e music \xf0\x9f\x98\x80", "mix \xc3\xa9\xe2\x82\xac\xf0\x9d\x84\x9e!"};
  for (const char* t : texts) {
    ORef s = S(t);
    REQUIRE(s);
    ssize n = 0;
    const char* p = str_utf8(s.get(), &n);
    REQUIRE(p);
    CHECK(std::string(p, size_t(n)) == t);
    CHECK(str_utf8(s.get()) == p);  // cached: the same buffer again
    ORef b = steal(str_encode(s.get(), "utf-8", "strict"));
    ORef back = steal(str_decode(bytes_data(b.get()), bytes_size(b.get()), "utf-8", "strict"));
    CHECK(str_equal(back.get(), s.get()));
  }
  // Lone surrogates have no UTF-8 form.
  uint32_t sur[] = {'a', 0xd800};
  ORef s = steal(str_from_ucs4(sur, 2));
  CHECK(str_utf8(s.get()) == nullptr);
  CHECK(err() == "UnicodeEncodeError: ('utf-8', 'a\\ud800', 1, 2, 'surrogates not allowed')");
  // Invalid input raises UnicodeDecodeError.
  CHECK(str_from_utf8("a\xff", 2) == nullptr);
  CHECK(err() == "UnicodeDecodeError: ('utf-8', b'a\\xff', 1, 2, 'invalid start byte')");
}

TEST_CASE("str: the UTF-8 cache is published once under contention", "[str]") {
  init();
  for (int round = 0; round < 20; round++) {
    ORef s = S("contended \xc3\xa9\xe2\x82\xac\xf0\x9d\x84\x9e text");
    std::vector<const char*> seen(8);
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; i++) {
      threads.emplace_back([&, i] { seen[size_t(i)] = str_utf8(s.get()); });
    }
    for (auto& t : threads) t.join();
    for (const char* p : seen) CHECK(p == seen[0]);
    CHECK(std::string(seen[0]) == "contended \xc3\xa9\xe2\x82\xac\xf0\x9d\x84\x9e text");
  }
}

TEST_CASE("str: hashing", "[str]") {
  init();
  ORef a = S("h\xc3\xa9llo"), b = S("h\xc3\xa9llo");
  CHECK(a.get() != b.get());
  CHECK(str_hash(a.get()) == str_hash(b.get()));
  CHECK(str_hash(a.get()) != -1);
  CHECK(str_hash(str_empty()) == 0);
  ORef bytes = steal(bytes_from("abc", 3));
  ORef abc = S("abc");
  CHECK(bytes_hash(bytes.get()) == str_hash(abc.get()));
}

TEST_CASE("str: interning and immortal singletons", "[str]") {
  init();
  Object* p = str_interned("some_identifier");
  REQUIRE(p);
  CHECK(str_interned("some_identifier") == p);
  CHECK(str_is_interned(p));
  CHECK(alloc::is_immortal(p));
  Object* q = str_intern(S("some_identifier").release_obj());
  CHECK(q == p);
  CHECK(str_interned("__init__") == strs::init);
  CHECK(str_interned("") == str_empty());
  CHECK(strs::empty == str_empty());
  // One-character Latin-1 strings are unique and immortal, whoever creates them.
  ORef e1 = S("\xc3\xa9");
  ORef e2 = steal(str_from_char(0xe9));
  CHECK(e1.get() == e2.get());
  CHECK(alloc::is_immortal(e1.get()));
  ORef x = S("xyz");
  ORef item = steal(get_item(x.get(), steal(int_from_i64(1)).get()));
  CHECK(item.get() == str_interned("y"));
  // Interning from several threads yields one object.
  std::vector<Object*> got(8);
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; i++) {
    threads.emplace_back([&, i] { got[size_t(i)] = str_intern(str_from_utf8("thread-interned", 15)); });
  }
  for (auto& t : threads) t.join();
  for (Object* g : got) CHECK(g == got[0]);
}

TEST_CASE("str: concat, join, find and count", "[str]") {
  init();
  ORef a = S("ab"), b = S("\xe2\x82\xac");
  ORef c = steal(str_concat(a.get(), b.get()));
  CHECK(repr(c.get()) == "'ab\xe2\x82\xac'");
  CHECK(str_kind(c.get()) == 2);
  ORef list = steal(list_new(0));
  for (const char* t : {"x", "\xc3\xa9", "\xf0\x9d\x84\x9e"}) REQUIRE(list_append(list.get(), S(t).get()) == 0);
  ORef sep = S(", ");
  ORef joined = steal(str_join(sep.get(), list.get()));
  CHECK(repr(joined.get()) == "'x, \xc3\xa9, \xf0\x9d\x84\x9e'");
  ORef hay =
           S("abc\xe2\x82\xac"
             "abc"),
       needle = S("bc");
  CHECK(str_find(hay.get(), needle.get(), 0, str_length(hay.get()), 1) == 1);
  CHECK(str_find(hay.get(), needle.get(), 0, str_length(hay.get()), -1) == 5);
  CHECK(str_count(hay.get(), needle.get(), 0, str_length(hay.get())) == 2);
  ORef wide = S("\xf0\x9d\x84\x9e");
  CHECK(str_find(hay.get(), wide.get(), 0, str_length(hay.get()), 1) == -1);
  CHECK(str_compare(needle.get(), hay.get()) == 1);
  CHECK(str_compare(S("\xe2\x82\xac").get(), S("\xf0\x9d\x84\x9e").get()) == -1);
}

TEST_CASE("str: format() and % through the C++ entry points", "[str]") {
  init();
  ORef spec = S("*^9");
  ORef v = S("h\xc3\xa9llo");
  CHECK(repr(steal(format_object(v.get(), spec.get())).get()) == "'**h\xc3\xa9llo**'");
  ORef n = steal(int_from_i64(42));
  CHECK(repr(steal(format_object(n.get(), nullptr)).get()) == "'42'");
  ORef fmt = S("%s=%05.1f|%-3d|%c");
  ORef args = steal(
      tuple_pack({S("x").get(), steal(float_from_double(2.25)).get(), n.get(), steal(int_from_i64(0x20ac)).get()}));
  CHECK(repr(steal(str_percent_format(fmt.get(), args.get())).get()) == "'x=002.2|42 |\xe2\x82\xac'");
}

TEST_CASE("str: known deviations from CPython", "[str]") {
  init();
  // utf-16 writes a native-order BOM, as CPython does ('x' -> b'\xff\xfex\x00' on little-endian machines).
  ORef x = S("x");
  ORef b = steal(str_encode(x.get(), "utf-16", "strict"));
  REQUIRE(b);
  CHECK(bytes_view(b.get()) == std::string_view("\xff\xfex\x00", 4));
  // Our Unicode tables are 15.0 (Debian's unicode-data), CPython 3.13's are 15.1: CJK Extension I is unassigned
  // here, so U+2EBF0 is neither alphabetic nor printable (CPython: both).
  CHECK_FALSE(uchar_isalpha(0x2ebf0));
  CHECK_FALSE(uchar_isprintable(0x2ebf0));
}

TEST_CASE("str: CPython-recorded cases", "[str]") { run_battery(kStrCases, kStrCasesSize); }
