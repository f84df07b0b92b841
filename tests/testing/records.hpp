// Record files for the store tests: each test program's own (named with its process id, so
// the same tests running at once from other builds on one machine never share a file), and
// removed when the program ends.
#pragma once

#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "participa/core/strings.hpp"

namespace participa::testing {

inline void remove_record(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

class TemporaryRecords : public ::testing::Environment {
 public:
  std::string add(std::string path) {
    remove_record(path);
    paths_.push_back(path);
    return path;
  }
  void TearDown() override {
    for (const std::string& path : paths_) remove_record(path);
  }

 private:
  std::vector<std::string> paths_;
};

// fresh_path — an empty place for a record named `name`, removed when the program ends.
inline std::string fresh_path(std::string_view name) {
  static TemporaryRecords* const records =
      static_cast<TemporaryRecords*>(::testing::AddGlobalTestEnvironment(new TemporaryRecords));
  return records->add(str_cat(::testing::TempDir(), "/", name, "_", getpid(), ".db"));
}

// sql — runs one statement on a record behind the store's back (to tamper with it).
inline void sql(const std::string& path, const std::string& statement) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  int rc = sqlite3_exec(db, statement.c_str(), nullptr, nullptr, &error);
  EXPECT_EQ(rc, SQLITE_OK) << (error != nullptr ? error : "") << " in " << statement;
  sqlite3_free(error);
  sqlite3_close(db);
}

}  // namespace participa::testing
