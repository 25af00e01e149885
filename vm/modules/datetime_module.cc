// The _datetime module: datetime.py's accelerator, here the documented pure-Python fallback (_pydatetime.py from
// the installed standard library) loaded as a private copy, so that `import _datetime` works and datetime.py takes
// its preferred path.
//
// As in CPython, _datetime's classes are distinct from _pydatetime's: the fallback's code is executed afresh into a
// namespace of its own (found with importlib's PathFinder, bypassing sys.modules, so test.support's
// import_fresh_module(..., blocked=['_pydatetime']) still gets a working _datetime). Only the public names are
// exported, with CPython's module __doc__ (which datetime.py re-exports), and the classes' __module__ is
// "datetime", as the C types' names say, so reprs and pickles match CPython's.
// datetime_CAPI (a capsule for C extensions) is not provided. Known deviations, inherent in the fallback: some error
// messages, and the repr of isocalendar()'s IsoCalendarDate.
//
// Thread-safety: creation runs under the import system's module lock; afterwards the module is ordinary Python
// code and objects.
#include <cstring>

#include "objects/abstract.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/module.h"
#include "objects/str.h"
#include "vm/compile_api.h"
#include "vm/interp.h"
#include "vm/modules/modules.h"
#include "vm/runtime.h"

namespace pyvm {
namespace {

// Fills the module dict `mod` from a private execution of _pydatetime's code.
constexpr const char kLoader[] = R"PY(
def _load(mod):
    import _frozen_importlib_external as ext
    spec = ext.PathFinder.find_spec('_pydatetime')
    if spec is None or spec.loader is None:
        raise ImportError("No module named '_pydatetime'", name='_pydatetime')
    code = spec.loader.get_code('_pydatetime')
    ns = {'__name__': '_datetime', '__builtins__': __builtins__, '__file__': spec.origin}
    exec(code, ns)
    mod['__doc__'] = 'Fast implementation of the datetime type.'  # CPython's text for datetime.__doc__
    # The C timezone pickles as timezone(offset[, name]); the fallback would add its slots' state, so pickles made
    # here would differ from CPython's (they still load there).
    def __reduce__(self):
        return (type(self), self.__getinitargs__(), None)
    ns['timezone'].__reduce__ = __reduce__
    for name in ns['__all__']:
        obj = ns[name]
        if isinstance(obj, type):
            obj.__module__ = 'datetime'
        mod[name] = obj
)PY";

}  // namespace

Object* create_datetime_module() {
  ORef m = steal(module_new(str_interned("_datetime")));
  if (!m) return nullptr;
  ORef filename = steal(str_from_utf8("<_datetime loader>"));
  if (!filename) return nullptr;
  ORef code = steal(compile_text(kLoader, std::strlen(kLoader), filename.get(), kModeExec, 0, -1));
  if (!code) return nullptr;
  ORef globals = steal(dict_new());
  if (!globals || dict_set_str(globals.get(), "__builtins__", builtins_module()) < 0) return nullptr;
  ORef r = steal(eval_code(code.get(), globals.get(), globals.get()));
  if (!r) return nullptr;
  Object* load = nullptr;
  if (dict_get_str(globals.get(), "_load", &load) <= 0) return nullptr;
  ORef load_ref = steal(load);
  ORef done = steal(call1(load, module_dict(m.get())));
  if (!done) return nullptr;
  return m.release();
}

}  // namespace pyvm
