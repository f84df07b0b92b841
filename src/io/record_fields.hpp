// src/io/record_fields.hpp — how the record's messages carry ids, times, enums, settings and
// text; shared by the event codec (record.cpp) and the snapshot codec (snapshot.cpp).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <google/protobuf/message.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "io/ordered.hpp"
#include "participa/core/digest.hpp"
#include "participa/core/id.hpp"
#include "participa/core/names.hpp"
#include "participa/core/overloaded.hpp"
#include "participa/core/strings.hpp"
#include "participa/core/utf8.hpp"
#include "participa/space/authorization.hpp"
#include "participa/space/settings.hpp"
#include "participa/v1/record.pb.h"

namespace participa::io::detail {

template <class Tag>
std::string id_bytes(Id<Tag> id) {
  if (id.is_nil()) return {};
  auto bytes = id.bytes();
  return std::string(bytes.begin(), bytes.end());
}

template <class IdT>
absl::Status read_id(const std::string& bytes, IdT& out, std::string_view field) {
  if (bytes.empty()) {
    out = IdT();
    return absl::OkStatus();
  }
  if (bytes.size() != 16) {
    return absl::DataLossError(str_cat(field, " has ", bytes.size(), " bytes, not an id's 16"));
  }
  std::array<std::uint8_t, 16> raw;
  std::copy(bytes.begin(), bytes.end(), raw.begin());
  out = IdT::from_bytes(raw);
  return absl::OkStatus();
}

// digest_bytes / read_digest — a Digest as a bytes field; the zero digest is written as an
// empty field and an empty field reads as it.
inline std::string digest_bytes(const Digest& digest) {
  if (digest == Digest{}) return {};
  return std::string(digest.bytes.begin(), digest.bytes.end());
}
inline absl::Status read_digest(const std::string& bytes, Digest& out, std::string_view field) {
  out = Digest{};
  if (bytes.empty()) return absl::OkStatus();
  if (bytes.size() != out.bytes.size()) {
    return absl::DataLossError(str_cat(field, " has ", bytes.size(), " bytes, not a digest's 32"));
  }
  std::copy(bytes.begin(), bytes.end(), out.bytes.begin());
  return absl::OkStatus();
}

inline std::int64_t micros(absl::Time t) { return absl::ToUnixMicros(t); }
inline absl::Time from_micros(std::int64_t us) { return absl::FromUnixMicros(us); }

// put_ids / read_ids — a repeated bytes field of ids; read_ids appends to `out`.
template <class IdT, class Field>
void put_ids(const std::vector<IdT>& ids, Field* out) {
  for (IdT id : ids) out->Add(id_bytes(id));
}
template <class IdT, class Field>
absl::Status read_ids(const Field& in, std::vector<IdT>& out, std::string_view what) {
  for (const std::string& bytes : in) {
    IdT id;
    absl::Status read = read_id(bytes, id, what);
    if (!read.ok()) return read;
    out.push_back(id);
  }
  return absl::OkStatus();
}

// read_name — an enumeration written as its name; DataLoss for a name the table does not hold.
template <class Enum, std::size_t N>
absl::Status read_name(const std::string& text, Enum& out, const std::array<Named<Enum>, N>& table,
                       std::string_view field) {
  absl::StatusOr<Enum> parsed = parse_name(table, field, text);
  if (!parsed.ok()) return absl::DataLossError(std::string(parsed.status().message()));
  out = *parsed;
  return absl::OkStatus();
}

template <class Enum, std::size_t N>
absl::Status read_enum(std::uint32_t raw, Enum& out, const std::array<Named<Enum>, N>& table,
                       std::string_view field) {
  if (raw >= N) return absl::DataLossError(str_cat(field, " ", raw, " is not known"));
  out = table[raw].value;
  return absl::OkStatus();
}

inline void put_settings(const space::Settings& in,
                         google::protobuf::Map<std::string, v1::SettingValue>* out) {
  for (const auto& [name, value] : in) {
    v1::SettingValue& v = (*out)[name];
    std::visit(Overloaded{[&](bool flag) { v.set_flag(flag); },
                          [&](std::int64_t number) { v.set_number(number); },
                          [&](const std::string& text) { v.set_text(text); }},
               value);
  }
}

inline absl::StatusOr<space::Settings> get_settings(
    const google::protobuf::Map<std::string, v1::SettingValue>& in) {
  space::Settings out;
  for (const auto& [name, value] : in) {
    switch (value.value_case()) {
      case v1::SettingValue::kFlag:
        out.emplace(name, value.flag());
        break;
      case v1::SettingValue::kNumber:
        out.emplace(name, value.number());
        break;
      case v1::SettingValue::kText:
        out.emplace(name, value.text());
        break;
      default:
        return absl::DataLossError(str_cat("setting '", name, "' has no value"));
    }
  }
  return out;
}

// first_text_not_utf8 — the name of the first string field, at any depth, whose text is not
// UTF-8. Such a message would be written (protobuf only logs it) but never read back: proto3
// refuses to parse it, so the record would be lost from that event on.
inline std::optional<std::string> first_text_not_utf8(const google::protobuf::Message& m) {
  using google::protobuf::FieldDescriptor;
  const google::protobuf::Reflection* reflection = m.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(m, &fields);
  for (const FieldDescriptor* field : fields) {
    int count = field->is_repeated() ? reflection->FieldSize(m, field) : 1;
    for (int i = 0; i < count; ++i) {
      if (field->type() == FieldDescriptor::TYPE_STRING) {
        std::string scratch;
        const std::string& text =
            field->is_repeated() ? reflection->GetRepeatedStringReference(m, field, i, &scratch)
                                 : reflection->GetStringReference(m, field, &scratch);
        if (!is_utf8(text)) return field->full_name();
      } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
        const google::protobuf::Message& inner = field->is_repeated()
                                                     ? reflection->GetRepeatedMessage(m, field, i)
                                                     : reflection->GetMessage(m, field);
        if (auto bad = first_text_not_utf8(inner)) return bad;
      }
    }
  }
  return std::nullopt;
}

// deterministic_bytes — map fields in key order, so equal messages give equal bytes;
// InvalidArgument for text that is not UTF-8.
inline absl::StatusOr<std::string> deterministic_bytes(const google::protobuf::Message& m) {
  if (auto bad = first_text_not_utf8(m)) {
    return absl::InvalidArgumentError(str_cat("the text of ", *bad, " is not UTF-8"));
  }
  return ordered_bytes(m);
}

inline void put_authorization(const space::Authorization& in, v1::Authorization* out) {
  out->set_handler(in.handler);
  out->set_unique_id(in.unique_id);
  for (const auto& [k, v] : in.attributes) (*out->mutable_attributes())[k] = v;
  out->set_granted_at(in.granted_at == absl::InfinitePast() ? 0 : micros(in.granted_at));
  if (in.expires_at) out->set_expires_at(micros(*in.expires_at));
  out->set_pending(in.pending);
}

inline absl::StatusOr<space::Authorization> get_authorization(const v1::Authorization& in) {
  space::Authorization out;
  out.handler = in.handler();
  out.unique_id = in.unique_id();
  for (const auto& [k, v] : in.attributes()) out.attributes.emplace(k, v);
  out.granted_at = from_micros(in.granted_at());
  if (in.has_expires_at()) out.expires_at = from_micros(in.expires_at());
  out.pending = in.pending();
  return out;
}

inline void put_requirement(const space::Requirement& in, v1::Requirement* out) {
  out->set_handler(in.handler);
  for (const auto& [k, v] : in.options) (*out->mutable_options())[k] = v;
}

inline space::Requirement get_requirement(const v1::Requirement& in) {
  space::Requirement out;
  out.handler = in.handler();
  for (const auto& [k, v] : in.options()) out.options.emplace(k, v);
  return out;
}

}  // namespace participa::io::detail
