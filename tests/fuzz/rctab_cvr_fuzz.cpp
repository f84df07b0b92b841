// Any bytes given as a cast-vote-record file (CDF JSON or XML, generic CSV, Clear Ballot CSV or
// a Hart XML record; the first byte picks which) give records or an error, never a crash, and
// records tabulate.
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "participa/io/rctab.hpp"

namespace {

std::string config(const std::string& provider, const std::string& file) {
  return R"({"tabulatorVersion": "TEST", "outputSettings": {"contestName": "fuzz"},
  "cvrFileSources": [{"filePath": ")" +
         file + R"(", "provider": ")" + provider + R"(",
    "contestId": "Contest", "firstVoteColumnIndex": "2", "firstVoteRowIndex": "2",
    "overvoteLabel": "overvote", "skippedRankLabel": "undervote", "undeclaredWriteInLabel": "UWI"}],
  "candidates": [{"name": "A"}, {"name": "B"}, {"name": "C"}],
  "rules": {"tiebreakMode": "useCandidateOrder", "overvoteRule": "alwaysSkipToNextRank",
    "winnerElectionMode": "singleWinnerMajority", "numberOfWinners": "1",
    "decimalPlacesForVoteArithmetic": "4", "maxSkippedRanksAllowed": "1",
    "maxRankingsAllowed": "3"}})";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("participa-fuzz-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  struct Kind {
    const char *provider, *file;
  };
  static const Kind kinds[] = {{"cdf", "cvr.json"},
                               {"genericCsv", "cvr.csv"},
                               {"clearBallot", "cvr.csv"},
                               {"cdf", "cvr.xml"},
                               {"hart", "hart/cvr.xml"}};
  const Kind& kind = kinds[data[0] % 5];
  const std::string provider = kind.provider;
  const std::string file = provider == "hart" ? "hart" : kind.file;
  std::filesystem::create_directories(dir / "hart");
  {
    std::ofstream out(dir / kind.file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data + 1), static_cast<std::streamsize>(size - 1));
  }
  {
    std::ofstream out(dir / "cvr_config.json", std::ios::trunc);
    out << config(provider, file);
  }
  auto contest = participa::io::read_rctab_contest((dir / "cvr_config.json").string());
  if (contest.ok()) static_cast<void>(participa::io::tabulate_rctab(*contest));
  return 0;
}
