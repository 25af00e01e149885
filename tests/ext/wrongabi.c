/* Broken test extension: a module definition laid out as the default (GIL) CPython 3.13 ABI compiles it, with the
 * 16-byte object header (ob_refcnt, ob_type). pyvm must refuse it with an ImportError, not misread it. */
#include <stddef.h>
#include <stdint.h>

typedef struct {
  int64_t ob_refcnt;
  void *ob_type;
} gil_object;
typedef struct {
  gil_object ob_base;
  void *m_init;
  int64_t m_index;
  void *m_copy;
} gil_moduledef_base;
typedef struct {
  gil_moduledef_base m_base;
  const char *m_name;
  const char *m_doc;
  int64_t m_size;
  void *m_methods, *m_slots, *m_traverse, *m_clear, *m_free;
} gil_moduledef;

static gil_moduledef wrongabi_def = {{{0xFFFFFFFF, NULL}, NULL, 0, NULL}, "wrongabi", NULL, 0, NULL, NULL, NULL, NULL,
                                     NULL};

extern void *PyModuleDef_Init(void *def);
__attribute__((visibility("default"))) void *PyInit_wrongabi(void) { return PyModuleDef_Init(&wrongabi_def); }
