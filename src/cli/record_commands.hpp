// The record commands of `participa`: demo (a city's participatory process end to end into a
// record), verify (chain, rules and snapshots), snapshot (store the state, so opening replays
// only what follows), log (the events, one per line), meetings (the record's meetings, one per
// line, or one meeting as JSON for `participa report`) and elections (the same for elections and
// their results, under each election's visibility).
#pragma once

#include <cstdint>
#include <string>

#include <CLI/CLI.hpp>

namespace participa::cli {

struct RecordArgs {
  std::string db;
  std::uint64_t seed = 2027;
  std::uint32_t participants = 3000;
  std::uint32_t proposals = 300;
  std::string format = "text";
  std::string meeting;   // meetings: the one to write as JSON; empty lists them all
  std::string election;  // elections: the one whose results to write; empty lists them all
  std::string reader;    // elections: the nickname reading the results; empty: a visitor
};

struct RecordCommands {
  CLI::App* demo = nullptr;
  CLI::App* verify = nullptr;
  CLI::App* snapshot = nullptr;
  CLI::App* log = nullptr;
  CLI::App* meetings = nullptr;
  CLI::App* elections = nullptr;
};

RecordCommands add_record_commands(CLI::App& app, RecordArgs& args);
// run_record_command — the exit code: 0 done, 1 refused or failed (message on stderr).
int run_record_command(const RecordCommands& commands, const RecordArgs& args);

}  // namespace participa::cli
