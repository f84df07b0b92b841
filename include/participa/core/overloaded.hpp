// participa/core/overloaded.hpp — one visitor from several lambdas, for std::visit.
//
//   std::visit(participa::Overloaded{[](bool b) { ... }, [](const std::string& s) { ... }}, v);
#pragma once

namespace participa {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

}  // namespace participa
