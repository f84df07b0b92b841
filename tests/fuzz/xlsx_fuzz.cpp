// Any bytes given to the .xlsx reader give a table or an error, never a crash.
#include <cstdint>
#include <string>

#include "participa/io/xlsx.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static_cast<void>(participa::io::parse_xlsx_first_sheet(
      std::string(reinterpret_cast<const char*>(data), size), "fuzz.xlsx"));
  return 0;
}
