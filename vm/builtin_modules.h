// The registry of modules compiled into pyvm (sys.builtin_module_names): each is created on first import.
#pragma once

#include "objects/object.h"

namespace pyvm {

struct BuiltinModuleDef {
  const char* name;
  // Creates the module object (new reference), or returns null with an exception set.
  Object* (*create)();
};

// The table, sorted by name; ends with {nullptr, nullptr}. Defined in vm/builtin_modules.cc: add a row there for
// each module in vm/modules/.
extern const BuiltinModuleDef kBuiltinModules[];

// The registered module called `name`, or null when there is none.
const BuiltinModuleDef* find_builtin_module(std::string_view name);

// Imports the built-in module `name`: the entry in sys.modules, else a freshly created module that is stored there
// (when two threads race, both get the one stored first). Returns a new reference; null with ModuleNotFoundError
// raised (CPython's message) when no such built-in module exists, or with the creator's exception.
[[nodiscard]] Object* import_builtin_module(Object* name);

}  // namespace pyvm
