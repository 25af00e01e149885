// The bump allocator that owns every token side-table, AST node, sequence and string of one parse.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <string_view>
#include <type_traits>

namespace pyvm::compiler {

// A string owned by an arena or pointing into the source buffer: trivial (zero-initialise it with Str{}) so that it
// can live in the AST's unions. A null `data` means "absent" (None in the Python AST).
struct Str {
  const char* data;
  uint32_t size;

  bool empty() const { return size == 0; }
  bool is_null() const { return data == nullptr; }
  std::string_view view() const { return std::string_view(data ? data : "", size); }
  bool operator==(std::string_view s) const { return view() == s; }
};

// An arena-allocated array (trivial, like Str); empty sequences have size 0 and may have a null `data`.
template <class T>
struct Seq {
  T* data;
  uint32_t size;

  T* begin() const { return data; }
  T* end() const { return data + size; }
  T& operator[](uint32_t i) const { return data[i]; }
  bool empty() const { return size == 0; }
  T& back() const { return data[size - 1]; }
};

class Arena {
 public:
  Arena() = default;
  ~Arena();
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  void* alloc(size_t size, size_t align = alignof(std::max_align_t)) {
    uintptr_t p = (reinterpret_cast<uintptr_t>(cur_) + (align - 1)) & ~(uintptr_t)(align - 1);
    if (p + size > reinterpret_cast<uintptr_t>(end_)) return alloc_slow(size, align);
    cur_ = reinterpret_cast<char*>(p + size);
    return reinterpret_cast<void*>(p);
  }

  // Only trivially destructible types: the arena never runs destructors.
  template <class T, class... A>
  T* make(A&&... args) {
    static_assert(std::is_trivially_destructible_v<T>);
    return new (alloc(sizeof(T), alignof(T))) T{static_cast<A&&>(args)...};
  }

  template <class T>
  T* alloc_array(size_t n) {
    static_assert(std::is_trivially_destructible_v<T>);
    if (n == 0) return nullptr;
    return static_cast<T*>(alloc(sizeof(T) * n, alignof(T)));
  }

  template <class T>
  Seq<T> copy_seq(const T* items, size_t n) {
    Seq<T> s{};
    s.size = static_cast<uint32_t>(n);
    s.data = alloc_array<T>(n);
    if (n) std::memcpy(static_cast<void*>(s.data), items, sizeof(T) * n);
    return s;
  }

  Str copy_str(std::string_view s) {
    char* p = static_cast<char*>(alloc(s.size() + 1, 1));
    if (!s.empty()) std::memcpy(p, s.data(), s.size());
    p[s.size()] = '\0';
    return Str{p, static_cast<uint32_t>(s.size())};
  }

  // Total bytes obtained from the system, for statistics.
  size_t bytes_reserved() const { return reserved_; }

 private:
  void* alloc_slow(size_t size, size_t align);

  struct Chunk {
    Chunk* prev;
  };
  char* cur_ = nullptr;
  char* end_ = nullptr;
  Chunk* head_ = nullptr;
  size_t next_size_ = 32 * 1024;
  size_t reserved_ = 0;
};

// A small vector that keeps its first N items inline; used to collect sequences before copying them into the
// arena, so that parsing a list of three items allocates nothing on the heap.
template <class T, unsigned N = 8>
class SmallVec {
 public:
  SmallVec() = default;
  ~SmallVec() {
    if (data_ != inline_) ::operator delete(data_);
  }
  SmallVec(const SmallVec&) = delete;
  SmallVec& operator=(const SmallVec&) = delete;

  void push_back(const T& v) {
    if (size_ == cap_) grow();
    data_[size_++] = v;
  }
  uint32_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T& operator[](uint32_t i) { return data_[i]; }
  const T& operator[](uint32_t i) const { return data_[i]; }
  T& back() { return data_[size_ - 1]; }
  T* begin() { return data_; }
  T* end() { return data_ + size_; }
  void clear() { size_ = 0; }
  void pop_back() { --size_; }
  Seq<T> to_seq(Arena& a) const { return a.copy_seq(data_, size_); }

 private:
  void grow() {
    static_assert(std::is_trivially_copyable_v<T>);
    uint32_t ncap = cap_ * 2;
    T* n = static_cast<T*>(::operator new(sizeof(T) * ncap));
    std::memcpy(static_cast<void*>(n), data_, sizeof(T) * size_);
    if (data_ != inline_) ::operator delete(data_);
    data_ = n;
    cap_ = ncap;
  }
  T inline_[N];
  T* data_ = inline_;
  uint32_t size_ = 0;
  uint32_t cap_ = N;
};

}  // namespace pyvm::compiler
