// The posix module's argument converters (paths, file descriptors, C integers) and errors, with CPython's messages.
#include <fcntl.h>

#include <cerrno>
#include <climits>
#include <cstring>

#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/str.h"
#include "objects/types.h"
#include "vm/modules/modules.h"
#include "vm/modules/posix_internal.h"
#include "vm/oserror.h"

namespace pyvm::posix {

namespace {

bool is_str(Object* o) { return type_check(o, &str_type); }
bool is_bytes(Object* o) { return type_check(o, &bytes_type); }

// The i64 value of an integer-like object (via __index__), or false with `msg` as OverflowError when it does not
// fit in [lo, hi].
bool convert_range(Object* o, int64_t lo, int64_t hi, const char* msg, int64_t* out) {
  ORef i = steal(number_index(o));
  if (!i) return false;
  int overflow = 0;
  int64_t v = int_as_i64(i.get(), &overflow);
  if (overflow || v < lo || v > hi) {
    set_error(&exc_OverflowError, msg);
    return false;
  }
  *out = v;
  return true;
}

// Looks up type(o).__fspath__; 1 with a bound callable, 0 when missing or None, -1 on error.
int lookup_fspath(Object* o, ORef* func) {
  Object* f = nullptr;
  int r = seq_lookup_special(o, str_interned("__fspath__"), &f);
  if (r <= 0) return r;
  *func = steal(f);
  return f == none() ? 0 : 1;
}

// Calls __fspath__ and checks the result is str or bytes (CPython's message names the argument's type).
Object* call_fspath(Object* o, Object* func) {
  ORef res = steal(call0(func));
  if (!res) return nullptr;
  if (!is_str(res.get()) && !is_bytes(res.get()))
    return set_errorf(&exc_TypeError, "expected {}.__fspath__() to return str or bytes, not {}", type_name(o),
                      type_name(res.get()));
  return res.release();
}

// Encodes a str path the way CPython does on Linux: UTF-8 with surrogateescape.
bool encode_str(Object* s, std::string* out) {
  ORef b = steal(str_encode(s, "utf-8", "surrogateescape"));
  if (!b) return false;
  *out = std::string(bytes_view(b.get()));
  return true;
}

}  // namespace

bool convert_int(Object* o, int* out) {
  int64_t v = 0;
  if (!convert_range(o, INT_MIN, INT_MAX, "Python int too large to convert to C int", &v)) return false;
  *out = int(v);
  return true;
}

bool convert_long(Object* o, long* out) {
  int64_t v = 0;
  if (!convert_range(o, LONG_MIN, LONG_MAX, "Python int too large to convert to C long", &v)) return false;
  *out = long(v);
  return true;
}

bool convert_ssize(Object* o, ssize* out) {
  int64_t v = 0;
  if (!convert_range(o, INT64_MIN, INT64_MAX, "Python int too large to convert to C ssize_t", &v)) return false;
  *out = ssize(v);
  return true;
}

bool convert_bool(Object* o, bool* out) {
  if (!o) return true;
  int r = object_is_true(o);
  if (r < 0) return false;
  *out = r != 0;
  return true;
}

bool convert_fd(Object* o, int* fd) {
  if (type_check_exact(o, &bool_type) && runtime_warn(&exc_RuntimeWarning, "bool is used as a file descriptor", 1) < 0)
    return false;
  ORef i = steal(number_index(o));
  if (!i) return false;
  int overflow = 0;
  int64_t v = int_as_i64(i.get(), &overflow);
  if (overflow > 0 || (!overflow && v > INT_MAX)) {
    set_error(&exc_OverflowError, "fd is greater than maximum");
    return false;
  }
  if (overflow < 0 || v < INT_MIN) {
    set_error(&exc_OverflowError, "fd is less than minimum");
    return false;
  }
  *fd = int(v);
  return true;
}

bool convert_dir_fd(Object* o, int* fd) {
  if (!o || o == none()) {
    *fd = AT_FDCWD;
    return true;
  }
  if (!index_check(o)) {
    set_errorf(&exc_TypeError, "argument should be integer or None, not {}", type_name(o));
    return false;
  }
  return convert_fd(o, fd);
}

bool check_fd_and_follow(const char* function, const Path& p, bool follow_symlinks) {
  if (p.is_fd() && !follow_symlinks) {
    set_errorf(&exc_ValueError, "{}: cannot use fd and follow_symlinks together", function);
    return false;
  }
  return true;
}

bool check_dir_fd_and_fd(const char* function, const Path& p, int dir_fd) {
  if (p.is_fd() && dir_fd != AT_FDCWD) {
    set_errorf(&exc_ValueError, "{}: can't specify dir_fd without matching path", function);
    return false;
  }
  return true;
}

bool convert_path(Object* o, Path* p) {
  p->object = nullptr;
  p->narrow.clear();
  p->fd = -1;
  p->has_fd = false;
  p->is_bytes = false;
  if (o == none() && p->nullable) return true;
  ORef value;
  if (is_str(o) || is_bytes(o)) {
    value = borrow(o);
  } else if (p->allow_fd && index_check(o)) {
    int fd = -1;
    if (!convert_fd(o, &fd)) return false;
    // A negative fd still goes to the system call, which reports EBADF naming it (as CPython does).
    p->fd = fd;
    p->has_fd = true;
    p->object = borrow(o);
    return true;
  } else {
    ORef func;
    int r = lookup_fspath(o, &func);
    if (r < 0) return false;
    if (r == 0) {
      const char* allowed = p->allow_fd && p->nullable ? "string, bytes, os.PathLike, integer or None"
                            : p->allow_fd              ? "string, bytes, os.PathLike or integer"
                            : p->nullable              ? "string, bytes, os.PathLike or None"
                                                       : "string, bytes or os.PathLike";
      set_errorf(&exc_TypeError, "{}: {} should be {}, not {}", p->function, p->argname, allowed, type_name(o));
      return false;
    }
    value = steal(call_fspath(o, func.get()));
    if (!value) return false;
  }
  if (is_str(value.get())) {
    if (!encode_str(value.get(), &p->narrow)) return false;
  } else {
    p->narrow = std::string(bytes_view(value.get()));
    p->is_bytes = true;
  }
  if (p->narrow.find('\0') != std::string::npos) {
    set_errorf(&exc_ValueError, "{}: embedded null character in {}", p->function, p->argname);
    return false;
  }
  p->object = std::move(value);
  return true;
}

Object* fs_converter(Object* o) {
  ORef path = steal(fspath(o));
  if (!path) return nullptr;
  ORef b;
  if (is_str(path.get())) {
    b = steal(str_encode(path.get(), "utf-8", "surrogateescape"));
  } else {
    b = steal(bytes_from(bytes_data(path.get()), bytes_size(path.get())));
  }
  if (!b) return nullptr;
  if (bytes_view(b.get()).find('\0') != std::string_view::npos) return set_error(&exc_ValueError, "embedded null byte");
  return b.release();
}

Object* fs_name(const char* s, size_t n, bool as_bytes) {
  if (as_bytes) return bytes_from(s, ssize(n));
  return str_decode(s, ssize(n), "utf-8", "surrogateescape");
}

std::nullptr_t path_error(const Path& p) { return raise_errno(p.object.get()); }

std::nullptr_t path_error2(const Path& a, const Path& b) {
  int err = errno;
  return raise_os_error_objects(err, a.object ? a.object.get() : none(), b.object ? b.object.get() : none());
}

}  // namespace pyvm::posix
