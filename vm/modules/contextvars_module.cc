// The _contextvars module (PEP 567): ContextVar, Token, Context and copy_context(), behind contextvars.py.
//
// Representation. A Context's variables are a dict snapshot (`vars`) that is never mutated once a Context holds
// it: ContextVar.set and reset build a new dict (a copy plus the change) and swap it in. Context.copy() and
// copy_context() share the snapshot, so copying is O(1) and setting is O(number of variables), which suits the
// handful of variables real programs use. The keys are ContextVars, whose equality is identity and whose hash is
// precomputed, so lookups never run Python code.
//
// Thread-safety contract:
//  - The current context is per OS thread: ThreadState::context (strong, null until first needed; a new thread
//    starts with none, i.e. an empty context, as in CPython 3.13).
//  - A Context is entered (Context.run) by at most one thread at a time: `entered` is claimed with an atomic
//    compare-and-swap, and a second run() anywhere fails with "cannot enter context: ... is already entered".
//    `prev` is touched only by the thread that entered the Context.
//  - Only the thread whose current context is C replaces C->vars (ContextVar.set/reset act on the current context,
//    and a context is current in one thread at most). The swap happens inside C's critical section. That thread
//    reads C->vars without the lock (ContextVar.get's fast path); every other read (ctx[var], iteration, copy,
//    ==) takes the snapshot inside the critical section, so it never sees a dict that is being freed.
//  - Snapshots are immutable, so once taken they are read (and iterated) from any thread without locks.
//  - A Token's `used` flag is set with an atomic exchange; its other fields are immutable.
//  - No per-variable lookup cache: CPython 3.13t disables its cache in the free-threaded build too, and a dict
//    lookup with the precomputed hash is already short.
#include <atomic>
#include <string>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/genericalias.h"
#include "objects/methods.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type.h"
#include "objects/types.h"
#include "vm/modules/modules.h"
#include "vm/sync/mutex.h"
#include "vm/threads.h"

namespace pyvm {
namespace {

using sync::CriticalSection;

struct ContextObject {
  Object ob_base;
  Object* vars;  // dict snapshot (never mutated once stored here), strong
  Object* prev;  // the thread's context before run() entered this one, strong or null; entering thread only
  int entered;   // atomic: 1 while some thread runs inside this context
};

struct ContextVarObject {
  Object ob_base;
  Object* name;           // str
  Object* default_value;  // strong or null
  hash_t hash;
};

struct TokenObject {
  Object ob_base;
  Object* ctx;        // the Context the token was created in, strong
  Object* var;        // the ContextVar, strong
  Object* old_value;  // strong; the MISSING marker when the variable was unset
  int used;           // atomic
};

// keys(), values(), items() and iter(ctx): CPython's "keys"/"values"/"items" objects, iterators over one snapshot
// that also report its length.
struct ViewObject {
  Object ob_base;
  Object* vars;  // the snapshot dict, strong
  Object* it;    // the dict iterator over it, strong
};

extern Type context_type;
extern Type contextvar_type;
extern Type token_type;
extern Type missing_type;
extern Type keys_type;
extern Type values_type;
extern Type items_type;

ContextObject* C(Object* o) { return reinterpret_cast<ContextObject*>(o); }
ContextVarObject* V(Object* o) { return reinterpret_cast<ContextVarObject*>(o); }
TokenObject* T(Object* o) { return reinterpret_cast<TokenObject*>(o); }
ViewObject* W(Object* o) { return reinterpret_cast<ViewObject*>(o); }

Object g_missing = PYVM_IMMORTAL_HEADER(&missing_type);  // Token.MISSING
Object* missing() { return &g_missing; }

std::string addr(Object* o) { return fmt::format("{}", static_cast<void*>(o)); }

// ---- Contexts.

// A new Context holding `vars` (borrowed; a new empty dict when null).
Object* context_new_with(Object* vars) {
  ORef d = vars ? borrow(vars) : steal(dict_new());
  if (!d) return nullptr;
  Object* o = new_object(&context_type, sizeof(ContextObject));
  if (!o) return nullptr;
  C(o)->vars = d.release();
  return o;
}

// The calling thread's current context (borrowed), created empty on first use.
Object* current_context() {
  ThreadState& ts = thread_state();
  if (!ts.context) ts.context = context_new_with(nullptr);
  return ts.context;
}

// A new reference to `ctx`'s current snapshot, safe from any thread.
Object* context_snapshot(Object* ctx) {
  CriticalSection cs(ctx);
  return newref(C(ctx)->vars);
}

// Installs `vars` (stolen) as the snapshot of the calling thread's current context `ctx`.
void context_replace_vars(Object* ctx, Object* vars) {
  Object* old;
  {
    CriticalSection cs(ctx);
    old = C(ctx)->vars;
    C(ctx)->vars = vars;
  }
  decref(old);
}

int context_enter(Object* ctx) {
  int expected = 0;
  if (!std::atomic_ref<int>(C(ctx)->entered).compare_exchange_strong(expected, 1, std::memory_order_acquire)) {
    std::string r;
    if (!repr_utf8(ctx, &r)) return -1;
    set_errorf(&exc_RuntimeError, "cannot enter context: {} is already entered", r);
    return -1;
  }
  ThreadState& ts = thread_state();
  C(ctx)->prev = ts.context;  // the thread's reference moves into prev
  ts.context = newref(ctx);
  return 0;
}

void context_exit(Object* ctx) {
  ThreadState& ts = thread_state();
  Object* cur = ts.context;  // == ctx: run() calls are strictly nested on a thread
  ts.context = C(ctx)->prev;
  C(ctx)->prev = nullptr;
  std::atomic_ref<int>(C(ctx)->entered).store(0, std::memory_order_release);
  decref(cur);
}

bool check_var_key(Object* key) {
  if (type_of(key) == &contextvar_type) return true;
  std::string r;
  if (!repr_utf8(key, &r)) return false;
  set_errorf(&exc_TypeError, "a ContextVar key was expected, got {}", r);
  return false;
}

// Looks `var` up in a snapshot: 1 with a new reference, 0 when missing.
int vars_lookup(Object* vars, Object* var, Object** out) { return dict_get_known_hash(vars, var, V(var)->hash, out); }

Object* context_tp_new(Type*, Object* args, Object* kwds) {
  if ((args && tuple_size(args) > 0) || (kwds && dict_size(kwds) > 0))
    return set_error(&exc_TypeError, "Context() does not accept any arguments");
  return context_new_with(nullptr);
}

void context_dealloc(Object* self) {
  decref(C(self)->vars);
  xdecref(C(self)->prev);
  object_free(self);
}

int context_traverse(Object* self, visitproc visit, void* arg) {
  if (int r = visit(C(self)->vars, arg)) return r;
  if (C(self)->prev) return visit(C(self)->prev, arg);
  return 0;
}

Object* context_run(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  if (nargs < 1) return set_error(&exc_TypeError, "run() missing 1 required positional argument");
  if (context_enter(self) < 0) return nullptr;
  Object* r = call(args[0], args + 1, size_t(nargs - 1), kwnames);
  context_exit(self);
  return r;
}

Object* context_copy(Object* self, Object*) {
  ORef snap = steal(context_snapshot(self));
  return context_new_with(snap.get());
}

Object* context_subscript(Object* self, Object* key) {
  if (!check_var_key(key)) return nullptr;
  ORef snap = steal(context_snapshot(self));
  Object* v = nullptr;
  int r = vars_lookup(snap.get(), key, &v);
  if (r < 0) return nullptr;
  if (r == 0) return set_key_error(key);
  return v;
}

int context_contains(Object* self, Object* key) {
  if (!check_var_key(key)) return -1;
  ORef snap = steal(context_snapshot(self));
  return dict_contains_known_hash(snap.get(), key, V(key)->hash);
}

ssize context_length(Object* self) {
  ORef snap = steal(context_snapshot(self));
  return dict_size(snap.get());
}

Object* context_get(Object* self, Object* const* args, ssize nargs) {
  if (nargs < 1) return set_errorf(&exc_TypeError, "get expected at least 1 argument, got {}", nargs);
  if (nargs > 2) return set_errorf(&exc_TypeError, "get expected at most 2 arguments, got {}", nargs);
  if (!check_var_key(args[0])) return nullptr;
  ORef snap = steal(context_snapshot(self));
  Object* v = nullptr;
  int r = vars_lookup(snap.get(), args[0], &v);
  if (r < 0) return nullptr;
  if (r > 0) return v;
  return newref(nargs == 2 ? args[1] : none());
}

// A keys/values/items object over `ctx`'s current snapshot.
Object* view_new(Object* ctx, Type* kind) {
  ORef snap = steal(context_snapshot(ctx));
  ORef it;
  if (kind == &keys_type) {
    it = steal(get_iter(snap.get()));
  } else {
    ORef view =
        steal(kind == &values_type ? dict_values_view(snap.get(), nullptr) : dict_items_view(snap.get(), nullptr));
    if (!view) return nullptr;
    it = steal(get_iter(view.get()));
  }
  if (!it) return nullptr;
  Object* o = new_object(kind, sizeof(ViewObject));
  if (!o) return nullptr;
  W(o)->vars = snap.release();
  W(o)->it = it.release();
  return o;
}

Object* context_iter(Object* self) { return view_new(self, &keys_type); }
Object* context_keys(Object* self, Object*) { return view_new(self, &keys_type); }
Object* context_values(Object* self, Object*) { return view_new(self, &values_type); }
Object* context_items(Object* self, Object*) { return view_new(self, &items_type); }

Object* context_richcompare(Object* a, Object* b, int op) {
  if (type_of(a) != &context_type || type_of(b) != &context_type || (op != Py_EQ && op != Py_NE))
    return newref(not_implemented());
  ORef sa = steal(context_snapshot(a));
  ORef sb = steal(context_snapshot(b));
  return rich_compare(sa.get(), sb.get(), op);
}

PyMethodDef context_methods[] = {
    {"run", as_cfunc(context_run), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"copy", context_copy, METH_NOARGS, "Return a shallow copy of the context object."},
    {"get", as_cfunc(context_get), METH_FASTCALL,
     "Return the value for `key` if `key` has the value in the context object.\n\nIf `key` does not exist, return "
     "`default`. If `default` is not given,\nreturn None."},
    {"keys", context_keys, METH_NOARGS, "Return a list of all variables in the context object."},
    {"values", context_values, METH_NOARGS, "Return a list of all variables' values in the context object."},
    {"items", context_items, METH_NOARGS,
     "Return all variables and their values in the context object.\n\nThe result is returned as a list of 2-tuples "
     "(variable, value)."},
    {nullptr, nullptr, 0, nullptr}};

PyMappingMethods context_as_mapping = {.mp_length = context_length, .mp_subscript = context_subscript};
PySequenceMethods context_as_sequence = {.sq_contains = context_contains};

// ---- Views.

void view_dealloc(Object* self) {
  decref(W(self)->vars);
  decref(W(self)->it);
  object_free(self);
}

int view_traverse(Object* self, visitproc visit, void* arg) {
  if (int r = visit(W(self)->vars, arg)) return r;
  return visit(W(self)->it, arg);
}

Object* view_self_iter(Object* self) { return newref(self); }
Object* view_next(Object* self) { return iter_next(W(self)->it); }
ssize view_length(Object* self) { return dict_size(W(self)->vars); }

PySequenceMethods view_as_sequence = {.sq_length = view_length};

#define PYVM_CTX_VIEW_TYPE(var, name)                     \
  Type var = {                                            \
      .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0), \
      .tp_name = name,                                    \
      .tp_basicsize = sizeof(ViewObject),                 \
      .tp_dealloc = view_dealloc,                         \
      .tp_as_sequence = &view_as_sequence,                \
      .tp_getattro = generic_getattr,                     \
      .tp_flags = Py_TPFLAGS_HAVE_GC,                     \
      .tp_traverse = view_traverse,                       \
      .tp_iter = view_self_iter,                          \
      .tp_iternext = view_next,                           \
      .tp_free = object_free,                             \
  };
PYVM_CTX_VIEW_TYPE(keys_type, "keys")
PYVM_CTX_VIEW_TYPE(values_type, "values")
PYVM_CTX_VIEW_TYPE(items_type, "items")
#undef PYVM_CTX_VIEW_TYPE

// ---- Context variables.

Object* contextvar_tp_new(Type*, Object* args, Object* kwds) {
  ssize nargs = args ? tuple_size(args) : 0;
  ssize nkw = kwds ? dict_size(kwds) : 0;
  if (nargs + nkw > 2)
    return set_errorf(&exc_TypeError, "ContextVar() takes at most 2 arguments ({} given)", nargs + nkw);
  if (nargs > 1)
    return set_errorf(&exc_TypeError, "ContextVar() takes at most 1 positional argument ({} given)", nargs);
  Object* name = nargs ? tuple_get(args, 0) : nullptr;
  Object* def = nullptr;
  if (nkw) {
    ssize pos = 0;
    Object* k = nullptr;
    Object* v = nullptr;
    while (dict_next(kwds, &pos, &k, &v)) {
      ORef kr = steal(k), vr = steal(v);
      std::string_view ks = type_check(k, &str_type) ? str_view(k) : std::string_view();
      if (ks == "name" && !name && nargs == 0) {
        name = v;
      } else if (ks == "name") {
        return set_error(&exc_TypeError, "argument for ContextVar() given by name ('name') and position (1)");
      } else if (ks == "default") {
        def = v;
      } else {
        return set_errorf(&exc_TypeError, "ContextVar() got an unexpected keyword argument '{}'", ks);
      }
    }
  }
  if (!name) return set_error(&exc_TypeError, "ContextVar() takes exactly 1 positional argument (0 given)");
  if (!type_check(name, &str_type)) return set_error(&exc_TypeError, "context variable name must be a str");
  hash_t nh = object_hash(name);
  if (nh == -1) return nullptr;
  Object* o = new_object(&contextvar_type, sizeof(ContextVarObject));
  if (!o) return nullptr;
  ContextVarObject* cv = V(o);
  cv->name = newref(name);
  cv->default_value = xnewref(def);
  // Mixes the name's hash with the object's address, so distinct variables hash apart and hash(var) differs from
  // hash(name).
  uint64_t p = uint64_t(reinterpret_cast<uintptr_t>(o));
  p = (p >> 4) | (p << 60);
  hash_t h = hash_t(uint64_t(nh) ^ (p * 0x9E3779B97F4A7C15ull));
  cv->hash = h == -1 ? -2 : h;
  return o;
}

void contextvar_dealloc(Object* self) {
  decref(V(self)->name);
  xdecref(V(self)->default_value);
  object_free(self);
}

int contextvar_traverse(Object* self, visitproc visit, void* arg) {
  if (V(self)->default_value) return visit(V(self)->default_value, arg);
  return 0;
}

hash_t contextvar_hash(Object* self) { return V(self)->hash; }

Object* contextvar_repr(Object* self) {
  std::string name, def;
  if (!repr_utf8(V(self)->name, &name)) return nullptr;
  std::string out = "<ContextVar name=" + name;
  if (V(self)->default_value) {
    if (!repr_utf8(V(self)->default_value, &def)) return nullptr;
    out += " default=" + def;
  }
  out += " at " + addr(self) + ">";
  return str_from_utf8(out);
}

// ContextVar.get([default]).
Object* contextvar_get(Object* self, Object* const* args, ssize nargs) {
  if (nargs > 1) return set_errorf(&exc_TypeError, "get expected at most 1 argument, got {}", nargs);
  // The current context is this thread's own: only this thread replaces its snapshot, so no lock is needed.
  if (Object* ctx = thread_state().context) {
    Object* v = nullptr;
    int r = vars_lookup(C(ctx)->vars, self, &v);
    if (r < 0) return nullptr;
    if (r > 0) return v;
  }
  if (nargs == 1) return newref(args[0]);
  if (V(self)->default_value) return newref(V(self)->default_value);
  return set_error_value(&exc_LookupError, self);
}

// The current snapshot with `var` set to `value` (or removed when `value` is null), as a new dict.
Object* vars_with(Object* vars, Object* var, Object* value) {
  ORef d = steal(dict_copy(vars));
  if (!d) return nullptr;
  int r =
      value ? dict_set_known_hash(d.get(), var, V(var)->hash, value) : dict_del_known_hash(d.get(), var, V(var)->hash);
  if (r < 0) return nullptr;
  return d.release();
}

Object* contextvar_set(Object* self, Object* value) {
  Object* ctx = current_context();
  if (!ctx) return nullptr;
  Object* old = nullptr;
  int r = vars_lookup(C(ctx)->vars, self, &old);
  if (r < 0) return nullptr;
  ORef old_ref = steal(r > 0 ? old : newref(missing()));
  Object* nv = vars_with(C(ctx)->vars, self, value);
  if (!nv) return nullptr;
  Object* tok = new_object(&token_type, sizeof(TokenObject));
  if (!tok) {
    decref(nv);
    return nullptr;
  }
  T(tok)->ctx = newref(ctx);
  T(tok)->var = newref(self);
  T(tok)->old_value = old_ref.release();
  context_replace_vars(ctx, nv);
  return tok;
}

Object* contextvar_reset(Object* self, Object* token) {
  std::string r;
  if (type_of(token) != &token_type) {
    if (!repr_utf8(token, &r)) return nullptr;
    return set_errorf(&exc_TypeError, "expected an instance of Token, got {}", r);
  }
  if (std::atomic_ref<int>(T(token)->used).load(std::memory_order_acquire)) {
    if (!repr_utf8(token, &r)) return nullptr;
    return set_errorf(&exc_RuntimeError, "{} has already been used once", r);
  }
  if (T(token)->var != self) {
    if (!repr_utf8(token, &r)) return nullptr;
    return set_errorf(&exc_ValueError, "{} was created by a different ContextVar", r);
  }
  Object* ctx = current_context();
  if (!ctx) return nullptr;
  if (T(token)->ctx != ctx) {
    if (!repr_utf8(token, &r)) return nullptr;
    return set_errorf(&exc_ValueError, "{} was created in a different Context", r);
  }
  if (std::atomic_ref<int>(T(token)->used).exchange(1, std::memory_order_acq_rel)) {
    if (!repr_utf8(token, &r)) return nullptr;
    return set_errorf(&exc_RuntimeError, "{} has already been used once", r);
  }
  Object* old = T(token)->old_value;
  if (old == missing()) {
    int has = dict_contains_known_hash(C(ctx)->vars, self, V(self)->hash);
    if (has < 0) return nullptr;
    if (!has) return newref(none());
    old = nullptr;
  }
  Object* nv = vars_with(C(ctx)->vars, self, old);
  if (!nv) return nullptr;
  context_replace_vars(ctx, nv);
  return newref(none());
}

Object* contextvar_name(Object* self, void*) { return newref(V(self)->name); }

PyMethodDef contextvar_methods[] = {
    {"get", as_cfunc(contextvar_get), METH_FASTCALL,
     "Return a value for the context variable for the current context.\n\nIf there is no value for the variable in "
     "the current context, the method will:\n * return the value of the default argument of the method, if "
     "provided; or\n * return the default value for the context variable, if it was created\n   with one; or\n * "
     "raise a LookupError."},
    {"set", contextvar_set, METH_O,
     "Call to set a new value for the context variable in the current context.\n\nThe required value argument is "
     "the new value for the context variable.\n\nReturns a Token object that can be used to restore the variable "
     "to its previous\nvalue via the `ContextVar.reset()` method."},
    {"reset", contextvar_reset, METH_O,
     "Reset the context variable.\n\nThe variable is reset to the value it had before the `ContextVar.set()` "
     "that\ncreated the token was used."},
    {nullptr, nullptr, 0, nullptr}};

PyGetSetDef contextvar_getset[] = {{"name", contextvar_name, nullptr, nullptr, nullptr},
                                   {nullptr, nullptr, nullptr, nullptr, nullptr}};

// ---- Tokens.

Object* token_tp_new(Type*, Object*, Object*) {
  return set_error(&exc_RuntimeError, "Tokens can only be created by ContextVars");
}

void token_dealloc(Object* self) {
  decref(T(self)->ctx);
  decref(T(self)->var);
  decref(T(self)->old_value);
  object_free(self);
}

int token_traverse(Object* self, visitproc visit, void* arg) {
  if (int r = visit(T(self)->ctx, arg)) return r;
  if (int r = visit(T(self)->var, arg)) return r;
  return visit(T(self)->old_value, arg);
}

Object* token_repr(Object* self) {
  std::string var;
  if (!repr_utf8(T(self)->var, &var)) return nullptr;
  bool used = std::atomic_ref<int>(T(self)->used).load(std::memory_order_relaxed) != 0;
  return str_from_utf8(fmt::format("<Token{} var={} at {}>", used ? " used" : "", var, addr(self)));
}

Object* token_var(Object* self, void*) { return newref(T(self)->var); }
Object* token_old_value(Object* self, void*) { return newref(T(self)->old_value); }

PyGetSetDef token_getset[] = {{"var", token_var, nullptr, nullptr, nullptr},
                              {"old_value", token_old_value, nullptr, nullptr, nullptr},
                              {nullptr, nullptr, nullptr, nullptr, nullptr}};

Object* missing_repr(Object*) { return str_from_utf8("<Token.MISSING>"); }

Object* missing_tp_new(Type*, Object*, Object*) {
  return set_error(&exc_TypeError, "cannot create 'Token.MISSING' instances");
}

// ---- Module functions.

Object* copy_context(Object*, Object*) {
  Object* ctx = current_context();
  if (!ctx) return nullptr;
  return context_new_with(C(ctx)->vars);  // the calling thread's own context: its snapshot is stable here
}

PyMethodDef module_methods[] = {{"copy_context", copy_context, METH_NOARGS, nullptr}, {nullptr, nullptr, 0, nullptr}};

Type context_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "_contextvars.Context",
    .tp_basicsize = sizeof(ContextObject),
    .tp_dealloc = context_dealloc,
    .tp_as_sequence = &context_as_sequence,
    .tp_as_mapping = &context_as_mapping,
    .tp_hash = hash_not_implemented,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_HAVE_GC,
    .tp_traverse = context_traverse,
    .tp_richcompare = context_richcompare,
    .tp_iter = context_iter,
    .tp_methods = context_methods,
    .tp_new = context_tp_new,
    .tp_free = object_free,
};

Type contextvar_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "_contextvars.ContextVar",
    .tp_basicsize = sizeof(ContextVarObject),
    .tp_dealloc = contextvar_dealloc,
    .tp_repr = contextvar_repr,
    .tp_hash = contextvar_hash,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_HAVE_GC,
    .tp_traverse = contextvar_traverse,
    .tp_methods = contextvar_methods,
    .tp_getset = contextvar_getset,
    .tp_new = contextvar_tp_new,
    .tp_free = object_free,
};

Type token_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "_contextvars.Token",
    .tp_basicsize = sizeof(TokenObject),
    .tp_dealloc = token_dealloc,
    .tp_repr = token_repr,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_HAVE_GC,
    .tp_traverse = token_traverse,
    .tp_getset = token_getset,
    .tp_new = token_tp_new,
    .tp_free = object_free,
};

Type missing_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "Token.MISSING",
    .tp_basicsize = sizeof(Object),
    .tp_repr = missing_repr,
    .tp_getattro = generic_getattr,
    .tp_new = missing_tp_new,
};

}  // namespace

void context_thread_clear() {
  ThreadState& ts = thread_state();
  if (Object* ctx = ts.context) {
    ts.context = nullptr;
    decref(ctx);
  }
}

Object* create_contextvars_module() {
  for (Type* t : {&context_type, &contextvar_type, &token_type, &missing_type, &keys_type, &values_type, &items_type})
    if (type_ready(t) < 0) return nullptr;
  if (generic_alias_install_class_getitem(&contextvar_type) < 0 || generic_alias_install_class_getitem(&token_type) < 0)
    return nullptr;
  if (dict_set_str(token_type.tp_dict, "MISSING", missing()) < 0) return nullptr;
  type_cache_invalidate();
  ORef m = steal(module_new(str_interned("_contextvars")));
  if (!m || module_add_functions(m.get(), module_methods) < 0) return nullptr;
  Object* d = module_dict(m.get());
  ORef doc = steal(str_from_utf8("Context Variables"));
  if (!doc || dict_set_str(d, "__doc__", doc.get()) < 0) return nullptr;
  if (dict_set_str(d, "Context", reinterpret_cast<Object*>(&context_type)) < 0 ||
      dict_set_str(d, "ContextVar", reinterpret_cast<Object*>(&contextvar_type)) < 0 ||
      dict_set_str(d, "Token", reinterpret_cast<Object*>(&token_type)) < 0)
    return nullptr;
  return m.release();
}

}  // namespace pyvm
