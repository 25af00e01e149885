// compile() and the source-string half of exec()/eval(): argument checking as CPython's builtins do it, then the
// registered compiler (vm/compiler) does the work.
#include "vm/compile_api.h"

#include <fmt/format.h>

#include <atomic>
#include <fstream>
#include <cstring>
#include <string>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/types.h"
#include "vm/code.h"
#include "vm/function.h"
#include "vm/sysmodule.h"
#include "vm/threads.h"

namespace pyvm {
namespace {

// Written once at start-up, before any Python code runs; read by every thread.
std::atomic<SourceCompiler> g_compiler{nullptr};
std::atomic<const AstHooks*> g_ast_hooks{nullptr};

constexpr int kCoNestedObsolete = 0x10;  // CPython's PyCF_MASK_OBSOLETE
constexpr int kCfCompileMask =
    kCfOnlyAst | kCfAllowTopLevelAwait | kCfTypeComments | kCfDontImplyDedent | kCfAllowIncompleteInput | kCfOptimizedAst;

// The text of a str/bytes/buffer source into *out. `what` names the caller in the TypeError. Sets
// kCfIgnoreCookie for str (its text is already decoded).
bool source_text(Object* source, const char* what, const char* kinds, std::string* out, int* flags) {
  if (type_check(source, &str_type)) {
    ssize n = 0;
    const char* p = str_utf8(source, &n);
    if (!p) return false;
    out->assign(p, size_t(n));
    *flags |= kCfIgnoreCookie;
  } else if (type_check(source, &bytes_type)) {
    out->assign(bytes_data(source), size_t(bytes_size(source)));
  } else {
    Type* t = type_of(source);
    if (!t->tp_as_buffer || !t->tp_as_buffer->bf_getbuffer) {
      set_errorf(&exc_TypeError, "{}() arg 1 must be a {} object", what, kinds);
      return false;
    }
    if (!bytes_like_copy(source, out)) return false;
  }
  if (std::memchr(out->data(), 0, out->size())) {
    set_error(&exc_SyntaxError, "source code string cannot contain null bytes");
    return false;
  }
  return true;
}

// The __future__ flags of the running Python code (CPython's PyEval_MergeCompilerFlags).
int inherited_flags(Frame* f) { return f ? f->code->flags & kCfFutureMask : 0; }

// compile()'s filename: str, bytes (decoded as the file system encoding does) or os.PathLike.
Object* filename_object(Object* o) {
  ORef path = steal(fspath(o));
  if (!path) return nullptr;
  if (type_check(path.get(), &str_type)) return path.release();
  return str_decode(bytes_data(path.get()), bytes_size(path.get()), "utf-8", "surrogateescape");
}

}  // namespace

void set_source_compiler(SourceCompiler fn) { g_compiler.store(fn, std::memory_order_release); }

void set_ast_hooks(const AstHooks* hooks) { g_ast_hooks.store(hooks, std::memory_order_release); }

Object* create_ast_module_hook() {
  const AstHooks* h = g_ast_hooks.load(std::memory_order_acquire);
  if (!h) return set_error(&exc_ImportError, "the _ast module needs pyvm's compiler, which this program was not linked with");
  return h->create_module();
}

Object* compile_text(const char* src, size_t len, Object* filename, int mode, int flags, int optimize) {
  SourceCompiler fn = g_compiler.load(std::memory_order_acquire);
  if (!fn) return set_error(&exc_NotImplementedError, "this program was linked without pyvm's compiler");
  return fn(src, len, filename, mode, flags, optimize);
}

Object* builtin_compile(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[7] = {};
  if (!parse_args("compile", args, nargs, kwnames,
                  {"source", "filename", "mode", "flags", "dont_inherit", "optimize", "$_feature_version"}, 3, a))
    return nullptr;
  int flags = 0, optimize = -1;
  if (a[3]) {
    ssize v = number_as_ssize(a[3], &exc_OverflowError);
    if (v == -1 && error_occurred()) return nullptr;
    flags = int(v);
  }
  bool dont_inherit = false;
  if (a[4]) {
    int t = object_is_true(a[4]);
    if (t < 0) return nullptr;
    dont_inherit = t;
  }
  if (a[5]) {
    ssize v = number_as_ssize(a[5], &exc_OverflowError);
    if (v == -1 && error_occurred()) return nullptr;
    optimize = int(v);
  }
  ORef filename = steal(filename_object(a[1]));
  if (!filename) return nullptr;
  if (!type_check(a[2], &str_type))
    return set_errorf(&exc_TypeError, "compile() argument 'mode' must be str, not {}", type_name(a[2]));
  if (flags & ~(kCfFutureMask | kCoNestedObsolete | kCfCompileMask))
    return set_error(&exc_ValueError, "compile(): unrecognised flags");
  if (optimize < -1 || optimize > 2) return set_error(&exc_ValueError, "compile(): invalid optimize value");
  if (!dont_inherit) flags |= inherited_flags(thread_state().frame);
  std::string_view m = str_view(a[2]);
  int mode;
  if (m == "exec") {
    mode = kModeExec;
  } else if (m == "eval") {
    mode = kModeEval;
  } else if (m == "single") {
    mode = kModeSingle;
  } else if (m == "func_type") {
    if (!(flags & kCfOnlyAst))
      return set_error(&exc_ValueError, "compile() mode 'func_type' requires flag PyCF_ONLY_AST");
    mode = -1;
  } else {
    const char* msg = (flags & kCfOnlyAst) ? "compile() mode must be 'exec', 'eval', 'single' or 'func_type'"
                                           : "compile() mode must be 'exec', 'eval' or 'single'";
    return set_error(&exc_ValueError, msg);
  }
  if (a[6] && a[6] != none()) {
    ssize v = number_as_ssize(a[6], &exc_OverflowError);
    if (v == -1 && error_occurred()) return nullptr;
    if (v >= 0 && v < 13) flags |= int(v + 1) << kCfFeatureShift;
  }
  if (mode == -1) mode = kModeFuncType;
  const AstHooks* hooks = g_ast_hooks.load(std::memory_order_acquire);
  if (hooks) {
    int is_ast = hooks->is_ast(a[0]);
    if (is_ast < 0) return nullptr;
    if (is_ast) return hooks->compile_ast(a[0], filename.get(), mode, flags, optimize);
  }
  std::string text;
  if (!source_text(a[0], "compile", "string, bytes or AST", &text, &flags)) return nullptr;
  return compile_text(text.data(), text.size(), filename.get(), mode, flags | kCfSourceIsUtf8, optimize);
}

Object* compile_exec_source(Object* source, bool is_eval, Frame* caller) {
  std::string text;
  int flags = inherited_flags(caller);
  if (!source_text(source, is_eval ? "eval" : "exec", "string, bytes or code", &text, &flags)) return nullptr;
  size_t skip = 0;
  if (is_eval)  // eval() ignores leading blanks, so that " 1" is not an indentation error
    while (skip < text.size() && (text[skip] == ' ' || text[skip] == '\t')) skip++;
  ORef filename = steal(str_from_utf8("<string>"));
  if (!filename) return nullptr;
  return compile_text(text.data() + skip, text.size() - skip, filename.get(), is_eval ? kModeEval : kModeExec,
                      flags | kCfSourceIsUtf8, -1);
}

int compile_warning(Object* filename, int lineno, const std::string& msg) {
  ORef text = steal(str_from_utf8(msg));
  if (!text) return -1;
  Object* w = nullptr;
  Object* mods = sys_modules();
  if (mods && dict_get_str(mods, "warnings", &w) > 0) {
    ORef mod = steal(w);
    ORef fn = steal(get_attr(mod.get(), str_interned("warn_explicit")));
    if (!fn) return -1;
    ORef line = steal(int_from_i64(lineno));
    if (!line) return -1;
    Object* args[4] = {text.get(), reinterpret_cast<Object*>(&exc_SyntaxWarning), filename, line.get()};
    ORef r = steal(call(fn.get(), args, 4, nullptr));
    return r ? 0 : -1;
  }
  if (error_occurred()) return -1;
  std::string out = fmt::format("{}:{}: SyntaxWarning: {}\n", str_view(filename), lineno, msg);
  std::ifstream in{std::string(str_view(filename))};
  std::string src;
  for (int i = 1; std::getline(in, src); i++)
    if (i == lineno) {
      size_t a = src.find_first_not_of(" \t\f\r");
      size_t b = src.find_last_not_of(" \t\f\r\n");
      if (a != std::string::npos) out += "  " + src.substr(a, b - a + 1) + "\n";
      break;
    }
  sys_write_stream(2, out.data(), out.size());
  return 0;
}

}  // namespace pyvm
