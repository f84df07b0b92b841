// Validating and aggregating survey responses: a national consultation is a million respondents
// answering twenty questions. Responses are built before timing; the timed part is tabulate()
// (visibility, validation and counting of every response) or the merge of shard aggregates.
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "participa/questionnaire/aggregate.hpp"
#include "participa/questionnaire/summary.hpp"

namespace {

namespace q = participa::questionnaire;

std::vector<q::Option> options(int n, const std::string& prefix) {
  std::vector<q::Option> out;
  for (int i = 0; i < n; ++i) out.push_back({q::Text(prefix + std::to_string(i + 1))});
  return out;
}

// Twenty questions: eight single option (one shown only to those choosing option 1 of the
// first), four multiple option, two matrices, a sorting question, three short texts, a long
// text and a files question.
q::Questionnaire consultation() {
  q::Form form{.title = q::Text("National consultation")};
  for (int i = 0; i < 8; ++i) {
    form.questions.push_back({.type = q::QuestionType::kSingleOption,
                              .body = q::Text("Single " + std::to_string(i)),
                              .mandatory = i == 0,
                              .options = options(5, "Choice ")});
  }
  form.questions[7].conditions.push_back(
      {.source = 0, .kind = q::ConditionKind::kEqual, .option = 0});
  for (int i = 0; i < 4; ++i) {
    form.questions.push_back({.type = q::QuestionType::kMultipleOption,
                              .body = q::Text("Multiple " + std::to_string(i)),
                              .max_choices = 3,
                              .options = options(6, "Item ")});
  }
  for (int i = 0; i < 2; ++i) {
    form.questions.push_back({.type = q::QuestionType::kMatrixSingle,
                              .body = q::Text("Matrix " + std::to_string(i)),
                              .options = options(4, "Level "),
                              .rows = {q::Text("Row 1"), q::Text("Row 2"), q::Text("Row 3")}});
  }
  form.questions.push_back({.type = q::QuestionType::kSorting,
                            .body = q::Text("Priorities"),
                            .options = options(4, "Priority ")});
  for (int i = 0; i < 3; ++i) {
    form.questions.push_back({.type = q::QuestionType::kShortText,
                              .body = q::Text("Short " + std::to_string(i)),
                              .max_characters = 40});
  }
  form.questions.push_back({.type = q::QuestionType::kLongText, .body = q::Text("Remarks")});
  form.questions.push_back({.type = q::QuestionType::kFiles, .body = q::Text("Documents")});
  return *q::Questionnaire::create(std::move(form));
}

std::vector<q::Response> responses(const q::Questionnaire& questionnaire, std::size_t n) {
  std::mt19937_64 gen(2027);
  std::vector<q::Response> out(n);
  for (q::Response& r : out) {
    r.answers.resize(questionnaire.size());
    const std::uint32_t first = static_cast<std::uint32_t>(gen() % 5);
    for (std::size_t i = 0; i < 8; ++i) {
      if (i == 7 && first != 0) continue;
      if (i > 0 && gen() % 10 == 0) continue;  // some skip
      r.answers[i].choices.push_back({static_cast<std::uint32_t>(i == 0 ? first : gen() % 5)});
    }
    for (std::size_t i = 8; i < 12; ++i) {
      const std::uint64_t bits = gen();
      for (std::uint32_t o = 0; o < 6 && r.answers[i].choices.size() < 3; ++o) {
        if ((bits >> o & 3) == 0) r.answers[i].choices.push_back({o});
      }
    }
    for (std::size_t i = 12; i < 14; ++i) {
      for (std::uint32_t row = 0; row < 3; ++row) {
        r.answers[i].choices.push_back({static_cast<std::uint32_t>(gen() % 4), row});
      }
    }
    std::vector<std::uint32_t> order = {0, 1, 2, 3};
    std::shuffle(order.begin(), order.end(), gen);
    for (std::uint32_t o : order) r.answers[14].choices.push_back({o});
    for (std::size_t i = 15; i < 18; ++i) {
      if (gen() % 2 == 0) r.answers[i].text = "answer " + std::to_string(gen() % 200);
    }
    if (gen() % 20 == 0) r.answers[18].text = "a longer remark number " + std::to_string(gen());
    if (gen() % 50 == 0) r.answers[19].files = {"https://example.org/doc.pdf"};
  }
  return out;
}

void BM_Tabulate(benchmark::State& state) {
  const q::Questionnaire questionnaire = consultation();
  const std::vector<q::Response> all = responses(questionnaire, state.range(0));
  for (auto _ : state) {
    q::Tabulation t = q::tabulate(questionnaire, all);
    if (!t.rejected.empty()) state.SkipWithError("a generated response was refused");
    benchmark::DoNotOptimize(t);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.counters["questions"] = static_cast<double>(questionnaire.size());
}
BENCHMARK(BM_Tabulate)
    ->Arg(100)
    ->Arg(1000)
    ->Arg(100'000)
    ->Arg(1'000'000)
    ->Unit(benchmark::kMillisecond);

// A hundred shards of 10,000 respondents each merged into one aggregate, then summarized.
void BM_MergeShards(benchmark::State& state) {
  const q::Questionnaire questionnaire = consultation();
  const std::vector<q::Response> all = responses(questionnaire, 10'000);
  std::vector<q::Aggregate> shards;
  std::mt19937_64 gen(7);
  for (int s = 0; s < state.range(0); ++s) {
    std::vector<q::Response> shard = all;
    std::shuffle(shard.begin(), shard.end(), gen);
    shard.resize(10'000 - s);  // shards of different contents
    shards.push_back(q::tabulate(questionnaire, shard).aggregate);
  }
  for (auto _ : state) {
    q::Aggregate total;
    for (const q::Aggregate& shard : shards) total += shard;
    auto summary = q::summarize(questionnaire, total);
    benchmark::DoNotOptimize(summary);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_MergeShards)->Arg(100)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
