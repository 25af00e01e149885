// Pieces of the _thread module that live in separate files (thread_start.cc, thread_locals.cc).
#pragma once

#include "objects/object.h"

namespace pyvm {

// Adds start_new_thread, start_joinable_thread, _ThreadHandle, _shutdown, _count, stack_size ... to `module`.
[[nodiscard]] int thread_start_init(Object* module);
// Adds _local to `module`.
[[nodiscard]] int thread_locals_init(Object* module);
// Drops the calling thread's dicts of every live _thread._local (called by a Python thread as it ends).
void thread_local_clear_current();
// Threads started through _thread that have not finished.
int threads_running();

// os.fork (vm/modules/posix_fork.cc): the handle lists' mutexes are held across fork(); in the child, the handles
// of every thread but the caller's are marked done (nothing left to join) and the shutdown list keeps only ours.
void thread_handles_fork_prepare();
void thread_handles_fork_parent();
void thread_handles_fork_child();

}  // namespace pyvm
