"""Accuracy on our own corpus, and on ../shared's dev corpus and ACLED notes (the shared scorers)."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from conflictdb import evaluate, formats, pipeline
from conflictdb.resources import load_resources

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def extract(paths: list[Path], resources) -> list[dict]:
    """`conflictdb extract` as a library call."""
    results = pipeline.extract_records(paths, resources)
    return sorted(
        (
            formats.extract_record(a, ms, rules=resources.reconcile, tables=resources.exports)
            for a, ms in results
        ),
        key=lambda r: r["id"],
    )


def write(records: list[dict], path: Path) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="per-article detail of the own corpus")
    args = parser.parse_args()
    resources = load_resources()
    own = ROOT / "tests" / "corpus"
    records = extract([own / "articles"], resources)
    print("== own corpus (tests/corpus, ../shared/eval/score.py)")
    for key, value in evaluate.shared_score(SHARED / "eval" / "score.py", own, records).items():
        print(f"  {key:22s} {value}")
    out = Path(tempfile.mkdtemp())
    write(records, out / "own.jsonl")
    if args.verbose:
        subprocess.run(
            [
                sys.executable,
                str(SHARED / "eval" / "score.py"),
                "--corpus",
                str(own),
                "--pred",
                str(out / "own.jsonl"),
                "-v",
            ],
            check=False,
        )
    if (SHARED / "corpus" / "dev").exists():
        write(extract([SHARED / "corpus" / "dev" / "articles"], resources), out / "dev.jsonl")
        print("== dev corpus (../shared/eval/score.py)")
        subprocess.run(
            [
                sys.executable,
                str(SHARED / "eval" / "score.py"),
                "--corpus",
                str(SHARED / "corpus" / "dev"),
                "--pred",
                str(out / "dev.jsonl"),
            ],
            check=False,
        )
        write(extract([SHARED / "corpus" / "acled-dev" / "articles"], resources), out / "acled.jsonl")
        print("== ACLED notes (../shared/eval/score_acled.py)")
        subprocess.run(
            [
                sys.executable,
                str(SHARED / "eval" / "score_acled.py"),
                str(SHARED / "corpus" / "acled-dev" / "expected.jsonl"),
                str(out / "acled.jsonl"),
            ],
            check=False,
        )
    print(f"(predictions in {out})")


if __name__ == "__main__":
    main()
