// Universal newlines: _io.IncrementalNewlineDecoder and the line-ending helpers StringIO and TextIOWrapper share.
//
// Thread contract: an IncrementalNewlineDecoder's state (pendingcr, seennl) changes only inside its critical
// section; the wrapped decoder is called inside it too (a Python decoder that calls back into the same
// IncrementalNewlineDecoder from the same thread re-enters the section, which is a no-op).
#include <string>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/methods.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/modules/io_internal.h"
#include "vm/sync/mutex.h"

namespace pyvm::io {

void append_u32(Object* s, std::u32string* out) {
  StrChars c(s);
  size_t old = out->size();
  out->resize(old + size_t(c.len));
  char32_t* p = out->data() + old;
  switch (c.kind) {
    case 1: {
      auto* d = static_cast<const uint8_t*>(c.data);
      for (ssize i = 0; i < c.len; i++) p[i] = d[i];
      break;
    }
    case 2: {
      auto* d = static_cast<const uint16_t*>(c.data);
      for (ssize i = 0; i < c.len; i++) p[i] = d[i];
      break;
    }
    default: {
      auto* d = static_cast<const uint32_t*>(c.data);
      for (ssize i = 0; i < c.len; i++) p[i] = d[i];
    }
  }
}

Object* u32_to_str(const char32_t* p, ssize n) { return str_from_ucs4(reinterpret_cast<const uint32_t*>(p), n); }

void newline_decode(NewlineState* st, std::u32string* text, bool final) {
  if (st->pendingcr && (!text->empty() || final)) {
    text->insert(text->begin(), U'\r');
    st->pendingcr = false;
  }
  if (!final && !text->empty() && text->back() == U'\r') {
    text->pop_back();
    st->pendingcr = true;
  }
  bool has_cr = false;
  for (char32_t ch : *text) {
    if (ch == U'\r') {
      has_cr = true;
      break;
    }
  }
  if (!has_cr) {
    for (char32_t ch : *text) {
      if (ch == U'\n') {
        st->seennl |= kSeenLF;
        break;
      }
    }
    return;
  }
  size_t n = text->size(), w = 0;
  char32_t* p = text->data();
  for (size_t i = 0; i < n; i++) {
    char32_t ch = p[i];
    if (ch == U'\r') {
      if (i + 1 < n && p[i + 1] == U'\n') {
        st->seennl |= kSeenCRLF;
        if (st->translate) {
          p[w++] = U'\n';
          i++;
          continue;
        }
        p[w++] = ch;
        p[w++] = p[++i];
        continue;
      }
      st->seennl |= kSeenCR;
      p[w++] = st->translate ? U'\n' : ch;
      continue;
    }
    if (ch == U'\n') st->seennl |= kSeenLF;
    p[w++] = ch;
  }
  text->resize(w);
}

Object* newlines_value(int seennl) {
  static const char* const kSingle[] = {nullptr, "\n", "\r", nullptr, "\r\n"};
  switch (seennl) {
    case 0:
      return newref(none());
    case kSeenLF:
    case kSeenCR:
    case kSeenCRLF:
      return str_from_utf8(kSingle[seennl]);
    default:
      break;
  }
  ORef items[3];
  ssize n = 0;
  if (seennl & kSeenCR) items[n++] = steal(str_from_utf8("\r"));
  if (seennl & kSeenLF) items[n++] = steal(str_from_utf8("\n"));
  if (seennl & kSeenCRLF) items[n++] = steal(str_from_utf8("\r\n"));
  Object* raw[3];
  for (ssize i = 0; i < n; i++) {
    if (!items[i]) return nullptr;
    raw[i] = items[i].get();
  }
  return tuple_from_array(raw, n);
}

ssize find_line_end(const char32_t* text, ssize start, ssize end, bool translated, bool universal,
                    const std::u32string& readnl) {
  if (translated) {
    for (ssize i = start; i < end; i++)
      if (text[i] == U'\n') return i + 1;
    return -1;
  }
  if (universal) {
    for (ssize i = start; i < end; i++) {
      if (text[i] == U'\n') return i + 1;
      if (text[i] == U'\r') return (i + 1 < end && text[i + 1] == U'\n') ? i + 2 : i + 1;
    }
    return -1;
  }
  ssize k = ssize(readnl.size());
  if (k == 1) {
    for (ssize i = start; i < end; i++)
      if (text[i] == readnl[0]) return i + 1;
    return -1;
  }
  for (ssize i = start; i + k <= end; i++)
    if (text[i] == readnl[0] && std::char_traits<char32_t>::compare(text + i, readnl.data(), size_t(k)) == 0)
      return i + k;
  return -1;
}

namespace {

// ---- IncrementalNewlineDecoder ----

struct NlDecoder {
  PyObject ob_base;
  Object* decoder;  // None or a decoder
  Object* errors;
  NewlineState st;
  bool ok;
};

NlDecoder* nld(Object* o) { return reinterpret_cast<NlDecoder*>(o); }

Object* nld_new(Type* t, Object*, Object*) { return new_object(t, size_t(t->tp_basicsize)); }

int nld_init(Object* self, Object* args, Object* kwds) {
  Object* a[3] = {};
  if (!parse_tuple_dict("IncrementalNewlineDecoder", args, kwds, {"decoder", "translate", "errors"}, 2, a))
    return -1;
  int translate = object_is_true(a[1]);
  if (translate < 0) return -1;
  sync::CriticalSection cs(self);
  NlDecoder* d = nld(self);
  set_slot(&d->decoder, newref(a[0]));
  set_slot(&d->errors, a[2] ? newref(a[2]) : str_from_utf8("strict"));
  if (!d->errors) return -1;
  d->st = NewlineState{};
  d->st.translate = translate;
  d->ok = true;
  return 0;
}

bool nld_check(Object* self) {
  if (!nld(self)->ok) {
    set_error(&exc_ValueError, "IncrementalNewlineDecoder.__init__() not called");
    return false;
  }
  return true;
}

Object* nld_decode(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[2] = {};
  if (!parse_args("decode", args, nargs, kwnames, {"input", "final"}, 1, a)) return nullptr;
  if (!nld_check(self)) return nullptr;
  int final = 0;
  if (a[1]) {
    final = object_is_true(a[1]);
    if (final < 0) return nullptr;
  }
  NlDecoder* d = nld(self);
  ORef output;
  if (d->decoder != none()) {
    ORef fin = borrow(bool_obj(final));
    ORef kw = steal(tuple_pack({str_interned("final")}));
    if (!kw) return nullptr;
    Object* argv[2] = {a[0], fin.get()};
    ORef meth = steal(get_attr_str(d->decoder, "decode"));
    if (!meth) return nullptr;
    output = steal(call(meth.get(), argv, 1, kw.get()));
  } else {
    output = borrow(a[0]);
  }
  if (!output) return nullptr;
  if (!type_check(output.get(), &str_type))
    return set_errorf(&exc_TypeError, "decoder should return a string result, not '{}'", type_name(output.get()));
  std::u32string text;
  append_u32(output.get(), &text);
  newline_decode(&d->st, &text, final);
  return u32_to_str(text);
}

Object* nld_getstate(Object* self, Object*) {
  if (!nld_check(self)) return nullptr;
  NlDecoder* d = nld(self);
  ORef buffer;
  uint64_t flag = 0;
  if (d->decoder != none()) {
    ORef state = steal(call_method0(d->decoder, str_interned("getstate")));
    if (!state) return nullptr;
    if (!type_check(state.get(), &tuple_type) || tuple_size(state.get()) != 2)
      return set_error(&exc_TypeError, "illegal decoder state");
    buffer = borrow(tuple_get(state.get(), 0));
    int ovf = 0;
    flag = uint64_t(int_as_i64(tuple_get(state.get(), 1), &ovf));
    if (error_occurred()) return nullptr;
  } else {
    buffer = borrow(bytes_empty());
  }
  flag <<= 1;
  if (d->st.pendingcr) flag |= 1;
  ORef f = steal(int_from_u64(flag));
  if (!f) return nullptr;
  return tuple_pack({buffer.get(), f.get()});
}

Object* nld_setstate(Object* self, Object* state) {
  if (!nld_check(self)) return nullptr;
  if (!type_check(state, &tuple_type)) return set_error(&exc_TypeError, "state argument must be a tuple");
  if (tuple_size(state) != 2 || !type_check(tuple_get(state, 1), &int_type))
    return set_error(&exc_TypeError, "setstate(): illegal state argument");
  int ovf = 0;
  uint64_t flag = uint64_t(int_as_i64(tuple_get(state, 1), &ovf));
  if (error_occurred()) return nullptr;
  NlDecoder* d = nld(self);
  d->st.pendingcr = flag & 1;
  if (d->decoder != none()) {
    ORef f = steal(int_from_u64(flag >> 1));
    if (!f) return nullptr;
    ORef t = steal(tuple_pack({tuple_get(state, 0), f.get()}));
    if (!t) return nullptr;
    return call_method1(d->decoder, str_interned("setstate"), t.get());
  }
  return newref(none());
}

Object* nld_reset(Object* self, Object*) {
  if (!nld_check(self)) return nullptr;
  NlDecoder* d = nld(self);
  d->st.seennl = 0;
  d->st.pendingcr = false;
  if (d->decoder != none()) return call_method0(d->decoder, str_interned("reset"));
  return newref(none());
}

Object* nld_get_newlines(Object* self, void*) {
  sync::CriticalSection cs(self);
  if (!nld_check(self)) return nullptr;
  return newlines_value(nld(self)->st.seennl);
}

void nld_dealloc(Object* self) {
  Type* t = type_of(self);
  xdecref(nld(self)->decoder);
  xdecref(nld(self)->errors);
  object_free(self);
  dealloc_type_ref(t);
}

PyMethodDef nld_methods[] = {
    {"decode", as_cfunc(locked_fast<nld_decode>), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"getstate", locked<nld_getstate>, METH_NOARGS, nullptr},
    {"setstate", locked<nld_setstate>, METH_O, nullptr},
    {"reset", locked<nld_reset>, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyGetSetDef nld_getset[] = {
    {"newlines", nld_get_newlines, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

Type nldecoder_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "_io.IncrementalNewlineDecoder",
    .tp_basicsize = sizeof(NlDecoder),
    .tp_dealloc = nld_dealloc,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_BASETYPE,
    .tp_methods = nld_methods,
    .tp_getset = nld_getset,
    .tp_init = nld_init,
    .tp_new = nld_new,
};

}  // namespace pyvm::io
