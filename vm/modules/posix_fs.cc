// The posix module's file-system functions on paths: stat and its result type, directories, links, renames,
// permissions, times, and the path helpers posixpath imports (_path_normpath, _path_splitroot_ex).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/float.h"
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

namespace pyvm::posix {

// ---- os.stat_result ----

namespace {

const StructSeqField kStatFields[] = {
    {"st_mode", "protection bits"},
    {"st_ino", "inode"},
    {"st_dev", "device"},
    {"st_nlink", "number of hard links"},
    {"st_uid", "user ID of owner"},
    {"st_gid", "group ID of owner"},
    {"st_size", "total size, in bytes"},
    // The integer times fill the tuple; the float and nanosecond ones are attributes only.
    {kStructSeqUnnamed, "integer time of last access"},
    {kStructSeqUnnamed, "integer time of last modification"},
    {kStructSeqUnnamed, "integer time of last change"},
    {"st_atime", "time of last access"},
    {"st_mtime", "time of last modification"},
    {"st_ctime", "time of last change"},
    {"st_atime_ns", "time of last access in nanoseconds"},
    {"st_mtime_ns", "time of last modification in nanoseconds"},
    {"st_ctime_ns", "time of last change in nanoseconds"},
    {"st_blksize", "blocksize for filesystem I/O"},
    {"st_blocks", "number of blocks allocated"},
    {"st_rdev", "device type (if inode device)"},
    {nullptr, nullptr}};

// os.stat_result(seq): when built from a 10-tuple the float times are None; they take the integer ones instead.
Object* stat_result_new(Type* type, Object* args, Object* kwds) {
  ORef r = steal(structseq_tp_new(type, args, kwds));
  if (!r) return nullptr;
  for (ssize i = 7; i <= 9; i++)
    if (structseq_get(r.get(), i + 3) == none()) structseq_set(r.get(), i + 3, newref(structseq_get(r.get(), i)));
  return r.release();
}

const StructSeqDesc kStatDesc = {
    "os.stat_result",
    "stat_result: Result from stat, fstat, or lstat.\n\n"
    "A tuple of (mode, ino, dev, nlink, uid, gid, size, atime, mtime, ctime) whose fields are also the attributes\n"
    "st_mode, st_ino, ...; st_blksize, st_blocks, st_rdev and the float and nanosecond times are attributes only.",
    kStatFields,
    10,
    true,
    stat_result_new};

const StructSeqField kTerminalSizeFields[] = {{"columns", "width of the terminal window in characters"},
                                              {"lines", "height of the terminal window in characters"},
                                              {nullptr, nullptr}};
const StructSeqDesc kTerminalSizeDesc = {"os.terminal_size", "A tuple of (columns, lines) for a terminal's size.",
                                         kTerminalSizeFields, 2};

Object* uid_obj(uid_t v) { return v == uid_t(-1) ? int_from_i64(-1) : int_from_u64(v); }

// seconds * 10**9 + nanoseconds as an exact int (beyond int64 for times far from the epoch).
Object* ns_obj(int64_t sec, long nsec) {
  __int128 total = __int128(sec) * 1000000000 + nsec;
  if (total >= INT64_MIN && total <= INT64_MAX) return int_from_i64(int64_t(total));
  ORef s = steal(int_from_i64(sec));
  ORef billion = steal(int_from_i64(1000000000));
  ORef n = steal(int_from_i64(nsec));
  if (!s || !billion || !n) return nullptr;
  ORef prod = steal(binary_op(s.get(), billion.get(), NB_MULTIPLY));
  if (!prod) return nullptr;
  return binary_op(prod.get(), n.get(), NB_ADD);
}

}  // namespace

Type* stat_result_type() {
  static Type* t = structseq_new_type(&kStatDesc);
  return t;
}

Type* terminal_size_type() {
  static Type* t = structseq_new_type(&kTerminalSizeDesc);
  return t;
}

Object* stat_result_from(const struct stat& st) {
  Type* type = stat_result_type();
  if (!type) return nullptr;
  ORef r = steal(structseq_new(type));
  if (!r) return nullptr;
  const struct timespec* times[3] = {&st.st_atim, &st.st_mtim, &st.st_ctim};
  Object* v[19] = {int_from_u64(st.st_mode),
                   int_from_u64(st.st_ino),
                   int_from_u64(st.st_dev),
                   int_from_u64(st.st_nlink),
                   uid_obj(st.st_uid),
                   uid_obj(st.st_gid),
                   int_from_i64(st.st_size),
                   nullptr,
                   nullptr,
                   nullptr,
                   nullptr,
                   nullptr,
                   nullptr,
                   nullptr,
                   nullptr,
                   nullptr,
                   int_from_i64(st.st_blksize),
                   int_from_i64(st.st_blocks),
                   int_from_u64(st.st_rdev)};
  for (int i = 0; i < 3; i++) {
    v[7 + i] = int_from_i64(times[i]->tv_sec);
    v[10 + i] = float_from_double(double(times[i]->tv_sec) + double(times[i]->tv_nsec) * 1e-9);
    v[13 + i] = ns_obj(times[i]->tv_sec, times[i]->tv_nsec);
  }
  bool ok = true;
  for (int i = 0; i < 19; i++) {
    if (!v[i]) ok = false;
    structseq_set(r.get(), i, v[i]);
  }
  if (!ok) return nullptr;
  return r.release();
}

namespace {

bool parse(const char* fname, Object* const* args, ssize nargs, Object* kwnames,
           std::initializer_list<const char*> names, int required, Object** out) {
  return parse_args(fname, args, nargs, kwnames, names, required, out);
}

Object* none_result() { return newref(none()); }

// ---- stat, lstat, fstat ----

Object* do_stat(const char* fname, const Path& p, int dir_fd, bool follow) {
  if (!check_dir_fd_and_fd(fname, p, dir_fd) || !check_fd_and_follow(fname, p, follow)) return nullptr;
  struct stat st;
  int r;
  // blocking
  if (p.is_fd())
    r = fstat(p.fd, &st);
  else if (dir_fd != AT_FDCWD || !follow)
    r = fstatat(dir_fd, p.c_str(), &st, follow ? 0 : AT_SYMLINK_NOFOLLOW);
  else
    r = stat(p.c_str(), &st);
  if (r != 0) return path_error(p);
  return stat_result_from(st);
}

Object* posix_stat(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[3] = {};
  if (!parse("stat", args, nargs, kwnames, {"path", "$dir_fd", "$follow_symlinks"}, 1, a)) return nullptr;
  Path p{.function = "stat", .argname = "path", .allow_fd = true};
  int dir_fd = AT_FDCWD;
  bool follow = true;
  if (!convert_path(a[0], &p) || !convert_dir_fd(a[1], &dir_fd) || !convert_bool(a[2], &follow)) return nullptr;
  return do_stat("stat", p, dir_fd, follow);
}

Object* posix_lstat(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[2] = {};
  if (!parse("lstat", args, nargs, kwnames, {"path", "$dir_fd"}, 1, a)) return nullptr;
  Path p{.function = "lstat", .argname = "path"};
  int dir_fd = AT_FDCWD;
  if (!convert_path(a[0], &p) || !convert_dir_fd(a[1], &dir_fd)) return nullptr;
  return do_stat("lstat", p, dir_fd, false);
}

Object* posix_fstat(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[1] = {};
  if (!parse("fstat", args, nargs, kwnames, {"fd"}, 1, a)) return nullptr;
  int fd = -1;
  if (!convert_int(a[0], &fd)) return nullptr;
  struct stat st;
  int r;
  do {
    r = fstat(fd, &st);  // blocking
  } while (r != 0 && errno == EINTR);
  if (r != 0) return raise_errno();
  return stat_result_from(st);
}

// ---- access, chdir, chmod ----

Object* posix_access(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[5] = {};
  if (!parse("access", args, nargs, kwnames, {"path", "mode", "$dir_fd", "$effective_ids", "$follow_symlinks"}, 2, a))
    return nullptr;
  Path p{.function = "access", .argname = "path"};
  int mode = 0, dir_fd = AT_FDCWD;
  bool effective = false, follow = true;
  if (!convert_path(a[0], &p) || !convert_int(a[1], &mode) || !convert_dir_fd(a[2], &dir_fd) ||
      !convert_bool(a[3], &effective) || !convert_bool(a[4], &follow))
    return nullptr;
  int flags = (follow ? 0 : AT_SYMLINK_NOFOLLOW) | (effective ? AT_EACCESS : 0);
  int r = dir_fd != AT_FDCWD || flags ? faccessat(dir_fd, p.c_str(), mode, flags) : access(p.c_str(), mode);
  return newref(bool_obj(r == 0));
}

Object* posix_chdir(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[1] = {};
  if (!parse("chdir", args, nargs, kwnames, {"path"}, 1, a)) return nullptr;
  Path p{.function = "chdir", .argname = "path", .allow_fd = true};
  if (!convert_path(a[0], &p)) return nullptr;
  int r = p.is_fd() ? fchdir(p.fd) : chdir(p.c_str());  // blocking
  if (r != 0) return path_error(p);
  return none_result();
}

Object* posix_fchdir(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[1] = {};
  if (!parse("fchdir", args, nargs, kwnames, {"fd"}, 1, a)) return nullptr;
  int fd = -1;
  if (!convert_int(a[0], &fd)) return nullptr;
  if (fchdir(fd) != 0) return raise_errno();  // blocking
  return none_result();
}

Object* posix_chmod(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[4] = {};
  if (!parse("chmod", args, nargs, kwnames, {"path", "mode", "$dir_fd", "$follow_symlinks"}, 2, a)) return nullptr;
  Path p{.function = "chmod", .argname = "path", .allow_fd = true};
  int mode = 0, dir_fd = AT_FDCWD;
  bool follow = true;
  if (!convert_path(a[0], &p) || !convert_int(a[1], &mode) || !convert_dir_fd(a[2], &dir_fd) ||
      !convert_bool(a[3], &follow))
    return nullptr;
  int r;
  // blocking
  if (p.is_fd()) {
    r = fchmod(p.fd, mode_t(mode));
  } else if (dir_fd != AT_FDCWD || !follow) {
    r = fchmodat(dir_fd, p.c_str(), mode_t(mode), follow ? 0 : AT_SYMLINK_NOFOLLOW);
    // Linux cannot change a symlink's own mode: glibc reports EOPNOTSUPP, which CPython turns into this error.
    if (r != 0 && !follow && (errno == ENOTSUP || errno == EOPNOTSUPP))
      return set_error(&exc_NotImplementedError, "chmod: follow_symlinks unavailable on this platform");
  } else {
    r = chmod(p.c_str(), mode_t(mode));
  }
  if (r != 0) return path_error(p);
  return none_result();
}

Object* posix_fchmod(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[2] = {};
  if (!parse("fchmod", args, nargs, kwnames, {"fd", "mode"}, 2, a)) return nullptr;
  int fd = -1, mode = 0;
  if (!convert_int(a[0], &fd) || !convert_int(a[1], &mode)) return nullptr;
  int r;
  do {
    r = fchmod(fd, mode_t(mode));  // blocking
  } while (r != 0 && errno == EINTR);
  if (r != 0) return raise_errno();
  return none_result();
}

// ---- ownership ----

// CPython's uid/gid converter: -1 (or its unsigned twin) means "unchanged"; a value that does not survive the
// round trip through uid_t is reported as below the minimum, as CPython does.
bool convert_id(Object* o, const char* what, uid_t* out) {
  if (!index_check(o)) {
    set_errorf(&exc_TypeError, "{} should be integer, not {}", what, type_name(o));
    return false;
  }
  ORef i = steal(number_index(o));
  if (!i) return false;
  int overflow = 0;
  int64_t v = int_as_i64(i.get(), &overflow);
  if (overflow < 0 || (!overflow && v < -1) || (!overflow && v != -1 && int64_t(uid_t(v)) != v)) {
    set_errorf(&exc_OverflowError, "{} is less than minimum", what);
    return false;
  }
  if (overflow > 0) {
    set_errorf(&exc_OverflowError, "{} is greater than maximum", what);
    return false;
  }
  *out = uid_t(v);
  return true;
}

Object* posix_chown(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[5] = {};
  if (!parse("chown", args, nargs, kwnames, {"path", "uid", "gid", "$dir_fd", "$follow_symlinks"}, 3, a))
    return nullptr;
  Path p{.function = "chown", .argname = "path", .allow_fd = true};
  uid_t uid = 0, gid = 0;
  int dir_fd = AT_FDCWD;
  bool follow = true;
  if (!convert_path(a[0], &p) || !convert_id(a[1], "uid", &uid) || !convert_id(a[2], "gid", &gid) ||
      !convert_dir_fd(a[3], &dir_fd) || !convert_bool(a[4], &follow))
    return nullptr;
  if (!check_dir_fd_and_fd("chown", p, dir_fd) || !check_fd_and_follow("chown", p, follow)) return nullptr;
  int r;
  // blocking
  if (p.is_fd())
    r = fchown(p.fd, uid, gid_t(gid));
  else if (dir_fd != AT_FDCWD || !follow)
    r = fchownat(dir_fd, p.c_str(), uid, gid_t(gid), follow ? 0 : AT_SYMLINK_NOFOLLOW);
  else
    r = chown(p.c_str(), uid, gid_t(gid));
  if (r != 0) return path_error(p);
  return none_result();
}

Object* posix_lchown(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[3] = {};
  if (!parse("lchown", args, nargs, kwnames, {"path", "uid", "gid"}, 3, a)) return nullptr;
  Path p{.function = "lchown", .argname = "path"};
  uid_t uid = 0, gid = 0;
  if (!convert_path(a[0], &p) || !convert_id(a[1], "uid", &uid) || !convert_id(a[2], "gid", &gid)) return nullptr;
  if (lchown(p.c_str(), uid, gid_t(gid)) != 0) return path_error(p);  // blocking
  return none_result();
}

Object* posix_fchown(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[3] = {};
  if (!parse("fchown", args, nargs, kwnames, {"fd", "uid", "gid"}, 3, a)) return nullptr;
  int fd = -1;
  uid_t uid = 0, gid = 0;
  if (!convert_int(a[0], &fd) || !convert_id(a[1], "uid", &uid) || !convert_id(a[2], "gid", &gid)) return nullptr;
  int r;
  do {
    r = fchown(fd, uid, gid_t(gid));  // blocking
  } while (r != 0 && errno == EINTR);
  if (r != 0) return raise_errno();
  return none_result();
}

// ---- the working directory and directory listings ----

Object* getcwd_impl(bool as_bytes) {
  std::vector<char> buf(1024);
  while (!getcwd(buf.data(), buf.size())) {  // blocking
    if (errno != ERANGE) return raise_errno();
    buf.resize(buf.size() * 2);
  }
  return fs_name(buf.data(), std::strlen(buf.data()), as_bytes);
}
Object* posix_getcwd(Object*, Object*) { return getcwd_impl(false); }
Object* posix_getcwdb(Object*, Object*) { return getcwd_impl(true); }

Object* posix_mkdir(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[3] = {};
  if (!parse("mkdir", args, nargs, kwnames, {"path", "mode", "$dir_fd"}, 1, a)) return nullptr;
  Path p{.function = "mkdir", .argname = "path"};
  int mode = 0777, dir_fd = AT_FDCWD;
  if (!convert_path(a[0], &p) || (a[1] && !convert_int(a[1], &mode)) || !convert_dir_fd(a[2], &dir_fd)) return nullptr;
  int r = dir_fd != AT_FDCWD ? mkdirat(dir_fd, p.c_str(), mode_t(mode)) : mkdir(p.c_str(), mode_t(mode));  // blocking
  if (r != 0) return path_error(p);
  return none_result();
}

Object* remove_impl(const char* fname, Object* const* args, ssize nargs, Object* kwnames, bool directory) {
  Object* a[2] = {};
  if (!parse(fname, args, nargs, kwnames, {"path", "$dir_fd"}, 1, a)) return nullptr;
  Path p{.function = fname, .argname = "path"};
  int dir_fd = AT_FDCWD;
  if (!convert_path(a[0], &p) || !convert_dir_fd(a[1], &dir_fd)) return nullptr;
  int r;
  // blocking
  if (dir_fd != AT_FDCWD)
    r = unlinkat(dir_fd, p.c_str(), directory ? AT_REMOVEDIR : 0);
  else
    r = directory ? rmdir(p.c_str()) : unlink(p.c_str());
  if (r != 0) return path_error(p);
  return none_result();
}
Object* posix_rmdir(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  return remove_impl("rmdir", args, nargs, kwnames, true);
}
Object* posix_unlink(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  return remove_impl("unlink", args, nargs, kwnames, false);
}
Object* posix_remove(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  return remove_impl("remove", args, nargs, kwnames, false);
}

// ---- links and renames ----

Object* rename_impl(const char* fname, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[4] = {};
  if (!parse(fname, args, nargs, kwnames, {"src", "dst", "$src_dir_fd", "$dst_dir_fd"}, 2, a)) return nullptr;
  Path src{.function = fname, .argname = "src"}, dst{.function = fname, .argname = "dst"};
  int src_dir_fd = AT_FDCWD, dst_dir_fd = AT_FDCWD;
  if (!convert_path(a[0], &src) || !convert_path(a[1], &dst) || !convert_dir_fd(a[2], &src_dir_fd) ||
      !convert_dir_fd(a[3], &dst_dir_fd))
    return nullptr;
  int r = renameat(src_dir_fd, src.c_str(), dst_dir_fd, dst.c_str());  // blocking
  if (r != 0) return path_error2(src, dst);
  return none_result();
}
Object* posix_rename(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  return rename_impl("rename", args, nargs, kwnames);
}
Object* posix_replace(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  return rename_impl("replace", args, nargs, kwnames);
}

Object* posix_link(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[5] = {};
  if (!parse("link", args, nargs, kwnames, {"src", "dst", "$src_dir_fd", "$dst_dir_fd", "$follow_symlinks"}, 2, a))
    return nullptr;
  Path src{.function = "link", .argname = "src"}, dst{.function = "link", .argname = "dst"};
  int src_dir_fd = AT_FDCWD, dst_dir_fd = AT_FDCWD;
  bool follow = true;
  if (!convert_path(a[0], &src) || !convert_path(a[1], &dst) || !convert_dir_fd(a[2], &src_dir_fd) ||
      !convert_dir_fd(a[3], &dst_dir_fd) || !convert_bool(a[4], &follow))
    return nullptr;
  int r = linkat(src_dir_fd, src.c_str(), dst_dir_fd, dst.c_str(), follow ? AT_SYMLINK_FOLLOW : 0);  // blocking
  if (r != 0) return path_error2(src, dst);
  return none_result();
}

Object* posix_symlink(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[4] = {};
  if (!parse("symlink", args, nargs, kwnames, {"src", "dst", "target_is_directory", "$dir_fd"}, 2, a)) return nullptr;
  Path src{.function = "symlink", .argname = "src"}, dst{.function = "symlink", .argname = "dst"};
  int dir_fd = AT_FDCWD;
  bool is_dir = false;  // only Windows cares
  if (!convert_path(a[0], &src) || !convert_path(a[1], &dst) || !convert_bool(a[2], &is_dir) ||
      !convert_dir_fd(a[3], &dir_fd))
    return nullptr;
  int r = symlinkat(src.c_str(), dir_fd, dst.c_str());  // blocking
  if (r != 0) return path_error2(src, dst);
  return none_result();
}

Object* posix_readlink(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[2] = {};
  if (!parse("readlink", args, nargs, kwnames, {"path", "$dir_fd"}, 1, a)) return nullptr;
  Path p{.function = "readlink", .argname = "path"};
  int dir_fd = AT_FDCWD;
  if (!convert_path(a[0], &p) || !convert_dir_fd(a[1], &dir_fd)) return nullptr;
  std::vector<char> buf(PATH_MAX);
  for (;;) {
    ssize_t n = readlinkat(dir_fd, p.c_str(), buf.data(), buf.size());  // blocking
    if (n < 0) return path_error(p);
    if (size_t(n) < buf.size()) return fs_name(buf.data(), size_t(n), p.is_bytes);
    buf.resize(buf.size() * 2);
  }
}

// ---- times and sizes ----

// A timestamp (int or float seconds) as a timespec, rounding toward negative infinity like CPython's
// _PyTime_ObjectToTimespec(ROUND_FLOOR).
bool timespec_from_object(Object* o, struct timespec* ts) {
  if (type_check(o, &float_type)) {
    double d = float_value(o);
    if (std::isnan(d)) {
      set_error(&exc_ValueError, "Invalid value NaN (not a number)");
      return false;
    }
    double intpart;
    double frac = std::modf(d, &intpart) * 1e9;
    frac = std::floor(frac);
    if (frac >= 1e9) {
      frac -= 1e9;
      intpart += 1.0;
    } else if (frac < 0) {
      frac += 1e9;
      intpart -= 1.0;
    }
    if (!(intpart >= -9223372036854775808.0 && intpart < 9223372036854775808.0)) {
      set_error(&exc_OverflowError, "timestamp out of range for platform time_t");
      return false;
    }
    ts->tv_sec = time_t(intpart);
    ts->tv_nsec = long(frac);
    return true;
  }
  ORef i = steal(number_index(o));
  if (!i) return false;
  int overflow = 0;
  int64_t v = int_as_i64(i.get(), &overflow);
  if (overflow) {
    set_error(&exc_OverflowError, "timestamp out of range for platform time_t");
    return false;
  }
  ts->tv_sec = time_t(v);
  ts->tv_nsec = 0;
  return true;
}

// ns=(atime_ns, mtime_ns): each an int of nanoseconds, split with floor division.
bool timespec_from_ns(Object* o, struct timespec* ts) {
  ORef i = steal(number_index(o));
  if (!i) return false;
  ORef billion = steal(int_from_i64(1000000000));
  ORef qr = steal(binary_op(i.get(), billion.get(), NB_FLOOR_DIVIDE));
  ORef rem = steal(binary_op(i.get(), billion.get(), NB_REMAINDER));
  if (!qr || !rem) return false;
  int overflow = 0;
  int64_t sec = int_as_i64(qr.get(), &overflow);
  if (overflow) {
    set_error(&exc_OverflowError, "timestamp out of range for platform time_t");
    return false;
  }
  ts->tv_sec = time_t(sec);
  ts->tv_nsec = long(int_as_i64(rem.get(), &overflow));
  return true;
}

Object* posix_utime(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[5] = {};
  if (!parse("utime", args, nargs, kwnames, {"path", "times", "$ns", "$dir_fd", "$follow_symlinks"}, 1, a))
    return nullptr;
  Path p{.function = "utime", .argname = "path", .allow_fd = true};
  int dir_fd = AT_FDCWD;
  bool follow = true;
  if (!convert_path(a[0], &p) || !convert_dir_fd(a[3], &dir_fd) || !convert_bool(a[4], &follow)) return nullptr;
  Object* times = a[1] == none() ? nullptr : a[1];
  Object* ns = a[2];
  struct timespec ts[2];
  if (times && ns) return set_error(&exc_ValueError, "utime: you may specify either 'times' or 'ns' but not both");
  if (times) {
    if (!type_check(times, &tuple_type) || tuple_size(times) != 2)
      return set_error(&exc_TypeError, "utime: 'times' must be either a tuple of two ints or None");
    if (!timespec_from_object(tuple_get(times, 0), &ts[0]) || !timespec_from_object(tuple_get(times, 1), &ts[1]))
      return nullptr;
  } else if (ns) {
    if (!type_check(ns, &tuple_type) || tuple_size(ns) != 2)
      return set_error(&exc_TypeError, "utime: 'ns' must be a tuple of two ints");
    if (!timespec_from_ns(tuple_get(ns, 0), &ts[0]) || !timespec_from_ns(tuple_get(ns, 1), &ts[1])) return nullptr;
  } else {
    ts[0].tv_sec = ts[1].tv_sec = 0;
    ts[0].tv_nsec = ts[1].tv_nsec = UTIME_NOW;
  }
  if (!check_dir_fd_and_fd("utime", p, dir_fd) || !check_fd_and_follow("utime", p, follow)) return nullptr;
  int r = p.is_fd() ? futimens(p.fd, ts) : utimensat(dir_fd, p.c_str(), ts, follow ? 0 : AT_SYMLINK_NOFOLLOW);
  if (r != 0) return path_error(p);  // blocking (above)
  return none_result();
}

Object* posix_truncate(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[2] = {};
  if (!parse("truncate", args, nargs, kwnames, {"path", "length"}, 2, a)) return nullptr;
  Path p{.function = "truncate", .argname = "path", .allow_fd = true};
  long length = 0;
  if (!convert_path(a[0], &p) || !convert_long(a[1], &length)) return nullptr;
  if (p.is_fd()) {
    int r;
    do {
      r = ftruncate(p.fd, off_t(length));  // blocking
    } while (r != 0 && errno == EINTR);
    if (r != 0) return raise_errno();
    return none_result();
  }
  if (truncate(p.c_str(), off_t(length)) != 0) return path_error(p);  // blocking
  return none_result();
}

Object* posix_fspath(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[1] = {};
  if (!parse("fspath", args, nargs, kwnames, {"path"}, 1, a)) return nullptr;
  return fspath(a[0]);
}

// ---- posixpath helpers ----

// Splits a POSIX path into (drive, root, tail): the drive is always empty; exactly two leading slashes are kept
// as the root, one or three and more collapse to one.
void split_root(std::string_view p, std::string_view* root, std::string_view* tail) {
  if (p.empty() || p[0] != '/') {
    *root = {};
    *tail = p;
  } else if (p.size() < 2 || p[1] != '/' || (p.size() >= 3 && p[2] == '/')) {
    *root = p.substr(0, 1);
    *tail = p.substr(1);
  } else {
    *root = p.substr(0, 2);
    *tail = p.substr(2);
  }
}

std::string normpath(std::string_view path) {
  if (path.empty()) return ".";
  std::string_view root, rest;
  split_root(path, &root, &rest);
  std::vector<std::string_view> comps;
  size_t start = 0;
  while (start <= rest.size()) {
    size_t end = rest.find('/', start);
    if (end == std::string_view::npos) end = rest.size();
    std::string_view comp = rest.substr(start, end - start);
    start = end + 1;
    if (comp.empty() || comp == ".") continue;
    if (comp != ".." || (root.empty() && comps.empty()) || (!comps.empty() && comps.back() == ".."))
      comps.push_back(comp);
    else if (!comps.empty())
      comps.pop_back();
  }
  std::string out(root);
  for (size_t i = 0; i < comps.size(); i++) {
    if (i) out += '/';
    out += comps[i];
  }
  return out.empty() ? "." : out;
}

Object* posix_path_normpath(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[1] = {};
  if (!parse("_path_normpath", args, nargs, kwnames, {"path"}, 1, a)) return nullptr;
  Path p{.function = "_path_normpath", .argname = "path"};
  if (!convert_path(a[0], &p)) return nullptr;
  std::string r = normpath(p.narrow);
  return fs_name(r.data(), r.size(), p.is_bytes);
}

Object* posix_path_splitroot_ex(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[1] = {};
  if (!parse("_path_splitroot_ex", args, nargs, kwnames, {"path"}, 1, a)) return nullptr;
  Path p{.function = "_path_splitroot_ex", .argname = "path"};
  if (!convert_path(a[0], &p)) return nullptr;
  std::string_view root, tail;
  split_root(p.narrow, &root, &tail);
  ORef d = steal(fs_name("", 0, p.is_bytes));
  ORef r = steal(fs_name(root.data(), root.size(), p.is_bytes));
  ORef t = steal(fs_name(tail.data(), tail.size(), p.is_bytes));
  if (!d || !r || !t) return nullptr;
  return tuple_pack({d.get(), r.get(), t.get()});
}

PyMethodDef fs_methods[] = {{"stat", as_cfunc(posix_stat), kFastKw, nullptr},
                            {"lstat", as_cfunc(posix_lstat), kFastKw, nullptr},
                            {"fstat", as_cfunc(posix_fstat), kFastKw, nullptr},
                            {"access", as_cfunc(posix_access), kFastKw, nullptr},
                            {"chdir", as_cfunc(posix_chdir), kFastKw, nullptr},
                            {"fchdir", as_cfunc(posix_fchdir), kFastKw, nullptr},
                            {"chmod", as_cfunc(posix_chmod), kFastKw, nullptr},
                            {"fchmod", as_cfunc(posix_fchmod), kFastKw, nullptr},
                            {"chown", as_cfunc(posix_chown), kFastKw, nullptr},
                            {"lchown", as_cfunc(posix_lchown), kFastKw, nullptr},
                            {"fchown", as_cfunc(posix_fchown), kFastKw, nullptr},
                            {"getcwd", posix_getcwd, METH_NOARGS, nullptr},
                            {"getcwdb", posix_getcwdb, METH_NOARGS, nullptr},
                            {"mkdir", as_cfunc(posix_mkdir), kFastKw, nullptr},
                            {"rmdir", as_cfunc(posix_rmdir), kFastKw, nullptr},
                            {"unlink", as_cfunc(posix_unlink), kFastKw, nullptr},
                            {"remove", as_cfunc(posix_remove), kFastKw, nullptr},
                            {"rename", as_cfunc(posix_rename), kFastKw, nullptr},
                            {"replace", as_cfunc(posix_replace), kFastKw, nullptr},
                            {"link", as_cfunc(posix_link), kFastKw, nullptr},
                            {"symlink", as_cfunc(posix_symlink), kFastKw, nullptr},
                            {"readlink", as_cfunc(posix_readlink), kFastKw, nullptr},
                            {"utime", as_cfunc(posix_utime), kFastKw, nullptr},
                            {"truncate", as_cfunc(posix_truncate), kFastKw, nullptr},
                            {"fspath", as_cfunc(posix_fspath), kFastKw, nullptr},
                            {"_path_normpath", as_cfunc(posix_path_normpath), kFastKw, nullptr},
                            {"_path_splitroot_ex", as_cfunc(posix_path_splitroot_ex), kFastKw, nullptr},
                            {nullptr, nullptr, 0, nullptr}};

}  // namespace

int add_fs_functions(Object* module) {
  if (module_add_functions(module, fs_methods) < 0) return -1;
  Type* st = stat_result_type();
  Type* ts = terminal_size_type();
  if (!st || !ts) return -1;
  Object* d = module_dict(module);
  if (dict_set_str(d, "stat_result", reinterpret_cast<Object*>(st)) < 0 ||
      dict_set_str(d, "terminal_size", reinterpret_cast<Object*>(ts)) < 0)
    return -1;
  return 0;
}

}  // namespace pyvm::posix
