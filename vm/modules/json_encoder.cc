// _json.Encoder (json.encoder.c_make_encoder): the one-shot fast path of JSONEncoder.iterencode, writing a whole
// document into one string.
//
// Thread-safety: an Encoder's fields are set when it is made and never change. Each call writes into its own
// buffer; the markers dict (circular-reference detection) is the caller's, and json.encoder makes a fresh one for
// each encode. Lists are read by index with their live length (a list shrunk by a default() call mid-encoding is
// seen shrunk, as in CPython); dicts are encoded from a snapshot of their items.
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/stack_guard.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/modules/json_internal.h"

namespace pyvm::json {
namespace {

struct EncoderObject {
  PyObject ob_base;
  vectorcallfunc vectorcall;
  Object* markers;  // dict or None
  Object* defaultfn;
  Object* encoder;
  Object* indent;  // str or None (anything else fails when an indent is first needed, as in CPython)
  Object* key_separator;
  Object* item_separator;
  char sort_keys;
  char skipkeys;
  char allow_nan;
  char fast_encode;  // 1: encoder is encode_basestring_ascii, 2: encode_basestring, 0: call it
};
EncoderObject* EN(Object* o) { return reinterpret_cast<EncoderObject*>(o); }

// The output: Latin-1 code units until a wider character arrives, then UCS-4.
class Writer {
 public:
  void put_ascii(std::string_view s) {
    if (wide_)
      wbuf_.append(s.begin(), s.end());
    else
      nbuf_.append(s);
  }
  // The ASCII-only JSON text of a str, escaped straight into the buffer.
  void put_escaped_ascii(Object* s) {
    if (!wide_) return encode_ascii_into(s, &nbuf_);
    scratch_.clear();
    encode_ascii_into(s, &scratch_);
    put_ascii(scratch_);
  }
  void put_str(Object* s) {
    ssize len = str_length(s);
    const void* d = str_data(s);
    int kind = str_kind(s);
    if (kind == 1 && !wide_) {
      nbuf_.append(static_cast<const char*>(d), size_t(len));
      return;
    }
    widen();
    switch (kind) {
      case 1: {
        auto* p = static_cast<const uint8_t*>(d);
        wbuf_.append(p, p + len);
        break;
      }
      case 2: {
        auto* p = static_cast<const uint16_t*>(d);
        wbuf_.append(p, p + len);
        break;
      }
      default: {
        auto* p = static_cast<const char32_t*>(d);
        wbuf_.append(p, p + len);
        break;
      }
    }
  }
  [[nodiscard]] Object* finish() {
    if (!wide_) return str_from_latin1(reinterpret_cast<const uint8_t*>(nbuf_.data()), ssize(nbuf_.size()));
    return str_from_ucs4(reinterpret_cast<const uint32_t*>(wbuf_.data()), ssize(wbuf_.size()));
  }

 private:
  void widen() {
    if (wide_) return;
    wide_ = true;
    wbuf_.reserve(nbuf_.size() * 2 + 16);
    for (char c : nbuf_) wbuf_.push_back(char32_t(uint8_t(c)));
    nbuf_.clear();
    nbuf_.shrink_to_fit();
  }
  bool wide_ = false;
  std::string nbuf_;
  std::string scratch_;
  std::u32string wbuf_;
};

// One call's state: the writer and the newline-plus-indent strings by nesting depth (built as needed).
struct Call {
  EncoderObject* e;
  Writer out;
  ssize base_level;
  std::vector<ORef> indents;  // indents[k]: "\n" + indent * (base_level + k)

  // "\n" followed by the indent of nesting depth k (0: the level the call started at).
  Object* newline_indent(size_t k);
  [[nodiscard]] bool encode(Object* o, size_t depth);
  [[nodiscard]] bool encode_list(Object* seq, size_t depth);
  [[nodiscard]] bool encode_dict(Object* d, size_t depth);
  [[nodiscard]] bool encode_string(Object* s);
  [[nodiscard]] Object* float_text(Object* f);
  [[nodiscard]] int marker_enter(Object* o, ORef* id);
  [[nodiscard]] bool marker_leave(Object* id);
};

std::nullptr_t concat_error(Object* o) {
  return set_errorf(&exc_TypeError, "can only concatenate str (not \"{}\") to str", type_name(o));
}

Object* Call::newline_indent(size_t k) {
  if (indents.empty()) {
    ORef nl = steal(str_from_utf8("\n"));
    if (!nl) return nullptr;
    if (base_level != 0) {
      if (!type_check(e->indent, &str_type))
        return set_errorf(&exc_TypeError, "'{}' object can't be repeated", type_name(e->indent));
      ORef n = steal(int_from_ssize(base_level));
      if (!n) return nullptr;
      ORef rep = steal(binary_op(e->indent, n.get(), NB_MULTIPLY));
      if (!rep) return nullptr;
      if (!type_check(rep.get(), &str_type)) return concat_error(rep.get());
      nl = steal(str_concat(nl.get(), rep.get()));
      if (!nl) return nullptr;
    }
    indents.push_back(std::move(nl));
  }
  while (indents.size() <= k) {
    if (!type_check(e->indent, &str_type)) return concat_error(e->indent);
    ORef next = steal(str_concat(indents.back().get(), e->indent));
    if (!next) return nullptr;
    indents.push_back(std::move(next));
  }
  return indents[k].get();
}

bool Call::encode_string(Object* s) {
  if (e->fast_encode == 1) {
    out.put_escaped_ascii(s);
    return true;
  }
  if (e->fast_encode) {
    ORef r = steal(json::encode_string(s, e->fast_encode == 1));
    if (!r) return false;
    out.put_str(r.get());
    return true;
  }
  ORef r = steal(call1(e->encoder, s));
  if (!r) return false;
  if (!type_check(r.get(), &str_type)) {
    set_errorf(&exc_TypeError, "encoder() must return a string, not {}", type_name(r.get()));
    return false;
  }
  out.put_str(r.get());
  return true;
}

Object* Call::float_text(Object* f) {
  double v = float_value(f);
  if (std::isfinite(v)) return str_from_utf8(float_repr(v));
  if (!e->allow_nan) {
    std::string r;
    if (!repr_utf8(f, &r)) return nullptr;
    return set_errorf(&exc_ValueError, "Out of range float values are not JSON compliant: {}", r);
  }
  return str_from_utf8(v > 0 ? "Infinity" : v < 0 ? "-Infinity" : "NaN");
}

// Records `o` in the markers dict; 1 when it was recorded (*id holds the key), 0 when there are no markers, -1
// on error (ValueError "Circular reference detected" when it is already there).
int Call::marker_enter(Object* o, ORef* id) {
  if (e->markers == none()) return 0;
  *id = steal(int_from_u64(uint64_t(reinterpret_cast<uintptr_t>(o))));
  if (!*id) return -1;
  int has = dict_contains(e->markers, id->get());
  if (has < 0) return -1;
  if (has) {
    set_error(&exc_ValueError, "Circular reference detected");
    return -1;
  }
  return dict_set(e->markers, id->get(), o) < 0 ? -1 : 1;
}

bool Call::marker_leave(Object* id) { return !id || dict_del(e->markers, id) == 0; }

bool Call::encode(Object* o, size_t depth) {
  if (o == none()) {
    out.put_ascii("null");
    return true;
  }
  if (o == true_()) {
    out.put_ascii("true");
    return true;
  }
  if (o == false_()) {
    out.put_ascii("false");
    return true;
  }
  if (type_check(o, &str_type)) return encode_string(o);
  if (type_check(o, &int_type)) {
    if (int_is_compact(o)) {
      char buf[24];
      int n = snprintf(buf, sizeof buf, "%zd", int_compact_value(o));
      out.put_ascii(std::string_view(buf, size_t(n)));
      return true;
    }
    // int.__repr__, not repr(): subclasses such as IntEnum still encode as numbers.
    ORef r = steal(int_type.tp_repr(o));
    if (!r) return false;
    out.put_str(r.get());
    return true;
  }
  if (type_check(o, &float_type)) {
    if (std::isfinite(float_value(o))) {
      out.put_ascii(float_repr(float_value(o)));
      return true;
    }
    ORef r = steal(float_text(o));
    if (!r) return false;
    out.put_str(r.get());
    return true;
  }
  if (type_check(o, &list_type) || type_check(o, &tuple_type)) {
    CRecursionGuard guard(" while encoding a JSON object");
    return guard.ok() && encode_list(o, depth);
  }
  if (type_check(o, &dict_type)) {
    CRecursionGuard guard(" while encoding a JSON object");
    return guard.ok() && encode_dict(o, depth);
  }
  ORef id;
  if (marker_enter(o, &id) < 0) return false;
  ORef replacement = steal(call1(e->defaultfn, o));
  if (!replacement) return false;
  {
    CRecursionGuard guard(" while encoding a JSON object");
    if (!guard.ok() || !encode(replacement.get(), depth)) return false;
  }
  return marker_leave(id.get());
}

bool Call::encode_list(Object* seq, size_t depth) {
  // Exact lists and tuples are read in place; anything else (a subclass may override __iter__) is listed first.
  ORef items = borrow(seq);
  if (!type_check_exact(seq, &list_type) && !type_check_exact(seq, &tuple_type)) {
    items = steal(sequence_list(seq));
    if (!items) return false;
  }
  bool is_list = type_check_exact(items.get(), &list_type);
  auto size = [&] { return is_list ? list_size(items.get()) : tuple_size(items.get()); };
  if (size() == 0) {
    out.put_ascii("[]");
    return true;
  }
  ORef id;
  if (marker_enter(seq, &id) < 0) return false;
  out.put_ascii("[");
  ORef separator = borrow(e->item_separator);
  if (e->indent != none()) {
    Object* nl = newline_indent(depth + 1);
    if (!nl) return false;
    separator = steal(str_concat(e->item_separator, nl));
    if (!separator) return false;
    out.put_str(nl);
  }
  for (ssize i = 0; i < size(); i++) {
    ORef item = steal(is_list ? list_get(items.get(), i) : newref(tuple_get(items.get(), i)));
    if (!item) {
      // Only another thread shrinking the list between the length check and the read gets here: the list
      // ended early.
      if (!error_matches(&exc_IndexError)) return false;
      error_clear();
      break;
    }
    if (i) out.put_str(separator.get());
    if (!encode(item.get(), depth + 1)) return false;
  }
  if (!marker_leave(id.get())) return false;
  if (e->indent != none()) {
    Object* nl = newline_indent(depth);
    if (!nl) return false;
    out.put_str(nl);
  }
  out.put_ascii("]");
  return true;
}

bool Call::encode_dict(Object* d, size_t depth) {
  if (dict_size(d) == 0) {
    out.put_ascii("{}");
    return true;
  }
  ORef id;
  if (marker_enter(d, &id) < 0) return false;
  out.put_ascii("{");
  ORef separator = borrow(e->item_separator);
  if (e->indent != none()) {
    Object* nl = newline_indent(depth + 1);
    if (!nl) return false;
    separator = steal(str_concat(e->item_separator, nl));
    if (!separator) return false;
    out.put_str(nl);
  }
  // PyMapping_Items: a dict's own items, or list(d.items()) for a subclass (which may override items()).
  ORef items;
  if (type_check_exact(d, &dict_type)) {
    items = steal(dict_items_list(d));
  } else {
    ORef view = steal(call_method0(d, str_interned("items")));
    if (!view) return false;
    ORef it = steal(get_iter(view.get()));
    if (!it) {
      if (error_matches(&exc_TypeError)) {
        error_clear();
        set_errorf(&exc_TypeError, "{}.items() returned a non-iterable (type {})", type_name(d), type_name(view.get()));
      }
      return false;
    }
    items = steal(sequence_list(it.get()));
  }
  if (!items) return false;
  if (e->sort_keys && list_sort(items.get(), nullptr, false) < 0) return false;
  bool first = true;
  for (ssize i = 0; i < list_size(items.get()); i++) {
    ORef item = steal(list_get(items.get(), i));
    if (!item) return false;
    if (!type_check(item.get(), &tuple_type) || tuple_size(item.get()) != 2) {
      set_error(&exc_ValueError, "items must return 2-tuples");
      return false;
    }
    Object* key = tuple_get(item.get(), 0);
    Object* value = tuple_get(item.get(), 1);
    ORef keystr;
    if (type_check(key, &str_type)) {
      keystr = borrow(key);
    } else if (type_check(key, &float_type)) {
      keystr = steal(float_text(key));
    } else if (key == true_() || key == false_() || key == none()) {
      keystr = steal(str_from_utf8(key == true_() ? "true" : key == false_() ? "false" : "null"));
    } else if (type_check(key, &int_type)) {
      keystr = steal(int_type.tp_repr(key));
    } else if (e->skipkeys) {
      continue;
    } else {
      set_errorf(&exc_TypeError, "keys must be str, int, float, bool or None, not {}", type_name(key));
      return false;
    }
    if (!keystr) return false;
    if (!first) out.put_str(separator.get());
    first = false;
    if (!encode_string(keystr.get())) return false;
    out.put_str(e->key_separator);
    if (!encode(value, depth + 1)) return false;
  }
  if (!marker_leave(id.get())) return false;
  if (e->indent != none()) {
    Object* nl = newline_indent(depth);
    if (!nl) return false;
    out.put_str(nl);
  }
  out.put_ascii("}");
  return true;
}

bool ssize_index_arg(Object* o, ssize* out) {
  ORef i = steal(number_index(o));
  if (!i) return false;
  *out = int_as_ssize(i.get());  // "Python int too large to convert to C ssize_t", as the "n" converter says
  return !(*out == -1 && error_occurred());
}

Object* encoder_vectorcall(Object* self, Object* const* args, size_t nargsf, Object* kwnames) {
  Object* v[2] = {};
  if (!parse_args("_iterencode", args, ssize(nargsf & ~PY_VECTORCALL_ARGUMENTS_OFFSET), kwnames,
                  {"obj", "_current_indent_level"}, 2, v))
    return nullptr;
  Call c{EN(self), Writer(), 0, {}};
  if (!ssize_index_arg(v[1], &c.base_level)) return nullptr;
  if (!c.encode(v[0], 0)) return nullptr;
  ORef s = steal(c.out.finish());
  if (!s) return nullptr;
  return tuple_pack({s.get()});
}

// tp_call for callers that hold a tuple and a dict: converted to the vectorcall form.
Object* encoder_call(Object* self, Object* args, Object* kwds) {
  VectorArgs va;
  if (!va.init(args, kwds)) return nullptr;
  return encoder_vectorcall(self, va.argv.data(), size_t(va.nargs), va.kwnames.get());
}

Object* encoder_new(Type* type, Object* args, Object* kwds) {
  VectorArgs va;
  if (!va.init(args, kwds)) return nullptr;
  Object* v[9] = {};
  if (!parse_args("make_encoder", va.argv.data(), va.nargs, va.kwnames.get(),
                  {"markers", "default", "encoder", "indent", "key_separator", "item_separator", "sort_keys",
                   "skipkeys", "allow_nan"},
                  9, v))
    return nullptr;
  if (v[0] != none() && !type_check(v[0], &dict_type))
    return set_errorf(&exc_TypeError, "make_encoder() argument 1 must be dict or None, not {}", type_name(v[0]));
  for (int i : {4, 5})
    if (!type_check(v[i], &str_type))
      return set_errorf(&exc_TypeError, "make_encoder() argument {} must be str, not {}", i + 1, type_name(v[i]));
  int flags[3];
  for (int i = 0; i < 3; i++) {
    flags[i] = object_is_true(v[6 + i]);
    if (flags[i] < 0) return nullptr;
  }
  Object* o = new_object(type, size_t(type->tp_basicsize));
  if (!o) return nullptr;
  EncoderObject* e = EN(o);
  e->vectorcall = encoder_vectorcall;
  e->markers = newref(v[0]);
  e->defaultfn = newref(v[1]);
  e->encoder = newref(v[2]);
  e->indent = newref(v[3]);
  e->key_separator = newref(v[4]);
  e->item_separator = newref(v[5]);
  e->sort_keys = char(flags[0]);
  e->skipkeys = char(flags[1]);
  e->allow_nan = char(flags[2]);
  e->fast_encode = is_ascii_encoder(v[2]) ? 1 : is_unicode_encoder(v[2]) ? 2 : 0;
  return o;
}

void encoder_dealloc(Object* self) {
  Type* t = type_of(self);
  EncoderObject* e = EN(self);
  for (Object* o : {e->markers, e->defaultfn, e->encoder, e->indent, e->key_separator, e->item_separator}) xdecref(o);
  object_free(self);
  dealloc_type_ref(t);
}

int encoder_traverse(Object* self, visitproc visit, void* arg) {
  EncoderObject* e = EN(self);
  for (Object* o : {e->markers, e->defaultfn, e->encoder, e->indent, e->key_separator, e->item_separator})
    if (o)
      if (int r = visit(o, arg)) return r;
  return 0;
}

constexpr int kMemberObject = 6, kMemberBool = 14, kReadOnly = 1;

PyMemberDef encoder_members[] = {
    {"markers", kMemberObject, offsetof(EncoderObject, markers), kReadOnly, nullptr},
    {"default", kMemberObject, offsetof(EncoderObject, defaultfn), kReadOnly, nullptr},
    {"encoder", kMemberObject, offsetof(EncoderObject, encoder), kReadOnly, nullptr},
    {"indent", kMemberObject, offsetof(EncoderObject, indent), kReadOnly, nullptr},
    {"key_separator", kMemberObject, offsetof(EncoderObject, key_separator), kReadOnly, nullptr},
    {"item_separator", kMemberObject, offsetof(EncoderObject, item_separator), kReadOnly, nullptr},
    {"sort_keys", kMemberBool, offsetof(EncoderObject, sort_keys), kReadOnly, nullptr},
    {"skipkeys", kMemberBool, offsetof(EncoderObject, skipkeys), kReadOnly, nullptr},
    {nullptr, 0, 0, 0, nullptr}};

}  // namespace

Type encoder_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "_json.Encoder",
    .tp_basicsize = sizeof(EncoderObject),
    .tp_dealloc = encoder_dealloc,
    .tp_vectorcall_offset = offsetof(EncoderObject, vectorcall),
    .tp_call = encoder_call,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_doc =
        "Encoder(markers, default, encoder, indent, key_separator, item_separator, sort_keys, skipkeys, "
        "allow_nan)",
    .tp_traverse = encoder_traverse,
    .tp_members = encoder_members,
    .tp_new = encoder_new,
};

}  // namespace pyvm::json
