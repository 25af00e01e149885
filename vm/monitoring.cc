// sys.monitoring (PEP 669): tool ids, event sets, callbacks, DISABLE; and the dispatch of events to the tools.
// The locking contract is in vm/instrument.h: the registry is guarded by g_mu; callbacks run without it.
#include <bit>

#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/int_impl.h"
#include "objects/module.h"
#include "objects/namespace.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/instrument_internal.h"
#include "vm/threads.h"

namespace pyvm::instrument {

namespace {

constexpr const char* kEventNames[kNumEvents] = {
    "PY_START", "PY_RESUME", "PY_RETURN", "PY_YIELD", "CALL",     "LINE",      "INSTRUCTION", "JUMP",    "BRANCH",
    "STOP_ITERATION", "RAISE", "EXCEPTION_HANDLED", "PY_UNWIND", "PY_THROW", "RERAISE", "C_RETURN", "C_RAISE"};
constexpr uint32_t kAllEvents = (1u << kNumEvents) - 1;
// Events tied to a location, which a callback may turn off there by returning DISABLE.
constexpr uint32_t kDisableable = (1u << 10) - 1;
// Events pyvm does not report yet: setting them raises NotImplementedError rather than never firing.
constexpr uint32_t kUnsupported = kStopIteration;
constexpr uint32_t kCEvents = kCReturn | kCRaise;

Object* g_disable = nullptr;  // sys.monitoring.DISABLE (immortal once made)
Object* g_missing = nullptr;  // sys.monitoring.MISSING
// Set once any code object has per-code events or DISABLE entries: until then a dying code object has nothing to
// drop and need not take g_mu.
std::atomic<bool> g_code_entries{false};

// The tools (bit per tool) that want `ev` at (co, index), and a new reference to each one's callback; highest tool
// first, as CPython calls them.
struct Targets {
  int n = 0;
  int tool[kNumTools];
  Object* cb[kNumTools];
  ~Targets() {
    for (int i = 0; i < n; i++) decref(cb[i]);
  }
};
void targets_for(uint32_t ev, CodeObject* co, int index, Targets* out) {
  int bit = std::countr_zero(ev);
  std::lock_guard<std::mutex> g(g_mu);
  const std::array<uint32_t, kNumTools>* local = nullptr;
  if (!g_reg.local_events.empty()) {
    auto it = g_reg.local_events.find(co);
    if (it != g_reg.local_events.end()) local = &it->second;
  }
  for (int tool = kNumTools - 1; tool >= 0; tool--) {
    const Tool& t = g_reg.tools[size_t(tool)];
    uint32_t events = t.events | (local ? (*local)[size_t(tool)] : 0);
    if (!(events & ((ev & kCEvents) ? kCall : ev)) || !t.callbacks[size_t(bit)]) continue;
    if (!g_reg.disabled.empty() && g_reg.disabled.count(DisabledKey{co, index, tool, ev})) continue;
    out->tool[out->n] = tool;
    out->cb[out->n++] = newref(t.callbacks[size_t(bit)]);
  }
}

// Calls every interested tool with args[0..nargs) (args[0] is the code object). -1 on error.
int dispatch(uint32_t ev, CodeObject* co, int index, Object** args, int nargs) {
  Targets tg;
  targets_for(ev, co, index, &tg);
  HookState& h = hooks();
  for (int i = 0; i < tg.n; i++) {
    h.tracing++;
    ORef r = steal(call(tg.cb[i], args, size_t(nargs), nullptr));
    h.tracing--;
    if (!r) return -1;
    if (r.get() != g_disable) continue;
    int bit = std::countr_zero(ev);
    std::lock_guard<std::mutex> g(g_mu);
    if (ev & kDisableable) {
      g_reg.disabled.insert(DisabledKey{co, index, tg.tool[i], ev});
      g_code_entries.store(true, std::memory_order_release);
      continue;
    }
    Tool& t = g_reg.tools[size_t(tg.tool[i])];
    Object* old = t.callbacks[size_t(bit)];
    t.callbacks[size_t(bit)] = nullptr;  // as CPython: the callback goes, so it cannot fail again and again
    set_errorf(&exc_ValueError, "Cannot disable {} events. Callback removed.", kEventNames[bit]);
    if (old) alloc::release_deferred(old);
    return -1;
  }
  return 0;
}

bool monitoring_on() { return g_any.load(std::memory_order_relaxed) & kAnyMonitoring; }

}  // namespace

int fire_plain(uint32_t ev, CodeObject* co, int index) {
  if (!monitoring_on()) return 0;
  ORef off = steal(int_from_i64(int64_t(index) * 2));
  if (!off) return -1;
  Object* args[2] = {reinterpret_cast<Object*>(co), off.get()};
  return dispatch(ev, co, index, args, 2);
}

int fire_line(CodeObject* co, int index, int line) {
  if (!monitoring_on()) return 0;
  ORef ln = steal(int_from_i64(line));
  if (!ln) return -1;
  Object* args[2] = {reinterpret_cast<Object*>(co), ln.get()};
  return dispatch(kLine, co, index, args, 2);
}

int fire_offset_arg(uint32_t ev, CodeObject* co, int index, Object* arg) {
  if (!monitoring_on()) return 0;
  ORef off = steal(int_from_i64(int64_t(index) * 2));
  if (!off) return -1;
  Object* args[3] = {reinterpret_cast<Object*>(co), off.get(), arg};
  return dispatch(ev, co, index, args, 3);
}

int fire_call_like(uint32_t ev, CodeObject* co, int index, Object* callable, Object* arg0) {
  if (!monitoring_on()) return 0;
  ORef off = steal(int_from_i64(int64_t(index) * 2));
  if (!off) return -1;
  Object* args[4] = {reinterpret_cast<Object*>(co), off.get(), callable, arg0 ? arg0 : g_missing};
  return dispatch(ev, co, index, args, 4);
}

void fire_exception(uint32_t ev, CodeObject* co, int index) {
  if (!monitoring_on() || !error_occurred()) return;
  ORef exc = steal(error_take());
  if (fire_offset_arg(ev, co, index, exc.get()) == 0) set_error_steal(exc.release());
}

void fire_call_like_exc(uint32_t ev, CodeObject* co, int index, Object* callable, Object* arg0) {
  if (!monitoring_on() || !error_occurred()) return;
  ORef exc = steal(error_take());
  if (fire_call_like(ev, co, index, callable, arg0) == 0) set_error_steal(exc.release());
}

bool wants_jumps(CodeObject* co) {
  if (!monitoring_on()) return false;
  std::lock_guard<std::mutex> g(g_mu);
  uint32_t all = 0;
  for (const Tool& t : g_reg.tools) all |= t.events;
  auto it = g_reg.local_events.find(co);
  if (it != g_reg.local_events.end())
    for (uint32_t e : it->second) all |= e;
  return all & (kJump | kBranch);
}

Object* exception_traceback_or_none(Object* exc) {
  Object* tb = as_exc(exc)->traceback;
  return tb ? tb : none();
}

void request_refresh_all_threads() { set_breaker_bits_all_threads(kBreakInstrument); }

void forget_code(CodeObject* co) {
  if (!g_code_entries.load(std::memory_order_acquire)) return;  // no code object was ever given entries
  std::lock_guard<std::mutex> g(g_mu);
  if (g_reg.local_events.erase(co)) changed_locked();
  if (!g_reg.disabled.empty()) {
    for (auto it = g_reg.disabled.begin(); it != g_reg.disabled.end();) {
      if (it->code == co) it = g_reg.disabled.erase(it);
      else ++it;
    }
  }
}

// ---- The sys.monitoring functions.

namespace {

int tool_arg(Object* o) {
  int overflow = 0;
  if (!intimpl::is_int(o)) {
    set_errorf(&exc_TypeError, "'{}' object cannot be interpreted as an integer", type_name(o));
    return -1;
  }
  int64_t v = int_as_i64(o, &overflow);
  if (overflow || v < 0 || v >= kNumTools) {
    if (!overflow && v < 0 && error_occurred()) return -1;
    set_errorf(&exc_ValueError, "invalid tool {} (must be between 0 and 5)", overflow ? -1 : v);
    return -1;
  }
  return int(v);
}

bool events_arg(Object* o, uint32_t* out) {
  if (!intimpl::is_int(o)) {
    set_errorf(&exc_TypeError, "'{}' object cannot be interpreted as an integer", type_name(o));
    return false;
  }
  int overflow = 0;
  int64_t v = int_as_i64(o, &overflow);
  if (overflow || v < 0 || v > int64_t(kAllEvents)) {
    set_errorf(&exc_ValueError, "invalid event set 0x{:x}", overflow ? 0 : uint64_t(v));
    return false;
  }
  *out = uint32_t(v);
  return true;
}

bool check_event_set(uint32_t ev) {
  if ((ev & kCEvents) && (ev & kCall) != kCall) {
    set_error(&exc_ValueError, "cannot set C_RETURN or C_RAISE events independently");
    return false;
  }
  if (ev & kUnsupported) {
    set_error(&exc_NotImplementedError, "pyvm does not report sys.monitoring.events.STOP_ITERATION yet");
    return false;
  }
  return true;
}

// C_RETURN and C_RAISE ride with CALL: they are not stored (get_events reports CALL alone, as CPython), and a tool
// with CALL gets them when it registered callbacks for them.
uint32_t expand(uint32_t ev) { return ev & ~kCEvents; }

Object* mon_use_tool_id(Object*, Object* const* args, ssize nargs) {
  if (nargs != 2) return set_errorf(&exc_TypeError, "use_tool_id expected 2 arguments, got {}", nargs);
  int tool = tool_arg(args[0]);
  if (tool < 0) return nullptr;
  if (!type_check(args[1], &str_type)) return set_errorf(&exc_ValueError, "tool name must be a str");
  std::lock_guard<std::mutex> g(g_mu);
  Tool& t = g_reg.tools[size_t(tool)];
  if (t.name) return set_errorf(&exc_ValueError, "tool {} is already in use", tool);
  t.name = newref(args[1]);
  return newref(none());
}

void clear_tool_locked(Tool& t, int tool, std::vector<Object*>* drop) {
  t.events = 0;
  for (Object*& cb : t.callbacks) {
    if (cb) drop->push_back(cb);
    cb = nullptr;
  }
  for (auto& [code, evs] : g_reg.local_events) evs[size_t(tool)] = 0;
  for (auto it = g_reg.disabled.begin(); it != g_reg.disabled.end();) {
    if (it->tool == tool) it = g_reg.disabled.erase(it);
    else ++it;
  }
}

Object* mon_free_tool_id(Object*, Object* arg) {
  int tool = tool_arg(arg);
  if (tool < 0) return nullptr;
  std::vector<Object*> drop;
  {
    std::lock_guard<std::mutex> g(g_mu);
    Tool& t = g_reg.tools[size_t(tool)];
    clear_tool_locked(t, tool, &drop);
    if (t.name) drop.push_back(t.name);
    t.name = nullptr;
    changed_locked();
  }
  for (Object* o : drop) decref(o);
  return newref(none());
}

Object* mon_get_tool(Object*, Object* arg) {
  int tool = tool_arg(arg);
  if (tool < 0) return nullptr;
  std::lock_guard<std::mutex> g(g_mu);
  Object* name = g_reg.tools[size_t(tool)].name;
  return newref(name ? name : none());
}

Object* mon_register_callback(Object*, Object* const* args, ssize nargs) {
  if (nargs != 3) return set_errorf(&exc_TypeError, "register_callback expected 3 arguments, got {}", nargs);
  int tool = tool_arg(args[0]);
  if (tool < 0) return nullptr;
  uint32_t ev;
  if (!events_arg(args[1], &ev)) return nullptr;
  if (std::popcount(ev) != 1) return set_error(&exc_ValueError, "The callback can only be set for one event at a time");
  if (ev & kUnsupported) return set_error(&exc_NotImplementedError, "pyvm does not report sys.monitoring.events.STOP_ITERATION yet");
  Object* fn = args[2] == none() ? nullptr : newref(args[2]);
  Object* old;
  {
    std::lock_guard<std::mutex> g(g_mu);
    Object*& slot = g_reg.tools[size_t(tool)].callbacks[size_t(std::countr_zero(ev))];
    old = slot;
    slot = fn;
  }
  return old ? old : newref(none());
}

Object* mon_get_events(Object*, Object* arg) {
  int tool = tool_arg(arg);
  if (tool < 0) return nullptr;
  std::lock_guard<std::mutex> g(g_mu);
  return int_from_i64(g_reg.tools[size_t(tool)].events);
}

Object* mon_set_events(Object*, Object* const* args, ssize nargs) {
  if (nargs != 2) return set_errorf(&exc_TypeError, "set_events expected 2 arguments, got {}", nargs);
  int tool = tool_arg(args[0]);
  if (tool < 0) return nullptr;
  uint32_t ev;
  if (!events_arg(args[1], &ev) || !check_event_set(ev)) return nullptr;
  std::lock_guard<std::mutex> g(g_mu);
  Tool& t = g_reg.tools[size_t(tool)];
  if (!t.name) return set_errorf(&exc_ValueError, "tool {} is not in use", tool);
  t.events = expand(ev);
  changed_locked();
  return newref(none());
}

bool code_arg(Object* o) {
  if (type_of(o) == &code_type) return true;
  set_error(&exc_TypeError, "code must be a code object");
  return false;
}

Object* mon_get_local_events(Object*, Object* const* args, ssize nargs) {
  if (nargs != 2) return set_errorf(&exc_TypeError, "get_local_events expected 2 arguments, got {}", nargs);
  int tool = tool_arg(args[0]);
  if (tool < 0 || !code_arg(args[1])) return nullptr;
  std::lock_guard<std::mutex> g(g_mu);
  auto it = g_reg.local_events.find(as_code(args[1]));
  return int_from_i64(it == g_reg.local_events.end() ? 0 : it->second[size_t(tool)]);
}

Object* mon_set_local_events(Object*, Object* const* args, ssize nargs) {
  if (nargs != 3) return set_errorf(&exc_TypeError, "set_local_events expected 3 arguments, got {}", nargs);
  int tool = tool_arg(args[0]);
  if (tool < 0 || !code_arg(args[1])) return nullptr;
  uint32_t ev;
  if (!events_arg(args[2], &ev)) return nullptr;
  if (ev & ~(kDisableable | kCEvents))
    return set_errorf(&exc_ValueError, "invalid local event set 0x{:x}", ev & ~(kDisableable | kCEvents));
  if (!check_event_set(ev)) return nullptr;
  std::lock_guard<std::mutex> g(g_mu);
  if (!g_reg.tools[size_t(tool)].name) return set_errorf(&exc_ValueError, "tool {} is not in use", tool);
  CodeObject* co = as_code(args[1]);
  auto it = g_reg.local_events.find(co);
  if (it == g_reg.local_events.end()) {
    if (ev == 0) return newref(none());
    it = g_reg.local_events.emplace(co, std::array<uint32_t, kNumTools>{}).first;
    g_code_entries.store(true, std::memory_order_release);
  }
  it->second[size_t(tool)] = expand(ev);
  bool empty = true;
  for (uint32_t e : it->second) empty = empty && e == 0;
  if (empty) g_reg.local_events.erase(it);
  changed_locked();
  return newref(none());
}

Object* mon_restart_events(Object*, Object*) {
  std::lock_guard<std::mutex> g(g_mu);
  g_reg.disabled.clear();
  return newref(none());
}

Object* mon_all_events(Object*, Object*) {
  ORef d = steal(dict_new());
  if (!d) return nullptr;
  std::lock_guard<std::mutex> g(g_mu);
  for (int bit = 0; bit < kNumEvents; bit++) {
    int64_t mask = 0;
    for (int tool = 0; tool < kNumTools; tool++)
      if (g_reg.tools[size_t(tool)].events & (1u << bit)) mask |= int64_t(1) << tool;
    if (!mask) continue;
    ORef v = steal(int_from_i64(mask));
    if (!v || dict_set(d.get(), str_interned(kEventNames[bit]), v.get()) < 0) return nullptr;
  }
  return d.release();
}

#define FAST(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(f))
PyMethodDef monitoring_methods[] = {
    {"use_tool_id", FAST(mon_use_tool_id), METH_FASTCALL, nullptr},
    {"free_tool_id", mon_free_tool_id, METH_O, nullptr},
    {"get_tool", mon_get_tool, METH_O, nullptr},
    {"register_callback", FAST(mon_register_callback), METH_FASTCALL, nullptr},
    {"get_events", mon_get_events, METH_O, nullptr},
    {"set_events", FAST(mon_set_events), METH_FASTCALL, nullptr},
    {"get_local_events", FAST(mon_get_local_events), METH_FASTCALL, nullptr},
    {"set_local_events", FAST(mon_set_local_events), METH_FASTCALL, nullptr},
    {"restart_events", mon_restart_events, METH_NOARGS, nullptr},
    {"_all_events", mon_all_events, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr}};
#undef FAST

int add_int(Object* d, const char* name, int64_t v) {
  ORef o = steal(int_from_i64(v));
  return o ? dict_set(d, str_interned(name), o.get()) : -1;
}

}  // namespace

int monitoring_init(Object* sys_module) {
  ORef name = steal(str_from_utf8("sys.monitoring"));
  if (!name) return -1;
  ORef m = steal(module_new(name.get()));
  if (!m || module_add_functions(m.get(), monitoring_methods) < 0) return -1;
  Object* md = module_dict(m.get());
  ORef evd = steal(dict_new());
  if (!evd) return -1;
  for (int bit = 0; bit < kNumEvents; bit++)
    if (add_int(evd.get(), kEventNames[bit], int64_t(1) << bit) < 0) return -1;
  if (add_int(evd.get(), "NO_EVENTS", 0) < 0) return -1;
  ORef events = steal(namespace_new(evd.get()));
  if (!events || dict_set(md, str_interned("events"), events.get()) < 0) return -1;
  if (add_int(md, "DEBUGGER_ID", 0) < 0 || add_int(md, "COVERAGE_ID", 1) < 0 || add_int(md, "PROFILER_ID", 2) < 0 ||
      add_int(md, "OPTIMIZER_ID", 5) < 0)
    return -1;
  if (!g_disable) {
    g_disable = call(reinterpret_cast<Object*>(&object_type), nullptr, 0, nullptr);
    g_missing = call(reinterpret_cast<Object*>(&object_type), nullptr, 0, nullptr);
    if (!g_disable || !g_missing) return -1;
  }
  if (dict_set(md, str_interned("DISABLE"), g_disable) < 0 || dict_set(md, str_interned("MISSING"), g_missing) < 0)
    return -1;
  return dict_set(module_dict(sys_module), str_interned("monitoring"), m.get());
}

}  // namespace pyvm::instrument
