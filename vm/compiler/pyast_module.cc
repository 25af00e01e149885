// The _ast module: ast.AST (a built-in type) and the node classes, created from ast_nodes.def as CPython 3.13
// creates them from Python.asdl (names, bases, _fields, _attributes, __match_args__, _field_types, __doc__, the
// class-level None defaults of optional fields), AST.__init__'s 3.13 rules (defaults, DeprecationWarnings), and the
// conversion of the compiler's AST into instances (ast.parse).
//
// Thread-safety: the classes and singletons are created once per process under g_init_mu and only read after
// that (published through g_state with release/acquire). Node instances are ordinary objects whose fields live
// in their instance dict, which has its own lock.
#include <fmt/format.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/module.h"
#include "objects/stack_guard.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type.h"
#include "objects/types.h"
#include "vm/compiler/pyast.h"
#include "vm/compiler/pyast_state.h"
#include "vm/modules/modules.h"

namespace pyvm::compiler {

// ---- ast.AST ----

namespace {

struct AstObject {
  Object ob;
  Object* dict;
};

Object** ast_dict_slot(Object* o) { return &reinterpret_cast<AstObject*>(o)->dict; }

// The instance dict, created on first use (new reference).
Object* ast_dict(Object* self) {
  Object** dp = ast_dict_slot(self);
  Object* d = __atomic_load_n(dp, __ATOMIC_ACQUIRE);
  if (!d) {
    d = dict_new();
    if (!d) return nullptr;
    Object* expected = nullptr;
    if (!__atomic_compare_exchange_n(dp, &expected, d, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
      decref(d);
      d = expected;
    }
  }
  return newref(d);
}

void ast_dealloc(Object* o) {
  Type* t = type_of(o);
  xdecref(reinterpret_cast<AstObject*>(o)->dict);
  object_free(o);
  dealloc_type_ref(t);
}

Object* ast_new(Type* t, Object*, Object*) { return new_object(t, size_t(t->tp_basicsize)); }

// CPython's _PyType_Name: the part of tp_name after the last dot.
std::string short_type_name(Type* t) {
  std::string_view n = t->tp_name;
  size_t dot = n.rfind('.');
  return std::string(dot == std::string_view::npos ? n : n.substr(dot + 1));
}

int ast_init(Object* self, Object* args, Object* kwds) {
  Type* t = type_of(self);
  Object* fields = nullptr;
  if (get_attr_optional(reinterpret_cast<Object*>(t), str_interned("_fields"), &fields) < 0) return -1;
  ORef fields_ref = steal(fields);
  ssize numfields = 0;
  if (fields) {
    numfields = object_length(fields);
    if (numfields < 0) return -1;
  }
  ssize nargs = tuple_size(args);
  std::string tname = short_type_name(t);
  if (nargs > numfields) {
    set_errorf(&exc_TypeError, "{} constructor takes at most {} positional argument{}", tname, numfields,
               numfields == 1 ? "" : "s");
    return -1;
  }
  // The fields still unset, in _fields order.
  std::vector<ORef> remaining;
  for (ssize i = 0; i < numfields; i++) {
    ORef name = steal(sequence_get_index(fields, i));
    if (!name) return -1;
    if (i < nargs) {
      if (set_attr(self, name.get(), tuple_get(args, i)) < 0) return -1;
    } else {
      remaining.push_back(std::move(name));
    }
  }
  if (kwds && dict_size(kwds) > 0) {
    Object* attributes = nullptr;
    if (get_attr_optional(reinterpret_cast<Object*>(t), str_interned("_attributes"), &attributes) < 0) return -1;
    ORef attributes_ref = steal(attributes);
    ssize pos = 0;
    Object *key = nullptr, *value = nullptr;
    while (dict_next(kwds, &pos, &key, &value)) {
      ORef kr = steal(key), vr = steal(value);
      int contains = fields ? sequence_contains(fields, key) : 0;
      if (contains < 0) return -1;
      if (contains) {
        ssize idx = -1;
        for (ssize i = 0; i < nargs && idx < 0; i++) {
          ORef f = steal(sequence_get_index(fields, i));
          if (!f) return -1;
          int eq = rich_compare_bool(f.get(), key, Py_EQ);
          if (eq < 0) return -1;
          if (eq) idx = i;
        }
        if (idx >= 0) {
          std::string r;
          if (!repr_utf8(key, &r)) return -1;
          set_errorf(&exc_TypeError, "{} got multiple values for argument {}", tname, r);
          return -1;
        }
      } else {
        int in_attrs = attributes ? sequence_contains(attributes, key) : 0;
        if (in_attrs < 0) return -1;
        if (!in_attrs) {
          std::string r;
          if (!repr_utf8(key, &r)) return -1;
          std::string msg = fmt::format(
              "{}.__init__ got an unexpected keyword argument {}. Support for arbitrary keyword arguments is "
              "deprecated and will be removed in Python 3.15.",
              tname, r);
          if (runtime_warn(&exc_DeprecationWarning, msg.c_str(), 1) < 0) return -1;
        }
      }
      if (set_attr(self, key, value) < 0) return -1;
      for (auto it = remaining.begin(); it != remaining.end(); ++it) {
        int eq = rich_compare_bool(it->get(), key, Py_EQ);
        if (eq < 0) return -1;
        if (eq) {
          remaining.erase(it);
          break;
        }
      }
    }
  }
  if (remaining.empty()) return 0;
  Object* field_types = nullptr;
  if (get_attr_optional(reinterpret_cast<Object*>(t), str_interned("_field_types"), &field_types) < 0) return -1;
  ORef ft_ref = steal(field_types);
  if (!field_types || !type_check(field_types, &dict_type)) return 0;
  const AstState* st = ast_state();
  for (ORef& name : remaining) {
    Object* type = nullptr;
    int r = dict_get(field_types, name.get(), &type);
    if (r < 0) return -1;
    std::string r_name;
    if (!repr_utf8(name.get(), &r_name)) return -1;
    if (r == 0) {
      std::string msg = fmt::format("Field {} is missing from {}._field_types. This will become an error in Python 3.15.",
                                    r_name, tname);
      if (runtime_warn(&exc_DeprecationWarning, msg.c_str(), 1) < 0) return -1;
      continue;
    }
    ORef tr = steal(type);
    if (st && st->is_list_alias(type)) {
      ORef l = steal(list_new(0));
      if (!l || set_attr(self, name.get(), l.get()) < 0) return -1;
    } else if (st && st->is_optional_union(type)) {
      // optional: the class attribute None stands for it
    } else if (st && type == st->expr_context_cls) {
      if (set_attr(self, name.get(), st->load_singleton) < 0) return -1;
    } else {
      std::string msg = fmt::format(
          "{}.__init__ missing 1 required positional argument: {}. This will become an error in Python 3.15.", tname,
          r_name);
      if (runtime_warn(&exc_DeprecationWarning, msg.c_str(), 1) < 0) return -1;
    }
  }
  return 0;
}

// __reduce__: (type, (None,) * k, dict), k being the number of leading _fields set on the instance, so that
// unpickling passes positional placeholders for them and no "missing argument" warnings arise.
Object* ast_reduce(Object* self, Object* const*, ssize, Object*) {
  ORef dict = steal(ast_dict(self));
  if (!dict) return nullptr;
  Type* t = type_of(self);
  Object* fields = nullptr;
  if (get_attr_optional(reinterpret_cast<Object*>(t), str_interned("_fields"), &fields) < 0) return nullptr;
  ORef fields_ref = steal(fields);
  ssize k = 0;
  if (fields) {
    ssize n = object_length(fields);
    if (n < 0) return nullptr;
    for (; k < n; k++) {
      ORef name = steal(sequence_get_index(fields, k));
      if (!name) return nullptr;
      int c = dict_contains(dict.get(), name.get());
      if (c < 0) return nullptr;
      if (!c) break;
    }
  }
  ORef pos = steal(tuple_new(k));
  if (!pos) return nullptr;
  for (ssize i = 0; i < k; i++) tuple_set(pos.get(), i, newref(none()));
  return tuple_pack({reinterpret_cast<Object*>(t), pos.get(), dict.get()});
}

Object* ast_get_dict(Object* self, void*) { return ast_dict(self); }
int ast_set_dict(Object* self, Object* value, void*) {
  if (!value) {
    set_error(&exc_TypeError, "cannot delete __dict__");
    return -1;
  }
  if (!type_check(value, &dict_type)) {
    set_errorf(&exc_TypeError, "__dict__ must be set to a dictionary, not a '{}'", type_name(value));
    return -1;
  }
  Object* old = __atomic_exchange_n(ast_dict_slot(self), newref(value), __ATOMIC_ACQ_REL);
  xdecref(old);
  return 0;
}

PyMethodDef ast_methods[] = {
    {"__reduce__", reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(ast_reduce)), METH_FASTCALL | METH_KEYWORDS,
     "Helper for pickle."},
    {nullptr, nullptr, 0, nullptr}};
PyGetSetDef ast_getset[] = {{"__dict__", ast_get_dict, ast_set_dict, nullptr, nullptr},
                            {nullptr, nullptr, nullptr, nullptr, nullptr}};

}  // namespace

Type ast_base_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "ast.AST",
    .tp_basicsize = sizeof(AstObject),
    .tp_dealloc = ast_dealloc,
    .tp_flags = Py_TPFLAGS_BASETYPE,
    .tp_methods = ast_methods,
    .tp_getset = ast_getset,
    .tp_dictoffset = offsetof(AstObject, dict),
    .tp_init = ast_init,
    .tp_new = ast_new,
};

// ---- the class table ----

namespace {

struct FieldInfo {
  std::string name;
  std::string asdl;  // "expr", "expr?", "expr*", "identifier" ...
};

struct ClassInfo {
  std::string name;
  std::string base;  // "AST" for the roots
  std::vector<FieldInfo> fields;
  bool abstract = false;    // a sum type's base class
  bool has_attrs = false;   // declares _attributes (lineno, col_offset, end_lineno, end_col_offset)
  bool simple_sum = false;  // an abstract base whose constructors have no fields (expr_context ...)
};

const char* asdl_of_alias(std::string_view alias) {
  static const std::pair<const char*, const char*> kMap[] = {
      {"ExprP", "expr"},
      {"OptExprP", "expr?"},
      {"Exprs", "expr*"},
      {"Stmts", "stmt*"},
      {"PatternP", "pattern"},
      {"OptPatternP", "pattern?"},
      {"Patterns", "pattern*"},
      {"TypeParams", "type_param*"},
      {"Comprehensions", "comprehension*"},
      {"ExceptHandlers", "excepthandler*"},
      {"ArgumentsP", "arguments"},
      {"ArgP", "arg"},
      {"OptArgP", "arg?"},
      {"Args", "arg*"},
      {"Keywords", "keyword*"},
      {"Aliases", "alias*"},
      {"WithItems", "withitem*"},
      {"MatchCases", "match_case*"},
      {"Ident", "identifier"},
      {"OptIdent", "identifier?"},
      {"Idents", "identifier*"},
      {"Int", "int"},
      {"OptInt", "int?"},
      {"ConstantValue", "constant"},
      {"OptString", "string?"},
      {"ExprContext", "expr_context"},
      {"BoolOpKind", "boolop"},
      {"OperatorKind", "operator"},
      {"UnaryOpKind", "unaryop"},
      {"CmpOps", "cmpop*"},
  };
  for (const auto& [a, t] : kMap)
    if (alias == a) return t;
  return "?";
}

const char* sum_name(std::string_view type) {
  if (type == "Mod") return "mod";
  if (type == "Stmt") return "stmt";
  if (type == "Expr") return "expr";
  if (type == "Pattern") return "pattern";
  if (type == "TypeParam") return "type_param";
  if (type == "ExprContext") return "expr_context";
  if (type == "BoolOpKind") return "boolop";
  if (type == "OperatorKind") return "operator";
  if (type == "UnaryOpKind") return "unaryop";
  if (type == "CmpOpKind") return "cmpop";
  return "?";
}

std::vector<std::string> split_members(const char* list) {
  std::vector<std::string> out;
  std::string cur;
  for (const char* p = list;; p++) {
    if (*p == ',' || *p == '\0') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
      if (*p == '\0') break;
    } else if (*p != ' ') {
      cur.push_back(*p);
    }
  }
  return out;
}

// Every class of the ast module, bases before subclasses, in Python.asdl's order.
std::vector<ClassInfo> build_class_table() {
  std::vector<ClassInfo> t;
  auto abstract = [&](const char* name, bool attrs, bool simple) {
    ClassInfo c;
    c.name = name;
    c.base = "AST";
    c.abstract = true;
    c.has_attrs = attrs;
    c.simple_sum = simple;
    t.push_back(std::move(c));
  };
  abstract("mod", false, false);
  abstract("stmt", true, false);
  abstract("expr", true, false);
  abstract("expr_context", false, true);
  abstract("boolop", false, true);
  abstract("operator", false, true);
  abstract("unaryop", false, true);
  abstract("cmpop", false, true);
  abstract("excepthandler", true, false);
  abstract("pattern", true, false);
  abstract("type_ignore", false, false);
  abstract("type_param", true, false);

#define F(type, name) FieldInfo{#name, asdl_of_alias(#type)},
#define AST_SUM(Type, Kind, Fields)                        \
  {                                                        \
    ClassInfo c;                                           \
    c.name = #Kind;                                        \
    c.base = sum_name(#Type);                              \
    c.fields = std::vector<FieldInfo>{Fields};             \
    t.push_back(std::move(c));                             \
  }
#define AST_ENUM(Type, ...)                                \
  for (const std::string& m : split_members(#__VA_ARGS__)) { \
    ClassInfo c;                                           \
    c.name = m;                                            \
    c.base = sum_name(#Type);                              \
    t.push_back(std::move(c));                             \
  }
#define AST_PRODUCT(Type, PyName, HasLoc, Fields)                   \
  {                                                                 \
    ClassInfo c;                                                    \
    c.name = #PyName;                                               \
    bool handler = c.name == "ExceptHandler";                       \
    c.base = handler ? "excepthandler" : "AST";                     \
    c.has_attrs = HasLoc && !handler;                               \
    c.fields = std::vector<FieldInfo>{Fields};                      \
    t.push_back(std::move(c));                                      \
  }
#include "vm/compiler/ast_nodes.def"
#undef F

  // The fields our parser never fills (type comments), which the Python classes still have.
  auto find = [&](std::string_view n) -> ClassInfo& {
    for (ClassInfo& c : t)
      if (c.name == n) return c;
    return t.front();
  };
  find("Module").fields.push_back({"type_ignores", "type_ignore*"});
  for (const char* n : {"FunctionDef", "AsyncFunctionDef"}) {
    auto& f = find(n).fields;
    f.insert(f.end() - 1, FieldInfo{"type_comment", "string?"});
  }
  for (const char* n : {"Assign", "For", "AsyncFor", "With", "AsyncWith", "arg"})
    find(n).fields.push_back({"type_comment", "string?"});
  ClassInfo ti;
  ti.name = "TypeIgnore";
  ti.base = "type_ignore";
  ti.fields = {{"lineno", "int"}, {"tag", "string"}};
  t.push_back(std::move(ti));
  return t;
}

std::string signature_doc(const ClassInfo& c) {
  if (c.fields.empty()) return c.name;
  std::string s = c.name + "(";
  for (size_t i = 0; i < c.fields.size(); i++) {
    if (i) s += ", ";
    s += c.fields[i].asdl + " " + c.fields[i].name;
  }
  return s + ")";
}

std::string sum_doc(const ClassInfo& base, const std::vector<ClassInfo>& all) {
  std::string s = base.name + " = ";
  bool first = true;
  for (const ClassInfo& c : all) {
    if (c.base != base.name || c.abstract) continue;
    if (!first) s += base.simple_sum ? " | " : "\n" + std::string(base.name.size() + 1, ' ') + "| ";
    first = false;
    s += signature_doc(c);
  }
  return s;
}

Object* str_tuple(const std::vector<std::string>& items) {
  ORef tup = steal(tuple_new(ssize(items.size())));
  if (!tup) return nullptr;
  for (size_t i = 0; i < items.size(); i++) {
    Object* s = str_interned(items[i].c_str());
    if (!s) return nullptr;
    tuple_set(tup.get(), ssize(i), newref(s));
  }
  return tup.release();
}

std::mutex g_init_mu;
std::atomic<AstState*> g_state{nullptr};

// The value of one _field_types entry: ast.expr, list[ast.expr], ast.expr | None, str, int, object ...
Object* field_type_object(const std::string& asdl, const std::unordered_map<std::string, Object*>& classes) {
  std::string base = asdl;
  char suffix = 0;
  if (!base.empty() && (base.back() == '*' || base.back() == '?')) {
    suffix = base.back();
    base.pop_back();
  }
  Object* t;
  if (base == "identifier" || base == "string") {
    t = reinterpret_cast<Object*>(&str_type);
  } else if (base == "int") {
    t = reinterpret_cast<Object*>(&int_type);
  } else if (base == "constant") {
    t = reinterpret_cast<Object*>(&object_type);
  } else {
    auto it = classes.find(base);
    if (it == classes.end()) return set_errorf(&exc_SystemError, "_ast: unknown field type {}", asdl);
    t = it->second;
  }
  if (suffix == '*') return get_item(reinterpret_cast<Object*>(&list_type), t);
  if (suffix == '?') return binary_op(t, none(), NB_OR);
  return newref(t);
}

AstState* build_state() {
  if (type_ready(&ast_base_type) < 0) return nullptr;
  {
    // AST's own class attributes (the type is static, so they go straight into its dict).
    ORef empty = steal(tuple_new(0));
    if (!empty) return nullptr;
    for (const char* n : {"_fields", "_attributes", "__match_args__"})
      if (dict_set_str(ast_base_type.tp_dict, n, empty.get()) < 0) return nullptr;
    ORef mod = steal(str_from_utf8("ast"));
    if (!mod || dict_set_str(ast_base_type.tp_dict, "__module__", mod.get()) < 0) return nullptr;
    type_cache_invalidate();
  }
  auto st = std::make_unique<AstState>();
  std::vector<ClassInfo> table = build_class_table();
  std::unordered_map<std::string, Object*> classes;
  classes["AST"] = reinterpret_cast<Object*>(&ast_base_type);
  ORef attrs = steal(str_tuple({"lineno", "col_offset", "end_lineno", "end_col_offset"}));
  ORef no_attrs = steal(tuple_new(0));
  ORef module_name = steal(str_from_utf8("ast"));
  if (!attrs || !no_attrs || !module_name) return nullptr;
  for (const ClassInfo& c : table) {
    ORef d = steal(dict_new());
    if (!d) return nullptr;
    std::vector<std::string> names;
    for (const FieldInfo& f : c.fields) names.push_back(f.name);
    ORef fields = steal(str_tuple(names));
    if (!fields) return nullptr;
    std::string doc = c.abstract ? sum_doc(c, table) : signature_doc(c);
    ORef doc_obj = steal(str_from_utf8(doc));
    if (!doc_obj) return nullptr;
    if (dict_set_str(d.get(), "_fields", fields.get()) < 0 || dict_set_str(d.get(), "__match_args__", fields.get()) < 0 ||
        dict_set_str(d.get(), "__module__", module_name.get()) < 0 || dict_set_str(d.get(), "__doc__", doc_obj.get()) < 0)
      return nullptr;
    bool declares_attrs = c.abstract || c.base == "AST";
    if (declares_attrs &&
        dict_set_str(d.get(), "_attributes", c.has_attrs ? attrs.get() : no_attrs.get()) < 0)
      return nullptr;
    for (const FieldInfo& f : c.fields)
      if (f.asdl.back() == '?' && dict_set_str(d.get(), f.name.c_str(), none()) < 0) return nullptr;
    // pattern and type_param declare their end positions required (int, not int?), so they have no None default.
    bool end_optional = c.name != "pattern" && c.name != "type_param";
    if (c.has_attrs && end_optional && (dict_set_str(d.get(), "end_lineno", none()) < 0 ||
                        dict_set_str(d.get(), "end_col_offset", none()) < 0))
      return nullptr;
    ORef name = steal(str_from_utf8(c.name));
    ORef bases = steal(tuple_pack({classes.at(c.base)}));
    if (!name || !bases) return nullptr;
    Object* args[3] = {name.get(), bases.get(), d.get()};
    Object* cls = call(reinterpret_cast<Object*>(&type_type), args, 3, nullptr);
    if (!cls) return nullptr;
    st->owned.push_back(steal(cls));
    classes[c.name] = cls;
    st->by_name.emplace_back(c.name, cls);
  }
  // _field_types / __annotations__, now that every class exists.
  for (const ClassInfo& c : table) {
    if (c.abstract) continue;
    ORef ft = steal(dict_new());
    if (!ft) return nullptr;
    for (const FieldInfo& f : c.fields) {
      ORef v = steal(field_type_object(f.asdl, classes));
      if (!v || dict_set_str(ft.get(), f.name.c_str(), v.get()) < 0) return nullptr;
    }
    Object* cls = classes.at(c.name);
    if (set_attr_str(cls, "_field_types", ft.get()) < 0 || set_attr_str(cls, "__annotations__", ft.get()) < 0)
      return nullptr;
  }
  // The lookup arrays used by the converters.
  auto get = [&](const char* n) { return classes.at(n); };
#define AST_SEL_Mod(K, F) st->mod_cls[int(ModKind::K)] = get(#K);
#define AST_SEL_Stmt(K, F) st->stmt_cls[int(StmtKind::K)] = get(#K);
#define AST_SEL_Expr(K, F) st->expr_cls[int(ExprKind::K)] = get(#K);
#define AST_SEL_Pattern(K, F) st->pattern_cls[int(PatternKind::K)] = get(#K);
#define AST_SEL_TypeParam(K, F) st->type_param_cls[int(TypeParamKind::K)] = get(#K);
#define AST_SUM(Type, Kind, Fields) AST_SEL_##Type(Kind, Fields)
#include "vm/compiler/ast_nodes.def"
#undef AST_SEL_Mod
#undef AST_SEL_Stmt
#undef AST_SEL_Expr
#undef AST_SEL_Pattern
#undef AST_SEL_TypeParam
#define AST_PRODUCT(Type, PyName, HasLoc, Fields) st->Type##_cls = get(#PyName);
#include "vm/compiler/ast_nodes.def"
  st->mod_base = get("mod");
  st->stmt_base = get("stmt");
  st->expr_base = get("expr");
  st->pattern_base = get("pattern");
  st->type_param_base = get("type_param");
  st->excepthandler_base = get("excepthandler");
  st->expr_context_cls = get("expr_context");
  // The singletons of the simple sums, in enum order.
  auto singletons = [&](const char* list, std::vector<Object*>* out) -> bool {
    for (const std::string& m : split_members(list)) {
      Object* inst = call(classes.at(m), nullptr, 0, nullptr);
      if (!inst) return false;
      st->owned.push_back(steal(inst));
      out->push_back(inst);
      st->singleton_cls.push_back(classes.at(m));
    }
    return true;
  };
#define AST_ENUM(Type, ...) \
  if (!singletons(#__VA_ARGS__, &st->Type##_singletons)) return nullptr;
#include "vm/compiler/ast_nodes.def"
  st->load_singleton = st->ExprContext_singletons[0];
  {
    ORef probe = steal(get_item(reinterpret_cast<Object*>(&list_type), reinterpret_cast<Object*>(&int_type)));
    ORef union_probe = steal(binary_op(reinterpret_cast<Object*>(&int_type), none(), NB_OR));
    if (!probe || !union_probe) return nullptr;
    st->generic_alias_type = type_of(probe.get());
    st->union_type = type_of(union_probe.get());
  }
  return st.release();
}

}  // namespace

bool AstState::is_list_alias(Object* t) const { return type_of(t) == generic_alias_type; }
bool AstState::is_optional_union(Object* t) const { return type_of(t) == union_type; }

const AstState* ast_state() { return g_state.load(std::memory_order_acquire); }

const AstState* ast_state_init() {
  if (const AstState* s = ast_state()) return s;
  std::lock_guard<std::mutex> lock(g_init_mu);
  if (const AstState* s = ast_state()) return s;
  AstState* s = build_state();
  if (!s) return nullptr;
  g_state.store(s, std::memory_order_release);
  return s;
}

int is_ast_object(Object* o) {
  if (!ast_state()) return 0;
  return type_check(o, &ast_base_type) ? 1 : 0;
}

Object* create_ast_module() {
  const AstState* st = ast_state_init();
  if (!st) return nullptr;
  ORef m = steal(module_new(str_interned("_ast")));
  if (!m) return nullptr;
  if (set_attr_str(m.get(), "AST", reinterpret_cast<Object*>(&ast_base_type)) < 0) return nullptr;
  for (const auto& [name, cls] : st->by_name)
    if (set_attr_str(m.get(), name.c_str(), cls) < 0) return nullptr;
  for (auto [name, value] : {std::pair<const char*, int>{"PyCF_ONLY_AST", 0x400}, {"PyCF_TYPE_COMMENTS", 0x1000},
                             {"PyCF_ALLOW_TOP_LEVEL_AWAIT", 0x2000}, {"PyCF_OPTIMIZED_AST", 0x8400}}) {
    ORef v = steal(int_from_i64(value));
    if (!v || set_attr_str(m.get(), name, v.get()) < 0) return nullptr;
  }
  return m.release();
}

// ---- the compiler's AST to Python objects ----

namespace {

class ToPython {
 public:
  explicit ToPython(const AstState* st) : st_(st) {}

  Object* node(const Mod* n);
  Object* node(const Stmt* n);
  Object* node(const Expr* n);
  Object* node(const Pattern* n);
  Object* node(const TypeParam* n);
#define F(type, name)
#define AST_PRODUCT(Type, PyName, HasLoc, Fields) Object* node(const Type* n);
#include "vm/compiler/ast_nodes.def"
#undef F

 private:
  // A new instance of `cls` with an empty instance dict (returned through *dict, borrowed).
  Object* make(Object* cls, Object** dict) {
    Type* t = reinterpret_cast<Type*>(cls);
    Object* o = new_object(t, size_t(t->tp_basicsize));
    if (!o) return nullptr;
    Object* d = dict_new();
    if (!d) {
      decref(o);
      return nullptr;
    }
    *ast_dict_slot(o) = d;
    *dict = d;
    return o;
  }
  template <class T>
  Object* value(const T* p) {
    if (!p) return newref(none());
    return node(p);
  }
  template <class T>
  Object* value(const Seq<T>& s) {
    ORef l = steal(list_new(0));
    if (!l) return nullptr;
    for (uint32_t i = 0; i < s.size; i++) {
      ORef v = steal(value(s[i]));
      if (!v || list_append(l.get(), v.get()) < 0) return nullptr;
    }
    return l.release();
  }
  Object* value(const Str& s) {
    if (s.is_null()) return newref(none());
    return str_decode(s.data, ssize(s.size), "utf-8", "surrogatepass");
  }
  Object* value(int v) { return int_from_i64(v); }
  Object* value(const ConstantValue& v) { return constant_to_object(v); }
  Object* value(ExprContext v) { return newref(st_->ExprContext_singletons[int(v)]); }
  Object* value(BoolOpKind v) { return newref(st_->BoolOpKind_singletons[int(v)]); }
  Object* value(OperatorKind v) { return newref(st_->OperatorKind_singletons[int(v)]); }
  Object* value(UnaryOpKind v) { return newref(st_->UnaryOpKind_singletons[int(v)]); }
  Object* value(CmpOpKind v) { return newref(st_->CmpOpKind_singletons[int(v)]); }

  bool set(Object* d, const char* name, Object* v) {
    if (!v) return false;
    ORef vr = steal(v);
    return dict_set_str(d, name, v) == 0;
  }
  bool loc(Object* d, const Loc& l) {
    return set(d, "lineno", int_from_i64(l.lineno)) && set(d, "col_offset", int_from_i64(l.col_offset)) &&
           set(d, "end_lineno", int_from_i64(l.end_lineno)) &&
           set(d, "end_col_offset", int_from_i64(l.end_col_offset));
  }
  // The type-comment fields that the parser never fills.
  bool extras(Object* d, std::string_view kind) {
    if (kind == "Module") return set(d, "type_ignores", list_new(0));
    if (kind == "FunctionDef" || kind == "AsyncFunctionDef" || kind == "Assign" || kind == "For" ||
        kind == "AsyncFor" || kind == "With" || kind == "AsyncWith" || kind == "arg")
      return set(d, "type_comment", newref(none()));
    return true;
  }

  const AstState* st_;
};

#define F(type, name) \
  if (!set(d, #name, value(x.name))) return nullptr;

#define AST_SEL_Mod(K, F)
#define AST_SEL_Stmt(K, F)
#define AST_SEL_Expr(K, F)
#define AST_SEL_Pattern(K, F)
#define AST_SEL_TypeParam(K, F)

#define CASE(Type, Arr, K, Fields, LOC)                   \
  case Type##Kind::K: {                                   \
    const auto& x = n->v.K;                               \
    (void)x;                                              \
    Object* d = nullptr;                                  \
    ORef o = steal(make(st_->Arr[int(Type##Kind::K)], &d)); \
    if (!o) return nullptr;                               \
    Fields;                                               \
    if (!extras(d, #K)) return nullptr;                   \
    LOC;                                                  \
    return o.release();                                   \
  }

#undef AST_SEL_Mod
#define AST_SEL_Mod(K, Fields) CASE(Mod, mod_cls, K, Fields, (void)0)
#define AST_SUM(Type, Kind, Fields) AST_SEL_##Type(Kind, Fields)
Object* ToPython::node(const Mod* n) {
  CRecursionGuard guard(" during ast construction");
  if (!guard.ok()) return nullptr;
  switch (n->kind) {
#include "vm/compiler/ast_nodes.def"
  }
  return set_error(&exc_SystemError, "_ast: unknown mod kind");
}
#undef AST_SEL_Mod
#define AST_SEL_Mod(K, F)

#undef AST_SEL_Stmt
#define AST_SEL_Stmt(K, Fields) CASE(Stmt, stmt_cls, K, Fields, if (!loc(d, n->loc)) return nullptr)
#define AST_SUM(Type, Kind, Fields) AST_SEL_##Type(Kind, Fields)
Object* ToPython::node(const Stmt* n) {
  CRecursionGuard guard(" during ast construction");
  if (!guard.ok()) return nullptr;
  switch (n->kind) {
#include "vm/compiler/ast_nodes.def"
  }
  return set_error(&exc_SystemError, "_ast: unknown stmt kind");
}
#undef AST_SEL_Stmt
#define AST_SEL_Stmt(K, F)

#undef AST_SEL_Expr
#define AST_SEL_Expr(K, Fields) CASE(Expr, expr_cls, K, Fields, if (!loc(d, n->loc)) return nullptr)
#define AST_SUM(Type, Kind, Fields) AST_SEL_##Type(Kind, Fields)
Object* ToPython::node(const Expr* n) {
  CRecursionGuard guard(" during ast construction");
  if (!guard.ok()) return nullptr;
  switch (n->kind) {
#include "vm/compiler/ast_nodes.def"
  }
  return set_error(&exc_SystemError, "_ast: unknown expr kind");
}
#undef AST_SEL_Expr
#define AST_SEL_Expr(K, F)

#undef AST_SEL_Pattern
#define AST_SEL_Pattern(K, Fields) CASE(Pattern, pattern_cls, K, Fields, if (!loc(d, n->loc)) return nullptr)
#define AST_SUM(Type, Kind, Fields) AST_SEL_##Type(Kind, Fields)
Object* ToPython::node(const Pattern* n) {
  CRecursionGuard guard(" during ast construction");
  if (!guard.ok()) return nullptr;
  switch (n->kind) {
#include "vm/compiler/ast_nodes.def"
  }
  return set_error(&exc_SystemError, "_ast: unknown pattern kind");
}
#undef AST_SEL_Pattern
#define AST_SEL_Pattern(K, F)

#undef AST_SEL_TypeParam
#define AST_SEL_TypeParam(K, Fields) CASE(TypeParam, type_param_cls, K, Fields, if (!loc(d, n->loc)) return nullptr)
#define AST_SUM(Type, Kind, Fields) AST_SEL_##Type(Kind, Fields)
Object* ToPython::node(const TypeParam* n) {
  CRecursionGuard guard(" during ast construction");
  if (!guard.ok()) return nullptr;
  switch (n->kind) {
#include "vm/compiler/ast_nodes.def"
  }
  return set_error(&exc_SystemError, "_ast: unknown type_param kind");
}
#undef AST_SEL_TypeParam
#define AST_SEL_TypeParam(K, F)

#define AST_LOC_0 (void)0
#define AST_LOC_1 \
  if (!loc(d, n->loc)) return nullptr
#define AST_PRODUCT(Type, PyName, HasLoc, Fields)          \
  Object* ToPython::node(const Type* n) {                  \
    CRecursionGuard guard(" during ast construction");     \
    if (!guard.ok()) return nullptr;                       \
    const Type& x = *n;                                    \
    Object* d = nullptr;                                   \
    ORef o = steal(make(st_->Type##_cls, &d));             \
    if (!o) return nullptr;                                \
    Fields;                                                \
    if (!extras(d, #PyName)) return nullptr;               \
    AST_LOC_##HasLoc;                                      \
    return o.release();                                    \
  }
#include "vm/compiler/ast_nodes.def"
#undef AST_LOC_0
#undef AST_LOC_1
#undef CASE
#undef F
#undef AST_SEL_Mod
#undef AST_SEL_Stmt
#undef AST_SEL_Expr
#undef AST_SEL_Pattern
#undef AST_SEL_TypeParam

}  // namespace

Object* ast_to_python(const Mod* mod) {
  const AstState* st = ast_state_init();
  if (!st) return nullptr;
  return ToPython(st).node(mod);
}

}  // namespace pyvm::compiler
