// The pyvm command-line entry point; everything else lives in the runtime library.
#include "vm/compiler/compile.h"
#include "vm/pyvm_main.h"

// The process exits without tearing the heap down (module globals, interned strings, caches stay alive until exit,
// as in CPython without finalisation), so LeakSanitizer would report every live object. Unit tests keep leak
// checking on; only this binary turns it off.
extern "C" const char* __asan_default_options() { return "detect_leaks=0"; }

int main(int argc, char** argv) {
  pyvm::install_source_compiler();  // compile(), exec()/eval() of strings, imports of .py files, `pyvm FILE.py`
  return pyvm::pyvm_main(argc, argv);
}
