// Tests for the tokenizer: token streams, positions, f-string modes, source decoding and CPython's error messages.
#include "vm/compiler/tokenizer.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace pyvm::compiler;

namespace {

struct Lexed {
  std::string src;
  std::vector<Token> tokens;
  std::vector<std::string> texts;
  TokDone done = TokDone::kOk;
  SyntaxErrorInfo error;
};

Lexed lex(std::string_view text, bool extra = false) {
  Lexed r;
  r.src = normalize_newlines(text);
  Tokenizer tok(r.src);
  if (extra) tok.set_extra_tokens();
  for (;;) {
    Token t;
    Tok k = tok.next(&t);
    r.tokens.push_back(t);
    r.texts.emplace_back(tok.text(t));
    if (k == Tok::ERRORTOKEN) {
      r.done = tok.done();
      r.error = tok.error();
      break;
    }
    if (k == Tok::ENDMARKER) break;
  }
  return r;
}

std::string kinds(const Lexed& l) {
  std::string s;
  for (const Token& t : l.tokens) {
    if (!s.empty()) s += ' ';
    s += is_keyword(t.kind) ? tok_spelling(t.kind) : tok_name(t.kind);
  }
  return s;
}

}  // namespace

TEST_CASE("simple statements give names, operators and NEWLINE") {
  Lexed l = lex("x = a.b(1, 'c') ** 2\n");
  CHECK(kinds(l) == "NAME EQUAL NAME DOT NAME LPAR NUMBER COMMA STRING RPAR DOUBLESTAR NUMBER NEWLINE ENDMARKER");
  CHECK(l.texts[8] == "'c'");
  CHECK(l.tokens[2].col_offset == 4);
  CHECK(l.tokens[2].end_col_offset == 5);
}

TEST_CASE("keywords are their own kinds, soft keywords stay names") {
  Lexed l = lex("if not x: match = type\n");
  CHECK(kinds(l) == "if not NAME COLON NAME EQUAL NAME NEWLINE ENDMARKER");
}

TEST_CASE("indentation produces INDENT and DEDENT; blank and comment lines do not count") {
  Lexed l = lex("if x:\n    y\n\n  # c\n    z\nw\n");
  CHECK(kinds(l) == "if NAME COLON NEWLINE INDENT NAME NEWLINE NAME NEWLINE DEDENT NAME NEWLINE ENDMARKER");
}

TEST_CASE("implicit and explicit line joining") {
  CHECK(kinds(lex("x = (1,\n  2)\n")) == "NAME EQUAL LPAR NUMBER COMMA NUMBER RPAR NEWLINE ENDMARKER");
  CHECK(kinds(lex("x = 1 + \\\n  2\n")) == "NAME EQUAL NUMBER PLUS NUMBER NEWLINE ENDMARKER");
}

TEST_CASE("multi-character operators") {
  Lexed l = lex("a **= b //= c >>= d <<= e -> f := g ... h != i <> j @= k\n");
  CHECK(kinds(l) ==
        "NAME DOUBLESTAREQUAL NAME DOUBLESLASHEQUAL NAME RIGHTSHIFTEQUAL NAME LEFTSHIFTEQUAL NAME RARROW NAME "
        "COLONEQUAL NAME ELLIPSIS NAME NOTEQUAL NAME NOTEQUAL NAME ATEQUAL NAME NEWLINE ENDMARKER");
}

TEST_CASE("numbers in every form") {
  for (const char* n : {"0", "00", "0_0", "123", "1_000", "0x_fF", "0o17", "0b1_0", "1.5", ".5", "5.", "1e10", "1E-3",
                        "1.5j", "3J", "1_0.0_1e+1_0", "0j"}) {
    Lexed l = lex(std::string("x = ") + n + "\n");
    INFO(n);
    CHECK(kinds(l) == "NAME EQUAL NUMBER NEWLINE ENDMARKER");
    CHECK(l.texts[2] == n);
  }
  // A keyword right after a number ends it (CPython only warns).
  CHECK(kinds(lex("x = 1if y else 2\n")) == "NAME EQUAL NUMBER if NAME else NUMBER NEWLINE ENDMARKER");
}

TEST_CASE("string prefixes and triple quotes") {
  Lexed l = lex("a = rb'x' + U\"y\" + '''m\nn''' + BR\"\\\"\"\n");
  CHECK(kinds(l) == "NAME EQUAL STRING PLUS STRING PLUS STRING PLUS STRING NEWLINE ENDMARKER");
  CHECK(l.texts[6] == "'''m\nn'''");
  CHECK(l.tokens[6].lineno == 1);
  CHECK(l.tokens[6].end_lineno == 2);
  CHECK(l.tokens[6].end_col_offset == 4);
}

TEST_CASE("f-strings are split into FSTRING_START, MIDDLE, replacement fields and END") {
  Lexed l = lex("f'a{{b}}c{x!r:>{w}.{p}f} d'\n");
  CHECK(kinds(l) ==
        "FSTRING_START FSTRING_MIDDLE FSTRING_MIDDLE FSTRING_MIDDLE LBRACE NAME EXCLAMATION NAME COLON "
        "FSTRING_MIDDLE LBRACE NAME RBRACE FSTRING_MIDDLE LBRACE NAME RBRACE FSTRING_MIDDLE RBRACE FSTRING_MIDDLE "
        "FSTRING_END NEWLINE ENDMARKER");
  CHECK(l.texts[1] == "a{");
  CHECK(l.tokens[1].end_col_offset == 5);  // the escaped brace's second half counts in the position
  CHECK(l.texts[2] == "b}");
  CHECK(l.texts[19] == " d");
}

TEST_CASE("nested f-strings with the same quotes (PEP 701)") {
  Lexed l = lex("f\"{f\"{x}\"}\"\n");
  CHECK(kinds(l) ==
        "FSTRING_START LBRACE FSTRING_START LBRACE NAME RBRACE FSTRING_END RBRACE FSTRING_END NEWLINE ENDMARKER");
}

TEST_CASE("the '=' debug specifier records the expression text") {
  std::string src = normalize_newlines("f'{x = !r}'\n");
  Tokenizer tok(src);
  std::vector<Token> ts;
  Token t;
  do {
    tok.next(&t);
    ts.push_back(t);
  } while (t.kind != Tok::ENDMARKER && t.kind != Tok::ERRORTOKEN);
  REQUIRE(ts[4].kind == Tok::EXCLAMATION);
  REQUIRE(ts[4].debug_text != 0);
  CHECK(tok.debug_text(ts[4].debug_text - 1) == "x = ");
}

TEST_CASE("tokenizer errors carry CPython's messages and positions") {
  struct Case {
    const char* src;
    const char* msg;
    int lineno, offset;
  };
  const Case cases[] = {
      {"x = 1abc\n", "invalid decimal literal", 1, 5},
      {"x = 1_\n", "invalid decimal literal", 1, 6},
      {"x = 0x\n", "invalid hexadecimal literal", 1, 6},
      {"x=0b12\n", "invalid digit '2' in binary literal", 1, 6},
      {"x = 0o8\n", "invalid digit '8' in octal literal", 1, 7},
      {"012\n", "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", 1,
       1},
      {"x = \"abc\n", "unterminated string literal (detected at line 1)", 1, 5},
      {"x = '''abc\n\n", "unterminated triple-quoted string literal (detected at line 2)", 1, 5},
      {"x = )\n", "unmatched ')'", 1, 5},
      {"x = (]\n", "closing parenthesis ']' does not match opening parenthesis '('", 1, 6},
      {"(x\n]\n", "closing parenthesis ']' does not match opening parenthesis '(' on line 1", 2, 1},
      {"x = \xe2\x82\xac\n", "invalid character '\xe2\x82\xac' (U+20AC)", 1, 5},
      {"x = \x01\n", "invalid non-printable character U+0001", 1, 5},
      {"f'{x'\n", "f-string: expecting '}'", 1, 5},
      {"f'{'\n", "f-string: expecting '}'", 1, 4},
      {"f'abc\n", "unterminated f-string literal (detected at line 1)", 1, 1},
      {"f'}'\n", "f-string: single '}' is not allowed", 1, 3},
  };
  for (const Case& c : cases) {
    INFO(c.src);
    Lexed l = lex(c.src);
    REQUIRE(l.done == TokDone::kError);
    CHECK(l.error.msg == c.msg);
    CHECK(l.error.lineno == c.lineno);
    CHECK(l.error.offset == c.offset);
  }
}

TEST_CASE("indentation errors are reported through done()") {
  CHECK(lex("if x:\n  a\n b\n").done == TokDone::kDedent);
  CHECK(lex("if x:\n\tif y:\n        pass\n").done == TokDone::kTabSpace);
  CHECK(lex("x = 1 \\ 2\n").done == TokDone::kLineCont);
  Lexed l = lex("x = (1,\n2\n");
  CHECK(l.done == TokDone::kEof);
  CHECK(l.tokens.back().kind == Tok::ERRORTOKEN);
}

TEST_CASE("decode_source honours BOM, coding cookies and newlines") {
  std::string out;
  SyntaxErrorInfo err;
  REQUIRE(decode_source("\xEF\xBB\xBFx = 1\r\ny = 2\rz", &out, &err));
  CHECK(out == "x = 1\ny = 2\nz\n");
  REQUIRE(decode_source("# -*- coding: latin-1 -*-\nx = '\xE9'\n", &out, &err));
  CHECK(out == "# -*- coding: latin-1 -*-\nx = '\xC3\xA9'\n");
  REQUIRE(decode_source("#!/usr/bin/env python\n# vim: set fileencoding=koi8-r :\nx='\xE9'\n", &out, &err));
  CHECK(out.find("x='\xD0\x98'") != std::string::npos);
  CHECK_FALSE(decode_source("# coding: foo\nx=1\n", &out, &err));
  CHECK(err.msg == "unknown encoding: foo");
  CHECK_FALSE(decode_source("\xEF\xBB\xBF# coding: latin-1\nx=1", &out, &err));
  CHECK(err.msg == "encoding problem: iso-8859-1 with BOM");
  // UTF-8 is checked lazily, as CPython does: comments may hold any bytes, identifiers may not.
  REQUIRE(decode_source("# \xFF\nx = 1\n\xFF = 2\n", &out, &err));
  Lexed l = lex(out);
  CHECK(l.done == TokDone::kDecode);
  CHECK(l.error.msg == "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte");
}

TEST_CASE("extra tokens: comments, NL for non-logical newlines, INDENT/DEDENT with positions") {
  Lexed l = lex("# c\nif x:  # d\n\n    y\nz\n", true);
  CHECK(kinds(l) == "COMMENT NL if NAME COLON COMMENT NEWLINE NL INDENT NAME NEWLINE DEDENT NAME NEWLINE ENDMARKER");
  CHECK(l.texts[0] == "# c");
  CHECK(l.texts[5] == "# d");
  CHECK(l.texts[8] == "    ");
  CHECK(l.texts[11].empty());
  CHECK(l.tokens[11].lineno == 5);
  CHECK(kinds(lex("x = (1,\n  2)\n", true)) == "NAME EQUAL LPAR NUMBER COMMA NL NUMBER RPAR NEWLINE ENDMARKER");
}

TEST_CASE("extra tokens: the parser's checks are left out") {
  CHECK(kinds(lex("0777 1if x\n", true)) == "NUMBER NUMBER if NAME NEWLINE ENDMARKER");
  CHECK(kinds(lex(")(]\n", true)) == "RPAR LPAR RSQB NEWLINE ENDMARKER");
  CHECK(kinds(lex("\u20ac\n", true)) == "NAME NEWLINE ENDMARKER");
  CHECK(lex(")\n").done == TokDone::kError);
}

TEST_CASE("an input error at the end replaces EOF") {
  std::string src = "x\n";
  Tokenizer tok(src);
  tok.set_input_error_at_end();
  Token t;
  CHECK(tok.next(&t) == Tok::NAME);
  CHECK(tok.next(&t) == Tok::NEWLINE);
  CHECK(tok.next(&t) == Tok::ERRORTOKEN);
  CHECK(tok.done() == TokDone::kInput);
}
