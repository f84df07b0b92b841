// Every way a record is read back — reopened (from its last snapshot), verified, folded event by
// event from its bytes, and that fold through a snapshot's encoding — must give a component the
// state it had when the record was written.
#pragma once

#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "participa/core/status_macros.hpp"
#include "participa/io/record.hpp"
#include "participa/io/snapshot.hpp"
#include "participa/store/ledger.hpp"
#include "participa/store/verify.hpp"
#include "status_matchers.hpp"

namespace participa::testing {

// expect_reads_back(path, component, expected, state_of) — `state_of(organization, component)`
// is the component kind's accessor (a StatusOr of a pointer to its state).
template <class State, class StateOf>
void expect_reads_back(const std::string& path, ComponentId component, const State& expected,
                       StateOf state_of) {
  {
    auto reopened = store::Ledger::open(*store::open_sqlite_store(path));
    ASSERT_THAT(reopened, IsOk());
    EXPECT_EQ(
        (*reopened)->read([&](const space::Organization& o) { return **state_of(o, component); }),
        expected);
  }
  auto events = store::open_sqlite_store(path);
  ASSERT_THAT(events, IsOk());
  auto report = store::verify(**events);
  ASSERT_THAT(report, IsOk());
  EXPECT_FALSE(report->first_bad.has_value()) << report->first_bad->reason;
  space::Organization folded;
  ASSERT_THAT((*events)->scan(0,
                              [&](store::StoredEvent&& stored) -> absl::Status {
                                PARTICIPA_ASSIGN_OR_RETURN(space::Event e,
                                                           io::decode_event(stored.bytes));
                                return space::evolve(folded, e);
                              }),
              IsOk());
  EXPECT_EQ(**state_of(folded, component), expected);
  auto restored = io::decode_snapshot(*io::encode_snapshot(folded));
  ASSERT_THAT(restored, IsOk());
  EXPECT_EQ(**state_of(*restored, component), expected);
}

}  // namespace participa::testing
