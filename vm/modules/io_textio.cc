// _io.TextIOWrapper, first part: construction, reconfigure(), reading, writing, closing and the attributes.
// Positioning (tell/seek) and the codec chain are in io_textio_seek.cc.
//
// Thread contract: every method runs inside the wrapper's critical section (declared in the method table with
// locked<>/locked_fast<>); the buffer is called inside it, so the lock order is always wrapper, then buffer. A
// read that blocks in the kernel holds both sections (see io_buffered.cc).
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
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/modules/io_textio.h"
#include "vm/sync/mutex.h"

namespace pyvm::io {

bool text_check_attached(Object* self) {
  if (!tio(self)->ok) {
    if (tio(self)->detached) set_error(&exc_ValueError, "underlying buffer has been detached");
    else set_error(&exc_ValueError, "I/O operation on uninitialized object");
    return false;
  }
  return true;
}

bool text_check_closed(Object* self) {
  TextIO* t = tio(self);
  int c;
  if (type_of(self) == &textiowrapper_type) {
    c = t->raw ? (fileio_fd(t->raw) < 0) : is_closed(t->buffer);
  } else {
    c = is_closed(self);
  }
  if (c < 0) return false;
  if (c) {
    err_closed_dot();
    return false;
  }
  return true;
}

int text_writeflush(TextIO* t) {
  if (t->st->pending_bytes.empty()) return 0;
  ORef b = steal(bytes_from(t->st->pending_bytes.data(), ssize(t->st->pending_bytes.size())));
  if (!b) return -1;
  t->st->pending_bytes.clear();
  ORef r = steal(call_method1(t->buffer, str_interned("write"), b.get()));
  return r ? 0 : -1;
}

void text_clear_decoded(TextIO* t) {
  t->st->decoded.clear();
  t->decoded_used = 0;
  t->has_snapshot = false;
  t->st->snapshot_input.clear();
}

namespace {

// Validates a newline argument: *out null for None; TypeError/ValueError as CPython.
bool newline_arg(const char* fname, Object* v, Object** out) {
  if (!v || v == none()) {
    *out = nullptr;
    return true;
  }
  if (!type_check(v, &str_type)) {
    set_errorf(&exc_TypeError, "{}() argument 'newline' must be str or None, not {}", fname, type_name(v));
    return false;
  }
  ssize n = 0;
  const char* p = str_utf8(v, &n);
  std::string_view s = p ? std::string_view(p, size_t(n)) : std::string_view();
  if (!p || !(s.empty() || s == "\n" || s == "\r" || s == "\r\n")) {
    std::string r;
    error_clear();  // lone surrogates: reported as an illegal value, like any other
    if (!repr_utf8(v, &r)) return false;
    set_errorf(&exc_ValueError, "illegal newline value: {}", r.substr(1, r.size() - 2));
    return false;
  }
  *out = v;
  return true;
}

bool str_arg(const char* fname, const char* name, Object* v, Object** out) {
  if (!v || v == none()) {
    *out = nullptr;
    return true;
  }
  if (!type_check(v, &str_type)) {
    set_errorf(&exc_TypeError, "{}() argument '{}' must be str or None, not {}", fname, name, type_name(v));
    return false;
  }
  *out = v;
  return true;
}

void set_newline(TextIO* t, Object* newline) {
  std::string nl = newline ? std::string(str_view(newline)) : std::string();
  t->has_readnl = newline != nullptr;
  t->st->readnl.assign(nl.begin(), nl.end());
  t->readuniversal = !newline || nl.empty();
  t->readtranslate = !newline;
  t->writetranslate = !newline || !nl.empty();
  t->st->writenl.clear();
  if (!t->readuniversal && newline && nl != "\n") t->st->writenl = nl;
  t->nl.translate = t->readtranslate;
}

// "locale" (or None) becomes the locale's encoding.
Object* resolve_encoding(Object* encoding) {
  if (!encoding || str_view(encoding) == "locale") return str_from_utf8(locale_encoding());
  return newref(encoding);
}

Object* textio_new(Type* t, Object*, Object*) {
  Object* o = new_object(t, size_t(t->tp_basicsize));
  if (!o) return nullptr;
  tio(o)->st = new TextState();
  return o;
}

int textio_init(Object* self, Object* args, Object* kwds) {
  Object* a[6] = {};
  if (!parse_tuple_dict("TextIOWrapper", args, kwds,
                        {"buffer", "encoding", "errors", "newline", "line_buffering", "write_through"}, 1, a))
    return -1;
  TextIO* t = tio(self);
  sync::CriticalSection cs(self);
  t->ok = false;
  t->detached = false;
  Object *encoding, *errors, *newline;
  if (!str_arg("TextIOWrapper", "encoding", a[1], &encoding) || !str_arg("TextIOWrapper", "errors", a[2], &errors) ||
      !newline_arg("TextIOWrapper", a[3], &newline))
    return -1;
  // The encoding and the error handler must be encodable and free of NULs (UnicodeEncodeError / ValueError).
  for (Object* s : {encoding, errors}) {
    if (!s) continue;
    ssize n = 0;
    const char* p = str_utf8(s, &n);
    if (!p) return -1;
    if (std::strlen(p) != size_t(n)) {
      set_error(&exc_ValueError, "embedded null character");
      return -1;
    }
  }
  int line_buffering = 0, write_through = 0;
  if (a[4] && (line_buffering = object_is_true(a[4])) < 0) return -1;
  if (a[5] && (write_through = object_is_true(a[5])) < 0) return -1;
  ORef enc;
  if (!encoding) {
    ORef te = steal(text_encoding(none(), 0));
    if (!te) return -1;
    enc = steal(resolve_encoding(te.get()));
  } else {
    enc = steal(resolve_encoding(encoding));
  }
  if (!enc) return -1;
  ORef err = errors ? borrow(errors) : steal(str_from_utf8("strict"));
  if (!err) return -1;
  set_slot(&t->buffer, newref(a[0]));
  set_slot(&t->encoding, enc.release());
  set_slot(&t->errors, err.release());
  t->st->errors = str_view(t->errors);
  t->chunk_size = 8192;
  t->line_buffering = line_buffering;
  t->write_through = write_through;
  set_newline(t, newline);
  t->nl = NewlineState{};
  t->nl.translate = t->readtranslate;
  text_clear_decoded(t);
  t->st->pending_bytes.clear();
  t->b2cratio = 0;
  if (text_set_codecs(t) < 0) return -1;
  set_slot(&t->raw, nullptr);
  Type* bt = type_of(a[0]);
  if (bt == &bufferedreader_type || bt == &bufferedwriter_type || bt == &bufferedrandom_type) {
    ORef raw = steal(get_attr_str(a[0], "raw"));
    if (!raw) return -1;
    if (type_of(raw.get()) == &fileio_type) t->raw = raw.release();
  }
  ORef seekable = steal(call_method0(a[0], str_interned("seekable")));
  if (!seekable) return -1;
  int s = object_is_true(seekable.get());
  if (s < 0) return -1;
  t->seekable = t->telling = s;
  int h = has_attr(a[0], str_interned("read1"));
  if (h < 0) return -1;
  t->has_read1 = h;
  t->encoding_start_of_stream = false;
  if (fix_encoder_state(t) < 0) return -1;
  t->ok = true;
  if (t->has_encoder) exit_flush_register(self, true);
  return 0;
}

// ---- writing ----

Object* textio_write(Object* self, Object* text) {
  if (!text_check_attached(self)) return nullptr;
  if (!type_check(text, &str_type))
    return set_errorf(&exc_TypeError, "write() argument must be str, not {}", type_name(text));
  if (!text_check_closed(self)) return nullptr;
  TextIO* t = tio(self);
  if (!t->has_encoder) return unsupported("not writable");
  ssize textlen = str_length(text);
  ORef owned = borrow(text);
  bool haslf = false, needflush = false;
  StrChars c(text);
  if ((t->writetranslate && !t->st->writenl.empty()) || t->line_buffering) {
    for (ssize i = 0; i < c.len; i++)
      if (c[i] == '\n') {
        haslf = true;
        break;
      }
  }
  if (haslf && t->writetranslate && !t->st->writenl.empty()) {
    std::u32string in, out;
    append_u32(text, &in);
    std::u32string nl(t->st->writenl.begin(), t->st->writenl.end());
    for (char32_t ch : in) {
      if (ch == U'\n') out += nl;
      else out.push_back(ch);
    }
    owned = steal(u32_to_str(out));
    if (!owned) return nullptr;
  }
  if (t->line_buffering) {
    if (haslf) {
      needflush = true;
    } else {
      StrChars c2(owned.get());
      for (ssize i = 0; i < c2.len; i++)
        if (c2[i] == '\r') {
          needflush = true;
          break;
        }
    }
  }
  std::string encoded;
  if (enc_encode(t, owned.get(), &encoded) < 0) return nullptr;
  t->encoding_start_of_stream = false;
  if (!t->st->pending_bytes.empty() &&
      ssize(t->st->pending_bytes.size() + encoded.size()) > t->chunk_size) {
    if (text_writeflush(t) < 0) return nullptr;
  }
  t->st->pending_bytes += encoded;
  if (ssize(t->st->pending_bytes.size()) >= t->chunk_size || needflush || t->write_through) {
    if (text_writeflush(t) < 0) return nullptr;
  }
  if (needflush) {
    ORef r = steal(call_method0(t->buffer, str_interned("flush")));
    if (!r) return nullptr;
  }
  text_clear_decoded(t);
  if (t->has_decoder && dec_reset(t) < 0) return nullptr;
  return int_from_i64(textlen);
}

// ---- reading ----

// Decoded characters not returned yet, at most n (all when n < 0).
void take_decoded(TextIO* t, ssize n, std::u32string* out) {
  ssize avail = ssize(t->st->decoded.size()) - t->decoded_used;
  if (n < 0 || n > avail) n = avail;
  if (n <= 0) return;
  out->append(t->st->decoded, size_t(t->decoded_used), size_t(n));
  t->decoded_used += n;
}

// Reads and decodes one chunk into t->st->decoded; 1 when data came, 0 at EOF, -1 on error.
int read_chunk(TextIO* t, ssize size_hint) {
  if (!t->has_decoder) {
    unsupported("not readable");
    return -1;
  }
  std::string dec_buffer;
  uint64_t dec_flags = 0;
  if (t->telling && dec_getstate(t, &dec_buffer, &dec_flags) < 0) return -1;
  if (size_hint > 0) size_hint = ssize((t->b2cratio > 1.0 ? t->b2cratio : 1.0) * double(size_hint));
  ssize chunk = t->chunk_size > size_hint ? t->chunk_size : size_hint;
  ORef n = steal(int_from_i64(chunk));
  if (!n) return -1;
  const char* method = t->has_read1 ? "read1" : "read";
  ORef input = steal(call_method1(t->buffer, str_interned(method), n.get()));
  if (!input) return -1;
  BufferHold view;
  if (!has_buffer(input.get()) || view.get(input.get(), PyBUF_SIMPLE) < 0) {
    error_clear();
    set_errorf(&exc_TypeError, "underlying {}() should have returned a bytes-like object, not '{}'", method,
               type_name(input.get()));
    return -1;
  }
  ssize nbytes = view->len;
  bool eof = nbytes == 0;
  std::u32string decoded;
  if (dec_decode(t, static_cast<const char*>(view->buf), nbytes, eof, &decoded) < 0) return -1;
  t->st->decoded.swap(decoded);
  t->decoded_used = 0;
  ssize nchars = ssize(t->st->decoded.size());
  t->b2cratio = nchars > 0 ? double(nbytes) / double(nchars) : 0.0;
  if (nchars > 0) eof = false;
  if (t->telling) {
    t->has_snapshot = true;
    t->snapshot_flags = dec_flags;
    dec_buffer.append(static_cast<const char*>(view->buf), size_t(nbytes));
    t->st->snapshot_input.swap(dec_buffer);
  }
  return eof ? 0 : 1;
}

Object* textio_read(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[1] = {};
  if (!parse_args("read", args, nargs, kwnames, {"/size"}, 0, a)) return nullptr;
  if (!text_check_attached(self)) return nullptr;
  ssize n;
  if (!size_arg(a[0], &n)) return nullptr;
  if (!text_check_closed(self)) return nullptr;
  TextIO* t = tio(self);
  if (!t->has_decoder) return unsupported("not readable");
  if (text_writeflush(t) < 0) return nullptr;
  std::u32string result;
  if (n < 0) {
    ORef bytes = steal(call_method0(t->buffer, str_interned("read")));
    if (!bytes) return nullptr;
    BufferHold view;
    if (!has_buffer(bytes.get()) || view.get(bytes.get(), PyBUF_SIMPLE) < 0) {
      error_clear();
      return set_errorf(&exc_TypeError, "underlying read() should have returned a bytes object, not '{}'",
                        type_name(bytes.get()));
    }
    ORef decoded = steal(dec_decode_str(t, static_cast<const char*>(view->buf), view->len, true));
    if (!decoded) return nullptr;
    take_decoded(t, -1, &result);
    text_clear_decoded(t);
    if (result.empty()) return decoded.release();
    append_u32(decoded.get(), &result);
    return u32_to_str(result);
  }
  take_decoded(t, n, &result);
  ssize remaining = n - ssize(result.size());
  while (remaining > 0) {
    int r = read_chunk(t, remaining);
    if (r < 0) return nullptr;
    if (r == 0) break;
    size_t before = result.size();
    take_decoded(t, remaining, &result);
    remaining -= ssize(result.size() - before);
  }
  return u32_to_str(result);
}

Object* readline_impl(Object* self, ssize limit) {
  if (!text_check_closed(self)) return nullptr;
  TextIO* t = tio(self);
  if (text_writeflush(t) < 0) return nullptr;
  std::u32string line;  // the part of a line that spans chunks
  ssize start = 0;      // where the search resumes in `line`
  for (;;) {
    while (t->decoded_used >= ssize(t->st->decoded.size())) {
      int r = read_chunk(t, 0);
      if (r < 0) return nullptr;
      if (r == 0) {
        text_clear_decoded(t);
        return u32_to_str(line);
      }
    }
    std::u32string& dec = t->st->decoded;
    ssize used = t->decoded_used, size = ssize(dec.size());
    if (line.empty()) {
      // The common case: the whole line lies in the current chunk.
      ssize end = size;
      if (limit >= 0 && used + limit < end) end = used + limit;
      ssize stop = find_line_end(dec.data(), used, end, t->readtranslate, t->readuniversal, t->st->readnl);
      if (stop < 0 && limit >= 0 && used + limit <= size) stop = end;  // the size limit
      if (stop >= 0) {
        t->decoded_used = stop;
        return u32_to_str(dec.data() + used, stop - used);
      }
      line.assign(dec, size_t(used), std::u32string::npos);
    } else {
      line.append(dec, size_t(used), std::u32string::npos);
      ssize end = find_line_end(line.data(), start, ssize(line.size()), t->readtranslate, t->readuniversal,
                                t->st->readnl);
      ssize stop = -1;
      if (end >= 0) stop = (limit >= 0 && end > limit) ? limit : end;
      else if (limit >= 0 && ssize(line.size()) >= limit) stop = limit;
      if (stop >= 0) {
        // Give back what follows the line; it always lies in the current chunk.
        t->decoded_used = size - (ssize(line.size()) - stop);
        line.resize(size_t(stop));
        return u32_to_str(line);
      }
    }
    t->decoded_used = size;
    start = ssize(line.size());
    if (!t->readuniversal && !t->readtranslate && t->st->readnl.size() > 1)
      start -= ssize(t->st->readnl.size()) - 1;  // a multi-character newline may straddle two chunks
    if (start < 0) start = 0;
  }
}

Object* textio_readline(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[1] = {};
  if (!parse_args("readline", args, nargs, kwnames, {"/size"}, 0, a)) return nullptr;
  if (!text_check_attached(self)) return nullptr;
  ssize limit = -1;
  if (a[0] && !ssize_arg(a[0], &limit)) return nullptr;
  return readline_impl(self, limit);
}

Object* textio_iternext(Object* self) {
  ORef line;
  {
    sync::CriticalSection cs(self);
    if (!text_check_attached(self)) return nullptr;
    tio(self)->telling = false;
    if (type_of(self) == &textiowrapper_type) line = steal(readline_impl(self, -1));
  }
  if (type_of(self) != &textiowrapper_type) {
    line = steal(call_method0(self, str_interned("readline")));
    if (line && !type_check(line.get(), &str_type))
      return set_errorf(&exc_OSError, "readline() should have returned a str object, not '{}'",
                        type_name(line.get()));
  }
  if (!line || str_length(line.get()) == 0) {
    sync::CriticalSection cs(self);
    tio(self)->has_snapshot = false;
    tio(self)->telling = tio(self)->seekable;
    return nullptr;
  }
  return line.release();
}

// ---- flushing, closing, the buffer's properties ----

Object* textio_flush(Object* self, Object*) {
  if (!text_check_attached(self) || !text_check_closed(self)) return nullptr;
  TextIO* t = tio(self);
  t->telling = t->seekable;
  if (text_writeflush(t) < 0) return nullptr;
  return call_method0(t->buffer, str_interned("flush"));
}

Object* textio_close(Object* self, Object*) {
  if (!text_check_attached(self)) return nullptr;
  TextIO* t = tio(self);
  int c = is_closed(t->buffer);
  if (c < 0) return nullptr;
  if (c) return newref(none());
  ORef r = steal(call_method0(self, str_interned("flush")));
  ORef exc = steal(error_take());
  ORef r2 = steal(call_method0(t->buffer, str_interned("close")));
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

Object* textio_detach(Object* self, Object*) {
  if (!text_check_attached(self)) return nullptr;
  ORef r = steal(call_method0(self, str_interned("flush")));
  if (!r) return nullptr;
  TextIO* t = tio(self);
  Object* buffer = t->buffer;
  t->buffer = nullptr;
  t->detached = true;
  t->ok = false;
  return buffer;
}

Object* forward(Object* self, const char* name) {
  if (!text_check_attached(self)) return nullptr;
  return call_method0(tio(self)->buffer, str_interned(name));
}
Object* textio_fileno(Object* self, Object*) { return forward(self, "fileno"); }
Object* textio_readable(Object* self, Object*) { return forward(self, "readable"); }
Object* textio_writable(Object* self, Object*) { return forward(self, "writable"); }
Object* textio_isatty(Object* self, Object*) { return forward(self, "isatty"); }
Object* textio_seekable(Object* self, Object*) { return forward(self, "seekable"); }

Object* textio_truncate(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[1] = {};
  if (!parse_args("truncate", args, nargs, kwnames, {"/pos"}, 0, a)) return nullptr;
  if (!text_check_attached(self)) return nullptr;
  ORef r = steal(call_method0(self, str_interned("flush")));
  if (!r) return nullptr;
  return call_method1(tio(self)->buffer, str_interned("truncate"), a[0] ? a[0] : none());
}

Object* textio_reconfigure(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[5] = {};
  if (!parse_args("reconfigure", args, nargs, kwnames,
                  {"$encoding", "$errors", "$newline", "$line_buffering", "$write_through"}, 0, a))
    return nullptr;
  TextIO* t = tio(self);
  Object *encoding, *errors, *newline = nullptr;
  if (!str_arg("reconfigure", "encoding", a[0], &encoding) || !str_arg("reconfigure", "errors", a[1], &errors))
    return nullptr;
  bool newline_given = a[2] && a[2] != reinterpret_cast<Object*>(&ellipsis_obj);
  if (!t->st->decoded.empty() && (encoding || errors || newline_given))
    return unsupported("It is not possible to set the encoding or newline of stream after the first read");
  if (newline_given && !newline_arg("reconfigure", a[2], &newline)) return nullptr;
  int line_buffering = t->line_buffering, write_through = t->write_through;
  if (a[3] && a[3] != none() && (line_buffering = object_is_true(a[3])) < 0) return nullptr;
  if (a[4] && a[4] != none() && (write_through = object_is_true(a[4])) < 0) return nullptr;
  ORef r = steal(call_method0(self, str_interned("flush")));
  if (!r) return nullptr;
  t->b2cratio = 0;
  if (newline_given) set_newline(t, newline);
  if (encoding || errors || newline_given) {
    ORef enc, err;
    if (!encoding) {
      enc = borrow(t->encoding);
      err = borrow(errors ? errors : t->errors);
    } else {
      enc = steal(resolve_encoding(encoding));
      if (!enc) return nullptr;
      err = errors ? borrow(errors) : steal(str_from_utf8("strict"));
      if (!err) return nullptr;
    }
    ORef old_enc = borrow(t->encoding), old_err = borrow(t->errors);
    set_slot(&t->encoding, enc.release());
    set_slot(&t->errors, err.release());
    t->st->errors = str_view(t->errors);
    if (text_set_codecs(t) < 0 || fix_encoder_state(t) < 0) return nullptr;
  }
  t->line_buffering = line_buffering;
  t->write_through = write_through;
  return newref(none());
}

// ---- attributes ----

Object* textio_repr(Object* self) {
  const char* tname = type_of(self)->tp_name;
  int rc = repr_enter(self);
  if (rc < 0) return nullptr;
  if (rc > 0) return set_errorf(&exc_RuntimeError, "reentrant call inside {}.__repr__", tname);
  std::string out = fmt::format("<{}", tname);
  auto add = [&](const char* attr) -> bool {
    Object* v = nullptr;
    if (get_attr_optional(self, str_interned(attr), &v) < 0) {
      if (!error_matches(&exc_ValueError)) return false;
      error_clear();  // a detached or closed wrapper may not know its name
      return true;
    }
    if (!v) return true;
    ORef vr = steal(v);
    std::string text;
    if (!repr_utf8(v, &text)) return false;
    out += fmt::format(" {}={}", attr, text);
    return true;
  };
  bool ok = add("name") && add("mode");
  if (ok && tio(self)->encoding) {
    std::string text;
    ok = repr_utf8(tio(self)->encoding, &text);
    if (ok) out += fmt::format(" encoding={}", text);
  }
  repr_leave(self);
  if (!ok) return nullptr;
  out += ">";
  return str_from_utf8(out);
}

template <Object* (*F)(Object*)>
Object* getter(Object* self, void*) {
  sync::CriticalSection cs(self);
  return F(self);
}
Object* get_encoding(Object* self) { return newref(tio(self)->encoding ? tio(self)->encoding : none()); }
Object* get_errors(Object* self) { return newref(tio(self)->errors ? tio(self)->errors : none()); }
Object* get_buffer(Object* self) {
  if (!text_check_attached(self)) return nullptr;
  return newref(tio(self)->buffer);
}
Object* get_line_buffering(Object* self) { return newref(bool_obj(tio(self)->line_buffering)); }
Object* get_write_through(Object* self) { return newref(bool_obj(tio(self)->write_through)); }
Object* get_finalizing(Object* self) { return newref(bool_obj(tio(self)->finalizing)); }
Object* get_name(Object* self) {
  if (!text_check_attached(self)) return nullptr;
  return get_attr_str(tio(self)->buffer, "name");
}
Object* get_closed(Object* self) {
  if (!text_check_attached(self)) return nullptr;
  return get_attr_str(tio(self)->buffer, "closed");
}
Object* get_newlines(Object* self) {
  if (!text_check_attached(self)) return nullptr;
  TextIO* t = tio(self);
  if (!t->has_decoder) return newref(none());
  if (t->readuniversal) return newlines_value(t->nl.seennl);
  if (t->pydec) {
    Object* v = nullptr;
    if (get_attr_optional(t->pydec, str_interned("newlines"), &v) < 0) return nullptr;
    if (v) return v;
  }
  return newref(none());
}
Object* get_chunk_size(Object* self) {
  if (!text_check_attached(self)) return nullptr;
  return int_from_i64(tio(self)->chunk_size);
}
int set_chunk_size(Object* self, Object* v, void*) {
  sync::CriticalSection cs(self);
  if (!text_check_attached(self)) return -1;
  if (!v) {
    set_error(&exc_AttributeError, "cannot delete attribute");
    return -1;
  }
  ssize n;
  if (!ssize_arg(v, &n)) return -1;
  if (n <= 0) {
    set_error(&exc_ValueError, "a strictly positive integer is required");
    return -1;
  }
  tio(self)->chunk_size = n;
  return 0;
}

void textio_dealloc(Object* self) {
  exit_flush_unregister(self);
  tio(self)->finalizing = true;
  if (!finalize(self)) return;
  TextIO* t = tio(self);
  xdecref(t->buffer);
  xdecref(t->encoding);
  xdecref(t->errors);
  xdecref(t->pydec);
  xdecref(t->pyenc);
  xdecref(t->raw);
  delete t->st;
  dealloc_common(self);
}

#define L(f) locked<f>
#define LK(f) as_cfunc(locked_fast<f>), METH_FASTCALL | METH_KEYWORDS
PyMethodDef textio_methods[] = {
    {"detach", L(textio_detach), METH_NOARGS, nullptr},
    {"reconfigure", LK(textio_reconfigure), nullptr},
    {"write", L(textio_write), METH_O, nullptr},
    {"read", LK(textio_read), nullptr},
    {"readline", LK(textio_readline), nullptr},
    {"flush", L(textio_flush), METH_NOARGS, nullptr},
    {"close", L(textio_close), METH_NOARGS, nullptr},
    {"fileno", L(textio_fileno), METH_NOARGS, nullptr},
    {"seekable", L(textio_seekable), METH_NOARGS, nullptr},
    {"readable", L(textio_readable), METH_NOARGS, nullptr},
    {"writable", L(textio_writable), METH_NOARGS, nullptr},
    {"isatty", L(textio_isatty), METH_NOARGS, nullptr},
    {"seek", LK(textio_seek), nullptr},
    {"tell", L(textio_tell), METH_NOARGS, nullptr},
    {"truncate", LK(textio_truncate), nullptr},
    {nullptr, nullptr, 0, nullptr},
};
#undef L
#undef LK

PyGetSetDef textio_getset[] = {
    {"encoding", getter<get_encoding>, nullptr, nullptr, nullptr},
    {"buffer", getter<get_buffer>, nullptr, nullptr, nullptr},
    {"line_buffering", getter<get_line_buffering>, nullptr, nullptr, nullptr},
    {"write_through", getter<get_write_through>, nullptr, nullptr, nullptr},
    {"_finalizing", getter<get_finalizing>, nullptr, nullptr, nullptr},
    {"name", getter<get_name>, nullptr, nullptr, nullptr},
    {"closed", getter<get_closed>, nullptr, nullptr, nullptr},
    {"newlines", getter<get_newlines>, nullptr, nullptr, nullptr},
    {"errors", getter<get_errors>, nullptr, nullptr, nullptr},
    {"_CHUNK_SIZE", getter<get_chunk_size>, set_chunk_size, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

Type textiowrapper_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "_io.TextIOWrapper",
    .tp_basicsize = sizeof(TextIO),
    .tp_dealloc = textio_dealloc,
    .tp_repr = textio_repr,
    .tp_getattro = generic_getattr,
    .tp_setattro = generic_setattr,
    .tp_flags = Py_TPFLAGS_BASETYPE,
    .tp_weaklistoffset = offsetof(IOObject, weakreflist),
    .tp_iternext = textio_iternext,
    .tp_methods = textio_methods,
    .tp_getset = textio_getset,
    .tp_base = &textiobase_type,
    .tp_dictoffset = offsetof(IOObject, dict),
    .tp_init = textio_init,
    .tp_new = textio_new,
};

}  // namespace pyvm::io
