// Tests for float and complex: shortest repr, numeric hash, parsing, round(), hex()/fromhex(), arithmetic sign
// rules, exact comparison with int, and format specs. Every expected value was produced by running CPython 3.13.
#include "objects/float.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <string>

#include "objects/abstract.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/runtime.h"

using namespace pyvm;

namespace {

void init() { REQUIRE(runtime_init() == 0); }

ORef F(double v) { return steal(float_from_double(v)); }
ORef I(int64_t v) { return steal(int_from_i64(v)); }
ORef S(const char* s) { return steal(str_from_utf8(s, ssize(std::strlen(s)))); }
std::string repr(Object* o) {
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
ORef op(Object* a, Object* b, int o) {
  ORef r = steal(binary_op(a, b, o));
  REQUIRE(r);
  return r;
}
Object* call_meth(Object* self, const char* name, std::initializer_list<Object*> args = {}) {
  std::vector<Object*> v(args);
  return call_method(self, str_interned(name), v.data(), ssize(v.size()));
}
// Same double, bit for bit (so -0.0 differs from 0.0), or both NaN.
bool same(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  return a == b && std::signbit(a) == std::signbit(b);
}
Object* call_type(Type* t, std::initializer_list<Object*> args) {
  std::vector<Object*> v(args);
  return call(reinterpret_cast<Object*>(t), v.data(), v.size(), nullptr);
}

}  // namespace

TEST_CASE("float repr is the shortest round-trip text", "[float]") {
  init();
  struct Case {
    double v;
    const char* text;
  };
  static const Case cases[] = {
      {0x1.3333333333334p-2, "0.30000000000000004"},
      {0x1.1c37937e08000p+53, "1e+16"},
      {0x1.4f8b588e368f1p-17, "1e-05"},
      {0x1.b69b4ba630f35p+56, "1.2345678901234568e+17"},
      {0x1.c6bf526340000p+49, "1000000000000000.0"},
      {-0x0.0p+0, "-0.0"},
      {0x0.0p+0, "0.0"},
      {0x0.0000000000001p-1022, "5e-324"},
      {0x1.0000000000000p-1022, "2.2250738585072014e-308"},
      {0x1.fffffffffffffp+1023, "1.7976931348623157e+308"},
      {0x1.1c37937e07fffp+53, "9999999999999998.0"},
      {0x1.a36e2eb1c432dp-14, "0.0001"},
      {0x1.0f0cf064dd592p+73, "1e+22"},
      {0x1.9000000000000p+6, "100.0"},
      {INFINITY, "inf"},
      {-INFINITY, "-inf"},
      {NAN, "nan"},
      {0x1.5555555555555p-2, "0.3333333333333333"},
      {0x1.5555555555555p-1, "0.6666666666666666"},
      {-0x1.8000000000000p+0, "-1.5"},
      {0x1.ad7f29abcaf48p-24, "1e-07"},
      {0x1.edd2f1a9fbe77p+6, "123.456"},
      {0x1.52d02c7e14af6p+76, "1e+23"},
      {0x1.3333333333333p-2, "0.3"},
      {0x0.0000000000003p-1022, "1.5e-323"},
      {0x1.1666666666666p+2, "4.35"},
      {0x1.249ad2594c37dp+332, "1e+100"},
      {0x1.5ee2a2eb5a5c4p+53, "1.2345678901234568e+16"},
      {0x1.02e85be111841p-13, "0.000123456789"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(float_repr(c.v) == c.text);
    CHECK(repr(F(c.v).get()) == c.text);
  }
}

TEST_CASE("float hash matches CPython and int hash", "[float]") {
  init();
  struct Case {
    double v;
    hash_t h;
  };
  static const Case cases[] = {
      {0x1.8000000000000p+0, 1152921504606846977},
      {0x1.7e43c8800759cp+996, 1224995262755759164},
      {-0x1.0000000000000p-1, -1152921504606846976},
      {0x1.56e1fc2f8f359p-997, 482449582752280463},
      {0x1.0000000000000p+64, 8},
      {0x1.4f8b588e368f1p-17, 2170758078822671208},
      {-0x0.0p+0, 0},
      {0x0.0p+0, 0},
      {INFINITY, 314159},
      {-INFINITY, -314159},
      {0x1.0000000000000p+0, 1},
      {-0x1.0000000000000p+0, -2},
      {0x1.999999999999ap-4, 230584300921369408},
      {0x1.e240c9fbe76c9p+16, 1819310134279660096},
      {0x1.0000000000000p+61, 1},
      {0x1.0000000000000p+62, 2},
      {-0x1.0000000000000p+61, -2},
      {0x0.0000000000001p-1022, 16777216},
      {0x1.fffffffffffffp+1023, 2234066890152476671},
  };
  for (const Case& c : cases) {
    INFO(float_repr(c.v));
    CHECK(float_hash(c.v) == c.h);
    CHECK(object_hash(F(c.v).get()) == c.h);
  }
  // Integral floats hash like the equal int.
  ORef big = steal(int_from_double(1e300));
  CHECK(int_hash(big.get()) == float_hash(1e300));
  // NaN hashes by identity.
  ORef n1 = F(NAN), n2 = F(NAN);
  CHECK(object_hash(n1.get()) == object_hash(n1.get()));
  CHECK(object_hash(n1.get()) != object_hash(n2.get()));
}

TEST_CASE("float() parses strings like CPython", "[float]") {
  init();
  struct Case {
    const char* text;
    double v;
  };
  static const Case cases[] = {
      {"1.5", 0x1.8000000000000p+0},
      {" 1_000.5 ", 0x1.f440000000000p+9},
      {"-iNfInItY", -INFINITY},
      {"+nan", NAN},
      {"1e500", INFINITY},
      {"-1e-500", -0x0.0p+0},
      {".5", 0x1.0000000000000p-1},
      {"5.", 0x1.4000000000000p+2},
      {"0_1.5", 0x1.8000000000000p+0},
      {"1e5_0", 0x1.11b0ec57e649ap+166},
      {"  +1E5  ", 0x1.86a0000000000p+16},
      {"  1.5 ", 0x1.8000000000000p+0},
      {"١٢٣", 0x1.ec00000000000p+6},
      {"1.7976931348623157e308", 0x1.fffffffffffffp+1023},
      {"4.9e-324", 0x0.0000000000001p-1022},
      {"2.4703282292062328e-324", 0x0.0000000000001p-1022},
      {"2.4703282292062327e-324", 0x0.0p+0},
      {"0.1e-999999999999", 0x0.0p+0},
      {"123456789012345678901234567890e-10", 0x1.56a95319d63e1p+63},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    ORef r = steal(float_from_object(S(c.text).get()));
    REQUIRE(r);
    CHECK(same(float_value(r.get()), c.v));
  }
  struct Bad {
    const char* text;
    const char* msg;
  };
  static const Bad bad[] = {
      {"abc", "could not convert string to float: 'abc'"},
      {"1__0", "could not convert string to float: '1__0'"},
      {"0x10", "could not convert string to float: '0x10'"},
      {"", "could not convert string to float: ''"},
      {"1.5j", "could not convert string to float: '1.5j'"},
      {".", "could not convert string to float: '.'"},
      {"1e", "could not convert string to float: '1e'"},
      {"infinit", "could not convert string to float: 'infinit'"},
      {"1_e5", "could not convert string to float: '1_e5'"},
      {"1e_5", "could not convert string to float: '1e_5'"},
      {"1.5_", "could not convert string to float: '1.5_'"},
      {"  ", "could not convert string to float: '  '"},
      {"1\x00", "could not convert string to float: '1\\x00'"},
      {"_1", "could not convert string to float: '_1'"},
      {"1e5e5", "could not convert string to float: '1e5e5'"},
  };
  for (const Bad& c : bad) {
    INFO(c.text);
    ORef s = steal(str_from_utf8(c.text, ssize(std::strlen(c.text) + (c.text[0] == '1' && c.text[1] == 0 ? 1 : 0))));
    CHECK(!steal(float_from_object(s.get())));
    CHECK(take_error() == std::string("ValueError: ") + c.msg);
  }
  ORef l = steal(float_from_object(tuple_empty()));
  CHECK(!l);
  CHECK(take_error() == "TypeError: float() argument must be a string or a real number, not 'tuple'");
  ORef fi = steal(float_from_object(I(7).get()));
  CHECK(repr(fi.get()) == "7.0");
  ORef f2 = steal(call_type(&float_type, {I(1).get(), I(2).get()}));
  CHECK(!f2);
  CHECK(take_error() == "TypeError: float expected at most 1 argument, got 2");
}

TEST_CASE("float arithmetic follows CPython's sign rules and errors", "[float]") {
  init();
  CHECK(repr(op(F(-7.5).get(), F(2).get(), NB_FLOOR_DIVIDE).get()) == "-4.0");
  CHECK(repr(op(F(-7.5).get(), F(2).get(), NB_REMAINDER).get()) == "0.5");
  CHECK(repr(op(F(7.5).get(), F(-2).get(), NB_REMAINDER).get()) == "-0.5");
  CHECK(repr(op(F(0.0).get(), F(-1).get(), NB_REMAINDER).get()) == "-0.0");
  CHECK(repr(op(F(-0.0).get(), F(1).get(), NB_REMAINDER).get()) == "0.0");
  ORef dm = steal(call_meth(F(7.5).get(), "__divmod__", {F(-2).get()}));
  CHECK(repr(dm.get()) == "(-4.0, -0.5)");
  CHECK(repr(op(F(1e308).get(), I(10).get(), NB_MULTIPLY).get()) == "inf");
  CHECK(repr(op(F(2.0).get(), F(0.5).get(), NB_POWER).get()) == "1.4142135623730951");
  CHECK(repr(op(F(-1.0).get(), F(INFINITY).get(), NB_POWER).get()) == "1.0");
  CHECK(repr(op(F(0.0).get(), F(-INFINITY).get(), NB_POWER).get()) == "inf");
  CHECK(repr(op(F(2.0).get(), I(-2000).get(), NB_POWER).get()) == "0.0");
  CHECK(repr(op(F(-2.0).get(), F(3.0).get(), NB_POWER).get()) == "-8.0");
  CHECK(repr(op(F(-8.0).get(), op(I(1).get(), I(3).get(), NB_TRUE_DIVIDE).get(), NB_POWER).get()) ==
        "(1.0000000000000002+1.7320508075688772j)");
  CHECK(!binary_op(F(1.0).get(), I(0).get(), NB_TRUE_DIVIDE));
  CHECK(take_error() == "ZeroDivisionError: float division by zero");
  CHECK(!binary_op(F(1.0).get(), I(0).get(), NB_FLOOR_DIVIDE));
  CHECK(take_error() == "ZeroDivisionError: float floor division by zero");
  CHECK(!binary_op(F(1.0).get(), F(0.0).get(), NB_REMAINDER));
  CHECK(take_error() == "ZeroDivisionError: float modulo by zero");
  CHECK(!binary_op(F(0.0).get(), I(-1).get(), NB_POWER));
  CHECK(take_error() == "ZeroDivisionError: 0.0 cannot be raised to a negative power");
  CHECK(!binary_op(F(10.0).get(), I(400).get(), NB_POWER));
  CHECK(take_error() == "OverflowError: (34, 'Numerical result out of range')");
  CHECK(!number_power(F(2.0).get(), I(3).get(), I(4).get()));
  CHECK(take_error() == "TypeError: pow() 3rd argument not allowed unless all arguments are integers");
  ORef big = steal(number_power(I(2).get(), I(1024).get(), none()));
  CHECK(!binary_op(big.get(), F(1.0).get(), NB_MULTIPLY));
  CHECK(take_error() == "OverflowError: int too large to convert to float");
}

TEST_CASE("float and int compare exactly", "[float]") {
  init();
  ORef p53 = steal(number_power(I(2).get(), I(53).get(), none()));
  ORef p53p1 = op(p53.get(), I(1).get(), NB_ADD);
  ORef f53 = F(9007199254740992.0);
  CHECK(rich_compare_bool(p53p1.get(), f53.get(), Py_EQ) == 0);
  CHECK(rich_compare_bool(p53p1.get(), f53.get(), Py_GT) == 1);
  CHECK(rich_compare_bool(f53.get(), p53p1.get(), Py_LT) == 1);
  CHECK(rich_compare_bool(f53.get(), p53.get(), Py_EQ) == 1);
  ORef huge = steal(number_power(I(2).get(), I(2000).get(), none()));
  CHECK(rich_compare_bool(F(1.0).get(), huge.get(), Py_LT) == 1);
  CHECK(rich_compare_bool(F(INFINITY).get(), huge.get(), Py_GT) == 1);
  CHECK(rich_compare_bool(F(NAN).get(), I(1).get(), Py_EQ) == 0);
  CHECK(rich_compare_bool(F(NAN).get(), I(1).get(), Py_NE) == 1);
  CHECK(rich_compare_bool(I(1).get(), F(1.0).get(), Py_EQ) == 1);
  ORef nb = steal(number_negative(p53p1.get()));
  CHECK(rich_compare_bool(F(-9007199254740992.0).get(), nb.get(), Py_GT) == 1);
  CHECK(rich_compare_bool(F(-9007199254740992.5e3).get(), nb.get(), Py_LT) == 1);
  ORef b2 = op(p53.get(), F(0.5).get(), NB_ADD);  // float
  CHECK(repr(b2.get()) == "9007199254740992.0");
  // 2**60 + 0.5 is not representable; compare 2**60 + 1 with the float 2**60.
  ORef p60 = steal(number_power(I(2).get(), I(60).get(), none()));
  CHECK(rich_compare_bool(F(1152921504606846976.0).get(), op(p60.get(), I(1).get(), NB_ADD).get(), Py_LT) == 1);
  CHECK(rich_compare_bool(F(1152921504606846976.0).get(), p60.get(), Py_LE) == 1);
}

TEST_CASE("round() is correctly rounded", "[float]") {
  init();
  struct Case {
    double v;
    int n;
    double r;
    const char* error;
  };
  static const Case cases[] = {
      {0x1.5666666666666p+1, 2, 0x1.55c28f5c28f5cp+1, nullptr},
      {0x1.0000000000000p-3, 2, 0x1.eb851eb851eb8p-4, nullptr},
      {0x1.2c00000000000p+7, -2, 0x1.9000000000000p+7, nullptr},
      {0x1.9000000000000p+5, -2, 0x0.0p+0, nullptr},
      {0x1.7e43c8800759cp+996, -300, 0x1.7e43c8800759cp+996, nullptr},
      {0x1.52d02c7e14af6p+75, -23, 0x0.0p+0, nullptr},
      {0x1.0f0cf064dd592p+73, -22, 0x1.0f0cf064dd592p+73, nullptr},
      {0x1.e000000000000p+1, 1, 0x1.e666666666666p+1, nullptr},
      {0x1.ecccccccccccdp+1, 1, 0x1.f333333333333p+1, nullptr},
      {0x0.00000000007e8p-1022, 320, 0x0.00000000007e8p-1022, nullptr},
      {0x1.edd2f1a9fbe77p+6, -1, 0x1.e000000000000p+6, nullptr},
      {0x1.0000000000000p-1, 0, 0x0.0p+0, nullptr},
      {-0x0.0p+0, 2, -0x0.0p+0, nullptr},
      {0x1.1c37937e08000p+53, -20, 0x0.0p+0, nullptr},
      {-0x1.0000000000000p+0, -2, -0x0.0p+0, nullptr},
      {-0x1.0624dd2f1a9fcp-10, 2, -0x0.0p+0, nullptr},
      {0x1.4000000000000p+1, 0, 0x1.0000000000000p+1, nullptr},
      {0x1.8000000000000p+0, 400, 0x1.8000000000000p+0, nullptr},
      {0x1.8000000000000p+0, -400, 0x0.0p+0, nullptr},
      {0x1.23d70a3d70a3dp-2, 2, 0x1.1eb851eb851ecp-2, nullptr},
      {0x1.0000000000001p+0, 15, 0x1.0000000000000p+0, nullptr},
      {0x1.d6f3457f35ba8p+26, -3, 0x1.d6f37a0000000p+26, nullptr},
      {0x1.3fd70a3d70a3dp+3, 2, 0x1.3fae147ae147bp+3, nullptr},
      {-0x1.3fd70a3d70a3dp+3, 2, -0x1.3fae147ae147bp+3, nullptr},
      {0x1.4f8b588e368f1p-17, 7, 0x1.4f8b588e368f1p-17, nullptr},
      {0x1.fffffffffffffp+1023, -308, 0, "OverflowError: rounded value too large to represent"},
  };
  for (const Case& c : cases) {
    INFO(float_repr(c.v) << " " << c.n);
    ORef r = steal(call_meth(F(c.v).get(), "__round__", {I(c.n).get()}));
    if (c.error) {
      CHECK(!r);
      CHECK(take_error() == c.error);
    } else {
      REQUIRE(r);
      CHECK(same(float_value(r.get()), c.r));
    }
  }
  ORef r1 = steal(call_meth(F(2.5).get(), "__round__"));
  CHECK(repr(r1.get()) == "2");
  ORef r2 = steal(call_meth(F(-0.5).get(), "__round__"));
  CHECK(repr(r2.get()) == "0");
  ORef r3 = steal(call_meth(F(5.5).get(), "__round__", {none()}));
  CHECK(repr(r3.get()) == "6");
  ORef r4 = steal(call_meth(F(INFINITY).get(), "__round__"));
  CHECK(!r4);
  CHECK(take_error() == "OverflowError: cannot convert float infinity to integer");
}

TEST_CASE("hex() and fromhex()", "[float]") {
  init();
  struct Hex {
    double v;
    const char* text;
  };
  static const Hex hexes[] = {
      {0x1.8000000000000p+0, "0x1.8000000000000p+0"},
      {-0x1.999999999999ap-4, "-0x1.999999999999ap-4"},
      {0x0.0p+0, "0x0.0p+0"},
      {-0x0.0p+0, "-0x0.0p+0"},
      {0x0.00000000007e8p-1022, "0x0.00000000007e8p-1022"},
      {0x1.4000000000000p+1, "0x1.4000000000000p+1"},
      {INFINITY, "inf"},
      {0x1.fffffffffffffp+1023, "0x1.fffffffffffffp+1023"},
      {0x0.0000000000001p-1022, "0x0.0000000000001p-1022"},
  };
  for (const Hex& c : hexes) {
    ORef r = steal(call_meth(F(c.v).get(), "hex"));
    REQUIRE(r);
    CHECK(std::string(str_view(r.get())) == c.text);
  }
  struct FromHex {
    const char* text;
    double v;
    const char* error;
  };
  static const FromHex cases[] = {
      {"0x1p-1074", 0x0.0000000000001p-1022, nullptr},
      {"0x1p-1075", 0x0.0p+0, nullptr},
      {"0x3p-1076", 0x0.0000000000001p-1022, nullptr},
      {"inf", INFINITY, nullptr},
      {" -nan ", NAN, nullptr},
      {"1.8", 0x1.8000000000000p+0, nullptr},
      {"0x.8", 0x1.0000000000000p-1, nullptr},
      {"0X1P+3", 0x1.0000000000000p+3, nullptr},
      {"0x1.0000000000000801p0", 0x1.0000000000001p+0, nullptr},
      {"0x1.00000000000008p0", 0x1.0000000000000p+0, nullptr},
      {"0x1.00000000000018p0", 0x1.0000000000002p+0, nullptr},
      {"0x1p-99999999999999999999", 0x0.0p+0, nullptr},
      {"0x1.fffffffffffff7p1023", 0x1.fffffffffffffp+1023, nullptr},
      {"  0x1.8p1  ", 0x1.8000000000000p+1, nullptr},
      {"-0x0p0", -0x0.0p+0, nullptr},
      {"-0x1.fffffffffffff8p1023", 0, "OverflowError: hexadecimal value too large to represent as a float"},
      {"0x.", 0, "ValueError: invalid hexadecimal floating-point string"},
      {"0x1p", 0, "ValueError: invalid hexadecimal floating-point string"},
      {"zz", 0, "ValueError: invalid hexadecimal floating-point string"},
      {"", 0, "ValueError: invalid hexadecimal floating-point string"},
      {"0x1p99999999999999999999", 0, "OverflowError: hexadecimal value too large to represent as a float"},
      {"0x1.0p0x", 0, "ValueError: invalid hexadecimal floating-point string"},
  };
  for (const FromHex& c : cases) {
    INFO(c.text);
    ORef r = steal(call_meth(reinterpret_cast<Object*>(&float_type), "fromhex", {S(c.text).get()}));
    if (c.error) {
      CHECK(!r);
      CHECK(take_error() == c.error);
    } else {
      REQUIRE(r);
      CHECK(same(float_value(r.get()), c.v));
    }
  }
}

TEST_CASE("float methods", "[float]") {
  init();
  ORef r = steal(call_meth(F(1.5).get(), "as_integer_ratio"));
  CHECK(repr(r.get()) == "(3, 2)");
  ORef r2 = steal(call_meth(F(0.1).get(), "as_integer_ratio"));
  CHECK(repr(r2.get()) == "(3602879701896397, 36028797018963968)");
  ORef r3 = steal(call_meth(F(INFINITY).get(), "as_integer_ratio"));
  CHECK(!r3);
  CHECK(take_error() == "OverflowError: cannot convert Infinity to integer ratio");
  ORef ii = steal(call_meth(F(1.5).get(), "is_integer"));
  CHECK(ii.get() == false_());
  ORef t = steal(call_meth(F(-3.7).get(), "__trunc__"));
  CHECK(repr(t.get()) == "-3");
  ORef fl = steal(call_meth(F(-3.2).get(), "__floor__"));
  CHECK(repr(fl.get()) == "-4");
  ORef ce = steal(call_meth(F(-3.7).get(), "__ceil__"));
  CHECK(repr(ce.get()) == "-3");
}

TEST_CASE("float format specs", "[float][format]") {
  init();
  struct Case {
    double v;
    const char* spec;
    const char* expected;
    const char* error;
  };
  static const Case cases[] = {
      {0x1.8000000000000p+0, "x", nullptr, "ValueError: Unknown format code 'x' for object of type 'float'"},
      {0x1.8000000000000p+0, ",s", nullptr, "ValueError: Cannot specify ',' with 's'."},
      {0x1.8000000000000p+0, "5.2%", "150.00%", nullptr},
      {-0x0.0p+0, "z.1f", "0.0", nullptr},
      {0x1.5af1d78b58c40p+66, ".3", "1e+20", nullptr},
      {0x1.0000000000000p+0, ".3", "1.0", nullptr},
      {0x1.8000000000000p+0, "=+10.3f", "+    1.500", nullptr},
      {INFINITY, "010", "0000000inf", nullptr},
      {0x1.edd2f1a9fbe77p+6, ",.2f", "123.46", nullptr},
      {0x1.2d687e4189375p+20, "_g", "1.23457e+06", nullptr},
      {0x1.8000000000000p+0, "#.0f", "2.", nullptr},
      {0x1.8000000000000p+0, ".0e", "2e+00", nullptr},
      {0x1.8000000000000p+0, "n", "1.5", nullptr},
      {0x1.0000000000000p+0, "#", "1.0", nullptr},
      {0x1.0000000000000p+0, "#g", "1.00000", nullptr},
      {0x1.a36e2eb1c432dp-14, "g", "0.0001", nullptr},
      {0x1.4f8b588e368f1p-17, "", "1e-05", nullptr},
      {0x0.0000000000001p-1022, ".30e", "4.940656458412465441765687928682e-324", nullptr},
      {0x1.999999999999ap-4, ".20f", "0.10000000000000000555", nullptr},
      {0x1.4000000000000p+1, ".0f", "2", nullptr},
      {-0x1.8000000000000p+0, "+.3e", "-1.500e+00", nullptr},
      {0x1.249ad2594c37dp+332, "f",
       "10000000000000000159028911097599180468360808563945281389781327557747838772170381060813469985856815104.000000",
       nullptr},
      {0x1.e240000000000p+16, "G", "123456", nullptr},
      {0x1.0f7b8ca8ba4f5p-33, "G", "1.23456E-10", nullptr},
      {NAN, "F", "NAN", nullptr},
      {-INFINITY, "+e", "-inf", nullptr},
      {NAN, "+", "+nan", nullptr},
      {0x1.2d68780000000p+20, ",", "1,234,567.5", nullptr},
      {-0x1.34a0000000000p+10, "_.2f", "-1_234.50", nullptr},
      {0x1.9e3abe16fc70dp-17, ",", "1.2345e-05", nullptr},
      {0x1.34a456d5cfaadp+10, "015,.2f", "0,000,001,234.57", nullptr},
      {0x1.1c37937e08000p+53, "", "1e+16", nullptr},
      {0x1.1c37937e08000p+53, ".17", "1e+16", nullptr},
      {0x1.0000000000000p+0, ".0", "1e+00", nullptr},
      {0x1.ec00000000000p+6, ".2", "1.2e+02", nullptr},
      {0x1.0000000000000p-1, ".0%", "50%", nullptr},
      {0x1.ad7f29abcaf48p-24, "%", "0.000010%", nullptr},
      {0x1.81cd6e631f8a1p+13, "_.3%", "1_234_567.890%", nullptr},
      {-0x0.0p+0, "+", "-0.0", nullptr},
      {0x0.0p+0, " ", " 0.0", nullptr},
      {-0x1.b7cdfd9d7bdbbp-34, "z.3f", "0.000", nullptr},
      {-0x1.b7cdfd9d7bdbbp-34, "z.3e", "-1.000e-10", nullptr},
      {NAN, "z", "nan", nullptr},
      {0x1.8000000000000p+0, "#.3g", "1.50", nullptr},
      {0x1.9000000000000p+6, "#.0g", "1.e+02", nullptr},
      {0x1.9000000000000p+6, "g", "100", nullptr},
      {0x1.86a0000000000p+16, "g", "100000", nullptr},
      {0x1.e848000000000p+19, "g", "1e+06", nullptr},
      {0x1.d6f3454000000p+26, ".3", "1.23e+08", nullptr},
      {0x0.0p+0, ".3", "0.0", nullptr},
      {0x0.0p+0, "e", "0.000000e+00", nullptr},
      {0x1.0000000000000p+0, "#.0e", "1.e+00", nullptr},
      {0x1.8000000000000p+0, ".2147483648f", nullptr, "ValueError: precision too big"},
      {0x1.5666666666666p+1, ".2f", "2.67", nullptr},
      {0x1.7e43c8800759cp+996, ",.0f",
       "1,000,000,000,000,000,052,504,760,255,204,420,248,704,468,581,108,159,154,915,854,115,511,802,457,988,908,195,"
       "786,371,375,080,447,864,043,704,443,832,883,878,176,942,523,235,360,430,575,644,792,184,786,706,982,848,387,"
       "200,926,575,803,737,830,233,794,788,090,059,368,953,234,970,799,945,081,119,038,967,640,880,074,652,742,780,"
       "142,494,579,258,788,820,056,842,838,115,669,472,196,386,865,459,400,540,160",
       nullptr},
      {-0x1.56e1fc2f8f359p-997, "z", "-1e-300", nullptr},
      {0x1.921f9f01b866ep+1, "^12.3f", "   3.142    ", nullptr},
      {0x1.921f9f01b866ep+1, "*<12.3e", "3.142e+00***", nullptr},
      {0x1.0f0cf064dd592p+73, ".0f", "10000000000000000000000", nullptr},
      {0x1.999999999999ap-4, ".55f", "0.1000000000000000055511151231257827021181583404541015625", nullptr},
      {INFINITY, "z%", "inf%", nullptr},
      {0x0.00000000007e8p-1022, ".5g", "9.9999e-321", nullptr},
      {0x1.a36d1bd105b06p-14, ".3g", "0.0001", nullptr},
      {0x1.4f8b588e368f1p-17, ".3", "1e-05", nullptr},
  };
  for (const Case& c : cases) {
    INFO("format(" << float_repr(c.v) << ", '" << c.spec << "')");
    ORef r = steal(call_meth(F(c.v).get(), "__format__", {S(c.spec).get()}));
    if (c.expected) {
      REQUIRE(r);
      CHECK(std::string(str_view(r.get())) == c.expected);
    } else {
      CHECK(!r);
      CHECK(take_error() == c.error);
    }
  }
  CHECK(float_format(1.0 / 3, 'e', 3, false) == "3.333e-01");
  CHECK(float_format(1.0 / 3, 'r', 0, false) == "0.3333333333333333");
  CHECK(float_format(0.5, '%', 1, false) == "50.0%");
}

TEST_CASE("complex repr, hash and parsing", "[complex]") {
  init();
  struct Case {
    double re, im;
    const char* text;
    hash_t h;
  };
  static const Case cases[] = {
      {-0.0, -1.0, "(-0-1j)", -2000006},
      {0.0, 2.0, "2j", 2000006},
      {1.0, 2.0, "(1+2j)", 2000007},
      {0.0, -0.0, "-0j", 0},
      {NAN, INFINITY, "(nan+infj)", 0},
      {1e+16, 1e-05, "(1e+16+1e-05j)", 7098734988770497592},
      {-0.0, -0.0, "(-0-0j)", 0},
      {-1.0, 0.0, "(-1+0j)", -2},
      {1.5, -2.5, "(1.5-2.5j)", -2305843009215693957},
  };
  for (const Case& c : cases) {
    ORef z = steal(complex_from_doubles(c.re, c.im));
    CHECK(repr(z.get()) == c.text);
    if (!std::isnan(c.re) && !std::isnan(c.im)) CHECK(object_hash(z.get()) == c.h);
  }
  struct Parse {
    const char* text;
    const char* repr;
  };
  static const Parse parses[] = {
      {"1+2j", "(1+2j)"},
      {" ( 1+2j ) ", "(1+2j)"},
      {"j", "1j"},
      {"-j", "-1j"},
      {"1+j", "(1+1j)"},
      {"1e1j", "10j"},
      {"-1.5e-3-2.5e+2j", "(-0.0015-250j)"},
      {"infj", "infj"},
      {"-inf-nanj", "(-inf+nanj)"},
      {"1_0j", "10j"},
      {"(1)", "(1+0j)"},
      {"1e500j", "infj"},
  };
  for (const Parse& c : parses) {
    INFO(c.text);
    ORef z = steal(call_type(&complex_type, {S(c.text).get()}));
    REQUIRE(z);
    CHECK(repr(z.get()) == c.repr);
  }
  ORef bad = steal(call_type(&complex_type, {S("1 + 2j").get()}));
  CHECK(!bad);
  CHECK(take_error() == "ValueError: complex() arg is a malformed string");
  ORef bad2 = steal(call_type(&complex_type, {S("1__2j").get()}));
  CHECK(!bad2);
  CHECK(take_error() == "ValueError: could not convert string to complex: '1__2j'");
  ORef bad3 = steal(call_type(&complex_type, {S("1+2j").get(), I(1).get()}));
  CHECK(!bad3);
  CHECK(take_error() == "TypeError: complex() can't take second arg if first is a string");
  ORef two = steal(call_type(&complex_type, {I(1).get(), F(2.0).get()}));
  CHECK(repr(two.get()) == "(1+2j)");
}

TEST_CASE("complex arithmetic", "[complex]") {
  init();
  ORef a = steal(complex_from_doubles(1, 2)), b = steal(complex_from_doubles(3, -4));
  CHECK(repr(op(a.get(), b.get(), NB_MULTIPLY).get()) == "(11+2j)");
  CHECK(repr(op(a.get(), b.get(), NB_TRUE_DIVIDE).get()) == "(-0.2+0.4j)");
  CHECK(repr(op(a.get(), I(2).get(), NB_POWER).get()) == "(-3+4j)");
  CHECK(repr(op(a.get(), F(0.5).get(), NB_POWER).get()) == "(1.272019649514069+0.7861513777574233j)");
  CHECK(repr(op(a.get(), I(-2).get(), NB_POWER).get()) == "(-0.12-0.16j)");
  ORef oneone = steal(complex_from_doubles(1, 1));
  CHECK(repr(op(I(2).get(), oneone.get(), NB_POWER).get()) == "(1.5384778027279442+1.2779225526272695j)");
  ORef j = steal(complex_from_doubles(0, 1));
  CHECK(repr(op(j.get(), j.get(), NB_POWER).get()) == "(0.20787957635076193+0j)");
  ORef tiny = steal(complex_from_doubles(1e300, 1e300));
  CHECK(repr(op(a.get(), tiny.get(), NB_TRUE_DIVIDE).get()) == "(1.4999999999999998e-300+5e-301j)");
  ORef three4 = steal(complex_from_doubles(3, 4));
  CHECK(repr(steal(number_absolute(three4.get())).get()) == "5.0");
  ORef z = steal(complex_from_doubles(0, 0));
  CHECK(!binary_op(a.get(), z.get(), NB_TRUE_DIVIDE));
  CHECK(take_error() == "ZeroDivisionError: complex division by zero");
  CHECK(!binary_op(z.get(), I(-1).get(), NB_POWER));
  CHECK(take_error() == "ZeroDivisionError: 0.0 to a negative or complex power");
  ORef big = steal(complex_from_doubles(1e300, 0));
  CHECK(!binary_op(oneone.get(), big.get(), NB_POWER));
  CHECK(take_error() == "OverflowError: complex exponentiation");
  CHECK(!binary_op(j.get(), I(2).get(), NB_FLOOR_DIVIDE));
  CHECK(take_error() == "TypeError: unsupported operand type(s) for //: 'complex' and 'int'");
  ORef one = steal(complex_from_doubles(1, 0));
  CHECK(rich_compare_bool(one.get(), I(1).get(), Py_EQ) == 1);
  CHECK(rich_compare_bool(one.get(), F(1.0).get(), Py_EQ) == 1);
  CHECK(rich_compare_bool(a.get(), I(1).get(), Py_EQ) == 0);
}

TEST_CASE("complex format specs", "[complex][format]") {
  init();
  struct Case {
    double re, im;
    const char* spec;
    const char* expected;
    const char* error;
  };
  static const Case cases[] = {
      {1.0, 2.0, "", "(1+2j)", nullptr},
      {1.0, 2.0, "010", nullptr, "ValueError: Zero padding is not allowed in complex format specifier"},
      {1.0, 2.0, "=10", nullptr, "ValueError: '=' alignment flag is not allowed in complex format specifier"},
      {1.0, 2.0, ".2f", "1.00+2.00j", nullptr},
      {-0.0, 2.0, "", "(-0+2j)", nullptr},
      {1.0, 2.0, "^20", "       (1+2j)       ", nullptr},
      {0.0, 1.0, "%", nullptr, "ValueError: Unknown format code '%' for object of type 'complex'"},
      {1.0, 2.0, "e", "1.000000e+00+2.000000e+00j", nullptr},
      {-1.0, -2.0, "+g", "-1-2j", nullptr},
      {0.0, 1.0, "n", "0+1j", nullptr},
      {1.0, NAN, "", "(1+nanj)", nullptr},
      {1e+20, 1.0, ".3", "(1e+20+1j)", nullptr},
      {1.0, 2.0, "#", "(1.+2.j)", nullptr},
      {1.5, 0.0, "<10", "(1.5+0j)  ", nullptr},
      {1.0, 2.0, ",", "(1+2j)", nullptr},
      {0.0, 1.0, "z", "1j", nullptr},
      {-0.0, -0.0, "z", "(0+0j)", nullptr},
      {-0.0, -0.0, "", "(-0-0j)", nullptr},
      {0.0, 1.0, "=^10", "====1j====", nullptr},
      {0.0, 1.0, "x<010", "1jxxxxxxxx", nullptr},
      {1234.5, -6789.25, ",.1f", "1,234.5-6,789.2j", nullptr},
  };
  for (const Case& c : cases) {
    INFO("format(complex(" << c.re << ", " << c.im << "), '" << c.spec << "')");
    ORef z = steal(complex_from_doubles(c.re, c.im));
    ORef r = steal(call_meth(z.get(), "__format__", {S(c.spec).get()}));
    if (c.expected) {
      REQUIRE(r);
      CHECK(std::string(str_view(r.get())) == c.expected);
    } else {
      CHECK(!r);
      CHECK(take_error() == c.error);
    }
  }
}
