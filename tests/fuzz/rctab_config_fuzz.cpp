// Any bytes given as an RCTab contest configuration give a contest or an error, never a crash.
// The configuration is written to a scratch folder, since sources are resolved against it.
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "participa/io/rctab.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("participa-fuzz-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const auto path = dir / "fuzz_config.json";
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  auto contest = participa::io::read_rctab_contest(path.string());
  if (contest.ok()) static_cast<void>(participa::io::tabulate_rctab(*contest));
  return 0;
}
