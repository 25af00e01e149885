// The bytecode interpreter: computed-goto dispatch over CPython 3.13 bytecode, exception-table unwinding.
#include "vm/interp.h"
#include "vm/import.h"
#include "vm/interp_support.h"

#include <alloca.h>
#include <cstring>
#include <vector>

#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exception_group.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/range.h"
#include "objects/set.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "objects/stack_guard.h"
#include "vm/attr_cache.h"
#include "vm/global_cache.h"
#include "vm/instrument.h"
#include "vm/interp_fast.h"
#include "vm/opcodes.h"
#include "vm/sync/mutex.h"
#include "vm/sysmodule.h"

namespace pyvm {

Object* g_builtins = nullptr;
int g_recursion_limit = 1000;

// ---- the loop ----

// Keep one indirect jump per opcode: GCC's cross-jumping would merge every DISPATCH into a single shared jump,
// which defeats the branch predictor that computed goto is for.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-crossjumping", "no-gcse")
#endif

// Code that CALL does not run in place: generators and coroutines (their frames move to the heap when they start).
constexpr int kNotInPlace = kCoGenerator | kCoCoroutine | kCoIterableCoroutine | kCoAsyncGenerator;

// Inline cache entries per opcode, as constants (SKIP_CACHE/FUSED_SKIP).
enum : int {
#define PYVM_OP(name, num, cache, arg, jump, pops, pushes) kCache_##name = cache,
#include "vm/opcodes.def"
#undef PYVM_OP
};

Object* eval_frame(Frame* f, bool throwing) {
  ThreadState& ts = thread_state();
  f->previous = ts.frame;
  ts.frame = f;
  CodeObject* co = f->code;
  const uint16_t* instrs = co->instrs;
  Object** localsplus = f->localsplus;
  Object** stack_base = localsplus + co->nlocalsplus;
  Object** sp = stack_base + f->stack_depth;
  Object* consts_arr = co->consts;
  Object* names = co->names;
  // The next code unit to decode, and the instruction being executed: pointers, kept in registers; this_instr is
  // stored to f->instr_ptr only where something reads it: unwinding, tracebacks, calls and suspension.
  const uint16_t* next_instr = instrs + f->next_index;
  const uint16_t* this_instr = f->instr_ptr ? f->instr_ptr : instrs;
  int oparg = 0;
  Object* retval = nullptr;
  int in_place = 0;  // frames above `f`'s first that CALL runs in this activation (see do_return)
  Frame* new_frame = nullptr;  // CALL/CALL_KW -> enter_in_place: the callee's frame, its locals bound

#define PUSH(v) (*sp++ = (v))
#define POP() (*--sp)
#define TOP() (sp[-1])
#define PEEK(n) (sp[-(n)])
#define SET_TOP(v) (sp[-1] = (v))
#define GETLOCAL(i) (localsplus[i])
#define CONST(i) (tuple_get(consts_arr, i))
#define NAME(i) (tuple_get(names, i))
// Each handler skips its own instruction's inline cache entries: a constant per opcode (kCache_<name>).
#define SKIP_CACHE(op) (next_instr += kCache_##op)
#define JUMPBY(n) (next_instr += (n))

  static void* dispatch_table[256];
  // Every entry goes to L_traced, which reports the instruction's events and continues at its handler.
  static void* traced_table[256];
  static bool table_ready = false;
  if (!table_ready) {
    for (auto& e : dispatch_table) e = &&L_unknown;
    for (auto& e : traced_table) e = &&L_traced;
#define PYVM_OP(name, num, cache, arg, jump, pops, pushes) dispatch_table[num] = &&L_##name;
#include "vm/opcodes.def"
#undef PYVM_OP
    table_ready = true;  // idempotent: every thread writes the same values
  }
  // The dispatch table: the traced one while this thread has a hook (vm/instrument.h). Re-read after each
  // eval-breaker check; `tr` is the frame's tracing state, set up only when the traced table is in use.
  void* const* table = dispatch_table;
  instrument::FrameTrace tr;
  if (instrument::thread_active(ts)) [[unlikely]] {
    tr.start(f);
    table = traced_table;
  }
#define REFRESH_TABLE()                                                                              \
  do {                                                                                               \
    if (bool on_ = instrument::thread_active(ts); on_ != (table == traced_table)) {                  \
      on_ ? tr.start(f) : tr.finish();                                                               \
      table = on_ ? traced_table : dispatch_table;                                                   \
    }                                                                                                \
  } while (0)
// The eval-breaker check of RESUME, backward jumps and calls; the hooks may have changed while it ran.
#define CHECK_BREAKER()                                          \
  do {                                                           \
    if (alloc::pending_breaker()) [[unlikely]] {                 \
      if (handle_eval_breaker() < 0) goto error;                 \
      REFRESH_TABLE();                                           \
    }                                                            \
  } while (0)
#define TRACED() (table == traced_table)
// Whether CALL may run a call of code `nco` in place (enter_in_place): not generators or coroutines, not past the
// recursion limit, and not while a hook is set, so that every traced activation has its own FrameTrace.
#define IN_PLACE_OK(nco) \
  (!((nco)->flags & kNotInPlace) && ts.depth < g_recursion_limit && !instrument::thread_active(ts))

// The opcode is not kept in a variable (handlers know their own; the few shared ones read *this_instr), which keeps
// the dispatch to a load, a shift and an indirect jump.
// A code unit is (opcode, oparg) as two bytes in memory (little-endian, as marshal stores them): two byte loads.
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "code units are read as (opcode byte, oparg byte)");
#define DISPATCH()                                                              \
  do {                                                                          \
    this_instr = next_instr;                                                    \
    const uint8_t* unit_ = reinterpret_cast<const uint8_t*>(next_instr++);      \
    oparg = unit_[1];                                                           \
    goto* table[unit_[0]];                                                      \
  } while (0)
#define TARGET(op) L_##op:
#define NOT_YET(op) \
  TARGET(op) { set_errorf(&exc_SystemError, "pyvm: opcode " #op " is not implemented yet"); goto error; }

  if (throwing) {
    if (TRACED()) [[unlikely]]
      instrument::on_throw(f, &tr);
    goto error;
  }
  DISPATCH();

  TARGET(EXTENDED_ARG) {
    const uint8_t* unit_ = reinterpret_cast<const uint8_t*>(next_instr++);
    oparg = (oparg << 8) | unit_[1];
    goto* dispatch_table[unit_[0]];
  }
  TARGET(NOP) TARGET(CACHE) TARGET(RESUME) {
    if ((*this_instr & 0xff) == RESUME) CHECK_BREAKER();
    DISPATCH();
  }
  TARGET(POP_TOP) {
    decref(POP());
    DISPATCH();
  }
  TARGET(PUSH_NULL) {
    PUSH(nullptr);
    DISPATCH();
  }
  TARGET(END_FOR) {
    decref(POP());
    DISPATCH();
  }
  TARGET(END_SEND) {
    Object* v = POP();
    decref(TOP());
    SET_TOP(v);
    DISPATCH();
  }
  TARGET(COPY) {
    Object* v = PEEK(oparg);
    PUSH(newref(v));
    DISPATCH();
  }
  TARGET(SWAP) {
    Object* t = TOP();
    sp[-1] = PEEK(oparg);
    sp[-oparg] = t;
    DISPATCH();
  }
  TARGET(LOAD_CONST) {
    PUSH(newref(CONST(oparg)));
    DISPATCH();
  }
  TARGET(RETURN_CONST) {
    retval = newref(CONST(oparg));
    goto do_return;
  }
  TARGET(RETURN_VALUE) {
    retval = POP();
    goto do_return;
  }
  // Borrowed operands. A local that another thread owns (a shared object read through a local) would be counted
  // up here and down by the next instruction, two atomic operations on a cache line every core is using. When the
  // next instruction only reads it (an attribute load, a subscript), LOAD_FAST does that read itself on the
  // frame's reference (the local cannot change meanwhile: nothing runs Python code on these paths) and skips it.
  // The *_peek helpers decline (null, no error) whenever the full instruction is needed.
#define FUSED_SKIP(op) (next_instr += 1 + kCache_##op)
#define SHARED_LOCAL(v) (!alloc::is_owned_by_current(v) && !alloc::is_immortal(v))
  TARGET(LOAD_FAST) {
    Object* v = GETLOCAL(oparg);
    if (alloc::is_owned_by_current(v)) [[likely]] {  // the common case, with one ownership test
      alloc::incref_owned(v);
      PUSH(v);
      DISPATCH();
    }
    if (!alloc::is_immortal(v)) [[unlikely]] {
      uint16_t nx = next_instr[0];
      Object* r = nullptr;
      if ((nx & 0xff) == LOAD_ATTR && !(nx & 0x100)) {
        r = attr_peek(v, NAME(nx >> 9));
        if (r) FUSED_SKIP(LOAD_ATTR);
      } else if ((nx & 0xff) == LOAD_CONST && (next_instr[1] & 0xff) == BINARY_SUBSCR) {
        r = subscr_peek(v, CONST(nx >> 8));
        if (r) {
          next_instr++;
          FUSED_SKIP(BINARY_SUBSCR);
        }
      }
      if (r) {
        PUSH(r);
        DISPATCH();
      }
    }
    PUSH(newref(v));
    DISPATCH();
  }
  TARGET(LOAD_FAST_CHECK) {
    Object* v = GETLOCAL(oparg);
    if (!v) {
      unbound_local(co, oparg);
      goto error;
    }
    PUSH(newref(v));
    DISPATCH();
  }
  TARGET(LOAD_FAST_AND_CLEAR) {
    PUSH(GETLOCAL(oparg));
    GETLOCAL(oparg) = nullptr;
    DISPATCH();
  }
  TARGET(LOAD_FAST_LOAD_FAST) {
    Object* a = GETLOCAL(oparg >> 4);
    Object* b = GETLOCAL(oparg & 15);
    uint16_t nx = next_instr[0];
    if ((nx & 0xff) == BINARY_SUBSCR && SHARED_LOCAL(a)) [[unlikely]] {
      if (Object* r = subscr_peek(a, b)) {  // a[b]
        FUSED_SKIP(BINARY_SUBSCR);
        PUSH(r);
        DISPATCH();
      }
    } else if (SHARED_LOCAL(b)) [[unlikely]] {
      Object* r = nullptr;
      if ((nx & 0xff) == LOAD_ATTR && !(nx & 0x100)) {  // a, b.name
        r = attr_peek(b, NAME(nx >> 9));
        if (r) FUSED_SKIP(LOAD_ATTR);
      } else if ((nx & 0xff) == LOAD_FAST && (next_instr[1] & 0xff) == BINARY_SUBSCR) {  // a, b[c]
        r = subscr_peek(b, GETLOCAL(nx >> 8));
        if (r) {
          next_instr++;
          FUSED_SKIP(BINARY_SUBSCR);
        }
      }
      if (r) {
        PUSH(newref(a));
        PUSH(r);
        DISPATCH();
      }
    }
    PUSH(newref(a));
    PUSH(newref(b));
    DISPATCH();
  }
  TARGET(STORE_FAST) {
    set_slot(&GETLOCAL(oparg), POP());
    DISPATCH();
  }
  TARGET(STORE_FAST_LOAD_FAST) {
    set_slot(&GETLOCAL(oparg >> 4), POP());
    PUSH(newref(GETLOCAL(oparg & 15)));
    DISPATCH();
  }
  TARGET(STORE_FAST_STORE_FAST) {
    set_slot(&GETLOCAL(oparg >> 4), POP());
    set_slot(&GETLOCAL(oparg & 15), POP());
    DISPATCH();
  }
  TARGET(DELETE_FAST) {
    f->instr_ptr = this_instr;  // dropping the old value may run a finaliser that reports this line
    if (!GETLOCAL(oparg)) {
      unbound_local(co, oparg);
      goto error;
    }
    set_slot(&GETLOCAL(oparg), nullptr);
    DISPATCH();
  }
  TARGET(MAKE_CELL) {
    Object* cell = cell_new(GETLOCAL(oparg));
    if (!cell) goto error;
    set_slot(&GETLOCAL(oparg), cell);
    DISPATCH();
  }
  TARGET(COPY_FREE_VARS) {
    Object* closure = reinterpret_cast<FunctionObject*>(f->func)->closure;
    if (!closure || !type_check_exact(closure, &tuple_type) || tuple_size(closure) < oparg) {
      set_error(&exc_SystemError, "function closure does not match the code's free variables");
      goto error;
    }
    int offset = co->nlocalsplus - oparg;
    for (int i = 0; i < oparg; i++) localsplus[offset + i] = newref(tuple_get(closure, i));
    DISPATCH();
  }
  TARGET(LOAD_DEREF) {
    // Cells are shared between threads: lock-free read, writers release through QSBR (set_shared_slot).
    Object* v = load_shared_slot(&reinterpret_cast<CellObject*>(GETLOCAL(oparg))->ob_ref);
    if (!v) {
      Object* name = tuple_get(co->localsplusnames, oparg);
      if (oparg < co->nlocalsplus - co->nfreevars) {
        unbound_local(co, oparg);  // a cell of this frame: UnboundLocalError, as for a plain local
      } else {
        set_errorf(&exc_NameError,
                   "cannot access free variable '{}' where it is not associated with a value in enclosing scope",
                   str_view(name));
      }
      goto error;
    }
    PUSH(v);
    DISPATCH();
  }
  TARGET(STORE_DEREF) {
    set_shared_slot(&reinterpret_cast<CellObject*>(GETLOCAL(oparg))->ob_ref, POP());
    DISPATCH();
  }
  TARGET(DELETE_DEREF) {
    f->instr_ptr = this_instr;  // dropping the old value may run a finaliser that reports this line
    auto* c = reinterpret_cast<CellObject*>(GETLOCAL(oparg));
    if (!__atomic_load_n(&c->ob_ref, __ATOMIC_ACQUIRE)) {
      unbound_local(co, oparg);
      goto error;
    }
    set_shared_slot(&c->ob_ref, nullptr);
    DISPATCH();
  }
  TARGET(LOAD_FROM_DICT_OR_DEREF) {
    Object* d = POP();
    Object* name = tuple_get(co->localsplusnames, oparg);
    Object* v = nullptr;
    int r = dict_get(d, name, &v);
    decref(d);
    if (r < 0) goto error;
    if (!r) {
      v = xnewref(reinterpret_cast<CellObject*>(GETLOCAL(oparg))->ob_ref);
      if (!v) {
        if (oparg < co->nlocalsplus - co->nfreevars) {
          unbound_local(co, oparg);
        } else {
          set_errorf(&exc_NameError,
                     "cannot access free variable '{}' where it is not associated with a value in enclosing scope",
                     str_view(name));
        }
        goto error;
      }
    }
    PUSH(v);
    DISPATCH();
  }
  TARGET(LOAD_LOCALS) {
    if (!f->locals) {
      set_error(&exc_SystemError, "no locals found");
      goto error;
    }
    PUSH(newref(f->locals));
    DISPATCH();
  }
  TARGET(LOAD_FROM_DICT_OR_GLOBALS) {
    Object* d = POP();
    Object* name = NAME(oparg);
    Object* v = nullptr;
    int r = dict_get(d, name, &v);
    decref(d);
    if (r < 0) goto error;
    if (!r) {
      v = load_global(f, name);
      if (!v) goto error;
    }
    PUSH(v);
    DISPATCH();
  }
  TARGET(LOAD_GLOBAL) {
    Object* v = global_cache::lookup(co, f, global_cache::site_of(next_instr));
    if (!v) [[unlikely]] {
      v = global_cache::load_and_fill(co, f, global_cache::site_of(next_instr), NAME(oparg >> 1));
      if (!v) goto error;
    }
    SKIP_CACHE(LOAD_GLOBAL);
    PUSH(v);
    if (oparg & 1) PUSH(nullptr);
    DISPATCH();
  }
  TARGET(STORE_GLOBAL) {
    f->instr_ptr = this_instr;  // dropping the old value may run a finaliser that reports this line
    Object* v = POP();
    int r = dict_set(f->globals, NAME(oparg), v);
    decref(v);
    if (r < 0) goto error;
    DISPATCH();
  }
  TARGET(DELETE_GLOBAL) {
    f->instr_ptr = this_instr;  // dropping the old value may run a finaliser that reports this line
    if (dict_del(f->globals, NAME(oparg)) < 0) {
      if (error_matches(&exc_KeyError)) {
        error_clear();
        name_error(NAME(oparg));
      }
      goto error;
    }
    DISPATCH();
  }
  TARGET(LOAD_NAME) {
    Object* v = load_name(f, NAME(oparg));
    if (!v) goto error;
    PUSH(v);
    DISPATCH();
  }
  TARGET(STORE_NAME) {
    f->instr_ptr = this_instr;  // dropping the old value may run a finaliser that reports this line
    Object* v = POP();
    int r = f->locals ? (type_check_exact(f->locals, &dict_type) ? dict_set(f->locals, NAME(oparg), v)
                                                                  : set_item(f->locals, NAME(oparg), v))
                      : (set_error(&exc_SystemError, "no locals"), -1);
    decref(v);
    if (r < 0) goto error;
    DISPATCH();
  }
  TARGET(DELETE_NAME) {
    f->instr_ptr = this_instr;  // dropping the old value may run a finaliser that reports this line
    if (!f->locals || del_item(f->locals, NAME(oparg)) < 0) {
      if (error_matches(&exc_KeyError)) {
        error_clear();
        name_error(NAME(oparg));
      }
      goto error;
    }
    DISPATCH();
  }
  TARGET(LOAD_BUILD_CLASS) {
    Object* v = nullptr;
    int r = namespace_get(f->builtins, strs::build_class, &v);
    if (r <= 0) {
      if (r == 0) set_error(&exc_NameError, "__build_class__ not found");
      goto error;
    }
    PUSH(v);
    DISPATCH();
  }
  TARGET(SETUP_ANNOTATIONS) {
    if (setup_annotations(f) < 0) goto error;
    DISPATCH();
  }
  TARGET(LOAD_ATTR) {
    Object* owner = TOP();
    Object* name = NAME(oparg >> 1);
    unsigned site = attr_cache::site_of(next_instr);
    SKIP_CACHE(LOAD_ATTR);
    bool is_method;
    if (Object* v = attr_cache::lookup(co, site, owner, name, oparg & 1, &is_method)) [[likely]] {
      SET_TOP(v);
      if (is_method) {
        PUSH(owner);  // the reference to owner moves to the self slot
      } else {
        decref(owner);
        if (oparg & 1) PUSH(nullptr);
      }
      DISPATCH();
    }
    Object* self = nullptr;
    Object* v = attr_cache::load_and_fill(co, site, owner, name, oparg & 1, &self);
    if (!v) goto error;
    decref(owner);
    SET_TOP(v);
    if (oparg & 1) PUSH(self);
    DISPATCH();
  }
  TARGET(LOAD_SUPER_ATTR) {
    Object* self = POP();
    Object* cls = POP();
    Object* gsuper = POP();
    Object* name = NAME(oparg >> 2);
    SKIP_CACHE(LOAD_SUPER_ATTR);
    bool unbound = false;
    Object* result = load_super_attr(gsuper, cls, self, name, oparg, &unbound);  // consumes gsuper and cls
    if (!result) {
      decref(self);
      goto error;
    }
    PUSH(result);
    if (oparg & 1) {
      if (unbound) {
        PUSH(self);
      } else {
        PUSH(nullptr);
        decref(self);
      }
    } else {
      decref(self);
    }
    DISPATCH();
  }
  TARGET(STORE_ATTR) {
    Object* owner = POP();
    Object* v = POP();
    unsigned site = attr_cache::site_of(next_instr);
    SKIP_CACHE(STORE_ATTR);
    Object* name = NAME(oparg);
    int r = attr_cache::store(co, site, owner, name, v) ? 0 : attr_cache::store_and_fill(co, site, owner, name, v);
    decref(owner);
    decref(v);
    if (r < 0) goto error;
    DISPATCH();
  }
  TARGET(DELETE_ATTR) {
    Object* owner = POP();
    int r = set_attr(owner, NAME(oparg), nullptr);
    decref(owner);
    if (r < 0) goto error;
    DISPATCH();
  }
  TARGET(BINARY_OP) {
    Object* b = POP();
    Object* a = TOP();
    SKIP_CACHE(BINARY_OP);
    Object* r = binary_op_fast(a, b, oparg);
    decref(a);
    decref(b);
    if (!r) {
      sp--;
      goto error;
    }
    SET_TOP(r);
    DISPATCH();
  }
  TARGET(COMPARE_OP) {
    Object* b = POP();
    Object* a = TOP();
    SKIP_CACHE(COMPARE_OP);
    Object* r = compare_op_fast(a, b, oparg);
    decref(a);
    decref(b);
    if (!r) {
      sp--;
      goto error;
    }
    SET_TOP(r);
    DISPATCH();
  }
  TARGET(IS_OP) {
    Object* b = POP();
    Object* a = TOP();
    bool res = (a == b) ^ (oparg != 0);
    decref(a);
    decref(b);
    SET_TOP(bool_obj(res));
    DISPATCH();
  }
  TARGET(CONTAINS_OP) {
    Object* container = POP();
    Object* item = TOP();
    SKIP_CACHE(CONTAINS_OP);
    int r = sequence_contains(container, item);
    decref(container);
    decref(item);
    if (r < 0) {
      sp--;
      goto error;
    }
    SET_TOP(bool_obj(r ^ (oparg != 0)));
    DISPATCH();
  }
  TARGET(TO_BOOL) {
    SKIP_CACHE(TO_BOOL);
    Object* v = TOP();
    if (type_of(v) != &bool_type) {
      int t = object_is_true(v);
      if (t < 0) goto error;
      decref(v);
      SET_TOP(bool_obj(t));
    }
    DISPATCH();
  }
  TARGET(UNARY_NOT) {
    Object* v = TOP();
    int t = object_is_true(v);
    if (t < 0) goto error;
    decref(v);
    SET_TOP(bool_obj(!t));
    DISPATCH();
  }
  TARGET(UNARY_NEGATIVE) {
    Object* r = number_negative(TOP());
    if (!r) goto error;
    decref(TOP());
    SET_TOP(r);
    DISPATCH();
  }
  TARGET(UNARY_INVERT) {
    Object* r = number_invert(TOP());
    if (!r) goto error;
    decref(TOP());
    SET_TOP(r);
    DISPATCH();
  }
  TARGET(BINARY_SUBSCR) {
    Object* sub = POP();
    Object* container = TOP();
    SKIP_CACHE(BINARY_SUBSCR);
    Object* r;
    if (type_of(sub) == &int_type && int_is_compact(sub) &&
        (type_of(container) == &list_type || type_of(container) == &tuple_type)) {
      // Fast path: exact list/tuple with a small int index (negative indices count from the end).
      ssize i = int_compact_value(sub);
      if (type_of(container) == &tuple_type) {
        ssize n = tuple_size(container);
        if (i < 0) i += n;
        r = (i >= 0 && i < n) ? newref(tuple_get(container, i)) : set_error(&exc_IndexError, "tuple index out of range");
      } else {
        if (i < 0) i += list_size(container);  // list_get re-checks the bound under the list's lock
        r = list_get(container, i);
      }
    } else {
      r = get_item(container, sub);
    }
    decref(sub);
    if (!r) goto error;
    decref(container);
    SET_TOP(r);
    DISPATCH();
  }
  TARGET(STORE_SUBSCR) {
    Object* sub = POP();
    Object* container = POP();
    Object* v = POP();
    SKIP_CACHE(STORE_SUBSCR);
    int r;
    if (type_of(container) == &list_type && type_of(sub) == &int_type && int_is_compact(sub)) {
      ssize i = int_compact_value(sub);
      if (i < 0) i += list_size(container);
      r = list_set_item(container, i, newref(v));  // steals the new reference
    } else {
      r = set_item(container, sub, v);
    }
    decref(sub);
    decref(container);
    decref(v);
    if (r < 0) goto error;
    DISPATCH();
  }
  TARGET(DELETE_SUBSCR) {
    Object* sub = POP();
    Object* container = POP();
    int r = del_item(container, sub);
    decref(sub);
    decref(container);
    if (r < 0) goto error;
    DISPATCH();
  }
  TARGET(BINARY_SLICE) {
    {  // RAII locals end before the indirect jump
      Object* stop = POP();
      Object* start = POP();
      Object* container = TOP();
      ORef slice = steal(slice_new(start, stop, nullptr));
      decref(start);
      decref(stop);
      if (!slice) goto error;
      Object* r = get_item(container, slice.get());
      if (!r) goto error;
      decref(container);
      SET_TOP(r);
    }
    DISPATCH();
  }
  TARGET(STORE_SLICE) {
    {  // RAII locals end before the indirect jump
      Object* stop = POP();
      Object* start = POP();
      Object* container = POP();
      Object* v = POP();
      ORef slice = steal(slice_new(start, stop, nullptr));
      decref(start);
      decref(stop);
      int r = slice ? set_item(container, slice.get(), v) : -1;
      decref(container);
      decref(v);
      if (r < 0) goto error;
    }
    DISPATCH();
  }
  TARGET(BUILD_SLICE) {
    Object* step = oparg == 3 ? POP() : nullptr;
    Object* stop = POP();
    Object* start = POP();
    Object* s = slice_new(start, stop, step);
    decref(start);
    decref(stop);
    xdecref(step);
    if (!s) goto error;
    PUSH(s);
    DISPATCH();
  }
  TARGET(BUILD_TUPLE) {
    Object* t = tuple_new(oparg);
    if (!t) goto error;
    for (int i = oparg - 1; i >= 0; i--) tuple_set(t, i, POP());
    PUSH(t);
    DISPATCH();
  }
  TARGET(BUILD_LIST) {
    Object* l = list_new(oparg);
    if (!l) goto error;
    for (int i = oparg - 1; i >= 0; i--) list_items(l)[i] = POP();
    PUSH(l);
    DISPATCH();
  }
  TARGET(BUILD_SET) {
    {  // RAII locals end before the indirect jump
      ORef s = steal(set_new(nullptr));
      if (!s) goto error;
      int err = 0;
      for (int i = oparg; i >= 1; i--)
        if (!err && set_add(s.get(), PEEK(i)) < 0) err = 1;
      for (int i = 0; i < oparg; i++) decref(POP());
      if (err) goto error;
      PUSH(s.release());
    }
    DISPATCH();
  }
  TARGET(BUILD_MAP) {
    {  // RAII locals end before the indirect jump
      ORef d = steal(dict_new());
      if (!d) goto error;
      int err = 0;
      for (int i = oparg; i >= 1; i--)
        if (!err && dict_set(d.get(), PEEK(2 * i), PEEK(2 * i - 1)) < 0) err = 1;
      for (int i = 0; i < 2 * oparg; i++) decref(POP());
      if (err) goto error;
      PUSH(d.release());
    }
    DISPATCH();
  }
  TARGET(BUILD_CONST_KEY_MAP) {
    {  // RAII locals end before the indirect jump
      Object* keys = POP();
      ORef d = steal(dict_new());
      int err = !d;
      for (int i = 0; i < oparg && !err; i++)
        if (dict_set(d.get(), tuple_get(keys, i), PEEK(oparg - i)) < 0) err = 1;
      decref(keys);
      for (int i = 0; i < oparg; i++) decref(POP());
      if (err) goto error;
      PUSH(d.release());
    }
    DISPATCH();
  }
  TARGET(BUILD_STRING) {
    Object* s = build_string(sp - oparg, oparg);
    for (int i = 0; i < oparg; i++) decref(POP());
    if (!s) goto error;
    PUSH(s);
    DISPATCH();
  }
  TARGET(LIST_APPEND) {
    Object* v = POP();
    int r = list_append(PEEK(oparg), v);
    decref(v);
    if (r < 0) goto error;
    DISPATCH();
  }
  TARGET(SET_ADD) {
    Object* v = POP();
    int r = set_add(PEEK(oparg), v);
    decref(v);
    if (r < 0) goto error;
    DISPATCH();
  }
  TARGET(MAP_ADD) {
    Object* v = POP();
    Object* k = POP();
    int r = dict_set(PEEK(oparg), k, v);
    decref(k);
    decref(v);
    if (r < 0) goto error;
    DISPATCH();
  }
  TARGET(LIST_EXTEND) {
    Object* it = POP();
    int r = list_extend(PEEK(oparg), it);
    if (r < 0 && error_matches(&exc_TypeError) && !type_of(it)->tp_iter && !type_of(it)->tp_as_sequence) {
      error_clear();
      set_errorf(&exc_TypeError, "Value after * must be an iterable, not {}", type_name(it));
    }
    decref(it);
    if (r < 0) goto error;
    DISPATCH();
  }
  TARGET(SET_UPDATE) {
    // set.update's own merge (CPython's _PySet_Update): a set or frozenset operand is copied table order first,
    // which decides the iteration order of a set display whose constants were folded into a frozenset.
    Object* it = POP();
    int r = set_update(PEEK(oparg), it);
    decref(it);
    if (r < 0) goto error;
    DISPATCH();
  }
  TARGET(DICT_UPDATE) {
    Object* u = POP();
    int r = dict_merge_ex(PEEK(oparg), u, 1);  // PyDict_Update: a mapping (keys()), never an iterable of pairs
    if (r < 0 && error_matches(&exc_AttributeError)) {
      error_clear();
      set_errorf(&exc_TypeError, "'{}' object is not a mapping", type_name(u));
    }
    decref(u);
    if (r < 0) goto error;
    DISPATCH();
  }
  TARGET(DICT_MERGE) {
    {
      Object* u = POP();
      Object* d = PEEK(oparg);
      // Duplicate keyword arguments are an error here (mode 2 raises KeyError(key), reworded for the callee).
      int r = dict_merge_ex(d, u, 2);
      if (r < 0) format_kwargs_error(PEEK(oparg + 3), u);
      decref(u);
      if (r < 0) goto error;
    }
    DISPATCH();
  }
  TARGET(UNPACK_SEQUENCE) {
    Object* seq = POP();
    SKIP_CACHE(UNPACK_SEQUENCE);
    if (type_check_exact(seq, &tuple_type) && var_size(seq) == oparg) {
      Object** items = tuple_items(seq);
      for (int i = oparg - 1; i >= 0; i--) PUSH(newref(items[i]));
      decref(seq);
      DISPATCH();
    }
    if (type_check_exact(seq, &list_type)) {
      bool done = false;
      {
        sync::CriticalSection cs(seq);  // another thread may resize the list
        if (var_size(seq) == oparg) {
          Object** items = list_items(seq);
          for (int i = oparg - 1; i >= 0; i--) PUSH(newref(items[i]));
          done = true;
        }
      }
      if (done) {
        decref(seq);
        DISPATCH();
      }
    }
    int r = unpack_iterable(seq, oparg, -1, sp + oparg);
    decref(seq);
    if (r < 0) goto error;
    sp += oparg;
    DISPATCH();
  }
  TARGET(UNPACK_EX) {
    Object* seq = POP();
    int before = oparg & 0xff, after = oparg >> 8;
    int total = before + 1 + after;
    int r = unpack_iterable(seq, before, after, sp + total);
    decref(seq);
    if (r < 0) goto error;
    sp += total;
    DISPATCH();
  }
  TARGET(GET_ITER) {
    Object* it = get_iter(TOP());
    if (!it) goto error;
    decref(TOP());
    SET_TOP(it);
    DISPATCH();
  }
  TARGET(GET_YIELD_FROM_ITER) {
    Object* v = TOP();
    if (type_of(v) == &coroutine_type) {
      if (!(co->flags & (kCoCoroutine | kCoIterableCoroutine))) {
        set_error(&exc_TypeError, "cannot 'yield from' a coroutine object in a non-coroutine generator");
        goto error;
      }
    } else if (type_of(v) != &generator_type) {
      Object* it = get_iter(v);
      if (!it) goto error;
      decref(v);
      SET_TOP(it);
    }
    DISPATCH();
  }
  TARGET(FOR_ITER) {
    Object* it = TOP();
    SKIP_CACHE(FOR_ITER);
    // Loaded once: a class may delete its __next__ while iterating, which clears the slot.
    iternextfunc next_fn = type_of(it)->tp_iternext;
    if (!next_fn) {
      set_errorf(&exc_TypeError, "'{}' object is not an iterator", type_name(it));
      goto error;
    }
    Object* next = next_fn(it);
    if (!next) {
      if (error_occurred()) {
        if (!error_matches(&exc_StopIteration)) goto error;
        error_clear();
      }
      decref(POP());
      JUMPBY(oparg + 2);
      DISPATCH();
    }
    PUSH(next);
    DISPATCH();
  }
  TARGET(JUMP_FORWARD) {
    JUMPBY(oparg);
    DISPATCH();
  }
  TARGET(JUMP_BACKWARD) {
    SKIP_CACHE(JUMP_BACKWARD);
    JUMPBY(-oparg);
    CHECK_BREAKER();
    DISPATCH();
  }
  TARGET(JUMP_BACKWARD_NO_INTERRUPT) {
    JUMPBY(-oparg);
    DISPATCH();
  }
  TARGET(POP_JUMP_IF_FALSE) {
    Object* v = POP();
    SKIP_CACHE(POP_JUMP_IF_FALSE);
    int t = v == false_() ? 0 : v == true_() ? 1 : object_is_true(v);
    decref(v);
    if (t < 0) goto error;
    if (!t) JUMPBY(oparg);
    DISPATCH();
  }
  TARGET(POP_JUMP_IF_TRUE) {
    Object* v = POP();
    SKIP_CACHE(POP_JUMP_IF_TRUE);
    int t = v == false_() ? 0 : v == true_() ? 1 : object_is_true(v);
    decref(v);
    if (t < 0) goto error;
    if (t) JUMPBY(oparg);
    DISPATCH();
  }
  TARGET(POP_JUMP_IF_NONE) {
    Object* v = POP();
    SKIP_CACHE(POP_JUMP_IF_NONE);
    if (v == none()) JUMPBY(oparg);
    decref(v);
    DISPATCH();
  }
  TARGET(POP_JUMP_IF_NOT_NONE) {
    Object* v = POP();
    SKIP_CACHE(POP_JUMP_IF_NOT_NONE);
    if (v != none()) JUMPBY(oparg);
    decref(v);
    DISPATCH();
  }
#include "vm/interp_calls.inc"
  TARGET(CALL_INTRINSIC_1) {
    Object* v = TOP();
    Object* r = call_intrinsic1(oparg, v, co->flags);
    if (!r) goto error;
    decref(v);
    SET_TOP(r);
    DISPATCH();
  }
  TARGET(MAKE_FUNCTION) {
    Object* code = TOP();
    if (type_of(code) != &code_type) {
      set_errorf(&exc_SystemError, "MAKE_FUNCTION expects a code object, not {}", type_name(code));
      goto error;
    }
    Object* fn = make_function(f, code);
    if (!fn) goto error;
    decref(code);
    SET_TOP(fn);
    DISPATCH();
  }
  TARGET(SET_FUNCTION_ATTRIBUTE) {
    Object* fn = POP();
    Object* attr = POP();
    PUSH(fn);
    if (set_function_attribute(fn, oparg, attr) < 0) goto error;
    DISPATCH();
  }
  TARGET(FORMAT_SIMPLE) {
    Object* v = TOP();
    if (!type_check_exact(v, &str_type)) {
      Object* r = format_value(v, nullptr);
      if (!r) goto error;
      decref(v);
      SET_TOP(r);
    }
    DISPATCH();
  }
  TARGET(FORMAT_WITH_SPEC) {
    Object* spec = POP();
    Object* v = TOP();
    Object* r = format_value(v, spec);
    decref(spec);
    if (!r) goto error;
    decref(v);
    SET_TOP(r);
    DISPATCH();
  }
  TARGET(CONVERT_VALUE) {
    Object* v = TOP();
    Object* r = oparg == 1 ? object_str(v) : oparg == 2 ? object_repr(v) : str_ascii(v);
    if (!r) goto error;
    decref(v);
    SET_TOP(r);
    DISPATCH();
  }
  TARGET(RETURN_GENERATOR) {
    retval = return_generator(f, next_instr, sp);
    if (!retval) goto error;
    sp = stack_base;
    goto do_return;
  }
  TARGET(YIELD_VALUE) {
    f->instr_ptr = this_instr;
    if (TRACED()) [[unlikely]] {
      if (instrument::on_leave(f, &tr, TOP(), true) < 0) goto error;
      tr.finish();
    }
    retval = POP();
    f->next_index = int(next_instr - instrs);
    f->stack_depth = int(sp - stack_base);
    ts.frame = f->previous;
    f->previous = nullptr;  // suspended: the caller's frame is about to go away
    return retval;
  }
  TARGET(SEND) {
    Object* v = POP();
    Object* receiver = TOP();
    SKIP_CACHE(SEND);
    Object* r;
    bool returned = false;
    if (type_of(receiver) == &generator_type || type_of(receiver) == &coroutine_type) {
      r = generator_resume(reinterpret_cast<GeneratorObject*>(receiver), v, &returned);
    } else if (iternextfunc send_next = v == none() ? type_of(receiver)->tp_iternext : nullptr) {
      r = send_next(receiver);
      if (!r) {
        if (error_occurred() && !error_matches(&exc_StopIteration)) {
          decref(v);
          goto error;
        }
        Object* exc = error_take();
        r = exc ? newref(as_exc(exc)->value ? as_exc(exc)->value : none()) : newref(none());
        xdecref(exc);
        returned = true;
      }
    } else {
      r = call_method1(receiver, strs::send, v);
      if (!r && error_matches(&exc_StopIteration)) {
        Object* exc = error_take();
        r = newref(as_exc(exc)->value ? as_exc(exc)->value : none());
        decref(exc);
        returned = true;
      }
    }
    decref(v);
    if (!r) goto error;
    PUSH(r);
    if (returned) JUMPBY(oparg);
    DISPATCH();
  }
  TARGET(CLEANUP_THROW) {
    Object* exc = POP();
    Object* last_sent = POP();
    Object* sub_iter = POP();
    if (type_check(exc, &exc_StopIteration)) {
      Object* value = newref(as_exc(exc)->value ? as_exc(exc)->value : none());
      decref(exc);
      decref(last_sent);
      decref(sub_iter);
      PUSH(newref(none()));
      PUSH(value);
      DISPATCH();
    }
    decref(last_sent);
    decref(sub_iter);
    set_error_steal(exc);
    goto exception_unwind;
  }
  TARGET(POP_EXCEPT) {
    Object* v = POP();
    Object* old = ts.handled;
    ts.handled = v == none() ? (decref(v), nullptr) : v;
    xdecref(old);
    DISPATCH();
  }
  TARGET(PUSH_EXC_INFO) {
    Object* exc = TOP();
    if (exc == ts.thrown) ts.thrown = nullptr;  // caught: a later raise of it chains as usual
    Object* prev = ts.handled ? ts.handled : newref(none());
    ts.handled = newref(exc);
    SET_TOP(prev);
    PUSH(exc);
    DISPATCH();
  }
  TARGET(CHECK_EXC_MATCH) {
    Object* type = POP();
    Object* exc = TOP();
    if (check_except_type_valid(type) < 0) {
      decref(type);
      goto error;
    }
    bool ok = exception_matches(exc, type);
    decref(type);
    PUSH(bool_obj(ok));
    DISPATCH();
  }
  TARGET(RERAISE) {
    // The saved lasti (oparg != 0) only restores the frame's reported position in CPython; the handler lookup
    // below uses this RERAISE instruction's own index, so the same handler is not found again.
    Object* exc = POP();
    set_error_steal(exc);
    if (TRACED()) [[unlikely]] {
      f->instr_ptr = this_instr;
      instrument::on_raise(f, &tr, true);
    }
    goto exception_unwind;
  }
  TARGET(RAISE_VARARGS) {
    Object* cause = oparg == 2 ? POP() : nullptr;
    Object* exc = oparg >= 1 ? POP() : nullptr;
    int reraise = do_raise(exc, cause);
    xdecref(exc);
    xdecref(cause);
    if (reraise) goto exception_unwind;
    goto error;
  }
  TARGET(LOAD_ASSERTION_ERROR) {
    PUSH(newref(reinterpret_cast<Object*>(&exc_AssertionError)));
    DISPATCH();
  }
  TARGET(BEFORE_WITH) {
    Object* bound_exit = nullptr;
    Object* res = enter_context(TOP(), false, &bound_exit);
    if (!res) goto error;
    decref(TOP());
    SET_TOP(bound_exit);
    PUSH(res);
    DISPATCH();
  }
  TARGET(WITH_EXCEPT_START) {
    Object* val = TOP();
    Object* exit_func = PEEK(4);
    Object* tb = as_exc(val)->traceback ? as_exc(val)->traceback : none();
    Object* args[3] = {reinterpret_cast<Object*>(type_of(val)), val, tb};
    Object* r = call(exit_func, args, 3, nullptr);
    if (!r) goto error;
    PUSH(r);
    DISPATCH();
  }
  TARGET(GET_LEN) {
    ssize n = object_length(TOP());
    if (n < 0) goto error;
    Object* l = int_from_ssize(n);
    if (!l) goto error;
    PUSH(l);
    DISPATCH();
  }
  TARGET(MATCH_MAPPING) {
    PUSH(bool_obj(has_flag(type_of(TOP()), Py_TPFLAGS_MAPPING)));
    DISPATCH();
  }
  TARGET(MATCH_SEQUENCE) {
    PUSH(bool_obj(has_flag(type_of(TOP()), Py_TPFLAGS_SEQUENCE)));
    DISPATCH();
  }
  TARGET(MATCH_KEYS) {
    Object* v = match_keys(PEEK(2), TOP());
    if (!v) goto error;
    PUSH(v);
    DISPATCH();
  }
  TARGET(MATCH_CLASS) {
    Object* names = POP();
    Object* cls = POP();
    Object* subject = TOP();
    Object* r = match_class(subject, cls, oparg, names);
    decref(names);
    decref(cls);
    if (!r) goto error;
    decref(subject);
    SET_TOP(r);
    DISPATCH();
  }
  TARGET(GET_AWAITABLE) {
    Object* it = get_awaitable_iter(TOP(), oparg);
    if (!it) goto error;
    decref(TOP());
    SET_TOP(it);
    DISPATCH();
  }
  TARGET(BEFORE_ASYNC_WITH) {
    Object* bound_exit = nullptr;
    Object* res = enter_context(TOP(), true, &bound_exit);
    if (!res) goto error;
    decref(TOP());
    SET_TOP(bound_exit);
    PUSH(res);
    DISPATCH();
  }
  TARGET(GET_AITER) {
    Object* obj = TOP();
    Type* t = type_of(obj);
    unaryfunc aiter = t->tp_as_async ? t->tp_as_async->am_aiter : nullptr;
    if (!aiter) {
      set_errorf(&exc_TypeError, "'async for' requires an object with __aiter__ method, got {}", type_name(obj));
      goto error;
    }
    Object* it = aiter(obj);
    if (!it) goto error;
    if (!type_of(it)->tp_as_async || !type_of(it)->tp_as_async->am_anext) {
      set_errorf(&exc_TypeError, "'async for' received an object from __aiter__ that does not implement __anext__: {}",
                 type_name(it));
      decref(it);
      goto error;
    }
    decref(obj);
    SET_TOP(it);
    DISPATCH();
  }
  TARGET(GET_ANEXT) {
    Object* aiter = TOP();
    Type* t = type_of(aiter);
    unaryfunc anext = t->tp_as_async ? t->tp_as_async->am_anext : nullptr;
    if (!anext) {
      set_errorf(&exc_TypeError, "'async for' requires an iterator with __anext__ method, got {}", type_name(aiter));
      goto error;
    }
    Object* next = anext(aiter);
    if (!next) goto error;
    Object* awaitable = get_awaitable_iter(next, 0);
    if (!awaitable) {
      if (error_matches(&exc_TypeError)) {
        error_clear();
        set_errorf(&exc_TypeError, "'async for' received an invalid object from __anext__: {}", type_name(next));
      }
      decref(next);
      goto error;
    }
    decref(next);
    PUSH(awaitable);
    DISPATCH();
  }
  TARGET(END_ASYNC_FOR) {
    Object* exc = POP();
    if (type_check(exc, &exc_StopAsyncIteration)) {
      decref(exc);
      decref(POP());
      DISPATCH();
    }
    set_error_steal(exc);
    goto exception_unwind;
  }
  TARGET(CHECK_EG_MATCH) {
    Object* match_type = POP();
    Object* exc = TOP();
    Object* match = nullptr;
    Object* rest = nullptr;
    int r = exception_group_match(exc, match_type, &match, &rest);
    decref(match_type);
    if (r < 0) goto error;
    decref(exc);
    SET_TOP(rest);
    PUSH(match);
    // A match becomes the exception being handled (sys.exception()) inside the except* clause.
    if (match != none()) {
      Object* old = ts.handled;
      ts.handled = newref(match);
      xdecref(old);
    }
    DISPATCH();
  }
  TARGET(CALL_INTRINSIC_2) {
    Object* arg2 = POP();
    Object* arg1 = TOP();
    Object* r = call_intrinsic2(oparg, arg1, arg2);
    decref(arg2);
    if (!r) goto error;
    decref(arg1);
    SET_TOP(r);
    DISPATCH();
  }
  TARGET(INTERPRETER_EXIT) {
    retval = POP();
    goto do_return;
  }

  NOT_YET(EXIT_INIT_CHECK)
  TARGET(IMPORT_NAME) {
    Object* fromlist = POP();
    Object* level = TOP();
    f->instr_ptr = this_instr;
    Object* m = import_name(f, NAME(oparg), fromlist, level);
    decref(fromlist);
    if (!m) goto error;
    decref(level);
    SET_TOP(m);
    DISPATCH();
  }
  TARGET(IMPORT_FROM) {
    Object* v = import_from(TOP(), NAME(oparg));
    if (!v) goto error;
    PUSH(v);
    DISPATCH();
  }
  NOT_YET(RESERVED)

L_unknown:
  set_errorf(&exc_SystemError, "pyvm: unknown opcode {}", int(*this_instr & 0xff));
  goto error;

  // A call that CALL or CALL_KW runs in place: `new_frame` has its locals bound, the caller's stack ends with the
  // callable (kept there: it keeps the function alive, and the result replaces it), next_instr is where the caller
  // goes on. The caller's position is saved in its frame, and this loop continues with the callee.
enter_in_place:
  f->stack_depth = int(sp - stack_base);
  f->next_index = int(next_instr - instrs);
  new_frame->previous = f;
  ts.frame = new_frame;
  ts.depth++;
  in_place++;
  f = new_frame;
  co = f->code;
  instrs = co->instrs;
  localsplus = f->localsplus;
  stack_base = localsplus + co->nlocalsplus;
  sp = stack_base;
  consts_arr = co->consts;
  names = co->names;
  next_instr = instrs;
  DISPATCH();

L_traced:
  if (instrument::before_instruction(f, &tr, this_instr, sp) < 0) goto error;
  goto* dispatch_table[*this_instr & 0xff];

error:
  f->instr_ptr = this_instr;
  if (!error_occurred()) set_error(&exc_SystemError, "error return without exception set");
  chain_context(error_peek());
  add_traceback(f);
  if (TRACED()) [[unlikely]]
    instrument::on_raise(f, &tr, false);

exception_unwind : {
  f->instr_ptr = this_instr;
  int target, depth;
  bool push_lasti;
  int lasti = int(this_instr - instrs);
  if (find_handler(co, lasti, &target, &depth, &push_lasti)) {
    if (TRACED()) [[unlikely]]
      instrument::on_handled(f, &tr, target);
    Object** new_sp = stack_base + depth;
    while (sp > new_sp) xdecref(POP());
    if (push_lasti) PUSH(int_from_i64(lasti));
    PUSH(error_take());
    next_instr = instrs + target;
    DISPATCH();
  }
  while (sp > stack_base) xdecref(POP());
  retval = nullptr;
}

do_return:
  if (TRACED()) [[unlikely]] {
    if ((*this_instr & 0xff) != RETURN_GENERATOR) {  // making a generator is not a return to report
      f->instr_ptr = this_instr;
      if (instrument::on_leave(f, &tr, retval, false) < 0 && retval) {
        decref(retval);
        retval = nullptr;
      }
    }
    tr.finish();
  }
  while (sp > stack_base) xdecref(POP());
  // Unlink before clearing the variables (as CPython, GH-99729): a finaliser they run sees the caller as the current
  // frame, so nothing makes a frame object for this dying frame after the detach below.
  ts.frame = f->previous;
  if (f->frame_obj) {  // a frame object outlives the activation and keeps its variables and last position
    if (retval) f->instr_ptr = this_instr;
    frame_detach(f);
  }
  for (int i = 0; i < co->nlocalsplus; i++) {
    Object* v = localsplus[i];
    localsplus[i] = nullptr;
    xdecref(v);
  }
  if (f->locals) {
    Object* l = f->locals;
    f->locals = nullptr;
    decref(l);
  }
  f->stack_depth = 0;
  f->next_index = -1;  // finished
  if (in_place > 0) {
    // Back to the caller of a frame that CALL ran in place: its CALL instruction completes with `retval`.
    in_place--;
    ts.depth--;
    Frame* done = f;
    f = f->previous;  // ts.frame already points there
    ts.frames.pop(done);
    co = f->code;
    instrs = co->instrs;
    localsplus = f->localsplus;
    stack_base = localsplus + co->nlocalsplus;
    sp = stack_base + f->stack_depth;
    consts_arr = co->consts;
    names = co->names;
    this_instr = f->instr_ptr;
    next_instr = instrs + f->next_index;
    table = dispatch_table;  // the caller was not traced when it made the call (its FrameTrace was never started)
    Object* callable = sp[-1];
    sp[-1] = retval;
    decref(callable);
    if (!retval) {
      sp--;
      goto error;
    }
    CHECK_BREAKER();
    DISPATCH();
  }
  return retval;
}

}  // namespace pyvm
