// Bindings of participa::io: file readers and writers, JSON and protobuf bytes.
#include <tuple>

#include <pybind11/stl.h>

#include "absl/strings/str_join.h"
#include "casters.hpp"
#include "participa/core/utc.hpp"
#include "participa/io/ballot_files.hpp"
#include "participa/io/blt.hpp"
#include "participa/io/files.hpp"
#include "participa/io/json.hpp"
#include "participa/io/pabulib.hpp"
#include "participa/io/preflib.hpp"
#include "participa/io/ranked_csv.hpp"
#include "participa/io/rctab.hpp"
#include "participa/io/report.hpp"
#include "participa/io/xlsx.hpp"
#include "register.hpp"
#include "register_common.hpp"

namespace participa::python {
namespace {

using namespace pybind11::literals;

// read(f, args...) — calls a reader with the GIL released and unwraps its result.
template <class F, class... Args>
auto read(F f, const Args&... args) {
  decltype(f(args...)) result;
  {
    py::gil_scoped_release release;
    result = f(args...);
  }
  return unwrap(std::move(result));
}

// def_reader(m, format, read_file, parse, what) — read_<format>(path) and
// parse_<format>(text, name=""), both with the GIL released.
template <class T>
void def_reader(py::module_& m, const char* format,
                absl::StatusOr<T> (*read_file)(const std::string&),
                absl::StatusOr<T> (*parse)(std::string_view, std::string_view), const char* what) {
  m.def(
      str_cat("read_", format).c_str(),
      [read_file](const py::object& path) { return read(read_file, fspath(path)); }, "path"_a,
      str_cat("Read ", what, " from a file; errors name the file and the line.").c_str());
  m.def(
      str_cat("parse_", format).c_str(),
      [parse](const std::string& text, const std::string& name) {
        return read(parse, std::string_view(text), std::string_view(name));
      },
      "text"_a, "name"_a = "",
      str_cat("Parse ", what, " from text; errors name `name` and the line.").c_str());
}

template <class T, class F>
void def_text_format(py::module_& m, const char* name, F to_text,
                     absl::StatusOr<T> (*from_text)(std::string_view), const char* what) {
  m.def(
      str_cat(name, "_to_json").c_str(),
      [to_text](const T& value, bool pretty) { return to_text(value, pretty); }, "value"_a,
      py::kw_only(), "pretty"_a = false,
      str_cat("The ", what, " as protobuf JSON (participa.v1 schema).").c_str());
  m.def(
      str_cat(name, "_from_json").c_str(),
      [from_text](std::string_view json) { return unwrap(from_text(json)); }, "json"_a,
      str_cat("A ", what, " from protobuf JSON; ValueError when it is not one.").c_str());
}

template <class T>
void def_bytes_format(py::module_& m, const char* name, std::string (*to_bytes)(const T&),
                      absl::StatusOr<T> (*from_bytes)(std::string_view), const char* what) {
  m.def(
      str_cat(name, "_to_bytes").c_str(),
      [to_bytes](const T& value) { return py::bytes(to_bytes(value)); }, "value"_a,
      str_cat("The ", what, " as serialized protobuf (participa.v1 schema).").c_str());
  m.def(
      str_cat(name, "_from_bytes").c_str(),
      [from_bytes](const py::bytes& data) {
        std::string_view view = data;
        return unwrap(from_bytes(view));
      },
      "data"_a, str_cat("A ", what, " from protobuf bytes; ValueError when corrupt.").c_str());
}

}  // namespace

void register_io(py::module_& m) {
  py::class_<io::PreflibFile>(m, "PreflibFile", "A PrefLib file: its profile and header.")
      .def_readonly("profile", &io::PreflibFile::profile, "The ballots.")
      .def_readonly("alternative_numbers", &io::PreflibFile::alternative_numbers,
                    "The file's number of each candidate of the profile, in profile order.")
      .def_readonly("metadata", &io::PreflibFile::metadata,
                    "Header fields other than alternative names (TITLE, DATA TYPE, ...).")
      .def("__repr__", [](const io::PreflibFile& f) {
        const auto title = f.metadata.find("TITLE");
        return str_cat("PreflibFile(", title == f.metadata.end() ? "untitled" : title->second, ", ",
                       f.profile.num_candidates(), " candidates, ", f.profile.total_weight(),
                       " ballots)");
      });
  def_reader<io::PreflibFile>(m, "preflib", &io::read_preflib_file, &io::parse_preflib,
                              "a PrefLib .soc/.soi/.toc/.toi election");

  py::class_<io::BltFile>(m, "BltFile", "A BLT (OpenSTV/Droop) file.")
      .def_readonly("profile", &io::BltFile::profile,
                    "The ballots, withdrawn candidates removed from them.")
      .def_readonly("seats", &io::BltFile::seats, "The seats the election fills.")
      .def_readonly("withdrawn", &io::BltFile::withdrawn, "The names of the withdrawn candidates.")
      .def_readonly("title", &io::BltFile::title, "The election's title.")
      .def_readonly("tie_order", &io::BltFile::tie_order,
                    "Droop's [tie] line: candidate indices in the order lots fall (first chosen "
                    "first); empty without one.")
      .def_readonly("undeclared", &io::BltFile::undeclared,
                    "Droop's [undeclared] line: indices of undeclared write-ins.")
      .def_readonly("counter_options", &io::BltFile::counter_options,
                    "Droop's [droop ...] options, as written; participa does not apply them.")
      .def("__repr__", [](const io::BltFile& f) {
        return str_cat("BltFile(", f.title, ", ", f.seats, " seats, ", f.profile.num_candidates(),
                       " candidates, ", f.withdrawn.size(), " withdrawn, ",
                       f.profile.total_weight(), " ballots)");
      });
  def_reader<io::BltFile>(m, "blt", &io::read_blt_file, &io::parse_blt, "a BLT election");
  def_reader<tally::Profile>(m, "ranked_csv", &io::read_ranked_csv_file, &io::parse_ranked_csv,
                             "ranked ballots in CSV (one ballot per row, choices in order)");
  m.def(
      "read_pabulib",
      [](const py::object& path, bool strict) {
        return read(&io::read_pabulib_file, fspath(path), io::PabulibOptions{.strict = strict});
      },
      "path"_a, py::kw_only(), "strict"_a = false,
      "Read a pabulib .pb election (a pb.Election) from a file; errors name the file and the "
      "line. What is repaired (a project marked twice in a ballot) is listed in the election's "
      "warnings; strict=True refuses it instead.");
  m.def(
      "parse_pabulib",
      [](const std::string& text, const std::string& name, bool strict) {
        return read(&io::parse_pabulib, std::string_view(text), std::string_view(name),
                    io::PabulibOptions{.strict = strict});
      },
      "text"_a, "name"_a = "", py::kw_only(), "strict"_a = false,
      "Parse a pabulib .pb election from text; errors name `name` and the line.");
  def_enum(m, "BallotFormat", io::kBallotFormatNames, "A format of ballot files participa reads.");
  py::class_<io::BallotFile>(m, "BallotFile",
                             "The ballots of a file, in any format participa reads.")
      .def_readonly("profile", &io::BallotFile::profile, "The ballots.")
      .def_readonly("format", &io::BallotFile::format,
                    "The format the file was read in (a BallotFormat).")
      .def_readonly("seats", &io::BallotFile::seats,
                    "The seats the file names; 0 when it does not.")
      .def("__repr__", [](const io::BallotFile& f) {
        return str_cat("BallotFile(", io::to_string(f.format), ", ", f.profile.num_candidates(),
                       " candidates, ", f.profile.total_weight(), " ballots)");
      });
  m.def(
      "read_ballot_file",
      [](const py::object& file, const py::object& format) {
        const std::string path = fspath(file);
        std::optional<io::BallotFormat> named;
        if (py::isinstance<io::BallotFormat>(format)) named = format.cast<io::BallotFormat>();
        if (py::isinstance<py::str>(format)) {
          named = unwrap(io::parse_ballot_format(format.cast<std::string>()));
        } else if (!format.is_none() && !named) {
          throw py::type_error("format must be a BallotFormat, its name or None");
        }
        return read(&io::read_ballot_file, path, named);
      },
      "path"_a, "format"_a = py::none(),
      "Read ballots in the format named, or the one the file's extension names (as the "
      "`participa tally` command does).");
  m.def(
      "write_pabulib",
      [](const pb::Election& election) { return read(&io::write_pabulib, election); }, "election"_a,
      "The election as pabulib text (reading it back gives the same election).");
  m.def("pb_result_report_json", &io::pb_result_report_json, "result"_a,
        "The report `participa pb --format json` prints.");
  m.def(
      "pb_comparison_json",
      [](const pb::Election& election, const std::optional<py::dict>& results) {
        std::vector<pb::ComparedRule> compared;
        if (!results) {
          py::gil_scoped_release release;
          compared = pb::compare_main_rules(election, pb::RuleRegistry::with_builtins());
        } else {
          for (const auto& [label, result] : *results) {
            compared.push_back({py::str(label), result.cast<pb::Result>()});
          }
        }
        return unwrap(io::pb_comparison_json(election, compared));
      },
      "election"_a, "results"_a = py::none(),
      "Rules run on one election side by side, as JSON for participa.report: `results` maps a "
      "label to each pb.Result (None: the main rules, as `participa pb --compare` runs them).");
  m.def(
      "report_page",
      [](const std::string& result_json) { return unwrap(io::report_page(result_json)); },
      "result_json"_a,
      "The self-contained HTML page of a result's JSON (a count, a pb result, rules compared, a "
      "survey's summary, an election's results or a meeting); ValueError for JSON that is none "
      "of them.");
  m.def(
      "write_page",
      [](const std::string& page, const py::object& file, bool replace) {
        const std::string path = fspath(file);
        absl::Status written;
        {
          py::gil_scoped_release release;
          written = io::write_file(path, page, replace);
        }
        if (!written.ok()) throw_status(io::with_file(written, path));
      },
      "page"_a, "path"_a, py::kw_only(), "replace"_a = false,
      "Write a page whole or not at all (through a temporary file); ValueError when the file "
      "exists, unless replace=True.");

  m.def(
      "run_rctab",
      [](const std::string& config, const std::string& output_dir, const std::string& cvr_root,
         bool replace) {
        return read(&io::run_rctab, config,
                    io::RctabRunOptions{
                        .output_dir = output_dir, .cvr_root = cvr_root, .replace = replace});
      },
      "config"_a, "output_dir"_a = "", "cvr_root"_a = "", "replace"_a = false,
      "Tabulate an RCTab contest configuration and write its detailed report(s); returns the "
      "paths written. CVR files must lie below cvr_root (default: the configuration's folder); "
      "an existing report is replaced only with replace=True.");
  m.def(
      "rctab_reports",
      [](const std::string& config, const std::string& cvr_root) {
        auto contest = read(&io::read_rctab_contest, config, cvr_root);
        auto reports = read(&io::tabulate_rctab, contest);
        std::vector<std::string> json;
        for (const auto& report : reports) json.push_back(io::rctab_report_json(contest, report));
        return json;
      },
      "config"_a, "cvr_root"_a = "",
      "The detailed reports of an RCTab contest as JSON text, one per pass.");
  m.def(
      "rctab_slice_reports",
      [](const std::string& config, const std::string& cvr_root) {
        auto contest = read(&io::read_rctab_contest, config, cvr_root);
        auto reports = read(&io::tabulate_rctab, contest);
        std::vector<std::tuple<int, std::string, std::string, std::string>> out;
        for (std::size_t i = 0; i < reports.size(); ++i) {
          for (const auto& slice : reports[i].slices) {
            out.emplace_back(static_cast<int>(i + 1), slice.batch ? "batch" : "precinct",
                             io::rctab_slice_label(slice),
                             io::rctab_slice_report_json(contest, reports[i], slice));
          }
        }
        return out;
      },
      "config"_a, "cvr_root"_a = "",
      "The reports by precinct and by batch a configuration asks for (tabulateByPrecinct, "
      "tabulateByBatch): (pass, 'precinct' or 'batch', name, JSON text) for each, the name "
      "'no precinct id' or 'no batch id' for records that named none.");
  m.def(
      "rctab_cdf_json",
      [](const std::string& config, const std::string& cvr_root) {
        auto contest = read(&io::read_rctab_contest, config, cvr_root);
        contest.rules.allocations = true;
        auto reports = read(&io::tabulate_rctab, contest);
        std::vector<std::string> out;
        const std::string now = utc_text(absl::Now());
        for (const auto& report : reports)
          out.push_back(read(&io::rctab_cdf_json, contest, report, now));
        return out;
      },
      "config"_a, "cvr_root"_a = "",
      "The contest's cast-vote records as NIST CDF JSON, as RCTab's generateCdfJson writes them "
      "(each record's marks, and where it counted in each round), one text per pass; whatever "
      "the configuration's generateCdfJson says.");
  m.def(
      "read_xlsx_first_sheet",
      [](const py::object& path) { return read(&io::read_xlsx_first_sheet, fspath(path)); },
      "path"_a, "The first sheet of an .xlsx file as rows of cell text.");

  def_text_format<tally::Profile>(m, "profile", &io::profile_to_json, &io::profile_from_json,
                                  "profile");
  def_text_format<tally::Result>(m, "result", &io::result_to_json, &io::result_from_json, "result");
  def_text_format<pb::Election>(m, "election", &io::election_to_json, &io::election_from_json,
                                "PB election");
  def_text_format<pb::Result>(m, "pb_result", &io::pb_result_to_json, &io::pb_result_from_json,
                              "PB result");
  def_bytes_format<tally::Profile>(m, "profile", &io::profile_to_bytes, &io::profile_from_bytes,
                                   "profile");
  def_bytes_format<tally::Result>(m, "result", &io::result_to_bytes, &io::result_from_bytes,
                                  "result");
  def_bytes_format<pb::Election>(m, "election", &io::election_to_bytes, &io::election_from_bytes,
                                 "PB election");
  def_bytes_format<pb::Result>(m, "pb_result", &io::pb_result_to_bytes, &io::pb_result_from_bytes,
                               "PB result");
  m.attr("FORMAT_VERSION") = io::kFormatVersion;
  def_not_picklable(m.attr("PreflibFile"), "pickle its profile");
  def_not_picklable(m.attr("BltFile"), "pickle its profile");
  def_not_picklable(m.attr("BallotFile"), "pickle its profile");
}

void register_stv_file(py::module_& m) {
  m.def(
      "stv_file",
      [](const io::BltFile& file, const std::string& rule, std::optional<int> seats,
         const std::optional<std::string>& defeat, const std::optional<std::string>& arithmetic,
         std::optional<int> precision, std::optional<int> guard, std::optional<int> display,
         std::optional<int> omega, const py::object& progress) {
        if (!file.counter_options.empty()) {
          py::module_::import("warnings")
              .attr("warn")(str_cat("the file's [droop ", absl::StrJoin(file.counter_options, " "),
                                    "] line is not applied; pass the options to stv_file"),
                            py::module_::import("builtins").attr("UserWarning"), 2);
        }
        return stv_count(file.profile, rule, seats.value_or(file.seats), defeat, arithmetic,
                         precision, guard, display, omega, py::cast(file.tie_order),
                         file.undeclared.empty() ? py::object(py::none())
                                                 : py::object(py::cast(file.undeclared)),
                         progress);
      },
      "file"_a, "rule"_a, py::kw_only(), "seats"_a = py::none(), "defeat"_a = py::none(),
      "arithmetic"_a = py::none(), "precision"_a = py::none(), "guard"_a = py::none(),
      "display"_a = py::none(), "omega"_a = py::none(), "progress"_a = py::none(),
      "stv() on a BltFile (participa.io.read_blt): its seats (unless `seats` is given), its "
      "[tie] order and its [undeclared] write-ins. A [droop ...] line is not applied: a "
      "UserWarning says so. Ctrl-C and `progress` as for stv().");
}

}  // namespace participa::python
