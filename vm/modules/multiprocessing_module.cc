// The _multiprocessing module: SemLock (a POSIX named semaphore, the base of multiprocessing's Lock, RLock,
// Semaphore, Condition and Event), sem_unlink and flags; and the _posixshmem module (shm_open, shm_unlink), which
// multiprocessing.resource_tracker and shared_memory import.
//
// Thread-safety contract: a SemLock's `handle`, `kind`, `maxvalue` and `name` are set at creation and never change.
// `count` (acquisitions not yet released by this process) and `last_tid` (the thread that acquired last) are read
// and written under the object's critical section, which is never held across a wait: acquire() waits on the
// semaphore detached (vm/threads.h BlockingSection), so stop-the-world and fork proceed while a thread waits. The
// semaphore itself is the kernel's (shared with other processes); sem_* calls need no lock of ours.
#include <fcntl.h>
#include <semaphore.h>
#include <sys/mman.h>
#include <time.h>

#include <cerrno>
#include <climits>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/methods.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/modules/modules.h"
#include "vm/modules/posix_internal.h"
#include "vm/oserror.h"
#include "vm/signals.h"
#include "vm/sync/mutex.h"
#include "vm/threads.h"

namespace pyvm {
namespace {

constexpr int kRecursiveMutex = 0;
constexpr int kSemaphore = 1;
// The UTF-8 bytes of str `o` into *out; false with an error (lone surrogates).
bool utf8_of(Object* o, std::string* out) {
  ssize n = 0;
  const char* p = str_utf8(o, &n);
  if (!p) return false;
  out->assign(p, size_t(n));
  return true;
}

// SEM_VALUE_MAX: glibc's <semaphore.h> does not define it for C++ without _XOPEN_SOURCE; on Linux it is INT_MAX.
constexpr int kSemValueMax = INT_MAX;

struct SemLockObject {
  PyObject ob_base;
  sem_t* handle;
  unsigned long last_tid;  // pthread_self() of the last acquirer (valid while count > 0)
  int count;
  int maxvalue;
  int kind;
  char* name;  // null when the semaphore was unlinked at creation; owned (new[])
};

SemLockObject* sl(Object* o) { return reinterpret_cast<SemLockObject*>(o); }

unsigned long my_tid() { return static_cast<unsigned long>(pthread_self()); }

// CPython's ISMINE. Caller holds the object's critical section.
bool is_mine(SemLockObject* s) { return s->count > 0 && s->last_tid == my_tid(); }

Object* new_semlock(Type* t, sem_t* handle, int kind, int maxvalue, const char* name) {
  Object* o = new_object(t, size_t(t->tp_basicsize));
  if (!o) return nullptr;
  SemLockObject* s = sl(o);
  s->handle = handle;
  s->kind = kind;
  s->maxvalue = maxvalue;
  s->count = 0;
  s->last_tid = 0;
  s->name = nullptr;
  if (name) {
    size_t n = std::strlen(name);
    s->name = new char[n + 1];
    std::memcpy(s->name, name, n + 1);
  }
  return o;
}

// SemLock(kind, value, maxvalue, name, unlink)
Object* semlock_new(Type* t, Object* args, Object* kwds) {
  Object* out[5] = {};
  ssize nargs = args ? tuple_size(args) : 0;
  // parse_args wants a vector call: lay out the positional arguments, then the keyword values.
  ORef kwnames;
  std::vector<Object*> flat;
  for (ssize i = 0; i < nargs; i++) flat.push_back(tuple_items(args)[i]);
  if (kwds && dict_size(kwds) > 0) {
    ORef keys = steal(tuple_new(dict_size(kwds)));
    if (!keys) return nullptr;
    ssize pos = 0, i = 0;
    Object *k, *v;
    while (dict_next(kwds, &pos, &k, &v)) {
      tuple_items(keys.get())[i++] = newref(k);
      flat.push_back(v);
    }
    kwnames = std::move(keys);
  }
  if (!parse_args("SemLock", flat.data(), nargs, kwnames.get(), {"kind", "value", "maxvalue", "name", "unlink"}, 5,
                  out))
    return nullptr;
  int kind = 0, value = 0, maxvalue = 0, unlink = 0;
  if (!posix::convert_int(out[0], &kind) || !posix::convert_int(out[1], &value) ||
      !posix::convert_int(out[2], &maxvalue))
    return nullptr;
  if (!type_check(out[3], &str_type))
    return set_errorf(&exc_TypeError, "SemLock() argument 'name' must be str, not {}", type_name(out[3]));
  unlink = object_is_true(out[4]);
  if (unlink < 0) return nullptr;
  std::string name;
  if (!utf8_of(out[3], &name)) return nullptr;
  if (name.find('\0') != std::string::npos) return set_error(&exc_ValueError, "embedded null character");
  if (kind != kRecursiveMutex && kind != kSemaphore) return set_error(&exc_ValueError, "unrecognized kind");
  sem_t* h = sem_open(name.c_str(), O_CREAT | O_EXCL, 0600, unsigned(value));
  if (h == SEM_FAILED) return raise_errno();
  if (unlink && sem_unlink(name.c_str()) < 0) {
    int err = errno;
    sem_close(h);
    return raise_os_error_objects(err);
  }
  Object* o = new_semlock(t, h, kind, maxvalue, unlink ? nullptr : name.c_str());
  if (!o) sem_close(h);
  return o;
}

void semlock_dealloc(Object* o) {
  SemLockObject* s = sl(o);
  if (s->handle != SEM_FAILED && s->handle) sem_close(s->handle);
  delete[] s->name;
  Type* t = type_of(o);
  object_free(o);
  dealloc_type_ref(t);
}

// acquire(block=True, timeout=None)
Object* semlock_acquire(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* out[2] = {};
  if (!parse_args("acquire", args, nargs, kwnames, {"block", "timeout"}, 0, out)) return nullptr;
  SemLockObject* s = sl(self);
  int blocking = 1;
  if (out[0]) {
    blocking = object_is_true(out[0]);
    if (blocking < 0) return nullptr;
  }
  if (s->kind == kRecursiveMutex) {
    sync::CriticalSection cs(self);
    if (is_mine(s)) {
      s->count++;
      return newref(true_());
    }
  }
  bool use_deadline = out[1] && out[1] != none();
  struct timespec deadline = {};
  if (use_deadline) {
    bool ok = true;
    double timeout = float_as_double(out[1], &ok);
    if (!ok) return nullptr;
    if (timeout < 0) timeout = 0;
    clock_gettime(CLOCK_REALTIME, &deadline);
    double whole = std::floor(timeout);
    long long sec = static_cast<long long>(whole);
    long nsec = static_cast<long>((timeout - whole) * 1e9);
    deadline.tv_sec += time_t(sec);
    deadline.tv_nsec += nsec;
    if (deadline.tv_nsec >= 1000000000L) {
      deadline.tv_sec += 1;
      deadline.tv_nsec -= 1000000000L;
    }
  }
  // Without waiting first; then, if that fails and we may block, detached.
  int res, err;
  for (;;) {
    res = sem_trywait(s->handle);
    err = errno;
    if (res == 0 || err != EINTR) break;
    if (signals::run_pending() < 0) return nullptr;
  }
  if (res < 0 && err == EAGAIN && blocking) {
    for (;;) {
      {
        BlockingSection detached;
        res = use_deadline ? sem_timedwait(s->handle, &deadline) : sem_wait(s->handle);
        err = errno;
      }
      if (res == 0 || err != EINTR) break;
      if (signals::run_pending() < 0) return nullptr;
    }
  }
  if (res < 0) {
    if (err == EAGAIN || err == ETIMEDOUT) return newref(false_());
    return raise_os_error_objects(err);
  }
  sync::CriticalSection cs(self);
  s->count++;
  s->last_tid = my_tid();
  return newref(true_());
}

Object* semlock_release(Object* self, Object*) {
  SemLockObject* s = sl(self);
  sync::CriticalSection cs(self);
  if (s->kind == kRecursiveMutex) {
    if (!is_mine(s))
      return set_error(&exc_AssertionError, "attempt to release recursive lock not owned by thread");
    if (s->count > 1) {
      s->count--;
      return newref(none());
    }
  } else {
    // Not a guarantee (another process may post meanwhile), as in CPython.
    int sval = 0;
    if (sem_getvalue(s->handle, &sval) < 0) return raise_errno();
    if (sval >= s->maxvalue) return set_error(&exc_ValueError, "semaphore or lock released too many times");
  }
  if (sem_post(s->handle) < 0) return raise_errno();
  s->count--;
  return newref(none());
}

Object* semlock_enter(Object* self, Object*) { return semlock_acquire(self, nullptr, 0, nullptr); }
Object* semlock_exit(Object* self, Object* const*, ssize) { return semlock_release(self, nullptr); }

Object* semlock_count(Object* self, Object*) {
  sync::CriticalSection cs(self);
  return int_from_i64(sl(self)->count);
}

Object* semlock_is_mine(Object* self, Object*) {
  sync::CriticalSection cs(self);
  return newref(bool_obj(is_mine(sl(self))));
}

Object* semlock_get_value(Object* self, Object*) {
  int sval = 0;
  if (sem_getvalue(sl(self)->handle, &sval) < 0) return raise_errno();
  if (sval < 0) sval = 0;  // some systems count waiters as a negative value
  return int_from_i64(sval);
}

Object* semlock_is_zero(Object* self, Object*) {
  int sval = 0;
  if (sem_getvalue(sl(self)->handle, &sval) < 0) return raise_errno();
  return newref(bool_obj(sval == 0));
}

Object* semlock_after_fork(Object* self, Object*) {
  sync::CriticalSection cs(self);
  sl(self)->count = 0;
  return newref(none());
}

// _rebuild(handle, kind, maxvalue, name): a SemLock from its pickled state. With a name the semaphore is opened
// by name (the handle of another process means nothing here); without one the handle is used as is (fork).
Object* semlock_rebuild(Object* cls, Object* const* args, ssize nargs) {
  if (!check_positional("_rebuild", nargs, nullptr, 4, 4)) return nullptr;
  int ovf = 0;
  uint64_t handle = 0;
  {
    int64_t v = int_as_i64(args[0], &ovf);
    if (v == -1 && error_occurred()) return nullptr;
    handle = uint64_t(v);
  }
  int kind = 0, maxvalue = 0;
  if (!posix::convert_int(args[1], &kind) || !posix::convert_int(args[2], &maxvalue)) return nullptr;
  std::string name;
  bool has_name = args[3] != none();
  if (has_name) {
    if (!type_check(args[3], &str_type))
      return set_errorf(&exc_TypeError, "_rebuild() argument 4 must be str or None, not {}", type_name(args[3]));
    if (!utf8_of(args[3], &name)) return nullptr;
  }
  sem_t* h = reinterpret_cast<sem_t*>(uintptr_t(handle));
  if (has_name) {
    h = sem_open(name.c_str(), 0);
    if (h == SEM_FAILED) return raise_errno();
  }
  Object* o = new_semlock(reinterpret_cast<Type*>(cls), h, kind, maxvalue, has_name ? name.c_str() : nullptr);
  if (!o && has_name) sem_close(h);
  return o;
}

Object* semlock_get_handle(Object* self, void*) { return int_from_i64(int64_t(uintptr_t(sl(self)->handle))); }

Object* semlock_get_name(Object* self, void*) {
  const char* n = sl(self)->name;
  if (!n) return newref(none());
  return str_from_utf8(n, ssize(std::strlen(n)));
}

constexpr int kMemberInt = 1, kReadOnly = 1;

PyMemberDef semlock_members[] = {
    {"kind", kMemberInt, offsetof(SemLockObject, kind), kReadOnly, nullptr},
    {"maxvalue", kMemberInt, offsetof(SemLockObject, maxvalue), kReadOnly, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

PyGetSetDef semlock_getset[] = {
    {"handle", semlock_get_handle, nullptr, nullptr, nullptr},
    {"name", semlock_get_name, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

PyMethodDef semlock_methods[] = {
    {"acquire", as_cfunc(semlock_acquire), METH_FASTCALL | METH_KEYWORDS,
     "acquire($self, /, block=True, timeout=None)\n--\n\nAcquire the semaphore/lock."},
    {"release", semlock_release, METH_NOARGS, "release($self, /)\n--\n\nRelease the semaphore/lock."},
    {"__enter__", semlock_enter, METH_NOARGS, "__enter__($self, /)\n--\n\nEnter the semaphore/lock."},
    {"__exit__", as_cfunc(semlock_exit), METH_FASTCALL,
     "__exit__($self, exc_type=None, exc_value=None, exc_tb=None, /)\n--\n\nExit the semaphore/lock."},
    {"_count", semlock_count, METH_NOARGS, "_count($self, /)\n--\n\nNum of `acquire()`s minus num of `release()`s for this process."},
    {"_is_mine", semlock_is_mine, METH_NOARGS, "_is_mine($self, /)\n--\n\nWhether the lock is owned by this thread."},
    {"_get_value", semlock_get_value, METH_NOARGS, "_get_value($self, /)\n--\n\nGet the value of the semaphore."},
    {"_is_zero", semlock_is_zero, METH_NOARGS, "_is_zero($self, /)\n--\n\nReturn whether semaphore has value zero."},
    {"_rebuild", as_cfunc(semlock_rebuild), METH_FASTCALL | METH_CLASS, nullptr},
    {"_after_fork", semlock_after_fork, METH_NOARGS, "_after_fork($self, /)\n--\n\nRezero the net acquisition count after fork()."},
    {nullptr, nullptr, 0, nullptr},
};

Type semlock_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "_multiprocessing.SemLock",
    .tp_basicsize = sizeof(SemLockObject),
    .tp_dealloc = semlock_dealloc,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "Semaphore/Mutex type",
    .tp_methods = semlock_methods,
    .tp_members = semlock_members,
    .tp_getset = semlock_getset,
    .tp_new = semlock_new,
    .tp_free = object_free,
};

Object* mp_sem_unlink(Object*, Object* arg) {
  if (!type_check(arg, &str_type))
    return set_errorf(&exc_TypeError, "sem_unlink() argument must be str, not {}", type_name(arg));
  std::string name;
  if (!utf8_of(arg, &name)) return nullptr;
  if (sem_unlink(name.c_str()) < 0) return raise_errno();
  return newref(none());
}

// ---- _posixshmem ----

// shm_open(path, flags, mode=0o777) -> fd
Object* shm_open_impl(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* out[3] = {};
  if (!parse_args("shm_open", args, nargs, kwnames, {"path", "flags", "mode"}, 2, out)) return nullptr;
  if (!type_check(out[0], &str_type))
    return set_errorf(&exc_TypeError, "shm_open() argument 'path' must be str, not {}", type_name(out[0]));
  int flags = 0, mode = 0777;
  if (!posix::convert_int(out[1], &flags) || (out[2] && !posix::convert_int(out[2], &mode))) return nullptr;
  std::string path;
  if (!utf8_of(out[0], &path)) return nullptr;
  for (;;) {
    int fd = shm_open(path.c_str(), flags, mode_t(mode));
    if (fd >= 0) return int_from_i64(fd);
    int err = errno;
    if (err != EINTR) return raise_os_error_objects(err, out[0]);
    if (signals::run_pending() < 0) return nullptr;
  }
}

// shm_unlink(path)
Object* shm_unlink_impl(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* out[1] = {};
  if (!parse_args("shm_unlink", args, nargs, kwnames, {"path"}, 1, out)) return nullptr;
  if (!type_check(out[0], &str_type))
    return set_errorf(&exc_TypeError, "shm_unlink() argument 'path' must be str, not {}", type_name(out[0]));
  std::string path;
  if (!utf8_of(out[0], &path)) return nullptr;
  if (shm_unlink(path.c_str()) < 0) return raise_os_error_objects(errno, out[0]);
  return newref(none());
}

PyMethodDef shm_methods[] = {
    {"shm_open", as_cfunc(shm_open_impl), METH_FASTCALL | METH_KEYWORDS,
     "shm_open($module, /, path, flags, mode=511)\n--\n\nOpen a shared memory object.  Returns a file descriptor "
     "(integer)."},
    {"shm_unlink", as_cfunc(shm_unlink_impl), METH_FASTCALL | METH_KEYWORDS,
     "shm_unlink($module, /, path)\n--\n\nRemove a shared memory object (similar to unlink()).\n\nRemove a shared "
     "memory object.  Similar to unlink(), removes the name of the shared memory object.  Existing references stay "
     "valid until closed."},
    {nullptr, nullptr, 0, nullptr},
};

PyMethodDef mp_methods[] = {
    {"sem_unlink", mp_sem_unlink, METH_O, "sem_unlink($module, name, /)\n--\n\n"},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace

Object* create_multiprocessing_module() {
  static const int ready = [] {
    if (type_ready(&semlock_type) < 0) return -1;
    ORef max = steal(int_from_i64(kSemValueMax));
    if (!max || dict_set_str(semlock_type.tp_dict, "SEM_VALUE_MAX", max.get()) < 0) return -1;
    return 0;
  }();
  if (ready < 0) {
    if (!error_occurred()) set_error(&exc_SystemError, "_multiprocessing: initialisation failed");
    return nullptr;
  }
  ORef m = steal(module_new(str_interned("_multiprocessing")));
  if (!m) return nullptr;
  if (module_add_functions(m.get(), mp_methods) < 0) return nullptr;
  Object* d = module_dict(m.get());
  ORef flags = steal(dict_new());
  ORef one = steal(int_from_i64(1));
  if (!flags || !one || dict_set_str(flags.get(), "HAVE_SEM_OPEN", one.get()) < 0 ||
      dict_set_str(flags.get(), "HAVE_SEM_TIMEDWAIT", one.get()) < 0)
    return nullptr;
  if (dict_set_str(d, "flags", flags.get()) < 0 ||
      dict_set_str(d, "SemLock", reinterpret_cast<Object*>(&semlock_type)) < 0)
    return nullptr;
  return m.release();
}

Object* create_posixshmem_module() {
  ORef m = steal(module_new(str_interned("_posixshmem")));
  if (!m || module_add_functions(m.get(), shm_methods) < 0) return nullptr;
  return m.release();
}

}  // namespace pyvm
