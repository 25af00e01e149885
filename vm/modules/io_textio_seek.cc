// _io.TextIOWrapper, second part: the codec chain (built-in codecs decoded and encoded in C++, any other codec
// through its Python incremental decoder/encoder), universal newlines on top, and tell()/seek() with CPython's
// opaque cookies (start position, decoder flags, bytes to feed, chars to skip, need-EOF), so cookies are the same
// numbers CPython gives.
//
// Thread contract: as io_textio.cc; every function here is called inside the wrapper's critical section.
#include <cstring>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/codecs.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/import.h"
#include "vm/modules/io_textio.h"

namespace pyvm::io {

namespace {

bool is_builtin(Codec c) {
  switch (c) {
    case Codec::kUtf8:
    case Codec::kAscii:
    case Codec::kLatin1:
    case Codec::kUtf16Le:
    case Codec::kUtf16Be:
    case Codec::kUtf32Le:
    case Codec::kUtf32Be:
      return true;
    default:
      return false;
  }
}

// buffer.<method>() as a truth value; -1 on error.
int ask(Object* buffer, const char* method) {
  ORef r = steal(call_method0(buffer, str_interned(method)));
  if (!r) return -1;
  return object_is_true(r.get());
}

}  // namespace

int text_set_codecs(TextIO* t) {
  set_slot(&t->pydec, nullptr);
  set_slot(&t->pyenc, nullptr);
  t->has_decoder = t->has_encoder = false;
  t->dcodec = t->ecodec = Codec::kUnknown;
  t->st->dec_pending.clear();
  t->nl = NewlineState{};
  t->nl.translate = t->readtranslate;
  std::string name(str_view(t->encoding));
  Codec c = codec_find(name.c_str());
  ORef info;
  if (!is_builtin(c)) {
    ORef mod = steal(import_module("_codecs"));
    if (!mod) return -1;
    ORef lookup = steal(get_attr_str(mod.get(), "lookup"));
    if (!lookup) return -1;
    info = steal(call1(lookup.get(), t->encoding));
    if (!info) return -1;
    Object* is_text = nullptr;
    if (get_attr_optional(info.get(), str_interned("_is_text_encoding"), &is_text) < 0) return -1;
    if (is_text) {
      ORef hold = steal(is_text);
      int ok = object_is_true(is_text);
      if (ok < 0) return -1;
      if (!ok) {
        set_errorf(&exc_LookupError, "'{}' is not a text encoding; use codecs.open() to handle arbitrary codecs",
                   name);
        return -1;
      }
    }
  }
  int r = ask(t->buffer, "readable");
  if (r < 0) return -1;
  if (r) {
    if (info) {
      ORef factory = steal(get_attr_str(info.get(), "incrementaldecoder"));
      if (!factory) return -1;
      t->pydec = call1(factory.get(), t->errors);
      if (!t->pydec) return -1;
    } else {
      t->dcodec = c;
    }
    t->has_decoder = true;
  }
  r = ask(t->buffer, "writable");
  if (r < 0) return -1;
  if (r) {
    if (info) {
      ORef factory = steal(get_attr_str(info.get(), "incrementalencoder"));
      if (!factory) return -1;
      t->pyenc = call1(factory.get(), t->errors);
      if (!t->pyenc) return -1;
    } else {
      t->ecodec = c;
    }
    t->has_encoder = true;
  }
  return 0;
}

// ---- The decoder chain ----

int dec_decode(TextIO* t, const char* p, ssize n, bool final, std::u32string* out) {
  out->clear();
  if (t->pydec) {
    ORef input = steal(bytes_from(p, n));
    if (!input) return -1;
    ORef meth = steal(get_attr_str(t->pydec, "decode"));
    if (!meth) return -1;
    ORef kw = steal(tuple_pack({str_interned("final")}));
    if (!kw) return -1;
    Object* argv[2] = {input.get(), bool_obj(final)};
    ORef s = steal(call(meth.get(), argv, 1, kw.get()));
    if (!s) return -1;
    if (!type_check(s.get(), &str_type)) {
      set_errorf(&exc_TypeError, "decoder should return a string result, not '{}'", type_name(s.get()));
      return -1;
    }
    append_u32(s.get(), out);
  } else {
    std::string& pend = t->st->dec_pending;
    const char* data = p;
    ssize len = n;
    if (!pend.empty()) {
      pend.append(p, size_t(n));
      data = pend.data();
      len = ssize(pend.size());
    }
    ssize consumed = len;
    ORef s = steal(codec_decode(t->dcodec, data, len, t->st->errors.c_str(), final, &consumed));
    if (!s) return -1;
    std::string rest(data + consumed, size_t(len - consumed));
    pend.swap(rest);
    append_u32(s.get(), out);
  }
  if (t->readuniversal) newline_decode(&t->nl, out, final);
  return 0;
}

Object* dec_decode_str(TextIO* t, const char* p, ssize n, bool final) {
  if (!t->pydec && t->st->dec_pending.empty() && !t->nl.pendingcr) {
    ssize consumed = n;
    ORef s = steal(codec_decode(t->dcodec, p, n, t->st->errors.c_str(), final, &consumed));
    if (!s) return nullptr;
    t->st->dec_pending.assign(p + consumed, size_t(n - consumed));
    if (!t->readuniversal) return s.release();
    StrChars c(s.get());
    bool has_cr = false, has_lf = false;
    if (c.kind == 1) {
      auto* d = static_cast<const char*>(c.data);
      has_cr = std::memchr(d, '\r', size_t(c.len)) != nullptr;
      has_lf = std::memchr(d, '\n', size_t(c.len)) != nullptr;
    } else {
      for (ssize i = 0; i < c.len && !has_cr; i++) {
        uint32_t ch = c[i];
        has_cr = ch == '\r';
        has_lf = has_lf || ch == '\n';
      }
    }
    if (!has_cr) {
      if (has_lf) t->nl.seennl |= kSeenLF;
      return s.release();
    }
    std::u32string text;
    append_u32(s.get(), &text);
    newline_decode(&t->nl, &text, final);
    return u32_to_str(text);
  }
  std::u32string out;
  if (dec_decode(t, p, n, final, &out) < 0) return nullptr;
  return u32_to_str(out);
}

int dec_getstate(TextIO* t, std::string* buf, uint64_t* flags) {
  if (t->pydec) {
    ORef state = steal(call_method0(t->pydec, str_interned("getstate")));
    if (!state) return -1;
    if (!type_check(state.get(), &tuple_type) || tuple_size(state.get()) != 2 ||
        !type_check(tuple_get(state.get(), 1), &int_type)) {
      set_error(&exc_TypeError, "illegal decoder state");
      return -1;
    }
    Object* b = tuple_get(state.get(), 0);
    if (!type_check(b, &bytes_type)) {
      set_errorf(&exc_TypeError, "illegal decoder state: the first item should be a bytes object, not '{}'",
                 type_name(b));
      return -1;
    }
    buf->assign(bytes_view(b));
    int ovf = 0;
    *flags = uint64_t(int_as_i64(tuple_get(state.get(), 1), &ovf));
    if (error_occurred()) return -1;
  } else {
    *buf = t->st->dec_pending;
    *flags = 0;
  }
  if (t->readuniversal) {
    *flags <<= 1;
    if (t->nl.pendingcr) *flags |= 1;
  }
  return 0;
}

int dec_setstate(TextIO* t, std::string_view buf, uint64_t flags) {
  if (t->readuniversal) {
    t->nl.pendingcr = flags & 1;
    flags >>= 1;
  }
  if (t->pydec) {
    ORef b = steal(bytes_from(buf.data(), ssize(buf.size())));
    ORef f = steal(int_from_u64(flags));
    if (!b || !f) return -1;
    ORef state = steal(tuple_pack({b.get(), f.get()}));
    if (!state) return -1;
    ORef r = steal(call_method1(t->pydec, str_interned("setstate"), state.get()));
    return r ? 0 : -1;
  }
  t->st->dec_pending.assign(buf);
  return 0;
}

int dec_reset(TextIO* t) {
  t->nl.seennl = 0;
  t->nl.pendingcr = false;
  if (t->pydec) {
    ORef r = steal(call_method0(t->pydec, str_interned("reset")));
    return r ? 0 : -1;
  }
  t->st->dec_pending.clear();
  return 0;
}

// ---- The encoder ----

int enc_encode(TextIO* t, Object* text, std::string* out) {
  if (t->pyenc) {
    ORef b = steal(call_method1(t->pyenc, str_interned("encode"), text));
    if (!b) return -1;
    if (!type_check(b.get(), &bytes_type)) {
      set_errorf(&exc_TypeError, "encoder should return a bytes object, not '{}'", type_name(b.get()));
      return -1;
    }
    out->append(bytes_view(b.get()));
    return 0;
  }
  Codec c = t->ecodec;
  if (str_is_ascii(text) && (c == Codec::kUtf8 || c == Codec::kLatin1 || c == Codec::kAscii)) {
    out->append(static_cast<const char*>(str_data(text)), size_t(str_length(text)));
    return 0;
  }
  ORef b = steal(codec_encode(c, text, t->st->errors.c_str()));
  if (!b) return -1;
  out->append(bytes_view(b.get()));
  return 0;
}

int enc_reset(TextIO* t, bool start_of_stream) {
  t->encoding_start_of_stream = start_of_stream;
  if (!t->pyenc) return 0;
  ORef r;
  if (start_of_stream) {
    r = steal(call_method0(t->pyenc, str_interned("reset")));
  } else {
    ORef zero = steal(int_from_i64(0));
    r = steal(call_method1(t->pyenc, str_interned("setstate"), zero.get()));
  }
  return r ? 0 : -1;
}

int fix_encoder_state(TextIO* t) {
  t->encoding_start_of_stream = false;
  if (!t->seekable || !t->has_encoder) return 0;
  t->encoding_start_of_stream = true;
  ORef pos = steal(call_method0(t->buffer, str_interned("tell")));
  if (!pos) return -1;
  ORef zero = steal(int_from_i64(0));
  int eq = rich_compare_bool(pos.get(), zero.get(), Py_EQ);
  if (eq < 0) return -1;
  if (!eq) return enc_reset(t, false);
  return 0;
}

// ---- Cookies ----

namespace {

// CPython packs these fields into the bytes of an unsigned little-endian int: start_pos (8 bytes), dec_flags,
// bytes_to_feed, chars_to_skip (4 bytes each), need_eof (1 byte).
struct Cookie {
  int64_t start_pos = 0;
  int32_t dec_flags = 0;
  int32_t bytes_to_feed = 0;
  int32_t chars_to_skip = 0;
  uint8_t need_eof = 0;
};
constexpr int kCookieLen = 21;

Object* build_cookie(const Cookie& c) {
  uint8_t b[kCookieLen];
  std::memcpy(b, &c.start_pos, 8);
  std::memcpy(b + 8, &c.dec_flags, 4);
  std::memcpy(b + 12, &c.bytes_to_feed, 4);
  std::memcpy(b + 16, &c.chars_to_skip, 4);
  b[20] = c.need_eof;
  std::vector<digit> digits;
  uint64_t acc = 0;
  int bits = 0;
  for (uint8_t byte : b) {
    acc |= uint64_t(byte) << bits;
    bits += 8;
    while (bits >= PyLong_SHIFT) {
      digits.push_back(digit(acc & PyLong_MASK));
      acc >>= PyLong_SHIFT;
      bits -= PyLong_SHIFT;
    }
  }
  if (bits) digits.push_back(digit(acc));
  return int_from_digits(false, digits.data(), ssize(digits.size()));
}

bool parse_cookie(Object* obj, Cookie* c) {
  ORef v = steal(number_index(obj));
  if (!v) return false;
  uint8_t b[kCookieLen] = {};
  const digit* d = int_digits(v.get());
  ssize nd = int_ndigits(v.get());
  int pos = 0;
  uint64_t acc = 0;
  int bits = 0;
  for (ssize i = 0; i < nd; i++) {
    acc |= uint64_t(d[i]) << bits;
    bits += PyLong_SHIFT;
    while (bits >= 8) {
      uint8_t byte = uint8_t(acc & 0xff);
      if (pos < kCookieLen) b[pos] = byte;
      else if (byte) goto too_big;
      pos++;
      acc >>= 8;
      bits -= 8;
    }
  }
  if (acc && pos >= kCookieLen) goto too_big;
  if (pos < kCookieLen && bits) b[pos] = uint8_t(acc);
  std::memcpy(&c->start_pos, b, 8);
  std::memcpy(&c->dec_flags, b + 8, 4);
  std::memcpy(&c->bytes_to_feed, b + 12, 4);
  std::memcpy(&c->chars_to_skip, b + 16, 4);
  c->need_eof = b[20];
  return true;
too_big:
  set_error(&exc_OverflowError, "int too big to convert");
  return false;
}

int decoder_setstate_cookie(TextIO* t, const Cookie& c) {
  if (c.start_pos == 0 && c.dec_flags == 0) return dec_reset(t);
  return dec_setstate(t, std::string_view(), uint64_t(uint32_t(c.dec_flags)));
}

// The number of characters decoding p[0..n) gives (not final).
ssize decode_count(TextIO* t, const char* p, ssize n, bool final = false) {
  std::u32string out;
  if (dec_decode(t, p, n, final, &out) < 0) return -1;
  return ssize(out.size());
}

// The body of tell() once the snapshot is known; the decoder state is restored by the caller.
Object* tell_search(TextIO* t, Cookie cookie, const std::string& next_input) {
  ssize chars_to_skip = t->decoded_used;
  const char* input = next_input.data();
  ssize input_len = ssize(next_input.size());
  ssize skip_bytes = ssize(t->b2cratio * double(chars_to_skip));
  ssize skip_back = 1;
  std::string dec_buffer;
  uint64_t dec_flags;
  while (skip_bytes > 0) {
    if (decoder_setstate_cookie(t, cookie) < 0) return nullptr;
    if (skip_bytes > input_len) skip_bytes = input_len;
    ssize n = decode_count(t, input, skip_bytes);
    if (n < 0) return nullptr;
    if (n <= chars_to_skip) {
      if (dec_getstate(t, &dec_buffer, &dec_flags) < 0) return nullptr;
      if (dec_buffer.empty()) {
        cookie.dec_flags = int32_t(dec_flags);
        chars_to_skip -= n;
        break;
      }
      skip_bytes -= ssize(dec_buffer.size());
      skip_back = 1;
    } else {
      skip_bytes -= skip_back;
      skip_back *= 2;
    }
  }
  if (skip_bytes <= 0) {
    skip_bytes = 0;
    if (decoder_setstate_cookie(t, cookie) < 0) return nullptr;
  }
  cookie.start_pos += skip_bytes;
  cookie.chars_to_skip = int32_t(chars_to_skip);
  if (chars_to_skip == 0) return build_cookie(cookie);
  ssize chars_decoded = 0;
  ssize i = skip_bytes;
  for (; i < input_len; i++) {
    ssize n = decode_count(t, input + i, 1);
    if (n < 0) return nullptr;
    chars_decoded += n;
    cookie.bytes_to_feed += 1;
    if (dec_getstate(t, &dec_buffer, &dec_flags) < 0) return nullptr;
    if (dec_buffer.empty() && chars_decoded <= chars_to_skip) {
      cookie.start_pos += cookie.bytes_to_feed;
      chars_to_skip -= chars_decoded;
      cookie.dec_flags = int32_t(dec_flags);
      cookie.bytes_to_feed = 0;
      chars_decoded = 0;
    }
    if (chars_decoded >= chars_to_skip) break;
  }
  if (i == input_len) {
    ssize n = decode_count(t, "", 0, true);
    if (n < 0) return nullptr;
    chars_decoded += n;
    cookie.need_eof = 1;
    if (chars_decoded < chars_to_skip) return set_error(&exc_OSError, "can't reconstruct logical file position");
  }
  cookie.chars_to_skip = int32_t(chars_to_skip);
  return build_cookie(cookie);
}

}  // namespace

Object* textio_tell(Object* self, Object*) {
  if (!text_check_attached(self) || !text_check_closed(self)) return nullptr;
  TextIO* t = tio(self);
  if (!t->seekable) return unsupported("underlying stream is not seekable");
  if (!t->telling) return set_error(&exc_OSError, "telling position disabled by next() call");
  if (text_writeflush(t) < 0) return nullptr;
  ORef r = steal(call_method0(self, str_interned("flush")));
  if (!r) return nullptr;
  ORef posobj = steal(call_method0(t->buffer, str_interned("tell")));
  if (!posobj) return nullptr;
  if (!t->has_decoder || !t->has_snapshot) return posobj.release();
  int ovf = 0;
  int64_t pos = int_as_i64(posobj.get(), &ovf);
  if (error_occurred()) return nullptr;
  Cookie cookie;
  std::string next_input = t->st->snapshot_input;
  cookie.start_pos = pos - int64_t(next_input.size());
  cookie.dec_flags = int32_t(t->snapshot_flags);
  if (t->decoded_used == 0) return build_cookie(cookie);
  std::string saved_buf;
  uint64_t saved_flags;
  if (dec_getstate(t, &saved_buf, &saved_flags) < 0) return nullptr;
  NewlineState saved_nl = t->nl;
  ORef result = steal(tell_search(t, cookie, next_input));
  ORef exc = steal(error_take());
  int rs = dec_setstate(t, saved_buf, saved_flags);
  t->nl.seennl = saved_nl.seennl;
  if (exc) {
    set_error_steal(exc.release());
    return nullptr;
  }
  if (rs < 0) return nullptr;
  return result.release();
}

Object* textio_seek(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[2] = {};
  if (!parse_args("seek", args, nargs, kwnames, {"cookie", "/whence"}, 1, a)) return nullptr;
  if (!text_check_attached(self)) return nullptr;
  int whence = 0;
  if (a[1] && !int_arg(a[1], &whence)) return nullptr;
  if (!text_check_closed(self)) return nullptr;
  TextIO* t = tio(self);
  ORef cookie_obj = borrow(a[0]);
  if (!t->seekable) return unsupported("underlying stream is not seekable");
  ORef zero = steal(int_from_i64(0));
  if (!zero) return nullptr;
  if (whence == 1 || whence == 2) {
    int eq = rich_compare_bool(cookie_obj.get(), zero.get(), Py_EQ);
    if (eq < 0) return nullptr;
    if (!eq)
      return unsupported(whence == 1 ? "can't do nonzero cur-relative seeks" : "can't do nonzero end-relative seeks");
  }
  if (whence == 1) {
    cookie_obj = steal(call_method0(self, str_interned("tell")));
    if (!cookie_obj) return nullptr;
  } else if (whence == 2) {
    ORef r = steal(call_method0(self, str_interned("flush")));
    if (!r) return nullptr;
    text_clear_decoded(t);
    if (t->has_decoder && dec_reset(t) < 0) return nullptr;
    ORef two = steal(int_from_i64(2));
    Object* sa[2] = {zero.get(), two.get()};
    ORef res = steal(call_method(t->buffer, str_interned("seek"), sa, 2));
    if (!res) return nullptr;
    if (t->has_encoder) {
      int eq = rich_compare_bool(res.get(), zero.get(), Py_EQ);
      if (eq < 0 || enc_reset(t, eq) < 0) return nullptr;
    }
    return res.release();
  } else if (whence != 0) {
    return set_errorf(&exc_ValueError, "invalid whence ({}, should be 0, 1 or 2)", whence);
  }
  int neg = rich_compare_bool(cookie_obj.get(), zero.get(), Py_LT);
  if (neg < 0) return nullptr;
  if (neg) {
    std::string r;
    if (!repr_utf8(cookie_obj.get(), &r)) return nullptr;
    return set_errorf(&exc_ValueError, "negative seek position {}", r);
  }
  ORef fr = steal(call_method0(self, str_interned("flush")));
  if (!fr) return nullptr;
  Cookie cookie;
  if (!parse_cookie(cookie_obj.get(), &cookie)) return nullptr;
  ORef posobj = steal(int_from_i64(cookie.start_pos));
  if (!posobj) return nullptr;
  ORef res = steal(call_method1(t->buffer, str_interned("seek"), posobj.get()));
  if (!res) return nullptr;
  text_clear_decoded(t);
  if (t->has_decoder && decoder_setstate_cookie(t, cookie) < 0) return nullptr;
  if (cookie.chars_to_skip) {
    ORef n = steal(int_from_i64(cookie.bytes_to_feed));
    if (!n) return nullptr;
    ORef input = steal(call_method1(t->buffer, str_interned("read"), n.get()));
    if (!input) return nullptr;
    if (!type_check(input.get(), &bytes_type))
      return set_errorf(&exc_TypeError, "underlying read() should have returned a bytes object, not '{}'",
                        type_name(input.get()));
    t->has_snapshot = true;
    t->snapshot_flags = uint64_t(uint32_t(cookie.dec_flags));
    t->st->snapshot_input.assign(bytes_view(input.get()));
    std::u32string decoded;
    if (dec_decode(t, bytes_data(input.get()), bytes_size(input.get()), cookie.need_eof, &decoded) < 0)
      return nullptr;
    t->st->decoded.swap(decoded);
    if (ssize(t->st->decoded.size()) < cookie.chars_to_skip)
      return set_error(&exc_OSError, "can't restore logical file position");
    t->decoded_used = cookie.chars_to_skip;
  } else {
    t->has_snapshot = true;
    t->snapshot_flags = uint64_t(uint32_t(cookie.dec_flags));
    t->st->snapshot_input.clear();
  }
  if (t->has_encoder && enc_reset(t, cookie.start_pos == 0 && cookie.dec_flags == 0) < 0) return nullptr;
  return cookie_obj.release();
}

}  // namespace pyvm::io
