// Shared by the embedding sources (embed_*.cc, import_*.cc, lifecycle.cc). Owner: capi-a.
#pragma once

namespace pyvm::capi {

// Prints the current exception as for an uncaught one (sys.excepthook) and clears it; SystemExit exits the process.
void print_uncaught();
// Whether Py_Initialize has run (PyImport_AppendInittab is refused afterwards).
bool runtime_initialized();

}  // namespace pyvm::capi
