"""Accuracy on our blind corpora by halves: the part read for development and the part only scored.

corpus_e1 and corpus_e2 (written blind in session 7): their odd-numbered articles may be read, their
even-numbered ones are only ever scored; corpus_d's even half has never been read; corpus_f1 and
corpus_f2 (written blind in session 12) are only ever scored, whole. A change that helps the read half
and none of the blind ones is fitted: undo it.

    python bench/blind_halves.py

Extracts each corpus from its feed file with this checkout's code, then prints the shared scorer's
figures for "E read" (odd halves of E1 and E2), "E blind" (their even halves), "D blind" and "F blind"
(corpus_f1 and corpus_f2 whole).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from news import MEASURES as NEWS_MEASURES  # bench/news.py: the real-news benchmark
from news import score  # the shared scorer's report on one corpus folder

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
NAMES = ("corpus_e1", "corpus_e2", "corpus_d", "corpus_f1", "corpus_f2")
CORPORA = {name: ROOT / "tests" / name for name in NAMES}
# bench/news.py's measures but country (the blind halves hold few countries), then how many pairs of mentions
# in different articles tell one incident (gold pairs: few, so a links F1 moves in large steps)
MEASURES = (
    *(m for m in NEWS_MEASURES if m[0] != "country"),
    ("cross_article_links", "gold"),
)


BLIND_WHOLE = ("corpus_f1", "corpus_f2")  # never read: every article is in the blind column


def is_odd(article_id: str) -> bool:
    """Whether the number in an article id ("ea013") is odd."""
    return int("".join(ch for ch in article_id if ch.isdigit())) % 2 == 1


def extract(corpus: Path, out: Path) -> None:
    """`conflictdb extract` of a corpus's feed file into `out`."""
    command = [str(Path(sys.executable).with_name("conflictdb")), "extract", str(corpus / "articles.jsonl")]
    with out.open("w", encoding="utf-8") as handle:
        subprocess.run([*command, "--format", "jsonl"], stdout=handle, stderr=subprocess.DEVNULL, check=True)


def part(ids: dict[str, Path], folder: Path) -> Path:
    """A corpus folder of symbolic links to the articles and gold of `ids` (id -> its corpus)."""
    for sub, suffix in (("articles", ".txt"), ("gold", ".json")):
        (folder / sub).mkdir(parents=True)
        for article_id, corpus in ids.items():
            (folder / sub / f"{article_id}{suffix}").symlink_to(corpus / sub / f"{article_id}{suffix}")
    return folder


def main() -> None:
    if not SCORER.exists():
        sys.exit(f"{SCORER} is absent: the shared scorer lives in ../shared")
    work = Path(tempfile.mkdtemp(prefix="halves-"))
    preds = {name: work / f"{name}.jsonl" for name in CORPORA}
    for name, corpus in CORPORA.items():
        extract(corpus, preds[name])
    merged = work / "e.jsonl"
    merged.write_text(preds["corpus_e1"].read_text() + preds["corpus_e2"].read_text(), encoding="utf-8")
    merged_f = work / "f.jsonl"
    merged_f.write_text("".join(preds[name].read_text() for name in BLIND_WHOLE), encoding="utf-8")
    parts = {"E read": (True, ("corpus_e1", "corpus_e2")), "E blind": (False, ("corpus_e1", "corpus_e2"))}
    parts["D blind"] = (False, ("corpus_d",))
    parts["F blind"] = (None, BLIND_WHOLE)
    pred_of = {"E read": merged, "E blind": merged, "D blind": preds["corpus_d"], "F blind": merged_f}
    reports = {}
    for label, (odd, names) in parts.items():
        ids = {
            gold.stem: CORPORA[name]
            for name in names
            for gold in (CORPORA[name] / "gold").glob("*.json")
            if odd is None or is_odd(gold.stem) == odd
        }
        reports[label] = score(part(ids, work / label.replace(" ", "-")), pred_of[label])
    print(f"{'measure':30s}" + "".join(f"{label:>10s}" for label in reports))
    for key, stat in MEASURES:
        values = [reports[label][key][stat] for label in reports]
        cells = "".join(
            f"{v:10d}" if isinstance(v, int) else f"{float('nan') if v is None else v:10.3f}" for v in values
        )
        print(f"{key + ' ' + stat:30s}{cells}")


if __name__ == "__main__":
    main()
