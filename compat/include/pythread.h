/* pythread.h: part of pyvm's C-API (written by us to CPython 3.13's documented API). Owner: core. */
#ifndef PYVM_CAPI_PYTHREAD_H
#define PYVM_CAPI_PYTHREAD_H

#endif
