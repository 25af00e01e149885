// The errno module: Linux's errno constants and the errorcode dict mapping each number back to its name.
#include <cerrno>

#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str.h"
#include "vm/modules/modules.h"

namespace pyvm {
namespace {

struct ErrnoName {
  const char* name;
  int value;
};

// Aliases sharing a number are listed with the name errorcode keeps last (EAGAIN, EDEADLOCK, ENOTSUP), as CPython.
// clang-format off
#define ERRNO_NAMES(ROW) \
    ROW(E2BIG) ROW(EACCES) ROW(EADDRINUSE) ROW(EADDRNOTAVAIL) ROW(EADV) ROW(EAFNOSUPPORT) ROW(EWOULDBLOCK) \
    ROW(EAGAIN) ROW(EALREADY) ROW(EBADE) ROW(EBADF) ROW(EBADFD) ROW(EBADMSG) ROW(EBADR) ROW(EBADRQC) ROW(EBADSLT) \
    ROW(EBFONT) ROW(EBUSY) ROW(ECANCELED) ROW(ECHILD) ROW(ECHRNG) ROW(ECOMM) ROW(ECONNABORTED) ROW(ECONNREFUSED) \
    ROW(ECONNRESET) ROW(EDEADLK) ROW(EDEADLOCK) ROW(EDESTADDRREQ) ROW(EDOM) ROW(EDOTDOT) ROW(EDQUOT) ROW(EEXIST) \
    ROW(EFAULT) ROW(EFBIG) ROW(EHOSTDOWN) ROW(EHOSTUNREACH) ROW(EIDRM) ROW(EILSEQ) ROW(EINPROGRESS) ROW(EINTR) \
    ROW(EINVAL) ROW(EIO) ROW(EISCONN) ROW(EISDIR) ROW(EISNAM) ROW(EKEYEXPIRED) ROW(EKEYREJECTED) ROW(EKEYREVOKED) \
    ROW(EL2HLT) ROW(EL2NSYNC) ROW(EL3HLT) ROW(EL3RST) ROW(ELIBACC) ROW(ELIBBAD) ROW(ELIBEXEC) ROW(ELIBMAX) \
    ROW(ELIBSCN) ROW(ELNRNG) ROW(ELOOP) ROW(EMEDIUMTYPE) ROW(EMFILE) ROW(EMLINK) ROW(EMSGSIZE) ROW(EMULTIHOP) \
    ROW(ENAMETOOLONG) ROW(ENAVAIL) ROW(ENETDOWN) ROW(ENETRESET) ROW(ENETUNREACH) ROW(ENFILE) ROW(ENOANO) \
    ROW(ENOBUFS) ROW(ENOCSI) ROW(ENODATA) ROW(ENODEV) ROW(ENOENT) ROW(ENOEXEC) ROW(ENOKEY) ROW(ENOLCK) ROW(ENOLINK) \
    ROW(ENOMEDIUM) ROW(ENOMEM) ROW(ENOMSG) ROW(ENONET) ROW(ENOPKG) ROW(ENOPROTOOPT) ROW(ENOSPC) ROW(ENOSR) \
    ROW(ENOSTR) ROW(ENOSYS) ROW(ENOTBLK) ROW(ENOTCONN) ROW(ENOTDIR) ROW(ENOTEMPTY) ROW(ENOTNAM) ROW(ENOTRECOVERABLE) \
    ROW(ENOTSOCK) ROW(EOPNOTSUPP) ROW(ENOTSUP) ROW(ENOTTY) ROW(ENOTUNIQ) ROW(ENXIO) ROW(EOVERFLOW) ROW(EOWNERDEAD) \
    ROW(EPERM) ROW(EPFNOSUPPORT) ROW(EPIPE) ROW(EPROTO) ROW(EPROTONOSUPPORT) ROW(EPROTOTYPE) ROW(ERANGE) \
    ROW(EREMCHG) ROW(EREMOTE) ROW(EREMOTEIO) ROW(ERESTART) ROW(ERFKILL) ROW(EROFS) ROW(ESHUTDOWN) \
    ROW(ESOCKTNOSUPPORT) ROW(ESPIPE) ROW(ESRCH) ROW(ESRMNT) ROW(ESTALE) ROW(ESTRPIPE) ROW(ETIME) ROW(ETIMEDOUT) \
    ROW(ETOOMANYREFS) ROW(ETXTBSY) ROW(EUCLEAN) ROW(EUNATCH) ROW(EUSERS) ROW(EXDEV) ROW(EXFULL)
// clang-format on

#define ROW(n) {#n, n},
constexpr ErrnoName kErrnoNames[] = {ERRNO_NAMES(ROW)};
#undef ROW

}  // namespace

Object* create_errno_module() {
  ORef m = steal(module_new(str_interned("errno")));
  if (!m) return nullptr;
  ORef errorcode = steal(dict_new());
  if (!errorcode) return nullptr;
  Object* d = module_dict(m.get());
  for (const ErrnoName& e : kErrnoNames) {
    ORef num = steal(int_from_i64(e.value));
    ORef name = steal(str_from_utf8(e.name));
    if (!num || !name || dict_set(d, name.get(), num.get()) < 0 || dict_set(errorcode.get(), num.get(), name.get()) < 0)
      return nullptr;
  }
  if (dict_set_str(d, "errorcode", errorcode.get()) < 0) return nullptr;
  return m.release();
}

}  // namespace pyvm
