// src/io/ordered.hpp — protobuf messages as bytes and JSON with map entries in key order
// (private to the io layer). Protobuf writes a map in its hash table's order, which changes
// from one process to the next; a record's digest, a fuzz round trip and a diff of two JSON
// exports all need equal messages to give equal text.
#pragma once

#include <memory>
#include <string>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/message.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/type_resolver_util.h>

#include "absl/status/statusor.h"

namespace participa::io {

inline std::string ordered_bytes(const google::protobuf::Message& m) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    m.SerializeToCodedStream(&coded);
  }
  return bytes;
}

// ordered_json — DataLoss when a packed message inside does not parse.
inline absl::StatusOr<std::string> ordered_json(
    const google::protobuf::Message& m, const google::protobuf::util::JsonPrintOptions& options) {
  constexpr const char* kPrefix = "type.googleapis.com";
  std::unique_ptr<google::protobuf::util::TypeResolver> resolver(
      google::protobuf::util::NewTypeResolverForDescriptorPool(kPrefix,
                                                               m.GetDescriptor()->file()->pool()));
  std::string out;
  auto status = google::protobuf::util::BinaryToJsonString(
      resolver.get(), std::string(kPrefix) + "/" + m.GetDescriptor()->full_name(), ordered_bytes(m),
      &out, options);
  if (!status.ok()) return absl::DataLossError(std::string(status.message()));
  return out;
}

}  // namespace participa::io
