// Tests for the parser: dumps of every construct family and the common syntax errors, checked against CPython
// 3.13's own results (captured in parser_test.inc); plus the arena, the dumper's reprs and the recursion guard.
#include "vm/compiler/parser.h"

#include <catch2/catch.hpp>
#include <string>

#include "vm/compiler/ast_dump.h"

using namespace pyvm::compiler;

namespace {

struct DumpCase {
  const char* name;
  const char* src;
  const char* dump;
};

struct ErrorCase {
  const char* src;
  const char* type;
  const char* msg;
  int lineno, offset;
};

#include "vm/compiler/parser_test.inc"

std::string parse_and_dump(const std::string& src, SyntaxErrorInfo* err = nullptr) {
  Arena arena;
  std::string storage;
  ParseResult r = parse_bytes(src, ParseMode::kFile, arena, &storage);
  if (!r.mod) {
    if (err) *err = r.error;
    return "<error: " + r.error.msg + ">";
  }
  return dump_ast(r.mod);
}

}  // namespace

TEST_CASE("dumps match CPython 3.13 for every construct family") {
  for (const DumpCase& c : kDumpCases) {
    INFO(c.name);
    INFO(c.src);
    CHECK(parse_and_dump(c.src) == c.dump);
  }
}

TEST_CASE("syntax errors match CPython 3.13: type, message, line and column") {
  for (const ErrorCase& c : kErrorCases) {
    INFO(c.src);
    SyntaxErrorInfo err;
    std::string d = parse_and_dump(c.src, &err);
    REQUIRE(d.rfind("<error", 0) == 0);
    CHECK(std::string(err.type_name()) == c.type);
    CHECK(err.msg == c.msg);
    CHECK(err.lineno == c.lineno);
    CHECK(err.offset == c.offset);
  }
}

TEST_CASE("eval mode parses an expression") {
  Arena arena;
  std::string src = normalize_newlines("a + 1\n");
  ParseResult r = parse(src, ParseMode::kEval, arena);
  REQUIRE(r.mod);
  CHECK(dump_ast(r.mod) ==
        "Expression(body=BinOp(left=Name(id='a', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, "
        "end_col_offset=1), op=Add(), right=Constant(value=1, lineno=1, col_offset=4, end_lineno=1, "
        "end_col_offset=5), lineno=1, col_offset=0, end_lineno=1, end_col_offset=5))");
}

TEST_CASE("constant reprs follow Python's") {
  CHECK(float_repr(1e16) == "1e+16");
  CHECK(float_repr(1e15) == "1000000000000000.0");
  CHECK(float_repr(0.0001) == "0.0001");
  CHECK(float_repr(0.00001) == "1e-05");
  CHECK(float_repr(0.1) == "0.1");
  CHECK(float_repr(1.0 / 3) == "0.3333333333333333");
  CHECK(str_repr("it's") == "\"it's\"");
  CHECK(str_repr("a\nb\x01") == "'a\\nb\\x01'");
  CHECK(str_repr("\xC3\xA9\xE2\x80\x8B") == "'\xC3\xA9\\u200b'");
}

TEST_CASE("deep nesting is refused rather than overflowing the stack") {
  std::string src = "x = " + std::string(20000, '-') + "1\n";
  SyntaxErrorInfo err;
  std::string d = parse_and_dump(src, &err);
  CHECK(d.rfind("<error", 0) == 0);
}

TEST_CASE("nested brackets in targets and expressions parse in linear time") {
  // Without memoised target rules, star_atom's alternatives re-parse nested parentheses exponentially.
  std::string n(150, '(');
  std::string c(150, ')');
  for (const std::string& src :
       {n + "a" + c + " = 1\n", "del " + n + "a" + c + "\n", "x = " + n + "1" + c + "\n", n + "a," + c + " = 1\n"}) {
    INFO(src);
    CHECK(parse_and_dump(src).rfind("Module(", 0) == 0);
  }
}

TEST_CASE("the arena hands out aligned memory and copies strings") {
  Arena a;
  for (int i = 0; i < 10000; i++) {
    void* p = a.alloc(24, 8);
    CHECK(reinterpret_cast<uintptr_t>(p) % 8 == 0);
  }
  Str s = a.copy_str("hello");
  CHECK(s.view() == "hello");
  CHECK(a.bytes_reserved() > 10000 * 24);
}
