// The pyvm command-line entry point: everything, the compiler included, lives in libpyvm.so (DESIGN.md "One
// runtime"), so extensions loaded by this process and embedders see the same runtime.
#include "Python.h"

// The process exits without tearing the heap down (module globals, interned strings, caches stay alive until exit,
// as in CPython without finalisation), so LeakSanitizer would report every live object. Unit tests keep leak
// checking on; only this binary turns it off.
extern "C" const char* __asan_default_options() { return "detect_leaks=0"; }

int main(int argc, char** argv) { return Py_BytesMain(argc, argv); }
