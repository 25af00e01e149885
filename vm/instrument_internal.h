// Shared between instrument.cc (the hooks the interpreter calls) and monitoring.cc (sys.monitoring and the event
// dispatch to its tools). Not for other users.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "vm/instrument.h"

namespace pyvm {

// Frame-object fields for the legacy trace (vm/frame.cc). `frame_obj` is a FrameObject.
Object* frame_local_trace(Object* frame_obj);  // f_trace, borrowed or null
void frame_set_local_trace(Object* frame_obj, Object* fn);  // borrows fn (null clears)
bool frame_trace_lines(Object* frame_obj);
bool frame_trace_opcodes(Object* frame_obj);
// The handler targets of a code object's exception table (code-unit indexes).
std::vector<int> exception_handler_targets(CodeObject* co);
// Inline cache entries after an instruction with opcode `op`.
int opcode_cache_entries(int op);
}  // namespace pyvm

namespace pyvm::instrument {

constexpr uint32_t kAnyMonitoring = 1;      // some tool has a global or per-code event set
constexpr uint32_t kAnyAllThreadsHook = 2;  // an all-threads trace or profile function is set

// The legacy trace/profile function of one thread, with the all-threads generation it is current with.
struct ThreadHook {
  Object* fn = nullptr;  // strong or null
  uint64_t gen = 0;
};
struct HookState {
  ThreadHook trace, profile;
  int tracing = 0;  // > 0 while a hook runs on this thread: nothing it executes reports events
};
HookState& hooks();

struct GlobalHook {
  Object* fn = nullptr;  // strong or null
  uint64_t gen = 0;
};

struct Tool {
  Object* name = nullptr;  // str while in use, else null
  uint32_t events = 0;     // global event set
  std::array<Object*, kNumEvents> callbacks{};  // strong or null, by event bit index
};

struct DisabledKey {
  CodeObject* code;
  int index;
  int tool;
  uint32_t event;
  bool operator==(const DisabledKey&) const = default;
};
struct DisabledHash {
  size_t operator()(const DisabledKey& k) const {
    return std::hash<const void*>()(k.code) ^ (size_t(k.index) * 0x9e3779b97f4a7c15ull) ^ (size_t(k.tool) << 40) ^
           (size_t(k.event) << 20);
  }
};

// Everything below is guarded by g_mu.
struct Registry {
  std::array<Tool, kNumTools> tools;
  // Per-code event sets (set_local_events), by code object; entries go when the code object dies.
  std::unordered_map<CodeObject*, std::array<uint32_t, kNumTools>> local_events;
  // (code, location, tool, event) turned off by a callback returning DISABLE, until restart_events().
  std::unordered_set<DisabledKey, DisabledHash> disabled;
  GlobalHook all_trace, all_profile;
};
extern std::mutex g_mu;
extern Registry g_reg;

// After changing the registry (caller holds g_mu): republishes g_any and asks every thread to re-read it.
void changed_locked();
// Marks every thread's eval breaker with kBreakInstrument (monitoring.cc).
void request_refresh_all_threads();
// Drops a dying code object's per-code events and DISABLE entries (monitoring.cc).
void forget_code(CodeObject* co);

// Event dispatch to sys.monitoring tools (monitoring.cc). Each returns -1 with an exception set when a callback
// raised (or returned DISABLE for an event that cannot be disabled); 0 otherwise, also when no tool wants it.
int fire_plain(uint32_t ev, CodeObject* co, int index);                   // (code, offset)
int fire_line(CodeObject* co, int index, int line);                       // (code, line)
int fire_offset_arg(uint32_t ev, CodeObject* co, int index, Object* arg);  // (code, offset, arg)
int fire_call_like(uint32_t ev, CodeObject* co, int index, Object* callable, Object* arg0 = nullptr);
// Exception events, with the current exception as the argument: it stays set unless a callback raised, whose
// exception then replaces it.
void fire_exception(uint32_t ev, CodeObject* co, int index);
void fire_call_like_exc(uint32_t ev, CodeObject* co, int index, Object* callable, Object* arg0 = nullptr);
// Whether any tool wants JUMP or BRANCH events in this code.
bool wants_jumps(CodeObject* co);

// The exception's __traceback__, or None. Borrowed.
Object* exception_traceback_or_none(Object* exc);

}  // namespace pyvm::instrument
