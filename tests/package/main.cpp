// Counts a small profile through the installed package; exits 0 only if B wins.
#include <iostream>

#include "participa/io/json.hpp"
#include "participa/tally/method.hpp"
#include "participa/tally/profile_builder.hpp"
#include "participa/version.hpp"

int main() {
  using namespace participa::tally;
  auto ballots = ProfileBuilder::create({"A", "B", "C"}, BallotKind::kRanked).value();
  Candidate a_first[] = {0, 1, 2}, b_first[] = {1, 2, 0};
  if (!ballots.add(a_first, 2).ok() || !ballots.add(b_first, 3).ok()) return 1;
  auto result = MethodRegistry::with_builtins().count("irv", ballots.build(), {});
  if (!result.ok()) return 1;
  std::cout << "participa " << participa::kVersion << ": " << participa::io::result_to_json(*result)
            << "\n";
  return result->winner_names() == std::vector<std::string>{"B"} ? 0 : 1;
}
