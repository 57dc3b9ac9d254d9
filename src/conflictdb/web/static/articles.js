// The list of articles, newest first, searchable.
"use strict";

const listState = { q: new URLSearchParams(location.search).get("q") || "", offset: 0, limit: 50 };
const searchForm = document.getElementById("article-search");

async function loadArticles() {
  const body = await getJSON(`/api/articles${query({ q: listState.q, limit: listState.limit, offset: listState.offset })}`);
  document.querySelector("#articles tbody").innerHTML = body.items.map((a) => `<tr>
    <td class="nowrap">${esc(a.published ?? "")}</td>
    <td><a href="/articles/${encodeURIComponent(a.id)}">${esc(a.title || a.id)}</a></td>
    <td>${esc(a.outlet ?? "")}</td><td class="num">${a.incidents_count}</td><td class="num">${a.mentions_count}</td></tr>`).join("") ||
    `<tr><td colspan="5" class="empty">No article matches.</td></tr>`;
  const end = Math.min(body.total, listState.offset + body.items.length);
  document.getElementById("article-count").textContent = `(${body.total})`;
  document.getElementById("page").textContent = body.total ? `${listState.offset + 1}–${end} of ${body.total}` : "";
  document.getElementById("prev").disabled = listState.offset === 0;
  document.getElementById("next").disabled = end >= body.total;
  document.body.dataset.ready = "true";
}

searchForm.elements.q.value = listState.q;
searchForm.addEventListener("submit", (event) => {
  event.preventDefault();
  listState.q = searchForm.elements.q.value.trim();
  listState.offset = 0;
  history.replaceState(null, "", location.pathname + query({ q: listState.q }));
  loadArticles();
});
document.getElementById("prev").addEventListener("click", () => { listState.offset = Math.max(0, listState.offset - listState.limit); loadArticles(); });
document.getElementById("next").addEventListener("click", () => { listState.offset += listState.limit; loadArticles(); });
loadArticles().catch((error) => showError(document.querySelector(".panel"), error));
