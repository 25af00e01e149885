// sys.unraisablehook: exceptions that cannot propagate (raised by __del__, weakref callbacks, thread start-up, atexit
// ...) go to the hook as an UnraisableHookArgs(exc_type, exc_value, exc_traceback, err_msg, object). The default
// hook (sys.__unraisablehook__) writes CPython's "Exception ignored in: ..." report; a hook that fails is reported
// the same way, naming the hook.
//
// Thread-safety: the struct sequence type is created once in sys_init (before other threads) and immutable after
// that; the hook is read from the sys module's dict (which has its own lock) on each report.
#include <string>

#include "objects/abstract.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/str.h"
#include "objects/structseq.h"
#include "objects/types.h"
#include "vm/sysmodule.h"
#include "vm/traceback.h"

namespace pyvm {
namespace {

const StructSeqField kUnraisableFields[] = {{"exc_type", "Exception type"},
                                            {"exc_value", "Exception value"},
                                            {"exc_traceback", "Exception traceback"},
                                            {"err_msg", "Error message"},
                                            {"object", "Object causing the exception"},
                                            {nullptr, nullptr}};
const StructSeqDesc kUnraisableDesc = {"UnraisableHookArgs",
                                       "UnraisableHookArgs\n\nType used to pass arguments to sys.unraisablehook.",
                                       kUnraisableFields, 5};
Type* g_args_type = nullptr;
Object* g_default_hook = nullptr;

// The default hook's report from the fields of an UnraisableHookArgs.
Object* default_unraisablehook(Object*, Object* arg) {
  if (type_of(arg) != g_args_type)
    return set_error(&exc_TypeError, "sys.unraisablehook argument type must be UnraisableHookArgs");
  Object* exc = structseq_get(arg, 1);
  Object* err_msg = structseq_get(arg, 3);
  Object* obj = structseq_get(arg, 4);
  if (!exc || exc == none() || !is_exception_instance(exc)) return newref(none());
  std::string msg;
  bool have_msg = err_msg && err_msg != none();
  if (have_msg && !object_str_utf8(err_msg, &msg)) return nullptr;
  std::string out = format_unraisable(exc, obj == none() ? nullptr : obj, have_msg ? msg.c_str() : nullptr);
  Object* err = sys_get("stderr");
  if (err && err != none()) {
    if (sys_write_text(err, out) < 0) error_clear();
  }
  return newref(none());
}

PyMethodDef kHookDef = {"unraisablehook", default_unraisablehook, METH_O,
                        "Handle an unraisable exception.\n\nThe unraisable argument has the following attributes: "
                        "exc_type, exc_value, exc_traceback, err_msg, object."};

// The unraisable printer (objects/errors.h): the exception `exc` (taken from the thread), where it happened.
void dispatch_unraisable(Object* exc, Object* obj, const char* msg) {
  Object* hook = sys_get("unraisablehook");
  if (!hook || hook == none() || hook == g_default_hook || !g_args_type) {
    print_unraisable(exc, obj, msg);
    return;
  }
  ORef args = steal(structseq_new(g_args_type));
  ORef m = msg ? steal(str_from_utf8(msg)) : borrow(none());
  if (!args || !m) {
    error_clear();
    print_unraisable(exc, obj, msg);
    return;
  }
  Object* tb = as_exc(exc)->traceback;
  structseq_set(args.get(), 0, newref(reinterpret_cast<Object*>(type_of(exc))));
  structseq_set(args.get(), 1, newref(exc));
  structseq_set(args.get(), 2, newref(tb ? tb : none()));
  structseq_set(args.get(), 3, m.release());
  structseq_set(args.get(), 4, newref(obj ? obj : none()));
  ORef hook_ref = borrow(hook);
  Object* a[1] = {args.get()};
  ORef r = steal(call(hook, a, 1, nullptr));
  if (r) return;
  ORef hook_exc = steal(error_take());
  if (!hook_exc) return;
  print_unraisable(hook_exc.get(), hook, "Exception ignored in sys.unraisablehook");
}

}  // namespace

int sys_unraisable_init(Object* sys_dict) {
  if (!g_args_type) {
    g_args_type = structseq_new_type(&kUnraisableDesc);
    if (!g_args_type) return -1;
  }
  if (!g_default_hook) {
    g_default_hook = cfunction_new(&kHookDef, nullptr, str_interned("sys"));
    if (!g_default_hook) return -1;
  }
  if (dict_set_str(sys_dict, "unraisablehook", g_default_hook) < 0 ||
      dict_set_str(sys_dict, "__unraisablehook__", g_default_hook) < 0)
    return -1;
  set_unraisable_printer(dispatch_unraisable);
  return 0;
}

}  // namespace pyvm
