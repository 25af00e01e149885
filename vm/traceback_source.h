// The source lines and caret lines under each "File ..." line of a traceback, as CPython 3.13 prints them.
#pragma once

#include <string>
#include <vector>

namespace pyvm {

// The block printed under `  File "...", line N, in f` for an instruction at lines [lineno, end_lineno] and UTF-8
// byte columns [col, end_col) of `filename` (any of them -1 when the location table has none): the source lines,
// dedented and indented by four spaces, with the `~~~^^^` lines that CPython's traceback module derives from the
// location. Empty when the source cannot be read.
// `code` (a code object, or null) is looked up first among the sources registered with
// traceback_register_code_source.
std::string traceback_source_block(const std::string& filename, int lineno, int end_lineno, int col, int end_col,
                                   const void* code = nullptr);

// Keeps `text` as the source of `filename` for tracebacks (the interactive prompt's "<stdin>", whose lines cannot
// be read back from a file). Replaces what was registered for that name before.
void traceback_register_source(const std::string& filename, std::string text);

// Keeps `text` as the source of the code objects `codes` (a program's top-level code and every code object nested
// in it): `pyvm -c` source, shown in tracebacks as CPython 3.13 shows it, without giving every other "<string>" code
// the same lines. The code objects must stay alive (the caller keeps them).
void traceback_register_code_source(const std::vector<const void*>& codes, std::string text);

}  // namespace pyvm
