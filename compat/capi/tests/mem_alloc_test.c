/* pymem.h: PyMem_*, PyMem_Raw*, PyObject_Malloc and the typed macros; blocks freed by another thread. */
#include <Python.h>
#include <pthread.h>

static int bad = 0;
#define CHECK(cond, ...)                   \
  do {                                     \
    if (!(cond)) {                         \
      bad = 1;                             \
      printf("FAIL: line %d: ", __LINE__); \
      printf(__VA_ARGS__);                 \
      printf("\n");                        \
    }                                      \
  } while (0)

/* The UTF-8 text of a str (through PyArg_Parse "s"); "<?>" if it is not one. The str must stay alive. */

static void *free_in_thread(void *p) {
  PyMem_Free(p);
  return NULL;
}

static void *alloc_many(void *arg) {
  (void)arg;
  for (int i = 0; i < 10000; i++) {
    void *p = PyMem_Malloc((size_t)(i % 200));
    void *q = PyObject_Malloc(32);
    void *r = PyMem_RawMalloc(16);
    if (!p || !q || !r) return (void *)1;
    memset(p, 1, (size_t)(i % 200));
    PyMem_Free(p);
    PyObject_Free(q);
    PyMem_RawFree(r);
  }
  return NULL;
}

int main(void) {
  /* The raw allocator works before the runtime starts. */
  void *early = PyMem_RawMalloc(0);
  CHECK(early != NULL, "PyMem_RawMalloc(0) before Py_Initialize");
  PyMem_RawFree(early);
  Py_Initialize();

  void *a = PyMem_Malloc(0), *b = PyMem_Malloc(0);
  CHECK(a && b && a != b, "PyMem_Malloc(0) gives distinct non-NULL blocks");
  PyMem_Free(a);
  PyMem_Free(b);
  CHECK(PyMem_Malloc((size_t)PY_SSIZE_T_MAX + 1) == NULL, "too big");
  CHECK(PyMem_Calloc((size_t)1 << 40, (size_t)1 << 40) == NULL, "calloc overflow");
  CHECK(PyMem_RawMalloc((size_t)PY_SSIZE_T_MAX + 1) == NULL, "raw too big");
  CHECK(PyObject_Malloc((size_t)-1) == NULL, "object too big");

  unsigned char *z = (unsigned char *)PyMem_Calloc(100, 3);
  int zero = 1;
  for (int i = 0; z && i < 300; i++) zero &= z[i] == 0;
  CHECK(z && zero, "PyMem_Calloc zeroes");
  z = (unsigned char *)PyMem_Realloc(z, 5000);
  CHECK(z != NULL, "PyMem_Realloc");
  for (int i = 0; z && i < 300; i++) zero &= z[i] == 0;
  CHECK(zero, "realloc keeps the contents");
  PyMem_Free(z);
  PyMem_Free(NULL);
  PyObject_Free(NULL);
  PyMem_RawFree(NULL);

  char *r = (char *)PyMem_RawCalloc(0, 0);
  CHECK(r != NULL, "RawCalloc(0, 0)");
  r = (char *)PyMem_RawRealloc(r, 10);
  CHECK(r != NULL, "RawRealloc");
  PyMem_RawFree(r);

  void *o = PyObject_Calloc(4, 8);
  CHECK(o && ((long long *)o)[3] == 0, "PyObject_Calloc");
  o = PyObject_Realloc(o, 64);
  CHECK(o != NULL, "PyObject_Realloc");
  PyObject_Free(o);

  int *ints = PyMem_New(int, 10);
  CHECK(ints != NULL, "PyMem_New");
  for (int i = 0; ints && i < 10; i++) ints[i] = i;
  PyMem_Resize(ints, int, 1000);
  CHECK(ints && ints[9] == 9, "PyMem_Resize keeps contents");
  PyMem_Del(ints);
  double *huge = PyMem_New(double, PY_SSIZE_T_MAX / 4);
  CHECK(huge == NULL, "PyMem_New overflow gives NULL");

  /* A block allocated here and freed by another thread. */
  void *cross = PyMem_Malloc(128);
  pthread_t th;
  pthread_create(&th, NULL, free_in_thread, cross);
  pthread_join(th, NULL);

  /* Many threads allocating and freeing at once. */
  pthread_t ths[4];
  for (int i = 0; i < 4; i++) pthread_create(&ths[i], NULL, alloc_many, NULL);
  for (int i = 0; i < 4; i++) {
    void *res;
    pthread_join(ths[i], &res);
    CHECK(res == NULL, "allocation failed in a thread");
  }
  puts(bad ? "FAIL" : "PASS");
  return bad;
}
