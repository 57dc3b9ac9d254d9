"""Throughput benchmark: a generated corpus through `conflictdb extract` and `conflictdb ingest`.

The corpus is made from the project's own articles (tests/corpus and the bundled examples) with their
numbers, weekdays, places and names varied, so no two articles are the same text. Reports articles/s,
words/s, peak memory, and the time per pipeline stage (single process, in-process timer).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from conflictdb import pipeline
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
_NUMBER = re.compile(r"\b([1-9]\d?)\b(?!\d)")


def vary(text: str, rng: random.Random) -> str:
    """A new article from an old one: other small numbers, weekdays and towns."""
    text = _NUMBER.sub(lambda m: str(max(1, int(m.group(1)) + rng.randint(-3, 9))), text)
    text = re.sub("|".join(WEEKDAYS), lambda m: rng.choice(WEEKDAYS), text)
    for a, b in PLACES:
        if rng.random() < 0.3:
            text = text.replace(a, b)
    return text


def make_corpus(out: Path, count: int, seed: int = 7) -> list[Path]:
    """Write `count` varied .txt articles into `out`."""
    rng = random.Random(seed)
    bases = [p for folder in SOURCES for p in sorted(folder.glob("*.txt"))]
    texts = [p.read_text(encoding="utf-8") for p in bases]
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = out / f"bench{i:06d}.txt"
        path.write_text(vary(texts[i % len(texts)], rng), encoding="utf-8")
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
    articles = [read_text_article(p) for p in paths[:limit]]
    start = time.perf_counter()
    for article in articles:
        pipeline.process_article(article, resources, timer=timer)
    return dict(timer.seconds), time.perf_counter() - start, len(articles)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "bench.json")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="conflictdb-bench-"))
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
