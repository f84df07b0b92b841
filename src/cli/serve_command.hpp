// `participa serve`: the workshop boards of a record as a small web page on this machine, so a
// facilitator can run an atelier from a laptop in the room — an example of embedding participa,
// not a platform. People join a board with a name (each name becomes a participant of the
// record); whoever gives the facilitator code printed at start-up acts as the organization's
// admin, who runs every board. Every answer is what participa's queries give that reader
// (components::workshops::board_view and feed): the server never sends a sticky's content, or
// dots, that the reader may not see. Live updates travel as server-sent events from the board's
// change feed, and a browser that reconnects resumes from the last event it received.
//
// On a record with no board, `--board TITLE` starts one (founding the organization, a space
// and a workshops component first when the record is empty).
#pragma once

#include <cstdint>
#include <string>

#include <CLI/CLI.hpp>

namespace participa::cli {

struct ServeArgs {
  std::string db;
  std::string host = "127.0.0.1";
  std::int32_t port = 8080;  // 0: any free port
  std::string board;         // a title: start a board when the record has none
  std::string code;          // the facilitator code; empty: a random one
};

CLI::App* add_serve_command(CLI::App& app, ServeArgs& args);
// run_serve — serves until SIGINT or SIGTERM; 0 when stopped, 1 when the record cannot be
// opened or the port bound (message on stderr). Prints "serving on URL" once listening.
int run_serve(const ServeArgs& args);

}  // namespace participa::cli
