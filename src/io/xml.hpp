// src/io/xml.hpp — reading XML documents whose elements carry namespace prefixes (private to io).
//
// Cast-vote-record formats write the same element with or without a prefix ("cdf:CVR", "CVR"):
// these helpers match elements by their local name, so a reader states the structure once.
#pragma once

#include <string>
#include <string_view>

#include <pugixml.hpp>

#include "absl/status/statusor.h"

namespace participa::io::detail {

inline std::string_view local_name(const pugi::xml_node& node) {
  std::string_view name = node.name();
  const std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// The first child element with this local name (an empty node when there is none).
inline pugi::xml_node child(const pugi::xml_node& node, std::string_view local) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && local_name(c) == local) return c;
  }
  return {};
}

// The text of the first child element with this local name ("" when there is none).
inline std::string child_text(const pugi::xml_node& node, std::string_view local) {
  return child(node, local).text().as_string();
}

// Calls f(element) for every child element with this local name.
template <class F>
void for_each_child(const pugi::xml_node& node, std::string_view local, F f) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && local_name(c) == local) f(c);
  }
}

// load_xml(path) — the document of an XML file of at most kMaxFileBytes, or InvalidArgument
// naming the file and the parser's complaint.
absl::StatusOr<pugi::xml_document> load_xml(const std::string& path);

}  // namespace participa::io::detail
