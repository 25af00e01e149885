// PyOS_BeforeFork, PyOS_AfterFork_Parent, PyOS_AfterFork_Child: the C-API face of os.fork's runtime steps
// (vm/modules/posix_fork.cc states their contract).
#include "Python.h"

#include "vm/modules/modules.h"

extern "C" {

void PyOS_BeforeFork(void) { pyvm::fork_before(); }
void PyOS_AfterFork_Parent(void) { pyvm::fork_after_parent(); }
void PyOS_AfterFork_Child(void) { pyvm::fork_after_child(); }
void PyOS_AfterFork(void) { pyvm::fork_after_child(); }

}  // extern "C"
