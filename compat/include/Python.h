/* Python.h: the entry header of pyvm's C-API. Extensions compiled against it load into pyvm (CPython 3.13t ABI,
 * Py_GIL_DISABLED semantics). Written by us from CPython 3.13's documentation and layouts. */
#ifndef Py_PYTHON_H
#define Py_PYTHON_H

#include "pyconfig.h"

#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "patchlevel.h"
#include "pyport.h"
#include "pymacro.h"
#include "exports.h"
#include "pyvm_abi/base.h"
#include "pyvm_abi/typeobject.h"
#include "pyvm_abi/heaptype.h"
#include "pyvm_abi/concrete.h"
#include "pymem.h"
#include "object.h"
#include "refcount.h"
#include "lock.h"
#include "critical_section.h"
#include "objimpl.h"
#include "typeslots.h"
#include "typeobject_api.h"
#include "pyerrors.h"
#include "warnings.h"
#include "longobject.h"
#include "boolobject.h"
#include "floatobject.h"
#include "complexobject.h"
#include "unicodeobject.h"
#include "bytesobject.h"
#include "bytearrayobject.h"
#include "tupleobject.h"
#include "listobject.h"
#include "dictobject.h"
#include "setobject.h"
#include "abstract.h"
#include "rangeobject.h"
#include "genobject.h"
#include "descrobject.h"
#include "pycapsule.h"
#include "weakrefobject.h"
#include "cellobject.h"
#include "iterobject.h"
#include "sliceobject.h"
#include "memoryobject.h"
#include "pybuffer.h"
#include "classobject.h"
#include "funcobject.h"
#include "code.h"
#include "moduleobject.h"
#include "methodobject.h"
#include "modsupport.h"
#include "pystate.h"
#include "ceval.h"
#include "pythread.h"
#include "import.h"
#include "pylifecycle.h"
#include "pythonrun.h"
#include "compile.h"

#endif
