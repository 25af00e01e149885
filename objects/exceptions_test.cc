// Tests for the exception types: except-clause checks, OSError's errno subclasses and str(), UnicodeError's
// constructors and str(), SyntaxError's details, and except* matching, against CPython 3.13's behaviour.
#include "objects/exceptions.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/exception_group.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/runtime.h"

using namespace pyvm;

namespace {

void init() { REQUIRE(runtime_init() == 0); }

Object* cls(Type& t) { return reinterpret_cast<Object*>(&t); }
ORef S(const char* s) { return steal(str_from_utf8(s)); }
ORef I(int64_t v) { return steal(int_from_i64(v)); }
ORef T(std::vector<Object*> items) { return steal(tuple_from_array(items.data(), ssize(items.size()))); }

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

std::string str(Object* o) {
  std::string s;
  if (!o) return "<null: " + err() + ">";
  if (!object_str_utf8(o, &s)) return "<str failed: " + err() + ">";
  return s;
}

// Calls `type(*args)`.
ORef make(Type& t, std::vector<Object*> args) {
  ORef a = T(args);
  return steal(call_tuple_dict(cls(t), a.get(), nullptr));
}

}  // namespace

TEST_CASE("except clauses accept exception classes and tuples of them only", "[exceptions]") {
  init();
  CHECK(check_except_type_valid(cls(exc_ValueError)) == 0);
  ORef good = T({cls(exc_ValueError), cls(exc_KeyError)});
  CHECK(check_except_type_valid(good.get()) == 0);
  CHECK(check_except_type_valid(cls(int_type)) == -1);
  CHECK(err() == "TypeError: catching classes that do not inherit from BaseException is not allowed");
  ORef bad = T({cls(exc_ValueError), cls(int_type)});
  CHECK(check_except_type_valid(bad.get()) == -1);
  CHECK(err() == "TypeError: catching classes that do not inherit from BaseException is not allowed");
  ORef nested = T({good.get()});
  CHECK(check_except_type_valid(nested.get()) == -1);
  error_clear();
}

TEST_CASE("OSError picks the errno's subclass and formats filenames", "[exceptions]") {
  init();
  ORef two = I(2), msg = S("No such file"), f1 = S("a.txt"), f2 = S("b.txt");
  ORef e = make(exc_OSError, {two.get(), msg.get(), f1.get(), none(), f2.get()});
  REQUIRE(e);
  CHECK(type_of(e.get()) == &exc_FileNotFoundError);
  CHECK(str(e.get()) == "[Errno 2] No such file: 'a.txt' -> 'b.txt'");
  ORef args = steal(get_attr_str(e.get(), "args"));
  CHECK(tuple_size(args.get()) == 2);
  ORef eleven = I(11), five = I(5), block = S("would block");
  ORef b = make(exc_BlockingIOError, {eleven.get(), block.get(), five.get()});
  REQUIRE(b);
  CHECK(str(b.get()) == "[Errno 11] would block");
  ORef written = steal(get_attr_str(b.get(), "characters_written"));
  CHECK(str(written.get()) == "5");
  ORef one_arg = make(exc_OSError, {two.get()});
  CHECK(type_of(one_arg.get()) == &exc_OSError);
}

TEST_CASE("UnicodeError subclasses check their arguments and print CPython's messages", "[exceptions]") {
  init();
  ORef enc = S("utf-8"), reason = S("invalid start byte");
  ORef data = steal(bytes_from("ab\xff", 3));
  ORef two = I(2), three = I(3), zero = I(0);
  ORef d = make(exc_UnicodeDecodeError, {enc.get(), data.get(), two.get(), three.get(), reason.get()});
  CHECK(str(d.get()) == "'utf-8' codec can't decode byte 0xff in position 2: invalid start byte");
  ORef range = make(exc_UnicodeDecodeError, {enc.get(), data.get(), zero.get(), three.get(), reason.get()});
  CHECK(str(range.get()) == "'utf-8' codec can't decode bytes in position 0-2: invalid start byte");
  ORef few = make(exc_UnicodeDecodeError, {enc.get(), data.get(), two.get(), three.get()});
  CHECK(!few);
  CHECK(err() == "TypeError: function takes exactly 5 arguments (4 given)");
  ORef text = S("caf\xc3\xa9");
  ORef bad_obj = make(exc_UnicodeDecodeError, {enc.get(), text.get(), two.get(), three.get(), reason.get()});
  CHECK(!bad_obj);
  CHECK(err() == "TypeError: a bytes-like object is required, not 'str'");
  ORef e = make(exc_UnicodeEncodeError, {enc.get(), text.get(), three.get(), I(4).get(), reason.get()});
  CHECK(str(e.get()) == "'utf-8' codec can't encode character '\\xe9' in position 3: invalid start byte");
  ORef t = make(exc_UnicodeTranslateError, {text.get(), zero.get(), two.get(), reason.get()});
  CHECK(str(t.get()) == "can't translate characters in position 0-1: invalid start byte");
}

TEST_CASE("SyntaxError checks the details tuple", "[exceptions]") {
  init();
  ORef m = S("m"), f = S("f"), one = I(1);
  ORef short_details = T({f.get(), one.get()});
  ORef e = make(exc_SyntaxError, {m.get(), short_details.get()});
  CHECK(!e);
  CHECK(err() == "TypeError: function takes at least 4 arguments (2 given)");
  ORef details = T({f.get(), one.get(), one.get(), m.get()});
  ORef ok = make(exc_SyntaxError, {m.get(), details.get()});
  CHECK(str(ok.get()) == "m (f, line 1)");
}

TEST_CASE("except* wraps a matching naked exception and splits groups", "[exceptions]") {
  init();
  ORef v = make(exc_ValueError, {});
  Object* match = nullptr;
  Object* rest = nullptr;
  REQUIRE(exception_group_match(v.get(), cls(exc_ValueError), &match, &rest) == 0);
  ORef mr = steal(match), rr = steal(rest);
  CHECK(is_exception_group(match));
  CHECK(rest == none());
  CHECK(as_exc(match)->traceback == nullptr);
  REQUIRE(exception_group_match(v.get(), cls(exc_KeyError), &match, &rest) == 0);
  mr = steal(match);
  rr = steal(rest);
  CHECK(match == none());
  CHECK(rest == v.get());
  CHECK(exception_group_match(v.get(), cls(exc_ExceptionGroup), &match, &rest) == -1);
  CHECK(err() == "TypeError: catching ExceptionGroup with except* is not allowed. Use except instead.");
  ORef k = make(exc_KeyError, {});
  ORef members = T({v.get(), k.get()});
  ORef g = make(exc_ExceptionGroup, {S("g").get(), members.get()});
  REQUIRE(g);
  REQUIRE(exception_group_match(g.get(), cls(exc_KeyError), &match, &rest) == 0);
  mr = steal(match);
  rr = steal(rest);
  CHECK(str(match) == "g (1 sub-exception)");
  CHECK(str(rest) == "g (1 sub-exception)");
  CHECK(as_exc(match)->suppress_context == 1);
}
