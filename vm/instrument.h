// Tracing, profiling and sys.monitoring (PEP 669): the events the interpreter reports while some hook is active.
//
// How the interpreter pays for it. eval_frame dispatches through one of two tables. The plain table goes straight
// to each handler; the traced table sends every instruction through one hook (before_instruction) first and then
// to the same handler. A frame picks its table when it starts and again after each eval-breaker check, from its
// thread's `instrumented` flag. Nothing on the plain path tests for tracing, so a program that never traces runs
// exactly the code it ran before.
//
// Who sees what. sys.settrace/sys.setprofile belong to the calling thread (threading.settrace_all_threads publishes
// one for every thread, adopted at each thread's next eval-breaker check). sys.monitoring's tools, events and
// callbacks belong to the whole process: set_events marks every thread's eval breaker, so running frames switch to
// the traced table at their next backward jump, call or function start.
//
// Thread-safety contract.
// - Tool names, global and per-code event sets, callbacks and the DISABLE set live in one registry guarded by
//   g_mu (instrument.cc). An event callback is read under g_mu, with a new reference, and called without it.
// - A thread's trace and profile functions and its `tracing` depth are its own (only it reads or writes them).
// - The per-code line table is built once and published with a compare-and-swap; it is immutable after that.
#pragma once

#include <atomic>
#include <cstdint>

#include "objects/object.h"
#include "vm/function.h"
#include "vm/threads.h"

namespace pyvm::instrument {

// sys.monitoring.events values (CPython 3.13).
enum : uint32_t {
  kPyStart = 1u << 0,
  kPyResume = 1u << 1,
  kPyReturn = 1u << 2,
  kPyYield = 1u << 3,
  kCall = 1u << 4,
  kLine = 1u << 5,
  kInstruction = 1u << 6,
  kJump = 1u << 7,
  kBranch = 1u << 8,
  kStopIteration = 1u << 9,
  kRaise = 1u << 10,
  kExceptionHandled = 1u << 11,
  kPyUnwind = 1u << 12,
  kPyThrow = 1u << 13,
  kReraise = 1u << 14,
  kCReturn = 1u << 15,
  kCRaise = 1u << 16,
};
constexpr int kNumEvents = 17;
constexpr int kNumTools = 6;

// A frame's tracing state, kept by eval_frame while the frame runs on the traced table. Plain data, set up by
// start() when the frame switches to the traced table; finish() releases what it holds.
struct FrameTrace {
  const uint16_t* prev;   // the instruction executed before the current one (null: none yet in this activation)
  Object* pending_call;   // a call in flight whose C_RETURN/C_RAISE (c_return/c_exception) is due, strong or null
  Object* pending_arg0;   // its first argument (strong or null), reported with it
  const uint16_t* pending_call_instr;
  const uint16_t* pending_jump;  // a jump or branch whose destination is reported at the next instruction
  bool started;           // a start event (PY_START/PY_RESUME, 'call') was reported for this activation
  void start(Frame* f);
  void finish();
};

// Nonzero while some tool has sys.monitoring events or an all-threads trace/profile function is set.
extern std::atomic<uint32_t> g_any;
// Whether the calling thread has any hook: its trace or profile function, or a sys.monitoring event. Two loads:
// every frame start asks.
inline bool thread_active(ThreadState& ts) {
  return ts.instrumented || g_any.load(std::memory_order_relaxed) != 0;
}
// Recomputes the calling thread's flag (after sys.settrace and at eval-breaker checks marked for instrumentation).
void refresh_thread(ThreadState& ts);

// Reports the events due before the instruction at `instr` (which may be an EXTENDED_ARG prefix) runs: the
// destination of a pending jump, the return of a pending C call, the frame's start (at RESUME), LINE, INSTRUCTION,
// and CALL (whose callable and arguments are read from the value stack `sp`). -1 with an exception set when a hook
// raised.
[[nodiscard]] int before_instruction(Frame* f, FrameTrace* t, const uint16_t* instr, Object** sp);
// The frame is returning `retval` (or yielding, or unwinding when retval is null). -1 when a hook raised (the
// caller then drops retval and unwinds).
[[nodiscard]] int on_leave(Frame* f, FrameTrace* t, Object* retval, bool yielded);
// An exception was raised in the frame, or reached it from a callee (not RERAISE): RAISE, 'exception', and the
// C_RAISE/c_exception of a pending C call. A hook that raises replaces the exception.
void on_raise(Frame* f, FrameTrace* t, bool reraise);
// An exception is being thrown into the (generator) frame as it resumes: PY_THROW, and the legacy 'call'.
void on_throw(Frame* f, FrameTrace* t);
// The exception is being handled by an except clause at code-unit index `handler`.
void on_handled(Frame* f, FrameTrace* t, int handler);

// sys.settrace / sys.setprofile / the all-threads variants / gettrace / getprofile.
[[nodiscard]] Object* set_trace(Object* fn);
[[nodiscard]] Object* set_profile(Object* fn);
[[nodiscard]] Object* set_trace_all(Object* fn);
[[nodiscard]] Object* set_profile_all(Object* fn);
[[nodiscard]] Object* get_trace();
[[nodiscard]] Object* get_profile();

// Installs sys.monitoring on the sys module. -1 on error.
int monitoring_init(Object* sys_module);

// Frees a code object's instrumentation data (its line table). Called from the code object's dealloc.
void release_code_data(CodeObject* co);

}  // namespace pyvm::instrument
