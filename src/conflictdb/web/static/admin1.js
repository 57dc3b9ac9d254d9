// First-level administrative outlines (Natural Earth admin-1, cut per country by `make frontend`) on the
// dashboard's map: for the countries holding the incidents shown, and for every country in view once the
// map is zoomed in to ADMIN1_ZOOM. Files are read from the server only, once each.
"use strict";

const ADMIN1_DIR = "/static/vendor/admin1";
const ADMIN1_ZOOM = 5;  // from this zoom on, every country in view shows its admin-1 outlines

const admin1 = { index: null, files: new Map(), layers: new Map(), holding: Promise.resolve(new Set()), calls: 0 };

async function initAdmin1(map) {
  // the per-country boxes; without them (front end not built) the map simply has no admin-1 outlines
  try {
    admin1.index = await getJSON(`${ADMIN1_DIR}/index.json`);
  } catch (error) {
    console.warn("no admin-1 outlines", error);
    return;
  }
  const pane = map.createPane("admin1");
  pane.style.zIndex = 410;  // above the countries (the overlay pane, 400), below the incidents' pane
  pane.style.pointerEvents = "none";
  map.on("moveend", () => showAdmin1(map));
}

function boxHolds([west, south, east, north], [lat, lon]) {
  return lat >= south && lat <= north && lon >= west && lon <= east;
}

function boxMeetsView([west, south, east, north], view) {
  if (view.getNorth() < south || view.getSouth() > north) return false;
  if (view.getEast() - view.getWest() >= 360) return true;
  const wrap = (lon) => ((lon + 540) % 360) - 180;
  const [left, right] = [wrap(view.getWest()), wrap(view.getEast())];
  const meets = (lo, hi) => hi >= west && lo <= east;
  return left <= right ? meets(left, right) : meets(left, 180) || meets(-180, right);
}

function ringHolds(ring, [lat, lon]) {
  // even-odd rule over one ring of [lon, lat] points
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if ((yi > lat) !== (yj > lat) && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function unitHolds(feature, point) {
  const polygons = feature.geometry.type === "Polygon" ? [feature.geometry.coordinates] : feature.geometry.coordinates;
  return polygons.some((rings) => rings.filter((ring) => ringHolds(ring, point)).length % 2 === 1);
}

async function admin1Units(code) {
  // a country's units as GeoJSON, read once; none when its file cannot be read (the map goes on without)
  if (!admin1.files.has(code)) {
    admin1.files.set(code, getJSON(`${ADMIN1_DIR}/${code}.json`)
      .then((topo) => topojson.feature(topo, topo.objects.admin1))
      .catch((error) => {
        console.warn(`no admin-1 outlines for ${code}`, error);
        return { type: "FeatureCollection", features: [] };
      }));
  }
  return admin1.files.get(code);
}

async function countriesHolding(points) {
  // the countries whose outlines hold at least one of the points (boxes first, then the polygons)
  const held = new Set();
  const candidates = Object.keys(admin1.index).filter((code) => points.some((p) => boxHolds(admin1.index[code], p)));
  await Promise.all(candidates.map(async (code) => {
    const units = await admin1Units(code);
    if (points.some((p) => boxHolds(admin1.index[code], p) && units.features.some((f) => f.geometry && unitHolds(f, p)))) held.add(code);
  }));
  return held;
}

async function showAdmin1(map, points) {
  // points: [lat, lon] of the incidents on the map, when they change; a later call wins over an earlier one
  if (!admin1.index) return;
  const call = ++admin1.calls;
  if (points) admin1.holding = countriesHolding(points);
  const wanted = new Set(await admin1.holding);
  if (map.getZoom() >= ADMIN1_ZOOM) {
    const view = map.getBounds();
    for (const code of Object.keys(admin1.index)) if (boxMeetsView(admin1.index[code], view)) wanted.add(code);
  }
  const units = new Map(await Promise.all([...wanted].map(async (code) => [code, await admin1Units(code)])));
  if (call !== admin1.calls) return;
  for (const [code, layer] of admin1.layers) {
    if (!wanted.has(code)) { layer.remove(); admin1.layers.delete(code); }
  }
  for (const code of wanted) {
    if (admin1.layers.has(code)) continue;
    const style = { className: `admin1-outline admin1-${code}`, color: "#6f7c89", weight: 0.7, dashArray: "3 2", fill: false };
    admin1.layers.set(code, L.geoJSON(units.get(code), { pane: "admin1", interactive: false, style }).addTo(map));
  }
  document.getElementById("map").dataset.admin1 = [...admin1.layers.keys()].sort().join(" ");
}
