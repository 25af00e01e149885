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
};

inline CodeObject* as_code(Object* o) { return reinterpret_cast<CodeObject*>(o); }

// Builds a code object from the fields in marshal order. Borrows every object argument. Validates the shapes
// (types of each field, code length even, kinds length == names length) and raises ValueError when they are
// inconsistent, so a corrupt .pyc cannot produce a code object that would crash the interpreter.
[[nodiscard]] Object* code_new(int argcount, int posonlyargcount, int kwonlyargcount, int stacksize, int flags,
                               Object* code, Object* consts, Object* names, Object* localsplusnames,
                               Object* localspluskinds, Object* filename, Object* name, Object* qualname,
                               int firstlineno, Object* linetable, Object* exceptiontable);

// The source line for the instruction at code-unit index `index` (from the 3.13 location table); -1 if none.
int code_addr_to_line(CodeObject* co, int index);
// The line of every code unit (-1 where none), in one pass over the location table.
std::vector<int32_t> code_line_array(CodeObject* co);
// Full position info: line, end line, column, end column (-1 when unknown).
bool code_addr_to_location(CodeObject* co, int index, int* line, int* end_line, int* col, int* end_col);

}  // namespace pyvm
