#include "objects/types.h"
#include "vm/modules/io_internal.h"
namespace pyvm::io {
Type textiowrapper_type = {
    .ob_base = PYVM_IMMORTAL_VAR_HEADER(&type_type, 0),
    .tp_name = "_io.TextIOWrapper",
    .tp_basicsize = sizeof(IOObject),
    .tp_base = &textiobase_type,
};
}
