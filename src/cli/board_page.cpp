#include "board_page.hpp"

#include <string_view>

#include "participa/core/strings.hpp"

namespace participa::cli {
namespace {

constexpr std::string_view kHead = R"html(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>participa board</title>
<link rel="icon" href="data:,">
<style>
body { font-family: "DejaVu Sans", sans-serif; margin: 1rem; background: #f6f6f2; }
header { display: flex; gap: 1rem; align-items: baseline; flex-wrap: wrap; }
#error { color: #a00; min-height: 1.2em; }
#columns { display: flex; gap: 1rem; align-items: flex-start; }
.column { flex: 1; background: #fff; border: 1px solid #ccc; padding: .5rem; min-height: 8rem; }
.sticky, .cluster { border: 1px solid #bbb; margin: .4rem 0; padding: .4rem; }
.sticky.withheld { color: #777; font-style: italic; background: #eee !important; }
.sticky.yellow { background: #fff6a8; } .sticky.pink { background: #ffd0e0; }
.sticky.blue { background: #cfe6ff; } .sticky.green { background: #d4f5cf; }
.sticky.orange { background: #ffe0b8; } .sticky.purple { background: #e6d4ff; }
.cluster { background: #fff; } .author, .count { color: #555; font-size: .85em; }
</style>
</head>
)html";

constexpr std::string_view kBody = R"html(
<header>
  <h1 id="title">Board</h1>
  <span>stage: <b id="stage"></b></span>
  <span id="who"></span>
  <span>dots left: <b id="dots-left"></b></span>
</header>
<form id="join" hidden>
  <input id="join-name" placeholder="Your name" autocomplete="off">
  <input id="join-code" placeholder="Facilitator code (optional)" autocomplete="off">
  <button id="join-button" type="submit">Join</button>
</form>
<div id="error" role="alert"></div>
<div id="controls" hidden>
  <p>
    <select id="sticky-column"></select>
    <input id="sticky-text" placeholder="Write a sticky" autocomplete="off">
    <button id="write-button" type="button">Add</button>
  </p>
  <p>
    <input id="cluster-title" placeholder="Cluster title" autocomplete="off">
    <button id="cluster-button" type="button">Cluster the picked stickies</button>
  </p>
  <p id="facilitate" hidden>
    <select id="stage-select">
      <option>write</option><option>group</option><option>vote</option>
      <option>discuss</option><option>actions</option>
    </select>
    <button id="stage-button" type="button">Set stage</button>
    <button id="reveal-stickies" type="button">Reveal stickies</button>
    <button id="reveal-dots" type="button">Reveal dots</button>
  </p>
</div>
<main id="columns"></main>
<h2>Clusters</h2>
<section id="clusters"></section>
<script>
"use strict";
const page = document.body.dataset;
const base = "/api/board/" + page.component + "/" + page.board;
let view = null;
let loading = Promise.resolve();

function $(id) { return document.getElementById(id); }
function element(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}
function showError(message) { $("error").textContent = message || ""; }

async function post(url, body) {
  const response = await fetch(url, {method: "POST", headers: {"Content-Type": "application/json"},
                                     body: JSON.stringify(body), credentials: "same-origin"});
  const answer = await response.json();
  showError(response.ok ? "" : answer.error);
  return response.ok;
}
async function act(body) {
  if (await post(base, body)) await load();
}

function dotControls(item, mine) {
  const span = element("span", "dot-controls");
  const plus = element("button", "dot-plus", "+");
  const minus = element("button", "dot-minus", "\u2212");
  plus.type = minus.type = "button";
  plus.onclick = () => act(Object.assign({action: "dots", dots: mine + 1}, item));
  minus.onclick = () => act(Object.assign({action: "dots", dots: Math.max(0, mine - 1)}, item));
  span.append(minus, plus);
  return span;
}
function countText(item) {
  const total = item.dots === null ? "hidden" : String(item.dots);
  return "dots: " + total + " (mine " + item.my_dots + ")";
}

function render() {
  $("title").textContent = view.title;
  $("stage").textContent = view.stage;
  $("dots-left").textContent = String(view.dots_left);
  $("facilitate").hidden = !view.facilitator;
  const column = $("sticky-column");
  const chosen = column.value;
  column.replaceChildren(...view.columns.map(c => {
    const option = element("option", "", c.title);
    option.value = c.id;
    return option;
  }));
  if (chosen) column.value = chosen;
  const picked = new Set([...document.querySelectorAll(".pick:checked")].map(p => p.value));
  const columns = view.columns.map(c => {
    const section = element("section", "column");
    section.dataset.id = c.id;
    section.append(element("h2", "", c.title));
    for (const s of view.stickies.filter(s => s.column === c.id)) {
      const card = element("div", "sticky " + (s.withheld ? "withheld" : s.colour));
      card.dataset.id = s.id;
      if (s.mine) card.classList.add("mine");
      const pick = element("input", "pick");
      pick.type = "checkbox";
      pick.value = s.id;
      pick.checked = picked.has(s.id);
      card.append(pick, element("span", "text", s.withheld ? "(written privately)" : s.text));
      if (s.author_name) card.append(" ", element("span", "author", "\u2014 " + s.author_name));
      if (s.cluster === null && !s.withheld) {
        card.append(" ", element("span", "count", countText(s)),
                    dotControls({sticky: s.id}, s.my_dots));
      }
      if (s.mine) {
        const remove = element("button", "remove", "remove");
        remove.type = "button";
        remove.onclick = () => act({action: "remove", sticky: s.id});
        card.append(" ", remove);
      }
      section.append(card);
    }
    return section;
  });
  $("columns").replaceChildren(...columns);
  $("clusters").replaceChildren(...view.clusters.map(k => {
    const box = element("div", "cluster");
    box.dataset.id = k.id;
    box.append(element("h3", "title", k.title), element("span", "count", countText(k)),
               dotControls({cluster: k.id}, k.my_dots));
    return box;
  }));
}

async function load() {
  loading = loading.then(async () => {
    const response = await fetch(base, {credentials: "same-origin", cache: "no-store"});
    if (response.ok) {
      view = await response.json();
      render();
      document.body.dataset.loaded = String(Number(document.body.dataset.loaded || 0) + 1);
    }
  });
  return loading;
}

async function start() {
  const who = await (await fetch("/api/me", {credentials: "same-origin"})).json();
  if (!who.joined) {
    $("join").hidden = false;
    $("join").onsubmit = async event => {
      event.preventDefault();
      if (await post("/api/join", {name: $("join-name").value, code: $("join-code").value})) {
        location.reload();
      }
    };
    await load();
    return;
  }
  $("who").textContent = who.nickname + (who.facilitator ? " (facilitator)" : "");
  $("controls").hidden = false;
  $("write-button").onclick = async () => {
    await act({action: "write", column: $("sticky-column").value, text: $("sticky-text").value});
    $("sticky-text").value = "";
  };
  $("cluster-button").onclick = () => act({
    action: "cluster", title: $("cluster-title").value,
    stickies: [...document.querySelectorAll(".pick:checked")].map(p => p.value)});
  $("stage-button").onclick = () => act({action: "stage", stage: $("stage-select").value});
  $("reveal-stickies").onclick = () => act({action: "reveal", stickies: true});
  $("reveal-dots").onclick = () => act({action: "reveal", dots: true});
  await load();
  const feed = new EventSource(base + "/events");
  feed.onmessage = () => load();
  feed.onopen = () => { document.body.dataset.live = "true"; load(); };
}
start();
</script>
</body>
</html>
)html";

}  // namespace

std::string board_page(const std::string& component, const std::string& board) {
  // The ids come from the route, which admits only hexadecimal digits and '-'.
  return str_cat(kHead, "<body data-component=\"", component, "\" data-board=\"", board, "\">",
                 kBody);
}

}  // namespace participa::cli
