// The pickler's engine (the Saver): serialises objects to pickle protocols 0-5 with the output of CPython 3.13's C
// pickler, byte for byte (framing, memo indices, batching). The Pickler type itself is in pickle_module.cc.
//
// Thread safety (see the contract in pickle_module.cc): the output buffer and the memo are C++ state reached only
// under the pickler's UseGuard (pickle_internal.h), which admits one thread at a time (re-entry from that thread
// allowed); no pointer into the buffer or the memo is held across a call into Python code, so re-entry cannot
// leave one dangling.
#include <string>
#include <unordered_map>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/buffer.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/methods.h"
#include "objects/set.h"
#include "objects/stack_guard.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/import.h"
#include "vm/modules/pickle_internal.h"
#include "vm/sync/mutex.h"
#include "vm/sysmodule.h"

namespace pyvm::pickle {
namespace {

// ---- Output ----

struct Writer {
  PicklerObject* p;

  std::string& out() { return p->st->out; }

  void raw(const char* s, size_t n) {
    PicklerState* st = p->st;
    if (p->framing && st->frame_start < 0) {
      st->frame_start = ssize(st->out.size());
      st->out.append(size_t(kFrameHeaderSize), '\xfe');
    }
    st->out.append(s, n);
  }
  void op(uint8_t c) {
    char ch = char(c);
    raw(&ch, 1);
  }
  void op_u8(uint8_t c, uint8_t a) {
    char b[2] = {char(c), char(a)};
    raw(b, 2);
  }
  void op_le(uint8_t c, uint64_t v, int nbytes) {
    char b[9];
    b[0] = char(c);
    for (int i = 0; i < nbytes; i++) b[1 + i] = char((v >> (8 * i)) & 0xff);
    raw(b, size_t(nbytes + 1));
  }
  void text(std::string_view s) { raw(s.data(), s.size()); }

  void commit_frame() {
    PicklerState* st = p->st;
    if (!p->framing || st->frame_start < 0) return;
    size_t start = size_t(st->frame_start);
    size_t len = st->out.size() - start - size_t(kFrameHeaderSize);
    if (ssize(len) >= kFrameSizeMin) {
      st->out[start] = char(kFrame);
      for (int i = 0; i < 8; i++) st->out[start + 1 + size_t(i)] = char((uint64_t(len) >> (8 * i)) & 0xff);
    } else {
      st->out.erase(start, size_t(kFrameHeaderSize));
    }
    st->frame_start = -1;
  }

  // Hands the output so far to file.write() and starts an empty buffer.
  int flush_to_file() {
    commit_frame();
    ORef data = steal(bytes_from(out().data(), ssize(out().size())));
    if (!data) return -1;
    out().clear();
    p->st->frame_start = -1;
    ORef w = borrow(p->write);
    ORef r = steal(call1(w.get(), data.get()));
    return r ? 0 : -1;
  }

  // After each saved object: a frame that reached the target size is closed (and written out when pickling to a
  // file).
  int opcode_boundary() {
    PicklerState* st = p->st;
    if (!p->framing || st->frame_start < 0) return 0;
    if (ssize(st->out.size()) - st->frame_start - kFrameHeaderSize < kFrameSizeTarget) return 0;
    commit_frame();
    if (p->write) return flush_to_file();
    return 0;
  }

  // A header and its payload; payloads of a frame's target size or more go outside any frame, and straight to
  // the file when there is one (`payload`, when given, is the object holding `data`: it is passed to write()).
  int bytes(const char* header, size_t header_len, const char* data, size_t size, Object* payload) {
    bool bypass = ssize(size) >= kFrameSizeTarget;
    int framing = p->framing;
    if (bypass) {
      commit_frame();
      p->framing = 0;
    }
    raw(header, header_len);
    if (bypass && p->write) {
      if (flush_to_file() < 0) {
        p->framing = framing;
        return -1;
      }
      ORef obj;
      if (payload) {
        obj = borrow(payload);
      } else {
        obj = steal(bytes_from(data, ssize(size)));
        if (!obj) {
          p->framing = framing;
          return -1;
        }
      }
      ORef w = borrow(p->write);
      ORef r = steal(call1(w.get(), obj.get()));
      p->framing = framing;
      return r ? 0 : -1;
    }
    raw(data, size);
    p->framing = framing;
    return 0;
  }
};

// ---- Saving ----

struct Saver {
  PicklerObject* p;
  Writer w;
  Object* dispatch_table;  // borrowed for the dump from the pickler (held by it)

  int save(Object* obj, bool pers_save);
  int memo_put(Object* obj);
  int memo_get(Object* obj);
  bool in_memo(Object* obj) { return p->st->memo.find(obj) != nullptr; }
  int save_long(Object* obj);
  int save_float(Object* obj);
  int save_bytes(Object* obj);
  int save_bytes_data(Object* obj, const char* data, ssize size);
  size_t sized_header(char* header, ssize size, bool short_ok, uint8_t op1, uint8_t op4, uint8_t op8);
  int save_bytearray(Object* obj);
  int save_bytearray_data(Object* obj, const char* data, ssize size);
  int save_picklebuffer(Object* obj);
  int save_str(Object* obj);
  int save_tuple(Object* obj);
  int save_list(Object* obj);
  int batch_list(Object* iter);
  int batch_list_exact(Object* obj);
  int save_dict(Object* obj);
  template <class Fill>
  int save_container(Object* obj, uint8_t empty_op, uint8_t proto0_op, bool nonempty, Fill fill);
  int batch_dict(Object* iter);
  int batch_dict_exact(Object* obj);
  int save_set(Object* obj);
  int save_frozenset(Object* obj);
  int save_global(Object* obj, Object* name);
  int save_toplevel(Object* module_name, Object* name);
  int save_type(Object* obj);
  int save_pers(Object* obj);
  int save_reduce(Object* args, Object* obj);
  int save_reduce_args(Object* func, Object* args, Object* obj);
  bool fast_enter(Object* obj);
  bool fast_leave(Object* obj);
};

std::nullptr_t perr(std::string_view msg) { return set_error(pickling_error(), msg); }

int Saver::memo_put(Object* obj) {
  if (p->fast) return 0;
  ssize idx = p->st->memo.size();
  p->st->memo.set(obj, idx);
  if (p->proto >= 4) {
    w.op(kMemoize);
  } else if (!p->bin) {
    w.text("p" + std::to_string(idx) + "\n");
  } else if (idx < 256) {
    w.op_u8(kBinPut, uint8_t(idx));
  } else if (idx <= 0xffffffffLL) {
    w.op_le(kLongBinPut, uint64_t(idx), 4);
  } else {
    perr("memo id too large for LONG_BINPUT");
    return -1;
  }
  return 0;
}

int Saver::memo_get(Object* obj) {
  const ssize* found = p->st->memo.find(obj);
  if (!found) {
    set_error_value(&exc_KeyError, obj);
    return -1;
  }
  ssize idx = *found;
  if (!p->bin) {
    w.text("g" + std::to_string(idx) + "\n");
  } else if (idx < 256) {
    w.op_u8(kBinGet, uint8_t(idx));
  } else if (idx <= 0xffffffffLL) {
    w.op_le(kLongBinGet, uint64_t(idx), 4);
  } else {
    perr("memo id too large for LONG_BINGET");
    return -1;
  }
  return 0;
}

bool Saver::fast_enter(Object* obj) {
  if (++p->fast_nesting < 50) return true;
  if (!p->fast_memo) {
    p->fast_memo = dict_new();
    if (!p->fast_memo) return false;
  }
  ORef key = steal(int_from_u64(uint64_t(reinterpret_cast<uintptr_t>(obj))));
  if (!key) return false;
  int r = dict_contains(p->fast_memo, key.get());
  if (r < 0) return false;
  if (r > 0) {
    set_errorf(&exc_ValueError, "fast mode: can't pickle cyclic objects including object type {} at {}",
               type_of(obj)->tp_name, static_cast<void*>(obj));
    return false;
  }
  return dict_set(p->fast_memo, key.get(), none()) == 0;
}

bool Saver::fast_leave(Object* obj) {
  if (p->fast_nesting-- < 50) return true;
  ORef key = steal(int_from_u64(uint64_t(reinterpret_cast<uintptr_t>(obj))));
  if (!key || !p->fast_memo) return false;
  return dict_del(p->fast_memo, key.get()) == 0;
}

// The little-endian two's complement bytes of a big int, in the fewest bytes pickle.py's encode_long uses.
bool encode_long(Object* obj, std::string* out) {
  int sign = int_sign(obj);
  ssize nd = int_ndigits(obj);
  const digit* d = int_digits(obj);
  // abs value bytes
  std::string mag;
  uint64_t acc = 0;
  int bits = 0;
  for (ssize i = 0; i < nd; i++) {
    acc |= uint64_t(d[i]) << bits;
    bits += PyLong_SHIFT;
    while (bits >= 8) {
      mag.push_back(char(acc & 0xff));
      acc >>= 8;
      bits -= 8;
    }
  }
  if (bits > 0) mag.push_back(char(acc & 0xff));
  while (!mag.empty() && mag.back() == 0) mag.pop_back();
  // nbits of |x|, then nbytes = nbits/8 + 1 (room for the sign bit), as CPython.
  size_t nbits = 0;
  if (!mag.empty()) {
    unsigned top = uint8_t(mag.back());
    int tb = 0;
    while (top) {
      tb++;
      top >>= 1;
    }
    nbits = (mag.size() - 1) * 8 + size_t(tb);
  }
  size_t nbytes = (nbits >> 3) + 1;
  if (nbytes > 0x7fffffffULL) {
    set_error(&exc_OverflowError, "int too large to pickle");
    return false;
  }
  mag.resize(nbytes, '\0');
  if (sign < 0) {
    // negate: invert and add one
    unsigned carry = 1;
    for (size_t i = 0; i < nbytes; i++) {
      unsigned v = (~unsigned(uint8_t(mag[i])) & 0xff) + carry;
      mag[i] = char(v & 0xff);
      carry = v >> 8;
    }
    if (nbytes > 1 && uint8_t(mag[nbytes - 1]) == 0xff && (uint8_t(mag[nbytes - 2]) & 0x80) != 0) mag.pop_back();
  }
  *out = std::move(mag);
  return true;
}

int Saver::save_long(Object* obj) {
  int overflow = 0;
  int64_t v = int_as_i64(obj, &overflow);
  if (!overflow && v >= -0x80000000LL && v <= 0x7fffffffLL) {
    if (p->bin) {
      uint32_t u = uint32_t(int32_t(v));
      if ((u >> 16) != 0) {
        w.op_le(kBinInt, u, 4);
      } else if ((u >> 8) != 0) {
        w.op_le(kBinInt2, u, 2);
      } else {
        w.op_u8(kBinInt1, uint8_t(u));
      }
    } else {
      w.text("I" + std::to_string(v) + "\n");
    }
    return 0;
  }
  if (p->proto >= 2) {
    std::string enc;
    if (!encode_long(obj, &enc)) return -1;
    if (enc.size() < 256) {
      w.op_u8(kLong1, uint8_t(enc.size()));
    } else {
      w.op_le(kLong4, enc.size(), 4);
    }
    w.raw(enc.data(), enc.size());
    return 0;
  }
  std::string text;
  if (!int_to_string(obj, 10, &text)) return -1;
  w.text("L" + text + "L\n");
  return 0;
}

int Saver::save_float(Object* obj) {
  double x = float_value(obj);
  if (p->bin) {
    uint64_t bits;
    memcpy(&bits, &x, 8);
    char b[9];
    b[0] = char(kBinFloat);
    for (int i = 0; i < 8; i++) b[1 + i] = char((bits >> (8 * (7 - i))) & 0xff);
    w.raw(b, 9);
  } else {
    w.text("F" + float_repr(x) + "\n");
  }
  return 0;
}

// The opcode and little-endian length that start a sized bytes or str item: the 1-byte form when `short_ok` and the
// size fits, else the 4-byte form, else (protocol 4 and up) the 8-byte one. Returns the header's length, or 0 when
// the size needs protocol 4.
size_t Saver::sized_header(char* header, ssize size, bool short_ok, uint8_t op1, uint8_t op4, uint8_t op8) {
  int n;
  if (size <= 0xff && short_ok) {
    header[0] = char(op1);
    n = 1;
  } else if (uint64_t(size) <= 0xffffffffULL) {
    header[0] = char(op4);
    n = 4;
  } else if (p->proto >= 4) {
    header[0] = char(op8);
    n = 8;
  } else {
    return 0;
  }
  for (int i = 0; i < n; i++) header[1 + i] = char((uint64_t(size) >> (8 * i)) & 0xff);
  return size_t(n) + 1;
}

int Saver::save_bytes_data(Object* obj, const char* data, ssize size) {
  char header[9];
  size_t hl = sized_header(header, size, true, kShortBinBytes, kBinBytes, kBinBytes8);
  if (!hl) {
    set_error(&exc_OverflowError, "serializing a bytes object larger than 4 GiB requires pickle protocol 4 or higher");
    return -1;
  }
  if (w.bytes(header, hl, data, size_t(size), obj) < 0) return -1;
  return memo_put(obj);
}

int Saver::save_bytes(Object* obj) {
  if (p->proto < 3) {
    ORef reduce;
    if (bytes_size(obj) == 0) {
      reduce = steal(tuple_pack({reinterpret_cast<Object*>(&bytes_type), tuple_empty()}));
    } else {
      ORef s = steal(str_from_latin1(reinterpret_cast<const uint8_t*>(bytes_data(obj)), bytes_size(obj)));
      // One shared "latin1" object, as CPython's: the memo then writes it once per pickle.
      static Object* const latin1 = str_interned("latin1");
      if (!s) return -1;
      ORef args = steal(tuple_pack({s.get(), latin1}));
      if (!args) return -1;
      reduce = steal(tuple_pack({g_state.codecs_encode, args.get()}));
    }
    if (!reduce) return -1;
    return save_reduce(reduce.get(), obj);
  }
  return save_bytes_data(obj, bytes_data(obj), bytes_size(obj));
}

int Saver::save_bytearray_data(Object* obj, const char* data, ssize size) {
  char header[9];
  header[0] = char(kByteArray8);
  for (int i = 0; i < 8; i++) header[1 + i] = char((uint64_t(size) >> (8 * i)) & 0xff);
  if (w.bytes(header, 9, data, size_t(size), obj) < 0) return -1;
  return memo_put(obj);
}

int Saver::save_bytearray(Object* obj) {
  if (p->proto < 5) {
    ORef reduce;
    Object* ba = reinterpret_cast<Object*>(&bytearray_type);
    std::string copy;
    {
      sync::CriticalSection cs(obj);
      copy.assign(bytearray_data(obj), size_t(bytearray_size(obj)));
    }
    if (copy.empty()) {
      reduce = steal(tuple_pack({ba, tuple_empty()}));
    } else {
      ORef b = steal(bytes_from(copy.data(), ssize(copy.size())));
      if (!b) return -1;
      ORef args = steal(tuple_pack({b.get()}));
      if (!args) return -1;
      reduce = steal(tuple_pack({ba, args.get()}));
    }
    if (!reduce) return -1;
    return save_reduce(reduce.get(), obj);
  }
  std::string copy;
  {
    sync::CriticalSection cs(obj);
    copy.assign(bytearray_data(obj), size_t(bytearray_size(obj)));
  }
  return save_bytearray_data(obj, copy.data(), ssize(copy.size()));
}

int Saver::save_picklebuffer(Object* obj) {
  if (p->proto < 5) {
    perr("PickleBuffer can only be pickled with protocol >= 5");
    return -1;
  }
  BufferHold view;
  if (!picklebuffer_view(obj)) return -1;
  if (view.get(obj, PyBUF_FULL_RO) < 0) return -1;
  if (view->suboffsets || !buffer_is_contiguous(view.view(), 'A')) {
    perr("PickleBuffer can not be pickled when pointing to a non-contiguous buffer");
    return -1;
  }
  bool in_band = true;
  if (p->buffer_callback) {
    ORef cb = borrow(p->buffer_callback);
    ORef r = steal(call1(cb.get(), obj));
    if (!r) return -1;
    int t = object_is_true(r.get());
    if (t < 0) return -1;
    in_band = t != 0;
  }
  if (in_band) {
    if (view->readonly) return save_bytes_data(obj, static_cast<const char*>(view->buf), view->len);
    return save_bytearray_data(obj, static_cast<const char*>(view->buf), view->len);
  }
  w.op(kNextBuffer);
  if (view->readonly) w.op(kReadonlyBuffer);
  return 0;
}

int Saver::save_str(Object* obj) {
  if (p->bin) {
    ORef enc = steal(str_encode(obj, "utf-8", "surrogatepass"));
    if (!enc) return -1;
    ssize size = bytes_size(enc.get());
    char header[9];
    size_t hl = sized_header(header, size, p->proto >= 4, kShortBinUnicode, kBinUnicode, kBinUnicode8);
    if (!hl) {
      set_error(&exc_OverflowError, "serializing a string larger than 4 GiB requires pickle protocol 4 or higher");
      return -1;
    }
    if (w.bytes(header, hl, bytes_data(enc.get()), size_t(size), enc.get()) < 0) return -1;
  } else {
    // Protocol 0: raw-unicode-escape, with the characters a line-based reader would trip on escaped too.
    static const char hex[] = "0123456789abcdef";
    std::string s = "V";
    StrChars chars(obj);
    for (ssize i = 0; i < chars.len; i++) {
      uint32_t c = chars[i];
      if (c >= 0x10000) {
        s += "\\U";
        for (int k = 7; k >= 0; k--) s.push_back(hex[(c >> (4 * k)) & 0xf]);
      } else if (c >= 256 || c == '\\' || c == 0 || c == '\n' || c == '\r' || c == 0x1a) {
        s += "\\u";
        for (int k = 3; k >= 0; k--) s.push_back(hex[(c >> (4 * k)) & 0xf]);
      } else {
        s.push_back(char(c));
      }
    }
    s.push_back('\n');
    w.text(s);
  }
  return memo_put(obj);
}

int Saver::save_tuple(Object* obj) {
  ssize n = tuple_size(obj);
  if (n == 0) {
    if (p->proto) {
      w.op(kEmptyTuple);
    } else {
      w.op(kMark);
      w.op(kTuple);
    }
    return 0;
  }
  if (n <= 3 && p->proto >= 2) {
    for (ssize i = 0; i < n; i++)
      if (save(tuple_items(obj)[i], false) < 0) return -1;
    if (in_memo(obj)) {
      for (ssize i = 0; i < n; i++) w.op(kPop);
      return memo_get(obj);
    }
    static const uint8_t codes[] = {kEmptyTuple, kTuple1, kTuple2, kTuple3};
    w.op(codes[n]);
    return memo_put(obj);
  }
  w.op(kMark);
  for (ssize i = 0; i < n; i++)
    if (save(tuple_items(obj)[i], false) < 0) return -1;
  if (in_memo(obj)) {
    if (p->bin) {
      w.op(kPopMark);
    } else {
      for (ssize i = 0; i <= n; i++) w.op(kPop);
    }
    return memo_get(obj);
  }
  w.op(kTuple);
  return memo_put(obj);
}

int Saver::batch_list(Object* iter) {
  if (!p->proto) {
    for (;;) {
      ORef item = steal(iter_next(iter));
      if (!item) return error_occurred() ? -1 : 0;
      if (save(item.get(), false) < 0) return -1;
      w.op(kAppend);
    }
  }
  ssize n;
  do {
    ORef first = steal(iter_next(iter));
    if (!first) return error_occurred() ? -1 : 0;
    ORef item = steal(iter_next(iter));
    if (!item) {
      if (error_occurred()) return -1;
      if (save(first.get(), false) < 0) return -1;
      w.op(kAppend);
      return 0;
    }
    w.op(kMark);
    if (save(first.get(), false) < 0) return -1;
    n = 1;
    while (item) {
      if (save(item.get(), false) < 0) return -1;
      n++;
      if (n == kBatchSize) break;
      item = steal(iter_next(iter));
      if (!item && error_occurred()) return -1;
    }
    w.op(kAppends);
  } while (n == kBatchSize);
  return 0;
}

int Saver::batch_list_exact(Object* obj) {
  if (list_size(obj) == 1) {
    ORef item = steal(list_item_ref(obj, 0));
    if (!item) return error_occurred() ? -1 : 0;
    if (save(item.get(), false) < 0) return -1;
    w.op(kAppend);
    return 0;
  }
  ssize total = 0;
  do {
    ssize batch = 0;
    w.op(kMark);
    while (total < list_size(obj)) {
      ORef item = steal(list_item_ref(obj, total));
      if (!item) {
        if (error_occurred()) return -1;
        break;
      }
      if (save(item.get(), false) < 0) return -1;
      total++;
      if (++batch == kBatchSize) break;
    }
    w.op(kAppends);
  } while (total < list_size(obj));
  return 0;
}

// The frame save_list and save_dict share: the empty container (protocol 0: MARK and the building opcode), its memo
// entry, then `fill` (the batches of items) when there are any; fast mode's cycle check around it all.
template <class Fill>
int Saver::save_container(Object* obj, uint8_t empty_op, uint8_t proto0_op, bool nonempty, Fill fill) {
  if (p->fast && !fast_enter(obj)) return -1;
  int status = 0;
  if (p->bin) {
    w.op(empty_op);
  } else {
    w.op(kMark);
    w.op(proto0_op);
  }
  if (memo_put(obj) < 0) {
    status = -1;
  } else if (nonempty) {
    status = fill();
  }
  if (p->fast && !fast_leave(obj)) status = -1;
  return status;
}

int Saver::save_list(Object* obj) {
  return save_container(obj, kEmptyList, kList, list_size(obj) > 0, [&]() -> int {
    if (type_check_exact(obj, &list_type) && p->proto > 0) {
      CRecursionGuard guard(" while pickling an object");
      return guard.ok() ? batch_list_exact(obj) : -1;
    }
    ORef iter = steal(get_iter(obj));
    return iter ? batch_list(iter.get()) : -1;
  });
}

int Saver::batch_dict(Object* iter) {
  auto save_pair = [&](Object* pair) -> int {
    if (!type_check(pair, &tuple_type) || tuple_size(pair) != 2) {
      set_error(&exc_TypeError, "dict items iterator must return 2-tuples");
      return -1;
    }
    if (save(tuple_items(pair)[0], false) < 0 || save(tuple_items(pair)[1], false) < 0) return -1;
    return 0;
  };
  if (!p->proto) {
    for (;;) {
      ORef item = steal(iter_next(iter));
      if (!item) return error_occurred() ? -1 : 0;
      if (save_pair(item.get()) < 0) return -1;
      w.op(kSetItem);
    }
  }
  ssize n;
  do {
    ORef first = steal(iter_next(iter));
    if (!first) return error_occurred() ? -1 : 0;
    ORef item = steal(iter_next(iter));
    if (!item) {
      if (error_occurred()) return -1;
      if (save_pair(first.get()) < 0) return -1;
      w.op(kSetItem);
      return 0;
    }
    w.op(kMark);
    if (save_pair(first.get()) < 0) return -1;
    n = 1;
    while (item) {
      if (save_pair(item.get()) < 0) return -1;
      n++;
      if (n == kBatchSize) break;
      item = steal(iter_next(iter));
      if (!item && error_occurred()) return -1;
    }
    w.op(kSetItems);
  } while (n == kBatchSize);
  return 0;
}

int Saver::batch_dict_exact(Object* obj) {
  ssize size = dict_size(obj);
  ssize pos = 0;
  Object *k, *v;
  if (size == 1) {
    if (!dict_next(obj, &pos, &k, &v)) return 0;
    ORef key = steal(k), value = steal(v);
    if (save(key.get(), false) < 0 || save(value.get(), false) < 0) return -1;
    w.op(kSetItem);
    return 0;
  }
  ssize i;
  do {
    i = 0;
    w.op(kMark);
    while (dict_next(obj, &pos, &k, &v)) {
      ORef key = steal(k), value = steal(v);
      if (save(key.get(), false) < 0 || save(value.get(), false) < 0) return -1;
      if (++i == kBatchSize) break;
    }
    w.op(kSetItems);
    if (dict_size(obj) != size) {
      set_error(&exc_RuntimeError, "dictionary changed size during iteration");
      return -1;
    }
  } while (i == kBatchSize);
  return 0;
}

int Saver::save_dict(Object* obj) {
  return save_container(obj, kEmptyDict, kDict, dict_size(obj) > 0, [&]() -> int {
    if (type_check_exact(obj, &dict_type) && p->proto > 0) {
      CRecursionGuard guard(" while pickling an object");
      return guard.ok() ? batch_dict_exact(obj) : -1;
    }
    ORef items = steal(call_method0(obj, str_interned("items")));
    ORef iter = items ? steal(get_iter(items.get())) : ORef();
    return iter ? batch_dict(iter.get()) : -1;
  });
}

int Saver::save_set(Object* obj) {
  if (p->proto < 4) {
    ORef items = steal(sequence_list(obj));
    if (!items) return -1;
    ORef args = steal(tuple_pack({items.get()}));
    if (!args) return -1;
    ORef reduce = steal(tuple_pack({reinterpret_cast<Object*>(&set_type), args.get()}));
    if (!reduce) return -1;
    return save_reduce(reduce.get(), obj);
  }
  w.op(kEmptySet);
  if (memo_put(obj) < 0) return -1;
  ssize size = set_size(obj);
  if (size == 0) return 0;
  ssize pos = 0, i;
  Object* item;
  do {
    i = 0;
    w.op(kMark);
    while (set_next(obj, &pos, &item)) {
      ORef it = steal(item);
      if (save(it.get(), false) < 0) return -1;
      if (++i == kBatchSize) break;
    }
    w.op(kAddItems);
    if (set_size(obj) != size) {
      set_error(&exc_RuntimeError, "set changed size during iteration");
      return -1;
    }
  } while (i == kBatchSize);
  return 0;
}

int Saver::save_frozenset(Object* obj) {
  if (p->proto < 4) {
    ORef items = steal(sequence_list(obj));
    if (!items) return -1;
    ORef args = steal(tuple_pack({items.get()}));
    if (!args) return -1;
    ORef reduce = steal(tuple_pack({reinterpret_cast<Object*>(&frozenset_type), args.get()}));
    if (!reduce) return -1;
    return save_reduce(reduce.get(), obj);
  }
  w.op(kMark);
  ORef iter = steal(get_iter(obj));
  if (!iter) return -1;
  for (;;) {
    ORef item = steal(iter_next(iter.get()));
    if (!item) {
      if (error_occurred()) return -1;
      break;
    }
    if (save(item.get(), false) < 0) return -1;
  }
  if (in_memo(obj)) {
    w.op(kPopMark);
    return memo_get(obj);
  }
  w.op(kFrozenSet);
  return memo_put(obj);
}

// whichmodule(): obj.__module__, else the first module in sys.modules where the dotted name leads to obj.
Object* which_module(Object* obj, Object* name) {
  Object* mod = nullptr;
  if (get_attr_optional(obj, str_interned("__module__"), &mod) < 0) return nullptr;
  if (mod && mod != none()) return mod;
  xdecref(mod);
  ORef modules = steal(dict_copy(sys_modules()));
  if (!modules) return nullptr;
  ssize pos = 0;
  Object *k, *v;
  while (dict_next(modules.get(), &pos, &k, &v)) {
    ORef key = steal(k), module = steal(v);
    if (!type_check(key.get(), &str_type)) continue;
    std::string_view kn = str_view(key.get());
    if (kn == "__main__" || kn == "__mp_main__" || module.get() == none()) continue;
    Object* parent = nullptr;
    ORef found = steal(get_dotted_attribute(module.get(), name, &parent));
    xdecref(parent);
    if (!found) {
      error_clear();
      continue;
    }
    if (found.get() == obj) return key.release();
  }
  return str_from_utf8("__main__");
}

// Imports a module by its full name and returns it from sys.modules (PyImport_Import).
Object* import_by_name(Object* module_name) {
  ORef top = steal(import_module_level(module_name, nullptr, nullptr, nullptr, 0));
  if (!top) return nullptr;
  Object* m = nullptr;
  int r = dict_get(sys_modules(), module_name, &m);
  if (r < 0) return nullptr;
  if (r == 0) return set_error_value(&exc_KeyError, module_name);
  return m;
}

int Saver::save_toplevel(Object* module_name, Object* name) {
  ORef mod = borrow(module_name), nm = borrow(name);
  if (p->proto < 3 && p->fix_imports) {
    ORef key = steal(tuple_pack({mod.get(), nm.get()}));
    if (!key) return -1;
    Object* item = nullptr;
    int r = dict_get(g_state.name_mapping_3to2, key.get(), &item);
    if (r < 0) return -1;
    if (r > 0) {
      ORef it = steal(item);
      if (!type_check(item, &tuple_type) || tuple_size(item) != 2) {
        set_errorf(&exc_RuntimeError, "_compat_pickle.REVERSE_NAME_MAPPING values should be 2-tuples, not {}",
                   type_name(item));
        return -1;
      }
      Object* a = tuple_items(item)[0];
      Object* b = tuple_items(item)[1];
      if (!type_check(a, &str_type) || !type_check(b, &str_type)) {
        set_errorf(&exc_RuntimeError, "_compat_pickle.REVERSE_NAME_MAPPING values should be pairs of str, not ({}, {})",
                   type_name(a), type_name(b));
        return -1;
      }
      mod = borrow(a);
      nm = borrow(b);
    } else {
      r = dict_get(g_state.import_mapping_3to2, mod.get(), &item);
      if (r < 0) return -1;
      if (r > 0) {
        ORef it = steal(item);
        if (!type_check(item, &str_type)) {
          set_errorf(&exc_RuntimeError, "_compat_pickle.REVERSE_IMPORT_MAPPING values should be strings, not {}",
                     type_name(item));
          return -1;
        }
        mod = std::move(it);
      }
    }
  }
  const char* enc = p->proto >= 3 ? "utf-8" : "ascii";
  ORef m = steal(str_encode(mod.get(), enc, "strict"));
  if (!m) {
    if (error_matches(&exc_UnicodeEncodeError)) {
      error_clear();
      set_errorf(pickling_error(), "can't pickle module identifier '{}' using pickle protocol {}", str_view(mod.get()),
                 p->proto);
    }
    return -1;
  }
  ORef n = steal(str_encode(nm.get(), enc, "strict"));
  if (!n) {
    if (error_matches(&exc_UnicodeEncodeError)) {
      error_clear();
      set_errorf(pickling_error(), "can't pickle global identifier '{}' using pickle protocol {}", str_view(nm.get()),
                 p->proto);
    }
    return -1;
  }
  std::string s(1, char(kGlobal));
  s.append(bytes_view(m.get()));
  s.push_back('\n');
  s.append(bytes_view(n.get()));
  s.push_back('\n');
  w.text(s);
  return 0;
}

int Saver::save_global(Object* obj, Object* name_arg) {
  ORef name;
  if (name_arg) {
    name = borrow(name_arg);
  } else {
    Object* q = nullptr;
    if (get_attr_optional(obj, str_interned("__qualname__"), &q) < 0) return -1;
    name = steal(q);
    if (!name) {
      name = steal(get_attr(obj, str_interned("__name__")));
      if (!name) return -1;
    }
  }
  if (!type_check(name.get(), &str_type)) {
    set_errorf(&exc_TypeError, "expected str, got {}", type_name(name.get()));
    return -1;
  }
  ORef dot = steal(str_from_utf8("."));
  ORef path = dot ? steal(call_method1(name.get(), str_interned("split"), dot.get())) : ORef();
  if (!path) return -1;
  ssize nparts = list_size(path.get());
  for (ssize i = 0; i < nparts; i++) {
    if (str_view(list_items(path.get())[i]) == "<locals>") {
      ORef r = steal(object_repr(name.get()));
      if (r) set_errorf(&exc_AttributeError, "Can't get local object {}", str_view(r.get()));
      return -1;
    }
  }
  ORef module_name = steal(which_module(obj, name.get()));
  if (!module_name) return -1;
  ORef module = steal(import_by_name(module_name.get()));
  if (!module) {
    ORef r = steal(object_repr(obj));
    ORef mr = steal(object_repr(module_name.get()));
    if (r && mr)
      set_errorf(pickling_error(), "Can't pickle {}: import of module {} failed", str_view(r.get()),
                 str_view(mr.get()));
    return -1;
  }
  Object* parent_raw = nullptr;
  ORef cls = steal(get_dotted_attribute(module.get(), name.get(), &parent_raw));
  ORef parent = steal(parent_raw);
  if (!cls) {
    ORef r = steal(object_repr(obj));
    ORef ms = steal(object_str(module_name.get()));
    if (r && ms)
      set_errorf(pickling_error(), "Can't pickle {}: attribute lookup {} on {} failed", str_view(r.get()),
                 str_view(name.get()), str_view(ms.get()));
    return -1;
  }
  if (cls.get() != obj) {
    ORef r = steal(object_repr(obj));
    ORef ms = steal(object_str(module_name.get()));
    if (r && ms)
      set_errorf(pickling_error(), "Can't pickle {}: it's not the same object as {}.{}", str_view(r.get()),
                 str_view(ms.get()), str_view(name.get()));
    return -1;
  }
  if (p->proto >= 2) {
    ORef key = steal(tuple_pack({module_name.get(), name.get()}));
    if (!key) return -1;
    Object* code_obj = nullptr;
    int r = dict_get(g_state.extension_registry, key.get(), &code_obj);
    if (r < 0) return -1;
    if (r > 0) {
      ORef co = steal(code_obj);
      ORef rep = steal(object_repr(obj));
      if (!rep) return -1;
      if (!type_check(code_obj, &int_type)) {
        ORef cr = steal(object_repr(code_obj));
        if (cr)
          set_errorf(pickling_error(), "Can't pickle {}: extension code {} isn't an integer", str_view(rep.get()),
                     str_view(cr.get()));
        return -1;
      }
      int overflow = 0;
      int64_t code = int_as_i64(code_obj, &overflow);
      if (overflow || code <= 0 || code > 0x7fffffffLL) {
        set_errorf(pickling_error(), "Can't pickle {}: extension code {} is out of range", str_view(rep.get()), code);
        return -1;
      }
      if (code <= 0xff) {
        w.op_u8(kExt1, uint8_t(code));
      } else if (code <= 0xffff) {
        w.op_le(kExt2, uint64_t(code), 2);
      } else {
        w.op_le(kExt4, uint64_t(code), 4);
      }
      return 0;
    }
  }
  ORef global_name = name;
  if (parent.get() == module.get()) global_name = borrow(list_items(path.get())[nparts - 1]);
  if (p->proto >= 4) {
    if (save(module_name.get(), false) < 0 || save(global_name.get(), false) < 0) return -1;
    w.op(kStackGlobal);
  } else if (parent.get() != module.get()) {
    // A nested name: getattr(getattr(toplevel, a), b) ...
    for (ssize i = 1; i < nparts; i++) {
      if (save(g_state.getattr, false) < 0) return -1;
      if (p->proto < 2) w.op(kMark);
    }
    if (save_toplevel(module_name.get(), list_items(path.get())[0]) < 0) return -1;
    for (ssize i = 1; i < nparts; i++) {
      if (save(list_items(path.get())[i], false) < 0) return -1;
      w.op(p->proto < 2 ? kTuple : kTuple2);
      w.op(kReduce);
    }
  } else {
    if (save_toplevel(module_name.get(), global_name.get()) < 0) return -1;
  }
  return memo_put(obj);
}

int Saver::save_type(Object* obj) {
  Object* singleton = nullptr;
  if (obj == reinterpret_cast<Object*>(&none_type)) {
    singleton = none();
  } else if (obj == reinterpret_cast<Object*>(&ellipsis_type)) {
    singleton = ellipsis();
  } else if (obj == reinterpret_cast<Object*>(&notimplemented_type)) {
    singleton = not_implemented();
  }
  if (singleton) {
    ORef args = steal(tuple_pack({singleton}));
    if (!args) return -1;
    ORef reduce = steal(tuple_pack({reinterpret_cast<Object*>(type_of(obj)), args.get()}));
    if (!reduce) return -1;
    return save_reduce(reduce.get(), obj);
  }
  return save_global(obj, nullptr);
}

// 1 when persistent_id took the object, 0 when it returned None, -1 on error.
int Saver::save_pers(Object* obj) {
  ORef f = borrow(p->pers_func);
  ORef pid = steal(call1(f.get(), obj));
  if (!pid) return -1;
  if (pid.get() == none()) return 0;
  if (p->bin) {
    if (save(pid.get(), true) < 0) return -1;
    w.op(kBinPersId);
    return 1;
  }
  ORef s = steal(object_str(pid.get()));
  if (!s) return -1;
  if (!str_is_ascii(s.get())) {
    perr("persistent IDs in protocol 0 must be ASCII strings");
    return -1;
  }
  std::string line(1, char(kPersId));
  line.append(str_view(s.get()));
  line.push_back('\n');
  w.text(line);
  return 1;
}

int Saver::save_reduce(Object* args, Object* obj) {
  ssize size = tuple_size(args);
  if (size < 2 || size > 6) {
    perr("tuple returned by __reduce__ must contain 2 through 6 elements");
    return -1;
  }
  return save_reduce_args(tuple_items(args)[0], args, obj);
}

int Saver::save_reduce_args(Object* callable, Object* rv, Object* obj) {
  ssize size = tuple_size(rv);
  Object* argtup = tuple_items(rv)[1];
  Object* state = size > 2 ? tuple_items(rv)[2] : nullptr;
  Object* listitems = size > 3 ? tuple_items(rv)[3] : nullptr;
  Object* dictitems = size > 4 ? tuple_items(rv)[4] : nullptr;
  Object* state_setter = size > 5 ? tuple_items(rv)[5] : nullptr;
  if (state == none()) state = nullptr;
  if (listitems == none()) listitems = nullptr;
  if (dictitems == none()) dictitems = nullptr;
  if (state_setter == none()) state_setter = nullptr;
  if (!is_callable(callable)) {
    perr("first item of the tuple returned by __reduce__ must be callable");
    return -1;
  }
  if (!type_check(argtup, &tuple_type)) {
    perr("second item of the tuple returned by __reduce__ must be a tuple");
    return -1;
  }
  auto is_iterator = [](Object* o) {
    iternextfunc f = type_of(o)->tp_iternext;
    return f != nullptr;
  };
  if (listitems && !is_iterator(listitems)) {
    set_errorf(pickling_error(), "fourth element of the tuple returned by __reduce__ must be an iterator, not {}",
               type_name(listitems));
    return -1;
  }
  if (dictitems && !is_iterator(dictitems)) {
    set_errorf(pickling_error(), "fifth element of the tuple returned by __reduce__ must be an iterator, not {}",
               type_name(dictitems));
    return -1;
  }
  if (state_setter && !is_callable(state_setter)) {
    set_errorf(pickling_error(), "sixth element of the tuple returned by __reduce__ must be a function, not {}",
               type_name(state_setter));
    return -1;
  }
  bool use_newobj = false, use_newobj_ex = false;
  if (p->proto >= 2) {
    Object* nm = nullptr;
    if (get_attr_optional(callable, str_interned("__name__"), &nm) < 0) return -1;
    ORef name = steal(nm);
    if (name && type_check(name.get(), &str_type)) {
      use_newobj = str_view(name.get()) == "__newobj__";
      use_newobj_ex = str_view(name.get()) == "__newobj_ex__";
    }
  }
  ssize nargs = tuple_size(argtup);
  if (use_newobj_ex) {
    if (nargs != 3) {
      set_errorf(pickling_error(), "length of the NEWOBJ_EX argument tuple must be exactly 3, not {}", nargs);
      return -1;
    }
    Object* cls = tuple_items(argtup)[0];
    Object* args = tuple_items(argtup)[1];
    Object* kwargs = tuple_items(argtup)[2];
    if (!type_check(cls, &type_type)) {
      set_errorf(pickling_error(), "first item from NEWOBJ_EX argument tuple must be a class, not {}", type_name(cls));
      return -1;
    }
    if (!type_check(args, &tuple_type)) {
      set_errorf(pickling_error(), "second item from NEWOBJ_EX argument tuple must be a tuple, not {}",
                 type_name(args));
      return -1;
    }
    if (!dict_check(kwargs)) {
      set_errorf(pickling_error(), "third item from NEWOBJ_EX argument tuple must be a dict, not {}",
                 type_name(kwargs));
      return -1;
    }
    if (p->proto >= 4) {
      if (save(cls, false) < 0 || save(args, false) < 0 || save(kwargs, false) < 0) return -1;
      w.op(kNewObjEx);
    } else {
      // functools.partial(cls.__new__, cls, *args, **kwargs)()
      ORef cls_new = steal(get_attr(cls, str_interned("__new__")));
      if (!cls_new) return -1;
      ssize na = tuple_size(args);
      ORef pargs = steal(tuple_new(na + 2));
      if (!pargs) return -1;
      tuple_set(pargs.get(), 0, cls_new.release());
      tuple_set(pargs.get(), 1, newref(cls));
      for (ssize i = 0; i < na; i++) tuple_set(pargs.get(), i + 2, newref(tuple_items(args)[i]));
      ORef part = steal(call_tuple_dict(g_state.partial, pargs.get(), kwargs));
      if (!part) return -1;
      if (save(part.get(), false) < 0 || save(tuple_empty(), false) < 0) return -1;
      w.op(kReduce);
    }
  } else if (use_newobj) {
    if (nargs < 1) {
      perr("__newobj__ arglist is empty");
      return -1;
    }
    Object* cls = tuple_items(argtup)[0];
    if (!type_check(cls, &type_type)) {
      perr("args[0] from __newobj__ args is not a type");
      return -1;
    }
    if (obj) {
      ORef obj_class = steal(get_attr(obj, str_interned("__class__")));
      if (!obj_class) return -1;
      if (obj_class.get() != cls) {
        perr("args[0] from __newobj__ args has the wrong class");
        return -1;
      }
    }
    ORef rest = steal(tuple_get_slice(argtup, 1, nargs));
    if (!rest) return -1;
    if (save(cls, false) < 0 || save(rest.get(), false) < 0) return -1;
    w.op(kNewObj);
  } else {
    if (save(callable, false) < 0 || save(argtup, false) < 0) return -1;
    w.op(kReduce);
  }
  if (obj) {
    if (in_memo(obj)) {
      w.op(kPop);
      if (memo_get(obj) < 0) return -1;
    } else if (memo_put(obj) < 0) {
      return -1;
    }
  }
  if (listitems && batch_list(listitems) < 0) return -1;
  if (dictitems && batch_dict(dictitems) < 0) return -1;
  if (state) {
    if (!state_setter) {
      if (save(state, false) < 0) return -1;
      w.op(kBuild);
    } else {
      if (save(state_setter, false) < 0 || save(obj, false) < 0 || save(state, false) < 0) return -1;
      w.op(kTuple2);
      w.op(kReduce);
      w.op(kPop);
    }
  }
  return 0;
}

int Saver::save(Object* obj, bool pers_save) {
  CRecursionGuard guard(" while pickling an object");
  if (!guard.ok()) return -1;
  int status = 0;
  Type* type = type_of(obj);
  ORef reduce_value;
  if (!pers_save && p->pers_func) {
    status = save_pers(obj);
    if (status != 0) return status < 0 ? -1 : w.opcode_boundary();
  }
  if (obj == none()) {
    w.op(kNone);
    return w.opcode_boundary();
  }
  if (obj == true_() || obj == false_()) {
    if (p->proto >= 2) {
      w.op(obj == true_() ? kNewTrue : kNewFalse);
    } else {
      w.text(obj == true_() ? "I01\n" : "I00\n");
    }
    return w.opcode_boundary();
  }
  if (type == &int_type) {
    if (save_long(obj) < 0) return -1;
    return w.opcode_boundary();
  }
  if (type == &float_type) {
    save_float(obj);
    return w.opcode_boundary();
  }
  if (in_memo(obj)) {
    if (memo_get(obj) < 0) return -1;
    return w.opcode_boundary();
  }
  if (type == &bytes_type) {
    status = save_bytes(obj);
  } else if (type == &str_type) {
    status = save_str(obj);
  } else {
    if (p->reducer_override) {
      ORef ro = borrow(p->reducer_override);
      reduce_value = steal(call1(ro.get(), obj));
      if (!reduce_value) return -1;
      if (reduce_value.get() == not_implemented()) reduce_value = ORef();
    }
    if (!reduce_value) {
      if (type == &dict_type) {
        status = save_dict(obj);
      } else if (type == &set_type) {
        status = save_set(obj);
      } else if (type == &frozenset_type) {
        status = save_frozenset(obj);
      } else if (type == &list_type) {
        status = save_list(obj);
      } else if (type == &tuple_type) {
        status = save_tuple(obj);
      } else if (type == &bytearray_type) {
        status = save_bytearray(obj);
      } else if (type == &picklebuffer_type) {
        status = save_picklebuffer(obj);
      } else if (type == &type_type) {
        status = save_type(obj);
      } else if (type == &function_type) {
        status = save_global(obj, nullptr);
      } else {
        Object* reduce_func = nullptr;
        if (!dispatch_table) {
          int r = dict_get(g_state.dispatch_table, reinterpret_cast<Object*>(type), &reduce_func);
          if (r < 0) return -1;
        } else {
          reduce_func = get_item(dispatch_table, reinterpret_cast<Object*>(type));
          if (!reduce_func) {
            if (!error_matches(&exc_KeyError)) return -1;
            error_clear();
          }
        }
        ORef rf = steal(reduce_func);
        if (rf) {
          reduce_value = steal(call1(rf.get(), obj));
        } else if (is_subtype(type, &type_type)) {
          status = save_global(obj, nullptr);
          goto done;
        } else {
          Object* m = nullptr;
          if (get_attr_optional(obj, str_interned("__reduce_ex__"), &m) < 0) return -1;
          if (m) {
            ORef meth = steal(m);
            ORef proto = steal(int_from_i64(p->proto));
            if (!proto) return -1;
            reduce_value = steal(call1(meth.get(), proto.get()));
          } else {
            if (get_attr_optional(obj, str_interned("__reduce__"), &m) < 0) return -1;
            if (!m) {
              ORef r = steal(object_repr(obj));
              if (r) set_errorf(pickling_error(), "can't pickle '{}' object: {}", type->tp_name, str_view(r.get()));
              return -1;
            }
            ORef meth = steal(m);
            reduce_value = steal(call0(meth.get()));
          }
        }
        if (!reduce_value) return -1;
      }
      if (!reduce_value) goto done;
    }
    if (type_check(reduce_value.get(), &str_type)) {
      status = save_global(obj, reduce_value.get());
    } else if (!type_check(reduce_value.get(), &tuple_type)) {
      perr("__reduce__ must return a string or tuple");
      return -1;
    } else {
      status = save_reduce(reduce_value.get(), obj);
    }
  }
done:
  if (status < 0) return -1;
  return w.opcode_boundary();
}

}  // namespace

// One dump into the pickler's buffer (CPython's dump()): PROTO, the object, STOP, the last frame committed.
int pickler_dump_into(PicklerObject* p, Object* obj) {
  Object* ro = nullptr;
  if (get_attr_optional(reinterpret_cast<Object*>(p), str_interned("reducer_override"), &ro) < 0) return -1;
  set_slot(&p->reducer_override, ro);
  ORef dt;
  {
    sync::CriticalSection cs(reinterpret_cast<Object*>(p));
    dt = borrow(p->dispatch_table);
  }
  Saver s{p, Writer{p}, dt.get()};
  int status = 0;
  if (p->proto >= 2) {
    s.w.op_u8(kProto, uint8_t(p->proto));
    if (p->proto >= 4) p->framing = 1;
  }
  if (s.save(obj, false) < 0) {
    status = -1;
  } else {
    s.w.op(kStop);
    s.w.commit_frame();
  }
  p->framing = 0;
  clear_ref(&p->reducer_override);
  return status;
}

int pickler_flush(PicklerObject* p) {
  Writer w{p};
  return w.flush_to_file();
}

}  // namespace pyvm::pickle
