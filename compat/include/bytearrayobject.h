/* bytearrayobject.h: part of pyvm's C-API (written by us to CPython 3.13's documented API). Owner: numbers-strings. */
#ifndef PYVM_CAPI_BYTEARRAYOBJECT_H
#define PYVM_CAPI_BYTEARRAYOBJECT_H

#endif
