// The number, sequence, mapping and iterator protocols of the C-API (abstract.h), with CPython 3.13's results and
// messages: thin wrappers over objects/abstract.h, plus the checks and fallbacks CPython's Objects/abstract.c does
// around the type slots. Owner: containers-abstract.
#include "Python.h"

#include <cstring>

#include "compat/capi/abstract_internal.h"
#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/int.h"
#include "objects/iterators.h"
#include "objects/range.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"

using namespace pyvm;
using pyvm::capi::null_error;

namespace {

Object* str_key(const char* s) { return str_from_utf8(s, ssize(std::strlen(s))); }

PySequenceMethods* seq_of(Object* o) { return type_of(o)->tp_as_sequence; }
PyMappingMethods* map_of(Object* o) { return type_of(o)->tp_as_mapping; }

// sq_item / sq_ass_item index rule: a negative index counts from the end when the type has sq_length.
bool adjust_index(Object* o, ssize* i) {
  if (*i < 0 && seq_of(o)->sq_length) {
    ssize n = seq_of(o)->sq_length(o);
    if (n < 0) return false;
    *i += n;
  }
  return true;
}

// A class written in Python that defines `name` (__getitem__, __setitem__, __delitem__): CPython gives it sq_item /
// sq_ass_item slots calling the method, but pyvm's heap types only get mp_subscript / mp_ass_subscript. The sequence
// functions below treat such a class the way CPython does.
bool python_defines(Object* o, const char* name) {
  if (!has_flag(type_of(o), Py_TPFLAGS_HEAPTYPE)) return false;  // methods written in Python live on heap types
  Object* key = str_interned(name);
  Object* f = type_lookup(type_of(o), key);
  return f && type_of(f) != &wrapper_descr_type && type_of(f) != &method_descr_type;
}

bool python_sequence(Object* o) {
  PyMappingMethods* mp = type_of(o)->tp_as_mapping;
  return !dict_check(o) && mp && mp->mp_subscript && python_defines(o, "__getitem__");
}

Object* binop(Object* a, Object* b, int op) {
  if (!a || !b) return null_error();
  return binary_op(a, b, op);
}

// The nb_add / nb_multiply fallback of PySequence_Concat / Repeat: a TypeError becomes CPython's wording.
Object* seq_binop_fallback(Object* s, Object* o, int op, const char* what) {
  Object* r = binary_op(s, o, op);
  if (!r && error_matches(&exc_TypeError)) {
    error_clear();
    return set_errorf(&exc_TypeError, "'{}' object can't be {}", type_name(s), what);
  }
  return r;
}

Object* concat(Object* s, Object* o, bool inplace) {
  if (!s || !o) return null_error();
  PySequenceMethods* m = seq_of(s);
  if (m && inplace && m->sq_inplace_concat) return m->sq_inplace_concat(s, o);
  if (m && m->sq_concat) return m->sq_concat(s, o);
  if (is_sequence(s) && is_sequence(o))
    return seq_binop_fallback(s, o, inplace ? NB_INPLACE_ADD : NB_ADD, "concatenated");
  return set_errorf(&exc_TypeError, "'{}' object can't be concatenated", type_name(s));
}

Object* repeat(Object* o, ssize count, bool inplace) {
  if (!o) return null_error();
  PySequenceMethods* m = seq_of(o);
  if (m && inplace && m->sq_inplace_repeat) return m->sq_inplace_repeat(o, count);
  if (m && m->sq_repeat) return m->sq_repeat(o, count);
  if (is_sequence(o)) {
    ORef n = steal(int_from_ssize(count));
    if (!n) return nullptr;
    return seq_binop_fallback(o, n.get(), inplace ? NB_INPLACE_MULTIPLY : NB_MULTIPLY, "repeated");
  }
  return set_errorf(&exc_TypeError, "'{}' object can't be repeated", type_name(o));
}

Object* slice_of(ssize i1, ssize i2) {
  ORef a = steal(int_from_ssize(i1));
  ORef b = steal(int_from_ssize(i2));
  if (!a || !b) return nullptr;
  return slice_new(a.get(), b.get(), nullptr);
}

// keys() / values() / items() of a mapping that is not a dict, as a list.
Object* method_as_list(Object* o, const char* name) {
  if (!o) return null_error();
  if (type_check_exact(o, &dict_type)) {
    if (std::strcmp(name, "keys") == 0) return dict_keys_list(o);
    if (std::strcmp(name, "values") == 0) return dict_values_list(o);
    return dict_items_list(o);
  }
  ORef out = steal(call_method0(o, ORef(steal(str_interned(name))).get()));
  if (!out) return nullptr;
  ORef it = steal(get_iter(out.get()));
  if (!it) {
    if (error_matches(&exc_TypeError)) {
      error_clear();
      set_errorf(&exc_TypeError, "{}.{}() returned a non-iterable (type {})", type_name(o), name,
                 type_name(out.get()));
    }
    return nullptr;
  }
  return sequence_list(it.get());
}

}  // namespace

extern "C" {

// ---- generic container access ----

Py_ssize_t PyObject_Size(PyObject* o) {
  if (!o) {
    null_error();
    return -1;
  }
  return object_length(o);
}

#undef PyObject_Length
Py_ssize_t PyObject_Length(PyObject* o) { return PyObject_Size(o); }

Py_ssize_t PyObject_LengthHint(PyObject* o, Py_ssize_t defaultvalue) { return seq_length_hint(o, defaultvalue); }

PyObject* PyObject_GetItem(PyObject* o, PyObject* key) {
  if (!o || !key) return null_error();
  return get_item(o, key);
}

int PyObject_SetItem(PyObject* o, PyObject* key, PyObject* v) {
  if (!o || !key || !v) {
    null_error();
    return -1;
  }
  return set_item(o, key, v);
}

int PyObject_DelItem(PyObject* o, PyObject* key) {
  if (!o || !key) {
    null_error();
    return -1;
  }
  return del_item(o, key);
}

int PyObject_DelItemString(PyObject* o, const char* key) {
  if (!o || !key) {
    null_error();
    return -1;
  }
  ORef k = steal(str_key(key));
  if (!k) return -1;
  return del_item(o, k.get());
}

// ---- iterators ----

PyObject* PyObject_GetIter(PyObject* o) { return get_iter(o); }

int PyIter_Check(PyObject* o) { return type_of(o)->tp_iternext != nullptr; }

int PyAIter_Check(PyObject* o) {
  PyAsyncMethods* am = type_of(o)->tp_as_async;
  return am && am->am_anext ? 1 : 0;
}

PyObject* PyObject_GetAIter(PyObject* o) {
  PyAsyncMethods* am = type_of(o)->tp_as_async;
  if (!am || !am->am_aiter) return set_errorf(&exc_TypeError, "'{}' object is not an async iterable", type_name(o));
  Object* it = am->am_aiter(o);
  if (it && !PyAIter_Check(it)) {
    set_errorf(&exc_TypeError, "aiter() returned not an async iterator of type '{}'", type_name(it));
    Py_DECREF(it);
    return nullptr;
  }
  return it;
}

PyObject* PyIter_Next(PyObject* it) {
  iternextfunc f = type_of(it)->tp_iternext;
  if (!f) return set_errorf(&exc_TypeError, "'{}' object is not an iterator", type_name(it));
  Object* r = f(it);
  if (!r && error_matches(&exc_StopIteration)) error_clear();
  return r;
}

PySendResult PyIter_Send(PyObject* iter, PyObject* arg, PyObject** presult) {
  PyAsyncMethods* am = type_of(iter)->tp_as_async;
  if (am && am->am_send) return am->am_send(iter, arg, presult);
  if (arg == Py_None && type_of(iter)->tp_iternext) {
    *presult = type_of(iter)->tp_iternext(iter);
  } else {
    static Object* send = str_interned("send");
    *presult = call_method1(iter, send, arg);
  }
  if (*presult) return PYGEN_NEXT;
  // The end: the StopIteration's value (None when the iterator ended without one) is the return value.
  if (!error_occurred()) {
    *presult = Py_NewRef(Py_None);
    return PYGEN_RETURN;
  }
  if (!error_matches(&exc_StopIteration)) return PYGEN_ERROR;
  ORef exc = steal(error_take());
  static Object* value = str_interned("value");
  *presult = get_attr(exc.get(), value);
  return *presult ? PYGEN_RETURN : PYGEN_ERROR;
}

// ---- numbers ----

int PyNumber_Check(PyObject* o) {
  if (!o) return 0;
  PyNumberMethods* nb = type_of(o)->tp_as_number;
  return nb && (nb->nb_index || nb->nb_int || nb->nb_float || type_check(o, &complex_type)) ? 1 : 0;
}

#define PYVM_BINOP(name, op) \
  PyObject* name(PyObject* a, PyObject* b) { return binop(a, b, op); }
PYVM_BINOP(PyNumber_Add, NB_ADD)
PYVM_BINOP(PyNumber_Subtract, NB_SUBTRACT)
PYVM_BINOP(PyNumber_Multiply, NB_MULTIPLY)
PYVM_BINOP(PyNumber_MatrixMultiply, NB_MATRIX_MULTIPLY)
PYVM_BINOP(PyNumber_FloorDivide, NB_FLOOR_DIVIDE)
PYVM_BINOP(PyNumber_TrueDivide, NB_TRUE_DIVIDE)
PYVM_BINOP(PyNumber_Remainder, NB_REMAINDER)
PYVM_BINOP(PyNumber_Lshift, NB_LSHIFT)
PYVM_BINOP(PyNumber_Rshift, NB_RSHIFT)
PYVM_BINOP(PyNumber_And, NB_AND)
PYVM_BINOP(PyNumber_Xor, NB_XOR)
PYVM_BINOP(PyNumber_Or, NB_OR)
PYVM_BINOP(PyNumber_InPlaceAdd, NB_INPLACE_ADD)
PYVM_BINOP(PyNumber_InPlaceSubtract, NB_INPLACE_SUBTRACT)
PYVM_BINOP(PyNumber_InPlaceMultiply, NB_INPLACE_MULTIPLY)
PYVM_BINOP(PyNumber_InPlaceMatrixMultiply, NB_INPLACE_MATRIX_MULTIPLY)
PYVM_BINOP(PyNumber_InPlaceFloorDivide, NB_INPLACE_FLOOR_DIVIDE)
PYVM_BINOP(PyNumber_InPlaceTrueDivide, NB_INPLACE_TRUE_DIVIDE)
PYVM_BINOP(PyNumber_InPlaceRemainder, NB_INPLACE_REMAINDER)
PYVM_BINOP(PyNumber_InPlaceLshift, NB_INPLACE_LSHIFT)
PYVM_BINOP(PyNumber_InPlaceRshift, NB_INPLACE_RSHIFT)
PYVM_BINOP(PyNumber_InPlaceAnd, NB_INPLACE_AND)
PYVM_BINOP(PyNumber_InPlaceXor, NB_INPLACE_XOR)
PYVM_BINOP(PyNumber_InPlaceOr, NB_INPLACE_OR)
#undef PYVM_BINOP

PyObject* PyNumber_Divmod(PyObject* a, PyObject* b) {
  if (!a || !b) return null_error();
  return number_divmod(a, b);
}

PyObject* PyNumber_Power(PyObject* a, PyObject* b, PyObject* c) {
  if (!a || !b || !c) return null_error();
  return number_power(a, b, c);
}

PyObject* PyNumber_InPlacePower(PyObject* a, PyObject* b, PyObject* c) {
  if (!a || !b || !c) return null_error();
  if (c == Py_None) return binary_op(a, b, NB_INPLACE_POWER);
  return number_power(a, b, c);
}

PyObject* PyNumber_Negative(PyObject* o) { return o ? number_negative(o) : null_error(); }
PyObject* PyNumber_Positive(PyObject* o) { return o ? number_positive(o) : null_error(); }
PyObject* PyNumber_Absolute(PyObject* o) { return o ? number_absolute(o) : null_error(); }
PyObject* PyNumber_Invert(PyObject* o) { return o ? number_invert(o) : null_error(); }

int PyIndex_Check(PyObject* o) { return index_check(o) ? 1 : 0; }

PyObject* PyNumber_Index(PyObject* o) { return o ? number_index(o) : null_error(); }

// exc: the exception to raise on overflow, or NULL to clamp to PY_SSIZE_T_MIN / PY_SSIZE_T_MAX.
Py_ssize_t PyNumber_AsSsize_t(PyObject* o, PyObject* exc) {
  return number_as_ssize(o, reinterpret_cast<Type*>(exc));
}

PyObject* PyNumber_Long(PyObject* o) { return o ? number_long(o) : null_error(); }

PyObject* PyNumber_Float(PyObject* o) { return o ? number_float(o) : null_error(); }

PyObject* PyNumber_ToBase(PyObject* n, int base) {
  const char* fn = base == 2 ? "bin" : base == 8 ? "oct" : base == 16 ? "hex" : nullptr;
  if (!fn && base != 10) return set_error(&exc_SystemError, "PyNumber_ToBase: base must be 2, 8, 10 or 16");
  ORef index = steal(PyNumber_Index(n));
  if (!index) return nullptr;
  if (!fn) return object_str(index.get());
  ORef f = steal(builtin_object(fn));
  if (!f) return nullptr;
  return call1(f.get(), index.get());
}

// ---- sequences ----

int PySequence_Check(PyObject* o) { return o && (is_sequence(o) || python_sequence(o)) ? 1 : 0; }

Py_ssize_t PySequence_Size(PyObject* o) {
  if (!o) {
    null_error();
    return -1;
  }
  PySequenceMethods* m = seq_of(o);
  if (m && m->sq_length) return m->sq_length(o);
  if (map_of(o) && map_of(o)->mp_length) {
    set_errorf(&exc_TypeError, "{} is not a sequence", type_name(o));
    return -1;
  }
  set_errorf(&exc_TypeError, "object of type '{}' has no len()", type_name(o));
  return -1;
}

#undef PySequence_Length
Py_ssize_t PySequence_Length(PyObject* o) { return PySequence_Size(o); }

PyObject* PySequence_Concat(PyObject* s, PyObject* o) { return concat(s, o, false); }
PyObject* PySequence_InPlaceConcat(PyObject* s, PyObject* o) { return concat(s, o, true); }
PyObject* PySequence_Repeat(PyObject* o, Py_ssize_t count) { return repeat(o, count, false); }
PyObject* PySequence_InPlaceRepeat(PyObject* o, Py_ssize_t count) { return repeat(o, count, true); }

PyObject* PySequence_GetItem(PyObject* s, Py_ssize_t i) {
  if (!s) return null_error();
  PySequenceMethods* m = seq_of(s);
  if (python_sequence(s)) {  // CPython's slot_sq_item: __getitem__(i), after the negative-index adjustment
    if (i < 0 && m && m->sq_length) {
      ssize n = m->sq_length(s);
      if (n < 0) return nullptr;
      i += n;
    }
    ORef k = steal(int_from_ssize(i));
    if (!k) return nullptr;
    return map_of(s)->mp_subscript(s, k.get());
  }
  if (m && m->sq_item) {
    if (!adjust_index(s, &i)) return nullptr;
    return m->sq_item(s, i);
  }
  if (map_of(s) && map_of(s)->mp_subscript) return set_errorf(&exc_TypeError, "{} is not a sequence", type_name(s));
  return set_errorf(&exc_TypeError, "'{}' object does not support indexing", type_name(s));
}

PyObject* PySequence_GetSlice(PyObject* s, Py_ssize_t i1, Py_ssize_t i2) {
  if (!s) return null_error();
  if (map_of(s) && map_of(s)->mp_subscript) {
    ORef sl = steal(slice_of(i1, i2));
    if (!sl) return nullptr;
    return map_of(s)->mp_subscript(s, sl.get());
  }
  return set_errorf(&exc_TypeError, "'{}' object is unsliceable", type_name(s));
}

static int seq_ass_item(PyObject* s, Py_ssize_t i, PyObject* v) {
  if (!s) {
    null_error();
    return -1;
  }
  PySequenceMethods* m = seq_of(s);
  if (map_of(s) && map_of(s)->mp_ass_subscript && !dict_check(s) &&
      python_defines(s, v ? "__setitem__" : "__delitem__")) {  // CPython's slot_sq_ass_item
    if (i < 0 && m && m->sq_length) {
      ssize n = m->sq_length(s);
      if (n < 0) return -1;
      i += n;
    }
    ORef k = steal(int_from_ssize(i));
    if (!k) return -1;
    return map_of(s)->mp_ass_subscript(s, k.get(), v);
  }
  if (m && m->sq_ass_item) {
    if (!adjust_index(s, &i)) return -1;
    return m->sq_ass_item(s, i, v);
  }
  if (map_of(s) && map_of(s)->mp_ass_subscript) {
    set_errorf(&exc_TypeError, "{} is not a sequence", type_name(s));
    return -1;
  }
  if (v) {
    set_errorf(&exc_TypeError, "'{}' object does not support item assignment", type_name(s));
  } else {
    set_errorf(&exc_TypeError, "'{}' object doesn't support item deletion", type_name(s));
  }
  return -1;
}

int PySequence_SetItem(PyObject* s, Py_ssize_t i, PyObject* v) {
  if (!v) {
    null_error();
    return -1;
  }
  return seq_ass_item(s, i, v);
}

int PySequence_DelItem(PyObject* s, Py_ssize_t i) { return seq_ass_item(s, i, nullptr); }

static int seq_ass_slice(PyObject* s, Py_ssize_t i1, Py_ssize_t i2, PyObject* v) {
  if (!s) {
    null_error();
    return -1;
  }
  if (map_of(s) && map_of(s)->mp_ass_subscript) {
    ORef sl = steal(slice_of(i1, i2));
    if (!sl) return -1;
    return map_of(s)->mp_ass_subscript(s, sl.get(), v);
  }
  if (v) {
    set_errorf(&exc_TypeError, "'{}' object doesn't support slice assignment", type_name(s));
  } else {
    set_errorf(&exc_TypeError, "'{}' object doesn't support slice deletion", type_name(s));
  }
  return -1;
}

int PySequence_SetSlice(PyObject* s, Py_ssize_t i1, Py_ssize_t i2, PyObject* v) { return seq_ass_slice(s, i1, i2, v); }

int PySequence_DelSlice(PyObject* s, Py_ssize_t i1, Py_ssize_t i2) { return seq_ass_slice(s, i1, i2, nullptr); }

PyObject* PySequence_Tuple(PyObject* o) {
  if (!o) return null_error();
  if (type_check_exact(o, &tuple_type)) return Py_NewRef(o);
  return sequence_tuple(o);
}

PyObject* PySequence_List(PyObject* o) {
  if (!o) return null_error();
  return sequence_list(o);
}

PyObject* PySequence_Fast(PyObject* o, const char* m) {
  if (!o) return null_error();
  if (type_check_exact(o, &list_type) || type_check_exact(o, &tuple_type)) return Py_NewRef(o);
  ORef it = steal(get_iter(o));
  if (!it) {
    if (error_matches(&exc_TypeError)) {
      error_clear();
      set_error(&exc_TypeError, m);
    }
    return nullptr;
  }
  return sequence_list(it.get());
}

Py_ssize_t PySequence_Count(PyObject* s, PyObject* value) {
  if (!s || !value) {
    null_error();
    return -1;
  }
  ORef it = steal(get_iter(s));
  if (!it) return -1;
  Py_ssize_t n = 0;
  for (;;) {
    ORef item = steal(iter_next(it.get()));
    if (!item) return error_occurred() ? -1 : n;
    int c = rich_compare_bool(item.get(), value, Py_EQ);
    if (c < 0) return -1;
    if (c) {
      if (n == PY_SSIZE_T_MAX) {
        set_error(&exc_OverflowError, "count exceeds C integer size");
        return -1;
      }
      n++;
    }
  }
}

int PySequence_Contains(PyObject* seq, PyObject* ob) { return sequence_contains(seq, ob); }

#undef PySequence_In
int PySequence_In(PyObject* o, PyObject* value) { return sequence_contains(o, value); }

Py_ssize_t PySequence_Index(PyObject* s, PyObject* value) {
  if (!s || !value) {
    null_error();
    return -1;
  }
  ORef it = steal(get_iter(s));
  if (!it) return -1;
  for (Py_ssize_t i = 0;; i++) {
    ORef item = steal(iter_next(it.get()));
    if (!item) {
      if (!error_occurred()) set_error(&exc_ValueError, "sequence.index(x): x not in sequence");
      return -1;
    }
    int c = rich_compare_bool(item.get(), value, Py_EQ);
    if (c < 0) return -1;
    if (c) return i;
  }
}

// ---- mappings ----

int PyMapping_Check(PyObject* o) { return o && map_of(o) && map_of(o)->mp_subscript ? 1 : 0; }

Py_ssize_t PyMapping_Size(PyObject* o) {
  if (!o) {
    null_error();
    return -1;
  }
  if (map_of(o) && map_of(o)->mp_length) return map_of(o)->mp_length(o);
  if (seq_of(o) && seq_of(o)->sq_length) {
    set_errorf(&exc_TypeError, "{} is not a mapping", type_name(o));
    return -1;
  }
  set_errorf(&exc_TypeError, "object of type '{}' has no len()", type_name(o));
  return -1;
}

#undef PyMapping_Length
Py_ssize_t PyMapping_Length(PyObject* o) { return PyMapping_Size(o); }

PyObject* PyMapping_Keys(PyObject* o) { return method_as_list(o, "keys"); }
PyObject* PyMapping_Values(PyObject* o) { return method_as_list(o, "values"); }
PyObject* PyMapping_Items(PyObject* o) { return method_as_list(o, "items"); }

PyObject* PyMapping_GetItemString(PyObject* o, const char* key) {
  if (!o || !key) return null_error();
  ORef k = steal(str_key(key));
  if (!k) return nullptr;
  return get_item(o, k.get());
}

int PyMapping_GetOptionalItem(PyObject* o, PyObject* key, PyObject** result) {
  if (type_check_exact(o, &dict_type)) {
    *result = nullptr;
    return dict_get(o, key, result);
  }
  *result = get_item(o, key);
  if (*result) return 1;
  if (!error_matches(&exc_KeyError)) return -1;
  error_clear();
  return 0;
}

int PyMapping_GetOptionalItemString(PyObject* o, const char* key, PyObject** result) {
  *result = nullptr;
  if (!key) {
    null_error();
    return -1;
  }
  ORef k = steal(str_key(key));
  if (!k) return -1;
  return PyMapping_GetOptionalItem(o, k.get(), result);
}

int PyMapping_SetItemString(PyObject* o, const char* key, PyObject* v) {
  if (!o || !key || !v) {
    null_error();
    return -1;
  }
  ORef k = steal(str_key(key));
  if (!k) return -1;
  return set_item(o, k.get(), v);
}

int PyMapping_HasKeyWithError(PyObject* o, PyObject* key) {
  PyObject* r = nullptr;
  int x = PyMapping_GetOptionalItem(o, key, &r);
  Py_XDECREF(r);
  return x;
}

int PyMapping_HasKeyStringWithError(PyObject* o, const char* key) {
  PyObject* r = nullptr;
  int x = PyMapping_GetOptionalItemString(o, key, &r);
  Py_XDECREF(r);
  return x;
}

// 3.13: errors are reported as unraisable and the answer is 0.
int PyMapping_HasKey(PyObject* o, PyObject* key) {
  int r = PyMapping_HasKeyWithError(o, key);
  if (r < 0) {
    write_unraisable_msg(
        "Exception ignored in PyMapping_HasKey(); consider using PyMapping_HasKeyWithError(), "
        "PyMapping_GetOptionalItem() or PyObject_GetItem()",
        nullptr);
    return 0;
  }
  return r;
}

int PyMapping_HasKeyString(PyObject* o, const char* key) {
  int r = PyMapping_HasKeyStringWithError(o, key);
  if (r < 0) {
    write_unraisable_msg(
        "Exception ignored in PyMapping_HasKeyString(); consider using PyMapping_HasKeyStringWithError(), "
        "PyMapping_GetOptionalItemString() or PyMapping_GetItemString()",
        nullptr);
    return 0;
  }
  return r;
}

}  // extern "C"
