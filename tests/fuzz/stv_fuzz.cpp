// Any BLT file that reads gives, under every STV rule, a count or an error, never a crash, and
// a count fills the seats or says why not. Elections are kept small so each input runs fast.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "participa/io/blt.hpp"
#include "participa/tally/stv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace stv = participa::tally::stv;
  auto file = participa::io::parse_blt(std::string_view(reinterpret_cast<const char*>(data), size),
                                       "fuzz.blt");
  if (!file.ok() || file->profile.num_candidates() > 12 || file->profile.num_distinct() > 300) {
    return 0;
  }
  for (stv::Rule rule : {stv::Rule::kScottish, stv::Rule::kMinneapolis, stv::Rule::kCfer,
                         stv::Rule::kWigm, stv::Rule::kWigmPrf, stv::Rule::kMeek,
                         stv::Rule::kMeekPrf, stv::Rule::kWarren, stv::Rule::kQpq}) {
    stv::Options options;
    options.rule = rule;
    options.seats = file->seats;
    options.tie_order = file->tie_order;
    if (rule == stv::Rule::kMinneapolis) options.undeclared_write_ins = file->undeclared;
    auto count = stv::count(file->profile, options);
    if (count.ok() && count->elected.size() > static_cast<std::size_t>(options.seats)) std::abort();
  }
  return 0;
}
