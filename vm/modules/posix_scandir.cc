// The posix module's directory listings: listdir, and scandir with its ScandirIterator and DirEntry types.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/genericalias.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/methods.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/structseq.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/modules/posix_internal.h"
#include "vm/oserror.h"
#include "vm/sync/mutex.h"

namespace pyvm::posix {
namespace {

constexpr int kMemberObjectEx = 16;  // Py_T_OBJECT_EX
constexpr int kMemberReadonly = 1;

bool is_dot_or_dotdot(const char* n) { return n[0] == '.' && (n[1] == 0 || (n[1] == '.' && n[2] == 0)); }

// Opens the directory a Path names: the path itself, "." when absent, or a duplicate of an fd (closedir closes the
// duplicate, never the caller's descriptor). Sets an OSError and returns null on failure.
DIR* open_dir(const Path& p) {
  if (p.is_fd()) {
    int fd2 = fcntl(p.fd, F_DUPFD_CLOEXEC, 0);
    if (fd2 < 0) return raise_errno();
    DIR* d = fdopendir(fd2);  // blocking
    if (!d) {
      int err = errno;
      close(fd2);
      return raise_os_error_objects(err);
    }
    return d;
  }
  DIR* d = opendir(p.absent() ? "." : p.c_str());  // blocking
  if (!d) return path_error(p);
  return d;
}

// Releases a directory stream; an fd-based one is rewound first so the caller's fd can list it again.
void close_dir(DIR* d, bool fd_based) {
  if (fd_based) rewinddir(d);
  closedir(d);
}

// ---- listdir ----

Object* posix_listdir(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[1] = {};
  if (!parse_args("listdir", args, nargs, kwnames, {"path"}, 0, a)) return nullptr;
  Path p{.function = "listdir", .argname = "path", .nullable = true, .allow_fd = true};
  if (a[0] && !convert_path(a[0], &p)) return nullptr;
  DIR* d = open_dir(p);
  if (!d) return nullptr;
  ORef names = steal(list_new(0));
  if (!names) {
    close_dir(d, p.is_fd());
    return nullptr;
  }
  for (;;) {
    errno = 0;
    struct dirent* ent = readdir(d);  // blocking
    if (!ent) {
      int err = errno;
      close_dir(d, p.is_fd());
      if (err) return p.is_fd() ? raise_os_error_objects(err) : raise_os_error_objects(err, p.object.get());
      return names.release();
    }
    if (is_dot_or_dotdot(ent->d_name)) continue;
    ORef name = steal(fs_name(ent->d_name, std::strlen(ent->d_name), p.is_bytes));
    if (!name || list_append(names.get(), name.get()) < 0) {
      close_dir(d, p.is_fd());
      return nullptr;
    }
  }
}

// ---- DirEntry ----

// One entry of a scandir() listing. name, path, d_type and d_ino are fixed at creation; the stat results are
// caches filled at most once each (compare-and-swap: a thread that loses the race drops its own result), so the
// object needs no lock.
struct DirEntryObject {
  PyObject ob_base;
  Object* name;   // str or bytes, like the scandir argument
  Object* path;   // the argument joined with name; just name for scandir(fd)
  Object* stat;   // cached stat(follow_symlinks=True); null until asked for
  Object* lstat;  // cached stat(follow_symlinks=False)
  uint64_t d_ino;
  unsigned char d_type;
  int dir_fd;  // scandir(fd): stats go through fstatat(dir_fd, name); -1 otherwise
};

extern Type direntry_type;

DirEntryObject* as_entry(Object* o) { return reinterpret_cast<DirEntryObject*>(o); }

void direntry_dealloc(Object* self) {
  DirEntryObject* e = as_entry(self);
  xdecref(e->name);
  xdecref(e->path);
  xdecref(e->stat);
  xdecref(e->lstat);
  object_free(self);
}

Object* direntry_repr(Object* self) {
  std::string r;
  if (!repr_utf8(as_entry(self)->name, &r)) return nullptr;
  return str_from_utf8("<DirEntry " + r + ">");
}

// stat() or lstat() of the entry, uncached.
Object* fetch_stat(DirEntryObject* e, bool follow) {
  struct stat st;
  int r;
  if (e->dir_fd != -1) {
    ORef name = steal(fs_converter(e->name));
    if (!name) return nullptr;
    r = fstatat(e->dir_fd, bytes_data(name.get()), &st, follow ? 0 : AT_SYMLINK_NOFOLLOW);  // blocking
  } else {
    ORef path = steal(fs_converter(e->path));
    if (!path) return nullptr;
    r = follow ? ::stat(bytes_data(path.get()), &st) : ::lstat(bytes_data(path.get()), &st);  // blocking
  }
  if (r != 0) return raise_errno(e->path);
  return stat_result_from(st);
}

// Returns the cached value in *slot, computing and publishing it first if needed (new reference).
Object* cached_stat(DirEntryObject* e, Object** slot, bool follow) {
  if (Object* v = __atomic_load_n(slot, __ATOMIC_ACQUIRE)) return newref(v);
  Object* fresh = fetch_stat(e, follow);
  if (!fresh) return nullptr;
  Object* expected = nullptr;
  if (__atomic_compare_exchange_n(slot, &expected, fresh, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
    return newref(fresh);
  decref(fresh);
  return newref(expected);
}

Object* get_lstat(DirEntryObject* e) { return cached_stat(e, &e->lstat, false); }

// -1 on error, else whether the entry's mode (from d_type or a stat) has the file type `mode_bits`. A file that
// vanished (FileNotFoundError) is simply not of that type, as in CPython.
int test_mode(DirEntryObject* e, bool follow, mode_t mode_bits);

int entry_is_symlink(DirEntryObject* e) {
  if (e->d_type != DT_UNKNOWN) return e->d_type == DT_LNK;
  return test_mode(e, false, S_IFLNK);
}

Object* get_stat(DirEntryObject* e, bool follow) {
  if (!follow) return get_lstat(e);
  int link = entry_is_symlink(e);
  if (link < 0) return nullptr;
  return link ? cached_stat(e, &e->stat, true) : get_lstat(e);
}

int test_mode(DirEntryObject* e, bool follow, mode_t mode_bits) {
  bool is_link = e->d_type == DT_LNK;
  bool need_stat = e->d_type == DT_UNKNOWN || (follow && is_link);
  if (need_stat) {
    ORef st = steal(get_stat(e, follow));
    if (!st) {
      if (error_matches(&exc_FileNotFoundError)) {
        error_clear();
        return 0;
      }
      return -1;
    }
    int overflow = 0;
    int64_t mode = int_as_i64(structseq_get(st.get(), 0), &overflow);
    return (mode_t(mode) & S_IFMT) == mode_bits;
  }
  if (mode_bits == S_IFDIR) return e->d_type == DT_DIR;
  if (mode_bits == S_IFREG) return e->d_type == DT_REG;
  return e->d_type == DT_LNK;
}

bool parse_follow(const char* fname, Object* const* args, ssize nargs, Object* kwnames, bool* follow) {
  Object* a[1] = {};
  if (!parse_args(fname, args, nargs, kwnames, {"$follow_symlinks"}, 0, a)) return false;
  return convert_bool(a[0], follow);
}

Object* mode_result(int r) { return r < 0 ? nullptr : newref(bool_obj(r)); }

Object* direntry_is_dir(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  bool follow = true;
  if (!parse_follow("is_dir", args, nargs, kwnames, &follow)) return nullptr;
  return mode_result(test_mode(as_entry(self), follow, S_IFDIR));
}
Object* direntry_is_file(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  bool follow = true;
  if (!parse_follow("is_file", args, nargs, kwnames, &follow)) return nullptr;
  return mode_result(test_mode(as_entry(self), follow, S_IFREG));
}
Object* direntry_is_symlink(Object* self, Object* const*, ssize nargs, Object* kwnames) {
  if (nargs || (kwnames && tuple_size(kwnames))) return set_error(&exc_TypeError, "is_symlink() takes no arguments");
  return mode_result(entry_is_symlink(as_entry(self)));
}
Object* direntry_is_junction(Object*, Object*) { return newref(false_()); }
Object* direntry_stat(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  bool follow = true;
  if (!parse_follow("stat", args, nargs, kwnames, &follow)) return nullptr;
  return get_stat(as_entry(self), follow);
}
Object* direntry_inode(Object* self, Object*) { return int_from_u64(as_entry(self)->d_ino); }
Object* direntry_fspath(Object* self, Object*) { return newref(as_entry(self)->path); }
Object* direntry_class_getitem(Object* cls, Object* item) { return generic_alias_new(cls, item); }

PyMethodDef direntry_methods[] = {
    {"is_dir", as_cfunc(direntry_is_dir), METH_FASTCALL | METH_KEYWORDS, "Return True if the entry is a directory."},
    {"is_file", as_cfunc(direntry_is_file), METH_FASTCALL | METH_KEYWORDS, "Return True if the entry is a file."},
    {"is_symlink", as_cfunc(direntry_is_symlink), METH_FASTCALL | METH_KEYWORDS,
     "Return True if the entry is a symbolic link."},
    {"is_junction", direntry_is_junction, METH_NOARGS, "Return True if the entry is a junction (never on POSIX)."},
    {"stat", as_cfunc(direntry_stat), METH_FASTCALL | METH_KEYWORDS, "Return the stat_result of the entry."},
    {"inode", direntry_inode, METH_NOARGS, "Return the inode number of the entry."},
    {"__fspath__", direntry_fspath, METH_NOARGS, "Return the file system path of the entry."},
    {"__class_getitem__", direntry_class_getitem, METH_O | METH_CLASS, "See PEP 585"},
    {nullptr, nullptr, 0, nullptr}};

PyMemberDef direntry_members[] = {
    {"name", kMemberObjectEx, offsetof(DirEntryObject, name), kMemberReadonly, "the entry's base filename"},
    {"path", kMemberObjectEx, offsetof(DirEntryObject, path), kMemberReadonly, "the entry's full path name"},
    {nullptr, 0, 0, 0, nullptr}};

Type direntry_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "posix.DirEntry",
    .tp_basicsize = sizeof(DirEntryObject),
    .tp_dealloc = direntry_dealloc,
    .tp_repr = direntry_repr,
    .tp_flags = Py_TPFLAGS_IMMUTABLETYPE | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_methods = direntry_methods,
    .tp_members = direntry_members,
    .tp_free = object_free,
};

// ---- ScandirIterator ----

// Thread contract: `dirp` (and the readdir state behind it) is only touched inside the iterator's critical
// section; it becomes null once the listing is exhausted or closed. The other fields are fixed at creation.
struct ScandirIteratorObject {
  PyObject ob_base;
  DIR* dirp;
  Object* path_object;  // the str/bytes argument (error filename); null for None and for fds
  Object* narrow;       // the encoded directory path as bytes, for joining; null for fds
  int fd;               // scandir(fd): the caller's descriptor; -1 otherwise
  bool is_bytes;
};

extern Type scandir_iterator_type;

ScandirIteratorObject* as_iter(Object* o) { return reinterpret_cast<ScandirIteratorObject*>(o); }

// Caller holds the iterator's critical section.
void iterator_close_locked(ScandirIteratorObject* it) {
  if (DIR* d = it->dirp) {
    it->dirp = nullptr;
    close_dir(d, it->fd != -1);
  }
}

void scandir_iterator_dealloc(Object* self) {
  ScandirIteratorObject* it = as_iter(self);
  // CPython also warns (ResourceWarning) about an iterator dropped unclosed; pyvm has no warnings module yet.
  iterator_close_locked(it);  // the last reference: nobody else can hold the section
  xdecref(it->path_object);
  xdecref(it->narrow);
  object_free(self);
}

Object* make_entry(ScandirIteratorObject* it, const struct dirent* ent) {
  size_t len = std::strlen(ent->d_name);
  auto* e = reinterpret_cast<DirEntryObject*>(new_object(&direntry_type, sizeof(DirEntryObject)));
  if (!e) return nullptr;
  ORef er = steal(reinterpret_cast<Object*>(e));
  e->d_ino = ent->d_ino;
  e->d_type = ent->d_type;
  e->dir_fd = it->fd;
  e->name = fs_name(ent->d_name, len, it->is_bytes);
  if (!e->name) return nullptr;
  if (it->fd != -1) {
    e->path = newref(e->name);
  } else {
    std::string joined(bytes_view(it->narrow));
    if (!joined.empty() && joined.back() != '/') joined += '/';
    joined.append(ent->d_name, len);
    e->path = fs_name(joined.data(), joined.size(), it->is_bytes);
    if (!e->path) return nullptr;
  }
  return er.release();
}

Object* scandir_iterator_next(Object* self) {
  ScandirIteratorObject* it = as_iter(self);
  sync::CriticalSection cs(self);
  while (it->dirp) {
    errno = 0;
    struct dirent* ent = readdir(it->dirp);  // blocking
    if (!ent) {
      int err = errno;
      iterator_close_locked(it);
      if (err) return raise_os_error_objects(err, it->path_object);
      return nullptr;
    }
    if (is_dot_or_dotdot(ent->d_name)) continue;
    return make_entry(it, ent);
  }
  return nullptr;
}

Object* scandir_iterator_iter(Object* self) { return newref(self); }

Object* scandir_iterator_close(Object* self, Object*) {
  sync::CriticalSection cs(self);
  iterator_close_locked(as_iter(self));
  return newref(none());
}
Object* scandir_iterator_enter(Object* self, Object*) { return newref(self); }
Object* scandir_iterator_exit(Object* self, Object*) { return scandir_iterator_close(self, nullptr); }

PyMethodDef scandir_iterator_methods[] = {{"__enter__", scandir_iterator_enter, METH_NOARGS, nullptr},
                                          {"__exit__", scandir_iterator_exit, METH_VARARGS, nullptr},
                                          {"close", scandir_iterator_close, METH_NOARGS, nullptr},
                                          {nullptr, nullptr, 0, nullptr}};

Type scandir_iterator_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "posix.ScandirIterator",
    .tp_basicsize = sizeof(ScandirIteratorObject),
    .tp_dealloc = scandir_iterator_dealloc,
    .tp_flags = Py_TPFLAGS_IMMUTABLETYPE | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_iter = scandir_iterator_iter,
    .tp_iternext = scandir_iterator_next,
    .tp_methods = scandir_iterator_methods,
    .tp_free = object_free,
};

Object* posix_scandir(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[1] = {};
  if (!parse_args("scandir", args, nargs, kwnames, {"path"}, 0, a)) return nullptr;
  Path p{.function = "scandir", .argname = "path", .nullable = true, .allow_fd = true};
  if (a[0] && !convert_path(a[0], &p)) return nullptr;
  auto* it =
      reinterpret_cast<ScandirIteratorObject*>(new_object(&scandir_iterator_type, sizeof(ScandirIteratorObject)));
  if (!it) return nullptr;
  ORef itr = steal(reinterpret_cast<Object*>(it));
  it->fd = p.is_fd() ? p.fd : -1;
  it->is_bytes = p.is_bytes;
  if (!p.is_fd()) {
    it->path_object = xnewref(p.object.get());
    std::string dir = p.absent() ? "." : p.narrow;
    it->narrow = bytes_from(dir.data(), ssize(dir.size()));
    if (!it->narrow) return nullptr;
  }
  it->dirp = open_dir(p);
  if (!it->dirp) return nullptr;
  return itr.release();
}

PyMethodDef scandir_methods[] = {{"listdir", as_cfunc(posix_listdir), kFastKw, nullptr},
                                 {"scandir", as_cfunc(posix_scandir), kFastKw, nullptr},
                                 {nullptr, nullptr, 0, nullptr}};

// Readies the two static types once per process (the module may be created by two racing imports).
bool scandir_types_ready() {
  static const bool ok = [] {
    if (type_ready(&direntry_type) < 0 || type_ready(&scandir_iterator_type) < 0) return false;
    // type_ready inherits object's constructor; these types cannot be instantiated from Python.
    direntry_type.tp_new = nullptr;
    scandir_iterator_type.tp_new = nullptr;
    return true;
  }();
  if (!ok && !error_occurred()) set_error(&exc_SystemError, "posix: DirEntry types failed to initialise");
  return ok;
}

}  // namespace

int add_scandir_functions(Object* module) {
  if (!scandir_types_ready() || module_add_functions(module, scandir_methods) < 0) return -1;
  return dict_set_str(module_dict(module), "DirEntry", reinterpret_cast<Object*>(&direntry_type));
}

}  // namespace pyvm::posix
