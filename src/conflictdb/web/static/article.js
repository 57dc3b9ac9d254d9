// An article: its text with every extracted span highlighted (mentions, evidence, figures, speakers, ...).
"use strict";

const articleId = decodeURIComponent(location.pathname.split("/").pop());
const root = document.getElementById("article");
const KINDS = ["mention", "evidence", "figure", "speaker", "stance", "date", "place"];

function segments(text, spans) {
  // cut the text at every span boundary; each piece knows the spans that cover it
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [lo, hi] = [points[i], points[i + 1]];
    pieces.push({ lo, hi, covering: spans.filter((s) => s.start <= lo && s.end >= hi) });
  }
  return pieces;
}

function renderText(text, spans) {
  return segments(text, spans).map(({ lo, hi, covering }) => {
    const piece = esc(text.slice(lo, hi));
    if (!covering.length) return piece;
    const kinds = [...new Set(covering.map((s) => s.kind))];
    const title = covering.filter((s) => s.kind !== "mention").map((s) => `${s.kind}: ${s.label ?? ""}`).join("\n");
    const starts = covering.filter((s) => s.kind === "evidence" && s.start === lo).map((s) => `id="at-${s.start}"`);
    return `<span ${starts[0] || ""} class="${kinds.map((k) => `hl-${k}`).join(" ")}" title="${esc(title)}">${piece}</span>`;
  }).join("");
}

function render(article) {
  document.title = `${article.title || article.id} · conflictdb`;
  const counts = Object.fromEntries(KINDS.map((k) => [k, article.spans.filter((s) => s.kind === k).length]));
  const toggles = KINDS.filter((k) => counts[k]).map((k) =>
    `<label class="toggle hl-${k}"><input type="checkbox" data-kind="${k}" checked> ${k} (${counts[k]})</label>`).join("");
  const mentions = article.mentions.map((m) => `<li>${esc(m.sub_event_type)} · ${esc(m.date ?? m.date_text ?? "undated")} · ${esc(m.place ?? "")}
    ${m.background ? `<span class="badge">background</span>` : ""} — <a href="/incidents/${encodeURIComponent(m.incident_id)}">incident ${esc(m.incident_id)}</a>
    (${m.claims.length} claim${m.claims.length === 1 ? "" : "s"})</li>`).join("");
  root.innerHTML = `
    <p><a href="/articles">‹ all articles</a></p>
    <h1>${esc(article.title || article.id)}</h1>
    <p class="muted">${esc(article.outlet || "")}${article.published ? ` · ${esc(article.published)}` : ""}
      ${article.url ? ` · ${linkOrText(article.url)}` : ""} · id ${esc(article.id)}</p>
    <h2>Incidents told</h2><ul class="mentions">${mentions || "<li>none</li>"}</ul>
    <div class="toggles">Highlight: ${toggles}</div>
    <div class="article-text">${renderText(article.text, article.spans)}</div>
    <p class="muted">Figures, speakers, dates and places are found by their words inside the evidence or mention they belong to; mention and evidence offsets are stored.</p>`;
  root.querySelectorAll(".toggles input").forEach((box) => box.addEventListener("change", () => {
    root.querySelector(".article-text").classList.toggle(`hide-${box.dataset.kind}`, !box.checked);
  }));
  if (location.hash) {
    const target = document.getElementById(location.hash.slice(1));
    if (target) { target.scrollIntoView({ block: "center" }); target.classList.add("flash"); }
  }
  document.body.dataset.ready = "true";
}

getJSON(`/api/articles/${encodeURIComponent(articleId)}`).then(render).catch((error) => {
  showError(root, error);
  document.body.dataset.ready = "true";
});
