// collections.deque: CPython's doubly linked list of 64-slot blocks (O(1) appends and pops at both ends), with its
// forward and reverse iterators.
//
// Thread-safety contract: the blocks, indices, length and `state` of a deque are read and written only inside the
// deque's critical section. Method rows declare it with locked<>/locked_fast<>; operations that call back into
// Python (element comparison, repr, consuming an argument iterable) take the section per step and never call out
// while holding a pointer into a block: after each call they re-check `state` (bumped by every mutation) and raise
// "deque mutated during iteration" as CPython does. Iterators lock the deque they walk for each step.
#include "objects/deque.h"

#include <limits>
#include <string>
#include <vector>

#include "alloc/heap.h"
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/genericalias.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/methods.h"
#include "objects/range.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/sync/mutex.h"

namespace pyvm {
namespace {

using sync::CriticalSection;

constexpr ssize kBlockLen = 64;
constexpr ssize kCenter = (kBlockLen - 1) / 2;
constexpr ssize kSsizeMax = std::numeric_limits<ssize>::max();

struct Block {
  Block* left;
  Object* data[kBlockLen];
  Block* right;
};

struct DequeObject {
  PyVarObject ob_base;  // ob_size is the length
  Block* leftblock;
  Block* rightblock;
  ssize leftindex;   // data[leftindex] of leftblock is the first item
  ssize rightindex;  // data[rightindex] of rightblock is the last item
  size_t state;      // bumped by every mutation; iterators and comparisons check it
  ssize maxlen;      // -1: unbounded
  Object* weakreflist;
};

struct DequeIter {
  PyObject ob_base;
  Object* deque;
  Block* b;
  ssize index;
  size_t state;
  ssize counter;  // items left
};

inline DequeObject* D(Object* o) { return reinterpret_cast<DequeObject*>(o); }
inline DequeIter* I(Object* o) { return reinterpret_cast<DequeIter*>(o); }
inline ssize size_of(Object* o) { return __atomic_load_n(&D(o)->ob_base.ob_size, __ATOMIC_RELAXED); }
inline void set_size(DequeObject* d, ssize n) { __atomic_store_n(&d->ob_base.ob_size, n, __ATOMIC_RELAXED); }
inline bool is_deque(Object* o) { return type_check(o, &deque_type); }
Object* self_iter(Object* o) { return newref(o); }

Block* new_block() {
  auto* b = static_cast<Block*>(alloc::raw_alloc(sizeof(Block)));
  if (!b) {
    no_memory();
    return nullptr;
  }
  b->left = b->right = nullptr;
  return b;
}

// ---- storage primitives (the caller holds the deque's critical section) ----

// Appends `item` (stolen) on the right without trimming.
int push_right(DequeObject* d, Object* item) {
  if (d->rightindex == kBlockLen - 1) {
    Block* b = new_block();
    if (!b) {
      decref(item);
      return -1;
    }
    b->left = d->rightblock;
    d->rightblock->right = b;
    d->rightblock = b;
    d->rightindex = -1;
  }
  set_size(d, d->ob_base.ob_size + 1);
  d->rightindex++;
  d->rightblock->data[d->rightindex] = item;
  d->state++;
  return 0;
}

int push_left(DequeObject* d, Object* item) {
  if (d->leftindex == 0) {
    Block* b = new_block();
    if (!b) {
      decref(item);
      return -1;
    }
    b->right = d->leftblock;
    d->leftblock->left = b;
    d->leftblock = b;
    d->leftindex = kBlockLen;
  }
  set_size(d, d->ob_base.ob_size + 1);
  d->leftindex--;
  d->leftblock->data[d->leftindex] = item;
  d->state++;
  return 0;
}

// Removes and returns (new reference) the last item; IndexError when empty.
Object* pop_right(DequeObject* d) {
  if (d->ob_base.ob_size == 0) return set_error(&exc_IndexError, "pop from an empty deque");
  Object* item = d->rightblock->data[d->rightindex];
  d->rightindex--;
  set_size(d, d->ob_base.ob_size - 1);
  d->state++;
  if (d->rightindex < 0) {
    if (d->ob_base.ob_size) {
      Block* prev = d->rightblock->left;
      alloc::raw_free(d->rightblock);
      prev->right = nullptr;
      d->rightblock = prev;
      d->rightindex = kBlockLen - 1;
    } else {
      d->leftindex = kCenter + 1;
      d->rightindex = kCenter;
    }
  }
  return item;
}

Object* pop_left(DequeObject* d) {
  if (d->ob_base.ob_size == 0) return set_error(&exc_IndexError, "pop from an empty deque");
  Object* item = d->leftblock->data[d->leftindex];
  d->leftindex++;
  set_size(d, d->ob_base.ob_size - 1);
  d->state++;
  if (d->leftindex == kBlockLen) {
    if (d->ob_base.ob_size) {
      Block* next = d->leftblock->right;
      alloc::raw_free(d->leftblock);
      next->left = nullptr;
      d->leftblock = next;
      d->leftindex = 0;
    } else {
      d->leftindex = kCenter + 1;
      d->rightindex = kCenter;
    }
  }
  return item;
}

// append/appendleft with maxlen trimming from the opposite end; steals `item`.
int append_item(DequeObject* d, Object* item) {
  if (d->maxlen == 0) {
    decref(item);
    return 0;
  }
  if (push_right(d, item) < 0) return -1;
  if (d->maxlen > 0 && d->ob_base.ob_size > d->maxlen) decref(pop_left(d));
  return 0;
}

int appendleft_item(DequeObject* d, Object* item) {
  if (d->maxlen == 0) {
    decref(item);
    return 0;
  }
  if (push_left(d, item) < 0) return -1;
  if (d->maxlen > 0 && d->ob_base.ob_size > d->maxlen) decref(pop_right(d));
  return 0;
}

// The slot holding item i (0 <= i < size), walking from the nearer end.
Object** slot_at(DequeObject* d, ssize i) {
  ssize n = d->ob_base.ob_size;
  ssize pos = d->leftindex + i;
  if (i < n / 2) {
    Block* b = d->leftblock;
    for (ssize k = pos / kBlockLen; k > 0; k--) b = b->right;
    return &b->data[pos % kBlockLen];
  }
  ssize last = (d->leftindex + n - 1) / kBlockLen;
  Block* b = d->rightblock;
  for (ssize k = last - pos / kBlockLen; k > 0; k--) b = b->left;
  return &b->data[pos % kBlockLen];
}

void clear_locked(DequeObject* d) {
  // Detach the items first so that decrefs (which may run Python code) see an empty deque.
  std::vector<Object*> items;
  items.reserve(size_t(d->ob_base.ob_size));
  while (d->ob_base.ob_size) items.push_back(pop_right(d));
  d->state++;
  for (Object* o : items) decref(o);
}

// Rotates right by n (left when negative) without touching `state` (as CPython).
void rotate_locked(DequeObject* d, ssize n) {
  ssize len = d->ob_base.ob_size;
  if (len <= 1) return;
  size_t saved = d->state;
  ssize half = len >> 1;
  if (n > half || n < -half) {
    n %= len;
    if (n > half)
      n -= len;
    else if (n < -half)
      n += len;
  }
  // Moves one pointer at a time between the ends (each step O(1)). The only possible failure is running out of
  // memory for a new end block, in which case the moved item is dropped (MemoryError is set).
  for (; n > 0; n--) {
    Object* item = pop_right(d);
    if (push_left(d, item) < 0) break;
  }
  for (; n < 0; n++) {
    Object* item = pop_left(d);
    if (push_right(d, item) < 0) break;
  }
  d->state = saved;
}

void reverse_locked(DequeObject* d) {
  ssize n = d->ob_base.ob_size / 2;
  Block* lb = d->leftblock;
  Block* rb = d->rightblock;
  ssize li = d->leftindex, ri = d->rightindex;
  for (; n > 0; n--) {
    std::swap(lb->data[li], rb->data[ri]);
    if (++li == kBlockLen) {
      lb = lb->right;
      li = 0;
    }
    if (--ri < 0) {
      rb = rb->left;
      ri = kBlockLen - 1;
    }
  }
  d->state++;
}

// A new list with the items (caller holds the section).
Object* as_list_locked(DequeObject* d) {
  ssize n = d->ob_base.ob_size;
  Object* l = list_new(n);
  if (!l) return nullptr;
  Block* b = d->leftblock;
  ssize idx = d->leftindex;
  for (ssize i = 0; i < n; i++) {
    list_items(l)[i] = newref(b->data[idx]);
    if (++idx == kBlockLen) {
      b = b->right;
      idx = 0;
    }
  }
  return l;
}

Object* as_list(Object* self) {
  CriticalSection cs(self);
  return as_list_locked(D(self));
}

// Reads item i with a new reference if the deque is still in `state` and long enough; sets the mutation error
// otherwise (kind chosen by the caller's CPython counterpart).
Object* item_if_unchanged(Object* self, ssize i, size_t state, Type* exc) {
  CriticalSection cs(self);
  if (D(self)->state != state || i >= D(self)->ob_base.ob_size)
    return set_error(exc, "deque mutated during iteration");
  return newref(*slot_at(D(self), i));
}

// ---- construction ----

Object* deque_tp_new(Type* type, Object*, Object*) {
  Object* o = new_object(type, size_t(type->tp_basicsize));
  if (!o) return nullptr;
  Block* b = new_block();
  if (!b) {
    decref(o);
    return nullptr;
  }
  DequeObject* d = D(o);
  d->leftblock = d->rightblock = b;
  d->leftindex = kCenter + 1;
  d->rightindex = kCenter;
  d->maxlen = -1;
  return o;
}

void deque_dealloc(Object* self) {
  Type* t = type_of(self);
  DequeObject* d = D(self);
  if (d->leftblock) {
    Block* b = d->leftblock;
    ssize idx = d->leftindex;
    for (ssize i = d->ob_base.ob_size; i > 0; i--) {
      decref(b->data[idx]);
      if (++idx == kBlockLen && i > 1) {
        Block* next = b->right;
        alloc::raw_free(b);
        b = next;
        idx = 0;
      }
    }
    alloc::raw_free(b);
  }
  object_free(self);
  dealloc_type_ref(t);
}

int deque_traverse(Object* self, visitproc visit, void* arg) {
  DequeObject* d = D(self);
  Block* b = d->leftblock;
  ssize idx = d->leftindex;
  for (ssize i = d->ob_base.ob_size; i > 0; i--) {
    if (int r = visit(b->data[idx], arg)) return r;
    if (++idx == kBlockLen) {
      b = b->right;
      idx = 0;
    }
  }
  return 0;
}

int deque_tp_clear(Object* self) {
  CriticalSection cs(self);
  clear_locked(D(self));
  return 0;
}

Object* deque_extend_meth(Object* self, Object* iterable);

int deque_tp_init(Object* self, Object* args, Object* kwds) {
  Object* argv[2] = {};
  ssize nargs = tuple_size(args);
  if (nargs > 2) {
    set_errorf(&exc_TypeError, "deque expected at most 2 arguments, got {}", nargs);
    return -1;
  }
  for (ssize i = 0; i < nargs; i++) argv[i] = tuple_get(args, i);
  if (kwds) {
    ssize pos = 0;
    Object *k, *v;
    while (dict_next(kwds, &pos, &k, &v)) {
      std::string_view name = str_view(k);
      int slot = name == "iterable" ? 0 : name == "maxlen" ? 1 : -1;
      if (slot < 0) {
        set_errorf(&exc_TypeError, "deque() got an unexpected keyword argument '{}'", name);
        return -1;
      }
      if (argv[slot]) {
        set_errorf(&exc_TypeError, "argument for deque() given by name ('{}') and position ({})", name, slot + 1);
        return -1;
      }
      argv[slot] = v;
    }
  }
  ssize maxlen = -1;
  if (argv[1] && argv[1] != none()) {
    if (!type_check(argv[1], &int_type)) {
      set_error(&exc_TypeError, "an integer is required");
      return -1;
    }
    maxlen = int_as_ssize(argv[1]);
    if (maxlen == -1 && error_occurred()) return -1;
    if (maxlen < 0) {
      set_error(&exc_ValueError, "maxlen must be non-negative");
      return -1;
    }
  }
  {
    CriticalSection cs(self);
    D(self)->maxlen = maxlen;
    if (D(self)->ob_base.ob_size > 0) clear_locked(D(self));
  }
  if (argv[0]) {
    ORef r = steal(deque_extend_meth(self, argv[0]));
    if (!r) return -1;
  }
  return 0;
}

// ---- methods ----

Object* deque_append_meth(Object* self, Object* item) {
  if (append_item(D(self), newref(item)) < 0) return nullptr;
  return none();
}

Object* deque_appendleft_meth(Object* self, Object* item) {
  if (appendleft_item(D(self), newref(item)) < 0) return nullptr;
  return none();
}

Object* deque_pop_meth(Object* self, Object*) { return pop_right(D(self)); }
Object* deque_popleft_meth(Object* self, Object*) { return pop_left(D(self)); }

// Consumes `iterable` into the deque (append or appendleft), locking per item; the argument's iteration runs
// outside the section.
Object* extend_impl(Object* self, Object* iterable, bool left) {
  ORef src;
  if (iterable == self) {
    src = steal(as_list(self));
    if (!src) return nullptr;
    iterable = src.get();
  }
  ORef it = steal(get_iter(iterable));
  if (!it) return nullptr;
  for (;;) {
    ORef item = steal(iter_next(it.get()));
    if (!item) {
      if (error_occurred()) return nullptr;
      break;
    }
    CriticalSection cs(self);
    if ((left ? appendleft_item(D(self), item.release()) : append_item(D(self), item.release())) < 0) return nullptr;
  }
  return none();
}

Object* deque_extend_meth(Object* self, Object* iterable) { return extend_impl(self, iterable, false); }
Object* deque_extendleft_meth(Object* self, Object* iterable) { return extend_impl(self, iterable, true); }

Object* deque_clear_meth(Object* self, Object*) {
  clear_locked(D(self));
  return none();
}

Object* deque_rotate_meth(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("rotate", nargs, kwnames, 0, 1)) return nullptr;
  ssize n = 1;
  if (nargs) {
    n = number_as_ssize(args[0], &exc_OverflowError);
    if (n == -1 && error_occurred()) return nullptr;
  }
  rotate_locked(D(self), n);
  return none();
}

Object* deque_reverse_meth(Object* self, Object*) {
  reverse_locked(D(self));
  return none();
}

Object* deque_copy_meth(Object* self, Object*) {
  Type* t = type_of(self);
  ssize maxlen;
  {
    CriticalSection cs(self);
    maxlen = D(self)->maxlen;
    if (t == &deque_type) {
      ORef r = steal(deque_tp_new(t, nullptr, nullptr));
      if (!r) return nullptr;
      D(r.get())->maxlen = maxlen;
      DequeObject* d = D(self);
      Block* b = d->leftblock;
      ssize idx = d->leftindex;
      for (ssize i = d->ob_base.ob_size; i > 0; i--) {
        if (append_item(D(r.get()), newref(b->data[idx])) < 0) return nullptr;
        if (++idx == kBlockLen) {
          b = b->right;
          idx = 0;
        }
      }
      return r.release();
    }
  }
  if (maxlen < 0) return call1(reinterpret_cast<Object*>(t), self);
  ORef ml = steal(int_from_ssize(maxlen));
  if (!ml) return nullptr;
  return call2(reinterpret_cast<Object*>(t), self, ml.get());
}

Object* deque_count_meth(Object* self, Object* value) {
  size_t state;
  {
    CriticalSection cs(self);
    state = D(self)->state;
  }
  ssize count = 0;
  for (ssize i = 0; i < size_of(self); i++) {
    ORef item = steal(item_if_unchanged(self, i, state, &exc_RuntimeError));
    if (!item) return nullptr;
    int cmp = rich_compare_bool(item.get(), value, Py_EQ);
    if (cmp < 0) return nullptr;
    count += cmp;
    CriticalSection cs(self);
    if (D(self)->state != state) return set_error(&exc_RuntimeError, "deque mutated during iteration");
  }
  return int_from_ssize(count);
}

// The first index in [start, stop) whose item equals `value`, -1 when none, -2 on error.
ssize find_index(Object* self, Object* value, ssize start, ssize stop, Type* mutated_exc) {
  size_t state;
  {
    CriticalSection cs(self);
    state = D(self)->state;
  }
  for (ssize i = start; i < stop && i < size_of(self); i++) {
    ORef item = steal(item_if_unchanged(self, i, state, mutated_exc));
    if (!item) return -2;
    int cmp = rich_compare_bool(item.get(), value, Py_EQ);
    if (cmp < 0) return -2;
    {
      CriticalSection cs(self);
      if (D(self)->state != state) {
        set_error(mutated_exc, "deque mutated during iteration");
        return -2;
      }
    }
    if (cmp > 0) return i;
  }
  return -1;
}

Object* not_in_deque(Object* value) {
  std::string r;
  if (!repr_utf8(value, &r)) return nullptr;
  return set_errorf(&exc_ValueError, "{} is not in deque", r);
}

Object* deque_index_meth(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("index", nargs, kwnames, 1, 3)) return nullptr;
  ssize start = 0, stop = kSsizeMax;
  if (nargs >= 2 && !slice_index(args[1], &start)) return nullptr;
  if (nargs >= 3 && !slice_index(args[2], &stop)) return nullptr;
  ssize n = size_of(self);
  if (start < 0) {
    start += n;
    if (start < 0) start = 0;
  }
  if (stop < 0) {
    stop += n;
    if (stop < 0) stop = 0;
  }
  if (stop > n) stop = n;
  ssize i = find_index(self, args[0], start, stop, &exc_RuntimeError);
  if (i == -2) return nullptr;
  if (i < 0) return not_in_deque(args[0]);
  return int_from_ssize(i);
}

// del d[i] for 0 <= i < size (caller holds the section).
void del_item_locked(DequeObject* d, ssize i) {
  rotate_locked(d, -i);
  Object* item = pop_left(d);
  rotate_locked(d, i);
  decref(item);
}

Object* deque_remove_meth(Object* self, Object* value) {
  size_t state;
  {
    CriticalSection cs(self);
    state = D(self)->state;
  }
  ssize i = find_index(self, value, 0, kSsizeMax, &exc_IndexError);
  if (i == -2) return nullptr;
  if (i < 0) return not_in_deque(value);
  CriticalSection cs(self);
  if (D(self)->state != state || i >= D(self)->ob_base.ob_size)
    return set_error(&exc_IndexError, "deque mutated during remove().");
  del_item_locked(D(self), i);
  return none();
}

Object* deque_insert_meth(Object* self, Object* const* args, ssize nargs, Object* kwnames) {
  if (!check_positional("insert", nargs, kwnames, 2, 2)) return nullptr;
  ssize index = number_as_ssize(args[0], &exc_OverflowError);
  if (index == -1 && error_occurred()) return nullptr;
  DequeObject* d = D(self);
  ssize n = d->ob_base.ob_size;
  if (d->maxlen == n) return set_error(&exc_IndexError, "deque already at its maximum size");
  if (index >= n) {
    if (append_item(d, newref(args[1])) < 0) return nullptr;
    return none();
  }
  if (index <= -n || index == 0) {
    if (appendleft_item(d, newref(args[1])) < 0) return nullptr;
    return none();
  }
  rotate_locked(d, -index);
  int r = index < 0 ? append_item(d, newref(args[1])) : appendleft_item(d, newref(args[1]));
  rotate_locked(d, index);
  if (r < 0) return nullptr;
  return none();
}

Object* deque_iter(Object* self);

Object* deque_reduce_meth(Object* self, Object*) {
  Object* state = nullptr;
  if (get_attr_optional(self, strs::dict, &state) < 0) return nullptr;
  ORef st = steal(state ? state : newref(none()));
  ORef it = steal(deque_iter(self));
  if (!it) return nullptr;
  ssize maxlen;
  {
    CriticalSection cs(self);
    maxlen = D(self)->maxlen;
  }
  ORef args;
  if (maxlen < 0) {
    args = borrow(tuple_empty());
  } else {
    ORef ml = steal(int_from_ssize(maxlen));
    if (!ml) return nullptr;
    args = steal(tuple_pack({tuple_empty(), ml.get()}));
  }
  if (!args) return nullptr;
  return tuple_pack({reinterpret_cast<Object*>(type_of(self)), args.get(), st.get(), it.get()});
}

constexpr ssize kHeaderDelta = ssize(sizeof(PyObject)) - 16;

Object* deque_sizeof_meth(Object* self, Object*) {
  DequeObject* d = D(self);
  ssize blocks = (d->leftindex + d->ob_base.ob_size + kBlockLen - 1) / kBlockLen;
  if (blocks < 1) blocks = 1;
  // CPython's deque object is 648 bytes on a 16-byte header build (it embeds a free-block cache).
  (void)kHeaderDelta;
  return int_from_ssize(624 + blocks * ssize(sizeof(Block)));
}

Object* deque_maxlen_get(Object* self, void*) {
  ssize m = D(self)->maxlen;
  if (m < 0) return none();
  return int_from_ssize(m);
}

// ---- sequence protocol ----

ssize deque_len(Object* self) { return size_of(self); }

Object* deque_item(Object* self, ssize i) {
  CriticalSection cs(self);
  if (i < 0 || i >= D(self)->ob_base.ob_size) return set_error(&exc_IndexError, "deque index out of range");
  return newref(*slot_at(D(self), i));
}

int deque_ass_item(Object* self, ssize i, Object* v) {
  CriticalSection cs(self);
  DequeObject* d = D(self);
  if (i < 0 || i >= d->ob_base.ob_size) {
    set_error(&exc_IndexError, "deque index out of range");
    return -1;
  }
  if (!v) {
    del_item_locked(d, i);
    return 0;
  }
  Object** slot = slot_at(d, i);
  Object* old = *slot;
  *slot = newref(v);
  decref(old);
  return 0;
}

int deque_contains(Object* self, Object* v) {
  ssize r = find_index(self, v, 0, kSsizeMax, &exc_RuntimeError);
  if (r == -2) return -1;
  return r >= 0;
}

Object* deque_inplace_concat(Object* self, Object* other) {
  ORef r = steal(deque_extend_meth(self, other));
  if (!r) return nullptr;
  return newref(self);
}

Object* deque_concat(Object* self, Object* other) {
  if (!is_deque(other))
    return set_errorf(&exc_TypeError, "can only concatenate deque (not \"{}\") to deque", type_of(other)->tp_name);
  ORef r = steal(deque_copy_meth(self, nullptr));
  if (!r) return nullptr;
  ORef x = steal(deque_extend_meth(r.get(), other));
  if (!x) return nullptr;
  return r.release();
}

Object* deque_inplace_repeat(Object* self, ssize n) {
  CriticalSection cs(self);
  DequeObject* d = D(self);
  ssize size = d->ob_base.ob_size;
  if (n <= 0 || size == 0) {
    if (n <= 0) clear_locked(d);
    return newref(self);
  }
  if (n == 1) return newref(self);
  if (d->maxlen < 0 && size > kSsizeMax / n) return no_memory();
  ssize reps = n - 1;
  // With a maxlen only the last maxlen items survive: a few whole copies suffice to flush the rest.
  if (d->maxlen >= 0 && reps > d->maxlen / size + 1) reps = d->maxlen / size + 1;
  ORef snapshot = steal(as_list_locked(d));
  if (!snapshot) return nullptr;
  for (ssize r = 0; r < reps; r++)
    for (ssize i = 0; i < size; i++)
      if (append_item(d, newref(list_items(snapshot.get())[i])) < 0) return nullptr;
  return newref(self);
}

Object* deque_repeat(Object* self, ssize n) {
  ORef r = steal(deque_copy_meth(self, nullptr));
  if (!r) return nullptr;
  return deque_inplace_repeat(r.get(), n);
}

// ---- repr, comparison ----

Object* deque_repr(Object* self) {
  int r = repr_enter(self);
  if (r != 0) return r > 0 ? str_from_utf8("[...]") : nullptr;
  ORef lst = steal(as_list(self));
  std::string text;
  bool ok = lst && repr_utf8(lst.get(), &text);
  repr_leave(self);
  if (!ok) return nullptr;
  std::string_view name = type_of(self)->tp_name;
  if (auto dot = name.rfind('.'); dot != std::string_view::npos) name = name.substr(dot + 1);
  ssize maxlen = D(self)->maxlen;
  if (maxlen < 0) return str_from_utf8(fmt::format("{}({})", name, text));
  return str_from_utf8(fmt::format("{}({}, maxlen={})", name, text, maxlen));
}

Object* deque_richcompare(Object* v, Object* w, int op) {
  if (!is_deque(v) || !is_deque(w)) return newref(not_implemented());
  ssize vs = size_of(v), ws = size_of(w);
  if (op == Py_EQ && vs != ws) return newref(false_());
  if (op == Py_NE && vs != ws) return newref(true_());
  ORef it1 = steal(get_iter(v));
  if (!it1) return nullptr;
  ORef it2 = steal(get_iter(w));
  if (!it2) return nullptr;
  ORef x, y;
  for (;;) {
    x = steal(iter_next(it1.get()));
    if (!x && error_occurred()) return nullptr;
    y = steal(iter_next(it2.get()));
    if (!y && error_occurred()) return nullptr;
    if (!x || !y) break;
    int b = rich_compare_bool(x.get(), y.get(), Py_EQ);
    if (b < 0) return nullptr;
    if (b == 0) return rich_compare(x.get(), y.get(), op);
  }
  // One ran out: compare the lengths seen.
  bool r = false;
  bool xmore = bool(x), ymore = bool(y);
  switch (op) {
    case Py_LT: r = ymore; break;
    case Py_LE: r = !xmore; break;
    case Py_EQ: r = !xmore && !ymore; break;
    case Py_NE: r = xmore || ymore; break;
    case Py_GT: r = xmore; break;
    case Py_GE: r = !ymore; break;
  }
  return newref(bool_obj(r));
}

// ---- iterators ----

Object* iter_new(Type* t, Object* deque, bool reverse) {
  Object* o = new_object(t, sizeof(DequeIter));
  if (!o) return nullptr;
  CriticalSection cs(deque);
  DequeObject* d = D(deque);
  DequeIter* it = I(o);
  it->deque = newref(deque);
  it->b = reverse ? d->rightblock : d->leftblock;
  it->index = reverse ? d->rightindex : d->leftindex;
  it->state = d->state;
  it->counter = d->ob_base.ob_size;
  return o;
}

Object* deque_iter(Object* self) { return iter_new(&deque_iter_type, self, false); }
Object* deque_reversed_meth(Object* self, Object*) { return iter_new(&deque_reverse_iter_type, self, true); }

void dequeiter_dealloc(Object* self) {
  Type* t = type_of(self);
  xdecref(I(self)->deque);
  object_free(self);
  dealloc_type_ref(t);
}

int dequeiter_traverse(Object* self, visitproc visit, void* arg) {
  if (Object* d = I(self)->deque) return visit(d, arg);
  return 0;
}

Object* iter_step(Object* self, bool reverse) {
  DequeIter* it = I(self);
  CriticalSection cs(it->deque);
  if (D(it->deque)->state != it->state) {
    it->counter = 0;
    return set_error(&exc_RuntimeError, "deque mutated during iteration");
  }
  if (it->counter == 0) return nullptr;
  Object* item = it->b->data[it->index];
  it->counter--;
  if (reverse) {
    if (--it->index < 0 && it->counter > 0) {
      it->b = it->b->left;
      it->index = kBlockLen - 1;
    }
  } else if (++it->index == kBlockLen && it->counter > 0) {
    it->b = it->b->right;
    it->index = 0;
  }
  return newref(item);
}

Object* dequeiter_next(Object* self) { return iter_step(self, false); }
Object* dequereviter_next(Object* self) { return iter_step(self, true); }

Object* dequeiter_len(Object* self, Object*) { return int_from_ssize(I(self)->counter); }

Object* dequeiter_reduce(Object* self, Object*) {
  DequeIter* it = I(self);
  ORef pos = steal(int_from_ssize(size_of(it->deque) - it->counter));
  if (!pos) return nullptr;
  ORef args = steal(tuple_pack({it->deque, pos.get()}));
  if (!args) return nullptr;
  return tuple_pack({reinterpret_cast<Object*>(type_of(self)), args.get()});
}

// _deque_iterator(deque, index=0): an iterator advanced by `index` items (for unpickling).
Object* iter_tp_new_impl(Type* t, Object* args, Object* kwds, bool reverse) {
  const char* name = reverse ? "_deque_reverse_iterator" : "_deque_iterator";
  if (kwds && dict_size(kwds) > 0) return set_errorf(&exc_TypeError, "{}() takes no keyword arguments", name);
  ssize nargs = tuple_size(args);
  if (nargs < 1 || nargs > 2)
    return set_errorf(&exc_TypeError, "{} expected {} arguments, got {}", name, nargs < 1 ? "at least 1" : "at most 2",
                      nargs);
  Object* deque = tuple_get(args, 0);
  if (!is_deque(deque))
    return set_errorf(&exc_TypeError, "{}() argument 1 must be collections.deque, not {}", name,
                      type_of(deque)->tp_name);
  ssize index = 0;
  if (nargs == 2) {
    index = number_as_ssize(tuple_get(args, 1), &exc_OverflowError);
    if (index == -1 && error_occurred()) return nullptr;
  }
  ORef it = steal(iter_new(t, deque, reverse));
  if (!it) return nullptr;
  for (; index > 0 && I(it.get())->counter > 0; index--) {
    ORef x = steal(iter_step(it.get(), reverse));
    if (!x) return nullptr;
  }
  return it.release();
}

Object* dequeiter_tp_new(Type* t, Object* args, Object* kwds) { return iter_tp_new_impl(t, args, kwds, false); }
Object* dequereviter_tp_new(Type* t, Object* args, Object* kwds) { return iter_tp_new_impl(t, args, kwds, true); }

PyMethodDef dequeiter_methods[] = {
    {"__length_hint__", dequeiter_len, METH_NOARGS, "Private method returning an estimate of len(list(it))."},
    {"__reduce__", dequeiter_reduce, METH_NOARGS, "Return state information for pickling."},
    {nullptr, nullptr, 0, nullptr}};

PyMethodDef deque_methods[] = {
    {"append", locked<deque_append_meth>, METH_O, "Add an element to the right side of the deque."},
    {"appendleft", locked<deque_appendleft_meth>, METH_O, "Add an element to the left side of the deque."},
    {"clear", locked<deque_clear_meth>, METH_NOARGS, "Remove all elements from the deque."},
    {"__copy__", deque_copy_meth, METH_NOARGS, "Return a shallow copy of a deque."},
    {"copy", deque_copy_meth, METH_NOARGS, "Return a shallow copy of a deque."},
    {"count", deque_count_meth, METH_O, "Return number of occurrences of value."},
    {"extend", deque_extend_meth, METH_O, "Extend the right side of the deque with elements from the iterable."},
    {"extendleft", deque_extendleft_meth, METH_O,
     "Extend the left side of the deque with elements from the iterable."},
    {"index", as_cfunc(deque_index_meth), METH_FASTCALL | METH_KEYWORDS,
     "Return first index of value.\n\nRaises ValueError if the value is not present."},
    {"insert", as_cfunc(locked_fast<deque_insert_meth>), METH_FASTCALL | METH_KEYWORDS,
     "Insert value before index."},
    {"pop", locked<deque_pop_meth>, METH_NOARGS, "Remove and return the rightmost element."},
    {"popleft", locked<deque_popleft_meth>, METH_NOARGS, "Remove and return the leftmost element."},
    {"__reduce__", deque_reduce_meth, METH_NOARGS, "Return state information for pickling."},
    {"remove", deque_remove_meth, METH_O, "Remove first occurrence of value."},
    {"__reversed__", deque_reversed_meth, METH_NOARGS, "Return a reverse iterator over the deque."},
    {"reverse", locked<deque_reverse_meth>, METH_NOARGS, "Reverse *IN PLACE*."},
    {"rotate", as_cfunc(locked_fast<deque_rotate_meth>), METH_FASTCALL | METH_KEYWORDS,
     "Rotate the deque n steps to the right.  If n is negative, rotates left."},
    {"__sizeof__", locked<deque_sizeof_meth>, METH_NOARGS, "Return the size of the deque in memory, in bytes."},
    {nullptr, nullptr, 0, nullptr}};

PyGetSetDef deque_getset[] = {
    {"maxlen", deque_maxlen_get, nullptr, "maximum size of a deque or None if unbounded", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};

PySequenceMethods deque_as_sequence = {
    .sq_length = deque_len,
    .sq_concat = deque_concat,
    .sq_repeat = deque_repeat,
    .sq_item = deque_item,
    .sq_ass_item = deque_ass_item,
    .sq_contains = deque_contains,
    .sq_inplace_concat = deque_inplace_concat,
    .sq_inplace_repeat = deque_inplace_repeat,
};

}  // namespace

Type deque_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "collections.deque",
    .tp_basicsize = sizeof(DequeObject),
    .tp_itemsize = 0,
    .tp_dealloc = deque_dealloc,
    .tp_repr = deque_repr,
    .tp_as_sequence = &deque_as_sequence,
    .tp_hash = hash_not_implemented,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_HAVE_GC | kTpFlagGcAudited | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_SEQUENCE,
    .tp_doc =
        "A list-like sequence optimized for data accesses near its endpoints.",
    .tp_traverse = deque_traverse,
    .tp_clear = deque_tp_clear,
    .tp_richcompare = deque_richcompare,
    .tp_weaklistoffset = offsetof(DequeObject, weakreflist),
    .tp_iter = deque_iter,
    .tp_methods = deque_methods,
    .tp_getset = deque_getset,
    .tp_init = deque_tp_init,
    .tp_new = deque_tp_new,
    .tp_free = object_free,
};

Type deque_iter_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "collections._deque_iterator",
    .tp_basicsize = sizeof(DequeIter),
    .tp_dealloc = dequeiter_dealloc,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_HAVE_GC,
    .tp_traverse = dequeiter_traverse,
    .tp_iter = self_iter,
    .tp_iternext = dequeiter_next,
    .tp_methods = dequeiter_methods,
    .tp_new = dequeiter_tp_new,
    .tp_free = object_free,
};

Type deque_reverse_iter_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "collections._deque_reverse_iterator",
    .tp_basicsize = sizeof(DequeIter),
    .tp_dealloc = dequeiter_dealloc,
    .tp_getattro = generic_getattr,
    .tp_flags = Py_TPFLAGS_HAVE_GC,
    .tp_traverse = dequeiter_traverse,
    .tp_iter = self_iter,
    .tp_iternext = dequereviter_next,
    .tp_methods = dequeiter_methods,
    .tp_new = dequereviter_tp_new,
    .tp_free = object_free,
};

int deque_init_types() {
  for (Type* t : {&deque_type, &deque_iter_type, &deque_reverse_iter_type})
    if (type_ready(t) < 0) return -1;
  return generic_alias_install_class_getitem(&deque_type);
}

}  // namespace pyvm
