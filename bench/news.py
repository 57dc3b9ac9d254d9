"""Accuracy on the real-news corpus (../shared/corpus/news), scored by the shared scorer on the whole corpus
and on its two parts: the two thirds we read errors on, and the third we set aside and only score.

The set-aside third (bench/news_heldout.txt) was drawn once, before any error was read, with a seeded
shuffle of groups of articles that report a common incident, so no incident straddles the two parts.
A change that helps the part we read and not the part we set aside is fitted: undo it.

    python bench/news.py [--pred out/news.jsonl] [--part read|heldout|all] [-v]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
NEWS = SHARED / "corpus" / "news"
HELDOUT = Path(__file__).with_name("news_heldout.txt")
MEASURES = (
    ("figures", "f1"),
    ("figures_any_category", "f1"),
    ("attribution", "accuracy"),
    ("incidents", "f1"),
    ("incidents", "recall"),
    ("event_type", "accuracy"),
    ("date", "accuracy"),
    ("country", "accuracy"),
    ("admin1", "accuracy"),
    ("cross_article_links", "f1"),
)


def heldout_ids(path: Path = HELDOUT) -> set[str]:
    """The ids of the set-aside third (of the news corpus, or those listed in `path`)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def extract(pred: Path) -> None:
    """`conflictdb extract` of the corpus's feed file into `pred`."""
    with pred.open("w", encoding="utf-8") as out:
        command = [str(Path(sys.executable).with_name("conflictdb")), "extract", str(NEWS / "articles.jsonl")]
        subprocess.run([*command, "--format", "jsonl"], stdout=out, check=True)


def part_corpus(ids: set[str], workdir: Path, name: str) -> Path:
    """A corpus folder of symbolic links to the articles and gold files of `ids`."""
    corpus = workdir / name
    for sub, suffix in (("articles", ".txt"), ("gold", ".json")):
        (corpus / sub).mkdir(parents=True)
        for article_id in ids:
            (corpus / sub / f"{article_id}{suffix}").symlink_to(NEWS / sub / f"{article_id}{suffix}")
    return corpus


def score(corpus: Path, pred: Path, *, verbose: bool = False) -> dict:
    """The shared scorer's report on one corpus folder."""
    flag = "-v" if verbose else "--json"
    scorer = [sys.executable, str(SHARED / "eval" / "score.py"), "--corpus", str(corpus), "--pred", str(pred)]
    done = subprocess.run([*scorer, flag], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pred", type=Path, help="predictions already made (default: extract now)")
    parser.add_argument("--part", choices=("read", "heldout", "all"), help="print -v detail of this part")
    parser.add_argument("-v", "--verbose", action="store_true", help="per-article detail of --part (read)")
    args = parser.parse_args()
    if not NEWS.exists():
        sys.exit(f"{NEWS} is absent: the real-news corpus lives in ../shared")
    workdir = Path(tempfile.mkdtemp(prefix="news-"))
    pred = args.pred or workdir / "news.jsonl"
    if args.pred is None:
        extract(pred)
    every = {p.stem for p in (NEWS / "gold").glob("*.json")}
    held = heldout_ids() & every
    parts = {"all": every, "read": every - held, "heldout": held}
    reports = {name: score(part_corpus(ids, workdir, name), pred) for name, ids in parts.items()}
    print(f"real news ({NEWS}): {len(every)} articles, {len(held)} set aside")
    print(f"{'measure':34s} {'all':>7s} {'read':>7s} {'set aside':>10s}")
    for key, field in MEASURES:
        values = [reports[name][key].get(field) for name in parts]
        shown = ["  n/a" if v is None else f"{v:.3f}" for v in values]
        print(f"{key + ' ' + field:34s} {shown[0]:>7s} {shown[1]:>7s} {shown[2]:>10s}")
    if args.verbose or args.part:
        part = args.part or "read"
        detail = score(part_corpus(parts[part], workdir, f"{part}-v"), pred, verbose=True)
        print(json.dumps(detail.get("detail", []), indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
