#include "participa/questionnaire/summary.hpp"

#include <algorithm>
#include <utility>

#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/tally/positional.hpp"
#include "participa/tally/profile_builder.hpp"

namespace participa::questionnaire {
namespace {

Rational share(std::uint64_t count, std::uint64_t of) {
  return of == 0 ? Rational(0) : fraction(count, of);
}

// Most frequent first, then by value: the same order whatever order the shards merged in.
template <class Map, class Key>
std::vector<ValueCount> listed(const Map& counts, Key key_of) {
  std::vector<ValueCount> out;
  for (const auto& [key, count] : counts) {
    if (auto value = key_of(key); value) out.push_back({std::move(*value), count});
  }
  std::sort(out.begin(), out.end(), [](const ValueCount& a, const ValueCount& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  return out;
}

std::vector<OptionResult> option_results(const Question& question, const QuestionCounts& counts,
                                         std::size_t row, std::uint64_t answered,
                                         std::uint64_t shown, std::string_view language) {
  std::vector<OptionResult> out;
  const std::size_t options = question.options.size();
  for (std::size_t o = 0; o < options; ++o) {
    const std::uint64_t count = counts.choices[row * options + o];
    OptionResult result{std::string(question.options[o].body.in(language)),
                        count,
                        share(count, answered),
                        share(count, shown),
                        {}};
    if (question.options[o].free_text) {
      result.free_texts = listed(counts.free_texts, [o](const auto& key) {
        return key.first == o ? std::optional<std::string>(key.second) : std::nullopt;
      });
    }
    out.push_back(std::move(result));
  }
  return out;
}

absl::Status rank_sorting(const Question& question, const QuestionCounts& counts,
                          std::string_view language, QuestionResult& result) {
  const std::size_t options = question.options.size();
  std::vector<std::string> names;
  for (const Option& option : question.options) names.emplace_back(option.body.in(language));
  for (std::size_t o = 0; o < options; ++o) {
    result.sorting.push_back({names[o], std::vector<std::uint64_t>(options, 0), Rational(0)});
  }
  PARTICIPA_ASSIGN_OR_RETURN(auto profile,
                             tally::ProfileBuilder::create(names, tally::BallotKind::kRanked));
  // Orders in a fixed sequence, so the profile (and its digest) does not depend on hashing.
  std::vector<std::pair<std::vector<std::uint32_t>, std::uint64_t>> orders(counts.orders.begin(),
                                                                           counts.orders.end());
  std::sort(orders.begin(), orders.end());
  for (const auto& [order, count] : orders) {
    std::vector<tally::Candidate> marks(order.begin(), order.end());
    PARTICIPA_RETURN_IF_ERROR(profile.add(marks, count));
    for (std::size_t k = 0; k < order.size(); ++k) result.sorting[order[k]].positions[k] += count;
  }
  if (orders.empty()) return absl::OkStatus();
  PARTICIPA_ASSIGN_OR_RETURN(auto ranking, tally::borda(profile.build()));
  for (const tally::TallyEntry& entry : ranking.rounds.front().tally) {
    result.sorting[entry.candidate].points = entry.votes;
  }
  result.ranking = std::move(ranking);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Summary> summarize(const Questionnaire& questionnaire, const Aggregate& aggregate,
                                  const SummaryOptions& options) {
  PARTICIPA_RETURN_IF_ERROR(aggregate.status());
  // An aggregate of no form yet (nothing counted) reads as this form's empty count.
  const Aggregate none_counted =
      aggregate.questions().empty() ? Aggregate(questionnaire) : Aggregate();
  const Aggregate& counted = aggregate.questions().empty() ? none_counted : aggregate;
  if (counted.form() != questionnaire.digest()) {
    return absl::FailedPreconditionError(
        "the aggregate counts responses to another form (its digest differs)");
  }
  const Form& form = questionnaire.form();
  const std::string language =
      options.language.empty() ? form.title.default_language : options.language;
  Summary summary{
      questionnaire.digest(), std::string(form.title.in(language)), counted.respondents(), {}};
  for (std::size_t q = 0; q < questionnaire.size(); ++q) {
    const Question& question = questionnaire.question(q);
    if (display_only(question.type)) continue;
    if (options.published_only && !question.results_published) continue;
    const QuestionCounts& counts = counted.questions()[q];
    QuestionResult result;
    result.position = q;
    result.type = question.type;
    result.vendor_type = question.vendor_type;
    result.label = str_cat(q + 1, ". ", question.body.in(language));
    result.shown = counts.shown;
    result.answered = counts.answered;
    result.skipped = counts.shown - counts.answered;
    result.files = counts.files;
    switch (question.type) {
      case QuestionType::kSingleOption:
      case QuestionType::kMultipleOption:
        result.options =
            option_results(question, counts, 0, counts.answered, counts.shown, language);
        break;
      case QuestionType::kMatrixSingle:
      case QuestionType::kMatrixMultiple:
        for (std::size_t row = 0; row < question.rows.size(); ++row) {
          const std::uint64_t answered = counts.rows_answered[row];
          result.rows.push_back(
              {std::string(question.rows[row].in(language)), answered,
               option_results(question, counts, row, answered, counts.shown, language)});
        }
        break;
      case QuestionType::kSorting:
        PARTICIPA_RETURN_IF_ERROR(rank_sorting(question, counts, language, result));
        break;
      case QuestionType::kShortText:
      case QuestionType::kLongText:
      case QuestionType::kVendor:
        result.texts = listed(
            counts.texts, [](const std::string& key) { return std::optional<std::string>(key); });
        if (const QuestionTypeHandler* handler = questionnaire.handler(q);
            handler != nullptr && handler->describe) {
          std::vector<ValueCount> by_value = result.texts;
          std::sort(by_value.begin(), by_value.end(),
                    [](const ValueCount& a, const ValueCount& b) { return a.value < b.value; });
          result.statistics = handler->describe(question, by_value);
        }
        break;
      case QuestionType::kFiles:
      case QuestionType::kTitleAndDescription:
      case QuestionType::kSeparator:
        break;
    }
    summary.questions.push_back(std::move(result));
  }
  return summary;
}

}  // namespace participa::questionnaire
