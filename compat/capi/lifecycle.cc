// Starting the runtime from C (embedding) and the command-line entry point. Owner: core.
#include "Python.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>

#include "vm/compiler/compile.h"
#include "vm/import.h"
#include "vm/pyvm_main.h"
#include "vm/runtime.h"
#include "vm/sysmodule.h"
#include "vm/threads.h"

namespace {
std::atomic<bool> g_initialized{false};
}

extern "C" {

void Py_InitializeEx(int /*initsigs*/) {
  if (g_initialized.load(std::memory_order_acquire)) return;
  pyvm::install_source_compiler();
  if (pyvm::runtime_init() < 0) {
    std::fputs("Fatal Python error: Py_Initialize: the runtime failed to start\n", stderr);
    std::abort();
  }
  pyvm::thread_attach();
  static char arg0[] = "";
  static char* argv[] = {arg0, nullptr};
  if (pyvm::sys_init(0, argv, pyvm::builtins_module(), nullptr) < 0 ||
      pyvm::import_init(pyvm::find_stdlib_dir(), "") < 0) {
    std::fputs("Fatal Python error: Py_Initialize: sys or the import system failed to start\n", stderr);
    std::abort();
  }
  g_initialized.store(true, std::memory_order_release);
}

void Py_Initialize(void) { Py_InitializeEx(1); }

int Py_IsInitialized(void) { return g_initialized.load(std::memory_order_acquire) ? 1 : 0; }

int Py_FinalizeEx(void) {
  // TODO(core): run atexit callbacks, flush sys.stdout/stderr, wait for non-daemon threads.
  return 0;
}

void Py_Finalize(void) { (void)Py_FinalizeEx(); }

int Py_BytesMain(int argc, char** argv) {
  pyvm::install_source_compiler();
  return pyvm::pyvm_main(argc, argv);
}

}  // extern "C"
