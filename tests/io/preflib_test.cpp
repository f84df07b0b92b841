// Readers of outside data: PrefLib, BLT and ranked CSV — content and every error.
#include "participa/io/preflib.hpp"
#include "gtest/gtest.h"
#include "participa/io/blt.hpp"
#include "participa/io/ranked_csv.hpp"
#include "participa/tally/method.hpp"
#include "participa/tally/profile_builder.hpp"
#include "status_matchers.hpp"

namespace participa::io {
namespace {

using ::participa::testing::StatusIs;
using ::testing::HasSubstr;
using Code = absl::StatusCode;

const std::string kConformance = PARTICIPA_CONFORMANCE_DIR;

TEST(Preflib, ReadsTheDebian2002Election) {
  auto file = read_preflib_file(kConformance + "/preflib/preflib_data/00002-00000001.soi");
  ASSERT_TRUE(file.ok()) << file.status();
  // The header says 475 voters, 4 alternatives and 41 unique orders.
  EXPECT_EQ(file->profile.total_weight(), 475u);
  EXPECT_EQ(file->profile.num_candidates(), 4u);
  EXPECT_EQ(file->profile.num_distinct(), 41u);
  EXPECT_EQ(file->profile.candidates()[2], "Bdale Garbee");
  EXPECT_EQ(file->alternative_numbers, (std::vector<std::int64_t>{1, 2, 3, 4}));
  EXPECT_EQ(file->metadata.at("TITLE"), "Debian 2002 Leader");
}

TEST(Preflib, ReadsTiesInBraces) {
  auto file = parse_preflib(
      "# ALTERNATIVE NAME 1: a\n# ALTERNATIVE NAME 2: b\n# ALTERNATIVE NAME 3: c\n"
      "3: {1,3},2\n2: 2\n");
  ASSERT_TRUE(file.ok()) << file.status();
  tally::BallotView b = file->profile.ballot(0);
  EXPECT_EQ(std::vector<std::int32_t>(b.values.begin(), b.values.end()),
            (std::vector<std::int32_t>{0, 0, 1}));
  EXPECT_EQ(file->profile.total_weight(), 5u);
}

TEST(Preflib, ErrorsNameTheLine) {
  const std::string header = "# ALTERNATIVE NAME 1: a\n# ALTERNATIVE NAME 2: b\n";
  struct Bad {
    std::string text, message;
  } cases[] = {
      {"1: 1,2\n", "x.soc:1: orders come before any ALTERNATIVE NAME"},
      {header + "3 1,2\n", "x.soc:3: an order needs 'count: alternatives'"},
      {header + "x: 1,2\n", "x.soc:3: 'x' is not a count"},
      {header + "1: 1,7\n", "x.soc:3: alternative 7 is not declared"},
      {header + "1: 1,1\n", "x.soc:3: a ballot marks 'a' twice"},
      {header + "1: {1,2\n", "x.soc:3: '{' is not closed"},
      {header + "1: 1,q\n", "x.soc:3: 'q' is not an alternative"},
      {header + "1: 1\n# TITLE: late\n", "x.soc:4: a header line follows the orders"},
      {"# ALTERNATIVE NAME 1: a\n# ALTERNATIVE NAME 1: b\n1: 1\n", "alternative 1 is named twice"},
      {header, "no orders"},
      {"", "no ALTERNATIVE NAME lines"},
  };
  for (const auto& c : cases) {
    EXPECT_THAT(parse_preflib(c.text, "x.soc"),
                StatusIs(Code::kInvalidArgument, HasSubstr(c.message)))
        << c.text;
  }
  EXPECT_THAT(read_preflib_file("/nonexistent.soc"),
              StatusIs(Code::kNotFound, HasSubstr("cannot open")));
}

TEST(Blt, ReadsDroopsExample) {
  auto file = read_blt_file(kConformance + "/stv/droop/blt/42.blt");
  ASSERT_TRUE(file.ok()) << file.status();
  EXPECT_EQ(file->seats, 2);
  EXPECT_EQ(file->profile.candidates(), (std::vector<std::string>{"Castor", "Pollux", "Helen"}));
  EXPECT_EQ(file->profile.total_weight(), 6u);
  EXPECT_EQ(file->title, "Pollux and Helen should tie");
}

TEST(Blt, WithdrawnEqualRanksAndErrors) {
  auto file = parse_blt("3 1\n-2\n2 1=3 2 0\n1 3 0\n0\n\"A\" \"B\" \"C\"\n\"T\"\n");
  ASSERT_TRUE(file.ok()) << file.status();
  EXPECT_EQ(file->withdrawn, std::vector<std::string>{"B"});
  EXPECT_EQ(file->profile.candidates(), (std::vector<std::string>{"A", "C"}));
  EXPECT_EQ(file->profile.total_weight(), 3u);
  // "1=3 2" loses B and keeps A = C; "3" keeps C alone (C is now candidate 1).
  tally::Candidate a_and_c[] = {0, 1}, c_alone[] = {1};
  std::int32_t equal[] = {0, 0};
  auto expected = tally::ProfileBuilder::create({"A", "C"}, tally::BallotKind::kRanked).value();
  ASSERT_TRUE(expected.add({a_and_c, equal}, 2).ok());
  ASSERT_TRUE(expected.add(c_alone, 1).ok());
  EXPECT_EQ(file->profile, expected.build());
  struct Bad {
    std::string text, message;
  } cases[] = {
      {"", "x.blt:1: the file ends before the number of candidates"},
      {"3 5\n", "5 seats for 3 candidates"},
      {"2 1\n1 3 0\n0\n\"A\" \"B\"\n", "x.blt:2: '3' is not a candidate number"},
      {"2 1\n1 1 1 0\n0\n\"A\" \"B\"\n", "x.blt:2: a ballot marks 'A' twice"},
      {"2 1\n1 1 2\n", "a ballot does not end with 0"},
      {"2 1\n1 1 0\n0\n\"A\"\n", "expected 2 candidate names, found 1"},
      {"2 1\n1 1 0\n0\nA B\n", "'A' is not a quoted name"},
      {"2 1\nx 1 0\n", "x.blt:2: 'x' is not a ballot weight"},
      {"2 1\n-5\n0\n", "withdrawn candidate 5 does not exist"},
      {"3 1\n-2 -2\n1 1 0\n0\n\"A\" \"B\" \"C\"\n", "x.blt:2: candidate 2 is withdrawn twice"},
      {"3 2\n-1 -3\n1 2 0\n0\n\"A\" \"B\" \"C\"\n",
       "2 seats for 1 candidates left once 2 are withdrawn"},
  };
  for (const auto& c : cases) {
    EXPECT_THAT(parse_blt(c.text, "x.blt"), StatusIs(Code::kInvalidArgument, HasSubstr(c.message)))
        << c.text;
  }
}

TEST(Blt, ReadsDroopsBracketedLines) {
  auto file = parse_blt(
      "4 2\n[nick a b c d]\n[tie d c b a]\n[withdrawn b]\n[undeclared d]\n"
      "[droop precision=5]\n3 a c 0\n2 c=d b 0\n0\n\"A\" \"B\" \"C\" \"D\"\n\"T\"\n");
  ASSERT_TRUE(file.ok()) << file.status();
  EXPECT_EQ(file->withdrawn, std::vector<std::string>{"B"});
  EXPECT_EQ(file->profile.candidates(), (std::vector<std::string>{"A", "C", "D"}));
  // The lot order without B, in the profile's numbering: D, C, A.
  EXPECT_EQ(file->tie_order, (std::vector<tally::Candidate>{2, 1, 0}));
  EXPECT_EQ(file->undeclared, std::vector<tally::Candidate>{2});
  EXPECT_EQ(file->counter_options, std::vector<std::string>{"precision=5"});
  EXPECT_EQ(file->profile.total_weight(), 5u);
  struct Bad {
    std::string text;
    std::string message;
  };
  const std::vector<Bad> bad = {
      {"2 1\n[nick a]\n1 1 0\n0\n\"A\" \"B\"\n", "x.blt:2: [nick] names 1 of 2"},
      {"2 1\n[nick a a]\n1 1 0\n0\n\"A\" \"B\"\n", "used twice"},
      {"2 1\n[nick 1 b]\n1 1 0\n0\n\"A\" \"B\"\n", "is a number"},
      {"2 1\n[tie 1]\n1 1 0\n0\n\"A\" \"B\"\n", "[tie] orders 1 of 2"},
      {"2 1\n[tie 1 1]\n1 1 0\n0\n\"A\" \"B\"\n", "[tie] names '1' twice"},
      {"2 1\n[tie 1 x]\n1 1 0\n0\n\"A\" \"B\"\n", "'x' is not a candidate in [tie]"},
      {"3 1\n[withdrawn 2]\n-2\n1 1 0\n0\n\"A\" \"B\" \"C\"\n", "withdrawn twice"},
      {"2 1\n[seats 2]\n1 1 0\n0\n\"A\" \"B\"\n", "[seats] is not a BLT option"},
      {"2 1\n[tie 1 2\n", "not closed"},
      {"2 1\n[]\n1 1 0\n0\n\"A\" \"B\"\n", "an empty [] line"},
      {"2 1\n1 1 0\n[tie 2 1]\n0\n\"A\" \"B\"\n", "must come first"},
      {"2 1\n1 x 0\n0\n\"A\" \"B\"\n", "'x' is not a candidate number"},
  };
  for (const Bad& c : bad) {
    EXPECT_THAT(parse_blt(c.text, "x.blt"), StatusIs(Code::kInvalidArgument, HasSubstr(c.message)))
        << c.text;
  }
}

TEST(Blt, AWithdrawnCandidateTakesNoVotesInAnyMethod) {
  // B has the most first preferences; withdrawn, B's voters go on to A.
  auto file = parse_blt("3 1\n-2\n3 2 1 0\n2 3 0\n1 1 0\n0\n\"A\" \"B\" \"C\"\n");
  ASSERT_TRUE(file.ok()) << file.status();
  const auto methods = tally::MethodRegistry::with_builtins();
  for (std::string_view method : {"plurality", "irv", "borda", "schulze", "copeland"}) {
    auto result = methods.count(method, file->profile, {});
    ASSERT_TRUE(result.ok()) << method << ": " << result.status();
    ASSERT_EQ(result->winners.size(), 1u) << method;
    EXPECT_EQ(result->candidates[result->winners[0]], "A") << method;
  }
}

TEST(RankedCsv, ReadsCountsEqualRanksAndQuotes) {
  auto p =
      parse_ranked_csv("count,r1,r2,r3\n12,Ana,Ben,\n3,Ben,Ana=Chloe,\n1,\"Smith, Jo\",,Ana\n");
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->candidates(), (std::vector<std::string>{"Ana", "Ben", "Chloe", "Smith, Jo"}));
  EXPECT_EQ(p->total_weight(), 16u);
  auto plain = parse_ranked_csv("r1,r2\nA,B\nA,B\n");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->total_weight(), 2u);
  EXPECT_EQ(plain->num_distinct(), 1u);
}

TEST(RankedCsv, RowOrderChangesNeitherCandidatesNorDigest) {
  auto forward = parse_ranked_csv("r1,r2\nZoe,Ana\nAna,Ben\nBen,Zoe\n");
  auto backward = parse_ranked_csv("r1,r2\nBen,Zoe\nAna,Ben\nZoe,Ana\n");
  ASSERT_TRUE(forward.ok() && backward.ok());
  EXPECT_EQ(forward->candidates(), (std::vector<std::string>{"Ana", "Ben", "Zoe"}));
  EXPECT_EQ(forward->candidates(), backward->candidates());
  EXPECT_EQ(forward->digest(), backward->digest());
  // A three-way cycle: candidate order breaks the tie, and must give the same winner.
  const auto methods = tally::MethodRegistry::with_builtins();
  tally::Options options;
  options.tie_break.policy = tally::TieBreakPolicy::kCandidateOrder;
  auto a = methods.count("copeland", *forward, options);
  auto b = methods.count("copeland", *backward, options);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->candidates[a->winners.at(0)], "Ana");
  EXPECT_EQ(b->candidates[b->winners.at(0)], "Ana");
}

TEST(RankedCsv, ErrorsNameTheLine) {
  EXPECT_THAT(parse_ranked_csv("count,r1\nmany,A\n", "b.csv"),
              StatusIs(Code::kInvalidArgument, HasSubstr("b.csv:2: 'many' is not a count")));
  EXPECT_THAT(parse_ranked_csv("r1,r2\nA,A\n", "b.csv"),
              StatusIs(Code::kInvalidArgument, HasSubstr("b.csv:2: ranks 'A' twice")));
  EXPECT_THAT(parse_ranked_csv("r1\n\"A\n", "b.csv"),
              StatusIs(Code::kInvalidArgument, HasSubstr("b.csv:2: a quoted field is not closed")));
  EXPECT_THAT(parse_ranked_csv("", "b.csv"),
              StatusIs(Code::kInvalidArgument, HasSubstr("no header row")));
  EXPECT_THAT(parse_ranked_csv("r1\nA==B\n", "b.csv"),
              StatusIs(Code::kInvalidArgument, HasSubstr("has an empty name")));
}

// A file without its header row would lose its first ballot: a first row naming candidates the
// other rows rank is refused, with or without a count column and with equal ranks.
TEST(RankedCsv, AFirstRowThatLooksLikeABallotIsRefused) {
  EXPECT_THAT(parse_ranked_csv("Ana,Ben\nBen,Ana\nAna,Ben\n", "b.csv"),
              StatusIs(Code::kInvalidArgument,
                       HasSubstr("b.csv:1: the header names 'Ana', a candidate the ballots rank")));
  EXPECT_THAT(parse_ranked_csv("count,Ben=Chloe\n2,Chloe,Ben\n", "b.csv"),
              StatusIs(Code::kInvalidArgument, HasSubstr("b.csv:1: the header names 'Ben'")));
  // Header words that are no candidate's name stay a header.
  auto named = parse_ranked_csv("First choice,Second choice\nAna,Ben\n", "b.csv");
  ASSERT_TRUE(named.ok()) << named.status();
  EXPECT_EQ(named->total_weight(), 1u);
}

}  // namespace
}  // namespace participa::io

#include <filesystem>
#include <fstream>
#include <sstream>

#include "io/text.hpp"
#include "participa/io/xlsx.hpp"

namespace participa::io {
namespace {

// Every ES&S workbook of the RCTab cases reads cell for cell like the CSV copy of its first
// sheet that sits beside it (made independently, with openpyxl).
TEST(Xlsx, EveryWorkbookMatchesItsCsvCopy) {
  int workbooks = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(kConformance + "/rctab")) {
    if (entry.path().extension() != ".xlsx") continue;
    std::filesystem::path copy = entry.path().string() + ".sheet1.csv";
    if (!std::filesystem::exists(copy)) continue;
    auto table = read_xlsx_first_sheet(entry.path().string());
    ASSERT_TRUE(table.ok()) << table.status();
    std::ifstream in(copy);
    std::string line;
    std::vector<std::string> fields;
    std::size_t row = 0;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      ASSERT_TRUE(split_csv_record(line, fields)) << copy << ":" << row + 1;
      ASSERT_LT(row, table->size()) << copy;
      const auto& cells = (*table)[row];
      for (std::size_t c = 0; c < std::max(cells.size(), fields.size()); ++c) {
        std::string got = c < cells.size() ? cells[c] : "";
        std::string want = c < fields.size() ? fields[c] : "";
        ASSERT_EQ(got, want) << copy << " row " << row + 1 << " column " << c + 1;
      }
      ++row;
    }
    ++workbooks;
  }
  EXPECT_GE(workbooks, 10);
}

TEST(Xlsx, RefusesWhatIsNotAWorkbook) {
  EXPECT_THAT(parse_xlsx_first_sheet("not a zip", "x.xlsx"),
              StatusIs(Code::kDataLoss, HasSubstr("not an .xlsx (zip) archive")));
  EXPECT_THAT(read_xlsx_first_sheet("/nonexistent.xlsx"),
              StatusIs(Code::kNotFound, HasSubstr("cannot open")));
}

}  // namespace
}  // namespace participa::io
