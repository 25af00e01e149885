// The termios module: POSIX terminal control (tcgetattr/tcsetattr and friends, the window size calls) and the
// constants of <termios.h> and <sys/ioctl.h>, as CPython 3.13 offers them on Linux. getpass, tty, pty and asyncio's
// tests import it.
//
// Thread-safety: the functions keep no state; each is one or two system calls on the caller's fd (which the kernel
// serialises). The module's `error` class is made once and never changes.
#include <errno.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <cstring>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/methods.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/modules/modules.h"
#include "vm/modules/posix_internal.h"
#include "vm/oserror.h"

namespace pyvm {
namespace {

Object* g_error = nullptr;  // termios.error (immortal once made)

// termios.error(errno, strerror) for the current errno.
std::nullptr_t raise_termios_error() {
  int err = errno;
  ORef text = steal(strerror_text(err));
  ORef code = steal(int_from_i64(err));
  if (!text || !code) return nullptr;
  ORef args = steal(tuple_pack({code.get(), text.get()}));
  if (!args) return nullptr;
  ORef exc = steal(call_tuple_dict(g_error, args.get(), nullptr));
  if (exc) set_error_object(exc.get());
  return nullptr;
}

bool fd_arg(Object* o, int* fd) { return posix::convert_fildes(o, fd); }

// tcgetattr(fd, /): [iflag, oflag, cflag, lflag, ispeed, ospeed, cc]; cc holds one-byte bytes objects, except
// cc[VMIN] and cc[VTIME] which are ints while ICANON is off.
Object* termios_tcgetattr(Object*, Object* arg) {
  int fd = 0;
  if (!fd_arg(arg, &fd)) return nullptr;
  struct termios t;
  if (tcgetattr(fd, &t) == -1) return raise_termios_error();
  ORef cc = steal(list_new(NCCS));
  if (!cc) return nullptr;
  bool canonical = t.c_lflag & ICANON;
  for (int i = 0; i < NCCS; i++) {
    char c = static_cast<char>(t.c_cc[i]);
    Object* v = !canonical && (i == VMIN || i == VTIME) ? int_from_i64(t.c_cc[i]) : bytes_from(&c, 1);
    if (!v) return nullptr;
    list_items(cc.get())[i] = v;
  }
  const int64_t fields[6] = {int64_t(t.c_iflag), int64_t(t.c_oflag), int64_t(t.c_cflag), int64_t(t.c_lflag),
                             int64_t(cfgetispeed(&t)), int64_t(cfgetospeed(&t))};
  ORef r = steal(list_new(7));
  if (!r) return nullptr;
  for (int i = 0; i < 6; i++) {
    Object* v = int_from_i64(fields[i]);
    if (!v) return nullptr;
    list_items(r.get())[i] = v;
  }
  list_items(r.get())[6] = cc.release();
  return r.release();
}

// One of attributes[0..5] as an unsigned C value (CPython reads them as C long / speed_t).
bool flag_arg(Object* o, int64_t* out) {
  if (!type_check(o, &int_type)) {
    set_errorf(&exc_TypeError, "'{}' object cannot be interpreted as an integer", type_name(o));
    return false;
  }
  int overflow = 0;
  *out = int_as_i64(o, &overflow);
  if (overflow) {
    set_error(&exc_OverflowError, "Python int too large to convert to C long");
    return false;
  }
  return true;
}

// tcsetattr(fd, when, attributes, /)
Object* termios_tcsetattr(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("tcsetattr", nargs, kwnames, 3, 3)) return nullptr;
  int fd = 0, when = 0;
  if (!fd_arg(args[0], &fd) || !posix::convert_int(args[1], &when)) return nullptr;
  Object* attrs = args[2];
  if (!type_check(attrs, &list_type) || list_size(attrs) != 7)
    return set_error(&exc_TypeError, "tcsetattr, arg 3: must be 7 element list");
  struct termios t;
  if (tcgetattr(fd, &t) == -1) return raise_termios_error();  // the fields Python does not see stay as they are
  int64_t v[6];
  for (int i = 0; i < 6; i++) {
    ORef item = steal(list_get(attrs, i));
    if (!item || !flag_arg(item.get(), &v[i])) return nullptr;
  }
  ORef cc = steal(list_get(attrs, 6));
  if (!cc) return nullptr;
  if (!type_check(cc.get(), &list_type) || list_size(cc.get()) != NCCS)
    return set_errorf(&exc_TypeError, "tcsetattr: attributes[6] must be {} element list", NCCS);
  t.c_iflag = tcflag_t(v[0]);
  t.c_oflag = tcflag_t(v[1]);
  t.c_cflag = tcflag_t(v[2]);
  t.c_lflag = tcflag_t(v[3]);
  for (int i = 0; i < NCCS; i++) {
    ORef c = steal(list_get(cc.get(), i));
    if (!c) return nullptr;
    if (type_check(c.get(), &bytes_type) && bytes_size(c.get()) == 1) {
      t.c_cc[i] = cc_t(static_cast<unsigned char>(bytes_data(c.get())[0]));
    } else if (type_check(c.get(), &int_type)) {
      int x = 0;
      if (!posix::convert_int(c.get(), &x)) return nullptr;
      t.c_cc[i] = cc_t(x);
    } else {
      return set_error(&exc_TypeError, "tcsetattr: elements of attributes must be characters or integers");
    }
  }
  if (cfsetispeed(&t, speed_t(v[4])) == -1 || cfsetospeed(&t, speed_t(v[5])) == -1) return raise_termios_error();
  if (tcsetattr(fd, when, &t) == -1) return raise_termios_error();
  return newref(none());
}

// The calls that take (fd, int): tcsendbreak, tcflush, tcflow.
Object* fd_int_call(const char* name, Object* const* args, ssize nargs, Object* kwnames, int (*fn)(int, int)) {
  if (!check_positional(name, nargs, kwnames, 2, 2)) return nullptr;
  int fd = 0, x = 0;
  if (!fd_arg(args[0], &fd) || !posix::convert_int(args[1], &x)) return nullptr;
  if (fn(fd, x) == -1) return raise_termios_error();
  return newref(none());
}
Object* termios_tcsendbreak(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  return fd_int_call("tcsendbreak", args, nargs, kwnames, tcsendbreak);
}
Object* termios_tcflush(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  return fd_int_call("tcflush", args, nargs, kwnames, tcflush);
}
Object* termios_tcflow(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  return fd_int_call("tcflow", args, nargs, kwnames, tcflow);
}

Object* termios_tcdrain(Object*, Object* arg) {
  int fd = 0;
  if (!fd_arg(arg, &fd)) return nullptr;
  if (tcdrain(fd) == -1) return raise_termios_error();
  return newref(none());
}

// tcgetwinsize(fd, /): (rows, columns)
Object* termios_tcgetwinsize(Object*, Object* arg) {
  int fd = 0;
  if (!fd_arg(arg, &fd)) return nullptr;
  struct winsize w;
  if (ioctl(fd, TIOCGWINSZ, &w) == -1) return raise_termios_error();
  ORef rows = steal(int_from_i64(w.ws_row));
  ORef cols = steal(int_from_i64(w.ws_col));
  if (!rows || !cols) return nullptr;
  return tuple_pack({rows.get(), cols.get()});
}

// tcsetwinsize(fd, winsize, /): winsize is a two-item sequence (rows, columns); the pixel sizes are kept.
Object* termios_tcsetwinsize(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("tcsetwinsize", nargs, kwnames, 2, 2)) return nullptr;
  int fd = 0;
  if (!fd_arg(args[0], &fd)) return nullptr;
  Object* ws = args[1];
  if (!is_sequence(ws) || object_length(ws) != 2) {
    if (error_occurred()) error_clear();
    return set_error(&exc_TypeError, "tcsetwinsize, arg 2: must be a two-item sequence");
  }
  ORef r = steal(sequence_get_index(ws, 0));
  ORef c = r ? steal(sequence_get_index(ws, 1)) : ORef();
  if (!r || !c) return nullptr;
  ssize rows = number_as_ssize(r.get(), &exc_OverflowError);
  if (rows == -1 && error_occurred()) return nullptr;
  ssize cols = number_as_ssize(c.get(), &exc_OverflowError);
  if (cols == -1 && error_occurred()) return nullptr;
  struct winsize w;
  if (ioctl(fd, TIOCGWINSZ, &w) == -1) return raise_termios_error();
  w.ws_row = static_cast<unsigned short>(rows);
  w.ws_col = static_cast<unsigned short>(cols);
  if (w.ws_row != rows || w.ws_col != cols) return set_error(&exc_OverflowError, "winsize value(s) out of range.");
  if (ioctl(fd, TIOCSWINSZ, &w) == -1) return raise_termios_error();
  return newref(none());
}

#define FAST(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(f))
PyMethodDef termios_methods[] = {
    {"tcgetattr", termios_tcgetattr, METH_O,
     "tcgetattr($module, fd, /)\n--\n\nGet the tty attributes for file descriptor fd."},
    {"tcsetattr", FAST(termios_tcsetattr), METH_FASTCALL | METH_KEYWORDS,
     "tcsetattr($module, fd, when, attributes, /)\n--\n\nSet the tty attributes for file descriptor fd."},
    {"tcsendbreak", FAST(termios_tcsendbreak), METH_FASTCALL | METH_KEYWORDS,
     "tcsendbreak($module, fd, duration, /)\n--\n\nSend a break on file descriptor fd."},
    {"tcdrain", termios_tcdrain, METH_O, "tcdrain($module, fd, /)\n--\n\nWait until all output written to file "
                                         "descriptor fd has been transmitted."},
    {"tcflush", FAST(termios_tcflush), METH_FASTCALL | METH_KEYWORDS,
     "tcflush($module, fd, queue, /)\n--\n\nDiscard queued data on file descriptor fd."},
    {"tcflow", FAST(termios_tcflow), METH_FASTCALL | METH_KEYWORDS,
     "tcflow($module, fd, action, /)\n--\n\nSuspend or resume input or output on file descriptor fd."},
    {"tcgetwinsize", termios_tcgetwinsize, METH_O,
     "tcgetwinsize($module, fd, /)\n--\n\nGet the tty winsize for file descriptor fd."},
    {"tcsetwinsize", FAST(termios_tcsetwinsize), METH_FASTCALL | METH_KEYWORDS,
     "tcsetwinsize($module, fd, winsize, /)\n--\n\nSet the tty winsize for file descriptor fd."},
    {nullptr, nullptr, 0, nullptr},
};
#undef FAST

struct IntConstant {
  const char* name;
  long value;
};
#define TERMIOS_CONST(x) {#x, long(x)},
const IntConstant kConstants[] = {
#include "vm/modules/termios_constants.def"
    {"VSWTCH", VSWTC},  // glibc spells it VSWTC; CPython exports both names
};
#undef TERMIOS_CONST

}  // namespace

Object* create_termios_module() {
  if (!g_error) {
    g_error = new_exception_class("termios.error", reinterpret_cast<Object*>(&exc_Exception), nullptr);
    if (!g_error) return nullptr;
  }
  ORef m = steal(module_new(str_interned("termios")));
  if (!m || module_add_functions(m.get(), termios_methods) < 0) return nullptr;
  Object* d = module_dict(m.get());
  ORef doc = steal(str_from_utf8("Interface to the POSIX calls for tty I/O control (tcgetattr, tcsetattr and the "
                                 "others; see the termios(3) manual page). The fd arguments may be integers or "
                                 "objects with a fileno() method."));
  if (!doc || dict_set_str(d, "__doc__", doc.get()) < 0 || dict_set_str(d, "error", g_error) < 0) return nullptr;
  for (const IntConstant& c : kConstants) {
    ORef v = steal(int_from_i64(c.value));
    if (!v || dict_set_str(d, c.name, v.get()) < 0) return nullptr;
  }
  return m.release();
}

}  // namespace pyvm
