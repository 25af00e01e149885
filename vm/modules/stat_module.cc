// The _stat module: the S_IS*() tests, S_IMODE/S_IFMT, filemode() and the stat constants behind Lib/stat.py.
#include <cstdint>
#include <string>

#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/types.h"
#include "vm/modules/modules.h"

namespace pyvm {
namespace {

constexpr uint32_t kIfmt = 0170000, kIfsock = 0140000, kIflnk = 0120000, kIfreg = 0100000, kIfblk = 0060000,
                   kIfdir = 0040000, kIfchr = 0020000, kIfifo = 0010000;

// A mode argument as a C mode_t, with CPython's errors for non-ints, negatives and out-of-range values.
bool mode_arg(Object* o, uint32_t* out) {
  if (!type_check(o, &int_type)) {
    set_error(&exc_TypeError, "an integer is required");
    return false;
  }
  if (int_sign(o) < 0) {
    set_error(&exc_OverflowError, "can't convert negative value to unsigned int");
    return false;
  }
  int ovf = 0;
  int64_t v = int_as_i64(o, &ovf);
  if (ovf) {
    bool ok = true;
    double d = int_as_double(o, &ok);
    error_clear();
    set_error(&exc_OverflowError,
              d < 18446744073709551616.0 ? "mode out of range" : "Python int too large to convert to C unsigned long");
    return false;
  }
  if (uint64_t(v) > UINT32_MAX) {
    set_error(&exc_OverflowError, "mode out of range");
    return false;
  }
  *out = uint32_t(v);
  return true;
}

template <uint32_t kFormat>
Object* stat_is(Object*, Object* arg) {
  uint32_t mode;
  if (!mode_arg(arg, &mode)) return nullptr;
  return newref(bool_obj(kFormat != 0 && (mode & kIfmt) == kFormat));
}

Object* stat_imode(Object*, Object* arg) {
  uint32_t mode;
  if (!mode_arg(arg, &mode)) return nullptr;
  return int_from_i64(mode & 07777);
}

Object* stat_ifmt(Object*, Object* arg) {
  uint32_t mode;
  if (!mode_arg(arg, &mode)) return nullptr;
  return int_from_i64(mode & kIfmt);
}

// filemode(mode): "-rwxr-xr-x"-style text, as `ls -l` shows it.
Object* stat_filemode(Object*, Object* arg) {
  uint32_t mode;
  if (!mode_arg(arg, &mode)) return nullptr;
  char s[11];
  switch (mode & kIfmt) {
    case kIfreg:
      s[0] = '-';
      break;
    case kIfdir:
      s[0] = 'd';
      break;
    case kIflnk:
      s[0] = 'l';
      break;
    case kIfsock:
      s[0] = 's';
      break;
    case kIfifo:
      s[0] = 'p';
      break;
    case kIfblk:
      s[0] = 'b';
      break;
    case kIfchr:
      s[0] = 'c';
      break;
    default:
      s[0] = '?';
      break;
  }
  // Each triple: read, write, then execute merged with the set-id/sticky bit (lower case when also executable).
  auto triple = [&](char* p, uint32_t r, uint32_t w, uint32_t x, uint32_t special, char on) {
    p[0] = (mode & r) ? 'r' : '-';
    p[1] = (mode & w) ? 'w' : '-';
    if (mode & special)
      p[2] = (mode & x) ? on : char(on - 'a' + 'A');
    else
      p[2] = (mode & x) ? 'x' : '-';
  };
  triple(s + 1, 0400, 0200, 0100, 04000, 's');
  triple(s + 4, 0040, 0020, 0010, 02000, 's');
  triple(s + 7, 0004, 0002, 0001, 01000, 't');
  return str_from_utf8(s, 10);
}

PyMethodDef stat_methods[] = {
    {"S_ISDIR", stat_is<kIfdir>, METH_O, nullptr},
    {"S_ISCHR", stat_is<kIfchr>, METH_O, nullptr},
    {"S_ISBLK", stat_is<kIfblk>, METH_O, nullptr},
    {"S_ISREG", stat_is<kIfreg>, METH_O, nullptr},
    {"S_ISFIFO", stat_is<kIfifo>, METH_O, nullptr},
    {"S_ISLNK", stat_is<kIflnk>, METH_O, nullptr},
    {"S_ISSOCK", stat_is<kIfsock>, METH_O, nullptr},
    {"S_ISDOOR", stat_is<0>, METH_O, nullptr},  // Solaris doors, event ports and whiteouts: never on Linux
    {"S_ISPORT", stat_is<0>, METH_O, nullptr},
    {"S_ISWHT", stat_is<0>, METH_O, nullptr},
    {"S_IMODE", stat_imode, METH_O, nullptr},
    {"S_IFMT", stat_ifmt, METH_O, nullptr},
    {"filemode", stat_filemode, METH_O, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

struct StatConst {
  const char* name;
  int64_t value;
};

// Linux's values; the BSD/macOS-only file types and flags have the numbers CPython gives them on Linux.
constexpr StatConst kStatConsts[] = {
    {"S_IFDIR", kIfdir},
    {"S_IFCHR", kIfchr},
    {"S_IFBLK", kIfblk},
    {"S_IFREG", kIfreg},
    {"S_IFIFO", kIfifo},
    {"S_IFLNK", kIflnk},
    {"S_IFSOCK", kIfsock},
    {"S_IFDOOR", 0},
    {"S_IFPORT", 0},
    {"S_IFWHT", 0},
    {"S_ISUID", 04000},
    {"S_ISGID", 02000},
    {"S_ISVTX", 01000},
    {"S_ENFMT", 02000},
    {"S_IREAD", 0400},
    {"S_IWRITE", 0200},
    {"S_IEXEC", 0100},
    {"S_IRWXU", 0700},
    {"S_IRUSR", 0400},
    {"S_IWUSR", 0200},
    {"S_IXUSR", 0100},
    {"S_IRWXG", 0070},
    {"S_IRGRP", 0040},
    {"S_IWGRP", 0020},
    {"S_IXGRP", 0010},
    {"S_IRWXO", 0007},
    {"S_IROTH", 0004},
    {"S_IWOTH", 0002},
    {"S_IXOTH", 0001},
    {"UF_SETTABLE", 0x0000ffff},
    {"UF_NODUMP", 0x1},
    {"UF_IMMUTABLE", 0x2},
    {"UF_APPEND", 0x4},
    {"UF_OPAQUE", 0x8},
    {"UF_NOUNLINK", 0x10},
    {"UF_COMPRESSED", 0x20},
    {"UF_TRACKED", 0x40},
    {"UF_DATAVAULT", 0x80},
    {"UF_HIDDEN", 0x8000},
    {"SF_SETTABLE", 0xffff0000},
    {"SF_ARCHIVED", 0x10000},
    {"SF_IMMUTABLE", 0x20000},
    {"SF_APPEND", 0x40000},
    {"SF_NOUNLINK", 0x100000},
    {"SF_SNAPSHOT", 0x200000},
    {"SF_FIRMLINK", 0x800000},
    {"SF_DATALESS", 0x40000000},
    {"ST_MODE", 0},
    {"ST_INO", 1},
    {"ST_DEV", 2},
    {"ST_NLINK", 3},
    {"ST_UID", 4},
    {"ST_GID", 5},
    {"ST_SIZE", 6},
    {"ST_ATIME", 7},
    {"ST_MTIME", 8},
    {"ST_CTIME", 9},
};

}  // namespace

Object* create_stat_module() {
  ORef m = steal(module_new(str_interned("_stat")));
  if (!m || module_add_functions(m.get(), stat_methods) < 0) return nullptr;
  Object* d = module_dict(m.get());
  for (const StatConst& c : kStatConsts) {
    ORef v = steal(int_from_i64(c.value));
    if (!v || dict_set_str(d, c.name, v.get()) < 0) return nullptr;
  }
  return m.release();
}

}  // namespace pyvm
