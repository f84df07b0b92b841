// The STV rules as methods of the registry (tally/method.hpp): "stv-scottish", "meek", ...
// Private to the tally layer.
#pragma once

#include "participa/tally/method.hpp"
#include "participa/tally/stv.hpp"

namespace participa::tally::stv {

// method_info(rule) — the registry entry counting by `rule`. Its parameters are the count's
// options as text (arithmetic, precision, guard, display, omega, defeat); the tie-break is the
// rule book's lot, in the permutation's order (policy "permutation"), in an order drawn from
// the seed ("random"), else in the candidates' order ("report" and "candidate-order");
// "previous-rounds" is refused, since each rule book says itself whether it looks back. Each
// broken tie is listed in Result::ties.
MethodInfo method_info(Rule rule);

}  // namespace participa::tally::stv
