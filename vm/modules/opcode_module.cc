// The _opcode module: opcode facts for opcode.py and dis.py (stack effects, operand kinds, intrinsic and
// BINARY_OP operand names), answered as CPython 3.13 answers them. The opcodes pyvm executes come from
// vm/opcodes.def; the ones it never sees in a .pyc (specialized, instrumented, pseudo-ops) from vm/opcodes_extra.def.
//
// Thread-safety: every table is immutable after static initialisation; the functions keep no state.
#include <climits>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/modules/modules.h"
#include "vm/opcodes.h"

namespace pyvm {
namespace {

constexpr int kNoEffect = INT_MIN;  // CPython's stack_effect rejects the opcode
constexpr int kMaxOpcode = 512;     // CPython's metadata table size: larger numbers are never valid

enum : uint8_t { kValid = 1, kArg = 2, kConst = 4, kName = 8, kJump = 16, kFree = 32, kLocal = 64, kExc = 128 };

// Flags of every opcode number CPython 3.13 knows, derived from opcodes.def and opcodes_extra.def.
const uint8_t* opcode_flags() {
  static const uint8_t* table = [] {
    static uint8_t t[kMaxOpcode] = {};
#define PYVM_OP(name, num, cache, arg, jump, pops, pushes) \
  t[num] = uint8_t(kValid | (arg ? kArg : 0) | (jump ? kJump : 0));
#include "vm/opcodes.def"
#undef PYVM_OP
#define PYVM_OP_OPERAND(name, kinds) t[name] |= uint8_t(kinds);
#define PYVM_OP_EXTRA(name, num, has_arg, flags, effect) t[num] = uint8_t(kValid | (has_arg ? kArg : 0) | (flags));
#include "vm/opcodes_extra.def"
    return t;
  }();
  return table;
}

bool has_flag(int op, uint8_t flag) { return op >= 0 && op < kMaxOpcode && (opcode_flags()[op] & flag); }

// The net stack effect as CPython's compiler computes it; kNoEffect for invalid opcodes or opargs.
int stack_effect_of(int op, int oparg, bool jump) {
  if (op >= 0 && op < 256 && kOpcodeTable[op].name) {
    int pops = opcode_pops(op, oparg), pushes = opcode_pushes(op, oparg);
    if (pops < 0 || pushes < 0) return kNoEffect;
    return pushes - pops;
  }
  switch (op) {
#define PYVM_OP_EXTRA(name, num, has_arg, flags, effect) \
  case num:                                              \
    return (effect);
#include "vm/opcodes_extra.def"
    default:
      return kNoEffect;
  }
}

// An int argument converted like CPython's `int` clinic converter.
bool c_int_arg(Object* o, int* out) {
  if (type_check(o, &float_type)) {
    set_error(&exc_TypeError, "'float' object cannot be interpreted as an integer");
    return false;
  }
  ORef i = steal(number_index(o));
  if (!i) return false;
  ssize v = number_as_ssize(i.get(), nullptr);  // clamps
  if (v > INT_MAX || v < INT_MIN) {
    set_error(&exc_OverflowError, "Python int too large to convert to C int");
    return false;
  }
  *out = int(v);
  return true;
}

Object* stack_effect(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* v[3] = {};
  if (!parse_args("stack_effect", args, nargs, kwnames, {"opcode", "/oparg", "$jump"}, 1, v)) return nullptr;
  int op;
  if (!c_int_arg(v[0], &op)) return nullptr;
  int oparg = 0;
  if (v[1] && v[1] != none()) {
    // PyLong_AsLong, then a cast to int, as CPython does: large values wrap and are then rejected as negative.
    if (type_check(v[1], &float_type)) {
      return set_error(&exc_TypeError, "'float' object cannot be interpreted as an integer");
    }
    ORef i = steal(number_index(v[1]));
    if (!i) return nullptr;
    ssize big = int_as_ssize(i.get());
    if (big == -1 && error_occurred()) {
      error_clear();
      return set_error(&exc_OverflowError, "Python int too large to convert to C long");
    }
    oparg = int(uint32_t(uint64_t(big)));
  }
  bool jump = true;  // None: the larger of the two effects, which CPython's pseudo-ops take when jumping
  if (v[2] && v[2] != none()) {
    if (v[2] == bool_obj(true)) {
      jump = true;
    } else if (v[2] == bool_obj(false)) {
      jump = false;
    } else {
      return set_error(&exc_ValueError, "stack_effect: jump must be False, True or None");
    }
  }
  int effect = stack_effect_of(op, oparg, jump);
  if (effect == kNoEffect) return set_error(&exc_ValueError, "invalid opcode or oparg");
  return int_from_ssize(effect);
}

// is_valid / has_arg / has_const ...: one opcode argument, a bool result.
template <uint8_t kFlag>
Object* flag_query(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  static const char* const kNames[] = {"is_valid", "has_arg",  "has_const", "has_name",
                                       "has_jump", "has_free", "has_local", "has_exc"};
  Object* v[1] = {};
  if (!parse_args(kNames[__builtin_ctz(kFlag)], args, nargs, kwnames, {"opcode"}, 1, v)) return nullptr;
  int op;
  if (!c_int_arg(v[0], &op)) return nullptr;
  // Every flag implies validity (CPython checks is_valid first).
  return newref(bool_obj(has_flag(op, kValid) && has_flag(op, kFlag)));
}

Object* names_list(std::initializer_list<const char*> names) {
  ORef list = steal(list_new(0));
  if (!list) return nullptr;
  for (const char* n : names) {
    ORef s = steal(str_from_utf8(n));
    if (!s || list_append(list.get(), s.get()) < 0) return nullptr;
  }
  return list.release();
}

Object* get_intrinsic1_descs(Object*, Object*) {
  return names_list({
#define PYVM_INTRINSIC1(name) #name,
#include "vm/opcodes_extra.def"
  });
}

Object* get_intrinsic2_descs(Object*, Object*) {
  return names_list({
#define PYVM_INTRINSIC2(name) #name,
#include "vm/opcodes_extra.def"
  });
}

Object* get_nb_ops(Object*, Object*) {
  struct NbOp {
    const char* name;
    const char* symbol;
  };
  static const NbOp kOps[] = {
#define PYVM_NB_OP(name, symbol) {#name, symbol},
#include "vm/opcodes_extra.def"
  };
  ORef list = steal(list_new(0));
  if (!list) return nullptr;
  for (const NbOp& op : kOps) {
    ORef name = steal(str_from_utf8(op.name));
    if (!name) return nullptr;
    ORef symbol = steal(str_from_utf8(op.symbol));
    if (!symbol) return nullptr;
    ORef pair = steal(tuple_pack({name.get(), symbol.get()}));
    if (!pair || list_append(list.get(), pair.get()) < 0) return nullptr;
  }
  return list.release();
}

// pyvm keeps no specialization statistics (CPython returns None too unless built with them).
Object* get_specialization_stats(Object*, Object*) { return newref(none()); }

// pyvm has no tier-2 executors: the same answer as a CPython build without them.
Object* get_executor(Object*, Object* const* args, ssize nargs, Object* kwnames) {
  Object* v[2] = {};
  if (!parse_args("get_executor", args, nargs, kwnames, {"code", "offset"}, 2, v)) return nullptr;
  if (!type_check(v[0], &code_type))
    return set_errorf(&exc_TypeError, "expected a code object, not '{}'", type_name(v[0]));
  int offset;
  if (!c_int_arg(v[1], &offset)) return nullptr;
  return set_error(&exc_RuntimeError, "Executors are not available in this build");
}

#define FAST(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(f))
PyMethodDef opcode_methods[] = {
    {"stack_effect", FAST(stack_effect), METH_FASTCALL | METH_KEYWORDS, "Compute the stack effect of the opcode."},
    {"is_valid", FAST(flag_query<kValid>), METH_FASTCALL | METH_KEYWORDS,
     "Return True if opcode is valid, False otherwise."},
    {"has_arg", FAST(flag_query<kArg>), METH_FASTCALL | METH_KEYWORDS,
     "Return True if the opcode uses its oparg, False otherwise."},
    {"has_const", FAST(flag_query<kConst>), METH_FASTCALL | METH_KEYWORDS,
     "Return True if the opcode accesses a constant, False otherwise."},
    {"has_name", FAST(flag_query<kName>), METH_FASTCALL | METH_KEYWORDS,
     "Return True if the opcode accesses an attribute by name, False otherwise."},
    {"has_jump", FAST(flag_query<kJump>), METH_FASTCALL | METH_KEYWORDS,
     "Return True if the opcode has a jump target, False otherwise."},
    {"has_free", FAST(flag_query<kFree>), METH_FASTCALL | METH_KEYWORDS,
     "Return True if the opcode accesses a free variable, False otherwise."},
    {"has_local", FAST(flag_query<kLocal>), METH_FASTCALL | METH_KEYWORDS,
     "Return True if the opcode accesses a local variable, False otherwise."},
    {"has_exc", FAST(flag_query<kExc>), METH_FASTCALL | METH_KEYWORDS,
     "Return True if the opcode sets an exception handler, False otherwise."},
    {"get_specialization_stats", get_specialization_stats, METH_NOARGS, "Return the specialization stats"},
    {"get_intrinsic1_descs", get_intrinsic1_descs, METH_NOARGS, "Return a list of names of the unary intrinsics."},
    {"get_intrinsic2_descs", get_intrinsic2_descs, METH_NOARGS, "Return a list of names of the binary intrinsics."},
    {"get_nb_ops", get_nb_ops, METH_NOARGS, "Return array of symbols of binary ops."},
    {"get_executor", FAST(get_executor), METH_FASTCALL | METH_KEYWORDS,
     "Return the executor object at offset in code if exists, None otherwise."},
    {nullptr, nullptr, 0, nullptr},
};
#undef FAST

}  // namespace

Object* create_opcode_module() {
  ORef m = steal(module_new(str_interned("_opcode")));
  if (!m || module_add_functions(m.get(), opcode_methods) < 0) return nullptr;
  ORef doc = steal(str_from_utf8("Opcode support module."));
  if (!doc || set_attr_str(m.get(), "__doc__", doc.get()) < 0) return nullptr;
  // CPython sets 1: its interpreter specializes instructions in place. pyvm never does, so tests that need
  // specialization (test.support.requires_specialization) are skipped rather than failing.
  ORef zero = steal(int_from_ssize(0));
  if (!zero || set_attr_str(m.get(), "ENABLE_SPECIALIZATION", zero.get()) < 0) return nullptr;
  return m.release();
}

}  // namespace pyvm
