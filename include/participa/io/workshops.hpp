// participa/io/workshops.hpp — a workshop board as a reader sees it, as JSON and CSV, and its
// change feed as JSON: for exports, pages and `participa serve`.
//
// Each document is built from what `components::workshops` gave one reader (a BoardView, a
// FeedItem, DotResults), so an export can never show more than the query did: a withheld sticky
// is written with `"withheld": true` and no text, colour, place or author. Authors are written
// by id and by nickname (from `organization`); a visitor's paper post-it has neither.
//
//   board_view_to_json: {"kind": "workshop-board", "board", "title", "stage", "stage_ends"
//     (RFC 3339 or null), "locked", "anonymous", "stickies_revealed", "dots_revealed",
//     "facilitator", "dots", "dots_left", "max_dots_per_item",
//     "columns": [{"id", "title"}],
//     "stickies": [{"id", "column", "cluster", "withheld", "mine", "text", "colour", "x", "y",
//                   "author", "author_name", "channel", "my_dots", "dots" (null while
//                   hidden), "proposal"}],
//     "clusters": [{"id", "title", "stickies", "my_dots", "dots", "proposal"}],
//     "action_items": [{"id", "text", "owner", "owner_name", "sticky", "cluster", "done"}]}
//   board_view_to_csv: one row per sticky — sticky, column, cluster, text, colour, author,
//     channel, withheld, dots (empty while hidden) — RFC 4180 quoting.
//   feed_item_to_json: {"sequence", "time", "name", "actor", "actor_name", "channel",
//     "payload": the event's fields as the reader may see them, "view": board_view_to_json
//     or null}
//   dot_results_to_json: {"kind": "dot-results", "board", "title", "method", "voters",
//     "items": [{"label", "sticky", "cluster", "dots", "voters"}], "count": the method's
//     result (io::result_to_json) or null}
// Ids are strings, nil ids null.
#pragma once

#include <string>

#include "participa/components/workshops/workshops.hpp"
#include "participa/space/organization.hpp"

namespace participa::io {

std::string board_view_to_json(const components::workshops::BoardView& view,
                               const space::Organization& organization);
std::string board_view_to_csv(const components::workshops::BoardView& view,
                              const space::Organization& organization);
std::string feed_item_to_json(const components::workshops::FeedItem& item,
                              const space::Organization& organization);
std::string dot_results_to_json(const components::workshops::DotResults& results);

}  // namespace participa::io
