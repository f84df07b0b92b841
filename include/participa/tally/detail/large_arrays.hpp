// participa/tally/detail/large_arrays.hpp — an allocator for the big flat arrays of a profile.
//
// Profiles of millions of ballots keep arrays of hundreds of megabytes. Allocated the usual
// way, every 4 KiB page of them costs a fault on first touch and a TLB entry on every walk.
// LargeArrayAllocator hands out blocks of 4 MiB and more aligned to 2 MiB and asks Linux for
// transparent huge pages there (madvise), where the machine allows it; smaller blocks, and
// other systems, get ordinary memory. It is stateless: any instance frees any block.
#pragma once

#include <cstddef>
#include <new>

namespace participa::tally::detail {

inline constexpr std::size_t kLargeArrayBytes = std::size_t{4} << 20;

void* allocate_large(std::size_t bytes);
void deallocate_large(void* block, std::size_t bytes) noexcept;

template <class T>
struct LargeArrayAllocator {
  using value_type = T;

  LargeArrayAllocator() = default;
  template <class U>
  LargeArrayAllocator(const LargeArrayAllocator<U>&) noexcept {}

  T* allocate(std::size_t n) {
    if (n > static_cast<std::size_t>(-1) / sizeof(T)) throw std::bad_array_new_length();
    const std::size_t bytes = n * sizeof(T);
    if (bytes < kLargeArrayBytes) return static_cast<T*>(::operator new(bytes));
    return static_cast<T*>(allocate_large(bytes));
  }
  void deallocate(T* block, std::size_t n) noexcept {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < kLargeArrayBytes) {
      ::operator delete(block);
    } else {
      deallocate_large(block, bytes);
    }
  }

  template <class U>
  friend bool operator==(const LargeArrayAllocator&, const LargeArrayAllocator<U>&) {
    return true;
  }
};

}  // namespace participa::tally::detail
