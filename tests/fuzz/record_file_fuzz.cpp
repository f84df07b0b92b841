// Any bytes given as a record file are opened and verified, or refused, never a crash.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>

#include "participa/store/event_store.hpp"
#include "participa/store/verify.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string path = "/tmp/participa_record_fuzz_" + std::to_string(getpid()) + ".db";
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
  if (FILE* f = std::fopen(path.c_str(), "wb")) {
    std::fwrite(data, 1, size, f);
    std::fclose(f);
  }
  {
    auto store = participa::store::open_sqlite_store(path);
    if (store.ok()) static_cast<void>(participa::store::verify(**store));
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
  return 0;
}
