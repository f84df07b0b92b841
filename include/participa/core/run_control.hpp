// participa/core/run_control.hpp — watching a long run, and stopping it.
//
// A computation that can take seconds (equal shares with add-one completion over a budget in
// small currency units) takes a RunControl. Its `progress` callback is called from the running
// thread, at most once per `interval`, with the steps done so far; the run stops with
// absl::StatusCode::kCancelled, leaving nothing changed, when the callback returns false or
// when `stop` has been requested from any thread. An empty RunControl costs one clock read
// per step.
//
//   StopToken stop;                       // another thread may call stop.request_stop()
//   RunControl control{.stop = &stop, .progress = [](std::uint64_t done) {
//     std::cerr << done << " steps\r";
//     return true;
//   }};
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string_view>

#include "absl/status/status.h"

namespace participa {

class StopToken {
 public:
  void request_stop() { stopped_.store(true, std::memory_order_relaxed); }
  bool stop_requested() const { return stopped_.load(std::memory_order_relaxed); }

 private:
  std::atomic<bool> stopped_{false};
};

struct RunControl {
  const StopToken* stop = nullptr;
  std::function<bool(std::uint64_t done)> progress = {};
  std::chrono::milliseconds interval{100};
};

// Checkpoint — what a running loop calls once per step: Cancelled once the run must stop.
class Checkpoint {
 public:
  Checkpoint(const RunControl& control, std::string_view what)
      : control_(control), what_(what), next_(std::chrono::steady_clock::now()) {}

  absl::Status step(std::uint64_t done) {
    if (control_.stop != nullptr && control_.stop->stop_requested()) return cancelled(done);
    if (!control_.progress) return absl::OkStatus();
    const auto now = std::chrono::steady_clock::now();
    if (now < next_) return absl::OkStatus();
    next_ = now + control_.interval;
    return control_.progress(done) ? absl::OkStatus() : cancelled(done);
  }

 private:
  absl::Status cancelled(std::uint64_t done) const {
    return absl::CancelledError(std::string(what_) + ": stopped after " + std::to_string(done) +
                                " steps");
  }

  const RunControl& control_;
  std::string_view what_;
  std::chrono::steady_clock::time_point next_;
};

}  // namespace participa
