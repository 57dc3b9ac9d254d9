// An incident: its summary, figures by category, and every claim side by side with its evidence.
"use strict";

const incidentId = decodeURIComponent(location.pathname.split("/").pop());
const root = document.getElementById("incident");

function highlighted(context, figures) {
  // the context with the evidence marked, and each figure's words in bold inside the evidence
  const [lo, hi] = context.highlight;
  let evidence = esc(context.text.slice(lo, hi));
  for (const figure of figures) {
    if (!figure.words) continue;
    const words = esc(figure.words);
    const at = evidence.toLowerCase().indexOf(words.toLowerCase());
    if (at >= 0) {
      evidence = `${evidence.slice(0, at)}<b class="fig">${evidence.slice(at, at + words.length)}</b>${evidence.slice(at + words.length)}`;
    }
  }
  const before = context.start > 0 ? "… " : "";
  return `${before}${esc(context.text.slice(0, lo))}<mark class="evidence">${evidence}</mark>${esc(context.text.slice(hi))} …`;
}

function figuresFromClaims(incident) {
  // low / high per outcome and category over the asserted claims, when the store keeps no reconciled figures
  const groups = new Map();
  for (const mention of incident.mentions) {
    for (const claim of mention.claims) {
      if (claim.stance !== "asserted" && claim.stance !== "disowned") continue;  // a denied part: the deaths stand
      for (const f of claim.figures) {
        if (f.min === null && f.max === null) continue;
        const key = `${f.outcome}|${f.category}`;
        const g = groups.get(key) || { outcome: f.outcome, category: f.category, values: [] };
        g.values.push(f.min ?? f.max, f.max ?? f.min);
        groups.set(key, g);
      }
    }
  }
  return [...groups.values()].map((g) => ({
    outcome: g.outcome, category: g.category, low: Math.min(...g.values), high: Math.max(...g.values), best: null,
  }));
}

function figureRows(figures) {
  // the store's reconciled figures: {killed|injured: {total|category: {low, best, high, claims}}, ...}
  if (!figures || typeof figures !== "object") return [];
  const rows = [];
  for (const outcome of ["killed", "injured"]) {
    const byCategory = figures[outcome] || {};
    const categories = Object.keys(byCategory).sort((a, b) => (a === "total") - (b === "total"));
    for (const category of categories) {
      const range = byCategory[category];
      rows.push({ outcome, category, low: range.low, best: range.best, high: range.high,
        claims: (range.claims || []).length || null });
    }
  }
  return rows;
}

function contesting(figures) {
  const refs = (figures && figures.contesting) || [];
  return refs.length ? `<p class="contesting">Contested by ${refs.length} denial${refs.length === 1 ? "" : "s"} or “no evidence” claim${refs.length === 1 ? "" : "s"}.</p>` : "";
}

function figuresTable(incident) {
  const stored = figureRows(incident.figures);
  const rows = stored.length ? stored : figuresFromClaims(incident);
  const source = stored.length ? "reconciled: UCDP-style low / best / high" : "range over the asserted claims";
  if (!rows.length) return `<p class="muted">No casualty figures were reported.</p>`;
  return `<table class="data figures"><caption>Figures (${source})</caption>
    <thead><tr><th>Outcome</th><th>Category</th><th class="num">Low</th><th class="num">Best</th><th class="num">High</th><th class="num">Figures</th></tr></thead>
    <tbody>${rows.map((r) => `<tr><td>${esc(r.outcome ?? "")}</td><td>${esc(String(r.category ?? "").replace("_", " "))}</td>
      <td class="num">${esc(r.low ?? "")}</td><td class="num">${esc(r.best ?? "")}</td><td class="num">${esc(r.high ?? "")}</td>
      <td class="num">${esc(r.claims ?? "")}</td></tr>`).join("")}</tbody></table>${contesting(incident.figures)}`;
}

function claimCard(mention, claim) {
  const stance = claim.stance === "asserted" ? "" : `<span class="badge stance-${esc(claim.stance)}">${esc(claim.stance)}</span>`;
  const partisan = claim.partisan ? `<span class="badge">partisan</span>` : "";
  const figures = claim.figures.length
    ? `<ul class="claim-figures">${claim.figures.map((f) => `<li>${esc(figureText(f))}</li>`).join("")}</ul>`
    : `<p class="muted">no figure${claim.stance_words ? `: “${esc(claim.stance_words)}”` : ""}</p>`;
  const articleLink = `/articles/${encodeURIComponent(mention.article_id)}#at-${claim.evidence.start}`;
  return `<section class="claim" data-claim-id="${esc(claim.id ?? "")}" data-stance="${esc(claim.stance)}">
    <h3 class="speaker">${esc(claim.speaker || "the outlet itself")} ${stance}${partisan}</h3>
    ${claim.speaker_role ? `<p class="muted">${esc(claim.speaker_role)}</p>` : ""}
    ${claim.relay ? `<p class="muted">relayed by ${esc(claim.relay)}</p>` : ""}
    ${figures}
    <p class="source"><strong>${esc(mention.outlet || mention.article_id)}</strong>${mention.published ? `, ${esc(mention.published)}` : ""}<br>
      <a href="${articleLink}">${esc(mention.title || mention.article_id)}</a></p>
    <blockquote class="context">${claim.context ? highlighted(claim.context, claim.figures) : esc(claim.evidence.text)}</blockquote>
    <p class="offsets muted">evidence at characters ${claim.evidence.start}–${claim.evidence.end}</p>
  </section>`;
}

function claimSections(incident) {
  // claims with a figure side by side; those with none folded away under their count
  const cards = (withFigures) => incident.mentions.flatMap((m) =>
    m.claims.filter((c) => (c.figures.length > 0) === withFigures).map((c) => claimCard(m, c)));
  const counted = cards(true), bare = cards(false);
  const folded = bare.length
    ? `<details class="no-figure"><summary>Claims without a figure (${bare.length})</summary>
        <div class="claims">${bare.join("")}</div></details>`
    : "";
  return `<h2>Claims <span class="muted">(${counted.length} with figures, side by side)</span></h2>
    <div class="claims">${counted.join("") || `<p class="muted">No claim gives a figure.</p>`}</div>${folded}`;
}

function backgroundSection(incident) {
  // what its articles tell as context (older events, totals over many): read here, never on the map
  const items = (incident.context || []).map((c) => `<li class="background-item">
      <p class="muted">${esc(c.sub_event_type || "")}${c.date ? ` · ${esc(c.date)}` : ""}${c.date_text ? ` (“${esc(c.date_text)}”)` : ""}
        · <a href="/articles/${encodeURIComponent(c.article_id)}">${esc(c.title || c.article_id)}</a>
        · <a href="/incidents/${encodeURIComponent(c.incident_id)}">its record</a></p>
      <blockquote class="context">${esc(c.text || "")}</blockquote></li>`);
  if (!items.length) return "";
  return `<section class="background"><h2>Background <span class="muted">(${items.length}: told as context in its articles; on no map, list or total)</span></h2>
    <ul class="background-list">${items.join("")}</ul></section>`;
}

function render(incident) {
  document.title = `${incident.sub_event_type || "Incident"} · ${incident.location || ""} · conflictdb`;
  const place = [incident.location, incident.admin2, incident.admin1, incident.country].filter(Boolean).join(", ");
  const coords = incident.latitude !== null ? ` (${incident.latitude}, ${incident.longitude}; precision ${incident.geo_precision})` : "";
  const grade = incident.grade !== undefined
    ? `<div><dt>Grade</dt><dd class="grade">${esc(incident.grade ?? "—")}${incident.grade_reason ? ` <span class="muted">${esc(incident.grade_reason)}</span>` : ""}</dd></div>` : "";
  const told = incident.background
    ? `<p class="background-note">Background: its articles tell this as context (an older event or a total over many), not as news; it is on no map, list or total.</p>`
    : "";
  root.innerHTML = `
    <p><a href="/">‹ all incidents</a></p>
    ${told}
    <h1><i class="dot" style="background:${subEventColour(incident.sub_event_type)}"></i>${esc(incident.sub_event_type)} <span class="muted">${esc(incident.event_type)}</span>${incident.discounted ? ` <span class="badge">discounted</span>` : ""}</h1>
    ${incident.discounted ? `<p class="muted">Discounted by an analyst (see the edit history): kept, but counted in no list, export or total.</p>` : ""}
    <dl class="facts">
      <div><dt>Date</dt><dd>${esc(incident.event_date ?? "unknown")} <span class="muted">${esc(incident.date_precision ?? "")}</span></dd></div>
      <div><dt>Place</dt><dd>${esc(place || "unknown")}<span class="muted">${esc(coords)}</span></dd></div>
      <div><dt>Actors</dt><dd>${esc([incident.actor1, incident.actor2].filter(Boolean).join(" vs ") || "unknown")}</dd></div>
      ${incident.assoc_actor_1 || incident.assoc_actor_2 ? `<div><dt>Associated</dt><dd>${esc([incident.assoc_actor_1, incident.assoc_actor_2].filter(Boolean).join(" vs "))}</dd></div>` : ""}
      <div><dt>Fatalities</dt><dd class="fatalities">${esc(incident.fatalities ?? "unknown")}</dd></div>
      ${grade}
      <div><dt>Sources</dt><dd>${esc(incident.sources.join(", "))} <span class="muted">(${incident.articles_count} article${incident.articles_count === 1 ? "" : "s"})</span></dd></div>
    </dl>
    ${figuresTable(incident)}
    ${claimSections(incident)}
    ${backgroundSection(incident)}
    <p class="muted">JSON: <a href="/api/incidents/${encodeURIComponent(incident.id)}">/api/incidents/${esc(incident.id)}</a></p>`;
  document.dispatchEvent(new CustomEvent("incident-rendered", { detail: incident }));  // editing.js adds its forms
  document.body.dataset.ready = "true";
}

getJSON(`/api/incidents/${encodeURIComponent(incidentId)}`).then(render).catch((error) => {
  showError(root, error);
  document.body.dataset.ready = "true";
});
