// Tests for int and bool: big-number identities, text round trips, hashes, division, powers, bitwise operations
// and format specs. Every expected value was produced by running CPython 3.13.
#include "objects/int.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <cstring>
#include <string>

#include "objects/abstract.h"
#include "objects/errors.h"
#include "objects/float.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/runtime.h"

using namespace pyvm;

namespace {

void init() { REQUIRE(runtime_init() == 0); }

ORef I(int64_t v) { return steal(int_from_i64(v)); }
ORef big(const std::string& digits, int base = 10) {
  ORef r = steal(int_from_string(digits.data(), ssize(digits.size()), base));
  REQUIRE(r);
  return r;
}
ORef op(Object* a, Object* b, int o) {
  ORef r = steal(binary_op(a, b, o));
  REQUIRE(r);
  return r;
}
ORef pw(Object* a, Object* b, Object* m = nullptr) {
  ORef r = steal(number_power(a, b, m ? m : none()));
  REQUIRE(r);
  return r;
}
ORef ipow(int64_t a, int64_t b) { return pw(I(a).get(), I(b).get()); }
std::string repr(Object* o) {
  std::string s;
  REQUIRE(repr_utf8(o, &s));
  return s;
}
// The pending exception as "Type: message", cleared.
std::string take_error() {
  REQUIRE(error_occurred());
  ORef e = steal(error_take());
  std::string s;
  REQUIRE(object_str_utf8(e.get(), &s));
  return std::string(type_name(e.get())) + ": " + s;
}
bool eq(Object* a, Object* b) { return int_compare(a, b) == 0; }
Object* call_meth(Object* self, const char* name, std::initializer_list<Object*> args = {}) {
  std::vector<Object*> v(args);
  return call_method(self, str_interned(name), v.data(), ssize(v.size()));
}

}  // namespace

TEST_CASE("small ints are shared immortal objects", "[int]") {
  init();
  for (int64_t v : {-5, -1, 0, 1, 100, 256}) {
    ORef a = I(v), b = I(v);
    CHECK(a.get() == b.get());
    CHECK(int_is_compact(a.get()));
    CHECK(int_compact_value(a.get()) == v);
  }
  ORef x = I(257), y = I(257);
  CHECK(x.get() != y.get());
  ORef z = I(-6), w = I(-6);
  CHECK(z.get() != w.get());
  // Results of arithmetic come from the cache too.
  ORef s = op(I(200).get(), I(56).get(), NB_ADD);
  CHECK(s.get() == I(256).get());
  ORef q = op(big("1000000000000000000000").get(), big("1000000000000000000000").get(), NB_FLOOR_DIVIDE);
  CHECK(q.get() == I(1).get());
}

TEST_CASE("bool singletons", "[int]") {
  init();
  CHECK(type_of(true_()) == &bool_type);
  CHECK(int_compact_value(true_()) == 1);
  CHECK(int_compact_value(false_()) == 0);
  CHECK(int_is_zero(false_()));
  CHECK(repr(true_()) == "True");
  CHECK(repr(false_()) == "False");
  ORef a = op(true_(), true_(), NB_AND);
  CHECK(a.get() == true_());
  ORef x = op(true_(), true_(), NB_XOR);
  CHECK(x.get() == false_());
  ORef o = op(true_(), I(0).get(), NB_OR);
  CHECK(type_of(o.get()) == &int_type);
  CHECK(repr(o.get()) == "1");
  ORef s = op(true_(), true_(), NB_ADD);
  CHECK(repr(s.get()) == "2");
  ORef n = steal(number_negative(true_()));
  CHECK(repr(n.get()) == "-1");
}

TEST_CASE("text round trips", "[int]") {
  init();
  for (const char* s : {"0", "-1", "1073741823", "1073741824", "-1073741824", "18446744073709551616",
                        "-9223372036854775809", "1606938044258990275541962092341162602522202993782792835301376",
                        "-10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                        "000000000007"}) {
    CHECK(repr(big(s).get()) == s);
  }
  CHECK(repr(big("0x_1f", 0).get()) == "31");
  CHECK(repr(big("  -0b101 ", 0).get()) == "-5");
  CHECK(repr(big("1_000").get()) == "1000");
  CHECK(repr(big("z", 36).get()) == "35");
  CHECK(repr(big("0o17", 0).get()) == "15");
  CHECK(repr(big("0_0", 0).get()) == "0");
  std::string s;
  REQUIRE(int_to_string(big("-1267650600228229401496703205376").get(), 16, &s));
  CHECK(s == "-10000000000000000000000000");
  REQUIRE(int_to_text(big("-1267650600228229401496703205376").get(), 16, true, &s));
  CHECK(s == "-0x10000000000000000000000000");
  REQUIRE(int_to_text(ipow(2, 70).get(), 8, true, &s));
  CHECK(s == "0o200000000000000000000000");
  REQUIRE(int_to_text(I(-5).get(), 2, true, &s));
  CHECK(s == "-0b101");
  // A long decimal literal takes the divide-and-conquer path both ways.
  std::string nines(1000, '9');
  ORef n = big(nines);
  CHECK(int_hash(n.get()) == 88588427293594262);
  CHECK(repr(n.get()) == nines);
  std::string digits;
  for (int i = 0; i < 430; i++) digits += "1234567890";
  ORef m = big("-" + digits);
  CHECK(int_hash(m.get()) == -685409538862693723);
  CHECK(repr(m.get()) == "-" + digits);
}

TEST_CASE("invalid literals and the digit limit", "[int]") {
  init();
  auto bad = [](const char* s, int base) {
    Object* r = int_from_string(s, ssize(std::strlen(s)), base);
    CHECK(r == nullptr);
    return take_error();
  };
  CHECK(bad("1__0", 10) == "ValueError: invalid literal for int() with base 10: '1__0'");
  CHECK(bad("010", 0) == "ValueError: invalid literal for int() with base 0: '010'");
  CHECK(bad("0x", 16) == "ValueError: invalid literal for int() with base 16: '0x'");
  CHECK(bad("_1", 10) == "ValueError: invalid literal for int() with base 10: '_1'");
  CHECK(bad("", 10) == "ValueError: invalid literal for int() with base 10: ''");
  std::string xs(300, 'x');
  CHECK(bad(xs.c_str(), 10) == "ValueError: invalid literal for int() with base 10: '" + std::string(199, 'x'));
  std::string ones(5000, '1');
  CHECK(bad(ones.c_str(), 10) ==
        "ValueError: Exceeds the limit (4300 digits) for integer string conversion: value has 5000 digits; use "
        "sys.set_int_max_str_digits() to increase the limit");
  ORef p = ipow(10, 5000);
  CHECK(steal(object_repr(p.get())).get() == nullptr);
  CHECK(take_error() ==
        "ValueError: Exceeds the limit (4300 digits) for integer string conversion; use "
        "sys.set_int_max_str_digits() to increase the limit");
  // Power-of-two bases have no limit.
  CHECK(repr(big(std::string(4301, '1'), 8).get()).size() == 3884);
  set_int_max_str_digits(0);
  CHECK(repr(p.get()).size() == 5001);
  set_int_max_str_digits(kIntMaxStrDigitsDefault);
}

TEST_CASE("hashes match CPython", "[int]") {
  init();
  CHECK(int_hash(ipow(2, 100).get()) == 549755813888);
  CHECK(int_hash(I(-1).get()) == -2);
  CHECK(int_hash(steal(number_negative(ipow(2, 100).get())).get()) == -549755813888);
  CHECK(int_hash(op(ipow(2, 61).get(), I(1).get(), NB_SUBTRACT).get()) == 0);
  CHECK(int_hash(ipow(2, 61).get()) == 1);
  CHECK(int_hash(steal(number_negative(ipow(2, 61).get())).get()) == -2);
  CHECK(int_hash(ipow(10, 100).get()) == 910685213754167845);
  CHECK(object_hash(I(12345).get()) == 12345);
}

TEST_CASE("big multiplication and division identities", "[int]") {
  init();
  ORef a = op(ipow(3, 2000).get(), I(12345).get(), NB_ADD);
  ORef b = op(ipow(7, 1500).get(), I(1).get(), NB_SUBTRACT);
  ORef p = op(a.get(), b.get(), NB_MULTIPLY);
  CHECK(eq(op(p.get(), b.get(), NB_FLOOR_DIVIDE).get(), a.get()));
  CHECK(int_is_zero(op(p.get(), b.get(), NB_REMAINDER).get()));
  ORef p17 = op(p.get(), I(17).get(), NB_ADD);
  ORef dm = steal(binary_op(p17.get(), b.get(), NB_FLOOR_DIVIDE));
  CHECK(eq(dm.get(), a.get()));
  CHECK(repr(op(p17.get(), b.get(), NB_REMAINDER).get()) == "17");
  // Floor semantics with negative operands: -(p + 17) // b == -a - 1, and the remainder takes b's sign.
  ORef np = steal(number_negative(p17.get()));
  ORef q = op(np.get(), b.get(), NB_FLOOR_DIVIDE);
  CHECK(eq(q.get(), op(steal(number_negative(a.get())).get(), I(1).get(), NB_SUBTRACT).get()));
  ORef r = op(np.get(), b.get(), NB_REMAINDER);
  CHECK(eq(r.get(), op(b.get(), I(17).get(), NB_SUBTRACT).get()));
  // Values from CPython.
  ORef x = op(op(ipow(3, 2000).get(), ipow(7, 1500).get(), NB_MULTIPLY).get(), ipow(11, 700).get(), NB_FLOOR_DIVIDE);
  CHECK(int_hash(x.get()) == 1638411205473515615);
  ORef t = ipow(3, 1000);
  CHECK(int_hash(op(t.get(), I(7).get(), NB_FLOOR_DIVIDE).get()) == 1494254443598339301);
  ORef nt = steal(number_negative(t.get()));
  CHECK(int_hash(op(nt.get(), I(7).get(), NB_FLOOR_DIVIDE).get()) == -1494254443598339302);
  CHECK(repr(op(nt.get(), I(7).get(), NB_REMAINDER).get()) == "3");
  ORef s7 = steal(number_negative(ipow(7, 100).get()));
  CHECK(int_hash(op(t.get(), s7.get(), NB_REMAINDER).get()) == -11189035985357114);
  CHECK(int_hash(op(nt.get(), s7.get(), NB_FLOOR_DIVIDE).get()) == 108471372787200451);
  ORef m = op(big("12345678901234567890123").get(), big("98765432109876543210987").get(), NB_MULTIPLY);
  CHECK(int_hash(m.get()) == 1903964043755184724);
  // Karatsuba-sized operands (5000 digits: over the default str-digits limit).
  set_int_max_str_digits(0);
  ORef sev = big(std::string(5000, '7'));
  CHECK(int_hash(sev.get()) == 2094120166282001754);
  ORef sq = op(sev.get(), sev.get(), NB_MULTIPLY);
  CHECK(int_hash(sq.get()) == 1900573907200126507);
  ORef cube = op(sq.get(), sev.get(), NB_MULTIPLY);
  ORef den = op(sev.get(), I(12345).get(), NB_ADD);
  CHECK(int_hash(op(cube.get(), den.get(), NB_FLOOR_DIVIDE).get()) == 793097450763757062);
  ORef y = op(op(ipow(2, 100000).get(), I(1).get(), NB_SUBTRACT).get(), I(0).get(), NB_ADD);
  ORef yy = op(y.get(), y.get(), NB_MULTIPLY);
  CHECK(int_hash(yy.get()) == 4398042316801);
  ORef yd = op(y.get(), big("12345678901234567").get(), NB_SUBTRACT);
  CHECK(int_hash(op(yy.get(), yd.get(), NB_FLOOR_DIVIDE).get()) == 12345678903331718);
  CHECK(int_hash(op(yy.get(), ipow(3, 50000).get(), NB_REMAINDER).get()) == 510485201975278799);
  std::string ys = repr(y.get());
  CHECK(ys.size() == 30103);
  CHECK(ys.substr(0, 15) == "999002093014384");
  CHECK(eq(big(ys).get(), y.get()));
  set_int_max_str_digits(kIntMaxStrDigitsDefault);
}

// Correctness only: the speed of 10000! is measured by tools/bench (bigint), not by a timed test.
TEST_CASE("10000! computes and prints exactly", "[int]") {
  init();
  ORef f = I(1);
  for (int i = 2; i <= 10000; i++) f = op(f.get(), I(i).get(), NB_MULTIPLY);
  set_int_max_str_digits(0);
  std::string s = repr(f.get());
  set_int_max_str_digits(kIntMaxStrDigitsDefault);
  CHECK(s.size() == 35660);
  CHECK(s.substr(0, 20) == "28462596809170545189");
  CHECK(s.substr(s.size() - 20) == std::string(20, '0'));
  CHECK(int_hash(f.get()) == 96364466187835549);
  int sum = 0;
  for (char c : s) sum += c - '0';
  CHECK(sum == 149346);
}

TEST_CASE("division errors", "[int]") {
  init();
  CHECK(binary_op(I(1).get(), I(0).get(), NB_FLOOR_DIVIDE) == nullptr);
  CHECK(take_error() == "ZeroDivisionError: integer division or modulo by zero");
  CHECK(binary_op(I(1).get(), I(0).get(), NB_REMAINDER) == nullptr);
  CHECK(take_error() == "ZeroDivisionError: integer modulo by zero");
  CHECK(binary_op(I(1).get(), I(0).get(), NB_TRUE_DIVIDE) == nullptr);
  CHECK(take_error() == "ZeroDivisionError: division by zero");
  CHECK(binary_op(ipow(10, 400).get(), I(1).get(), NB_TRUE_DIVIDE) == nullptr);
  CHECK(take_error() == "OverflowError: integer division result too large for a float");
  CHECK(binary_op(I(1).get(), I(-1).get(), NB_LSHIFT) == nullptr);
  CHECK(take_error() == "ValueError: negative shift count");
  ORef ten = ipow(10, 400);
  bool ok;
  (void)int_as_double(ten.get(), &ok);
  CHECK_FALSE(ok);
  CHECK(take_error() == "OverflowError: int too large to convert to float");
}

TEST_CASE("true division is correctly rounded", "[int]") {
  init();
  CHECK(repr(op(I(1).get(), I(3).get(), NB_TRUE_DIVIDE).get()) == "0.3333333333333333");
  CHECK(repr(op(ipow(10, 30).get(), I(7).get(), NB_TRUE_DIVIDE).get()) == "1.4285714285714285e+29");
  CHECK(repr(op(ipow(2, 1100).get(), ipow(3, 600).get(), NB_TRUE_DIVIDE).get()) == "7.24840412057269e+44");
  ORef n = op(ipow(2, 53).get(), I(1).get(), NB_ADD);
  CHECK(repr(op(n.get(), I(1).get(), NB_TRUE_DIVIDE).get()) == "9007199254740992.0");
  ORef a = steal(number_negative(ipow(10, 400).get()));
  ORef b = op(I(3).get(), ipow(10, 399).get(), NB_MULTIPLY);
  CHECK(repr(op(a.get(), b.get(), NB_TRUE_DIVIDE).get()) == "-3.3333333333333335");
  CHECK(repr(op(I(1).get(), ipow(10, 400).get(), NB_TRUE_DIVIDE).get()) == "0.0");
}

TEST_CASE("int to float conversion rounds half to even", "[int]") {
  init();
  bool ok;
  auto conv = [&](Object* o) {
    double d = int_as_double(o, &ok);
    REQUIRE(ok);
    return d;
  };
  CHECK(conv(op(ipow(2, 53).get(), I(1).get(), NB_ADD).get()) == 9007199254740992.0);
  CHECK(conv(op(ipow(2, 54).get(), I(3).get(), NB_ADD).get()) == 1.8014398509481988e+16);
  CHECK(conv(op(ipow(2, 54).get(), I(2).get(), NB_ADD).get()) == 1.8014398509481984e+16);
  ORef t = op(ipow(2, 64).get(), ipow(2, 11).get(), NB_ADD);
  CHECK(conv(steal(number_negative(t.get())).get()) == -1.8446744073709552e+19);
  CHECK(conv(op(t.get(), I(1).get(), NB_ADD).get()) == 1.8446744073709556e+19);
  CHECK(conv(op(ipow(2, 1024).get(), ipow(2, 971).get(), NB_SUBTRACT).get()) == 1.7976931348623157e+308);
  ORef half = op(ipow(2, 1024).get(), ipow(2, 970).get(), NB_SUBTRACT);
  CHECK(conv(op(half.get(), I(1).get(), NB_SUBTRACT).get()) == 1.7976931348623157e+308);
  (void)int_as_double(half.get(), &ok);
  CHECK_FALSE(ok);
  CHECK(take_error() == "OverflowError: int too large to convert to float");
  ORef f = steal(int_from_double(1e300));
  CHECK(repr(f.get()) ==
        "1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704"
        "4438328838781769425232353604305756447921847867069828483872009265758037378302337947880900593689532349707999"
        "45081119038967640880074652742780142494579258788820056842838115669472196386865459400540160");
  CHECK(int_from_double(INFINITY) == nullptr);
  CHECK(take_error() == "OverflowError: cannot convert float infinity to integer");
  CHECK(int_from_double(NAN) == nullptr);
  CHECK(take_error() == "ValueError: cannot convert float NaN to integer");
}

TEST_CASE("powers", "[int]") {
  init();
  ORef m = op(ipow(10, 9).get(), I(7).get(), NB_ADD);
  CHECK(repr(pw(I(3).get(), ipow(10, 18).get(), m.get()).get()) == "246336683");
  CHECK(repr(ipow(-3, 5).get()) == "-243");
  CHECK(repr(ipow(2, -1).get()) == "0.5");
  CHECK(repr(pw(I(3).get(), I(-1).get(), I(7).get()).get()) == "5");
  CHECK(repr(pw(I(3).get(), I(-1).get(), I(-7).get()).get()) == "-2");
  CHECK(repr(pw(I(2).get(), I(100).get(), I(-7).get()).get()) == "-5");
  CHECK(repr(pw(I(-2).get(), I(3).get(), I(5).get()).get()) == "2");
  CHECK(repr(pw(I(0).get(), I(0).get(), I(1).get()).get()) == "0");
  ORef mod = op(ipow(2, 521).get(), I(1).get(), NB_SUBTRACT);
  CHECK(int_hash(pw(big("12345678901234567890").get(), I(65537).get(), mod.get()).get()) == 349442257032433231);
  CHECK(number_power(I(0).get(), I(-1).get(), none()) == nullptr);
  CHECK(take_error() == "ZeroDivisionError: 0.0 cannot be raised to a negative power");
  CHECK(number_power(I(2).get(), I(3).get(), I(0).get()) == nullptr);
  CHECK(take_error() == "ValueError: pow() 3rd argument cannot be 0");
  CHECK(number_power(I(2).get(), I(-1).get(), I(4).get()) == nullptr);
  CHECK(take_error() == "ValueError: base is not invertible for the given modulus");
  CHECK(repr(ipow(0, 0).get()) == "1");
  CHECK(repr(ipow(-1, 1001).get()) == "-1");
  CHECK(repr(ipow(-2, 65).get()) == "-36893488147419103232");
}

TEST_CASE("bitwise operations and shifts", "[int]") {
  init();
  CHECK(repr(op(I(-5).get(), I(3).get(), NB_AND).get()) == "3");
  ORef p100 = ipow(2, 100);
  ORef n100 = steal(number_negative(p100.get()));
  CHECK(int_hash(op(n100.get(), I(7).get(), NB_OR).get()) == -549755813881);
  CHECK(repr(op(n100.get(), ipow(2, 70).get(), NB_XOR).get()) == "-1267650599047637780779291901952");
  CHECK(repr(op(I(1).get(), I(100).get(), NB_LSHIFT).get()) == "1267650600228229401496703205376");
  CHECK(repr(op(n100.get(), I(3).get(), NB_RSHIFT).get()) == "-158456325028528675187087900672");
  CHECK(repr(steal(number_invert(p100.get())).get()) == "-1267650600228229401496703205377");
  ORef pm1 = op(p100.get(), I(1).get(), NB_SUBTRACT);
  CHECK(repr(op(pm1.get(), steal(number_negative(ipow(2, 64).get())).get(), NB_AND).get()) ==
        "1267650600209782657422993653760");
  ORef a = steal(number_negative(ipow(3, 300).get()));
  ORef b = ipow(5, 200);
  ORef nb = steal(number_negative(b.get()));
  CHECK(int_hash(op(a.get(), b.get(), NB_AND).get()) == 482560416396740856);
  CHECK(int_hash(op(a.get(), nb.get(), NB_OR).get()) == -1061279922530401864);
  CHECK(int_hash(op(a.get(), b.get(), NB_XOR).get()) == -108289769663928031);
  CHECK(repr(op(I(-1).get(), I(1000).get(), NB_RSHIFT).get()) == "-1");
  CHECK(repr(op(I(-1).get(), ipow(2, 70).get(), NB_RSHIFT).get()) == "-1");
  CHECK(repr(op(I(1).get(), ipow(2, 70).get(), NB_RSHIFT).get()) == "0");
  CHECK(binary_op(I(1).get(), ipow(2, 70).get(), NB_LSHIFT) == nullptr);
  CHECK(take_error() == "OverflowError: too many digits in integer");
}

TEST_CASE("int methods", "[int]") {
  init();
  ORef v = op(ipow(10, 20).get(), I(1).get(), NB_ADD);
  ORef b = steal(call_meth(v.get(), "to_bytes", {I(10).get(), str_interned("little")}));
  REQUIRE(b);
  CHECK(repr(b.get()) == "b'\\x01\\x00\\x10c-^\\xc7k\\x05\\x00'");
  ORef big_b = steal(call_meth(ipow(2, 100).get(), "to_bytes", {I(4).get(), str_interned("big")}));
  CHECK(!big_b);
  CHECK(take_error() == "OverflowError: int too big to convert");
  ORef neg = steal(call_meth(I(-1).get(), "to_bytes", {I(1).get(), str_interned("big")}));
  CHECK(!neg);
  CHECK(take_error() == "OverflowError: can't convert negative int to unsigned");
  ORef bl = steal(call_meth(ipow(10, 20).get(), "bit_length"));
  CHECK(repr(bl.get()) == "67");
  ORef bc = steal(call_meth(I(-5).get(), "bit_count"));
  CHECK(repr(bc.get()) == "2");
  ORef ratio = steal(call_meth(I(12).get(), "as_integer_ratio"));
  CHECK(repr(ratio.get()) == "(12, 1)");
  ORef r1 = steal(call_meth(I(15).get(), "__round__", {I(-1).get()}));
  CHECK(repr(r1.get()) == "20");
  ORef r2 = steal(call_meth(I(25).get(), "__round__", {I(-1).get()}));
  CHECK(repr(r2.get()) == "20");
  ORef r3 = steal(call_meth(I(-25).get(), "__round__", {I(-1).get()}));
  CHECK(repr(r3.get()) == "-20");
  ORef big_r = op(ipow(10, 30).get(), op(I(5).get(), ipow(10, 9).get(), NB_MULTIPLY).get(), NB_ADD);
  ORef r4 = steal(call_meth(big_r.get(), "__round__", {I(-10).get()}));
  CHECK(repr(r4.get()) == "1000000000000000000000000000000");
  ORef r5 = steal(call_meth(I(12345).get(), "__round__", {I(-10).get()}));
  CHECK(repr(r5.get()) == "0");
}

TEST_CASE("int format specs", "[int][format]") {
  init();
  struct Case {
    const char* value;
    const char* spec;
    const char* expected;
    const char* error;
  };
  static const Case cases[] = {
      {"1234567", ",", "1,234,567", nullptr},
      {"1234", "010,", "00,001,234", nullptr},
      {"255", "#x", "0xff", nullptr},
      {"255", "#X", "0XFF", nullptr},
      {"-255", "#010x", "-0x00000ff", nullptr},
      {"65", "c", "A", nullptr},
      {"65", "+c", nullptr, "ValueError: Sign not allowed with integer format specifier 'c'"},
      {"65", "#c", nullptr, "ValueError: Alternate form (#) not allowed with integer format specifier 'c'"},
      {"-1", "c", nullptr, "OverflowError: %c arg not in range(0x110000)"},
      {"5", ".2", nullptr, "ValueError: Precision not allowed in integer format specifier"},
      {"5", "z", nullptr, "ValueError: Negative zero coercion (z) not allowed in integer format specifier"},
      {"5", "s", nullptr, "ValueError: Unknown format code 's' for object of type 'int'"},
      {"5", "x,", nullptr, "ValueError: Invalid format specifier 'x,' for object of type 'int'"},
      {"12345678", "_b", "1011_1100_0110_0001_0100_1110", nullptr},
      {"5", ",_", nullptr, "ValueError: Cannot specify both ',' and '_'."},
      {"5", "_,", nullptr, "ValueError: Cannot specify both ',' and '_'."},
      {"-1234", "08,d", "-001,234", nullptr},
      {"-1234", "09_", "-0_001_234", nullptr},
      {"255", "o", "377", nullptr},
      {"255", "#o", "0o377", nullptr},
      {"255", "#b", "0b11111111", nullptr},
      {"-255", "b", "-11111111", nullptr},
      {"0", "#x", "0x0", nullptr},
      {"255", " x", " ff", nullptr},
      {"255", "+#x", "+0xff", nullptr},
      {"100", "%", "10000.000000%", nullptr},
      {"100", "e", "1.000000e+02", nullptr},
      {"1000000000000000000000000000000", "e", "1.000000e+30", nullptr},
      {"1", ">5", "    1", nullptr},
      {"1", "<5", "1    ", nullptr},
      {"1", "^6", "  1   ", nullptr},
      {"-1", "=6", "-    1", nullptr},
      {"-1", "x=6", "-xxxx1", nullptr},
      {"128512", ">3c", "  😀", nullptr},
      {"65", "<05c", "A0000", nullptr},
      {"65", "05c", "0000A", nullptr},
      {"123456789", "_x", "75b_cd15", nullptr},
      {"123456789", "_o", "7_2674_6425", nullptr},
      {"123456789", "#012_x", "0x0_075b_cd15", nullptr},
      {"12", "#X", "0XC", nullptr},
      {"1234", "n", "1234", nullptr},
      {"1", ",x", nullptr, "ValueError: Cannot specify ',' with 'x'."},
      {"1", "é<5", "1éééé", nullptr},
      {"11505236063118821809467553221049758295155052665230762065499525194094891251552061640493342548634082305351687"
       "288311769174890162545204122663839542235560926343960177145179191391057683342054479750023644997308933440369205"
       "641643669917624414330439074612943178454432683813523087356623740062701843509462805095950344781824",
       "e", nullptr, "OverflowError: int too large to convert to float"},
      {"123", "10_d", "       123", nullptr},
      {"5", "abc", nullptr, "ValueError: Invalid format specifier 'abc' for object of type 'int'"},
      {"5", ".", nullptr, "ValueError: Format specifier missing precision"},
      {"5", "99999999999999999999", nullptr, "ValueError: Too many decimal digits in format string"},
      {"1", "\x01", nullptr, "ValueError: Unknown format code '\\x1' for object of type 'int'"},
      {"5", ",c", nullptr, "ValueError: Cannot specify ',' with 'c'."},
      {"-1000000000000000000000000000000", "_", "-1_000_000_000_000_000_000_000_000_000_000", nullptr},
      {"10000000000000000000000000", "+,", "+10,000,000,000,000,000,000,000,000", nullptr},
      {"7", " 5", "    7", nullptr},
      {"-7", "05", "-0007", nullptr},
      {"18446744073709551616", "X", "10000000000000000", nullptr},
  };
  for (const Case& c : cases) {
    INFO("format(" << c.value << ", '" << c.spec << "')");
    ORef v = big(c.value);
    ORef spec = steal(str_from_utf8(c.spec));
    ORef r = steal(call_meth(v.get(), "__format__", {spec.get()}));
    if (c.expected) {
      REQUIRE(r);
      CHECK(std::string(str_view(r.get())) == c.expected);
    } else {
      CHECK(!r);
      CHECK(take_error() == c.error);
    }
  }
  ORef t = steal(call_meth(true_(), "__format__", {str_empty()}));
  CHECK(std::string(str_view(t.get())) == "True");
  ORef td = steal(call_meth(true_(), "__format__", {str_interned("d")}));
  CHECK(std::string(str_view(td.get())) == "1");
}
