// participa/space/settings.hpp — typed component settings, global and per phase.
//
// A component kind declares its settings (`SettingSpec`: name, type, default, and whether it
// is global or may differ per phase). An administrator's values are checked against those
// declarations when they are set — an unknown name or a value of the wrong type is refused —
// and `resolve_settings` gives what holds now: the declared defaults, overridden by the
// global values, overridden by the active phase's values (or the space's default-phase values
// when the space has no phases).
//
//   Settings current = resolve_settings(specs, component.settings, phase_values);
//   bool open = setting_bool(current, "votes_enabled");
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "absl/status/status.h"

namespace participa::space {

// SettingValue — a boolean, an integer or a text.
using SettingValue = std::variant<bool, std::int64_t, std::string>;
// Settings — values by setting name.
using Settings = std::map<std::string, SettingValue, std::less<>>;

// SettingScope — kGlobal settings hold for the whole component; kPhase settings may take a
// different value in each phase.
enum class SettingScope { kGlobal, kPhase };

struct SettingSpec {
  std::string name{};
  SettingValue default_value{};
  SettingScope scope = SettingScope::kGlobal;
  // minimum — for integer settings, the least value accepted.
  std::int64_t minimum = 0;
};

// check_settings(specs, values, scope) — InvalidArgument naming the first value whose name is
// not declared with that scope, whose type differs from its default's, or whose integer is
// below its minimum.
absl::Status check_settings(std::span<const SettingSpec> specs, const Settings& values,
                            SettingScope scope);

// resolve_settings — defaults, then `global`, then `phase` (each may be empty).
Settings resolve_settings(std::span<const SettingSpec> specs, const Settings& global,
                          const Settings& phase);

// setting_bool / setting_int / setting_text — the value of a declared setting.
// Requires: `values` came from resolve_settings over specs declaring `name` with that type.
bool setting_bool(const Settings& values, std::string_view name);
std::int64_t setting_int(const Settings& values, std::string_view name);
const std::string& setting_text(const Settings& values, std::string_view name);

// to_string — the value as it would be typed: true/false, digits, or the text.
std::string to_string(const SettingValue& value);

}  // namespace participa::space
