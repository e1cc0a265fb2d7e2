// newswatch dashboard: plain DOM, no libraries, nothing fetched from outside this server.
// Text from articles is only ever set with textContent, never parsed as HTML; it is shown
// through clean(), links only for http(s) URLs. The page runs under a Content-Security-Policy
// without inline script or style, so nothing here may add either.
"use strict";

/** places by id (string), as GET /api/places gives them; alerts newest first; the place shown. */
const state = { places: new Map(), watches: [], alerts: [], selected: null, timeline: null };
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
  if (!response.ok) throw Object.assign(new Error((body && body.error) || response.statusText), { body });
  return body;
}

// ---- What the page knows: places (GET /api/places), watches, alerts (newest first). ----

function levelRank(level) {
  return LEVELS.indexOf(levelName(level));
}

/** Names compared as a desk types them: case, accents and apostrophes aside. */
function folded(text) {
  return String(text ?? "").normalize("NFD").replace(/[\u0300-\u036f'’ʼ`]/g, "").toLowerCase();
}

/** The place's level now, from its detector; NORMAL for a place with no coverage counted yet. */
function levelOf(placeId) {
  const place = state.places.get(String(placeId));
  return place ? levelName(place.level) : "NORMAL";
}

function placeName(placeId) {
  const id = String(placeId);
  const place = state.places.get(id);
  if (place) return place.placeName;
  const watch = state.watches.find((w) => String(w.placeId) === id);
  if (watch) return watch.name;
  const alert = state.alerts.find((a) => String(a.placeId) === id);
  return alert ? alert.placeName : id;
}

/** 2025-11-20 10:40 (UTC, as the whole page). */
function when(iso) {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? clean(iso, 40) : new Date(t).toISOString().slice(0, 16).replace("T", " ");
}

function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

function filters() {
  return { minLevel: el("filter-level").value, place: el("filter-place").value, search: folded(el("search").value.trim()) };
}

function matchesName(name, f) {
  return !f.search || folded(name).includes(f.search);
}

// ---- Watches ----

function renderWatchlist() {
  const list = el("watchlist");
  list.replaceChildren();
  if (state.watches.length === 0) list.append(node("li", {}, "Nothing watched yet."));
  for (const w of state.watches) {
    const level = levelOf(w.placeId);
    const counted = state.places.has(String(w.placeId));
    const remove = node("button", { class: "remove", title: "Stop watching", type: "button" }, "✕");
    remove.addEventListener("click", async (e) => {
      e.stopPropagation();
      await json(`/api/watches/${encodeURIComponent(w.placeId)}`, { method: "DELETE" });
      await loadWatches();
    });
    const item = node("li", { "data-place": String(w.placeId), title: counted ? "" : "no coverage counted yet" },
      node("span", { class: `level ${level}` }, level), node("span", { class: "name" }, clean(w.name, 120)),
      node("span", { class: "meta" }, `from ${levelName(w.minLevel)}`), remove);
    item.addEventListener("click", () => selectPlace(w.placeId));
    list.append(item);
  }
}

async function loadWatches() {
  state.watches = await json("/api/watches");
  renderWatchlist();
  if (!state.selected && state.watches.length > 0) selectPlace(state.watches[0].placeId);
}

async function addWatch(place) {
  const error = el("watch-error");
  const candidates = el("candidates");
  error.hidden = true;
  candidates.hidden = true;
  candidates.replaceChildren();
  try {
    await json("/api/watches", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ place, minLevel: el("watch-level").value }) });
    el("watch-name").value = "";
    await loadWatches();
  } catch (err) {
    error.textContent = clean(err.message, 300);
    error.hidden = false;
    for (const c of (err.body && err.body.candidates) || []) {
      const where = [c.kind, c.admin1, c.countryCode].filter(Boolean).map((x) => clean(x, 60)).join(", ");
      const pick = node("button", { type: "button", "data-place": String(c.placeId) },
        `${clean(c.name, 80)} (${where}; population ${Number(c.population).toLocaleString("en")})`);
      pick.addEventListener("click", () => addWatch(String(c.placeId)));
      candidates.append(node("li", {}, pick));
    }
    candidates.hidden = candidates.childElementCount === 0;
  }
}

el("add-watch").addEventListener("submit", (e) => {
  e.preventDefault();
  addWatch(el("watch-name").value.trim());
});

// ---- Places: the map's data, polled, as coverage moves without alerts too ----

async function loadPlaces() {
  const places = await json("/api/places");
  state.places = new Map(places.map((p) => [String(p.placeId), p]));
  renderWatchlist();
  renderMap();
  renderAlerts();
}

let placesReload = null;
/** Reloads the places soon: several alerts at once make one request. */
function placesChanged() {
  if (placesReload) return;
  placesReload = setTimeout(() => {
    placesReload = null;
    loadPlaces().catch(() => { /* the next change or poll tries again */ });
  }, 300);
}

// ---- The map: Natural Earth countries (TopoJSON), equirectangular, drawn as SVG ----

const MAP_W = 800, MAP_H = 440;
const map = { countries: null, view: null, fitted: false };

/** A TopoJSON topology's countries as rings of [lon, lat], each with its bounding box. */
function decodeCountries(topology) {
  const [sx, sy] = topology.transform.scale;
  const [tx, ty] = topology.transform.translate;
  const arcs = topology.arcs.map((arc) => {
    let x = 0, y = 0;
    return arc.map(([dx, dy]) => {
      x += dx;
      y += dy;
      return [x * sx + tx, y * sy + ty];
    });
  });
  const ring = (indexes) => {
    const points = [];
    for (const i of indexes) {
      const arc = i >= 0 ? arcs[i] : arcs[~i].slice().reverse();
      points.push(...(points.length ? arc.slice(1) : arc));
    }
    return points;
  };
  return topology.objects.countries.geometries.map((g) => {
    const polygons = g.type === "Polygon" ? [g.arcs] : g.type === "MultiPolygon" ? g.arcs : [];
    const rings = polygons.flatMap((polygon) => polygon.map(ring));
    const all = rings.flat();
    const largest = rings.reduce((a, b) => (b.length > a.length ? b : a), []);
    const lons = largest.map((p) => p[0]), lats = largest.map((p) => p[1]);
    return {
      name: g.properties ? g.properties.name : "",
      rings,
      // the middle of its largest ring's box: inside for most countries, good enough for a name
      labelAt: largest.length ? [(Math.min(...lons) + Math.max(...lons)) / 2, (Math.min(...lats) + Math.max(...lats)) / 2] : [0, 0],
      box: [Math.min(...all.map((p) => p[0])), Math.min(...all.map((p) => p[1])),
        Math.max(...all.map((p) => p[0])), Math.max(...all.map((p) => p[1]))],
    };
  });
}

async function loadMap() {
  const response = await fetch("/countries-50m.json");
  if (!response.ok) throw new Error("map data missing");
  map.countries = decodeCountries(await response.json());
  renderMap();
}

/** The places the map shows: the filters' level and search applied. */
function mappedPlaces() {
  const f = filters();
  return [...state.places.values()].filter((p) =>
    levelRank(p.level) >= levelRank(f.minLevel) && matchesName(p.placeName, f));
}

/** A view [west, south, east, north] around the places, at least a few degrees across. */
function fittedView(places) {
  if (places.length === 0) return [-12, 34, 50, 62]; // Europe, until there is a place to show
  const lons = places.map((p) => p.lon), lats = places.map((p) => p.lat);
  const cx = (Math.min(...lons) + Math.max(...lons)) / 2, cy = (Math.min(...lats) + Math.max(...lats)) / 2;
  const half = Math.max(3, (Math.max(...lats) - Math.min(...lats)) * 0.65, (Math.max(...lons) - Math.min(...lons)) * 0.4);
  return [cx - half * 1.8, cy - half, cx + half * 1.8, cy + half];
}

/** The projection of the current view: longitudes shrunk by the cosine of its middle latitude. */
function projection() {
  const [w, s, e, n] = map.view;
  const k = Math.cos(((s + n) / 2) * Math.PI / 180);
  const scale = Math.min(MAP_W / ((e - w) * k), MAP_H / (n - s));
  const cx = (w + e) / 2, cy = (s + n) / 2;
  const project = ([lon, lat]) => [MAP_W / 2 + (lon - cx) * k * scale, MAP_H / 2 - (lat - cy) * scale];
  project.kmPerPixel = 111.32 / scale;
  project.visible = (box) => !(box[2] < cx - MAP_W / 2 / (k * scale) || box[0] > cx + MAP_W / 2 / (k * scale)
    || box[3] < cy - MAP_H / 2 / scale || box[1] > cy + MAP_H / 2 / scale);
  project.invert = ([x, y]) => [cx + (x - MAP_W / 2) / (k * scale), cy - (y - MAP_H / 2) / scale];
  return project;
}

function zoom(factor, centre) {
  const [w, s, e, n] = map.view;
  const [cx, cy] = centre || [(w + e) / 2, (s + n) / 2];
  const hw = ((e - w) / 2) * factor, hh = Math.min(85, ((n - s) / 2) * factor);
  map.view = [cx - hw, cy - hh, cx + hw, cy + hh];
  renderMap();
}

function renderMap() {
  const svg = el("map");
  const places = mappedPlaces();
  if (!map.view || (!map.fitted && places.length > 0)) {
    map.view = fittedView(places);
    map.fitted = places.length > 0;
  }
  const project = projection();
  const layers = [svgNode("rect", { x: 0, y: 0, width: MAP_W, height: MAP_H, class: "sea" })];
  const names = [];
  for (const c of map.countries || []) {
    if (!project.visible(c.box)) continue;
    const d = c.rings.map((r) => "M" + r.map((p) => project(p).map((v) => v.toFixed(1)).join(" ")).join("L") + "Z").join("");
    layers.push(svgNode("path", { d, class: "country" }, clean(c.name, 80)));
    const [lx, ly] = project(c.labelAt);
    if (lx > 40 && lx < MAP_W - 40 && ly > 20 && ly < MAP_H - 20 && project.kmPerPixel < 15) {
      names.push(svgNode("text", { x: lx.toFixed(1), y: ly.toFixed(1), class: "country-name" }, clean(c.name, 40)));
    }
  }
  layers.push(...names);
  layers.push(...graticule(project), scaleBar(project));
  // the highest levels last, so that they are drawn on top
  for (const p of places.slice().sort((a, b) => levelRank(a.level) - levelRank(b.level) || b.reports - a.reports)) {
    const [x, y] = project([p.lon, p.lat]);
    if (x < -30 || x > MAP_W + 30 || y < -30 || y > MAP_H + 30) continue;
    const level = levelName(p.level);
    const r = Math.min(26, 4 + 2.5 * Math.sqrt(Math.max(0, p.reports)));
    const selected = state.selected === String(p.placeId);
    const g = svgNode("g", { class: `place ${level}${selected ? " selected" : ""}`, "data-place": String(p.placeId),
      "data-level": level, tabindex: "0" });
    g.append(svgNode("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: r.toFixed(1) },
      `${clean(p.placeName, 120)}: ${level}, ${plural(p.reports, "report", "reports")} in the window to ${when(p.windowEnd)}`));
    if (level !== "NORMAL" || selected || state.watches.some((w) => String(w.placeId) === String(p.placeId))) {
      g.append(svgNode("text", { x: (x + r + 3).toFixed(1), y: (y + 4).toFixed(1), class: "label" }, clean(p.placeName, 60)));
    }
    g.addEventListener("click", () => selectPlace(p.placeId));
    g.addEventListener("keydown", (e) => { if (e.key === "Enter") selectPlace(p.placeId); });
    layers.push(g);
  }
  svg.replaceChildren(...layers);
}

/** Parallels and meridians at a round step, labelled at the edges. */
function graticule(project) {
  const [w, s, e, n] = [project.invert([0, MAP_H])[0], project.invert([0, MAP_H])[1],
    project.invert([MAP_W, 0])[0], project.invert([MAP_W, 0])[1]];
  const span = Math.max(e - w, n - s);
  const step = [1, 2, 5, 10, 20, 30].find((x) => span / x <= 10) || 60;
  const lines = [];
  for (let lon = Math.ceil(w / step) * step; lon <= e; lon += step) {
    const [x] = project([lon, 0]);
    lines.push(svgNode("line", { x1: x, x2: x, y1: 0, y2: MAP_H, class: "grid" }));
    lines.push(svgNode("text", { x: x + 2, y: MAP_H - 4, class: "axis" }, `${Math.abs(lon)}°${lon < 0 ? "W" : "E"}`));
  }
  for (let lat = Math.ceil(s / step) * step; lat <= n; lat += step) {
    const [, y] = project([0, lat]);
    lines.push(svgNode("line", { x1: 0, x2: MAP_W, y1: y, y2: y, class: "grid" }));
    lines.push(svgNode("text", { x: 3, y: y - 2, class: "axis" }, `${Math.abs(lat)}°${lat < 0 ? "S" : "N"}`));
  }
  return lines;
}

/** A bar of a round number of kilometres, true at the view's middle latitude. */
function scaleBar(project) {
  const km = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000].find((k) => k / project.kmPerPixel >= 60) || 5000;
  const len = km / project.kmPerPixel;
  const g = svgNode("g", { class: "scale" });
  g.append(svgNode("line", { x1: MAP_W - 20 - len, x2: MAP_W - 20, y1: MAP_H - 14, y2: MAP_H - 14 }),
    svgNode("text", { x: MAP_W - 20 - len, y: MAP_H - 20, class: "axis" }, `${km} km`));
  return g;
}

el("map-fit").addEventListener("click", () => { map.view = fittedView(mappedPlaces()); renderMap(); });
el("map-in").addEventListener("click", () => zoom(0.5));
el("map-out").addEventListener("click", () => zoom(2));
el("map").addEventListener("wheel", (e) => {
  e.preventDefault();
  const box = el("map").getBoundingClientRect();
  const centre = projection().invert([(e.clientX - box.left) * MAP_W / box.width, (e.clientY - box.top) * MAP_H / box.height]);
  const [w, s, ee, n] = map.view;
  const f = e.deltaY > 0 ? 1.25 : 0.8;
  // zoom about the pointer: the point under it stays put
  map.view = [centre[0] - (centre[0] - w) * f, centre[1] - (centre[1] - s) * f, centre[0] + (ee - centre[0]) * f, centre[1] + (n - centre[1]) * f];
  renderMap();
}, { passive: false });

// ---- A place's panel: its timeline and its window's stories ----

function selectPlace(placeId) {
  state.selected = String(placeId);
  renderMap();
  showPlace();
}

/** A bucket's length in hours, from its ISO-8601 duration (PT1H, PT24H, PT30M). */
function bucketHours(duration) {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?$/.exec(String(duration));
  return m ? Number(m[1] || 0) + Number(m[2] || 0) / 60 : 1;
}

function bucketWord(hours) {
  return hours === 1 ? "hour" : hours === 24 ? "day" : `${hours} h`;
}

async function showPlace() {
  const placeId = state.selected;
  const section = el("place-section");
  section.hidden = false;
  const level = levelOf(placeId);
  el("place-level").className = `level ${level}`;
  el("place-level").textContent = level;
  el("place-title").textContent = clean(placeName(placeId), 120);
  let timeline;
  try {
    timeline = await json(`/api/places/${encodeURIComponent(placeId)}/timeline`);
  } catch (e) {
    if (state.selected !== placeId) return;
    el("place-meta").textContent = "No coverage counted yet for this place.";
    el("timeline").replaceChildren();
    el("place-stories-title").textContent = "";
    el("place-stories").replaceChildren();
    return;
  }
  if (state.selected !== placeId) return; // another place was chosen meanwhile
  state.timeline = timeline;
  el("place-level").className = `level ${levelName(timeline.level)}`;
  el("place-level").textContent = levelName(timeline.level);
  const hours = bucketHours(timeline.bucket);
  el("place-meta").textContent = `Window ${when(timeline.windowStart)} – ${when(timeline.windowEnd)}; `
    + `usually ${Number(timeline.baseline).toFixed(2)} stories a ${bucketWord(hours)}. `
    + "The level moves with the place's own coverage: it holds until a later story shows its window calmer.";
  drawTimeline();
  const stories = el("place-stories");
  stories.replaceChildren();
  for (const s of timeline.stories || []) stories.append(storyItem(s, s.echoOf ? " (a copy)" : ""));
  el("place-stories-title").textContent = `Every story of the window, newest first: ${(timeline.stories || []).length}`
    + (timeline.storiesNotKept ? `, and ${timeline.storiesNotKept} more counted but not kept` : "");
}

function storyItem(s, note) {
  const href = safeHref(s.url);
  const text = clean(s.title, 300);
  const title = href ? node("a", { href, rel: "noopener noreferrer", target: "_blank" }, text) : node("span", {}, text);
  return node("li", {}, node("time", { datetime: clean(s.publishedAt, 40) }, when(s.publishedAt)), " ", title,
    node("span", { class: "meta" }, ` — ${clean(s.source, 80)}${note}`));
}

el("timeline-range").addEventListener("change", drawTimeline);

const CHART = { w: 800, h: 240, left: 44, right: 12, top: 22, bottom: 42 };

/** Round steps for an axis from 0 to max, about five of them. */
function ticks(max) {
  const step = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].find((s) => max / s <= 6) || Math.ceil(max / 5);
  const out = [];
  for (let v = 0; v <= max + 1e-9; v += step) out.push(v);
  return out;
}

function drawTimeline() {
  const timeline = state.timeline;
  const svg = el("timeline");
  if (!timeline) return;
  const range = el("timeline-range").value;
  let buckets = timeline.buckets || [];
  if (range === "window") buckets = buckets.filter((b) => b.inWindow);
  else if (range !== "all") buckets = buckets.slice(-Number(range));
  const bucketMs = bucketHours(timeline.bucket) * 3600e3;
  const from = buckets.length ? Date.parse(buckets[0].start) : Date.parse(timeline.windowStart);
  const to = Date.parse(timeline.windowEnd);
  const max = Math.max(1, Number(timeline.baseline), ...buckets.map((b) => b.stories));
  const yTicks = ticks(max * 1.1);
  const top = yTicks[yTicks.length - 1] || 1;
  const { w, h, left, right, top: t0, bottom } = CHART;
  const x = (ms) => left + ((ms - from) / Math.max(1, to - from)) * (w - left - right);
  const y = (v) => h - bottom - (v / top) * (h - bottom - t0);
  const parts = [];
  // the window, shaded
  const ws = Math.max(from, Date.parse(timeline.windowStart));
  parts.push(svgNode("rect", { x: x(ws), y: t0, width: Math.max(0, x(to) - x(ws)), height: h - bottom - t0, class: "window" }));
  parts.push(svgNode("text", { x: x(to), y: t0 - 8, class: "axis end" }, "window"));
  for (const v of yTicks) {
    parts.push(svgNode("line", { x1: left, x2: w - right, y1: y(v), y2: y(v), class: "grid" }));
    parts.push(svgNode("text", { x: left - 6, y: y(v) + 3, class: "axis end" }, String(v)));
  }
  parts.push(svgNode("text", { x: 4, y: t0 - 8, class: "axis" }, `stories per ${bucketWord(bucketHours(timeline.bucket))}`));
  for (const b of buckets) {
    const start = Date.parse(b.start);
    const bw = Math.max(1, x(start + bucketMs) - x(start) - (x(start + bucketMs) - x(start) > 4 ? 1 : 0));
    if (b.stories === 0) continue;
    parts.push(svgNode("rect", { x: x(start), y: y(b.stories), width: bw, height: y(0) - y(b.stories),
      class: b.inWindow ? "bar in-window" : "bar", "data-start": clean(b.start, 40), "data-stories": String(b.stories) },
      `${when(b.start)}: ${plural(b.stories, "story", "stories")}, ${plural(b.reports, "report", "reports")}`));
  }
  // the usual: the baseline the window is judged against
  parts.push(svgNode("line", { x1: left, x2: w - right, y1: y(timeline.baseline), y2: y(timeline.baseline), class: "baseline" }));
  parts.push(svgNode("text", { x: left + 4, y: y(timeline.baseline) - 4, class: "axis" }, `usual ${Number(timeline.baseline).toFixed(2)}`));
  // the time axis: days (or, over a day or less, hours), in UTC
  parts.push(svgNode("line", { x1: left, x2: w - right, y1: y(0), y2: y(0), class: "axis-line" }));
  for (const tick of timeTicks(from, to)) {
    parts.push(svgNode("line", { x1: x(tick.at), x2: x(tick.at), y1: y(0), y2: y(0) + 5, class: "axis-line" }));
    parts.push(svgNode("text", { x: x(tick.at), y: y(0) + 17, class: "axis middle" }, tick.label));
  }
  parts.push(svgNode("text", { x: w - right, y: h - 4, class: "axis end" }, "UTC"));
  for (const a of state.alerts.filter((x) => String(x.placeId) === String(timeline.placeId))) {
    const at = Date.parse(a.detectedAt);
    if (at < from || at > to) continue;
    const level = levelName(a.level);
    const g = svgNode("g", { class: `marker ${level}`, "data-level": level });
    g.append(svgNode("line", { x1: x(at), x2: x(at), y1: t0, y2: y(0) }),
      svgNode("circle", { cx: x(at), cy: t0 + 6, r: 5 }, `${level} at ${when(a.detectedAt)}`));
    parts.push(g);
  }
  svg.replaceChildren(...parts);
}

/** Ticks at midnights over days, at round hours within one or two days; a label each. */
function timeTicks(from, to) {
  const hour = 3600e3, day = 24 * hour;
  const span = to - from;
  const step = span <= 12 * hour ? hour : span <= 2 * day ? 6 * hour : span <= 16 * day ? day : 7 * day;
  const out = [];
  for (let at = Math.ceil(from / step) * step; at <= to; at += step) {
    const d = new Date(at);
    const label = step < day ? (d.getUTCHours() === 0 ? d.toUTCString().slice(5, 11) : d.toISOString().slice(11, 16))
      : d.toUTCString().slice(0, 11).replace(",", "");
    out.push({ at, label });
  }
  return out;
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

// ---- Alerts: newest first, filtered ----

const fresh = new Set();

function newestFirst(a, b) {
  return Date.parse(b.detectedAt) - Date.parse(a.detectedAt) || String(b.alertId).localeCompare(String(a.alertId));
}

function alertItem(a) {
  const level = levelName(a.level);
  const evidence = (a.evidence || []).slice().sort((x, y) => Date.parse(y.publishedAt) - Date.parse(x.publishedAt));
  const list = node("ol", {});
  for (const e of evidence) list.append(storyItem(e, ""));
  const sources = (a.sources || []).slice(0, 20).map((s) => clean(s, 80)).join(", ")
    + ((a.sources || []).length > 20 ? ` and ${a.sources.length - 20} more` : "");
  const place = node("button", { type: "button", class: "place-link" }, clean(a.placeName, 120));
  place.addEventListener("click", () => selectPlace(a.placeId));
  const newSources = /\((\d+) new\)/.exec(String(a.summary || ""));
  const told = evidence.length < Number(a.stories)
    ? `The ${evidence.length} most telling of its ${a.stories} stories, newest first (every story is in the place's panel)`
    : `${plural(evidence.length, "story", "stories")}, newest first`;
  return node("li", { class: fresh.has(a.alertId) ? "alert new" : "alert", "data-alert": clean(a.alertId, 80), "data-level": level },
    node("time", { datetime: clean(a.detectedAt, 40) }, when(a.detectedAt)), " ",
    node("span", { class: `level ${level}` }, level), " ", place,
    node("span", { class: "meta" }, ` from ${levelName(a.previousLevel)}`),
    node("div", { class: "summary" }, clean(a.summary, 400)),
    node("div", { class: "meta" }, `window ${when(a.windowStart)} – ${when(a.windowEnd)}; usual ${Number(a.baseline).toFixed(2)} per bucket, score ${Number(a.score).toFixed(1)}`
      + (newSources ? `; ${newSources[1]} of the sources had not covered the place in the 30 days before` : "")),
    node("div", { class: "meta" }, `sources: ${sources}`),
    node("details", {}, node("summary", {}, told), list));
}

function renderAlerts() {
  const f = filters();
  const shown = state.alerts.filter((a) => levelRank(a.level) >= levelRank(f.minLevel)
    && (!f.place || String(a.placeId) === f.place) && matchesName(a.placeName, f));
  el("alerts").replaceChildren(...shown.map(alertItem));
  el("alerts-count").textContent = shown.length === state.alerts.length
    ? plural(shown.length, "alert", "alerts") : `${shown.length} of ${state.alerts.length} alerts`;
  renderPlaceFilter();
}

function renderPlaceFilter() {
  const select = el("filter-place");
  const chosen = select.value;
  const ids = [...new Set(state.alerts.map((a) => String(a.placeId)))];
  const options = ids.map((id) => [id, clean(placeName(id), 80)]).sort((a, b) => a[1].localeCompare(b[1]));
  if (select.options.length === options.length + 1 && options.every(([id], i) => select.options[i + 1].value === id)) return;
  select.replaceChildren(node("option", { value: "" }, "every place"), ...options.map(([id, name]) => node("option", { value: id }, name)));
  select.value = ids.includes(chosen) ? chosen : "";
}

/** Adds the alerts not shown yet, then draws the feed once: a history of thousands is one redraw. */
function addAlerts(alerts, isFresh) {
  const known = new Set(state.alerts.map((x) => x.alertId));
  const added = alerts.filter((a) => !known.has(a.alertId) && known.add(a.alertId));
  if (added.length === 0) return;
  if (isFresh) added.forEach((a) => fresh.add(a.alertId));
  state.alerts.push(...added);
  state.alerts.sort(newestFirst);
  renderAlerts();
  placesChanged();
  if (added.some((a) => state.selected === String(a.placeId))) showPlace();
}

for (const id of ["filter-level", "filter-place"]) {
  el(id).addEventListener("change", () => { renderAlerts(); renderMap(); });
}
el("search").addEventListener("input", () => { renderAlerts(); renderMap(); });
// Enter in the search opens the first place it finds
el("search").addEventListener("keydown", (e) => {
  if (e.key !== "Enter") return;
  const found = mappedPlaces().sort((a, b) => levelRank(b.level) - levelRank(a.level))[0];
  if (found) {
    map.view = fittedView([found]);
    selectPlace(found.placeId);
  }
});

el("token-form").addEventListener("submit", (e) => {
  e.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, el("token").value.trim());
  el("token").value = "";
  el("token-section").hidden = true;
  retrying(loadWatches);
  retrying(loadAlerts);
  retrying(loadPlaces);
});

async function loadAlerts() {
  addAlerts(await json("/api/alerts"), false);
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
            if (event.name === "alert" && event.data.length) addAlerts([JSON.parse(event.data.join("\n"))], true);
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
  // other, and addAlerts drops the repeat.
  follow();
  retrying(loadWatches);
  retrying(loadAlerts);
  retrying(loadPlaces);
  loadMap().catch(() => { /* the places are drawn on a blank sea */ });
  setInterval(placesChanged, 15000);
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
