// Code units: entering and leaving scopes, constants, name resolution (LOAD_FAST/LOAD_DEREF/LOAD_GLOBAL/LOAD_NAME),
// closures, and the module-level driver of the code generator.
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/set.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/code.h"
#include "vm/compile_api.h"
#include "vm/compiler/codegen.h"

namespace pyvm::compiler {

// ---------------------------------------------------------------------------------------------------------------
// Constants

bool constant_key(Object* o, std::string* out) {
  Type* t = type_of(o);
  if (o == none()) {
    *out += 'N';
  } else if (o == true_()) {
    *out += 'T';
  } else if (o == false_()) {
    *out += 'F';
  } else if (o == ellipsis()) {
    *out += 'E';
  } else if (t == &int_type) {
    std::string s;
    if (!int_to_string(o, 16, &s)) return false;
    *out += 'i';
    *out += s;
    *out += ';';
  } else if (t == &float_type) {
    double d = float_value(o);
    char buf[sizeof d];
    std::memcpy(buf, &d, sizeof d);
    *out += 'f';
    out->append(buf, sizeof buf);
  } else if (t == &complex_type) {
    Py_complex c = complex_value(o);
    char buf[sizeof c];
    std::memcpy(buf, &c, sizeof c);
    *out += 'c';
    out->append(buf, sizeof buf);
  } else if (t == &str_type) {
    int kind = str_kind(o);
    *out += 's';
    *out += std::to_string(str_length(o));
    *out += ':';
    for (ssize i = 0; i < str_length(o); i++) {
      uint32_t ch = str_char_at(o, i);
      out->append(reinterpret_cast<const char*>(&ch), 4);
    }
    (void)kind;
  } else if (t == &bytes_type) {
    *out += 'b';
    *out += std::to_string(bytes_size(o));
    *out += ':';
    out->append(bytes_data(o), size_t(bytes_size(o)));
  } else if (t == &tuple_type) {
    *out += "t(";
    for (ssize i = 0; i < tuple_size(o); i++) {
      if (!constant_key(tuple_get(o, i), out)) return false;
      *out += ',';
    }
    *out += ')';
  } else if (t == &frozenset_type) {
    std::vector<std::string> keys;
    ssize pos = 0;
    Object* k;
    while (set_next(o, &pos, &k)) {
      std::string ks;
      bool ok = constant_key(k, &ks);
      decref(k);
      if (!ok) return false;
      keys.push_back(std::move(ks));
    }
    std::sort(keys.begin(), keys.end());
    *out += "F(";
    for (auto& k2 : keys) {
      *out += k2;
      *out += ',';
    }
    *out += ')';
  } else {
    *out += fmt::format("o{:p}", static_cast<void*>(o));
  }
  return true;
}

ConstTable::~ConstTable() {
  for (Object* o : items_) decref(o);
}

int ConstTable::add(Object* o) {
  std::string key;
  if (!constant_key(o, &key)) return -1;
  auto it = index_.find(key);
  if (it != index_.end()) return it->second;
  int i = size();
  items_.push_back(newref(o));
  index_.emplace(std::move(key), i);
  return i;
}

void ConstTable::rebuild_index() {
  index_.clear();
  for (int i = 0; i < size(); i++) {
    std::string key;
    if (constant_key(items_[size_t(i)], &key)) index_.emplace(std::move(key), i);
  }
}

bool Compiler::emit_const(Object* o, SrcLoc loc) {
  int i = u()->consts.add(o);
  if (i < 0) return false;
  emit(LOAD_CONST, i, loc);
  return true;
}

bool Compiler::emit_const_steal(Object* o, SrcLoc loc) {
  if (!o) return false;
  bool ok = emit_const(o, loc);
  decref(o);
  return ok;
}

bool Compiler::emit_name(int op, std::string_view name, SrcLoc loc) {
  int arg = u()->meta.names.add(maybe_mangle(name));
  switch (op) {
    case LOAD_ATTR:
      arg <<= 1;
      break;
    case kLoadMethod:
      op = LOAD_ATTR;
      arg = (arg << 1) | 1;
      break;
    case LOAD_SUPER_ATTR:
      arg = (arg << 2) | 2;
      break;
    case kLoadSuperMethod:
      op = LOAD_SUPER_ATTR;
      arg = (arg << 2) | 3;
      break;
    case kLoadZeroSuperAttr:
      op = LOAD_SUPER_ATTR;
      arg <<= 2;
      break;
    case kLoadZeroSuperMethod:
      op = LOAD_SUPER_ATTR;
      arg = (arg << 2) | 1;
      break;
    default:
      break;
  }
  emit(op, arg, loc);
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// Errors

// SyntaxError.text of a code generator error: as CPython (PyErr_ProgramTextObject), line `lineno` of the file the
// filename names, when there is such a file; None otherwise (compile() of a string named "<string>").
static Object* program_text(Object* filename, int lineno) {
  std::string path;
  if (lineno < 1 || !object_str_utf8(filename, &path) || path.empty() || path[0] == '<') {
    error_clear();
    return newref(none());
  }
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return newref(none());
  std::string line;
  int n = 1;
  for (int c; (c = std::fgetc(f)) != EOF;) {
    if (n == lineno) line.push_back(static_cast<char>(c));
    if (c == '\n' && ++n > lineno) break;
  }
  std::fclose(f);
  if (n < lineno || line.empty()) return newref(none());
  return str_decode(line.data(), ssize(line.size()), "utf-8", "replace");
}

bool Compiler::error(std::string msg, SrcLoc loc) {
  if (error_occurred()) return false;
  Ref<> m = steal(str_from_utf8(msg));
  if (!m) return false;
  int line = loc.lineno < 0 ? 0 : loc.lineno;
  Ref<> args = steal(tuple_new(6));
  Ref<> text = steal(program_text(filename_, line));
  if (!args || !text) return false;
  tuple_set(args.get(), 0, newref(filename_));
  tuple_set(args.get(), 1, int_from_i64(line));
  tuple_set(args.get(), 2, int_from_i64(loc.col + 1));
  tuple_set(args.get(), 3, text.release());
  tuple_set(args.get(), 4, int_from_i64(loc.end_lineno < 0 ? line : loc.end_lineno));
  tuple_set(args.get(), 5, int_from_i64(loc.end_col + 1));
  Ref<> full = steal(tuple_pack({m.get(), args.get()}));
  if (!full) return false;
  set_error_value(&exc_SyntaxError, full.get());
  return false;
}

bool Compiler::warn(std::string msg, SrcLoc loc) {
  return compile_warning(filename_, loc.lineno, msg) == 0;
}

Compiler::~Compiler() {
  for (auto& [e, o] : fold_cache_) xdecref(o);
}

// ---------------------------------------------------------------------------------------------------------------
// Scopes

static void names_by_scope(SymtableEntry* ste, Scope scope, int flag, NameIndex* out) {
  std::vector<std::string> names;
  for (auto& [k, v] : ste->symbols.items()) {
    int s = (v >> kScopeOffset) & kScopeMask;
    if (s == int(scope) || (v & flag)) names.push_back(k);
  }
  std::sort(names.begin(), names.end());
  for (auto& n : names) out->add(n);
}

bool Compiler::enter_scope(const std::string& name, ScopeType type, const void* key, int lineno) {
  auto unit = std::make_unique<CodeUnit>();
  CodeUnit* nu = unit.get();
  nu->scope_type = type;
  nu->ste = st_->lookup(key);
  if (!nu->ste) {
    set_error(&exc_SystemError, "compiler: no symbol table entry for a scope");
    return false;
  }
  nu->meta.name = name;
  for (auto& v : nu->ste->varnames) nu->meta.varnames.add(v);
  names_by_scope(nu->ste, Scope::kCell, kDefCompCell, &nu->meta.cellvars);
  if (nu->ste->needs_class_closure) nu->meta.cellvars.add("__class__");
  if (nu->ste->needs_classdict) nu->meta.cellvars.add("__classdict__");
  // Free variables are numbered after the cells.
  {
    std::vector<std::string> names;
    for (auto& [k, v] : nu->ste->symbols.items()) {
      int s = (v >> kScopeOffset) & kScopeMask;
      if (s == int(Scope::kFree) || (v & kDefFreeClass)) names.push_back(k);
    }
    std::sort(names.begin(), names.end());
    for (auto& n : names) nu->meta.freevars.add(n);
  }
  nu->meta.firstlineno = lineno;
  if (!units_.empty()) nu->private_name = u()->private_name;
  if (type == ScopeType::kClass) nu->private_name = name;
  units_.push_back(std::move(unit));

  // The qualified name.
  if (type != ScopeType::kModule) {
    std::string base;
    bool have_base = false;
    size_t n = units_.size();
    if (n > 2 || (n == 2 && units_[0]->scope_type != ScopeType::kModule)) {
      CodeUnit* parent = units_[n - 2].get();
      bool skip = false;
      if (parent->scope_type == ScopeType::kTypeParams) {
        if (n == 3) {
          nu->meta.qualname = name;
          skip = true;
        } else {
          parent = units_[n - 3].get();
        }
      }
      if (!skip) {
        bool force_global = false;
        if (type == ScopeType::kFunction || type == ScopeType::kAsyncFunction || type == ScopeType::kClass) {
          std::string mangled = mangle(parent->private_name, name);
          if (parent->ste->scope_of(mangled) == Scope::kGlobalExplicit) force_global = true;
        }
        if (!force_global) {
          have_base = true;
          if (parent->scope_type == ScopeType::kFunction || parent->scope_type == ScopeType::kAsyncFunction ||
              parent->scope_type == ScopeType::kLambda)
            base = parent->meta.qualname + ".<locals>";
          else
            base = parent->meta.qualname;
        }
      }
      if (!skip) nu->meta.qualname = have_base ? base + "." + name : name;
    } else {
      nu->meta.qualname = name;
    }
  } else {
    nu->meta.qualname = name;
  }

  SrcLoc loc{lineno, lineno, 0, 0};
  if (type == ScopeType::kModule) loc.lineno = 0;
  emit(RESUME, 0, loc);
  return true;
}

void Compiler::exit_scope() { units_.pop_back(); }

bool Compiler::push_fblock(SrcLoc loc, FBlockType t, int block, int exit, const void* datum) {
  // CO_MAXBLOCKS is 21 in CPython 3.13: the 22nd nested loop, try or with is the error.
  if (u()->fblocks.size() >= 21) return error("too many statically nested blocks", loc);
  u()->fblocks.push_back(FBlock{t, block, exit, datum, loc});
  return true;
}

// Deref opargs before the assembler fixes them: cells first, then the free variables.
static int free_arg(CodeUnit* u, const std::string& name) { return u->meta.cellvars.size() + u->meta.freevars.add(name); }

bool Compiler::nameop(std::string_view name_view, ExprContext ctx, SrcLoc loc) {
  if (!forbidden_name(name_view, ctx, loc)) return false;
  std::string mangled = maybe_mangle(name_view);
  CodeUnit* cu = u();
  SymtableEntry* ste = cu->ste;
  Scope scope = ste->scope_of(mangled);
  enum { kFast, kGlobal, kDeref, kName } optype = kName;
  NameIndex* dict = &cu->meta.names;
  switch (scope) {
    case Scope::kFree:
      dict = &cu->meta.freevars;
      optype = kDeref;
      break;
    case Scope::kCell:
      dict = &cu->meta.cellvars;
      optype = kDeref;
      break;
    case Scope::kLocal:
      if (ste->is_function_like()) {
        optype = kFast;
      } else {
        auto it = cu->meta.fasthidden.find(mangled);
        if (it != cu->meta.fasthidden.end() && it->second) optype = kFast;
      }
      break;
    case Scope::kGlobalImplicit:
      if (ste->is_function_like()) optype = kGlobal;
      break;
    case Scope::kGlobalExplicit:
      optype = kGlobal;
      break;
    default:
      break;
  }
  int op = 0;
  switch (optype) {
    case kDeref:
      switch (ctx) {
        case ExprContext::Load:
          if (ste->type == BlockType::kClass && !cu->in_inlined_comp) {
            op = LOAD_FROM_DICT_OR_DEREF;
            emit(LOAD_LOCALS, loc);
          } else if (ste->can_see_class_scope) {
            op = LOAD_FROM_DICT_OR_DEREF;
            emit(LOAD_DEREF, free_arg(cu, "__classdict__"), loc);
          } else {
            op = LOAD_DEREF;
          }
          break;
        case ExprContext::Store:
          op = STORE_DEREF;
          break;
        case ExprContext::Del:
          op = DELETE_DEREF;
          break;
      }
      break;
    case kFast:
      op = ctx == ExprContext::Load ? LOAD_FAST : ctx == ExprContext::Store ? STORE_FAST : DELETE_FAST;
      emit(op, cu->meta.varnames.add(mangled), loc);
      return true;
    case kGlobal:
      switch (ctx) {
        case ExprContext::Load:
          if (ste->can_see_class_scope && scope == Scope::kGlobalImplicit) {
            op = LOAD_FROM_DICT_OR_GLOBALS;
            emit(LOAD_DEREF, free_arg(cu, "__classdict__"), loc);
          } else {
            op = LOAD_GLOBAL;
          }
          break;
        case ExprContext::Store:
          op = STORE_GLOBAL;
          break;
        case ExprContext::Del:
          op = DELETE_GLOBAL;
          break;
      }
      break;
    case kName:
      switch (ctx) {
        case ExprContext::Load:
          op = (ste->type == BlockType::kClass && cu->in_inlined_comp) ? LOAD_GLOBAL : LOAD_NAME;
          break;
        case ExprContext::Store:
          op = STORE_NAME;
          break;
        case ExprContext::Del:
          op = DELETE_NAME;
          break;
      }
      break;
  }
  int arg = dict == &cu->meta.freevars ? free_arg(cu, mangled) : dict->add(mangled);
  if (op == LOAD_GLOBAL) arg <<= 1;
  emit(op, arg, loc);
  return true;
}

bool Compiler::make_closure(SrcLoc loc, Object* code, int flags) {
  CodeObject* co = as_code(code);
  if (co->nfreevars) {
    int first = co->nlocalsplus - co->nfreevars;
    for (int i = first; i < co->nlocalsplus; i++) {
      std::string name(str_view(tuple_get(co->localsplusnames, i)));
      // get_ref_type: __class__/__classdict__ of a class body are its cells.
      Scope reftype;
      if ((name == "__class__" || name == "__classdict__") && u()->scope_type == ScopeType::kClass)
        reftype = Scope::kCell;
      else
        reftype = u()->ste->scope_of(name);
      int arg = reftype == Scope::kCell ? u()->meta.cellvars.find(name) : u()->meta.freevars.find(name);
      if (arg >= 0 && reftype != Scope::kCell) arg += u()->meta.cellvars.size();
      if (arg < 0) {
        set_errorf(&exc_SystemError, "compiler_lookup_arg(name='{}') failed in {}", name, u()->meta.name);
        return false;
      }
      emit(kLoadClosure, arg, loc);
    }
    flags |= kMakeFunctionClosure;
    emit(BUILD_TUPLE, co->nfreevars, loc);
  }
  if (!emit_const(code, loc)) return false;
  emit(MAKE_FUNCTION, loc);
  if (flags & kMakeFunctionClosure) emit(SET_FUNCTION_ATTRIBUTE, kMakeFunctionClosure, loc);
  if (flags & kMakeFunctionAnnotations) emit(SET_FUNCTION_ATTRIBUTE, kMakeFunctionAnnotations, loc);
  if (flags & kMakeFunctionKwdefaults) emit(SET_FUNCTION_ATTRIBUTE, kMakeFunctionKwdefaults, loc);
  if (flags & kMakeFunctionDefaults) emit(SET_FUNCTION_ATTRIBUTE, kMakeFunctionDefaults, loc);
  return true;
}

Object* Compiler::optimize_and_assemble(bool add_return) {
  CodeUnit* cu = u();
  SymtableEntry* ste = cu->ste;
  int flags = 0;
  if (ste->is_function_like()) {
    flags |= kCoNewLocals | kCoOptimized;
    if (ste->nested) flags |= kCoNested;
    if (ste->generator && !ste->coroutine) flags |= kCoGenerator;
    if (ste->generator && ste->coroutine) flags |= kCoAsyncGenerator;
    if (ste->varargs) flags |= kCoVarargs;
    if (ste->varkeywords) flags |= kCoVarkeywords;
  }
  if (ste->coroutine && !ste->generator) flags |= kCoCoroutine;
  flags |= future_features_;
  if (add_return) {
    // The instruction stream falls off the end: return None (no location).
    if (!emit_const(none(), kNoLoc)) return nullptr;
  }
  emit(RETURN_VALUE, kNoLoc);
  return assemble_unit(cu, filename_, flags, 0);
}

}  // namespace pyvm::compiler
