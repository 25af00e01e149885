// memoryview, its managed buffer and its iterator: views of other objects' buffers without copying.
#pragma once

#include "objects/object.h"

namespace pyvm {

// memoryview_type itself is declared with the built-in types (objects/types.h).
extern Type managedbuffer_type;    // "managedbuffer": the exporter's buffer, shared by the views made from one view
extern Type memory_iterator_type;  // "memory_iterator"

// memoryview(o): a view of any buffer exporter; for a memoryview, a new view of the same buffer. TypeError
// "memoryview: a bytes-like object is required, not 'X'" otherwise.
[[nodiscard]] Object* memoryview_from_object(Object* o);
// A memoryview of the buffer that `proc` (o's own bf_getbuffer) exports with `flags`: what o.__buffer__(flags)
// returns. Releasing the view releases that buffer.
[[nodiscard]] Object* memoryview_from_buffer_proc(Object* o, int flags, getbufferproc proc);
// o.__release_buffer__(view) for an exporter o: releases `view` (a memoryview of o's buffer). TypeError
// "expected a memoryview object", ValueError when the view is of another object or already released.
[[nodiscard]] int memoryview_release_for(Object* exporter, Object* view);

// Readies managedbuffer and memory_iterator (memoryview is readied with the built-in types).
[[nodiscard]] int memoryview_types_ready();

}  // namespace pyvm
