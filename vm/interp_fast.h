// The interpreter's arithmetic fast paths (BINARY_OP, COMPARE_OP) on exact ints of one digit and exact floats.
// Each returns the result (new reference), or null with an error set; operand types it does not cover go through
// the generic protocol (binary_op, rich_compare) with the same results.
#pragma once

#include <cstdint>

#include "objects/abstract.h"
#include "objects/types.h"
#include "objects/float.h"
#include "objects/int.h"
#include "vm/opcodes.h"

namespace pyvm {

[[gnu::always_inline]] inline Object* binary_op_fast(Object* a, Object* b, int oparg) {
  int op = oparg >= NB_INPLACE_ADD ? oparg - NB_INPLACE_ADD : oparg;
  if (type_of(a) == &int_type && type_of(b) == &int_type && int_is_compact(a) && int_is_compact(b)) {
    // One 30-bit digit each: sums, products and bit operations fit in 64 bits, quotients in 32.
    ssize x = int_compact_value(a), y = int_compact_value(b);
    switch (op) {
      case NB_ADD: return int_from_i64(x + y);
      case NB_SUBTRACT: return int_from_i64(x - y);
      case NB_MULTIPLY: return int_from_i64(x * y);
      case NB_AND: return int_from_i64(x & y);
      case NB_OR: return int_from_i64(x | y);
      case NB_XOR: return int_from_i64(x ^ y);
      case NB_FLOOR_DIVIDE:
      case NB_REMAINDER: {
        if (y == 0) break;  // ZeroDivisionError, worded by the generic path
        // 32-bit division: much cheaper than 64-bit on most x86 cores, and exact here (|x|, |y| < 2**30).
        int32_t xi = int32_t(x), yi = int32_t(y);
        int32_t q = xi / yi, m = xi % yi;
        if (m != 0 && ((m < 0) != (yi < 0))) {  // Python's division floors: the remainder takes the divisor's sign
          q -= 1;
          m += yi;
        }
        return int_from_i64(op == NB_FLOOR_DIVIDE ? q : m);
      }
      default: break;
    }
  } else if (type_of(a) == &float_type && type_of(b) == &float_type) {
    double x = float_value(a), y = float_value(b);
    switch (op) {
      case NB_ADD: return float_from_double(x + y);
      case NB_SUBTRACT: return float_from_double(x - y);
      case NB_MULTIPLY: return float_from_double(x * y);
      case NB_TRUE_DIVIDE:
        if (y != 0.0) return float_from_double(x / y);
        break;
      default: break;
    }
  }
  return binary_op(a, b, oparg);
}

// COMPARE_OP: `oparg` as the instruction has it (the comparison in its top bits, bit 4: convert to bool).
[[gnu::always_inline]] inline Object* compare_op_fast(Object* a, Object* b, int oparg) {
  int op = oparg >> 5;
  if (type_of(a) == &int_type && type_of(b) == &int_type && int_is_compact(a) && int_is_compact(b)) {
    ssize x = int_compact_value(a), y = int_compact_value(b);
    bool res = op == Py_LT ? x < y : op == Py_LE ? x <= y : op == Py_EQ ? x == y : op == Py_NE ? x != y
             : op == Py_GT ? x > y : x >= y;
    return bool_obj(res);
  }
  if (type_of(a) == &float_type && type_of(b) == &float_type) {
    double x = float_value(a), y = float_value(b);  // NaN compares unequal to everything, as IEEE says
    bool res = op == Py_LT ? x < y : op == Py_LE ? x <= y : op == Py_EQ ? x == y : op == Py_NE ? x != y
             : op == Py_GT ? x > y : x >= y;
    return bool_obj(res);
  }
  Object* r = rich_compare(a, b, op);
  if (r && (oparg & 16) && type_of(r) != &bool_type) {
    int t = object_is_true(r);
    decref(r);
    r = t < 0 ? nullptr : bool_obj(t);
  }
  return r;
}

}  // namespace pyvm
