"""Accuracy on the corpora in ../shared, scored by the shared scorers against tests/floors.json.

news (100 real reports) and acled-world (2,367 ACLED notes, 116 countries) hold honest minimums;
dev and acled-dev are the shared development corpora. Each test extracts in this process, as
`conflictdb extract` does (every article read, then incidents linked across them), and skips with its
reason when ../shared is absent. Measured on a busy 2-core machine: news 13 s, acled-dev 6 s, dev 1 s,
acled-world 60 s (the whole corpus: a subset would not be an honest score).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conflictdb import evaluate, formats, pipeline
from conflictdb.resources import Resources
from tests.conftest import floors, shared_or_skip


def extract_records(paths: list[Path], resources: Resources) -> list[dict]:
    """The extract records of every article under `paths`, sorted by id."""
    linked = pipeline.extract_records(paths, resources)
    return sorted(
        (
            formats.extract_record(a, ms, rules=resources.reconcile, tables=resources.exports)
            for a, ms in linked
        ),
        key=lambda r: r["id"],
    )


def news_style_report(corpus: Path, paths: list[Path], resources: Resources) -> dict:
    """The shared score.py report on a corpus with gold/ (news, dev)."""
    scorer = shared_or_skip("eval", "score.py")
    return evaluate.shared_score(scorer, corpus, extract_records(paths, resources))


def acled_scores(corpus: Path, resources: Resources, tmp_path: Path) -> dict[str, float]:
    """score_acled.py's figures on a corpus of ACLED notes ("deaths 0.963 (78/81)" lines)."""
    records = extract_records([corpus / "articles"], resources)
    predictions = tmp_path / "predictions.jsonl"
    predictions.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    scorer = shared_or_skip("eval", "score_acled.py")
    command = [sys.executable, str(scorer), str(corpus / "expected.jsonl"), str(predictions)]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    scores = {line.split()[0]: float(line.split()[1]) for line in out.splitlines() if line.strip()}
    notes = [
        json.loads(line) for line in (corpus / "expected.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    return scores | evaluate.actor_agreement(records, notes)  # actor1, actor2: ACLED's names, normalised


def below(scores: dict[str, float], floors: dict[str, float]) -> dict[str, float | None]:
    """Every floor not met, with the score that missed it."""
    return {name: scores.get(name) for name, floor in floors.items() if scores.get(name, -1.0) < floor}


def test_real_news_corpus_meets_floors(resources: Resources) -> None:
    news = shared_or_skip("corpus", "news")
    report = news_style_report(news, [news / "articles.jsonl"], resources)
    assert evaluate.below_floors(report, floors("news")) == []


def test_dev_corpus_meets_floors(resources: Resources) -> None:
    dev = shared_or_skip("corpus", "dev")
    report = news_style_report(dev, [dev / "articles"], resources)
    assert evaluate.below_floors(report, floors("dev")) == []


def test_acled_dev_notes_meet_floors(tmp_path: Path, resources: Resources) -> None:
    scores = acled_scores(shared_or_skip("corpus", "acled-dev"), resources, tmp_path)
    assert below(scores, floors("acled_dev")) == {}


def test_acled_world_notes_meet_floors(tmp_path: Path, resources: Resources) -> None:
    scores = acled_scores(shared_or_skip("corpus", "acled-world"), resources, tmp_path)
    assert below(scores, floors("acled_world")) == {}
