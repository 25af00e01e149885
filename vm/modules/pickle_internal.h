// Shared declarations of the _pickle module's three files: pickle_module.cc (module state, PickleBuffer, the
// module functions), pickle_pickler.cc (Pickler and its memo proxy) and pickle_unpickler.cc (Unpickler and its memo
// proxy).
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "objects/buffer.h"
#include "objects/object.h"
#include "vm/sync/mutex.h"

namespace pyvm::pickle {

// Opcodes of protocols 0-5, declared once (pickletools documents each).
enum Opcode : uint8_t {
  kMark = '(',
  kStop = '.',
  kPop = '0',
  kPopMark = '1',
  kDup = '2',
  kFloat = 'F',
  kInt = 'I',
  kBinInt = 'J',
  kBinInt1 = 'K',
  kLong = 'L',
  kBinInt2 = 'M',
  kNone = 'N',
  kPersId = 'P',
  kBinPersId = 'Q',
  kReduce = 'R',
  kString = 'S',
  kBinString = 'T',
  kShortBinString = 'U',
  kUnicode = 'V',
  kBinUnicode = 'X',
  kAppend = 'a',
  kBuild = 'b',
  kGlobal = 'c',
  kDict = 'd',
  kEmptyDict = '}',
  kAppends = 'e',
  kGet = 'g',
  kBinGet = 'h',
  kInst = 'i',
  kLongBinGet = 'j',
  kList = 'l',
  kEmptyList = ']',
  kObj = 'o',
  kPut = 'p',
  kBinPut = 'q',
  kLongBinPut = 'r',
  kSetItem = 's',
  kTuple = 't',
  kEmptyTuple = ')',
  kSetItems = 'u',
  kBinFloat = 'G',
  kProto = 0x80,
  kNewObj = 0x81,
  kExt1 = 0x82,
  kExt2 = 0x83,
  kExt4 = 0x84,
  kTuple1 = 0x85,
  kTuple2 = 0x86,
  kTuple3 = 0x87,
  kNewTrue = 0x88,
  kNewFalse = 0x89,
  kLong1 = 0x8a,
  kLong4 = 0x8b,
  kBinBytes = 'B',
  kShortBinBytes = 'C',
  kShortBinUnicode = 0x8c,
  kBinUnicode8 = 0x8d,
  kBinBytes8 = 0x8e,
  kEmptySet = 0x8f,
  kAddItems = 0x90,
  kFrozenSet = 0x91,
  kNewObjEx = 0x92,
  kStackGlobal = 0x93,
  kMemoize = 0x94,
  kFrame = 0x95,
  kByteArray8 = 0x96,
  kNextBuffer = 0x97,
  kReadonlyBuffer = 0x98,
};

constexpr int kHighestProtocol = 5;
constexpr int kDefaultProtocol = 4;
constexpr ssize kBatchSize = 1000;
constexpr ssize kFrameSizeMin = 4;
constexpr ssize kFrameSizeTarget = 64 * 1024;
constexpr ssize kFrameHeaderSize = 9;

// Process-wide module state, filled once by the first import of _pickle and never freed (every import shares it;
// CPython keeps one per module object). The dicts are the ones copyreg and _compat_pickle own, so their changes
// (copyreg.add_extension, ...) are seen at once.
struct State {
  Object* pickle_error;
  Object* pickling_error;
  Object* unpickling_error;
  Object* dispatch_table;       // copyreg.dispatch_table
  Object* extension_registry;   // copyreg._extension_registry: (module, name) -> code
  Object* inverted_registry;    // copyreg._inverted_registry: code -> (module, name)
  Object* extension_cache;      // copyreg._extension_cache: code -> object
  Object* name_mapping_2to3;    // _compat_pickle.NAME_MAPPING
  Object* import_mapping_2to3;  // _compat_pickle.IMPORT_MAPPING
  Object* name_mapping_3to2;    // _compat_pickle.REVERSE_NAME_MAPPING
  Object* import_mapping_3to2;  // _compat_pickle.REVERSE_IMPORT_MAPPING
  Object* codecs_encode;        // codecs.encode (bytes at protocols < 3)
  Object* getattr;              // builtins.getattr (nested names at protocols < 4)
  Object* partial;              // functools.partial (__newobj_ex__ at protocols 2 and 3)
  Object* escape_decode;        // codecs.escape_decode (the STRING opcode)
};
extern State g_state;

inline Type* pickling_error() { return reinterpret_cast<Type*>(g_state.pickling_error); }
inline Type* unpickling_error() { return reinterpret_cast<Type*>(g_state.unpickling_error); }

extern Type picklebuffer_type;
extern Type pickler_type;
extern Type pickler_memoproxy_type;
extern Type unpickler_type;
extern Type unpickler_memoproxy_type;

// The buffer a PickleBuffer wraps: a new reference to the exporter after checking the PickleBuffer was not
// released (ValueError "operation forbidden on released PickleBuffer object"); *view is borrowed from it.
[[nodiscard]] const Py_buffer* picklebuffer_view(Object* pb);

// Looks up `name` on `self` as CPython's pickler does for persistent_id, reducer_override, persistent_load and
// find_class: null (no error) when absent or when it is the built-in method `dflt` of the base type bound to self.
// -1 with an error.
[[nodiscard]] int lookup_override(Object* self, const char* name, PyCFunction dflt, Object** out);

// Splits dotted `name` and follows it from `obj` (pickle's _getattribute): the object, and in *parent the object
// it was found on. AttributeError "Can't get [local] attribute ..." as pickle.py.
[[nodiscard]] Object* get_dotted_attribute(Object* obj, Object* name, Object** parent);

// Parses a tp_init / tp_new call's (args, kwargs) as parse_args does for a fastcall.
[[nodiscard]] bool parse_tuple_dict(const char* fname, Object* args, Object* kwargs,
                                    std::initializer_list<const char*> names, int required, Object** out,
                                    int max_positional = -1);

// ---- Object layouts shared by the Saver/Loader files and the type definitions in pickle_module.cc ----

// Serialises the use of a pickler's or unpickler's C++ state: the object's critical section is held for the whole
// operation, so threads sharing the object take turns. A critical section is released while its thread blocks (a
// file's write() or read() doing I/O), so the owner word (`owner`: the thread inside, or 0) backs it up: a second
// thread that gets in during such a block raises RuntimeError "<what> is being used by another thread" instead of
// touching the state. Re-entry by the owning thread (persistent_id calling dump() again) nests.
class UseGuard {
 public:
  UseGuard(Object* obj, uintptr_t* owner, int* depth, const char* what);
  ~UseGuard() {
    if (ok_ && --*depth_ == 0) __atomic_store_n(owner_, uintptr_t{0}, __ATOMIC_RELEASE);
  }
  UseGuard(const UseGuard&) = delete;
  UseGuard& operator=(const UseGuard&) = delete;
  bool ok() const { return ok_; }

 private:
  sync::CriticalSection cs_;
  uintptr_t* owner_;
  int* depth_;
  bool ok_ = false;
};

// The pickler's memo: object identity -> memo index, open addressing on the pointer (entries are only added, or all
// cleared). Each key holds a reference.
class MemoTable {
 public:
  struct Entry {
    Object* key;
    ssize value;
  };
  MemoTable() = default;
  MemoTable(const MemoTable&) = delete;
  MemoTable& operator=(const MemoTable&) = delete;
  ~MemoTable() { clear(); }

  ssize size() const { return used_; }
  const ssize* find(Object* key) const {
    if (used_ == 0) return nullptr;
    for (size_t i = slot(key);; i = (i + 1) & mask_) {
      const Entry& e = table_[i];
      if (e.key == key) return &e.value;
      if (!e.key) return nullptr;
    }
  }
  // Sets key's index (taking a reference to a new key).
  void set(Object* key, ssize value);
  // Drops every entry; the references go after the table is empty (a finaliser may look at the memo).
  void clear();
  template <class F>
  void for_each(F f) const {
    for (const Entry& e : table_)
      if (e.key) f(e.key, e.value);
  }

 private:
  size_t slot(const Object* key) const {
    return size_t((uint64_t(reinterpret_cast<uintptr_t>(key)) >> 4) * 0x9E3779B97F4A7C15ULL >> shift_) & mask_;
  }
  void grow();
  std::vector<Entry> table_;
  size_t mask_ = 0;
  int shift_ = 64;
  ssize used_ = 0;
};

// The pickler's C++ state: the memo and the output being built.
struct PicklerState {
  MemoTable memo;
  std::string out;
  ssize frame_start = -1;  // where the current frame's header placeholder sits, or -1 outside a frame
};

struct PicklerObject {
  PyObject ob_base;
  PicklerState* st;
  Object* write;             // file.write, or null for dumps() / before __init__
  Object* dispatch_table;    // the pickler's own dispatch table, or null for copyreg's
  Object* buffer_callback;   // or null
  Object* fast_memo;         // dict of ids, fast mode only
  Object* pers_func;         // persistent_id when overridden, else null
  Object* reducer_override;  // during dump() only
  int proto;
  int bin;
  int fast;
  int fix_imports;
  int framing;
  int fast_nesting;
  uintptr_t owner;  // see UseGuard
  int owner_depth;
};

inline PicklerObject* PK(Object* o) { return reinterpret_cast<PicklerObject*>(o); }

constexpr ssize kSsizeMax = ssize(~size_t(0) >> 1);
// Memo indices below this go in a dense array; larger ones (rare, and a fuzzer's favourite) in a map.
constexpr size_t kDenseMemoLimit = size_t(1) << 20;

struct UnpicklerState {
  std::vector<Object*> stack;                       // owned references
  std::vector<ssize> marks;                         // stack sizes at each MARK
  std::vector<Object*> memo;                        // owned; null = empty slot
  std::unordered_map<size_t, Object*> memo_sparse;  // owned
  ssize memo_len = 0;                               // filled slots (MEMOIZE's next index)
  std::string encoding = "ASCII";
  std::string errors = "strict";
  // The input window: a held buffer (loads) or the last chunk read from the file.
  Py_buffer input{};
  bool input_held = false;
  std::string chunk;
  const char* buf = nullptr;
  ssize len = 0;
  ssize pos = 0;

  ssize fence() const { return marks.empty() ? 0 : marks.back(); }

  void clear_stack(ssize to) {
    while (ssize(stack.size()) > to) {
      Object* o = stack.back();
      stack.pop_back();
      decref(o);
    }
  }
  void clear_memo() {
    std::vector<Object*> old;
    old.swap(memo);
    std::unordered_map<size_t, Object*> old_sparse;
    old_sparse.swap(memo_sparse);
    memo_len = 0;
    for (Object* o : old) xdecref(o);
    for (auto& [k, v] : old_sparse) decref(v);
  }
  Object* memo_get(size_t idx) {
    if (idx < memo.size()) return memo[idx];
    auto it = memo_sparse.find(idx);
    return it == memo_sparse.end() ? nullptr : it->second;
  }
  void memo_put(size_t idx, Object* value) {  // borrows value
    incref(value);
    Object* old = nullptr;
    if (idx < kDenseMemoLimit) {
      if (idx >= memo.size()) memo.resize(std::max(idx + 1, memo.size() * 2), nullptr);
      old = memo[idx];
      memo[idx] = value;
    } else {
      auto [it, inserted] = memo_sparse.emplace(idx, value);
      if (!inserted) {
        old = it->second;
        it->second = value;
      }
    }
    if (old) {
      decref(old);
    } else {
      memo_len++;
    }
  }
  void release_input() {
    if (input_held) release_buffer(&input);
    input_held = false;
    buf = nullptr;
    len = pos = 0;
    chunk.clear();
  }
};

struct UnpicklerObject {
  PyObject ob_base;
  UnpicklerState* st;
  Object* read;
  Object* readline;
  Object* readinto;
  Object* peek;
  Object* buffers;    // iterator over out-of-band buffers, or null
  Object* pers_func;  // persistent_load when overridden, else null
  int proto;
  int fix_imports;
  uintptr_t owner;
  int owner_depth;
};

inline UnpicklerObject* UP(Object* o) { return reinterpret_cast<UnpicklerObject*>(o); }

// pickle_pickler.cc: one dump into the pickler's buffer (PROTO, the object, STOP, the last frame committed), and
// the hand-over of the buffer to file.write(). The caller holds the pickler's UseGuard (or owns the pickler).
[[nodiscard]] int pickler_dump_into(PicklerObject* p, Object* obj);
[[nodiscard]] int pickler_flush(PicklerObject* p);
// pickle_unpickler.cc: one load() from the unpickler's input; `find_class` is a subclass's override or null.
[[nodiscard]] Object* unpickler_run(UnpicklerObject* u, Object* find_class);
// The default find_class: the Python 2 name mappings, the import, and the (dotted, protocol 4+) attribute lookup.
[[nodiscard]] Object* default_find_class(UnpicklerObject* u, Object* module_name, Object* global_name);

// The module functions (pickle_module.cc).
[[nodiscard]] Object* module_dump(Object*, Object* const* args, ssize nargs, Object* kwnames);
[[nodiscard]] Object* module_dumps(Object*, Object* const* args, ssize nargs, Object* kwnames);
[[nodiscard]] Object* module_load(Object*, Object* const* args, ssize nargs, Object* kwnames);
[[nodiscard]] Object* module_loads(Object*, Object* const* args, ssize nargs, Object* kwnames);

}  // namespace pyvm::pickle
