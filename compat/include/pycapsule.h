/* pycapsule.h: part of pyvm's C-API (written by us to CPython 3.13's documented API). Owner: types. */
#ifndef PYVM_CAPI_PYCAPSULE_H
#define PYVM_CAPI_PYCAPSULE_H

#endif
