// The arena's slow path: obtaining new chunks from the system and releasing them all at destruction.
#include "vm/compiler/arena.h"

#include <cstdlib>

namespace pyvm::compiler {

Arena::~Arena() {
  Chunk* c = head_;
  while (c) {
    Chunk* prev = c->prev;
    std::free(c);
    c = prev;
  }
}

void* Arena::alloc_slow(size_t size, size_t align) {
  size_t need = size + align + sizeof(Chunk);
  size_t chunk = next_size_;
  if (chunk < need) chunk = need;
  if (next_size_ < 1024 * 1024) next_size_ *= 2;
  auto* c = static_cast<Chunk*>(std::malloc(chunk));
  if (!c) std::abort();
  reserved_ += chunk;
  c->prev = head_;
  head_ = c;
  cur_ = reinterpret_cast<char*>(c + 1);
  end_ = reinterpret_cast<char*>(c) + chunk;
  return alloc(size, align);
}

}  // namespace pyvm::compiler
