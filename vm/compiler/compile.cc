// compile_source(): parse, read the __future__ imports, build the symbol table and generate the code object.
#include "vm/compiler/compile.h"

#include <fmt/format.h>

#include "objects/abstract.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/compile_api.h"
#include "vm/compiler/codegen.h"
#include "vm/compiler/parser.h"
#include "vm/compiler/pyast.h"

namespace pyvm {

using namespace compiler;

// The source line `lineno` (1-based) of the decoded text, as SyntaxError.text shows it: with its newline, except
// for a last line that had none in the input.
static Object* source_line(std::string_view text, int lineno, bool input_ends_with_newline) {
  if (lineno < 1 || text.empty()) return newref(none());
  size_t pos = 0;
  for (int i = 1; i < lineno; i++) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) return newref(none());
    pos = nl + 1;
  }
  if (pos >= text.size()) return newref(none());
  size_t nl = text.find('\n', pos);
  size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
  if (end == text.size() && !input_ends_with_newline && end > pos && text[end - 1] == '\n') end--;
  Object* s = str_decode(text.data() + pos, ssize(end - pos), "utf-8", "replace");
  return s;
}

static Object* raise_syntax_error(const SyntaxErrorInfo& e, Object* filename, std::string_view text = {},
                                  bool ends_nl = true) {
  if (e.type == SyntaxErrorInfo::Type::kMemoryError) return set_error(&exc_MemoryError, e.msg);
  if (e.type == SyntaxErrorInfo::Type::kRecursionError) return set_error(&exc_RecursionError, e.msg);
  if (e.lineno == -1) return set_error(&exc_SyntaxError, e.msg);  // no position at all (check_file_source)
  Type* type = &exc_SyntaxError;
  if (e.type == SyntaxErrorInfo::Type::kIndentationError) type = &exc_IndentationError;
  if (e.type == SyntaxErrorInfo::Type::kTabError) type = &exc_TabError;
  Ref<> msg = steal(str_from_utf8(e.msg));
  // The decoder's errors (line 0, offset -1) have no text and no end, as CPython's (filename, 0, -1, None).
  bool decode_error = e.lineno == 0 && e.offset == -1;
  Ref<> args = steal(tuple_new(decode_error ? 4 : 6));
  Ref<> line = steal(e.has_text ? str_decode(e.text.data(), ssize(e.text.size()), "utf-8", "replace")
                     : decode_error ? newref(none()) : source_line(text, e.lineno, ends_nl));
  if (!msg || !args || !line) return nullptr;
  tuple_set(args.get(), 0, newref(filename));
  tuple_set(args.get(), 1, int_from_i64(e.lineno));
  tuple_set(args.get(), 2, int_from_i64(e.offset));
  tuple_set(args.get(), 3, line.release());
  if (!decode_error) {
    tuple_set(args.get(), 4, int_from_i64(e.end_lineno));
    tuple_set(args.get(), 5, int_from_i64(e.end_offset));
  }
  Ref<> full = steal(tuple_pack({msg.get(), args.get()}));
  if (!full) return nullptr;
  set_error_value(type, full.get());
  return nullptr;
}

// future.c: the __future__ imports at the top of a module.
static bool parse_future(Mod* mod, int* features, int* line, int* col, SyntaxErrorInfo* err) {
  *line = -1;
  *col = -1;
  if (mod->kind != ModKind::Module) return true;
  bool done = false;
  int i = 0;
  for (Stmt* s : mod->v.Module.body) {
    if (done && s->loc.lineno > *line) break;
    if (i == 0 && s->kind == StmtKind::Expr && s->v.Expr.value->kind == ExprKind::Constant &&
        s->v.Expr.value->v.Constant.value.kind == ConstantValue::Kind::kStr) {
      i++;
      continue;
    }
    i++;
    if (s->kind == StmtKind::ImportFrom && !s->v.ImportFrom.module.is_null() &&
        s->v.ImportFrom.module == "__future__") {
      if (done) break;
      for (Alias* a : s->v.ImportFrom.names) {
        std::string_view f = a->name.view();
        if (f == "nested_scopes" || f == "generators" || f == "division" || f == "absolute_import" ||
            f == "with_statement" || f == "print_function" || f == "unicode_literals" || f == "generator_stop") {
        } else if (f == "barry_as_FLUFL") {
          *features |= 0x400000;
        } else if (f == "annotations") {
          *features |= kFutureAnnotations;
        } else {
          err->msg = f == "braces" ? "not a chance" : fmt::format("future feature {} is not defined", f);
          err->lineno = s->loc.lineno;
          err->offset = s->loc.col_offset + 1;
          err->end_lineno = s->loc.end_lineno;
          err->end_offset = s->loc.end_col_offset + 1;
          return false;
        }
      }
      *line = s->loc.lineno;
      *col = s->loc.col_offset;
    } else {
      done = true;
    }
  }
  return true;
}

// The back half shared by source and AST input: __future__ imports, the AST rewrites, the symbol table and the
// code generator. `text` is the decoded source for SyntaxError.text (empty for an AST).
static Object* compile_mod(Mod* mod, Arena& arena, Object* filename, int mode, int flags, int optimize,
                           std::string_view text, bool ends_nl) {
  int features = flags & kCfFutureMask;
  int fline = -1, fcol = -1;
  SyntaxErrorInfo err;
  if (!parse_future(mod, &features, &fline, &fcol, &err)) return raise_syntax_error(err, filename, text, ends_nl);
  Compiler c(nullptr, filename, flags, optimize < 0 ? 0 : optimize);
  c.arena_ = &arena;
  c.future_features_ = features;
  c.future_lineno_ = fline;
  c.future_col_ = fcol;
  if (!c.rewrite_ast(mod)) return nullptr;
  std::unique_ptr<Symtable> st = build_symtable(mod, features, &err);
  if (!st) return raise_syntax_error(err, filename, text, ends_nl);
  c.st_ = st.get();
  return c.compile_module(mod, mode == kCompileSingle);
}

// PyCF_OPTIMIZED_AST: the tree after CPython's AST optimiser (constant folding and its rewrites), as ast objects.
static Object* optimized_ast_to_python(Mod* mod, Arena& arena, Object* filename, int flags, int optimize) {
  Compiler c(nullptr, filename, flags, optimize < 0 ? 0 : optimize);
  c.arena_ = &arena;
  if (!c.optimize_ast(mod)) return nullptr;
  return ast_to_python(mod);
}

// The flags pyvm's compiler cannot honour yet: a clear error instead of a silently different result.
static bool unsupported_flags(int flags) {
  if (flags & kCfTypeComments) {
    set_error(&exc_NotImplementedError, "compile(): PyCF_TYPE_COMMENTS (type comments) is not supported by pyvm");
    return true;
  }
  return false;
}

Object* compile_source(const char* src, size_t len, Object* filename, int mode, int flags, int optimize) {
  if (mode == kCompileFuncType) {
    return set_error(&exc_NotImplementedError,
                     "compile(): mode 'func_type' (function type comments) is not supported by pyvm");
  }
  if ((flags & kCfOnlyAst) && unsupported_flags(flags)) return nullptr;
  Arena arena;
  std::string storage;
  std::string_view input(src, len);
  ParseMode pmode = mode == kCompileEval ? ParseMode::kEval : ParseMode::kFile;
  ParseResult res;
  if (flags & kCfIgnoreCookie) {  // compile() of a str: already UTF-8, any coding cookie is ignored
    storage = normalize_newlines(input);
    res = parse(storage, pmode, arena, feature_version_of(flags));
  } else {
    if (flags & kCfRunFile) {  // a program file run by pyvm: CPython's file tokenizer's own errors first
      std::string fname;
      SyntaxErrorInfo ferr;
      if (!object_str_utf8(filename, &fname)) return nullptr;
      if (!check_file_source(input, fname, &ferr)) return raise_syntax_error(ferr, filename);
    }
    res = parse_bytes(input, pmode, arena, &storage, feature_version_of(flags));
  }
  flags &= ~(kCfFeatureMask | kCfRunFile);
  bool ends_nl = !input.empty() && (input.back() == '\n' || input.back() == '\r');
  if (!res.mod) return raise_syntax_error(res.error, filename, storage, ends_nl);
  for (const SyntaxWarningInfo& w : res.warnings)
    if (compile_warning(filename, w.lineno, w.msg) < 0) return nullptr;
  if (mode == kCompileSingle && res.mod->kind == ModKind::Module) {
    // The interactive statement: one statement (a line of simple statements counts as one), whose expression
    // values are printed.
    Stmts body = res.mod->v.Module.body;
    if (body.size > 1) {
      Stmt* first = body[0];
      for (Stmt* s : body)
        if (s->loc.lineno > first->loc.end_lineno) {
          SyntaxErrorInfo e;
          e.msg = "multiple statements found while compiling a single statement";
          e.lineno = e.end_lineno = first->loc.end_lineno;
          e.offset = first->loc.end_col_offset + 1;
          e.end_offset = e.offset + 1;
          return raise_syntax_error(e, filename, storage, ends_nl);
        }
    }
    res.mod->kind = ModKind::Interactive;
    res.mod->v.Interactive.body = body;
  }
  if ((flags & kCfOptimizedAst) == kCfOptimizedAst) return optimized_ast_to_python(res.mod, arena, filename, flags, optimize);
  if (flags & kCfOnlyAst) return ast_to_python(res.mod);
  return compile_mod(res.mod, arena, filename, mode, flags, optimize, storage, ends_nl);
}

Object* compile_ast_object(Object* ast, Object* filename, int mode, int flags, int optimize) {
  Arena arena;
  std::vector<Ref<>> keep;
  Mod* mod = ast_from_python(ast, mode, arena, &keep);
  if (!mod || !ast_validate(mod)) return nullptr;
  if ((flags & kCfOptimizedAst) == kCfOptimizedAst) return optimized_ast_to_python(mod, arena, filename, flags, optimize);
  if (flags & kCfOnlyAst) return newref(ast);
  return compile_mod(mod, arena, filename, mode, flags, optimize, {}, true);
}

void install_source_compiler() {
  set_source_compiler(compile_source);
  set_int_max_str_digits_getter(int_max_str_digits);
  static const AstHooks hooks = {is_ast_object, compile_ast_object, create_ast_module};
  set_ast_hooks(&hooks);
}

}  // namespace pyvm
