// Code objects: the unit of compiled bytecode, as unmarshalled from a CPython 3.13 .pyc.
#pragma once

#include <cstdint>
#include <vector>

#include "objects/object.h"

namespace pyvm {

// co_flags bits (CPython 3.13 values).
constexpr int kCoOptimized = 0x1;
constexpr int kCoNewLocals = 0x2;
constexpr int kCoVarargs = 0x4;
constexpr int kCoVarkeywords = 0x8;
constexpr int kCoNested = 0x10;
constexpr int kCoGenerator = 0x20;
constexpr int kCoNoFree = 0x40;
constexpr int kCoCoroutine = 0x80;
constexpr int kCoIterableCoroutine = 0x100;
constexpr int kCoAsyncGenerator = 0x200;

// co_localspluskinds bits.
constexpr uint8_t kFastLocal = 0x20;
constexpr uint8_t kFastCell = 0x40;
constexpr uint8_t kFastFree = 0x80;
constexpr uint8_t kFastHidden = 0x10;

// Opaque to extensions (DESIGN.md): our own layout. Immutable after creation except `instrs`, which the
// interpreter may quicken with atomic 16-bit stores.
struct CodeObject {
  PyObject ob_base;
  int argcount, posonlyargcount, kwonlyargcount, stacksize, flags, firstlineno;
  int nlocalsplus;  // len(localsplusnames)
  int nlocals, ncellvars, nfreevars;
  Object* code;             // bytes: co_code as loaded
  Object* consts;           // tuple
  Object* names;            // tuple of str
  Object* localsplusnames;  // tuple of str
  Object* localspluskinds;  // bytes
  Object* filename;         // str
  Object* name;             // str
  Object* qualname;         // str
  Object* linetable;        // bytes
  Object* exceptiontable;   // bytes
  uint16_t* instrs;         // the code units (a private copy)
  ssize ninstrs;            // number of 16-bit code units
  Object* weakreflist;
  void* instrument_data;  // line table for tracing (vm/instrument.cc), built on first use; null until then
  // Made through the C-API with an empty co_code (code_new's allow_empty), as Cython makes the code objects it only
  // shows in tracebacks and __code__: there are no instructions, so function_new refuses to make it runnable.
  bool no_bytecode;
  // Extensions' per-code data (PyUnstable_Code_SetExtra): a CodeExtra (code.cc), null until the first value is set.
  // See code_extra_set for who writes it.
  void* extra;
  // LOAD_GLOBAL's cache (vm/global_cache.h): the number of sites, and their entries (null until the first fill).
  uint32_t nglobal_sites;
  void* global_cache;
  // LOAD_ATTR's cache (vm/attr_cache.h): the same for its sites.
  uint32_t nattr_sites;
  void* attr_cache;
};

inline CodeObject* as_code(Object* o) { return reinterpret_cast<CodeObject*>(o); }

// Builds a code object from the fields in marshal order. Borrows every object argument. Validates the shapes
// (types of each field, code length even, kinds length == names length) and raises ValueError when they are
// inconsistent, so a corrupt .pyc cannot produce a code object that would crash the interpreter. With allow_empty
// an empty `code` is accepted and gives a code object that cannot run (no_bytecode); any other code is verified.
// The tuples' string items are interned in place: pass tuples nobody else holds yet.
[[nodiscard]] Object* code_new(int argcount, int posonlyargcount, int kwonlyargcount, int stacksize, int flags,
                               Object* code, Object* consts, Object* names, Object* localsplusnames,
                               Object* localspluskinds, Object* filename, Object* name, Object* qualname,
                               int firstlineno, Object* linetable, Object* exceptiontable, bool allow_empty = false);

// co_localsplusnames and co_localspluskinds from co_varnames, co_cellvars and co_freevars (tuples of str), as
// CPython's code constructors build them: a cell variable that is also a local shares its slot. New references;
// false with an error set on failure.
[[nodiscard]] bool code_localsplus_from_vars(Object* varnames, Object* cellvars, Object* freevars, ORef* names,
                                             ORef* kinds);
// The co_varnames / co_cellvars / co_freevars tuple of `co` (the names whose kind has `kind`). New reference.
[[nodiscard]] Object* code_names_with_kind(CodeObject* co, uint8_t kind);

// The source line for the instruction at code-unit index `index` (from the 3.13 location table); -1 if none.
int code_addr_to_line(CodeObject* co, int index);
// The line of every code unit (-1 where none), in one pass over the location table.
std::vector<int32_t> code_line_array(CodeObject* co);
// Full position info: line, end line, column, end column (-1 when unknown).
bool code_addr_to_location(CodeObject* co, int index, int* line, int* end_line, int* col, int* end_col);

// ---- extensions' data on code objects (PyUnstable_Eval_RequestCodeExtraIndex, PyUnstable_Code_Get/SetExtra) ----
//
// Thread contract. Indices are handed out under a process-wide mutex; the free function of index i is written
// once, before the count of indices is raised past i (release), so whoever reads the count (acquire) sees the free
// functions of every index below it. A code object's CodeExtra block is replaced (grown) and its slots written only
// under the code object's critical section; readers (code_extra_get) take no lock: they load the block and the slot
// with acquire, and a replaced block is freed through QSBR (release_deferred_raw), so a reader never sees freed
// memory. As in CPython, a value that one thread replaces (its free function runs on it) while another thread still
// uses it is the extension's business.

constexpr ssize kMaxCodeExtraIndices = 255;
// A new index whose values `free` (may be null) releases when they are replaced or their code object dies; -1, with
// no error set, once kMaxCodeExtraIndices have been handed out.
ssize code_extra_request_index(void (*free)(void*));
// How many indices have been handed out (valid indices are below it).
ssize code_extra_count();
// The value stored under `index` in `co`; null when none was set (or for any index not handed out).
void* code_extra_get(CodeObject* co, ssize index);
// Stores `value` (may be null) under `index`, which the caller has checked is below code_extra_count(); the index's
// free function runs on the value replaced. -1 with MemoryError.
[[nodiscard]] int code_extra_set(CodeObject* co, ssize index, void* value);

}  // namespace pyvm
