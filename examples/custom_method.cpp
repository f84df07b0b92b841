// A vendor's own counting method, registered beside the built-in ones and found by name.
//
// "Approval with a quorum": the most approved candidate wins only if approved by at least a
// given share of voters (parameter `quorum_percent`); otherwise nobody is elected.
#include <iostream>

#include "participa/tally/method.hpp"
#include "participa/tally/profile_builder.hpp"

namespace tally = participa::tally;

absl::StatusOr<tally::Result> approval_with_quorum(const tally::Profile& profile,
                                                   const tally::Options& options) {
  int quorum_percent = 50;
  if (auto it = options.parameters.find("quorum_percent"); it != options.parameters.end()) {
    quorum_percent = std::stoi(it->second);
  }
  auto plain = tally::MethodRegistry::with_builtins().count("approval", profile, {});
  if (!plain.ok()) return plain.status();
  tally::Result result = *plain;
  result.method = "approval-with-quorum";
  result.parameters.emplace_back("quorum_percent", std::to_string(quorum_percent));
  const auto& tally_of_round = result.rounds.front().tally;
  std::vector<tally::Candidate> kept;
  for (tally::Candidate w : result.winners) {
    for (const auto& entry : tally_of_round) {
      if (entry.candidate == w &&
          entry.votes * 100 >= participa::Rational(profile.total_weight()) * quorum_percent) {
        kept.push_back(w);
      }
    }
  }
  result.winners = kept;
  return result;
}

int main() {
  auto registry = tally::MethodRegistry::with_builtins();
  absl::Status added = registry.add({"approval-with-quorum",
                                     "most approvals, if approved by a quorum of voters",
                                     {tally::BallotKind::kApproval},
                                     {{"quorum_percent", "share of voters needed", "50"}},
                                     false,
                                     approval_with_quorum});
  if (!added.ok()) return 1;

  auto ballots =
      tally::ProfileBuilder::create({"Park", "Library", "Bike lane"}, tally::BallotKind::kApproval)
          .value();
  tally::Candidate park_and_lane[] = {0, 2}, library[] = {1};
  if (!ballots.add(park_and_lane, 40).ok() || !ballots.add(library, 60).ok()) return 1;
  const tally::Profile profile = ballots.build();

  tally::Options options;
  options.parameters["quorum_percent"] = "55";
  auto result = registry.count("approval-with-quorum", profile, options);
  if (!result.ok()) {
    std::cerr << result.status() << "\n";
    return 1;
  }
  std::cout << "winner: " << (result->winners.empty() ? "none" : result->winner_names()[0]) << "\n";
  return result->winner_names() == std::vector<std::string>{"Library"} ? 0 : 1;
}
