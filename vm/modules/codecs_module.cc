// The _codecs module: the codec search registry (register/lookup), the error-handler registry (register_error/
// lookup_error and the standard handlers) and the per-codec functions the `encodings` package calls.
//
// Thread-safety contract: the search-function list and the lookup cache are shared by all threads and guarded by
// g_search_mu; search functions are called without holding it (on a copied list), so two threads may both search
// for a name and the last one to finish fills the cache. The error-handler dict lives in objects/str_codecs.cc
// under its own mutex (see objects/codecs.h).
#include <atomic>
#include <cstring>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/codecs.h"
#include "objects/codecs_internal.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/import.h"
#include "vm/modules/modules.h"

namespace pyvm {
namespace {

using codecs::Err;

std::mutex g_search_mu;
std::vector<Object*> g_search;           // strong references
std::map<std::string, Object*> g_cache;  // normalised name -> codec info (strong)
std::atomic<bool> g_tried_encodings{false};

// lookup()'s normalisation: lower case, spaces and hyphens become underscores.
std::string normalize_lookup(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    if (c == ' ' || c == '-') c = '_';
  }
  return out;
}

PyMethodDef* find_method(const char* name);
PyMethodDef* find_final_decoder(const char* name);

// The prefix of the codec's functions in this module ("utf_16_le").
const char* codec_base(Codec c) {
  switch (c) {
    case Codec::kUtf8:
      return "utf_8";
    case Codec::kAscii:
      return "ascii";
    case Codec::kLatin1:
      return "latin_1";
    case Codec::kUtf16:
      return "utf_16";
    case Codec::kUtf16Le:
      return "utf_16_le";
    case Codec::kUtf16Be:
      return "utf_16_be";
    case Codec::kUtf32:
      return "utf_32";
    case Codec::kUtf32Le:
      return "utf_32_le";
    case Codec::kUtf32Be:
      return "utf_32_be";
    case Codec::kUnicodeEscape:
      return "unicode_escape";
    case Codec::kRawUnicodeEscape:
      return "raw_unicode_escape";
    case Codec::kUnknown:
      break;
  }
  return "";
}

// A 4-tuple of our own functions for a built-in codec, used when no search function knows the name (before
// `encodings` is importable).
Object* builtin_codec_info(Codec c) {
  if (c == Codec::kUnknown) return nullptr;
  std::string base = codec_base(c);
  // The decoder is the final=True variant, as the encodings modules' decode() functions are.
  ORef enc = steal(cfunction_new(find_method((base + "_encode").c_str()), nullptr, nullptr));
  ORef dec = steal(cfunction_new(find_final_decoder((base + "_decode").c_str()), nullptr, nullptr));
  if (!enc || !dec) return nullptr;
  return tuple_pack({enc.get(), dec.get(), none(), none()});
}

Object* codec_lookup(Object* encoding) {
  if (!type_check(encoding, &str_type))
    return set_errorf(&exc_TypeError, "lookup() argument must be str, not {}", type_name(encoding));
  std::string key = normalize_lookup(str_view(encoding));
  if (!g_tried_encodings.exchange(true)) {
    // CPython imports `encodings` at start-up, which registers its search function; we do it on first use.
    // Until it imports (the import system may still lack what it needs), try again on later lookups.
    Object* m = import_module("encodings");
    if (m) {
      decref(m);
    } else {
      error_clear();
      g_tried_encodings.store(false);
    }
  }
  std::vector<Object*> funcs;
  {
    std::lock_guard<std::mutex> lock(g_search_mu);
    auto it = g_cache.find(key);
    if (it != g_cache.end()) {
      incref(it->second);
      return it->second;
    }
    for (Object* f : g_search) {
      incref(f);
      funcs.push_back(f);
    }
  }
  Object* found = nullptr;
  ORef name = steal(str_from_utf8(key));
  bool failed = !name;
  for (Object* f : funcs) {
    if (failed || found) {
      decref(f);
      continue;
    }
    Object* arg = name.get();
    Object* r = call(f, &arg, 1, nullptr);
    decref(f);
    if (!r) {
      failed = true;
    } else if (r == none()) {
      decref(r);
    } else if (!type_check(r, &tuple_type) || tuple_size(r) != 4) {
      decref(r);
      set_error(&exc_TypeError, "codec search functions must return 4-tuples");
      failed = true;
    } else {
      found = r;
    }
  }
  if (failed) return nullptr;
  if (!found) {
    found = builtin_codec_info(codec_find(key.c_str()));
    if (!found) {
      if (error_occurred()) return nullptr;
      return set_errorf(&exc_LookupError, "unknown encoding: {}", str_view(encoding));
    }
  }
  std::lock_guard<std::mutex> lock(g_search_mu);
  Object*& slot = g_cache[key];
  if (slot) decref(slot);
  incref(found);
  slot = found;
  return found;
}

// Calls the codec's encoder/decoder (index 0/1 of its info) on obj; returns the first item of its result.
Object* codec_call(Object* obj, Object* encoding, const char* errors, int index, Object* info_out = nullptr) {
  ORef info = steal(codec_lookup(encoding));
  if (!info) return nullptr;
  Object* fn = tuple_get(info.get(), index);
  ORef err = steal(str_from_utf8(errors));
  if (!err) return nullptr;
  Object* argv[2] = {obj, err.get()};
  ORef r = steal(call(fn, argv, 2, nullptr));
  if (!r) return nullptr;
  if (!type_check(r.get(), &tuple_type) || tuple_size(r.get()) != 2)
    return set_error(&exc_TypeError, index == 0 ? "encoder must return a tuple (object, integer)"
                                                : "decoder must return a tuple (object,integer)");
  (void)info_out;
  Object* v = tuple_get(r.get(), 0);
  incref(v);
  return v;
}

// str.encode / bytes.decode for names that are not built in.
Object* generic_hook(Object* obj, const char* encoding, const char* errors, bool encode) {
  ORef enc = steal(str_from_utf8(encoding));
  if (!enc) return nullptr;
  ORef info = steal(codec_lookup(enc.get()));
  if (!info) return nullptr;
  Object* flag = nullptr;
  int has = get_attr_optional(info.get(), str_interned("_is_text_encoding"), &flag);
  if (has < 0) return nullptr;
  if (has > 0) {
    ORef f = steal(flag);
    int t = object_is_true(flag);
    if (t < 0) return nullptr;
    if (!t) {
      return set_errorf(&exc_LookupError, "'{}' is not a text encoding; use codecs.{}() to handle arbitrary codecs",
                        encoding, encode ? "encode" : "decode");
    }
  }
  ORef v = steal(codec_call(obj, enc.get(), errors, encode ? 0 : 1));
  if (!v) return nullptr;
  if (encode && !type_check(v.get(), &bytes_type)) {
    return set_errorf(&exc_TypeError,
                      "'{}' encoder returned '{}' instead of 'bytes'; use codecs.encode() to encode to arbitrary types",
                      encoding, type_name(v.get()));
  }
  if (!encode && !type_check(v.get(), &str_type)) {
    return set_errorf(&exc_TypeError,
                      "'{}' decoder returned '{}' instead of 'str'; use codecs.decode() to decode to arbitrary types",
                      encoding, type_name(v.get()));
  }
  return v.release();
}

// ---- Argument helpers ----

bool get_errors(const char* fname, Object* o, const char** out) {
  *out = "strict";
  if (!o || o == none()) return true;
  if (!type_check(o, &str_type)) {
    set_errorf(&exc_TypeError, "{}() argument 'errors' must be str or None, not {}", fname, type_name(o));
    return false;
  }
  *out = str_utf8(o);
  return *out != nullptr;
}

bool get_str(const char* fname, Object* o) {
  if (type_check(o, &str_type)) return true;
  set_errorf(&exc_TypeError, "{}() argument 1 must be str, not {}", fname, type_name(o));
  return false;
}

Object* pair(Object* v, ssize n) {
  if (!v) return nullptr;
  ORef a = steal(v);
  ORef b = steal(int_from_ssize(n));
  if (!b) return nullptr;
  return tuple_pack({a.get(), b.get()});
}

template <Codec C, int BO>
Object* f_encode(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* out[3] = {};
  static const std::string name = std::string(codec_base(C)) + "_encode";
  const char* fname = name.c_str();
  if (!parse_args(fname, args, nargs, kwnames, {"str", "errors", "byteorder"}, 1, out)) return nullptr;
  if (!get_str(fname, out[0])) return nullptr;
  const char* errors;
  if (!get_errors(fname, out[1], &errors)) return nullptr;
  int bo = BO;
  if (out[2]) {
    ssize v = int_as_ssize(out[2]);
    if (v == -1 && error_occurred()) return nullptr;
    bo = v < 0 ? -1 : v > 0 ? 1 : 0;
  }
  Codec c = C;
  if (bo != 0 && (C == Codec::kUtf16 || C == Codec::kUtf32)) {
    c = C == Codec::kUtf16 ? (bo < 0 ? Codec::kUtf16Le : Codec::kUtf16Be)
                           : (bo < 0 ? Codec::kUtf32Le : Codec::kUtf32Be);
  }
  return pair(codec_encode(c, out[0], errors, 0), str_length(out[0]));
}

// Decoders: (data, errors=None, final=DEFAULT_FINAL); EX adds the byteorder in/out of utf_16_ex_decode.
template <Codec C, bool DEFAULT_FINAL, bool EX>
Object* f_decode(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* out[4] = {};
  static const std::string name = std::string(codec_base(C)) + (EX ? "_ex_decode" : "_decode");
  const char* fname = name.c_str();
  if (EX) {
    if (!parse_args(fname, args, nargs, kwnames, {"data", "errors", "byteorder", "final"}, 1, out)) return nullptr;
  } else if (!parse_args(fname, args, nargs, kwnames, {"data", "errors", "final"}, 1, out)) {
    return nullptr;
  }
  std::string data;
  if ((C == Codec::kUnicodeEscape || C == Codec::kRawUnicodeEscape) && type_check(out[0], &str_type)) {
    data = str_view(out[0]);
  } else if (!bytes_like_copy(out[0], &data)) {
    return nullptr;
  }
  const char* errors;
  if (!get_errors(fname, out[1], &errors)) return nullptr;
  int bo = 0;
  Object* final_obj = EX ? out[3] : out[2];
  if (EX && out[2]) {
    ssize v = int_as_ssize(out[2]);
    if (v == -1 && error_occurred()) return nullptr;
    bo = v < 0 ? -1 : v > 0 ? 1 : 0;
  }
  bool final = DEFAULT_FINAL;
  if (final_obj) {
    int t = object_is_true(final_obj);
    if (t < 0) return nullptr;
    final = t;
  }
  ssize consumed = 0;
  ORef s = steal(codec_decode(C, data.data(), ssize(data.size()), errors, final, &consumed, &bo));
  if (!s) return nullptr;
  if (!EX) return pair(s.release(), consumed);
  ORef n = steal(int_from_ssize(consumed));
  ORef b = steal(int_from_ssize(bo));
  if (!n || !b) return nullptr;
  return tuple_pack({s.get(), n.get(), b.get()});
}

Object* f_register(Object*, Object* fn) {
  if (!is_callable(fn)) return set_error(&exc_TypeError, "argument must be callable");
  incref(fn);
  std::lock_guard<std::mutex> lock(g_search_mu);
  g_search.push_back(fn);
  return none();
}

Object* f_unregister(Object*, Object* fn) {
  Object* removed = nullptr;
  {
    std::lock_guard<std::mutex> lock(g_search_mu);
    for (auto it = g_search.begin(); it != g_search.end(); ++it) {
      if (*it == fn) {
        removed = *it;
        g_search.erase(it);
        for (auto& kv : g_cache) decref(kv.second);
        g_cache.clear();
        break;
      }
    }
  }
  if (removed) decref(removed);
  return none();
}

Object* f_lookup(Object*, Object* enc) { return codec_lookup(enc); }

Object* f_forget_codec(Object*, Object* enc) {
  if (!type_check(enc, &str_type))
    return set_errorf(&exc_TypeError, "_forget_codec() argument must be str, not {}", type_name(enc));
  std::string key = normalize_lookup(str_view(enc));
  Object* old = nullptr;
  {
    std::lock_guard<std::mutex> lock(g_search_mu);
    auto it = g_cache.find(key);
    if (it != g_cache.end()) {
      old = it->second;
      g_cache.erase(it);
    }
  }
  if (old) decref(old);
  return none();
}

Object* f_encode_generic(Object*, Object* const* args, ssize nargs, Object* kwnames, int index) {
  Object* out[3] = {};
  const char* fname = index == 0 ? "encode" : "decode";
  if (!parse_args(fname, args, nargs, kwnames, {"obj", "encoding", "errors"}, 1, out)) return nullptr;
  ORef enc = borrow(out[1]);
  if (!out[1]) {
    enc = steal(str_from_utf8("utf-8"));
    if (!enc) return nullptr;
  } else if (!type_check(out[1], &str_type)) {
    return set_errorf(&exc_TypeError, "{}() argument 'encoding' must be str, not {}", fname, type_name(out[1]));
  }
  const char* errors = "strict";
  if (out[2]) {
    if (!type_check(out[2], &str_type))
      return set_errorf(&exc_TypeError, "{}() argument 'errors' must be str, not {}", fname, type_name(out[2]));
    errors = str_utf8(out[2]);
  }
  return codec_call(out[0], enc.get(), errors, index);
}
Object* f_encode_any(Object* m, Object* const* a, ssize n, Object* k) { return f_encode_generic(m, a, n, k, 0); }
Object* f_decode_any(Object* m, Object* const* a, ssize n, Object* k) { return f_encode_generic(m, a, n, k, 1); }

Object* f_register_error(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("register_error", nargs, kwnames, 2, 2)) return nullptr;
  if (!type_check(args[0], &str_type))
    return set_errorf(&exc_TypeError, "register_error() argument 1 must be str, not {}", type_name(args[0]));
  if (!is_callable(args[1])) return set_error(&exc_TypeError, "handler must be callable");
  if (codec_register_error(str_utf8(args[0]), args[1]) < 0) return nullptr;
  return none();
}

Object* f_lookup_error(Object*, Object* name) {
  if (!type_check(name, &str_type))
    return set_errorf(&exc_TypeError, "lookup_error() argument must be str, not {}", type_name(name));
  return codec_lookup_error(str_utf8(name));
}

// ---- The standard error handlers, callable from Python ----

Object* std_handler(Err kind, Object* exc) {
  if (!is_exception_instance(exc)) {
    if (kind == Err::kStrict) return set_error(&exc_TypeError, "codec must pass exception instance");
    return set_errorf(&exc_TypeError, "don't know how to handle {} in error callback", type_name(exc));
  }
  if (kind == Err::kStrict) return set_error_object(exc);
  bool enc = type_check(exc, &exc_UnicodeEncodeError);
  bool dec = type_check(exc, &exc_UnicodeDecodeError);
  bool tr = type_check(exc, &exc_UnicodeTranslateError);
  if (!enc && !dec && !tr)
    return set_errorf(&exc_TypeError, "don't know how to handle {} in error callback", type_name(exc));
  ORef start_o = steal(get_attr_str(exc, "start"));
  ORef end_o = steal(start_o ? get_attr_str(exc, "end") : nullptr);
  ORef obj = steal(end_o ? get_attr_str(exc, "object") : nullptr);
  if (!obj) return nullptr;
  ssize start = int_as_ssize(start_o.get()), end = int_as_ssize(end_o.get());
  if (error_occurred()) return nullptr;
  std::string encname = "utf-8";
  if (!tr) {
    ORef e = steal(get_attr_str(exc, "encoding"));
    if (!e) return nullptr;
    if (type_check(e.get(), &str_type)) encname = str_view(e.get());
  }
  Codec family = codec_find(encname.c_str());
  if (family == Codec::kUtf16) family = Codec::kUtf16Le;
  if (family == Codec::kUtf32) family = Codec::kUtf32Le;
  if (end < start) end = start;
  if (tr) {
    if (kind == Err::kReplace || kind == Err::kIgnore) {
      StrBuilder b;
      if (kind == Err::kReplace) b.put_fill(0xfffd, end - start);
      return pair(b.finish(), end);
    }
    if (kind != Err::kBackslash)
      return set_errorf(&exc_TypeError, "don't know how to handle {} in error callback", type_name(exc));
    enc = true;  // backslashreplace treats the str like an encoder does
  }
  if (enc) {
    if (!type_check(obj.get(), &str_type)) return set_error(&exc_TypeError, "object attribute must be unicode");
    ssize len = str_length(obj.get());
    if (end > len) end = len;
    if (start > end) start = end;
    codecs::EncodeCtx ctx{encname.c_str(), family, kind, nullptr, obj.get()};
    codecs::EncodeRep rep;
    if (!codecs::encode_err(ctx, start, end, "", &rep)) {
      error_clear();
      return set_error_object(exc);
    }
    if (rep.is_bytes && kind != Err::kIgnore)
      return pair(bytes_from(rep.bytes.data(), ssize(rep.bytes.size())), rep.newpos);
    return pair(str_from_ucs4(reinterpret_cast<const uint32_t*>(rep.chars.data()), ssize(rep.chars.size())),
                rep.newpos);
  }
  std::string data;
  if (!bytes_like_copy(obj.get(), &data)) return nullptr;
  ssize len = ssize(data.size());
  if (end > len) end = len;
  if (start > end) start = end;
  codecs::DecodeCtx ctx{encname.c_str(), family, kind, nullptr, data.data(), len};
  StrBuilder b;
  ssize pos = codecs::decode_err(ctx, start, end, "", b);
  if (pos < 0) {
    if (!error_matches(&exc_UnicodeDecodeError)) return nullptr;
    error_clear();
    return set_error_object(exc);
  }
  return pair(b.finish(), pos);
}

template <Err K>
Object* f_handler(Object*, Object* exc) {
  return std_handler(K, exc);
}

// ---- charmap, escape, readbuffer ----

Object* f_charmap_decode(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* out[3] = {};
  if (!parse_args("charmap_decode", args, nargs, kwnames, {"data", "errors", "mapping"}, 1, out)) return nullptr;
  std::string data;
  if (!bytes_like_copy(out[0], &data)) return nullptr;
  const char* errors;
  if (!get_errors("charmap_decode", out[1], &errors)) return nullptr;
  return pair(charmap_decode(data.data(), ssize(data.size()), errors, out[2] ? out[2] : none()), ssize(data.size()));
}

Object* f_charmap_encode(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* out[3] = {};
  if (!parse_args("charmap_encode", args, nargs, kwnames, {"str", "errors", "mapping"}, 1, out)) return nullptr;
  if (!get_str("charmap_encode", out[0])) return nullptr;
  const char* errors;
  if (!get_errors("charmap_encode", out[1], &errors)) return nullptr;
  return pair(charmap_encode(out[0], errors, out[2] ? out[2] : none()), str_length(out[0]));
}

// Returns {ord(ch): index} for a decoding table (CPython returns an EncodingMap for full 256-entry tables; a dict
// is what charmap_encode's mapping path accepts, with the same results).
Object* f_charmap_build(Object*, Object* map) {
  if (!get_str("charmap_build", map)) return nullptr;
  ORef d = steal(dict_new());
  if (!d) return nullptr;
  StrChars c(map);
  for (ssize i = 0, n = str_length(map); i < n; i++) {
    ORef k = steal(int_from_ssize(c[i]));
    ORef v = steal(int_from_ssize(i));
    if (!k || !v || dict_set(d.get(), k.get(), v.get()) < 0) return nullptr;
  }
  return d.release();
}

Object* f_escape_decode(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* out[2] = {};
  if (!parse_args("escape_decode", args, nargs, kwnames, {"data", "errors"}, 1, out)) return nullptr;
  std::string data;
  if (type_check(out[0], &str_type)) {
    data = str_view(out[0]);
  } else if (!bytes_like_copy(out[0], &data)) {
    return nullptr;
  }
  const char* errors;
  if (!get_errors("escape_decode", out[1], &errors)) return nullptr;
  return pair(bytes_escape_decode(data.data(), ssize(data.size()), errors), ssize(data.size()));
}

Object* f_escape_encode(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* out[2] = {};
  if (!parse_args("escape_encode", args, nargs, kwnames, {"data", "errors"}, 1, out)) return nullptr;
  if (!type_check(out[0], &bytes_type))
    return set_errorf(&exc_TypeError, "escape_encode() argument 1 must be bytes, not {}", type_name(out[0]));
  return pair(bytes_escape_encode(bytes_data(out[0]), bytes_size(out[0])), bytes_size(out[0]));
}

Object* f_readbuffer_encode(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* out[2] = {};
  if (!parse_args("readbuffer_encode", args, nargs, kwnames, {"data", "errors"}, 1, out)) return nullptr;
  std::string data;
  if (type_check(out[0], &str_type)) {
    data = str_view(out[0]);
  } else if (!bytes_like_copy(out[0], &data)) {
    return nullptr;
  }
  return pair(bytes_from(data.data(), ssize(data.size())), ssize(data.size()));
}

#define FAST(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(f))
#define FK (METH_FASTCALL | METH_KEYWORDS)
#define CODEC_ROWS(name, C, FINAL)                                 \
  {name "_encode", FAST((f_encode<C, 0>)), FK, nullptr}, {         \
    name "_decode", FAST((f_decode<C, FINAL, false>)), FK, nullptr \
  }
PyMethodDef codecs_methods[] = {
    {"register", FAST(f_register), METH_O, nullptr},
    {"unregister", FAST(f_unregister), METH_O, nullptr},
    {"lookup", FAST(f_lookup), METH_O, nullptr},
    {"_forget_codec", FAST(f_forget_codec), METH_O, nullptr},
    {"encode", FAST(f_encode_any), FK, nullptr},
    {"decode", FAST(f_decode_any), FK, nullptr},
    {"register_error", FAST(f_register_error), FK, nullptr},
    {"lookup_error", FAST(f_lookup_error), METH_O, nullptr},
    CODEC_ROWS("utf_8", Codec::kUtf8, false),
    CODEC_ROWS("ascii", Codec::kAscii, true),
    CODEC_ROWS("latin_1", Codec::kLatin1, true),
    CODEC_ROWS("utf_16", Codec::kUtf16, false),
    CODEC_ROWS("utf_16_le", Codec::kUtf16Le, false),
    CODEC_ROWS("utf_16_be", Codec::kUtf16Be, false),
    {"utf_16_ex_decode", FAST((f_decode<Codec::kUtf16, false, true>)), FK, nullptr},
    CODEC_ROWS("utf_32", Codec::kUtf32, false),
    CODEC_ROWS("utf_32_le", Codec::kUtf32Le, false),
    CODEC_ROWS("utf_32_be", Codec::kUtf32Be, false),
    {"utf_32_ex_decode", FAST((f_decode<Codec::kUtf32, false, true>)), FK, nullptr},
    CODEC_ROWS("unicode_escape", Codec::kUnicodeEscape, true),
    CODEC_ROWS("raw_unicode_escape", Codec::kRawUnicodeEscape, true),
    {"charmap_encode", FAST(f_charmap_encode), FK, nullptr},
    {"charmap_decode", FAST(f_charmap_decode), FK, nullptr},
    {"charmap_build", FAST(f_charmap_build), METH_O, nullptr},
    {"escape_encode", FAST(f_escape_encode), FK, nullptr},
    {"escape_decode", FAST(f_escape_decode), FK, nullptr},
    {"readbuffer_encode", FAST(f_readbuffer_encode), FK, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

// Decoders that default to final=True, for the codec info lookup() builds without `encodings`.
#define FINAL_ROW(name, C) \
  { name "_decode", FAST((f_decode<C, true, false>)), FK, nullptr }
PyMethodDef final_decoders[] = {
    FINAL_ROW("utf_8", Codec::kUtf8),
    FINAL_ROW("ascii", Codec::kAscii),
    FINAL_ROW("latin_1", Codec::kLatin1),
    FINAL_ROW("utf_16", Codec::kUtf16),
    FINAL_ROW("utf_16_le", Codec::kUtf16Le),
    FINAL_ROW("utf_16_be", Codec::kUtf16Be),
    FINAL_ROW("utf_32", Codec::kUtf32),
    FINAL_ROW("utf_32_le", Codec::kUtf32Le),
    FINAL_ROW("utf_32_be", Codec::kUtf32Be),
    FINAL_ROW("unicode_escape", Codec::kUnicodeEscape),
    FINAL_ROW("raw_unicode_escape", Codec::kRawUnicodeEscape),
    {nullptr, nullptr, 0, nullptr},
};
#undef FINAL_ROW

// The standard handlers, registered under their names on module creation (not module attributes, as in CPython).
PyMethodDef handler_methods[] = {
    {"strict_errors", FAST(f_handler<Err::kStrict>), METH_O, nullptr},
    {"ignore_errors", FAST(f_handler<Err::kIgnore>), METH_O, nullptr},
    {"replace_errors", FAST(f_handler<Err::kReplace>), METH_O, nullptr},
    {"backslashreplace_errors", FAST(f_handler<Err::kBackslash>), METH_O, nullptr},
    {"xmlcharrefreplace_errors", FAST(f_handler<Err::kXmlCharRef>), METH_O, nullptr},
    {"namereplace_errors", FAST(f_handler<Err::kNameReplace>), METH_O, nullptr},
    {"surrogateescape", FAST(f_handler<Err::kSurrogateEscape>), METH_O, nullptr},
    {"surrogatepass", FAST(f_handler<Err::kSurrogatePass>), METH_O, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
#undef CODEC_ROWS
#undef FK
#undef FAST

PyMethodDef* find_method(const char* name) {
  for (PyMethodDef* m = codecs_methods; m->ml_name; m++)
    if (!std::strcmp(m->ml_name, name)) return m;
  return nullptr;
}

PyMethodDef* find_final_decoder(const char* name) {
  for (PyMethodDef* m = final_decoders; m->ml_name; m++)
    if (!std::strcmp(m->ml_name, name)) return m;
  return nullptr;
}

const char* const kHandlerNames[] = {
    "strict",      "ignore",          "replace",      "backslashreplace", "xmlcharrefreplace",
    "namereplace", "surrogateescape", "surrogatepass"};

// str.encode/bytes.decode reach the registry for non-built-in names even before _codecs is imported.
[[maybe_unused]] const bool kHookInstalled = (codec_set_generic_hook(generic_hook), true);

}  // namespace

Object* create_codecs_module() {
  ORef m = steal(module_new(str_interned("_codecs")));
  if (!m || module_add_functions(m.get(), codecs_methods) < 0) return nullptr;
  static std::once_flag once;
  bool failed = false;
  std::call_once(once, [&] {
    for (int i = 0; handler_methods[i].ml_name; i++) {
      ORef fn = steal(cfunction_new(&handler_methods[i], nullptr, nullptr));
      if (!fn || codec_register_error(kHandlerNames[i], fn.get()) < 0) {
        failed = true;
        return;
      }
    }
  });
  if (failed) return nullptr;
  return m.release();
}

}  // namespace pyvm
