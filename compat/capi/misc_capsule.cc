// Capsules: a C pointer with an optional name, context and destructor, passed through Python code (typically an
// extension's C API published as a module attribute and found again by PyCapsule_Import). Owner: types.
//
// Thread contract: a capsule's fields are plain words; as in CPython, setters racing with readers on another
// thread are the extension's business.
#include "Python.h"

#include <cstring>
#include <string>

#include "objects/abstract.h"
#include "objects/errors.h"
#include "objects/object.h"
#include "objects/str.h"
#include "objects/types.h"
#include "vm/import.h"

using namespace pyvm;

namespace {

struct Capsule {
  PyObject ob_base;
  void* pointer;
  const char* name;
  void* context;
  PyCapsule_Destructor destructor;
};

void capsule_dealloc(Object* o) {
  auto* c = reinterpret_cast<Capsule*>(o);
  if (c->destructor) c->destructor(o);
  object_free(o);
}

Object* capsule_repr(Object* o) {
  auto* c = reinterpret_cast<Capsule*>(o);
  std::string s = "<capsule object ";
  if (c->name) s += "\"" + std::string(c->name) + "\"";
  else s += "NULL";
  char buf[40];
  std::snprintf(buf, sizeof buf, " at %p>", static_cast<void*>(o));
  return str_from_utf8(s + buf);
}

bool names_match(const char* a, const char* b) {
  if (!a || !b) return a == b;
  return std::strcmp(a, b) == 0;
}

// CPython's _is_legal_capsule: a capsule with a non-null pointer; ValueError "<invalid_capsule> called with
// invalid PyCapsule object" otherwise.
Capsule* legal(PyObject* o, const char* what) {
  if (!o || type_of(o) != &PyCapsule_Type || !reinterpret_cast<Capsule*>(o)->pointer) {
    set_errorf(&exc_ValueError, "{} called with invalid PyCapsule object", what);
    return nullptr;
  }
  return reinterpret_cast<Capsule*>(o);
}

}  // namespace

extern "C" {

PyTypeObject PyCapsule_Type = {
    .ob_base = {{0, 0, {0}, 0, UINT32_MAX, 0, &PyType_Type}, 0},
    .tp_name = "PyCapsule",
    .tp_basicsize = sizeof(Capsule),
    .tp_dealloc = capsule_dealloc,
    .tp_repr = capsule_repr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Capsule objects let you wrap a C \"void *\" pointer in a Python\n"
              "object.  They're a way of passing data through the Python interpreter\n"
              "without creating your own custom type.\n\n"
              "Capsules are used for communication between extension modules.\n"
              "They provide a way for an extension module to export a C interface\n"
              "to other extension modules, so that extension modules can use the\n"
              "Python import mechanism to link to one another.\n",
};

PyObject* PyCapsule_New(void* pointer, const char* name, PyCapsule_Destructor destructor) {
  if (!pointer) return set_error(&exc_ValueError, "PyCapsule_New called with null pointer");
  if (!(PyCapsule_Type.tp_flags & Py_TPFLAGS_READY) && type_ready(&PyCapsule_Type) < 0) return nullptr;
  auto* c = reinterpret_cast<Capsule*>(new_object(&PyCapsule_Type, sizeof(Capsule)));
  if (!c) return nullptr;
  c->pointer = pointer;
  c->name = name;
  c->context = nullptr;
  c->destructor = destructor;
  return &c->ob_base;
}

int PyCapsule_IsValid(PyObject* o, const char* name) {
  return o && type_of(o) == &PyCapsule_Type && reinterpret_cast<Capsule*>(o)->pointer &&
         names_match(reinterpret_cast<Capsule*>(o)->name, name);
}

void* PyCapsule_GetPointer(PyObject* o, const char* name) {
  Capsule* c = legal(o, "PyCapsule_GetPointer");
  if (!c) return nullptr;
  if (!names_match(c->name, name)) {
    set_error(&exc_ValueError, "PyCapsule_GetPointer called with incorrect name");
    return nullptr;
  }
  return c->pointer;
}

const char* PyCapsule_GetName(PyObject* o) {
  Capsule* c = legal(o, "PyCapsule_GetName");
  return c ? c->name : nullptr;
}

PyCapsule_Destructor PyCapsule_GetDestructor(PyObject* o) {
  Capsule* c = legal(o, "PyCapsule_GetDestructor");
  return c ? c->destructor : nullptr;
}

void* PyCapsule_GetContext(PyObject* o) {
  Capsule* c = legal(o, "PyCapsule_GetContext");
  return c ? c->context : nullptr;
}

int PyCapsule_SetPointer(PyObject* o, void* pointer) {
  if (!pointer) {
    set_error(&exc_ValueError, "PyCapsule_SetPointer called with null pointer");
    return -1;
  }
  Capsule* c = legal(o, "PyCapsule_SetPointer");
  if (!c) return -1;
  c->pointer = pointer;
  return 0;
}

int PyCapsule_SetName(PyObject* o, const char* name) {
  Capsule* c = legal(o, "PyCapsule_SetName");
  if (!c) return -1;
  c->name = name;
  return 0;
}

int PyCapsule_SetDestructor(PyObject* o, PyCapsule_Destructor destructor) {
  Capsule* c = legal(o, "PyCapsule_SetDestructor");
  if (!c) return -1;
  c->destructor = destructor;
  return 0;
}

int PyCapsule_SetContext(PyObject* o, void* context) {
  Capsule* c = legal(o, "PyCapsule_SetContext");
  if (!c) return -1;
  c->context = context;
  return 0;
}

// "pkg.mod.attr": imports the longest importable prefix step by step, then walks the attributes (CPython's
// algorithm: each dotted part is first tried as a module, then as an attribute).
void* PyCapsule_Import(const char* name, int /*no_block*/) {
  std::string full(name);
  ORef object;
  size_t pos = 0;
  std::string trace;
  while (pos <= full.size()) {
    size_t dot = full.find('.', pos);
    std::string part = full.substr(pos, dot == std::string::npos ? std::string::npos : dot - pos);
    trace = full.substr(0, dot == std::string::npos ? full.size() : dot);
    if (!object) {
      object = steal(import_module(trace.c_str()));
      if (!object) return nullptr;
    } else {
      Object* attr = get_attr_str(object.get(), part.c_str());
      if (!attr) {
        // A submodule not yet imported.
        error_clear();
        ORef mod = steal(import_module(trace.c_str()));
        if (!mod) return nullptr;
        attr = get_attr_str(object.get(), part.c_str());
        if (!attr) return nullptr;
      }
      object = steal(attr);
    }
    if (dot == std::string::npos) break;
    pos = dot + 1;
  }
  if (!PyCapsule_IsValid(object.get(), name)) {
    set_errorf(&exc_AttributeError, "PyCapsule_Import \"{}\" is not valid", name);
    return nullptr;
  }
  return reinterpret_cast<Capsule*>(object.get())->pointer;
}

}  // extern "C"
