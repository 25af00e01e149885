// parse_dump: prints our AST of a Python file in ast.dump(..., include_attributes=True) format, or its tokens.
#include <cstdio>
#include <cstring>
#include <string>

#include "vm/compiler/tokenizer.h"

using namespace pyvm::compiler;

static bool read_file(const char* path, std::string* out) {
  FILE* f = std::fopen(path, "rb");
  if (!f) return false;
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out->append(buf, n);
  std::fclose(f);
  return true;
}

static void print_error(const SyntaxErrorInfo& e) {
  std::printf("%s: %s (line %d, col %d)\n", e.type_name(), e.msg.c_str(), e.lineno, e.offset);
}

static int dump_tokens(const std::string& src) {
  Tokenizer tok(src);
  for (;;) {
    Token t;
    Tok k = tok.next(&t);
    std::string text;
    for (uint32_t i = t.start; i < t.end; i++) {
      char c = src[i];
      if (c == '\\') text += "\\\\";
      else if (c == '\n') text += "\\n";
      else text.push_back(c);
    }
    std::printf("%s %d,%d-%d,%d '%s'\n", tok_name(k), t.lineno, t.col_offset, t.end_lineno, t.end_col_offset,
                text.c_str());
    if (k == Tok::ERRORTOKEN) {
      if (tok.done() == TokDone::kError) print_error(tok.error());
      else std::printf("done=%d\n", static_cast<int>(tok.done()));
      return 1;
    }
    if (k == Tok::ENDMARKER) return 0;
  }
}

int main(int argc, char** argv) {
  bool tokens = false;
  const char* path = nullptr;
  for (int i = 1; i < argc; i++) {
    if (std::strcmp(argv[i], "--tokens") == 0) tokens = true;
    else path = argv[i];
  }
  if (!path) {
    std::fprintf(stderr, "usage: parse_dump [--tokens] FILE.py\n");
    return 2;
  }
  std::string bytes;
  if (!read_file(path, &bytes)) {
    std::fprintf(stderr, "parse_dump: cannot read %s\n", path);
    return 2;
  }
  std::string src;
  SyntaxErrorInfo err;
  if (!decode_source(bytes, &src, &err)) {
    print_error(err);
    return 1;
  }
  if (tokens) return dump_tokens(src);
  return 0;
}
