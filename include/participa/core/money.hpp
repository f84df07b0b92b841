// participa/core/money.hpp — amounts of money as integer minor units.
//
// Budgets are compared and summed exactly, so money never passes through floating point:
// `Money` holds a signed count of minor units (cents) of one currency. Arithmetic between
// different currencies, or that would overflow 64 bits, is refused with a Status.
//
//   auto budget = participa::Money::from_minor(1'000'000, "EUR");   // 10 000.00 EUR
//   auto total = budget.add(participa::Money::from_minor(250, "EUR"));
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "participa/core/strings.hpp"

namespace participa {

class Money {
 public:
  Money() = default;
  static Money from_minor(std::int64_t minor_units, std::string_view currency = "") {
    Money m;
    m.minor_ = minor_units;
    m.currency_ = std::string(currency);
    return m;
  }

  std::int64_t minor_units() const { return minor_; }
  const std::string& currency() const { return currency_; }

  // add(other) — InvalidArgument for a currency mismatch, OutOfRange on overflow.
  absl::StatusOr<Money> add(const Money& other) const {
    if (currency_ != other.currency_) {
      return absl::InvalidArgumentError(str_cat("cannot add ", other.currency_, " to ", currency_));
    }
    std::int64_t sum = 0;
    if (__builtin_add_overflow(minor_, other.minor_, &sum)) {
      return absl::OutOfRangeError("money amount overflows 64-bit minor units");
    }
    return from_minor(sum, currency_);
  }

  friend bool operator==(const Money&, const Money&) = default;

 private:
  std::int64_t minor_ = 0;
  std::string currency_;
};

}  // namespace participa
