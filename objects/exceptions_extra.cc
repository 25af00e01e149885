// Exception families with attributes beyond args: OSError (errno-selected subclasses), NameError, AttributeError,
// ImportError and SyntaxError, with CPython's constructors and str().
#include <cerrno>
#include <string>

#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"

namespace pyvm {

Object* exc_new(Type* t, Object* args, Object* kwds);
int exc_init(Object* self, Object* args, Object* kwds);
Object* exc_str(Object* self);

namespace {

constexpr int kMemberObject = 6;
#define EXTRA(i) int(offsetof(ExceptionObject, extra) + (i) * sizeof(Object*))

Object*& X(Object* self, int i) { return as_exc(self)->extra[i]; }

// Takes the keyword arguments named in `names` into extra slots; anything else is an error.
int take_keywords(Object* self, Object* kwds, std::initializer_list<std::pair<const char*, int>> names) {
  if (!kwds || dict_size(kwds) == 0) return 0;
  ssize pos = 0;
  Object *k, *v;
  while (dict_next(kwds, &pos, &k, &v)) {
    ORef kr = steal(k), vr = steal(v);
    bool found = false;
    for (auto& [n, slot] : names)
      if (str_view(k) == n) {
        set_slot(&X(self, slot), newref(v));
        found = true;
      }
    if (!found) {
      set_errorf(&exc_TypeError, "{}() got an unexpected keyword argument '{}'", type_of(self)->tp_name, str_view(k));
      return -1;
    }
  }
  return 0;
}

// ---- OSError ----

Type* oserror_subclass_for(int err) {
  switch (err) {
    case EAGAIN: case EALREADY: case EINPROGRESS: return &exc_BlockingIOError;
    case ECHILD: return &exc_ChildProcessError;
    case EPIPE: case ESHUTDOWN: return &exc_BrokenPipeError;
    case ECONNABORTED: return &exc_ConnectionAbortedError;
    case ECONNREFUSED: return &exc_ConnectionRefusedError;
    case ECONNRESET: return &exc_ConnectionResetError;
    case EEXIST: return &exc_FileExistsError;
    case ENOENT: return &exc_FileNotFoundError;
    case EISDIR: return &exc_IsADirectoryError;
    case ENOTDIR: return &exc_NotADirectoryError;
    case EINTR: return &exc_InterruptedError;
    case EACCES: case EPERM: return &exc_PermissionError;
    case ESRCH: return &exc_ProcessLookupError;
    case ETIMEDOUT: return &exc_TimeoutError;
    default: return nullptr;
  }
}

Object* oserror_new(Type* type, Object* args, Object* kwds) {
  ssize n = tuple_size(args);
  if (type == &exc_OSError && n >= 2 && n <= 5 && type_check(tuple_get(args, 0), &int_type)) {
    int ovf = 0;
    int64_t err = int_as_i64(tuple_get(args, 0), &ovf);
    if (!ovf)
      if (Type* sub = oserror_subclass_for(int(err))) type = sub;
  }
  return exc_new(type, args, kwds);
}

int oserror_init(Object* self, Object* args, Object* kwds) {
  if (kwds && dict_size(kwds)) {
    set_errorf(&exc_TypeError, "{}() takes no keyword arguments", type_of(self)->tp_name);
    return -1;
  }
  ssize n = tuple_size(args);
  if (n >= 2 && n <= 5) {
    set_slot(&X(self, 0), newref(tuple_get(args, 0)));
    set_slot(&X(self, 1), newref(tuple_get(args, 1)));
    if (n >= 3) {
      set_slot(&X(self, 2), newref(tuple_get(args, 2)));
      if (n == 5) set_slot(&X(self, 3), newref(tuple_get(args, 4)));
      // With a filename, args keeps only (errno, strerror).
      ORef two = steal(tuple_pack({tuple_get(args, 0), tuple_get(args, 1)}));
      if (!two) return -1;
      set_slot(&as_exc(self)->args, two.release());
      return 0;
    }
  }
  set_slot(&as_exc(self)->args, newref(args));
  return 0;
}

Object* oserror_str(Object* self) {
  Object* err = X(self, 0);
  Object* msg = X(self, 1);
  Object* f1 = X(self, 2);
  Object* f2 = X(self, 3);
  auto s = [](Object* o, std::string* out) { return object_str_utf8(o, out); };
  std::string e, m, a, b;
  if (f1 && f1 != none()) {
    if (!s(err ? err : none(), &e) || !s(msg ? msg : none(), &m) || !repr_utf8(f1, &a)) return nullptr;
    if (f2 && f2 != none()) {
      if (!repr_utf8(f2, &b)) return nullptr;
      return str_from_utf8(fmt::format("[Errno {}] {}: {} -> {}", e, m, a, b));
    }
    return str_from_utf8(fmt::format("[Errno {}] {}: {}", e, m, a));
  }
  if (err && msg) {
    if (!s(err, &e) || !s(msg, &m)) return nullptr;
    return str_from_utf8(fmt::format("[Errno {}] {}", e, m));
  }
  return exc_str(self);
}

PyMemberDef oserror_members[] = {{"errno", kMemberObject, EXTRA(0), 0, nullptr},
                                 {"strerror", kMemberObject, EXTRA(1), 0, nullptr},
                                 {"filename", kMemberObject, EXTRA(2), 0, nullptr},
                                 {"filename2", kMemberObject, EXTRA(3), 0, nullptr},
                                 {"characters_written", kMemberObject, EXTRA(4), 0, nullptr},
                                 {nullptr, 0, 0, 0, nullptr}};

// ---- NameError / AttributeError ----

int nameerror_init(Object* self, Object* args, Object* kwds) {
  set_slot(&as_exc(self)->args, newref(args));
  return take_keywords(self, kwds, {{"name", 0}});
}
int attributeerror_init(Object* self, Object* args, Object* kwds) {
  set_slot(&as_exc(self)->args, newref(args));
  return take_keywords(self, kwds, {{"name", 0}, {"obj", 1}});
}
PyMemberDef nameerror_members[] = {{"name", kMemberObject, EXTRA(0), 0, nullptr}, {nullptr, 0, 0, 0, nullptr}};
PyMemberDef attributeerror_members[] = {{"name", kMemberObject, EXTRA(0), 0, nullptr},
                                        {"obj", kMemberObject, EXTRA(1), 0, nullptr},
                                        {nullptr, 0, 0, 0, nullptr}};

// ---- ImportError ----

int importerror_init(Object* self, Object* args, Object* kwds) {
  set_slot(&as_exc(self)->args, newref(args));
  if (take_keywords(self, kwds, {{"name", 1}, {"path", 2}, {"name_from", 3}}) < 0) return -1;
  set_slot(&X(self, 0), tuple_size(args) == 1 ? newref(tuple_get(args, 0)) : nullptr);
  return 0;
}
Object* importerror_str(Object* self) {
  Object* msg = X(self, 0);
  if (msg && type_check_exact(msg, &str_type)) return newref(msg);
  return exc_str(self);
}
PyMemberDef importerror_members[] = {{"msg", kMemberObject, EXTRA(0), 0, nullptr},
                                     {"name", kMemberObject, EXTRA(1), 0, nullptr},
                                     {"path", kMemberObject, EXTRA(2), 0, nullptr},
                                     {"name_from", kMemberObject, EXTRA(3), 0, nullptr},
                                     {nullptr, 0, 0, 0, nullptr}};

// ---- SyntaxError: msg, (filename, lineno, offset, text[, end_lineno, end_offset]) ----

int syntaxerror_init(Object* self, Object* args, Object* kwds) {
  if (kwds && dict_size(kwds)) {
    set_errorf(&exc_TypeError, "{}() takes no keyword arguments", type_of(self)->tp_name);
    return -1;
  }
  set_slot(&as_exc(self)->args, newref(args));
  ssize n = tuple_size(args);
  if (n >= 1) set_slot(&X(self, 0), newref(tuple_get(args, 0)));
  if (n == 2) {
    ORef info = steal(sequence_tuple(tuple_get(args, 1)));
    if (!info) return -1;
    ssize k = tuple_size(info.get());
    if (k < 4 || k > 6) {
      set_error(&exc_IndexError, "tuple index out of range");
      return -1;
    }
    for (ssize i = 0; i < k; i++) set_slot(&X(self, int(i) + 1), newref(tuple_get(info.get(), i)));
  }
  return 0;
}
Object* syntaxerror_str(Object* self) {
  std::string msg;
  if (!object_str_utf8(X(self, 0) ? X(self, 0) : none(), &msg)) return nullptr;
  Object* file = X(self, 1);
  Object* line = X(self, 2);
  bool have_file = file && type_check(file, &str_type);
  bool have_line = line && type_check_exact(line, &int_type);
  std::string base;
  if (have_file) {
    std::string f(str_view(file));
    size_t slash = f.rfind('/');
    base = slash == std::string::npos ? f : f.substr(slash + 1);
  }
  if (have_file && have_line) return str_from_utf8(fmt::format("{} ({}, line {})", msg, base, int_compact_value(line)));
  if (have_file) return str_from_utf8(fmt::format("{} ({})", msg, base));
  if (have_line) return str_from_utf8(fmt::format("{} (line {})", msg, int_compact_value(line)));
  return str_from_utf8(msg);
}
PyMemberDef syntaxerror_members[] = {{"msg", kMemberObject, EXTRA(0), 0, nullptr},
                                     {"filename", kMemberObject, EXTRA(1), 0, nullptr},
                                     {"lineno", kMemberObject, EXTRA(2), 0, nullptr},
                                     {"offset", kMemberObject, EXTRA(3), 0, nullptr},
                                     {"text", kMemberObject, EXTRA(4), 0, nullptr},
                                     {"end_lineno", kMemberObject, EXTRA(5), 0, nullptr},
                                     {"end_offset", kMemberObject, EXTRA(6), 0, nullptr},
                                     {"print_file_and_line", kMemberObject, EXTRA(7), 0, nullptr},
                                     {nullptr, 0, 0, 0, nullptr}};

#undef EXTRA

}  // namespace

void exceptions_extra_setup() {
  exc_OSError.tp_new = oserror_new;
  exc_OSError.tp_init = oserror_init;
  exc_OSError.tp_str = oserror_str;
  exc_OSError.tp_members = oserror_members;
  exc_NameError.tp_init = nameerror_init;
  exc_NameError.tp_members = nameerror_members;
  exc_AttributeError.tp_init = attributeerror_init;
  exc_AttributeError.tp_members = attributeerror_members;
  exc_ImportError.tp_init = importerror_init;
  exc_ImportError.tp_str = importerror_str;
  exc_ImportError.tp_members = importerror_members;
  exc_SyntaxError.tp_init = syntaxerror_init;
  exc_SyntaxError.tp_str = syntaxerror_str;
  exc_SyntaxError.tp_members = syntaxerror_members;
  // Subclasses defined statically with the generic slots inherit these through their own (null) slots.
#define PYVM_DECLARE_EXC(name, base)                                                      \
  if (&exc_##name != &exc_OSError && is_static_subclass(&exc_##name, &exc_OSError)) {     \
    exc_##name.tp_new = oserror_new;                                                      \
    exc_##name.tp_init = oserror_init;                                                    \
    exc_##name.tp_str = oserror_str;                                                      \
  }                                                                                       \
  if (&exc_##name != &exc_ImportError && is_static_subclass(&exc_##name, &exc_ImportError)) { \
    exc_##name.tp_init = importerror_init;                                                \
    exc_##name.tp_str = importerror_str;                                                  \
  }                                                                                       \
  if (&exc_##name != &exc_NameError && is_static_subclass(&exc_##name, &exc_NameError)) { \
    exc_##name.tp_init = nameerror_init;                                                  \
  }                                                                                       \
  if (&exc_##name != &exc_SyntaxError && is_static_subclass(&exc_##name, &exc_SyntaxError)) { \
    exc_##name.tp_init = syntaxerror_init;                                                \
    exc_##name.tp_str = syntaxerror_str;                                                  \
  }
  auto is_static_subclass = [](Type* t, Type* base) {
    for (Type* b = t->tp_base; b; b = b->tp_base)
      if (b == base) return true;
    return false;
  };
#include "objects/exceptions.def"
#undef PYVM_DECLARE_EXC
}

void exception_set_name_context(Object* exc, Object* name, Object* obj) {
  if (type_check(exc, &exc_AttributeError)) {
    if (!X(exc, 0)) X(exc, 0) = newref(name);
    if (!X(exc, 1) && obj) X(exc, 1) = newref(obj);
  } else if (type_check(exc, &exc_NameError)) {
    if (!X(exc, 0)) X(exc, 0) = newref(name);
  }
}

}  // namespace pyvm
