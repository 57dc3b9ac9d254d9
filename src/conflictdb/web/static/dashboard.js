// The dashboard: map, timeline and table, all three read from the JSON API with the same filters.
"use strict";

const state = { filters: filtersFromURL(), sort: "-date", offset: 0, limit: 25, interval: "auto" };
const form = document.getElementById("filters");
let map, markers;

function fillForm() {
  for (const key of FILTER_KEYS) {
    if (form.elements[key]) form.elements[key].value = state.filters[key] || "";
  }
  document.getElementById("interval").value = state.interval;
}

function readForm() {
  const filters = {};
  for (const key of FILTER_KEYS) {
    const field = form.elements[key];
    if (field && field.value.trim() !== "") filters[key] = field.value.trim();
  }
  return filters;
}

function applyFilters(filters) {
  state.filters = filters;
  state.offset = 0;
  history.replaceState(null, "", location.pathname + query(filters));
  fillForm();
  refresh();
}

async function loadChoices() {
  const stats = await getJSON("/api/stats");
  const options = (select, rows) => {
    for (const row of rows) {
      if (row.value === null) continue;
      const option = document.createElement("option");
      option.value = row.value;
      option.textContent = `${row.value} (${row.incidents})`;
      select.append(option);
    }
  };
  options(form.elements.country, stats.by_country);
  options(form.elements.sub_event_type, stats.by_sub_event_type);
  if (stats.grades) {
    options(form.elements.grade, stats.by_grade || []);
    document.querySelector(".grade-filter").hidden = false;
    document.querySelectorAll(".grade-col").forEach((th) => { th.hidden = false; });
  }
  state.grades = stats.grades;
}

// --- map ---------------------------------------------------------------------------------------------

async function initMap() {
  const config = await getJSON("/api/config");
  map = L.map("map", { worldCopyJump: true, minZoom: 1 }).setView([20, 30], 2);
  if (config.tile_url) {
    L.tileLayer(config.tile_url, { attribution: config.tile_attribution || "" }).addTo(map);
    document.getElementById("tile-credit").textContent = config.tile_attribution ? `Tiles: ${config.tile_attribution}.` : "";
  }
  try {
    const topo = await getJSON("/static/vendor/world-atlas/countries-50m.json");
    const countries = topojson.feature(topo, topo.objects.countries);
    L.geoJSON(countries, {
      interactive: false,
      style: { color: "#8a96a3", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: config.tile_url ? 0 : 1 },
    }).addTo(map);
  } catch (error) {
    console.warn("no country outlines", error);
  }
  await initAdmin1(map);
  map.createPane("incidents").style.zIndex = 450;  // above the admin-1 outlines, below the popups
  markers = L.layerGroup().addTo(map);
}

function markerRadius(deaths) {
  return 4 + 2.5 * Math.sqrt(deaths || 0);
}

async function loadMap() {
  const collection = await getJSON(`/api/export${query({ ...state.filters, format: "geojson" })}`);
  markers.clearLayers();
  const types = new Map();
  const bounds = [];
  const features = [...collection.features].sort((a, b) => (b.properties.fatalities || 0) - (a.properties.fatalities || 0));
  for (const feature of features) {
    const p = feature.properties;
    const [lon, lat] = feature.geometry.coordinates;
    const colour = subEventColour(p.sub_event_type);
    types.set(p.sub_event_type, colour);
    bounds.push([lat, lon]);
    L.circleMarker([lat, lon], {
      radius: markerRadius(p.fatalities), color: "#222", weight: 1, fillColor: colour, fillOpacity: 0.75,
      className: "incident-marker", pane: "incidents",
    })
      .bindPopup(`<strong>${esc(p.sub_event_type)}</strong><br>${esc(p.event_date)} · ${esc(p.location)}, ${esc(p.country)}` +
        `<br>deaths: ${esc(p.fatalities)}<br><a href="/incidents/${encodeURIComponent(feature.id)}">open incident ›</a>`)
      .addTo(markers);
  }
  if (bounds.length) {
    map.invalidateSize({ animate: false });  // the container's size now, not as cached when the map was made
    map.fitBounds(L.latLngBounds(bounds).pad(0.2), { maxZoom: 6, animate: false });
  }
  await showAdmin1(map, bounds);
  document.getElementById("legend").innerHTML =
    [...types].map(([name, colour]) => `<span><i style="background:${colour}"></i>${esc(name)}</span>`).join("") +
    `<span class="muted">circle area: deaths</span>`;
}

// --- timeline ------------------------------------------------------------------------------------------

const DAY = 86400000;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function bucketName(start, interval) {
  // a bucket as the axis names it: 19 Mar 2022, week of 14 Mar 2022, Mar 2022, 2022
  const [year, month, day] = start.split("-").map(Number);
  if (interval === "year") return String(year);
  if (interval === "month") return `${MONTHS[month - 1]} ${year}`;
  return `${interval === "week" ? "week of " : ""}${day} ${MONTHS[month - 1]} ${year}`;
}

function intervalChoice(body) {
  // the select says which interval "auto" took
  const auto = document.querySelector("#interval option[value=auto]");
  auto.textContent = body.automatic ? `auto (${body.interval})` : "auto";
}

async function loadTimeline() {
  const body = await getJSON(`/api/timeline${query({ ...state.filters, interval: state.interval })}`);
  intervalChoice(body);
  const svg = document.getElementById("timeline");
  svg.dataset.interval = body.interval;
  const width = svg.clientWidth || 600, height = 190, left = 36, right = 40, top = 10, bottom = 38;
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  const buckets = body.buckets;
  if (!buckets.length) {
    svg.innerHTML = `<text x="${width / 2}" y="${height / 2}" text-anchor="middle" class="empty">no dated incidents</text>`;
    return;
  }
  const first = Date.parse(buckets[0].start), last = Date.parse(buckets[buckets.length - 1].end) + DAY;
  const x = (t) => left + ((t - first) / (last - first)) * (width - left - right);
  const maxIncidents = Math.max(...buckets.map((b) => b.incidents));
  const maxDeaths = Math.max(1, ...buckets.map((b) => b.deaths));
  const yI = (v) => height - bottom - (v / maxIncidents) * (height - top - bottom);
  const yD = (v) => height - bottom - (v / maxDeaths) * (height - top - bottom);
  const bar = (b) => {
    const from = x(Date.parse(b.start));
    return { from, width: Math.max(3, x(Date.parse(b.end) + DAY) - from - 1) };
  };
  const middle = (b) => (bar(b).from + bar(b).width / 2).toFixed(1);
  const parts = [];
  for (const b of buckets) {
    const { from, width: barWidth } = bar(b);
    parts.push(`<rect class="bar" data-start="${b.start}" data-end="${b.end}" x="${from.toFixed(1)}" y="${yI(b.incidents).toFixed(1)}" ` +
      `width="${barWidth.toFixed(1)}" height="${(height - bottom - yI(b.incidents)).toFixed(1)}">` +
      `<title>${esc(bucketName(b.start, body.interval))}: ${b.incidents} incidents, ${b.deaths} deaths</title></rect>`);
  }
  parts.push(`<polyline class="deaths" points="${buckets.map((b) => `${middle(b)},${yD(b.deaths).toFixed(1)}`).join(" ")}"/>`);
  for (const b of buckets) {
    parts.push(`<circle class="deaths-dot" cx="${middle(b)}" cy="${yD(b.deaths).toFixed(1)}" r="2.5"/>`);
  }
  parts.push(`<line class="axis" x1="${left}" x2="${width - right}" y1="${height - bottom}" y2="${height - bottom}"/>`);
  parts.push(`<text class="tick" x="${left}" y="${height - bottom + 13}">${esc(bucketName(buckets[0].start, body.interval))}</text>`);
  if (buckets.length > 1) {
    parts.push(`<text class="tick" x="${width - right}" y="${height - bottom + 13}" text-anchor="end">` +
      `${esc(bucketName(buckets[buckets.length - 1].start, body.interval))}</text>`);
  }
  const per = body.interval === "week" ? "week (Monday to Sunday)" : body.interval;
  parts.push(`<text class="axis-name" x="${(left + width - right) / 2}" y="${height - 4}" text-anchor="middle">per ${per}</text>`);
  parts.push(`<text class="tick incidents" x="${left - 4}" y="${top + 8}" text-anchor="end">${maxIncidents}</text>`);
  parts.push(`<text class="tick deaths" x="${width - right + 4}" y="${top + 8}">${maxDeaths}</text>`);
  svg.innerHTML = parts.join("");
  svg.querySelectorAll("rect.bar").forEach((rect) => rect.addEventListener("click", () => {
    applyFilters({ ...state.filters, date_from: rect.dataset.start, date_to: rect.dataset.end });
  }));
}

// --- table ---------------------------------------------------------------------------------------------

async function loadTable() {
  const params = { ...state.filters, sort: state.sort, limit: state.limit, offset: state.offset };
  const body = await getJSON(`/api/incidents${query(params)}`);
  const rows = body.items.map((item) => `
    <tr data-id="${esc(item.id)}">
      <td class="nowrap">${esc(item.date)}</td>
      <td><i class="dot" style="background:${subEventColour(item.sub_event_type)}"></i>${esc(item.sub_event_type)}</td>
      <td><a href="/incidents/${encodeURIComponent(item.id)}">${esc(item.location || "(unknown place)")}</a></td>
      <td>${esc(item.country)}</td><td>${esc(item.admin1)}</td>
      <td>${esc([item.actor1, item.actor2].filter(Boolean).join(" vs "))}</td>
      <td class="num">${item.fatalities ?? "?"}</td><td class="num">${item.articles_count}</td>
      ${state.grades ? `<td>${esc(item.grade)}</td>` : ""}
    </tr>`);
  document.querySelector("#incidents tbody").innerHTML = rows.join("") ||
    `<tr><td colspan="9" class="empty">No incident matches these filters.</td></tr>`;
  const end = Math.min(body.total, state.offset + body.items.length);
  document.getElementById("page").textContent = body.total ? `${state.offset + 1}–${end} of ${body.total}` : "0 of 0";
  document.getElementById("prev").disabled = state.offset === 0;
  document.getElementById("next").disabled = end >= body.total;
  document.querySelectorAll("#incidents th[data-sort]").forEach((th) => {
    const key = th.dataset.sort;
    th.classList.toggle("sorted", state.sort.replace("-", "") === key);
    th.dataset.dir = state.sort === key ? "asc" : state.sort === `-${key}` ? "desc" : "";
  });
  const filterText = Object.entries(state.filters).map(([k, v]) => `${k.replace("_", " ")}: ${v}`).join(", ");
  document.getElementById("summary").textContent =
    `${body.total} incident${body.total === 1 ? "" : "s"}${filterText ? ` matching ${filterText}` : ""}`;
  const files = { csv: "csv", ucdp: "ucdp.csv", geojson: "geojson", jsonl: "jsonl" };  // ACLED's CSV, UCDP GED's
  const exportLinks = Object.entries(files).map(([format, file]) =>
    `<a href="/api/export${query({ ...state.filters, format })}" download="incidents.${file}">${format.toUpperCase()}</a>`);
  document.getElementById("downloads").innerHTML = `Download: ${exportLinks.join(" · ")}`;
}

async function refresh() {
  const results = await Promise.allSettled([loadTable(), loadMap(), loadTimeline()]);
  const failed = results.find((r) => r.status === "rejected");
  if (failed) showError(document.getElementById("summary"), failed.reason);
  document.body.dataset.ready = "true";
}

form.addEventListener("submit", (event) => { event.preventDefault(); applyFilters(readForm()); });
form.addEventListener("reset", (event) => { event.preventDefault(); applyFilters({}); });
document.getElementById("interval").addEventListener("change", (event) => {
  state.interval = event.target.value;
  loadTimeline();
});
document.getElementById("prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - state.limit); loadTable(); });
document.getElementById("next").addEventListener("click", () => { state.offset += state.limit; loadTable(); });
document.querySelectorAll("#incidents th[data-sort]").forEach((th) => th.addEventListener("click", () => {
  const key = th.dataset.sort;
  state.sort = state.sort === `-${key}` ? key : `-${key}`;
  state.offset = 0;
  loadTable();
}));
window.addEventListener("resize", () => loadTimeline());

(async () => {
  try {
    await Promise.all([loadChoices(), initMap()]);
  } catch (error) {
    showError(document.getElementById("summary"), error);
  }
  fillForm();
  await refresh();
})();
