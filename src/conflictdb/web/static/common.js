// Shared helpers of the dashboard pages: fetching the JSON API, escaping, formatting, colours.
"use strict";

const FILTER_KEYS = ["date_from", "date_to", "country", "admin1", "event_type", "sub_event_type",
  "actor", "min_deaths", "grade", "q"];

async function getJSON(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const message = body && body.error ? body.error.message : response.statusText;
    throw new Error(`${response.status}: ${message}`);
  }
  return body;
}

function esc(value) {
  return String(value ?? "").replace(/[&<>"']/g, (c) =>
    ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

// A URL from the data becomes a link only when it is http(s): any other scheme (javascript:, data:, ...)
// is shown as text, never followed.
function linkOrText(url, text) {
  if (!url) return "";
  let parsed = null;
  try { parsed = new URL(url); } catch (error) { parsed = null; }
  if (!parsed || !["http:", "https:"].includes(parsed.protocol)) return `<span class="url">${esc(url)}</span>`;
  return `<a href="${esc(parsed.href)}" rel="noreferrer noopener">${esc(text ?? url)}</a>`;
}

function filtersFromURL() {
  const params = new URLSearchParams(location.search);
  const filters = {};
  for (const key of FILTER_KEYS) {
    if (params.get(key)) filters[key] = params.get(key);
  }
  return filters;
}

function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, value);
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

function showError(element, error) {
  element.innerHTML = `<p class="error" role="alert">${esc(error.message || error)}</p>`;
}

function figureText(figure) {
  const low = figure.min, high = figure.max;
  let amount;
  if (low === null && high === null) amount = figure.vague || "unknown number";
  else if (low !== null && high !== null && low === high) amount = `${figure.approximate ? "about " : ""}${low}`;
  else if (low !== null && high !== null) amount = `${low}–${high}`;
  else if (low !== null) amount = `at least ${low}`;
  else amount = `up to ${high}`;
  const category = figure.category === "unspecified" ? "people" : figure.category.replace("_", " ");
  const part = figure.part_of_total ? " (part of a total)" : "";
  return `${amount} ${category} ${figure.outcome}${part}`;
}

// Colours for ACLED sub-event types; others get one of the spare colours by a hash of their name.
const SUB_EVENT_COLOURS = {
  "Air/drone strike": "#1f77b4",
  "Shelling/artillery/missile attack": "#ff7f0e",
  "Remote explosive/landmine/IED": "#8c564b",
  "Suicide bomb": "#d62728",
  "Armed clash": "#9467bd",
  "Attack": "#e377c2",
  "Abduction/forced disappearance": "#7f7f7f",
  "Sexual violence": "#bcbd22",
  "Grenade": "#17becf",
  "Violent demonstration": "#2ca02c",
  "Mob violence": "#98df8a",
};
const SPARE_COLOURS = ["#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd", "#e6550d"];

function subEventColour(name) {
  if (!name) return "#555";
  if (SUB_EVENT_COLOURS[name]) return SUB_EVENT_COLOURS[name];
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return SPARE_COLOURS[hash % SPARE_COLOURS.length];
}

function markWritable() {
  // the header's "read-only" badge says so when the server accepts analysts' edits
  getJSON("/api/config").then((config) => {
    const badge = document.querySelector("header .readonly");
    if (!config.write || !badge) return;
    badge.textContent = "edits on";
    badge.title = "This server accepts edits from analysts holding its token";
    badge.classList.add("writable");
  }).catch(() => {});  // the badge only; every page reports its own errors
}
markWritable();

function markNav() {
  const page = document.body.dataset.page;
  const nav = page === "article" ? "articles" : page === "incident" ? "dashboard" : page;
  const link = document.querySelector(`[data-nav="${nav}"]`);
  if (link) link.classList.add("current");
}
markNav();
