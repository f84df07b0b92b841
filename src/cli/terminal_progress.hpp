// TerminalProgress — how far a long run got, on a terminal: once a run has lasted a second,
// "label: N what" is rewritten in place on stderr at each progress call, and the line is ended
// when the TerminalProgress goes. Off a terminal its control() watches nothing.
//
//   TerminalProgress progress(rule, "recounts");
//   auto count = stv::count(profile, options, progress.control());
#pragma once

#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <iostream>
#include <string>
#include <utility>

#include "participa/core/run_control.hpp"

namespace participa::cli {

class TerminalProgress {
 public:
  TerminalProgress(std::string label, std::string what)
      : label_(std::move(label)), what_(std::move(what)) {
    if (!isatty(STDERR_FILENO)) return;
    control_.progress = [this](std::uint64_t done) {
      if (std::chrono::steady_clock::now() - started_ < std::chrono::seconds(1)) return true;
      std::cerr << "\r" << label_ << ": " << done << " " << what_ << std::flush;
      shown_ = true;
      return true;
    };
  }
  ~TerminalProgress() {
    if (shown_) std::cerr << "\n";
  }
  TerminalProgress(const TerminalProgress&) = delete;
  TerminalProgress& operator=(const TerminalProgress&) = delete;

  const RunControl& control() const { return control_; }

 private:
  std::string label_;
  std::string what_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  bool shown_ = false;
  RunControl control_;
};

}  // namespace participa::cli
