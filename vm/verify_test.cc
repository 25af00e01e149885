// Tests for the bytecode verifier: real bytecode passes; each kind of corruption is rejected with a clear error.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/code.h"
#include "vm/opcodes.h"
#include "vm/runtime.h"

using namespace pyvm;

namespace {

// Builds a code object with one constant (None), one name and two locals around `units` (opcode, arg pairs).
ORef make(std::vector<std::pair<int, int>> units, int stacksize, std::string exctable = "") {
  REQUIRE(runtime_init() == 0);
  std::string code;
  for (auto [op, arg] : units) {
    code.push_back(char(op));
    code.push_back(char(arg));
  }
  ORef co_bytes = steal(bytes_from(code.data(), ssize(code.size())));
  ORef consts = steal(tuple_pack({none()}));
  ORef names = steal(tuple_pack({str_interned("x")}));
  ORef lnames = steal(tuple_pack({str_interned("a"), str_interned("b")}));
  ORef kinds = steal(bytes_from("\x20\x20", 2));
  ORef empty = steal(bytes_from("", 0));
  ORef exc = steal(bytes_from(exctable.data(), ssize(exctable.size())));
  ORef name = steal(str_from_utf8("f"));
  return steal(code_new(0, 0, 0, stacksize, 0, co_bytes.get(), consts.get(), names.get(), lnames.get(), kinds.get(),
                        name.get(), name.get(), name.get(), 1, empty.get(), exc.get()));
}

std::string rejected(ORef r) {
  if (r) return "accepted";
  ORef e = steal(error_take());
  ORef s = steal(object_str(e.get()));
  return std::string(str_view(s.get()));
}

}  // namespace

TEST_CASE("well-formed bytecode is accepted") {
  ORef r = make({{RESUME, 0}, {LOAD_CONST, 0}, {STORE_FAST, 1}, {LOAD_FAST, 1}, {RETURN_VALUE, 0}}, 1);
  CHECK(rejected(std::move(r)) == "accepted");
}

TEST_CASE("out-of-range operands are rejected") {
  CHECK(rejected(make({{LOAD_CONST, 5}, {RETURN_VALUE, 0}}, 1)).find("operand 5 of LOAD_CONST") != std::string::npos);
  CHECK(rejected(make({{LOAD_FAST, 9}, {RETURN_VALUE, 0}}, 1)).find("LOAD_FAST") != std::string::npos);
  CHECK(rejected(make({{LOAD_NAME, 3}, {RETURN_VALUE, 0}}, 1)).find("LOAD_NAME") != std::string::npos);
  // LOAD_DEREF on a slot that is not a cell.
  CHECK(rejected(make({{LOAD_DEREF, 0}, {RETURN_VALUE, 0}}, 1)).find("LOAD_DEREF") != std::string::npos);
}

TEST_CASE("unknown opcodes and bad jumps are rejected") {
  CHECK(rejected(make({{250, 0}, {RETURN_CONST, 0}}, 1)).find("unknown opcode 250") != std::string::npos);
  CHECK(rejected(make({{JUMP_FORWARD, 40}, {RETURN_CONST, 0}}, 1)).find("jump out of range") != std::string::npos);
  CHECK(rejected(make({{NOP, 0}}, 1)).find("falls off the end") != std::string::npos);
}

TEST_CASE("stack underflow, overflow and inconsistent depths are rejected") {
  CHECK(rejected(make({{POP_TOP, 0}, {RETURN_CONST, 0}}, 1)).find("stack underflow") != std::string::npos);
  CHECK(rejected(make({{LOAD_CONST, 0}, {LOAD_CONST, 0}, {BINARY_OP, 0}, {RETURN_VALUE, 0}}, 1))
            .find("stack overflow") != std::string::npos);
  // Two paths reach RETURN_VALUE with different depths.
  CHECK(rejected(make({{LOAD_CONST, 0}, {LOAD_CONST, 0}, {POP_JUMP_IF_TRUE, 1}, {CACHE, 0}, {LOAD_CONST, 0}, {RETURN_VALUE, 0}}, 3))
            .find("inconsistent stack depth") != std::string::npos);
}

TEST_CASE("exception table entries are checked") {
  // start 0, length 1, target 9 (past the end), depth 0.
  CHECK(rejected(make({{NOP, 0}, {RETURN_CONST, 0}}, 2, std::string("\x80\x01\x09\x00", 4)))
            .find("exception table") != std::string::npos);
}
