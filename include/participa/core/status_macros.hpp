// participa/core/status_macros.hpp — early return on a bad absl::Status.
//
// Abseil 20220623 (Debian 12) ships no status macros, so participa defines its own:
//
//   PARTICIPA_RETURN_IF_ERROR(store.append(event));
//   PARTICIPA_ASSIGN_OR_RETURN(Profile profile, read_preflib(text));
//
// PARTICIPA_DCHECK(cond) guards internal invariants (a failure is a bug in participa, never
// a caller's mistake); it aborts with the condition's text in debug builds and is compiled
// out when NDEBUG is defined.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define PARTICIPA_STATUS_CONCAT_INNER_(a, b) a##b
#define PARTICIPA_STATUS_CONCAT_(a, b) PARTICIPA_STATUS_CONCAT_INNER_(a, b)

#define PARTICIPA_RETURN_IF_ERROR(expr)                                       \
  do {                                                                        \
    if (::absl::Status participa_status_ = (expr); !participa_status_.ok()) { \
      return participa_status_;                                               \
    }                                                                         \
  } while (false)

#define PARTICIPA_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                     \
  if (!tmp.ok()) return std::move(tmp).status();         \
  lhs = std::move(tmp).value()

#define PARTICIPA_ASSIGN_OR_RETURN(lhs, expr)                                                    \
  PARTICIPA_ASSIGN_OR_RETURN_IMPL_(PARTICIPA_STATUS_CONCAT_(participa_statusor_, __LINE__), lhs, \
                                   expr)

#ifdef NDEBUG
#define PARTICIPA_DCHECK(cond) static_cast<void>(0)
#else
#define PARTICIPA_DCHECK(cond)                                                                     \
  ((cond)                                                                                          \
       ? static_cast<void>(0)                                                                      \
       : (std::fprintf(stderr, "%s:%d: PARTICIPA_DCHECK failed: %s\n", __FILE__, __LINE__, #cond), \
          std::abort()))
#endif
