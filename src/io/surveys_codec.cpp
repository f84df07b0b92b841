#include "io/component_codecs.hpp"

#include "io/questionnaire_proto.hpp"
#include "io/record_fields.hpp"
#include "participa/components/surveys/surveys.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/v1/surveys.pb.h"

namespace participa::io::detail {
namespace {

namespace sv = participa::components::surveys;
namespace q = participa::questionnaire;

absl::StatusOr<std::string> encode_payload(const std::any& payload) {
  const auto& p = std::any_cast<const sv::Payload&>(payload);
  v1::SurveysEvent m;
  std::visit(Overloaded{
                 [&](const sv::FormSet& e) {
                   auto* out = m.mutable_form_set();
                   *out->mutable_form() = form_to(e.form);
                   out->set_clear_responses(e.clear_responses);
                 },
                 [&](const sv::ResponseSubmitted& e) {
                   auto* out = m.mutable_response_submitted();
                   out->set_session(e.session);
                   out->set_ip_address(e.ip_address);
                   response_to(e.response, *out->mutable_response());
                   out->set_respondent(digest_bytes(e.respondent));
                   out->set_ip_hash(digest_bytes(e.ip_hash));
                   out->set_replaces(e.replaces);
                 },
                 [&](const sv::ResultsPublished& e) {
                   auto* out = m.mutable_results_published();
                   for (std::size_t position : e.questions) {
                     out->add_questions(static_cast<std::uint32_t>(position + 1));
                   }
                   out->set_published(e.published);
                 },
             },
             p);
  return deterministic_bytes(m);
}

absl::StatusOr<std::any> decode_payload(std::string_view bytes) {
  v1::SurveysEvent m;
  if (!m.ParseFromString(std::string(bytes))) {
    return absl::DataLossError("the surveys payload does not parse");
  }
  switch (m.event_case()) {
    case v1::SurveysEvent::kFormSet: {
      sv::FormSet out;
      absl::StatusOr<q::Form> form = form_from(m.form_set().form());
      if (!form.ok()) {
        return absl::DataLossError(str_cat("the recorded form: ", form.status().message()));
      }
      out.form = *std::move(form);
      out.clear_responses = m.form_set().clear_responses();
      return std::any(sv::Payload(std::move(out)));
    }
    case v1::SurveysEvent::kResponseSubmitted: {
      const auto& in = m.response_submitted();
      sv::ResponseSubmitted out;
      PARTICIPA_ASSIGN_OR_RETURN(out.response, response_from(in.response()));
      PARTICIPA_RETURN_IF_ERROR(read_digest(in.respondent(), out.respondent, "respondent"));
      PARTICIPA_RETURN_IF_ERROR(read_digest(in.ip_hash(), out.ip_hash, "ip hash"));
      out.replaces = in.replaces();
      out.session = in.session();
      out.ip_address = in.ip_address();
      return std::any(sv::Payload(std::move(out)));
    }
    case v1::SurveysEvent::kResultsPublished: {
      sv::ResultsPublished out;
      for (std::uint32_t number : m.results_published().questions()) {
        if (number == 0) return absl::DataLossError("question numbers start at 1");
        out.questions.push_back(number - 1);
      }
      out.published = m.results_published().published();
      return std::any(sv::Payload(std::move(out)));
    }
    default:
      return absl::DataLossError("the surveys payload holds no known event");
  }
}

absl::StatusOr<std::string> encode_state(const std::any& value) {
  const auto& state = std::any_cast<const sv::State&>(value);
  v1::SurveysState m;
  if (state.questionnaire) *m.mutable_form() = form_to(state.questionnaire->form());
  for (const auto& [token, stored] : state.responses) {
    auto* out = m.add_responses();
    out->set_respondent(digest_bytes(token));
    response_to(stored.response, *out->mutable_response());
    out->set_ip_hash(digest_bytes(stored.ip_hash));
    out->set_channel(static_cast<std::uint32_t>(stored.channel));
    out->set_submitted_at(micros(stored.submitted_at));
    out->set_edits(stored.edits);
  }
  return deterministic_bytes(m);
}

absl::StatusOr<std::any> decode_state(std::string_view bytes) {
  v1::SurveysState m;
  if (!m.ParseFromString(std::string(bytes))) {
    return absl::DataLossError("the surveys state does not parse");
  }
  sv::State state;
  if (m.has_form()) {
    absl::StatusOr<q::Form> form = form_from(m.form());
    if (!form.ok()) {
      return absl::DataLossError(str_cat("the surveys state's form: ", form.status().message()));
    }
    absl::StatusOr<q::Questionnaire> questionnaire =
        q::Questionnaire::create(*std::move(form), sv::question_types());
    if (!questionnaire.ok()) {
      return absl::DataLossError(
          str_cat("the surveys state's form: ", questionnaire.status().message()));
    }
    state.questionnaire = *std::move(questionnaire);
  }
  for (const auto& in : m.responses()) {
    Digest token;
    PARTICIPA_RETURN_IF_ERROR(read_digest(in.respondent(), token, "respondent"));
    sv::StoredResponse stored;
    PARTICIPA_ASSIGN_OR_RETURN(stored.response, response_from(in.response()));
    PARTICIPA_RETURN_IF_ERROR(read_digest(in.ip_hash(), stored.ip_hash, "ip hash"));
    PARTICIPA_RETURN_IF_ERROR(
        read_enum(in.channel(), stored.channel, space::kChannelNames, "channel"));
    stored.submitted_at = from_micros(in.submitted_at());
    stored.edits = in.edits();
    if (!state.responses.emplace(token, std::move(stored)).second) {
      return absl::DataLossError("the surveys state holds a respondent twice");
    }
  }
  return std::any(std::move(state));
}

}  // namespace

ComponentCodec surveys_payload_codec() {
  return ComponentCodec{"type.googleapis.com/participa.v1.SurveysEvent", typeid(sv::Payload),
                        encode_payload, decode_payload};
}

StateCodec surveys_state_codec() {
  return StateCodec{"type.googleapis.com/participa.v1.SurveysState", typeid(sv::State),
                    encode_state, decode_state};
}

}  // namespace participa::io::detail
