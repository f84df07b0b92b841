#include "participa/io/stv.hpp"

#include <boost/json.hpp>

namespace participa::io {
namespace {

namespace stv = tally::stv;

boost::json::array names_of(const stv::Count& count, const std::vector<tally::Candidate>& list) {
  boost::json::array out;
  for (tally::Candidate c : list) out.emplace_back(count.candidates[c]);
  return out;
}

boost::json::value text_or_null(const std::string& text) {
  return text.empty() ? boost::json::value(nullptr) : boost::json::value(text);
}

boost::json::object step_json(const stv::Count& count, const stv::Step& step) {
  boost::json::object out;
  out["round"] = step.round;
  out["action"] = std::string(stv::action_name(step.action));
  out["candidates"] = names_of(count, step.candidates);
  out["amount"] = text_or_null(step.amount);
  if (step.tie) {
    out["tie"] = boost::json::object{{"tied", names_of(count, step.tie->tied)},
                                     {"order", names_of(count, step.tie->order)},
                                     {"purpose", std::string(tally::to_string(step.tie->purpose))}};
  } else {
    out["tie"] = nullptr;
  }
  out["iteration"] = step.iteration
                         ? boost::json::value(std::string(stv::iteration_name(*step.iteration)))
                         : boost::json::value(nullptr);
  out["quota"] = step.quota;
  boost::json::array standings;
  for (std::size_t c = 0; c < step.standings.size(); ++c) {
    const stv::CandidateStanding& s = step.standings[c];
    boost::json::object one{{"name", count.candidates[c]},
                            {"standing", std::string(stv::standing_name(s.standing))},
                            {"votes", s.votes}};
    if (!s.quotient.empty()) one["quotient"] = s.quotient;
    standings.push_back(std::move(one));
  }
  out["standings"] = std::move(standings);
  out["totals"] = boost::json::object{{"elected", step.totals.elected},
                                      {"pending", step.totals.pending},
                                      {"hopeful", step.totals.hopeful},
                                      {"defeated", step.totals.defeated},
                                      {"all", step.totals.all}};
  boost::json::array keep;
  for (const stv::KeepFactor& k : step.keep_factors) {
    keep.push_back(
        boost::json::object{{"name", count.candidates[k.candidate]}, {"value", k.value}});
  }
  out["keep_factors"] = std::move(keep);
  out["nontransferable"] = text_or_null(step.nontransferable);
  out["residual"] = text_or_null(step.residual);
  out["surplus"] = text_or_null(step.surplus);
  return out;
}

}  // namespace

std::string stv_count_to_json(const stv::Count& count) {
  boost::json::object root;
  root["kind"] = "stv";
  root["rule"] = std::string(stv::rule_name(count.rule));
  root["defeat"] = std::string(stv::defeat_name(count.defeat));
  root["arithmetic"] = std::string(stv::arithmetic_name(count.arithmetic));
  root["precision"] = count.precision;
  root["guard"] = count.guard;
  root["display"] = count.display;
  root["omega"] =
      stv::iterates(count.rule) ? boost::json::value(count.omega) : boost::json::value(nullptr);
  root["seats"] = count.seats;
  root["ballots"] = count.ballots;
  root["blank_ballots"] = count.blank_ballots;
  root["quota"] = count.quota;
  boost::json::array candidates;
  for (const std::string& name : count.candidates) candidates.emplace_back(name);
  root["candidates"] = std::move(candidates);
  boost::json::array elected;
  for (const stv::ElectedCandidate& e : count.elected) {
    elected.push_back(boost::json::object{{"name", e.name}, {"votes", e.votes}});
  }
  root["elected"] = std::move(elected);
  root["defeated"] = names_of(count, count.defeated);
  boost::json::array rounds;
  for (const stv::Step& step : count.steps) rounds.push_back(step_json(count, step));
  root["rounds"] = std::move(rounds);
  root["input_digest"] = count.input_digest.hex();
  return boost::json::serialize(root);
}

}  // namespace participa::io
