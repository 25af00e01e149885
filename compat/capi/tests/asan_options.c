/* Linked into every C-API test: under ASan (--config=asan) LeakSanitizer's exit-time report is off, as for the pyvm
 * binary (main.cc). These programs keep objects made through the API alive until exit, as an embedder does, and
 * Py_FinalizeEx does not free every object; overflows and use-after-free are still reported. Unused otherwise. */
const char* __asan_default_options(void);
const char* __asan_default_options(void) { return "detect_leaks=0"; }
