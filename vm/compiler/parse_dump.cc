// parse_dump: prints our AST of a Python file in ast.dump(..., include_attributes=True) format, the SyntaxError as
// "SyntaxError: msg (line L, col C)", or with --tokens the token stream. --time N parses N times and reports the
// time on stderr (for benchmarks); several files may be given (--separator marks where each one's output starts).
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "vm/compiler/ast_dump.h"
#include "vm/compiler/parser.h"
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

static bool g_print_end = false;

static void print_error(const SyntaxErrorInfo& e) {
  if (g_print_end) {
    std::printf("%s: %s (line %d, col %d, end %d, %d)\n", e.type_name(), e.msg.c_str(), e.lineno, e.offset,
                e.end_lineno, e.end_offset);
  } else {
    std::printf("%s: %s (line %d, col %d)\n", e.type_name(), e.msg.c_str(), e.lineno, e.offset);
  }
}

static int dump_tokens(const std::string& src) {
  Tokenizer tok(src);
  for (;;) {
    Token t;
    Tok k = tok.next(&t);
    std::string text;
    for (uint32_t i = t.start; i < t.end; i++) {
      char c = src[i];
      if (c == '\\') {
        text += "\\\\";
      } else if (c == '\n') {
        text += "\\n";
      } else {
        text.push_back(c);
      }
    }
    std::printf("%s %d,%d-%d,%d '%s'\n", tok_name(k), t.lineno, t.col_offset, t.end_lineno, t.end_col_offset,
                text.c_str());
    if (k == Tok::ERRORTOKEN) {
      if (tok.done() == TokDone::kError) {
        print_error(tok.error());
      } else {
        std::printf("done=%d\n", static_cast<int>(tok.done()));
      }
      return 1;
    }
    if (k == Tok::ENDMARKER) return 0;
  }
}

int main(int argc, char** argv) {
  bool tokens = false;
  bool quiet = false;
  bool separator = false;
  bool show_warnings = false;
  int repeat = 0;
  std::vector<const char*> paths;
  for (int i = 1; i < argc; i++) {
    if (std::strcmp(argv[i], "--tokens") == 0) {
      tokens = true;
    } else if (std::strcmp(argv[i], "--warnings") == 0) {
      show_warnings = true;
    } else if (std::strcmp(argv[i], "--end") == 0) {
      g_print_end = true;
    } else if (std::strcmp(argv[i], "--separator") == 0) {
      separator = true;
    } else if (std::strcmp(argv[i], "--quiet") == 0) {
      quiet = true;
    } else if (std::strcmp(argv[i], "--time") == 0 && i + 1 < argc) {
      repeat = std::atoi(argv[++i]);
    } else {
      paths.push_back(argv[i]);
    }
  }
  if (paths.empty()) {
    std::fprintf(stderr,
                 "usage: parse_dump [--tokens] [--quiet] [--separator] [--end] [--warnings] [--time N] FILE.py...\n");
    return 2;
  }
  int status = 0;
  double total = 0;
  for (const char* path : paths) {
    std::string bytes;
    if (!read_file(path, &bytes)) {
      std::fprintf(stderr, "parse_dump: cannot read %s\n", path);
      return 2;
    }
    if (separator) std::printf("\x1e=== %s\n", path);
    if (tokens) {
      std::string src;
      SyntaxErrorInfo err;
      if (!decode_source(bytes, &src, &err)) {
        print_error(err);
        return 1;
      }
      status |= dump_tokens(src);
      continue;
    }
    auto t0 = std::chrono::steady_clock::now();
    for (int r = 1; r < repeat; r++) {
      Arena arena;
      std::string storage;
      parse_bytes(bytes, ParseMode::kFile, arena, &storage);
    }
    Arena arena;
    std::string storage;
    ParseResult res = parse_bytes(bytes, ParseMode::kFile, arena, &storage);
    total += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (show_warnings && !quiet) {
      for (const SyntaxWarningInfo& w : res.warnings)
        std::printf("SyntaxWarning: %s (line %d)\n", w.msg.c_str(), w.lineno);
    }
    if (!res.mod) {
      if (!quiet) print_error(res.error);
      status = 1;
      continue;
    }
    if (!quiet) {
      std::string out = dump_ast(res.mod);
      std::fwrite(out.data(), 1, out.size(), stdout);
      std::fputc('\n', stdout);
    }
  }
  if (repeat > 0) std::fprintf(stderr, "parse time: %.3f s\n", total);
  return status;
}
