"""Scores against gold, floors, and the phenomena checks.

Corpora with gold (ours in tests/, the shared ones in ../shared/corpus) are scored by the shared scorer,
../shared/eval/score.py, called as a program: it is the reference every published figure comes from, and
the project keeps no copy of it. The phenomena checks below compare one article's record with what a
careful coder expects of it.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

OUTCOMES = ("killed", "injured")

_SPEAKER_STOPWORDS = frozenset(
    {"the", "and", "said", "told", "of", "a", "an", "in", "from", "with", "for", "to", "on"}
)

FigureKey = tuple[str, str, int | None, int | None]


def _speaker_words(name: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", name.lower()) if len(w) > 2 and w not in _SPEAKER_STOPWORDS}


def same_speaker(gold: str | None, predicted: str | None) -> bool:
    """Half the gold speaker's words appear in the prediction; the outlet's voice is None on both sides."""
    if not gold or not predicted:
        return not gold and not predicted
    words = _speaker_words(gold)
    return bool(words) and len(words & _speaker_words(predicted)) / len(words) >= 0.5


def predicted_figures(mention: dict[str, Any]) -> list[tuple[FigureKey, str | None]]:
    """Numeric figures of a predicted mention with their speakers."""
    out = []
    for claim in mention.get("claims", []):
        for outcome in OUTCOMES:
            for category, bounds in (claim.get(outcome) or {}).items():
                if isinstance(bounds, dict) and (
                    bounds.get("min") is not None or bounds.get("max") is not None
                ):
                    out.append(
                        ((outcome, category, bounds.get("min"), bounds.get("max")), claim.get("speaker"))
                    )
    return out


def shared_score(scorer: Path, corpus: Path, records: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The JSON report of the shared scorer (score.py) on `corpus` (articles/, gold/) for these records."""
    with tempfile.TemporaryDirectory(prefix="conflictdb-score-") as tmp:
        predictions = Path(tmp) / "predictions.jsonl"
        lines = (json.dumps(record, ensure_ascii=False) + "\n" for record in records)
        predictions.write_text("".join(lines), encoding="utf-8")
        command = [sys.executable, str(scorer), "--corpus", str(corpus), "--pred", str(predictions), "--json"]
        done = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


def prf(tp: int, predicted: int, gold: int) -> dict[str, float | int]:
    """Precision, recall and F1 (rounded to 3 places) with the counts behind them."""
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(f, 3),
        "tp": tp,
        "pred": predicted,
        "gold": gold,
    }


def headline(report: dict[str, Any]) -> dict[str, float | None]:
    """The single numbers floors are pinned on: F1 for P/R/F1 figures, else accuracy."""
    out: dict[str, float | None] = {}
    for key, value in report.items():
        if isinstance(value, dict):
            out[key] = value["f1"] if "f1" in value else value.get("accuracy")
    return out


def below_floors(report: dict[str, Any], floors: dict[str, float]) -> list[str]:
    """Every headline figure that fell below its pinned floor, as readable lines."""
    figures = headline(report)
    return [
        f"{name}: {figures.get(name)} < floor {floor}"
        for name, floor in floors.items()
        if figures.get(name) is None or figures[name] < floor
    ]


@dataclass(frozen=True)
class CaseResult:
    """One phenomena case: did the pipeline give what a careful coder expects, and if not, why."""

    id: str
    phenomenon: str
    passed: bool
    problems: tuple[str, ...]


def _case_figures(record: dict[str, Any]) -> list[tuple[str, str, int | None, int | None]]:
    return sorted((k[0], k[1], k[2], k[3]) for m in record["mentions"] for k, _s in predicted_figures(m))


BACKGROUND_PHENOMENA = frozenset({"background", "aggregate"})


def check_case(case: dict[str, Any], record: dict[str, Any]) -> CaseResult:
    """Compare one article record with a phenomena case's expectations."""
    expect = case["expect"]
    problems = []
    got = _case_figures(record)
    wanted = sorted(tuple(f) for f in expect.get("figures", []))
    if got != wanted:
        problems.append(f"figures {got} != {wanted}")
    claims = [c for m in record["mentions"] for c in m["claims"]]
    if "speaker" in expect:
        with_figures = [c for c in claims if predicted_figures({"claims": [c]})] or claims
        if not any(same_speaker(expect["speaker"], c.get("speaker")) for c in with_figures):
            problems.append(f"speaker {[c.get('speaker') for c in with_figures]} != {expect['speaker']!r}")
    if "stance" in expect and not any((c.get("stance") or "").startswith(expect["stance"]) for c in claims):
        problems.append(f"stance {[c.get('stance') for c in claims]} != {expect['stance']!r}")
    if case["phenomenon"] in BACKGROUND_PHENOMENA:
        told_as_news = [m for m in record["mentions"] if predicted_figures(m) and not m.get("background")]
        if told_as_news:
            problems.append("an older event or a total reported as a new incident")
    news = [m for m in record["mentions"] if not m.get("background")]
    first = news[0] if news else {}
    if "date" in expect and first.get("date") != expect["date"]:
        problems.append(f"date {first.get('date')} != {expect['date']}")
    if "sub_event_type" in expect and first.get("sub_event_type") != expect["sub_event_type"]:
        problems.append(f"sub_event_type {first.get('sub_event_type')!r} != {expect['sub_event_type']!r}")
    return CaseResult(case["id"], case["phenomenon"], not problems, tuple(problems))


def pass_rates(results: Iterable[CaseResult]) -> dict[str, tuple[int, int]]:
    """(passed, total) per phenomenon, and overall under "all"."""
    rates: dict[str, list[int]] = {}
    for result in results:
        for key in (result.phenomenon, "all"):
            tally = rates.setdefault(key, [0, 0])
            tally[0] += result.passed
            tally[1] += 1
    return {k: (v[0], v[1]) for k, v in sorted(rates.items())}


def normalised_actor(name: str | None) -> str:
    """An actor name case-folded, every character but letters and digits made a space, whitespace
    collapsed: "NPA: New People’s Army" and "NPA: New People's Army" are one."""
    return " ".join(re.sub(r"[\W_]", " ", (name or "").casefold()).split())


def actor_agreement(
    records: Iterable[dict[str, Any]], expected: Iterable[dict[str, Any]]
) -> dict[str, float]:
    """Share of ACLED notes whose first mention has ACLED's actor1 (and actor2, over notes with one),
    normalised names compared; a note without a mention is a miss."""
    first = {r["id"]: (r.get("mentions") or [{}])[0] for r in records}
    right, total = {"actor1": 0, "actor2": 0}, {"actor1": 0, "actor2": 0}
    for note in expected:
        for field in right:
            if note.get(field):
                got = first.get(note["id"], {}).get(field)
                right[field] += bool(got) and normalised_actor(got) == normalised_actor(note[field])
                total[field] += 1
    return {field: right[field] / total[field] for field in right if total[field]}
