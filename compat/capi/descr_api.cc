// Descriptors from C tables (PyDescr_New*), PyMember_GetOne/SetOne and PyDictProxy_New. Owner: types.
#include "Python.h"

#include "objects/descr.h"
#include "objects/errors.h"
#include "objects/types.h"
#include "vm/modules/modules.h"

using namespace pyvm;

namespace {
// The RuntimeWarnings of PyMember_SetOne ("Truncation of value to int" ...), through the warnings machinery.
int member_warn(const char* message) { return runtime_warn(&exc_RuntimeWarning, message, 1); }
struct InstallMemberWarn {
  InstallMemberWarn() { member_warn_hook = member_warn; }
} g_install_member_warn;
}  // namespace

extern "C" {

PyObject* PyDescr_NewMethod(PyTypeObject* type, PyMethodDef* ml) { return method_descr_new(type, ml); }

PyObject* PyDescr_NewClassMethod(PyTypeObject* type, PyMethodDef* ml) {
  Object* d = method_descr_new(type, ml);
  // A classmethod_descriptor shares the method descriptor's layout (as type_ready makes them).
  if (d) d->ob_type = &classmethod_descr_type;
  return d;
}

PyObject* PyDescr_NewMember(PyTypeObject* type, PyMemberDef* m) { return member_descr_new(type, m); }
PyObject* PyDescr_NewGetSet(PyTypeObject* type, PyGetSetDef* g) { return getset_descr_new(type, g); }
int PyDescr_IsData(PyObject* d) { return Py_TYPE(d)->tp_descr_set != nullptr; }

PyObject* PyDictProxy_New(PyObject* mapping) { return mappingproxy_new(mapping); }

PyObject* PyMember_GetOne(const char* obj_addr, PyMemberDef* m) { return member_get_one(obj_addr, m); }
int PyMember_SetOne(char* obj_addr, PyMemberDef* m, PyObject* v) { return member_set_one(obj_addr, m, v); }

}  // extern "C"
