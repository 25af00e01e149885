// _io.FileIO: raw, unbuffered access to a file descriptor (the bottom layer of open()).
//
// Thread contract: a FileIO's fd and flags change only in __init__ and close(), under the object's critical
// section; reads and writes load the fd and then call the kernel outside any section (the kernel orders them),
// so a thread closing while another reads gets EBADF, as in CPython 3.13t. The cached `seekable` answer is a
// single byte written racily with the same value.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/buffer.h"
#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/methods.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/types.h"
#include "vm/modules/io_internal.h"
#include "vm/oserror.h"
#include "vm/sync/mutex.h"

namespace pyvm::io {
namespace {

struct FileIO {
  IOObject base;
  int fd;
  bool readable, writable, appending, created, closefd, finalizing;
  signed char seekable;  // -1 unknown
  ssize blksize;
};

FileIO* fio(Object* o) { return reinterpret_cast<FileIO*>(o); }

int load_fd(Object* self) { return __atomic_load_n(&fio(self)->fd, __ATOMIC_ACQUIRE); }

Object* fileio_new(Type* t, Object*, Object*) {
  Object* o = new_object(t, size_t(t->tp_basicsize));
  if (!o) return nullptr;
  fio(o)->fd = -1;
  fio(o)->seekable = -1;
  fio(o)->closefd = true;
  fio(o)->blksize = kDefaultBufferSize;
  return o;
}

// Closes the descriptor (when we own it) and marks the object closed; -1 with OSError when close(2) failed.
int internal_close(Object* self) {
  int fd;
  bool closefd;
  {
    sync::CriticalSection cs(self);
    fd = fio(self)->fd;
    closefd = fio(self)->closefd;
    __atomic_store_n(&fio(self)->fd, -1, __ATOMIC_RELEASE);
  }
  if (fd >= 0 && closefd && ::close(fd) < 0) {
    raise_os_error(errno, static_cast<Object*>(nullptr));
    return -1;
  }
  return 0;
}

int fileio_init(Object* self, Object* args, Object* kwds) {
  Object* out[4] = {};
  if (!parse_tuple_dict("FileIO", args, kwds, {"file", "mode", "closefd", "opener"}, 1, out)) return -1;
  FileIO* f = fio(self);
  if (f->fd >= 0) {
    if (f->closefd) {
      if (internal_close(self) < 0) return -1;
    } else {
      f->fd = -1;
    }
  }
  std::string mode = "r";
  if (out[1]) {
    if (!type_check(out[1], &str_type)) {
      set_errorf(&exc_TypeError, "FileIO() argument 'mode' must be str, not {}", type_name(out[1]));
      return -1;
    }
    mode = str_view(out[1]);
  }
  Object* file = out[0];
  if (type_check(file, &float_type)) {
    set_error(&exc_TypeError, "integer argument expected, got float");
    return -1;
  }
  bool r = false, w = false, x = false, a = false, plus = false;
  int kinds = 0;
  for (char c : mode) {
    switch (c) {
      case 'r': r = true; kinds++; break;
      case 'w': w = true; kinds++; break;
      case 'x': x = true; kinds++; break;
      case 'a': a = true; kinds++; break;
      case '+':
        if (plus) kinds = 2;
        plus = true;
        break;
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
  bool readable = r || plus, writable = w || x || a || plus;
  if (readable && writable) flags |= O_RDWR;
  else if (readable) flags |= O_RDONLY;
  else flags |= O_WRONLY;
  if (w) flags |= O_CREAT | O_TRUNC;
  if (x) flags |= O_CREAT | O_EXCL;
  if (a) flags |= O_APPEND | O_CREAT;
  int closefd = 1;
  if (out[2]) {
    closefd = object_is_true(out[2]);
    if (closefd < 0) return -1;
  }
  Object* opener = out[3] && out[3] != none() ? out[3] : nullptr;
  int fd = -1;
  bool own = false;
  if (index_check(file)) {
    ssize v = number_as_ssize(file, &exc_OverflowError);
    if (v == -1 && error_occurred()) return -1;
    if (v < 0) {
      set_error(&exc_ValueError, "negative file descriptor");
      return -1;
    }
    if (v > INT32_MAX) {
      set_error(&exc_OverflowError, "Python int too large to convert to C int");
      return -1;
    }
    fd = int(v);
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
    if (opener) {
      ORef fl = steal(int_from_i64(flags));
      ORef res = steal(call2(opener, file, fl.get()));
      if (!res) return -1;
      if (!type_check(res.get(), &int_type)) {
        set_error(&exc_TypeError, "expected integer from opener");
        return -1;
      }
      int ovf = 0;
      int64_t v = int_as_i64(res.get(), &ovf);
      if (ovf || v < INT32_MIN || v > INT32_MAX) {
        set_error(&exc_OverflowError, "Python int too large to convert to C int");
        return -1;
      }
      if (v < 0) {
        set_errorf(&exc_ValueError, "opener returned {}", v);
        return -1;
      }
      fd = int(v);
    } else {
      do {
        fd = ::open(p.c_str(), flags, 0666);  // blocking; no lock held
      } while (fd < 0 && errno == EINTR);
      if (fd < 0) {
        raise_os_error(errno, path.get());
        return -1;
      }
    }
    own = true;
  }
  auto fail = [&]() {
    if (own) ::close(fd);
    return -1;
  };
  struct stat st;
  if (fstat(fd, &st) < 0) {
    if (errno == EBADF) {
      raise_os_error(errno, static_cast<Object*>(nullptr));
      return fail();
    }
  } else {
    if (S_ISDIR(st.st_mode)) {
      raise_os_error(EISDIR, file);
      return fail();
    }
    f->blksize = st.st_blksize > 1 ? ssize(st.st_blksize) : kDefaultBufferSize;
  }
  if (set_attr_str(self, "name", file) < 0) return fail();
  if (a) ::lseek(fd, 0, SEEK_END);
  sync::CriticalSection cs(self);
  f->readable = readable;
  f->writable = writable;
  f->appending = a;
  f->created = x;
  f->closefd = own ? true : bool(closefd);
  f->seekable = -1;
  __atomic_store_n(&f->fd, fd, __ATOMIC_RELEASE);
  return 0;
}

int check_open(Object* self) {
  int fd = load_fd(self);
  if (fd < 0) err_closed();
  return fd;
}

Object* os_error() { return raise_os_error(errno, static_cast<Object*>(nullptr)); }

Object* read_all_fd(Object* self, int fd) {
  std::string buf;
  ssize want = kDefaultBufferSize;
  struct stat st;
  if (fstat(fd, &st) == 0 && st.st_size > 0) {
    off_t pos = ::lseek(fd, 0, SEEK_CUR);
    if (pos >= 0 && st.st_size >= pos) want = ssize(st.st_size - pos) + 1;
  }
  for (;;) {
    size_t old = buf.size();
    buf.resize(old + size_t(want));
    ssize_t got = ::read(fd, buf.data() + old, size_t(want));  // blocking; no lock held
    if (got < 0) {
      buf.resize(old);
      if (errno == EINTR) continue;
      if (errno == EAGAIN) {
        if (!buf.empty()) break;
        return newref(none());
      }
      return os_error();
    }
    buf.resize(old + size_t(got));
    if (got == 0) break;
    if (want < 256 * 1024) want *= 2;
  }
  (void)self;
  return bytes_from(buf.data(), ssize(buf.size()));
}

Object* fileio_read(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[1] = {};
  if (!parse_args("read", args, nargs, kwnames, {"/size"}, 0, a)) return nullptr;
  int fd = check_open(self);
  if (fd < 0) return nullptr;
  if (!fio(self)->readable) return unsupported("File not open for reading");
  ssize size;
  if (!size_arg(a[0], &size)) return nullptr;
  if (size < 0) return read_all_fd(self, fd);
  ReadBuffer buf;
  if (!buf.alloc(size_t(size))) return nullptr;
  ssize_t got;
  do {
    got = ::read(fd, buf.data(), size_t(size));  // blocking; no lock held
  } while (got < 0 && errno == EINTR);
  if (got < 0) {
    if (errno == EAGAIN) return newref(none());
    return os_error();
  }
  return bytes_from(buf.data(), ssize(got));
}

Object* fileio_readall(Object* self, Object*) {
  int fd = check_open(self);
  if (fd < 0) return nullptr;
  if (!fio(self)->readable) return unsupported("File not open for reading");
  return read_all_fd(self, fd);
}

Object* fileio_readinto(Object* self, Object* arg) {
  int fd = check_open(self);
  if (fd < 0) return nullptr;
  if (!fio(self)->readable) return unsupported("File not open for reading");
  BufferHold view;
  if (view.get(arg, PyBUF_WRITABLE) < 0) return nullptr;
  ssize_t got;
  do {
    got = ::read(fd, view->buf, size_t(view->len));  // blocking; no lock held
  } while (got < 0 && errno == EINTR);
  if (got < 0) {
    if (errno == EAGAIN) return newref(none());
    return os_error();
  }
  return int_from_i64(got);
}

Object* fileio_write(Object* self, Object* data) {
  int fd = check_open(self);
  if (fd < 0) return nullptr;
  if (!fio(self)->writable) return unsupported("File not open for writing");
  BufferHold view;
  if (view.get(data, PyBUF_SIMPLE) < 0) return nullptr;
  ssize_t put;
  do {
    put = ::write(fd, view->buf, size_t(view->len));  // blocking; no lock held
  } while (put < 0 && errno == EINTR);
  if (put < 0) {
    if (errno == EAGAIN) return newref(none());
    return os_error();
  }
  return int_from_i64(put);
}

Object* fileio_seek(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[2] = {};
  if (!parse_args("seek", args, nargs, kwnames, {"pos", "/whence"}, 1, a)) return nullptr;
  int fd = check_open(self);
  if (fd < 0) return nullptr;
  if (type_check(a[0], &float_type)) return set_error(&exc_TypeError, "an integer is required");
  ssize pos;
  if (!ssize_arg(a[0], &pos)) return nullptr;
  int whence = 0;
  if (a[1] && !int_arg(a[1], &whence)) return nullptr;
  off_t r = ::lseek(fd, off_t(pos), whence);
  if (r < 0) return os_error();
  if (fio(self)->seekable < 0) fio(self)->seekable = 1;
  return int_from_i64(r);
}

Object* fileio_tell(Object* self, Object*) {
  int fd = check_open(self);
  if (fd < 0) return nullptr;
  off_t r = ::lseek(fd, 0, SEEK_CUR);
  if (r < 0) return os_error();
  return int_from_i64(r);
}

Object* fileio_truncate(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[1] = {};
  if (!parse_args("truncate", args, nargs, kwnames, {"/size"}, 0, a)) return nullptr;
  int fd = check_open(self);
  if (fd < 0) return nullptr;
  if (!fio(self)->writable) return unsupported("File not open for writing");
  off_t size;
  if (!a[0] || a[0] == none()) {
    size = ::lseek(fd, 0, SEEK_CUR);
    if (size < 0) return os_error();
  } else {
    ssize v;
    if (!ssize_arg(a[0], &v)) return nullptr;
    size = off_t(v);
  }
  if (::ftruncate(fd, size) < 0) return os_error();
  return int_from_i64(size);
}

Object* fileio_close(Object* self, Object*) {
  // _RawIOBase.close(self) first (flush and the closed flag), then the descriptor.
  ORef r = steal(iobase_close(self, nullptr));
  ORef exc = steal(error_take());
  if (internal_close(self) < 0) {
    if (exc) {
      ORef second = steal(error_take());
      exception_set_context(second.get(), exc.release());
      set_error_steal(second.release());
    }
    return nullptr;
  }
  if (exc) {
    set_error_steal(exc.release());
    return nullptr;
  }
  return newref(none());
}

Object* fileio_fileno(Object* self, Object*) {
  int fd = check_open(self);
  if (fd < 0) return nullptr;
  return int_from_i64(fd);
}

Object* fileio_isatty(Object* self, Object*) {
  int fd = check_open(self);
  if (fd < 0) return nullptr;
  return newref(bool_obj(::isatty(fd)));
}

Object* fileio_readable(Object* self, Object*) {
  if (check_open(self) < 0) return nullptr;
  return newref(bool_obj(fio(self)->readable));
}
Object* fileio_writable(Object* self, Object*) {
  if (check_open(self) < 0) return nullptr;
  return newref(bool_obj(fio(self)->writable));
}
Object* fileio_seekable(Object* self, Object*) {
  int fd = check_open(self);
  if (fd < 0) return nullptr;
  if (fio(self)->seekable < 0) fio(self)->seekable = ::lseek(fd, 0, SEEK_CUR) >= 0;
  return newref(bool_obj(fio(self)->seekable));
}

Object* fileio_getstate(Object* self, Object*) {
  return set_errorf(&exc_TypeError, "cannot pickle '{}' instances", type_name(self));
}

Object* fileio_get_closed(Object* self, void*) { return newref(bool_obj(load_fd(self) < 0)); }
Object* fileio_get_closefd(Object* self, void*) { return newref(bool_obj(fio(self)->closefd)); }
Object* fileio_get_blksize(Object* self, void*) { return int_from_i64(fio(self)->blksize); }
Object* fileio_get_finalizing(Object* self, void*) { return newref(bool_obj(fio(self)->finalizing)); }
Object* fileio_get_mode(Object* self, void*) {
  FileIO* f = fio(self);
  const char* m = f->created     ? (f->readable ? "xb+" : "xb")
                  : f->appending ? (f->readable ? "ab+" : "ab")
                  : f->readable  ? (f->writable ? "rb+" : "rb")
                                 : "wb";
  return str_from_utf8(m);
}

Object* fileio_repr(Object* self) {
  const char* tname = type_of(self)->tp_name;
  int fd = load_fd(self);
  if (fd < 0) return str_from_utf8(fmt::format("<{} [closed]>", tname));
  ORef m = steal(fileio_get_mode(self, nullptr));
  if (!m) return nullptr;
  const char* closefd = fio(self)->closefd ? "True" : "False";
  Object* n = nullptr;
  if (get_attr_optional(self, str_interned("name"), &n) < 0) return nullptr;
  if (!n) return str_from_utf8(fmt::format("<{} fd={} mode='{}' closefd={}>", tname, fd, str_view(m.get()), closefd));
  ORef nr = steal(n);
  int rc = repr_enter(self);
  if (rc < 0) return nullptr;
  if (rc > 0) return set_errorf(&exc_RuntimeError, "reentrant call inside {}.__repr__", tname);
  std::string name;
  bool ok = repr_utf8(n, &name);
  repr_leave(self);
  if (!ok) return nullptr;
  return str_from_utf8(fmt::format("<{} name={} mode='{}' closefd={}>", tname, name, str_view(m.get()), closefd));
}

void fileio_dealloc(Object* o) {
  fio(o)->finalizing = true;
  if (!finalize(o)) return;
  FileIO* f = fio(o);
  if (f->fd >= 0 && f->closefd) ::close(f->fd);
  dealloc_common(o);
}

#define KW(f) as_cfunc(f), METH_FASTCALL | METH_KEYWORDS
PyMethodDef fileio_methods[] = {
    {"read", KW(fileio_read), nullptr},
    {"readall", fileio_readall, METH_NOARGS, nullptr},
    {"readinto", fileio_readinto, METH_O, nullptr},
    {"write", fileio_write, METH_O, nullptr},
    {"seek", KW(fileio_seek), nullptr},
    {"tell", fileio_tell, METH_NOARGS, nullptr},
    {"truncate", KW(fileio_truncate), nullptr},
    {"close", fileio_close, METH_NOARGS, nullptr},
    {"fileno", fileio_fileno, METH_NOARGS, nullptr},
    {"isatty", fileio_isatty, METH_NOARGS, nullptr},
    {"readable", fileio_readable, METH_NOARGS, nullptr},
    {"writable", fileio_writable, METH_NOARGS, nullptr},
    {"seekable", fileio_seekable, METH_NOARGS, nullptr},
    {"__getstate__", fileio_getstate, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
#undef KW

PyGetSetDef fileio_getset[] = {
    {"closed", fileio_get_closed, nullptr, nullptr, nullptr},
    {"closefd", fileio_get_closefd, nullptr, nullptr, nullptr},
    {"mode", fileio_get_mode, nullptr, nullptr, nullptr},
    {"_blksize", fileio_get_blksize, nullptr, nullptr, nullptr},
    {"_finalizing", fileio_get_finalizing, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

Type fileio_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "_io.FileIO",
    .tp_basicsize = sizeof(FileIO),
    .tp_dealloc = fileio_dealloc,
    .tp_repr = fileio_repr,
    .tp_getattro = generic_getattr,
    .tp_setattro = generic_setattr,
    .tp_flags = Py_TPFLAGS_BASETYPE,
    .tp_weaklistoffset = offsetof(IOObject, weakreflist),
    .tp_methods = fileio_methods,
    .tp_getset = fileio_getset,
    .tp_base = &rawiobase_type,
    .tp_dictoffset = offsetof(IOObject, dict),
    .tp_init = fileio_init,
    .tp_new = fileio_new,
};

// The fd of an open FileIO (for open()'s isatty/blksize decisions), or -1.
int fileio_fd(Object* o) { return type_check(o, &fileio_type) ? load_fd(o) : -1; }
ssize fileio_blksize(Object* o) { return type_check(o, &fileio_type) ? fio(o)->blksize : kDefaultBufferSize; }

ssize fileio_read_into(Object* raw, char* buf, ssize len) {
  int fd = check_open(raw);
  if (fd < 0) return -1;
  if (!fio(raw)->readable) {
    unsupported("File not open for reading");
    return -1;
  }
  ssize_t got;
  do {
    got = ::read(fd, buf, size_t(len));  // blocking; the caller's section is held (see io_buffered.cc)
  } while (got < 0 && errno == EINTR);
  if (got < 0) {
    if (errno == EAGAIN) return -2;
    os_error();
    return -1;
  }
  return ssize(got);
}

ssize fileio_write_from(Object* raw, const char* buf, ssize len) {
  int fd = check_open(raw);
  if (fd < 0) return -1;
  if (!fio(raw)->writable) {
    unsupported("File not open for writing");
    return -1;
  }
  ssize_t put;
  do {
    put = ::write(fd, buf, size_t(len));  // blocking; the caller's section is held (see io_buffered.cc)
  } while (put < 0 && errno == EINTR);
  if (put < 0) {
    if (errno == EAGAIN) return -2;
    os_error();
    return -1;
  }
  return ssize(put);
}

}  // namespace pyvm::io
