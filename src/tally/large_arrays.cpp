#include "participa/tally/detail/large_arrays.hpp"

#include <cstdlib>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace participa::tally::detail {
namespace {

constexpr std::size_t kHugePage = std::size_t{2} << 20;

std::size_t rounded(std::size_t bytes) { return (bytes + kHugePage - 1) / kHugePage * kHugePage; }

}  // namespace

void* allocate_large(std::size_t bytes) {
  void* block = std::aligned_alloc(kHugePage, rounded(bytes));
  if (block == nullptr) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  // Advice only: where huge pages are off, the block stays ordinary memory.
  madvise(block, rounded(bytes), MADV_HUGEPAGE);
#endif
  return block;
}

void deallocate_large(void* block, std::size_t) noexcept { std::free(block); }

}  // namespace participa::tally::detail
