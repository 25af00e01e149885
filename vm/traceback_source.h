// The source lines and caret lines under each "File ..." line of a traceback, as CPython 3.13 prints them.
#pragma once

#include <string>

namespace pyvm {

// The block printed under `  File "...", line N, in f` for an instruction at lines [lineno, end_lineno] and UTF-8
// byte columns [col, end_col) of `filename` (any of them -1 when the location table has none): the source lines,
// dedented and indented by four spaces, with the `~~~^^^` lines that CPython's traceback module derives from the
// location. Empty when the source cannot be read.
std::string traceback_source_block(const std::string& filename, int lineno, int end_lineno, int col, int end_col);

// Keeps `text` as the source of `filename` for tracebacks (the interactive prompt's "<stdin>", whose lines cannot
// be read back from a file). Replaces what was registered for that name before.
void traceback_register_source(const std::string& filename, std::string text);

}  // namespace pyvm
