#include "participa/space/settings.hpp"

#include <algorithm>

#include "participa/core/strings.hpp"

namespace participa::space {
namespace {

const char* type_name(const SettingValue& value) {
  switch (value.index()) {
    case 0:
      return "a boolean";
    case 1:
      return "an integer";
    default:
      return "a text";
  }
}

const SettingSpec* find_spec(std::span<const SettingSpec> specs, std::string_view name) {
  auto it = std::find_if(specs.begin(), specs.end(),
                         [&](const SettingSpec& spec) { return spec.name == name; });
  return it == specs.end() ? nullptr : &*it;
}

}  // namespace

absl::Status check_settings(std::span<const SettingSpec> specs, const Settings& values,
                            SettingScope scope) {
  for (const auto& [name, value] : values) {
    const SettingSpec* spec = find_spec(specs, name);
    if (spec == nullptr) {
      return absl::InvalidArgumentError(str_cat("setting '", name, "' is not declared"));
    }
    if (scope == SettingScope::kPhase && spec->scope != SettingScope::kPhase) {
      return absl::InvalidArgumentError(
          str_cat("setting '", name, "' holds for the whole component, not per phase"));
    }
    if (value.index() != spec->default_value.index()) {
      return absl::InvalidArgumentError(str_cat("setting '", name, "' takes ",
                                                type_name(spec->default_value), ", not ",
                                                type_name(value), " ('", to_string(value), "')"));
    }
    if (const auto* number = std::get_if<std::int64_t>(&value);
        number != nullptr && *number < spec->minimum) {
      return absl::InvalidArgumentError(
          str_cat("setting '", name, "' is ", *number, "; the least allowed is ", spec->minimum));
    }
  }
  return absl::OkStatus();
}

Settings resolve_settings(std::span<const SettingSpec> specs, const Settings& global,
                          const Settings& phase) {
  Settings out;
  for (const SettingSpec& spec : specs) out.emplace(spec.name, spec.default_value);
  for (const auto& [name, value] : global) out[name] = value;
  for (const auto& [name, value] : phase) out[name] = value;
  return out;
}

bool setting_bool(const Settings& values, std::string_view name) {
  return std::get<bool>(values.find(name)->second);
}

std::int64_t setting_int(const Settings& values, std::string_view name) {
  return std::get<std::int64_t>(values.find(name)->second);
}

const std::string& setting_text(const Settings& values, std::string_view name) {
  return std::get<std::string>(values.find(name)->second);
}

std::string to_string(const SettingValue& value) {
  if (const auto* flag = std::get_if<bool>(&value)) return *flag ? "true" : "false";
  if (const auto* number = std::get_if<std::int64_t>(&value)) return str_cat(*number);
  return std::get<std::string>(value);
}

}  // namespace participa::space
