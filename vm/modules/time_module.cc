// The time module: clocks, sleep, struct_time conversions (gmtime/localtime/mktime), formatting and the timezone
// constants, over POSIX clock_gettime and the C library's time functions.
//
// TODO(structseq): struct_time is a minimal tuple subclass written here (9 visible fields plus tm_zone and
// tm_gmtoff stored past ob_size, as CPython's struct sequences do); replace it with objects/structseq.h once that
// exists.
//
// Thread-safety: only reentrant libc calls are used (gmtime_r, localtime_r); the timezone constants are computed
// once when the module is created.
#include <pthread.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <ctime>
#include <mutex>
#include <string>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/namespace.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/signals.h"
#include "vm/import.h"
#include "vm/modules/modules.h"
#include "vm/threads.h"
#include "vm/oserror.h"

namespace pyvm {
namespace {

// ---- struct_time ----

constexpr ssize kVisibleFields = 9;
constexpr ssize kAllFields = 11;
constexpr const char* kFieldNames[kAllFields] = {"tm_year", "tm_mon",  "tm_mday",  "tm_hour", "tm_min",   "tm_sec",
                                                 "tm_wday", "tm_yday", "tm_isdst", "tm_zone", "tm_gmtoff"};

#define FIELD_OFFSET(i) (offsetof(PyTupleObject, ob_item) + (i) * sizeof(Object*))
PyMemberDef struct_time_members[] = {
    {"tm_year", 6 /* T_OBJECT */, FIELD_OFFSET(0), 1 /* READONLY */, "year, for example, 1993"},
    {"tm_mon", 6, FIELD_OFFSET(1), 1, "month of year, range [1, 12]"},
    {"tm_mday", 6, FIELD_OFFSET(2), 1, "day of month, range [1, 31]"},
    {"tm_hour", 6, FIELD_OFFSET(3), 1, "hours, range [0, 23]"},
    {"tm_min", 6, FIELD_OFFSET(4), 1, "minutes, range [0, 59]"},
    {"tm_sec", 6, FIELD_OFFSET(5), 1, "seconds, range [0, 61])"},
    {"tm_wday", 6, FIELD_OFFSET(6), 1, "day of week, range [0, 6], Monday is 0"},
    {"tm_yday", 6, FIELD_OFFSET(7), 1, "day of year, range [1, 366]"},
    {"tm_isdst", 6, FIELD_OFFSET(8), 1, "1 if summer time is in effect, 0 if not, and -1 if unknown"},
    {"tm_zone", 6, FIELD_OFFSET(9), 1, "abbreviation of timezone name"},
    {"tm_gmtoff", 6, FIELD_OFFSET(10), 1, "offset from UTC in seconds"},
    {nullptr, 0, 0, 0, nullptr},
};
#undef FIELD_OFFSET

extern Type struct_time_type;

// A struct_time with all 11 slots allocated and null; ob_size is the visible 9.
Object* struct_time_alloc() {
  Object* o = new_var_object(&struct_time_type, kAllFields);
  if (o) reinterpret_cast<PyVarObject*>(o)->ob_size = kVisibleFields;
  return o;
}

void struct_time_dealloc(Object* self) {
  Type* t = type_of(self);
  Object** items = tuple_items(self);
  for (ssize i = 0; i < kAllFields; i++) xdecref(items[i]);
  object_free(self);
  dealloc_type_ref(t);
}

Object* struct_time_new(Type*, Object* args, Object* kwargs) {
  Object* seq = nullptr;
  Object* dict = nullptr;
  ssize na = tuple_size(args);
  ssize nk = kwargs ? var_size(kwargs) : 0;
  // struct_time(sequence, dict=None)
  if (na + nk < 1 || na > 2)
    return set_errorf(&exc_TypeError, "struct_time() takes at most 2 arguments ({} given)", na + nk);
  if (na >= 1) seq = tuple_get(args, 0);
  if (na == 2) dict = tuple_get(args, 1);
  if (kwargs) {
    Object* v = nullptr;
    if (dict_get_str(kwargs, "sequence", &v) > 0) seq = v, decref(v);
    if (dict_get_str(kwargs, "dict", &v) > 0) dict = v, decref(v);
  }
  if (!seq) return set_error(&exc_TypeError, "struct_time() missing required argument 'sequence' (pos 1)");
  ORef items = steal(sequence_tuple(seq));
  if (!items) {
    if (error_matches(&exc_TypeError)) {
      error_clear();
      set_error(&exc_TypeError, "constructor requires a sequence");
    }
    return nullptr;
  }
  if (dict == none()) dict = nullptr;
  if (dict && !dict_check(dict))
    return set_errorf(&exc_TypeError, "time.struct_time() takes a dict as second arg, if any");
  ssize n = tuple_size(items.get());
  if (n < kVisibleFields)
    return set_errorf(&exc_TypeError, "time.struct_time() takes an at least {}-sequence ({}-sequence given)",
                      kVisibleFields, n);
  if (n > kAllFields)
    return set_errorf(&exc_TypeError, "time.struct_time() takes an at most {}-sequence ({}-sequence given)", kAllFields,
                      n);
  Object* o = struct_time_alloc();
  if (!o) return nullptr;
  for (ssize i = 0; i < kAllFields; i++) {
    Object* v = nullptr;
    if (i < n) {
      v = newref(tuple_get(items.get(), i));
    } else if (dict) {
      if (dict_get_str(dict, kFieldNames[i], &v) < 0) {
        decref(o);
        return nullptr;
      }
    }
    tuple_set(o, i, v ? v : newref(none()));
  }
  return o;
}

Object* struct_time_repr(Object* self) {
  std::string out = "time.struct_time(";
  for (ssize i = 0; i < kVisibleFields; i++) {
    std::string r;
    if (!repr_utf8(tuple_get(self, i), &r)) return nullptr;
    if (i) out += ", ";
    out += kFieldNames[i];
    out += '=';
    out += r;
  }
  out += ')';
  return str_from_utf8(out);
}

Object* struct_time_reduce(Object* self, Object*) {
  ORef visible = steal(tuple_from_array(tuple_items(self), kVisibleFields));
  ORef extra = steal(dict_new());
  if (!visible || !extra) return nullptr;
  for (ssize i = kVisibleFields; i < kAllFields; i++)
    if (dict_set_str(extra.get(), kFieldNames[i], tuple_get(self, i)) < 0) return nullptr;
  ORef inner = steal(tuple_pack({visible.get(), extra.get()}));
  if (!inner) return nullptr;
  return tuple_pack({reinterpret_cast<Object*>(&struct_time_type), inner.get()});
}

PyMethodDef struct_time_methods[] = {
    {"__reduce__", struct_time_reduce, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

Type struct_time_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "time.struct_time",
    .tp_basicsize = sizeof(PyTupleObject) - sizeof(Object*),
    .tp_itemsize = sizeof(Object*),
    .tp_dealloc = struct_time_dealloc,
    .tp_repr = struct_time_repr,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_TUPLE_SUBCLASS | Py_TPFLAGS_IMMUTABLETYPE,
    .tp_doc =
        "The time value as returned by gmtime(), localtime(), and strptime(), and\n"
        " accepted by asctime(), mktime() and strftime().  May be considered as a\n"
        " sequence of 9 integers.",
    .tp_methods = struct_time_methods,
    .tp_members = struct_time_members,
    .tp_base = &tuple_type,
    .tp_new = struct_time_new,
};

// Readies struct_time once and adds the struct-sequence class attributes.
int struct_time_ready() {
  static std::once_flag once;
  static int result = 0;
  std::call_once(once, [] {
    if (type_ready(&struct_time_type) < 0) {
      result = -1;
      return;
    }
    Object* d = struct_time_type.tp_dict;
    ORef nf = steal(int_from_i64(kAllFields));
    ORef ns = steal(int_from_i64(kVisibleFields));
    ORef nu = steal(int_from_i64(0));
    ORef match = steal(tuple_new(kVisibleFields));
    if (!nf || !ns || !nu || !match) {
      result = -1;
      return;
    }
    for (ssize i = 0; i < kVisibleFields; i++) tuple_set(match.get(), i, newref(str_interned(kFieldNames[i])));
    if (dict_set_str(d, "n_fields", nf.get()) < 0 || dict_set_str(d, "n_sequence_fields", ns.get()) < 0 ||
        dict_set_str(d, "n_unnamed_fields", nu.get()) < 0 || dict_set_str(d, "__match_args__", match.get()) < 0)
      result = -1;
  });
  return result;
}

// A struct_time from a C struct tm (the zone name and offset come from the C library's tm_zone/tm_gmtoff).
Object* struct_time_from_tm(const struct tm& tm) {
  Object* o = struct_time_alloc();
  if (!o) return nullptr;
  const long vals[kVisibleFields] = {tm.tm_year + 1900L, tm.tm_mon + 1L,        tm.tm_mday,      tm.tm_hour, tm.tm_min,
                                     tm.tm_sec,          (tm.tm_wday + 6L) % 7, tm.tm_yday + 1L, tm.tm_isdst};
  for (ssize i = 0; i < kVisibleFields; i++) {
    Object* v = int_from_i64(vals[i]);
    if (!v) {
      decref(o);
      return nullptr;
    }
    tuple_set(o, i, v);
  }
  Object* zone =
      tm.tm_zone ? str_decode(tm.tm_zone, ssize(std::strlen(tm.tm_zone)), "utf-8", "surrogateescape") : newref(none());
  Object* off = int_from_i64(tm.tm_gmtoff);
  tuple_set(o, 9, zone);
  tuple_set(o, 10, off);
  if (!zone || !off) {
    decref(o);
    return nullptr;
  }
  return o;
}

// ---- conversions ----

// A seconds argument as a C time_t, rounding floats toward minus infinity (CPython's _PyTime_ObjectToTime_t).
bool object_to_time_t(Object* o, time_t* out) {
  if (type_check(o, &float_type)) {
    double d = std::floor(float_value(o));
    if (std::isnan(d)) {
      set_error(&exc_ValueError, "Invalid value NaN (not a number)");
      return false;
    }
    if (!(d >= -9.2233720368547758e18 && d < 9.2233720368547758e18)) {
      set_error(&exc_OverflowError, "timestamp out of range for platform time_t");
      return false;
    }
    *out = time_t(d);
    return true;
  }
  ORef i = steal(number_index(o));
  if (!i) return false;
  int ovf = 0;
  int64_t v = int_as_i64(i.get(), &ovf);
  if (ovf) {
    set_error(&exc_OverflowError, "timestamp out of range for platform time_t");
    return false;
  }
  *out = time_t(v);
  return true;
}

// The optional `seconds` argument of gmtime/localtime/ctime: None or missing means now.
bool seconds_arg(const char* fname, Object* const* args, ssize nargs, Object* kwnames, time_t* out) {
  if (!check_positional(fname, nargs, kwnames, 0, 1)) return false;
  if (nargs == 0 || args[0] == none()) {
    *out = std::time(nullptr);
    return true;
  }
  return object_to_time_t(args[0], out);
}

// A time tuple (a 9-tuple of ints or a struct_time) as a struct tm, with CPython's field mapping; `fname` names the
// function in the "illegal time tuple argument" error.
bool tuple_to_tm(const char* fname, Object* t, struct tm* tm) {
  *tm = {};
  if (!type_check(t, &tuple_type)) {
    set_error(&exc_TypeError, "Tuple or struct_time argument required");
    return false;
  }
  if (tuple_size(t) != kVisibleFields) {
    set_errorf(&exc_TypeError, "{}(): illegal time tuple argument", fname);
    return false;
  }
  int v[kVisibleFields];
  for (ssize i = 0; i < kVisibleFields; i++) {
    Object* item = tuple_get(t, i);
    if (type_check(item, &float_type)) {
      set_error(&exc_TypeError, "'float' object cannot be interpreted as an integer");
      return false;
    }
    ORef idx = steal(number_index(item));
    if (!idx) return false;
    int ovf = 0;
    int64_t x = int_as_i64(idx.get(), &ovf);
    if (ovf || x < INT32_MIN || x > INT32_MAX) {
      set_error(&exc_OverflowError, "Python int too large to convert to C int");
      return false;
    }
    v[i] = int(x);
  }
  tm->tm_year = v[0] - 1900;
  tm->tm_mon = v[1] - 1;
  tm->tm_mday = v[2];
  tm->tm_hour = v[3];
  tm->tm_min = v[4];
  tm->tm_sec = v[5];
  tm->tm_wday = (v[6] + 1) % 7;
  if (tm->tm_wday < 0) tm->tm_wday += 7;
  tm->tm_yday = v[7] - 1;
  tm->tm_isdst = v[8];
  if (type_check_exact(t, &struct_time_type)) {
    Object* zone = tuple_get(t, 9);
    Object* off = tuple_get(t, 10);
    if (zone && zone != none() && type_check(zone, &str_type)) {
      // Keep the name alive in a thread-local copy for the struct tm's lifetime (the caller's call).
      thread_local std::string zone_copy;
      zone_copy = str_view(zone);
      tm->tm_zone = zone_copy.c_str();
    }
    if (off && off != none()) {
      int ovf = 0;
      if (type_check(off, &int_type)) tm->tm_gmtoff = long(int_as_i64(off, &ovf));
    }
  }
  return true;
}

// Range checks on a struct tm made by tuple_to_tm (CPython's checktm), normalising the "0 means default" fields.
bool check_tm(struct tm* tm) {
  if (tm->tm_mon == -1) {
    tm->tm_mon = 0;
  } else if (tm->tm_mon < 0 || tm->tm_mon > 11) {
    set_error(&exc_ValueError, "month out of range");
    return false;
  }
  if (tm->tm_mday == 0) {
    tm->tm_mday = 1;
  } else if (tm->tm_mday < 0 || tm->tm_mday > 31) {
    set_error(&exc_ValueError, "day of month out of range");
    return false;
  }
  if (tm->tm_hour < 0 || tm->tm_hour > 23) {
    set_error(&exc_ValueError, "hour out of range");
    return false;
  }
  if (tm->tm_min < 0 || tm->tm_min > 59) {
    set_error(&exc_ValueError, "minute out of range");
    return false;
  }
  if (tm->tm_sec < 0 || tm->tm_sec > 61) {
    set_error(&exc_ValueError, "seconds out of range");
    return false;
  }
  if (tm->tm_wday < 0) {
    set_error(&exc_ValueError, "day of week out of range");
    return false;
  }
  if (tm->tm_yday == -1) {
    tm->tm_yday = 0;
  } else if (tm->tm_yday < 0 || tm->tm_yday > 365) {
    set_error(&exc_ValueError, "day of year out of range");
    return false;
  }
  return true;
}

// The optional time tuple of asctime/strftime: missing or None means localtime(now).
bool tm_arg_or_now(const char* fname, Object* t, struct tm* tm) {
  if (!t || t == none()) {
    time_t now = std::time(nullptr);
    if (!localtime_r(&now, tm)) {
      raise_os_error(errno, static_cast<const char*>(nullptr));
      return false;
    }
    return true;
  }
  return tuple_to_tm(fname, t, tm) && check_tm(tm);
}

std::string asctime_text(const struct tm& tm) {
  static const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[128];
  std::snprintf(buf, sizeof buf, "%s %s%3d %.2d:%.2d:%.2d %d", kDays[tm.tm_wday], kMonths[tm.tm_mon], tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, 1900 + tm.tm_year);
  return buf;
}

// ---- clocks ----

bool read_clock(clockid_t id, struct timespec* ts) {
  if (clock_gettime(id, ts) != 0) {
    raise_os_error(errno, static_cast<const char*>(nullptr));
    return false;
  }
  return true;
}

Object* clock_seconds(clockid_t id) {
  struct timespec ts;
  if (!read_clock(id, &ts)) return nullptr;
  return float_from_double(double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9);
}

Object* clock_ns(clockid_t id) {
  struct timespec ts;
  if (!read_clock(id, &ts)) return nullptr;
  return int_from_i64(int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec);
}

Object* time_time(Object*, Object*) { return clock_seconds(CLOCK_REALTIME); }
Object* time_time_ns(Object*, Object*) { return clock_ns(CLOCK_REALTIME); }
Object* time_monotonic(Object*, Object*) { return clock_seconds(CLOCK_MONOTONIC); }
Object* time_monotonic_ns(Object*, Object*) { return clock_ns(CLOCK_MONOTONIC); }
Object* time_process_time(Object*, Object*) { return clock_seconds(CLOCK_PROCESS_CPUTIME_ID); }
Object* time_process_time_ns(Object*, Object*) { return clock_ns(CLOCK_PROCESS_CPUTIME_ID); }
Object* time_thread_time(Object*, Object*) { return clock_seconds(CLOCK_THREAD_CPUTIME_ID); }
Object* time_thread_time_ns(Object*, Object*) { return clock_ns(CLOCK_THREAD_CPUTIME_ID); }

bool clock_id_arg(Object* o, clockid_t* out) {
  if (!type_check(o, &int_type)) {
    set_errorf(&exc_TypeError, "clk_id should be integer, not {}", type_name(o));
    return false;
  }
  int ovf = 0;
  int64_t v = int_as_i64(o, &ovf);
  if (ovf || v < INT32_MIN || v > INT32_MAX) {
    set_error(&exc_OverflowError, "Python int too large to convert to C int");
    return false;
  }
  *out = clockid_t(v);
  return true;
}

Object* time_clock_gettime(Object*, Object* arg) {
  clockid_t id;
  return clock_id_arg(arg, &id) ? clock_seconds(id) : nullptr;
}
Object* time_clock_gettime_ns(Object*, Object* arg) {
  clockid_t id;
  return clock_id_arg(arg, &id) ? clock_ns(id) : nullptr;
}
Object* time_clock_getres(Object*, Object* arg) {
  clockid_t id;
  if (!clock_id_arg(arg, &id)) return nullptr;
  struct timespec ts;
  if (clock_getres(id, &ts) != 0) return raise_os_error(errno, static_cast<const char*>(nullptr));
  return float_from_double(double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9);
}

Object* time_clock_settime(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("clock_settime", nargs, kwnames, 2, 2)) return nullptr;
  clockid_t id;
  if (!clock_id_arg(args[0], &id)) return nullptr;
  bool ok = true;
  double secs = float_as_double(args[1], &ok);
  if (!ok) return nullptr;
  struct timespec ts;
  ts.tv_sec = time_t(std::floor(secs));
  ts.tv_nsec = long((secs - std::floor(secs)) * 1e9);
  if (clock_settime(id, &ts) != 0) return raise_os_error(errno, static_cast<const char*>(nullptr));
  return newref(none());
}

Object* time_clock_settime_ns(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("clock_settime_ns", nargs, kwnames, 2, 2)) return nullptr;
  clockid_t id;
  if (!clock_id_arg(args[0], &id)) return nullptr;
  ORef i = steal(number_index(args[1]));
  if (!i) return nullptr;
  int ovf = 0;
  int64_t ns = int_as_i64(i.get(), &ovf);
  if (ovf) return set_error(&exc_OverflowError, "timestamp too large to convert to C _PyTime_t");
  struct timespec ts;
  ts.tv_sec = time_t(ns / 1000000000);
  ts.tv_nsec = long(ns % 1000000000);
  if (ts.tv_nsec < 0) ts.tv_nsec += 1000000000, ts.tv_sec -= 1;
  if (clock_settime(id, &ts) != 0) return raise_os_error(errno, static_cast<const char*>(nullptr));
  return newref(none());
}

Object* time_pthread_getcpuclockid(Object*, Object* arg) {
  ORef i = steal(number_index(arg));
  if (!i) return nullptr;
  int ovf = 0;
  int64_t v = int_as_i64(i.get(), &ovf);
  if (ovf) return set_error(&exc_OverflowError, "Python int too large to convert to C unsigned long");
  clockid_t id;
  int err = pthread_getcpuclockid(pthread_t(v), &id);
  if (err) return raise_os_error(err, static_cast<const char*>(nullptr));
  return int_from_i64(id);
}

// sleep(secs): blocking. Interrupted on the main thread by a signal with a Python handler: the handler runs, and
// its exception (KeyboardInterrupt) ends the sleep; otherwise the sleep goes on for the time that remains.
Object* time_sleep(Object*, Object* arg) {
  double secs;
  if (type_check(arg, &float_type)) {
    secs = float_value(arg);
    if (std::isnan(secs)) return set_error(&exc_ValueError, "Invalid value NaN (not a number)");
  } else {
    ORef i = steal(number_index(arg));
    if (!i) return nullptr;
    bool ok = true;
    secs = int_as_double(i.get(), &ok);
    if (!ok) return nullptr;
  }
  if (secs < 0) return set_error(&exc_ValueError, "sleep length must be non-negative");
  if (secs > 9.2e9) return set_error(&exc_OverflowError, "timestamp too large to convert to C _PyTime_t");
  struct timespec req;
  req.tv_sec = time_t(secs);
  req.tv_nsec = long((secs - double(req.tv_sec)) * 1e9);
  if (req.tv_nsec >= 1000000000) req.tv_sec += 1, req.tv_nsec -= 1000000000;
  struct timespec rem;
  int err = 0;
  for (;;) {
    int r;
    {
      BlockingSection detached;  // other threads may stop the world meanwhile
      r = nanosleep(&req, &rem);
      err = r != 0 ? errno : 0;
    }
    if (r == 0) break;
    if (err != EINTR) break;
    err = 0;
    if (signals::run_pending() < 0) return nullptr;
    req = rem;
  }
  if (err) return raise_os_error(err, static_cast<const char*>(nullptr));
  return newref(none());
}

// ---- calendar functions ----

Object* time_gmtime(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  time_t t;
  if (!seconds_arg("gmtime", args, nargs, kwnames, &t)) return nullptr;
  struct tm tm;
  if (!gmtime_r(&t, &tm)) {
    if (errno == EOVERFLOW) return set_error(&exc_OverflowError, "timestamp out of range for platform time_t");
    return raise_os_error(errno, static_cast<const char*>(nullptr));
  }
  return struct_time_from_tm(tm);
}

Object* time_localtime(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  time_t t;
  if (!seconds_arg("localtime", args, nargs, kwnames, &t)) return nullptr;
  struct tm tm;
  if (!localtime_r(&t, &tm)) {
    if (errno == EOVERFLOW) return set_error(&exc_OverflowError, "timestamp out of range for platform time_t");
    return raise_os_error(errno, static_cast<const char*>(nullptr));
  }
  return struct_time_from_tm(tm);
}

Object* time_mktime(Object*, Object* arg) {
  struct tm tm;
  if (!tuple_to_tm("mktime", arg, &tm)) return nullptr;
  tm.tm_wday = -1;  // sentinel: mktime() leaves it alone on failure
  time_t t = std::mktime(&tm);
  if (t == time_t(-1) && tm.tm_wday == -1) return set_error(&exc_OverflowError, "mktime argument out of range");
  return float_from_double(double(t));
}

Object* time_asctime(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("asctime", nargs, kwnames, 0, 1)) return nullptr;
  struct tm tm;
  if (!tm_arg_or_now("asctime", nargs ? args[0] : nullptr, &tm)) return nullptr;
  return str_from_utf8(asctime_text(tm));
}

Object* time_ctime(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  time_t t;
  if (!seconds_arg("ctime", args, nargs, kwnames, &t)) return nullptr;
  struct tm tm;
  if (!localtime_r(&t, &tm)) return set_error(&exc_OverflowError, "timestamp out of range for platform time_t");
  return str_from_utf8(asctime_text(tm));
}

Object* time_strftime(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("strftime", nargs, kwnames, 1, 2)) return nullptr;
  if (!type_check(args[0], &str_type))
    return set_errorf(&exc_TypeError, "strftime() argument 1 must be str, not {}", type_name(args[0]));
  struct tm tm;
  if (nargs < 2 || args[1] == none()) {
    if (!tm_arg_or_now("strftime", nullptr, &tm)) return nullptr;
  } else {
    if (!tuple_to_tm("strftime", args[1], &tm)) return nullptr;
    // strftime accepts 0 for month, day of month and day of year (normalised to their first value).
    if (tm.tm_mon == -1) tm.tm_mon = 0;
    if (tm.tm_mday == 0) tm.tm_mday = 1;
    if (tm.tm_yday == -1) tm.tm_yday = 0;
    if (!check_tm(&tm)) return nullptr;
    if (tm.tm_isdst < -1) tm.tm_isdst = -1;
    if (tm.tm_isdst > 1) tm.tm_isdst = 1;
  }
  std::string fmt(str_view(args[0]));
  if (fmt.find('\0') != std::string::npos) return set_error(&exc_ValueError, "embedded null character");
  if (fmt.empty()) return str_empty();
  // An empty result is ambiguous (buffer too small, or really empty): grow the buffer up to 256x the format.
  std::string buf;
  for (size_t size = 1024;; size *= 2) {
    buf.resize(size);
    size_t n = std::strftime(buf.data(), size, fmt.c_str(), &tm);
    if (n > 0 || size >= 256 * fmt.size() + 1024) {
      buf.resize(n);
      break;
    }
  }
  return str_decode(buf.data(), ssize(buf.size()), "utf-8", "surrogateescape");
}

// strptime is the pure-Python _strptime._strptime_time, as in CPython.
Object* time_strptime(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("strptime", nargs, kwnames, 1, 2)) return nullptr;
  ORef mod = steal(import_module("_strptime"));
  if (!mod) return nullptr;
  ORef fn = steal(get_attr_str(mod.get(), "_strptime_time"));
  if (!fn) return nullptr;
  return call(fn.get(), args, size_t(nargs), nullptr);
}

// ---- timezone ----

Object* make_clock_info(const char* impl, bool monotonic, bool adjustable, clockid_t id) {
  struct timespec ts;
  double res = 1e-9;
  if (clock_getres(id, &ts) == 0) res = double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
  ORef kw = steal(dict_new());
  ORef impl_s = steal(str_from_utf8(impl));
  ORef res_f = steal(float_from_double(res));
  if (!kw || !impl_s || !res_f || dict_set_str(kw.get(), "implementation", impl_s.get()) < 0 ||
      dict_set_str(kw.get(), "monotonic", bool_obj(monotonic)) < 0 ||
      dict_set_str(kw.get(), "adjustable", bool_obj(adjustable)) < 0 ||
      dict_set_str(kw.get(), "resolution", res_f.get()) < 0)
    return nullptr;
  return namespace_new(kw.get());
}

Object* time_get_clock_info(Object*, Object* arg) {
  if (!type_check(arg, &str_type))
    return set_errorf(&exc_TypeError, "get_clock_info() argument must be str, not {}", type_name(arg));
  std::string_view name = str_view(arg);
  if (name == "time") return make_clock_info("clock_gettime(CLOCK_REALTIME)", false, true, CLOCK_REALTIME);
  if (name == "monotonic" || name == "perf_counter")
    return make_clock_info("clock_gettime(CLOCK_MONOTONIC)", true, false, CLOCK_MONOTONIC);
  if (name == "process_time")
    return make_clock_info("clock_gettime(CLOCK_PROCESS_CPUTIME_ID)", true, false, CLOCK_PROCESS_CPUTIME_ID);
  if (name == "thread_time")
    return make_clock_info("clock_gettime(CLOCK_THREAD_CPUTIME_ID)", true, false, CLOCK_THREAD_CPUTIME_ID);
  return set_error(&exc_ValueError, "unknown clock");
}

// Sets timezone, altzone, daylight and tzname in `d` from the offsets the C library reports for January and July
// of the current year (the way CPython's init_timezone probes them).
int set_timezone_attrs(Object* d) {
  tzset();
  time_t now = std::time(nullptr);
  struct tm cur;
  localtime_r(&now, &cur);
  int year = cur.tm_year;
  struct tm jan = {}, jul = {};
  jan.tm_year = jul.tm_year = year;
  jan.tm_mday = jul.tm_mday = 1;
  jul.tm_mon = 6;
  jan.tm_isdst = jul.tm_isdst = -1;
  time_t tjan = std::mktime(&jan), tjul = std::mktime(&jul);
  localtime_r(&tjan, &jan);
  localtime_r(&tjul, &jul);
  long jan_off = -jan.tm_gmtoff, jul_off = -jul.tm_gmtoff;
  std::string jan_name = jan.tm_zone ? jan.tm_zone : "", jul_name = jul.tm_zone ? jul.tm_zone : "";
  long tz, alt;
  std::string std_name, dst_name;
  if (jan_off < jul_off) {  // southern hemisphere: January is summer time
    tz = jul_off, alt = jan_off, std_name = jul_name, dst_name = jan_name;
  } else {
    tz = jan_off, alt = jul_off, std_name = jan_name, dst_name = jul_name;
  }
  ORef tz_o = steal(int_from_i64(tz));
  ORef alt_o = steal(int_from_i64(alt));
  ORef day_o = steal(int_from_i64(jan_off != jul_off));
  ORef s0 = steal(str_decode(std_name.data(), ssize(std_name.size()), "utf-8", "surrogateescape"));
  ORef s1 = steal(str_decode(dst_name.data(), ssize(dst_name.size()), "utf-8", "surrogateescape"));
  if (!tz_o || !alt_o || !day_o || !s0 || !s1) return -1;
  ORef names = steal(tuple_pack({s0.get(), s1.get()}));
  if (!names || dict_set_str(d, "timezone", tz_o.get()) < 0 || dict_set_str(d, "altzone", alt_o.get()) < 0 ||
      dict_set_str(d, "daylight", day_o.get()) < 0 || dict_set_str(d, "tzname", names.get()) < 0)
    return -1;
  return 0;
}

Object* time_tzset(Object* self, Object*) {
  if (set_timezone_attrs(module_dict(self)) < 0) return nullptr;
  return newref(none());
}

#define FAST(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(f))
PyMethodDef time_methods[] = {
    {"time", time_time, METH_NOARGS, nullptr},
    {"time_ns", time_time_ns, METH_NOARGS, nullptr},
    {"monotonic", time_monotonic, METH_NOARGS, nullptr},
    {"monotonic_ns", time_monotonic_ns, METH_NOARGS, nullptr},
    {"perf_counter", time_monotonic, METH_NOARGS, nullptr},
    {"perf_counter_ns", time_monotonic_ns, METH_NOARGS, nullptr},
    {"process_time", time_process_time, METH_NOARGS, nullptr},
    {"process_time_ns", time_process_time_ns, METH_NOARGS, nullptr},
    {"thread_time", time_thread_time, METH_NOARGS, nullptr},
    {"thread_time_ns", time_thread_time_ns, METH_NOARGS, nullptr},
    {"clock_gettime", time_clock_gettime, METH_O, nullptr},
    {"clock_gettime_ns", time_clock_gettime_ns, METH_O, nullptr},
    {"clock_getres", time_clock_getres, METH_O, nullptr},
    {"clock_settime", FAST(time_clock_settime), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"clock_settime_ns", FAST(time_clock_settime_ns), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"pthread_getcpuclockid", time_pthread_getcpuclockid, METH_O, nullptr},
    {"sleep", time_sleep, METH_O, nullptr},
    {"gmtime", FAST(time_gmtime), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"localtime", FAST(time_localtime), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"mktime", time_mktime, METH_O, nullptr},
    {"asctime", FAST(time_asctime), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"ctime", FAST(time_ctime), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"strftime", FAST(time_strftime), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"strptime", FAST(time_strptime), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"get_clock_info", time_get_clock_info, METH_O, nullptr},
    {"tzset", time_tzset, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
#undef FAST

}  // namespace

Object* create_time_module() {
  if (struct_time_ready() < 0) return nullptr;
  ORef m = steal(module_new(str_interned("time")));
  if (!m || module_add_functions(m.get(), time_methods) < 0) return nullptr;
  Object* d = module_dict(m.get());
  struct Const {
    const char* name;
    long value;
  };
  static const Const kConsts[] = {
      {"CLOCK_REALTIME", CLOCK_REALTIME},
      {"CLOCK_MONOTONIC", CLOCK_MONOTONIC},
      {"CLOCK_MONOTONIC_RAW", CLOCK_MONOTONIC_RAW},
      {"CLOCK_PROCESS_CPUTIME_ID", CLOCK_PROCESS_CPUTIME_ID},
      {"CLOCK_THREAD_CPUTIME_ID", CLOCK_THREAD_CPUTIME_ID},
      {"CLOCK_BOOTTIME", CLOCK_BOOTTIME},
      {"CLOCK_TAI", CLOCK_TAI},
      {"_STRUCT_TM_ITEMS", kAllFields},
  };
  for (const Const& c : kConsts) {
    ORef v = steal(int_from_i64(c.value));
    if (!v || dict_set_str(d, c.name, v.get()) < 0) return nullptr;
  }
  if (dict_set_str(d, "struct_time", reinterpret_cast<Object*>(&struct_time_type)) < 0) return nullptr;
  if (set_timezone_attrs(d) < 0) return nullptr;
  return m.release();
}

}  // namespace pyvm
