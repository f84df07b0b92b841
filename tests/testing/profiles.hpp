// Test helpers: profiles written compactly, e.g. ranked({"A","B","C"}, {{5, "A>B=C"}}).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "participa/tally/profile_builder.hpp"

namespace participa::testing {

inline tally::Candidate index_of(const std::vector<std::string>& names, const std::string& name) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<tally::Candidate>(i);
  }
  ADD_FAILURE() << "unknown candidate " << name;
  return 0;
}

// ranked(names, {{count, "A>B=C>D"}, ...}) — ">" separates ranks, "=" joins equal ones.
inline tally::Profile ranked(const std::vector<std::string>& names,
                             const std::vector<std::pair<std::uint64_t, std::string>>& ballots) {
  auto profile = tally::ProfileBuilder::create(names, tally::BallotKind::kRanked).value();
  for (const auto& [count, text] : ballots) {
    std::vector<tally::Candidate> marks;
    std::vector<std::int32_t> levels;
    std::int32_t level = 0;
    if (!text.empty()) {
      for (auto rank : absl::StrSplit(text, '>')) {
        for (auto name : absl::StrSplit(rank, '=')) {
          marks.push_back(index_of(names, std::string(name)));
          levels.push_back(level);
        }
        ++level;
      }
    }
    EXPECT_TRUE(profile.add(tally::BallotView{marks, levels}, count).ok()) << text;
  }
  return profile.build();
}

// scored(names, {{count, {{"A", 5}, {"B", 2}}}, ...}).
inline tally::Profile scored(
    const std::vector<std::string>& names,
    const std::vector<std::pair<std::uint64_t, std::vector<std::pair<std::string, int>>>>& ballots,
    tally::BallotKind kind = tally::BallotKind::kScore) {
  auto profile = tally::ProfileBuilder::create(names, kind).value();
  for (const auto& [count, marks_in] : ballots) {
    std::vector<tally::Candidate> marks;
    std::vector<std::int32_t> values;
    for (const auto& [name, value] : marks_in) {
      marks.push_back(index_of(names, name));
      values.push_back(value);
    }
    EXPECT_TRUE(profile.add(tally::BallotView{marks, values}, count).ok());
  }
  return profile.build();
}

// approvals(names, {{count, "A,B"}, ...}).
inline tally::Profile approvals(const std::vector<std::string>& names,
                                const std::vector<std::pair<std::uint64_t, std::string>>& ballots) {
  auto profile = tally::ProfileBuilder::create(names, tally::BallotKind::kApproval).value();
  for (const auto& [count, text] : ballots) {
    std::vector<tally::Candidate> marks;
    for (auto name : absl::StrSplit(text, ',', absl::SkipEmpty())) {
      marks.push_back(index_of(names, std::string(name)));
    }
    EXPECT_TRUE(profile.add(marks, count).ok()) << text;
  }
  return profile.build();
}

}  // namespace participa::testing
