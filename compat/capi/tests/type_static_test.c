/* Static types defined in C (PyType_Ready), heap types from specs, members (PyMember_GetOne/SetOne), GetSlot,
 * deallocation and the type's reference held by heap-type instances; capsules, cells and slices. */
#include <Python.h>
#include <structmember.h>

/* Owned by other headers (longobject.h, floatobject.h, boolobject.h); the symbols are the runtime's. */
#ifndef Py_True
PyAPI_DATA(PyTypeObject) PyLong_Type;
PyAPI_DATA(PyTypeObject) PyFloat_Type;
PyAPI_DATA(PyLongObject) _Py_TrueStruct;
#define Py_True ((PyObject *)&_Py_TrueStruct)
#endif

static int bad = 0;
#define CHECK(cond, msg)                   \
  do {                                     \
    if (!(cond)) {                         \
      bad = 1;                             \
      printf("FAIL: %s (line %d)\n", msg, __LINE__); \
    }                                      \
  } while (0)

typedef struct {
  PyObject_HEAD
  int i;
  double d;
  PyObject *obj;
  char flag;
  unsigned char ub;
  PyObject *weakreflist;
} Thing;

static int thing_deallocs = 0;

static void thing_dealloc(PyObject *self) {
  Thing *t = (Thing *)self;
  thing_deallocs++;
  if (t->weakreflist) PyObject_ClearWeakRefs(self);
  Py_CLEAR(t->obj);
  Py_TYPE(self)->tp_free(self);
}

static int thing_traverse(PyObject *self, visitproc visit, void *arg) {
  Py_VISIT(((Thing *)self)->obj);
  return 0;
}

static PyObject *thing_new(PyTypeObject *type, PyObject *args, PyObject *kw) {
  Thing *t = (Thing *)type->tp_alloc(type, 0);
  if (t) t->i = 7;
  return (PyObject *)t;
}

static PyObject *thing_add(PyObject *a, PyObject *b) { return Py_NewRef(a); }
static Py_ssize_t thing_len(PyObject *self) { return ((Thing *)self)->i; }

static PyMemberDef thing_members[] = {
    {"i", Py_T_INT, offsetof(Thing, i), 0, NULL},
    {"d", Py_T_DOUBLE, offsetof(Thing, d), 0, NULL},
    {"obj", Py_T_OBJECT_EX, offsetof(Thing, obj), 0, NULL},
    {"flag", Py_T_BOOL, offsetof(Thing, flag), 0, NULL},
    {"ub", T_UBYTE, offsetof(Thing, ub), READONLY, NULL},
    {NULL}};

static PyNumberMethods thing_as_number = {.nb_add = thing_add};
static PySequenceMethods thing_as_sequence = {.sq_length = thing_len};

static PyTypeObject ThingType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "capitest.Thing",
    .tp_basicsize = sizeof(Thing),
    .tp_dealloc = thing_dealloc,
    .tp_as_number = &thing_as_number,
    .tp_as_sequence = &thing_as_sequence,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "a thing",
    .tp_traverse = thing_traverse,
    .tp_weaklistoffset = offsetof(Thing, weakreflist),
    .tp_members = thing_members,
    .tp_new = thing_new,
};

/* ---- a heap type from a spec ---- */
typedef struct {
  PyObject_HEAD
  long value;
} Spec;

static int spec_deallocs = 0;
static void spec_dealloc(PyObject *self) {
  PyTypeObject *tp = Py_TYPE(self);
  spec_deallocs++;
  tp->tp_free(self);
  Py_DECREF(tp);
}
static PyMemberDef spec_members[] = {{"value", Py_T_LONG, offsetof(Spec, value), 0, NULL}, {NULL}};
static PyType_Slot spec_slots[] = {
    {Py_tp_dealloc, spec_dealloc}, {Py_tp_members, spec_members}, {Py_tp_doc, "spec doc"},
    {Py_tp_new, PyType_GenericNew}, {0, NULL}};
static PyType_Spec spec_spec = {"capitest.Spec", sizeof(Spec), 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
                                spec_slots};

static void capsule_destructor(PyObject *c) { (void)c; thing_deallocs += 100; }

int main(void) {
  Py_Initialize();

  /* PyType_Ready on a static type. */
  CHECK(PyType_Ready(&ThingType) == 0, "PyType_Ready");
  CHECK(Py_TYPE(&ThingType) == &PyType_Type, "ob_type set to PyType_Type");
  CHECK(ThingType.tp_base == &PyBaseObject_Type, "tp_base defaults to object");
  CHECK(ThingType.tp_alloc == PyType_GenericAlloc, "tp_alloc is PyType_GenericAlloc");
  CHECK(ThingType.tp_free == PyObject_GC_Del, "GC type's tp_free is PyObject_GC_Del");
  CHECK(PyType_GetFlags(&ThingType) & Py_TPFLAGS_READY, "READY flag");
  CHECK(PyType_IsSubtype(&ThingType, &PyBaseObject_Type), "IsSubtype(Thing, object)");
  CHECK(!PyType_IsSubtype(&PyBaseObject_Type, &ThingType), "not IsSubtype(object, Thing)");
  CHECK(PyType_GetSlot(&ThingType, Py_nb_add) == (void *)thing_add, "GetSlot nb_add");
  CHECK(PyType_GetSlot(&ThingType, Py_sq_length) == (void *)thing_len, "GetSlot sq_length");
  CHECK(PyType_GetSlot(&ThingType, Py_tp_traverse) == (void *)thing_traverse, "GetSlot tp_traverse kept");
  CHECK(PyType_GetSlot(&ThingType, Py_mp_subscript) == NULL, "GetSlot missing table");
  CHECK(PyType_GetSlot(&ThingType, 1000) == NULL, "GetSlot bad id");
  CHECK(strcmp(_PyType_Name(&ThingType), "Thing") == 0, "_PyType_Name");
  PyObject *dict = PyType_GetDict(&ThingType);
  CHECK(dict != NULL, "PyType_GetDict");
  Py_XDECREF(dict);
  PyObject *fq = PyType_GetFullyQualifiedName(&ThingType);
  CHECK(fq != NULL, "GetFullyQualifiedName");
  Py_XDECREF(fq);

  /* Instances from C; members. */
  PyObject *t = ThingType.tp_new(&ThingType, NULL, NULL);
  CHECK(t != NULL && Py_TYPE(t) == &ThingType && Py_REFCNT(t) == 1, "tp_new instance");
  CHECK(PyObject_TypeCheck(t, &ThingType), "PyObject_TypeCheck");
  PyObject *v = PyMember_GetOne((const char *)t, &thing_members[0]);
  CHECK(v && Py_TYPE(v) == &PyLong_Type, "GetOne int");
  Py_XDECREF(v);
  v = PyMember_GetOne((const char *)t, &thing_members[2]);
  CHECK(v == NULL, "GetOne OBJECT_EX empty raises");
  PyObject *f = PyMember_GetOne((const char *)t, &thing_members[1]); /* 0.0 */
  CHECK(f && Py_TYPE(f) == &PyFloat_Type, "GetOne double");
  CHECK(PyMember_SetOne((char *)t, &thing_members[2], f) == 0, "SetOne object");
  CHECK(((Thing *)t)->obj == f, "object member stored");
  CHECK(PyMember_SetOne((char *)t, &thing_members[0], f) == -1, "SetOne int from float is TypeError");
  CHECK(PyMember_SetOne((char *)t, &thing_members[3], Py_True) == 0 && ((Thing *)t)->flag == 1, "SetOne bool");
  CHECK(PyMember_SetOne((char *)t, &thing_members[3], f) == -1, "SetOne bool rejects float");
  CHECK(PyMember_SetOne((char *)t, &thing_members[4], Py_True) == -1, "SetOne readonly");
  CHECK(PyMember_SetOne((char *)t, &thing_members[0], NULL) == -1, "delete int member");
  CHECK(PyMember_SetOne((char *)t, &thing_members[2], NULL) == 0 && ((Thing *)t)->obj == NULL,
        "delete object member");
  Py_XDECREF(f);

  /* Weak references to a C type with tp_weaklistoffset. */
  PyObject *wr = PyWeakref_NewRef(t, NULL);
  CHECK(wr && PyWeakref_CheckRef(wr), "NewRef");
  PyObject *got = NULL;
  CHECK(PyWeakref_GetRef(wr, &got) == 1 && got == t, "GetRef alive");
  Py_XDECREF(got);
  int before = thing_deallocs;
  Py_DECREF(t);
  CHECK(thing_deallocs == before + 1, "tp_dealloc ran");
  CHECK(PyWeakref_GetRef(wr, &got) == 0 && got == NULL, "GetRef dead");
  CHECK(PyWeakref_GetObject(wr) == Py_None, "GetObject dead is None");
  Py_XDECREF(wr);

  /* Heap type from a spec: instances hold a reference to their type. */
  PyObject *st = PyType_FromSpec(&spec_spec);
  CHECK(st != NULL, "PyType_FromSpec");
  if (st) {
    PyTypeObject *stt = (PyTypeObject *)st;
    CHECK(PyType_HasFeature(stt, Py_TPFLAGS_HEAPTYPE), "HEAPTYPE flag");
    CHECK(strcmp(stt->tp_name, "capitest.Spec") == 0, "spec tp_name");
    PyObject *nm = PyType_GetName(stt);
    CHECK(nm != NULL, "PyType_GetName");
    Py_XDECREF(nm);
    PyObject *mn = PyType_GetModuleName(stt);
    CHECK(mn != NULL, "GetModuleName");
    Py_XDECREF(mn);
    CHECK(PyType_GetModule(stt) == NULL, "GetModule without module fails");
    Py_ssize_t rc = Py_REFCNT(st);
    PyObject *inst = stt->tp_new(stt, NULL, NULL);
    CHECK(inst && Py_REFCNT(st) == rc + 1, "instance holds its type");
    CHECK(PyType_GetSlot(stt, Py_tp_dealloc) == (void *)spec_dealloc, "spec GetSlot dealloc");
    ((Spec *)inst)->value = 42;
    v = PyMember_GetOne((const char *)inst, &stt->tp_members[0]);
    CHECK(v != NULL, "spec member");
    Py_XDECREF(v);
    Py_DECREF(inst);
    CHECK(spec_deallocs == 1 && Py_REFCNT(st) == rc, "spec dealloc dropped the type reference");
    Py_DECREF(st);
  }

  /* Capsules. */
  static int payload = 5;
  PyObject *cap = PyCapsule_New(&payload, "capitest.cap", capsule_destructor);
  CHECK(cap && PyCapsule_CheckExact(cap), "PyCapsule_New");
  CHECK(PyCapsule_GetPointer(cap, "capitest.cap") == &payload, "GetPointer");
  CHECK(PyCapsule_GetPointer(cap, "other") == NULL, "GetPointer wrong name");
  CHECK(PyCapsule_IsValid(cap, "capitest.cap") && !PyCapsule_IsValid(cap, NULL), "IsValid");
  CHECK(PyCapsule_SetContext(cap, &payload) == 0 && PyCapsule_GetContext(cap) == &payload, "context");
  CHECK(PyCapsule_New(NULL, NULL, NULL) == NULL, "New(NULL) fails");
  before = thing_deallocs;
  Py_DECREF(cap);
  CHECK(thing_deallocs == before + 100, "capsule destructor ran");

  /* Cells. */
  PyObject *cell = PyCell_New(NULL);
  CHECK(cell && PyCell_Check(cell) && PyCell_GET(cell) == NULL, "empty cell");
  CHECK(PyCell_Set(cell, Py_None) == 0 && PyCell_GET(cell) == Py_None, "PyCell_Set");
  PyObject *cv = PyCell_Get(cell);
  CHECK(cv == Py_None, "PyCell_Get");
  Py_XDECREF(cv);
  Py_XDECREF(cell);

  /* Slices. */
  PyObject *sl = PySlice_New(NULL, NULL, NULL);
  CHECK(sl && PySlice_Check(sl), "PySlice_New");
  Py_ssize_t start, stop, step, len;
  CHECK(PySlice_GetIndicesEx(sl, 10, &start, &stop, &step, &len) == 0 && start == 0 && stop == 10 && step == 1 &&
            len == 10, "GetIndicesEx");
  CHECK(PySlice_Unpack(sl, &start, &stop, &step) == 0 && step == 1, "Unpack");
  CHECK(PySlice_AdjustIndices(5, &start, &stop, step) == 5, "AdjustIndices");
  Py_XDECREF(sl);

  /* Buffers. */
  char mem[8] = "abcdefg";
  Py_buffer view;
  CHECK(PyBuffer_FillInfo(&view, NULL, mem, 8, 1, PyBUF_WRITABLE) == -1, "FillInfo read-only refuses WRITABLE");
  CHECK(PyBuffer_FillInfo(&view, NULL, mem, 8, 0, PyBUF_FULL) == 0 && view.len == 8 && view.ndim == 1, "FillInfo");
  CHECK(PyBuffer_IsContiguous(&view, 'C'), "contiguous");
  PyObject *mv = PyMemoryView_FromMemory(mem, 8, PyBUF_READ);
  CHECK(mv && PyMemoryView_Check(mv) && PyMemoryView_GET_BUFFER(mv)->len == 8, "FromMemory");
  CHECK(PyMemoryView_GET_BUFFER(mv)->readonly, "FromMemory PyBUF_READ is read-only");
  Py_XDECREF(mv);

  puts(bad ? "FAIL" : "PASS");
  return bad;
}
