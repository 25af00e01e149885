// The symbol table: which names each scope binds, and whether each one is local, global, free or a cell, as
// CPython 3.13's symtable computes it (PEP 709 inlined comprehensions, PEP 695 type-parameter scopes).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "vm/compiler/ast.h"
#include "vm/compiler/tokenizer.h"

namespace pyvm::compiler {

// Definition flags of a name in one scope (the low bits of a symbol's value).
constexpr int kDefGlobal = 1;
constexpr int kDefLocal = 2;
constexpr int kDefParam = 4;
constexpr int kDefNonlocal = 8;
constexpr int kUse = 16;
constexpr int kDefFreeClass = 64;   // free in a child, bound in this class block
constexpr int kDefImport = 128;
constexpr int kDefAnnot = 256;
constexpr int kDefCompIter = 512;   // a comprehension iteration variable
constexpr int kDefTypeParam = 1024;
constexpr int kDefCompCell = 2048;  // a cell in an inlined comprehension
constexpr int kDefBound = kDefLocal | kDefParam | kDefImport;
constexpr int kScopeOffset = 12;
constexpr int kScopeMask = 7;

enum class Scope : int { kNone = 0, kLocal = 1, kGlobalExplicit = 2, kGlobalImplicit = 3, kFree = 4, kCell = 5 };

enum class BlockType : uint8_t {
  kFunction,
  kClass,
  kModule,
  kAnnotation,      // from __future__ import annotations: annotation expressions
  kTypeVarBound,    // a TypeVar's bound/constraints or a type parameter's default
  kTypeAlias,       // the value of a `type` statement
  kTypeParameters,  // the scope that holds a generic function's or class's type parameters
};

enum class CompKind : uint8_t { kNone, kList, kDict, kSet, kGenerator };

// Names in insertion order with their flags (CPython's ste_symbols dict).
class SymbolMap {
 public:
  int get(std::string_view name) const {
    auto it = index_.find(std::string(name));
    return it == index_.end() ? 0 : items_[it->second].second;
  }
  bool contains(std::string_view name) const { return index_.count(std::string(name)) != 0; }
  void set(const std::string& name, int flags) {
    auto it = index_.find(name);
    if (it == index_.end()) {
      index_.emplace(name, items_.size());
      items_.emplace_back(name, flags);
    } else {
      items_[it->second].second = flags;
    }
  }
  void erase(const std::string& name);
  const std::vector<std::pair<std::string, int>>& items() const { return items_; }

 private:
  std::vector<std::pair<std::string, int>> items_;
  std::unordered_map<std::string, size_t> index_;
};

struct SymtableEntry {
  std::string name;
  BlockType type = BlockType::kModule;
  const void* key = nullptr;  // the AST node that opened the block
  Loc loc{};
  SymbolMap symbols;
  std::vector<std::string> varnames;  // the parameters, in order
  std::vector<SymtableEntry*> children;
  std::vector<std::pair<std::string, Loc>> directives;  // global/nonlocal statements, for error positions
  std::unique_ptr<std::unordered_set<std::string>> mangled_names;  // type-param block of a generic class
  const char* scope_info = nullptr;  // kTypeVarBound: "a TypeVar bound" ...
  CompKind comprehension = CompKind::kNone;
  bool nested = false, generator = false, coroutine = false, varargs = false, varkeywords = false;
  bool returns_value = false, needs_class_closure = false, needs_classdict = false, comp_inlined = false;
  bool comp_iter_target = false, can_see_class_scope = false, free = false, child_free = false;
  int comp_iter_expr = 0;

  Scope scope_of(std::string_view name) const {
    return static_cast<Scope>((symbols.get(name) >> kScopeOffset) & kScopeMask);
  }
  bool is_function_like() const {
    return type == BlockType::kFunction || type == BlockType::kAnnotation || type == BlockType::kTypeVarBound ||
           type == BlockType::kTypeAlias || type == BlockType::kTypeParameters;
  }
};

class Symtable {
 public:
  // The entry of the block an AST node opened (a function/class statement, a lambda, a comprehension, a
  // type-parameter sequence ...); null if none.
  SymtableEntry* lookup(const void* key) const {
    auto it = blocks_.find(key);
    return it == blocks_.end() ? nullptr : it->second.get();
  }
  SymtableEntry* top() const { return top_; }
  int future_features = 0;

 private:
  friend class SymtableBuilder;
  std::unordered_map<const void*, std::unique_ptr<SymtableEntry>> blocks_;
  std::vector<std::unique_ptr<SymtableEntry>> unkeyed_;
  SymtableEntry* top_ = nullptr;
};

// CO_FUTURE_ANNOTATIONS, as CPython numbers it.
constexpr int kFutureAnnotations = 0x1000000;

// Builds and analyses the symbol table of a module. Returns null with *err set for the errors the symbol table
// reports (global/nonlocal misuse, duplicate arguments, walrus in comprehension iterables ...).
std::unique_ptr<Symtable> build_symtable(Mod* mod, int future_features, SyntaxErrorInfo* err);

// CPython's private-name mangling: __spam in class Ham becomes _Ham__spam.
std::string mangle(std::string_view private_name, std::string_view name);
// As mangle(), except inside a generic class's type-parameter block, where only the type parameters are mangled.
std::string maybe_mangle(std::string_view private_name, const SymtableEntry* ste, std::string_view name);

}  // namespace pyvm::compiler
