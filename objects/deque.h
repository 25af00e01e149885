// collections.deque and its iterators (objects/deque.cc), exported by the _collections module.
#pragma once

#include "objects/object.h"

namespace pyvm {

extern Type deque_type;               // collections.deque
extern Type deque_iter_type;          // collections._deque_iterator
extern Type deque_reverse_iter_type;  // collections._deque_reverse_iterator

// Readies the three types and gives deque its __class_getitem__; -1 with an error set.
[[nodiscard]] int deque_init_types();

}  // namespace pyvm
