// Tracing, profiling and sys.monitoring events (see instrument.h for the design and the locking contract).
#include "vm/instrument.h"

#include <array>
#include <atomic>
#include <mutex>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "alloc/heap.h"
#include "objects/abstract.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/instrument_internal.h"
#include "vm/opcodes.h"
#include "vm/threads.h"

namespace pyvm::instrument {

// ---- The registry (guarded by g_mu).

std::mutex g_mu;
Registry g_reg;
std::atomic<uint32_t> g_any{0};  // kAnyMonitoring | kAnyAllThreadsHook: see thread_active

namespace {

thread_local HookState t_hooks;

// Recomputes g_any from the registry. Caller holds g_mu.
void publish_any_locked() {
  uint32_t any = 0;
  for (const Tool& t : g_reg.tools)
    if (t.events) any |= kAnyMonitoring;
  if (!g_reg.local_events.empty()) any |= kAnyMonitoring;
  if (g_reg.all_trace.fn || g_reg.all_profile.fn) any |= kAnyAllThreadsHook;
  g_any.store(any, std::memory_order_release);
}

}  // namespace

void changed_locked() {
  publish_any_locked();
  request_refresh_all_threads();
}

HookState& hooks() { return t_hooks; }

// ---- Per-thread state.


namespace {
// Adopts a newer all-threads hook into `slot`. Caller holds g_mu.
void adopt_locked(ThreadHook* slot, const GlobalHook& all) {
  if (slot->gen == all.gen) return;
  Object* old = slot->fn;
  slot->fn = all.fn ? newref(all.fn) : nullptr;
  slot->gen = all.gen;
  xdecref(old);  // a trace function's dealloc does not reach back into the registry
}
}  // namespace

void refresh_thread(ThreadState& ts) {
  HookState& h = t_hooks;
  {
    std::lock_guard<std::mutex> g(g_mu);
    adopt_locked(&h.trace, g_reg.all_trace);
    adopt_locked(&h.profile, g_reg.all_profile);
  }
  ts.instrumented = h.trace.fn || h.profile.fn;
}

namespace {
Object* set_hook(ThreadHook* slot, GlobalHook* all, Object* fn) {
  {
    std::lock_guard<std::mutex> g(g_mu);
    adopt_locked(slot, *all);  // an older all-threads hook must not override this one later
  }
  Object* old = slot->fn;
  slot->fn = fn == none() || !fn ? nullptr : newref(fn);
  xdecref(old);
  refresh_thread(thread_state());
  alloc::set_breaker_bits(&alloc::this_thread(), kBreakInstrument);  // the caller's frame re-reads its table
  return newref(none());
}
Object* set_hook_all(ThreadHook* slot, GlobalHook* all, Object* fn) {
  Object* old;
  {
    std::lock_guard<std::mutex> g(g_mu);
    old = all->fn;
    all->fn = fn == none() ? nullptr : newref(fn);
    all->gen++;
    changed_locked();
  }
  xdecref(old);
  ORef keep = borrow(fn);
  return set_hook(slot, all, fn);
}
Object* get_hook(ThreadHook* slot, GlobalHook* all) {
  {
    std::lock_guard<std::mutex> g(g_mu);
    adopt_locked(slot, *all);
  }
  return newref(slot->fn ? slot->fn : none());
}
}  // namespace

Object* set_trace(Object* fn) { return set_hook(&t_hooks.trace, &g_reg.all_trace, fn); }
Object* set_profile(Object* fn) { return set_hook(&t_hooks.profile, &g_reg.all_profile, fn); }
Object* set_trace_all(Object* fn) { return set_hook_all(&t_hooks.trace, &g_reg.all_trace, fn); }
Object* set_profile_all(Object* fn) { return set_hook_all(&t_hooks.profile, &g_reg.all_profile, fn); }
Object* get_trace() { return get_hook(&t_hooks.trace, &g_reg.all_trace); }
Object* get_profile() { return get_hook(&t_hooks.profile, &g_reg.all_profile); }

// ---- Per-code line data: the line of each code unit and which instructions start a line (CPython's rules: the
// line changes from the previous instruction's, or the instruction is a jump target or an exception handler;
// END_FOR, END_SEND, END_ASYNC_FOR and RESUME never start one; nothing before the first RESUME is traced).

namespace {

struct LineData {
  int first_traceable = 0;
  std::vector<int32_t> line;    // per code unit; -1 for none and for cache/prefix units
  std::vector<uint8_t> starts;  // per code unit: 1 where a LINE event may fire
};

int op_at(const CodeObject* co, int i) { return co->instrs[i] & 0xff; }
int arg_at(const CodeObject* co, int i) { return co->instrs[i] >> 8; }

// Decodes the instruction starting at i (EXTENDED_ARG prefixes included): its opcode, oparg, the index of the
// opcode unit, and the index after its caches.
struct Decoded {
  int op, oparg, at, next;
};
Decoded decode(const CodeObject* co, int i) {
  int oparg = 0;
  while (i < co->ninstrs - 1 && op_at(co, i) == EXTENDED_ARG) oparg = (oparg << 8) | arg_at(co, i++);
  Decoded d{op_at(co, i), (oparg << 8) | arg_at(co, i), i, 0};
  d.next = i + 1 + opcode_cache_entries(d.op);
  return d;
}

LineData* build_lines(CodeObject* co) {
  auto* ld = new LineData;
  int n = int(co->ninstrs);
  ld->line.assign(size_t(n), -1);
  ld->starts.assign(size_t(n), 0);
  for (int i = 0; i < n;) {
    Decoded d = decode(co, i);
    if (d.op == RESUME) {
      ld->first_traceable = d.next;
      break;
    }
    i = d.next;
  }
  std::vector<int32_t> unit_line = code_line_array(co);
  int current = -1;
  for (int i = ld->first_traceable; i < n;) {
    Decoded d = decode(co, i);
    int line = unit_line[size_t(d.at)];
    for (int j = i; j <= d.at && j < n; j++) ld->line[size_t(j)] = line;
    if (d.op != END_FOR && d.op != END_SEND && d.op != END_ASYNC_FOR && d.op != RESUME) {
      if (line != current && line >= 0) ld->starts[size_t(i)] = 1;
      current = line;
    }
    i = d.next;
  }
  auto mark = [&](int target) {
    if (target >= 0 && target < n && ld->line[size_t(target)] >= 0) ld->starts[size_t(target)] = 1;
  };
  for (int i = ld->first_traceable; i < n;) {
    Decoded d = decode(co, i);
    switch (d.op) {
      case POP_JUMP_IF_FALSE:
      case POP_JUMP_IF_TRUE:
      case POP_JUMP_IF_NONE:
      case POP_JUMP_IF_NOT_NONE:
      case JUMP_FORWARD:
        mark(d.next + d.oparg);
        break;
      case FOR_ITER:
      case SEND:
        mark(d.next + d.oparg + 1);  // past END_FOR / END_SEND
        break;
      case JUMP_BACKWARD:
      case JUMP_BACKWARD_NO_INTERRUPT:
        mark(d.next - d.oparg);
        break;
      default:
        break;
    }
    i = d.next;
  }
  for (int h : exception_handler_targets(co))
    if (h < n && op_at(co, h) != END_ASYNC_FOR) mark(h);
  return ld;
}

const LineData* lines_of(CodeObject* co) {
  auto* cur = static_cast<LineData*>(__atomic_load_n(&co->instrument_data, __ATOMIC_ACQUIRE));
  if (cur) return cur;
  LineData* made = build_lines(co);
  void* expected = nullptr;
  if (__atomic_compare_exchange_n(&co->instrument_data, &expected, static_cast<void*>(made), false, __ATOMIC_ACQ_REL,
                                  __ATOMIC_ACQUIRE))
    return made;
  delete made;  // another thread published first
  return static_cast<LineData*>(expected);
}

}  // namespace

void release_code_data(CodeObject* co) {
  delete static_cast<LineData*>(co->instrument_data);
  co->instrument_data = nullptr;
  forget_code(co);
}

// ---- Calling hooks.

namespace {

// RAII: hooks run with the thread's tracing depth raised, so nothing they execute reports events.
struct TracingScope {
  TracingScope() { t_hooks.tracing++; }
  ~TracingScope() { t_hooks.tracing--; }
};

Object* event_name(const char* s) { return str_interned(s); }

// Calls a legacy trace/profile function: fn(frame, what, arg). New reference or null.
Object* call_legacy(Object* fn, Frame* f, const char* what, Object* arg) {
  ORef frame = steal(frame_object_for(f));
  if (!frame) return nullptr;
  Object* args[3] = {frame.get(), event_name(what), arg ? arg : none()};
  TracingScope scope;
  return call(fn, args, 3, nullptr);
}

// A trace function raised: tracing stops for this thread (as CPython), the frame's local trace is dropped.
int trace_failed(Frame* f) {
  ORef keep = borrow(t_hooks.trace.fn);
  Object* old = t_hooks.trace.fn;
  t_hooks.trace.fn = nullptr;
  xdecref(old);
  refresh_thread(thread_state());
  if (f->frame_obj) frame_set_local_trace(f->frame_obj, nullptr);
  return -1;
}

// The frame's local trace function for 'line', 'return', 'exception' and 'opcode': f_trace (borrowed) or null.
Object* local_trace(Frame* f) { return f->frame_obj ? frame_local_trace(f->frame_obj) : nullptr; }

// Calls the local trace function for `what`; its result replaces f_trace unless None.
int call_local_trace(Frame* f, const char* what, Object* arg) {
  Object* lt = local_trace(f);
  if (!lt || !t_hooks.trace.fn) return 0;
  ORef keep = borrow(lt);
  ORef r = steal(call_legacy(lt, f, what, arg));
  if (!r) return trace_failed(f);
  if (r.get() != none() && f->frame_obj) frame_set_local_trace(f->frame_obj, r.get());
  return 0;
}

int call_profile(Frame* f, const char* what, Object* arg) {
  Object* p = t_hooks.profile.fn;
  if (!p) return 0;
  ORef keep = borrow(p);
  ORef r = steal(call_legacy(p, f, what, arg));
  if (!r) {
    Object* old = t_hooks.profile.fn;
    t_hooks.profile.fn = nullptr;
    xdecref(old);
    refresh_thread(thread_state());
    return -1;
  }
  return 0;
}

bool is_c_function(Object* callable) {
  Type* t = type_of(callable);
  return t == &builtin_function_type || t == &method_descr_type;
}

}  // namespace

void FrameTrace::start(Frame* f) {
  prev = nullptr;
  pending_call = nullptr;
  pending_arg0 = nullptr;
  pending_call_instr = nullptr;
  pending_jump = nullptr;
  started = false;
  (void)f;
}

void FrameTrace::finish() {
  Object* p = pending_call;
  Object* a = pending_arg0;
  pending_call = pending_arg0 = nullptr;
  xdecref(p);
  xdecref(a);
}

namespace {

// The events due when the previous instruction completed normally: the return of a C call, a jump's destination.
int report_completions(Frame* f, FrameTrace* t, int index) {
  CodeObject* co = f->code;
  if (Object* callable = t->pending_call) {
    int at = int(t->pending_call_instr - co->instrs);
    ORef c = steal(callable);
    ORef a = steal(t->pending_arg0);
    t->pending_call = t->pending_arg0 = nullptr;
    if (is_c_function(callable) && call_profile(f, "c_return", callable) < 0) return -1;
    if (fire_call_like(kCReturn, co, at, callable, a.get()) < 0) return -1;
  }
  if (const uint16_t* src = t->pending_jump) {
    t->pending_jump = nullptr;
    int at = int(src - co->instrs);
    int op = decode(co, at).op;
    uint32_t ev = (op == JUMP_FORWARD || op == JUMP_BACKWARD) ? kJump : kBranch;
    ORef dest = steal(int_from_i64(int64_t(index) * 2));
    if (!dest) return -1;
    if (fire_offset_arg(ev, co, at, dest.get()) < 0) return -1;
  }
  return 0;
}

// Where CPython reports a raise or an unwind: the last code unit of the current instruction (its last inline
// cache entry, if it has any), as its interpreter has already moved past the instruction.
int last_unit(Frame* f) {
  CodeObject* co = f->code;
  if (!f->instr_ptr) return 0;
  int at = int(f->instr_ptr - co->instrs);
  return decode(co, at).next - 1;
}

// The legacy hooks' 'call': the profile function, and the global trace function whose result becomes f_trace.
int report_legacy_call(Frame* f) {
  if (call_profile(f, "call", nullptr) < 0) return -1;
  if (Object* tf = t_hooks.trace.fn) {
    ORef keep = borrow(tf);
    ORef r = steal(call_legacy(tf, f, "call", nullptr));
    if (!r) return trace_failed(f);
    if (r.get() != none() && f->frame_obj) frame_set_local_trace(f->frame_obj, r.get());
  }
  return 0;
}

}  // namespace

void on_throw(Frame* f, FrameTrace* t) {
  if (t_hooks.tracing) return;
  t->started = true;
  CodeObject* co = f->code;
  fire_exception(kPyThrow, co, f->next_index);  // the resumption point, as CPython
  ORef exc = steal(error_take());
  if (report_legacy_call(f) == 0) set_error_steal(exc.release());  // else the hook's exception replaces it
}

int before_instruction(Frame* f, FrameTrace* t, const uint16_t* instr, Object** sp) {
  if (t_hooks.tracing) return 0;
  CodeObject* co = f->code;
  Decoded d = decode(co, int(instr - co->instrs));
  const uint16_t* real = co->instrs + d.at;
  f->instr_ptr = real;
  if ((t->pending_call || t->pending_jump) && report_completions(f, t, d.at) < 0) return -1;
  const uint16_t* prev = t->prev;
  t->prev = real;

  if (d.op == RESUME) {
    t->started = true;
    if (fire_plain((d.oparg & 3) == 0 ? kPyStart : kPyResume, co, d.at) < 0) return -1;
    return report_legacy_call(f);
  }

  const LineData* ld = lines_of(co);
  if (d.at >= ld->first_traceable) {
    bool legacy_lines = t_hooks.trace.fn && local_trace(f) && frame_trace_lines(f->frame_obj);
    // The legacy trace reports a line at every backward jump's destination, even within one line (a loop written
    // on one line reports each iteration), as CPython's settrace does through its JUMP hook.
    bool back_jump = prev && op_at(co, int(prev - co->instrs)) == JUMP_BACKWARD && real <= prev;
    if (back_jump && legacy_lines && call_local_trace(f, "line", nullptr) < 0) return -1;
    if (ld->starts[size_t(d.at)]) {
      int line = ld->line[size_t(d.at)];
      bool fire = true;
      if (prev) {
        int pi = int(prev - co->instrs);
        if (ld->line[size_t(pi)] == line && op_at(co, pi) != RESUME) fire = false;
      }
      if (fire) {
        if (legacy_lines && !back_jump && call_local_trace(f, "line", nullptr) < 0) return -1;
        if (fire_line(co, d.at, line) < 0) return -1;
      }
    }
    if (t_hooks.trace.fn && local_trace(f) && frame_trace_opcodes(f->frame_obj) &&
        call_local_trace(f, "opcode", nullptr) < 0)
      return -1;
    if (fire_plain(kInstruction, co, d.at) < 0) return -1;
  }

  switch (d.op) {
    case CALL:
    case CALL_KW:
    case CALL_FUNCTION_EX: {
      Object* callable;
      Object* arg0;
      if (d.op == CALL) {
        callable = sp[-d.oparg - 2];
        Object* self = sp[-d.oparg - 1];
        arg0 = self ? self : d.oparg > 0 ? sp[-d.oparg] : nullptr;
      } else if (d.op == CALL_KW) {
        callable = sp[-d.oparg - 3];
        Object* self = sp[-d.oparg - 2];
        arg0 = self ? self : d.oparg > 0 ? sp[-d.oparg - 1] : nullptr;
      } else {
        int extra = d.oparg & 1;
        callable = sp[-3 - extra];  // (callable, null, callargs[, kwargs])
        Object* callargs = sp[-1 - extra];
        arg0 = type_check(callargs, &tuple_type) && tuple_size(callargs) > 0 ? tuple_get(callargs, 0) : nullptr;
      }
      if (fire_call_like(kCall, co, d.at, callable, arg0) < 0) return -1;
      if (is_c_function(callable) && call_profile(f, "c_call", callable) < 0) return -1;
      if (type_of(callable) != &function_type && type_of(callable) != &method_type) {
        t->pending_call = newref(callable);
        t->pending_arg0 = xnewref(arg0);
        t->pending_call_instr = real;
      }
      break;
    }
    case JUMP_FORWARD:
    case JUMP_BACKWARD:  // not JUMP_BACKWARD_NO_INTERRUPT (yield from, await): CPython reports no JUMP there
    case POP_JUMP_IF_FALSE:
    case POP_JUMP_IF_TRUE:
    case POP_JUMP_IF_NONE:
    case POP_JUMP_IF_NOT_NONE:
    case FOR_ITER:
      if (wants_jumps(co)) t->pending_jump = real;
      break;
    default:
      break;
  }
  return 0;
}

int on_leave(Frame* f, FrameTrace* t, Object* retval, bool yielded) {
  if (t_hooks.tracing) return 0;
  CodeObject* co = f->code;
  int at = last_unit(f);
  if (retval) {
    if (fire_offset_arg(yielded ? kPyYield : kPyReturn, co, at, retval) < 0) return -1;
  } else if (Object* exc = error_peek()) {
    ORef e = borrow(exc);
    fire_exception(kPyUnwind, co, at);
  }
  // The legacy hooks see a generator's yield as a return too; an unwinding frame returns None to them.
  ORef saved = retval ? ORef() : steal(error_take());
  int r = 0;
  if (call_profile(f, "return", retval) < 0) r = -1;
  if (r == 0 && t_hooks.trace.fn && local_trace(f) && call_local_trace(f, "return", retval) < 0) r = -1;
  if (saved) {
    if (r < 0) return -1;  // the hook's exception replaces the one unwinding
    set_error_steal(saved.release());
  }
  (void)t;
  return r;
}

void on_raise(Frame* f, FrameTrace* t, bool reraise) {
  if (t_hooks.tracing) return;
  CodeObject* co = f->code;
  int at = last_unit(f);
  t->pending_jump = nullptr;
  if (Object* callable = t->pending_call) {
    ORef c = steal(callable);
    ORef a = steal(t->pending_arg0);
    t->pending_call = t->pending_arg0 = nullptr;
    int call_at = int(t->pending_call_instr - co->instrs);
    if (is_c_function(callable)) {
      ORef exc = steal(error_take());
      int r = call_profile(f, "c_exception", callable);
      if (r == 0) set_error_steal(exc.release());
      else return;  // the profiler's exception replaces it
    }
    fire_call_like_exc(kCRaise, co, call_at, callable, a.get());
  }
  fire_exception(reraise ? kReraise : kRaise, co, at);
  if (reraise || !t_hooks.trace.fn || !local_trace(f)) return;
  ORef exc = steal(error_take());
  ORef info = steal(tuple_pack({reinterpret_cast<Object*>(type_of(exc.get())), exc.get(),
                                exception_traceback_or_none(exc.get())}));
  if (!info) return;
  if (call_local_trace(f, "exception", info.get()) == 0) set_error_steal(exc.release());
}

void on_handled(Frame* f, FrameTrace* t, int handler) {
  if (t_hooks.tracing) return;
  (void)t;
  fire_exception(kExceptionHandled, f->code, handler);
}

}  // namespace pyvm::instrument
