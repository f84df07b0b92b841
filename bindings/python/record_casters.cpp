#include "record_casters.hpp"

namespace participa::python {
namespace {

// Filled while the module is imported, read afterwards; both under the GIL.
std::vector<AnyKind>& any_kinds() {
  static auto* kinds = new std::vector<AnyKind>();
  return *kinds;
}

}  // namespace

py::object to_datetime(absl::Time time) {
  if (time == absl::InfinitePast()) return py::none();
  py::module_ datetime = py::module_::import("datetime");
  py::object utc = datetime.attr("timezone").attr("utc");
  std::int64_t micros = absl::ToUnixMicros(time);
  py::object epoch = datetime.attr("datetime")(1970, 1, 1, "tzinfo"_a = utc);
  return epoch + datetime.attr("timedelta")("microseconds"_a = micros);
}

absl::Time from_datetime(py::handle value) {
  py::object offset = value.attr("utcoffset")();
  if (offset.is_none()) {
    throw py::value_error(
        "a datetime without a time zone is ambiguous; give one, e.g. "
        "datetime(2027, 3, 1, 9, tzinfo=timezone.utc)");
  }
  py::module_ datetime = py::module_::import("datetime");
  py::object epoch =
      datetime.attr("datetime")(1970, 1, 1, "tzinfo"_a = datetime.attr("timezone").attr("utc"));
  py::object since = value - epoch;
  auto days = since.attr("days").cast<std::int64_t>();
  auto seconds = since.attr("seconds").cast<std::int64_t>();
  auto micros = since.attr("microseconds").cast<std::int64_t>();
  return absl::UnixEpoch() + absl::Hours(24 * days) + absl::Seconds(seconds) +
         absl::Microseconds(micros);
}

void register_any(AnyKind kind) { any_kinds().push_back(std::move(kind)); }

py::object any_to_python(const std::any& value) {
  if (!value.has_value()) return py::none();
  for (const AnyKind& kind : any_kinds()) {
    if (kind.type == std::type_index(value.type())) return kind.to_python(value);
  }
  throw py::type_error(str_cat("a value of C++ type ", value.type().name(),
                               " has no Python form; its component kind has no bindings"));
}

std::any any_from_python(py::handle value) {
  for (const AnyKind& kind : any_kinds()) {
    std::any converted = kind.from_python(value);
    if (converted.has_value()) return converted;
  }
  return {};
}

}  // namespace participa::python
