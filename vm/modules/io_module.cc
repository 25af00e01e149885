// The _io module, first part: FileIO (raw, unbuffered file access) and open_code, which is what importlib needs.
// The buffered and text layers (BufferedReader, TextIOWrapper, StringIO, BytesIO, open) are not here yet.
//
// Thread-safety contract: a FileIO's fd and flags change only in __init__ and close(), under the object's critical
// section; reads and writes run outside it (the kernel orders them), so one thread closing while another reads
// gets EBADF, as in CPython.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "objects/weakref.h"
#include "vm/modules/modules.h"
#include "vm/oserror.h"
#include "vm/sync/mutex.h"

namespace pyvm {
namespace {

constexpr ssize kDefaultBufferSize = 128 * 1024;

struct FileIO {
  PyObject ob_base;
  int fd;
  bool readable, writable, appending, created, closefd;
  signed char seekable;  // -1 unknown
  Object* weakreflist;
  Object* dict;
};

FileIO* fio(Object* o) { return reinterpret_cast<FileIO*>(o); }

extern Type fileio_type;

Object* err_closed() { return set_error(&exc_ValueError, "I/O operation on closed file"); }

Object* unsupported(const char* what) {
  // io.UnsupportedOperation derives from OSError and ValueError; until _io has it, raise the closest built-in.
  return set_errorf(&exc_ValueError, "File not open for {}", what);
}

Object* fileio_new(Type* t, Object*, Object*) {
  Object* o = new_object(t, size_t(t->tp_basicsize));
  if (!o) return nullptr;
  fio(o)->fd = -1;
  fio(o)->seekable = -1;
  fio(o)->closefd = true;
  return o;
}

int fileio_init(Object* self, Object* args, Object* kwds) {
  Object* out[4] = {};
  ORef kwnames, argv;
  std::vector<Object*> flat;
  ssize n = args ? tuple_size(args) : 0;
  for (ssize i = 0; i < n; i++) flat.push_back(tuple_get(args, i));
  if (kwds && dict_size(kwds) > 0) {
    kwnames = steal(tuple_new(dict_size(kwds)));
    if (!kwnames) return -1;
    ssize pos = 0, k = 0;
    Object *key, *val;
    while (dict_next(kwds, &pos, &key, &val)) {
      tuple_set(kwnames.get(), k++, newref(key));
      flat.push_back(val);
    }
  }
  if (!parse_args("FileIO", flat.data(), n, kwnames.get(), {"file", "mode", "closefd", "opener"}, 1, out)) return -1;
  FileIO* f = fio(self);
  std::string mode = "r";
  if (out[1]) {
    if (!type_check(out[1], &str_type)) {
      set_errorf(&exc_TypeError, "FileIO() argument 'mode' must be str, not {}", type_name(out[1]));
      return -1;
    }
    mode = str_view(out[1]);
  }
  bool r = false, w = false, x = false, a = false, plus = false;
  int kinds = 0;
  for (char c : mode) {
    switch (c) {
      case 'r': r = true; kinds++; break;
      case 'w': w = true; kinds++; break;
      case 'x': x = true; kinds++; break;
      case 'a': a = true; kinds++; break;
      case '+': if (plus) kinds = 2; plus = true; break;
      case 'b': break;
      default:
        set_errorf(&exc_ValueError, "invalid mode: {}", mode);
        return -1;
    }
  }
  if (kinds != 1) {
    set_error(&exc_ValueError, "Must have exactly one of create/read/write/append mode and at most one plus");
    return -1;
  }
  int flags = O_CLOEXEC;
  f->readable = r || plus;
  f->writable = w || x || a || plus;
  f->appending = a;
  f->created = x;
  if (f->readable && f->writable) flags |= O_RDWR;
  else if (f->readable) flags |= O_RDONLY;
  else flags |= O_WRONLY;
  if (w) flags |= O_CREAT | O_TRUNC;
  if (x) flags |= O_CREAT | O_EXCL;
  if (a) flags |= O_CREAT | O_APPEND;
  int closefd = 1;
  if (out[2]) {
    closefd = object_is_true(out[2]);
    if (closefd < 0) return -1;
  }
  Object* file = out[0];
  if (type_check(file, &int_type) && !type_check(file, &bool_type)) {
    int ovf = 0;
    int64_t fd = int_as_i64(file, &ovf);
    if (ovf || fd < 0 || fd > INT32_MAX) {
      set_error(&exc_ValueError, "negative file descriptor");
      return -1;
    }
    f->fd = int(fd);
    f->closefd = closefd;
  } else {
    if (!closefd) {
      set_error(&exc_ValueError, "Cannot use closefd=False with file name");
      return -1;
    }
    ORef path = steal(fspath(file));
    if (!path) return -1;
    std::string p = type_check(path.get(), &str_type) ? std::string(str_view(path.get()))
                                                      : std::string(bytes_view(path.get()));
    if (p.find('\0') != std::string::npos) {
      set_error(&exc_ValueError, "embedded null byte");
      return -1;
    }
    int fd;
    do {
      fd = ::open(p.c_str(), flags, 0666);  // blocking
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) {
      raise_os_error(errno, path.get());
      return -1;
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
      ::close(fd);
      raise_os_error(EISDIR, path.get());
      return -1;
    }
    f->fd = fd;
    f->closefd = true;
  }
  if (a) ::lseek(f->fd, 0, SEEK_END);
  // The name attribute lives in the instance dict, as CPython's FileIO sets it.
  if (set_attr_str(self, "name", file) < 0) return -1;
  return 0;
}

bool check_open(Object* self) {
  if (fio(self)->fd < 0) {
    err_closed();
    return false;
  }
  return true;
}

Object* readall(int fd) {
  std::string buf;
  char chunk[65536];
  for (;;) {
    ssize_t got = ::read(fd, chunk, sizeof chunk);  // blocking
    if (got < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN && !buf.empty()) break;
      if (errno == EAGAIN) return newref(none());
      return raise_os_error(errno, static_cast<Object*>(nullptr));
    }
    if (got == 0) break;
    buf.append(chunk, size_t(got));
  }
  return bytes_from(buf.data(), ssize(buf.size()));
}

Object* fileio_read(Object* self, Object* const* args, ssize nargs) {
  if (!check_open(self)) return nullptr;
  if (!fio(self)->readable) return unsupported("reading");
  ssize size = -1;
  if (nargs > 1) return set_errorf(&exc_TypeError, "read expected at most 1 argument, got {}", nargs);
  if (nargs == 1 && args[0] != none()) {
    size = number_as_ssize(args[0], &exc_OverflowError);
    if (size == -1 && error_occurred()) return nullptr;
  }
  if (size < 0) return readall(fio(self)->fd);
  std::string buf(size_t(size), '\0');
  ssize_t got;
  do {
    got = ::read(fio(self)->fd, buf.data(), buf.size());  // blocking
  } while (got < 0 && errno == EINTR);
  if (got < 0) {
    if (errno == EAGAIN) return newref(none());
    return raise_os_error(errno, static_cast<Object*>(nullptr));
  }
  return bytes_from(buf.data(), ssize(got));
}

Object* fileio_readall(Object* self, Object*) {
  if (!check_open(self)) return nullptr;
  if (!fio(self)->readable) return unsupported("reading");
  return readall(fio(self)->fd);
}

Object* fileio_write(Object* self, Object* data) {
  if (!check_open(self)) return nullptr;
  if (!fio(self)->writable) return unsupported("writing");
  std::string buf;
  if (!bytes_like_copy(data, &buf)) return nullptr;
  ssize_t put;
  do {
    put = ::write(fio(self)->fd, buf.data(), buf.size());  // blocking
  } while (put < 0 && errno == EINTR);
  if (put < 0) {
    if (errno == EAGAIN) return newref(none());
    return raise_os_error(errno, static_cast<Object*>(nullptr));
  }
  return int_from_i64(put);
}

Object* fileio_seek(Object* self, Object* const* args, ssize nargs) {
  if (!check_open(self)) return nullptr;
  if (nargs < 1 || nargs > 2) return set_errorf(&exc_TypeError, "seek expected at least 1 argument, got {}", nargs);
  int ovf = 0;
  int64_t pos = int_as_i64(args[0], &ovf);
  if (error_occurred()) return nullptr;
  int whence = 0;
  if (nargs == 2) {
    whence = int(int_as_i64(args[1], &ovf));
    if (error_occurred()) return nullptr;
  }
  off_t r = ::lseek(fio(self)->fd, off_t(pos), whence);
  if (r < 0) return raise_os_error(errno, static_cast<Object*>(nullptr));
  return int_from_i64(r);
}

Object* fileio_tell(Object* self, Object*) {
  if (!check_open(self)) return nullptr;
  off_t r = ::lseek(fio(self)->fd, 0, SEEK_CUR);
  if (r < 0) return raise_os_error(errno, static_cast<Object*>(nullptr));
  return int_from_i64(r);
}

Object* fileio_close(Object* self, Object*) {
  int fd;
  bool closefd;
  {
    sync::CriticalSection cs(self);
    fd = fio(self)->fd;
    closefd = fio(self)->closefd;
    fio(self)->fd = -1;
  }
  if (fd >= 0 && closefd && ::close(fd) < 0) return raise_os_error(errno, static_cast<Object*>(nullptr));
  return newref(none());
}

Object* fileio_fileno(Object* self, Object*) {
  if (!check_open(self)) return nullptr;
  return int_from_i64(fio(self)->fd);
}

Object* fileio_isatty(Object* self, Object*) {
  if (!check_open(self)) return nullptr;
  return newref(bool_obj(::isatty(fio(self)->fd)));
}

Object* fileio_readable(Object* self, Object*) {
  if (!check_open(self)) return nullptr;
  return newref(bool_obj(fio(self)->readable));
}
Object* fileio_writable(Object* self, Object*) {
  if (!check_open(self)) return nullptr;
  return newref(bool_obj(fio(self)->writable));
}
Object* fileio_seekable(Object* self, Object*) {
  if (!check_open(self)) return nullptr;
  if (fio(self)->seekable < 0) fio(self)->seekable = ::lseek(fio(self)->fd, 0, SEEK_CUR) >= 0;
  return newref(bool_obj(fio(self)->seekable));
}
Object* fileio_flush(Object* self, Object*) {
  if (!check_open(self)) return nullptr;
  return newref(none());
}
Object* fileio_enter(Object* self, Object*) {
  if (!check_open(self)) return nullptr;
  return newref(self);
}
Object* fileio_exit(Object* self, Object* const*, ssize) { return fileio_close(self, nullptr); }

Object* fileio_get_closed(Object* self, void*) { return newref(bool_obj(fio(self)->fd < 0)); }
Object* fileio_get_closefd(Object* self, void*) { return newref(bool_obj(fio(self)->closefd)); }
Object* fileio_get_mode(Object* self, void*) {
  FileIO* f = fio(self);
  const char* m = f->created    ? (f->readable ? "xb+" : "xb")
                  : f->appending ? (f->readable ? "ab+" : "ab")
                  : f->readable  ? (f->writable ? "rb+" : "rb")
                                 : "wb";
  return str_from_utf8(m);
}

Object* fileio_repr(Object* self) {
  if (fio(self)->fd < 0) return str_from_utf8("<_io.FileIO [closed]>");
  std::string name, mode;
  ORef m = steal(fileio_get_mode(self, nullptr));
  if (!m) return nullptr;
  mode = str_view(m.get());
  Object* n = nullptr;
  if (get_attr_optional(self, str_interned("name"), &n) > 0) {
    ORef nr = steal(n);
    if (!repr_utf8(n, &name)) return nullptr;
    return str_from_utf8(fmt::format("<_io.FileIO name={} mode='{}' closefd={}>", name, mode,
                                     fio(self)->closefd ? "True" : "False"));
  }
  if (error_occurred()) return nullptr;
  return str_from_utf8(fmt::format("<_io.FileIO fd={} mode='{}' closefd={}>", fio(self)->fd, mode,
                                   fio(self)->closefd ? "True" : "False"));
}

void fileio_dealloc(Object* o) {
  clear_weakrefs(o);
  Type* t = type_of(o);
  FileIO* f = fio(o);
  if (f->fd >= 0 && f->closefd) ::close(f->fd);
  xdecref(f->dict);
  object_free(o);
  dealloc_type_ref(t);
}

#define FAST(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(f))
PyMethodDef fileio_methods[] = {
    {"read", FAST(fileio_read), METH_FASTCALL, nullptr},
    {"readall", fileio_readall, METH_NOARGS, nullptr},
    {"write", fileio_write, METH_O, nullptr},
    {"seek", FAST(fileio_seek), METH_FASTCALL, nullptr},
    {"tell", fileio_tell, METH_NOARGS, nullptr},
    {"close", fileio_close, METH_NOARGS, nullptr},
    {"fileno", fileio_fileno, METH_NOARGS, nullptr},
    {"isatty", fileio_isatty, METH_NOARGS, nullptr},
    {"readable", fileio_readable, METH_NOARGS, nullptr},
    {"writable", fileio_writable, METH_NOARGS, nullptr},
    {"seekable", fileio_seekable, METH_NOARGS, nullptr},
    {"flush", fileio_flush, METH_NOARGS, nullptr},
    {"__enter__", fileio_enter, METH_NOARGS, nullptr},
    {"__exit__", FAST(fileio_exit), METH_FASTCALL, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyGetSetDef fileio_getset[] = {
    {"closed", fileio_get_closed, nullptr, nullptr, nullptr},
    {"closefd", fileio_get_closefd, nullptr, nullptr, nullptr},
    {"mode", fileio_get_mode, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

Type fileio_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "_io.FileIO",
    .tp_basicsize = sizeof(FileIO),
    .tp_dealloc = fileio_dealloc,
    .tp_repr = fileio_repr,
    .tp_getattro = generic_getattr,
    .tp_setattro = generic_setattr,
    .tp_flags = Py_TPFLAGS_BASETYPE,
    .tp_weaklistoffset = offsetof(FileIO, weakreflist),
    .tp_methods = fileio_methods,
    .tp_getset = fileio_getset,
    .tp_dictoffset = offsetof(FileIO, dict),
    .tp_init = fileio_init,
    .tp_new = fileio_new,
};

// open_code(path): the file to read source or bytecode from, opened for reading in binary mode.
Object* io_open_code(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* out[1] = {};
  if (!parse_args("open_code", args, nargs, kwnames, {"path"}, 1, out)) return nullptr;
  if (!type_check(out[0], &str_type))
    return set_errorf(&exc_TypeError, "open_code() argument 'path' must be str, not {}", type_name(out[0]));
  ORef mode = steal(str_from_utf8("rb"));
  if (!mode) return nullptr;
  Object* a[2] = {out[0], mode.get()};
  return call(reinterpret_cast<Object*>(&fileio_type), a, 2, nullptr);
}

PyMethodDef io_methods[] = {
    {"open_code", FAST(io_open_code), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
#undef FAST

}  // namespace

Object* create_io_module() {
  if (type_ready(&fileio_type) < 0) return nullptr;
  ORef m = steal(module_new(str_interned("_io")));
  if (!m || module_add_functions(m.get(), io_methods) < 0) return nullptr;
  Object* d = module_dict(m.get());
  ORef bufsize = steal(int_from_i64(kDefaultBufferSize));
  if (!bufsize || dict_set_str(d, "FileIO", reinterpret_cast<Object*>(&fileio_type)) < 0 ||
      dict_set_str(d, "DEFAULT_BUFFER_SIZE", bufsize.get()) < 0)
    return nullptr;
  return m.release();
}

}  // namespace pyvm
