// The record commands of `participa`: demo (a city's participatory process end to end into a
// record), verify (chain, rules and snapshots), snapshot (store the state, so opening replays
// only what follows), log (the events, one per line) and meetings (the record's meetings, one
// per line, or one meeting as JSON for `participa report`).
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
  std::string meeting;  // meetings: the one to write as JSON; empty lists them all
};

struct RecordCommands {
  CLI::App* demo = nullptr;
  CLI::App* verify = nullptr;
  CLI::App* snapshot = nullptr;
  CLI::App* log = nullptr;
  CLI::App* meetings = nullptr;
};

RecordCommands add_record_commands(CLI::App& app, RecordArgs& args);
// run_record_command — the exit code: 0 done, 1 refused or failed (message on stderr).
int run_record_command(const RecordCommands& commands, const RecordArgs& args);

}  // namespace participa::cli
