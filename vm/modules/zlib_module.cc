// The zlib module on the system's libz: one-shot compress/decompress, the streaming Compress and Decompress
// objects, _ZlibDecompressor (what gzip reads with), the crc32/adler32 checksums and zlib's constants.
//
// Thread-safety contract: a z_stream is not safe to use from two threads at once, so every method of Compress,
// Decompress and _ZlibDecompressor runs inside that object's critical section (declared in the method tables with
// locked<>/locked_fast<>), and so do the getters that read the Python-visible state beside the stream (unused_data,
// unconsumed_tail, eof, needs_input). copy() locks only the source object: the new object is not yet shared. The
// one-shot functions and the checksums use a z_stream on the C++ stack, so they share nothing. The data argument's
// buffer is acquired before the section is entered and released after it ends; a bytearray argument is pinned by its
// export count meanwhile, not by its lock, so compressing a bytearray into itself cannot deadlock.
#include <zlib.h>

#include <climits>
#include <cstring>
#include <string>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/buffer.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/methods.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/types.h"
#include "vm/modules/io_internal.h"
#include "vm/modules/modules.h"

namespace pyvm {
namespace {

constexpr int kDefMemLevel = 8;
constexpr ssize kDefBufSize = 16384;

Object* g_error = nullptr;  // zlib.error

// CPython's zlib_error: "Error <err> <what>: <message>", the message from the stream or a fallback for the codes
// that zlib leaves without one.
std::nullptr_t zlib_error(const z_stream& zs, int err, const char* what) {
  const char* msg = nullptr;
  if (err == Z_VERSION_ERROR) msg = "library version mismatch";
  if (!msg) msg = zs.msg;
  if (!msg) {
    switch (err) {
      case Z_BUF_ERROR:
        msg = "incomplete or truncated stream";
        break;
      case Z_STREAM_ERROR:
        msg = "inconsistent stream state";
        break;
      case Z_DATA_ERROR:
        msg = "invalid input data";
        break;
      default:
        break;
    }
  }
  Type* t = reinterpret_cast<Type*>(g_error);
  if (!msg) return set_errorf(t, "Error {} {}", err, what);
  return set_errorf(t, "Error {} {}: {:.200}", err, what, msg);
}

// An output buffer that grows as zlib fills it, optionally up to a limit.
class OutBuf {
 public:
  explicit OutBuf(ssize initial, ssize limit = -1) : next_(initial < 1 ? 1 : initial), limit_(limit) {}
  // Points zs at free space; false when the limit is reached (no space was given).
  bool arrange(z_stream* zs) {
    if (ssize(buf_.size()) == used_) {
      if (limit_ >= 0 && used_ >= limit_) return false;
      ssize grow = used_ ? used_ : next_;
      if (limit_ >= 0 && used_ + grow > limit_) grow = limit_ - used_;
      buf_.resize(size_t(used_ + grow));
    }
    ssize avail = ssize(buf_.size()) - used_;
    if (avail > ssize(UINT_MAX)) avail = ssize(UINT_MAX);
    zs->next_out = reinterpret_cast<Bytef*>(buf_.data() + used_);
    zs->avail_out = uInt(avail);
    given_ = avail;
    return true;
  }
  // Accounts for what zlib wrote since arrange().
  void commit(const z_stream& zs) { used_ += given_ - ssize(zs.avail_out), given_ = ssize(zs.avail_out); }
  ssize used() const { return used_; }
  Object* bytes() const { return bytes_from(buf_.data(), used_); }

 private:
  std::string buf_;
  ssize used_ = 0;
  ssize given_ = 0;
  ssize next_;
  ssize limit_;
};

// Feeds a buffer of any size to zlib in pieces of at most UINT_MAX bytes. `left` counts what is not yet in avail_in.
struct InFeed {
  const Bytef* next;
  ssize left;
  void arrange(z_stream* zs) {
    // Whatever zlib did not consume stays in avail_in; top it up.
    if (zs->avail_in == 0 && left > 0) {
      ssize n = left > ssize(UINT_MAX) ? ssize(UINT_MAX) : left;
      zs->next_in = const_cast<Bytef*>(next);
      zs->avail_in = uInt(n);
      next += n;
      left -= n;
    }
  }
  ssize remaining(const z_stream& zs) const { return left + ssize(zs.avail_in); }
};

bool int_arg(Object* o, int* out) {
  ORef i = steal(number_index(o));
  if (!i) return false;
  int overflow;
  int64_t v = int_as_i64(i.get(), &overflow);
  if (overflow || v < INT_MIN || v > INT_MAX) {
    set_error(&exc_OverflowError, overflow > 0 || v > INT_MAX ? "signed integer is greater than maximum"
                                                              : "signed integer is less than minimum");
    return false;
  }
  *out = int(v);
  return true;
}

bool ssize_arg(Object* o, ssize* out) {
  ORef i = steal(number_index(o));
  if (!i) return false;
  *out = number_as_ssize(i.get(), &exc_OverflowError);
  return !(*out == -1 && error_occurred());
}

// ---- One-shot functions ----

Object* zlib_compress(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[3] = {};
  if (!parse_args("compress", args, nargs, kwnames, {"/data", "level", "wbits"}, 1, a)) return nullptr;
  int level = Z_DEFAULT_COMPRESSION, wbits = MAX_WBITS;
  if ((a[1] && !int_arg(a[1], &level)) || (a[2] && !int_arg(a[2], &wbits))) return nullptr;
  BufferHold data;
  if (data.get(a[0], PyBUF_SIMPLE) < 0) return nullptr;
  z_stream zs = {};
  int err = deflateInit2(&zs, level, Z_DEFLATED, wbits, kDefMemLevel, Z_DEFAULT_STRATEGY);
  if (err == Z_MEM_ERROR) return set_error(&exc_MemoryError, "Out of memory while compressing data");
  if (err == Z_STREAM_ERROR) return set_error(reinterpret_cast<Type*>(g_error), "Bad compression level");
  if (err != Z_OK) {
    deflateEnd(&zs);
    return zlib_error(zs, err, "while compressing data");
  }
  InFeed in{static_cast<const Bytef*>(data->buf), data->len};
  OutBuf out(kDefBufSize);
  do {
    in.arrange(&zs);
    int flush = in.left == 0 ? Z_FINISH : Z_NO_FLUSH;
    do {
      out.arrange(&zs);
      err = deflate(&zs, flush);
      out.commit(zs);
      if (err == Z_STREAM_ERROR) {
        deflateEnd(&zs);
        return zlib_error(zs, err, "while compressing data");
      }
    } while (zs.avail_out == 0);
  } while (in.left > 0 || zs.avail_in > 0 || err != Z_STREAM_END);
  err = deflateEnd(&zs);
  if (err != Z_OK) return zlib_error(zs, err, "while finishing compression");
  return out.bytes();
}

Object* zlib_decompress(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[3] = {};
  if (!parse_args("decompress", args, nargs, kwnames, {"/data", "wbits", "bufsize"}, 1, a)) return nullptr;
  int wbits = MAX_WBITS;
  ssize bufsize = kDefBufSize;
  if ((a[1] && !int_arg(a[1], &wbits)) || (a[2] && !ssize_arg(a[2], &bufsize))) return nullptr;
  if (bufsize < 0) return set_error(&exc_ValueError, "bufsize must be non-negative");
  BufferHold data;
  if (data.get(a[0], PyBUF_SIMPLE) < 0) return nullptr;
  z_stream zs = {};
  int err = inflateInit2(&zs, wbits);
  if (err == Z_MEM_ERROR) return set_error(&exc_MemoryError, "Out of memory while decompressing data");
  if (err != Z_OK) {
    inflateEnd(&zs);
    return zlib_error(zs, err, "while preparing to decompress data");
  }
  InFeed in{static_cast<const Bytef*>(data->buf), data->len};
  OutBuf out(bufsize);
  do {
    in.arrange(&zs);
    int flush = in.left == 0 ? Z_FINISH : Z_NO_FLUSH;
    do {
      out.arrange(&zs);
      err = inflate(&zs, flush);
      out.commit(zs);
      switch (err) {
        case Z_OK:
        case Z_BUF_ERROR:
        case Z_STREAM_END:
          break;
        case Z_MEM_ERROR:
          inflateEnd(&zs);
          return set_error(&exc_MemoryError, "Out of memory while decompressing data");
        default:
          inflateEnd(&zs);
          return zlib_error(zs, err, "while decompressing data");
      }
    } while (zs.avail_out == 0);
  } while (err != Z_STREAM_END && in.remaining(zs) != 0);
  if (err != Z_STREAM_END) {
    inflateEnd(&zs);
    return zlib_error(zs, err, "while decompressing data");
  }
  err = inflateEnd(&zs);
  if (err != Z_OK) return zlib_error(zs, err, "while finishing decompression");
  return out.bytes();
}

// crc32(data, value=0, /) and adler32(data, value=1, /): the running value is taken modulo 2**32 as CPython's
// unsigned-int converter does.
template <bool kCrc>
Object* checksum(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!no_keywords(kCrc ? "zlib.crc32" : "zlib.adler32", kwnames)) return nullptr;
  if (!check_positional(kCrc ? "crc32" : "adler32", nargs, nullptr, 1, 2)) return nullptr;
  uLong value = kCrc ? 0 : 1;
  if (nargs > 1) {
    ORef i = steal(number_index(args[1]));
    if (!i) return nullptr;
    // The low 32 bits of the value, two's complement for negatives (CPython's _PyLong_AsUnsignedIntMask).
    ORef mask = steal(int_from_u64(0xffffffffu));
    if (!mask) return nullptr;
    ORef low = steal(binary_op(i.get(), mask.get(), NB_AND));
    if (!low) return nullptr;
    int overflow;
    value = uLong(int_as_i64(low.get(), &overflow));
  }
  BufferHold data;
  if (data.get(args[0], PyBUF_SIMPLE) < 0) return nullptr;
  const Bytef* p = static_cast<const Bytef*>(data->buf);
  ssize n = data->len;
  while (n > 0) {
    uInt chunk = n > ssize(UINT_MAX) ? UINT_MAX : uInt(n);
    value = kCrc ? crc32(value, p, chunk) : adler32(value, p, chunk);
    p += chunk;
    n -= chunk;
  }
  return int_from_u64(value & 0xffffffffu);
}

// ---- Compress ----

struct CompObj {
  PyObject ob_base;
  z_stream zs;
  bool initialised;
};
CompObj* CO(Object* o) { return reinterpret_cast<CompObj*>(o); }

extern Type compress_type;
extern Type decompress_type;
extern Type zlibdecompressor_type;

void comp_dealloc(Object* o) {
  if (CO(o)->initialised) deflateEnd(&CO(o)->zs);
  object_free(o);
}

Object* zlib_compressobj(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[6] = {};
  if (!parse_args("compressobj", args, nargs, kwnames, {"level", "method", "wbits", "memLevel", "strategy", "zdict"}, 0,
                  a))
    return nullptr;
  int level = Z_DEFAULT_COMPRESSION, method = Z_DEFLATED, wbits = MAX_WBITS, mem = kDefMemLevel,
      strategy = Z_DEFAULT_STRATEGY;
  if ((a[0] && !int_arg(a[0], &level)) || (a[1] && !int_arg(a[1], &method)) || (a[2] && !int_arg(a[2], &wbits)) ||
      (a[3] && !int_arg(a[3], &mem)) || (a[4] && !int_arg(a[4], &strategy)))
    return nullptr;
  BufferHold zdict;
  if (a[5] && zdict.get(a[5], PyBUF_SIMPLE) < 0) return nullptr;
  if (a[5] && zdict->len > ssize(UINT_MAX))
    return set_error(&exc_OverflowError, "zdict length does not fit in an unsigned int");
  ORef o = steal(new_object(&compress_type, sizeof(CompObj)));
  if (!o) return nullptr;
  CompObj* c = CO(o.get());
  int err = deflateInit2(&c->zs, level, method, wbits, mem, strategy);
  switch (err) {
    case Z_OK:
      c->initialised = true;
      if (a[5]) {
        err = deflateSetDictionary(&c->zs, static_cast<const Bytef*>(zdict->buf), uInt(zdict->len));
        if (err == Z_STREAM_ERROR) return set_error(&exc_ValueError, "Invalid dictionary");
        if (err != Z_OK) return set_error(&exc_ValueError, "deflateSetDictionary()");
      }
      return o.release();
    case Z_MEM_ERROR:
      return set_error(&exc_MemoryError, "Can't allocate memory for compression object");
    case Z_STREAM_ERROR:
      return set_error(&exc_ValueError, "Invalid initialization option");
    default:
      return zlib_error(c->zs, err, "while creating compression object");
  }
}

// Compress.compress(data, /): caller holds the object's section.
Object* comp_compress(Object* self, Object* arg) {
  BufferHold data;
  if (data.get(arg, PyBUF_SIMPLE) < 0) return nullptr;
  z_stream& zs = CO(self)->zs;
  InFeed in{static_cast<const Bytef*>(data->buf), data->len};
  OutBuf out(kDefBufSize);
  int err;
  do {
    in.arrange(&zs);
    do {
      out.arrange(&zs);
      err = deflate(&zs, Z_NO_FLUSH);
      out.commit(zs);
      if (err == Z_STREAM_ERROR) return zlib_error(zs, err, "while compressing data");
    } while (zs.avail_out == 0);
  } while (in.remaining(zs) > 0);
  zs.next_in = nullptr;
  return out.bytes();
}

// Compress.flush(mode=Z_FINISH, /)
Object* comp_flush(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("flush", nargs, kwnames, 0, 1)) return nullptr;
  int mode = Z_FINISH;
  if (nargs && !int_arg(args[0], &mode)) return nullptr;
  if (mode == Z_NO_FLUSH) return bytes_from(nullptr, 0);
  CompObj* c = CO(self);
  z_stream& zs = c->zs;
  zs.avail_in = 0;
  OutBuf out(kDefBufSize);
  int err;
  do {
    out.arrange(&zs);
    err = deflate(&zs, mode);
    out.commit(zs);
    if (err == Z_STREAM_ERROR) return zlib_error(zs, err, "while flushing");
  } while (zs.avail_out == 0);
  if (err == Z_STREAM_END && mode == Z_FINISH) {
    err = deflateEnd(&zs);
    c->initialised = false;
    if (err != Z_OK) return zlib_error(zs, err, "while finishing compression");
  } else if (err != Z_OK && err != Z_BUF_ERROR) {
    return zlib_error(zs, err, "while flushing");
  }
  return out.bytes();
}

Object* comp_copy(Object* self, Object*) {
  CompObj* c = CO(self);
  if (!c->initialised) return set_error(&exc_ValueError, "Inconsistent stream state");
  ORef o = steal(new_object(&compress_type, sizeof(CompObj)));
  if (!o) return nullptr;
  int err = deflateCopy(&CO(o.get())->zs, &c->zs);
  switch (err) {
    case Z_OK:
      CO(o.get())->initialised = true;
      return o.release();
    case Z_STREAM_ERROR:
      return set_error(&exc_ValueError, "Inconsistent stream state");
    case Z_MEM_ERROR:
      return set_error(&exc_MemoryError, "Can't allocate memory for compression object");
    default:
      return zlib_error(c->zs, err, "while copying compression object");
  }
}

Object* comp_deepcopy(Object* self, Object*) { return comp_copy(self, nullptr); }

// ---- Decompress ----

struct DecompObj {
  PyObject ob_base;
  z_stream zs;
  Object* unused_data;      // bytes
  Object* unconsumed_tail;  // bytes
  Object* zdict;            // null or a buffer exporter
  bool eof;
  bool initialised;
};
DecompObj* DO(Object* o) { return reinterpret_cast<DecompObj*>(o); }

void decomp_dealloc(Object* o) {
  DecompObj* d = DO(o);
  if (d->initialised) inflateEnd(&d->zs);
  xdecref(d->unused_data);
  xdecref(d->unconsumed_tail);
  xdecref(d->zdict);
  object_free(o);
}

// Feeds `zdict` to the inflater (when the stream asks for it, or at once for raw streams).
bool set_inflate_zdict(z_stream* zs, Object* zdict_obj) {
  BufferHold zdict;
  if (zdict.get(zdict_obj, PyBUF_SIMPLE) < 0) return false;
  if (zdict->len > ssize(UINT_MAX)) {
    set_error(&exc_OverflowError, "zdict length does not fit in an unsigned int");
    return false;
  }
  int err = inflateSetDictionary(zs, static_cast<const Bytef*>(zdict->buf), uInt(zdict->len));
  if (err != Z_OK) {
    zlib_error(*zs, err, "while setting zdict");
    return false;
  }
  return true;
}

Object* zlib_decompressobj(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[2] = {};
  if (!parse_args("decompressobj", args, nargs, kwnames, {"wbits", "zdict"}, 0, a)) return nullptr;
  int wbits = MAX_WBITS;
  if (a[0] && !int_arg(a[0], &wbits)) return nullptr;
  if (a[1] && !has_buffer(a[1])) return set_error(&exc_TypeError, "zdict argument must support the buffer protocol");
  ORef o = steal(new_object(&decompress_type, sizeof(DecompObj)));
  if (!o) return nullptr;
  DecompObj* d = DO(o.get());
  d->unused_data = bytes_empty();
  d->unconsumed_tail = bytes_empty();
  d->zdict = xnewref(a[1]);
  int err = inflateInit2(&d->zs, wbits);
  switch (err) {
    case Z_OK:
      d->initialised = true;
      if (d->zdict && wbits < 0 && !set_inflate_zdict(&d->zs, d->zdict)) return nullptr;
      return o.release();
    case Z_STREAM_ERROR:
      return set_error(&exc_ValueError, "Invalid initialization option");
    case Z_MEM_ERROR:
      return set_error(&exc_MemoryError, "Can't allocate memory for decompression object");
    default:
      return zlib_error(d->zs, err, "while creating decompression object");
  }
}

// Keeps what inflate left of `data`: after the end of the stream it is unused_data, otherwise unconsumed_tail
// (CPython's save_unconsumed_input).
bool save_unconsumed(DecompObj* d, const Py_buffer& data, ssize remaining, int err) {
  const char* rest = static_cast<const char*>(data.buf) + (data.len - remaining);
  if (err == Z_STREAM_END) {
    if (remaining > 0) {
      std::string joined(bytes_view(d->unused_data));
      joined.append(rest, size_t(remaining));
      Object* b = bytes_from(joined.data(), ssize(joined.size()));
      if (!b) return false;
      set_slot(&d->unused_data, b);
    }
    d->zs.avail_in = 0;
    remaining = 0;
  }
  if (remaining > 0 || bytes_size(d->unconsumed_tail) > 0) {
    Object* b = bytes_from(rest, remaining);
    if (!b) return false;
    set_slot(&d->unconsumed_tail, b);
  }
  return true;
}

// The inflate loop shared by Decompress.decompress and .flush: `flush_all` is flush()'s mode (Z_FINISH once the
// input is in, no output limit); `max_length` 0 means unlimited.
Object* decomp_run(DecompObj* d, const Py_buffer& data, ssize max_length, ssize bufsize, bool flush_all, int* err_out) {
  z_stream& zs = d->zs;
  zs.avail_in = 0;
  InFeed in{static_cast<const Bytef*>(data.buf), data.len};
  OutBuf out(max_length > 0 && max_length < bufsize ? max_length : bufsize, max_length > 0 ? max_length : -1);
  int err = Z_OK;
  do {
    in.arrange(&zs);
    int flush = !flush_all ? Z_SYNC_FLUSH : in.left == 0 ? Z_FINISH : Z_NO_FLUSH;
    bool stop = false;
    do {
      if (!out.arrange(&zs)) {
        stop = true;
        break;
      }
      err = inflate(&zs, flush);
      out.commit(zs);
      if (err == Z_OK || err == Z_BUF_ERROR || err == Z_STREAM_END) continue;
      if (err == Z_NEED_DICT && d->zdict) {
        if (!set_inflate_zdict(&zs, d->zdict)) return nullptr;
        continue;
      }
      stop = true;
      break;
    } while (zs.avail_out == 0 || err == Z_NEED_DICT);
    if (stop) break;
  } while (err != Z_STREAM_END && in.remaining(zs) != 0);
  if (!save_unconsumed(d, data, in.remaining(zs), err)) return nullptr;
  *err_out = err;
  return out.bytes();
}

// Decompress.decompress(data, /, max_length=0)
Object* decomp_decompress(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[2] = {};
  if (!parse_args("decompress", args, nargs, kwnames, {"/data", "max_length"}, 1, a)) return nullptr;
  ssize max_length = 0;
  if (a[1] && !ssize_arg(a[1], &max_length)) return nullptr;
  if (max_length < 0) return set_error(&exc_ValueError, "max_length must be non-negative");
  BufferHold data;
  if (data.get(a[0], PyBUF_SIMPLE) < 0) return nullptr;
  DecompObj* d = DO(self);
  int err;
  ORef r = steal(decomp_run(d, *data.view(), max_length, kDefBufSize, false, &err));
  if (!r) return nullptr;
  if (err == Z_STREAM_END) {
    d->eof = true;
  } else if (err != Z_OK && err != Z_BUF_ERROR) {
    return zlib_error(d->zs, err, "while decompressing data");
  }
  return r.release();
}

// Decompress.flush(length=zlib.DEF_BUF_SIZE, /)
Object* decomp_flush(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("flush", nargs, kwnames, 0, 1)) return nullptr;
  ssize length = kDefBufSize;
  if (nargs && !ssize_arg(args[0], &length)) return nullptr;
  if (length <= 0) return set_error(&exc_ValueError, "length must be greater than zero");
  DecompObj* d = DO(self);
  ORef tail = borrow(d->unconsumed_tail);  // save_unconsumed may replace it while we read from it
  BufferHold data;
  if (data.get(tail.get(), PyBUF_SIMPLE) < 0) return nullptr;
  int err;
  ORef r = steal(decomp_run(d, *data.view(), 0, length, true, &err));
  if (!r) return nullptr;
  if (err == Z_STREAM_END) {
    d->eof = true;
    d->initialised = false;
    err = inflateEnd(&d->zs);
    if (err != Z_OK) return zlib_error(d->zs, err, "while finishing decompression");
  }
  return r.release();
}

Object* decomp_copy(Object* self, Object*) {
  DecompObj* d = DO(self);
  if (!d->initialised) return set_error(&exc_ValueError, "Inconsistent stream state");
  ORef o = steal(new_object(&decompress_type, sizeof(DecompObj)));
  if (!o) return nullptr;
  DecompObj* n = DO(o.get());
  n->unused_data = newref(d->unused_data);
  n->unconsumed_tail = newref(d->unconsumed_tail);
  n->zdict = xnewref(d->zdict);
  n->eof = d->eof;
  int err = inflateCopy(&n->zs, &d->zs);
  switch (err) {
    case Z_OK:
      n->initialised = true;
      return o.release();
    case Z_STREAM_ERROR:
      return set_error(&exc_ValueError, "Inconsistent stream state");
    case Z_MEM_ERROR:
      return set_error(&exc_MemoryError, "Can't allocate memory for decompression object");
    default:
      return zlib_error(d->zs, err, "while copying decompression object");
  }
}

Object* decomp_deepcopy(Object* self, Object*) { return decomp_copy(self, nullptr); }

Object* decomp_get_unused_data(Object* self, void*) {
  sync::CriticalSection cs(self);
  return newref(DO(self)->unused_data);
}
Object* decomp_get_unconsumed_tail(Object* self, void*) {
  sync::CriticalSection cs(self);
  return newref(DO(self)->unconsumed_tail);
}
Object* decomp_get_eof(Object* self, void*) {
  sync::CriticalSection cs(self);
  return newref(bool_obj(DO(self)->eof));
}

// ---- _ZlibDecompressor ----

// Like bz2.BZ2Decompressor: input that could not be consumed within max_length is kept in `pending` and used first
// by the next call.
struct ZDecomp {
  PyObject ob_base;
  z_stream zs;
  std::string* pending;  // unconsumed input (new'd)
  Object* unused_data;   // bytes
  Object* zdict;
  bool eof;
  bool needs_input;
  bool initialised;
};
ZDecomp* ZD(Object* o) { return reinterpret_cast<ZDecomp*>(o); }

void zdecomp_dealloc(Object* o) {
  ZDecomp* z = ZD(o);
  if (z->initialised) inflateEnd(&z->zs);
  delete z->pending;
  xdecref(z->unused_data);
  xdecref(z->zdict);
  object_free(o);
}

Object* zdecomp_new(Type* type, Object* args, Object* kwds) {
  Object* a[2] = {};
  if (!io::parse_tuple_dict("_ZlibDecompressor", args, kwds, {"wbits", "zdict"}, 0, a)) return nullptr;
  int wbits = MAX_WBITS;
  if (a[0] && !int_arg(a[0], &wbits)) return nullptr;
  if (a[1] && a[1] != none() && !has_buffer(a[1]))
    return set_error(&exc_TypeError, "zdict argument must support the buffer protocol");
  ORef o = steal(new_object(type, size_t(type->tp_basicsize)));
  if (!o) return nullptr;
  ZDecomp* z = ZD(o.get());
  z->pending = new std::string();
  z->unused_data = bytes_empty();
  z->zdict = a[1] && a[1] != none() ? newref(a[1]) : nullptr;
  z->needs_input = true;
  int err = inflateInit2(&z->zs, wbits);
  switch (err) {
    case Z_OK:
      z->initialised = true;
      if (z->zdict && wbits < 0 && !set_inflate_zdict(&z->zs, z->zdict)) return nullptr;
      return o.release();
    case Z_STREAM_ERROR:
      return set_error(&exc_ValueError, "Invalid initialization option");
    case Z_MEM_ERROR:
      return set_error(&exc_MemoryError, "Can't allocate memory for decompression object");
    default:
      return zlib_error(z->zs, err, "while creating decompression object");
  }
}

// decompress(data, max_length=-1)
Object* zdecomp_decompress(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[2] = {};
  if (!parse_args("decompress", args, nargs, kwnames, {"data", "max_length"}, 1, a)) return nullptr;
  ssize max_length = -1;
  if (a[1] && !ssize_arg(a[1], &max_length)) return nullptr;
  ZDecomp* z = ZD(self);
  if (z->eof) return set_error(&exc_EOFError, "End of stream already reached");
  BufferHold data;
  if (data.get(a[0], PyBUF_SIMPLE) < 0) return nullptr;
  std::string& input = *z->pending;
  input.append(static_cast<const char*>(data->buf), size_t(data->len));
  z_stream& zs = z->zs;
  InFeed in{reinterpret_cast<const Bytef*>(input.data()), ssize(input.size())};
  zs.avail_in = 0;
  OutBuf out(max_length >= 0 && max_length < kDefBufSize ? max_length : kDefBufSize, max_length >= 0 ? max_length : -1);
  int err = Z_OK;
  for (;;) {
    in.arrange(&zs);
    if (!out.arrange(&zs)) break;
    err = inflate(&zs, Z_SYNC_FLUSH);
    out.commit(zs);
    if (err == Z_NEED_DICT && z->zdict) {
      if (!set_inflate_zdict(&zs, z->zdict)) return nullptr;
      continue;
    }
    if (err == Z_STREAM_END) {
      z->eof = true;
      z->initialised = false;
      err = inflateEnd(&zs);
      if (err != Z_OK) return zlib_error(zs, err, "while finishing decompression");
      break;
    }
    if (err != Z_OK && err != Z_BUF_ERROR) return zlib_error(zs, err, "while decompressing data");
    if (in.remaining(zs) == 0 && zs.avail_out != 0) break;
    if (err == Z_BUF_ERROR && zs.avail_out != 0) break;
  }
  ssize remaining = in.remaining(zs);
  ORef result = steal(out.bytes());
  if (!result) return nullptr;
  std::string rest = input.substr(input.size() - size_t(remaining));
  zs.next_in = nullptr;
  zs.avail_in = 0;
  if (z->eof) {
    z->needs_input = false;
    if (remaining > 0) {
      Object* b = bytes_from(rest.data(), ssize(rest.size()));
      if (!b) return nullptr;
      set_slot(&z->unused_data, b);
    }
    input.clear();
  } else if (remaining == 0) {
    input.clear();
    z->needs_input = true;  // as CPython, even when output stopped at max_length with more waiting inside zlib
  } else {
    input = std::move(rest);
    z->needs_input = false;
  }
  return result.release();
}

Object* zdecomp_get_unused_data(Object* self, void*) {
  sync::CriticalSection cs(self);
  return newref(ZD(self)->unused_data);
}
Object* zdecomp_get_eof(Object* self, void*) {
  sync::CriticalSection cs(self);
  return newref(bool_obj(ZD(self)->eof));
}
Object* zdecomp_get_needs_input(Object* self, void*) {
  sync::CriticalSection cs(self);
  return newref(bool_obj(ZD(self)->needs_input));
}

#define LK(f) as_cfunc(locked_fast<f>), METH_FASTCALL | METH_KEYWORDS
PyMethodDef comp_methods[] = {
    {"compress", locked<comp_compress>, METH_O,
     "compress($self, data, /)\n--\n\nReturns a bytes object containing compressed data.\n\n  data\n    Binary data "
     "to be compressed.\n\nAfter calling this function, some of the input data may still\nbe stored in internal "
     "buffers for later processing.\nCall the flush() method to clear these buffers."},
    {"flush", LK(comp_flush),
     "flush($self, mode=zlib.Z_FINISH, /)\n--\n\nReturn a bytes object containing any remaining compressed data."},
    {"copy", locked<comp_copy>, METH_NOARGS, "copy($self, /)\n--\n\nReturn a copy of the compression object."},
    {"__copy__", locked<comp_copy>, METH_NOARGS, nullptr},
    {"__deepcopy__", locked<comp_deepcopy>, METH_O, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyMethodDef decomp_methods[] = {
    {"decompress", LK(decomp_decompress),
     "decompress($self, data, /, max_length=0)\n--\n\nReturn a bytes object containing the decompressed version of "
     "the data."},
    {"flush", LK(decomp_flush),
     "flush($self, length=zlib.DEF_BUF_SIZE, /)\n--\n\nReturn a bytes object containing any remaining decompressed "
     "data."},
    {"copy", locked<decomp_copy>, METH_NOARGS, "copy($self, /)\n--\n\nReturn a copy of the decompression object."},
    {"__copy__", locked<decomp_copy>, METH_NOARGS, nullptr},
    {"__deepcopy__", locked<decomp_deepcopy>, METH_O, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyGetSetDef decomp_getset[] = {
    {"unused_data", decomp_get_unused_data, nullptr, nullptr, nullptr},
    {"unconsumed_tail", decomp_get_unconsumed_tail, nullptr, nullptr, nullptr},
    {"eof", decomp_get_eof, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

PyMethodDef zdecomp_methods[] = {
    {"decompress", LK(zdecomp_decompress),
     "decompress($self, /, data, max_length=-1)\n--\n\nDecompress *data*, returning uncompressed data as bytes."},
    {nullptr, nullptr, 0, nullptr},
};

PyGetSetDef zdecomp_getset[] = {
    {"unused_data", zdecomp_get_unused_data, nullptr, "Data found after the end of the compressed stream.", nullptr},
    {"eof", zdecomp_get_eof, nullptr, "True if the end-of-stream marker has been reached.", nullptr},
    {"needs_input", zdecomp_get_needs_input, nullptr,
     "True if more input is needed before more decompressed data can be produced.", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};
#undef LK

#define FAST(f) as_cfunc(f), METH_FASTCALL | METH_KEYWORDS
PyMethodDef zlib_methods[] = {
    {"adler32", FAST(checksum<false>),
     "adler32($module, data, value=1, /)\n--\n\nCompute an Adler-32 checksum of data.\n\n  value\n    Starting "
     "value of the checksum.\n\nThe returned checksum is an integer."},
    {"compress", FAST(zlib_compress),
     "compress($module, data, /, level=Z_DEFAULT_COMPRESSION, wbits=MAX_WBITS)\n--\n\nReturns a bytes object "
     "containing compressed data."},
    {"compressobj", FAST(zlib_compressobj),
     "compressobj($module, /, level=Z_DEFAULT_COMPRESSION, method=DEFLATED,\n            wbits=MAX_WBITS, "
     "memLevel=DEF_MEM_LEVEL,\n            strategy=Z_DEFAULT_STRATEGY, zdict=None)\n--\n\nReturn a compressor "
     "object."},
    {"crc32", FAST(checksum<true>),
     "crc32($module, data, value=0, /)\n--\n\nCompute a CRC-32 checksum of data.\n\n  value\n    Starting value of "
     "the checksum.\n\nThe returned checksum is an integer."},
    {"decompress", FAST(zlib_decompress),
     "decompress($module, data, /, wbits=MAX_WBITS, bufsize=DEF_BUF_SIZE)\n--\n\nReturns a bytes object containing "
     "the uncompressed data."},
    {"decompressobj", FAST(zlib_decompressobj),
     "decompressobj($module, /, wbits=MAX_WBITS, zdict=b\'\')\n--\n\nReturn a decompressor object."},
    {nullptr, nullptr, 0, nullptr},
};
#undef FAST

}  // namespace

namespace {

Type compress_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "zlib.Compress",
    .tp_basicsize = sizeof(CompObj),
    .tp_dealloc = comp_dealloc,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_methods = comp_methods,
};

Type decompress_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "zlib.Decompress",
    .tp_basicsize = sizeof(DecompObj),
    .tp_dealloc = decomp_dealloc,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_methods = decomp_methods,
    .tp_getset = decomp_getset,
};

Type zlibdecompressor_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "zlib._ZlibDecompressor",
    .tp_basicsize = sizeof(ZDecomp),
    .tp_dealloc = zdecomp_dealloc,
    .tp_getattro = generic_getattr,
    .tp_flags = 0,
    .tp_doc =
        "_ZlibDecompressor(wbits=15, zdict=b'')\n--\n\nCreate a decompressor object for decompressing data "
        "incrementally.",
    .tp_methods = zdecomp_methods,
    .tp_getset = zdecomp_getset,
    .tp_new = zdecomp_new,
};

}  // namespace

Object* create_zlib_module() {
  static const int ready = [] {
    for (Type* t : {&compress_type, &decompress_type, &zlibdecompressor_type})
      if (type_ready(t) < 0) return -1;
    g_error = new_exception_class("zlib.error", reinterpret_cast<Object*>(&exc_Exception), nullptr);
    return g_error ? 0 : -1;
  }();
  if (ready < 0) {
    if (!error_occurred()) set_error(&exc_SystemError, "zlib: initialisation failed");
    return nullptr;
  }
  ORef m = steal(module_new(str_interned("zlib")));
  if (!m || module_add_functions(m.get(), zlib_methods) < 0) return nullptr;
  Object* d = module_dict(m.get());
  struct {
    const char* name;
    long value;
  } ints[] = {
      {"MAX_WBITS", MAX_WBITS},
      {"DEFLATED", Z_DEFLATED},
      {"DEF_MEM_LEVEL", kDefMemLevel},
      {"DEF_BUF_SIZE", kDefBufSize},
      {"Z_NO_COMPRESSION", Z_NO_COMPRESSION},
      {"Z_BEST_SPEED", Z_BEST_SPEED},
      {"Z_BEST_COMPRESSION", Z_BEST_COMPRESSION},
      {"Z_DEFAULT_COMPRESSION", Z_DEFAULT_COMPRESSION},
      {"Z_FILTERED", Z_FILTERED},
      {"Z_HUFFMAN_ONLY", Z_HUFFMAN_ONLY},
      {"Z_RLE", Z_RLE},
      {"Z_FIXED", Z_FIXED},
      {"Z_DEFAULT_STRATEGY", Z_DEFAULT_STRATEGY},
      {"Z_NO_FLUSH", Z_NO_FLUSH},
      {"Z_PARTIAL_FLUSH", Z_PARTIAL_FLUSH},
      {"Z_SYNC_FLUSH", Z_SYNC_FLUSH},
      {"Z_FULL_FLUSH", Z_FULL_FLUSH},
      {"Z_FINISH", Z_FINISH},
      {"Z_BLOCK", Z_BLOCK},
      {"Z_TREES", Z_TREES},
  };
  for (auto& c : ints) {
    ORef v = steal(int_from_i64(c.value));
    if (!v || dict_set_str(d, c.name, v.get()) < 0) return nullptr;
  }
  ORef version = steal(str_from_utf8(ZLIB_VERSION));
  ORef runtime = steal(str_from_utf8(zlibVersion()));
  ORef modver = steal(str_from_utf8("1.0"));
  if (!version || !runtime || !modver || dict_set_str(d, "ZLIB_VERSION", version.get()) < 0 ||
      dict_set_str(d, "ZLIB_RUNTIME_VERSION", runtime.get()) < 0 || dict_set_str(d, "__version__", modver.get()) < 0 ||
      dict_set_str(d, "error", g_error) < 0 ||
      dict_set_str(d, "_ZlibDecompressor", reinterpret_cast<Object*>(&zlibdecompressor_type)) < 0)
    return nullptr;
  return m.release();
}

}  // namespace pyvm
