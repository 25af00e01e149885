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

// Takes the keyword-only arguments named in `names` into extra slots; anything else is an error naming the family
// (CPython's "|$O:NameError" formats name the base class even for UnboundLocalError).
int take_keywords(Object* self, Object* kwds, const char* family,
                  std::initializer_list<std::pair<const char*, int>> names) {
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
      set_errorf(&exc_TypeError, "{}() got an unexpected keyword argument '{}'", family, str_view(k));
      return -1;
    }
  }
  return 0;
}

// A copy of the instance __dict__ (or a new dict) with `extra` entries added for the slots that are set.
Object* state_with(Object* self, std::initializer_list<std::pair<const char*, Object*>> extra) {
  Object* dict = as_exc(self)->dict;
  ORef d = steal(dict ? dict_copy(dict) : dict_new());
  if (!d) return nullptr;
  for (auto& [name, value] : extra)
    if (value) {
      ORef key = steal(str_from_utf8(name));
      if (!key || dict_set(d.get(), key.get(), value) < 0) return nullptr;
    }
  return d.release();
}

// ---- OSError ----

Type* oserror_subclass_for(int err) {
  switch (err) {
    case EAGAIN:
    case EALREADY:
    case EINPROGRESS:
      return &exc_BlockingIOError;
    case ECHILD:
      return &exc_ChildProcessError;
    case EPIPE:
    case ESHUTDOWN:
      return &exc_BrokenPipeError;
    case ECONNABORTED:
      return &exc_ConnectionAbortedError;
    case ECONNREFUSED:
      return &exc_ConnectionRefusedError;
    case ECONNRESET:
      return &exc_ConnectionResetError;
    case EEXIST:
      return &exc_FileExistsError;
    case ENOENT:
      return &exc_FileNotFoundError;
    case EISDIR:
      return &exc_IsADirectoryError;
    case ENOTDIR:
      return &exc_NotADirectoryError;
    case EINTR:
      return &exc_InterruptedError;
    case EACCES:
    case EPERM:
      return &exc_PermissionError;
    case ESRCH:
      return &exc_ProcessLookupError;
    case ETIMEDOUT:
      return &exc_TimeoutError;
    default:
      return nullptr;
  }
}

// OSError's slots: errno, strerror, filename, filename2, and BlockingIOError's characters_written (an int, or null
// for "not set"). There is no winerror outside Windows; its argument position is accepted and ignored.
enum { kErrno = 0, kStrerror = 1, kFilename = 2, kFilename2 = 3, kWritten = 4 };

Object* oserror_new(Type* type, Object* args, Object* kwds);
int oserror_init(Object* self, Object* args, Object* kwds);

// As in CPython, a subclass that overrides __init__ (but not __new__) gets its arguments parsed by
// OSError.__init__, which it may call with different ones; otherwise __new__ does the work.
bool oserror_use_init(Type* t) { return t->tp_init != oserror_init && t->tp_new == oserror_new; }

struct OSErrorArgs {
  Object* err = nullptr;
  Object* strerror = nullptr;
  Object* filename = nullptr;
  Object* filename2 = nullptr;
};

OSErrorArgs oserror_parse(Object* args) {
  OSErrorArgs a;
  ssize n = tuple_size(args);
  if (n >= 2 && n <= 5) {
    a.err = tuple_get(args, 0);
    a.strerror = tuple_get(args, 1);
    if (n >= 3) a.filename = tuple_get(args, 2);
    if (n == 5) a.filename2 = tuple_get(args, 4);
  }
  return a;
}

// PyNumber_Check: what BlockingIOError accepts as a character count.
bool number_check(Object* o) {
  PyNumberMethods* nb = type_of(o)->tp_as_number;
  return (nb && (nb->nb_index || nb->nb_int || nb->nb_float)) || type_check(o, &complex_type);
}

int oserror_fill(Object* self, Object* args, const OSErrorArgs& a) {
  ORef stored = borrow(args);
  if (a.filename && a.filename != none()) {
    if (type_of(self) == &exc_BlockingIOError && number_check(a.filename)) {
      ssize n = number_as_ssize(a.filename, &exc_ValueError);
      if (n == -1 && error_occurred()) return -1;
      Object* w = int_from_ssize(n);
      if (!w) return -1;
      set_slot(&X(self, kWritten), w);
    } else {
      set_slot(&X(self, kFilename), newref(a.filename));
      if (a.filename2 && a.filename2 != none()) set_slot(&X(self, kFilename2), newref(a.filename2));
      // With a filename, args keeps only (errno, strerror).
      stored = steal(tuple_pack({tuple_get(args, 0), tuple_get(args, 1)}));
      if (!stored) return -1;
    }
  }
  set_slot(&X(self, kErrno), xnewref(a.err));
  set_slot(&X(self, kStrerror), xnewref(a.strerror));
  set_slot(&as_exc(self)->args, stored.release());
  return 0;
}

Object* oserror_new(Type* type, Object* args, Object* kwds) {
  Type* cls = type;
  OSErrorArgs a;
  bool parse_here = !oserror_use_init(type);
  if (parse_here) {
    if (kwds && dict_size(kwds)) return set_errorf(&exc_TypeError, "{}() takes no keyword arguments", type->tp_name);
    a = oserror_parse(args);
    // OSError(errno, ...) picks the subclass for that errno.
    if (type == &exc_OSError && a.err && type_check(a.err, &int_type)) {
      int ovf = 0;
      int64_t err = int_as_i64(a.err, &ovf);
      if (!ovf && err >= INT32_MIN && err <= INT32_MAX)
        if (Type* sub = oserror_subclass_for(int(err))) cls = sub;
    }
  }
  ORef self = steal(exc_new(cls, parse_here ? args : tuple_empty(), nullptr));
  if (!self) return nullptr;
  if (parse_here && oserror_fill(self.get(), args, a) < 0) return nullptr;
  return self.release();
}

int oserror_init(Object* self, Object* args, Object* kwds) {
  if (!oserror_use_init(type_of(self))) return 0;  // __new__ did everything
  if (kwds && dict_size(kwds)) {
    set_errorf(&exc_TypeError, "{}() takes no keyword arguments", type_of(self)->tp_name);
    return -1;
  }
  return oserror_fill(self, args, oserror_parse(args));
}

Object* oserror_str(Object* self) {
  Object* err = X(self, kErrno);
  Object* msg = X(self, kStrerror);
  Object* f1 = X(self, kFilename);
  Object* f2 = X(self, kFilename2);
  std::string e, m, a, b;
  if (f1) {
    if (!object_str_utf8(err ? err : none(), &e) || !object_str_utf8(msg ? msg : none(), &m) || !repr_utf8(f1, &a))
      return nullptr;
    if (f2) {
      if (!repr_utf8(f2, &b)) return nullptr;
      return str_from_utf8(fmt::format("[Errno {}] {}: {} -> {}", e, m, a, b));
    }
    return str_from_utf8(fmt::format("[Errno {}] {}: {}", e, m, a));
  }
  if (err && msg) {
    if (!object_str_utf8(err, &e) || !object_str_utf8(msg, &m)) return nullptr;
    return str_from_utf8(fmt::format("[Errno {}] {}", e, m));
  }
  return exc_str(self);
}

// Pickling rebuilds the constructor call, putting a filename dropped from args back in.
Object* oserror_reduce(Object* self, Object*) {
  ORef args = borrow(as_exc(self)->args);
  Object* f1 = X(self, kFilename);
  Object* f2 = X(self, kFilename2);
  if (tuple_size(args.get()) == 2 && f1) {
    Object* a0 = tuple_get(args.get(), 0);
    Object* a1 = tuple_get(args.get(), 1);
    args = steal(f2 ? tuple_pack({a0, a1, f1, none(), f2}) : tuple_pack({a0, a1, f1}));
    if (!args) return nullptr;
  }
  Object* t = reinterpret_cast<Object*>(type_of(self));
  if (as_exc(self)->dict) return tuple_pack({t, args.get(), as_exc(self)->dict});
  return tuple_pack({t, args.get()});
}

Object* oserror_get_written(Object* self, void*) {
  Object* w = X(self, kWritten);
  if (!w) return set_error(&exc_AttributeError, "characters_written");
  return newref(w);
}
int oserror_set_written(Object* self, Object* v, void*) {
  if (!v) {
    if (!X(self, kWritten)) {
      set_error(&exc_AttributeError, "characters_written");
      return -1;
    }
    set_slot(&X(self, kWritten), nullptr);
    return 0;
  }
  ssize n = number_as_ssize(v, &exc_ValueError);
  if (n == -1 && error_occurred()) return -1;
  Object* w = int_from_ssize(n);
  if (!w) return -1;
  set_slot(&X(self, kWritten), w);
  return 0;
}

PyMemberDef oserror_members[] = {{"errno", kMemberObject, EXTRA(kErrno), 0, nullptr},
                                 {"strerror", kMemberObject, EXTRA(kStrerror), 0, nullptr},
                                 {"filename", kMemberObject, EXTRA(kFilename), 0, nullptr},
                                 {"filename2", kMemberObject, EXTRA(kFilename2), 0, nullptr},
                                 {nullptr, 0, 0, 0, nullptr}};
PyGetSetDef oserror_getset[] = {{"characters_written", oserror_get_written, oserror_set_written, nullptr, nullptr},
                                {nullptr, nullptr, nullptr, nullptr, nullptr}};
PyMethodDef oserror_methods[] = {{"__reduce__", oserror_reduce, METH_NOARGS, nullptr}, {nullptr, nullptr, 0, nullptr}};

// ---- NameError / AttributeError ----

int nameerror_init(Object* self, Object* args, Object* kwds) {
  if (exc_init(self, args, nullptr) < 0) return -1;
  return take_keywords(self, kwds, "NameError", {{"name", 0}});
}
int attributeerror_init(Object* self, Object* args, Object* kwds) {
  if (exc_init(self, args, nullptr) < 0) return -1;
  return take_keywords(self, kwds, "AttributeError", {{"name", 0}, {"obj", 1}});
}
// obj is left out of the pickled state: it is often not picklable (CPython's choice too).
Object* attributeerror_getstate(Object* self, Object*) {
  return state_with(self, {{"name", X(self, 0)}, {"args", as_exc(self)->args}});
}
Object* attributeerror_reduce(Object* self, Object*) {
  ORef state = steal(attributeerror_getstate(self, nullptr));
  if (!state) return nullptr;
  return tuple_pack({reinterpret_cast<Object*>(type_of(self)), as_exc(self)->args, state.get()});
}
PyMemberDef nameerror_members[] = {{"name", kMemberObject, EXTRA(0), 0, nullptr}, {nullptr, 0, 0, 0, nullptr}};
PyMemberDef attributeerror_members[] = {{"name", kMemberObject, EXTRA(0), 0, nullptr},
                                        {"obj", kMemberObject, EXTRA(1), 0, nullptr},
                                        {nullptr, 0, 0, 0, nullptr}};
PyMethodDef attributeerror_methods[] = {{"__getstate__", attributeerror_getstate, METH_NOARGS, nullptr},
                                        {"__reduce__", attributeerror_reduce, METH_NOARGS, nullptr},
                                        {nullptr, nullptr, 0, nullptr}};

// ---- ImportError ----

int importerror_init(Object* self, Object* args, Object* kwds) {
  if (exc_init(self, args, nullptr) < 0) return -1;
  if (take_keywords(self, kwds, "ImportError", {{"name", 1}, {"path", 2}, {"name_from", 3}}) < 0) return -1;
  set_slot(&X(self, 0), tuple_size(args) == 1 ? newref(tuple_get(args, 0)) : nullptr);
  return 0;
}
Object* importerror_str(Object* self) {
  Object* msg = X(self, 0);
  if (msg && type_check_exact(msg, &str_type)) return newref(msg);
  return exc_str(self);
}
Object* importerror_reduce(Object* self, Object*) {
  Object* t = reinterpret_cast<Object*>(type_of(self));
  Object* args = as_exc(self)->args;
  if (X(self, 1) || X(self, 2) || X(self, 3)) {
    ORef state = steal(state_with(self, {{"name", X(self, 1)}, {"path", X(self, 2)}, {"name_from", X(self, 3)}}));
    if (!state) return nullptr;
    return tuple_pack({t, args, state.get()});
  }
  if (as_exc(self)->dict) return tuple_pack({t, args, as_exc(self)->dict});
  return tuple_pack({t, args});
}
PyMemberDef importerror_members[] = {{"msg", kMemberObject, EXTRA(0), 0, nullptr},
                                     {"name", kMemberObject, EXTRA(1), 0, nullptr},
                                     {"path", kMemberObject, EXTRA(2), 0, nullptr},
                                     {"name_from", kMemberObject, EXTRA(3), 0, nullptr},
                                     {nullptr, 0, 0, 0, nullptr}};
PyMethodDef importerror_methods[] = {{"__reduce__", importerror_reduce, METH_NOARGS, nullptr},
                                     {nullptr, nullptr, 0, nullptr}};

// ---- SyntaxError: msg, (filename, lineno, offset, text[, end_lineno, end_offset]) ----

int syntaxerror_init(Object* self, Object* args, Object* kwds) {
  if (exc_init(self, args, kwds) < 0) return -1;
  ssize n = tuple_size(args);
  if (n >= 1) set_slot(&X(self, 0), newref(tuple_get(args, 0)));
  if (n == 2) {
    // The details are unpacked like PyArg_ParseTuple's "OOOO|OO" (hence the anonymous "function").
    ORef info = steal(sequence_tuple(tuple_get(args, 1)));
    if (!info) return -1;
    ssize k = tuple_size(info.get());
    if (k < 4) {
      set_errorf(&exc_TypeError, "function takes at least 4 arguments ({} given)", k);
      return -1;
    }
    if (k > 6) {
      set_errorf(&exc_TypeError, "function takes at most 6 arguments ({} given)", k);
      return -1;
    }
    for (ssize i = 0; i < 6; i++) set_slot(&X(self, int(i) + 1), i < k ? newref(tuple_get(info.get(), i)) : nullptr);
    if (k == 5) {
      set_error(&exc_TypeError, "end_offset must be provided when end_lineno is provided");
      return -1;
    }
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
  // A line number too large for a C long shows as -1, as in CPython.
  int64_t lineno = 0;
  if (have_line) {
    int ovf = 0;
    lineno = int_as_i64(line, &ovf);
    if (ovf) lineno = -1;
  }
  std::string base;
  if (have_file) {
    std::string f(str_view(file));
    size_t slash = f.rfind('/');
    base = slash == std::string::npos ? f : f.substr(slash + 1);
  }
  if (have_file && have_line) return str_from_utf8(fmt::format("{} ({}, line {})", msg, base, lineno));
  if (have_file) return str_from_utf8(fmt::format("{} ({})", msg, base));
  if (have_line) return str_from_utf8(fmt::format("{} (line {})", msg, lineno));
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
  exc_OSError.tp_getset = oserror_getset;
  exc_OSError.tp_methods = oserror_methods;
  exc_NameError.tp_init = nameerror_init;
  exc_NameError.tp_members = nameerror_members;
  exc_AttributeError.tp_init = attributeerror_init;
  exc_AttributeError.tp_members = attributeerror_members;
  exc_AttributeError.tp_methods = attributeerror_methods;
  exc_ImportError.tp_init = importerror_init;
  exc_ImportError.tp_str = importerror_str;
  exc_ImportError.tp_members = importerror_members;
  exc_ImportError.tp_methods = importerror_methods;
  exc_SyntaxError.tp_init = syntaxerror_init;
  exc_SyntaxError.tp_str = syntaxerror_str;
  exc_SyntaxError.tp_members = syntaxerror_members;
  // Subclasses defined statically with the generic slots inherit these through their own (null) slots.
#define PYVM_DECLARE_EXC(name, base)                                                          \
  if (&exc_##name != &exc_OSError && is_static_subclass(&exc_##name, &exc_OSError)) {         \
    exc_##name.tp_new = oserror_new;                                                          \
    exc_##name.tp_init = oserror_init;                                                        \
    exc_##name.tp_str = oserror_str;                                                          \
  }                                                                                           \
  if (&exc_##name != &exc_ImportError && is_static_subclass(&exc_##name, &exc_ImportError)) { \
    exc_##name.tp_init = importerror_init;                                                    \
    exc_##name.tp_str = importerror_str;                                                      \
  }                                                                                           \
  if (&exc_##name != &exc_NameError && is_static_subclass(&exc_##name, &exc_NameError)) {     \
    exc_##name.tp_init = nameerror_init;                                                      \
  }                                                                                           \
  if (&exc_##name != &exc_SyntaxError && is_static_subclass(&exc_##name, &exc_SyntaxError)) { \
    exc_##name.tp_init = syntaxerror_init;                                                    \
    exc_##name.tp_str = syntaxerror_str;                                                      \
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
