/* pylifecycle.h: starting and stopping the runtime (embedding), and Py_BytesMain. Owner: core. */
#ifndef Py_PYLIFECYCLE_H
#define Py_PYLIFECYCLE_H

#ifdef __cplusplus
extern "C" {
#endif

PyAPI_FUNC(void) Py_Initialize(void);
PyAPI_FUNC(void) Py_InitializeEx(int initsigs);
PyAPI_FUNC(int) Py_IsInitialized(void);
PyAPI_FUNC(int) Py_FinalizeEx(void);
PyAPI_FUNC(void) Py_Finalize(void);
/* The command-line entry point: what the pyvm binary's main() calls. */
PyAPI_FUNC(int) Py_BytesMain(int argc, char **argv);

#ifdef __cplusplus
}
#endif
#endif
