#include "serve_command.hpp"

#include <atomic>
#include <chrono>
#include <csignal>
#include <iostream>
#include <map>
#include <mutex>
#include <random>
#include <thread>

#include <httplib.h>
#include <boost/json.hpp>

#include "absl/status/statusor.h"
#include "board_page.hpp"
#include "participa/components/workshops/workshops.hpp"
#include "participa/core/status_macros.hpp"
#include "participa/core/strings.hpp"
#include "participa/io/workshops.hpp"
#include "participa/store/event_store.hpp"
#include "participa/store/ledger.hpp"

namespace participa::cli {
namespace {

namespace sp = participa::space;
namespace ws = participa::components::workshops;
namespace json = boost::json;

constexpr char kSessionCookie[] = "participa_session";
// How often a live stream looks for new events, and how long it stays silent before a comment
// that keeps the connection open.
constexpr auto kPoll = std::chrono::milliseconds(50);
constexpr auto kKeepAlive = std::chrono::seconds(15);

std::atomic<bool> stop_requested{false};
extern "C" void request_stop(int) { stop_requested = true; }

std::string random_hex(std::size_t bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::random_device device;
  std::string out;
  for (std::size_t i = 0; i < bytes; ++i) {
    const unsigned byte = device() & 0xffu;
    out += kHex[byte >> 4];
    out += kHex[byte & 0xfu];
  }
  return out;
}

// handle_of — a nickname made from a person's name: lower-case letters, digits and '-'.
std::string handle_of(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    const bool fits = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (fits) {
      out += c;
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
    if (out.size() >= 30) break;
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "guest" : out;
}

int http_status(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kOutOfRange:
      return 400;
    case absl::StatusCode::kUnauthenticated:
      return 401;
    case absl::StatusCode::kPermissionDenied:
      return 403;
    case absl::StatusCode::kNotFound:
      return 404;
    case absl::StatusCode::kAlreadyExists:
    case absl::StatusCode::kFailedPrecondition:
      return 409;
    default:
      return 500;
  }
}

void reply_error(httplib::Response& res, const absl::Status& status) {
  res.status = http_status(status.code());
  res.set_content(
      json::serialize(json::object{{"error", std::string(status.message())},
                                   {"code", std::string(absl::StatusCodeToString(status.code()))}}),
      "application/json");
}

void reply_json(httplib::Response& res, std::string body) {
  res.set_header("Cache-Control", "no-store");
  res.set_content(std::move(body), "application/json");
}

// Request fields, each with a clear error when missing or of the wrong type.
absl::StatusOr<json::object> body_of(const httplib::Request& req) {
  boost::system::error_code error;
  json::value parsed = json::parse(req.body, error);
  if (error || !parsed.is_object()) {
    return absl::InvalidArgumentError("the request body is not a JSON object");
  }
  return parsed.as_object();
}
absl::StatusOr<std::string> text_field(const json::object& body, std::string_view name,
                                       bool required = true) {
  const json::value* value = body.if_contains(name);
  if (value == nullptr || value->is_null()) {
    if (!required) return std::string();
    return absl::InvalidArgumentError(str_cat("the request has no '", name, "'"));
  }
  if (!value->is_string()) {
    return absl::InvalidArgumentError(str_cat("'", name, "' is not a string"));
  }
  return std::string(value->as_string());
}
absl::StatusOr<std::int32_t> int_field(const json::object& body, std::string_view name) {
  const json::value* value = body.if_contains(name);
  if (value == nullptr || value->is_null()) return 0;
  if (!value->is_int64() || value->as_int64() < INT32_MIN || value->as_int64() > INT32_MAX) {
    return absl::InvalidArgumentError(str_cat("'", name, "' is not a whole number"));
  }
  return static_cast<std::int32_t>(value->as_int64());
}
bool bool_field(const json::object& body, std::string_view name) {
  const json::value* value = body.if_contains(name);
  return value != nullptr && value->is_bool() && value->as_bool();
}
template <class IdT>
absl::StatusOr<IdT> id_field(const json::object& body, std::string_view name,
                             bool required = true) {
  PARTICIPA_ASSIGN_OR_RETURN(std::string text, text_field(body, name, required));
  if (text.empty()) return IdT();
  return IdT::parse(text);
}
template <class IdT>
absl::StatusOr<std::vector<IdT>> ids_field(const json::object& body, std::string_view name) {
  const json::value* value = body.if_contains(name);
  if (value == nullptr || !value->is_array()) {
    return absl::InvalidArgumentError(str_cat("'", name, "' is not a list"));
  }
  std::vector<IdT> ids;
  for (const json::value& item : value->as_array()) {
    if (!item.is_string())
      return absl::InvalidArgumentError(str_cat("'", name, "' lists a non-id"));
    PARTICIPA_ASSIGN_OR_RETURN(IdT id, IdT::parse(std::string(item.as_string())));
    ids.push_back(id);
  }
  return ids;
}

// payload_of — the workshops payload a page's request asks for.
absl::StatusOr<ws::Payload> payload_of(const json::object& body, BoardId board) {
  PARTICIPA_ASSIGN_OR_RETURN(std::string action, text_field(body, "action"));
  if (action == "write") {
    ws::StickyWritten p{.board = board};
    PARTICIPA_ASSIGN_OR_RETURN(p.column, id_field<ColumnId>(body, "column"));
    PARTICIPA_ASSIGN_OR_RETURN(p.text, text_field(body, "text"));
    PARTICIPA_ASSIGN_OR_RETURN(p.colour, text_field(body, "colour", false));
    return p;
  }
  if (action == "edit") {
    ws::StickyEdited p{.board = board};
    PARTICIPA_ASSIGN_OR_RETURN(p.sticky, id_field<StickyId>(body, "sticky"));
    PARTICIPA_ASSIGN_OR_RETURN(p.text, text_field(body, "text"));
    PARTICIPA_ASSIGN_OR_RETURN(p.colour, text_field(body, "colour", false));
    return p;
  }
  if (action == "move") {
    ws::StickyMoved p{.board = board};
    PARTICIPA_ASSIGN_OR_RETURN(p.sticky, id_field<StickyId>(body, "sticky"));
    PARTICIPA_ASSIGN_OR_RETURN(p.column, id_field<ColumnId>(body, "column"));
    PARTICIPA_ASSIGN_OR_RETURN(p.x, int_field(body, "x"));
    PARTICIPA_ASSIGN_OR_RETURN(p.y, int_field(body, "y"));
    return p;
  }
  if (action == "remove") {
    ws::StickyRemoved p{.board = board};
    PARTICIPA_ASSIGN_OR_RETURN(p.sticky, id_field<StickyId>(body, "sticky"));
    return p;
  }
  if (action == "cluster") {
    ws::ClusterFormed p{.board = board};
    PARTICIPA_ASSIGN_OR_RETURN(p.title, text_field(body, "title"));
    PARTICIPA_ASSIGN_OR_RETURN(p.stickies, ids_field<StickyId>(body, "stickies"));
    return p;
  }
  if (action == "unclustered") {
    ws::StickiesUnclustered p{.board = board};
    PARTICIPA_ASSIGN_OR_RETURN(p.stickies, ids_field<StickyId>(body, "stickies"));
    return p;
  }
  if (action == "dots") {
    ws::DotsPlaced p{.board = board};
    PARTICIPA_ASSIGN_OR_RETURN(p.sticky, id_field<StickyId>(body, "sticky", false));
    PARTICIPA_ASSIGN_OR_RETURN(p.cluster, id_field<ClusterId>(body, "cluster", false));
    PARTICIPA_ASSIGN_OR_RETURN(p.dots, int_field(body, "dots"));
    return p;
  }
  if (action == "reveal") {
    return ws::BoardRevealed{
        .board = board, .stickies = bool_field(body, "stickies"), .dots = bool_field(body, "dots")};
  }
  if (action == "stage") {
    PARTICIPA_ASSIGN_OR_RETURN(std::string stage, text_field(body, "stage"));
    PARTICIPA_ASSIGN_OR_RETURN(ws::Stage parsed, parse_name(ws::kStageNames, "stage", stage));
    return ws::StageSet{.board = board, .stage = parsed};
  }
  if (action == "lock") return ws::BoardLocked{board, bool_field(body, "locked")};
  return absl::InvalidArgumentError(
      str_cat("action '", action,
              "' is not one of write, edit, move, remove, cluster, unclustered, dots, reveal, "
              "stage, lock"));
}

// BoardServer — the routes over one ledger.
class BoardServer {
 public:
  BoardServer(store::Ledger& ledger, ParticipantId admin, std::string code)
      : ledger_(ledger), admin_(admin), code_(std::move(code)) {}

  void route(httplib::Server& server) {
    server.Get("/", [this](const httplib::Request&, httplib::Response& res) { index(res); });
    server.Get(R"(/board/([0-9a-f-]{36})/([0-9a-f-]{36}))",
               [](const httplib::Request& req, httplib::Response& res) {
                 res.set_content(board_page(req.matches[1].str(), req.matches[2].str()),
                                 "text/html; charset=utf-8");
               });
    server.Get("/api/me", [this](const httplib::Request& req, httplib::Response& res) {
      ParticipantId who = session_of(req);
      if (who.is_nil()) return reply_json(res, R"({"joined": false})");
      reply_json(res, ledger_.read([&](const sp::Organization& o) {
        const sp::Participant* p = o.participant(who);
        return json::serialize(json::object{{"joined", true},
                                            {"participant", who.to_string()},
                                            {"nickname", p == nullptr ? "" : p->nickname},
                                            {"facilitator", who == admin_}});
      }));
    });
    server.Post("/api/join", [this](const httplib::Request& req, httplib::Response& res) {
      absl::StatusOr<std::string> token = join(req);
      if (!token.ok()) return reply_error(res, token.status());
      res.set_header("Set-Cookie",
                     str_cat(kSessionCookie, "=", *token, "; Path=/; HttpOnly; SameSite=Strict"));
      reply_json(res, "{}");
    });
    const std::string board = R"(/api/board/([0-9a-f-]{36})/([0-9a-f-]{36}))";
    server.Get(board, [this](const httplib::Request& req, httplib::Response& res) {
      view(req, res, /*csv=*/false);
    });
    server.Get(board + "/csv", [this](const httplib::Request& req, httplib::Response& res) {
      view(req, res, /*csv=*/true);
    });
    server.Post(board,
                [this](const httplib::Request& req, httplib::Response& res) { act(req, res); });
    server.Get(board + "/events",
               [this](const httplib::Request& req, httplib::Response& res) { stream(req, res); });
  }

 private:
  ParticipantId session_of(const httplib::Request& req) const {
    const std::string cookies = req.get_header_value("Cookie");
    const std::string wanted = str_cat(kSessionCookie, "=");
    std::size_t at = cookies.find(wanted);
    if (at == std::string::npos) return ParticipantId();
    std::size_t end = cookies.find(';', at);
    std::string token =
        cookies.substr(at + wanted.size(),
                       end == std::string::npos ? std::string::npos : end - at - wanted.size());
    std::lock_guard lock(sessions_mutex_);
    auto found = sessions_.find(token);
    return found == sessions_.end() ? ParticipantId() : found->second;
  }

  absl::StatusOr<std::string> join(const httplib::Request& req) {
    PARTICIPA_ASSIGN_OR_RETURN(json::object body, body_of(req));
    PARTICIPA_ASSIGN_OR_RETURN(std::string name, text_field(body, "name", false));
    PARTICIPA_ASSIGN_OR_RETURN(std::string code, text_field(body, "code", false));
    ParticipantId who;
    if (!code.empty()) {
      if (code != code_) return absl::PermissionDeniedError("that is not the facilitator code");
      who = admin_;
    } else {
      if (name.empty()) return absl::InvalidArgumentError("give a name to join");
      PARTICIPA_ASSIGN_OR_RETURN(who, register_person(name));
    }
    std::string token = random_hex(16);
    std::lock_guard lock(sessions_mutex_);
    sessions_[token] = who;
    return token;
  }

  // register_person — a participant for a name; a taken nickname gets a number.
  absl::StatusOr<ParticipantId> register_person(const std::string& name) {
    const std::string handle = handle_of(name);
    for (int n = 1; n <= 100; ++n) {
      auto receipt = ledger_.execute(sp::Command{
          sp::Actor{}, "",
          sp::ParticipantRegistered{.nickname = n == 1 ? handle : str_cat(handle, "-", n),
                                    .display_name = name}});
      if (receipt.ok()) return std::get<sp::ParticipantRegistered>(receipt->event.body).participant;
      if (receipt.status().code() != absl::StatusCode::kAlreadyExists) return receipt.status();
    }
    return absl::ResourceExhaustedError(str_cat("a hundred people joined as '", name, "'"));
  }

  static absl::StatusOr<std::pair<ComponentId, BoardId>> board_of(const httplib::Request& req) {
    PARTICIPA_ASSIGN_OR_RETURN(ComponentId component, ComponentId::parse(req.matches[1].str()));
    PARTICIPA_ASSIGN_OR_RETURN(BoardId board, BoardId::parse(req.matches[2].str()));
    return std::pair{component, board};
  }

  void view(const httplib::Request& req, httplib::Response& res, bool csv) {
    absl::StatusOr<std::pair<ComponentId, BoardId>> where = board_of(req);
    if (!where.ok()) return reply_error(res, where.status());
    const ParticipantId reader = session_of(req);
    absl::StatusOr<std::string> out =
        ledger_.read([&](const sp::Organization& o) -> absl::StatusOr<std::string> {
          PARTICIPA_ASSIGN_OR_RETURN(ws::BoardView view,
                                     ws::board_view(o, where->first, where->second, reader));
          return csv ? io::board_view_to_csv(view, o) : io::board_view_to_json(view, o);
        });
    if (!out.ok()) return reply_error(res, out.status());
    if (csv) {
      res.set_content(*std::move(out), "text/csv; charset=utf-8");
    } else {
      reply_json(res, *std::move(out));
    }
  }

  void act(const httplib::Request& req, httplib::Response& res) {
    absl::StatusOr<std::pair<ComponentId, BoardId>> where = board_of(req);
    if (!where.ok()) return reply_error(res, where.status());
    const ParticipantId who = session_of(req);
    if (who.is_nil()) return reply_error(res, absl::UnauthenticatedError("join the board first"));
    absl::StatusOr<json::object> body = body_of(req);
    if (!body.ok()) return reply_error(res, body.status());
    absl::StatusOr<ws::Payload> payload = payload_of(*body, where->second);
    if (!payload.ok()) return reply_error(res, payload.status());
    auto receipt = ledger_.execute(
        sp::Command{sp::Actor{who}, "", sp::ComponentAction{where->first, *std::move(payload)}});
    if (!receipt.ok()) return reply_error(res, receipt.status());
    reply_json(res, json::serialize(json::object{{"sequence", receipt->event.sequence}}));
  }

  // stream — the board's change feed as server-sent events, from the event after the one the
  // browser names (Last-Event-ID, sent again when it reconnects) or from now.
  void stream(const httplib::Request& req, httplib::Response& res) {
    absl::StatusOr<std::pair<ComponentId, BoardId>> where = board_of(req);
    if (!where.ok()) return reply_error(res, where.status());
    const ParticipantId reader = session_of(req);
    absl::Status readable = ledger_.read([&](const sp::Organization& o) {
      return ws::board_view(o, where->first, where->second, reader).status();
    });
    if (!readable.ok()) return reply_error(res, readable);
    std::uint64_t after = ledger_.sequence();
    const std::string last = req.get_header_value("Last-Event-ID");
    if (!last.empty()) {
      try {
        after = std::min<std::uint64_t>(std::stoull(last), after);
      } catch (const std::exception&) {
        return reply_error(res, absl::InvalidArgumentError("Last-Event-ID is not a sequence"));
      }
    }
    res.set_header("Cache-Control", "no-store");
    const ComponentId component = where->first;
    const BoardId board = where->second;
    res.set_chunked_content_provider(
        "text/event-stream",
        [this, component, board, reader, after](std::size_t, httplib::DataSink& sink) mutable {
          // The first write opens the stream; the browser learns where it stands.
          std::string out = str_cat("retry: 500\n: from ", after, "\n\n");
          if (!sink.write(out.data(), out.size())) return false;
          auto quiet_since = std::chrono::steady_clock::now();
          while (!stop_requested && sink.is_writable()) {
            if (ledger_.sequence() <= after) {
              if (std::chrono::steady_clock::now() - quiet_since > kKeepAlive) {
                const std::string ping = ": still here\n\n";
                if (!sink.write(ping.data(), ping.size())) return false;
                quiet_since = std::chrono::steady_clock::now();
              }
              std::this_thread::sleep_for(kPoll);
              continue;
            }
            absl::StatusOr<std::vector<store::Receipt>> receipts = ledger_.events(after);
            if (!receipts.ok() || receipts->empty()) return false;
            std::vector<sp::Event> events;
            for (store::Receipt& receipt : *receipts) events.push_back(std::move(receipt.event));
            after = events.back().sequence;
            std::string chunk = ledger_.read([&](const sp::Organization& o) {
              std::string text;
              auto items = ws::feed(o, events, component, board, reader);
              if (!items.ok()) return text;
              for (const ws::FeedItem& item : *items) {
                str_append(&text, "id: ", item.sequence, "\ndata: ", io::feed_item_to_json(item, o),
                           "\n\n");
              }
              return text;
            });
            // Events of other boards still move the stream's place, so a reconnect resumes
            // after them.
            if (chunk.empty()) chunk = str_cat("id: ", after, "\n\n");
            if (!sink.write(chunk.data(), chunk.size())) return false;
            quiet_since = std::chrono::steady_clock::now();
          }
          sink.done();
          return true;
        });
  }

  void index(httplib::Response& res) {
    std::string rows = ledger_.read([&](const sp::Organization& o) {
      std::string out;
      for (const auto& [id, component] : o.components) {
        absl::StatusOr<const ws::State*> state = ws::state_of(o, id);
        if (!state.ok()) continue;
        for (BoardId board : (*state)->added) {
          str_append(&out, "<li><a href=\"/board/", id.to_string(), "/", board.to_string(), "\">",
                     html_escape((*state)->boards.at(board).title), "</a></li>\n");
        }
      }
      return out;
    });
    res.set_content(
        str_cat("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                "<title>participa boards</title><link rel=\"icon\" href=\"data:,\"></head>"
                "<body><h1>Boards</h1><ul>\n",
                rows, "</ul></body></html>\n"),
        "text/html; charset=utf-8");
  }

  static std::string html_escape(std::string_view text) {
    std::string out;
    for (char c : text) {
      switch (c) {
        case '<':
          out += "&lt;";
          break;
        case '>':
          out += "&gt;";
          break;
        case '&':
          out += "&amp;";
          break;
        case '"':
          out += "&quot;";
          break;
        default:
          out += c;
      }
    }
    return out;
  }

  store::Ledger& ledger_;
  ParticipantId admin_;
  std::string code_;
  mutable std::mutex sessions_mutex_;
  std::map<std::string, ParticipantId> sessions_;
};

// founder_of — the organization's first admin, who runs every board of the server.
absl::StatusOr<ParticipantId> founder_of(store::Ledger& ledger) {
  PARTICIPA_ASSIGN_OR_RETURN(std::vector<store::Receipt> first, ledger.events(0));
  for (const store::Receipt& receipt : first) {
    if (const auto* founded = std::get_if<sp::OrganizationFounded>(&receipt.event.body)) {
      return founded->founder;
    }
  }
  return absl::FailedPreconditionError("the record holds no organization");
}

std::size_t board_count(store::Ledger& ledger) {
  return ledger.read([](const sp::Organization& o) {
    std::size_t n = 0;
    for (const auto& [id, component] : o.components) {
      if (auto state = ws::state_of(o, id); state.ok()) n += (*state)->boards.size();
    }
    return n;
  });
}

// start_board — a board titled `title`; an empty record gets an organization, a published
// space and a workshops component first.
absl::Status start_board(store::Ledger& ledger, const std::string& title) {
  if (ledger.sequence() == 0) {
    PARTICIPA_RETURN_IF_ERROR(
        ledger
            .execute(sp::Command{{},
                                 "serve/found",
                                 sp::OrganizationFounded{.name = "Atelier",
                                                         .founder_nickname = "facilitator",
                                                         .founder_name = "Facilitator"}})
            .status());
  }
  PARTICIPA_ASSIGN_OR_RETURN(ParticipantId admin, founder_of(ledger));
  const sp::Actor actor{admin};
  auto run = [&](sp::Body body) { return ledger.execute(sp::Command{actor, "", std::move(body)}); };
  ComponentId component = ledger.read([](const sp::Organization& o) {
    for (const auto& [id, c] : o.components) {
      if (c.kind == ws::kKind) return id;
    }
    return ComponentId();
  });
  if (component.is_nil()) {
    PARTICIPA_ASSIGN_OR_RETURN(
        store::Receipt space,
        run(sp::SpaceCreated{.kind = "assembly", .slug = "atelier", .title = "Atelier"}));
    const SpaceId space_id = std::get<sp::SpaceCreated>(space.event.body).space;
    PARTICIPA_RETURN_IF_ERROR(run(sp::SpacePublished{space_id}).status());
    PARTICIPA_ASSIGN_OR_RETURN(
        store::Receipt added,
        run(sp::ComponentAdded{
            .space = space_id, .kind = std::string(ws::kKind), .name = "Boards"}));
    component = std::get<sp::ComponentAdded>(added.event.body).component;
    PARTICIPA_RETURN_IF_ERROR(run(sp::ComponentPublished{component}).status());
  }
  return run(sp::ComponentAction{component, ws::Payload(ws::BoardAdded{.title = title})}).status();
}

int fail(const absl::Status& status) {
  std::cerr << "participa: " << status.message() << "\n";
  return 1;
}

}  // namespace

CLI::App* add_serve_command(CLI::App& app, ServeArgs& args) {
  auto* cmd = app.add_subcommand(
      "serve", "serve a record's workshop boards as a web page on this machine (an atelier)");
  cmd->add_option("--db", args.db, "the record (SQLite)")->required();
  cmd->add_option("--host", args.host, "the address to listen on")->capture_default_str();
  cmd->add_option("--port", args.port, "the port (0: any free port)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--board", args.board, "start a board with this title when the record has none");
  cmd->add_option("--code", args.code, "the facilitator code (default: a random one)");
  return cmd;
}

int run_serve(const ServeArgs& args) {
  store::register_builtin_kinds();
  auto events = store::open_sqlite_store(args.db);
  if (!events.ok()) return fail(events.status());
  auto ledger = store::Ledger::open(*std::move(events));
  if (!ledger.ok()) return fail(ledger.status());
  if (board_count(**ledger) == 0) {
    if (args.board.empty()) {
      return fail(absl::FailedPreconditionError(
          str_cat(args.db, " holds no workshop board: give --board TITLE to start one")));
    }
    absl::Status started = start_board(**ledger, args.board);
    if (!started.ok()) return fail(started);
  } else if (!args.board.empty()) {
    return fail(absl::FailedPreconditionError(
        str_cat(args.db, " holds boards already; --board starts one only in a record without")));
  }
  absl::StatusOr<ParticipantId> admin = founder_of(**ledger);
  if (!admin.ok()) return fail(admin.status());
  const std::string code = args.code.empty() ? random_hex(4) : args.code;

  httplib::Server server;
  // Each open page holds one stream; these threads serve them and every other request.
  server.new_task_queue = [] { return new httplib::ThreadPool(64); };
  BoardServer routes(**ledger, *admin, code);
  routes.route(server);
  const int port = args.port == 0 ? server.bind_to_any_port(args.host)
                                  : (server.bind_to_port(args.host, args.port) ? args.port : -1);
  if (port < 0) {
    return fail(absl::UnavailableError(str_cat("cannot listen on ", args.host, ":", args.port)));
  }
  std::signal(SIGINT, request_stop);
  std::signal(SIGTERM, request_stop);
  std::thread watcher([&server] {
    while (!stop_requested) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    server.stop();
  });
  std::cout << "serving " << board_count(**ledger) << " board(s) on http://" << args.host << ":"
            << port << "/ (facilitator code: " << code << ")" << std::endl;
  const bool listened = server.listen_after_bind();
  stop_requested = true;
  watcher.join();
  return listened ? 0 : fail(absl::InternalError("the server stopped listening"));
}

}  // namespace participa::cli
