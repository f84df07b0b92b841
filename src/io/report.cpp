#include "participa/io/report.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <kainjow/mustache.hpp>
#include <map>
#include <optional>

#include "absl/strings/str_format.h"
#include "participa/core/rational.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/version.hpp"

namespace participa::io {
namespace {

namespace json = boost::json;
namespace mu = kainjow::mustache;

// The page around every result. No script and no external resource: the page reads the same
// printed, offline, or years later.
constexpr char kLayout[] = R"(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}}</title>
<style>
body { font-family: sans-serif; margin: 2em auto; max-width: 60em; padding: 0 1em; color: #1a1a1a; }
h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 2em; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #bbb; padding: 0.25em 0.6em; text-align: left; }
td { font-variant-numeric: tabular-nums; text-align: right; }
figure { margin: 1em 0; } figcaption, .note { color: #555; font-size: 0.9em; }
svg text { font-size: 12px; fill: #1a1a1a; }
.bar, .channel-online { fill: #3465a4; } .channel-in-person { fill: #73a839; }
.channel-mediated { fill: #c17d11; } .channel-station { fill: #75507b; }
.swatch { display: inline-block; width: 0.8em; height: 0.8em; margin: 0 0.3em 0 1em; }
.swatch.channel-online { background: #3465a4; } .swatch.channel-in-person { background: #73a839; }
.swatch.channel-mediated { background: #c17d11; } .swatch.channel-station { background: #75507b; }
.winner { font-weight: bold; } .warnings li { color: #a40000; }
.cell.wins { fill: #2e7d32; } .cell.loses { fill: #c62828; } .cell.ties { fill: #999; }
.cell.self { fill: #eee; } td.self { color: #999; }
circle.funded { fill: #3465a4; } circle.not-funded { fill: none; stroke: #3465a4; }
td.funded { font-weight: bold; text-align: center; } td.error { color: #a40000; text-align: left; }
figure.scatter { display: inline-block; width: 320px; vertical-align: top; margin-right: 1em; }
tr.sub-item th { padding-left: 2em; font-weight: normal; }
@media print { h2 { break-after: avoid; } section { break-inside: avoid; } }
</style>
</head>
<body>
<header><h1>{{title}}</h1>{{#subtitle}}<p class="subtitle">{{subtitle}}</p>{{/subtitle}}</header>
<main>
{{{body}}}
</main>
<footer><p class="note">Written by participa {{version}} from a result file. Every chart's numbers
are in the table beside it.</p></footer>
</body>
</html>
)";

constexpr char kCount[] = R"(<section class="winners"><h2>Elected</h2>
<ul>{{#winners}}<li class="winner">{{name}}</li>{{/winners}}</ul>
{{#tied}}<p class="note">The winners tie: the count names more candidates than seats.</p>{{/tied}}
</section>
{{#flow}}<section class="flow"><h2>How the votes moved</h2>
<figure>
<svg width="{{width}}" height="{{height}}" viewBox="0 0 {{width}} {{height}}" role="img" aria-labelledby="flow-caption">
{{#bands}}<path class="band" d="{{d}}" fill="#3465a4" fill-opacity="0.25"><title>{{from}} to {{to}}: {{votes}}</title></path>
{{/bands}}{{#nodes}}<rect class="node" x="{{x}}" y="{{y}}" width="10" height="{{h}}" fill="#3465a4"><title>Round {{round}}, {{name}}: {{votes}}</title></rect>{{#label}}<text x="{{label_x}}" y="{{label_y}}">{{name}}</text>{{/label}}
{{/nodes}}</svg>
<figcaption id="flow-caption">Each column is a round, each bar a candidate's votes; the bands carry the votes a candidate kept and the ballots transferred to another (exhausted ballots leave the flow). The rounds below give every number.</figcaption>
</figure>
</section>{{/flow}}
{{#matrix}}<section class="pairwise"><h2>Head to head</h2>
<figure>
<svg width="{{width}}" height="{{height}}" viewBox="0 0 {{width}} {{height}}" role="img" aria-labelledby="pairwise-caption">
{{#labels}}<text x="0" y="{{y}}">{{number}}. {{name}}</text><text x="{{x}}" y="14" text-anchor="middle">{{number}}</text>
{{/labels}}{{#grid}}<rect class="cell {{outcome}}" x="{{x}}" y="{{y}}" width="26" height="26" fill-opacity="{{shade}}"><title>{{over}} over {{against}}: {{support}} to {{opposed}}</title></rect>
{{/grid}}</svg>
<figcaption id="pairwise-caption">Row over column: green where the row's candidate wins the pair, red where it loses, grey for a tie; the stronger the colour, the larger the margin. The table gives the ballots ranking the row's candidate above the column's.</figcaption>
</figure>
<table class="pairwise"><thead><tr><th scope="col">Over \ against</th>{{#labels}}<th scope="col">{{number}}. {{name}}</th>{{/labels}}</tr></thead><tbody>
{{#rows}}<tr data-candidate="{{name}}"><th scope="row">{{number}}. {{name}}</th>{{#cells}}<td class="{{outcome}}" data-against="{{against}}">{{support}}</td>{{/cells}}</tr>
{{/rows}}</tbody></table>
</section>{{/matrix}}
{{#rounds}}<section class="round" data-round="{{number}}">
<h2>Round {{number}}</h2>
<figure>
<svg width="640" height="{{height}}" viewBox="0 0 640 {{height}}" role="img" aria-labelledby="round-{{number}}-caption">
{{#bars}}<text x="0" y="{{text_y}}">{{name}}</text><rect class="bar" x="200" y="{{y}}" width="{{width}}" height="18"></rect><text x="{{value_x}}" y="{{text_y}}">{{votes}}</text>
{{/bars}}</svg>
<figcaption id="round-{{number}}-caption">Votes of each continuing candidate in round {{number}}.</figcaption>
</figure>
<table class="tally"><thead><tr><th scope="col">Candidate</th><th scope="col">Votes</th></tr></thead><tbody>
{{#bars}}<tr data-candidate="{{name}}"><th scope="row">{{name}}</th><td class="votes">{{votes}}</td></tr>
{{/bars}}</tbody></table>
{{#outcome}}<p class="outcome">{{outcome}}</p>{{/outcome}}
{{#has_transfers}}<table class="transfers"><caption>Transfers after round {{number}}</caption>
<thead><tr><th scope="col">From</th><th scope="col">To</th><th scope="col">Votes</th></tr></thead><tbody>
{{#transfers}}<tr><td>{{from}}</td><td>{{to}}</td><td class="votes">{{votes}}</td></tr>
{{/transfers}}</tbody></table>{{/has_transfers}}
{{#note}}<p class="note">{{note}}</p>{{/note}}
</section>
{{/rounds}})";

constexpr char kComparison[] = R"(<section class="rules"><h2>The rules side by side</h2>
<figure>
<svg width="640" height="{{height}}" viewBox="0 0 640 {{height}}" role="img" aria-labelledby="rules-caption">
{{#spent}}<text x="0" y="{{text_y}}">{{label}}</text><rect class="bar" x="220" y="{{y}}" width="{{width}}" height="18"></rect><text x="{{value_x}}" y="{{text_y}}">{{total_cost}}</text>
{{/spent}}<line x1="{{budget_x}}" y1="0" x2="{{budget_x}}" y2="{{height}}" stroke="#1a1a1a" stroke-dasharray="4 3"></line>
</svg>
<figcaption id="rules-caption">The money each rule spends; the dashed line is the budget, {{budget}}.</figcaption>
</figure>
<table class="rules"><thead><tr><th scope="col">Rule</th><th scope="col">Projects</th><th scope="col">Spent</th><th scope="col">Voters with a funded project</th><th scope="col">as a percentage</th></tr></thead><tbody>
{{#rules}}<tr data-rule="{{label}}"><th scope="row">{{label}}</th>{{#error}}<td class="error" colspan="4">{{error}}</td>{{/error}}{{^error}}<td class="count">{{count}}</td><td class="total-cost">{{total_cost}}</td><td class="share">{{share}}</td><td class="percent">{{percent}}</td>{{/error}}</tr>
{{/rules}}</tbody></table>
</section>
<section class="scatter"><h2>Funded projects by cost and support</h2>
<p class="note">A dot per project, placed by its cost (across) and its supporters (up).</p>
{{#charts}}<figure class="scatter" data-rule="{{label}}">
<svg width="320" height="240" viewBox="0 0 320 240" role="img" aria-label="{{label}}: projects by cost and supporters">
<line x1="40" y1="210" x2="310" y2="210" stroke="#1a1a1a"></line><line x1="40" y1="10" x2="40" y2="210" stroke="#1a1a1a"></line>
<text x="310" y="230" text-anchor="end">cost, up to {{max_cost}}</text><text x="0" y="10">{{max_supporters}}</text><text x="0" y="210">0</text>
{{#points}}<circle class="{{outcome}}" cx="{{x}}" cy="{{y}}" r="4"><title>{{id}} {{name}}: cost {{cost}}, {{supporters}} supporters, {{outcome}}</title></circle>
{{/points}}</svg>
<figcaption>{{label}}: filled dots are funded.</figcaption>
</figure>
{{/charts}}</section>
<section class="projects"><h2>Every project, most supported first</h2>
<table class="projects"><thead><tr><th scope="col">Project</th><th scope="col">Name</th><th scope="col">Cost</th><th scope="col">Supporters</th>{{#columns}}<th scope="col">{{label}}</th>{{/columns}}</tr></thead><tbody>
{{#projects}}<tr data-project="{{id}}"><th scope="row">{{id}}</th><td class="name">{{name}}</td><td class="cost">{{cost}}</td><td class="supporters">{{supporters}}</td>{{#cells}}<td class="{{outcome}}" data-rule="{{label}}">{{mark}}</td>{{/cells}}</tr>
{{/projects}}</tbody></table>
</section>)";

constexpr char kSurvey[] =
    R"({{#has_rejected}}<p class="note rejected">{{rejected}} responses were not counted: they break the form's rules.</p>{{/has_rejected}}
{{#questions}}<section class="question" data-question="{{number}}"><h2>{{label}}</h2>
<p class="note">{{type}}: shown to <span class="shown">{{shown}}</span>, answered by <span class="answered">{{answered}}</span>, skipped by <span class="skipped">{{skipped}}</span>.</p>
{{#has_options}}<figure>
<svg width="640" height="{{height}}" viewBox="0 0 640 {{height}}" role="img" aria-labelledby="question-{{number}}-caption">
{{#options}}<text x="0" y="{{text_y}}">{{option}}</text><rect class="bar" x="200" y="{{y}}" width="{{width}}" height="18"></rect><text x="{{value_x}}" y="{{text_y}}">{{count}}</text>
{{/options}}</svg>
<figcaption id="question-{{number}}-caption">How many chose each option; an answer choosing several options counts once for each.</figcaption>
</figure>
<table class="options"><thead><tr><th scope="col">Option</th><th scope="col">Chosen</th><th scope="col">Share of those who answered</th><th scope="col">Share of those shown</th></tr></thead><tbody>
{{#options}}<tr data-option="{{option}}"><th scope="row">{{option}}</th><td class="count">{{count}}</td><td class="share-of-answered">{{share_of_answered}}</td><td class="share-of-shown">{{share_of_shown}}</td></tr>
{{/options}}</tbody></table>
{{#free}}<table class="free-texts"><caption>Written beside “{{option}}”</caption><thead><tr><th scope="col">Text</th><th scope="col">Times</th></tr></thead><tbody>
{{#texts}}<tr><td class="text">{{value}}</td><td class="count">{{count}}</td></tr>
{{/texts}}</tbody></table>
{{/free}}{{/has_options}}
{{#has_rows}}<table class="matrix"><thead><tr><th scope="col">Row</th><th scope="col">Answered</th>{{#columns}}<th scope="col">{{option}}</th>{{/columns}}</tr></thead><tbody>
{{#rows}}<tr data-row="{{row}}"><th scope="row">{{row}}</th><td class="answered">{{answered}}</td>{{#cells}}<td class="count" data-option="{{option}}">{{count}}</td>{{/cells}}</tr>
{{/rows}}</tbody></table>{{/has_rows}}
{{#has_sorting}}<table class="sorting"><thead><tr><th scope="col">Option</th>{{#places}}<th scope="col">Place {{place}}</th>{{/places}}<th scope="col">Borda points</th></tr></thead><tbody>
{{#sorting}}<tr data-option="{{option}}"><th scope="row">{{option}}</th>{{#positions}}<td class="count">{{count}}</td>{{/positions}}<td class="points">{{points}}</td></tr>
{{/sorting}}</tbody></table>
{{#ranking}}<p class="ranking">Ranked by Borda points: {{ranking}}.</p>{{/ranking}}{{/has_sorting}}
{{#has_texts}}<table class="texts"><thead><tr><th scope="col">Answer</th><th scope="col">Times</th></tr></thead><tbody>
{{#texts}}<tr><td class="text">{{value}}</td><td class="count">{{count}}</td></tr>
{{/texts}}</tbody></table>{{/has_texts}}
{{#has_statistics}}<table class="statistics"><tbody>
{{#statistics}}<tr data-statistic="{{name}}"><th scope="row">{{name}}</th><td>{{value}}</td></tr>
{{/statistics}}</tbody></table>{{/has_statistics}}
{{#has_files}}<p class="files">Files attached: {{files}}.</p>{{/has_files}}
</section>
{{/questions}})";

constexpr char kBudget[] = R"(<section class="spending"><h2>Money spent</h2>
<figure>
<svg width="640" height="30" viewBox="0 0 640 30" role="img" aria-labelledby="spent-caption">
<rect x="0" y="4" width="600" height="18" fill="#ddd"></rect><rect class="bar" x="0" y="4" width="{{spent_width}}" height="18"></rect>
</svg>
<figcaption id="spent-caption">The selected projects' cost against the budget.</figcaption>
</figure>
<table class="spending"><tbody>
<tr><th scope="row">Spent</th><td class="total-cost">{{total_cost}}</td></tr>
<tr><th scope="row">Budget</th><td class="budget">{{budget}}</td></tr>
</tbody></table>
</section>
<section class="selected"><h2>Selected projects ({{selected_count}})</h2>
<ul>{{#selected}}<li class="project">{{id}}</li>{{/selected}}</ul>
</section>
{{#has_warnings}}<section class="warnings"><h2>Warnings</h2><ul>{{#warnings}}<li>{{text}}</li>{{/warnings}}</ul></section>{{/has_warnings}}
<section class="considered"><h2>Projects as the rule considered them</h2>
<table class="pb-rounds"><thead><tr><th scope="col">Project</th><th scope="col">Selected</th><th scope="col">Reason</th><th scope="col">{{measure}}</th><th scope="col">Budget left</th></tr></thead><tbody>
{{#rounds}}<tr data-project="{{project}}"><th scope="row">{{project}}</th><td class="selected">{{selected}}</td><td class="reason">{{reason}}</td><td class="measure">{{measure}}</td><td class="budget-left">{{budget_left}}</td></tr>
{{/rounds}}</tbody></table>
</section>)";

constexpr char kElection[] =
    R"(<p class="legend">{{#channels}}<span class="swatch channel-{{name}}"></span>{{name}}{{/channels}}</p>
{{#questions}}<section class="question" data-question="{{position}}">
<h2>{{title}}</h2>
<p class="method">Counted by {{method}}{{#winners}}: {{winners}}{{/winners}}{{^winners}}: no valid ballot{{/winners}}.</p>
{{#outcome}}<div class="outcome"><h3>Outcome</h3><p class="statement">{{statement}}</p>{{#option}}<p>It settles on <strong class="settled">{{option}}</strong>.</p>{{/option}}{{#review_at}}<p>To be reviewed on <time class="review" datetime="{{review_at}}">{{review_at}}</time>.</p>{{/review_at}}<p class="stated">Stated on <time datetime="{{stated_at}}">{{stated_at}}</time>.</p></div>{{/outcome}}
<figure>
<svg width="640" height="{{height}}" viewBox="0 0 640 {{height}}" role="img" aria-labelledby="question-{{position}}-caption">
{{#bars}}<text x="0" y="{{text_y}}">{{option}}</text>{{#segments}}<rect class="channel-{{channel}}" x="{{x}}" y="{{y}}" width="{{width}}" height="18"><title>{{option}}, {{channel}}: {{votes}}</title></rect>{{/segments}}<text x="{{value_x}}" y="{{text_y}}">{{total}}</text>
{{/bars}}</svg>
<figcaption id="question-{{position}}-caption">{{caption}}, by channel.</figcaption>
</figure>
<table class="counts" data-question="{{position}}"><thead><tr><th scope="col">Option</th>{{#channels}}<th scope="col">{{name}}</th>{{/channels}}<th scope="col">Total</th></tr></thead><tbody>
{{#rows}}<tr class="{{kind}}" data-option="{{option}}"><th scope="row">{{option}}</th>{{#cells}}<td data-channel="{{channel}}">{{votes}}</td>{{/cells}}<td class="total">{{total}}</td></tr>
{{/rows}}</tbody></table>
{{#rounds}}<details class="rounds"><summary>The count round by round</summary>
{{{rounds}}}
</details>{{/rounds}}
</section>
{{/questions}}{{#has_stations}}<section class="stations"><h2>Polling stations</h2>
<table class="stations"><thead><tr><th scope="col">Station</th><th scope="col">Ballots issued</th><th scope="col">Ballots counted</th><th scope="col">Confirmed</th></tr></thead><tbody>
{{#stations}}<tr data-station="{{name}}"><th scope="row">{{name}}</th><td class="issued">{{issued}}</td><td class="cast">{{cast}}</td><td class="confirmed">{{confirmed}}</td></tr>
{{/stations}}</tbody></table>
</section>{{/has_stations}}
{{#has_warnings}}<section class="warnings"><h2>Warnings</h2><ul>{{#warnings}}<li>{{text}}</li>{{/warnings}}</ul></section>{{/has_warnings}}
<p class="note">Online ballots replaced by a later one: <span class="superseded">{{superseded}}</span>.</p>)";

constexpr char kMeeting[] =
    R"(<p class="when"><span class="format">{{format}}</span>, from <time class="starts" datetime="{{starts_at}}">{{starts_at}}</time> to <time class="ends" datetime="{{ends_at}}">{{ends_at}}</time>{{#address}}, at <span class="address">{{address}}</span>{{/address}}{{#url}}, online at <span class="url">{{url}}</span>{{/url}}.</p>
{{#has_agenda}}<section class="agenda"><h2>Agenda</h2>
<table class="agenda"><thead><tr><th scope="col">Item</th><th scope="col">Minutes</th></tr></thead><tbody>
{{#agenda}}<tr class="{{level}}"><th scope="row">{{title}}</th><td class="minutes">{{minutes}}</td></tr>
{{/agenda}}</tbody></table>
</section>{{/has_agenda}}
{{#registrations}}<section class="registrations"><h2>Registrations</h2>
<table class="registrations"><tbody>
<tr><th scope="row">Places</th><td class="slots">{{slots}}</td></tr>
<tr><th scope="row">Of them kept for people registered by the organisers</th><td class="reserved-slots">{{reserved_slots}}</td></tr>
<tr><th scope="row">Registrations holding a place</th><td class="confirmed">{{confirmed}}</td></tr>
<tr><th scope="row">Of them in a kept place</th><td class="reserved-confirmed">{{reserved_confirmed}}</td></tr>
<tr><th scope="row">On the waiting list</th><td class="waiting">{{waiting}}</td></tr>
</tbody></table>
</section>{{/registrations}}
<section class="attendance"><h2>Attendance</h2>
<table class="attendance"><tbody>
<tr><th scope="row">Recorded in the room</th><td class="in-person">{{in_person}}</td></tr>
<tr><th scope="row">Recorded online</th><td class="online">{{online}}</td></tr>
{{#closing}}<tr><th scope="row">Counted in the room at the close</th><td class="attendees-count">{{attendees_count}}</td></tr>
{{/closing}}</tbody></table>
</section>
{{#polls}}<section class="poll" data-poll="{{number}}"><h2>{{title}}</h2>
{{#counted}}<p class="note">Answered by <span class="answered">{{answered}}</span>{{#multiple}}; an answer choosing several options counts once for each{{/multiple}}.</p>
<figure>
<svg width="640" height="{{height}}" viewBox="0 0 640 {{height}}" role="img" aria-labelledby="poll-{{number}}-caption">
{{#options}}<text x="0" y="{{text_y}}">{{option}}</text><rect class="bar" x="200" y="{{y}}" width="{{width}}" height="18"></rect><text x="{{value_x}}" y="{{text_y}}">{{answers}}</text>
{{/options}}</svg>
<figcaption id="poll-{{number}}-caption">How many attendees chose each option.</figcaption>
</figure>
<table class="options"><thead><tr><th scope="col">Option</th><th scope="col">Chosen</th></tr></thead><tbody>
{{#options}}<tr data-option="{{option}}"><th scope="row">{{option}}</th><td class="count">{{answers}}</td></tr>
{{/options}}</tbody></table>{{/counted}}
{{^counted}}<p class="note open">The poll is open: <span class="answered">{{answered}}</span> answered so far; the answers show once it closes.</p>{{/counted}}
</section>
{{/polls}}{{#closing}}<section class="closing"><h2>Closing report</h2>
<p class="report">{{report}}</p>
<p>Contributions: <span class="contributions">{{contributions_count}}</span>.</p>
{{#organizations}}<p>Organisations taking part: <span class="organizations">{{organizations}}</span>.</p>{{/organizations}}
{{#proposals}}<p>Proposals it produced: <span class="proposals">{{proposals}}</span>.</p>{{/proposals}}
</section>{{/closing}}{{^closing}}<p class="note not-closed">The meeting is not closed yet.</p>{{/closing}})";

constexpr int kBarArea = 400;  // pixels for the largest bar

absl::Status malformed(std::string_view what) {
  return absl::InvalidArgumentError(str_cat("the result's ", what, " is missing or malformed"));
}

absl::StatusOr<const json::value*> field(const json::value& value, std::string_view key) {
  const json::object* object = value.if_object();
  const json::value* found =
      object == nullptr ? nullptr : object->if_contains(json::string_view(key.data(), key.size()));
  if (found == nullptr) return malformed(str_cat("'", key, "'"));
  return found;
}

absl::StatusOr<const json::array*> array_field(const json::value& value, std::string_view key) {
  PARTICIPA_ASSIGN_OR_RETURN(const json::value* found, field(value, key));
  if (!found->is_array()) return malformed(str_cat("'", key, "'"));
  return &found->as_array();
}

// text — a string as it is, a number as its decimal digits, so the page shows what the file holds.
absl::StatusOr<std::string> text(const json::value& value, std::string_view what) {
  if (value.is_string()) return std::string(value.as_string());
  if (value.is_int64()) return str_cat(value.as_int64());
  if (value.is_uint64()) return str_cat(value.as_uint64());
  if (value.is_bool()) return std::string(value.as_bool() ? "yes" : "no");
  return malformed(what);
}

absl::StatusOr<std::string> text_field(const json::value& value, std::string_view key) {
  PARTICIPA_ASSIGN_OR_RETURN(const json::value* found, field(value, key));
  return text(*found, str_cat("'", key, "'"));
}

// magnitude — a count's size for drawing only; the tables keep the exact text.
absl::StatusOr<double> magnitude(std::string_view count) {
  absl::StatusOr<Rational> exact = parse_rational(count);
  if (!exact.ok()) return malformed(str_cat("count '", count, "'"));
  return std::max(0.0, to_double(*exact));
}

// Bar charts: a 24-pixel row per bar, the bar from the chart's left edge (after the labels) and
// its value written 8 pixels after its end.
int pixels(double value, double largest, double area = kBarArea) {
  return largest > 0 ? static_cast<int>(area * value / largest + 0.5) : 0;
}

int bar_top(std::size_t row) { return 4 + 24 * static_cast<int>(row); }

std::string chart_height(std::size_t rows) { return str_cat(8 + 24 * static_cast<int>(rows)); }

// place_bar — the keys the templates draw a bar with: y, text_y, width and value_x.
void place_bar(mu::object& bar, std::size_t row, int width, int left) {
  bar["y"] = str_cat(bar_top(row));
  bar["text_y"] = str_cat(bar_top(row) + 14);
  bar["width"] = str_cat(width);
  bar["value_x"] = str_cat(left + width + 8);
}

std::string render(std::string_view source, const mu::data& data) {
  mu::mustache tmpl{std::string(source)};
  return tmpl.render(data);
}

absl::StatusOr<std::string> page(std::string title, std::string subtitle, std::string body) {
  mu::data data;
  data.set("title", title);
  if (!subtitle.empty()) data.set("subtitle", subtitle);
  data.set("body", body);
  data.set("version", std::string(kVersion));
  return render(kLayout, data);
}

// set_warnings — a result's warnings as the templates' "warnings" section (none: no section).
absl::Status set_warnings(const json::array& warnings, mu::data& data) {
  if (warnings.empty()) return absl::OkStatus();
  mu::list items;
  for (const json::value& warning : warnings) {
    PARTICIPA_ASSIGN_OR_RETURN(std::string one, text(warning, "warning"));
    items.push_back(mu::object{{"text", one}});
  }
  data.set("has_warnings", true);
  data.set("warnings", items);
  return absl::OkStatus();
}

absl::StatusOr<std::string> join_names(const json::value& value, std::string_view key) {
  PARTICIPA_ASSIGN_OR_RETURN(const json::array* names, array_field(value, key));
  std::string out;
  for (const json::value& name : *names) {
    PARTICIPA_ASSIGN_OR_RETURN(std::string one, text(name, key));
    str_append(&out, out.empty() ? "" : ", ", one);
  }
  return out;
}

// flow_of — the rounds as a flow (Sankey) diagram: a column per round, a bar per candidate, a
// band for the votes each continuing candidate kept and for each transfer. Empty (no diagram)
// for a count without transfers.
// A candidate's block in a round's column of the flow chart.
struct FlowNode {
  double top = 0;
  double votes = 0;
  double out = 0;  // of its height already leaving by a band
  double in = 0;   // of its height already reached by a band
};

// Each round's column (candidates in tally order), the largest round total, and whether any
// round transferred votes.
struct FlowColumns {
  std::vector<std::map<std::string, FlowNode>> columns;
  std::vector<std::vector<std::string>> order;
  double total = 0;
  bool transfers = false;
};

constexpr double kFlowHeight = 320, kFlowGap = 8, kFlowColumn = 150, kFlowLeft = 10;

double flow_column_x(std::size_t round) {
  return kFlowLeft + kFlowColumn * static_cast<double>(round);
}

absl::StatusOr<FlowColumns> flow_columns(const json::array& rounds) {
  FlowColumns out;
  for (const json::value& round : rounds) {
    PARTICIPA_ASSIGN_OR_RETURN(const json::array* tally, array_field(round, "tally"));
    auto& column = out.columns.emplace_back();
    auto& names = out.order.emplace_back();
    double sum = 0;
    for (const json::value& entry : *tally) {
      PARTICIPA_ASSIGN_OR_RETURN(std::string name, text_field(entry, "candidate"));
      PARTICIPA_ASSIGN_OR_RETURN(std::string votes, text_field(entry, "votes"));
      PARTICIPA_ASSIGN_OR_RETURN(double size, magnitude(votes));
      column[name].votes = size;
      names.push_back(name);
      sum += size;
    }
    out.total = std::max(out.total, sum);
    if (const json::value* moved = round.as_object().if_contains("transfers");
        moved != nullptr && moved->is_array() && !moved->as_array().empty()) {
      out.transfers = true;
    }
  }
  return out;
}

// Stacks each round's candidates top down, `scale` pixels a vote; the first and last rounds
// are labelled.
mu::list flow_nodes(FlowColumns& flow, double scale) {
  mu::list nodes;
  for (std::size_t r = 0; r < flow.columns.size(); ++r) {
    double y = 10;
    for (const std::string& name : flow.order[r]) {
      FlowNode& node = flow.columns[r][name];
      node.top = y;
      const double h = std::max(1.0, node.votes * scale);
      mu::data item{mu::object{{"x", str_cat(static_cast<int>(flow_column_x(r)))},
                               {"y", str_cat(static_cast<int>(y))},
                               {"h", str_cat(static_cast<int>(h + 0.5))},
                               {"round", str_cat(r + 1)},
                               {"name", name},
                               {"votes", str_cat(node.votes)}}};
      if (r + 1 == flow.columns.size() || r == 0) {
        item.set("label", true);
        item.set("label_x", str_cat(static_cast<int>(flow_column_x(r) + 14)));
        item.set("label_y", str_cat(static_cast<int>(y + h / 2 + 4)));
      }
      nodes.push_back(item);
      y += h + kFlowGap;
    }
  }
  return nodes;
}

absl::StatusOr<std::optional<mu::data>> flow_of(const json::array& rounds) {
  PARTICIPA_ASSIGN_OR_RETURN(FlowColumns flow, flow_columns(rounds));
  auto& columns = flow.columns;
  const auto& order = flow.order;
  if (!flow.transfers || columns.size() < 2 || flow.total <= 0) return std::nullopt;
  std::size_t most = 0;
  for (const auto& names : order) most = std::max(most, names.size());
  const double scale = kFlowHeight / flow.total;
  mu::list nodes = flow_nodes(flow, scale);
  mu::list bands;
  auto band = [&](std::size_t r, const std::string& from, const std::string& to, double votes,
                  const std::string& shown) {
    FlowNode& source = columns[r][from];
    auto target = columns[r + 1].find(to);
    if (target == columns[r + 1].end() || votes <= 0) return;
    const double h = votes * scale;
    const double x0 = flow_column_x(r) + 10, x1 = flow_column_x(r + 1);
    const double y0 = source.top + source.out, y1 = target->second.top + target->second.in;
    source.out += h;
    target->second.in += h;
    const double mid = (x0 + x1) / 2;
    bands.push_back(mu::object{
        {"d", absl::StrFormat("M%.1f,%.1f C%.1f,%.1f %.1f,%.1f %.1f,%.1f L%.1f,%.1f C%.1f,%.1f "
                              "%.1f,%.1f %.1f,%.1f Z",
                              x0, y0, mid, y0, mid, y1, x1, y1, x1, y1 + h, mid, y1 + h, mid,
                              y0 + h, x0, y0 + h)},
        {"from", from},
        {"to", to},
        {"votes", shown}});
  };
  for (std::size_t r = 0; r + 1 < columns.size(); ++r) {
    // Votes a candidate keeps into the next round come first, then the transfers.
    for (const std::string& name : order[r]) {
      if (columns[r + 1].contains(name)) {
        band(r, name, name, columns[r][name].votes, str_cat(columns[r][name].votes));
      }
    }
    const json::value& round = rounds[r];
    if (const json::value* moved = round.as_object().if_contains("transfers");
        moved != nullptr && moved->is_array()) {
      for (const json::value& transfer : moved->as_array()) {
        PARTICIPA_ASSIGN_OR_RETURN(std::string from, text_field(transfer, "from"));
        PARTICIPA_ASSIGN_OR_RETURN(std::string to, text_field(transfer, "to"));
        PARTICIPA_ASSIGN_OR_RETURN(std::string votes, text_field(transfer, "votes"));
        PARTICIPA_ASSIGN_OR_RETURN(double size, magnitude(votes));
        if (from == to || to.empty()) continue;
        band(r, from, to, size, votes);
      }
    }
  }
  mu::data chart;
  chart.set("width", str_cat(static_cast<int>(flow_column_x(columns.size() - 1) + 140)));
  chart.set("height",
            str_cat(static_cast<int>(20 + kFlowHeight + kFlowGap * static_cast<double>(most))));
  chart.set("nodes", nodes);
  chart.set("bands", bands);
  return chart;
}

// matrix_of — a pairwise method's head-to-head counts as a grid coloured by margin and the
// table of the counts; none for a count without them. The counts are checked as the result
// reader checks them: a row of n per candidate.
absl::StatusOr<std::optional<mu::data>> matrix_of(const json::value& root) {
  const json::value* pairwise = root.as_object().if_contains("pairwise");
  if (pairwise == nullptr || (pairwise->is_array() && pairwise->as_array().empty())) {
    return std::nullopt;
  }
  PARTICIPA_ASSIGN_OR_RETURN(const json::array* candidates, array_field(root, "candidates"));
  PARTICIPA_ASSIGN_OR_RETURN(const json::array* rows, array_field(root, "pairwise"));
  const std::size_t n = candidates->size();
  if (rows->size() != n) {
    return absl::InvalidArgumentError(
        str_cat("pairwise has ", rows->size(), " rows for ", n, " candidates"));
  }
  std::vector<std::string> names;
  for (const json::value& name : *candidates) {
    PARTICIPA_ASSIGN_OR_RETURN(std::string one, text(name, "candidate"));
    names.push_back(std::move(one));
  }
  std::vector<std::vector<std::string>> shown(n);
  std::vector<std::vector<double>> support(n);
  for (std::size_t a = 0; a < n; ++a) {
    PARTICIPA_ASSIGN_OR_RETURN(const json::array* row, array_field((*rows)[a], "support"));
    if (row->size() != n) {
      return absl::InvalidArgumentError(
          str_cat("pairwise row ", a + 1, " has ", row->size(), " entries for ", n, " candidates"));
    }
    for (const json::value& entry : *row) {
      PARTICIPA_ASSIGN_OR_RETURN(std::string count, text(entry, "pairwise support"));
      PARTICIPA_ASSIGN_OR_RETURN(double size, magnitude(count));
      shown[a].push_back(std::move(count));
      support[a].push_back(size);
    }
  }
  double widest = 0;
  for (std::size_t a = 0; a < n; ++a) {
    for (std::size_t b = 0; b < n; ++b) widest = std::max(widest, support[a][b] - support[b][a]);
  }
  constexpr int kLabels = 200, kCell = 28, kTop = 22;
  auto outcome = [&](std::size_t a, std::size_t b) {
    if (a == b) return "self";
    if (support[a][b] == support[b][a]) return "ties";
    return support[a][b] > support[b][a] ? "wins" : "loses";
  };
  mu::list labels, grid, table;
  for (std::size_t a = 0; a < n; ++a) {
    labels.push_back(mu::object{{"number", str_cat(a + 1)},
                                {"name", names[a]},
                                {"x", str_cat(kLabels + kCell * static_cast<int>(a) + 13)},
                                {"y", str_cat(kTop + kCell * static_cast<int>(a) + 18)}});
    mu::list cells;
    for (std::size_t b = 0; b < n; ++b) {
      const double margin = std::abs(support[a][b] - support[b][a]);
      grid.push_back(mu::object{
          {"outcome", std::string(outcome(a, b))},
          {"x", str_cat(kLabels + kCell * static_cast<int>(b))},
          {"y", str_cat(kTop + kCell * static_cast<int>(a))},
          {"shade", a == b || widest <= 0 ? std::string("1")
                                          : absl::StrFormat("%.2f", 0.25 + 0.75 * margin / widest)},
          {"over", names[a]},
          {"against", names[b]},
          {"support", shown[a][b]},
          {"opposed", shown[b][a]}});
      cells.push_back(mu::object{{"outcome", std::string(outcome(a, b))},
                                 {"against", names[b]},
                                 {"support", a == b ? std::string("—") : shown[a][b]}});
    }
    table.push_back(mu::object{{"number", str_cat(a + 1)}, {"name", names[a]}, {"cells", cells}});
  }
  mu::data matrix;
  matrix.set("width", str_cat(kLabels + kCell * static_cast<int>(n) + 4));
  matrix.set("height", str_cat(kTop + kCell * static_cast<int>(n) + 4));
  matrix.set("labels", labels);
  matrix.set("grid", grid);
  matrix.set("rows", table);
  return matrix;
}

// count_body — a count's winners and rounds; `names` gets the winners' names.
absl::StatusOr<std::string> count_body(const json::value& root, std::string& names) {
  PARTICIPA_ASSIGN_OR_RETURN(const json::array* winners, array_field(root, "winners"));
  PARTICIPA_ASSIGN_OR_RETURN(const json::array* rounds, array_field(root, "rounds"));
  mu::data data;
  mu::list winner_list;
  names.clear();
  for (const json::value& winner : *winners) {
    PARTICIPA_ASSIGN_OR_RETURN(std::string name, text(winner, "winner"));
    str_append(&names, names.empty() ? "" : ", ", name);
    winner_list.push_back(mu::object{{"name", name}});
  }
  data.set("winners", winner_list);
  PARTICIPA_ASSIGN_OR_RETURN(std::optional<mu::data> flow, flow_of(*rounds));
  if (flow) data.set("flow", *flow);
  PARTICIPA_ASSIGN_OR_RETURN(std::optional<mu::data> matrix, matrix_of(root));
  if (matrix) data.set("matrix", *matrix);
  if (const json::value* tied = root.as_object().if_contains("tied_winners");
      tied != nullptr && tied->is_bool() && tied->as_bool()) {
    data.set("tied", true);
  }
  mu::list round_list;
  for (const json::value& round : *rounds) {
    PARTICIPA_ASSIGN_OR_RETURN(std::string number, text_field(round, "number"));
    PARTICIPA_ASSIGN_OR_RETURN(const json::array* tally, array_field(round, "tally"));
    double largest = 0;
    std::vector<std::pair<std::string, std::string>> counts;
    std::vector<double> sizes;
    for (const json::value& entry : *tally) {
      PARTICIPA_ASSIGN_OR_RETURN(std::string name, text_field(entry, "candidate"));
      PARTICIPA_ASSIGN_OR_RETURN(std::string votes, text_field(entry, "votes"));
      PARTICIPA_ASSIGN_OR_RETURN(double size, magnitude(votes));
      largest = std::max(largest, size);
      counts.emplace_back(std::move(name), std::move(votes));
      sizes.push_back(size);
    }
    mu::list bars;
    for (std::size_t i = 0; i < counts.size(); ++i) {
      mu::object bar{{"name", counts[i].first}, {"votes", counts[i].second}};
      place_bar(bar, i, pixels(sizes[i], largest), 200);
      bars.push_back(bar);
    }
    mu::data item;
    item.set("number", number);
    item.set("height", chart_height(counts.size()));
    item.set("bars", bars);
    PARTICIPA_ASSIGN_OR_RETURN(std::string elected, join_names(round, "elected"));
    PARTICIPA_ASSIGN_OR_RETURN(std::string eliminated, join_names(round, "eliminated"));
    std::string outcome;
    if (!elected.empty()) str_append(&outcome, "Elected: ", elected, ". ");
    if (!eliminated.empty()) str_append(&outcome, "Eliminated: ", eliminated, ".");
    if (!outcome.empty()) item.set("outcome", outcome);
    if (const json::value* transfers = round.as_object().if_contains("transfers");
        transfers != nullptr && transfers->is_array() && !transfers->as_array().empty()) {
      mu::list rows;
      for (const json::value& transfer : transfers->as_array()) {
        PARTICIPA_ASSIGN_OR_RETURN(std::string from, text_field(transfer, "from"));
        PARTICIPA_ASSIGN_OR_RETURN(std::string to, text_field(transfer, "to"));
        PARTICIPA_ASSIGN_OR_RETURN(std::string votes, text_field(transfer, "votes"));
        rows.push_back(mu::object{{"from", from},
                                  {"to", to.empty() ? std::string("(exhausted)") : to},
                                  {"votes", votes}});
      }
      item.set("has_transfers", true);
      item.set("transfers", rows);
    }
    if (const json::value* note = round.as_object().if_contains("note");
        note != nullptr && note->is_string() && !note->as_string().empty()) {
      item.set("note", std::string(note->as_string()));
    }
    round_list.push_back(item);
  }
  data.set("rounds", round_list);
  return render(kCount, data);
}

absl::StatusOr<std::string> count_page(const json::value& root) {
  PARTICIPA_ASSIGN_OR_RETURN(std::string method, text_field(root, "method"));
  PARTICIPA_ASSIGN_OR_RETURN(const json::array* rounds, array_field(root, "rounds"));
  std::string names;
  PARTICIPA_ASSIGN_OR_RETURN(std::string body, count_body(root, names));
  return page(str_cat(method, ": ", names.empty() ? "no winner" : names),
              str_cat(rounds->size(), rounds->size() == 1 ? " round" : " rounds"), body);
}

// counted_texts — value/count pairs (a question's texts, an option's free texts) as rows.
absl::StatusOr<mu::list> counted_texts(const json::array& values) {
  mu::list rows;
  for (const json::value& entry : values) {
    PARTICIPA_ASSIGN_OR_RETURN(std::string value, text_field(entry, "value"));
    PARTICIPA_ASSIGN_OR_RETURN(std::string count, text_field(entry, "count"));
    rows.push_back(mu::object{{"value", value}, {"count", count}});
  }
  return rows;
}

// survey_page — a questionnaire's summary (io::summary_to_json): per question, what was chosen
// or written and by how many, with the shares exactly as the summary gives them.
// A choice question's options: a bar each, with the free texts given beside an option.
absl::Status set_survey_options(const json::value& question, mu::data& item) {
  PARTICIPA_ASSIGN_OR_RETURN(const json::array* options, array_field(question, "options"));
  std::vector<mu::object> rows;
  std::vector<double> sizes;
  double largest = 0;
  mu::list free;
  for (const json::value& option : *options) {
    PARTICIPA_ASSIGN_OR_RETURN(std::string name, text_field(option, "option"));
    PARTICIPA_ASSIGN_OR_RETURN(std::string count, text_field(option, "count"));
    PARTICIPA_ASSIGN_OR_RETURN(double size, magnitude(count));
    PARTICIPA_ASSIGN_OR_RETURN(std::string answered, text_field(option, "share_of_answered"));
    PARTICIPA_ASSIGN_OR_RETURN(std::string shown, text_field(option, "share_of_shown"));
    rows.push_back(mu::object{{"option", name},
                              {"count", count},
                              {"share_of_answered", answered},
                              {"share_of_shown", shown}});
    sizes.push_back(size);
    largest = std::max(largest, size);
    if (option.as_object().contains("free_texts")) {
      PARTICIPA_ASSIGN_OR_RETURN(const json::array* texts, array_field(option, "free_texts"));
      PARTICIPA_ASSIGN_OR_RETURN(mu::list text_rows, counted_texts(*texts));
      free.push_back(mu::object{{"option", name}, {"texts", text_rows}});
    }
  }
  mu::list option_list;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    place_bar(rows[i], i, pixels(sizes[i], largest), 200);
    option_list.push_back(rows[i]);
  }
  item.set("has_options", true);
  item.set("height", chart_height(rows.size()));
  item.set("options", option_list);
  item.set("free", free);
  return absl::OkStatus();
}

// A matrix question's rows: a count per row and option.
absl::Status set_survey_rows(const json::value& question, mu::data& item) {
  PARTICIPA_ASSIGN_OR_RETURN(const json::array* matrix, array_field(question, "rows"));
  mu::list row_list, columns;
  for (const json::value& row : *matrix) {
    PARTICIPA_ASSIGN_OR_RETURN(std::string name, text_field(row, "row"));
    PARTICIPA_ASSIGN_OR_RETURN(std::string answered, text_field(row, "answered"));
    PARTICIPA_ASSIGN_OR_RETURN(const json::array* options, array_field(row, "options"));
    mu::list cells;
    for (const json::value& option : *options) {
      PARTICIPA_ASSIGN_OR_RETURN(std::string option_name, text_field(option, "option"));
      PARTICIPA_ASSIGN_OR_RETURN(std::string count, text_field(option, "count"));
      cells.push_back(mu::object{{"option", option_name}, {"count", count}});
      if (row_list.empty()) columns.push_back(mu::object{{"option", option_name}});
    }
    row_list.push_back(mu::object{{"row", name}, {"answered", answered}, {"cells", cells}});
  }
  item.set("has_rows", true);
  item.set("columns", columns);
  item.set("rows", row_list);
  return absl::OkStatus();
}

// A sorting question: how often each option came at each place, its Borda points and ranking.
absl::Status set_survey_sorting(const json::value& question, mu::data& item) {
  const json::object& fields = question.as_object();
  PARTICIPA_ASSIGN_OR_RETURN(const json::array* sorting, array_field(question, "sorting"));
  mu::list option_list, places;
  for (const json::value& option : *sorting) {
    PARTICIPA_ASSIGN_OR_RETURN(std::string name, text_field(option, "option"));
    PARTICIPA_ASSIGN_OR_RETURN(std::string points, text_field(option, "borda_points"));
    PARTICIPA_ASSIGN_OR_RETURN(const json::array* positions, array_field(option, "positions"));
    mu::list counts;
    for (const json::value& count : *positions) {
      PARTICIPA_ASSIGN_OR_RETURN(std::string one, text(count, "'positions'"));
      counts.push_back(mu::object{{"count", one}});
      if (option_list.empty()) places.push_back(mu::object{{"place", str_cat(counts.size())}});
    }
    option_list.push_back(mu::object{{"option", name}, {"positions", counts}, {"points", points}});
  }
  item.set("has_sorting", true);
  item.set("places", places);
  item.set("sorting", option_list);
  if (fields.contains("ranking")) {
    PARTICIPA_ASSIGN_OR_RETURN(const json::array* tiers, array_field(question, "ranking"));
    std::string ranking;
    for (const json::value& tier : *tiers) {
      if (!tier.is_array()) return malformed("'ranking'");
      std::string names;
      for (const json::value& name : tier.as_array()) {
        PARTICIPA_ASSIGN_OR_RETURN(std::string one, text(name, "'ranking'"));
        str_append(&names, names.empty() ? "" : " = ", one);
      }
      str_append(&ranking, ranking.empty() ? "" : ", then ", names);
    }
    item.set("ranking", ranking);
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> survey_page(const json::value& root) {
  PARTICIPA_ASSIGN_OR_RETURN(std::string title, text_field(root, "title"));
  PARTICIPA_ASSIGN_OR_RETURN(std::string respondents, text_field(root, "respondents"));
  PARTICIPA_ASSIGN_OR_RETURN(const json::array* questions, array_field(root, "questions"));
  mu::list question_list;
  for (const json::value& question : *questions) {
    const json::object& fields = question.as_object();
    mu::data item;
    for (const char* key : {"question", "label", "type", "shown", "answered", "skipped"}) {
      PARTICIPA_ASSIGN_OR_RETURN(std::string value, text_field(question, key));
      item.set(std::string(key) == "question" ? "number" : key, value);
    }
    if (fields.contains("options")) PARTICIPA_RETURN_IF_ERROR(set_survey_options(question, item));
    if (fields.contains("rows")) PARTICIPA_RETURN_IF_ERROR(set_survey_rows(question, item));
    if (fields.contains("sorting")) PARTICIPA_RETURN_IF_ERROR(set_survey_sorting(question, item));
    if (fields.contains("texts")) {
      PARTICIPA_ASSIGN_OR_RETURN(const json::array* texts, array_field(question, "texts"));
      PARTICIPA_ASSIGN_OR_RETURN(mu::list rows, counted_texts(*texts));
      item.set("has_texts", !texts->empty());
      item.set("texts", rows);
    }
    if (const json::value* statistics = fields.if_contains("statistics"); statistics != nullptr) {
      if (!statistics->is_object()) return malformed("'statistics'");
      mu::list rows;
      for (const auto& [name, value] : statistics->as_object()) {
        PARTICIPA_ASSIGN_OR_RETURN(std::string shown, text(value, "'statistics'"));
        rows.push_back(mu::object{{"name", std::string(name)}, {"value", shown}});
      }
      item.set("has_statistics", true);
      item.set("statistics", rows);
    }
    if (fields.contains("files")) {
      PARTICIPA_ASSIGN_OR_RETURN(std::string files, text_field(question, "files"));
      item.set("has_files", true);
      item.set("files", files);
    }
    question_list.push_back(item);
  }
  mu::data data;
  data.set("questions", question_list);
  if (const json::value* rejected = root.as_object().if_contains("rejected");
      rejected != nullptr && rejected->is_array() && !rejected->as_array().empty()) {
    data.set("has_rejected", true);
    data.set("rejected", str_cat(rejected->as_array().size()));
  }
  return page(title, str_cat(respondents, " respondents counted"), render(kSurvey, data));
}

// comparison_page — rules run on one election side by side (io::pb_comparison_json).
// The projects a comparison lists, indexed by id, with the largest cost and support (and how
// the JSON writes them) that scale the charts.
struct ComparedProject {
  std::string id, name, cost, supporters;
  double cost_size = 0, support_size = 0;
};
struct ComparedProjects {
  std::vector<ComparedProject> listed;
  std::map<std::string, std::size_t> index;
  double most_cost = 0, most_support = 0;
  std::string max_cost = "0", max_supporters = "0";
};
// A rule that ran: which listed projects it funded.
struct RuleRun {
  std::string label;
  std::vector<bool> funded;
};

absl::StatusOr<ComparedProjects> compared_projects(const json::array& projects) {
  ComparedProjects out;
  for (const json::value& project : projects) {
    ComparedProject p;
    PARTICIPA_ASSIGN_OR_RETURN(p.id, text_field(project, "id"));
    PARTICIPA_ASSIGN_OR_RETURN(p.name, text_field(project, "name"));
    PARTICIPA_ASSIGN_OR_RETURN(p.cost, text_field(project, "cost"));
    PARTICIPA_ASSIGN_OR_RETURN(p.supporters, text_field(project, "supporters"));
    PARTICIPA_ASSIGN_OR_RETURN(p.cost_size, magnitude(p.cost));
    PARTICIPA_ASSIGN_OR_RETURN(p.support_size, magnitude(p.supporters));
    if (!out.index.emplace(p.id, out.listed.size()).second) {
      return absl::InvalidArgumentError(str_cat("project '", p.id, "' is listed twice"));
    }
    if (p.cost_size >= out.most_cost) {
      out.most_cost = p.cost_size;
      out.max_cost = p.cost;
    }
    if (p.support_size >= out.most_support) {
      out.most_support = p.support_size;
      out.max_supporters = p.supporters;
    }
    out.listed.push_back(std::move(p));
  }
  return out;
}

// Per rule, every project placed by cost and support, marked funded or not.
mu::list outcome_charts(const std::vector<RuleRun>& ran, const ComparedProjects& projects) {
  mu::list charts;
  for (const RuleRun& one : ran) {
    mu::list points;
    for (std::size_t p = 0; p < projects.listed.size(); ++p) {
      const ComparedProject& listed = projects.listed[p];
      const double x = projects.most_cost > 0 ? listed.cost_size / projects.most_cost : 0;
      const double y = projects.most_support > 0 ? listed.support_size / projects.most_support : 0;
      points.push_back(mu::object{{"id", listed.id},
                                  {"name", listed.name},
                                  {"cost", listed.cost},
                                  {"supporters", listed.supporters},
                                  {"outcome", std::string(one.funded[p] ? "funded" : "not-funded")},
                                  {"x", absl::StrFormat("%.1f", 44 + 262 * x)},
                                  {"y", absl::StrFormat("%.1f", 206 - 192 * y)}});
    }
    charts.push_back(mu::object{{"label", one.label},
                                {"points", points},
                                {"max_cost", projects.max_cost},
                                {"max_supporters", projects.max_supporters}});
  }
  return charts;
}

// The table of projects, most supported first, with a column per rule that ran.
void set_funding_table(const std::vector<RuleRun>& ran, const ComparedProjects& projects,
                       mu::data& data) {
  const std::vector<ComparedProject>& listed = projects.listed;
  std::vector<std::size_t> order(listed.size());
  for (std::size_t p = 0; p < order.size(); ++p) order[p] = p;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return listed[a].support_size > listed[b].support_size;
  });
  mu::list columns, rows;
  for (const RuleRun& one : ran) columns.push_back(mu::object{{"label", one.label}});
  for (std::size_t p : order) {
    mu::list cells;
    for (const RuleRun& one : ran) {
      cells.push_back(mu::object{{"label", one.label},
                                 {"outcome", std::string(one.funded[p] ? "funded" : "not-funded")},
                                 {"mark", std::string(one.funded[p] ? "funded" : "")}});
    }
    rows.push_back(mu::object{{"id", listed[p].id},
                              {"name", listed[p].name},
                              {"cost", listed[p].cost},
                              {"supporters", listed[p].supporters},
                              {"cells", cells}});
  }
  data.set("columns", columns);
  data.set("projects", rows);
}

absl::StatusOr<std::string> comparison_page(const json::value& root) {
  PARTICIPA_ASSIGN_OR_RETURN(std::string budget, text_field(root, "budget"));
  PARTICIPA_ASSIGN_OR_RETURN(double limit, magnitude(budget));
  PARTICIPA_ASSIGN_OR_RETURN(const json::array* projects, array_field(root, "projects"));
  PARTICIPA_ASSIGN_OR_RETURN(const json::array* rules, array_field(root, "rules"));
  PARTICIPA_ASSIGN_OR_RETURN(ComparedProjects compared, compared_projects(*projects));
  const std::vector<ComparedProject>& listed = compared.listed;
  // Per rule that ran, which projects it funded; the rules that could not run say why.
  std::vector<RuleRun> ran;
  mu::list rule_rows, spent_bars;
  double most_spent = limit;
  std::vector<std::pair<std::string, double>> spent;
  for (const json::value& rule : *rules) {
    PARTICIPA_ASSIGN_OR_RETURN(std::string label, text_field(rule, "label"));
    if (const json::value* error = rule.as_object().if_contains("error"); error != nullptr) {
      PARTICIPA_ASSIGN_OR_RETURN(std::string why, text(*error, "'error'"));
      rule_rows.push_back(mu::object{{"label", label}, {"error", why}});
      continue;
    }
    PARTICIPA_ASSIGN_OR_RETURN(std::string total_cost, text_field(rule, "total_cost"));
    PARTICIPA_ASSIGN_OR_RETURN(std::string share, text_field(rule, "share_with_a_funded_project"));
    PARTICIPA_ASSIGN_OR_RETURN(double share_size, magnitude(share));
    PARTICIPA_ASSIGN_OR_RETURN(double cost_size, magnitude(total_cost));
    PARTICIPA_ASSIGN_OR_RETURN(const json::array* selected, array_field(rule, "selected"));
    RuleRun one{label, std::vector<bool>(listed.size(), false)};
    for (const json::value& id : *selected) {
      PARTICIPA_ASSIGN_OR_RETURN(std::string chosen, text(id, "selected project"));
      auto found = compared.index.find(chosen);
      if (found == compared.index.end()) {
        return absl::InvalidArgumentError(
            str_cat("rule '", label, "' selects project '", chosen, "', which is not listed"));
      }
      one.funded[found->second] = true;
    }
    rule_rows.push_back(mu::object{{"label", label},
                                   {"count", str_cat(selected->size())},
                                   {"total_cost", total_cost},
                                   {"share", share},
                                   {"percent", absl::StrFormat("%.1f %%", 100 * share_size)}});
    spent.emplace_back(total_cost, cost_size);
    most_spent = std::max(most_spent, cost_size);
    ran.push_back(std::move(one));
  }
  constexpr double kSpentArea = 320;  // pixels for the most spent, leaving room for its label
  for (std::size_t r = 0; r < ran.size(); ++r) {
    mu::object bar{{"label", ran[r].label}, {"total_cost", spent[r].first}};
    place_bar(bar, r, pixels(spent[r].second, most_spent, kSpentArea), 220);
    spent_bars.push_back(bar);
  }
  mu::data data;
  data.set("budget", budget);
  data.set("height", chart_height(ran.size()));
  data.set("budget_x", str_cat(220 + pixels(limit, most_spent, kSpentArea)));
  data.set("spent", spent_bars);
  data.set("rules", rule_rows);
  data.set("charts", outcome_charts(ran, compared));
  set_funding_table(ran, compared, data);
  return page(str_cat("Participatory budget: ", rules->size(), " rules compared"),
              str_cat(listed.size(), " projects, a budget of ", budget), render(kComparison, data));
}

absl::StatusOr<std::string> budget_page(const json::value& root) {
  PARTICIPA_ASSIGN_OR_RETURN(std::string rule, text_field(root, "rule"));
  PARTICIPA_ASSIGN_OR_RETURN(std::string total_cost, text_field(root, "total_cost"));
  PARTICIPA_ASSIGN_OR_RETURN(std::string budget, text_field(root, "budget"));
  PARTICIPA_ASSIGN_OR_RETURN(const json::array* selected, array_field(root, "selected"));
  PARTICIPA_ASSIGN_OR_RETURN(const json::array* rounds, array_field(root, "rounds"));
  PARTICIPA_ASSIGN_OR_RETURN(double spent, magnitude(total_cost));
  PARTICIPA_ASSIGN_OR_RETURN(double limit, magnitude(budget));
  mu::data data;
  data.set("total_cost", total_cost);
  data.set("budget", budget);
  data.set("spent_width",
           str_cat(limit > 0 ? static_cast<int>(600 * std::min(1.0, spent / limit)) : 0));
  data.set("selected_count", str_cat(selected->size()));
  mu::list projects;
  for (const json::value& id : *selected) {
    PARTICIPA_ASSIGN_OR_RETURN(std::string one, text(id, "selected project"));
    projects.push_back(mu::object{{"id", one}});
  }
  data.set("selected", projects);
  // Each rule's round names the number that decided it (density, price, load, ...).
  constexpr std::array<std::string_view, 5> kMeasures = {"density", "price", "load", "satisfaction",
                                                         "score"};
  std::string measure;
  mu::list rows;
  for (const json::value& round : *rounds) {
    PARTICIPA_ASSIGN_OR_RETURN(std::string project, text_field(round, "project"));
    PARTICIPA_ASSIGN_OR_RETURN(std::string chosen, text_field(round, "selected"));
    PARTICIPA_ASSIGN_OR_RETURN(std::string reason, text_field(round, "reason"));
    std::string budget_left = text_field(round, "budget_left").value_or("");
    std::string value;
    for (std::string_view name : kMeasures) {
      if (absl::StatusOr<std::string> found = text_field(round, name); found.ok()) {
        if (measure.empty()) measure = std::string(name);
        value = *found;
        break;
      }
    }
    rows.push_back(mu::object{{"project", project},
                              {"selected", chosen},
                              {"reason", reason},
                              {"measure", value},
                              {"budget_left", budget_left}});
  }
  data.set("rounds", rows);
  data.set("measure", measure.empty() ? std::string("Measure") : measure);
  if (const json::value* warnings = root.as_object().if_contains("warnings");
      warnings != nullptr && warnings->is_array()) {
    PARTICIPA_RETURN_IF_ERROR(set_warnings(warnings->as_array(), data));
  }
  return page(
      str_cat("Participatory budget: ", rule),
      str_cat(selected->size(), " projects selected, ", total_cost, " of ", budget, " spent"),
      render(kBudget, data));
}

// counts_of — a per-channel count array as texts, and its sum.
absl::StatusOr<std::vector<std::string>> counts_of(const json::value& value, std::string_view key,
                                                   std::size_t channels, std::uint64_t& sum) {
  PARTICIPA_ASSIGN_OR_RETURN(const json::array* counts, array_field(value, key));
  if (counts->size() != channels) return malformed(str_cat("'", key, "'"));
  std::vector<std::string> out;
  sum = 0;
  for (const json::value& count : *counts) {
    if (!count.is_uint64() && !(count.is_int64() && count.as_int64() >= 0)) {
      return malformed(str_cat("'", key, "'"));
    }
    const std::uint64_t n = count.is_uint64() ? count.as_uint64() : count.as_int64();
    sum += n;
    out.push_back(str_cat(n));
  }
  return out;
}

// One row of an election question's table: an option, or the blank, null and ballot counts.
struct ElectionRow {
  std::string option;
  std::string kind;
  std::vector<std::string> cells;  // votes per channel
  std::uint64_t total = 0;
};

// The question's rows: its options first, then blank, null and ballots.
absl::StatusOr<std::vector<ElectionRow>> election_rows(const json::value& question,
                                                       std::size_t channels) {
  PARTICIPA_ASSIGN_OR_RETURN(const json::array* options, array_field(question, "options"));
  std::vector<ElectionRow> rows;
  for (const json::value& option : *options) {
    ElectionRow row;
    row.kind = "option";
    PARTICIPA_ASSIGN_OR_RETURN(row.option, text_field(option, "option"));
    PARTICIPA_ASSIGN_OR_RETURN(row.cells, counts_of(option, "votes", channels, row.total));
    rows.push_back(std::move(row));
  }
  for (const auto& [key, label] :
       {std::pair<std::string_view, std::string_view>{"blank", "(blank)"},
        {"null", "(null)"},
        {"ballots", "(ballots)"}}) {
    ElectionRow row;
    row.option = std::string(label);
    row.kind = std::string(key);
    PARTICIPA_ASSIGN_OR_RETURN(row.cells, counts_of(question, key, channels, row.total));
    rows.push_back(std::move(row));
  }
  return rows;
}

// The option's bar: a segment per channel, side by side, scaled to the largest total.
mu::object election_bar(const ElectionRow& row, std::size_t index, std::uint64_t largest,
                        const std::vector<std::string>& channels) {
  const int y = bar_top(index);
  mu::list segments;
  int x = 200;
  for (std::size_t c = 0; c < channels.size(); ++c) {
    const double votes = static_cast<double>(std::stoull(row.cells[c]));
    const int width = pixels(votes, static_cast<double>(largest));
    if (width == 0) continue;
    segments.push_back(mu::object{{"option", row.option},
                                  {"channel", channels[c]},
                                  {"votes", row.cells[c]},
                                  {"x", str_cat(x)},
                                  {"y", str_cat(y)},
                                  {"width", str_cat(width)}});
    x += width;
  }
  return mu::object{{"option", row.option},
                    {"segments", segments},
                    {"total", str_cat(row.total)},
                    {"text_y", str_cat(y + 14)},
                    {"value_x", str_cat(x + 8)}};
}

// The outcome stated for a question, if any (results written before outcomes existed have none).
absl::StatusOr<std::optional<mu::data>> stated_outcome(const json::value& question) {
  const json::value* outcome = question.as_object().if_contains("outcome");
  if (outcome == nullptr || outcome->is_null()) return std::nullopt;
  PARTICIPA_ASSIGN_OR_RETURN(std::string statement, text_field(*outcome, "statement"));
  PARTICIPA_ASSIGN_OR_RETURN(std::string stated_at, text_field(*outcome, "stated_at"));
  mu::data shown;
  shown.set("statement", statement);
  shown.set("stated_at", stated_at);
  for (std::string_view key : {"option", "review_at"}) {
    PARTICIPA_ASSIGN_OR_RETURN(const json::value* value, field(*outcome, key));
    if (value->is_null()) continue;
    PARTICIPA_ASSIGN_OR_RETURN(std::string shown_text, text(*value, key));
    shown.set(std::string(key), shown_text);
  }
  return shown;
}

// One question of the election page: its table, its bars, its count and its outcome.
absl::StatusOr<mu::data> election_question(const json::value& question,
                                           const std::vector<std::string>& channels) {
  PARTICIPA_ASSIGN_OR_RETURN(std::string position, text_field(question, "position"));
  PARTICIPA_ASSIGN_OR_RETURN(std::string question_title, text_field(question, "title"));
  PARTICIPA_ASSIGN_OR_RETURN(std::string kind, text_field(question, "kind"));
  PARTICIPA_ASSIGN_OR_RETURN(std::string method, text_field(question, "method"));
  PARTICIPA_ASSIGN_OR_RETURN(std::vector<ElectionRow> rows,
                             election_rows(question, channels.size()));
  const auto option_rows = static_cast<std::size_t>(std::count_if(
      rows.begin(), rows.end(), [](const ElectionRow& row) { return row.kind == "option"; }));
  std::uint64_t largest = 0;
  for (std::size_t i = 0; i < option_rows; ++i) largest = std::max(largest, rows[i].total);
  mu::list bars;
  mu::list table;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    mu::list cells;
    for (std::size_t c = 0; c < channels.size(); ++c) {
      cells.push_back(mu::object{{"channel", channels[c]}, {"votes", rows[i].cells[c]}});
    }
    table.push_back(mu::object{{"option", rows[i].option},
                               {"kind", rows[i].kind},
                               {"cells", cells},
                               {"total", str_cat(rows[i].total)}});
    if (i < option_rows) bars.push_back(election_bar(rows[i], i, largest, channels));
  }
  mu::data item;
  item.set("position", position);
  item.set("title", question_title);
  item.set("method", method);
  item.set("caption", kind == "ranked"  ? "First preferences"
                      : kind == "score" ? "Sum of scores"
                                        : "Votes");
  PARTICIPA_ASSIGN_OR_RETURN(const json::value* count, field(question, "count"));
  if (!count->is_null()) {
    std::string winners;
    PARTICIPA_ASSIGN_OR_RETURN(std::string rounds, count_body(*count, winners));
    const json::value* tied = count->as_object().if_contains("tied_winners");
    const bool tie = tied != nullptr && tied->is_bool() && tied->as_bool();
    item.set("winners", tie ? str_cat(winners, " (a tie)") : winners);
    // A count in rounds (a ranked question) shows them, transfers included.
    if (kind == "ranked") item.set("rounds", rounds);
  }
  PARTICIPA_ASSIGN_OR_RETURN(std::optional<mu::data> outcome, stated_outcome(question));
  if (outcome) item.set("outcome", *outcome);
  item.set("height", chart_height(option_rows));
  item.set("bars", bars);
  item.set("rows", table);
  return item;
}

absl::StatusOr<std::string> election_page(const json::value& root) {
  PARTICIPA_ASSIGN_OR_RETURN(std::string title, text_field(root, "title"));
  PARTICIPA_ASSIGN_OR_RETURN(const json::array* channel_names, array_field(root, "channels"));
  PARTICIPA_ASSIGN_OR_RETURN(const json::array* questions, array_field(root, "questions"));
  PARTICIPA_ASSIGN_OR_RETURN(const json::array* stations, array_field(root, "stations"));
  std::vector<std::string> channels;
  mu::list channel_list;
  for (const json::value& name : *channel_names) {
    PARTICIPA_ASSIGN_OR_RETURN(channels.emplace_back(), text(name, "channel"));
    channel_list.push_back(mu::object{{"name", channels.back()}});
  }
  mu::data data;
  data.set("channels", channel_list);
  mu::list question_list;
  for (const json::value& question : *questions) {
    PARTICIPA_ASSIGN_OR_RETURN(mu::data item, election_question(question, channels));
    question_list.push_back(item);
  }
  data.set("questions", question_list);
  mu::list station_list;
  for (const json::value& station : *stations) {
    PARTICIPA_ASSIGN_OR_RETURN(std::string name, text_field(station, "name"));
    PARTICIPA_ASSIGN_OR_RETURN(std::string issued, text_field(station, "issued"));
    PARTICIPA_ASSIGN_OR_RETURN(std::string cast, text_field(station, "cast"));
    PARTICIPA_ASSIGN_OR_RETURN(std::string confirmed, text_field(station, "confirmed"));
    station_list.push_back(
        mu::object{{"name", name}, {"issued", issued}, {"cast", cast}, {"confirmed", confirmed}});
  }
  if (!stations->empty()) {
    data.set("has_stations", true);
    data.set("stations", station_list);
  }
  PARTICIPA_ASSIGN_OR_RETURN(const json::array* warnings, array_field(root, "warnings"));
  PARTICIPA_RETURN_IF_ERROR(set_warnings(*warnings, data));
  PARTICIPA_ASSIGN_OR_RETURN(std::string superseded, text_field(root, "superseded"));
  data.set("superseded", superseded);
  return page(title,
              str_cat(questions->size(), questions->size() == 1 ? " question" : " questions"),
              render(kElection, data));
}

}  // namespace

// joined — a JSON array of texts as one line, "" when empty.
absl::StatusOr<std::string> joined(const json::value& value, std::string_view key) {
  PARTICIPA_ASSIGN_OR_RETURN(const json::array* items, array_field(value, key));
  std::string out;
  for (const json::value& item : *items) {
    PARTICIPA_ASSIGN_OR_RETURN(std::string one, text(item, key));
    out += out.empty() ? one : str_cat(", ", one);
  }
  return out;
}

// meeting_page — a meeting (io::meeting_to_json): when and where, the agenda, registrations,
// attendance, the polls (counted once closed) and the closing report.
// The agenda's rows: each item, then its sub-items.
absl::StatusOr<mu::list> meeting_agenda(const json::array& agenda) {
  mu::list agenda_rows;
  for (const json::value& item : agenda) {
    PARTICIPA_ASSIGN_OR_RETURN(std::string item_title, text_field(item, "title"));
    PARTICIPA_ASSIGN_OR_RETURN(std::string item_minutes, text_field(item, "minutes"));
    agenda_rows.push_back(
        mu::object{{"title", item_title}, {"minutes", item_minutes}, {"level", "item"}});
    PARTICIPA_ASSIGN_OR_RETURN(const json::array* children, array_field(item, "items"));
    for (const json::value& child : *children) {
      PARTICIPA_ASSIGN_OR_RETURN(std::string child_title, text_field(child, "title"));
      PARTICIPA_ASSIGN_OR_RETURN(std::string child_minutes, text_field(child, "minutes"));
      agenda_rows.push_back(
          mu::object{{"title", child_title}, {"minutes", child_minutes}, {"level", "sub-item"}});
    }
  }
  return agenda_rows;
}

// A poll of the meeting, with its answers drawn once it is closed.
absl::StatusOr<mu::data> meeting_poll(const json::value& poll, std::size_t number) {
  mu::data item;
  item.set("number", str_cat(number));
  PARTICIPA_ASSIGN_OR_RETURN(std::string poll_title, text_field(poll, "title"));
  PARTICIPA_ASSIGN_OR_RETURN(std::string answered, text_field(poll, "answered"));
  PARTICIPA_ASSIGN_OR_RETURN(std::string closed, text_field(poll, "closed"));
  PARTICIPA_ASSIGN_OR_RETURN(std::string multiple, text_field(poll, "multiple"));
  item.set("title", poll_title);
  item.set("answered", answered);
  if (closed == "yes") {
    PARTICIPA_ASSIGN_OR_RETURN(const json::array* options, array_field(poll, "options"));
    std::vector<mu::object> rows;
    std::vector<double> sizes;
    double largest = 0;
    for (const json::value& option : *options) {
      PARTICIPA_ASSIGN_OR_RETURN(std::string name, text_field(option, "option"));
      PARTICIPA_ASSIGN_OR_RETURN(std::string answers, text_field(option, "answers"));
      PARTICIPA_ASSIGN_OR_RETURN(double size, magnitude(answers));
      rows.push_back(mu::object{{"option", name}, {"answers", answers}});
      sizes.push_back(size);
      largest = std::max(largest, size);
    }
    mu::list option_list;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      place_bar(rows[i], i, pixels(sizes[i], largest), 200);
      option_list.push_back(rows[i]);
    }
    item.set("counted", true);
    if (multiple == "yes") item.set("multiple", true);
    item.set("height", chart_height(rows.size()));
    item.set("options", option_list);
  }
  return item;
}

absl::StatusOr<std::string> meeting_page(const json::value& root) {
  mu::data data;
  PARTICIPA_ASSIGN_OR_RETURN(std::string title, text_field(root, "title"));
  for (const char* key : {"starts_at", "ends_at", "address", "url"}) {
    PARTICIPA_ASSIGN_OR_RETURN(std::string value, text_field(root, key));
    if (!value.empty()) data.set(key, value);
  }
  PARTICIPA_ASSIGN_OR_RETURN(std::string format, text_field(root, "format"));
  if (format != "in-person" && format != "online" && format != "hybrid") {
    return malformed("'format'");
  }
  data.set("format", format == "in-person" ? std::string("In person")
                     : format == "online"  ? std::string("Online")
                                           : std::string("In the room and online"));
  PARTICIPA_ASSIGN_OR_RETURN(const json::array* agenda, array_field(root, "agenda"));
  PARTICIPA_ASSIGN_OR_RETURN(mu::list agenda_rows, meeting_agenda(*agenda));
  if (!agenda_rows.empty()) data.set("has_agenda", true);
  data.set("agenda", agenda_rows);
  PARTICIPA_ASSIGN_OR_RETURN(const json::value* registrations, field(root, "registrations"));
  if (!registrations->is_null()) {
    mu::data shown;
    for (const char* key :
         {"slots", "reserved_slots", "confirmed", "reserved_confirmed", "waiting"}) {
      PARTICIPA_ASSIGN_OR_RETURN(std::string value, text_field(*registrations, key));
      shown.set(key, value);
    }
    data.set("registrations", shown);
  }
  PARTICIPA_ASSIGN_OR_RETURN(const json::value* attendance, field(root, "attendance"));
  for (const char* key : {"in_person", "online"}) {
    PARTICIPA_ASSIGN_OR_RETURN(std::string value, text_field(*attendance, key));
    data.set(key, value);
  }
  PARTICIPA_ASSIGN_OR_RETURN(const json::array* polls, array_field(root, "polls"));
  mu::list poll_list;
  for (std::size_t number = 0; number < polls->size(); ++number) {
    const json::value& poll = (*polls)[number];
    PARTICIPA_ASSIGN_OR_RETURN(mu::data item, meeting_poll(poll, number));
    poll_list.push_back(item);
  }
  data.set("polls", poll_list);
  PARTICIPA_ASSIGN_OR_RETURN(const json::value* closing, field(root, "closing"));
  if (!closing->is_null()) {
    mu::data shown;
    for (const char* key : {"report", "attendees_count", "contributions_count"}) {
      PARTICIPA_ASSIGN_OR_RETURN(std::string value, text_field(*closing, key));
      shown.set(key, value);
    }
    for (const char* key : {"organizations", "proposals"}) {
      PARTICIPA_ASSIGN_OR_RETURN(std::string value, joined(*closing, key));
      if (!value.empty()) shown.set(key, value);
    }
    data.set("closing", shown);
  }
  return page(title, "A meeting", render(kMeeting, data));
}

absl::StatusOr<std::string> report_page(std::string_view result_json) {
  json::error_code error;
  json::value root = json::parse(json::string_view(result_json.data(), result_json.size()), error);
  if (error) {
    return absl::InvalidArgumentError(str_cat("the result is not JSON: ", error.message()));
  }
  if (!root.is_object()) return absl::InvalidArgumentError("the result is not a JSON object");
  const json::object& object = root.as_object();
  if (const json::value* kind = object.if_contains("kind"); kind != nullptr && kind->is_string()) {
    if (kind->as_string() == "election-results") return election_page(root);
    if (kind->as_string() == "pb-comparison") return comparison_page(root);
    if (kind->as_string() == "survey-summary") return survey_page(root);
    if (kind->as_string() == "meeting") return meeting_page(root);
  }
  if (object.contains("method") && object.contains("rounds") && object.contains("candidates")) {
    return count_page(root);
  }
  if (object.contains("rule") && object.contains("selected") && object.contains("rounds")) {
    return budget_page(root);
  }
  return absl::InvalidArgumentError(
      "the JSON is not a result participa writes: a count (participa tally --format json), a "
      "participatory-budgeting result (participa pb --format json), rules compared (participa pb "
      "--compare --format json), a survey's summary (participa survey summarize --format json), "
      "an election's results or a meeting (participa meetings RECORD --meeting ID)");
}

}  // namespace participa::io
