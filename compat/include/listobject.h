/* listobject.h: part of pyvm's C-API (written by us to CPython 3.13's documented API). Owner: containers-abstract. */
#ifndef PYVM_CAPI_LISTOBJECT_H
#define PYVM_CAPI_LISTOBJECT_H

#endif
