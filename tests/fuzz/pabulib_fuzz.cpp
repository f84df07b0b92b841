// Any bytes given to the pabulib reader give an election or an error, never a crash; an
// election that reads survives a write and a second read, and every rule runs on it within the
// budget.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "participa/io/pabulib.hpp"
#include "participa/pb/consul.hpp"
#include "participa/pb/equal_shares.hpp"
#include "participa/pb/greedy.hpp"
#include "participa/pb/max_welfare.hpp"
#include "participa/pb/official.hpp"
#include "participa/pb/phragmen.hpp"
#include "participa/pb/registry.hpp"
#include "participa/pb/result.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto election = participa::io::parse_pabulib(
      std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.pb");
  if (!election.ok()) return 0;
  auto written = participa::io::write_pabulib(*election);
  if (!written.ok()) std::abort();
  auto again = participa::io::parse_pabulib(*written, "written");
  if (!again.ok()) std::abort();
  // Warnings name lines of the file read; the written file lays its lines out anew.
  again->warnings = election->warnings;
  if (!(*again == *election)) std::abort();
  if (election->profile.total_weight() <= 64 && election->instance.projects.size() <= 16) {
    using participa::pb::Satisfaction;
    for (auto sat : {Satisfaction::kCost, Satisfaction::kCardinality, Satisfaction::kPoints,
                     Satisfaction::kBorda}) {
      for (const auto& outcome :
           {participa::pb::greedy(*election, sat), participa::pb::equal_shares(*election, sat)}) {
        if (outcome.ok() && outcome->total_cost > election->instance.budget) std::abort();
      }
    }
    auto phragmen = participa::pb::phragmen(*election);
    if (phragmen.ok() && phragmen->total_cost > election->instance.budget) std::abort();
  }
  return 0;
}
