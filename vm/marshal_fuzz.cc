// libFuzzer entry point for the marshal and .pyc loader (tools/fuzz_marshal): every input must load or raise.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "objects/errors.h"
#include "objects/object.h"
#include "vm/marshal.h"
#include "vm/runtime.h"

namespace {

// Drops the result and the exception, and aborts (a finding) when the loader breaks its contract: it must return
// either an object with no exception set, or null with one.
void finish(pyvm::Object* result, const char* what) {
  const bool raised = pyvm::error_occurred();
  if (result != nullptr && raised) {
    std::fprintf(stderr, "%s returned an object with an exception set\n", what);
    std::abort();
  }
  if (result == nullptr && !raised) {
    std::fprintf(stderr, "%s returned null without an exception\n", what);
    std::abort();
  }
  if (result != nullptr) {
    pyvm::decref(result);
  } else {
    pyvm::error_clear();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const bool ready = pyvm::runtime_init() == 0;
  if (!ready) std::abort();
  finish(pyvm::marshal_loads(data, size), "marshal_loads");
  finish(pyvm::load_pyc_bytes(data, size), "load_pyc_bytes");
  return 0;
}
