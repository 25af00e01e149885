// The switch behind objects/deferred.h.
#include "objects/deferred.h"

namespace pyvm::detail {
std::atomic<bool> g_deferred_immortal{false};
}  // namespace pyvm::detail
