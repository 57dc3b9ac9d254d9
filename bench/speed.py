"""Throughput benchmark: a generated corpus through `conflictdb extract` and `conflictdb ingest`.

The corpus is made from the project's own articles (tests/corpus and the bundled examples) with their
numbers, weekdays, places and names varied, so no two articles are the same text. Reports articles/s,
words/s, peak memory, and the time per pipeline stage (single process, in-process timer). The resolution
run ingests 10,000 articles whose dates are spread over years (so incidents are realistic in size) and
measures how ingest speed grows with the size of the store.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from conflictdb import pipeline
from conflictdb.errors import raise_error
from conflictdb.ingest import read_text_article
from conflictdb.resources import load_resources
from conflictdb.timing import StageTimer

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "tests" / "corpus" / "articles", ROOT / "src" / "conflictdb" / "examples"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
PLACES = [
    ("Kandahar", "Helmand"),
    ("Mosul", "Kirkuk"),
    ("Idlib", "Aleppo"),
    ("Taiz", "Marib"),
    ("Baidoa", "Kismayo"),
    ("Maiduguri", "Damaturu"),
    ("Gao", "Mopti"),
    ("Kharkiv", "Kherson"),
    ("Rafah", "Khan Younis"),
    ("Sittwe", "Myitkyina"),
    ("Peshawar", "Quetta"),
    ("Goma", "Beni"),
]
_NUMBER = re.compile(r"(?<![\d/:.-])\b([1-9]\d?)\b(?![\d/:-])")  # not inside 2019-12-01, 30/04, 9:12


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]  # fmt: skip
_YEAR = re.compile(r"\b(?:19[89]\d|20[0-2]\d)\b")
_MONTH = re.compile(r"\b(?:" + "|".join(MONTHS) + r")\b")


def shift_dates(text: str, rng: random.Random) -> str:
    """The same story in another month and year, so a large corpus spreads over time like real news.

    An article whose head gives no year gets a publication line in the new month, as every record of a
    feed or a crawl carries its date: an undated copy would be compared with every year of the store.
    """
    years, month = rng.randint(-12, 2), rng.choice(MONTHS)
    title, _, body = text.partition("\n")
    if not _YEAR.search("\n".join(body.splitlines()[:4])):
        body = f"Published: {month} {rng.randint(1, 28)}, {2021 + years}\n{body}"
        text = f"{title}\n{_YEAR.sub('2021', body)}"
    text = _YEAR.sub(lambda m: str(int(m.group(0)) + years), text)
    return _MONTH.sub(month, text)


def vary(text: str, rng: random.Random, *, spread: bool = False) -> str:
    """A new article from an old one: other small numbers, weekdays and towns (and dates, if `spread`)."""
    if spread:
        text = shift_dates(text, rng)
    text = _NUMBER.sub(lambda m: str(max(1, int(m.group(1)) + rng.randint(-3, 9))), text)
    text = re.sub("|".join(WEEKDAYS), lambda m: rng.choice(WEEKDAYS), text)
    for a, b in PLACES:
        if rng.random() < 0.3:
            text = text.replace(a, b)
    return text


def make_corpus(
    out: Path, count: int, seed: int = 7, *, spread: bool = False, prefix: str = "bench"
) -> list[Path]:
    """Write `count` varied .txt articles into `out`."""
    rng = random.Random(seed)
    bases = [p for folder in SOURCES for p in sorted(folder.glob("*.txt"))]
    texts = [p.read_text(encoding="utf-8") for p in bases]
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = out / f"{prefix}{i:06d}.txt"
        path.write_text(vary(texts[i % len(texts)], rng, spread=spread), encoding="utf-8")
        paths.append(path)
    return paths


def run_cli(args: list[str]) -> tuple[float, int]:
    """Run the CLI; wall seconds and the peak memory (KB) of the child process."""
    start = time.perf_counter()
    subprocess.run(
        [str(Path(sys.executable).with_name("conflictdb")), *args],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - start
    return wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def stage_split(paths: list[Path], limit: int) -> tuple[dict[str, float], float, int]:
    """Per-stage seconds over the first `limit` articles in this process."""
    resources = load_resources()
    timer = StageTimer()
    articles = [read_text_article(p, inputs=resources.inputs) for p in paths[:limit]]
    start = time.perf_counter()
    for article in articles:
        pipeline.extract_records([article], resources, link=False, on_error=raise_error, timer=timer)
    return dict(timer.seconds), time.perf_counter() - start, len(articles)


def timed_ingest(corpus: Path, db: Path, workers: int) -> dict[str, float]:
    """`conflictdb ingest` of a folder into a SQLite file: seconds, articles/s, incidents afterwards."""
    count = len(list(corpus.glob("*.txt")))
    wall, _peak = run_cli(["ingest", str(corpus), "--db", f"sqlite:///{db}", "--workers", str(workers)])
    with sqlite3.connect(db) as conn:
        incidents = conn.execute("SELECT count(*) FROM incidents").fetchone()[0]
        groups = conn.execute("SELECT count(DISTINCT source_group) FROM articles").fetchone()[0]
    return {
        "articles": count,
        "seconds": round(wall, 1),
        "articles_per_s": round(count / wall, 1),
        "incidents_after": incidents,
        "source_groups_after": groups,
    }


def resolution_benchmark(work: Path, articles: int, workers: int) -> dict[str, object]:
    """Ingest `articles` date-spread articles into a fresh SQLite, then 1,000 more into a store holding
    1,000 and one holding `articles`: end-to-end speed and how it grows with the database."""
    big = make_corpus(work / "res-big", articles, seed=11, spread=True, prefix="res")
    more = work / "res-more"
    make_corpus(more, 1000, seed=12, spread=True, prefix="more")
    small = work / "res-small"
    small.mkdir()
    for path in big[:1000]:
        (small / path.name).write_bytes(path.read_bytes())
    report: dict[str, object] = {}
    report["fresh"] = timed_ingest(work / "res-big", work / "big.sqlite", workers)
    print(f"resolution: {articles} articles into a fresh SQLite: {report['fresh']}")
    timed_ingest(small, work / "small.sqlite", workers)
    report["1k_more_into_1k"] = timed_ingest(more, work / "small.sqlite", workers)
    print(f"resolution: 1,000 more into a store of 1,000 articles: {report['1k_more_into_1k']}")
    key = f"1k_more_into_{articles // 1000}k"
    report[key] = timed_ingest(more, work / "big.sqlite", workers)
    print(f"resolution: 1,000 more into a store of {articles} articles: {report[key]}")
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--resolution-articles", type=int, default=10000, help="0 skips the resolution run")
    parser.add_argument("--only-resolution", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "bench.json")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="conflictdb-bench-"))
    if args.only_resolution:
        report = {"resolution": resolution_benchmark(work, args.resolution_articles, args.workers)}
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
        return
    paths = make_corpus(work / "corpus", args.articles)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    report: dict[str, object] = {"articles": len(paths), "words": words, "workers": args.workers}
    print(f"corpus: {len(paths)} articles, {words} words, in {work / 'corpus'}")

    wall, peak = run_cli(
        ["extract", str(work / "corpus"), "--format", "jsonl", "--workers", str(args.workers)]
    )
    report["extract"] = {
        "seconds": round(wall, 2),
        "articles_per_s": round(len(paths) / wall, 1),
        "words_per_s": round(words / wall),
        "peak_rss_mb_largest_process": round(peak / 1024),
    }
    print(
        f"extract: {wall:.1f} s, {len(paths) / wall:.1f} articles/s, {words / wall:,.0f} words/s, "
        f"peak RSS {peak / 1024:.0f} MB (largest process)"
    )

    db = work / "bench.sqlite"
    wall, peak = run_cli(
        ["ingest", str(work / "corpus"), "--db", f"sqlite:///{db}", "--workers", str(args.workers)]
    )
    report["ingest"] = {
        "seconds": round(wall, 2),
        "articles_per_s": round(len(paths) / wall, 1),
        "words_per_s": round(words / wall),
        "peak_rss_mb_largest_process": round(peak / 1024),
    }
    print(
        f"ingest into SQLite: {wall:.1f} s, {len(paths) / wall:.1f} articles/s, {words / wall:,.0f} words/s, "
        f"peak RSS {peak / 1024:.0f} MB (largest process)"
    )

    if args.resolution_articles:
        report["resolution"] = resolution_benchmark(work, args.resolution_articles, args.workers)

    seconds, total, n = stage_split(paths, min(400, len(paths)))
    report["stages_ms_per_article"] = {k: round(1000 * v / n, 2) for k, v in sorted(seconds.items())}
    report["single_process_articles_per_s"] = round(n / total, 1)
    print(f"single process, {n} articles: {n / total:.1f} articles/s; ms per article by stage:")
    for stage, secs in sorted(seconds.items(), key=lambda kv: -kv[1]):
        print(f"  {stage:10s} {1000 * secs / n:7.2f} ms  {100 * secs / total:5.1f}%")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
