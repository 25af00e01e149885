// Shared declarations of the _pickle module's three files: pickle_module.cc (module state, PickleBuffer, the
// module functions), pickle_pickler.cc (Pickler and its memo proxy) and pickle_unpickler.cc (Unpickler and its memo
// proxy).
#pragma once

#include <cstdint>

#include "objects/object.h"

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

// The module functions (pickle_pickler.cc and pickle_unpickler.cc).
[[nodiscard]] Object* module_dump(Object*, Object* const* args, ssize nargs, Object* kwnames);
[[nodiscard]] Object* module_dumps(Object*, Object* const* args, ssize nargs, Object* kwnames);
[[nodiscard]] Object* module_load(Object*, Object* const* args, ssize nargs, Object* kwnames);
[[nodiscard]] Object* module_loads(Object*, Object* const* args, ssize nargs, Object* kwnames);

}  // namespace pyvm::pickle
