// Bindings of participa::tally: ballots, profiles (with numpy views and builders), counting
// methods, results.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <chrono>
#include <limits>
#include <numeric>

#include "absl/strings/str_join.h"
#include "casters.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/io/blt.hpp"
#include "participa/io/json.hpp"
#include "participa/io/stv.hpp"
#include "participa/tally/justified_representation.hpp"
#include "participa/tally/method.hpp"
#include "participa/tally/pairwise.hpp"
#include "participa/tally/profile.hpp"
#include "participa/tally/profile_arrays.hpp"
#include "participa/tally/profile_builder.hpp"
#include "participa/tally/sampling.hpp"
#include "participa/tally/stv.hpp"
#include "register.hpp"
#include "register_common.hpp"

namespace participa::python {
namespace {

using namespace pybind11::literals;
using tally::BallotKind;
using tally::Profile;

// The numpy kind of an array: 'b' bool, 'i' signed, 'u' unsigned, 'f' float, ...
char dtype_kind(const py::array& a) { return a.dtype().kind(); }

void require_matrix(const py::array& a, const char* what) {
  if (a.ndim() != 2) {
    throw py::value_error(
        str_cat(what, " must be a two-dimensional array, not ", a.ndim(), "-dimensional"));
  }
}

void require_integers(const py::array& a, const char* what) {
  char k = dtype_kind(a);
  if (k != 'i' && k != 'u' && k != 'b') {
    throw py::type_error(
        str_cat(what, " must hold integers, not ", py::str(a.dtype()).cast<std::string>()));
  }
}

// Unsigned 64-bit values above 2^63 - 1 would wrap to negative numbers (read as blanks) when
// converted to the signed indices the counting layer takes.
void require_int64_range(const py::array& a, const char* what) {
  if (dtype_kind(a) != 'u' || a.itemsize() < 8 || a.size() == 0) return;
  py::object largest = a.attr("max")();
  if (largest.cast<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
    throw py::value_error(
        str_cat(what, " holds ", largest.cast<std::uint64_t>(), ", which is no candidate index"));
  }
}

using Weights = std::optional<py::array>;
using WeightArray = py::array_t<std::uint64_t, py::array::c_style | py::array::forcecast>;

// weight_array(weights) — the weights as unsigned 64-bit counts, refusing what would wrap
// (negative or fractional counts); empty when none were given.
WeightArray weight_array(const Weights& weights) {
  if (!weights) return WeightArray(0);
  const py::array& w = *weights;
  if (w.ndim() != 1) throw py::value_error("weights must be one-dimensional");
  require_integers(w, "weights");
  if (dtype_kind(w) == 'i' && py::bool_(w.attr("__lt__")(0).attr("any")())) {
    throw py::value_error("weights must not be negative");
  }
  return WeightArray(w);
}

std::span<const std::uint64_t> span_of(const WeightArray& w) {
  return {w.data(), static_cast<std::size_t>(w.size())};
}

Profile from_approval_matrix(const py::array& matrix, std::vector<std::string> candidates,
                             const Weights& weights) {
  require_matrix(matrix, "an approval matrix");
  char k = dtype_kind(matrix);
  if (k != 'b' && k != 'i' && k != 'u' && k != 'f') {
    throw py::type_error("an approval matrix must hold booleans or numbers");
  }
  if (k != 'b') {
    // Only 0 and 1 say "not approved" and "approved": 0.5, 2 or NaN are a mistake to report,
    // not a vote to guess.
    py::object not_binary = (matrix.attr("__ne__")(0)).attr("__and__")(matrix.attr("__ne__")(1));
    if (py::bool_(not_binary.attr("any")())) {
      py::tuple at = py::module_::import("numpy").attr("argwhere")(not_binary)[py::int_(0)];
      const py::object value = matrix[at];
      throw py::value_error(str_cat("an approval matrix holds 0 and 1 (or booleans), not ",
                                    py::repr(value).cast<std::string>(), " (row ",
                                    at[0].cast<std::int64_t>(), ", column ",
                                    at[1].cast<std::int64_t>(), ")"));
    }
  }
  py::array_t<std::uint8_t, py::array::c_style> mask =
      (k == 'b' || matrix.dtype().is(py::dtype::of<std::uint8_t>()))
          ? py::array_t<std::uint8_t, py::array::c_style | py::array::forcecast>(matrix)
          : py::array_t<std::uint8_t, py::array::c_style | py::array::forcecast>(
                matrix.attr("__ne__")(0));
  if (static_cast<std::size_t>(matrix.shape(1)) != candidates.size()) {
    throw py::value_error(str_cat("an approval matrix of ", matrix.shape(1), " columns for ",
                                  candidates.size(), " candidates"));
  }
  const WeightArray weight_values = weight_array(weights);
  auto w = span_of(weight_values);
  auto rows = static_cast<std::size_t>(matrix.shape(0));
  std::span<const std::uint8_t> data(mask.data(), static_cast<std::size_t>(mask.size()));
  absl::StatusOr<Profile> built;
  {
    py::gil_scoped_release release;
    built = tally::approval_profile_from_matrix(std::move(candidates), data, rows, w);
  }
  return unwrap(std::move(built));
}

Profile from_approval_csr(const py::array& offsets, const py::array& indices,
                          std::vector<std::string> candidates, const Weights& weights) {
  require_integers(offsets, "offsets");
  require_integers(indices, "indices");
  require_int64_range(indices, "indices");
  if (offsets.ndim() != 1 || indices.ndim() != 1) {
    throw py::value_error("CSR offsets and indices must be one-dimensional");
  }
  py::array_t<std::uint64_t, py::array::c_style | py::array::forcecast> o(offsets);
  py::array_t<std::int64_t, py::array::c_style | py::array::forcecast> i(indices);
  const WeightArray weight_values = weight_array(weights);
  auto w = span_of(weight_values);
  std::span<const std::uint64_t> os(o.data(), static_cast<std::size_t>(o.size()));
  std::span<const std::int64_t> is(i.data(), static_cast<std::size_t>(i.size()));
  absl::StatusOr<Profile> built;
  {
    py::gil_scoped_release release;
    built = tally::approval_profile_from_csr(std::move(candidates), os, is, w);
  }
  return unwrap(std::move(built));
}

Profile from_rankings(const py::array& matrix, std::vector<std::string> candidates,
                      const Weights& weights) {
  require_matrix(matrix, "a ranking matrix");
  if (dtype_kind(matrix) == 'b') {
    throw py::type_error(
        "a ranking matrix holds candidate indices, not booleans; a boolean matrix is "
        "approvals: use Profile.from_approval_matrix");
  }
  require_integers(matrix, "a ranking matrix");
  require_int64_range(matrix, "a ranking matrix");
  auto rows = static_cast<std::size_t>(matrix.shape(0));
  const WeightArray weight_values = weight_array(weights);
  auto w = span_of(weight_values);
  absl::StatusOr<Profile> built;
  if (matrix.dtype().is(py::dtype::of<std::int32_t>())) {
    py::array_t<std::int32_t, py::array::c_style | py::array::forcecast> m(matrix);
    std::span<const std::int32_t> data(m.data(), static_cast<std::size_t>(m.size()));
    py::gil_scoped_release release;
    built = tally::ranked_profile_from_matrix(std::move(candidates), data, rows, w);
  } else {
    py::array_t<std::int64_t, py::array::c_style | py::array::forcecast> m(matrix);
    std::span<const std::int64_t> data(m.data(), static_cast<std::size_t>(m.size()));
    py::gil_scoped_release release;
    built = tally::ranked_profile_from_matrix(std::move(candidates), data, rows, w);
  }
  return unwrap(std::move(built));
}

Profile from_scores(const py::array& matrix, std::vector<std::string> candidates,
                    const py::object& kind_arg, const Weights& weights) {
  require_matrix(matrix, "a score matrix");
  BallotKind kind = parse_or_cast<BallotKind>(kind_arg, &tally::parse_ballot_kind, "kind");
  auto rows = static_cast<std::size_t>(matrix.shape(0));
  const WeightArray weight_values = weight_array(weights);
  auto w = span_of(weight_values);
  absl::StatusOr<Profile> built;
  char k = dtype_kind(matrix);
  if (k == 'f') {
    py::array_t<double, py::array::c_style | py::array::forcecast> m(matrix);
    std::span<const double> data(m.data(), static_cast<std::size_t>(m.size()));
    py::gil_scoped_release release;
    built = tally::score_profile_from_matrix(std::move(candidates), data, rows, kind, w);
  } else if (matrix.dtype().is(py::dtype::of<std::int32_t>())) {
    py::array_t<std::int32_t, py::array::c_style | py::array::forcecast> m(matrix);
    std::span<const std::int32_t> data(m.data(), static_cast<std::size_t>(m.size()));
    py::gil_scoped_release release;
    built = tally::score_profile_from_matrix(std::move(candidates), data, rows, kind, w);
  } else {
    require_integers(matrix, "a score matrix");
    py::array_t<std::int64_t, py::array::c_style | py::array::forcecast> m(matrix);
    std::span<const std::int64_t> data(m.data(), static_cast<std::size_t>(m.size()));
    py::gil_scoped_release release;
    built = tally::score_profile_from_matrix(std::move(candidates), data, rows, kind, w);
  }
  return unwrap(std::move(built));
}

// view_of(array) — a property getter giving one of the profile's arrays as a read-only view.
template <class T>
auto view_of(std::span<const T> (Profile::*array)() const) {
  return [array](const py::object& self) {
    const auto& p = self.cast<const Profile&>();
    return readonly_view((p.*array)(), self);
  };
}

tally::Result count(const tally::MethodRegistry& registry, const std::string& method,
                    const Profile& profile, const tally::Options& options) {
  absl::StatusOr<tally::Result> result;
  {
    py::gil_scoped_release release;
    result = registry.count(method, profile, options);
  }
  return unwrap(std::move(result));
}

// A method parameter as the registry reads it: text, with Python's bools, ints and floats
// written as the command line would write them.
std::string parameter_text(const std::string& name, const py::handle& value) {
  if (py::isinstance<py::bool_>(value)) return value.cast<bool>() ? "true" : "false";
  if (py::isinstance<py::int_>(value) || py::isinstance<py::float_>(value) ||
      py::isinstance<py::str>(value)) {
    return py::str(value).cast<std::string>();
  }
  throw py::type_error(str_cat("parameter '", name, "' must be a str, int, float or bool, not ",
                               py::str(value.get_type().attr("__name__")).cast<std::string>()));
}

decltype(tally::Options::parameters) method_parameters(const py::dict& parameters) {
  decltype(tally::Options::parameters) out;
  for (const auto& [key, value] : parameters) {
    if (!py::isinstance<py::str>(key)) throw py::type_error("parameter names must be str");
    const auto name = key.cast<std::string>();
    out.emplace(name, parameter_text(name, value));
  }
  return out;
}

tally::Options make_options(int seats, const py::object& tie_break,
                            std::vector<tally::Candidate> permutation, std::uint64_t seed,
                            const py::dict& parameters) {
  tally::Options options;
  options.seats = seats;
  options.tie_break.policy =
      parse_or_cast<tally::TieBreakPolicy>(tie_break, &tally::parse_tie_break_policy, "tie_break");
  options.tie_break.permutation = std::move(permutation);
  options.tie_break.seed = seed;
  options.parameters = method_parameters(parameters);
  return options;
}

std::vector<std::string> sampled_candidates(const py::object& candidates) {
  if (py::isinstance<py::int_>(candidates)) {
    const auto n = candidates.cast<long long>();
    if (n < 1) throw py::value_error(str_cat("a sample needs at least one candidate, not ", n));
    if (static_cast<unsigned long long>(n) > Profile::kMaxCandidates) {
      throw py::value_error(str_cat(n, " candidates is more than the ", Profile::kMaxCandidates,
                                    " a profile may have"));
    }
    std::vector<std::string> names;
    for (long long i = 0; i < n; ++i) names.push_back(std::to_string(i));
    return names;
  }
  return candidates.cast<std::vector<std::string>>();
}

// A ranking given by candidate names or indices, as indices.
std::vector<tally::Candidate> ranking_of(const py::object& ranking,
                                         const std::vector<std::string>& names) {
  std::vector<tally::Candidate> out;
  for (const auto& entry : ranking) {
    if (py::isinstance<py::str>(entry)) {
      const auto name = entry.cast<std::string>();
      const auto found = std::find(names.begin(), names.end(), name);
      if (found == names.end()) {
        throw py::value_error(
            str_cat("the reference ranking names '", name, "', who is not a candidate"));
      }
      out.push_back(static_cast<tally::Candidate>(found - names.begin()));
    } else {
      const auto index = entry.cast<long long>();
      if (index < 0 || static_cast<unsigned long long>(index) >= names.size()) {
        throw py::value_error(str_cat("the reference ranking's ", index, " is not one of the ",
                                      names.size(), " candidates' indices"));
      }
      out.push_back(static_cast<tally::Candidate>(index));
    }
  }
  return out;
}

// square<T>(n, entry) — an n × n numpy array of entry(a, b).
template <class T, class Entry>
py::array square(std::size_t n, Entry entry) {
  const auto size = static_cast<py::ssize_t>(n);
  py::array_t<T> out({size, size});
  auto view = out.template mutable_unchecked<2>();
  for (tally::Candidate a = 0; a < n; ++a) {
    for (tally::Candidate b = 0; b < n; ++b) view(a, b) = entry(a, b);
  }
  return out;
}

// pairwise_array(profile, unranked, margins) — the n × n support (or margin) matrix as numpy.
py::array pairwise_array(const Profile& profile, const std::string& unranked, bool margins) {
  const auto how = unwrap(tally::parse_unranked(unranked));
  tally::PairwiseMatrix matrix;
  {
    py::gil_scoped_release release;
    matrix = tally::PairwiseMatrix::from_profile(profile, how);
  }
  const auto n = matrix.num_candidates();
  if (margins) {
    return square<std::int64_t>(n, [&](auto a, auto b) { return matrix.margin(a, b); });
  }
  return square<std::uint64_t>(n, [&](auto a, auto b) { return matrix.support(a, b); });
}

Profile sample(const py::object& candidates, std::uint64_t voters, const py::object& model,
               std::uint64_t seed, std::optional<double> phi, const py::object& reference,
               std::optional<std::vector<double>> strengths, std::optional<double> alpha,
               std::size_t max_rank, const py::object& progress) {
  auto names = sampled_candidates(candidates);
  tally::SamplingOptions options = {
      .model = parse_or_cast<tally::SamplingModel>(model, &tally::parse_sampling_model, "model"),
      .voters = voters,
      .seed = seed,
      .phi = phi,
      .alpha = alpha,
      .max_rank = max_rank};
  if (!reference.is_none()) {
    options.reference = ranking_of(reference, names);
    if (options.reference.empty()) throw py::value_error("the reference ranking is empty");
  }
  if (strengths.has_value()) {
    options.strengths = std::move(*strengths);
    if (options.strengths.empty()) throw py::value_error("strengths is empty");
  }
  PythonRun run("sampling", progress);
  absl::StatusOr<Profile> sampled;
  {
    py::gil_scoped_release release;
    sampled = tally::sample_profile(std::move(names), options, run.control());
  }
  return unwrap_run(std::move(sampled));
}

const tally::MethodRegistry& builtins() {
  static const auto* registry = new tally::MethodRegistry(tally::MethodRegistry::with_builtins());
  return *registry;
}

std::string repr(const Profile& p) {
  return str_cat("Profile(", tally::to_string(p.kind()), ", ", p.num_candidates(), " candidates, ",
                 p.total_weight(), " ballots, ", p.num_distinct(), " distinct)");
}

}  // namespace

namespace {

// The indices of candidates given by name or index, for tie orders and write-ins.
std::vector<tally::Candidate> candidate_indices(const Profile& profile, const py::object& given,
                                                const char* what) {
  std::vector<tally::Candidate> out;
  if (given.is_none()) return out;
  for (const py::handle item : given) {
    if (py::isinstance<py::str>(item)) {
      const std::string name = item.cast<std::string>();
      const auto& names = profile.candidates();
      const auto found = std::find(names.begin(), names.end(), name);
      if (found == names.end()) {
        throw py::key_error(str_cat(what, ": '", name, "' is not a candidate"));
      }
      out.push_back(static_cast<tally::Candidate>(found - names.begin()));
    } else {
      out.push_back(item.cast<tally::Candidate>());
    }
  }
  return out;
}

template <class Enum>
std::optional<Enum> parsed(const std::optional<std::string>& text,
                           absl::StatusOr<Enum> (*parse)(std::string_view)) {
  if (!text) return std::nullopt;
  return unwrap(parse(*text));
}

}  // namespace

py::object stv_count(const Profile& profile, const std::string& rule, int seats,
                     const std::optional<std::string>& defeat,
                     const std::optional<std::string>& arithmetic, std::optional<int> precision,
                     std::optional<int> guard, std::optional<int> display, std::optional<int> omega,
                     const py::object& tie_order, const py::object& undeclared,
                     const py::object& progress) {
  tally::stv::Options options;
  options.rule = unwrap(tally::stv::parse_rule(rule));
  options.seats = seats;
  options.defeat = parsed(defeat, &tally::stv::parse_defeat);
  options.arithmetic = parsed(arithmetic, &tally::stv::parse_arithmetic);
  options.precision = precision;
  options.guard = guard;
  options.display = display;
  options.omega = omega;
  options.tie_order = candidate_indices(profile, tie_order, "tie_order");
  options.undeclared_write_ins = candidate_indices(profile, undeclared, "undeclared");
  PythonRun run("STV count", progress);
  absl::StatusOr<std::string> json;
  {
    py::gil_scoped_release release;
    json = [&]() -> absl::StatusOr<std::string> {
      PARTICIPA_ASSIGN_OR_RETURN(tally::stv::Count counted,
                                 tally::stv::count(profile, options, run.control()));
      return io::stv_count_to_json(counted);
    }();
  }
  // Unwrapped first: a Ctrl-C that stopped the count leaves its exception pending.
  const std::string text = unwrap_run(std::move(json));
  return py::module_::import("json").attr("loads")(text);
}

void register_tally(py::module_& m) {
  def_enum(m, "BallotKind", tally::kBallotKindNames, "What one ballot's marks mean.");
  def_enum(m, "SamplingModel", tally::kSamplingModelNames,
           "A model of voters that sample_profile draws a synthetic profile from.");
  def_enum(m, "TieBreakPolicy", tally::kTieBreakPolicyNames, "How a count breaks ties.");
  def_enum(m, "TiePurpose", tally::kTiePurposeNames, "What a tie was about.");

  py::class_<tally::Contest> contest_class(m, "Contest",
                                           "The candidates and the rules every ballot obeys.");
  contest_class
      .def(py::init([](std::vector<std::string> candidates, const py::object& kind, int max_choices,
                       bool allow_equal_ranks, std::int32_t min_score, std::int32_t max_score,
                       std::int64_t points_budget) {
             return tally::Contest{
                 std::move(candidates),
                 parse_or_cast<BallotKind>(kind, &tally::parse_ballot_kind, "kind"),
                 max_choices,
                 allow_equal_ranks,
                 min_score,
                 max_score,
                 points_budget};
           }),
           "candidates"_a, "kind"_a = "ranked", py::kw_only(), "max_choices"_a = 0,
           "allow_equal_ranks"_a = true, "min_score"_a = 0, "max_score"_a = 10,
           "points_budget"_a = 0)
      .def_readwrite("candidates", &tally::Contest::candidates,
                     "The candidates' names, in index order.")
      .def_readwrite("kind", &tally::Contest::kind, "What a ballot's marks mean (a BallotKind).")
      .def_readwrite("max_choices", &tally::Contest::max_choices,
                     "Most marks one ballot may carry; 0 means no limit.")
      .def_readwrite("allow_equal_ranks", &tally::Contest::allow_equal_ranks,
                     "Ranked ballots: whether two candidates may share a rank.")
      .def_readwrite("min_score", &tally::Contest::min_score,
                     "Score ballots: the lowest score allowed.")
      .def_readwrite("max_score", &tally::Contest::max_score,
                     "Score ballots: the highest score allowed.")
      .def_readwrite("points_budget", &tally::Contest::points_budget,
                     "Cumulative ballots: the most points one voter may spread.")
      .def(
          "validate",
          [](const tally::Contest& c, std::vector<tally::Candidate> marks,
             std::vector<std::int32_t> values, std::uint64_t ballot_number) {
            unwrap(c.validate({marks, values}, ballot_number));
          },
          "marks"_a, "values"_a = std::vector<std::int32_t>{}, py::kw_only(), "ballot_number"_a = 1,
          "Raise ValueError naming the ballot and its fault, if it breaks the contest's rules.")
      .def(py::self == py::self);
  def_record<tally::Contest>(contest_class, [](const tally::Contest& c) {
    return std::pair(
        py::make_tuple(c.candidates, c.kind),
        py::dict("max_choices"_a = c.max_choices, "allow_equal_ranks"_a = c.allow_equal_ranks,
                 "min_score"_a = c.min_score, "max_score"_a = c.max_score,
                 "points_budget"_a = c.points_budget));
  });

  py::class_<Profile> profile_class(m, "Profile", R"doc(
A multiset of ballots stored flat (CSR): distinct ballots once, each with a weight.

A Profile is a value: build one with ProfileBuilder, a Profile.from_* array builder or a
reader; it never changes afterwards, and `a + b` is a new profile of both ballot sets. The
arrays `offsets`, `marks`, `values` and `weights` are read-only views of its memory.
)doc");
  profile_class.def(py::init<>(), "The profile of no candidates and no ballots: the identity of +.")
      .def("__add__",
           [](const Profile& a, const Profile& b) {
             Profile sum = a;
             unwrap(sum.merge(b));
             return sum;
           })
      .def("compatible", &Profile::compatible, "other"_a,
           "Whether `other` has the same candidates and kind, so that the two may merge.")
      .def_property_readonly("kind", &Profile::kind, "The kind of every ballot (a BallotKind).")
      .def_property_readonly("candidates", &Profile::candidates, "The candidates' names.")
      .def_property_readonly("num_candidates", &Profile::num_candidates,
                             "How many candidates the profile has.")
      .def_property_readonly("num_distinct", &Profile::num_distinct,
                             "How many distinct ballots are stored.")
      .def_property_readonly("total_weight", &Profile::total_weight,
                             "How many ballots were cast in all (the sum of the weights).")
      .def_property_readonly("num_marks", &Profile::num_marks,
                             "How many marks the distinct ballots hold together.")
      .def_property_readonly("has_equal_ranks", &Profile::has_equal_ranks,
                             "Whether some ranked ballot ranks two candidates equal.")
      .def_property_readonly(
          "offsets", view_of(&Profile::offsets),
          "Ballot i's marks are marks[offsets[i]:offsets[i+1]] (read-only view).")
      .def_property_readonly("marks", view_of(&Profile::marks),
                             "Every mark's candidate index, ballot after ballot (read-only view).")
      .def_property_readonly(
          "values", view_of(&Profile::values),
          "Every mark's rank level or score (read-only view); empty for approval, and for a "
          "ranked profile without equal ranks, whose levels are the marks' positions.")
      .def_property_readonly("weights", view_of(&Profile::weights),
                             "How many voters cast each distinct ballot (read-only view).")
      .def(
          "ballot",
          [](const Profile& p, std::size_t i) {
            if (i >= p.num_distinct()) {
              throw py::index_error(str_cat("ballot ", i, " of ", p.num_distinct()));
            }
            auto b = p.ballot(i);
            std::vector<std::int32_t> values(b.values.begin(), b.values.end());
            if (p.kind() == BallotKind::kRanked && values.empty()) {
              values.resize(b.marks.size());
              std::iota(values.begin(), values.end(), 0);
            }
            return py::make_tuple(std::vector<tally::Candidate>(b.marks.begin(), b.marks.end()),
                                  std::move(values), p.weight(i));
          },
          "i"_a,
          "Distinct ballot i as (marks, values, weight); a ranked ballot's values are its "
          "levels, stored or not.")
      .def("canonical", &Profile::canonical,
           "The same ballots in canonical order (see docs/serialization.md).")
      .def("digest", &Profile::digest, "SHA-256 of the canonical form, in hex.")
      .def_static("from_approval_matrix", &from_approval_matrix, "matrix"_a, "candidates"_a,
                  py::kw_only(), "weights"_a = py::none(),
                  "Approval ballots from a rows × candidates matrix; 1 (or True) means approved, 0 "
                  "(or False) not; any other value is refused.")
      .def_static("from_approval_csr", &from_approval_csr, "offsets"_a, "indices"_a, "candidates"_a,
                  py::kw_only(), "weights"_a = py::none(),
                  "Approval ballots: ballot i approves indices[offsets[i]:offsets[i+1]].")
      .def_static("from_rankings", &from_rankings, "matrix"_a, "candidates"_a, py::kw_only(),
                  "weights"_a = py::none(),
                  "Ranked ballots from a rows × positions matrix of candidate indices, most "
                  "preferred first; -1 is a blank position.")
      .def_static("from_scores", &from_scores, "matrix"_a, "candidates"_a, py::kw_only(),
                  "kind"_a = "score", "weights"_a = py::none(),
                  "Score (or cumulative) ballots from a rows × candidates matrix; a float "
                  "matrix may hold NaN for 'not scored'.")
      .def("__repr__", &repr);
  def_value<Profile>(profile_class, &io::profile_to_bytes, &io::profile_from_bytes);

  py::class_<tally::ProfileBuilder>(m, "ProfileBuilder", R"doc(
Gathers ballots into a Profile: each ballot is checked and normalized as it is added, and
identical ballots are kept once with their count. build() hands the ballots over as a Profile
and leaves the builder empty, ready for more. A refused ballot changes nothing.
)doc")
      .def(py::init([](std::vector<std::string> candidates, const py::object& kind) {
             return unwrap(tally::ProfileBuilder::create(
                 std::move(candidates),
                 parse_or_cast<BallotKind>(kind, &tally::parse_ballot_kind, "kind")));
           }),
           "candidates"_a, "kind"_a = "ranked")
      .def(
          "add",
          [](tally::ProfileBuilder& b, std::vector<tally::Candidate> marks,
             std::vector<std::int32_t> values, std::uint64_t count) {
            unwrap(b.add({marks, values}, count));
          },
          "marks"_a, "values"_a = std::vector<std::int32_t>{}, py::kw_only(), "count"_a = 1,
          "Add `count` copies of one ballot (marks: candidate indices; values for ranks or "
          "scores).")
      .def(
          "merge", [](tally::ProfileBuilder& b, const Profile& other) { unwrap(b.merge(other)); },
          "profile"_a, "Add every ballot of `profile` (same candidates and kind).")
      .def_property_readonly("num_distinct", &tally::ProfileBuilder::num_distinct,
                             "How many distinct ballots were added so far.")
      .def_property_readonly("total_weight", &tally::ProfileBuilder::total_weight,
                             "How many ballots were added so far (the sum of the counts).")
      .def("build", &tally::ProfileBuilder::build,
           "The ballots added so far, as a Profile; the builder starts over, empty.")
      .def("__copy__", [](const tally::ProfileBuilder& b) { return tally::ProfileBuilder(b); })
      .def(
          "__deepcopy__",
          [](const tally::ProfileBuilder& b, py::dict) { return tally::ProfileBuilder(b); },
          "memo"_a);

  py::class_<tally::TallyEntry>(m, "TallyEntry", "One candidate's number in a round.")
      .def_readonly("candidate", &tally::TallyEntry::candidate, "The candidate's index.")
      .def_readonly("votes", &tally::TallyEntry::votes,
                    "The candidate's number in the round (exact; see MethodInfo.measure).")
      .def("__repr__", [](const tally::TallyEntry& e) {
        return str_cat("TallyEntry(candidate=", e.candidate, ", votes=", to_string(e.votes), ")");
      });
  py::class_<tally::Transfer>(m, "Transfer",
                              "Votes moved from one candidate to another (to=None: exhausted).")
      .def_readonly("from_", &tally::Transfer::from,
                    "The index of the candidate whose votes moved.")
      .def_readonly("to", &tally::Transfer::to,
                    "The index of the candidate who received them; None when they exhausted.")
      .def_readonly("votes", &tally::Transfer::votes, "How many votes moved (exact).")
      .def("__repr__", [](const tally::Transfer& t) {
        return str_cat("Transfer(from_=", t.from,
                       ", to=", t.to.has_value() ? std::to_string(*t.to) : std::string("None"),
                       ", votes=", to_string(t.votes), ")");
      });
  py::class_<tally::Round>(m, "Round",
                           "One round of a count: each continuing candidate's number, who was "
                           "elected or eliminated, the transfers, the exhausted weight.")
      .def_readonly("tally", &tally::Round::tally,
                    "Each continuing candidate's number (TallyEntry), by candidate index.")
      .def_readonly("elected", &tally::Round::elected,
                    "Indices of the candidates elected in this round.")
      .def_readonly("eliminated", &tally::Round::eliminated,
                    "Indices of the candidates eliminated in this round.")
      .def_readonly("transfers", &tally::Round::transfers,
                    "The votes that moved after this round's eliminations or surpluses.")
      .def_readonly("exhausted", &tally::Round::exhausted,
                    "Weight of the ballots that count for no continuing candidate.")
      .def_readonly(
          "threshold", &tally::Round::threshold,
          "The quota or majority a candidate needed this round; None when the method has none.")
      .def_readonly("note", &tally::Round::note,
                    "How the round was decided, in words (margins, ranks considered, ...).")
      .def("__repr__", [](const tally::Round& r) {
        std::vector<std::string> entries;
        for (const auto& e : r.tally)
          entries.push_back(str_cat(e.candidate, ": ", to_string(e.votes)));
        return str_cat("Round(tally={", absl::StrJoin(entries, ", "), "}, elected=[",
                       absl::StrJoin(r.elected, ", "), "], eliminated=[",
                       absl::StrJoin(r.eliminated, ", "), "], transfers=", r.transfers.size(),
                       ", exhausted=", to_string(r.exhausted), ")");
      });
  py::class_<tally::Tie>(m, "Tie", "A tie met in a round and the order that broke it.")
      .def_readonly("round", &tally::Tie::round, "The round the tie arose in (from 1).")
      .def_readonly("purpose", &tally::Tie::purpose,
                    "What the tie was about: winner, elimination or ranking.")
      .def_readonly("tied", &tally::Tie::tied, "Indices of the tied candidates.")
      .def_readonly("order", &tally::Tie::order,
                    "The order the tie-break put them in, first favoured.")
      .def("__repr__", [](const tally::Tie& t) {
        return str_cat("Tie(round=", t.round, ", purpose=", tally::to_string(t.purpose), ", tied=[",
                       absl::StrJoin(t.tied, ", "), "], order=[", absl::StrJoin(t.order, ", "),
                       "])");
      });

  py::class_<tally::Result> result_class(m, "Result",
                                         "A count's outcome with everything to audit it.");
  result_class.def_readonly("method", &tally::Result::method, "The method that counted.")
      .def_readonly("parameters", &tally::Result::parameters,
                    "Every option and parameter the count used, as (name, value) text pairs.")
      .def_readonly("candidates", &tally::Result::candidates,
                    "The candidates' names, in index order.")
      .def_readonly("winners", &tally::Result::winners,
                    "Indices of the winners, in order of election.")
      .def("winner_names", &tally::Result::winner_names,
           "The winners' names, in order of election.")
      .def_readonly("tied_winners", &tally::Result::tied_winners,
                    "True when more winners than seats are listed because a tie was reported.")
      .def_readonly("ranking", &tally::Result::ranking,
                    "Tiers of candidate indices from best to worst; empty when the method defines "
                    "no full ranking.")
      .def_readonly("rounds", &tally::Result::rounds, "The count round by round (Round).")
      .def_readonly("ties", &tally::Result::ties, "Every tie met and how it was broken (Tie).")
      .def_readonly("input_digest", &tally::Result::input_digest,
                    "SHA-256 of the counted profile's canonical form, in hex.")
      .def_readonly("total_weight", &tally::Result::total_weight, "How many ballots were counted.")
      .def_property_readonly(
          "pairwise",
          [](const tally::Result& r) -> py::object {
            if (r.pairwise.empty()) return py::none();
            return square<std::uint64_t>(r.pairwise.size(),
                                         [&](auto a, auto b) { return r.pairwise[a][b]; });
          },
          "The head-to-head counts a pairwise method decided from, as an n x n uint64 array: "
          "[a, b] is the weight of ballots ranking a above b. None for other methods.")
      .def("__repr__", [](const tally::Result& r) {
        return str_cat("Result(", r.method, ", winners=[", absl::StrJoin(r.winner_names(), ", "),
                       "])");
      });
  def_value<tally::Result>(result_class, &io::result_to_bytes, &io::result_from_bytes);

  py::class_<tally::TieBreak> tie_break_class(m, "TieBreak",
                                              "A tie-breaking policy, with its order or seed.");
  tie_break_class
      .def(py::init([](const py::object& policy, std::vector<tally::Candidate> permutation,
                       std::uint64_t seed) {
             return tally::TieBreak{parse_or_cast<tally::TieBreakPolicy>(
                                        policy, &tally::parse_tie_break_policy, "policy"),
                                    std::move(permutation), seed};
           }),
           "policy"_a = "report", py::kw_only(), "permutation"_a = std::vector<tally::Candidate>{},
           "seed"_a = 0)
      .def_readwrite("policy", &tally::TieBreak::policy, "The policy (a TieBreakPolicy).")
      .def_readwrite("permutation", &tally::TieBreak::permutation,
                     "Candidate indices, most favoured first, for the permutation policy.")
      .def_readwrite("seed", &tally::TieBreak::seed, "The seed of the random policy's generator.")
      .def(py::self == py::self);
  def_record<tally::TieBreak>(tie_break_class, [](const tally::TieBreak& t) {
    return std::pair(py::make_tuple(t.policy),
                     py::dict("permutation"_a = t.permutation, "seed"_a = t.seed));
  });

  py::class_<tally::Options> options_class(m, "Options",
                                           "Seats, tie-break and method parameters of a count.");
  options_class
      .def(py::init(&make_options), py::kw_only(), "seats"_a = 1, "tie_break"_a = "report",
           "permutation"_a = std::vector<tally::Candidate>{}, "seed"_a = 0,
           "parameters"_a = py::dict())
      .def_readwrite("seats", &tally::Options::seats,
                     "Seats to fill (1 for single-winner methods).")
      .def_readwrite("tie_break", &tally::Options::tie_break, "How ties are broken (a TieBreak).")
      .def_property(
          "parameters",
          [](const tally::Options& o) {
            return std::map<std::string, std::string>(o.parameters.begin(), o.parameters.end());
          },
          [](tally::Options& o, const py::dict& parameters) {
            o.parameters = method_parameters(parameters);
          },
          "The method's own parameters by name, as text (set them as Python values).");
  def_record<tally::Options>(options_class, [](const tally::Options& o) {
    return std::pair(py::tuple(), py::dict("seats"_a = o.seats, "tie_break"_a = o.tie_break.policy,
                                           "permutation"_a = o.tie_break.permutation,
                                           "seed"_a = o.tie_break.seed,
                                           "parameters"_a = std::map<std::string, std::string>(
                                               o.parameters.begin(), o.parameters.end())));
  });

  py::class_<tally::ParameterInfo>(m, "ParameterInfo", "A method's own parameter.")
      .def("__repr__",
           [](const tally::ParameterInfo& p) {
             return str_cat("ParameterInfo('", p.name, "', default '", p.default_value,
                            "': ", p.description, ")");
           })
      .def_readonly("name", &tally::ParameterInfo::name, "The parameter's name in `parameters`.")
      .def_readonly("description", &tally::ParameterInfo::description,
                    "What the parameter does and the values it takes.")
      .def_readonly("default_value", &tally::ParameterInfo::default_value,
                    "The value used when the parameter is not given, as text.");
  py::class_<tally::MethodInfo>(m, "MethodInfo", "A counting method's name, summary and needs.")
      .def_readonly("name", &tally::MethodInfo::name, "The name the method is found by.")
      .def_readonly("summary", &tally::MethodInfo::summary, "One line on how the method counts.")
      .def_readonly("accepts", &tally::MethodInfo::accepts, "The ballot kinds the method counts.")
      .def_readonly("parameters", &tally::MethodInfo::parameters,
                    "The method's own parameters (ParameterInfo).")
      .def_readonly("multi_winner", &tally::MethodInfo::multi_winner,
                    "Whether the method fills more than one seat.")
      .def_readonly(
          "measures", &tally::MethodInfo::measures,
          "What each round's tally holds, as column names; the last one names every later round.")
      .def("measure", &tally::MethodInfo::measure, "round"_a,
           "What round `round` (from 0) of a count tallies, as a column name.")
      .def("__repr__", [](const tally::MethodInfo& i) { return "MethodInfo('" + i.name + "')"; });

  py::class_<tally::MethodRegistry>(m, "MethodRegistry", "Counting methods found by name.")
      .def_static("with_builtins", &tally::MethodRegistry::with_builtins)
      .def("names", &tally::MethodRegistry::names, "Every method's name, sorted.")
      .def(
          "find",
          [](const tally::MethodRegistry& r, const std::string& name) {
            return *unwrap(r.find(name));
          },
          "name"_a, "The method's MethodInfo; KeyError naming the known methods.")
      .def("count", &count, "method"_a, "profile"_a, "options"_a = tally::Options{},
           "Count `profile` with the named method (GIL released while counting).");

  m.def(
      "count",
      [](const std::string& method, const Profile& profile, int seats, const py::object& tie_break,
         std::vector<tally::Candidate> permutation, std::uint64_t seed,
         const py::dict& parameters) {
        return count(builtins(), method, profile,
                     make_options(seats, tie_break, std::move(permutation), seed, parameters));
      },
      "method"_a, "profile"_a, py::kw_only(), "seats"_a = 1, "tie_break"_a = "report",
      "permutation"_a = std::vector<tally::Candidate>{}, "seed"_a = 0, "parameters"_a = py::dict(),
      "Count `profile` with a built-in method by name (see methods()). `parameters` are the "
      "method's own, as Python values: {\"max_rank\": 3}.");
  m.def(
      "support_matrix",
      [](const Profile& p, const std::string& unranked) {
        return pairwise_array(p, unranked, false);
      },
      "profile"_a, py::kw_only(), "unranked"_a = "below",
      "The head-to-head matrix: [a, b] is the weight of ballots ranking a above b (uint64). "
      "`unranked`: below (a ranked candidate beats an unranked one) or incomparable.");
  m.def(
      "margin_matrix",
      [](const Profile& p, const std::string& unranked) {
        return pairwise_array(p, unranked, true);
      },
      "profile"_a, py::kw_only(), "unranked"_a = "below",
      "support_matrix[a, b] - support_matrix[b, a] for every pair (int64; antisymmetric).");
  m.def(
      "sample_profile", &sample, "candidates"_a, "voters"_a, "model"_a = "impartial-culture",
      py::kw_only(), "seed"_a = 0, "phi"_a = py::none(), "reference"_a = py::none(),
      "strengths"_a = py::none(), "alpha"_a = py::none(), "max_rank"_a = 0,
      "progress"_a = py::none(),
      R"doc(A ranked profile of `voters` ballots drawn from a model (the same seed, the same profile).

`candidates` is a list of names, or a count n for candidates named "0" .. "n-1". Models:
"impartial-culture" (every ranking equally likely), "mallows" (`phi` in [0, 1], the dispersion
around `reference`, a ranking of names or indices, by default the candidates in order),
"plackett-luce" (`strengths`, one positive number per candidate) and "urn" (Pólya–Eggenberger,
`alpha` copies per draw relative to m!). `max_rank` keeps the first positions only. A parameter
the model does not use is refused. Ctrl-C stops a long draw; `progress` as for pb.equal_shares.)doc");
  m.def(
      "methods", [] { return builtins().names(); }, "The names of the built-in methods.");
  m.def("stv", &stv_count, "profile"_a, "rule"_a, py::kw_only(), "seats"_a = 1,
        "defeat"_a = py::none(), "arithmetic"_a = py::none(), "precision"_a = py::none(),
        "guard"_a = py::none(), "display"_a = py::none(), "omega"_a = py::none(),
        "tie_order"_a = py::none(), "undeclared"_a = py::none(), "progress"_a = py::none(),
        R"doc(Count `profile` by single transferable vote under a published rule book.

`rule`: scottish, minneapolis, cfer, wigm, wigm-prf, meek, meek-prf, warren or qpq.
`defeat`: "single" or "batch" where the rule offers both; `arithmetic`: "fixed", "guarded" or
"rational" (wigm, meek, warren; the others prescribe theirs), with `precision`, `guard`,
`display` digits and Meek's `omega` (iterate until the surplus is 10^-omega). `tie_order`:
candidates (names or indices) in the order lots fall; `undeclared`: Minneapolis write-ins.
Returns the count as a dict: rule, seats, quota, elected [{name, votes}], defeated, rounds
(every action with each candidate's standing and votes) and input_digest; every number is a
decimal string as the rule prints it. For a BLT file use stv_file(). Ctrl-C stops a long
count (Meek and Warren in rational arithmetic can take minutes; they check at every recount);
`progress` shows a tqdm bar of recounts for a count over a second (None: when tqdm is
installed and stderr is a terminal).)doc");

  def_enum(m, "Axiom", tally::kAxiomNames, "A justified-representation axiom: jr, pjr or ejr.");
  py::class_<tally::Violation>(
      m, "Violation",
      "An ell-cohesive group a committee lets down: `common` (ell candidate indices every voter "
      "of the group approves), `ballots` (the group, as indices of the profile's distinct "
      "ballots: profile.ballot(i)), `weight` (how many voters they are).")
      .def_property_readonly(
          "axiom", [](const tally::Violation& v) { return std::string(to_string(v.axiom)); },
          "The axiom failed: jr, pjr or ejr.")
      .def_readonly("ell", &tally::Violation::ell, "How many seats the group deserves.")
      .def_readonly("common", &tally::Violation::common,
                    "The ell candidates (indices) every voter of the group approves.")
      .def_readonly("ballots", &tally::Violation::ballots,
                    "The group: indices of the profile's distinct ballots.")
      .def_readonly("weight", &tally::Violation::weight, "How many voters the group holds.")
      .def("__repr__", [](const tally::Violation& v) {
        return str_cat("Violation(axiom='", to_string(v.axiom), "', ell=", v.ell,
                       ", weight=", v.weight, ")");
      });
  m.def(
      "find_violation",
      [](const Profile& profile, const py::object& committee, const std::optional<int>& seats,
         const std::string& axiom) -> std::optional<tally::Violation> {
        const auto members = candidate_indices(profile, committee, "committee");
        const tally::Axiom parsed_axiom = unwrap(tally::parse_axiom(axiom));
        absl::StatusOr<std::optional<tally::Violation>> found;
        {
          py::gil_scoped_release release;
          found = tally::find_violation(
              profile, members, seats.value_or(static_cast<int>(members.size())), parsed_axiom);
        }
        return unwrap(std::move(found));
      },
      "profile"_a, "committee"_a, py::kw_only(), "seats"_a = py::none(), "axiom"_a = "ejr",
      R"doc(A group of voters the committee fails under a justified-representation axiom, or None.

`committee`: candidate names or indices (e.g. a committee rule's result.winners); `seats`: the
committee size the election was for (default len(committee)); `axiom`: "jr", "pjr" or "ejr".
An approval profile only. PJR and EJR are searched exhaustively (they are coNP-complete to
check); a search beyond 2*10^8 steps raises RuntimeError rather than guess.)doc");

  m.def(
      "_count_seconds",
      [](const std::string& method, const Profile& profile, int repeats) {
        double best = std::numeric_limits<double>::infinity();
        absl::Status status;
        {
          py::gil_scoped_release release;
          for (int i = 0; i < repeats && status.ok(); ++i) {
            auto start = std::chrono::steady_clock::now();
            auto result = builtins().count(method, profile, tally::Options{});
            auto stop = std::chrono::steady_clock::now();
            status = result.status();
            best = std::min(best, std::chrono::duration<double>(stop - start).count());
          }
        }
        unwrap(status);
        return best;
      },
      "method"_a, "profile"_a, "repeats"_a,
      "Benchmark support: the fastest of `repeats` counts timed inside C++, for comparing "
      "with count() called from Python (benchmarks/python_overhead.py).");
  for (const char* part : {"TallyEntry", "Transfer", "Round", "Tie"}) {
    def_not_picklable(m.attr(part), "pickle the Result it belongs to");
  }
  def_not_picklable(m.attr("ParameterInfo"), "look it up again with MethodRegistry.find");
  def_not_picklable(m.attr("MethodInfo"), "look it up again with MethodRegistry.find");
  def_not_picklable(m.attr("MethodRegistry"), "build it again with MethodRegistry.with_builtins");
}

}  // namespace participa::python
