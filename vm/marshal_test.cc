// Tests for the marshal and .pyc loader against data written by CPython 3.13 (the tables are generated from
// marshal.dumps; see the note at the end of this file).
#include "vm/marshal.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/set.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/code.h"
#include "vm/runtime.h"

using namespace std::literals;

namespace pyvm {
namespace {

void init() {
  static const int rc = runtime_init();
  REQUIRE(rc == 0);
}

// Unmarshals from a private heap copy, so that a read past the end shows up under ASan.
ORef load(std::string_view data) {
  std::vector<uint8_t> copy(data.begin(), data.end());
  return steal(marshal_loads(copy.data(), copy.size()));
}
ORef load_pyc(std::string_view data) {
  std::vector<uint8_t> copy(data.begin(), data.end());
  return steal(load_pyc_bytes(copy.data(), copy.size()));
}

std::string hex64(double d) {
  uint64_t bits;
  std::memcpy(&bits, &d, sizeof bits);
  char buf[20];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(bits));
  return buf;
}

// A canonical text for an unmarshalled object, built only from accessors; gen_test.py prints the same for the
// object CPython loads. Lists, dicts and sets already seen print as @n (n: order of first visit), so sharing and
// cycles are visible.
std::string describe(Object* o, std::vector<Object*>* seen) {
  if (o == none()) return "None";
  if (o == true_()) return "True";
  if (o == false_()) return "False";
  if (o == ellipsis()) return "...";
  if (o == reinterpret_cast<Object*>(&exc_StopIteration)) return "StopIteration";
  Type* t = type_of(o);
  if (t == &int_type) {
    std::string s;
    REQUIRE(int_to_string(o, 10, &s));
    return "i" + s;
  }
  if (t == &float_type) return "f" + hex64(float_value(o));
  if (t == &complex_type) return "c" + hex64(complex_value(o).real) + "," + hex64(complex_value(o).imag);
  if (t == &str_type) {
    std::string s = "s'";
    for (ssize i = 0; i < str_length(o); i++) {
      uint32_t c = str_char_at(o, i);
      if (c >= 0x20 && c < 0x7f && c != '\\' && c != '\'') {
        s += char(c);
      } else {
        char buf[24];
        std::snprintf(buf, sizeof buf, "\\u{%x}", c);
        s += buf;
      }
    }
    return s + "'";
  }
  if (t == &bytes_type) {
    std::string s = "b";
    char buf[4];
    for (unsigned char c : bytes_view(o)) {
      std::snprintf(buf, sizeof buf, "%02x", c);
      s += buf;
    }
    return s;
  }
  if (t == &tuple_type) {
    std::string s = "(";
    for (ssize i = 0; i < tuple_size(o); i++) s += (i ? "," : "") + describe(tuple_get(o, i), seen);
    return s + ")";
  }
  if (t == &code_type) return "code " + describe(as_code(o)->qualname, seen);
  if (t == &list_type || t == &dict_type || t == &set_type) {
    for (size_t i = 0; i < seen->size(); i++) {
      if ((*seen)[i] == o) return "@" + std::to_string(i);
    }
    seen->push_back(o);
  }
  if (t == &list_type) {
    std::string s = "[";
    for (ssize i = 0; i < list_size(o); i++) s += (i ? "," : "") + describe(list_items(o)[i], seen);
    return s + "]";
  }
  if (t == &dict_type) {
    std::string s = "{";
    ssize pos = 0;
    Object *k, *v;
    bool first = true;
    while (dict_next(o, &pos, &k, &v)) {
      ORef key = steal(k), value = steal(v);
      s += (first ? "" : ",") + describe(key.get(), seen) + ":" + describe(value.get(), seen);
      first = false;
    }
    return s + "}";
  }
  if (t == &set_type || t == &frozenset_type) {
    std::vector<std::string> items;
    ssize pos = 0;
    Object* k;
    while (set_next(o, &pos, &k)) {
      ORef key = steal(k);
      items.push_back(describe(key.get(), seen));
    }
    std::sort(items.begin(), items.end());
    std::string s = t == &set_type ? "set<" : "fset<";
    for (size_t i = 0; i < items.size(); i++) s += (i ? "," : "") + items[i];
    return s + ">";
  }
  return std::string("<unexpected ") + type_name(o) + ">";
}

std::string describe(Object* o) {
  std::vector<Object*> seen;
  return describe(o, &seen);
}

// The pending exception as "!Type: message", cleared; "<no error>" when none is set.
std::string take_error() {
  if (!error_occurred()) return "<no error>";
  ORef exc = steal(error_take());
  std::string out = std::string("!") + type_name(exc.get()) + ": ";
  ORef text = steal(object_str(exc.get()));
  if (text) {
    out += str_view(text.get());
  } else {
    error_clear();
    out += "<str() failed>";
  }
  return out;
}

// What loading `data` gives: the description, or the error.
std::string outcome(std::string_view data) {
  ORef r = load(data);
  if (!r) return take_error();
  std::string s = describe(r.get());
  if (error_occurred()) return "result with an error set: " + take_error();
  // Self-referencing containers would leak without a cycle collector: break the cycle the cases create.
  if (type_of(r.get()) == &list_type) {
    if (list_clear(r.get()) < 0) error_clear();
  } else if (type_of(r.get()) == &dict_type) {
    dict_clear(r.get());
  }
  return s;
}

struct Case {
  const char* name;
  std::string_view data;
  const char* expect;
};

// marshal.dumps(v) of CPython 3.13 and describe(v).
const Case kLoadCases[] = {
    {"None", "N"sv, "None"},
    {"True/False/Ellipsis/StopIteration", ")\004TF.S"sv, "(True,False,...,StopIteration)"},
    {"small ints",
     "\251\007\351\000\000\000\000\351\001\000\000\000\351\377\377\377\377\351\377\000\000\000\351"
     "\000\001\000\000\351\373\377\377\377\351\372\377\377\377"sv,
     "(i0,i1,i-1,i255,i256,i-5,i-6)"},
    {"32-bit edges", "\251\002\351\377\377\377\177\351\000\000\000\200"sv, "(i2147483647,i-2147483648)"},
    {"longs",
     "\251\004\354\003\000\000\000\000\000\000\000\002\000\354\375\377\377\377\001\000\000\000\002"
     "\000\354\005\000\000\000\000\000\000\000\000\000\000\000\004\000\354\005\000\000\000\377\177"
     "\377\177\377\177\377\177\007\000"sv,
     "(i2147483648,i-2147483649,i4611686018427387904,i9223372036854775807)"},
    {"more longs",
     "\251\004\354\373\377\377\377\000\000\000\000\000\000\000\000\010\000\354\005\000\000\000\000"
     "\000\000\000\000\000\000\000\020\000\351\000\000\000@\354\004\000\000\000\000\000\000\000\000"
     "\000\001\000"sv,
     "(i-9223372036854775808,i18446744073709551616,i1073741824,i35184372088832)"},
    {"2**100", "l\007\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\004"sv,
     "i1267650600228229401496703205376"},
    {"-(2**65)", "l\373\377\377\377\000\000\000\000\000\000\000\000 \000"sv, "i-36893488147419103232"},
    {"10**50", "l\014\000\000\000\000\000\000\000\000\000 +\333O\246\000\261tC3\222y+v\260\021\002\000"sv,
     "i100000000000000000000000000000000000000000000000000"},
    {"int64 type code", "I\001\000\000\000\000\000\000\200"sv, "i-9223372036854775807"},
    {"binary floats",
     "\251\005\347\000\000\000\000\000\000\000\000\347\000\000\000\000\000\000\000\200\347\000\000"
     "\000\000\000\000\370\077\347\234u\000\210<\3447~\347\001\000\000\000\000\000\000\000"sv,
     "(f0000000000000000,f8000000000000000,f3ff8000000000000,f7e37e43c8800759c,f0000000000000001)"},
    {"binary float specials",
     ")\004g\000\000\000\000\000\000\360\177g\000\000\000\000\000\000\360\377g\000\000\000\000\000"
     "\000\370\177\347\232\231\231\231\231\231\271\077"sv,
     "(f7ff0000000000000,ffff0000000000000,f7ff8000000000000,f3fb999999999999a)"},
    {"text floats (version 1)",
     "(\004\000\000\000f\0031.5f\002-0f\0271.0000000000000001e+300f\0274.9406564584124654e-324"sv,
     "(f3ff8000000000000,f8000000000000000,f7e37e43c8800759c,f0000000000000001)"},
    {"text float specials (version 1)", "(\003\000\000\000f\003inff\003nanf\0230.10000000000000001"sv,
     "(f7ff0000000000000,f7ff8000000000000,f3fb999999999999a)"},
    {"text float grammar", "(\004\000\000\000f\004-inFf\002.5f\0025.f\0041e+5"sv,
     "(ffff0000000000000,f3fe0000000000000,f4014000000000000,f40f86a0000000000)"},
    {"binary complex",
     "\251\002\371\000\000\000\000\000\000\000\000\000\000\000\000\000\000\360\077\371\000\000\000"
     "\000\000\000\004\300\000\000\000\000\000\000\010@"sv,
     "(c0000000000000000,3ff0000000000000,cc004000000000000,4008000000000000)"},
    {"text complex (version 1)", "x\004-2.5\0013"sv, "cc004000000000000,4008000000000000"},
    {"short ascii", "\332\005hello"sv, "s'hello'"},
    {"interned short ascii", "\332\011spam_eggs"sv, "s'spam_eggs'"},
    {"empty strings", "(\002\000\000\000u\000\000\000\000s\000\000\000\000"sv, "(s'',b)"},
    {"latin-1 in ascii type", "z\002\351\377"sv, "s'\\u{e9}\\u{ff}'"},
    {"utf-8 2/3/4 bytes",
     "\251\003\364\002\000\000\000\303\251\365\003\000\000\000\341\210\264\365\004\000\000\000\360"
     "\237\230\200"sv,
     "(s'\\u{e9}',s'\\u{1234}',s'\\u{1f600}')"},
    {"lone surrogates",
     "\251\003\365\003\000\000\000\355\240\200\365\005\000\000\000a\355\277\277b\365\006\000\000\000"
     "\355\240\200\355\260\200"sv,
     "(s'\\u{d800}',s'a\\u{dfff}b',s'\\u{d800}\\u{dc00}')"},
    {"unicode (version 2)", "u\003\000\000\000abc"sv, "s'abc'"},
    {"bytes", ")\002\363\003\000\000\000abcs\005\000\000\000\000\001\177\200\377"sv, "(b616263,b00017f80ff)"},
    {"nested tuples",
     "\251\003\251\002\351\001\000\000\000\351\002\000\000\000\251\002\351\003\000\000\000\251\002"
     "\351\004\000\000\000\351\005\000\000\000\251\000"sv,
     "((i1,i2),(i3,(i4,i5)),())"},
    {"tuple, long form", "\250\003\000\000\000\351\001\000\000\000\351\002\000\000\000\351\003\000\000\000"sv,
     "(i1,i2,i3)"},
    {"list",
     "[\003\000\000\000\351\001\000\000\000[\002\000\000\000\351\002\000\000\000[\001\000\000\000"
     "\351\003\000\000\000[\000\000\000\000"sv,
     "[i1,[i2,[i3]],[]]"},
    {"dict",
     "{\332\001a\351\001\000\000\000\332\001b[\001\000\000\000\351\002\000\000\000\251\002r\001\000"
     "\000\000r\003\000\000\000N0"sv,
     "{s'a':i1,s'b':[i2],(i1,i2):None}"},
    {"set", "<\003\000\000\000\351\001\000\000\000\351\002\000\000\000\351\003\000\000\000"sv, "set<i1,i2,i3>"},
    {"frozenset", ">\002\000\000\000\332\001a\332\001b"sv, "fset<s'a',s'b'>"},
    {"empty set and frozenset", ")\002<\000\000\000\000>\000\000\000\000"sv, "(set<>,fset<>)"},
    {"frozenset of tuples",
     ">\002\000\000\000\251\002\351\001\000\000\000\332\001a\251\002\351\002\000\000\000\332\001b"
     ""sv,
     "fset<(i1,s'a'),(i2,s'b')>"},
    {"back-references",
     ")\005\332\006sharedr\000\000\000\000\333\002\000\000\000\351\001\000\000\000\351\002\000\000"
     "\000r\001\000\000\000[\001\000\000\000r\001\000\000\000"sv,
     "(s'shared',s'shared',[i1,i2],@0,[@0])"},
    {"list containing itself", "\333\001\000\000\000r\000\000\000\000"sv, "[@0]"},
    {"dict containing itself", "\373\332\002mer\000\000\000\0000"sv, "{s'me':@0}"},
    {"FLAG_REF on singletons is ignored", "\251\002\316Nr\000\000\000\000"sv, "(None,None)"},
    {"dict ends at a NULL value", "{N0"sv, "{}"},
    {"trailing bytes are ignored", "NXYZ"sv, "None"},
};

// Inputs CPython 3.13's marshal.loads rejects, with its exception. One row differs on purpose: CPython lets a
// back-reference reach a tuple that is still being filled, we refuse it (a tuple can never contain itself here).
const Case kErrorCases[] = {
    {"empty input", ""sv, "!EOFError: EOF read where object expected"},
    {"unknown code X", "X"sv, "!ValueError: bad marshal data (unknown type code)"},
    {"unknown code ?", "\077"sv, "!ValueError: bad marshal data (unknown type code)"},
    {"unknown code NUL", "\000"sv, "!ValueError: bad marshal data (unknown type code)"},
    {"slice is 3.14 only", ":NNN"sv, "!ValueError: bad marshal data (unknown type code)"},
    {"NULL at top level", "0"sv, "!TypeError: NULL object in marshal data for object"},
    {"NULL in tuple", ")\0010"sv, "!TypeError: NULL object in marshal data for tuple"},
    {"NULL in list", "[\001\000\000\0000"sv, "!TypeError: NULL object in marshal data for list"},
    {"NULL in set", "<\001\000\000\0000"sv, "!TypeError: NULL object in marshal data for set"},
    {"short int", "i\001"sv, "!EOFError: marshal data too short"},
    {"short int64", "I\001\000"sv, "!EOFError: marshal data too short"},
    {"short binary float", "g\000"sv, "!EOFError: marshal data too short"},
    {"short complex", "y\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000"sv,
     "!EOFError: marshal data too short"},
    {"missing length byte", "z"sv, "!EOFError: EOF read where not expected"},
    {"missing small tuple length", ")"sv, "!EOFError: EOF read where not expected"},
    {"missing float length", "f"sv, "!EOFError: EOF read where not expected"},
    {"short bytes", "s\005\000\000\000ab"sv, "!EOFError: marshal data too short"},
    {"short ascii", "a\005\000\000\000ab"sv, "!EOFError: marshal data too short"},
    {"short utf-8", "u\001\000\000\000"sv, "!EOFError: marshal data too short"},
    {"tuple runs out", ")\005N"sv, "!EOFError: EOF read where object expected"},
    {"list runs out", "[\002\000\000\000N"sv, "!EOFError: EOF read where object expected"},
    {"dict runs out", "{N"sv, "!EOFError: EOF read where object expected"},
    {"huge tuple size", "(\377\377\377\177"sv, "!EOFError: EOF read where object expected"},
    {"huge list size", "[\377\377\377\177N"sv, "!EOFError: EOF read where object expected"},
    {"huge set size", "<\377\377\377\177"sv, "!EOFError: EOF read where object expected"},
    {"huge bytes size", "s\377\377\377\177"sv, "!EOFError: marshal data too short"},
    {"huge str size", "u\377\377\377\177abc"sv, "!EOFError: marshal data too short"},
    {"huge long size", "l\377\377\377\177\001\000"sv, "!EOFError: marshal data too short"},
    {"negative tuple size", "(\377\377\377\377"sv, "!ValueError: bad marshal data (tuple size out of range)"},
    {"negative list size", "[\377\377\377\377"sv, "!ValueError: bad marshal data (list size out of range)"},
    {"negative set size", "<\377\377\377\377"sv, "!ValueError: bad marshal data (set size out of range)"},
    {"negative bytes size", "s\377\377\377\377"sv, "!ValueError: bad marshal data (bytes object size out of range)"},
    {"negative str size", "u\377\377\377\377"sv, "!ValueError: bad marshal data (string size out of range)"},
    {"negative ascii size", "A\377\377\377\377"sv, "!ValueError: bad marshal data (string size out of range)"},
    {"long size out of range", "l\000\000\000\200"sv, "!ValueError: bad marshal data (long size out of range)"},
    {"long digit out of range", "l\001\000\000\000\000\200"sv,
     "!ValueError: bad marshal data (digit out of range in long)"},
    {"unnormalized long", "l\002\000\000\000\001\000\000\000"sv,
     "!ValueError: bad marshal data (unnormalized long data)"},
    {"bad digit before short read", "l\377\377\377\177\000\200"sv,
     "!ValueError: bad marshal data (digit out of range in long)"},
    {"invalid utf-8 start", "u\002\000\000\000\377\376"sv,
     "!UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"},
    {"truncated utf-8", "u\002\000\000\000\342\202"sv,
     "!UnicodeDecodeError: 'utf-8' codec can't decode bytes in position 0-1: unexpected end of data"},
    {"invalid continuation", "u\003\000\000\000\342\202("sv,
     "!UnicodeDecodeError: 'utf-8' codec can't decode bytes in position 0-1: invalid continuation byte"},
    {"half a surrogate", "u\002\000\000\000\355\240"sv,
     "!UnicodeDecodeError: 'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte"},
    {"error after a surrogate", "u\005\000\000\000\355\240\200\340\200"sv,
     "!UnicodeDecodeError: 'utf-8' codec can't decode byte 0xe0 in position 3: invalid continuation byte"},
    {"bad text float", "f\003abc"sv, "!ValueError: could not convert string to float: 'abc'"},
    {"text float with spaces", "f\003 1 "sv, "!ValueError: could not convert string to float: ' 1 '"},
    {"text float with NUL", "f\004 1\000x"sv, "!ValueError: could not convert string to float: ' 1'"},
    {"text float non-utf-8", "f\003\377\3761"sv, "!ValueError: could not convert string to float: '��1'"},
    {"reference to nothing", "r\000\000\000\000"sv, "!ValueError: bad marshal data (invalid reference)"},
    {"negative reference", "r\377\377\377\377"sv, "!ValueError: bad marshal data (invalid reference)"},
    {"reference into an unfinished frozenset", "\276\001\000\000\000r\000\000\000\000"sv,
     "!ValueError: bad marshal data (invalid reference)"},
    {"reference into an unfinished tuple (CPython allows it)", "\251\001r\000\000\000\000"sv,
     "!ValueError: bad marshal data (invalid reference)"},
    {"unhashable set item", "<\001\000\000\000[\000\000\000\000"sv, "!TypeError: unhashable type: 'list'"},
    {"unhashable dict key", "{[\000\000\000\000N0"sv, "!TypeError: unhashable type: 'list'"},
    {"set containing itself", "\274\001\000\000\000r\000\000\000\000"sv, "!TypeError: unhashable type: 'set'"},
    {"short code object", "c\000\000\000\000"sv, "!EOFError: marshal data too short"},
};

// marshal.dumps(compile('def f(x): return x+1', 'm', 'exec'))
constexpr std::string_view kCodeBlob =
    "c\000\000\000\000\000\000\000\000\000\000\000\000\001\000\000\000\000\000\000\000\363\012\000"
    "\000\000\225\000S\000\032\000r\000g\001)\002c\001\000\000\000\000\000\000\000\000\000\000\000"
    "\002\000\000\000\003\000\000\000\363\014\000\000\000\225\000U\000S\001-\000\000\000$\000)\002"
    "N\351\001\000\000\000\251\000)\001\332\001xs\001\000\000\000 \332\001m\332\001fr\006\000\000"
    "\000\001\000\000\000s\012\000\000\000\200\000\220\021\2201\221\023\210*\363\000\000\000\000"
    "N)\001r\006\000\000\000r\003\000\000\000r\007\000\000\000r\005\000\000\000\332\010<module>r"
    "\010\000\000\000\001\000\000\000s\010\000\000\000\360\003\001\001\001\333\000\024r\007\000\000"
    "\000"sv;

// marshal.dumps((1, 2**100, 'abc', 'é\ud800', b'xyz', [1.5, {2: 3j}], frozenset({4}), None)): every proper
// prefix raises EOFError in CPython.
constexpr std::string_view kPrefixBlob =
    ")\010\351\001\000\000\000l\007\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000"
    "\004\332\003abc\365\005\000\000\000\303\251\355\240\200\363\003\000\000\000xyz[\002\000\000"
    "\000\347\000\000\000\000\000\000\370\077{\351\002\000\000\000\371\000\000\000\000\000\000\000"
    "\000\000\000\000\000\000\000\010@0>\001\000\000\000\351\004\000\000\000N"sv;

constexpr std::string_view kPycHeader = "\363\015\015\012\000\000\000\000\000\000\000\000\000\000\000\000"sv;

std::string le32(uint32_t v) {
  std::string s(4, '\0');
  for (int i = 0; i < 4; i++) s[size_t(i)] = char((v >> (8 * i)) & 0xFF);
  return s;
}

bool starts_with(const std::string& s, std::string_view prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

TEST_CASE("marshal: data written by CPython loads back", "[marshal]") {
  init();
  for (const Case& c : kLoadCases) {
    INFO(c.name);
    CHECK(outcome(c.data) == c.expect);
  }
}

TEST_CASE("marshal: bad data raises CPython's exceptions", "[marshal]") {
  init();
  for (const Case& c : kErrorCases) {
    INFO(c.name);
    CHECK(outcome(c.data) == c.expect);
  }
}

TEST_CASE("marshal: long strings, bytes and tuples", "[marshal]") {
  init();
  ORef s = load("a" + le32(300) + std::string(300, 'x'));
  REQUIRE(s);
  CHECK(type_of(s.get()) == &str_type);
  CHECK(str_view(s.get()) == std::string(300, 'x'));
  CHECK_FALSE(str_is_interned(s.get()));

  std::string all_bytes;
  for (int i = 0; i < 256; i++) all_bytes += char(i);
  ORef b = load("s" + le32(256) + all_bytes);
  REQUIRE(b);
  CHECK(bytes_view(b.get()) == all_bytes);

  ORef t = load("(" + le32(256) + std::string(256, 'N'));
  REQUIRE(t);
  REQUIRE(tuple_size(t.get()) == 256);
  for (ssize i = 0; i < 256; i++) CHECK(tuple_get(t.get(), i) == none());

  CHECK(outcome("f\377" + std::string(255, 'a')) ==
        "!ValueError: could not convert string to float: '" + std::string(200, 'a') + "'");
}

TEST_CASE("marshal: interned strings are shared", "[marshal]") {
  init();
  ORef a = load("\332\011spam_eggs"sv);
  ORef b = load("Z\011spam_eggs"sv);
  ORef c = load("t\011\000\000\000spam_eggs"sv);
  ORef d = load("A\011\000\000\000spam_eggs"sv);
  REQUIRE((a && b && c && d));
  CHECK(str_is_interned(a.get()));
  CHECK(a.get() == b.get());
  CHECK(a.get() == c.get());
  CHECK(a.get() == d.get());
  ORef plain = load("z\011spam_eggs"sv);
  REQUIRE(plain);
  CHECK(str_view(plain.get()) == "spam_eggs");
}

TEST_CASE("marshal: back-references share objects", "[marshal]") {
  init();
  // ('shared', 'shared', shared, shared, [shared])
  ORef t = load(
      ")\005\332\006sharedr\000\000\000\000\333\002\000\000\000\351\001\000\000\000\351\002\000\000\000r"
      "\001\000\000\000[\001\000\000\000r\001\000\000\000"sv);
  REQUIRE(t);
  REQUIRE(tuple_size(t.get()) == 5);
  CHECK(tuple_get(t.get(), 0) == tuple_get(t.get(), 1));
  CHECK(tuple_get(t.get(), 2) == tuple_get(t.get(), 3));
  CHECK(list_items(tuple_get(t.get(), 4))[0] == tuple_get(t.get(), 2));

  // A list that contains itself (CPython writes one; mutable containers are registered before their items).
  ORef l = load("\333\001\000\000\000r\000\000\000\000"sv);
  REQUIRE(l);
  REQUIRE(list_size(l.get()) == 1);
  CHECK(list_items(l.get())[0] == l.get());
  ORef zero = steal(int_from_i64(0));
  CHECK(del_item(l.get(), zero.get()) == 0);  // break the cycle

  ORef d = load("\373\332\002mer\000\000\000\0000"sv);
  REQUIRE(d);
  Object* inner = nullptr;
  REQUIRE(dict_get_str(d.get(), "me", &inner) == 1);
  CHECK(inner == d.get());
  decref(inner);
  ORef key = steal(str_from_utf8("me"));
  CHECK(dict_del(d.get(), key.get()) == 0);
}

TEST_CASE("marshal: a code object", "[marshal]") {
  init();
  ORef m = load(kCodeBlob);
  REQUIRE(m);
  REQUIRE(type_of(m.get()) == &code_type);
  CodeObject* mod = as_code(m.get());
  CHECK(mod->argcount == 0);
  CHECK(mod->posonlyargcount == 0);
  CHECK(mod->kwonlyargcount == 0);
  CHECK(mod->stacksize == 1);
  CHECK(mod->flags == 0);
  CHECK(mod->firstlineno == 1);
  CHECK(describe(mod->code) == "b950053001a0072006701");
  CHECK(describe(mod->names) == "(s'f')");
  CHECK(describe(mod->localsplusnames) == "()");
  CHECK(describe(mod->localspluskinds) == "b");
  CHECK(describe(mod->filename) == "s'm'");
  CHECK(describe(mod->name) == "s'<module>'");
  CHECK(describe(mod->qualname) == "s'<module>'");
  CHECK(describe(mod->linetable) == "bf003010101db0014");
  CHECK(describe(mod->exceptiontable) == "b");
  REQUIRE(tuple_size(mod->consts) == 2);
  CHECK(tuple_get(mod->consts, 1) == none());

  Object* fo = tuple_get(mod->consts, 0);
  REQUIRE(type_of(fo) == &code_type);
  CodeObject* f = as_code(fo);
  CHECK(f->argcount == 1);
  CHECK(f->posonlyargcount == 0);
  CHECK(f->kwonlyargcount == 0);
  CHECK(f->stacksize == 2);
  CHECK(f->flags == (kCoOptimized | kCoNewLocals));
  CHECK(f->firstlineno == 1);
  CHECK(describe(f->code) == "b9500550053012d0000002400");
  CHECK(describe(f->consts) == "(None,i1)");
  CHECK(describe(f->names) == "()");
  CHECK(describe(f->localsplusnames) == "(s'x')");
  CHECK(describe(f->localspluskinds) == "b20");
  CHECK(describe(f->name) == "s'f'");
  CHECK(describe(f->qualname) == "s'f'");
  CHECK(describe(f->linetable) == "b8000901190319113882a");
  CHECK(describe(f->exceptiontable) == "b");
  CHECK(f->filename == mod->filename);  // written once, then referenced
  CHECK(f->nlocalsplus == 1);
}

TEST_CASE("marshal: every truncation fails cleanly", "[marshal]") {
  init();
  for (std::string_view blob : {kPrefixBlob, kCodeBlob}) {
    for (size_t n = 0; n < blob.size(); n++) {
      INFO("prefix of " << n << " bytes");
      ORef r = load(blob.substr(0, n));
      CHECK_FALSE(r);
      CHECK(starts_with(take_error(), "!EOFError: "));
    }
  }
}

TEST_CASE("marshal: size fields are checked before allocating", "[marshal]") {
  init();
  // Each claims 2**31-1 elements; the input ends long before, and nothing of that size is allocated.
  std::string nones(100000, 'N');
  CHECK(outcome("(" + le32(0x7fffffff) + nones) == "!EOFError: EOF read where object expected");
  CHECK(outcome("[" + le32(0x7fffffff) + nones) == "!EOFError: EOF read where object expected");
  CHECK(outcome("s" + le32(0x7fffffff) + nones) == "!EOFError: marshal data too short");
  CHECK(outcome("u" + le32(0x7fffffff) + nones) == "!EOFError: marshal data too short");
  CHECK(outcome("a" + le32(0x7fffffff) + nones) == "!EOFError: marshal data too short");
  std::string digits;
  for (int i = 0; i < 50000; i++) digits += "\001\000"sv;
  CHECK(outcome("l" + le32(0x7fffffff) + digits) == "!EOFError: marshal data too short");
  CHECK(outcome("l" + le32(0x80000001) + digits) == "!EOFError: marshal data too short");  // negative size
  CHECK(outcome("r" + le32(0x7fffffff)) == "!ValueError: bad marshal data (invalid reference)");
}

TEST_CASE("marshal: nesting depth is bounded like CPython's", "[marshal]") {
  init();
  auto nested = [](int depth, std::string_view open) {
    std::string s;
    for (int i = 0; i < depth; i++) s += open;
    return s + "N";
  };
  ORef ok = load(nested(1999, ")\001"sv));  // None at depth 2000
  REQUIRE(ok);
  CHECK(outcome(nested(2000, ")\001"sv)) == "!ValueError: recursion limit exceeded");
  CHECK(outcome(nested(100000, "[\001\000\000\000"sv)) == "!ValueError: recursion limit exceeded");
  CHECK(outcome(nested(100000, "{N"sv)) == "!ValueError: recursion limit exceeded");
  CHECK(outcome(nested(100000, "<\001\000\000\000"sv)) == "!ValueError: recursion limit exceeded");
}

TEST_CASE("marshal: random and mutated input never crashes", "[marshal]") {
  init();
  uint64_t state = 0x9E3779B97F4A7C15ull;
  auto next = [&state]() {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return uint32_t(state >> 33);
  };
  auto check = [](std::string_view data) {
    ORef r = load(data);
    if (r) {
      CHECK_FALSE(error_occurred());
    } else {
      CHECK(error_occurred());
      error_clear();
    }
    ORef p = load_pyc(std::string(kPycHeader) + std::string(data));
    if (p) {
      CHECK(type_of(p.get()) == &code_type);
    } else {
      CHECK(error_occurred());
      error_clear();
    }
  };
  constexpr std::string_view kAlphabet = "0NFTS.iIfgxylstr([{c<>u?aA)zZ\200\001\002\377"sv;
  for (int round = 0; round < 20000; round++) {
    std::string data(next() % 48, '\0');
    for (char& ch : data) ch = next() % 2 ? kAlphabet[next() % kAlphabet.size()] : char(next());
    check(data);
  }
  for (std::string_view blob : {kCodeBlob, kPrefixBlob}) {
    std::string data(blob);
    for (size_t i = 0; i < data.size(); i++) {
      for (int v : {0x00, 0x01, 0x30, 0x4e, 0x72, 0x7f, 0x80, 0xff}) {
        std::string mutated = data;
        mutated[i] = char(v);
        check(mutated);
      }
      check(data.substr(0, i) + data.substr(i + 1));
    }
  }
}

TEST_CASE("load_pyc_bytes: the 16-byte header", "[marshal]") {
  init();
  std::string pyc = std::string(kPycHeader) + std::string(kCodeBlob);
  ORef co = load_pyc(pyc);
  REQUIRE(co);
  CHECK(type_of(co.get()) == &code_type);

  std::string hashed = pyc;
  hashed[4] = 1;  // hash-based .pyc: the same header size
  CHECK(load_pyc(hashed));
  hashed[4] = 3;
  CHECK(load_pyc(hashed));

  auto pyc_outcome = [](std::string_view data) {
    ORef r = load_pyc(data);
    return r ? describe(r.get()) : take_error();
  };
  CHECK(pyc_outcome("") == "!EOFError: EOF read where not expected");
  CHECK(pyc_outcome("\363\015\015"sv) == "!EOFError: EOF read where not expected");
  CHECK(pyc_outcome(pyc.substr(0, 10)) == "!EOFError: EOF read where not expected");
  std::string old_magic = pyc;
  old_magic[0] = '\313';  // 3531, CPython 3.12
  CHECK(pyc_outcome(old_magic) == "!RuntimeError: Bad magic number in .pyc file");
  CHECK(pyc_outcome(std::string(kPycHeader) + "N") == "!RuntimeError: Bad code object in .pyc file");
  CHECK(pyc_outcome(std::string(kPycHeader)) == "!RuntimeError: Bad code object in .pyc file");
  CHECK(pyc_outcome(pyc.substr(0, pyc.size() - 1)) == "!RuntimeError: Bad code object in .pyc file");
}

TEST_CASE("load_pyc_file: files and OS errors", "[marshal]") {
  init();
  const char* tmp = std::getenv("TEST_TMPDIR");
  std::string dir = tmp ? tmp : "/tmp";
  std::string path = dir + "/marshal_test_" + std::to_string(reinterpret_cast<uintptr_t>(&dir)) + ".pyc";
  {
    FILE* f = std::fopen(path.c_str(), "wb");
    REQUIRE(f);
    std::string pyc = std::string(kPycHeader) + std::string(kCodeBlob);
    REQUIRE(std::fwrite(pyc.data(), 1, pyc.size(), f) == pyc.size());
    std::fclose(f);
  }
  ORef co = steal(load_pyc_file(path.c_str()));
  std::remove(path.c_str());
  REQUIRE(co);
  CHECK(type_of(co.get()) == &code_type);

  CHECK_FALSE(load_pyc_file("/nonexistent-dir/x.pyc"));
  CHECK(take_error() == "!FileNotFoundError: [Errno 2] No such file or directory: '/nonexistent-dir/x.pyc'");
  CHECK_FALSE(load_pyc_file(dir.c_str()));
  CHECK(take_error() == "!IsADirectoryError: [Errno 21] Is a directory: '" + dir + "'");
}

}  // namespace
}  // namespace pyvm

// How the tables were made: in CPython 3.13, for each value v, data = marshal.dumps(v) and the expected text is
// describe(marshal.loads(data)) (or '!%s: %s' % (type(e).__name__, e) for the exception e), with
//
//   def describe(o, seen):
//       if o is None: return 'None'  # likewise True, False, '...' and StopIteration
//       bits = lambda x: struct.pack('<d', x)[::-1].hex()
//       t = type(o)
//       if t is int: return 'i%d' % o
//       if t is float: return 'f' + bits(o)
//       if t is complex: return 'c%s,%s' % (bits(o.real), bits(o.imag))
//       if t is str: return "s'" + ''.join(c if 0x20 <= ord(c) < 0x7f and c not in "\\'"
//                                          else '\\u{%x}' % ord(c) for c in o) + "'"
//       if t is bytes: return 'b' + o.hex()
//       if t is tuple: return '(' + ','.join(describe(x, seen) for x in o) + ')'
//       if t in (list, dict, set):
//           if id(o) in seen: return '@%d' % seen[id(o)]
//           seen[id(o)] = len(seen)
//           if t is list: return '[' + ','.join(describe(x, seen) for x in o) + ']'
//           if t is dict: return '{' + ','.join(describe(k, seen) + ':' + describe(v, seen)
//                                               for k, v in o.items()) + '}'
//       if t in (set, frozenset):
//           return ('set<' if t is set else 'fset<') + ','.join(sorted(describe(x, seen) for x in o)) + '>'
//       if t is types.CodeType: return 'code ' + describe(o.co_qualname, seen)
