// _io.BufferedReader, BufferedWriter and BufferedRandom: a buffer over a raw stream, with CPython's buffer
// discipline (one window of the raw file holding read-ahead data and/or a dirty write region).
//
// Thread contract: every method runs inside the buffered object's critical section (declared in the method
// tables with locked<>/locked_fast<>), which plays the part of CPython's buffered lock. The raw stream is called
// inside that section: for an exact FileIO the read(2)/write(2) happens directly, otherwise through raw.readinto()
// / raw.write() with a memoryview of the buffer. So a read that blocks in the kernel holds the section; other
// threads using the same buffered object wait for it (as with CPython's lock), while other objects, and the raw
// FileIO itself, stay usable. Critical sections are not yet suspended while blocking (vm/sync/mutex.h, issue 6),
// so a thread blocked here must not be the one another thread needs to make progress on this object.
#include <cstdlib>
#include <cstring>
#include <string>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/buffer.h"
#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/memoryview.h"
#include "objects/methods.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/modules/io_internal.h"
#include "vm/sync/mutex.h"

namespace pyvm::io {

namespace {

struct Buffered {
  IOObject base;
  Object* raw;
  bool ok, detached, readable, writable, fast_closed_checks, finalizing;
  ssize buffer_size;
  char* buffer;
  ssize pos;       // logical position inside buffer
  ssize raw_pos;   // where the raw stream is, relative to buffer[0]; -1 unknown
  ssize read_end;  // end of read-ahead data; -1 none
  ssize write_pos, write_end;  // dirty region; write_end -1 none
  int64_t abs_pos;             // raw position of buffer[0]... the raw stream's absolute position; -1 unknown
};

Buffered* bf(Object* o) { return reinterpret_cast<Buffered*>(o); }

bool valid_read(Buffered* b) { return b->readable && b->read_end != -1; }
bool valid_write(Buffered* b) { return b->writable && b->write_end != -1; }
ssize readahead(Buffered* b) { return valid_read(b) ? b->read_end - b->pos : 0; }
ssize raw_offset(Buffered* b) {
  return ((valid_read(b) || valid_write(b)) && b->raw_pos >= 0) ? b->raw_pos - b->pos : 0;
}
void adjust_position(Buffered* b, ssize p) {
  b->pos = p;
  if (valid_read(b) && b->read_end < b->pos) b->read_end = b->pos;
}
ssize minus_last_block(Buffered* b, ssize size) { return b->buffer_size * (size / b->buffer_size); }
void reset_read(Buffered* b) { b->read_end = -1; }
void reset_write(Buffered* b) {
  b->write_pos = 0;
  b->write_end = -1;
}

bool check_init(Object* self) {
  if (!bf(self)->ok) {
    if (bf(self)->detached) set_error(&exc_ValueError, "raw stream has been detached");
    else set_error(&exc_ValueError, "I/O operation on uninitialized object");
    return false;
  }
  return true;
}

// raw.closed (1/0), -1 on error.
int raw_closed(Buffered* b) {
  if (b->fast_closed_checks) return fileio_fd(b->raw) < 0;
  return is_closed(b->raw);
}

// CPython's CHECK_CLOSED: a closed raw stream is an error only when no read-ahead data is left.
bool check_closed_msg(Object* self, const char* msg) {
  int c = raw_closed(bf(self));
  if (c < 0) return false;
  if (c && readahead(bf(self)) == 0) {
    set_error(&exc_ValueError, msg);
    return false;
  }
  return true;
}

int64_t raw_tell(Buffered* b) {
  ORef r = steal(call_method0(b->raw, str_interned("tell")));
  if (!r) return -1;
  ssize n = number_as_ssize(r.get(), &exc_ValueError);
  if (n == -1 && error_occurred()) return -1;
  if (n < 0) {
    set_errorf(&exc_OSError, "Raw stream returned invalid position {}", n);
    return -1;
  }
  b->abs_pos = n;
  return n;
}
int64_t raw_tell_cached(Buffered* b) { return b->abs_pos != -1 ? b->abs_pos : raw_tell(b); }

int64_t raw_seek(Buffered* b, int64_t target, int whence) {
  ORef t = steal(int_from_i64(target)), w = steal(int_from_i64(whence));
  if (!t || !w) return -1;
  Object* a[2] = {t.get(), w.get()};
  ORef r = steal(call_method(b->raw, str_interned("seek"), a, 2));
  if (!r) return -1;
  ssize n = number_as_ssize(r.get(), &exc_ValueError);
  if (n == -1 && error_occurred()) return -1;
  if (n < 0) {
    set_errorf(&exc_OSError, "Raw stream returned invalid position {}", n);
    return -1;
  }
  b->abs_pos = n;
  return n;
}

// One raw read into buf: the count, -2 when it would block, -1 on error.
ssize raw_read(Buffered* b, char* buf, ssize len) {
  ssize n;
  if (type_of(b->raw) == &fileio_type) {
    n = fileio_read_into(b->raw, buf, len);
    if (n < 0) return n;
  } else {
    ORef view = steal(memory_view(buf, len, false));
    if (!view) return -1;
    ORef r = steal(call_method1(b->raw, str_interned("readinto"), view.get()));
    release_view(view.get());
    if (!r) return -1;
    if (r.get() == none()) return -2;
    n = number_as_ssize(r.get(), &exc_ValueError);
    if (n == -1 && error_occurred()) return -1;
    if (n < 0 || n > len) {
      set_errorf(&exc_OSError, "raw readinto() returned invalid length {} (should have been between 0 and {})", n,
                 len);
      return -1;
    }
  }
  if (n > 0 && b->abs_pos != -1) b->abs_pos += n;
  return n;
}

ssize raw_write(Buffered* b, const char* buf, ssize len) {
  ssize n;
  if (type_of(b->raw) == &fileio_type) {
    n = fileio_write_from(b->raw, buf, len);
    if (n < 0) return n;
  } else {
    ORef view = steal(memory_view(const_cast<char*>(buf), len, true));
    if (!view) return -1;
    ORef r = steal(call_method1(b->raw, str_interned("write"), view.get()));
    release_view(view.get());
    if (!r) return -1;
    if (r.get() == none()) return -2;
    n = number_as_ssize(r.get(), &exc_ValueError);
    if (n == -1 && error_occurred()) return -1;
    if (n < 0 || n > len) {
      set_errorf(&exc_OSError, "raw write() returned invalid length {} (should have been between 0 and {})", n, len);
      return -1;
    }
  }
  if (n > 0 && b->abs_pos != -1) b->abs_pos += n;
  return n;
}

std::nullptr_t blocking_error(const char* msg, ssize written) {
  ORef e = steal(int_from_i64(EAGAIN)), m = steal(str_from_utf8(msg)), w = steal(int_from_i64(written));
  if (!e || !m || !w) return nullptr;
  Object* a[3] = {e.get(), m.get(), w.get()};
  ORef exc = steal(call(reinterpret_cast<Object*>(&exc_BlockingIOError), a, 3, nullptr));
  if (exc) set_error_object(exc.get());
  return nullptr;
}

ssize fill_buffer(Buffered* b) {
  ssize start = valid_read(b) ? b->read_end : 0;
  ssize n = raw_read(b, b->buffer + start, b->buffer_size - start);
  if (n <= 0) return n;
  b->read_end = start + n;
  b->raw_pos = start + n;
  return n;
}

// Writes the dirty region out; afterwards no write buffer is valid. -1 with an error.
int flush_unlocked(Buffered* b) {
  if (valid_write(b) && b->write_pos != b->write_end) {
    ssize rewind = raw_offset(b) + (b->pos - b->write_pos);
    if (rewind != 0) {
      if (raw_seek(b, -rewind, 1) < 0) return -1;
      b->raw_pos -= rewind;
    }
    while (b->write_pos < b->write_end) {
      ssize n = raw_write(b, b->buffer + b->write_pos, b->write_end - b->write_pos);
      if (n == -1) return -1;
      if (n == -2) {
        blocking_error("write could not complete without blocking", 0);
        return -1;
      }
      b->write_pos += n;
      b->raw_pos = b->write_pos;
    }
  }
  reset_write(b);
  return 0;
}

int flush_and_rewind(Buffered* b) {
  if (flush_unlocked(b) < 0) return -1;
  if (b->readable) {
    int64_t n = raw_seek(b, -raw_offset(b), 1);
    reset_read(b);
    if (n < 0) return -1;
  }
  return 0;
}

// ---- init ----

int buffered_init_common(Object* self, Object* args, Object* kwds, const char* fname, bool readable, bool writable) {
  Object* a[2] = {};
  if (!parse_tuple_dict(fname, args, kwds, {"raw", "buffer_size"}, 1, a)) return -1;
  Buffered* b = bf(self);
  b->ok = false;
  b->detached = false;
  Object* raw = a[0];
  if (writable && readable && check_seekable(raw) < 0) return -1;
  if (readable && check_readable(raw) < 0) return -1;
  if (writable && check_writable(raw) < 0) return -1;
  ssize size = kDefaultBufferSize;
  if (a[1] && !ssize_arg(a[1], &size)) return -1;
  if (size <= 0) {
    set_error(&exc_ValueError, "buffer size must be strictly positive");
    return -1;
  }
  sync::CriticalSection cs(self);
  set_slot(&b->raw, newref(raw));
  b->readable = readable;
  b->writable = writable;
  char* mem = static_cast<char*>(std::realloc(b->buffer, size_t(size)));
  if (!mem) {
    no_memory();
    return -1;
  }
  b->buffer = mem;
  b->buffer_size = size;
  b->abs_pos = -1;
  if (raw_tell(b) < 0) error_clear();
  b->pos = 0;
  b->raw_pos = 0;
  reset_read(b);
  reset_write(b);
  Type* t = type_of(self);
  b->fast_closed_checks = (t == &bufferedreader_type || t == &bufferedwriter_type || t == &bufferedrandom_type) &&
                          type_of(raw) == &fileio_type;
  b->ok = true;
  if (writable) exit_flush_register(self, false);
  return 0;
}

int reader_init(Object* self, Object* args, Object* kwds) {
  return buffered_init_common(self, args, kwds, "BufferedReader", true, false);
}
int writer_init(Object* self, Object* args, Object* kwds) {
  return buffered_init_common(self, args, kwds, "BufferedWriter", false, true);
}
int random_init(Object* self, Object* args, Object* kwds) {
  return buffered_init_common(self, args, kwds, "BufferedRandom", true, true);
}

Object* buffered_new(Type* t, Object*, Object*) { return new_object(t, size_t(t->tp_basicsize)); }

// ---- reading ----

Object* read_fast(Buffered* b, ssize n) {
  if (n > readahead(b)) return nullptr;
  Object* r = bytes_from(b->buffer + b->pos, n);
  if (r) b->pos += n;
  return r;
}

Object* read_all(Buffered* b) {
  std::string data;
  ssize current = readahead(b);
  if (current > 0) data.assign(b->buffer + b->pos, size_t(current));
  b->pos += current;
  if (b->writable && flush_and_rewind(b) < 0) return nullptr;
  reset_read(b);
  Object* readall = nullptr;
  if (get_attr_optional(b->raw, str_interned("readall"), &readall) < 0) return nullptr;
  if (readall) {
    ORef fn = steal(readall);
    ORef tmp = steal(call0(readall));
    if (!tmp) return nullptr;
    if (tmp.get() != none() && !type_check(tmp.get(), &bytes_type))
      return set_error(&exc_TypeError, "readall() should return bytes");
    if (current == 0) return tmp.release();
    if (tmp.get() != none()) data.append(bytes_view(tmp.get()));
    return bytes_from(data.data(), ssize(data.size()));
  }
  for (;;) {
    ORef chunk = steal(call_method0(b->raw, str_interned("read")));
    if (!chunk) return nullptr;
    if (chunk.get() != none() && !type_check(chunk.get(), &bytes_type))
      return set_error(&exc_TypeError, "read() should return bytes");
    if (chunk.get() == none() || bytes_size(chunk.get()) == 0) {
      if (current == 0) return chunk.release();
      return bytes_from(data.data(), ssize(data.size()));
    }
    current += bytes_size(chunk.get());
    data.append(bytes_view(chunk.get()));
  }
}

Object* read_generic(Buffered* b, ssize n) {
  ssize current = readahead(b);
  if (n <= current) return read_fast(b, n);
  ReadBuffer out;
  if (!out.alloc(size_t(n))) return nullptr;
  ssize remaining = n, written = 0;
  if (current > 0) {
    std::memcpy(out.data(), b->buffer + b->pos, size_t(current));
    remaining -= current;
    written += current;
    b->pos += current;
  }
  if (b->writable && flush_unlocked(b) < 0) return nullptr;
  reset_read(b);
  auto finish_short = [&](ssize r) -> Object* {
    if (r == 0 || written > 0) return bytes_from(out.data(), written);
    return newref(none());
  };
  while (remaining > 0) {
    ssize r = minus_last_block(b, remaining);
    if (r == 0) break;
    r = raw_read(b, out.data() + written, r);
    if (r == -1) return nullptr;
    if (r == 0 || r == -2) return finish_short(r);
    remaining -= r;
    written += r;
  }
  b->pos = 0;
  b->raw_pos = 0;
  b->read_end = 0;
  while (remaining > 0 && b->read_end < b->buffer_size) {
    ssize r = fill_buffer(b);
    if (r == -1) return nullptr;
    if (r == 0 || r == -2) return finish_short(r);
    ssize take = remaining > r ? r : remaining;
    std::memcpy(out.data() + written, b->buffer + b->pos, size_t(take));
    written += take;
    b->pos += take;
    remaining -= take;
  }
  return bytes_from(out.data(), written);
}

Object* peek_unlocked(Buffered* b) {
  ssize have = readahead(b);
  if (have > 0) return bytes_from(b->buffer + b->pos, have);
  reset_read(b);
  ssize r = fill_buffer(b);
  if (r == -1) return nullptr;
  if (r == -2) r = 0;
  b->pos = 0;
  return bytes_from(b->buffer, r);
}

Object* buffered_read(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[1] = {};
  if (!parse_args("read", args, nargs, kwnames, {"/size"}, 0, a)) return nullptr;
  if (!check_init(self)) return nullptr;
  ssize n;
  if (!size_arg(a[0], &n)) return nullptr;
  if (n < -1) return set_error(&exc_ValueError, "read length must be non-negative or -1");
  if (!check_closed_msg(self, "read of closed file")) return nullptr;
  if (n == -1) return read_all(bf(self));
  if (Object* r = read_fast(bf(self), n)) return r;
  if (error_occurred()) return nullptr;
  return read_generic(bf(self), n);
}

Object* buffered_read1(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[1] = {};
  if (!parse_args("read1", args, nargs, kwnames, {"/size"}, 0, a)) return nullptr;
  if (!check_init(self)) return nullptr;
  Buffered* b = bf(self);
  ssize n;
  if (!size_arg(a[0], &n)) return nullptr;
  if (n < 0) n = b->buffer_size;
  if (!check_closed_msg(self, "read of closed file")) return nullptr;
  if (n == 0) return newref(bytes_empty());
  ssize have = readahead(b);
  if (have > 0) return read_fast(b, n < have ? n : have);
  if (b->writable && flush_and_rewind(b) < 0) return nullptr;
  reset_read(b);
  ReadBuffer out;
  if (!out.alloc(size_t(n))) return nullptr;
  ssize r = raw_read(b, out.data(), n);
  if (r == -1) return nullptr;
  if (r == -2) r = 0;
  return bytes_from(out.data(), r);
}

Object* readinto_generic(Object* self, Object* arg, bool readinto1) {
  if (!check_init(self)) return nullptr;
  BufferHold view;
  if (view.get(arg, PyBUF_WRITABLE) < 0) return nullptr;
  if (!check_closed_msg(self, "readinto of closed file")) return nullptr;
  Buffered* b = bf(self);
  char* out = static_cast<char*>(view->buf);
  ssize len = view->len;
  ssize written = 0;
  ssize n = readahead(b);
  if (n > 0) {
    if (n >= len) {
      std::memcpy(out, b->buffer + b->pos, size_t(len));
      b->pos += len;
      return int_from_i64(len);
    }
    std::memcpy(out, b->buffer + b->pos, size_t(n));
    b->pos += n;
    written = n;
  }
  if (b->writable && flush_and_rewind(b) < 0) return nullptr;
  reset_read(b);
  b->pos = 0;
  for (ssize remaining = len - written; remaining > 0; written += n, remaining -= n) {
    if (remaining > b->buffer_size) {
      n = raw_read(b, out + written, remaining);
    } else if (!(readinto1 && written)) {
      n = fill_buffer(b);
      if (n > 0) {
        if (n > remaining) n = remaining;
        std::memcpy(out + written, b->buffer + b->pos, size_t(n));
        b->pos += n;
        continue;
      }
    } else {
      n = 0;
    }
    if (n == 0 || (n == -2 && written > 0)) break;
    if (n < 0) {
      if (n == -2) return newref(none());
      return nullptr;
    }
    if (readinto1) {
      written += n;
      break;
    }
  }
  return int_from_i64(written);
}
Object* buffered_readinto(Object* self, Object* arg) { return readinto_generic(self, arg, false); }
Object* buffered_readinto1(Object* self, Object* arg) { return readinto_generic(self, arg, true); }

Object* readline_unlocked(Object* self, ssize limit) {
  if (!check_closed_msg(self, "readline of closed file")) return nullptr;
  Buffered* b = bf(self);
  ssize n = readahead(b);
  if (limit >= 0 && n > limit) n = limit;
  const char* start = b->buffer + b->pos;
  if (n > 0) {
    const void* s = std::memchr(start, '\n', size_t(n));
    if (s) {
      ssize k = static_cast<const char*>(s) - start + 1;
      Object* r = bytes_from(start, k);
      if (r) b->pos += k;
      return r;
    }
  }
  if (n == limit) {
    Object* r = bytes_from(start, n);
    if (r) b->pos += n;
    return r;
  }
  std::string line;
  if (n > 0) {
    line.assign(start, size_t(n));
    b->pos += n;
    if (limit >= 0) limit -= n;
  }
  if (b->writable && flush_unlocked(b) < 0) return nullptr;
  for (;;) {
    reset_read(b);
    ssize got = fill_buffer(b);
    if (got == -1) return nullptr;
    if (got <= 0) break;
    if (limit >= 0 && got > limit) got = limit;
    const void* s = std::memchr(b->buffer, '\n', size_t(got));
    if (s) {
      ssize k = static_cast<const char*>(s) - b->buffer + 1;
      line.append(b->buffer, size_t(k));
      b->pos = k;
      break;
    }
    line.append(b->buffer, size_t(got));
    if (got == limit) {
      b->pos = got;
      break;
    }
    if (limit >= 0) limit -= got;
  }
  return bytes_from(line.data(), ssize(line.size()));
}

Object* buffered_readline(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[1] = {};
  if (!parse_args("readline", args, nargs, kwnames, {"/size"}, 0, a)) return nullptr;
  if (!check_init(self)) return nullptr;
  ssize limit;
  if (!size_arg(a[0], &limit)) return nullptr;
  return readline_unlocked(self, limit);
}

Object* buffered_peek(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[1] = {};
  if (!parse_args("peek", args, nargs, kwnames, {"/size"}, 0, a)) return nullptr;
  if (!check_init(self)) return nullptr;
  if (a[0]) {
    ssize ignored;
    if (!ssize_arg(a[0], &ignored)) return nullptr;
  }
  if (!check_closed_msg(self, "peek of closed file")) return nullptr;
  if (bf(self)->writable && flush_and_rewind(bf(self)) < 0) return nullptr;
  return peek_unlocked(bf(self));
}

// ---- writing ----

Object* buffered_write(Object* self, Object* arg) {
  if (!check_init(self)) return nullptr;
  BufferHold view;
  if (view.get(arg, PyBUF_SIMPLE) < 0) return nullptr;
  Buffered* b = bf(self);
  int c = raw_closed(b);
  if (c < 0) return nullptr;
  if (c) return set_error(&exc_ValueError, "write to closed file");
  const char* data = static_cast<const char*>(view->buf);
  ssize len = view->len;
  if (!valid_read(b) && !valid_write(b)) {
    b->pos = 0;
    b->raw_pos = 0;
  }
  ssize avail = b->buffer_size - b->pos;
  if (len <= avail) {
    std::memcpy(b->buffer + b->pos, data, size_t(len));
    if (!valid_write(b) || b->write_pos > b->pos) b->write_pos = b->pos;
    adjust_position(b, b->pos + len);
    if (b->pos > b->write_end) b->write_end = b->pos;
    return int_from_i64(len);
  }
  if (flush_unlocked(b) < 0) {
    if (!error_matches(&exc_BlockingIOError)) return nullptr;
    if (b->readable) reset_read(b);
    // Make some room by shifting the unwritten data to the front.
    std::memmove(b->buffer, b->buffer + b->write_pos, size_t(b->write_end - b->write_pos));
    b->write_end -= b->write_pos;
    b->raw_pos -= b->write_pos;
    b->pos -= b->write_pos;
    b->write_pos = 0;
    avail = b->buffer_size - b->write_end;
    if (len <= avail) {
      error_clear();
      std::memcpy(b->buffer + b->write_end, data, size_t(len));
      b->write_end += len;
      b->pos += len;
      return int_from_i64(len);
    }
    error_clear();
    std::memcpy(b->buffer + b->write_end, data, size_t(avail));
    b->write_end += avail;
    b->pos += avail;
    return blocking_error("write could not complete without blocking", avail);
  }
  ssize offset = raw_offset(b);
  if (offset != 0) {
    if (raw_seek(b, -offset, 1) < 0) return nullptr;
    b->raw_pos -= offset;
  }
  ssize remaining = len, written = 0;
  while (remaining > b->buffer_size) {
    ssize n = raw_write(b, data + written, len - written);
    if (n == -1) return nullptr;
    if (n == -2) {
      if (remaining > b->buffer_size) {
        std::memcpy(b->buffer, data + written, size_t(b->buffer_size));
        b->raw_pos = 0;
        adjust_position(b, b->buffer_size);
        b->write_end = b->buffer_size;
        written += b->buffer_size;
        return blocking_error("write could not complete without blocking", written);
      }
      break;
    }
    written += n;
    remaining -= n;
  }
  if (b->readable) reset_read(b);
  if (remaining > 0) {
    std::memcpy(b->buffer, data + written, size_t(remaining));
    written += remaining;
  }
  b->write_pos = 0;
  b->write_end = remaining;
  adjust_position(b, remaining);
  b->raw_pos = 0;
  return int_from_i64(written);
}

Object* buffered_flush(Object* self, Object*) {
  if (!check_init(self)) return nullptr;
  if (!check_closed_msg(self, "flush of closed file")) return nullptr;
  if (flush_and_rewind(bf(self)) < 0) return nullptr;
  return newref(none());
}

// BufferedReader.flush: the raw stream's flush (a reader has no dirty data to write).
Object* buffered_simple_flush(Object* self, Object*) {
  if (!check_init(self)) return nullptr;
  return call_method0(bf(self)->raw, str_interned("flush"));
}

// ---- positioning ----

Object* buffered_tell(Object* self, Object*) {
  if (!check_init(self)) return nullptr;
  int64_t pos = raw_tell(bf(self));
  if (pos < 0) return nullptr;
  pos -= raw_offset(bf(self));
  if (pos < 0) pos = 0;
  return int_from_i64(pos);
}

Object* buffered_seek(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[2] = {};
  if (!parse_args("seek", args, nargs, kwnames, {"target", "/whence"}, 1, a)) return nullptr;
  if (!check_init(self)) return nullptr;
  int whence = 0;
  if (a[1] && !int_arg(a[1], &whence)) return nullptr;
  if (whence < 0 || whence > 4) return set_errorf(&exc_ValueError, "whence value {} unsupported", whence);
  if (!check_closed_msg(self, "seek of closed file")) return nullptr;
  Buffered* b = bf(self);
  if (check_seekable(b->raw) < 0) return nullptr;
  ssize target = number_as_ssize(a[0], &exc_ValueError);
  if (target == -1 && error_occurred()) return nullptr;
  if ((whence == 0 || whence == 1) && b->readable) {
    int64_t current = raw_tell_cached(b);
    if (current < 0) return nullptr;
    ssize avail = readahead(b);
    if (avail > 0) {
      int64_t offset = whence == 0 ? target - (current - raw_offset(b)) : target;
      if (offset >= -b->pos && offset <= avail) {
        b->pos += ssize(offset);
        return int_from_i64(current - avail + offset);
      }
    }
  }
  if (b->writable && flush_unlocked(b) < 0) return nullptr;
  if (whence == 1) target -= raw_offset(b);
  int64_t n = raw_seek(b, target, whence);
  if (n < 0) return nullptr;
  b->raw_pos = -1;
  if (b->readable) reset_read(b);
  return int_from_i64(n);
}

Object* buffered_truncate(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[1] = {};
  if (!parse_args("truncate", args, nargs, kwnames, {"/pos"}, 0, a)) return nullptr;
  if (!check_init(self)) return nullptr;
  if (!check_closed_msg(self, "truncate of closed file")) return nullptr;
  Buffered* b = bf(self);
  if (!b->writable) return unsupported("truncate");
  if (flush_and_rewind(b) < 0) return nullptr;
  ORef r = steal(call_method1(b->raw, str_interned("truncate"), a[0] ? a[0] : none()));
  if (!r) return nullptr;
  if (raw_tell(b) < 0) error_clear();
  return r.release();
}

// ---- closing and the raw stream's properties ----

Object* buffered_close(Object* self, Object*) {
  if (!check_init(self)) return nullptr;
  Buffered* b = bf(self);
  int c = raw_closed(b);
  if (c < 0) return nullptr;
  if (c) return newref(none());
  ORef r = steal(call_method0(self, str_interned("flush")));
  ORef exc = steal(error_take());
  ORef raw = borrow(b->raw);
  ORef r2 = steal(call_method0(raw.get(), str_interned("close")));
  std::free(b->buffer);
  b->buffer = nullptr;
  b->buffer_size = 0;
  b->read_end = -1;
  reset_write(b);
  if (exc) {
    if (!r2) {
      ORef second = steal(error_take());
      exception_set_context(second.get(), exc.release());
      set_error_steal(second.release());
    } else {
      set_error_steal(exc.release());
    }
    return nullptr;
  }
  return r2.release();
}

Object* buffered_detach(Object* self, Object*) {
  if (!check_init(self)) return nullptr;
  ORef r = steal(call_method0(self, str_interned("flush")));
  if (!r) return nullptr;
  Buffered* b = bf(self);
  Object* raw = b->raw;
  b->raw = nullptr;
  b->detached = true;
  b->ok = false;
  return raw;
}

Object* forward0(Object* self, const char* name) {
  if (!check_init(self)) return nullptr;
  return call_method0(bf(self)->raw, str_interned(name));
}
Object* buffered_seekable(Object* self, Object*) { return forward0(self, "seekable"); }
Object* buffered_readable(Object* self, Object*) { return forward0(self, "readable"); }
Object* buffered_writable(Object* self, Object*) { return forward0(self, "writable"); }
Object* buffered_fileno(Object* self, Object*) { return forward0(self, "fileno"); }
Object* buffered_isatty(Object* self, Object*) { return forward0(self, "isatty"); }

Object* buffered_getstate(Object* self, Object*) {
  return set_errorf(&exc_TypeError, "cannot pickle '{}' instances", type_name(self));
}

Object* get_raw_attr(Object* self, const char* name) {
  sync::CriticalSection cs(self);
  if (!check_init(self)) return nullptr;
  return get_attr_str(bf(self)->raw, name);
}
Object* buffered_get_closed(Object* self, void*) { return get_raw_attr(self, "closed"); }
Object* buffered_get_name(Object* self, void*) { return get_raw_attr(self, "name"); }
Object* buffered_get_mode(Object* self, void*) { return get_raw_attr(self, "mode"); }
Object* buffered_get_raw(Object* self, void*) {
  sync::CriticalSection cs(self);
  return newref(bf(self)->raw ? bf(self)->raw : none());
}

Object* buffered_repr(Object* self) {
  const char* tname = type_of(self)->tp_name;
  Object* name = nullptr;
  if (get_attr_optional(self, str_interned("name"), &name) < 0) {
    if (!error_matches(&exc_ValueError)) return nullptr;
    error_clear();  // a detached buffer has no name
  }
  if (!name) return str_from_utf8(fmt::format("<{}>", tname));
  ORef n = steal(name);
  int rc = repr_enter(self);
  if (rc < 0) return nullptr;
  if (rc > 0) return set_errorf(&exc_RuntimeError, "reentrant call inside {}.__repr__", tname);
  std::string text;
  bool ok = repr_utf8(name, &text);
  repr_leave(self);
  if (!ok) return nullptr;
  return str_from_utf8(fmt::format("<{} name={}>", tname, text));
}

Object* buffered_iternext(Object* self) {
  ORef line;
  Type* t = type_of(self);
  if (t == &bufferedreader_type || t == &bufferedrandom_type) {
    sync::CriticalSection cs(self);
    if (!check_init(self)) return nullptr;
    line = steal(readline_unlocked(self, -1));
  } else {
    line = steal(call_method0(self, str_interned("readline")));
    if (line && !type_check(line.get(), &bytes_type))
      return set_errorf(&exc_OSError, "readline() should have returned a bytes object, not '{}'",
                        type_name(line.get()));
  }
  if (!line || bytes_size(line.get()) == 0) return nullptr;
  return line.release();
}

void buffered_dealloc(Object* self) {
  exit_flush_unregister(self);
  bf(self)->finalizing = true;
  if (!finalize(self)) return;
  Buffered* b = bf(self);
  std::free(b->buffer);
  b->buffer = nullptr;
  xdecref(b->raw);
  b->raw = nullptr;
  dealloc_common(self);
}

#define L(f) locked<f>
#define LK(f) as_cfunc(locked_fast<f>), METH_FASTCALL | METH_KEYWORDS
#define COMMON_METHODS                                                   \
  {"detach", L(buffered_detach), METH_NOARGS, nullptr},                  \
      {"close", L(buffered_close), METH_NOARGS, nullptr},                \
      {"seekable", L(buffered_seekable), METH_NOARGS, nullptr},          \
      {"fileno", L(buffered_fileno), METH_NOARGS, nullptr},              \
      {"isatty", L(buffered_isatty), METH_NOARGS, nullptr},              \
      {"seek", LK(buffered_seek), nullptr}, {"tell", L(buffered_tell), METH_NOARGS, nullptr}, \
      {"truncate", LK(buffered_truncate), nullptr},                      \
      {"__getstate__", buffered_getstate, METH_NOARGS, nullptr}
#define READ_METHODS                                                          \
  {"read", LK(buffered_read), nullptr}, {"peek", LK(buffered_peek), nullptr}, \
      {"read1", LK(buffered_read1), nullptr},                                 \
      {"readinto", L(buffered_readinto), METH_O, nullptr},                    \
      {"readinto1", L(buffered_readinto1), METH_O, nullptr},                  \
      {"readline", LK(buffered_readline), nullptr}

PyMethodDef reader_methods[] = {COMMON_METHODS, READ_METHODS,
                                {"readable", L(buffered_readable), METH_NOARGS, nullptr},
                                {"flush", L(buffered_simple_flush), METH_NOARGS, nullptr},
                                {nullptr, nullptr, 0, nullptr}};
PyMethodDef writer_methods[] = {COMMON_METHODS, {"write", L(buffered_write), METH_O, nullptr},
                                {"writable", L(buffered_writable), METH_NOARGS, nullptr},
                                {"flush", L(buffered_flush), METH_NOARGS, nullptr},
                                {nullptr, nullptr, 0, nullptr}};
PyMethodDef random_methods[] = {COMMON_METHODS, READ_METHODS, {"write", L(buffered_write), METH_O, nullptr},
                                {"readable", L(buffered_readable), METH_NOARGS, nullptr},
                                {"writable", L(buffered_writable), METH_NOARGS, nullptr},
                                {"flush", L(buffered_flush), METH_NOARGS, nullptr},
                                {nullptr, nullptr, 0, nullptr}};
#undef COMMON_METHODS
#undef READ_METHODS
#undef L
#undef LK

PyGetSetDef buffered_getset[] = {
    {"closed", buffered_get_closed, nullptr, nullptr, nullptr},
    {"name", buffered_get_name, nullptr, nullptr, nullptr},
    {"mode", buffered_get_mode, nullptr, nullptr, nullptr},
    {"raw", buffered_get_raw, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

#define BUFFERED_TYPE(var, name, methods, init, iternext)    \
  Type var = {                                               \
      .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),    \
      .tp_name = name,                                       \
      .tp_basicsize = sizeof(Buffered),                      \
      .tp_dealloc = buffered_dealloc,                        \
      .tp_repr = buffered_repr,                              \
      .tp_getattro = generic_getattr,                        \
      .tp_setattro = generic_setattr,                        \
      .tp_flags = Py_TPFLAGS_BASETYPE,                       \
      .tp_weaklistoffset = offsetof(IOObject, weakreflist),  \
      .tp_iternext = iternext,                               \
      .tp_methods = methods,                                 \
      .tp_getset = buffered_getset,                          \
      .tp_base = &bufferediobase_type,                       \
      .tp_dictoffset = offsetof(IOObject, dict),             \
      .tp_init = init,                                       \
      .tp_new = buffered_new,                                \
  };

BUFFERED_TYPE(bufferedreader_type, "_io.BufferedReader", reader_methods, reader_init, buffered_iternext)
BUFFERED_TYPE(bufferedwriter_type, "_io.BufferedWriter", writer_methods, writer_init, nullptr)
BUFFERED_TYPE(bufferedrandom_type, "_io.BufferedRandom", random_methods, random_init, buffered_iternext)
#undef BUFFERED_TYPE

}  // namespace pyvm::io
