// The command line: `pyvm FILE.pyc [ARGS...]`, `pyvm --version`; uncaught exceptions and SystemExit.
#include "vm/pyvm_main.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/function.h"
#include "vm/import.h"
#include "vm/interp.h"
#include "vm/marshal.h"
#include "vm/modules/modules.h"
#include "vm/runtime.h"
#include "vm/sysmodule.h"
#include "vm/sync/mutex.h"
#include "vm/threads.h"
#include "vm/traceback.h"
#include <unistd.h>

namespace pyvm {

constexpr const char* kVersion = "pyvm 0.1.0 (CPython 3.13 bytecode, free-threaded)";

// Prints the current exception like CPython's default excepthook and returns the exit status.
static int handle_uncaught() {
  ORef exc = steal(error_take());
  if (!exc) return 1;
  if (type_check(exc.get(), &exc_SystemExit)) {
    Object* code = as_exc(exc.get())->value;
    if (!code || code == none()) return 0;
    if (type_check(code, &int_type)) {
      int ovf = 0;
      int64_t v = int_as_i64(code, &ovf);
      return ovf ? -1 : int(v);
    }
    std::string s;
    if (!object_str_utf8(code, &s)) error_clear();
    std::fflush(stdout);
    std::fprintf(stderr, "%s\n", s.c_str());
    return 1;
  }
  Object* hook = sys_get("excepthook");
  Object* builtin_hook = sys_get("__excepthook__");
  if (hook && hook != builtin_hook && hook != none()) {
    // A Python-level sys.excepthook gets the exception; if it fails, both errors are printed (as CPython does).
    ORef keep = borrow(hook);
    Object* tb = as_exc(exc.get())->traceback;
    Object* args[3] = {reinterpret_cast<Object*>(type_of(exc.get())), exc.get(), tb ? tb : none()};
    ORef r = steal(call(hook, args, 3, nullptr));
    if (r) return 1;
    ORef hook_exc = steal(error_take());
    std::fflush(stdout);
    std::fputs("Error in sys.excepthook:\n", stderr);
    if (hook_exc) std::fputs(format_exception(hook_exc.get()).c_str(), stderr);
    std::fputs("\nOriginal exception was:\n", stderr);
  }
  std::string out = format_exception(exc.get());
  std::fflush(stdout);
  std::fputs(out.c_str(), stderr);
  if (type_check(exc.get(), &exc_KeyboardInterrupt)) {
    // Like CPython, leave through SIGINT's default action so that the parent sees the interrupt (status 130).
    std::fflush(stderr);
    std::signal(SIGINT, SIG_DFL);
    std::raise(SIGINT);
    return 128 + SIGINT;
  }
  return 1;
}

// Calls threading._shutdown() if the program imported threading (CPython's wait_for_thread_shutdown); an error in
// it is reported as unraisable.
static void wait_for_thread_shutdown() {
  Object* threading = nullptr;
  if (dict_get_str(sys_modules(), "threading", &threading) <= 0) {
    error_clear();
    return;
  }
  ORef mod = steal(threading);
  ORef r = steal(call_method0(mod.get(), str_interned("_shutdown")));
  if (!r) write_unraisable(nullptr);
}

static int usage() {
  std::fputs("usage: pyvm [--version] FILE.pyc [ARGS...]\n       pyvm --verify FILE.pyc...\n", stderr);
  return 2;
}

int pyvm_main(int argc, char** argv) {
  if (argc < 2) return usage();
  if (std::strcmp(argv[1], "--version") == 0 || std::strcmp(argv[1], "-V") == 0) {
    std::printf("%s\n", kVersion);
    return 0;
  }
  if (std::strcmp(argv[1], "--verify") == 0) {
    // Loads and verifies each .pyc without running it; prints one line per rejected file.
    if (runtime_init() < 0) return 1;
    int bad = 0;
    for (int i = 2; i < argc; i++) {
      ORef code = steal(load_pyc_file(argv[i]));
      if (code) continue;
      bad++;
      ORef exc = steal(error_take());
      std::string msg;
      if (!exc || !object_str_utf8(exc.get(), &msg)) msg = "cannot load file";
      std::fprintf(stderr, "pyvm: %s: %s\n", argv[i], msg.c_str());
    }
    std::printf("%d verified, %d rejected\n", argc - 2 - bad, bad);
    return bad ? 1 : 0;
  }
  if (argv[1][0] == '-') return usage();
  sync::enable_single_threaded_mode();  // until the program starts a second thread (vm/sync/mutex.h)
  if (runtime_init() < 0) return 1;
  thread_attach();  // the main thread's state
  if (sys_init(argc, argv, builtins_module()) < 0) {
    std::fputs("pyvm: failed to initialise sys\n", stderr);
    return 1;
  }
  const char* path = argv[1];
  {
    // sys.path[0] is the script's folder (symlinks resolved, as CPython does).
    std::string script_dir;
    if (char* real = realpath(path, nullptr)) {
      script_dir = real;
      std::free(real);
      size_t slash = script_dir.rfind('/');
      script_dir = slash == 0 ? "/" : script_dir.substr(0, slash);
    }
    if (import_init(find_stdlib_dir(), script_dir) < 0) {
      std::fputs("pyvm: failed to initialise the import system\n", stderr);
      return handle_uncaught();
    }
  }
  ORef code = steal(load_pyc_file(path));
  if (!code) {
    ORef exc = steal(error_take());
    std::string msg;
    if (!exc || !object_str_utf8(exc.get(), &msg)) msg = "cannot load file";
    std::fprintf(stderr, "pyvm: %s: %s\n", path, msg.c_str());
    return 1;
  }
  ORef main_mod = steal(module_new(strs::main));
  if (!main_mod) return handle_uncaught();
  Object* globals = module_dict(main_mod.get());
  if (dict_set(sys_modules(), strs::main, main_mod.get()) < 0) return handle_uncaught();
  // __main__ sees the builtins module itself, other modules its dict (as CPython).
  if (dict_set(globals, strs::builtins, builtins_module()) < 0) return handle_uncaught();
  ORef file = steal(str_from_utf8(path));
  if (!file || dict_set(globals, strs::file, file.get()) < 0) return handle_uncaught();
  (void)argv;
  ORef r = steal(eval_code(code.get(), globals, globals));
  int status = 0;
  if (!r) status = handle_uncaught();
  // Like CPython's finalisation: wait for the non-daemon threads (threading._shutdown), then run the exit functions,
  // all after the uncaught exception (or SystemExit) was handled.
  wait_for_thread_shutdown();
  atexit_run_callbacks();
  io_flush_at_exit();
  std::fflush(stdout);
  std::fflush(stderr);
  // Daemon threads may still be running Python code: leave without running C++ static destructors under them.
  if (registered_thread_count() > 1) _exit(status & 0xff);
  return status;
}

}  // namespace pyvm
