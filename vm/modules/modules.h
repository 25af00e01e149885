// Creators of the built-in modules in vm/modules/ (one file per module); registered in vm/builtin_modules.cc.
#pragma once

#include <string>

#include "objects/object.h"

namespace pyvm {

[[nodiscard]] Object* create_collections_module();  // _collections
[[nodiscard]] Object* create_datetime_module();  // _datetime (a private copy of _pydatetime)
[[nodiscard]] Object* create_locale_module();    // _locale
[[nodiscard]] Object* create_functools_module();  // _functools
[[nodiscard]] Object* create_codecs_module();    // _codecs
[[nodiscard]] Object* create_contextvars_module();  // _contextvars
[[nodiscard]] Object* create_csv_module();       // _csv
// Drops the calling thread's current context (ThreadState::context); a finishing thread calls it.
void context_thread_clear();
[[nodiscard]] Object* create_imp_module();       // _imp
// os.fork (posix_fork.cc) holds the import lock across fork(), as CPython does: taken (waiting detached for another
// holder) before the world stops, released in the parent, and in the child re-made and released.
void import_lock_fork_prepare();
void import_lock_fork_parent();
void import_lock_fork_child();
// The runtime's side of os.fork (posix_fork.cc, which states the contract), also behind PyOS_BeforeFork,
// PyOS_AfterFork_Parent and PyOS_AfterFork_Child: fork_before, then fork(), then exactly one of the other two.
// The caller is attached and holds no critical section.
void fork_before();
void fork_after_parent();
void fork_after_child();
[[nodiscard]] Object* create_io_module();        // _io
// builtins.open before _io is imported (the _io module then installs its own open, the same function).
[[nodiscard]] Object* builtin_io_open(Object* self, Object* const* args, ssize nargs, Object* kwnames);
// Flushes the buffered and text files still open when the program ends (after the atexit callbacks).
void io_flush_at_exit();
[[nodiscard]] Object* create_thread_module();    // _thread
[[nodiscard]] Object* create_warnings_module();  // _warnings
[[nodiscard]] Object* create_marshal_module();   // marshal
[[nodiscard]] Object* create_operator_module();  // _operator
[[nodiscard]] Object* create_typing_module();    // _typing
[[nodiscard]] Object* create_posix_module();     // posix (posix_module.cc and posix_*.cc)
[[nodiscard]] Object* create_math_module();      // math
[[nodiscard]] Object* create_cmath_module();     // cmath
[[nodiscard]] Object* create_errno_module();     // errno
[[nodiscard]] Object* create_sysconfig_module();  // _sysconfig
[[nodiscard]] Object* create_termios_module();    // termios
[[nodiscard]] Object* create_time_module();      // time
[[nodiscard]] Object* create_atexit_module();    // atexit
[[nodiscard]] Object* create_gc_module();        // gc
[[nodiscard]] Object* create_stat_module();      // _stat
[[nodiscard]] Object* create_bisect_module();    // _bisect
[[nodiscard]] Object* create_heapq_module();     // _heapq
[[nodiscard]] Object* create_queue_module();     // _queue
[[nodiscard]] Object* create_multiprocessing_module();  // _multiprocessing
[[nodiscard]] Object* create_posixshmem_module();  // _posixshmem (multiprocessing_module.cc)
[[nodiscard]] Object* create_itertools_module();  // itertools
[[nodiscard]] Object* create_weakref_module();   // _weakref
[[nodiscard]] Object* create_sre_module();       // _sre (sre_*.cc)
[[nodiscard]] Object* create_string_module();   // _string
[[nodiscard]] Object* create_opcode_module();   // _opcode
[[nodiscard]] Object* create_tokenize_module();  // _tokenize (tokenize_module.cc, on vm/compiler/tokenizer)
[[nodiscard]] Object* create_struct_module();   // _struct
[[nodiscard]] Object* create_binascii_module();  // binascii
[[nodiscard]] Object* create_zlib_module();      // zlib
[[nodiscard]] Object* create_md5_module();       // _md5 (the hash modules share hash_object.cc, hash_algos.cc)
[[nodiscard]] Object* create_sha1_module();      // _sha1
[[nodiscard]] Object* create_sha2_module();      // _sha2
[[nodiscard]] Object* create_sha3_module();      // _sha3
[[nodiscard]] Object* create_blake2_module();    // _blake2
[[nodiscard]] Object* create_array_module();     // array (array_module.cc, array_methods.cc)

// A new exception class named `dotted_name` ("module.Name", which sets __module__) deriving from `base` (a class or
// a tuple of classes), as CPython's PyErr_NewExceptionWithDoc; `doc` may be null (module_util.cc).
[[nodiscard]] Object* new_exception_class(const char* dotted_name, Object* base, const char* doc);
[[nodiscard]] Object* create_random_module();   // _random
[[nodiscard]] Object* create_sysconfigdata_module();  // _sysconfigdata_t_linux_x86_64-linux-gnu
[[nodiscard]] Object* create_select_module();   // select
[[nodiscard]] Object* create_fcntl_module();    // fcntl
[[nodiscard]] Object* create_posixsubprocess_module();  // _posixsubprocess
[[nodiscard]] Object* create_signal_module();   // _signal (constants and SIG_DFL/SIG_IGN only)
[[nodiscard]] Object* create_socket_module();   // _socket (socket_module.cc, socket_object.cc, socket_*.cc)
[[nodiscard]] Object* create_unicodedata_module();
[[nodiscard]] Object* create_pickle_module();   // _pickle (pickle_module.cc, pickle_pickler.cc, pickle_unpickler.cc)
[[nodiscard]] Object* create_json_module();     // _json (json_module.cc, json_encoder.cc)  // unicodedata (over objects/unicodedata)

// Issues a warning of `category` through _warnings (CPython's PyErr_WarnEx); -1 with an exception when the
// warning was turned into an error.
[[nodiscard]] int runtime_warn(Type* category, const char* message, int stacklevel);
// The same, optionally followed by CPython's "Enable tracemalloc to get the object allocation traceback" line
// (warnings about an object, e.g. a coroutine that was never awaited).
[[nodiscard]] int runtime_warn_ex(Type* category, const std::string& message, int stacklevel, bool tracemalloc_hint);
// Runs the functions registered with atexit (most recent first), printing their exceptions; pyvm_main calls it
// when the program ends, after any uncaught exception was reported.
void atexit_run_callbacks();
// Readies the typing types and installs the hooks they need into the interpreter; called by runtime_init.
[[nodiscard]] int typing_runtime_init();

}  // namespace pyvm
