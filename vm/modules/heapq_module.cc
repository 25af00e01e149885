// The _heapq module: the binary min-heap primitives over a list (heappush, heappop, heapify, heapreplace,
// heappushpop) and the max-heap helpers heapq.merge/nlargest use.
//
// Thread-safety: every function holds the heap list's critical section for the whole operation, as CPython 3.13t
// does. Comparisons run Python code that may change the list (the section is re-entrant for this thread), so after
// each comparison the size is re-checked ("list changed size during iteration") and the item array re-read.
#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/errors.h"
#include "objects/list.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/types.h"
#include "vm/modules/modules.h"
#include "vm/sync/mutex.h"

namespace pyvm {
namespace {

// a < b for the min-heap, b < a for the max-heap.
template <bool kMax>
int less(Object* a, Object* b) {
  ORef x = borrow(a), y = borrow(b);  // the list may drop its references during the comparison
  return kMax ? rich_compare_bool(y.get(), x.get(), Py_LT) : rich_compare_bool(x.get(), y.get(), Py_LT);
}

int size_changed() {
  set_error(&exc_RuntimeError, "list changed size during iteration");
  return -1;
}

// Moves heap[pos] up towards `start` while it is smaller than its parent. Caller holds the list's section.
template <bool kMax>
int sift_down(Object* heap, ssize start, ssize pos) {
  ssize size = list_size(heap);
  while (pos > start) {
    ssize parent = (pos - 1) >> 1;
    int lt = less<kMax>(list_items(heap)[pos], list_items(heap)[parent]);
    if (lt < 0) return -1;
    if (size != list_size(heap)) return size_changed();
    if (!lt) break;
    Object** items = list_items(heap);
    std::swap(items[pos], items[parent]);
    pos = parent;
  }
  return 0;
}

// Moves the smaller child up until a leaf is reached at heap[pos], then sifts the original item back down.
// Caller holds the list's section.
template <bool kMax>
int sift_up(Object* heap, ssize pos) {
  ssize end = list_size(heap);
  ssize start = pos;
  ssize limit = end >> 1;
  while (pos < limit) {
    ssize child = 2 * pos + 1;
    if (child + 1 < end) {
      int lt = less<kMax>(list_items(heap)[child], list_items(heap)[child + 1]);
      if (lt < 0) return -1;
      if (!lt) child++;
      if (end != list_size(heap)) return size_changed();
    }
    Object** items = list_items(heap);
    std::swap(items[pos], items[child]);
    pos = child;
  }
  return sift_down<kMax>(heap, start, pos);
}

bool check_list(Object* o, const char* fname, bool one_arg) {
  if (type_check(o, &list_type)) return true;
  set_errorf(&exc_TypeError, "{}() argument {}must be list, not {}", fname, one_arg ? "" : "1 ", type_name(o));
  return false;
}

Object* index_error() { return set_error(&exc_IndexError, "index out of range"); }

Object* heappush(Object*, Object* const* args, ssize nargs) {
  if (nargs != 2) return set_errorf(&exc_TypeError, "heappush expected 2 arguments, got {}", nargs);
  Object* heap = args[0];
  if (!check_list(heap, "heappush", false)) return nullptr;
  sync::CriticalSection cs(heap);
  if (list_append(heap, args[1]) < 0) return nullptr;
  if (sift_down<false>(heap, 0, list_size(heap) - 1) < 0) return nullptr;
  return newref(none());
}

// Removes the last item; when the heap still has items, it replaces the root, which is returned.
template <bool kMax>
Object* pop(Object* heap) {
  sync::CriticalSection cs(heap);
  ssize n = list_size(heap);
  if (n == 0) return index_error();
  Object* last = list_items(heap)[n - 1];
  // Shrink by one, keeping the reference we took.
  incref(last);
  if (list_set_slice(heap, n - 1, n, nullptr) < 0) {
    decref(last);
    return nullptr;
  }
  if (list_size(heap) == 0) return last;
  Object* top = list_items(heap)[0];
  list_items(heap)[0] = last;  // the list's reference to the old root passes to the caller
  if (sift_up<kMax>(heap, 0) < 0) {
    decref(top);
    return nullptr;
  }
  return top;
}

template <bool kMax>
Object* replace(Object* heap, Object* item) {
  sync::CriticalSection cs(heap);
  if (list_size(heap) == 0) return index_error();
  Object* top = list_items(heap)[0];
  list_items(heap)[0] = newref(item);
  if (sift_up<kMax>(heap, 0) < 0) {
    decref(top);
    return nullptr;
  }
  return top;
}

template <bool kMax>
Object* heapify_list(Object* heap) {
  sync::CriticalSection cs(heap);
  // Bottom-up: sift every parent, from the last one to the root.
  for (ssize i = (list_size(heap) >> 1) - 1; i >= 0; i--)
    if (sift_up<kMax>(heap, i) < 0) return nullptr;
  return newref(none());
}

Object* heappop(Object*, Object* heap) {
  if (!check_list(heap, "heappop", true)) return nullptr;
  return pop<false>(heap);
}
Object* heappop_max(Object*, Object* heap) {
  if (!check_list(heap, "_heappop_max", true)) return nullptr;
  return pop<true>(heap);
}
Object* heapify(Object*, Object* heap) {
  if (!check_list(heap, "heapify", true)) return nullptr;
  return heapify_list<false>(heap);
}
Object* heapify_max(Object*, Object* heap) {
  if (!check_list(heap, "_heapify_max", true)) return nullptr;
  return heapify_list<true>(heap);
}

Object* heapreplace(Object*, Object* const* args, ssize nargs) {
  if (nargs != 2) return set_errorf(&exc_TypeError, "heapreplace expected 2 arguments, got {}", nargs);
  if (!check_list(args[0], "heapreplace", false)) return nullptr;
  return replace<false>(args[0], args[1]);
}
Object* heapreplace_max(Object*, Object* const* args, ssize nargs) {
  if (nargs != 2) return set_errorf(&exc_TypeError, "_heapreplace_max expected 2 arguments, got {}", nargs);
  if (!check_list(args[0], "_heapreplace_max", false)) return nullptr;
  return replace<true>(args[0], args[1]);
}

// heappushpop: push then pop, done as one replace when the item is larger than the root.
Object* heappushpop(Object*, Object* const* args, ssize nargs) {
  if (nargs != 2) return set_errorf(&exc_TypeError, "heappushpop expected 2 arguments, got {}", nargs);
  Object* heap = args[0];
  Object* item = args[1];
  if (!check_list(heap, "heappushpop", false)) return nullptr;
  sync::CriticalSection cs(heap);
  if (list_size(heap) == 0) return newref(item);
  int lt = less<false>(list_items(heap)[0], item);
  if (lt < 0) return nullptr;
  if (!lt) return newref(item);
  if (list_size(heap) == 0) return index_error();
  return replace<false>(heap, item);
}

#define FAST(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(f))
PyMethodDef heapq_methods[] = {
    {"heappush", FAST(heappush), METH_FASTCALL, nullptr},
    {"heappushpop", FAST(heappushpop), METH_FASTCALL, nullptr},
    {"heappop", heappop, METH_O, nullptr},
    {"heapreplace", FAST(heapreplace), METH_FASTCALL, nullptr},
    {"heapify", heapify, METH_O, nullptr},
    {"_heappop_max", heappop_max, METH_O, nullptr},
    {"_heapify_max", heapify_max, METH_O, nullptr},
    {"_heapreplace_max", FAST(heapreplace_max), METH_FASTCALL, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
#undef FAST

}  // namespace

Object* create_heapq_module() {
  ORef m = steal(module_new(str_interned("_heapq")));
  if (!m || module_add_functions(m.get(), heapq_methods) < 0) return nullptr;
  return m.release();
}

}  // namespace pyvm
