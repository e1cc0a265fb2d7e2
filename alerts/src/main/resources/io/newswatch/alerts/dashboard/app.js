// newswatch dashboard: plain DOM, no libraries, nothing fetched from outside this server.
// Text from articles is only ever set with textContent, never parsed as HTML; it is shown
// through clean(), links only for http(s) URLs. The page runs under a Content-Security-Policy
// without inline script or style, so nothing here may add either.
"use strict";

const state = { watches: [], alerts: [], selected: null };
const el = (id) => document.getElementById(id);
const LEVELS = ["NORMAL", "ELEVATED", "ESCALATING", "CRITICAL"];
const TOKEN_KEY = "newswatch-token";

// Bidirectional controls (a right-to-left override reverses the text after it) and
// zero-width characters (which hide a word's real spelling) never reach the page.
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** Text from alerts and articles as shown: invisible controls out, at most max characters. */
function clean(text, max) {
  const chars = Array.from(String(text ?? "").replace(INVISIBLE, ""));
  return chars.length > max ? chars.slice(0, max - 1).join("") + "…" : chars.join("");
}

/** The URL when it is http(s), else null: a javascript: or data: URL never becomes a link. */
function safeHref(url) {
  try {
    const u = new URL(String(url));
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch (e) {
    return null;
  }
}

function levelName(level) {
  return LEVELS.includes(level) ? level : "NORMAL";
}

// The access token, when the server wants one: kept for this browser session only. The
// address newswatch prints may carry it as #token=...; it is taken out of the address bar.
(function tokenFromAddress() {
  const m = location.hash.match(/^#token=([A-Za-z0-9._~-]+)$/);
  if (m) {
    sessionStorage.setItem(TOKEN_KEY, m[1]);
    history.replaceState(null, "", location.pathname + location.search);
  }
})();

function withToken(headers) {
  const all = Object.assign({}, headers);
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) all.Authorization = `Bearer ${token}`;
  return all;
}

function sessionTokenOf(headers) {
  return headers.Authorization ? headers.Authorization.slice("Bearer ".length) : null;
}

class NeedsToken extends Error {}

/** Shows the token form; a token refused is forgotten, unless another was given meanwhile. */
function askForToken(refused) {
  if (sessionStorage.getItem(TOKEN_KEY) === refused) sessionStorage.removeItem(TOKEN_KEY);
  if (el("token-section").hidden) {
    el("token-section").hidden = false;
    el("token").focus();
  }
}

function node(tag, attrs, ...children) {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") n.className = v; else n.setAttribute(k, v);
  }
  for (const c of children) n.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return n;
}

async function json(url, options = {}) {
  const headers = withToken(options.headers);
  const response = await fetch(url, Object.assign({}, options, { headers }));
  if (response.status === 401) {
    askForToken(sessionTokenOf(headers));
    throw new NeedsToken("this server needs its access token");
  }
  const body = response.headers.get("content-type")?.includes("json") ? await response.json() : null;
  if (!response.ok) throw new Error((body && body.error) || response.statusText);
  return body;
}

function levelOf(placeId) {
  let level = "NORMAL";
  for (const a of state.alerts) if (a.placeId === placeId) level = levelName(a.level);
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
      await json(`/api/watches/${encodeURIComponent(w.placeId)}`, { method: "DELETE" });
      await loadWatches();
    });
    const item = node("li", { "data-place": w.placeId },
      node("span", { class: `level ${level}` }, level), node("span", { class: "name" }, clean(w.name, 120)), remove);
    item.addEventListener("click", () => showTimeline(w.placeId, w.name));
    list.append(item);
  }
}

function alertItem(a, fresh) {
  const evidence = node("ul", {});
  for (const e of a.evidence || []) {
    const href = safeHref(e.url);
    const text = clean(e.title, 300);
    const title = href ? node("a", { href, rel: "noopener noreferrer", target: "_blank" }, text) : node("span", {}, text);
    evidence.append(node("li", {}, title, node("span", { class: "meta" }, ` — ${clean(e.source, 80)}, ${clean(e.publishedAt, 40)}`)));
  }
  const sources = (a.sources || []).slice(0, 20).map((s) => clean(s, 80)).join(", ")
    + ((a.sources || []).length > 20 ? ` and ${a.sources.length - 20} more` : "");
  const level = levelName(a.level);
  return node("li", { class: fresh ? "alert new" : "alert", "data-alert": clean(a.alertId, 80) },
    node("span", { class: `level ${level}` }, level), " ",
    node("span", { class: "summary" }, clean(a.summary, 400)),
    node("div", { class: "meta" }, `window ${clean(a.windowStart, 40)} – ${clean(a.windowEnd, 40)}; baseline ${Number(a.baseline).toFixed(2)}, score ${Number(a.score).toFixed(1)}; sources: ${sources}`),
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
  el("timeline-title").textContent = `${clean(name, 120)}: stories per bucket`;
  const svg = el("timeline");
  svg.replaceChildren();
  let timeline;
  try {
    timeline = await json(`/api/places/${encodeURIComponent(placeId)}/timeline`);
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
    svg.append(svgNode("circle", { cx: Math.min(w - 6, x), cy: 8, r: 5, class: "marker" }, levelName(a.level)));
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

el("token-form").addEventListener("submit", (e) => {
  e.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, el("token").value.trim());
  el("token").value = "";
  el("token-section").hidden = true;
  retrying(loadWatches);
  retrying(loadAlerts);
});

async function loadAlerts() {
  (await json("/api/alerts")).forEach((a) => addAlert(a, false));
}

function setConnection(text, live) {
  el("connection").textContent = text;
  el("connection").className = live ? "status live" : "status";
}

/** One server-sent event block: its event name, data and id. */
function parseEvent(block) {
  const event = { name: "message", data: [], id: null };
  for (const line of block.split(/\r?\n/)) {
    if (line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "event") event.name = value;
    else if (field === "data") event.data.push(value);
    else if (field === "id") event.id = value;
  }
  return event;
}

// The alert stream, read with fetch rather than EventSource, which cannot send the access
// token. Like EventSource it reconnects, resuming after the last event with Last-Event-ID.
async function follow() {
  let lastEventId = null;
  for (;;) {
    try {
      const headers = withToken({ Accept: "text/event-stream" });
      if (lastEventId) headers["Last-Event-ID"] = lastEventId;
      const response = await fetch("/api/alerts/stream", { headers, cache: "no-store" });
      if (response.status === 401) {
        askForToken(sessionTokenOf(headers));
      } else if (response.ok && response.body) {
        setConnection("live", true);
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end;
          while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
            const event = parseEvent(buffer.slice(0, end));
            buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, "");
            if (event.id !== null) lastEventId = event.id;
            if (event.name === "alert" && event.data.length) addAlert(JSON.parse(event.data.join("\n")), true);
          }
        }
      }
    } catch (e) {
      // the server stopped or the network dropped: reconnect below
    }
    setConnection("reconnecting…", false);
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

function start() {
  // The stream first, then the history: an alert raised in between comes by one or the
  // other, and addAlert drops the repeat.
  follow();
  retrying(loadWatches);
  retrying(loadAlerts);
}

// While the stages start, the API answers 503: try again until it answers.
// Without the token there is nothing to retry: the token form starts the loads again.
async function retrying(load) {
  try {
    await load();
  } catch (e) {
    if (!(e instanceof NeedsToken)) setTimeout(() => retrying(load), 2000);
  }
}

start();
