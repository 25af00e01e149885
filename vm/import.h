// The import system: CPython's own importlib (_bootstrap and _bootstrap_external, loaded from the installed
// CPython 3.13 standard library) driven by a C++ __import__ with CPython's semantics.
#pragma once

#include <string>

#include "objects/object.h"

namespace pyvm {

// The CPython 3.13 standard library folder: $PYVM_STDLIB, else found next to the reference CPython
// ($PYVM_CPYTHON, then pyenv's 3.13.0, then /usr/local and /usr). Empty when none is found.
std::string find_stdlib_dir();

// Fills sys.path and the import-related sys attributes, then loads importlib's bootstrap from `stdlib` and
// installs its finders (sys.meta_path, sys.path_hooks). With an empty `stdlib` only built-in modules can be
// imported. `script_dir` (may be empty) becomes sys.path[0]. Returns -1 with an exception set on failure.
[[nodiscard]] int import_init(const std::string& stdlib, const std::string& script_dir);

// __import__(name, globals, locals, fromlist, level) with CPython's semantics (PyImport_ImportModuleLevelObject):
// relative names are resolved from globals' __package__/__spec__/__name__, sys.modules is consulted first, then
// importlib's _find_and_load; `fromlist` decides between the top-level package and the module itself. globals,
// locals and fromlist may be null.
[[nodiscard]] Object* import_module_level(Object* name, Object* globals, Object* locals, Object* fromlist,
                                          int level);
// IMPORT_NAME: builtins.__import__ of the frame (the C import when it is the default one, else a call to the
// replacement with (name, globals, locals, fromlist, level)).
struct Frame;
[[nodiscard]] Object* import_name(Frame* f, Object* name, Object* fromlist, Object* level);
// IMPORT_FROM: module.name, else sys.modules["<module>.<name>"] (a submodule mid-import), else CPython's ImportError
// ("cannot import name 'x' from 'm' (path)", or "... partially initialized module ..." during a circular import).
[[nodiscard]] Object* import_from(Object* module, Object* name);
// import NAME (absolute, no fromlist): the top-level module for dotted names, like `import a.b`.
[[nodiscard]] Object* import_module(const char* name);

}  // namespace pyvm
