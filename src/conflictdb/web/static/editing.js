// Analysts' edits on the incident page: the edit history always, and when the server runs with --write,
// forms to correct the event type, the place, the date, the actors and a claim, to discount an incident
// (or count it again), and to merge or split. The token and the editor's name are kept in sessionStorage
// (this tab only).
"use strict";

const OUTCOMES = ["killed", "injured"];
const CATEGORIES = ["civilians", "militants", "security_forces", "foreign_forces", "unspecified"];
const STANCES = ["asserted", "denied", "disowned", "hypothetical", "question", "rejected"];
const PRECISIONS = ["", "day", "week", "month", "year"];  // "": as the date is written
const ACTORS = [["actor1", "Actor 1"], ["assoc_actor_1", "Associated with actor 1"], ["actor2", "Actor 2"],
  ["assoc_actor_2", "Associated with actor 2"]];
const writable = getJSON("/api/config").then((config) => Boolean(config.write));
const taxonomy = writable.then((write) => (write ? getJSON("/api/taxonomy") : { event_types: [] }));

async function sendJSON(method, url, body) {
  const token = sessionStorage.getItem("conflictdb-token") || "";
  const response = await fetch(url, {
    method,
    headers: { "Content-Type": "application/json", Accept: "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const answer = await response.json().catch(() => null);
  if (!response.ok) throw new Error(`${response.status}: ${answer && answer.error ? answer.error.message : response.statusText}`);
  return answer;
}

function options(values, chosen, label = (v) => v) {
  return values.map((v) => `<option value="${esc(v)}"${v === chosen ? " selected" : ""}>${esc(label(v))}</option>`).join("");
}

function changeText(name, value) {
  if (name === "figures") return value.length ? value.map(figureText).join("; ") : "no figure";
  return value === null || value === undefined || value === "" ? "—" : String(value);
}

function historyItem(item) {
  const when = item.at.replace("T", " ").slice(0, 16) + " UTC";
  let what;
  if (item.kind === "merge") what = `merged ${esc(item.detail.merged.join(", "))} into ${esc(item.incident_id)}`;
  else if (item.kind === "split") what = `split ${esc(item.detail.mentions.join(", "))} into <a href="/incidents/${encodeURIComponent(item.detail.new_incident)}">${esc(item.detail.new_incident)}</a>`;
  else {
    const changed = Object.entries(item.changes).filter(([, c]) => JSON.stringify(c.before) !== JSON.stringify(c.after));
    const where = item.claim ? `claim ${esc(item.claim.article_id)}#${item.claim.mention}#${item.claim.claim}: ` : "";
    const after = (name, c) => (item.reset && !item.claim ? "automatic" : changeText(name, c.after));
    what = where + (item.reset ? "reset: " : "") +
      (changed.map(([name, c]) => `${esc(name)} ${esc(changeText(name, c.before))} → <b>${esc(after(name, c))}</b>`).join("; ") || "confirmed");
  }
  const note = item.note ? ` <span class="muted">(${esc(item.note)})</span>` : "";
  return `<li><span class="nowrap">${esc(when)}</span> <strong class="editor">${esc(item.by)}</strong> ${what}${note}</li>`;
}

async function showHistory(incident, panel) {
  const history = await getJSON(`/api/incidents/${encodeURIComponent(incident.id)}/edits`);
  const list = panel.querySelector("#edit-history");
  list.innerHTML = history.items.map(historyItem).join("") || `<li class="muted">No edits yet.</li>`;
  return history.items.length;
}

function figureRow(figure = {}) {
  return `<tr class="figure-row">
    <td><select name="outcome">${options(OUTCOMES, figure.outcome || "killed")}</select></td>
    <td><select name="category">${options(CATEGORIES, figure.category || "civilians", (c) => c.replace("_", " "))}</select></td>
    <td><input type="number" name="min" min="0" class="narrow" value="${esc(figure.min ?? "")}"></td>
    <td><input type="number" name="max" min="0" class="narrow" value="${esc(figure.max ?? "")}"></td></tr>`;
}

function claimForm(incident) {
  const claims = incident.mentions.flatMap((m) => m.claims.map((c) => ({ claim: c, mention: m })));
  const label = ({ claim, mention }) => `${claim.speaker || "the outlet itself"} — ${mention.outlet || mention.article_id}`;
  return `<form id="edit-claim" class="edit-form">
    <h3>Claim</h3>
    <label>Claim <select name="claim">${claims.map((c) => `<option value="${c.claim.id}">${esc(label(c))}</option>`).join("")}</select></label>
    <table class="data figures-edit"><thead><tr><th>Outcome</th><th>Victims</th><th>Min</th><th>Max</th></tr></thead><tbody></tbody></table>
    <p class="muted">A row without min and max is left out.</p>
    <label>Speaker <input name="speaker" size="28"></label>
    <label class="inline"><input type="checkbox" name="outlet"> the outlet itself</label>
    <label>Stance <select name="stance">${options(STANCES, "asserted")}</select></label>
    <label>Why <input name="note" size="28"></label>
    <button type="submit">Save claim</button></form>`;
}

function fillClaim(form, incident) {
  const id = Number(form.elements.claim.value);
  const claim = incident.mentions.flatMap((m) => m.claims).find((c) => c.id === id);
  if (!claim) return;
  form.querySelector("tbody").innerHTML = claim.figures.map(figureRow).join("") + figureRow();
  form.elements.speaker.value = claim.speaker || "";
  form.elements.outlet.checked = claim.speaker === null;
  form.elements.stance.value = claim.stance;
}

function claimChanges(form, incident) {
  // only the fields that differ from the claim as shown
  const id = Number(form.elements.claim.value);
  const claim = incident.mentions.flatMap((m) => m.claims).find((c) => c.id === id);
  const figures = [...form.querySelectorAll("tr.figure-row")].map((row) => {
    const value = (name) => (row.querySelector(`[name=${name}]`).value === "" ? null : Number(row.querySelector(`[name=${name}]`).value));
    return { outcome: row.querySelector("[name=outcome]").value, category: row.querySelector("[name=category]").value, min: value("min"), max: value("max") };
  }).filter((f) => f.min !== null || f.max !== null);
  const shown = claim.figures.map((f) => ({ outcome: f.outcome, category: f.category, min: f.min, max: f.max }));
  const changes = {};
  if (JSON.stringify(figures) !== JSON.stringify(shown)) changes.figures = figures;
  const speaker = form.elements.outlet.checked ? null : form.elements.speaker.value.trim() || null;
  if (speaker !== claim.speaker) changes.speaker = speaker;
  if (form.elements.stance.value !== claim.stance) changes.stance = form.elements.stance.value;
  return [id, changes];
}

function writtenDate(incident) {
  // the date as its precision writes it (2016-07 for a month, 2016 for a year), so that saving it unchanged
  // keeps the precision; a week keeps its day and says "week"
  const day = incident.event_date || "";
  if (incident.date_precision === "month") return day.slice(0, 7);
  if (incident.date_precision === "year") return day.slice(0, 4);
  return day;
}

function dateForm(incident) {
  const chosen = incident.date_precision === "week" ? "week" : "";
  const label = (p) => (p ? p : "as written");
  return `<form id="edit-date" class="edit-form"><h3>Date</h3>
      <label>Date <input name="date" value="${esc(writtenDate(incident))}" required size="12" maxlength="10"
        pattern="\\d{4}(-\\d{2}(-\\d{2})?)?" placeholder="YYYY-MM-DD"></label>
      <p class="muted">YYYY-MM-DD a day, YYYY-MM a month, YYYY a year; a week by a day in it.</p>
      <label>Precision <select name="date_precision">${options(PRECISIONS, chosen, label)}</select></label>
      <label>Why <input name="note" size="24"></label>
      <button type="submit">Save date</button></form>`;
}

function actorsForm(incident) {
  const fields = ACTORS.map(([name, label]) => `<label>${esc(label)} <input name="${name}" value="${esc(incident[name] ?? "")}" size="30"${name === "actor1" ? " required" : ""}></label>`).join("");
  return `<form id="edit-actors" class="edit-form"><h3>Actors</h3>
      ${fields}
      <p class="muted">ACLED's names, e.g. “Civilians (Mali)”; several associated actors with “; ”. Empty clears one (not actor 1).</p>
      <label>Why <input name="note" size="24"></label>
      <button type="submit">Save actors</button></form>`;
}

function actorChanges(form, incident) {
  // only the actors that differ from those shown; an emptied one is cleared
  const changes = {};
  for (const [name] of ACTORS) {
    const value = form.elements[name].value.trim().replace(/\s+/g, " ") || null;
    if (value !== (incident[name] ?? null)) changes[name] = value;
  }
  return changes;
}

function discountForm(incident) {
  const [title, hint, button] = incident.discounted
    ? ["Count it again", "Discounted: kept, but counted in no list, export or total.", "Count it again"]
    : ["Discount", "Not an incident (a drill, an accident, another event): kept and recorded, counted in nothing.", "Discount"];
  return `<form id="edit-discount" class="edit-form"><h3>${esc(title)}</h3>
      <p class="muted">${esc(hint)}</p>
      <label>Why <input name="note" size="24"></label>
      <button type="submit">${esc(button)}</button></form>`;
}

function editForms(incident, events) {
  const subEvents = events.event_types.map((e) => `<optgroup label="${esc(e.event_type)}">${options(e.sub_event_types, incident.sub_event_type)}</optgroup>`).join("");
  const precision = ["", "1", "2", "3"].map((p) => `<option value="${p}"${String(incident.geo_precision ?? "") === p ? " selected" : ""}>${p || "—"}</option>`).join("");
  const input = (name, value, extra = "") => `<input name="${name}" value="${esc(value ?? "")}" ${extra}>`;
  const mentions = incident.mentions.map((m) => `<label class="inline"><input type="checkbox" name="mention" value="${esc(m.key)}"> ${esc(m.outlet || m.article_id)} <span class="muted">${esc(m.key)}</span></label>`).join("");
  return `<div class="edit-who">
      <label>Token <input type="password" name="token" autocomplete="off" size="18"></label>
      <label>Your name <input name="editor" size="16"></label>
      <span class="muted">kept in this tab only</span></div>
    <p class="edit-status" role="status"></p>
    <div class="edit-forms">
    <form id="edit-event" class="edit-form"><h3>Event type</h3>
      <label>Sub-event type <select name="sub_event_type">${subEvents}</select></label>
      <label>Why <input name="note" size="24"></label>
      <button type="submit">Save event type</button></form>
    <form id="edit-place" class="edit-form"><h3>Place</h3>
      <label>Location ${input("location", incident.location, "required")}</label>
      <label>Country ${input("country", incident.country, 'required size="3" maxlength="2"')}</label>
      <label>Admin1 ${input("admin1", incident.admin1)}</label>
      <label>Admin2 ${input("admin2", incident.admin2)}</label>
      <label>Latitude ${input("lat", incident.latitude, 'type="number" step="any" class="coord"')}</label>
      <label>Longitude ${input("lon", incident.longitude, 'type="number" step="any" class="coord"')}</label>
      <label>Precision <select name="geo_precision">${precision}</select></label>
      <label>Why <input name="note" size="24"></label>
      <button type="submit">Save place</button></form>
    ${dateForm(incident)}
    ${actorsForm(incident)}
    ${discountForm(incident)}
    ${claimForm(incident)}
    <form id="edit-merge" class="edit-form"><h3>Merge</h3>
      <label>Incident ids merged into this one <input name="incidents" size="30" placeholder="id, id"></label>
      <button type="submit">Merge</button></form>
    <form id="edit-split" class="edit-form"><h3>Split</h3>
      <p class="muted">Mentions moved into a new incident:</p>${mentions}
      <button type="submit">Split</button></form>
    </div>`;
}

function wire(panel, incident) {
  const status = panel.querySelector(".edit-status");
  const who = panel.querySelector(".edit-who");
  who.querySelector("[name=token]").value = sessionStorage.getItem("conflictdb-token") || "";
  who.querySelector("[name=editor]").value = sessionStorage.getItem("conflictdb-editor") || "";
  who.addEventListener("input", () => {
    sessionStorage.setItem("conflictdb-token", who.querySelector("[name=token]").value);
    sessionStorage.setItem("conflictdb-editor", who.querySelector("[name=editor]").value.trim());
  });
  const submit = (id, request) => panel.querySelector(id).addEventListener("submit", async (event) => {
    event.preventDefault();
    const by = sessionStorage.getItem("conflictdb-editor") || "";
    if (!by) { status.innerHTML = `<span class="error">Give your name first.</span>`; return; }
    const made = request(event.target, by);
    if (!made) return;
    status.textContent = "Saving…";
    try {
      const answer = await sendJSON(...made);
      if (answer.new_incident) sessionStorage.setItem("conflictdb-split", answer.new_incident);
      render(answer.incident);  // incident.js draws the incident again, and this panel with it
    } catch (error) {
      status.innerHTML = `<span class="error" role="alert">${esc(error.message)}</span>`;
    }
  });
  const url = `/api/incidents/${encodeURIComponent(incident.id)}`;
  const note = (form) => form.elements.note.value.trim() || null;
  submit("#edit-event", (form, by) => ["PATCH", url, { by, note: note(form), sub_event_type: form.elements.sub_event_type.value }]);
  submit("#edit-place", (form, by) => {
    const value = (name) => form.elements[name].value.trim();
    const number = (name) => (value(name) === "" ? null : Number(value(name)));
    const place = { location: value("location"), country: value("country").toUpperCase(), admin1: value("admin1") || null,
      admin2: value("admin2") || null, lat: number("lat"), lon: number("lon"), geo_precision: number("geo_precision") };
    return ["PATCH", url, { by, note: note(form), place }];
  });
  submit("#edit-date", (form, by) => {
    const body = { by, note: note(form), date: form.elements.date.value.trim() };
    if (form.elements.date_precision.value) body.date_precision = form.elements.date_precision.value;
    return ["PATCH", url, body];
  });
  submit("#edit-actors", (form, by) => {
    const actors = actorChanges(form, incident);
    if (!Object.keys(actors).length) { status.textContent = "Nothing changed in the actors."; return null; }
    return ["PATCH", url, { by, note: note(form), actors }];
  });
  submit("#edit-discount", (form, by) => ["PATCH", url, { by, note: note(form), discounted: !incident.discounted }]);
  const claimFormElement = panel.querySelector("#edit-claim");
  if (claimFormElement.elements.claim.options.length) fillClaim(claimFormElement, incident);
  else claimFormElement.hidden = true;
  claimFormElement.elements.claim.addEventListener("change", () => fillClaim(claimFormElement, incident));
  submit("#edit-claim", (form, by) => {
    const [id, changes] = claimChanges(form, incident);
    if (!Object.keys(changes).length) { status.textContent = "Nothing changed in this claim."; return null; }
    return ["PATCH", `/api/claims/${id}`, { by, note: note(form), ...changes }];
  });
  submit("#edit-merge", (form, by) => {
    const incidents = form.elements.incidents.value.split(/[\s,]+/).filter(Boolean);
    return incidents.length ? ["POST", `${url}/merge`, { by, incidents }] : null;
  });
  submit("#edit-split", (form, by) => {
    const mentions = [...form.querySelectorAll("[name=mention]:checked")].map((box) => box.value);
    return mentions.length ? ["POST", `${url}/split`, { by, mentions }] : null;
  });
  for (const card of document.querySelectorAll(".claim[data-claim-id]")) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "correct-claim";
    button.textContent = "Correct this claim";
    button.addEventListener("click", () => {
      claimFormElement.elements.claim.value = card.dataset.claimId;
      fillClaim(claimFormElement, incident);
      claimFormElement.scrollIntoView({ block: "center" });
    });
    card.append(button);
  }
  const split = sessionStorage.getItem("conflictdb-split");
  if (split) {
    sessionStorage.removeItem("conflictdb-split");
    status.innerHTML = `Split into the new incident <a href="/incidents/${encodeURIComponent(split)}">${esc(split)}</a>.`;
  }
}

document.addEventListener("incident-rendered", async (event) => {
  const incident = event.detail;
  const panel = document.createElement("section");
  panel.id = "edit-panel";
  panel.className = "panel edit-panel";
  panel.innerHTML = `<div class="panel-head"><h2>Edits</h2><span class="hint">every edit is recorded with who and when</span></div>
    <div class="edit-body"></div><h3>History</h3><ul id="edit-history" class="edit-history"></ul>`;
  try {
    const [write, events] = await Promise.all([writable, taxonomy]);
    const edited = await showHistory(incident, panel);
    if (!write && !edited) return;  // a read-only server and nothing edited: nothing to show
    if (write) {
      panel.querySelector(".edit-body").innerHTML = editForms(incident, events);
      wire(panel, incident);
    }
    document.getElementById("incident").append(panel);
    panel.dataset.ready = "true";
  } catch (error) {
    showError(panel.querySelector(".edit-body"), error);
    document.getElementById("incident").append(panel);
  }
});
