#include "participa/questionnaire/conditions.hpp"

#include <cstdint>

#include "questionnaire/checks.hpp"

namespace participa::questionnaire {
namespace {

// Simple case folding of the letters forms are mostly written in: Latin (ASCII, Latin-1,
// Latin Extended-A), Greek and Cyrillic. Other letters compare as they are.
char32_t fold(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c < 0x80) return c;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
  if (c >= 0x100 && c <= 0x17F) {
    if (c == 0x130) return 'i';
    if (c == 0x178) return 0xFF;
    const bool odd_upper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
    if (odd_upper) return c % 2 == 1 ? c + 1 : c;
    if (c == 0x131 || c == 0x138 || c == 0x149 || c == 0x17F) return c;
    return c % 2 == 0 ? c + 1 : c;
  }
  if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return c + 32;
  if (c == 0x3C2) return 0x3C3;
  if (c >= 0x410 && c <= 0x42F) return c + 32;
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  return c;
}

// Code points, folded; a byte that does not start a well-formed sequence becomes U+FFFD.
std::u32string folded(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = lead < 0x80       ? 1
                         : lead >> 5 == 6  ? 2
                         : lead >> 4 == 14 ? 3
                         : lead >> 3 == 30 ? 4
                                           : 0;
    char32_t c = length == 1   ? lead
                 : length == 2 ? lead & 0x1F
                 : length == 3 ? lead & 0x0F
                               : lead & 0x07;
    bool ok = length != 0 && i + length <= text.size();
    for (std::size_t k = 1; ok && k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      ok = (next & 0xC0) == 0x80;
      c = (c << 6) | (next & 0x3F);
    }
    if (!ok) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    out.push_back(fold(c));
    i += length;
  }
  return out;
}

// Glob matching with one remembered star: on a mismatch the last '*' takes one more character.
// Each text position is revisited at most once per pattern position, so the cost is bounded by
// |pattern| × |text|.
bool glob(const std::u32string& pattern, const std::u32string& text) {
  std::size_t p = 0, t = 0;
  std::size_t star = std::u32string::npos, resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == U'?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == U'*') {
      star = p++;
      resume = t;
    } else if (star != std::u32string::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == U'*') ++p;
  return p == pattern.size();
}

bool chooses(const Answer& answer, std::size_t option) {
  for (const Choice& choice : answer.choices) {
    if (choice.option == option) return true;
  }
  return false;
}

bool matches(const std::string& pattern, const Question& source, const Answer& answer) {
  if (pattern_matches(pattern, answer.text)) return true;
  for (const Choice& choice : answer.choices) {
    if (pattern_matches(pattern, choice.free_text)) return true;
    if (choice.option >= source.options.size()) continue;
    for (const auto& [language, words] : source.options[choice.option].body.translations) {
      if (pattern_matches(pattern, words)) return true;
    }
  }
  return false;
}

}  // namespace

bool pattern_matches(std::string_view pattern, std::string_view text) {
  std::u32string anywhere = U"*";
  anywhere += folded(pattern);
  anywhere += U'*';
  return glob(anywhere, folded(text));
}

std::vector<bool> visible(const Questionnaire& questionnaire, const Response& response) {
  std::vector<bool> shown;
  visible_into(questionnaire, response, shown);
  return shown;
}

void visible_into(const Questionnaire& questionnaire, const Response& response,
                  std::vector<bool>& shown) {
  shown.assign(questionnaire.size(), true);
  for (std::size_t q = 0; q < questionnaire.size(); ++q) {
    const Question& question = questionnaire.question(q);
    if (question.conditions.empty()) continue;
    bool any_mandatory = false, all_mandatory = true, any_optional = false;
    for (const Condition& condition : question.conditions) {
      const Answer& answer = response.answer(condition.source);
      const bool answered = shown[condition.source] && answer.given();
      bool holds = false;
      switch (condition.kind) {
        case ConditionKind::kAnswered:
          holds = answered;
          break;
        case ConditionKind::kNotAnswered:
          holds = !answered;
          break;
        case ConditionKind::kEqual:
          holds = answered && chooses(answer, condition.option);
          break;
        case ConditionKind::kNotEqual:
          holds = answered && !chooses(answer, condition.option);
          break;
        case ConditionKind::kMatch:
          holds = answered &&
                  matches(condition.pattern, questionnaire.question(condition.source), answer);
          break;
      }
      if (condition.mandatory) {
        any_mandatory = true;
        all_mandatory = all_mandatory && holds;
      } else {
        any_optional = any_optional || holds;
      }
    }
    shown[q] = any_mandatory ? all_mandatory : any_optional;
  }
}

}  // namespace participa::questionnaire
