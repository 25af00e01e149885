// Warnings written the way CPython's default filters and showwarning print them, until pyvm has a warnings module.
#pragma once

#include <string>

namespace pyvm {

// Writes "<file>:<line>: <category>: <message>" and the source line for the running Python frame (or "sys:1" when
// none runs) to stderr, once per (message, category, line) of each module, as the default "default" action does.
// `main_only` is implied by the default filters for DeprecationWarning (shown only for code in __main__); `tracemalloc_hint`
// adds the line CPython prints for warnings that carry a source object while tracemalloc is off.
void warn_default(const char* category, const std::string& message, bool main_only, bool tracemalloc_hint);

}  // namespace pyvm
