// Bindings of participa::pb: projects, instances, elections, ballot rules and winner rules.
#include <pybind11/stl.h>

#include "casters.hpp"
#include "participa/io/json.hpp"
#include "participa/pb/ballot_rules.hpp"
#include "participa/pb/consul.hpp"
#include "participa/pb/equal_shares.hpp"
#include "participa/pb/greedy.hpp"
#include "participa/pb/instance.hpp"
#include "participa/pb/max_welfare.hpp"
#include "participa/pb/official.hpp"
#include "participa/pb/phragmen.hpp"
#include "participa/pb/registry.hpp"
#include "participa/pb/result.hpp"
#include "register.hpp"
#include "register_common.hpp"

namespace participa::python {
namespace {

using namespace pybind11::literals;

// None: the satisfaction that fits the election's votes.
pb::Satisfaction satisfaction(const py::object& v, const pb::Election& election) {
  if (v.is_none()) return pb::natural_satisfaction(election.instance.vote_type);
  return parse_or_cast<pb::Satisfaction>(v, &pb::parse_satisfaction, "satisfaction");
}
pb::Completion completion(const py::object& v) {
  return parse_or_cast<pb::Completion>(v, &pb::parse_completion, "completion");
}

pb::TieBreak tie_break_of(const py::object& tie_break) {
  if (py::isinstance<pb::TieBreak>(tie_break)) return tie_break.cast<pb::TieBreak>();
  if (py::isinstance<pb::TieBreakPolicy>(tie_break)) {
    pb::TieBreak rule;
    rule.policy = tie_break.cast<pb::TieBreakPolicy>();
    return rule;
  }
  if (py::isinstance<py::str>(tie_break)) {
    pb::TieBreak rule;
    rule.policy = unwrap(pb::parse_tie_break_policy(tie_break.cast<std::string>()));
    return rule;
  }
  throw py::type_error("tie_break must be a TieBreak, a TieBreakPolicy or a policy name");
}

// The registry run() and rules() share: built once, read-only afterwards.
const pb::RuleRegistry& builtin_rules() {
  static const pb::RuleRegistry registry = pb::RuleRegistry::with_builtins();
  return registry;
}

// META rows from a dict or a sequence of (key, value) pairs; a key given twice is refused, as
// the pabulib reader refuses it.
std::vector<std::pair<std::string, std::string>> meta_rows(const py::object& meta) {
  std::vector<std::pair<std::string, std::string>> rows;
  if (py::isinstance<py::dict>(meta)) {
    for (const auto& [key, value] : meta.cast<py::dict>()) {
      rows.emplace_back(key.cast<std::string>(), value.cast<std::string>());
    }
    return rows;
  }
  rows = meta.cast<std::vector<std::pair<std::string, std::string>>>();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (rows[j].first == rows[i].first) {
        throw py::value_error(str_cat("meta gives '", rows[i].first, "' twice"));
      }
    }
  }
  return rows;
}

py::dict meta_dict(const std::vector<std::pair<std::string, std::string>>& rows) {
  py::dict out;
  for (const auto& [key, value] : rows) out[py::str(key)] = value;
  return out;
}

// Rules run with the GIL released: the election they read is a value Python cannot change.
template <class Rule>
pb::Result run_released(Rule rule) {
  absl::StatusOr<pb::Result> outcome;
  {
    py::gil_scoped_release release;
    outcome = rule();
  }
  return unwrap_run(std::move(outcome));
}

}  // namespace

void register_pb(py::module_& m) {
  def_enum(m, "VoteType", pb::kVoteTypeNames, "A pabulib vote type.");
  def_enum(m, "Satisfaction", pb::kSatisfactionNames, "What a funded project is worth to a voter.");
  def_enum(m, "Completion", pb::kCompletionNames, "How equal shares spends what it leaves.");
  def_enum(m, "TieBreakPolicy", pb::kTieBreakPolicyNames, "Which project wins a tie.");
  py::class_<pb::TieBreak> tie_break_class(m, "TieBreak",
                                           "A tie-break policy with its permutation or seed.");
  tie_break_class
      .def(py::init([](const py::object& policy, std::vector<std::uint32_t> permutation,
                       std::uint64_t seed) {
             pb::TieBreak rule = tie_break_of(policy);
             rule.permutation = std::move(permutation);
             rule.seed = seed;
             return rule;
           }),
           "policy"_a = "project-id", py::kw_only(), "permutation"_a = std::vector<std::uint32_t>{},
           "seed"_a = 0)
      .def_readwrite("policy", &pb::TieBreak::policy, "The policy (a TieBreakPolicy).")
      .def_readwrite("permutation", &pb::TieBreak::permutation,
                     "Project indices, most favoured first, for the permutation policy.")
      .def_readwrite("seed", &pb::TieBreak::seed, "The seed of the random policy's generator.");
  def_record<pb::TieBreak>(tie_break_class, [](const pb::TieBreak& t) {
    return std::pair(py::make_tuple(t.policy),
                     py::dict("permutation"_a = t.permutation, "seed"_a = t.seed));
  });

  py::class_<pb::Project> project_class(m, "Project",
                                        "A project put to the vote; cost is an exact Fraction.");
  project_class
      .def(py::init([](std::string id, Rational cost, std::string name,
                       std::vector<std::string> categories, std::vector<std::string> targets,
                       std::map<std::string, std::string> fields) {
             return pb::Project{std::move(id),         std::move(cost),    std::move(name),
                                std::move(categories), std::move(targets), std::move(fields)};
           }),
           "id"_a, "cost"_a, py::kw_only(), "name"_a = "",
           "categories"_a = std::vector<std::string>{}, "targets"_a = std::vector<std::string>{},
           "fields"_a = std::map<std::string, std::string>{})
      .def_readwrite("id", &pb::Project::id, "The project's id, unique in its election.")
      .def_readwrite("cost", &pb::Project::cost, "What the project costs (exact).")
      .def_readwrite("name", &pb::Project::name, "The project's name.")
      .def_readwrite("categories", &pb::Project::categories, "The project's categories.")
      .def_readwrite("targets", &pb::Project::targets, "The project's target groups.")
      .def_readwrite("fields", &pb::Project::fields,
                     "Every column of the file's PROJECTS row, by column name, as written.")
      .def(py::self == py::self)
      .def("__repr__", [](const pb::Project& p) {
        return str_cat("Project('", p.id, "', cost=", to_string(p.cost), ")");
      });
  def_record<pb::Project>(project_class, [](const pb::Project& p) {
    return std::pair(py::make_tuple(p.id, p.cost),
                     py::dict("name"_a = p.name, "categories"_a = p.categories,
                              "targets"_a = p.targets, "fields"_a = p.fields));
  });

  py::class_<pb::Instance> instance_class(m, "Instance",
                                          "Projects, budget and metadata of a PB election.");
  instance_class
      .def(py::init([](std::vector<pb::Project> projects, Rational budget,
                       const py::object& vote_type, const py::object& meta,
                       std::vector<std::string> project_columns) {
             pb::Instance i;
             i.project_columns = std::move(project_columns);
             i.projects = std::move(projects);
             i.budget = std::move(budget);
             i.vote_type =
                 parse_or_cast<pb::VoteType>(vote_type, &pb::parse_vote_type, "vote_type");
             i.meta = meta_rows(meta);
             return i;
           }),
           "projects"_a, "budget"_a, py::kw_only(), "vote_type"_a = "approval",
           "meta"_a = py::dict(), "project_columns"_a = std::vector<std::string>{})
      .def_readwrite("projects", &pb::Instance::projects, "The projects, in file order.")
      .def_readwrite("budget", &pb::Instance::budget, "The money to spend (exact).")
      .def_readwrite("vote_type", &pb::Instance::vote_type,
                     "The kind of the voters' ballots (a VoteType).")
      .def_property(
          "meta", [](const pb::Instance& i) { return meta_dict(i.meta); },
          [](pb::Instance& i, const py::object& meta) { i.meta = meta_rows(meta); },
          "The META section as a dict, in file order (a key appears once).")
      .def_readwrite("project_columns", &pb::Instance::project_columns,
                     "The PROJECTS section's column names, in file order.")
      .def("meta_value", &pb::Instance::meta_value, "key"_a,
           "The META value for `key`, or None when the file has none.")
      .def(
          "index_of",
          [](const pb::Instance& i, std::string_view id) { return unwrap(i.index_of(id)); }, "id"_a,
          "The index of a project id; KeyError if there is none.")
      .def("__repr__",
           [](const pb::Instance& i) {
             return str_cat("Instance(", i.projects.size(), " projects, budget ",
                            to_string(i.budget), ", ", pb::to_string(i.vote_type), ")");
           })
      .def(py::self == py::self);
  def_record<pb::Instance>(instance_class, [](const pb::Instance& i) {
    return std::pair(py::make_tuple(i.projects, i.budget),
                     py::dict("vote_type"_a = i.vote_type, "meta"_a = meta_dict(i.meta),
                              "project_columns"_a = i.project_columns));
  });

  py::class_<pb::Election> election(m, "Election", R"doc(
A PB election: the instance and the voters' ballots as a Profile over the project ids.
Read one with participa.io.read_pabulib, or build one with Election(instance, profile).
)doc");
  election
      .def(py::init([](pb::Instance instance, tally::Profile profile) {
             return unwrap(pb::Election::create(std::move(instance), std::move(profile)));
           }),
           "instance"_a, "profile"_a)
      .def_property_readonly(
          "instance", [](const pb::Election& e) { return e.instance; },
          "A copy of the instance (an election's projects cannot change under its ballots).")
      .def_property_readonly(
          "profile", [](pb::Election& e) -> tally::Profile& { return e.profile; },
          py::return_value_policy::reference_internal,
          "The ballots, a Profile over the project ids (the election's own, not a copy).")
      .def_readonly("voter_columns", &pb::Election::voter_columns,
                    "The VOTES section's column names, in file order.")
      .def_readonly("warnings", &pb::Election::warnings,
                    "What the reader repaired in the file, one sentence each.")
      .def_property_readonly(
          "voters",
          [](const pb::Election& e) {
            std::vector<std::vector<std::string>> rows;
            rows.reserve(e.voters.size());
            for (std::size_t v = 0; v < e.voters.size(); ++v) rows.push_back(e.voters.row(v));
            return rows;
          },
          "Every voter row of the file, fields as written (a new list on each access).")
      .def("__repr__", [](const pb::Election& e) {
        return str_cat("Election(", e.instance.projects.size(), " projects, budget ",
                       to_string(e.instance.budget), ", ", e.profile.total_weight(), " voters)");
      });
  def_value<pb::Election>(election, &io::election_to_bytes, &io::election_from_bytes);

  py::class_<pb::Round>(m, "Round", R"doc(
One project considered by a PB rule, and why it went that way.

The number that decided the round is in the field named for it; the others are None:
`density` (greedy), `price` (equal shares, per unit of satisfaction), `load` (Phragmén),
`satisfaction` (max welfare), `score` (official); `approvals` (Phragmén, consul) and `payers`
(equal shares) count voters.
)doc")
      .def_readonly("project", &pb::Round::project, "Index into Result.projects.")
      .def_readonly("selected", &pb::Round::selected, "Whether the project was selected.")
      .def_readonly("reason", &pb::Round::reason,
                    "Why: selected, does not fit, below the score threshold, ...")
      .def_readonly("density", &pb::Round::density,
                    "Greedy: satisfaction per unit of cost; None for other rules.")
      .def_readonly(
          "price", &pb::Round::price,
          "Equal shares: the price per unit of satisfaction the payers paid; None for other rules.")
      .def_readonly("load", &pb::Round::load,
                    "Phragmén: the load its supporters carry after it; None for other rules.")
      .def_readonly("satisfaction", &pb::Round::satisfaction,
                    "Max welfare: the total satisfaction it adds; None for other rules.")
      .def_readonly("score", &pb::Round::score,
                    "Official rule: the score the city ranked it by; None for other rules.")
      .def_readonly("approvals", &pb::Round::approvals,
                    "Phragmén and Consul: the voters who approved it; None for other rules.")
      .def_readonly("payers", &pb::Round::payers,
                    "Equal shares: how many voters paid for it; 0 for other rules.")
      .def_readonly("budget_left", &pb::Round::budget_left,
                    "The money left after the round (exact).")
      .def("__repr__", [](const pb::Round& r) {
        return str_cat("Round(project ", r.project, ", ", r.selected ? "selected" : r.reason, ")");
      });
  py::class_<pb::Result> result(m, "Result", "The projects a PB rule funds, round by round.");
  result.def_readonly("rule", &pb::Result::rule, "The rule that ran.")
      .def_readonly("parameters", &pb::Result::parameters,
                    "Every option the rule used, as (name, value) text pairs.")
      .def_readonly(
          "projects", &pb::Result::projects,
          "Every project id of the election, in its order; selected and rounds index into it.")
      .def_readonly("selected", &pb::Result::selected,
                    "Indices of the selected projects, in selection order.")
      .def_property_readonly(
          "selected_ids",
          [](const pb::Result& o) {
            std::vector<std::string> ids;
            for (auto p : o.selected) ids.push_back(o.projects[p]);
            return ids;
          },
          "The selected projects' ids, in selection order.")
      .def_readonly("total_cost", &pb::Result::total_cost,
                    "What the selected projects cost together (exact).")
      .def_readonly("budget", &pb::Result::budget, "The budget the rule spent from (exact).")
      .def_readonly(
          "budget_increments", &pb::Result::budget_increments,
          "Equal shares with add-one completion: how many units each voter's budget was raised by.")
      .def_readonly("warnings", &pb::Result::warnings,
                    "The election's warnings: what was repaired in the votes counted.")
      .def_readonly("rounds", &pb::Result::rounds, "One Round per project considered, in order.")
      .def("__repr__", [](const pb::Result& o) {
        return str_cat("Result(", o.rule, ", ", o.selected.size(), " projects, cost ",
                       to_string(o.total_cost), ")");
      });
  def_value<pb::Result>(result, &io::pb_result_to_bytes, &io::pb_result_from_bytes);

  m.def(
      "greedy",
      [](const pb::Election& e, const py::object& sat, std::vector<std::uint32_t> initial,
         const py::object& tie_break) {
        auto s = satisfaction(sat, e);
        auto order = tie_break_of(tie_break);
        return run_released([&] { return pb::greedy(e, s, initial, order); });
      },
      "election"_a, "satisfaction"_a = py::none(), py::kw_only(),
      "initial"_a = std::vector<std::uint32_t>{}, "tie_break"_a = "project-id",
      "Greedy by satisfaction per cost, skipping projects that do not fit.");
  m.def(
      "equal_shares",
      [](const pb::Election& e, const py::object& sat, const py::object& comp,
         const py::object& tie_break, std::int64_t increment, const py::object& progress) {
        auto s = satisfaction(sat, e);
        auto c = completion(comp);
        auto order = tie_break_of(tie_break);
        PythonRun run("equal shares", progress);
        return run_released(
            [&] { return pb::equal_shares(e, s, c, order, run.control(), increment); });
      },
      "election"_a, "satisfaction"_a = py::none(), "completion"_a = "none", py::kw_only(),
      "tie_break"_a = "project-id", "increment"_a = 1, "progress"_a = py::none(),
      "The Method of Equal Shares in exact arithmetic. `increment`: currency units per raise of "
      "an add-one completion (pabutools' voter_budget_increment). Ctrl-C stops it; `progress` "
      "shows a tqdm "
      "bar for a run over a second (None: when tqdm is installed and stderr is a terminal).");
  m.def(
      "phragmen",
      [](const pb::Election& e, const py::object& tie_break) {
        auto order = tie_break_of(tie_break);
        return run_released([&] { return pb::phragmen(e, order); });
      },
      "election"_a, py::kw_only(), "tie_break"_a = "project-id", "Sequential Phragmén.");
  m.def(
      "max_welfare",
      [](const pb::Election& e, const py::object& sat, const py::object& tie_break) {
        auto s = satisfaction(sat, e);
        auto order = tie_break_of(tie_break);
        return run_released([&] { return pb::max_welfare(e, s, order); });
      },
      "election"_a, "satisfaction"_a = py::none(), py::kw_only(), "tie_break"_a = "project-id",
      "A budget-feasible set of the largest total satisfaction (exact).");
  m.def(
      "official",
      [](const pb::Election& e) { return run_released([&] { return pb::official(e); }); },
      "election"_a, "The rule the city used, as named in the file's meta `rule`.");
  m.def(
      "rules", [] { return builtin_rules().names(); }, "The names of the PB rules run() finds.");
  m.def("natural_satisfaction", &pb::natural_satisfaction, "vote_type"_a,
        "The satisfaction that fits the votes: cost, points or borda.");
  m.def("share_with_a_funded_project", &pb::share_with_a_funded_project, "election"_a, "result"_a,
        "The share of voters with at least one funded project they voted for.");

  py::class_<pb::DecidimRules> decidim_class(m, "DecidimRules", "Decidim's budget ballot rules.");
  decidim_class
      .def(py::init([](std::optional<int> threshold_percent, std::optional<int> minimum_projects,
                       std::optional<int> selected_minimum, std::optional<int> selected_maximum) {
             return pb::DecidimRules{threshold_percent, minimum_projects, selected_minimum,
                                     selected_maximum};
           }),
           py::kw_only(), "threshold_percent"_a = py::none(), "minimum_projects"_a = py::none(),
           "selected_minimum"_a = py::none(), "selected_maximum"_a = py::none())
      .def_readwrite(
          "threshold_percent", &pb::DecidimRules::threshold_percent,
          "Spend at least this percent of the budget, never more than it; None: not this rule.")
      .def_readwrite("minimum_projects", &pb::DecidimRules::minimum_projects,
                     "Select at least this many projects, within the budget; None: not this rule.")
      .def_readwrite("selected_minimum", &pb::DecidimRules::selected_minimum,
                     "With selected_maximum: select between these many projects, cost ignored.")
      .def_readwrite("selected_maximum", &pb::DecidimRules::selected_maximum,
                     "With selected_minimum: select between these many projects, cost ignored.");
  def_record<pb::DecidimRules>(decidim_class, [](const pb::DecidimRules& r) {
    return std::pair(py::tuple(), py::dict("threshold_percent"_a = r.threshold_percent,
                                           "minimum_projects"_a = r.minimum_projects,
                                           "selected_minimum"_a = r.selected_minimum,
                                           "selected_maximum"_a = r.selected_maximum));
  });

  py::class_<pb::ConsulRules> consul(m, "ConsulRules", "Consul Democracy's budget ballot rules.");
  py::enum_<pb::ConsulRules::Style> enum_style(consul, "Style");
  enum_style.value("knapsack", pb::ConsulRules::Style::kKnapsack)
      .value("approval", pb::ConsulRules::Style::kApproval);
  def_enum_reduce(enum_style);
  consul
      .def(
          py::init([](pb::ConsulRules::Style style, int max_votes,
                      std::map<std::string, std::string> heading_of,
                      std::map<std::string, Rational> heading_money,
                      std::map<std::string, std::string> group_of,
                      std::map<std::string, int> max_headings, std::set<std::string> incompatible) {
            return pb::ConsulRules{style,
                                   max_votes,
                                   std::move(heading_of),
                                   std::move(heading_money),
                                   std::move(group_of),
                                   std::move(max_headings),
                                   std::move(incompatible)};
          }),
          py::kw_only(), "style"_a = pb::ConsulRules::Style::kKnapsack, "max_votes"_a = 0,
          "heading_of"_a = std::map<std::string, std::string>{},
          "heading_money"_a = std::map<std::string, Rational>{},
          "group_of"_a = std::map<std::string, std::string>{},
          "max_headings"_a = std::map<std::string, int>{},
          "incompatible"_a = std::set<std::string>{})
      .def_readwrite("style", &pb::ConsulRules::style,
                     "Knapsack (money per heading) or approval (a number of projects per heading).")
      .def_readwrite("max_votes", &pb::ConsulRules::max_votes,
                     "Approval style: the most projects one voter supports per heading.")
      .def_readwrite(
          "heading_of", &pb::ConsulRules::heading_of,
          "Each project's heading, by project id; projects without one are in heading ''.")
      .def_readwrite("heading_money", &pb::ConsulRules::heading_money,
                     "Knapsack style: each heading's money.")
      .def_readwrite("group_of", &pb::ConsulRules::group_of, "Each heading's group, by heading.")
      .def_readwrite("max_headings", &pb::ConsulRules::max_headings,
                     "How many headings of each group one voter may support projects in.")
      .def_readwrite("incompatible", &pb::ConsulRules::incompatible,
                     "Projects that can no longer win and cannot be supported.");
  def_record<pb::ConsulRules>(consul, [](const pb::ConsulRules& r) {
    return std::pair(
        py::tuple(),
        py::dict("style"_a = r.style, "max_votes"_a = r.max_votes, "heading_of"_a = r.heading_of,
                 "heading_money"_a = r.heading_money, "group_of"_a = r.group_of,
                 "max_headings"_a = r.max_headings, "incompatible"_a = r.incompatible));
  });

  m.def(
      "consul",
      [](const pb::Election& e, const pb::ConsulRules& rules, const py::object& tie_break) {
        auto order = tie_break_of(tie_break);
        return run_released([&] { return pb::consul(e, rules, order); });
      },
      "election"_a, "rules"_a, py::kw_only(), "tie_break"_a = "project-id",
      "Consul Democracy's results: by approvals per heading; incompatible projects never win.");

  m.def(
      "run",
      [](std::string_view rule, const pb::Election& e, const py::object& sat,
         const py::object& comp, const py::object& tie_break,
         std::optional<pb::ConsulRules> consul_rules, std::optional<std::int64_t> increment,
         const py::object& progress) {
        PythonRun run(std::string(rule), progress);
        pb::RuleOptions options;
        if (!sat.is_none()) options.satisfaction = satisfaction(sat, e);
        if (!comp.is_none()) options.completion = completion(comp);
        if (!tie_break.is_none()) options.tie_break = tie_break_of(tie_break);
        options.consul = std::move(consul_rules);
        options.increment = increment;
        options.control = run.control();
        return run_released([&] { return builtin_rules().run(rule, e, options); });
      },
      "rule"_a, "election"_a, py::kw_only(), "satisfaction"_a = py::none(),
      "completion"_a = py::none(), "tie_break"_a = py::none(), "consul"_a = py::none(),
      "increment"_a = py::none(), "progress"_a = py::none(),
      "Run a PB rule found by name (see rules()); an option the rule does not read is refused. "
      "Ctrl-C stops a long run; `progress` as for equal_shares.");
  py::class_<pb::VotingSnapshot>(m, "VotingSnapshot", R"doc(
The ballot rules and costs frozen when voting opens; ballots are judged against it.
)doc")
      .def_static(
          "freeze",
          [](const pb::Instance& instance, const py::object& rules) {
            if (py::isinstance<pb::DecidimRules>(rules)) {
              return unwrap(pb::VotingSnapshot::freeze(instance, rules.cast<pb::DecidimRules>()));
            }
            if (py::isinstance<pb::ConsulRules>(rules)) {
              return unwrap(pb::VotingSnapshot::freeze(instance, rules.cast<pb::ConsulRules>()));
            }
            throw py::type_error("rules must be DecidimRules or ConsulRules");
          },
          "instance"_a, "rules"_a)
      .def(
          "validate",
          [](const pb::VotingSnapshot& s, std::vector<std::uint32_t> projects) {
            unwrap(s.validate(projects));
          },
          "projects"_a,
          "Raise ValueError (malformed, over or under a limit) or StateError (incompatible "
          "project, too many headings) if the ballot breaks the rules.");
  def_not_picklable(m.attr("Round"), "pickle the Result it belongs to");
  def_not_picklable(m.attr("VotingSnapshot"), "pickle its Instance and rules, and freeze again");
}

}  // namespace participa::python
