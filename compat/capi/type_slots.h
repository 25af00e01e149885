// The PyType_Slot ids of typeslots.h mapped to the fields they fill (PyType_FromSpec, PyType_GetSlot). Owner: types.
#pragma once

#include <cstddef>

#include "Python.h"
#include "objects/errors.h"
#include "objects/object.h"

namespace pyvm::capi {

// Where a slot lives: `table` is the offset of the tp_as_* pointer inside PyTypeObject (-1 for a PyTypeObject
// field), `field` the offset inside that table (or inside PyTypeObject), `heap` the sub-table's offset inside
// PyHeapTypeObject.
struct SlotInfo {
  int id;
  int table;
  int field;
  int heap;
};

#define PYVM_TP(id, f) {id, -1, int(offsetof(PyTypeObject, f)), 0}
#define PYVM_SUB(id, tab, htab, T, f) \
  {id, int(offsetof(PyTypeObject, tab)), int(offsetof(T, f)), int(offsetof(PyHeapTypeObject, htab))}
#define PYVM_NB(id, f) PYVM_SUB(id, tp_as_number, as_number, PyNumberMethods, f)
#define PYVM_SQ(id, f) PYVM_SUB(id, tp_as_sequence, as_sequence, PySequenceMethods, f)
#define PYVM_MP(id, f) PYVM_SUB(id, tp_as_mapping, as_mapping, PyMappingMethods, f)
#define PYVM_AM(id, f) PYVM_SUB(id, tp_as_async, as_async, PyAsyncMethods, f)
#define PYVM_BF(id, f) PYVM_SUB(id, tp_as_buffer, as_buffer, PyBufferProcs, f)

// Indexed by slot id (entry 0 unused).
inline constexpr SlotInfo kSlotTable[] = {
    {0, 0, 0, 0},
    PYVM_BF(Py_bf_getbuffer, bf_getbuffer), PYVM_BF(Py_bf_releasebuffer, bf_releasebuffer),
    PYVM_MP(Py_mp_ass_subscript, mp_ass_subscript), PYVM_MP(Py_mp_length, mp_length),
    PYVM_MP(Py_mp_subscript, mp_subscript), PYVM_NB(Py_nb_absolute, nb_absolute), PYVM_NB(Py_nb_add, nb_add),
    PYVM_NB(Py_nb_and, nb_and), PYVM_NB(Py_nb_bool, nb_bool), PYVM_NB(Py_nb_divmod, nb_divmod),
    PYVM_NB(Py_nb_float, nb_float), PYVM_NB(Py_nb_floor_divide, nb_floor_divide), PYVM_NB(Py_nb_index, nb_index),
    PYVM_NB(Py_nb_inplace_add, nb_inplace_add), PYVM_NB(Py_nb_inplace_and, nb_inplace_and),
    PYVM_NB(Py_nb_inplace_floor_divide, nb_inplace_floor_divide),
    PYVM_NB(Py_nb_inplace_lshift, nb_inplace_lshift), PYVM_NB(Py_nb_inplace_multiply, nb_inplace_multiply),
    PYVM_NB(Py_nb_inplace_or, nb_inplace_or), PYVM_NB(Py_nb_inplace_power, nb_inplace_power),
    PYVM_NB(Py_nb_inplace_remainder, nb_inplace_remainder), PYVM_NB(Py_nb_inplace_rshift, nb_inplace_rshift),
    PYVM_NB(Py_nb_inplace_subtract, nb_inplace_subtract),
    PYVM_NB(Py_nb_inplace_true_divide, nb_inplace_true_divide), PYVM_NB(Py_nb_inplace_xor, nb_inplace_xor),
    PYVM_NB(Py_nb_int, nb_int), PYVM_NB(Py_nb_invert, nb_invert), PYVM_NB(Py_nb_lshift, nb_lshift),
    PYVM_NB(Py_nb_multiply, nb_multiply), PYVM_NB(Py_nb_negative, nb_negative), PYVM_NB(Py_nb_or, nb_or),
    PYVM_NB(Py_nb_positive, nb_positive), PYVM_NB(Py_nb_power, nb_power), PYVM_NB(Py_nb_remainder, nb_remainder),
    PYVM_NB(Py_nb_rshift, nb_rshift), PYVM_NB(Py_nb_subtract, nb_subtract),
    PYVM_NB(Py_nb_true_divide, nb_true_divide), PYVM_NB(Py_nb_xor, nb_xor),
    PYVM_SQ(Py_sq_ass_item, sq_ass_item), PYVM_SQ(Py_sq_concat, sq_concat), PYVM_SQ(Py_sq_contains, sq_contains),
    PYVM_SQ(Py_sq_inplace_concat, sq_inplace_concat), PYVM_SQ(Py_sq_inplace_repeat, sq_inplace_repeat),
    PYVM_SQ(Py_sq_item, sq_item), PYVM_SQ(Py_sq_length, sq_length), PYVM_SQ(Py_sq_repeat, sq_repeat),
    PYVM_TP(Py_tp_alloc, tp_alloc), PYVM_TP(Py_tp_base, tp_base), PYVM_TP(Py_tp_bases, tp_bases),
    PYVM_TP(Py_tp_call, tp_call), PYVM_TP(Py_tp_clear, tp_clear), PYVM_TP(Py_tp_dealloc, tp_dealloc),
    PYVM_TP(Py_tp_del, tp_del), PYVM_TP(Py_tp_descr_get, tp_descr_get), PYVM_TP(Py_tp_descr_set, tp_descr_set),
    PYVM_TP(Py_tp_doc, tp_doc), PYVM_TP(Py_tp_getattr, tp_getattr), PYVM_TP(Py_tp_getattro, tp_getattro),
    PYVM_TP(Py_tp_hash, tp_hash), PYVM_TP(Py_tp_init, tp_init), PYVM_TP(Py_tp_is_gc, tp_is_gc),
    PYVM_TP(Py_tp_iter, tp_iter), PYVM_TP(Py_tp_iternext, tp_iternext), PYVM_TP(Py_tp_methods, tp_methods),
    PYVM_TP(Py_tp_new, tp_new), PYVM_TP(Py_tp_repr, tp_repr), PYVM_TP(Py_tp_richcompare, tp_richcompare),
    PYVM_TP(Py_tp_setattr, tp_setattr), PYVM_TP(Py_tp_setattro, tp_setattro), PYVM_TP(Py_tp_str, tp_str),
    PYVM_TP(Py_tp_traverse, tp_traverse), PYVM_TP(Py_tp_members, tp_members), PYVM_TP(Py_tp_getset, tp_getset),
    PYVM_TP(Py_tp_free, tp_free), PYVM_NB(Py_nb_matrix_multiply, nb_matrix_multiply),
    PYVM_NB(Py_nb_inplace_matrix_multiply, nb_inplace_matrix_multiply), PYVM_AM(Py_am_await, am_await),
    PYVM_AM(Py_am_aiter, am_aiter), PYVM_AM(Py_am_anext, am_anext), PYVM_TP(Py_tp_finalize, tp_finalize),
    PYVM_AM(Py_am_send, am_send),
};
#undef PYVM_TP
#undef PYVM_SUB
#undef PYVM_NB
#undef PYVM_SQ
#undef PYVM_MP
#undef PYVM_AM
#undef PYVM_BF

constexpr int kMaxSlotId = int(sizeof(kSlotTable) / sizeof(kSlotTable[0])) - 1;
static_assert(kMaxSlotId == Py_am_send);

constexpr bool slot_table_in_order() {
  for (int i = 1; i <= kMaxSlotId; i++)
    if (kSlotTable[i].id != i) return false;
  return true;
}
static_assert(slot_table_in_order(), "kSlotTable rows must follow typeslots.h's numbering");

inline const SlotInfo* slot_info(int id) { return id > 0 && id <= kMaxSlotId ? &kSlotTable[id] : nullptr; }

// The slot's current value in t (null when t lacks the sub-table).
inline void* slot_read(PyTypeObject* t, const SlotInfo& s) {
  char* base = reinterpret_cast<char*>(t);
  if (s.table >= 0) {
    base = *reinterpret_cast<char**>(base + s.table);
    if (!base) return nullptr;
  }
  return *reinterpret_cast<void**>(base + s.field);
}

// Where a heap type stores the slot (its own sub-tables).
inline void** slot_addr_heap(PyHeapTypeObject* ht, const SlotInfo& s) {
  char* base = reinterpret_cast<char*>(ht);
  return reinterpret_cast<void**>(base + (s.table >= 0 ? s.heap : 0) + s.field);
}

inline std::nullptr_t bad_internal_call() {
  return set_error(&exc_SystemError, "bad argument to internal function");
}

}  // namespace pyvm::capi
