// src/io/codec_registry.hpp — codecs found by the C++ type they encode and by the type URL of
// the packed message they write; one for component payloads (record.cpp), one for component
// states (snapshot.cpp).
//
// Registered codecs are never removed and map nodes do not move, so a found codec stays valid
// without the lock (and its functions are not copied for every use).
#pragma once

#include <initializer_list>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <typeindex>

#include "absl/status/status.h"
#include "participa/core/strings.hpp"

namespace participa::io::detail {

// Codec has `type_url`, `encode`, `decode` and the type_index member kType.
template <class Codec, std::type_index Codec::*kType>
class CodecRegistry {
 public:
  explicit CodecRegistry(std::initializer_list<Codec> builtin) {
    for (const Codec& codec : builtin) add(codec);
  }

  // registered — InvalidArgument without a URL or functions, AlreadyExists when the URL or
  // the type is taken; `what` names the codec in messages ("component codec").
  absl::Status registered(Codec codec, std::string_view what) {
    if (codec.type_url.empty() || !codec.encode || !codec.decode) {
      return absl::InvalidArgumentError(
          str_cat("a ", what, " needs a type URL, encode and decode"));
    }
    std::unique_lock lock(mutex_);
    if (by_url_.contains(codec.type_url) || by_type_.contains(codec.*kType)) {
      return absl::AlreadyExistsError(
          str_cat("a ", what, " for ", codec.type_url, " or its type is already registered"));
    }
    add(std::move(codec));
    return absl::OkStatus();
  }
  // for_type, for_url — nullptr when none is registered.
  const Codec* for_type(std::type_index type) const {
    std::shared_lock lock(mutex_);
    auto codec = by_type_.find(type);
    return codec == by_type_.end() ? nullptr : codec->second;
  }
  const Codec* for_url(std::string_view url) const {
    std::shared_lock lock(mutex_);
    auto codec = by_url_.find(url);
    return codec == by_url_.end() ? nullptr : &codec->second;
  }

 private:
  void add(Codec codec) {
    std::type_index type = codec.*kType;
    std::string url = codec.type_url;
    by_type_.emplace(type, &by_url_.emplace(std::move(url), std::move(codec)).first->second);
  }

  mutable std::shared_mutex mutex_;
  std::map<std::string, Codec, std::less<>> by_url_;
  std::map<std::type_index, const Codec*> by_type_;  // into by_url_
};

}  // namespace participa::io::detail
