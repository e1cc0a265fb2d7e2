// newswatch dashboard: plain DOM, no libraries, nothing fetched from outside this server.
// Text from articles is only ever set with textContent, never parsed as HTML.
"use strict";

const state = { watches: [], alerts: [], selected: null };
const el = (id) => document.getElementById(id);

function node(tag, attrs, ...children) {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") n.className = v; else n.setAttribute(k, v);
  }
  for (const c of children) n.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return n;
}

async function json(url, options) {
  const response = await fetch(url, options);
  const body = response.headers.get("content-type")?.includes("json") ? await response.json() : null;
  if (!response.ok) throw new Error((body && body.error) || response.statusText);
  return body;
}

function levelOf(placeId) {
  let level = "NORMAL";
  for (const a of state.alerts) if (a.placeId === placeId) level = a.level;
  return level;
}

function renderWatchlist() {
  const list = el("watchlist");
  list.replaceChildren();
  if (state.watches.length === 0) list.append(node("li", {}, "Nothing watched yet."));
  for (const w of state.watches) {
    const level = levelOf(w.placeId);
    const remove = node("button", { class: "remove", title: "Stop watching" }, "✕");
    remove.addEventListener("click", async (e) => {
      e.stopPropagation();
      await json(`/api/watches/${w.placeId}`, { method: "DELETE" });
      await loadWatches();
    });
    const item = node("li", { "data-place": w.placeId },
      node("span", { class: `level ${level}` }, level), node("span", { class: "name" }, w.name), remove);
    item.addEventListener("click", () => showTimeline(w.placeId, w.name));
    list.append(item);
  }
}

function alertItem(a, fresh) {
  const evidence = node("ul", {});
  for (const e of a.evidence || []) {
    const title = e.url ? node("a", { href: e.url, rel: "noopener noreferrer", target: "_blank" }, e.title) : node("span", {}, e.title);
    evidence.append(node("li", {}, title, node("span", { class: "meta" }, ` — ${e.source || ""}, ${e.publishedAt}`)));
  }
  return node("li", { class: fresh ? "alert new" : "alert", "data-alert": a.alertId },
    node("span", { class: `level ${a.level}` }, a.level), " ",
    node("span", { class: "summary" }, a.summary),
    node("div", { class: "meta" }, `window ${a.windowStart} – ${a.windowEnd}; baseline ${a.baseline.toFixed(2)}, score ${a.score.toFixed(1)}; sources: ${(a.sources || []).join(", ")}`),
    node("details", {}, node("summary", {}, plural((a.evidence || []).length, "story", "stories")), evidence));
}

function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

function addAlert(a, fresh) {
  if (state.alerts.some((x) => x.alertId === a.alertId)) return;
  state.alerts.push(a);
  el("alerts").prepend(alertItem(a, fresh));
  renderWatchlist();
  if (state.selected && state.selected.id === a.placeId) showTimeline(a.placeId, state.selected.name);
}

async function showTimeline(placeId, name) {
  state.selected = { id: placeId, name };
  el("timeline-section").hidden = false;
  el("timeline-title").textContent = `${name}: stories per bucket`;
  const svg = el("timeline");
  svg.replaceChildren();
  let timeline;
  try {
    timeline = await json(`/api/places/${placeId}/timeline`);
  } catch (e) {
    svg.append(svgNode("text", { x: 10, y: 90, class: "axis" }, "No coverage counted yet for this place."));
    return;
  }
  const buckets = timeline.buckets || [];
  const counts = buckets.map((b) => b.stories.length + (b.rest ? b.rest.reports : 0));
  const max = Math.max(1, timeline.baseline, ...counts);
  const w = 600, h = 150, bw = buckets.length ? w / buckets.length : w;
  buckets.forEach((b, i) => {
    const bh = (counts[i] / max) * (h - 10);
    svg.append(svgNode("rect", { x: i * bw + 4, y: h - bh, width: Math.max(2, bw - 8), height: bh, class: "bar" }));
    svg.append(svgNode("text", { x: i * bw + 4, y: h + 14, class: "axis" }, new Date(b.start).toISOString().slice(5, 16).replace("T", " ")));
  });
  const by = h - (timeline.baseline / max) * (h - 10);
  svg.append(svgNode("line", { x1: 0, x2: w, y1: by, y2: by, class: "baseline" }));
  const first = buckets.length ? buckets[0].start : 0;
  const span = buckets.length ? (buckets[buckets.length - 1].start - first) || 1 : 1;
  for (const a of state.alerts.filter((x) => x.placeId === placeId)) {
    const t = Date.parse(a.detectedAt);
    if (t < first) continue;
    const x = buckets.length > 1 ? ((t - first) / span) * (w - bw) + bw / 2 : w / 2;
    svg.append(svgNode("circle", { cx: Math.min(w - 6, x), cy: 8, r: 5, class: "marker" }, a.level));
  }
}

function svgNode(tag, attrs, title) {
  const n = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
  if (title) {
    if (tag === "text") n.textContent = title;
    else n.append(Object.assign(document.createElementNS("http://www.w3.org/2000/svg", "title"), { textContent: title }));
  }
  return n;
}

async function loadWatches() {
  state.watches = await json("/api/watches");
  renderWatchlist();
  if (!state.selected && state.watches.length > 0) showTimeline(state.watches[0].placeId, state.watches[0].name);
}

el("add-watch").addEventListener("submit", async (e) => {
  e.preventDefault();
  const error = el("watch-error");
  error.hidden = true;
  try {
    await json("/api/watches", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ place: el("watch-name").value }) });
    el("watch-name").value = "";
    await loadWatches();
  } catch (err) {
    error.textContent = err.message;
    error.hidden = false;
  }
});

function start() {
  // The stream first, then the history: an alert raised in between comes by one or the
  // other, and addAlert drops the repeat.
  const stream = new EventSource("/api/alerts/stream");
  stream.addEventListener("open", () => { el("connection").textContent = "live"; el("connection").className = "status live"; });
  stream.addEventListener("error", () => { el("connection").textContent = "reconnecting…"; el("connection").className = "status"; });
  stream.addEventListener("alert", (e) => addAlert(JSON.parse(e.data), true));
  retrying(loadWatches);
  retrying(async () => (await json("/api/alerts")).forEach((a) => addAlert(a, false)));
}

// While the stages start, the API answers 503: try again until it answers.
async function retrying(load) {
  try {
    await load();
  } catch (e) {
    setTimeout(() => retrying(load), 2000);
  }
}

start();
