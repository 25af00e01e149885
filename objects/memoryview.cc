// memoryview in CPython 3.13t's layout (PyMemoryViewObject, _PyManagedBufferObject): construction, release, the
// buffer slots, indexing, slicing, assignment, comparison, hashing, the methods and the iterator.
//
// Thread contract (there is no GIL):
// - A view's description (view.buf, len, itemsize, format, ndim, shape, strides, suboffsets, readonly) and the
//   layout bits of `flags` are written only while the view is built, before another thread can see it. They are
//   immutable afterwards and read without a lock.
// - What changes later is the released bit of `flags`, `exports` (buffers this view exported through
//   bf_getbuffer) and the `hash` cache. The released bit and `exports` change only inside the view's critical
//   section (sync::CriticalSection on the memoryview). Every operation that touches the memory (view.buf) or the
//   exporter (view.obj) holds that section from its released check to its last access, so release(), which takes
//   the same section, cannot free the buffer under it. Python code (an item's __index__, __float__, a slice's
//   bounds, the exporter's __hash__) never runs inside the section: values are converted first and the released
//   check is repeated inside. Unlocked pre-checks read the released bit atomically.
// - A managed buffer counts its registered views in mbuf->exports with atomic operations. A view registers while
//   the view it is made from is held (so the count never climbs back from zero), and the view that brings the
//   count to zero releases the exporter's buffer outside any view's section: the exporter's bf_releasebuffer takes
//   the exporter's own lock (bytearray's critical section). Its released bit is set once, by atomic fetch-or.
// - `hash` is a cache written with relaxed atomics; every thread computes the same value.
// - The iterator runs next() in its own critical section and then the view's (always in that order).
#include "objects/memoryview.h"

#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/buffer.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/hash.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/methods.h"
#include "objects/range.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "objects/weakref.h"
#include "vm/sync/mutex.h"

namespace pyvm {

namespace {

using MemoryView = PyMemoryViewObject;
using ManagedBuffer = _PyManagedBufferObject;

inline MemoryView* mvobj(Object* o) { return reinterpret_cast<MemoryView*>(o); }
inline Object* as_object(void* p) { return reinterpret_cast<Object*>(p); }

constexpr int kLayoutContiguous = _Py_MEMORYVIEW_C | _Py_MEMORYVIEW_FORTRAN;

// ---- Released state ----

bool is_released(MemoryView* m) {
  if (__atomic_load_n(&m->flags, __ATOMIC_ACQUIRE) & _Py_MEMORYVIEW_RELEASED) return true;
  // The managed buffer is released early only when the collector breaks a cycle (tp_clear).
  return __atomic_load_n(&m->mbuf->flags, __ATOMIC_ACQUIRE) & _Py_MANAGED_BUFFER_RELEASED;
}

[[nodiscard]] bool check_released(MemoryView* m) {
  if (!is_released(m)) return true;
  set_error(&exc_ValueError, "operation forbidden on released memoryview object");
  return false;
}

[[nodiscard]] bool check_restricted(MemoryView* m) {
  if (!(m->flags & _Py_MEMORYVIEW_RESTRICTED)) return true;
  set_error(&exc_ValueError, "cannot create new view on restricted memoryview");
  return false;
}

// The flags read outside the view's section: release() may set the released bit meanwhile.
int unlocked_flags(MemoryView* m) { return __atomic_load_n(&m->flags, __ATOMIC_RELAXED); }

bool c_contiguous(int flags) { return flags & (_Py_MEMORYVIEW_SCALAR | _Py_MEMORYVIEW_C); }
bool f_contiguous(int flags) { return flags & (_Py_MEMORYVIEW_SCALAR | _Py_MEMORYVIEW_FORTRAN); }
bool any_contiguous(int flags) { return flags & (_Py_MEMORYVIEW_SCALAR | kLayoutContiguous); }
bool is_byte_format(char c) { return c == 'b' || c == 'B' || c == 'c'; }

// ---- Managed buffer ----

ManagedBuffer* mbuf_new() {
  return reinterpret_cast<ManagedBuffer*>(new_object(&managedbuffer_type, sizeof(ManagedBuffer)));
}

// Releases the exporter's buffer, once.
void mbuf_release(ManagedBuffer* mb) {
  int old = __atomic_fetch_or(&mb->flags, _Py_MANAGED_BUFFER_RELEASED, __ATOMIC_ACQ_REL);
  if (!(old & _Py_MANAGED_BUFFER_RELEASED)) release_buffer(&mb->master);
}

void mbuf_register(ManagedBuffer* mb) { __atomic_fetch_add(&mb->exports, 1, __ATOMIC_RELAXED); }

void mbuf_unregister(ManagedBuffer* mb) {
  if (__atomic_fetch_sub(&mb->exports, 1, __ATOMIC_ACQ_REL) == 1) mbuf_release(mb);
}

void mbuf_dealloc(Object* o) {
  auto* mb = reinterpret_cast<ManagedBuffer*>(o);
  mbuf_release(mb);  // pyvm never sets _Py_MANAGED_BUFFER_FREE_FORMAT: formats are static or the exporter's
  Type* t = type_of(o);
  object_free(o);
  dealloc_type_ref(t);
}

int mbuf_traverse(Object* o, visitproc visit, void* arg) {
  Object* base = reinterpret_cast<ManagedBuffer*>(o)->master.obj;
  return base ? visit(base, arg) : 0;
}

int mbuf_clear(Object* o) {
  mbuf_release(reinterpret_cast<ManagedBuffer*>(o));
  return 0;
}

// ---- Building views ----

// A view with room for `ndim` dimensions; its mbuf is set by the caller.
MemoryView* memory_alloc(int ndim) {
  Object* o = new_var_object(&memoryview_type, 3 * ssize(ndim));
  if (!o) return nullptr;
  MemoryView* m = mvobj(o);
  m->hash = -1;
  m->view.ndim = ndim;
  m->view.shape = m->ob_array;
  m->view.strides = m->ob_array + ndim;
  m->view.suboffsets = m->ob_array + 2 * ndim;
  return m;
}

void init_shared_values(Py_buffer* dest, const Py_buffer* src) {
  dest->obj = src->obj;  // borrowed: the managed buffer owns the reference
  dest->buf = src->buf;
  dest->len = src->len;
  dest->itemsize = src->itemsize;
  dest->readonly = src->readonly;
  dest->format = src->format ? src->format : const_cast<char*>("B");
  dest->internal = src->internal;
}

void init_c_strides(Py_buffer* v) {
  v->strides[v->ndim - 1] = v->itemsize;
  for (int i = v->ndim - 2; i >= 0; i--) v->strides[i] = v->strides[i + 1] * v->shape[i + 1];
}

// Copies shape and strides, rebuilding what an exporter may leave out.
void init_shape_strides(Py_buffer* dest, const Py_buffer* src) {
  if (src->ndim == 0) {
    dest->shape = nullptr;
    dest->strides = nullptr;
    return;
  }
  if (src->ndim == 1) {
    dest->shape[0] = src->shape ? src->shape[0] : src->len / src->itemsize;
    dest->strides[0] = src->strides ? src->strides[0] : src->itemsize;
    return;
  }
  for (int i = 0; i < src->ndim; i++) dest->shape[i] = src->shape[i];
  if (src->strides) {
    for (int i = 0; i < src->ndim; i++) dest->strides[i] = src->strides[i];
  } else {
    init_c_strides(dest);
  }
}

void init_suboffsets(Py_buffer* dest, const Py_buffer* src) {
  if (!src->suboffsets) {
    dest->suboffsets = nullptr;
    return;
  }
  for (int i = 0; i < src->ndim; i++) dest->suboffsets[i] = src->suboffsets[i];
}

void init_len(Py_buffer* v) {
  ssize len = v->itemsize;
  for (int i = 0; i < v->ndim; i++) len *= v->shape[i];
  v->len = len;
}

// The layout bits of `flags` (called while the view is private to its builder).
void init_flags(MemoryView* m) {
  const Py_buffer* v = &m->view;
  int flags = 0;
  if (v->ndim == 0) {
    flags = _Py_MEMORYVIEW_SCALAR | kLayoutContiguous;
  } else if (v->ndim == 1) {
    if (v->shape[0] == 1 || v->strides[0] == v->itemsize) flags = kLayoutContiguous;
  } else {
    if (buffer_is_contiguous(v, 'C')) flags |= _Py_MEMORYVIEW_C;
    if (buffer_is_contiguous(v, 'F')) flags |= _Py_MEMORYVIEW_FORTRAN;
  }
  if (v->suboffsets) flags = (flags & ~kLayoutContiguous) | _Py_MEMORYVIEW_PIL;
  m->flags = flags;
}

// Registers a new view of `src` (null: the managed buffer's own) with mb. When src belongs to another view, the
// caller holds that view's critical section.
Object* add_view(ManagedBuffer* mb, const Py_buffer* src) {
  if (!src) src = &mb->master;
  if (src->ndim > PyBUF_MAX_NDIM)
    return set_error(&exc_ValueError, "memoryview: number of dimensions must not exceed 64");
  MemoryView* m = memory_alloc(src->ndim);
  if (!m) return nullptr;
  init_shared_values(&m->view, src);
  init_shape_strides(&m->view, src);
  init_suboffsets(&m->view, src);
  init_flags(m);
  m->mbuf = reinterpret_cast<ManagedBuffer*>(newref(as_object(mb)));
  mbuf_register(mb);
  return as_object(m);
}

// As add_view, leaving shape, strides, suboffsets and flags to the caller (cast), with room for `ndim` dimensions.
MemoryView* add_incomplete_view(ManagedBuffer* mb, const Py_buffer* src, int ndim) {
  MemoryView* m = memory_alloc(ndim);
  if (!m) return nullptr;
  init_shared_values(&m->view, src);
  m->mbuf = reinterpret_cast<ManagedBuffer*>(newref(as_object(mb)));
  mbuf_register(mb);
  return m;
}

// A managed buffer holding o's buffer for `flags`, got through `proc` (null: o's type's bf_getbuffer).
ManagedBuffer* mbuf_from_object(Object* o, int flags, getbufferproc proc) {
  ManagedBuffer* mb = mbuf_new();
  if (!mb) return nullptr;
  int r = proc ? proc(o, &mb->master, flags) : get_buffer(o, &mb->master, flags);
  if (r < 0) {
    mb->master.obj = nullptr;
    __atomic_store_n(&mb->flags, _Py_MANAGED_BUFFER_RELEASED, __ATOMIC_RELAXED);  // nothing to release
    decref(as_object(mb));
    return nullptr;
  }
  return mb;
}

Object* view_from_new_mbuf(ManagedBuffer* mb) {
  if (!mb) return nullptr;
  Object* r = add_view(mb, nullptr);
  decref(as_object(mb));
  return r;
}

Object* from_object_and_flags(Object* o, int flags) {
  if (type_check_exact(o, &memoryview_type)) {
    MemoryView* src = mvobj(o);
    sync::CriticalSection cs(o);
    if (!check_released(src) || !check_restricted(src)) return nullptr;
    return add_view(src->mbuf, &src->view);
  }
  if (has_buffer(o)) return view_from_new_mbuf(mbuf_from_object(o, flags, nullptr));
  return set_errorf(&exc_TypeError, "memoryview: a bytes-like object is required, not '{}'", type_name(o));
}

// ---- Release and lifetime ----

int memory_release(MemoryView* m) {
  {
    sync::CriticalSection cs(as_object(m));
    if (m->flags & _Py_MEMORYVIEW_RELEASED) return 0;
    if (m->exports > 0) {
      set_errorf(&exc_BufferError, "memoryview has {} exported buffer{}", m->exports, m->exports == 1 ? "" : "s");
      return -1;
    }
    if (m->exports < 0) {
      set_error(&exc_SystemError, "_memory_release(): negative export count");
      return -1;
    }
    __atomic_fetch_or(&m->flags, _Py_MEMORYVIEW_RELEASED, __ATOMIC_RELEASE);
  }
  if (m->mbuf) mbuf_unregister(m->mbuf);
  return 0;
}

void memory_dealloc(Object* o) {
  clear_weakrefs(o);
  MemoryView* m = mvobj(o);
  // No buffer can still be exported: each export holds a reference to the view.
  if (memory_release(m) < 0) error_clear();
  if (m->mbuf) decref(as_object(m->mbuf));
  Type* t = type_of(o);
  object_free(o);
  dealloc_type_ref(t);
}

int memory_traverse(Object* o, visitproc visit, void* arg) {
  ManagedBuffer* mb = mvobj(o)->mbuf;
  return mb ? visit(as_object(mb), arg) : 0;
}

int memory_clear(Object* o) {
  MemoryView* m = mvobj(o);
  // The managed buffer stays referenced (dealloc drops it) so that the released checks can still read it.
  if (memory_release(m) < 0) error_clear();
  return 0;
}

// ---- Buffer slots ----

int memory_getbuf(Object* self, Py_buffer* view, int flags) {
  MemoryView* m = mvobj(self);
  sync::CriticalSection cs(self);
  if (!check_released(m) || !check_restricted(m)) return -1;
  const Py_buffer* base = &m->view;
  int layout = m->flags;
  *view = *base;
  view->obj = nullptr;
  const char* err = nullptr;
  if ((flags & PyBUF_WRITABLE) && base->readonly) {
    err = "memoryview: underlying buffer is not writable";
  } else {
    if (!(flags & PyBUF_FORMAT)) view->format = nullptr;  // the items are read as unsigned bytes
    if ((flags & PyBUF_C_CONTIGUOUS) == PyBUF_C_CONTIGUOUS && !c_contiguous(layout)) {
      err = "memoryview: underlying buffer is not C-contiguous";
    } else if ((flags & PyBUF_F_CONTIGUOUS) == PyBUF_F_CONTIGUOUS && !f_contiguous(layout)) {
      err = "memoryview: underlying buffer is not Fortran contiguous";
    } else if ((flags & PyBUF_ANY_CONTIGUOUS) == PyBUF_ANY_CONTIGUOUS && !any_contiguous(layout)) {
      err = "memoryview: underlying buffer is not contiguous";
    } else if ((flags & PyBUF_INDIRECT) != PyBUF_INDIRECT && (layout & _Py_MEMORYVIEW_PIL)) {
      err = "memoryview: underlying buffer requires suboffsets";
    } else if ((flags & PyBUF_STRIDES) != PyBUF_STRIDES && !c_contiguous(layout)) {
      err = "memoryview: underlying buffer is not C-contiguous";
    } else if ((flags & PyBUF_ND) != PyBUF_ND && view->format) {
      err = "memoryview: cannot cast to unsigned bytes if the format flag is present";
    }
  }
  if (err) {
    set_error(&exc_BufferError, err);
    return -1;
  }
  if ((flags & PyBUF_STRIDES) != PyBUF_STRIDES) view->strides = nullptr;
  if ((flags & PyBUF_ND) != PyBUF_ND) {
    view->ndim = 1;
    view->shape = nullptr;
  }
  view->obj = newref(self);
  m->exports++;
  return 0;
}

void memory_releasebuf(Object* self, Py_buffer*) {
  sync::CriticalSection cs(self);
  mvobj(self)->exports--;
}

// ---- Items ----

// The format's single character (an '@' prefix skipped); NotImplementedError for longer formats.
const char* item_format(const Py_buffer* v) {
  const char* f = v->format[0] == '@' ? v->format + 1 : v->format;
  if (f[0] && !f[1]) return f;
  set_errorf(&exc_NotImplementedError, "memoryview: unsupported format {}", v->format);
  return nullptr;
}

// Normalises *index for dimension `dim`; IndexError "index out of bounds on dimension N" when outside.
bool check_index(const Py_buffer* v, int dim, ssize* index) {
  ssize n = v->shape[dim];
  if (*index < 0) *index += n;
  if (*index < 0 || *index >= n) {
    set_errorf(&exc_IndexError, "index out of bounds on dimension {}", dim + 1);
    return false;
  }
  return true;
}

inline char* follow(char* p, const ssize* suboffsets, int dim) {
  return suboffsets && suboffsets[dim] >= 0 ? *reinterpret_cast<char**>(p) + suboffsets[dim] : p;
}

// The address of the item at checked `indices` (one per dimension, `n` of them). Reads memory when the view has
// suboffsets, so the caller holds the view's section.
char* item_ptr(const Py_buffer* v, const ssize* indices, int n) {
  char* p = static_cast<char*>(v->buf);
  for (int d = 0; d < n; d++) p = follow(p + v->strides[d] * indices[d], v->suboffsets, d);
  return p;
}

// Converts and checks the indices of a tuple key (the first `n` dimensions). May run __index__.
bool tuple_indices(const Py_buffer* v, Object* key, ssize* out) {
  ssize n = tuple_size(key);
  if (n > v->ndim) {
    set_errorf(&exc_TypeError, "cannot index {}-dimension view with {}-element tuple", v->ndim, n);
    return false;
  }
  for (int d = 0; d < int(n); d++) {
    out[d] = number_as_ssize(tuple_get(key, d), &exc_IndexError);
    if (out[d] == -1 && error_occurred()) return false;
    if (!check_index(v, d, &out[d])) return false;
  }
  return true;
}

// Unpacks the item at `indices` under the view's section.
Object* read_item(MemoryView* m, const ssize* indices, int n, const char* fmt) {
  sync::CriticalSection cs(as_object(m));
  if (!check_released(m)) return nullptr;
  return unpack_native(fmt[0], item_ptr(&m->view, indices, n));
}

// Packs `value` first (it may run Python code), then stores it under the view's section.
int write_item(MemoryView* m, const ssize* indices, int n, const char* fmt, Object* value) {
  char tmp[16];
  if (!pack_native(fmt[0], fmt, value, tmp)) return -1;
  char code;
  ssize size = native_format_size(fmt, &code);
  sync::CriticalSection cs(as_object(m));
  if (!check_released(m)) return -1;
  std::memcpy(item_ptr(&m->view, indices, n), tmp, size_t(size));
  return 0;
}

Object* memory_item(Object* self, ssize index) {
  MemoryView* m = mvobj(self);
  if (!check_released(m)) return nullptr;
  const Py_buffer* v = &m->view;
  const char* fmt = item_format(v);
  if (!fmt) return nullptr;
  if (v->ndim == 0) return set_error(&exc_TypeError, "invalid indexing of 0-dim memory");
  if (v->ndim != 1) return set_error(&exc_NotImplementedError, "multi-dimensional sub-views are not implemented");
  if (!check_index(v, 0, &index)) return nullptr;
  return read_item(m, &index, 1, fmt);
}

bool is_multiindex(Object* key) {
  if (!type_check(key, &tuple_type)) return false;
  for (ssize i = 0; i < tuple_size(key); i++)
    if (!index_check(tuple_get(key, i))) return false;
  return true;
}

bool is_multislice(Object* key) {
  if (!type_check(key, &tuple_type) || tuple_size(key) == 0) return false;
  for (ssize i = 0; i < tuple_size(key); i++)
    if (!type_check(tuple_get(key, i), &slice_type)) return false;
  return true;
}

Object* memory_subscript(Object* self, Object* key) {
  MemoryView* m = mvobj(self);
  const Py_buffer* v = &m->view;
  if (!check_released(m)) return nullptr;
  if (v->ndim == 0) {
    if (type_check(key, &tuple_type) && tuple_size(key) == 0) {
      const char* fmt = item_format(v);
      return fmt ? read_item(m, nullptr, 0, fmt) : nullptr;
    }
    if (key == ellipsis()) return newref(self);
    return set_error(&exc_TypeError, "invalid indexing of 0-dim memory");
  }
  if (index_check(key)) {
    ssize i = number_as_ssize(key, &exc_IndexError);
    if (i == -1 && error_occurred()) return nullptr;
    return memory_item(self, i);
  }
  if (type_check(key, &slice_type)) {
    ssize start, stop, step;
    if (slice_unpack(key, &start, &stop, &step) < 0) return nullptr;
    sync::CriticalSection cs(self);
    if (!check_released(m) || !check_restricted(m)) return nullptr;
    Object* r = add_view(m->mbuf, v);
    if (!r) return nullptr;
    Py_buffer* s = &mvobj(r)->view;
    ssize n = slice_adjust_indices(s->shape[0], &start, &stop, step);
    s->buf = static_cast<char*>(s->buf) + s->strides[0] * start;
    s->shape[0] = n;
    s->strides[0] *= step;
    init_len(s);
    init_flags(mvobj(r));
    return r;
  }
  if (is_multiindex(key)) {
    const char* fmt = item_format(v);
    if (!fmt) return nullptr;
    if (tuple_size(key) < v->ndim) return set_error(&exc_NotImplementedError, "sub-views are not implemented");
    ssize idx[PyBUF_MAX_NDIM];
    if (!tuple_indices(v, key, idx)) return nullptr;
    return read_item(m, idx, v->ndim, fmt);
  }
  if (is_multislice(key)) return set_error(&exc_NotImplementedError, "multi-dimensional slicing is not implemented");
  return set_error(&exc_TypeError, "memoryview: invalid slice key");
}

// One dimension's worth of a strided, possibly indirect, 1-D layout.
struct Line {
  char* buf;
  ssize n;
  ssize stride;
  const ssize* suboffsets;  // only [0] is used
  char* at(ssize i) const { return follow(buf + stride * i, suboffsets, 0); }
};

// m[slice] = value for a 1-D view: value must export a buffer of the same format and shape.
int assign_slice(MemoryView* m, Object* key, Object* value) {
  BufferHold src;
  if (src.get(value, PyBUF_FULL_RO) < 0) return -1;
  ssize start, stop, step;
  if (slice_unpack(key, &start, &stop, &step) < 0) return -1;
  sync::CriticalSection cs(as_object(m));
  if (!check_released(m)) return -1;
  const Py_buffer* v = &m->view;
  ssize n = slice_adjust_indices(v->shape[0], &start, &stop, step);
  Line dest{static_cast<char*>(v->buf) + v->strides[0] * start, n, v->strides[0] * step, v->suboffsets};
  // The structures must match: format (ignoring '@'), itemsize and shape.
  const char* dfmt = v->format[0] == '@' ? v->format + 1 : v->format;
  const char* sfmt = src->format ? src->format : "B";
  if (sfmt[0] == '@') sfmt++;
  ssize slen = src->ndim == 1 ? (src->shape ? src->shape[0] : src->len / src->itemsize) : -1;
  if (std::strcmp(dfmt, sfmt) != 0 || v->itemsize != src->itemsize || slen != n) {
    set_error(&exc_ValueError, "memoryview assignment: lvalue and rvalue have different structures");
    return -1;
  }
  ssize size = v->itemsize;
  Line from{static_cast<char*>(src->buf), n, src->strides ? src->strides[0] : size, src->suboffsets};
  bool direct = !dest.suboffsets && !from.suboffsets && dest.stride == size && from.stride == size;
  if (direct) {
    std::memmove(dest.buf, from.buf, size_t(n * size));
    return 0;
  }
  // Gather first: the source may be this very memory.
  std::string tmp(size_t(n * size), '\0');
  for (ssize i = 0; i < n; i++) std::memcpy(&tmp[size_t(i * size)], from.at(i), size_t(size));
  for (ssize i = 0; i < n; i++) std::memcpy(dest.at(i), &tmp[size_t(i * size)], size_t(size));
  return 0;
}

int memory_ass_sub(Object* self, Object* key, Object* value) {
  MemoryView* m = mvobj(self);
  const Py_buffer* v = &m->view;
  if (!check_released(m)) return -1;
  const char* fmt = item_format(v);
  if (!fmt) return -1;
  if (v->readonly) {
    set_error(&exc_TypeError, "cannot modify read-only memory");
    return -1;
  }
  if (!value) {
    set_error(&exc_TypeError, "cannot delete memory");
    return -1;
  }
  if (v->ndim == 0) {
    if (key == ellipsis() || (type_check(key, &tuple_type) && tuple_size(key) == 0))
      return write_item(m, nullptr, 0, fmt, value);
    set_error(&exc_TypeError, "invalid indexing of 0-dim memory");
    return -1;
  }
  if (index_check(key)) {
    if (v->ndim > 1) {
      set_error(&exc_NotImplementedError, "sub-views are not implemented");
      return -1;
    }
    ssize i = number_as_ssize(key, &exc_IndexError);
    if (i == -1 && error_occurred()) return -1;
    if (!check_index(v, 0, &i)) return -1;
    return write_item(m, &i, 1, fmt, value);
  }
  if (type_check(key, &slice_type) && v->ndim == 1) return assign_slice(m, key, value);
  if (is_multiindex(key)) {
    if (tuple_size(key) < v->ndim) {
      set_error(&exc_NotImplementedError, "sub-views are not implemented");
      return -1;
    }
    ssize idx[PyBUF_MAX_NDIM];
    if (!tuple_indices(v, key, idx)) return -1;
    return write_item(m, idx, v->ndim, fmt, value);
  }
  if (type_check(key, &slice_type) || is_multislice(key)) {
    set_error(&exc_NotImplementedError, "memoryview slice assignments are currently restricted to ndim = 1");
    return -1;
  }
  set_error(&exc_TypeError, "memoryview: invalid slice key");
  return -1;
}

ssize memory_length(Object* self) {
  MemoryView* m = mvobj(self);
  if (!check_released(m)) return -1;
  if (m->view.ndim == 0) {
    set_error(&exc_TypeError, "0-dim memory has no length");
    return -1;
  }
  return m->view.shape[0];
}

// ---- tolist, tobytes, hex ----

// Nested lists of the items from dimension `dim` on; the caller holds the view's section.
Object* tolist_rec(const Py_buffer* v, char* p, int dim, char code) {
  ssize n = v->shape[dim];
  ORef list = steal(list_new(n));
  if (!list) return nullptr;
  for (ssize i = 0; i < n; i++) {
    char* q = follow(p + v->strides[dim] * i, v->suboffsets, dim);
    Object* item = dim + 1 == v->ndim ? unpack_native(code, q) : tolist_rec(v, q, dim + 1, code);
    if (!item) return nullptr;
    list_items(list.get())[i] = item;
  }
  return list.release();
}

Object* memory_tolist(Object* self, Object*) {
  MemoryView* m = mvobj(self);
  sync::CriticalSection cs(self);
  if (!check_released(m)) return nullptr;
  const char* fmt = item_format(&m->view);
  if (!fmt) return nullptr;
  if (m->view.ndim == 0) return unpack_native(fmt[0], static_cast<char*>(m->view.buf));
  return tolist_rec(&m->view, static_cast<char*>(m->view.buf), 0, fmt[0]);
}

// The view's bytes in `order` ('C', 'F' or 'A'), under the view's section.
bool contiguous_copy(MemoryView* m, char order, std::string* out) {
  sync::CriticalSection cs(as_object(m));
  if (!check_released(m)) return false;
  out->assign(size_t(m->view.len), '\0');
  return buffer_to_contiguous(out->data(), &m->view, order) == 0;
}

Object* memory_tobytes(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  if (nargs > 1) return set_errorf(&exc_TypeError, "tobytes() takes at most 1 argument ({} given)", nargs);
  Object* order_obj = nullptr;
  if (!parse_args("tobytes", args, nargs, kwnames, {"order"}, 0, &order_obj)) return nullptr;
  char order = 'C';
  if (order_obj && order_obj != none()) {
    if (!type_check(order_obj, &str_type)) {
      return set_errorf(&exc_TypeError, "tobytes() argument 'order' must be str or None, not {}", type_name(order_obj));
    }
    std::string_view o = str_view(order_obj);
    if (o == "F") {
      order = 'F';
    } else if (o == "A") {
      order = 'A';
    } else if (o != "C") {
      return set_error(&exc_ValueError, "order must be 'C', 'F' or 'A'");
    }
  }
  std::string data;
  if (!contiguous_copy(mvobj(self), order, &data)) return nullptr;
  return bytes_from(data.data(), ssize(data.size()));
}

Object* memory_hex(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  Object* sep;
  int per;
  if (!parse_hex_args(args, nargs, kwnames, &sep, &per)) return nullptr;
  std::string data;
  if (!contiguous_copy(mvobj(self), 'C', &data)) return nullptr;
  return hex_with_sep(data, sep, per);
}

// ---- cast, toreadonly, release, context manager ----

bool zero_in_shape(const Py_buffer* v) {
  for (int i = 0; i < v->ndim; i++)
    if (v->shape[i] == 0) return true;
  return false;
}

// Step 1 of a cast: reinterpret the (C-contiguous) bytes as a 1-D array of `format`.
bool cast_to_1d(MemoryView* m, Object* format) {
  ORef ascii = steal(str_encode(format, "ascii", "strict"));
  if (!ascii) return false;
  const char* fmt = bytes_data(ascii.get());
  Py_buffer* v = &m->view;
  char dest, src;
  ssize itemsize = native_format_size(fmt, &dest);
  if (itemsize < 0) {
    set_error(&exc_ValueError,
              "memoryview: destination format must be a native single character format prefixed with an optional '@'");
    return false;
  }
  if ((native_format_size(v->format, &src) < 0 || !is_byte_format(src)) && !is_byte_format(dest)) {
    set_error(&exc_TypeError, "memoryview: cannot cast between two non-byte formats");
    return false;
  }
  if (v->len % itemsize) {
    set_error(&exc_TypeError, "memoryview: length is not a multiple of itemsize");
    return false;
  }
  v->format = const_cast<char*>(native_format_static(fmt));
  v->itemsize = itemsize;
  v->ndim = 1;
  v->shape[0] = v->len / itemsize;
  v->strides[0] = itemsize;
  v->suboffsets = nullptr;
  init_flags(m);
  return true;
}

// Step 2: give the 1-D result `shape` (a tuple of `ndim` ints), C-contiguous, with the same byte length.
bool cast_to_nd(MemoryView* m, Object* shape, int ndim) {
  Py_buffer* v = &m->view;
  v->ndim = ndim;
  ssize len = v->itemsize;
  if (ndim == 0) {
    v->shape = nullptr;
    v->strides = nullptr;
  } else {
    for (int i = 0; i < ndim; i++) {
      Object* x = tuple_get(shape, i);
      if (!type_check(x, &int_type)) {
        set_error(&exc_TypeError, "memoryview.cast(): elements of shape must be integers");
        return false;
      }
      ssize n = int_as_ssize(x);
      if (n == -1 && error_occurred()) return false;
      if (n <= 0) {
        set_error(&exc_ValueError, "memoryview.cast(): elements of shape must be integers > 0");
        return false;
      }
      if (n > PTRDIFF_MAX / len) {
        set_error(&exc_ValueError, "memoryview.cast(): product(shape) > SSIZE_MAX");
        return false;
      }
      len *= n;
      v->shape[i] = n;
    }
    init_c_strides(v);
  }
  if (v->len != len) {
    set_error(&exc_TypeError, "memoryview: product(shape) * itemsize != buffer size");
    return false;
  }
  init_flags(m);
  return true;
}

Object* memory_cast(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  if (nargs > 2) return set_errorf(&exc_TypeError, "cast() takes at most 2 arguments ({} given)", nargs);
  Object* a[2];
  if (!parse_args("cast", args, nargs, kwnames, {"format", "shape"}, 1, a)) return nullptr;
  Object* format = a[0];
  if (!type_check(format, &str_type)) {
    return set_errorf(&exc_TypeError, "cast() argument 'format' must be str, not {}", type_name(format));
  }
  // A list shape is snapshotted before the view's section is taken.
  ORef shape;
  bool bad_shape = false;
  if (a[1]) {
    if (type_check(a[1], &tuple_type)) {
      shape = borrow(a[1]);
    } else if (type_check(a[1], &list_type)) {
      shape = steal(list_as_tuple(a[1]));
      if (!shape) return nullptr;
    } else {
      bad_shape = true;
    }
  }
  MemoryView* m = mvobj(self);
  sync::CriticalSection cs(self);
  if (!check_released(m) || !check_restricted(m)) return nullptr;
  const Py_buffer* v = &m->view;
  if (!c_contiguous(m->flags))
    return set_error(&exc_TypeError, "memoryview: casts are restricted to C-contiguous views");
  if ((a[1] || v->ndim != 1) && zero_in_shape(v)) {
    return set_error(&exc_TypeError, "memoryview: cannot cast view with zeros in shape or strides");
  }
  ssize ndim = 1;
  if (a[1]) {
    if (bad_shape) return set_error(&exc_TypeError, "shape must be a list or a tuple");
    ndim = tuple_size(shape.get());
    if (ndim > PyBUF_MAX_NDIM) {
      return set_error(&exc_ValueError, "memoryview: number of dimensions must not exceed 64");
    }
    if (v->ndim != 1 && ndim != 1) return set_error(&exc_TypeError, "memoryview: cast must be 1D -> ND or ND -> 1D");
  }
  ORef r = steal(as_object(add_incomplete_view(m->mbuf, v, ndim == 0 ? 1 : int(ndim))));
  if (!r) return nullptr;
  if (!cast_to_1d(mvobj(r.get()), format)) return nullptr;
  if (shape && !cast_to_nd(mvobj(r.get()), shape.get(), int(ndim))) return nullptr;
  return r.release();
}

Object* memory_toreadonly(Object* self, Object*) {
  MemoryView* m = mvobj(self);
  sync::CriticalSection cs(self);
  if (!check_released(m) || !check_restricted(m)) return nullptr;
  // A new view even when this one is read-only already, so that each can be released on its own.
  Object* r = add_view(m->mbuf, &m->view);
  if (r) mvobj(r)->view.readonly = 1;
  return r;
}

Object* memory_release_method(Object* self, Object*) {
  if (memory_release(mvobj(self)) < 0) return nullptr;
  return newref(none());
}

Object* memory_enter(Object* self, Object*) {
  if (!check_released(mvobj(self))) return nullptr;
  return newref(self);
}

Object* memory_exit(Object* self, Object*) { return memory_release_method(self, nullptr); }

Object* memory_from_flags(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* a[2];
  if (!parse_args("_from_flags", args, nargs, kwnames, {"object", "flags"}, 2, a)) return nullptr;
  if (!index_check(a[1]))
    return set_errorf(&exc_TypeError, "'{}' object cannot be interpreted as an integer", type_name(a[1]));
  ssize flags = number_as_ssize(a[1], nullptr);
  if (flags == -1 && error_occurred()) return nullptr;
  if (flags < INT_MIN || flags > INT_MAX)
    return set_error(&exc_OverflowError, "Python int too large to convert to C int");
  return from_object_and_flags(a[0], int(flags));
}

// ---- Comparison and hash ----

// A full description of one side of a comparison (exporters may leave shape or strides out).
struct Side {
  const Py_buffer* v;
  ssize shape[PyBUF_MAX_NDIM];
  ssize strides[PyBUF_MAX_NDIM];
  const char* format;
  explicit Side(const Py_buffer* b) : v(b) {
    int nd = b->ndim;
    for (int i = 0; i < nd; i++) shape[i] = b->shape ? b->shape[i] : b->len / b->itemsize;
    if (b->strides) {
      for (int i = 0; i < nd; i++) strides[i] = b->strides[i];
    } else if (nd > 0) {
      strides[nd - 1] = b->itemsize;
      for (int i = nd - 2; i >= 0; i--) strides[i] = strides[i + 1] * shape[i + 1];
    }
    format = b->format ? b->format : "B";
  }
};

// Shapes are equal, or equal up to a zero-length dimension at the same place.
bool equiv_shape(const Side& p, const Side& q) {
  if (p.v->ndim != q.v->ndim) return false;
  for (int i = 0; i < p.v->ndim; i++) {
    if (p.shape[i] != q.shape[i]) return false;
    if (p.shape[i] == 0) break;
  }
  return true;
}

// How two items compare: by value in the shared native format, by unpacked Python values for two different
// native formats, or (formats memoryview does not know) bytewise when both formats are spelled the same.
enum class CmpMode { kSame, kUnpacked, kBytes, kUnequal };

int items_equal(CmpMode mode, char pc, char qc, ssize size, const char* a, const char* b) {
  switch (mode) {
    case CmpMode::kSame:
      switch (pc) {
        case 'f': {
          float x, y;
          std::memcpy(&x, a, sizeof x);
          std::memcpy(&y, b, sizeof y);
          return x == y;
        }
        case 'd': {
          double x, y;
          std::memcpy(&x, a, sizeof x);
          std::memcpy(&y, b, sizeof y);
          return x == y;
        }
        case 'e':
          return unpack_half(reinterpret_cast<const unsigned char*>(a)) ==
                 unpack_half(reinterpret_cast<const unsigned char*>(b));
        case '?':
          return (*a != 0) == (*b != 0);
        default:  // integers, pointers and 'c': equal values have equal bytes
          return std::memcmp(a, b, size_t(size)) == 0;
      }
    case CmpMode::kUnpacked: {
      ORef x = steal(unpack_native(pc, a));
      if (!x) return -1;
      ORef y = steal(unpack_native(qc, b));
      if (!y) return -1;
      return rich_compare_bool(x.get(), y.get(), Py_EQ);
    }
    case CmpMode::kBytes:
      return std::memcmp(a, b, size_t(size)) == 0;
    default:
      return 0;
  }
}

int compare_rec(const Side& p, const Side& q, int dim, const char* a, const char* b, CmpMode mode, char pc, char qc) {
  const Py_buffer* pv = p.v;
  if (dim == pv->ndim) return items_equal(mode, pc, qc, pv->itemsize, a, b);
  for (ssize i = 0; i < p.shape[dim]; i++) {
    const char* x = follow(const_cast<char*>(a) + p.strides[dim] * i, pv->suboffsets, dim);
    const char* y = follow(const_cast<char*>(b) + q.strides[dim] * i, q.v->suboffsets, dim);
    int r = compare_rec(p, q, dim + 1, x, y, mode, pc, qc);
    if (r <= 0) return r;
  }
  return 1;
}

// 1 equal, 0 not, -1 error. The caller holds the sections of the views involved.
int compare_buffers(const Py_buffer* pb, const Py_buffer* qb) {
  Side p(pb), q(qb);
  if (!equiv_shape(p, q)) return 0;
  char pc, qc;
  bool pn = native_format_size(p.format, &pc) >= 0;
  bool qn = native_format_size(q.format, &qc) >= 0;
  CmpMode mode;
  if (pn && qn) {
    mode = pc == qc ? CmpMode::kSame : CmpMode::kUnpacked;
  } else {
    // CPython hands other formats to the struct module; without one, identical formats compare bytewise.
    mode = std::strcmp(p.format, q.format) == 0 && pb->itemsize == qb->itemsize ? CmpMode::kBytes : CmpMode::kUnequal;
  }
  return compare_rec(p, q, 0, static_cast<const char*>(pb->buf), static_cast<const char*>(qb->buf), mode, pc, qc);
}

Object* memory_richcompare(Object* v, Object* w, int op) {
  if (op != Py_EQ && op != Py_NE) return newref(not_implemented());
  MemoryView* m = mvobj(v);
  int equal;
  if (type_check_exact(w, &memoryview_type)) {
    sync::CriticalSection2 cs(v, w);
    if (is_released(m) || is_released(mvobj(w))) {
      equal = v == w;
    } else {
      equal = compare_buffers(&m->view, &mvobj(w)->view);
    }
  } else if (is_released(m)) {
    equal = v == w;
  } else {
    BufferHold h;
    if (h.get(w, PyBUF_FULL_RO) < 0) {
      error_clear();
      return newref(not_implemented());
    }
    sync::CriticalSection cs(v);
    equal = is_released(m) ? v == w : compare_buffers(&m->view, h.view());
  }
  if (equal < 0) return nullptr;
  return newref(bool_obj((equal != 0) == (op == Py_EQ)));
}

hash_t memory_hash(Object* self) {
  MemoryView* m = mvobj(self);
  hash_t h = __atomic_load_n(&m->hash, __ATOMIC_RELAXED);
  if (h != -1) return h;
  if (!check_released(m)) return -1;
  const Py_buffer* v = &m->view;
  if (!v->readonly) {
    set_error(&exc_ValueError, "cannot hash writable memoryview object");
    return -1;
  }
  char code;
  if (native_format_size(v->format, &code) < 0 || !is_byte_format(code)) {
    set_error(&exc_ValueError, "memoryview: hashing is restricted to formats 'B', 'b' or 'c'");
    return -1;
  }
  // The exporter must be hashable too (a read-only view of a bytearray is not); its __hash__ runs unlocked.
  ORef base;
  {
    sync::CriticalSection cs(self);
    if (!check_released(m)) return -1;
    base = borrow(v->obj);
  }
  if (base && object_hash(base.get()) == -1) return -1;
  std::string data;
  if (!contiguous_copy(m, 'C', &data)) return -1;
  h = hash_buffer(data.data(), ssize(data.size()));
  __atomic_store_n(&m->hash, h, __ATOMIC_RELAXED);
  return h;
}

// ---- repr and attributes ----

Object* memory_repr(Object* self) {
  char buf[64];
  bool released = __atomic_load_n(&mvobj(self)->flags, __ATOMIC_ACQUIRE) & _Py_MEMORYVIEW_RELEASED;
  std::snprintf(buf, sizeof buf, released ? "<released memory at %p>" : "<memory at %p>", static_cast<void*>(self));
  return str_from_utf8(buf);
}

Object* ssize_tuple(int n, const ssize* vals) {
  if (!vals) return newref(tuple_empty());
  ORef t = steal(tuple_new(n));
  if (!t) return nullptr;
  for (int i = 0; i < n; i++) {
    Object* x = int_from_ssize(vals[i]);
    if (!x) return nullptr;
    tuple_set(t.get(), i, x);
  }
  return t.release();
}

// Getters of the immutable description need only the released check; obj and format point into the exporter,
// so they are read inside the section.
Object* get_obj(Object* self, void*) {
  MemoryView* m = mvobj(self);
  sync::CriticalSection cs(self);
  if (!check_released(m)) return nullptr;
  return newref(m->view.obj ? m->view.obj : none());
}

Object* get_format(Object* self, void*) {
  MemoryView* m = mvobj(self);
  sync::CriticalSection cs(self);
  if (!check_released(m)) return nullptr;
  return str_from_utf8(m->view.format);
}

#define PYVM_MV_GETTER(name, expr)          \
  Object* name(Object* self, void*) {       \
    MemoryView* m = mvobj(self);            \
    if (!check_released(m)) return nullptr; \
    const Py_buffer* v = &m->view;          \
    (void)v;                                \
    return expr;                            \
  }
PYVM_MV_GETTER(get_nbytes, int_from_ssize(v->len))
PYVM_MV_GETTER(get_readonly, newref(bool_obj(v->readonly)))
PYVM_MV_GETTER(get_itemsize, int_from_ssize(v->itemsize))
PYVM_MV_GETTER(get_ndim, int_from_ssize(v->ndim))
PYVM_MV_GETTER(get_shape, ssize_tuple(v->ndim, v->shape))
PYVM_MV_GETTER(get_strides, ssize_tuple(v->ndim, v->strides))
PYVM_MV_GETTER(get_suboffsets, ssize_tuple(v->ndim, v->suboffsets))
PYVM_MV_GETTER(get_c_contiguous, newref(bool_obj(c_contiguous(unlocked_flags(m)))))
PYVM_MV_GETTER(get_f_contiguous, newref(bool_obj(f_contiguous(unlocked_flags(m)))))
PYVM_MV_GETTER(get_contiguous, newref(bool_obj(any_contiguous(unlocked_flags(m)))))
#undef PYVM_MV_GETTER

// ---- Construction ----

Object* memory_new(Type*, Object* args, Object* kwargs) {
  ssize nargs = args ? tuple_size(args) : 0;
  ssize nkw = kwargs ? dict_size(kwargs) : 0;
  if (nargs + nkw > 1)
    return set_errorf(&exc_TypeError, "memoryview() takes at most 1 argument ({} given)", nargs + nkw);
  Object* o = nargs ? tuple_get(args, 0) : nullptr;
  ORef kw_value;
  if (nkw) {
    Object* found = nullptr;
    if (dict_get_str(kwargs, "object", &found) < 0) return nullptr;
    kw_value = steal(found);
    o = found;
  }
  if (!o) return set_error(&exc_TypeError, "memoryview() missing required argument 'object' (pos 1)");
  return memoryview_from_object(o);
}

// ---- Iterator ----

struct MemoryIterObject {
  PyObject ob_base;
  ssize index;
  Object* seq;  // the view; dropped when the iterator is exhausted
  ssize length;
  const char* fmt;
};

Object* memory_iter(Object* self) {
  MemoryView* m = mvobj(self);
  // CPython 3.13 fails here with a SystemError for a released view; every other operation raises this ValueError.
  if (!check_released(m)) return nullptr;
  const Py_buffer* v = &m->view;
  if (v->ndim == 0) return set_error(&exc_TypeError, "invalid indexing of 0-dim memory");
  if (v->ndim != 1) return set_error(&exc_NotImplementedError, "multi-dimensional sub-views are not implemented");
  const char* fmt = item_format(v);
  if (!fmt) return nullptr;
  auto* it = reinterpret_cast<MemoryIterObject*>(new_object(&memory_iterator_type, sizeof(MemoryIterObject)));
  if (!it) return nullptr;
  it->index = 0;
  it->seq = newref(self);
  it->length = v->shape[0];
  it->fmt = fmt;
  return as_object(it);
}

Object* memoryiter_next(Object* o) {
  auto* it = reinterpret_cast<MemoryIterObject*>(o);
  sync::CriticalSection cs(o);
  Object* seq = it->seq;
  if (!seq) return nullptr;
  if (it->index < it->length) {
    MemoryView* m = mvobj(seq);
    sync::CriticalSection cs2(seq);
    if (!check_released(m)) return nullptr;
    const Py_buffer* v = &m->view;
    char* p = follow(static_cast<char*>(v->buf) + v->strides[0] * it->index++, v->suboffsets, 0);
    return unpack_native(it->fmt[0], p);
  }
  it->seq = nullptr;
  decref(seq);
  return nullptr;
}

void memoryiter_dealloc(Object* o) {
  xdecref(reinterpret_cast<MemoryIterObject*>(o)->seq);
  Type* t = type_of(o);
  object_free(o);
  dealloc_type_ref(t);
}

int memoryiter_traverse(Object* o, visitproc visit, void* arg) {
  Object* seq = reinterpret_cast<MemoryIterObject*>(o)->seq;
  return seq ? visit(seq, arg) : 0;
}

Object* self_iter(Object* o) { return newref(o); }

// ---- Tables ----

PyMethodDef memory_methods[] = {
    {"release", memory_release_method, METH_NOARGS, "Release the underlying buffer exposed by the memoryview object."},
    {"tobytes", as_cfunc(memory_tobytes), METH_FASTCALL | METH_KEYWORDS,
     "Return the data in the buffer as a byte string.\n\nOrder can be {'C', 'F', 'A'}. When order is 'C' or 'F', the "
     "data of the\noriginal array is converted to C or Fortran order. For contiguous views,\n'A' returns an exact "
     "copy of the physical memory. In particular, in-memory\nFortran order is preserved. For non-contiguous views, "
     "the data is converted\nto C first. order=None is the same as order='C'."},
    {"hex", as_cfunc(memory_hex), METH_FASTCALL | METH_KEYWORDS,
     "Return the data in the buffer as a str of hexadecimal numbers."},
    {"tolist", memory_tolist, METH_NOARGS, "Return the data in the buffer as a list of elements."},
    {"cast", as_cfunc(memory_cast), METH_FASTCALL | METH_KEYWORDS, "Cast a memoryview to a new format or shape."},
    {"toreadonly", memory_toreadonly, METH_NOARGS, "Return a readonly version of the memoryview."},
    {"_from_flags", as_cfunc(memory_from_flags), METH_FASTCALL | METH_KEYWORDS | METH_CLASS,
     "Create a new memoryview object which references the given object."},
    {"__enter__", memory_enter, METH_NOARGS, nullptr},
    {"__exit__", memory_exit, METH_VARARGS, "Release the underlying buffer exposed by the memoryview object."},
    {nullptr, nullptr, 0, nullptr}};

PyGetSetDef memory_getset[] = {
    {"obj", get_obj, nullptr, "The underlying object of the memoryview.", nullptr},
    {"nbytes", get_nbytes, nullptr,
     "The amount of space in bytes that the array would use in\n a contiguous representation.", nullptr},
    {"readonly", get_readonly, nullptr, "A bool indicating whether the memory is read only.", nullptr},
    {"itemsize", get_itemsize, nullptr, "The size in bytes of each element of the memoryview.", nullptr},
    {"format", get_format, nullptr,
     "A string containing the format (in struct module style)\n for each element in the view.", nullptr},
    {"ndim", get_ndim, nullptr,
     "An integer indicating how many dimensions of a multi-dimensional\n array the memory represents.", nullptr},
    {"shape", get_shape, nullptr,
     "A tuple of ndim integers giving the shape of the memory\n as an N-dimensional array.", nullptr},
    {"strides", get_strides, nullptr,
     "A tuple of ndim integers giving the size in bytes to access\n each element for each dimension of the array.",
     nullptr},
    {"suboffsets", get_suboffsets, nullptr, "A tuple of integers used internally for PIL-style arrays.", nullptr},
    {"c_contiguous", get_c_contiguous, nullptr, "A bool indicating whether the memory is C contiguous.", nullptr},
    {"f_contiguous", get_f_contiguous, nullptr, "A bool indicating whether the memory is Fortran contiguous.", nullptr},
    {"contiguous", get_contiguous, nullptr, "A bool indicating whether the memory is contiguous.", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};

PySequenceMethods memory_as_sequence = {.sq_length = memory_length, .sq_item = memory_item};
PyMappingMethods memory_as_mapping = {
    .mp_length = memory_length,
    .mp_subscript = memory_subscript,
    .mp_ass_subscript = memory_ass_sub,
};
PyBufferProcs memory_as_buffer = {.bf_getbuffer = memory_getbuf, .bf_releasebuffer = memory_releasebuf};

}  // namespace

// ---- Public entry points ----

Object* memoryview_from_object(Object* o) { return from_object_and_flags(o, PyBUF_FULL_RO); }

Object* memoryview_from_buffer_proc(Object* o, int flags, getbufferproc proc) {
  return view_from_new_mbuf(mbuf_from_object(o, flags, proc));
}

int memoryview_release_for(Object* exporter, Object* view) {
  if (!type_check_exact(view, &memoryview_type)) {
    set_error(&exc_TypeError, "expected a memoryview object");
    return -1;
  }
  MemoryView* m = mvobj(view);
  {
    sync::CriticalSection cs(view);
    if (m->view.obj != exporter) {  // compared, never followed: the view may be released
      set_error(&exc_ValueError, "memoryview's buffer is not this object");
      return -1;
    }
    if (m->flags & _Py_MEMORYVIEW_RELEASED) {
      set_error(&exc_ValueError, "memoryview's buffer has already been released");
      return -1;
    }
  }
  return memory_release(m);
}

int memoryview_types_ready() {
  if (type_ready(&managedbuffer_type) < 0) return -1;
  return type_ready(&memory_iterator_type);
}

Type managedbuffer_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "managedbuffer",
    .tp_basicsize = sizeof(ManagedBuffer),
    .tp_dealloc = mbuf_dealloc,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = mbuf_traverse,
    .tp_clear = mbuf_clear,
    .tp_free = object_free,
};

Type memoryview_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "memoryview",
    .tp_basicsize = ssize(offsetof(MemoryView, ob_array)),
    .tp_itemsize = sizeof(ssize),
    .tp_dealloc = memory_dealloc,
    .tp_repr = memory_repr,
    .tp_as_sequence = &memory_as_sequence,
    .tp_as_mapping = &memory_as_mapping,
    .tp_hash = memory_hash,
    .tp_getattro = generic_getattr,
    .tp_as_buffer = &memory_as_buffer,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_SEQUENCE,
    .tp_doc = "memoryview(object)\n--\n\nCreate a new memoryview object which references the given object.",
    .tp_traverse = memory_traverse,
    .tp_clear = memory_clear,
    .tp_richcompare = memory_richcompare,
    .tp_weaklistoffset = offsetof(MemoryView, weakreflist),
    .tp_iter = memory_iter,
    .tp_methods = memory_methods,
    .tp_getset = memory_getset,
    .tp_new = memory_new,
    .tp_free = object_free,
};

Type memory_iterator_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "memory_iterator",
    .tp_basicsize = sizeof(MemoryIterObject),
    .tp_dealloc = memoryiter_dealloc,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = memoryiter_traverse,
    .tp_iter = self_iter,
    .tp_iternext = memoryiter_next,
    .tp_free = object_free,
};

}  // namespace pyvm
