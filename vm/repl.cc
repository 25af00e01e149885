// The interactive prompt (`pyvm` on a terminal, or `pyvm -i`): CPython's basic REPL. Reads statements with the
// sys.ps1/sys.ps2 prompts, compiles each in "single" mode (so expression values go through sys.displayhook), and
// prints exceptions without leaving; SystemExit and end of input end the session.
#include "vm/repl.h"

#include <cstdio>
#include <string>

#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/str.h"
#include "objects/types.h"
#include "vm/compile_api.h"
#include "vm/interp.h"
#include "vm/sysmodule.h"
#include "vm/threads.h"
#include "vm/traceback.h"
#include "vm/traceback_source.h"

namespace pyvm {
namespace {

// The prompt: str(sys.ps1) / str(sys.ps2), written to stderr as CPython's line reader does.
void show_prompt(const char* name, const char* fallback) {
  std::string text = fallback;
  if (Object* p = sys_get(name)) {
    std::string s;
    if (object_str_utf8(p, &s))
      text = s;
    else
      error_clear();
  }
  std::fflush(stdout);
  sys_write_stream(2, text.data(), text.size());
}

// One line from stdin (with its newline); false at end of input.
bool read_line(std::string* line) {
  line->clear();
  BlockingSection detached;
  int c;
  while ((c = std::fgetc(stdin)) != EOF) {
    line->push_back(char(c));
    if (c == '\n') break;
  }
  return !line->empty();
}

bool blank(const std::string& line) {
  for (char c : line) {
    if (c == '#') return true;
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') return false;
  }
  return true;
}

// Whether the first line opens a compound statement, which the prompt keeps reading until an empty line.
bool opens_block(const std::string& line) {
  size_t i = line.find_first_not_of(" \t");
  if (i == std::string::npos) return false;
  if (line[i] == '@') return true;
  size_t j = i;
  while (j < line.size() && (isalnum(static_cast<unsigned char>(line[j])) || line[j] == '_')) j++;
  std::string word = line.substr(i, j - i);
  for (const char* kw : {"if", "while", "for", "try", "with", "def", "class", "async"})
    if (word == kw) return true;
  if (word == "match") {  // a soft keyword: a match statement's first line ends with ':'
    size_t e = line.find_last_not_of(" \t\r\n");
    return e != std::string::npos && line[e] == ':';
  }
  return false;
}

// Whether a SyntaxError only says the input stopped early (an open bracket or string, a trailing backslash).
bool incomplete(Object* exc) {
  ORef msg = steal(get_attr(exc, str_interned("msg")));
  if (!msg) {
    error_clear();
    return false;
  }
  std::string m;
  if (!object_str_utf8(msg.get(), &m)) {
    error_clear();
    return false;
  }
  return m.find("was never closed") != std::string::npos || m.find("unterminated triple-quoted") == 0 ||
         m.find("unexpected EOF") == 0 || m.find("expected an indented block") == 0;
}

// Prints the pending exception the way the prompt does (sys.excepthook), keeping it as sys.last_exc. Returns
// false when it was SystemExit: the session ends with *status.
bool report(int (*handle_uncaught)(), int* status) {
  if (error_matches(&exc_SystemExit)) {
    *status = handle_uncaught();
    return false;
  }
  ORef exc = steal(error_take());
  if (!exc) return true;
  Object* sys = sys_module();
  (void)set_attr_str(sys, "last_exc", exc.get());
  (void)set_attr_str(sys, "last_value", exc.get());
  (void)set_attr_str(sys, "last_type", reinterpret_cast<Object*>(type_of(exc.get())));
  Object* tb = as_exc(exc.get())->traceback;
  (void)set_attr_str(sys, "last_traceback", tb ? tb : none());
  error_clear();
  if (type_check(exc.get(), &exc_KeyboardInterrupt)) {
    std::fflush(stdout);
    std::string out = format_exception(exc.get());
    sys_write_stream(2, out.data(), out.size());
    return true;
  }
  set_error_steal(exc.release());
  *status = handle_uncaught();
  return true;
}

}  // namespace

int run_repl(Object* globals, int (*handle_uncaught)()) {
  ORef filename = steal(str_from_utf8("<stdin>"));
  if (!filename) return handle_uncaught();
  if (!sys_get("ps1")) (void)set_attr_str(sys_module(), "ps1", str_interned(">>> "));
  if (!sys_get("ps2")) (void)set_attr_str(sys_module(), "ps2", str_interned("... "));
  error_clear();
  int status = 0;
  std::string src, line;
  bool block = false;
  for (;;) {
    show_prompt(src.empty() ? "ps1" : "ps2", src.empty() ? ">>> " : "... ");
    if (!read_line(&line)) {
      sys_write_stream(2, "\n", 1);
      return 0;
    }
    if (src.empty()) {
      if (blank(line)) continue;
      block = opens_block(line);
    }
    src += line;
    if (block && !blank(line)) continue;  // a compound statement ends at an empty line
    bool last_line_blank = blank(line);
    ORef code = steal(compile_text(src.data(), src.size(), filename.get(), kModeSingle, kCfDontImplyDedent, -1));
    if (!code) {
      if (!block && !last_line_blank && error_matches(&exc_SyntaxError)) {
        ORef exc = steal(error_take());
        bool more = incomplete(exc.get());
        if (more) continue;
        set_error_steal(exc.release());
      }
      src.clear();
      if (!report(handle_uncaught, &status)) return status;
      continue;
    }
    traceback_register_source("<stdin>", src);
    src.clear();
    ORef r = steal(eval_code(code.get(), globals, globals));
    std::fflush(stdout);
    if (!r && !report(handle_uncaught, &status)) return status;
  }
}

}  // namespace pyvm
