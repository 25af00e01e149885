// The command line: `pyvm FILE.py|FILE.pyc [ARGS...]`, `-c CMD`, stdin, the interactive prompt, `--version`,
// `--verify`; uncaught exceptions and SystemExit.
#include "vm/signals.h"
#include "vm/pyvm_main.h"

#include <csignal>
#include <cstdio>
#include <cerrno>
#include <cstdlib>
#include <clocale>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/strings.h"
#include "objects/tuple.h"
#include "objects/types.h"
#include "vm/code.h"
#include "vm/compile_api.h"
#include "vm/function.h"
#include "vm/import.h"
#include "vm/interp.h"
#include "vm/marshal.h"
#include "vm/modules/modules.h"
#include "vm/repl.h"
#include "vm/runtime.h"
#include "vm/sysmodule.h"
#include "vm/traceback_source.h"
#include "vm/sync/mutex.h"
#include "vm/threads.h"
#include "vm/traceback.h"
#include <unistd.h>

namespace pyvm {

constexpr const char* kVersion = "pyvm 0.1.0 (CPython 3.13 bytecode, free-threaded)";

// Part of CPython's module finalisation, for __main__ only: its names are set to None, those with one leading
// underscore first, then the rest except __builtins__, so the objects only the program's globals kept alive die
// now and their __del__ methods run (with sys.is_finalizing() true). Other modules are not torn down. Errors in
// destructors are reported as unraisable, as CPython does.
static void clear_main_namespace(Object* globals) {
  ORef keys = steal(dict_keys_list(globals));
  if (!keys) {
    error_clear();
    return;
  }
  for (int pass = 0; pass < 2; pass++) {
    for (ssize i = 0; i < list_size(keys.get()); i++) {
      ORef k = steal(list_get(keys.get(), i));
      if (!k || !type_check(k.get(), &str_type)) {
        error_clear();
        continue;
      }
      std::string_view name = str_view(k.get());
      bool single_underscore = name.size() > 1 && name[0] == '_' && name[1] != '_';
      if (pass == 0 ? !single_underscore : (single_underscore || name == "__builtins__")) continue;
      if (dict_set(globals, k.get(), none()) < 0) error_clear();
    }
  }
}

// `code` and every code object in its constants, recursively.
static std::vector<const void*> nested_code_objects(Object* code) {
  std::vector<const void*> out;
  std::vector<Object*> todo{code};
  while (!todo.empty()) {
    Object* c = todo.back();
    todo.pop_back();
    out.push_back(c);
    Object* consts = as_code(c)->consts;
    for (ssize i = 0; i < tuple_size(consts); i++)
      if (type_of(tuple_get(consts, i)) == &code_type) todo.push_back(tuple_get(consts, i));
  }
  return out;
}

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
    // Written to sys.stderr with its encoding and error handler (CPython's PyFile_WriteObject + "\n"); straight to
    // fd 2 only when that fails.
    std::fflush(stdout);
    Object* err = sys_get("stderr");
    ORef text = steal(object_str(code));
    bool written = false;
    if (err && err != none() && text) {
      ORef keep = borrow(err);
      ORef r1 = steal(call_method1(err, str_interned("write"), text.get()));
      ORef nl = steal(str_from_utf8("\n"));
      ORef r2 = r1 && nl ? steal(call_method1(err, str_interned("write"), nl.get())) : ORef();
      written = bool(r2);
      if (written) {
        ORef r3 = steal(call_method0(err, str_interned("flush")));
      }
    }
    if (!written) {
      error_clear();
      std::string s;
      if (!object_str_utf8(code, &s)) error_clear();
      std::fprintf(stderr, "%s\n", s.c_str());
    }
    error_clear();
    return 1;
  }
  // sys.last_exc (and the legacy last_type, last_value, last_traceback), as CPython sets them for an uncaught
  // exception before printing it.
  if (Object* sysd = sys_module() ? module_dict(sys_module()) : nullptr) {
    Object* tb = as_exc(exc.get())->traceback;
    if (dict_set_str(sysd, "last_exc", exc.get()) < 0 || dict_set_str(sysd, "last_value", exc.get()) < 0 ||
        dict_set_str(sysd, "last_type", reinterpret_cast<Object*>(type_of(exc.get()))) < 0 ||
        dict_set_str(sysd, "last_traceback", tb ? tb : none()) < 0)
      error_clear();
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
  std::fputs("usage: pyvm [option] ... [-c cmd | file | -] [arg] ...\n"
             "       pyvm --verify FILE.pyc...\n"
             "Options: -B (no .pyc writing), -c cmd, -m mod, -i (prompt after the program), -O/-OO, -q, -u, -v,\n"
             "         -E, -s, -S, -I, -P, -b, -d, -W arg, -X opt, -V/--version\n",
             stderr);
  return 2;
}

// Verifies each .pyc without running it; prints one line per rejected file.
static int verify_files(int argc, char** argv) {
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

// Whether `path` holds bytecode: a .pyc name, or CPython 3.13's magic number at the start (as CPython decides).
static bool is_pyc(const std::string& path) {
  if (path.size() > 4 && path.compare(path.size() - 4, 4, ".pyc") == 0) return true;
  std::ifstream in(path, std::ios::binary);
  unsigned char head[4] = {};
  if (!in.read(reinterpret_cast<char*>(head), 4)) return false;
  return head[0] == (kPycMagic & 0xff) && head[1] == (kPycMagic >> 8) && head[2] == '\r' && head[3] == '\n';
}

static std::string absolute(const std::string& path) {
  if (!path.empty() && path[0] == '/') return path;
  char cwd[4096];
  if (!getcwd(cwd, sizeof cwd)) return path;
  std::string p = path;
  while (p.compare(0, 2, "./") == 0) p = p.substr(2);
  return std::string(cwd) + "/" + p;
}

struct Options {
  const char* module = nullptr;   // -m
  const char* command = nullptr;  // -c
  const char* script = nullptr;   // FILE, or "-" for stdin
  bool inspect = false;           // -i
  std::vector<std::string> argv;  // sys.argv
};

// One -X option: recorded in sys._xoptions; the ones pyvm acts on set their flags. -1 to go on, else an exit
// status.
static int x_option(const char* arg) {
  SysCliFlags& flags = sys_cli_flags();
  std::string s(arg);
  size_t eq = s.find('=');
  std::string name = s.substr(0, eq);
  std::string value = eq == std::string::npos ? "\x01" : s.substr(eq + 1);
  if (name == "dev") flags.dev_mode = 1;
  if (name == "utf8") {
    flags.utf8_mode = value == "0" ? 0 : 1;
    flags.utf8_mode_disabled = value == "0";
  }
  if (name == "gil" && value != "0") {
    if (value == "1") {
      std::fputs("pyvm: -X gil=1 is not supported: pyvm has no global interpreter lock\n", stderr);
    } else {
      std::fputs("Fatal Python error: config_read_gil: PYTHON_GIL / -X gil must be \"0\" or \"1\"\n", stderr);
    }
    return 1;
  }
  flags.xoptions.emplace_back(name, value);
  return -1;
}

// Parses the options before the program; returns -1 to go on, else an exit status.
static int parse_options(int argc, char** argv, Options* o) {
  SysCliFlags& flags = sys_cli_flags();
  int i = 1;
  for (; i < argc; i++) {
    const char* a = argv[i];
    if (a[0] != '-' || std::strcmp(a, "-") == 0) break;
    if (std::strcmp(a, "--") == 0) {
      i++;
      break;
    }
    if (std::strcmp(a, "--version") == 0) {
      std::printf("%s\n", kVersion);
      return 0;
    }
    if (a[1] == '-') return usage();
    for (int k = 1; a[k]; k++) {
      char c = a[k];
      if (c == 'c' || c == 'm' || c == 'W' || c == 'X') {
        // Options with an argument: the rest of this word, or the next one.
        const char* arg = a[k + 1] ? a + k + 1 : (i + 1 < argc ? argv[++i] : nullptr);
        if (!arg) {
          std::fprintf(stderr, "Argument expected for the -%c option\n", c);
          return usage();
        }
        if (c == 'W') {
          flags.warnoptions.push_back(arg);
          break;
        }
        if (c == 'X') {
          if (int st = x_option(arg); st >= 0) return st;
          break;
        }
        if (c == 'c') {
          o->command = arg;
          o->argv.push_back("-c");
        } else {
          o->module = arg;
          o->argv.push_back("-m");
        }
        for (int j = i + 1; j < argc; j++) o->argv.push_back(argv[j]);
        return -1;
      }
      switch (c) {
        case 'V':
          std::printf("%s\n", kVersion);
          return 0;
        case 'B':
          flags.dont_write_bytecode = 1;
          break;
        case 'O':
          flags.optimize++;
          break;
        case 'i':
          o->inspect = true;
          flags.inspect = flags.interactive = 1;
          break;
        case 'q':
          flags.quiet = 1;
          break;
        case 'u':
          flags.unbuffered = 1;  // pyvm's stdout/stderr write through at once anyway
          break;
        case 'E':
          flags.ignore_environment = 1;
          break;
        case 's':
          flags.no_user_site = 1;
          break;
        case 'S':
          flags.no_site = 1;
          break;
        case 'I':
          flags.isolated = flags.ignore_environment = flags.no_user_site = flags.safe_path = 1;
          break;
        case 'P':
          flags.safe_path = 1;
          break;
        case 'b':
          flags.bytes_warning++;
          break;
        case 'd':
          flags.debug++;
          break;
        case 'v':
          flags.verbose++;
          break;
        case 'R':
          break;  // hash randomisation is on unless PYTHONHASHSEED says otherwise
        default:
          std::fprintf(stderr, "Unknown option: -%c\n", c);
          return usage();
      }
    }
  }
  if (i < argc) {
    o->script = argv[i];
    for (int j = i; j < argc; j++) o->argv.push_back(argv[j]);
  } else {
    o->argv.push_back("");
  }
  return -1;
}

// Reads a whole file (or stdin for "-") into *out; false with errno set.
static bool read_all(const char* path, std::string* out) {
  FILE* f = std::strcmp(path, "-") == 0 ? stdin : std::fopen(path, "rb");
  if (!f) return false;
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out->append(buf, n);
  bool ok = !std::ferror(f);
  if (f != stdin) std::fclose(f);
  return ok;
}

// LC_CTYPE from the environment, as CPython sets it at start-up (the other categories stay "C" until the program
// calls locale.setlocale). A C or POSIX LC_CTYPE is coerced to a UTF-8 locale and LC_CTYPE is exported for child
// processes (PEP 538), unless LC_ALL is set or PYTHONCOERCECLOCALE=0. Runs before any other thread exists.
static void init_ctype_locale() {
  const char* r = setlocale(LC_CTYPE, "");
  if (!r) return;
  std::string cur = r;
  if (cur != "C" && cur != "POSIX") return;
  const char* lc_all = std::getenv("LC_ALL");
  const char* coerce = std::getenv("PYTHONCOERCECLOCALE");
  if ((lc_all && *lc_all) || (coerce && std::strcmp(coerce, "0") == 0)) return;
  for (const char* target : {"C.UTF-8", "C.utf8", "UTF-8"}) {
    if (setlocale(LC_CTYPE, target)) {
      setenv("LC_CTYPE", target, 1);
      return;
    }
  }
}

int pyvm_main(int argc, char** argv) {
  if (argc >= 2 && std::strcmp(argv[1], "--verify") == 0) return verify_files(argc, argv);
  Options opt;
  if (int st = parse_options(argc, argv, &opt); st >= 0) return st;
  bool from_stdin = !opt.command && !opt.module && (!opt.script || std::strcmp(opt.script, "-") == 0);
  bool interactive = opt.inspect || (!opt.command && !opt.module && !opt.script && isatty(0));
  sync::enable_single_threaded_mode();  // until the program starts a second thread (vm/sync/mutex.h)
  init_ctype_locale();
  // As CPython at start-up: a write to a closed pipe fails with EPIPE (BrokenPipeError) instead of killing the
  // process; subprocess children get the default action back (restore_signals).
  std::signal(SIGPIPE, SIG_IGN);
  std::signal(SIGXFSZ, SIG_IGN);
  if (runtime_init() < 0) return 1;
  thread_attach();  // the main thread's state
  signals::init_main_thread(true);  // SIGINT raises KeyboardInterrupt, as in CPython
  if (sys_init(argc, argv, builtins_module(), &opt.argv) < 0) {
    std::fputs("pyvm: failed to initialise sys\n", stderr);
    return 1;
  }
  std::string path = opt.script && !from_stdin ? opt.script : "";
  {
    // sys.path[0] is the script's folder (symlinks resolved, as CPython does); '' (the current folder) for -c,
    // stdin and the prompt.
    std::string script_dir;
    if (!path.empty() && !sys_cli_flags().safe_path) {
      if (char* real = realpath(path.c_str(), nullptr)) {
        script_dir = real;
        std::free(real);
        size_t slash = script_dir.rfind('/');
        script_dir = slash == 0 ? "/" : script_dir.substr(0, slash);
      }
    }
    if (import_init(find_stdlib_dir(), "") < 0) {
      std::fputs("pyvm: failed to initialise the import system\n", stderr);
      return handle_uncaught();
    }
    if (sys_init_stdin() < 0) return handle_uncaught();
    // The site module (site-packages on sys.path, help(), copyright ...) unless -S, as CPython does at start-up,
    // before sys.path[0] is added.
    if (!sys_cli_flags().no_site) {
      ORef site = steal(import_module_level(str_interned("site"), nullptr, nullptr, nullptr, 0));
      if (!site) return handle_uncaught();
    }
    if (!sys_cli_flags().safe_path) {
      // sys.path[0]: the script's folder; -m: the current folder as an absolute path; -c, stdin, the prompt: ''.
      std::string first = script_dir;
      if (path.empty() && opt.module) {
        char cwd[4096];
        if (getcwd(cwd, sizeof cwd)) first = cwd;
      }
      bool add = path.empty() || !script_dir.empty();
      ORef s0 = steal(str_from_utf8(first));
      Object* sys_path = sys_get("path");
      if (!s0 || !sys_path || (add && list_insert(sys_path, 0, s0.get()) < 0)) return handle_uncaught();
    }
  }
  ORef code;
  std::string file_attr;  // __main__.__file__, when the program is a file
  if (!path.empty()) {
    if (is_pyc(path)) {
      code = steal(load_pyc_file(path.c_str()));
      if (!code) {
        ORef exc = steal(error_take());
        std::string msg;
        if (!exc || !object_str_utf8(exc.get(), &msg)) msg = "cannot load file";
        std::fprintf(stderr, "pyvm: %s: %s\n", path.c_str(), msg.c_str());
        return 1;
      }
      file_attr = path;
    } else {
      std::string src;
      file_attr = absolute(path);
      if (!read_all(path.c_str(), &src)) {
        int err = errno;
        std::fprintf(stderr, "%s: can't open file '%s': [Errno %d] %s\n", argv[0], file_attr.c_str(), err,
                     std::strerror(err));
        return 2;
      }
      ORef fname = steal(str_from_utf8(file_attr));
      if (!fname) return handle_uncaught();
      code = steal(compile_text(src.data(), src.size(), fname.get(), kModeExec, kCfRunFile, -1));
    }
  } else if (opt.command || (from_stdin && !interactive)) {
    std::string src;
    if (opt.command) {
      src = opt.command;
      src += '\n';
    } else if (!read_all("-", &src)) {
      std::fputs("pyvm: cannot read standard input\n", stderr);
      return 1;
    }
    ORef fname = steal(str_from_utf8(opt.command ? "<string>" : "<stdin>"));
    if (!fname) return handle_uncaught();
    code = steal(compile_text(src.data(), src.size(), fname.get(), kModeExec, 0, -1));
    // CPython 3.13 shows the lines of a -c program in its tracebacks.
    if (code && opt.command) traceback_register_code_source(nested_code_objects(code.get()), src);
  }
  ORef main_mod = steal(module_new(strs::main));
  if (!main_mod) return handle_uncaught();
  Object* globals = module_dict(main_mod.get());
  if (dict_set(sys_modules(), strs::main, main_mod.get()) < 0) return handle_uncaught();
  // __main__ sees the builtins module itself, other modules its dict (as CPython).
  if (dict_set(globals, strs::builtins, builtins_module()) < 0) return handle_uncaught();
  if (!file_attr.empty() || (from_stdin && !interactive)) {
    ORef file = steal(str_from_utf8(file_attr.empty() ? "<stdin>" : file_attr));
    if (!file || dict_set(globals, strs::file, file.get()) < 0) return handle_uncaught();
    if (dict_set_str(globals, "__cached__", none()) < 0) return handle_uncaught();
  }
  int status = 0;
  bool have_program = !path.empty() || opt.command || opt.module || (from_stdin && !interactive);
  if (opt.module) {
    // runpy finds the module (or package __main__), sets sys.argv[0] and runs it in __main__, as CPython does.
    ORef runpy = steal(import_module_level(str_interned("runpy"), nullptr, nullptr, nullptr, 0));
    ORef fn = runpy ? steal(get_attr(runpy.get(), str_interned("_run_module_as_main"))) : ORef();
    ORef name = steal(str_from_utf8(opt.module));
    ORef r;
    if (fn && name) {
      Object* args[2] = {name.get(), true_()};
      r = steal(call(fn.get(), args, 2, nullptr));
    }
    if (!r) status = handle_uncaught();
  } else if (have_program) {
    ORef r;
    if (code) r = steal(eval_code(code.get(), globals, globals));
    if (!r) status = handle_uncaught();
  }
  if (interactive) {
    if (!have_program && !sys_cli_flags().quiet) {
      std::string banner = std::string(kVersion) + "\nType \"help\", \"copyright\", \"credits\" or \"license\" for more information.\n";
      sys_write_stream(2, banner.data(), banner.size());
    }
    status = run_repl(globals, handle_uncaught);
  }
  // Like CPython's finalisation: wait for the non-daemon threads (threading._shutdown), then run the exit functions,
  // all after the uncaught exception (or SystemExit) was handled.
  wait_for_thread_shutdown();
  atexit_run_callbacks();
  sys_set_finalizing();
  io_flush_at_exit();
  if (registered_thread_count() <= 1) clear_main_namespace(globals);
  io_flush_at_exit();
  std::fflush(stdout);
  std::fflush(stderr);
  // Daemon threads may still be running Python code: leave without running C++ static destructors under them.
  if (registered_thread_count() > 1) _exit(status & 0xff);
  return status;
}

}  // namespace pyvm
